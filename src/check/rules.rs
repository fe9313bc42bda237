//! The rules of NĐ 30 Phụ lục I that a .docx can be checked against (nd30-layout.md §14), one
//! function per rule family, each citing its item. Recognition of the frame first: the header
//! (a table, or lines split by tabs), the title block, Kính gửi, the body, Nơi nhận and the
//! signature.

use super::read::{Block, Doc, Para, FONT_SLOTS};
use super::{Finding, Severity};
use crate::model::admin::{KINDS, MOTTO, NATIONAL_TITLE};

// Rule names, with their item of NĐ 30 Phụ lục I.
const R_PAPER: &str = "Phụ lục I, I.1 — khổ giấy A4, trình bày theo chiều dài";
const R_MARGIN: &str = "Phụ lục I, I.3 — định lề trang";
const R_FONT: &str = "Phụ lục I, I.4 — phông chữ Times New Roman";
const R_PAGE_NUMBER: &str = "Phụ lục I, I.7 — số trang";
const R_NATIONAL: &str = "Phụ lục I, II.1 — Quốc hiệu và Tiêu ngữ";
const R_AGENCY: &str = "Phụ lục I, II.2 — tên cơ quan ban hành";
const R_NUMBER: &str = "Phụ lục I, II.3 — số, ký hiệu";
const R_DATE: &str = "Phụ lục I, II.4 — địa danh và thời gian ban hành";
const R_TITLE: &str = "Phụ lục I, II.5 — tên loại và trích yếu nội dung";
const R_BODY: &str = "Phụ lục I, II.6 — nội dung văn bản";
const R_SIGNATURE: &str = "Phụ lục I, II.7 — chức vụ, họ tên người ký";
const R_ADDRESSEE: &str = "Phụ lục I, II.9.a — Kính gửi";
const R_RECIPIENTS: &str = "Phụ lục I, II.9.b — Nơi nhận";
const R_FRAME: &str = "Điều 8 và Phụ lục I — thể thức văn bản hành chính";
const R_CHANGES: &str = "Văn bản chính thức — không còn thay đổi chưa chấp nhận";

/// Tolerance for lengths (twips): Word stores 25 mm as 1417 or 1418 (nd30-layout §14).
const TW_TOL: i32 = 6;
/// Margins allowed (twips): top, bottom, left + gutter, right — 20–25, 20–25, 30–35, 15–20 mm.
pub(crate) const MARGINS: [(&str, i32, i32); 4] = [
    ("trên", 1134, 1418),
    ("dưới", 1134, 1418),
    ("trái", 1701, 1985),
    ("phải", 850, 1134),
];
/// A4 in twips (portrait).
const A4: (i32, i32) = (11906, 16838);
/// Sizes in half-points: 12–13 pt (Quốc hiệu, agency), 13–14 pt (Tiêu ngữ, date, title, body,
/// signature, Kính gửi).
const SZ_12_13: &[u32] = &[24, 26];
const SZ_13_14: &[u32] = &[26, 28];
/// Số, ký hiệu: 13 pt.
const SZ_NUMBER: &[u32] = &[26];
/// "Nơi nhận:" 12 pt; recipient lines 11 pt.
const SZ_RECIPIENTS_LABEL: &[u32] = &[24];
const SZ_RECIPIENT: &[u32] = &[22];
/// First-line indent of the body: 1 cm or 1.27 cm (twips).
const FIRST_LINE: [i32; 2] = [567, 720];
/// Paragraph gap of the body: at least 6 pt (twips).
const MIN_GAP: i32 = 120;
const FONT: &str = "Times New Roman";

struct Out(Vec<Finding>);

impl Out {
    fn push(&mut self, sev: Severity, rule: &str, at: &str, found: String, expected: &str) {
        self.0.push(Finding {
            rule: rule.to_string(),
            location: at.to_string(),
            found,
            expected: expected.to_string(),
            severity: sev,
        });
    }
    fn err(&mut self, rule: &str, at: &str, found: String, expected: &str) {
        self.push(Severity::Error, rule, at, found, expected);
    }
    fn warn(&mut self, rule: &str, at: &str, found: String, expected: &str) {
        self.push(Severity::Warning, rule, at, found, expected);
    }
}

/// A paragraph's text as the user sees it, cut to 60 characters, in quotes.
fn excerpt(p: &Para) -> String {
    excerpt_text(&p.plain())
}

/// A text cut to 60 characters, in quotes: how `check` and `import` name a place.
pub(crate) fn excerpt_text(t: &str) -> String {
    let cut: String = t.chars().take(60).collect();
    if cut.chars().count() < t.chars().count() {
        format!("\"{cut}…\"")
    } else {
        format!("\"{cut}\"")
    }
}

fn pt(half: u32) -> String {
    if half % 2 == 0 {
        format!("{} pt", half / 2)
    } else {
        format!("{},5 pt", half / 2)
    }
}

/// Twips as millimetres, one decimal, Vietnamese comma (`20 mm`, `23,5 mm`).
fn mm(tw: i32) -> String {
    let s = format!("{:.1}", f64::from(tw) / 56.693);
    format!(
        "{} mm",
        s.strip_suffix(".0").unwrap_or(&s).replace('.', ",")
    )
}

