//! Nhập văn bản Word — `vanban import` (`nhap`): a .docx (vanban's or made in Word) → a data
//! file of the kind it is, so that last year's document becomes this year's starting point.
//!
//! The reading and the recognition of the frame are `vanban check`'s ([`crate::check`]): the
//! header (a table or tab-split lines, H38), the tên loại and trích yếu, Kính gửi, the body, Nơi
//! nhận and the signature, the appendices. What each kind prints from its own fields (quyết
//! định's thẩm quyền, căn cứ and điều; giấy mời's thành phần, thời gian, địa điểm; giấy giới
//! thiệu; giấy nghỉ phép; biên bản; công điện) is read back into those fields; the rest of the
//! body becomes `noi_dung` in Markdown ([`markdown`]) and the footnotes `chu_thich`. Structured
//! data is not rebuilt: a plan's objectives and indicators stay text. Whatever is not
//! recognised is kept — as text of the body — and named in a warning, never dropped.

mod markdown;

use serde::ser::SerializeMap;
use serde::Serialize;

use crate::check::read::{self, Block, Doc, Para, Run};
use crate::check::rules::{
    all_bold, all_italic, closing_start, fold, header, is_letter, is_national, is_recipients_label,
    is_upper, kind_of_title, split_at_tab, text_upper, title_block, Header,
};
use crate::check::CheckError;
use crate::data::frame::strip_marker;
use crate::model::admin::{KindInfo, Layout, KINDS, MOTTO};
use markdown::Notes;

/// Văn bản đã nhập — what `vanban import` made of a .docx.
#[derive(Debug, Clone)]
pub struct Imported {
    /// The data file (YAML), its comment header naming the source and the warnings.
    pub yaml: String,
    /// Tên loại recognised (`Kế hoạch`, `Công văn`, …).
    pub kind: String,
    /// Cảnh báo — each part not recognised (its text kept in the body) or dropped on purpose
    /// (tracked deletions), in Vietnamese.
    pub warnings: Vec<String>,
}

/// Placeholder written where the frame has no value the reader could recognise; `vanban` warns
/// about it (`«…»`) until the user fills it in.
const UNKNOWN: &str = "«cần bổ sung»";

/// Import the bytes of a .docx. `source` names it in the file's comment.
///
/// Errors: the bytes are not a .docx package or a part is not well-formed XML (as
/// [`crate::check_docx`]).
pub fn import_docx(bytes: &[u8], source: &str) -> Result<Imported, CheckError> {
    let doc = read::read(bytes).map_err(|e| CheckError(e.to_string()))?;
    let mut b = Builder::default();
    let kind = b.document(&doc);
    let yaml = b.yaml(source, kind)?;
    Ok(Imported {
        yaml,
        kind: kind.map_or_else(
            || "công văn — không nhận ra phần đầu, điền các chỗ «cần bổ sung»".to_string(),
            |k| k.name.to_string(),
        ),
        warnings: b.warnings,
    })
}

// ---------------------------------------------------------------------------------------------
// The data file written.

/// Cơ quan.
#[derive(Debug, Default, Serialize)]
struct Agency {
    #[serde(skip_serializing_if = "Vec::is_empty")]
    chu_quan: Vec<String>,
    ban_hanh: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    tieu_de_phai: Option<String>,
}

/// Chữ ký.
#[derive(Debug, Default, Serialize)]
struct Signature {
    quyen_han: Vec<String>,
    chuc_vu: String,
    nguoi_ky: String,
}

/// Giới thiệu.
#[derive(Debug, Default, Serialize)]
struct Introduction {
    ho_ten: String,
    chuc_vu: String,
    duoc_cu_den: String,
    ve_viec: String,
    co_gia_tri_den: String,
}

/// Nghỉ phép.
#[derive(Debug, Default, Serialize)]
struct Leave {
    ho_ten: String,
    chuc_vu: String,
    ngay_don: String,
    thoi_gian: String,
    tu_ngay: String,
    den_ngay: String,
    noi_nghi: String,
    tinh_vao: String,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    xac_nhan: bool,
}

/// Địa chỉ cơ quan.
#[derive(Debug, Default, Serialize)]
struct Contact {
    #[serde(skip_serializing_if = "Option::is_none")]
    dia_chi: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    dien_thoai: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    fax: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    email: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    website: Option<String>,
}

