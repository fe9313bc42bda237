//! After the body: Nơi nhận and the signature(s), the appendices, the page-1 footer's contact
//! lines, the footnotes cited.

use super::*;

impl Builder {
    // --- Closing ---------------------------------------------------------------------------

    /// Nơi nhận and the signature(s), from block `start`; returns the index after the closing.
    pub(super) fn closing(&mut self, doc: &Doc, start: usize, layout: Option<Layout>) -> usize {
        let mut signatures: Vec<Vec<Para>> = Vec::new();
        let mut recipients: Vec<String> = Vec::new();
        let mut seen_label = false;
        let mut tab_signature: Vec<Para> = Vec::new();
        let mut i = start;
        while let Some(b) = doc.blocks.get(i) {
            match b {
                Block::Table(rows) => {
                    if seen_label && !signatures.is_empty() && !recipients.is_empty() {
                        break;
                    }
                    for c in rows.iter().flatten() {
                        let lines: Vec<Para> = c.iter().flat_map(Para::lines).collect();
                        let texts: Vec<String> = lines
                            .iter()
                            .map(Para::plain)
                            .filter(|t| !t.is_empty())
                            .collect();
                        if texts.is_empty() {
                            continue;
                        }
                        if let Some(li) = texts.iter().position(|t| is_recipients_label(t)) {
                            seen_label = true;
                            self.recipient_lines(&texts[li + 1..], &mut recipients);
                        } else if texts.iter().all(|t| t.starts_with(['-', '+', '–', '•'])) {
                            self.recipient_lines(&texts, &mut recipients);
                        } else {
                            signatures.push(lines);
                        }
                    }
                }
                Block::Para(p) => {
                    let t = p.plain();
                    if p.page_break || (t.starts_with("Phụ lục") && seen_label) {
                        break;
                    }
                    // Nơi nhận and the signature side by side, split by tabs (no table).
                    if p.text.contains('\t') && (seen_label || is_recipients_label(&p.text)) {
                        for l in p.lines() {
                            let (left, right) = split_at_tab(&l);
                            let lt = left.plain();
                            if is_recipients_label(&lt) {
                                seen_label = true;
                            } else if !lt.is_empty() {
                                self.recipient_lines(&[lt], &mut recipients);
                            }
                            if !right.plain().is_empty() {
                                tab_signature.push(right);
                            }
                        }
                        if p.ends_section {
                            i += 1;
                            break;
                        }
                        i += 1;
                        continue;
                    }
                    if is_recipients_label(&p.text) {
                        seen_label = true;
                        let lines: Vec<String> = p
                            .lines()
                            .iter()
                            .skip(1)
                            .map(Para::plain)
                            .filter(|t| !t.is_empty())
                            .collect();
                        self.recipient_lines(&lines, &mut recipients);
                    } else if seen_label && t.starts_with(['-', '+', '–', '•']) {
                        let lines: Vec<String> = p.lines().iter().map(Para::plain).collect();
                        self.recipient_lines(&lines, &mut recipients);
                    } else if !t.is_empty() {
                        if seen_label {
                            break;
                        }
                        self.keep(p, "phần cuối");
                    }
                    if p.ends_section {
                        i += 1;
                        break;
                    }
                }
            }
            i += 1;
        }
        self.archive_line(recipients);
        if !seen_label {
            self.warn(
                "không thấy \"Nơi nhận:\" ở cuối văn bản: ghi noi_nhan: [\"Lưu: VT\"]; sửa nếu cần"
                    .into(),
            );
            self.out.noi_nhan = vec!["Lưu: VT".into()];
        }
        if !tab_signature.is_empty() {
            signatures.push(tab_signature);
        }
        let mut sigs: Vec<Signature> = self.loose_signature.take().into_iter().collect();
        for c in &signatures {
            match self.signature(c) {
                Some(s) => sigs.push(s),
                None => {
                    for p in c {
                        self.keep(p, "ô chữ ký");
                    }
                }
            }
        }
        if layout == Some(Layout::Minutes) && sigs.len() >= 2 {
            let secretary = sigs.remove(0);
            if self.out.thu_ky.as_deref().is_none_or(|t| t == UNKNOWN) {
                self.out.thu_ky = Some(secretary.nguoi_ky);
            }
        }
        match sigs.len() {
            0 => {
                self.warn("không nhận ra chữ ký (chức vụ, họ tên người ký): điền khóa ky".into());
                self.out.ky = Signature {
                    quyen_han: Vec::new(),
                    chuc_vu: UNKNOWN.into(),
                    nguoi_ky: UNKNOWN.into(),
                };
            }
            _ => {
                self.out.ky = sigs.remove(0);
                for s in sigs {
                    self.warn(format!(
                        "văn bản có thêm một chữ ký ({} {}): vanban in một chữ ký; thêm vào nội dung nếu cần",
                        s.chuc_vu, s.nguoi_ky
                    ));
                }
            }
        }
        i
    }