/// Fold the old and new tone-mark placements (HOÀ/HÒA, UỶ/ỦY, …) and spaces before comparing
/// (nd30-layout §4.1).
pub(crate) fn fold(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let s: String = s.nfc().collect();
    let s = s
        .replace("OÀ", "ÒA")
        .replace("OÁ", "ÓA")
        .replace("OẢ", "ỎA")
        .replace("OÃ", "ÕA")
        .replace("OẠ", "ỌA")
        .replace("UỶ", "ỦY")
        .replace("UÝ", "ÚY")
        .replace("oà", "òa")
        .replace("uỷ", "ủy");
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

pub(crate) fn is_upper(s: &str) -> bool {
    s.chars().any(char::is_alphabetic) && s.to_uppercase() == s
}

/// The sizes of the text runs (half-points; 0 = not set anywhere).
fn sizes(p: &Para) -> Vec<u32> {
    let mut v: Vec<u32> = p.text_runs().map(|r| r.props.size.unwrap_or(20)).collect();
    v.sort_unstable();
    v.dedup();
    v
}

pub(crate) fn all_bold(p: &Para) -> bool {
    p.text_runs().all(|r| r.props.bold == Some(true))
}
fn any_bold(p: &Para) -> bool {
    p.text_runs().any(|r| r.props.bold == Some(true))
}
pub(crate) fn all_italic(p: &Para) -> bool {
    p.text_runs().all(|r| r.props.italic == Some(true))
}
fn any_italic(p: &Para) -> bool {
    p.text_runs().any(|r| r.props.italic == Some(true))
}
pub(crate) fn text_upper(p: &Para) -> bool {
    is_upper(&p.plain()) || p.text_runs().all(|r| r.props.caps == Some(true))
}

/// Check the size of a paragraph's text against `allowed`.
fn size_rule(out: &mut Out, p: &Para, rule: &str, what: &str, allowed: &[u32]) {
    let s = sizes(p);
    if s.iter().any(|x| !allowed.contains(x)) {
        let found: Vec<String> = s.iter().map(|x| pt(*x)).collect();
        let exp: Vec<String> = allowed.iter().map(|x| pt(*x)).collect();
        out.err(
            rule,
            &excerpt(p),
            format!("{what} cỡ {}", found.join(", ")),
            &format!("cỡ {}", exp.join(" hoặc ")),
        );
    }
}

/// Style: `bold`/`italic` as the rule wants them (`Some(true)` required, `Some(false)` forbidden).
fn style_rule(
    out: &mut Out,
    p: &Para,
    rule: &str,
    what: &str,
    bold: Option<bool>,
    italic: Option<bool>,
) {
    let mut found = Vec::new();
    let mut exp = Vec::new();
    match bold {
        Some(true) if !all_bold(p) => {
            found.push("không đậm");
            exp.push("đậm");
        }
        Some(false) if any_bold(p) => {
            found.push("đậm");
            exp.push("không đậm");
        }
        _ => {}
    }
    match italic {
        Some(true) if !all_italic(p) => {
            found.push("không nghiêng");
            exp.push("nghiêng");
        }
        Some(false) if any_italic(p) => {
            found.push("nghiêng");
            exp.push("đứng (không nghiêng)");
        }
        _ => {}
    }
    if !found.is_empty() {
        out.err(
            rule,
            &excerpt(p),
            format!("{what} {}", found.join(", ")),
            &exp.join(", "),
        );
    }
}

/// The header: its left column (agency, số, V/v) and right column (Quốc hiệu, Tiêu ngữ, date).
pub(crate) struct Header {
    /// Cột trái — agency lines, số, V/v.
    pub(crate) left: Vec<Para>,
    /// Cột phải — Quốc hiệu, Tiêu ngữ, địa danh and date.
    pub(crate) right: Vec<Para>,
    /// Index of the first block after the header.
    pub(crate) end: usize,
}

const HEADER_SEARCH: usize = 12;

pub(crate) fn is_national(p: &Para) -> bool {
    fold(&p.plain()) == fold(NATIONAL_TITLE)
}

/// Find the header: a table holding the Quốc hiệu among the first blocks, or paragraphs whose
/// left and right parts are split by tabs (H38). `Err(found)` when there is a Quốc hiệu but no
/// recognisable header, `Ok(None)` when there is no Quốc hiệu at all.
pub(crate) fn header(doc: &Doc) -> Result<Option<Header>, String> {
    for (i, b) in doc.blocks.iter().enumerate().take(HEADER_SEARCH) {
        match b {
            Block::Table(rows) => {
                let national_col = rows.iter().find_map(|r| {
                    r.iter()
                        .position(|c| c.iter().flat_map(Para::lines).any(|p| is_national(&p)))
                        .filter(|&c| c > 0)
                });
                // An organisation (Đảng, Đoàn, Hội) puts its own name where the Quốc hiệu goes
                // (`tieu_de_phai`): a two-column table with Số on the left and the date on the right.
                let organisation = || {
                    let first = |c: usize| {
                        rows.iter()
                            .filter_map(move |r| r.get(c))
                            .flatten()
                            .flat_map(Para::lines)
                    };
                    let has_number = first(0).any(|p| p.plain().starts_with("Số"));
                    let has_date = first(1).any(|p| date_form(&p.plain()).is_ok());
                    (has_number && has_date).then_some(1)
                };
                let Some(col) = national_col.or_else(organisation) else {
                    continue;
                };
                let mut h = Header {
                    left: Vec::new(),
                    right: Vec::new(),
                    end: i + 1,
                };
                for r in rows {
                    if let Some(c) = r.first() {
                        h.left.extend(c.iter().flat_map(Para::lines));
                    }
                    if let Some(c) = r.get(col) {
                        h.right.extend(c.iter().flat_map(Para::lines));
                    }
                }
                second_header_row(doc, &mut h);
                return Ok(Some(h));
            }
            Block::Para(p) => {
                if !p.text.contains('\t') && !fold(&p.plain()).contains(&fold(NATIONAL_TITLE)) {
                    continue;
                }
                if !p.text.contains('\t') {
                    return Err(excerpt(p));
                }
                if !fold(&p.text.replace('\t', " ")).contains(&fold(NATIONAL_TITLE)) {
                    continue;
                }
                return Ok(Some(tab_header(doc, i)));
            }
        }
    }
    Ok(None)
}

/// When the header table holds only the agency and the Quốc hiệu, the số and the date often
/// follow in a second table or in a line split by tabs: add them to the header's columns.
fn second_header_row(doc: &Doc, h: &mut Header) {
    if h.left.iter().any(|p| p.plain().starts_with("Số")) {
        return;
    }
    let mut i = h.end;
    while let Some(Block::Para(p)) = doc.blocks.get(i) {
        if !p.plain().is_empty() {
            break;
        }
        i += 1;
    }
    match doc.blocks.get(i) {
        Some(Block::Table(rows)) => {
            let cells = |c: usize| -> Vec<Para> {
                rows.iter()
                    .filter_map(|r| r.get(c))
                    .flatten()
                    .flat_map(Para::lines)
                    .collect()
            };
            let (left, right) = (cells(0), cells(1));
            if left.iter().any(|p| p.plain().starts_with("Số")) {
                h.left.extend(left);
                h.right.extend(right);
                h.end = i + 1;
            }
        }
        Some(Block::Para(p)) if p.plain().starts_with("Số") && p.text.contains('\t') => {
            let (l, r) = split_at_tab(p);
            h.left.push(l);
            h.right.push(r);
            h.end = i + 1;
        }
        _ => {}
    }
}

/// A header made with tabs: each line `left<TAB>…<TAB>right`, from block `start` to the line
/// with the date (H38).
fn tab_header(doc: &Doc, start: usize) -> Header {
    let mut h = Header {
        left: Vec::new(),
        right: Vec::new(),
        end: start,
    };
    for (i, b) in doc
        .blocks
        .iter()
        .enumerate()
        .skip(start)
        .take(HEADER_SEARCH)
    {
        let Block::Para(p) = b else { break };
        let (l, r) = split_at_tab(p);
        let done = r.plain().contains("ngày") && r.plain().contains("năm");
        h.left.push(l);
        h.right.push(r);
        h.end = i + 1;
        if done {
            break;
        }
    }
    h
}

/// Split a paragraph at its first run of tabs: the text before, the text after (a line with no
/// tab belongs to the left column, unless it is indented past the middle, like a rule).
pub(crate) fn split_at_tab(p: &Para) -> (Para, Para) {
    let mut left = Para {
        props: p.props.clone(),
        ..Para::default()
    };
    let mut right = left.clone();
    let mut seen_tab = false;
    for r in &p.runs {
        let mut parts = r.text.splitn(2, '\t');
        let before = parts.next().unwrap_or("");
        let after = parts.next();
        let target = if seen_tab { &mut right } else { &mut left };
        if !before.is_empty() {
            let mut x = r.clone();
            x.text = before.to_string();
            target.runs.push(x);
        }
        if let Some(a) = after {
            seen_tab = true;
            let a = a.trim_start_matches('\t');
            if !a.is_empty() {
                let mut x = r.clone();
                x.text = a.to_string();
                right.runs.push(x);
            }
        }
    }
    for x in [&mut left, &mut right] {
        x.text = x.runs.iter().map(|r| r.text.as_str()).collect();
    }
    if !seen_tab && (p.props.left.unwrap_or(0) > 4000 || p.line_shape) {
        right.line_shape = p.line_shape;
        right.props.bottom_border = p.props.bottom_border;
        left.props.bottom_border = None;
        left.line_shape = false;
    }
    (left, right)
}

/// Run every rule on a read document.
pub(crate) fn check(doc: &Doc) -> Vec<Finding> {
    let mut out = Out(Vec::new());
    let h = match header(doc) {
        Ok(Some(h)) => h,
        Ok(None) => {
            out.err(
                R_FRAME,
                "đầu văn bản",
                "không có Quốc hiệu (\"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\") ở đầu văn bản: đây không phải văn bản hành chính, hoặc phần đầu không đọc được".into(),
                "văn bản hành chính mở đầu bằng bảng hai cột: tên cơ quan, số, ký hiệu bên trái; Quốc hiệu, Tiêu ngữ, địa danh và ngày tháng bên phải",
            );
            return out.0;
        }
        Err(at) => {
            out.err(
                R_FRAME,
                &at,
                "có Quốc hiệu nhưng không nhận ra phần đầu (không phải bảng hai cột, cũng không chia cột bằng tab): các quy định về phần đầu không kiểm tra được".into(),
                "phần đầu là bảng hai cột không viền: tên cơ quan, số, ký hiệu bên trái; Quốc hiệu, Tiêu ngữ, địa danh và ngày tháng bên phải",
            );
            return out.0;
        }
    };
    if doc.tracked_changes > 0 {
        out.warn(
            R_CHANGES,
            "toàn văn bản",
            format!(
                "{} chỗ sửa đổi được theo dõi (Track Changes) chưa chấp nhận hoặc từ chối; kiểm tra theo văn bản đã chấp nhận các chỗ thêm và bỏ các chỗ xóa",
                doc.tracked_changes
            ),
            "chấp nhận hoặc từ chối mọi thay đổi (Review → Accept/Reject) trước khi ban hành",
        );
    }
    page(&mut out, doc);
    fonts(&mut out, doc);
    let motto_size = national(&mut out, &h);
    let code = agency_and_number(&mut out, &h);
    let letter = is_letter(doc, &h);
    // The title says whether a place-and-date line is due (none in a biên bản, Mẫu 1.9); its
    // findings follow the header's, as the page reads.
    let mut titled = Out(Vec::new());
    let (body_start, title) = title(&mut titled, doc, h.end, letter);
    let dated = title
        .as_deref()
        .and_then(kind_of_title)
        .is_none_or(|k| k.layout.has_place_date());
    place_date(&mut out, &h, motto_size, dated);
    out.0.extend(titled.0);
    kind_code(&mut out, &h, title.as_deref(), code.as_deref(), letter);
    let closing = closing_start(doc, body_start);
    body(&mut out, doc, body_start, closing);
    closing_rules(&mut out, doc, closing);
    out.0
}

/// P1, P2 (Phụ lục I, I.1 and I.3): A4 portrait (landscape for appendix tables), margins.
fn page(out: &mut Out, doc: &Doc) {
    for (i, s) in doc.sections.iter().enumerate() {
        let at = if doc.sections.len() == 1 {
            "trang (Layout → Margins / Size)".to_string()
        } else {
            format!("phần (section) {} của văn bản", i + 1)
        };
        if let Some((w, hgt)) = s.page {
            let portrait = (w - A4.0).abs() <= 60 && (hgt - A4.1).abs() <= 60;
            let landscape = (w - A4.1).abs() <= 60 && (hgt - A4.0).abs() <= 60;
            if !portrait && !landscape {
                out.err(
                    R_PAPER,
                    &at,
                    format!("khổ {} × {}", mm(w), mm(hgt)),
                    "khổ A4: 210 × 297 mm",
                );
            } else if landscape && i == 0 {
                out.warn(
                    R_PAPER,
                    &at,
                    "trang đầu văn bản trình bày theo chiều rộng".into(),
                    "chiều dài; chiều rộng chỉ cho phần có bảng (phụ lục)",
                );
            }
        }
        if let Some(m) = s.margins {
            for ((name, lo, hi), v) in MARGINS.iter().zip(m) {
                if v < lo - TW_TOL || v > hi + TW_TOL {
                    out.err(
                        R_MARGIN,
                        &at,
                        format!("lề {name} {}", mm(v)),
                        &format!("lề {name} từ {} đến {}", mm(*lo), mm(*hi)),
                    );
                }
            }
        }
    }
    // P3, P4: no number on page 1, numbers centred in the top margin.
    let Some(first) = doc.sections.first() else {
        return;
    };
    let header_of = |ty: &str| first.headers.iter().find(|(t, _)| t == ty).map(|(_, p)| p);
    let numbered = |ps: &Vec<Para>| ps.iter().any(|p| p.page_field);
    if let Some(d) = header_of("default") {
        let first_numbered = if first.title_pg {
            header_of("first").is_some_and(numbered)
        } else {
            numbered(d)
        };
        if first_numbered {
            out.err(
                R_PAGE_NUMBER,
                "đầu trang (header) của trang 1",
                "trang 1 có số trang".into(),
                "không đánh số trang thứ nhất (Header → Different First Page)",
            );
        }
        for p in d.iter().filter(|p| p.page_field) {
            if p.props.jc.as_deref() != Some("center") {
                out.err(
                    R_PAGE_NUMBER,
                    "đầu trang (header)",
                    format!("số trang canh {}", p.props.jc.as_deref().unwrap_or("trái")),
                    "số trang ở giữa, trong lề trên",
                );
            }
            let s: Vec<u32> = p
                .runs
                .iter()
                .filter_map(|r| r.props.size)
                .filter(|s| !SZ_13_14.contains(s))
                .collect();
            if let Some(s) = s.first() {
                out.err(
                    R_PAGE_NUMBER,
                    "đầu trang (header)",
                    format!("số trang cỡ {}", pt(*s)),
                    "cỡ 13 pt hoặc 14 pt",
                );
            }
        }
    }
    for s in &doc.sections {
        if s.footers.iter().any(|(_, ps)| numbered(ps)) {
            out.err(
                R_PAGE_NUMBER,
                "chân trang (footer)",
                "số trang ở chân trang".into(),
                "số trang ở giữa, trong lề trên (đầu trang)",
            );
            break;
        }
    }
}

/// Every paragraph of the body, tables included, in order.
fn all_paras(doc: &Doc) -> impl Iterator<Item = &Para> {
    doc.blocks.iter().flat_map(|b| match b {
        Block::Para(p) => vec![p],
        Block::Table(rows) => rows.iter().flatten().flatten().collect(),
    })
}

/// F1 (Phụ lục I, I.4): Times New Roman on the four font slots of every run (a slot set nowhere
/// is not judged). One finding per
/// (slot, font), at its first paragraph, with the count.
fn fonts(out: &mut Out, doc: &Doc) {
    let mut seen: Vec<(usize, String, String, usize)> = Vec::new();
    let headers = doc
        .sections
        .iter()
        .flat_map(|s| s.headers.iter().chain(&s.footers))
        .flat_map(|(_, ps)| ps.iter());
    for p in all_paras(doc).chain(headers) {
        for r in p.text_runs() {
            for (slot, f) in r.props.fonts.iter().enumerate() {
                // Not set at any level (or a theme font without a typeface): nothing to judge.
                let name = f.clone().unwrap_or_default();
                if name.is_empty() || name.eq_ignore_ascii_case(FONT) {
                    continue;
                }
                match seen
                    .iter_mut()
                    .find(|(s, n, _, _)| *s == slot && *n == name)
                {
                    Some(x) => x.3 += 1,
                    None => seen.push((slot, name, excerpt(p), 1)),
                }
            }
        }
    }
    for (slot, name, at, n) in seen {
        let found = format!(
            "phông {name} ở ô phông {} của {n} đoạn chữ",
            FONT_SLOTS[slot]
        );
        let exp = "Times New Roman trên cả bốn ô phông (ascii, hAnsi, eastAsia, cs)";
        out.err(R_FONT, &at, found, exp);
    }
}

fn non_empty(ps: &[Para]) -> impl Iterator<Item = (usize, &Para)> {
    ps.iter()
        .enumerate()
        .filter(|(_, p)| !p.plain().is_empty() && !p.is_rule_only())
}

/// Is there a rule under paragraph `i` of `ps`: drawn by it, or by the next paragraphs that
/// carry only a rule.
fn rule_under(ps: &[Para], i: usize) -> bool {
    if ps[i].draws_rule() {
        return true;
    }
    for p in &ps[i + 1..] {
        if p.is_rule_only() {
            return true;
        }
        if !p.plain().is_empty() {
            return false;
        }
        if p.draws_rule() || p.props.top_border == Some(true) {
            return true;
        }
    }
    false
}

/// H1–H3 (Phụ lục I, II.1): Quốc hiệu, Tiêu ngữ and the rule under it. Returns the Tiêu ngữ's
/// size (half-points).
fn national(out: &mut Out, h: &Header) -> Option<u32> {
    let right = &h.right;
    let qi = right.iter().position(is_national)?;
    let q = &right[qi];
    if !text_upper(q) {
        out.err(
            R_NATIONAL,
            &excerpt(q),
            "Quốc hiệu không in hoa".into(),
            "in hoa",
        );
    }
    size_rule(out, q, R_NATIONAL, "Quốc hiệu", SZ_12_13);
    style_rule(out, q, R_NATIONAL, "Quốc hiệu", Some(true), Some(false));
    let Some((mi, m)) = non_empty(right).find(|(i, _)| *i > qi) else {
        out.err(
            R_NATIONAL,
            &excerpt(q),
            "không có Tiêu ngữ dưới Quốc hiệu".into(),
            MOTTO,
        );
        return None;
    };
    let text = m.plain();
    if text != MOTTO {
        out.err(
            R_NATIONAL,
            &excerpt(m),
            format!("Tiêu ngữ viết \"{text}\""),
            &format!(
                "\"{MOTTO}\": chữ đầu mỗi cụm viết hoa, giữa các cụm có gạch nối (-) và cách chữ"
            ),
        );
    }
    size_rule(out, m, R_NATIONAL, "Tiêu ngữ", SZ_13_14);
    style_rule(out, m, R_NATIONAL, "Tiêu ngữ", Some(true), Some(false));
    let (qs, ms) = (sizes(q), sizes(m));
    if let ([a], [b]) = (qs.as_slice(), ms.as_slice()) {
        if *b != a + 2 && SZ_12_13.contains(a) && SZ_13_14.contains(b) {
            out.warn(
                R_NATIONAL,
                &excerpt(m),
                format!("Quốc hiệu {} với Tiêu ngữ {}", pt(*a), pt(*b)),
                "cỡ chữ tăng giảm cùng nhau: Quốc hiệu 12 pt với Tiêu ngữ 13 pt, hoặc 13 pt với 14 pt (chú thích Mục V)",
            );
        }
    }
    let date_at = right
        .iter()
        .position(|p| date_form(&p.plain()).is_ok())
        .unwrap_or(right.len());
    let shape_in_cell = right[qi..date_at.max(qi)].iter().any(|p| p.line_shape);
    if !rule_under(right, mi) && !shape_in_cell {
        out.err(
            R_NATIONAL,
            &excerpt(m),
            "không có đường kẻ ngang dưới Tiêu ngữ".into(),
            "dưới Tiêu ngữ có đường kẻ ngang, nét liền, độ dài bằng độ dài dòng chữ",
        );
    }
    ms.first().copied()
}

/// H4–H5 (Phụ lục I, II.2 and II.3): agency lines and the rule under them, the số line.
/// Returns the ký hiệu (after `/`).
fn agency_and_number(out: &mut Out, h: &Header) -> Option<String> {
    let left = &h.left;
    let number_at = left.iter().position(|p| p.plain().starts_with("Số"));
    let end = number_at.unwrap_or(left.len());
    let agency: Vec<(usize, &Para)> = non_empty(&left[..end]).collect();
    if agency.is_empty() {
        out.err(
            R_AGENCY,
            "cột trái phần đầu",
            "không có tên cơ quan ban hành".into(),
            "tên cơ quan ban hành (và cơ quan chủ quản, nếu có) ở góc trái, trên số, ký hiệu",
        );
    }
    let mut bold_seen = false;
    for (_, p) in &agency {
        if !text_upper(p) {
            out.err(
                R_AGENCY,
                &excerpt(p),
                "tên cơ quan không in hoa".into(),
                "in hoa",
            );
        }
        size_rule(out, p, R_AGENCY, "tên cơ quan", SZ_12_13);
        if any_italic(p) {
            out.err(R_AGENCY, &excerpt(p), "tên cơ quan nghiêng".into(), "đứng");
        }
        if all_bold(p) {
            bold_seen = true;
        } else if bold_seen {
            out.err(
                R_AGENCY,
                &excerpt(p),
                "dòng tên cơ quan ban hành không đậm".into(),
                "tên cơ quan ban hành in hoa, đứng, đậm; chỉ tên cơ quan chủ quản (dòng trên) không đậm",
            );
        }
    }
    if let Some((last_i, last)) = agency.last() {
        if !bold_seen {
            out.err(
                R_AGENCY,
                &excerpt(last),
                "tên cơ quan ban hành không đậm".into(),
                "in hoa, đứng, đậm",
            );
        }
        let shape_in_cell = left[..end].iter().any(|p| p.line_shape);
        if !rule_under(left, *last_i) && !shape_in_cell {
            out.err(
                R_AGENCY,
                &excerpt(last),
                "không có đường kẻ ngang dưới tên cơ quan ban hành".into(),
                "đường kẻ ngang nét liền, dài 1/3 đến 1/2 dòng chữ, đặt cân đối dưới tên cơ quan",
            );
        }
    }
    let Some(ni) = number_at else {
        out.err(
            R_NUMBER,
            "cột trái phần đầu",
            "không có dòng số, ký hiệu".into(),
            "\"Số: 05/KH-UBND\" dưới tên cơ quan ban hành",
        );
        return None;
    };
    let p = &left[ni];
    let text = p.plain();
    size_rule(out, p, R_NUMBER, "số, ký hiệu", SZ_NUMBER);
    style_rule(out, p, R_NUMBER, "số, ký hiệu", Some(false), Some(false));
    let Some(rest) = text.strip_prefix("Số:") else {
        out.err(
            R_NUMBER,
            &excerpt(p),
            format!("viết \"{text}\""),
            "\"Số:\" (chữ Số in thường, có dấu hai chấm), rồi số và ký hiệu",
        );
        return None;
    };
    let rest = rest.trim();
    let (num, code) = match rest.split_once('/') {
        Some((n, c)) => (n.trim(), c),
        None => {
            out.err(
                R_NUMBER,
                &excerpt(p),
                format!("\"{text}\" không có dấu / giữa số và ký hiệu"),
                "\"Số: 05/KH-UBND\"",
            );
            return None;
        }
    };
    // A văn bản quy phạm pháp luật puts the year between: `68/2007/QĐ-UBND`.
    let code = match code.split_once('/') {
        Some((year, rest)) if year.len() == 4 && year.chars().all(|c| c.is_ascii_digit()) => rest,
        _ => code,
    };
    if code.contains(char::is_whitespace) || code.contains('/') {
        out.err(
            R_NUMBER,
            &excerpt(p),
            format!("ký hiệu \"{code}\" có dấu cách hoặc dấu /"),
            "các nhóm chữ viết tắt nối bằng gạch nối (-), không cách chữ",
        );
    }
    let ok_num = num.is_empty()
        || (num.chars().all(|c| c.is_ascii_digit())
            && (num.len() >= 2 && !num.starts_with('0') || num.len() == 2 && num != "00"));
    if !ok_num {
        out.err(
            R_NUMBER,
            &excerpt(p),
            format!("số \"{num}\""),
            "số bằng chữ số Ả Rập; số nhỏ hơn 10 ghi thêm số 0 phía trước (05)",
        );
    }
    Some(code.trim().to_string())
}

/// H7 (Phụ lục I, II.4): `<Địa danh>, ngày DD tháng M năm YYYY`, days 1–9 and months 1–2 with a
/// leading zero, italic, the Tiêu ngữ's size. `dated`: the line is due — not in a biên bản
/// (Mẫu 1.9 has none), whose line, when written, is still checked.
fn place_date(out: &mut Out, h: &Header, motto_size: Option<u32>, dated: bool) {
    let Some((_, p)) = non_empty(&h.right)
        .filter(|(_, p)| !is_national(p) && p.plain() != MOTTO)
        .find(|(_, p)| p.plain().contains("ngày") || p.plain().contains("năm"))
    else {
        if !dated {
            return;
        }
        out.err(
            R_DATE,
            "cột phải phần đầu",
            "không có dòng địa danh, ngày tháng năm".into(),
            "\"Phường X, ngày 05 tháng 3 năm 2025\" dưới Quốc hiệu và Tiêu ngữ",
        );
        return;
    };
    let text = p.plain();
    if let Err(why) = date_form(&text) {
        out.err(
            R_DATE,
            &excerpt(p),
            why,
            "\"<Địa danh>, ngày DD tháng M năm YYYY\": ngày 1–9 và tháng 1, 2 ghi thêm số 0 (ngày 05 tháng 02), tháng 3–12 không (tháng 3)",
        );
    }
    size_rule(out, p, R_DATE, "dòng địa danh, ngày", SZ_13_14);
    style_rule(
        out,
        p,
        R_DATE,
        "dòng địa danh, ngày",
        Some(false),
        Some(true),
    );
    if let (Some(m), [s]) = (motto_size, sizes(p).as_slice()) {
        if *s != m && SZ_13_14.contains(s) {
            out.warn(
                R_DATE,
                &excerpt(p),
                format!("cỡ {} trong khi Tiêu ngữ cỡ {}", pt(*s), pt(m)),
                "cùng cỡ với Tiêu ngữ (chú thích Mục V)",
            );
        }
    }
}

/// Whether a place-and-date line has the decree's form; `Err` says what is wrong.
pub(crate) fn date_form(text: &str) -> Result<(), String> {
    let Some((place, date)) = text.split_once(',') else {
        return Err(format!("\"{text}\": không có dấu phẩy sau địa danh"));
    };
    if !place.chars().next().is_some_and(char::is_uppercase) {
        return Err(format!("địa danh \"{place}\" không viết hoa chữ đầu"));
    }
    let words: Vec<&str> = date.split_whitespace().collect();
    // ngày D tháng M năm Y; a draft leaves D and M blank.
    let get = |key: &str| -> Option<Option<&str>> {
        let i = words.iter().position(|w| *w == key)?;
        Some(
            words
                .get(i + 1)
                .copied()
                .filter(|w| !matches!(*w, "tháng" | "năm")),
        )
    };
    let (Some(day), Some(month), Some(Some(year))) = (get("ngày"), get("tháng"), get("năm"))
    else {
        return Err(format!(
            "\"{}\" không theo dạng ngày … tháng … năm …",
            date.trim()
        ));
    };
    if words.first() != Some(&"ngày") {
        return Err(format!("\"{}\" không bắt đầu bằng \"ngày\"", date.trim()));
    }
    if year.len() != 4 || !year.chars().all(|c| c.is_ascii_digit()) {
        return Err(format!("năm \"{year}\" không đủ bốn chữ số"));
    }
    if let Some(d) = day {
        let v: u32 = d
            .parse()
            .map_err(|_| format!("ngày \"{d}\" không phải số"))?;
        if !(1..=31).contains(&v) {
            return Err(format!("ngày \"{d}\" không có"));
        }
        if v < 10 && d.len() != 2 {
            return Err(format!("ngày \"{d}\" thiếu số 0 phía trước (ngày 0{v})"));
        }
        if v >= 10 && d.len() != 2 {
            return Err(format!("ngày \"{d}\""));
        }
    }
    if let Some(m) = month {
        let v: u32 = m
            .parse()
            .map_err(|_| format!("tháng \"{m}\" không phải số"))?;
        if !(1..=12).contains(&v) {
            return Err(format!("tháng \"{m}\" không có"));
        }
        let want = if v <= 2 {
            format!("0{v}")
        } else {
            v.to_string()
        };
        if m != want {
            return Err(format!("tháng \"{m}\" (viết đúng: tháng {want})"));
        }
    }
    Ok(())
}

/// The kind whose title is `t` (folded), if any.
pub(crate) fn kind_of_title(t: &str) -> Option<&'static crate::model::admin::KindInfo> {
    let t = fold(t);
    KINDS
        .iter()
        .find(|k| !k.title.is_empty() && fold(k.title) == t.trim_end_matches(':'))
}

