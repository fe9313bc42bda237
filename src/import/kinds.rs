//! The body: Kính gửi and boxes at its head, then what each kind prints from its own fields
//! (quyết định, giấy mời, giấy giới thiệu, giấy nghỉ phép, biên bản), the rest as Markdown.

use super::*;

impl Builder {
    // --- Body ------------------------------------------------------------------------------

    pub(super) fn body_of(&mut self, doc: &Doc, start: usize, end: usize, layout: Option<Layout>) {
        let blocks = &doc.blocks[start..end.max(start)];
        let mut i = 0;
        // Leading: Kính gửi, boxes, the công điện's sender line.
        while let Some(b) = blocks.get(i) {
            match b {
                Block::Para(p) if p.plain().is_empty() || p.is_rule_only() => i += 1,
                Block::Table(rows) => match box_text(rows) {
                    Some(t) if self.boxed(&t) => i += 1,
                    _ => break,
                },
                Block::Para(p) => {
                    let t = p.plain();
                    if layout == Some(Layout::Telegram) && self.out.nguoi_dien.is_none() {
                        if let Some(s) = t.strip_suffix("điện:") {
                            self.out.nguoi_dien = Some(s.trim().to_string());
                            i += 1;
                            i += self.list_lines(&blocks[i..], |b, x| b.out.kinh_gui.push(x));
                            continue;
                        }
                    }
                    if self.out.kinh_gui.is_empty() && t.starts_with("Kính gửi") {
                        // `Kính gửi: A.` / `Kính gửi: A;` + Shift+Enter `- B.` / `Kính gửi:`
                        // then one paragraph (dashed, or centred without a dash) each.
                        let lines: Vec<String> = p.lines().iter().map(Para::plain).collect();
                        let first = lines[0]["Kính gửi".len()..].trim_start_matches([':', ' ']);
                        if !first.is_empty() {
                            self.out.kinh_gui.push(item(first));
                        }
                        for l in lines.iter().skip(1).filter(|l| !l.is_empty()) {
                            self.out.kinh_gui.push(item(l));
                        }
                        i += 1;
                        let alone = self.out.kinh_gui.is_empty();
                        while let Some(Block::Para(q)) = blocks.get(i) {
                            let qt = q.plain();
                            let dashed = qt.starts_with(['-', '+', '–', '•']);
                            let centred = q.props.jc.as_deref() == Some("center");
                            if qt.is_empty() || !(dashed || alone && centred) {
                                break;
                            }
                            for l in q.lines() {
                                let lt = l.plain();
                                if !lt.is_empty() {
                                    self.out.kinh_gui.push(item(&lt));
                                }
                            }
                            i += 1;
                        }
                        if self.out.kinh_gui.is_empty() {
                            self.warn(
                                "\"Kính gửi:\" không có nơi nhận theo sau: điền kinh_gui".into(),
                            );
                            self.out.kinh_gui.push(UNKNOWN.into());
                        }
                        continue;
                    }
                    break;
                }
            }
        }
        let rest = &blocks[i.min(blocks.len())..];
        match layout {
            Some(Layout::Decision | Layout::Resolution) => self.decision(rest),
            Some(Layout::Invitation) => self.invitation(rest),
            Some(Layout::Introduction) => self.introduction(rest),
            Some(Layout::Leave) => self.leave(rest),
            Some(Layout::Minutes) => self.minutes(rest),
            _ => {
                for b in rest {
                    self.body_block(b);
                }
            }
        }
    }

    /// Lines `- X;` … `- Y.` (paragraphs or lines of one): each to `push`; returns the number
    /// of blocks used.
    pub(super) fn list_lines(
        &mut self,
        blocks: &[Block],
        push: impl Fn(&mut Self, String),
    ) -> usize {
        let mut used = 0;
        for b in blocks {
            let Block::Para(p) = b else { break };
            let lines = p.lines();
            if lines.iter().all(|l| l.plain().is_empty()) {
                break;
            }
            if !lines
                .iter()
                .filter(|l| !l.plain().is_empty())
                .all(|l| l.plain().starts_with(['-', '+', '–', '•']))
            {
                break;
            }
            for l in lines {
                let t = l.plain();
                if !t.is_empty() {
                    push(self, item(&t));
                }
            }
            used += 1;
        }
        used
    }

    /// Paragraphs of `blocks` with text, their index.
    pub(super) fn texts(blocks: &[Block]) -> Vec<(usize, String)> {
        blocks
            .iter()
            .enumerate()
            .filter_map(|(i, b)| match b {
                Block::Para(p) if !p.plain().is_empty() => Some((i, p.plain())),
                _ => None,
            })
            .collect()
    }

