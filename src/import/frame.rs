//! The frame: the header's two columns (agency, số, V/v | Quốc hiệu, Tiêu ngữ, place and date),
//! the tên loại and trích yếu.

use super::*;

impl Builder {
    /// The header's columns: cơ quan (chủ quản = lines not bold, ban hành = bold), số and a công
    /// văn's V/v on the left; an organisation's own title and the place-and-date line on the right.
    pub(super) fn header(&mut self, h: &Header) {
        // A line without a letter or digit (`*` under a Party body's name, `-----`) is a rule.
        let decoration = |p: &Para| !p.plain().chars().any(char::is_alphanumeric);
        for p in h.left.iter().chain(&h.right).filter(|p| decoration(p)) {
            self.dropped_symbols(&p.plain(), "phần đầu");
        }
        let lines: Vec<&Para> = h.left.iter().filter(|p| !decoration(p)).collect();
        let number_at = lines.iter().position(|p| p.plain().starts_with("Số"));
        let agency = &lines[..number_at.unwrap_or(lines.len())];
        let first_bold = agency.iter().position(|p| all_bold(p)).unwrap_or(0);
        self.out.co_quan.chu_quan = agency[..first_bold].iter().map(|p| p.plain()).collect();
        self.out.co_quan.ban_hanh = agency[first_bold..].iter().map(|p| p.plain()).collect();
        if self.out.co_quan.ban_hanh.is_empty() {
            self.warn("không thấy tên cơ quan ban hành ở cột trái phần đầu".into());
            self.out.co_quan.ban_hanh = vec![UNKNOWN.into()];
        }
        match number_at {
            Some(i) => {
                let t = lines[i].plain();
                let n = t
                    .trim_start_matches("Số")
                    .trim_start_matches([':', ' ', '\u{a0}'])
                    .split_whitespace()
                    .collect::<String>();
                self.out.so_ky_hieu = if n.is_empty() { UNKNOWN.into() } else { n };
                // A công văn's V/v under the số; other lines there are boxes or unknown.
                let mut subject = Vec::new();
                for p in &lines[i + 1..] {
                    let t = p.plain();
                    if let Some(v) = t.strip_prefix("V/v") {
                        subject.push(v.trim().to_string());
                    } else if !subject.is_empty() && !is_box_text(&t) {
                        subject.push(t);
                    } else if !self.boxed(&t) {
                        self.keep(p, "cột trái phần đầu");
                    }
                }
                if !subject.is_empty() {
                    self.out.trich_yeu = subject.join("\n");
                }
            }
            None => {
                self.warn("không thấy dòng \"Số: …\" ở cột trái phần đầu".into());
                self.out.so_ky_hieu = UNKNOWN.into();
            }
        }
        // Right: Quốc hiệu, Tiêu ngữ (or an organisation's own title), then place and date.
        let mut own_title = Vec::new();
        let mut dated = false;
        for p in h.right.iter().filter(|p| !decoration(p)) {
            let t = p.plain();
            if is_national(p) || fold(&t) == fold(MOTTO) {
                continue;
            }
            if !dated && t.contains(',') && t.contains("năm") {
                dated = self.place_date(&t);
                if dated {
                    continue;
                }
            }
            if !dated && text_upper(p) && all_bold(p) {
                own_title.push(t);
            } else {
                self.keep(p, "cột phải phần đầu");
            }
        }
        if !own_title.is_empty() {
            self.out.co_quan.tieu_de_phai = Some(own_title.join(" "));
        }
        self.dated = dated;
    }

    /// A header without a place-and-date line: a biên bản has none (Mẫu 1.9) and takes its date
    /// from the meeting's time; any other kind gets placeholders and a warning.
    pub(super) fn undated(&mut self, layout: Option<Layout>) {
        if layout == Some(Layout::Minutes) {
            if let Some(d) = self.out.thoi_gian.as_deref().and_then(date_in) {
                self.out.ngay_ban_hanh = d;
                return;
            }
            self.warn("biên bản: không thấy ngày họp (\"Thời gian bắt đầu: … ngày … tháng … năm …\"): điền ngay_ban_hanh".into());
            self.out.ngay_ban_hanh = UNKNOWN.into();
            return;
        }
        self.warn("không thấy dòng địa danh, ngày tháng năm ở cột phải phần đầu".into());
        self.out.dia_danh = UNKNOWN.into();
        self.out.ngay_ban_hanh = UNKNOWN.into();
    }

    /// A line of symbols only, read as a rule (`____`, `-----`, `***`, `* * *`) and left out; any
    /// other symbol (`~`, `...`, `#`) is named in a warning, since it is text the user typed.
    pub(super) fn dropped_symbols(&mut self, t: &str, part: &str) {
        let t = t.trim();
        if !t.is_empty() && !t.chars().all(|c| "_-–—=*· ".contains(c)) {
            self.warn(format!(
                "dòng chỉ có ký hiệu {} ({part}) được coi là đường kẻ, không nhập",
                excerpt(t)
            ));
        }
    }

    /// Text of the header's tables outside its two columns (a third cell, a cell of another
    /// row): kept in the body and warned.
    pub(super) fn header_leftovers(&mut self, doc: &Doc, start: usize, h: &Header) {
        let used: std::collections::BTreeSet<String> =
            h.left.iter().chain(&h.right).map(Para::plain).collect();
        for b in &doc.blocks[start..h.end.min(doc.blocks.len())] {
            let Block::Table(rows) = b else { continue };
            for p in rows.iter().flatten().flatten().flat_map(Para::lines) {
                let t = p.plain();
                if t.chars().any(char::is_alphanumeric) && !used.contains(&t) {
                    self.keep(&p, "ô khác của bảng phần đầu");
                }
            }
        }
    }