/// T1, T2 (Phụ lục I, II.5.a): tên loại, trích yếu and the rule under them. Returns the index of
/// the first block after the title block and the title's text.
fn title(out: &mut Out, doc: &Doc, start: usize, letter: bool) -> (usize, Option<String>) {
    let mut i = start;
    // Skip empty paragraphs and boxes (độ khẩn, phạm vi lưu hành) right under the header.
    while let Some(b) = doc.blocks.get(i) {
        match b {
            Block::Para(p) if p.plain().is_empty() => i += 1,
            Block::Table(_) => i += 1,
            _ => break,
        }
    }
    let Some(Block::Para(t)) = doc.blocks.get(i) else {
        return (i, None);
    };
    let text = t.plain();
    // A công văn's `V/v …` written under the header table instead of in it.
    if text.starts_with("V/v") {
        size_rule(out, t, R_TITLE, "trích yếu công văn", SZ_12_13);
        return (i + 1, None);
    }
    let named = kind_of_title(&text).is_some()
        || (t.props.jc.as_deref() == Some("center") && text_upper(t) && all_bold(t));
    if letter || !named {
        if !letter {
            out.err(
                R_TITLE,
                &excerpt(t),
                "không nhận ra tên loại văn bản dưới phần đầu".into(),
                "tên loại (KẾ HOẠCH, BÁO CÁO, …) in hoa, đậm, canh giữa; công văn thì có \"V/v …\" dưới số, ký hiệu",
            );
        }
        return (i, None);
    }
    if !text_upper(t) {
        out.err(
            R_TITLE,
            &excerpt(t),
            "tên loại không in hoa".into(),
            "in hoa",
        );
    }
    size_rule(out, t, R_TITLE, "tên loại", SZ_13_14);
    style_rule(out, t, R_TITLE, "tên loại", Some(true), Some(false));
    // The trích yếu: the next paragraphs up to the rule.
    let mut j = i + 1;
    let mut subject: Vec<&Para> = Vec::new();
    let mut ruled = t.draws_rule();
    while let Some(Block::Para(p)) = doc.blocks.get(j) {
        if ruled || p.is_rule_only() {
            ruled = true;
            j += usize::from(p.is_rule_only());
            break;
        }
        if p.plain().is_empty() || p.props.jc.as_deref() != Some("center") || subject.len() >= 4 {
            break;
        }
        subject.push(p);
        ruled = p.draws_rule();
        j += 1;
    }
    for p in &subject {
        size_rule(out, p, R_TITLE, "trích yếu", SZ_13_14);
        style_rule(out, p, R_TITLE, "trích yếu", Some(true), Some(false));
    }
    let all_caps = !subject.is_empty() && subject.iter().all(|p| text_upper(p));
    if all_caps {
        out.warn(
            R_TITLE,
            &excerpt(subject[0]),
            "trích yếu in hoa".into(),
            "trích yếu in thường (chỉ chữ đầu viết hoa), đậm",
        );
    }
    if !ruled {
        let at = subject.last().copied().unwrap_or(t);
        out.err(
            R_TITLE,
            &excerpt(at),
            "không có đường kẻ ngang dưới trích yếu".into(),
            "đường kẻ ngang nét liền, dài 1/3 đến 1/2 dòng chữ, đặt cân đối dưới trích yếu",
        );
    }
    (j, Some(text))
}

