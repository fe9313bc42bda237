//! Bố cục — every layout number of the Nghị định 30 profile, each citing its rule.
//!
//! Lengths are [`Mm`] (millimetres) or [`Pt`] (points); the writer converts them to twips and
//! half-points through [`crate::model::units`] only.

use crate::model::units::{Mm, Pt};

/// Phông chữ — Times New Roman, on all four font slots (NĐ 30 Phụ lục I, I.3).
pub const FONT: &str = "Times New Roman";
/// Ngôn ngữ — document language (spell-checking, hyphenation).
pub const LANGUAGE: &str = "vi-VN";

/// Khổ giấy A4 — width (NĐ 30 Phụ lục I, I.1).
pub const PAGE_WIDTH: Mm = Mm(210.0);
/// Khổ giấy A4 — height (NĐ 30 Phụ lục I, I.1).
pub const PAGE_HEIGHT: Mm = Mm(297.0);
/// Lề trên — 20–25 mm (NĐ 30 Phụ lục I, I.5).
pub const MARGIN_TOP: Mm = Mm(20.0);
/// Lề dưới — 20–25 mm (NĐ 30 Phụ lục I, I.5).
pub const MARGIN_BOTTOM: Mm = Mm(20.0);
/// Lề trái — 30–35 mm (NĐ 30 Phụ lục I, I.5).
pub const MARGIN_LEFT: Mm = Mm(30.0);
/// Lề phải — 15–20 mm (NĐ 30 Phụ lục I, I.5).
pub const MARGIN_RIGHT: Mm = Mm(15.0);
/// Distance from the page edge to the header holding the page number (the decree's own files: 10 mm).
pub const HEADER_DISTANCE: Mm = Mm(10.0);
/// Distance from the page edge to the footer.
pub const FOOTER_DISTANCE: Mm = Mm(10.0);

/// Text width of a portrait page: 210 − 30 − 15 = 165 mm.
pub fn text_width() -> Mm {
    Mm(PAGE_WIDTH.0 - MARGIN_LEFT.0 - MARGIN_RIGHT.0)
}

/// Text width of a landscape page (appendix tables): 297 − 30 − 15 = 252 mm.
pub fn text_width_landscape() -> Mm {
    Mm(PAGE_HEIGHT.0 - MARGIN_LEFT.0 - MARGIN_RIGHT.0)
}

/// Quốc hiệu — 13 pt, upright, bold, upper case (NĐ 30 Phụ lục I, II.1; Mẫu 1.4 pairs 13/14/14).
pub const NATIONAL_TITLE_SIZE: Pt = Pt(13.0);
/// Tiêu ngữ — 14 pt, bold (NĐ 30 Phụ lục I, II.1; = Quốc hiệu + 1 pt, size-consistency footnote).
pub const MOTTO_SIZE: Pt = Pt(14.0);
/// Tên cơ quan — 13 pt, upper case; bold for the issuing agency (NĐ 30 Phụ lục I, II.2).
pub const AGENCY_SIZE: Pt = Pt(13.0);
/// Số, ký hiệu — 13 pt, upright (NĐ 30 Phụ lục I, II.3).
pub const NUMBER_SIZE: Pt = Pt(13.0);
/// Địa danh, ngày tháng năm — 14 pt italic, = Tiêu ngữ size (NĐ 30 Phụ lục I, II.4).
pub const PLACE_DATE_SIZE: Pt = Pt(14.0);
/// Tên loại — 14 pt bold, upper case (NĐ 30 Phụ lục I, II.5.a).
pub const KIND_SIZE: Pt = Pt(14.0);
/// Trích yếu — 14 pt bold (NĐ 30 Phụ lục I, II.5.a).
pub const SUBJECT_SIZE: Pt = Pt(14.0);
/// Nội dung — body 14 pt, one size for the whole body (NĐ 30 Phụ lục I, II.6: 13–14).
pub const BODY_SIZE: Pt = Pt(14.0);
/// Kính gửi — 14 pt upright (NĐ 30 Phụ lục I, II.9.a: 13–14).
pub const ADDRESSEE_SIZE: Pt = Pt(14.0);
/// "Nơi nhận:" — 12 pt bold italic (NĐ 30 Phụ lục I, II.9.b).
pub const RECIPIENTS_LABEL_SIZE: Pt = Pt(12.0);
/// Recipient lines — 11 pt upright (NĐ 30 Phụ lục I, II.9.b).
pub const RECIPIENT_SIZE: Pt = Pt(11.0);
/// Quyền hạn, chức vụ and họ tên — 14 pt bold (NĐ 30 Phụ lục I, II.7: 13–14).
pub const SIGNATURE_SIZE: Pt = Pt(14.0);
/// Số trang — 14 pt, centred in the top margin, not on page 1 (NĐ 30 Phụ lục I, I.7).
pub const PAGE_NUMBER_SIZE: Pt = Pt(14.0);
/// Chú thích — footnote text 12 pt (not regulated; practice 10–12 pt, nd30-layout §6).
pub const FOOTNOTE_SIZE: Pt = Pt(12.0);
/// Table text — 12 pt (practice for indicator tables).
pub const TABLE_SIZE: Pt = Pt(12.0);
/// "Phụ lục" label — 14 pt bold (NĐ 30 Phụ lục I, III.1).
pub const APPENDIX_LABEL_SIZE: Pt = Pt(14.0);