    /// Body blocks from `from` on, in order.
    pub(super) fn rest_to_body(&mut self, blocks: &[Block], used: &[bool]) {
        for (i, b) in blocks.iter().enumerate() {
            if !used.get(i).copied().unwrap_or(false) {
                self.body_block(b);
            }
        }
    }

    /// Quyết định, nghị quyết: thẩm quyền, căn cứ, `QUYẾT ĐỊNH:`, Điều.
    pub(super) fn decision(&mut self, blocks: &[Block]) {
        let mut i = 0;
        let para = |i: usize| match blocks.get(i) {
            Some(Block::Para(p)) => Some(p),
            _ => None,
        };
        while para(i).is_some_and(|p| p.plain().is_empty()) {
            i += 1;
        }
        if let Some(p) = para(i) {
            let t = p.plain();
            if p.props.jc.as_deref() == Some("center") && is_upper(&t) && !t.starts_with("QUYẾT")
            {
                self.out.tham_quyen = Some(t);
                i += 1;
            }
        }
        while let Some(p) = para(i) {
            let t = p.plain();
            if t.is_empty() {
                i += 1;
                continue;
            }
            if all_italic(p) && !t.starts_with("QUYẾT") {
                self.out.can_cu.push(bare(&t));
                i += 1;
            } else {
                break;
            }
        }
        if let Some(p) = para(i) {
            if matches!(p.plain().as_str(), "QUYẾT ĐỊNH:" | "QUYẾT NGHỊ:") {
                i += 1;
            }
        }
        let mut current: Option<Vec<String>> = None;
        let mut tail = Vec::new();
        for b in &blocks[i.min(blocks.len())..] {
            if let Block::Para(p) = b {
                let t = p.plain();
                if let Some(n) = article_label(&t) {
                    if let Some(d) = current.take() {
                        self.out.dieu.push(d.join("\n\n"));
                    }
                    let runs = strip_prefix(&p.runs, n);
                    let md = markdown::inline(&runs, &mut self.notes, true, true);
                    current = Some(if md.is_empty() { Vec::new() } else { vec![md] });
                    continue;
                }
            }
            match &mut current {
                Some(d) => {
                    let before = self.body.len();
                    self.body_block(b);
                    d.extend(self.body.drain(before..));
                }
                None => tail.push(b.clone()),
            }
        }
        if let Some(d) = current {
            self.out.dieu.push(d.join("\n\n"));
        }
        for b in &tail {
            self.keep_block(b, "trước Điều 1");
        }
        if self.out.dieu.is_empty() {
            self.warn("không thấy các điều (\"Điều 1. …\"): nội dung giữ trong noi_dung".into());
        }
        if self.out.tham_quyen.is_none() {
            self.warn("không thấy dòng thẩm quyền ban hành (in hoa, canh giữa, trên các căn cứ): điền tham_quyen".into());
            self.out.tham_quyen = Some(UNKNOWN.into());
        }
    }

    /// Giấy mời (Mẫu 1.7).
    pub(super) fn invitation(&mut self, blocks: &[Block]) {
        let mut used = vec![false; blocks.len()];
        let texts = Self::texts(blocks);
        let mut k = 0;
        if let Some((i, t)) = texts.first() {
            if let Some((_, after)) = t.split_once("trân trọng kính mời:") {
                used[*i] = true;
                k = 1;
                let one = after.trim();
                if one.is_empty() {
                    let n = self.list_lines(&blocks[i + 1..], |b, x| b.out.thanh_phan.push(x));
                    for u in &mut used[i + 1..i + 1 + n] {
                        *u = true;
                    }
                    k = texts
                        .iter()
                        .position(|(j, _)| *j > i + n)
                        .unwrap_or(texts.len());
                } else {
                    self.out.thanh_phan.push(bare(one));
                }
            }
        }
        for (i, t) in texts.iter().skip(k) {
            let value = |p: &str| t.strip_prefix(p).map(|v| Some(bare(v)));
            if let Some(v) = value("Tới dự ") {
                self.out.toi_du = v;
            } else if let Some(v) = value("Chủ trì:") {
                self.out.chu_tri = v;
            } else if let Some(v) = value("Thời gian:") {
                self.out.thoi_gian = v;
            } else if let Some(v) = value("Địa điểm:") {
                self.out.dia_diem = v;
            } else {
                break;
            }
            used[*i] = true;
        }
        for (key, v) in [
            ("thanh_phan", self.out.thanh_phan.is_empty()),
            ("toi_du", self.out.toi_du.is_none()),
            ("thoi_gian", self.out.thoi_gian.is_none()),
            ("dia_diem", self.out.dia_diem.is_none()),
        ] {
            if v {
                self.warn(format!(
                    "giấy mời: không nhận ra `{key}` (dòng \"… trân trọng kính mời:\", \"Tới dự …\", \"Thời gian: …\", \"Địa điểm: …\"): điền khóa này; đoạn văn giữ trong noi_dung"
                ));
            }
        }
        self.fill_missing_invitation();
        self.rest_to_body(blocks, &used);
    }