/// Phụ lục.
#[derive(Debug, Default, Serialize)]
struct Appendix {
    tieu_de: String,
    noi_dung: String,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    ngang: bool,
}

/// Chú thích in reference order (a map that keeps its order).
#[derive(Debug, Default)]
struct NoteMap(Vec<(String, String)>);

impl Serialize for NoteMap {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            m.serialize_entry(k, v)?;
        }
        m.end()
    }
}

fn no_notes(n: &NoteMap) -> bool {
    n.0.is_empty()
}

/// A document file (`RawDocument`'s keys, in the order of the samples).
#[derive(Debug, Default, Serialize)]
struct DataFile {
    loai: String,
    co_quan: Agency,
    so_ky_hieu: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    dia_danh: String,
    ngay_ban_hanh: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    muc_do_khan: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pham_vi_luu_hanh: Option<String>,
    #[serde(skip_serializing_if = "String::is_empty")]
    trich_yeu: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    kinh_gui: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    nguoi_dien: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    tham_quyen: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    can_cu: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    dieu: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    thoi_gian: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    dia_diem: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    thanh_phan: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    toi_du: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    chu_tri: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    thu_ky: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    ket_thuc: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    gioi_thieu: Option<Introduction>,
    #[serde(skip_serializing_if = "Option::is_none")]
    nghi_phep: Option<Leave>,
    noi_dung: String,
    #[serde(skip_serializing_if = "no_notes")]
    chu_thich: NoteMap,
    noi_nhan: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    ky_hieu_nguoi_soan: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    so_ban: Option<u32>,
    ky: Signature,
    #[serde(skip_serializing_if = "Option::is_none")]
    lien_he: Option<Contact>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    phu_luc: Vec<Appendix>,
}

// ---------------------------------------------------------------------------------------------
// Recognition.

#[derive(Default)]
struct Builder {
    out: DataFile,
    notes: Notes,
    /// Markdown blocks of the body, in order.
    body: Vec<String>,
    warnings: Vec<String>,
    /// The header had a place-and-date line.
    dated: bool,
    /// A signature written as paragraphs before Nơi nhận (not in a table).
    loose_signature: Option<Signature>,
}

/// A paragraph's text, cut to 60 characters, in quotes (as `vanban check` names places).
fn excerpt(t: &str) -> String {
    let cut: String = t.chars().take(60).collect();
    if cut.chars().count() < t.chars().count() {
        format!("\"{cut}…\"")
    } else {
        format!("\"{cut}\"")
    }
}

/// A text without its end punctuation (`;`, `.`, `./.`) — the renderer writes it.
fn bare(t: &str) -> String {
    let t = t.trim();
    let t = t.strip_suffix("./.").unwrap_or(t);
    t.trim_end_matches([';', '.', ',']).trim_end().to_string()
}

/// A list line without its marker and end punctuation (`- Như trên;` → `Như trên`).
fn item(t: &str) -> String {
    bare(strip_marker(t))
}

/// `DD/MM/YYYY` → `YYYY-MM-DD`.
fn iso(d: &str) -> Option<String> {
    let mut it = d.trim().trim_end_matches(['.', ',', ';']).split('/');
    let (day, month, year) = (it.next()?, it.next()?, it.next()?);
    let n = |s: &str| s.parse::<u32>().ok();
    Some(format!("{:04}-{:02}-{:02}", n(year)?, n(month)?, n(day)?))
}

fn is_box_text(t: &str) -> bool {
    !t.is_empty() && is_upper(t) && t.chars().count() <= 40
}

/// The lines of a one-cell table that is a box (độ khẩn, phạm vi lưu hành, `DỰ THẢO`).
fn box_text(rows: &[Vec<Vec<Para>>]) -> Option<String> {
    let [row] = rows else { return None };
    let [cell] = row.as_slice() else { return None };
    let t: Vec<String> = cell
        .iter()
        .map(Para::plain)
        .filter(|t| !t.is_empty())
        .collect();
    let t = t.join(" ");
    is_box_text(&t).then_some(t)
}

const URGENCY: [&str; 3] = ["KHẨN", "THƯỢNG KHẨN", "HỎA TỐC"];