/// Lùi dòng đầu — first-line indent 1 cm (NĐ 30 Phụ lục I, II.6: 1 cm or 1.27 cm).
pub const FIRST_LINE_INDENT: Mm = Mm(10.0);
/// Khoảng cách đoạn — 6 pt before each body paragraph (NĐ 30 Phụ lục I, II.6: at least 6 pt).
pub const PARAGRAPH_SPACING: Pt = Pt(6.0);
/// Khoảng cách dòng — 1.15 lines, as `w:line` in 240ths of a line (NĐ 30: single to 1.5 lines).
pub const LINE_SPACING_240THS: i32 = 276;
/// Single line spacing in 240ths (header lines, NĐ 30 Phụ lục I, II.1).
pub const SINGLE_LINE_240THS: i32 = 240;

/// Header table: left column (agency, số) width (Mẫu 1.4 uses ≈ 40 %).
pub const HEADER_LEFT_WIDTH: Mm = Mm(63.5);
/// Header table: right column (Quốc hiệu, date) width; ≥ 5670 twips to hold a 13 pt Quốc hiệu
/// on one line (nd30-layout §5).
pub const HEADER_RIGHT_WIDTH: Mm = Mm(104.0);
/// Header table indent into the left margin, so that the wider table stays centred (Mẫu 1.4: −199 twips).
pub const HEADER_TABLE_INDENT: Mm = Mm(-1.3);
/// Closing table (Nơi nhận | chữ ký): left column width (Mẫu 1.4 ≈ 32/68; wider for long recipients).
pub const CLOSING_LEFT_WIDTH: Mm = Mm(72.0);
/// Closing table: right column width (the rest of the text width).
pub const CLOSING_RIGHT_WIDTH: Mm = Mm(93.0);
/// Default table cell margin left/right (OOXML default 108 twips = 1.9 mm).
pub const CELL_MARGIN: Mm = Mm(1.9);
/// Empty lines left for signature and seal (practice: 3–4 lines; nd30-layout §4.7).
pub const SIGNATURE_SPACE_LINES: usize = 4;
/// Kính gửi block: indent from the left margin of the text (diagram ô 9a starts at ≈ 0.3 of the width).
pub const ADDRESSEE_INDENT: Mm = Mm(30.0);

/// Short rule under the agency name and the trích yếu: this fraction of the text above it
/// (NĐ 30 Phụ lục I, II.2 and II.5: 1/3 to 1/2).
pub const SHORT_RULE_FRACTION: f64 = 0.4;
/// Rule thickness, in eighths of a point (`w:sz` of a border): 6 = 0.75 pt.
pub const RULE_EIGHTHS: usize = 6;
