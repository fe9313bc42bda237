//! Bố cục — every layout number of the Nghị định 30 profile, each citing its rule.
//!
//! Lengths are [`Mm`] (millimetres) or [`Pt`] (points); they become twips and half-points
//! through [`crate::model::units`] only. The .docx writer holds no layout number.

use crate::model::units::{Mm, Pt};

/// Phông chữ — Times New Roman, on all four font slots (NĐ 30 Phụ lục I, I.4).
pub(crate) const FONT: &str = "Times New Roman";
/// Ngôn ngữ — document language (spell-checking, hyphenation).
pub(crate) const LANGUAGE: &str = "vi-VN";

/// Khổ giấy A4 — width (NĐ 30 Phụ lục I, I.1).
pub(crate) const PAGE_WIDTH: Mm = Mm(210.0);
/// Khổ giấy A4 — height (NĐ 30 Phụ lục I, I.1).
pub(crate) const PAGE_HEIGHT: Mm = Mm(297.0);
/// Lề trên — 20–25 mm (NĐ 30 Phụ lục I, I.3).
pub(crate) const MARGIN_TOP: Mm = Mm(20.0);
/// Lề dưới — 20–25 mm (NĐ 30 Phụ lục I, I.3).
pub(crate) const MARGIN_BOTTOM: Mm = Mm(20.0);
/// Lề trái — 30–35 mm (NĐ 30 Phụ lục I, I.3).
pub(crate) const MARGIN_LEFT: Mm = Mm(30.0);
/// Lề phải — 15–20 mm (NĐ 30 Phụ lục I, I.3).
pub(crate) const MARGIN_RIGHT: Mm = Mm(15.0);
/// Distance from the page edge to the header holding the page number (the decree's own files: 10 mm).
pub(crate) const HEADER_DISTANCE: Mm = Mm(10.0);
/// Distance from the page edge to the footer.
pub(crate) const FOOTER_DISTANCE: Mm = Mm(10.0);

/// Text width of a portrait page: 210 − 30 − 15 = 165 mm.
pub(crate) fn text_width() -> Mm {
    Mm(PAGE_WIDTH.0 - MARGIN_LEFT.0 - MARGIN_RIGHT.0)
}

/// Text width of a landscape page (appendix tables): 297 − 30 − 15 = 252 mm.
pub(crate) fn text_width_landscape() -> Mm {
    Mm(PAGE_HEIGHT.0 - MARGIN_LEFT.0 - MARGIN_RIGHT.0)
}

/// Quốc hiệu — 13 pt, upright, bold, upper case (NĐ 30 Phụ lục I, II.1; Mẫu 1.4 pairs 13/14/14).
pub(crate) const NATIONAL_TITLE_SIZE: Pt = Pt(13.0);
/// Tiêu ngữ — 14 pt, bold (NĐ 30 Phụ lục I, II.1; = Quốc hiệu + 1 pt, size-consistency footnote).
pub(crate) const MOTTO_SIZE: Pt = Pt(14.0);
/// The smaller set of the header's right column — Quốc hiệu 12 pt, Tiêu ngữ and địa danh, ngày
/// 13 pt — used when the place-and-date line does not fit the column at 14 pt (`Phường Nguyễn
/// Trãi, ngày …`): the sizes move together, as the footnote of Phụ lục I, Mục V pairs them
/// (12/13/13 or 13/14/14; nd30-layout §3).
pub(crate) const SMALL_HEADER_SIZES: (Pt, Pt, Pt) = (Pt(12.0), Pt(13.0), Pt(13.0));
/// Tên cơ quan — 13 pt, upper case; bold for the issuing agency (NĐ 30 Phụ lục I, II.2).
pub(crate) const AGENCY_SIZE: Pt = Pt(13.0);
/// Số, ký hiệu — 13 pt, upright (NĐ 30 Phụ lục I, II.3).
pub(crate) const NUMBER_SIZE: Pt = Pt(13.0);
/// Địa danh, ngày tháng năm — 14 pt italic, = Tiêu ngữ size (NĐ 30 Phụ lục I, II.4).
pub(crate) const PLACE_DATE_SIZE: Pt = Pt(14.0);
/// Trích yếu of a công văn, after `V/v` — 12 pt upright, centred under the số, ký hiệu
/// (NĐ 30 Phụ lục I, II.5.b: 12–13 pt, đứng).
pub(crate) const LETTER_SUBJECT_SIZE: Pt = Pt(12.0);
/// Space above the `V/v` line of a công văn — 6 pt (nd30-layout §4.5, 5b).
pub(crate) const LETTER_SUBJECT_SPACING: Pt = Pt(6.0);
/// Tên loại — 14 pt bold, upper case (NĐ 30 Phụ lục I, II.5.a).
pub(crate) const KIND_SIZE: Pt = Pt(14.0);
/// Trích yếu — 14 pt bold (NĐ 30 Phụ lục I, II.5.a).
pub(crate) const SUBJECT_SIZE: Pt = Pt(14.0);
/// Nội dung — body 14 pt, one size for the whole body (NĐ 30 Phụ lục I, II.6: 13–14).
pub(crate) const BODY_SIZE: Pt = Pt(14.0);
/// Kính gửi — 14 pt upright (NĐ 30 Phụ lục I, II.9.a: 13–14).
pub(crate) const ADDRESSEE_SIZE: Pt = Pt(14.0);
/// "Nơi nhận:" — 12 pt bold italic (NĐ 30 Phụ lục I, II.9.b).
pub(crate) const RECIPIENTS_LABEL_SIZE: Pt = Pt(12.0);
/// Recipient lines — 11 pt upright (NĐ 30 Phụ lục I, II.9.b).
pub(crate) const RECIPIENT_SIZE: Pt = Pt(11.0);
/// Quyền hạn, chức vụ and họ tên — 14 pt bold (NĐ 30 Phụ lục I, II.7: 13–14).
pub(crate) const SIGNATURE_SIZE: Pt = Pt(14.0);
/// Số trang — 14 pt, centred in the top margin, not on page 1 (NĐ 30 Phụ lục I, I.7).
pub(crate) const PAGE_NUMBER_SIZE: Pt = Pt(14.0);
/// Chú thích — footnote text 12 pt (not regulated; practice 10–12 pt, nd30-layout §6).
pub(crate) const FOOTNOTE_SIZE: Pt = Pt(12.0);
/// Table text — 12 pt (practice for indicator tables).
pub(crate) const TABLE_SIZE: Pt = Pt(12.0);
/// "Phụ lục" label — 14 pt bold (NĐ 30 Phụ lục I, III.1).
pub(crate) const APPENDIX_LABEL_SIZE: Pt = Pt(14.0);

