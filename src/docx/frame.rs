//! Emitters for the administrative frame: header table, title block, Kính gửi, closing table,
//! appendix heading (NĐ 30/2020/NĐ-CP, Phụ lục I, II).

use docx_rs::{
    AlignmentType, BorderType, LineSpacing, LineSpacingType, Paragraph, ParagraphBorder,
    ParagraphBorderPosition, ParagraphBorders, SpecialIndentType, Tab, TabValueType, Table,
    TableCell, TableLayoutType, TableRow, VAlignType, WidthType,
};

use super::blocks::Child;
use super::measure::text_width_twips;
use super::profile as p;
use super::{run, spacing};
use crate::model::admin::{MOTTO, NATIONAL_TITLE};
use crate::model::format::{day_text, month_text};
use crate::model::units::{Mm, Pt};
use crate::model::{Appendix, Frame, IssueDate, RightHeader};
use chrono::Datelike;

/// A centred single-spaced paragraph (header lines: NĐ 30 Phụ lục I, II.1 "cách dòng đơn").
fn centred() -> Paragraph {
    Paragraph::new()
        .align(AlignmentType::Center)
        .line_spacing(spacing(Pt(0.0), p::SINGLE_LINE_240THS))
}

/// A solid line of `length` twips centred in a box `box_width` twips wide: an empty paragraph
/// with a bottom border, narrowed by equal left and right indents.
fn rule(length: i32, box_width: i32) -> Paragraph {
    let side = ((box_width - length) / 2).max(0);
    Paragraph::new()
        .align(AlignmentType::Center)
        .indent(Some(side), None, Some(side), None)
        .line_spacing(
            LineSpacing::new()
                .before(0)
                .after(0)
                .line(60)
                .line_rule(LineSpacingType::Exact),
        )
        .set_borders(
            ParagraphBorders::with_empty().set(
                ParagraphBorder::new(ParagraphBorderPosition::Bottom)
                    .val(BorderType::Single)
                    .size(p::RULE_EIGHTHS)
                    .space(1)
                    .color("000000"),
            ),
        )
}

fn cell_content_width(cell: Mm) -> i32 {
    cell.twips() - 2 * p::CELL_MARGIN.twips()
}

fn cell(paras: Vec<Paragraph>, width: Mm) -> TableCell {
    let mut c = TableCell::new()
        .width(width.twips() as usize, WidthType::Dxa)
        .vertical_align(VAlignType::Top);
    for para in paras {
        c = c.add_paragraph(para);
    }
    c
}

/// The place-and-date line (ô 4): `Nguyễn Trãi, ngày 05 tháng 3 năm 2025`; blanks in a draft.
pub(crate) fn place_date(f: &Frame) -> String {
    let blank = "\u{a0}".repeat(6);
    match f.date {
        IssueDate::Full(d) => format!(
            "{}, ngày {} tháng {} năm {}",
            f.place,
            day_text(d.day()),
            month_text(d.month()),
            d.year()
        ),
        IssueDate::YearOnly(y) => format!("{}, ngày{blank}tháng{blank}năm {y}", f.place),
    }
}