    pub(super) fn fill_missing_invitation(&mut self) {
        let o = &mut self.out;
        if o.thanh_phan.is_empty() {
            o.thanh_phan.push(UNKNOWN.into());
        }
        for f in [&mut o.toi_du, &mut o.thoi_gian, &mut o.dia_diem] {
            if f.is_none() {
                *f = Some(UNKNOWN.into());
            }
        }
    }

    /// The fields of group `group` the body did not give: a placeholder each, one warning each.
    pub(super) fn fill_unknown<const N: usize>(
        &mut self,
        kind: &str,
        group: &str,
        fields: [(&str, &mut String); N],
    ) {
        for (key, v) in fields {
            if v.is_empty() {
                *v = UNKNOWN.into();
                self.warn(format!(
                    "{kind}: không nhận ra `{group}.{key}`: điền khóa này"
                ));
            }
        }
    }

    /// Giấy giới thiệu (Mẫu 1.8).
    pub(super) fn introduction(&mut self, blocks: &[Block]) {
        let mut used = vec![false; blocks.len()];
        let mut g = Introduction::default();
        for (i, t) in Self::texts(blocks) {
            let value = |p: &str| t.strip_prefix(p).map(|v| v.trim().to_string());
            if t.ends_with("trân trọng giới thiệu:")
                || t.starts_with("Đề nghị Quý cơ quan tạo điều kiện để ông (bà) có tên ở trên")
            {
            } else if let Some(v) = value("Ông (bà):") {
                g.ho_ten = v;
            } else if let Some(v) = value("Chức vụ:") {
                g.chuc_vu = v;
            } else if let Some(v) = value("Được cử đến:") {
                g.duoc_cu_den = v;
            } else if let Some(v) = value("Về việc:") {
                g.ve_viec = v;
            } else if let Some(v) = value("Giấy này có giá trị đến hết ngày") {
                g.co_gia_tri_den = iso(&bare(&v)).unwrap_or(v);
            } else {
                continue;
            }
            used[i] = true;
        }
        self.fill_unknown(
            "giấy giới thiệu",
            "gioi_thieu",
            [
                ("ho_ten", &mut g.ho_ten),
                ("chuc_vu", &mut g.chuc_vu),
                ("duoc_cu_den", &mut g.duoc_cu_den),
                ("ve_viec", &mut g.ve_viec),
                ("co_gia_tri_den", &mut g.co_gia_tri_den),
            ],
        );
        self.out.gioi_thieu = Some(g);
        self.rest_to_body(blocks, &used);
    }

    /// Giấy nghỉ phép (Mẫu 1.10).
    pub(super) fn leave(&mut self, blocks: &[Block]) {
        let mut used = vec![false; blocks.len()];
        let mut l = Leave::default();
        for (i, t) in Self::texts(blocks) {
            if let Some(rest) = t.strip_prefix("Xét Đơn đề nghị nghỉ phép ngày ") {
                if let Some((d, _)) = rest.split_once(' ') {
                    l.ngay_don = iso(d).unwrap_or_default();
                }
            } else if let Some(v) = t.strip_prefix("Ông (bà):") {
                l.ho_ten = v.trim().to_string();
            } else if let Some(v) = t.strip_prefix("Chức vụ:") {
                l.chuc_vu = v.trim().to_string();
            } else if let Some(v) = t.strip_prefix("Được nghỉ phép trong thời gian:") {
                let v = bare(v);
                if let Some((time, rest)) = v.split_once(", kể từ ngày ") {
                    l.thoi_gian = time.trim().to_string();
                    if let Some((from, rest)) = rest.split_once(" đến hết ngày ") {
                        l.tu_ngay = iso(from).unwrap_or_default();
                        if let Some((to, place)) = rest.split_once(" tại ") {
                            l.den_ngay = iso(to).unwrap_or_default();
                            l.noi_nghi = place.trim().to_string();
                        }
                    }
                }
            } else if let Some(v) =
                t.strip_prefix("Số ngày nghỉ phép nêu trên được tính vào thời gian ")
            {
                l.tinh_vao = bare(v);
            } else {
                continue;
            }
            used[i] = true;
        }
        self.fill_unknown(
            "giấy nghỉ phép",
            "nghi_phep",
            [
                ("ho_ten", &mut l.ho_ten),
                ("chuc_vu", &mut l.chuc_vu),
                ("ngay_don", &mut l.ngay_don),
                ("thoi_gian", &mut l.thoi_gian),
                ("tu_ngay", &mut l.tu_ngay),
                ("den_ngay", &mut l.den_ngay),
                ("noi_nghi", &mut l.noi_nghi),
                ("tinh_vao", &mut l.tinh_vao),
            ],
        );
        self.out.nghi_phep = Some(l);
        self.rest_to_body(blocks, &used);
    }