/// A công văn: its trích yếu is a `V/v …` line under the số (in the header or just after it).
pub(crate) fn is_letter(doc: &Doc, h: &Header) -> bool {
    h.left.iter().any(|p| p.plain().starts_with("V/v"))
        || doc.blocks[h.end.min(doc.blocks.len())..]
            .iter()
            .find_map(|b| match b {
                Block::Para(p) if !p.plain().is_empty() => Some(p.plain().starts_with("V/v")),
                Block::Para(_) => None,
                Block::Table(_) => Some(false),
            })
            .unwrap_or(false)
}

/// The title block's recognition without its findings (for `vanban import`): the index of the
/// first block after it and the tên loại's text.
pub(crate) fn title_block(doc: &Doc, start: usize, letter: bool) -> (usize, Option<String>) {
    title(&mut Out(Vec::new()), doc, start, letter)
}

/// H6 (Phụ lục I, II.3; Phụ lục III): the ký hiệu opens with the code of the tên loại; a công
/// văn has none.
fn kind_code(out: &mut Out, h: &Header, title: Option<&str>, code: Option<&str>, letter: bool) {
    let Some(code) = code.filter(|c| !c.is_empty()) else {
        return;
    };
    let at = h
        .left
        .iter()
        .find(|p| p.plain().starts_with("Số"))
        .map(excerpt)
        .unwrap_or_default();
    let first = code.split('-').next().unwrap_or("");
    let code_kind = KINDS.iter().find(|k| k.code == Some(first));
    if letter {
        if let Some(k) = code_kind {
            out.err(
                R_NUMBER,
                &at,
                format!("công văn có chữ viết tắt tên loại \"{}\" ({})", first, k.name),
                "ký hiệu công văn: chữ viết tắt tên cơ quan - đơn vị soạn thảo (UBND-VX), không có tên loại",
            );
        }
        return;
    }
    let Some(kind) = title.and_then(kind_of_title) else {
        return;
    };
    let Some(want) = kind.code else { return };
    if first != want {
        out.err(
            R_NUMBER,
            &at,
            format!("ký hiệu \"{code}\" mở đầu bằng \"{first}\""),
            &format!(
                "ký hiệu của {} mở đầu bằng \"{want}\" (Phụ lục III), ví dụ {want}-UBND",
                kind.name.to_lowercase()
            ),
        );
    }
}