/// Phase 2: the borderless two-column header table.
pub(crate) fn header_table(f: &Frame, out: &mut Vec<Child>) {
    let left_w = cell_content_width(p::HEADER_LEFT_WIDTH);
    let right_w = cell_content_width(p::HEADER_RIGHT_WIDTH);
    // Left column: chủ quản (not bold), cơ quan ban hành (bold), short rule.
    let mut left = Vec::new();
    for l in &f.parent_agency {
        left.push(centred().add_run(run(l, p::AGENCY_SIZE, false, false)));
    }
    for l in &f.issuing_agency {
        left.push(centred().add_run(run(l, p::AGENCY_SIZE, true, false)));
    }
    let longest = f
        .issuing_agency
        .iter()
        .map(|l| text_width_twips(l, p::AGENCY_SIZE, true))
        .max()
        .unwrap_or(0);
    left.push(rule(
        (longest as f64 * p::SHORT_RULE_FRACTION) as i32,
        left_w,
    ));
    // Right column: Quốc hiệu, Tiêu ngữ, rule as long as the Tiêu ngữ.
    let mut right = Vec::new();
    match &f.right_header {
        RightHeader::National => {
            right.push(centred().add_run(run(NATIONAL_TITLE, p::NATIONAL_TITLE_SIZE, true, false)));
            right.push(centred().add_run(run(MOTTO, p::MOTTO_SIZE, true, false)));
            right.push(rule(text_width_twips(MOTTO, p::MOTTO_SIZE, true), right_w));
        }
        RightHeader::Custom(title) => {
            right.push(centred().add_run(run(title, p::NATIONAL_TITLE_SIZE, true, false)));
            right.push(rule(
                text_width_twips(title, p::NATIONAL_TITLE_SIZE, true),
                right_w,
            ));
        }
    }
    let row1 = TableRow::new(vec![
        cell(left, p::HEADER_LEFT_WIDTH),
        cell(right, p::HEADER_RIGHT_WIDTH),
    ]);
    // Row 2: số, ký hiệu (13 pt) | place and date (14 pt italic), 6 pt above.
    let number = centred()
        .line_spacing(spacing(Pt(6.0), p::SINGLE_LINE_240THS))
        .add_run(run(
            &format!("Số: {}", f.reference.text()),
            p::NUMBER_SIZE,
            false,
            false,
        ));
    let date = centred()
        .line_spacing(spacing(Pt(6.0), p::SINGLE_LINE_240THS))
        .add_run(run(&place_date(f), p::PLACE_DATE_SIZE, false, true));
    let row2 = TableRow::new(vec![
        cell(vec![number], p::HEADER_LEFT_WIDTH),
        cell(vec![date], p::HEADER_RIGHT_WIDTH),
    ]);
    let grid = vec![
        p::HEADER_LEFT_WIDTH.twips() as usize,
        p::HEADER_RIGHT_WIDTH.twips() as usize,
    ];
    let table = Table::without_borders(vec![row1, row2])
        .set_grid(grid.clone())
        .layout(TableLayoutType::Fixed)
        .width(grid.iter().sum(), WidthType::Dxa)
        .indent(p::HEADER_TABLE_INDENT.twips());
    out.push(Child::Table(Box::new(table)));
}

/// Phase 3: tên loại, trích yếu and the short rule under it (NĐ 30 Phụ lục I, II.5.a).
pub(crate) fn title_block(f: &Frame, out: &mut Vec<Child>) {
    let width = p::text_width().twips();
    out.push(Child::Paragraph(Box::new(
        centred()
            .line_spacing(spacing(Pt(18.0), p::SINGLE_LINE_240THS))
            .keep_next(true)
            .add_run(run(f.kind.title(), p::KIND_SIZE, true, false)),
    )));
    for line in &f.subject {
        out.push(Child::Paragraph(Box::new(
            centred()
                .keep_next(true)
                .add_run(run(line, p::SUBJECT_SIZE, true, false)),
        )));
    }
    let longest = f
        .subject
        .iter()
        .map(|l| text_width_twips(l, p::SUBJECT_SIZE, true))
        .max()
        .unwrap_or(0);
    out.push(Child::Paragraph(Box::new(rule(
        (longest as f64 * p::SHORT_RULE_FRACTION) as i32,
        width,
    ))));
}

/// Phase 3: `Kính gửi:` (NĐ 30 Phụ lục I, II.9.a): one addressee on the same line; several,
/// each on its own line starting with `-`, ending with `;` and the last with `.`, the dashes
/// aligned under the colon.
pub(crate) fn addressees(f: &Frame, out: &mut Vec<Child>) {
    if f.addressees.is_empty() {
        return;
    }
    let size = p::ADDRESSEE_SIZE;
    let label = "Kính gửi:";
    let label_w = text_width_twips(label, size, false) + Pt(4.0).twips();
    let left = p::ADDRESSEE_INDENT.twips();
    let first_spacing = spacing(Pt(12.0), p::SINGLE_LINE_240THS);
    if f.addressees.len() == 1 {
        out.push(Child::Paragraph(Box::new(
            centred().line_spacing(first_spacing).add_run(run(
                &format!("{label} {}.", f.addressees[0].trim_end_matches('.')),
                size,
                false,
                false,
            )),
        )));
        return;
    }
    let n = f.addressees.len();
    for (i, a) in f.addressees.iter().enumerate() {
        let end = if i + 1 == n { "." } else { ";" };
        let text = format!("- {}{end}", a.trim_end_matches(['.', ';']));
        let para = Paragraph::new()
            .align(AlignmentType::Left)
            .indent(
                Some(left + label_w),
                Some(SpecialIndentType::Hanging(label_w)),
                None,
                None,
            )
            .add_tab(
                Tab::new()
                    .val(TabValueType::Left)
                    .pos((left + label_w) as usize),
            );
        let para = if i == 0 {
            para.line_spacing(first_spacing.clone())
                .add_run(run(label, size, false, false))
                .add_run(run("", size, false, false).add_tab())
                .add_run(run(&text, size, false, false))
        } else {
            para.line_spacing(spacing(Pt(0.0), p::SINGLE_LINE_240THS))
                .indent(Some(left + label_w), None, None, None)
                .add_run(run(&text, size, false, false))
        };
        out.push(Child::Paragraph(Box::new(para)));
    }
}