/// Lùi dòng đầu — first-line indent 1 cm (NĐ 30 Phụ lục I, II.6: 1 cm or 1.27 cm).
pub(crate) const FIRST_LINE_INDENT: Mm = Mm(10.0);
/// Khoảng cách đoạn — 6 pt before each body paragraph (NĐ 30 Phụ lục I, II.6: at least 6 pt).
pub(crate) const PARAGRAPH_SPACING: Pt = Pt(6.0);
/// Khoảng cách dòng — 1.15 lines, as `w:line` in 240ths of a line (NĐ 30: single to 1.5 lines).
pub(crate) const LINE_SPACING_240THS: u32 = 276;

/// Header table: right column (Quốc hiệu, Tiêu ngữ, địa danh and date) width — Mẫu 1.4's own
/// 5670 twips (NĐ 30 Phụ lục III; nd30-layout §5), ≥ the 13 pt Quốc hiệu (5424 twips, §4.1)
/// plus two cell margins, so it stays on one line.
pub(crate) const HEADER_RIGHT_WIDTH: Mm = Mm(100.0);
/// Header table indent into the left margin — Mẫu 1.4's `tblInd` −199 twips (−3.5 mm).
pub(crate) const HEADER_TABLE_INDENT: Mm = Mm(-3.5);
/// Distance from the header table's right end to the paper's edge. Mẫu 1.4's table (width 9782,
/// indent −199, left margin 35 mm) ends 338 twips (6 mm) from the edge; with this profile's
/// narrower right margin (15 mm) the table ends 5 mm from it, which gives the agency column the
/// width of the longest usual chủ quản line (`BCH ĐOÀN THÀNH PHỐ KON TUM`, 13 pt: 4182 twips).
pub(crate) const HEADER_PAPER_GAP: Mm = Mm(5.0);