/// The `Nơi nhận:` label: the text's first line (up to a line break or a tab) is `Nơi nhận` with
/// at most a colon — a sentence of the body that starts with the words (`Nơi nhận hồ sơ: …`) is
/// not the label.
pub(crate) fn is_recipients_label(text: &str) -> bool {
    let first = text.split(['\n', '\t']).next().unwrap_or("");
    let first = first.replace('\u{a0}', " ");
    first
        .trim()
        .strip_prefix("Nơi nhận")
        .is_some_and(|rest| matches!(rest.trim(), "" | ":"))
}

/// Where the closing starts: the block holding `Nơi nhận:`, or the signature table just before a
/// `Nơi nhận:` paragraph (biên bản); the end of the document when there is none.
pub(crate) fn closing_start(doc: &Doc, from: usize) -> usize {
    let is_label = |p: &Para| is_recipients_label(&p.text);
    for (i, b) in doc.blocks.iter().enumerate().skip(from) {
        match b {
            Block::Table(rows) if rows.iter().flatten().flatten().any(is_label) => return i,
            Block::Para(p) if is_label(p) => {
                // A signature table right before (biên bản: signatures, then Nơi nhận).
                let mut k = i;
                while k > from {
                    match &doc.blocks[k - 1] {
                        Block::Para(q) if q.plain().is_empty() => k -= 1,
                        Block::Table(_) => return k - 1,
                        _ => break,
                    }
                }
                return i;
            }
            _ => {}
        }
    }
    doc.blocks.len()
}