impl Builder {
    fn warn(&mut self, s: String) {
        self.warnings.push(s);
    }

    /// Keep a paragraph the reader did not recognise as part of the frame: in the body, warned.
    fn keep(&mut self, p: &Para, part: &str) {
        if let Some(md) = markdown::paragraph(p, &mut self.notes) {
            self.warn(format!(
                "không nhận ra đoạn {} ({part}): giữ làm nội dung (noi_dung)",
                excerpt(&p.plain())
            ));
            self.body.push(md);
        }
    }

    fn keep_block(&mut self, b: &Block, part: &str) {
        match b {
            Block::Para(p) => self.keep(p, part),
            Block::Table(rows) => {
                if let Some(t) = box_text(rows) {
                    if self.boxed(&t) {
                        return;
                    }
                }
                let text: String = rows
                    .iter()
                    .flatten()
                    .flatten()
                    .map(Para::plain)
                    .collect::<Vec<_>>()
                    .join(" ");
                if text.trim().is_empty() {
                    return;
                }
                self.warn(format!(
                    "không nhận ra bảng {} ({part}): giữ làm nội dung (noi_dung)",
                    excerpt(&text)
                ));
                let md = markdown::table(rows, &mut self.notes);
                self.body.push(md);
            }
        }
    }

    /// A box of the frame: độ khẩn or phạm vi lưu hành. `false` when it is neither.
    fn boxed(&mut self, t: &str) -> bool {
        let f = fold(t);
        if URGENCY.iter().any(|u| fold(u) == f) {
            self.out.muc_do_khan = Some(t.to_string());
            true
        } else if ["LƯU HÀNH NỘI BỘ", "XEM XONG TRẢ LẠI", "TÀI LIỆU HỘI NGHỊ"]
            .iter()
            .any(|u| fold(u) == f)
        {
            self.out.pham_vi_luu_hanh = Some(t.to_string());
            true
        } else {
            false
        }
    }