/// Phase 5: the closing table — `Nơi nhận:` and recipients left, signature right, first lines level
/// (NĐ 30 Phụ lục I, II.7 and II.9.b).
pub(crate) fn closing(f: &Frame, out: &mut Vec<Child>) {
    let left_para = |before: f64| {
        Paragraph::new()
            .align(AlignmentType::Left)
            .line_spacing(spacing(Pt(before), p::SINGLE_LINE_240THS))
    };
    let mut left =
        vec![left_para(0.0).add_run(run("Nơi nhận:", p::RECIPIENTS_LABEL_SIZE, true, true))];
    let n = f.recipients.len();
    for (i, r) in f.recipients.iter().enumerate() {
        let end = if i + 1 == n { "." } else { ";" };
        left.push(left_para(0.0).add_run(run(
            &format!("- {r}{end}"),
            p::RECIPIENT_SIZE,
            false,
            false,
        )));
    }
    let mut right = Vec::new();
    for l in &f.signature.authority {
        right.push(centred().add_run(run(l, p::SIGNATURE_SIZE, true, false)));
    }
    for _ in 0..p::SIGNATURE_SPACE_LINES {
        right.push(centred().add_run(run("", p::SIGNATURE_SIZE, false, false)));
    }
    right.push(centred().add_run(run(
        &f.signature.signer_name,
        p::SIGNATURE_SIZE,
        true,
        false,
    )));
    let grid = vec![
        p::CLOSING_LEFT_WIDTH.twips() as usize,
        p::CLOSING_RIGHT_WIDTH.twips() as usize,
    ];
    // A 12 pt gap between the body and the closing table.
    out.push(Child::Paragraph(Box::new(
        Paragraph::new()
            .keep_next(true)
            .line_spacing(spacing(Pt(0.0), p::SINGLE_LINE_240THS))
            .add_run(run("", Pt(12.0), false, false)),
    )));
    let table = Table::without_borders(vec![TableRow::new(vec![
        cell(left, p::CLOSING_LEFT_WIDTH),
        cell(right, p::CLOSING_RIGHT_WIDTH),
    ])
    .cant_split()])
    .set_grid(grid.clone())
    .layout(TableLayoutType::Fixed)
    .width(grid.iter().sum(), WidthType::Dxa);
    out.push(Child::Table(Box::new(table)));
}

/// Phase 6: the appendix heading — `Phụ lục` (14 pt bold), title (bold, upper case),
/// `(Kèm theo …)` (italic) and a short rule (NĐ 30 Phụ lục I, III.1; Mẫu 2.1).
pub(crate) fn appendix_heading(a: &Appendix, out: &mut Vec<Child>) {
    let width = if a.landscape {
        p::text_width_landscape().twips()
    } else {
        p::text_width().twips()
    };
    out.push(Child::Paragraph(Box::new(centred().add_run(run(
        &a.label,
        p::APPENDIX_LABEL_SIZE,
        true,
        false,
    )))));
    out.push(Child::Paragraph(Box::new(centred().add_run(run(
        &a.title.to_uppercase(),
        p::BODY_SIZE,
        true,
        false,
    )))));
    out.push(Child::Paragraph(Box::new(centred().add_run(run(
        &a.attached_to,
        p::BODY_SIZE,
        false,
        true,
    )))));
    let w = text_width_twips(&a.attached_to, p::BODY_SIZE, false);
    out.push(Child::Paragraph(Box::new(rule(
        (w as f64 * p::SHORT_RULE_FRACTION) as i32,
        width,
    ))));
    // Space between the short rule and the table, so the two lines do not look doubled.
    out.push(Child::Paragraph(Box::new(
        Paragraph::new().line_spacing(spacing(Pt(0.0), p::SINGLE_LINE_240THS)),
    )));
}