/// B1–B5, T4 (Phụ lục I, II.6 and II.9.a): the body between the title and the closing.
fn body(out: &mut Out, doc: &Doc, start: usize, end: usize) {
    let paras: Vec<&Para> = doc.blocks[start..end.max(start)]
        .iter()
        .filter_map(|b| match b {
            Block::Para(p) if !p.plain().is_empty() && !p.is_rule_only() => Some(p),
            _ => None,
        })
        .collect();
    let mut k = 0;
    // Kính gửi (9a): the line and the `- …` lines under it, before the body proper.
    if let Some(p) = paras.first().filter(|p| p.plain().starts_with("Kính gửi")) {
        size_rule(out, p, R_ADDRESSEE, "Kính gửi", SZ_13_14);
        style_rule(out, p, R_ADDRESSEE, "Kính gửi", Some(false), Some(false));
        k = 1;
        let mut items: Vec<&Para> = Vec::new();
        while let Some(q) = paras.get(k) {
            if q.props.jc.as_deref() == Some("both") || !q.plain().starts_with('-') {
                break;
            }
            items.push(q);
            k += 1;
        }
        for (n, q) in items.iter().enumerate() {
            size_rule(out, q, R_ADDRESSEE, "Kính gửi", SZ_13_14);
            let t = q.plain();
            let want = if n + 1 == items.len() { '.' } else { ';' };
            if !t.ends_with(want) {
                out.err(
                    R_ADDRESSEE,
                    &excerpt(q),
                    format!("dòng nơi gửi kết thúc bằng \"{}\"", t.chars().last().unwrap_or(' ')),
                    "mỗi nơi gửi một dòng bắt đầu bằng gạch đầu dòng, kết thúc bằng dấu chấm phẩy; dòng cuối bằng dấu chấm",
                );
            }
        }
    }
    let body = &paras[k..];
    // B1: size 13–14 pt, one size for the whole body.
    let bad: Vec<&&Para> = body
        .iter()
        .filter(|p| sizes(p).iter().any(|s| !SZ_13_14.contains(s)))
        .collect();
    if let Some(first) = bad.first() {
        let mut all: Vec<u32> = bad.iter().flat_map(|p| sizes(p)).collect();
        all.sort_unstable();
        all.dedup();
        let found: Vec<String> = all
            .iter()
            .filter(|s| !SZ_13_14.contains(s))
            .map(|s| pt(*s))
            .collect();
        out.err(
            R_BODY,
            &excerpt(first),
            format!("chữ cỡ {} ở {} đoạn nội dung", found.join(", "), bad.len()),
            "cỡ chữ nội dung 13 pt hoặc 14 pt",
        );
    } else {
        let mut all: Vec<u32> = body.iter().flat_map(|p| sizes(p)).collect();
        all.sort_unstable();
        all.dedup();
        if all.len() > 1 {
            out.warn(
                R_BODY,
                &excerpt(body[0]),
                "nội dung dùng cả 13 pt và 14 pt".into(),
                "một cỡ chữ cho toàn bộ nội dung",
            );
        }
    }
    let prose: Vec<&&Para> = body
        .iter()
        .filter(|p| p.props.jc.as_deref() != Some("center"))
        .collect();
    // B1: justified.
    let unjustified: Vec<&&&Para> = prose
        .iter()
        .filter(|p| p.props.jc.as_deref() != Some("both"))
        .collect();
    if let Some(p) = unjustified.first() {
        out.err(
            R_BODY,
            &excerpt(p),
            format!(
                "{} đoạn nội dung canh {}",
                unjustified.len(),
                match p.props.jc.as_deref() {
                    Some("right") => "phải",
                    _ => "trái",
                }
            ),
            "canh đều hai lề (Justify)",
        );
    }
    // B2: first-line indent 1 cm or 1.27 cm; list items may hang.
    let unindented: Vec<&&&Para> = prose
        .iter()
        .filter(|p| {
            let hanging = p.props.hanging.unwrap_or(0) > 0;
            let fl = p.props.first_line.unwrap_or(0);
            !hanging && !FIRST_LINE.iter().any(|w| (fl - w).abs() <= TW_TOL)
        })
        .collect();
    if let Some(p) = unindented.first() {
        out.err(
            R_BODY,
            &excerpt(p),
            format!(
                "lùi dòng đầu {} ở {} đoạn",
                mm(p.props.first_line.unwrap_or(0)),
                unindented.len()
            ),
            "lùi dòng đầu 1 cm hoặc 1,27 cm",
        );
    }
    // B3: paragraph gap ≥ 6 pt; B4: line spacing single to 1.5 lines.
    let mut tight = Vec::new();
    let mut lines = Vec::new();
    for (n, p) in prose.iter().enumerate() {
        let prev_after = n
            .checked_sub(1)
            .and_then(|m| prose.get(m))
            .and_then(|q| q.props.after)
            .unwrap_or(0);
        if n > 0 && p.props.before.unwrap_or(0) + prev_after < MIN_GAP - TW_TOL {
            tight.push(*p);
        }
        let size = sizes(p).last().copied().unwrap_or(28);
        let ok = match (p.props.line_rule.as_deref(), p.props.line) {
            (_, None) => true,
            (Some("exact" | "atLeast"), Some(l)) => {
                let single = f64::from(size) * 10.0 * 1.15;
                let r = f64::from(l) / single;
                (0.95..=1.55).contains(&r)
            }
            (_, Some(l)) => (240 - TW_TOL..=360 + TW_TOL).contains(&l),
        };
        if !ok {
            lines.push(*p);
        }
    }
    if let Some(p) = tight.first() {
        out.err(
            R_BODY,
            &excerpt(p),
            format!(
                "khoảng cách giữa các đoạn {} pt ở {} đoạn",
                p.props.before.unwrap_or(0) / 20,
                tight.len()
            ),
            "khoảng cách giữa các đoạn tối thiểu 6 pt",
        );
    }
    if let Some(p) = lines.first() {
        out.err(
            R_BODY,
            &excerpt(p),
            format!("giãn dòng ngoài khoảng cho phép ở {} đoạn", lines.len()),
            "khoảng cách giữa các dòng từ dòng đơn (single) đến 1,5 dòng",
        );
    }
    headings(out, body);
}