    /// Recipient lines; the giấy nghỉ phép's confirmation box is a flag, not a recipient.
    pub(super) fn recipient_lines(&mut self, lines: &[String], out: &mut Vec<String>) {
        for t in lines {
            if t.starts_with("Xác nhận của cơ quan") {
                if let Some(l) = &mut self.out.nghi_phep {
                    l.xac_nhan = true;
                }
                break;
            }
            out.push(item(t));
        }
    }

    /// The `Lưu:` line: the drafter's initials and the number of copies (`Lưu: VT, VHXH,
    /// NAM.(25)`) go back to their keys.
    pub(super) fn archive_line(&mut self, mut recipients: Vec<String>) {
        if let Some(last) = recipients.last_mut() {
            if last.starts_with("Lưu") && last.ends_with(')') {
                if let Some(open) = last.rfind('(') {
                    if let Ok(n) = last[open + 1..last.len() - 1].parse::<u32>() {
                        self.out.so_ban = Some(n);
                        let head = last[..open].trim_end().to_string();
                        *last = match head.strip_suffix('.') {
                            Some(h) => match h.rsplit_once(", ") {
                                Some((rest, initials)) => {
                                    self.out.ky_hieu_nguoi_soan = Some(initials.to_string());
                                    rest.to_string()
                                }
                                None => h.to_string(),
                            },
                            None => head.trim_end_matches(',').to_string(),
                        };
                    }
                }
            }
        }
        self.out.noi_nhan = recipients;
    }

    /// A signature cell: authority lines, the signer's title, the name last.
    pub(super) fn signature(&mut self, cell: &[Para]) -> Option<Signature> {
        // `(Đã ký)`, `(Chữ ký, dấu)`, `(Ký, ghi rõ họ tên)`: marks of the copy, not the signer's.
        let all: Vec<String> = cell
            .iter()
            .filter(|p| !p.is_rule_only())
            .map(Para::plain)
            .filter(|t| !t.is_empty())
            .collect();
        let (marks, lines): (Vec<String>, Vec<String>) = all
            .into_iter()
            .partition(|t| t.starts_with('(') && t.ends_with(')'));
        let (name, titles) = lines.split_last()?;
        let (title, authority) = titles.split_last()?;
        if !is_upper(title) {
            return None;
        }
        for m in marks {
            self.warn(format!(
                "dòng {} trong ô chữ ký không nhập: văn bản mới được ký lại",
                excerpt(&m)
            ));
        }
        Some(Signature {
            quyen_han: authority.to_vec(),
            chuc_vu: title.clone(),
            nguoi_ky: name.clone(),
        })
    }

    // --- After the signature ---------------------------------------------------------------