    /// The whole document; returns the kind recognised.
    fn document(&mut self, doc: &Doc) -> Option<&'static KindInfo> {
        if doc.tracked_changes > 0 {
            self.warn(format!(
                "văn bản còn {} chỗ sửa đổi được theo dõi (Track Changes) chưa chấp nhận: đã nhập theo văn bản chấp nhận mọi chỗ thêm và bỏ mọi chỗ xóa",
                doc.tracked_changes
            ));
        }
        self.losses(doc);
        let h = match header(doc) {
            Ok(Some(h)) => h,
            Ok(None) | Err(_) => {
                self.warn("không nhận ra phần đầu văn bản hành chính (bảng có Quốc hiệu): toàn bộ văn bản được giữ làm nội dung (noi_dung) của một công văn (loai: cong_van); điền các khóa có «cần bổ sung» (render báo lỗi ở số, ký hiệu và ngày cho đến khi được điền) và sửa Nơi nhận, ghi tạm \"Lưu: VT\"".into());
                self.unrecognised(doc);
                return None;
            }
        };
        // Boxes and text before the header (phạm vi lưu hành sits above it).
        let start = header_start(doc, &h);
        for b in &doc.blocks[..start] {
            self.keep_block(b, "trước phần đầu");
        }
        self.header(&h);
        self.header_leftovers(doc, start, &h);
        let letter = is_letter(doc, &h);
        let (kind, body_start) = self.title(doc, &h, letter);
        let closing = closing_start(doc, body_start).max(body_start);
        let mut body_end = closing;
        let layout = kind.map(|k| k.layout);
        // A signature written as paragraphs (canh giữa or canh phải) right before Nơi nhận.
        let mut k = closing;
        let mut lines = Vec::new();
        while k > body_start {
            let Block::Para(p) = &doc.blocks[k - 1] else {
                break;
            };
            let t = p.plain();
            let side = matches!(p.props.jc.as_deref(), Some("center" | "right" | "end"));
            if !(t.is_empty() || side && t.chars().count() <= 60 && !t.ends_with('.')) {
                break;
            }
            lines.insert(0, p.clone());
            k -= 1;
        }
        if lines.iter().filter(|p| !p.plain().is_empty()).count() >= 2 {
            let before = self.warnings.len();
            if let Some(sig) = self.signature(&lines) {
                self.loose_signature = Some(sig);
                body_end = k;
            } else {
                self.warnings.truncate(before);
            }
        }
        self.body_of(doc, body_start, body_end, layout);
        if !self.dated {
            self.undated(layout);
        }
        let after = self.closing(doc, closing, layout);
        self.appendices(doc, after);
        if matches!(
            layout,
            Some(Layout::Letter | Layout::Invitation | Layout::Introduction)
        ) {
            self.contact(doc);
        }
        self.finish_notes(doc);
        kind
    }

    /// What a data file cannot hold, named once each: pictures, Word's comments, merged cells.
    fn losses(&mut self, doc: &Doc) {
        fn paras(b: &Block) -> Vec<&Para> {
            match b {
                Block::Para(p) => vec![p],
                Block::Table(rows) => rows.iter().flatten().flatten().collect(),
            }
        }
        let images: usize = doc
            .blocks
            .iter()
            .flat_map(paras)
            .map(|p| p.images)
            .sum::<usize>()
            + doc
                .sections
                .iter()
                .flat_map(|s| s.headers.iter().chain(&s.footers))
                .flat_map(|(_, ps)| ps)
                .map(|p| p.images)
                .sum::<usize>();
        if images > 0 {
            self.warn(format!(
                "{images} hình ảnh (logo, ảnh, chữ ký quét) không nhập được — tệp dữ liệu chỉ giữ chữ: chèn lại trong Word sau khi tạo văn bản"
            ));
        }
        if doc.comments > 0 {
            self.warn(format!(
                "{} ghi chú (comment) của Word không nhập: chúng là ý kiến góp ý, không thuộc văn bản",
                doc.comments
            ));
        }
        if doc.alt_chunks > 0 {
            self.warn(format!(
                "{} phần nhúng (altChunk: HTML, RTF do phần mềm khác chèn) không đọc được: mở tệp bằng Word, lưu lại (Word gộp phần nhúng vào văn bản) rồi nhập lại",
                doc.alt_chunks
            ));
        }
        if !doc.symbols.is_empty() {
            let mut fonts = doc.symbols.clone();
            fonts.sort();
            fonts.dedup();
            self.warn(format!(
                "{} ký hiệu chèn từ phông ký hiệu ({}) không nhập được (không có chữ Unicode tương ứng): chèn lại trong Word, hoặc gõ ký tự Unicode (✓, ☐, …)",
                doc.symbols.len(),
                fonts.join(", ")
            ));
        }
        if doc.endnotes > 0 {
            self.warn(format!(
                "{} chú thích cuối văn bản (endnote) nhập thành chú thích cuối trang (chu_thich): vanban in chú thích ở cuối trang",
                doc.endnotes
            ));
        }
        // Text typed in a page header or footer (a "DỰ THẢO" line, a note), beside the page
        // number and the agency's contact line that vanban writes there itself: named with its
        // text, never dropped silently.
        let mut named = Vec::new();
        for p in doc
            .sections
            .iter()
            .flat_map(|s| s.headers.iter().chain(&s.footers))
            .flat_map(|(_, ps)| ps)
        {
            let t = p.plain().split_whitespace().collect::<Vec<_>>().join(" ");
            let contact = ["Địa chỉ:", "Điện thoại:", "E-mail:", "Email:", "Website:"]
                .iter()
                .any(|k| t.contains(k));
            if t.is_empty()
                || p.page_field
                || contact
                || t.chars().all(|c| c.is_ascii_digit())
                || named.contains(&t)
            {
                continue;
            }
            self.warn(format!(
                "chữ ở đầu trang hoặc chân trang \"{t}\" không nhập (vanban tự in số trang, địa chỉ liên hệ): thêm lại trong Word nếu cần"
            ));
            named.push(t);
        }
        if doc.merged_cells > 0 {
            self.warn(format!(
                "{} ô bảng gộp (merge) được nhập thành ô riêng, chữ ở ô đầu: gộp lại trong Word nếu cần",
                doc.merged_cells
            ));
        }
    }

    /// No administrative frame: every block in the body, the frame's keys as placeholders.
    fn unrecognised(&mut self, doc: &Doc) {
        self.out.loai = "cong_van".into();
        self.out.co_quan.ban_hanh = vec![UNKNOWN.into()];
        self.out.so_ky_hieu = UNKNOWN.into();
        self.out.dia_danh = UNKNOWN.into();
        self.out.ngay_ban_hanh = UNKNOWN.into();
        self.out.trich_yeu = UNKNOWN.into();
        self.out.noi_nhan = vec!["Lưu: VT".into()];
        self.out.ky = Signature {
            quyen_han: Vec::new(),
            chuc_vu: UNKNOWN.into(),
            nguoi_ky: UNKNOWN.into(),
        };
        for b in &doc.blocks {
            self.body_block(b);
        }
        self.finish_notes(doc);
    }

    fn body_block(&mut self, b: &Block) {
        match b {
            Block::Para(p) => {
                // A border or a drawn line alone; a line of `____` typed as a blank to fill in is
                // text and stays.
                if p.is_rule_only() && p.plain().is_empty() {
                    return;
                }
                if let Some(md) = markdown::paragraph(p, &mut self.notes) {
                    self.body.push(md);
                }
                for t in &p.boxes {
                    self.warn(format!(
                        "hộp văn bản (text box) {}: giữ làm một đoạn nội dung (không giữ khung, chữ đậm, canh lề của hộp)",
                        excerpt(t)
                    ));
                    let runs = [Run {
                        text: t.clone(),
                        props: Default::default(),
                        note: None,
                    }];
                    self.body
                        .push(markdown::inline(&runs, &mut self.notes, false, false));
                }
            }
            Block::Table(rows) => {
                if rows
                    .iter()
                    .flatten()
                    .flatten()
                    .all(|p| p.plain().is_empty())
                {
                    return;
                }
                let md = markdown::table(rows, &mut self.notes);
                self.body.push(md);
            }
        }
    }

    // --- Header ----------------------------------------------------------------------------

    fn header(&mut self, h: &Header) {
        // A line without a letter or digit (`*` under a Party body's name, `-----`) is a rule.
        let decoration = |p: &Para| !p.plain().chars().any(char::is_alphanumeric);
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
    fn undated(&mut self, layout: Option<Layout>) {
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

    /// Text of the header's tables outside its two columns (a third cell, a cell of another
    /// row): kept in the body and warned.
    fn header_leftovers(&mut self, doc: &Doc, start: usize, h: &Header) {
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
    fn place_date(&mut self, t: &str) -> bool {
        let Some((place, date)) = t.split_once(',') else {
            return false;
        };
        let words: Vec<&str> = date.split_whitespace().collect();
        let after = |key: &str| -> Option<u32> {
            let i = words.iter().position(|w| *w == key)?;
            words.get(i + 1)?.trim_end_matches('.').parse().ok()
        };
        let Some(year) = after("năm") else {
            return false;
        };
        self.out.dia_danh = place.trim().to_string();
        self.out.ngay_ban_hanh = match (after("ngày"), after("tháng")) {
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
    fn title(&mut self, doc: &Doc, h: &Header, letter: bool) -> (Option<&'static KindInfo>, usize) {
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
                        .filter(|t| t.chars().any(char::is_alphanumeric))
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

    // --- Body ------------------------------------------------------------------------------

    fn body_of(&mut self, doc: &Doc, start: usize, end: usize, layout: Option<Layout>) {
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
    fn list_lines(&mut self, blocks: &[Block], push: impl Fn(&mut Self, String)) -> usize {
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
    fn texts(blocks: &[Block]) -> Vec<(usize, String)> {
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
    fn rest_to_body(&mut self, blocks: &[Block], used: &[bool]) {
        for (i, b) in blocks.iter().enumerate() {
            if !used.get(i).copied().unwrap_or(false) {
                self.body_block(b);
            }
        }
    }

    /// Quyết định, nghị quyết: thẩm quyền, căn cứ, `QUYẾT ĐỊNH:`, Điều.
    fn decision(&mut self, blocks: &[Block]) {
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
    fn invitation(&mut self, blocks: &[Block]) {
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

    fn fill_missing_invitation(&mut self) {
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
    fn fill_unknown<const N: usize>(
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
    fn introduction(&mut self, blocks: &[Block]) {
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
    fn leave(&mut self, blocks: &[Block]) {
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
    fn minutes(&mut self, blocks: &[Block]) {
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

    // --- Closing ---------------------------------------------------------------------------

    /// Nơi nhận and the signature(s), from block `start`; returns the index after the closing.
    fn closing(&mut self, doc: &Doc, start: usize, layout: Option<Layout>) -> usize {
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
    fn recipient_lines(&mut self, lines: &[String], out: &mut Vec<String>) {
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
    fn archive_line(&mut self, mut recipients: Vec<String>) {
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
    fn signature(&mut self, cell: &[Para]) -> Option<Signature> {
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
    fn appendices(&mut self, doc: &Doc, from: usize) {
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
    fn contact(&mut self, doc: &Doc) {
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
    fn finish_notes(&mut self, doc: &Doc) {
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

    fn yaml(&mut self, source: &str, kind: Option<&KindInfo>) -> Result<String, CheckError> {
        self.out.noi_dung = self.body.join("\n\n");
        let data =
            serde_yaml::to_string(&self.out).map_err(|e| CheckError(format!("YAML: {e}")))?;
        let mut head = format!(
            "# Nhập từ \"{source}\" bằng `vanban import`{}.\n# Kiểm tra lại trước khi dùng: số, ngày, nội dung; các chỉ tiêu của kế hoạch, báo cáo nằm trong noi_dung dưới dạng chữ.\n",
            kind.map(|k| format!(" — {} (Mẫu {})", k.name, k.layout.number()))
                .unwrap_or_default()
        );
        if !self.warnings.is_empty() {
            head.push_str("# Cảnh báo khi nhập:\n");
            for w in &self.warnings {
                head.push_str(&format!("#   - {}\n", w.replace('\n', " ")));
            }
        }
        Ok(format!("{head}\n{data}"))
    }
}

/// The index of the header's first block (its table, or its first tab-split line).
fn header_start(doc: &Doc, h: &Header) -> usize {
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

/// The date written `ngày D tháng M năm Y` inside a text, as `YYYY-MM-DD`.
fn date_in(t: &str) -> Option<String> {
    let words: Vec<&str> = t.split_whitespace().collect();
    let after = |key: &str| -> Option<u32> {
        let i = words.iter().position(|w| *w == key)?;
        words
            .get(i + 1)?
            .trim_end_matches(['.', ',', ';'])
            .parse()
            .ok()
    };
    let d = chrono::NaiveDate::from_ymd_opt(after("năm")? as i32, after("tháng")?, after("ngày")?)?;
    Some(d.format("%Y-%m-%d").to_string())
}

/// `Điều 3.` at the start of an article → the label's length in characters.
fn article_label(t: &str) -> Option<usize> {
    let rest = t.strip_prefix("Điều ")?;
    let digits = rest.chars().take_while(char::is_ascii_digit).count();
    if digits == 0 || !rest[digits..].starts_with(['.', ':']) {
        return None;
    }
    Some("Điều ".chars().count() + digits + 1)
}

/// The runs without their first `n` characters (and the spaces after them).
fn strip_prefix(runs: &[Run], mut n: usize) -> Vec<Run> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn punctuation_and_markers_come_off() {
        assert_eq!(item("- Như trên;"), "Như trên");
        assert_eq!(item("- Lưu: VT, VHXH."), "Lưu: VT, VHXH");
        assert_eq!(
            bare("Cuộc họp kết thúc vào 11 giờ./."),
            "Cuộc họp kết thúc vào 11 giờ"
        );
        assert_eq!(iso("31/12/2025"), Some("2025-12-31".into()));
        assert_eq!(article_label("Điều 12. Hiệu lực"), Some(8));
        assert_eq!(article_label("Điều khoản"), None);
        assert_eq!(
            date_in("08 giờ 00 phút, ngày 20 tháng 11 năm 2025").as_deref(),
            Some("2025-11-20")
        );
    }

    #[test]
    fn archive_line_gives_back_initials_and_copies() {
        let mut b = Builder::default();
        b.archive_line(vec!["Như trên".into(), "Lưu: VT, VHXH, NAM.(25)".into()]);
        assert_eq!(
            b.out.noi_nhan.last().map(String::as_str),
            Some("Lưu: VT, VHXH")
        );
        assert_eq!(b.out.ky_hieu_nguoi_soan.as_deref(), Some("NAM"));
        assert_eq!(b.out.so_ban, Some(25));
    }
}