/// B5 (Phụ lục I, II.6): `I.` headings in hoa and đậm, labels in sequence (I, II, …; 1, 2, …
/// restarting under each `I.`; a, b, c, d, đ, e, …). Labels drawn by Word's list numbering
/// count as text (H37).
fn headings(out: &mut Out, body: &[&Para]) {
    const LETTERS: &str = "abcdđeghiklmnopqrstuvxy";
    let mut roman_n = 0u32;
    let mut dec_n = 0u32;
    let mut letter_n = 0usize;
    for p in body {
        let t = p.plain();
        let Some((label, rest)) = t.split_once(' ') else {
            continue;
        };
        if rest.is_empty() {
            continue;
        }
        if let Some(r) = label.strip_suffix('.').filter(|r| {
            !r.is_empty() && r.chars().all(|c| matches!(c, 'I' | 'V' | 'X' | 'L' | 'C'))
        }) {
            let want = super::read::roman(roman_n + 1);
            if r != want {
                out.err(
                    R_BODY,
                    &excerpt(p),
                    format!("đề mục \"{r}.\" sau đề mục số {}", roman_n),
                    &format!("đề mục La Mã theo thứ tự: {want}."),
                );
            }
            roman_n = roman_from(r).unwrap_or(roman_n + 1);
            dec_n = 0;
            letter_n = 0;
            let heading_text = rest.split(':').next().unwrap_or(rest);
            if !is_upper(heading_text) || !all_bold(p) {
                out.err(
                    R_BODY,
                    &excerpt(p),
                    "đề mục La Mã không in hoa đậm".into(),
                    "đề mục \"I. …\" in hoa, đứng, đậm",
                );
            }
        } else if let Some(d) = label
            .strip_suffix('.')
            .filter(|d| !d.is_empty() && d.len() <= 3 && d.chars().all(|c| c.is_ascii_digit()))
        {
            let v: u32 = d.parse().unwrap_or(0);
            if v != 1 && v != dec_n + 1 {
                out.err(
                    R_BODY,
                    &excerpt(p),
                    format!("khoản \"{d}.\" sau khoản {dec_n}"),
                    &format!("đánh số theo thứ tự: {}.", dec_n + 1),
                );
            }
            dec_n = v;
            letter_n = 0;
        } else if let Some(l) = label.strip_suffix(')').filter(|l| l.chars().count() == 1) {
            if let Some(pos) = LETTERS.chars().position(|c| l.starts_with(c)) {
                if pos != 0 && pos != letter_n {
                    let want = LETTERS.chars().nth(letter_n).unwrap_or('a');
                    out.err(
                        R_BODY,
                        &excerpt(p),
                        format!("điểm \"{l})\" không theo thứ tự"),
                        &format!("điểm theo thứ tự chữ cái tiếng Việt: {want})"),
                    );
                }
                letter_n = pos + 1;
            }
        }
    }
}

fn roman_from(r: &str) -> Option<u32> {
    (1..400).find(|n| super::read::roman(*n) == r)
}

/// C1–C4 (Phụ lục I, II.7 and II.9.b): Nơi nhận and the signature.
fn closing_rules(out: &mut Out, doc: &Doc, start: usize) {
    let blocks = &doc.blocks[start.min(doc.blocks.len())..];
    // The containers that hold paragraphs: each table cell, and the run of paragraphs after.
    let mut containers: Vec<Vec<Para>> = Vec::new();
    let mut loose: Vec<Para> = Vec::new();
    let mut signature_cells: Vec<Vec<Para>> = Vec::new();
    for (n, b) in blocks.iter().enumerate() {
        match b {
            Block::Table(rows) => {
                if n > 1 && !loose.is_empty() {
                    break; // an appendix table after the closing
                }
                for r in rows {
                    for c in r {
                        let c: Vec<Para> = c.iter().flat_map(Para::lines).collect();
                        if c.iter().any(|p| p.plain().starts_with("Nơi nhận")) {
                            containers.push(c);
                        } else if c.iter().any(|p| !p.plain().is_empty()) {
                            signature_cells.push(c);
                        }
                    }
                }
            }
            Block::Para(p) => {
                if p.page_break || p.ends_section {
                    break;
                }
                if !p.plain().is_empty() || !loose.is_empty() {
                    loose.extend(p.lines());
                }
            }
        }
    }
    if loose.iter().any(|p| p.plain().starts_with("Nơi nhận")) {
        containers.push(loose);
    }
    if containers.is_empty() {
        out.err(
            R_RECIPIENTS,
            "cuối văn bản",
            "không có \"Nơi nhận:\"".into(),
            "\"Nơi nhận:\" ở góc trái, ngang dòng chức vụ người ký, dưới là các nơi nhận và dòng \"- Lưu: VT, …\"",
        );
    }
    for c in &containers {
        recipients(out, c);
    }
    for c in &signature_cells {
        signature(out, c);
    }
}