    /// `<Địa danh>, ngày DD tháng MM năm YYYY` (a draft leaves day and month blank).
    pub(super) fn place_date(&mut self, t: &str) -> bool {
        let Some((place, date)) = t.split_once(',') else {
            return false;
        };
        let (day, month, year) = date_parts(date);
        let Some(year) = year else {
            return false;
        };
        self.out.dia_danh = place.trim().to_string();
        self.out.ngay_ban_hanh = match (day, month) {
            (Some(d), Some(m)) => match chrono::NaiveDate::from_ymd_opt(year as i32, m, d) {
                Some(x) => x.format("%Y-%m-%d").to_string(),
                None => {
                    self.warn(format!(
                        "ngày ban hành {} không có thật: chỉ ghi năm",
                        excerpt(t)
                    ));
                    year.to_string()
                }
            },
            _ => year.to_string(),
        };
        true
    }

    // --- Title -----------------------------------------------------------------------------

    /// Tên loại and trích yếu; returns the kind and the index of the body's first block.
    pub(super) fn title(
        &mut self,
        doc: &Doc,
        h: &Header,
        letter: bool,
    ) -> (Option<&'static KindInfo>, usize) {
        let letter_kind = KINDS.iter().find(|k| k.key == "cong_van");
        if letter {
            self.out.loai = "cong_van".into();
            let mut i = h.end;
            // A V/v written under the header table.
            while let Some(Block::Para(p)) = doc.blocks.get(i) {
                let t = p.plain();
                if t.is_empty() {
                    i += 1;
                    continue;
                }
                if let Some(v) = t.strip_prefix("V/v") {
                    self.out.trich_yeu = p
                        .lines()
                        .iter()
                        .map(Para::plain)
                        .collect::<Vec<_>>()
                        .join("\n");
                    self.out.trich_yeu = self
                        .out
                        .trich_yeu
                        .strip_prefix("V/v")
                        .unwrap_or(v)
                        .trim()
                        .to_string();
                    i += 1;
                }
                break;
            }
            return (letter_kind, i);
        }
        // The tên loại: the first paragraph with text after the header (boxes skipped); a
        // paragraph that is not one is kept in the body and the next tried (up to 4).
        let mut i = h.end;
        let mut skipped: Vec<usize> = Vec::new();
        loop {
            while let Some(b) = doc.blocks.get(i) {
                match b {
                    Block::Para(p) if p.plain().is_empty() => i += 1,
                    Block::Table(rows) => {
                        if let Some(t) = box_text(rows) {
                            if self.boxed(&t) {
                                i += 1;
                                continue;
                            }
                        }
                        skipped.push(i);
                        i += 1;
                    }
                    _ => break,
                }
            }
            let Some(Block::Para(t)) = doc.blocks.get(i) else {
                break;
            };
            let found = kind_of_title(&t.plain());
            if found.is_some() || skipped.len() >= 4 {
                if let Some(kind) = found {
                    for k in std::mem::take(&mut skipped) {
                        self.keep_block(&doc.blocks[k], "giữa phần đầu và tên loại");
                    }
                    let (end, _) = title_block(doc, i, false);
                    let mut subject: Vec<String> = doc.blocks[i + 1..end]
                        .iter()
                        .filter_map(|b| match b {
                            Block::Para(p) => Some(p.lines()),
                            Block::Table(_) => None,
                        })
                        .flatten()
                        .filter(|p| !p.is_rule_only())
                        .map(|p| p.plain())
                        .filter(|t| {
                            let text = t.chars().any(char::is_alphanumeric);
                            if !text {
                                self.dropped_symbols(t, "dưới tên loại");
                            }
                            text
                        })
                        .collect();
                    let mut end = end;
                    // Without a rule under the trích yếu, a quyết định's thẩm quyền (in hoa)
                    // follows it directly: it is not part of the trích yếu.
                    if matches!(kind.layout, Layout::Decision | Layout::Resolution) {
                        if let Some(k) = subject.iter().position(|t| is_upper(t)) {
                            if k > 0 {
                                subject.truncate(k);
                                end = i + 1;
                                let mut seen = 0;
                                while seen < k {
                                    if let Some(Block::Para(p)) = doc.blocks.get(end) {
                                        seen += p
                                            .lines()
                                            .iter()
                                            .filter(|l| !l.is_rule_only() && !l.plain().is_empty())
                                            .count();
                                    }
                                    end += 1;
                                }
                            }
                        }
                    }
                    self.out.loai = kind.key.to_string();
                    self.out.trich_yeu = subject.join("\n");
                    return (Some(kind), end);
                }
                break;
            }
            skipped.push(i);
            i += 1;
        }
        self.warn("không nhận ra tên loại văn bản (KẾ HOẠCH, BÁO CÁO, …) dưới phần đầu: ghi loai: cong_van; sửa loai nếu cần".into());
        self.out.loai = "cong_van".into();
        self.out.trich_yeu = UNKNOWN.into();
        (letter_kind, h.end)
    }
}

/// The index of the header's first block (its table, or its first tab-split line).
pub(super) fn header_start(doc: &Doc, h: &Header) -> usize {
    let mut i = h.end;
    while i > 0 {
        match &doc.blocks[i - 1] {
            Block::Table(rows)
                if rows
                    .iter()
                    .flatten()
                    .flatten()
                    .flat_map(Para::lines)
                    .any(|p| is_national(&p) || p.plain().starts_with("Số")) =>
            {
                i -= 1
            }
            Block::Para(p) if p.text.contains('\t') => i -= 1,
            // The empty paragraph Word keeps between two tables (a header in two tables).
            Block::Para(p) if p.text.trim().is_empty() => i -= 1,
            _ => break,
        }
    }
    i
}
