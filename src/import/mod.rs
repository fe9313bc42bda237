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

mod closing;
mod data;
mod frame;
mod kinds;
mod markdown;

use data::*;
use frame::header_start;
use kinds::{date_in, date_parts};

use crate::check::read::{self, Block, Doc, Para, Run};
use crate::check::rules::{
    all_bold, all_italic, closing_start, excerpt_text as excerpt, fold, header, is_letter,
    is_national, is_recipients_label, is_upper, kind_of_title, split_at_tab, text_upper,
    title_block, Header,
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

#[cfg(test)]
mod tests {
    use super::kinds::article_label;
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