fn recipients(out: &mut Out, c: &[Para]) {
    let Some(li) = c.iter().position(|p| p.plain().starts_with("Nơi nhận")) else {
        return;
    };
    let label = &c[li];
    if label.plain() != "Nơi nhận:" {
        out.err(
            R_RECIPIENTS,
            &excerpt(label),
            format!("viết \"{}\"", label.plain()),
            "\"Nơi nhận:\" trên một dòng riêng",
        );
    }
    size_rule(
        out,
        label,
        R_RECIPIENTS,
        "\"Nơi nhận:\"",
        SZ_RECIPIENTS_LABEL,
    );
    style_rule(
        out,
        label,
        R_RECIPIENTS,
        "\"Nơi nhận:\"",
        Some(true),
        Some(true),
    );
    let lines: Vec<&Para> = c[li + 1..]
        .iter()
        .take_while(|p| !p.plain().is_empty())
        .collect();
    for p in &lines {
        size_rule(out, p, R_RECIPIENTS, "dòng nơi nhận", SZ_RECIPIENT);
        style_rule(
            out,
            p,
            R_RECIPIENTS,
            "dòng nơi nhận",
            Some(false),
            Some(false),
        );
    }
    let Some(last) = lines.last() else {
        out.err(
            R_RECIPIENTS,
            &excerpt(label),
            "không có nơi nhận nào dưới \"Nơi nhận:\"".into(),
            "mỗi nơi nhận một dòng \"- …;\", dòng cuối \"- Lưu: VT, …\"",
        );
        return;
    };
    let is_archive = |p: &Para| {
        let t = p.plain();
        let t = t.trim_start_matches(['-', ' ']);
        t.starts_with("Lưu")
    };
    if !is_archive(last) {
        out.err(
            R_RECIPIENTS,
            &excerpt(last),
            "nơi nhận không có dòng \"Lưu\"".into(),
            "dòng cuối của nơi nhận: \"- Lưu: VT, <đơn vị soạn thảo>.\"",
        );
    } else {
        let t = last.plain();
        if !(t.starts_with("- Lưu:") && t.ends_with('.')) {
            out.err(
                R_RECIPIENTS,
                &excerpt(last),
                format!("viết \"{t}\""),
                "\"- Lưu: VT, <chữ viết tắt đơn vị soạn thảo>.\" (gạch đầu dòng, dấu hai chấm sau Lưu, kết thúc bằng dấu chấm)",
            );
        }
    }
    for p in &lines[..lines.len() - 1] {
        let t = p.plain();
        if is_archive(p) {
            continue;
        }
        if !t.starts_with('-') || !t.ends_with(';') {
            out.err(
                R_RECIPIENTS,
                &excerpt(p),
                "dòng nơi nhận không theo dạng \"- …;\"".into(),
                "mỗi nơi nhận một dòng, bắt đầu bằng gạch đầu dòng, kết thúc bằng dấu chấm phẩy",
            );
        }
    }
}

/// C3, C4 (Phụ lục I, II.7): quyền hạn and chức vụ in hoa đậm, the name in thường đậm.
fn signature(out: &mut Out, c: &[Para]) {
    let lines: Vec<&Para> = c
        .iter()
        .filter(|p| !p.plain().is_empty() && !p.is_rule_only())
        .collect();
    let (Some(name), true) = (lines.last(), lines.len() >= 2) else {
        return;
    };
    let titles = &lines[..lines.len() - 1];
    // Only a signature block: its first line is in hoa (a chức vụ or TM./KT./…).
    if !titles.first().is_some_and(|p| is_upper(&p.plain())) {
        return;
    }
    for (n, p) in titles.iter().enumerate() {
        let t = p.plain();
        size_rule(out, p, R_SIGNATURE, "chức vụ", SZ_13_14);
        style_rule(out, p, R_SIGNATURE, "chức vụ", Some(true), Some(false));
        if !is_upper(&t) {
            out.err(
                R_SIGNATURE,
                &excerpt(p),
                "chức vụ không in hoa".into(),
                "in hoa, đậm",
            );
        }
        if let Some((prefix, _)) = t.split_once(' ').filter(|(w, _)| w.ends_with('.')) {
            if !matches!(prefix, "TM." | "KT." | "Q." | "TL." | "TUQ.") {
                out.err(
                    R_SIGNATURE,
                    &excerpt(p),
                    format!("chữ viết tắt quyền hạn \"{prefix}\""),
                    "TM., KT., Q., TL. hoặc TUQ. (Điều 13)",
                );
            }
            if prefix == "KT." && n + 1 == titles.len() {
                out.err(
                    R_SIGNATURE,
                    &excerpt(p),
                    "ký thay (KT.) mà không có chức vụ của người ký ở dòng dưới".into(),
                    "\"KT. CHỦ TỊCH\" rồi \"PHÓ CHỦ TỊCH\"",
                );
            }
        }
    }
    size_rule(out, name, R_SIGNATURE, "họ tên người ký", SZ_13_14);
    style_rule(
        out,
        name,
        R_SIGNATURE,
        "họ tên người ký",
        Some(true),
        Some(false),
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::profile as pr;
    use crate::model::units::Mm;

    fn tw(m: Mm) -> i32 {
        (m.0 * 1440.0 / 25.4).round() as i32
    }

    #[test]
    fn profile_lies_inside_the_checked_ranges() {
        let m = [
            pr::MARGIN_TOP,
            pr::MARGIN_BOTTOM,
            pr::MARGIN_LEFT,
            pr::MARGIN_RIGHT,
        ];
        for ((_, lo, hi), v) in MARGINS.iter().zip(m) {
            assert!((lo - TW_TOL..=hi + TW_TOL).contains(&tw(v)), "{v:?}");
        }
        let half = |p: crate::model::units::Pt| (p.0 * 2.0).round() as u32;
        assert!(SZ_13_14.contains(&half(pr::BODY_SIZE)));
        assert!(SZ_13_14.contains(&half(pr::MOTTO_SIZE)));
        assert!(SZ_12_13.contains(&half(pr::NATIONAL_TITLE_SIZE)));
        assert!(SZ_NUMBER.contains(&half(pr::NUMBER_SIZE)));
        assert!(SZ_RECIPIENT.contains(&half(pr::RECIPIENT_SIZE)));
        assert!(SZ_RECIPIENTS_LABEL.contains(&half(pr::RECIPIENTS_LABEL_SIZE)));
        assert!(FIRST_LINE.contains(&tw(pr::FIRST_LINE_INDENT)));
        assert!((240..=360).contains(&(pr::LINE_SPACING_240THS as i32)));
    }

    #[test]
    fn date_zero_padding_rule() {
        assert!(date_form("Phường Nguyễn Trãi, ngày 05 tháng 02 năm 2025").is_ok());
        assert!(date_form("Hà Nội, ngày 29 tháng 6 năm 2019").is_ok());
        assert!(date_form("Nguyễn Trãi, ngày \u{a0}\u{a0} tháng \u{a0} năm 2025").is_ok());
        assert!(date_form("Hà Nội, ngày 5 tháng 02 năm 2025")
            .unwrap_err()
            .contains("ngày \"5\""));
        assert!(date_form("Hà Nội, ngày 18 tháng 07 năm 2016")
            .unwrap_err()
            .contains("tháng 7"));
        assert!(date_form("Hà Nội, ngày 05 tháng 2 năm 2025").is_err());
        assert!(date_form("Hà Nội, ngày 05 tháng 02 năm 25").is_err());
    }

    #[test]
    fn folds_old_tone_marks() {
        assert_eq!(fold("CỘNG HOÀ XÃ HỘI  CHỦ NGHĨA VIỆT NAM"), NATIONAL_TITLE);
    }
}