    /// Phụ lục after the signature: label, title, `(Kèm theo …)`, rule, content.
    pub(super) fn appendices(&mut self, doc: &Doc, from: usize) {
        let mut i = from;
        let mut section = doc.blocks[..from.min(doc.blocks.len())]
            .iter()
            .filter(|b| matches!(b, Block::Para(p) if p.ends_section))
            .count();
        let mut current: Option<(Appendix, Vec<String>)> = None;
        let mut stray = Vec::new();
        while let Some(b) = doc.blocks.get(i) {
            i += 1;
            if let Block::Para(p) = b {
                let t = p.plain();
                let labelled = t == "Phụ lục"
                    || t.strip_prefix("Phụ lục ")
                        .is_some_and(|r| r.chars().all(|c| "IVXLC0123456789".contains(c)));
                if labelled && p.props.jc.as_deref() == Some("center") {
                    if let Some((mut a, body)) = current.take() {
                        a.noi_dung = body.join("\n\n");
                        self.out.phu_luc.push(a);
                    }
                    let mut a = Appendix::default();
                    // The title, then the generated `(Kèm theo …)` line and the rule.
                    while let Some(Block::Para(q)) = doc.blocks.get(i) {
                        let qt = q.plain();
                        if qt.is_empty() || q.is_rule_only() {
                            i += 1;
                            if q.is_rule_only() {
                                break;
                            }
                            continue;
                        }
                        if qt.starts_with("(Kèm theo") {
                            i += 1;
                            continue;
                        }
                        if a.tieu_de.is_empty() {
                            a.tieu_de = qt;
                            i += 1;
                            continue;
                        }
                        break;
                    }
                    a.ngang = doc
                        .sections
                        .get(section)
                        .and_then(|s| s.page)
                        .is_some_and(|(w, h)| w > h);
                    current = Some((a, Vec::new()));
                    if p.ends_section {
                        section += 1;
                    }
                    continue;
                }
                if p.ends_section {
                    section += 1;
                }
            }
            let before = self.body.len();
            self.body_block(b);
            let md: Vec<String> = self.body.drain(before..).collect();
            match &mut current {
                Some((_, body)) => body.extend(md),
                None => stray.extend(md),
            }
        }
        if let Some((mut a, body)) = current {
            a.noi_dung = body.join("\n\n");
            self.out.phu_luc.push(a);
        }
        if !stray.is_empty() {
            self.warn(format!(
                "{} đoạn sau chữ ký không thuộc phụ lục nào: giữ ở cuối nội dung (noi_dung)",
                stray.len()
            ));
            self.body.extend(stray);
        }
    }

    /// Địa chỉ cơ quan from the first page's footer (công văn, giấy mời, giấy giới thiệu).
    pub(super) fn contact(&mut self, doc: &Doc) {
        let Some(s) = doc.sections.first() else {
            return;
        };
        let footer = s
            .footers
            .iter()
            .find(|(t, _)| t == "first" && s.title_pg)
            .or_else(|| s.footers.iter().find(|(t, _)| t == "default"));
        let Some((_, paras)) = footer else { return };
        let mut c = Contact::default();
        let mut any = false;
        for p in paras {
            for piece in p.plain().split("; ") {
                let Some((k, v)) = piece.split_once(':') else {
                    continue;
                };
                let v = Some(v.trim().to_string());
                match k.trim() {
                    "Địa chỉ" => c.dia_chi = v,
                    "Điện thoại" => c.dien_thoai = v,
                    "Fax" => c.fax = v,
                    "E-mail" | "Email" => c.email = v,
                    "Website" => c.website = v,
                    _ => continue,
                }
                any = true;
            }
        }
        if any {
            self.out.lien_he = Some(c);
        }
    }

    /// The footnotes cited, in reference order, as `chu_thich`.
    pub(super) fn finish_notes(&mut self, doc: &Doc) {
        let mut n = 0;
        while n < self.notes.ids.len() {
            let id = self.notes.ids[n].clone();
            let text = doc
                .footnotes
                .get(&id)
                .map(|ps| {
                    ps.iter()
                        .map(|p| markdown::inline(&p.runs, &mut self.notes, true, true))
                        .filter(|t| !t.is_empty())
                        .collect::<Vec<_>>()
                        .join(" ")
                })
                .unwrap_or_default();
            let text = if text.is_empty() {
                self.warn(format!(
                    "chú thích số {} không có nội dung (hoặc không có trong tệp): ghi «cần bổ sung»",
                    n + 1
                ));
                UNKNOWN.to_string()
            } else {
                text
            };
            self.out.chu_thich.0.push(((n + 1).to_string(), text));
            n += 1;
        }
    }
}