    /// Biên bản (Mẫu 1.9).
    pub(super) fn minutes(&mut self, blocks: &[Block]) {
        let mut used = vec![false; blocks.len()];
        let texts = Self::texts(blocks);
        let mut listing = false;
        for (i, t) in &texts {
            let i = *i;
            if listing {
                if t.starts_with(['-', '+', '–', '•']) {
                    self.out.thanh_phan.push(item(t));
                    used[i] = true;
                    continue;
                }
                listing = false;
            }
            let after = |p: &str| t.strip_prefix(p).map(|v| Some(bare(v)));
            if let Some(v) = after("Thời gian bắt đầu:") {
                self.out.thoi_gian = v;
            } else if let Some(v) = after("Địa điểm:").filter(|_| self.out.dia_diem.is_none())
            {
                self.out.dia_diem = v;
            } else if t == "Thành phần tham dự:" {
                listing = true;
            } else if let Some(v) = after("Chủ trì (chủ tọa):") {
                self.out.chu_tri = v;
            } else if let Some(v) = after("Thư ký (người ghi biên bản):") {
                self.out.thu_ky = v;
            } else if t == "Nội dung (theo diễn biến cuộc họp):" {
            } else if let Some(v) = after("Cuộc họp kết thúc vào") {
                self.out.ket_thuc = v;
            } else {
                continue;
            }
            used[i] = true;
        }
        let o = &mut self.out;
        let mut missing = Vec::new();
        for (key, f) in [
            ("thoi_gian", &mut o.thoi_gian),
            ("dia_diem", &mut o.dia_diem),
            ("chu_tri", &mut o.chu_tri),
            ("thu_ky", &mut o.thu_ky),
            ("ket_thuc", &mut o.ket_thuc),
        ] {
            if f.is_none() {
                *f = Some(UNKNOWN.into());
                missing.push(key);
            }
        }
        if o.thanh_phan.is_empty() {
            o.thanh_phan.push(UNKNOWN.into());
            missing.push("thanh_phan");
        }
        if !missing.is_empty() {
            self.warn(format!(
                "biên bản: không nhận ra {}: điền các khóa này",
                missing.join(", ")
            ));
        }
        self.rest_to_body(blocks, &used);
    }
}

/// The date written `ngày D tháng M năm Y` inside a text, as `YYYY-MM-DD`.
pub(super) fn date_in(t: &str) -> Option<String> {
    let (day, month, year) = date_parts(t);
    let d = chrono::NaiveDate::from_ymd_opt(year? as i32, month?, day?)?;
    Some(d.format("%Y-%m-%d").to_string())
}

/// The numbers after `ngày`, `tháng` and `năm` in a text (`ngày 05 tháng 02 năm 2025`); a draft's
/// blanks give `None`.
pub(super) fn date_parts(t: &str) -> (Option<u32>, Option<u32>, Option<u32>) {
    let words: Vec<&str> = t.split_whitespace().collect();
    let after = |key: &str| -> Option<u32> {
        let i = words.iter().position(|w| *w == key)?;
        words
            .get(i + 1)?
            .trim_end_matches(['.', ',', ';'])
            .parse()
            .ok()
    };
    (after("ngày"), after("tháng"), after("năm"))
}

/// `Điều 3.` at the start of an article → the label's length in characters.
pub(super) fn article_label(t: &str) -> Option<usize> {
    let rest = t.strip_prefix("Điều ")?;
    let digits = rest.chars().take_while(char::is_ascii_digit).count();
    if digits == 0 || !rest[digits..].starts_with(['.', ':']) {
        return None;
    }
    Some("Điều ".chars().count() + digits + 1)
}

/// The runs without their first `n` characters (and the spaces after them).
pub(super) fn strip_prefix(runs: &[Run], mut n: usize) -> Vec<Run> {
    let mut out = Vec::new();
    let mut trimming = true;
    for r in runs {
        let mut r = r.clone();
        if n > 0 {
            let len = r.text.chars().count();
            if len <= n {
                n -= len;
                continue;
            }
            r.text = r.text.chars().skip(n).collect();
            n = 0;
        }
        if trimming {
            r.text = r.text.trim_start().to_string();
            if r.text.is_empty() && r.note.is_none() {
                continue;
            }
            trimming = false;
        }
        out.push(r);
    }
    out
}