/// Header table: left column (tên cơ quan, số) width — what the decree's layout leaves beside the
/// right column: text width + the indent into the left margin + the right margin − the gap to the
/// paper's edge − the right column = 165 + 3.5 + 15 − 5 − 100 = 78.5 mm (4450 twips; Mẫu 1.4's
/// column is 3829 twips inside a narrower text block).
pub(crate) fn header_left_width() -> Mm {
    Mm(text_width().0 - HEADER_TABLE_INDENT.0 + MARGIN_RIGHT.0
        - HEADER_PAPER_GAP.0
        - HEADER_RIGHT_WIDTH.0)
}
/// Closing table (Nơi nhận | chữ ký): left column width (Mẫu 1.4 ≈ 32/68; wider for long recipients).
pub(crate) const CLOSING_LEFT_WIDTH: Mm = Mm(72.0);
/// Closing table: right column width (the rest of the text width).
pub(crate) const CLOSING_RIGHT_WIDTH: Mm = Mm(93.0);
/// Biên bản: each of the two signatures (thư ký left, chủ tọa right) takes half the text width,
/// Nơi nhận below them (NĐ 30 Phụ lục III, Mẫu 1.9).
pub(crate) const MINUTES_SIGNATURE_WIDTH: Mm = Mm(82.5);
/// Default table cell margin left/right (OOXML default 108 twips = 1.9 mm).
pub(crate) const CELL_MARGIN: Mm = Mm(1.9);
/// Width of a no-break space (U+00A0, the blanks of a draft's `ngày      tháng      năm` and
/// `Số:      /…`) as LibreOffice 7 sets it, in font units of 2048 to the em: 701 (0.342 em;
/// measured: 20 no-break spaces at 13 pt italic span 88.97 pt in the PDF LibreOffice writes),
/// though the font's own advance is that of a space, 512 (Word uses 512). The layout measures the
/// wider, so that a line of blanks fits in both (issue 9 trial, finding 4).
pub(crate) const NBSP_WIDTH_UNITS: u32 = 701;
/// Blanks of a draft's date (`ngày      tháng      năm 2026`): no-break spaces for the day and
/// for the month, room to write two digits by hand (NĐ 30 Phụ lục I, II.4 leaves the date to be
/// filled in when signed); fewer, down to half, when the line would not fit its cell.
pub(crate) const DRAFT_DATE_BLANKS: usize = 6;
/// What the place-and-date line keeps to spare in its cell: 1 mm, for the small differences
/// between Word's and LibreOffice's line setting.
pub(crate) const PLACE_DATE_SPARE: Mm = Mm(1.0);
/// What a table column keeps beside its widest word (and its cell margins): 0.5 mm, so that no
/// word processor splits the word.
pub(crate) const WORD_SPARE: Mm = Mm(0.5);
/// Empty lines left for signature and seal (practice: 3–4 lines; nd30-layout §4.7).
pub(crate) const SIGNATURE_SPACE_LINES: usize = 4;
/// Kính gửi with several addressees: indent of the `Kính gửi:` line from the left margin of the
/// text (Mẫu 1.5, measured on the decree's page: 35 mm into the text block).
pub(crate) const ADDRESSEE_INDENT: Mm = Mm(35.0);
/// Kính gửi with several addressees: indent of each `- …;` line, under `gửi` (Mẫu 1.5: the dashes
/// stand 10 mm right of `Kính`).
pub(crate) const ADDRESSEE_ITEM_INDENT: Mm = Mm(45.0);

/// Short rule under the agency name and the trích yếu: this fraction of the text above it
/// (NĐ 30 Phụ lục I, II.2 and II.5: 1/3 to 1/2).
pub(crate) const SHORT_RULE_FRACTION: f64 = 0.4;
/// Rule thickness, in eighths of a point (`w:sz` of a border): 6 = 0.75 pt.
pub(crate) const RULE_EIGHTHS: u32 = 6;
/// Height of the paragraph that carries a rule (exact line height), so the rule sits close to
/// the text above it.
pub(crate) const RULE_LINE_HEIGHT: Pt = Pt(3.0);
/// Space above the second header row (số | place and date), as in Mẫu 1.4.
pub(crate) const HEADER_SECOND_ROW_SPACING: Pt = Pt(6.0);
/// Space above the tên loại (title), after the header table.
pub(crate) const TITLE_SPACING: Pt = Pt(18.0);
/// Space above `Kính gửi:`.
pub(crate) const ADDRESSEE_SPACING: Pt = Pt(12.0);
/// Height of the empty line between the body and the closing table.
pub(crate) const CLOSING_GAP: Pt = Pt(12.0);
/// Space above and below the text of a table cell.
pub(crate) const TABLE_CELL_SPACING: Pt = Pt(2.0);

/// Mức độ khẩn — 13 pt, upper case, upright, bold (NĐ 30 Phụ lục I, III.2.b: 13–14).
pub(crate) const URGENCY_SIZE: Pt = Pt(13.0);
/// The single-bordered rectangle of a mức độ khẩn: `KHẨN` 20 mm, `THƯỢNG KHẨN` 40 mm, `HỎA TỐC`
/// 30 mm wide, 8 mm high (NĐ 30 Phụ lục I, III.2.b).
pub(crate) fn urgency_box_width(u: crate::model::Urgency) -> Mm {
    match u {
        crate::model::Urgency::Urgent => Mm(20.0),
        crate::model::Urgency::VeryUrgent => Mm(40.0),
        crate::model::Urgency::Flash => Mm(30.0),
    }
}
/// Space above the mức độ khẩn rectangle (ô 10b sits under the số and Kính gửi).
pub(crate) const URGENCY_SPACING: Pt = Pt(6.0);
/// Phạm vi lưu hành — 13 pt, upper case, upright, bold, in a single-bordered box above the
/// Quốc hiệu (NĐ 30 Phụ lục I, III.2.c; ô 11).
pub(crate) const CIRCULATION_SIZE: Pt = Pt(13.0);
/// Padding either side of the phạm vi lưu hành text inside its box.
pub(crate) const CIRCULATION_PADDING: Mm = Mm(3.0);
/// Height of the empty paragraph that separates two tables (Word would join adjacent tables).
pub(crate) const TABLE_SEPARATOR: Pt = Pt(4.0);
/// Địa chỉ cơ quan — 11 pt upright, page 1 only, under a full-width line (NĐ 30 Phụ lục I,
/// III.4: 11–12).
pub(crate) const CONTACT_SIZE: Pt = Pt(11.0);
/// Giấy nghỉ phép: the confirmation box of the place of leave, 12 pt italic under Nơi nhận
/// (Phụ lục III, Mẫu 1.10).
pub(crate) const CONFIRMATION_SIZE: Pt = Pt(12.0);
