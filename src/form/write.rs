//! Writing a unit's form (`vanban form`): one `.xlsx` per unit, with `rust_xlsxwriter`.
//!
//! Deterministic: the document properties' date is the plan's date (its 1 January when the plan
//! only knows its year), never the clock, and `rust_xlsxwriter` stores fixed zip timestamps, so
//! the same plan, envelope and unit give the same bytes.
//!
//! Every cell is locked except the input cells (sheet protection without password: it only
//! keeps a unit from typing over a label by mistake). Print setup: A4 (paper size 9), the wide
//! indicator sheet landscape, every sheet fitted to one page wide with its header row repeated.

use rust_xlsxwriter::{
    Color, DataValidation, DataValidationRule, DocProperties, ExcelDateTime, Format, FormatAlign,
    FormatBorder, Formula, ProtectionOptions, Workbook, Worksheet, XlsxError,
};

use super::*;
use crate::data::envelope::Envelope;
use crate::data::indicator::{Direction, Indicator, Measure};
use crate::data::report::Unit;
use crate::data::Plan;
use crate::model::format::{date_short, number};
use crate::model::IssueDate;

/// Columns of the indicator sheet, in order (0-based: A = 0).
pub(crate) const FIGURE_COLUMNS: &[&str] = &[
    H_CODE,
    H_NAME,
    H_MEASURE,
    H_TARGET,
    H_NUMERATOR,
    H_DENOMINATOR,
    H_COUNT,
    H_DONE,
    H_RESULT,
    H_NOTE,
    H_GUIDE,
];
const C_NUM: u16 = 4;
const C_DEN: u16 = 5;
const C_COUNT: u16 = 6;
const C_DONE: u16 = 7;
const C_RESULT: u16 = 8;
const C_NOTE: u16 = 9;
/// Column widths of the indicator sheet, in Excel character units.
const FIGURE_WIDTHS: &[f64] = &[
    11.0, 42.0, 10.0, 12.0, 10.0, 10.0, 10.0, 11.0, 10.0, 24.0, 44.0,
];
/// The 0-based row of the header of every table (rows above: title and explanations).
pub(crate) const HEADER_ROW: u32 = 3;
/// Empty input rows of the activities sheet.
const ACTIVITY_ROWS: u32 = 30;
/// Empty input rows of the difficulties and proposals sheets.
const LINE_ROWS: u32 = 20;
/// Paper size A4 in the spreadsheet's page setup (ECMA-376 `paperSize` 9).
const A4: u8 = 9;

/// The styles of the form.
struct Styles {
    title: Format,
    note: Format,
    header: Format,
    locked: Format,
    locked_center: Format,
    group: Format,
    unused: Format,
    input_text: Format,
    input_number: Format,
    input_center: Format,
    result: Format,
}

impl Styles {
    fn new() -> Styles {
        let base = Format::new()
            .set_font_name("Times New Roman")
            .set_font_size(12)
            .set_text_wrap()
            .set_align(FormatAlign::Top);
        let cell = base.clone().set_border(FormatBorder::Thin);
        let grey = Color::RGB(0xF2F2F2);
        let input = cell.clone().set_unlocked();
        Styles {
            title: base.clone().set_bold().set_font_size(14),
            note: base
                .clone()
                .set_italic()
                .set_align(FormatAlign::VerticalCenter),
            header: cell
                .clone()
                .set_bold()
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter)
                .set_background_color(Color::RGB(0xD9E1F2)),
            locked: cell.clone().set_background_color(grey),
            locked_center: cell
                .clone()
                .set_background_color(grey)
                .set_align(FormatAlign::Center),
            group: cell
                .clone()
                .set_bold()
                .set_background_color(Color::RGB(0xE2EFDA)),
            unused: cell.clone().set_background_color(Color::RGB(0xBFBFBF)),
            input_text: input.clone().set_num_format("@"),
            input_number: input.clone().set_num_format("0"),
            input_center: input.set_align(FormatAlign::Center),
            result: cell
                .set_background_color(grey)
                .set_num_format("0.00")
                .set_align(FormatAlign::Right),
        }
    }
}

/// The `.xlsx` bytes of the form of `unit` for `plan`; `envelope` (the consolidation's
/// information) prefills the place, the addressee and the deadline when given.
///
/// Errors: a text too long for a cell (over 32,767 characters) or another limit of the format,
/// as a Vietnamese message.
pub(crate) fn form(
    plan: &Plan,
    envelope: Option<&Envelope>,
    unit: &Unit,
) -> Result<Vec<u8>, String> {
    build(plan, envelope, unit).map_err(|e| format!("không tạo được biểu mẫu Excel: {e}"))
}

fn build(plan: &Plan, envelope: Option<&Envelope>, unit: &Unit) -> Result<Vec<u8>, XlsxError> {
    let s = Styles::new();
    let mut wb = Workbook::new();
    let date = match plan.frame.date {
        IssueDate::Full(d) => d,
        IssueDate::YearOnly(y) => chrono::NaiveDate::from_ymd_opt(y, 1, 1).unwrap_or_default(),
    };
    use chrono::Datelike;
    let created = ExcelDateTime::from_ymd(
        date.year().clamp(1900, 9999) as u16,
        date.month() as u8,
        date.day() as u8,
    )?;
    let plan_ref = plan_reference(plan);
    wb.set_properties(
        &DocProperties::new()
            .set_title(format!("Biểu mẫu báo cáo — {}", display_name(unit)))
            .set_subject(plan_ref.clone())
            .set_author(plan.frame.issuing_agency.join(" "))
            .set_comment("Tạo bằng vanban form; điền các ô trắng rồi gửi lại tệp này")
            .set_creation_datetime(&created),
    );
    info_sheet(wb.add_worksheet(), &s, plan, envelope, unit, &plan_ref)?;
    figures_sheet(wb.add_worksheet(), &s, plan, unit)?;
    results_sheet(wb.add_worksheet(), &s, plan)?;
    activities_sheet(wb.add_worksheet(), &s, plan)?;
    lines_sheet(
        wb.add_worksheet(),
        &s,
        SHEET_DIFFICULTIES,
        H_DIFFICULTY,
        "KHÓ KHĂN, VƯỚNG MẮC",
    )?;
    lines_sheet(
        wb.add_worksheet(),
        &s,
        SHEET_PROPOSALS,
        H_PROPOSAL,
        "ĐỀ XUẤT, KIẾN NGHỊ",
    )?;
    wb.save_to_buffer()
}

fn display_name(unit: &Unit) -> String {
    if unit.name.is_empty() {
        unit.id.clone()
    } else {
        format!("{} ({})", unit.name, unit.id)
    }
}

/// `Kế hoạch số 62/KH-UBND ngày 02/04/2025: <trích yếu>`.
fn plan_reference(plan: &Plan) -> String {
    let date = match plan.frame.date {
        IssueDate::Full(d) => format!(" ngày {}", date_short(d)),
        IssueDate::YearOnly(y) => format!(" năm {y}"),
    };
    format!(
        "Kế hoạch số {}{date}: {}",
        plan.frame.reference.text(),
        plan.frame.subject.join(" ")
    )
}

/// A4, fitted to one page wide, header row repeated, locked except the input cells.
fn page_setup(ws: &mut Worksheet, landscape: bool, insert_rows: bool) -> Result<(), XlsxError> {
    ws.set_paper_size(A4);
    if landscape {
        ws.set_landscape();
    }
    ws.set_print_fit_to_pages(1, 0);
    ws.set_margins(0.5, 0.5, 0.6, 0.6, 0.3, 0.3);
    ws.set_repeat_rows(HEADER_ROW, HEADER_ROW)?;
    ws.set_freeze_panes(HEADER_ROW + 1, 0)?;
    ws.set_footer("&CTrang &P/&N");
    ws.protect_with_options(&ProtectionOptions {
        format_columns: true,
        format_rows: true,
        insert_rows,
        delete_rows: insert_rows,
        ..ProtectionOptions::default()
    });
    Ok(())
}

/// The title (row 1) and two lines of explanation (rows 2, 3) above a table of `width` columns,
/// each merged across the table so that it wraps within the printed width.
fn title(ws: &mut Worksheet, s: &Styles, width: u16, lines: [&str; 3]) -> Result<(), XlsxError> {
    let last = width.saturating_sub(1);
    for (r, text) in lines.iter().enumerate() {
        let style = if r == 0 { &s.title } else { &s.note };
        if last == 0 {
            ws.write_string_with_format(r as u32, 0, *text, style)?;
        } else {
            ws.merge_range(r as u32, 0, r as u32, last, text, style)?;
        }
    }
    Ok(())
}

/// Give row `r` the height its wrapped texts need: `cells` are (text, column width in Excel
/// character units). An estimate (a Times New Roman 12 pt character is about 1.1 units, a line
/// 16 pt): spreadsheet applications do not grow rows of a generated file themselves.
fn fit_row(ws: &mut Worksheet, r: u32, cells: &[(&str, f64)]) -> Result<(), XlsxError> {
    let lines = cells
        .iter()
        .map(|(text, width)| {
            text.lines()
                .map(|l| {
                    ((l.chars().count() as f64 * 1.1) / (width - 1.0).max(1.0))
                        .ceil()
                        .max(1.0)
                })
                .sum::<f64>()
        })
        .fold(1.0, f64::max);
    ws.set_row_height(r, lines * 16.0 + 2.0)?;
    Ok(())
}

fn headers(
    ws: &mut Worksheet,
    s: &Styles,
    names: &[&str],
    widths: &[f64],
) -> Result<(), XlsxError> {
    for (c, (name, w)) in names.iter().zip(widths).enumerate() {
        ws.write_string_with_format(HEADER_ROW, c as u16, *name, &s.header)?;
        ws.set_column_width(c as u16, *w)?;
    }
    ws.set_row_height(HEADER_ROW, 32)?;
    Ok(())
}

fn info_sheet(
    ws: &mut Worksheet,
    s: &Styles,
    plan: &Plan,
    envelope: Option<&Envelope>,
    unit: &Unit,
    plan_ref: &str,
) -> Result<(), XlsxError> {
    ws.set_name(SHEET_INFO)?;
    let deadline = envelope.map(|e| date_short(e.deadline));
    let note = match &deadline {
        Some(d) => format!(
            "Hạn nộp: {d}. Điền các ô trắng; ô xám là thông tin có sẵn. Trong một ô, mỗi dòng (Alt+Enter) là một dòng của văn bản."
        ),
        None => "Điền các ô trắng; ô xám là thông tin có sẵn. Trong một ô, mỗi dòng (Alt+Enter) là một dòng của văn bản.".into(),
    };
    title(ws, s, 3, ["THÔNG TIN BÁO CÁO CỦA ĐƠN VỊ", plan_ref, &note])?;
    ws.set_row_height(1, 34)?;
    ws.set_row_height(2, 34)?;
    headers(ws, s, &[H_FIELD, H_VALUE, H_GUIDE], &[22.0, 60.0, 48.0])?;
    let frame = envelope.map(|e| &e.frame).unwrap_or(&plan.frame);
    let place = frame.place.clone();
    // "Ủy ban nhân dân phường Nguyễn Trãi" from the consolidating body's header, when it is a
    // People's Committee and the place is known; otherwise the unit writes it.
    let committee = frame
        .issuing_agency
        .first()
        .is_some_and(|l| l.trim().to_uppercase() == "ỦY BAN NHÂN DÂN");
    let addressee = if committee && !place.is_empty() {
        let mut chars = place.chars();
        let first: String = chars
            .next()
            .map(|c| c.to_lowercase().collect())
            .unwrap_or_default();
        format!("Ủy ban nhân dân {first}{}", chars.as_str())
    } else {
        String::new()
    };
    for (i, f) in INFO_FIELDS.iter().enumerate() {
        let r = HEADER_ROW + 1 + i as u32;
        ws.write_string_with_format(r, 0, f.label, &s.locked)?;
        let value = match f.key {
            "don_vi.ma" => unit.id.clone(),
            "don_vi.ten" => unit.name.clone(),
            "dia_danh" => place.clone(),
            "kinh_gui" => addressee.clone(),
            _ => String::new(),
        };
        let guide = match (f.key, &deadline) {
            ("ngay_nop", Some(d)) => format!("{}; hạn nộp: {d}", f.guide),
            _ => f.guide.to_string(),
        };
        let style = if f.key == "don_vi.ma" {
            &s.locked
        } else {
            &s.input_text
        };
        ws.write_string_with_format(r, 1, &value, style)?;
        ws.write_string_with_format(r, 2, &guide, &s.locked)?;
        let lines = match f.shape {
            FieldShape::Lines => 2.0,
            _ => 1.0,
        };
        fit_row(ws, r, &[(&value, 60.0), (&guide, 48.0), (f.label, 22.0)])?;
        if lines > 1.0 && value.is_empty() {
            ws.set_row_height(r, 34)?;
        }
    }
    page_setup(ws, false, false)?;
    ws.set_active(true);
    Ok(())
}

fn measure_name(m: Measure) -> &'static str {
    match m {
        Measure::Ratio => "Tỷ lệ",
        Measure::Count => "Số lượng",
        Measure::Qualitative => "Định tính",
    }
}

/// `≥ 40 %`, `≤ 1,5 lần`; empty for a qualitative indicator.
fn target_text(ind: &Indicator) -> String {
    let Some(t) = ind.target else {
        return String::new();
    };
    let sign = match ind.direction {
        Some(Direction::AtLeast) => "≥ ",
        Some(Direction::AtMost) => "≤ ",
        Some(Direction::Exactly) => "= ",
        None => "",
    };
    format!("{sign}{} {}", number(t, 6), ind.unit)
        .trim()
        .to_string()
}

/// What to write in the row of `ind`, for the guidance column.
fn guide_text(ind: &Indicator) -> String {
    let unit = ind
        .count_unit
        .as_deref()
        .map(|u| format!(" ({u})"))
        .unwrap_or_default();
    match ind.measure {
        Measure::Ratio => format!(
            "Tử số: {}{unit}. Mẫu số: {}{unit}. Kết quả = tử số / mẫu số × {}.",
            ind.numerator_label.as_deref().unwrap_or("số đạt yêu cầu"),
            ind.denominator_label.as_deref().unwrap_or("tổng số"),
            number(ind.factor, 6)
        ),
        Measure::Count => format!("Ghi số lượng{}.", {
            let u = ind.unit.trim();
            if u.is_empty() {
                String::new()
            } else {
                format!(" ({u})")
            }
        }),
        Measure::Qualitative => format!("Chọn {YES} (đã thực hiện) hoặc {NO}."),
    }
}

/// The Excel name of a 0-based column (A … Z is enough for the form).
pub(crate) fn column_name(c: u16) -> String {
    let mut n = c as u32 + 1;
    let mut out = Vec::new();
    while n > 0 {
        let r = (n - 1) % 26;
        out.push(b'A' + r as u8);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// An input cell's validation, with a Vietnamese prompt (at most 255 characters, the format's
/// limit) and error.
fn validation(
    dv: DataValidation,
    title: &str,
    prompt: &str,
    error: &str,
) -> Result<DataValidation, XlsxError> {
    let cut = |t: &str, n: usize| t.chars().take(n).collect::<String>();
    dv.set_input_title(cut(title, 32))?
        .set_input_message(cut(prompt, 255))?
        .set_error_title("Số liệu không hợp lệ")?
        .set_error_message(cut(error, 255))
}

fn whole(title: &str, prompt: &str) -> Result<DataValidation, XlsxError> {
    validation(
        DataValidation::new().allow_whole_number(DataValidationRule::GreaterThanOrEqualTo(0)),
        title,
        prompt,
        "Ghi số nguyên từ 0 trở lên (không dấu chấm, dấu phẩy). Để trống nếu chưa có số liệu.",
    )
}

fn figures_sheet(
    ws: &mut Worksheet,
    s: &Styles,
    plan: &Plan,
    unit: &Unit,
) -> Result<(), XlsxError> {
    ws.set_name(SHEET_FIGURES)?;
    // LibreOffice computes a formula whose stored result is empty text when it opens the file;
    // a stored 0 would show in every row of a blank form.
    ws.set_formula_result_default("");
    title(
        ws,
        s,
        FIGURE_COLUMNS.len() as u16,
        [
            "SỐ LIỆU CÁC CHỈ TIÊU",
            &format!("Đơn vị: {}", display_name(unit)),
            "Chỉ ghi vào ô trắng. Để trống: chưa báo cáo; ghi 0: bằng không. Cột Kết quả tự tính.",
        ],
    )?;
    headers(ws, s, FIGURE_COLUMNS, FIGURE_WIDTHS)?;
    let mut r = HEADER_ROW + 1;
    let mut objective = 0;
    for ind in &plan.indicators {
        if ind.objective != objective {
            objective = ind.objective;
            let title = plan
                .raw
                .muc_tieu
                .get(objective - 1)
                .map(|o| o.tieu_de.trim().to_string())
                .unwrap_or_default();
            for c in 0..FIGURE_COLUMNS.len() as u16 {
                ws.write_blank(r, c, &s.group)?;
            }
            ws.write_string_with_format(r, 1, &title, &s.group)?;
            fit_row(ws, r, &[(&title, FIGURE_WIDTHS[1])])?;
            r += 1;
        }
        indicator_row(ws, s, ind, r)?;
        r += 1;
    }
    page_setup(ws, true, false)?;
    Ok(())
}

fn indicator_row(ws: &mut Worksheet, s: &Styles, ind: &Indicator, r: u32) -> Result<(), XlsxError> {
    let row = r + 1;
    let cell = |c: u16| format!("{}{row}", column_name(c));
    ws.write_string_with_format(r, 0, &ind.id, &s.locked)?;
    ws.write_string_with_format(r, 1, &ind.name, &s.locked)?;
    ws.write_string_with_format(r, 2, measure_name(ind.measure), &s.locked_center)?;
    ws.write_string_with_format(r, 3, target_text(ind), &s.locked_center)?;
    for c in [C_NUM, C_DEN, C_COUNT, C_DONE] {
        ws.write_blank(r, c, &s.unused)?;
    }
    let unit = ind
        .count_unit
        .as_deref()
        .map(|u| format!(" ({u})"))
        .unwrap_or_default();
    let result = match ind.measure {
        Measure::Ratio => {
            ws.write_blank(r, C_NUM, &s.input_number)?;
            ws.write_blank(r, C_DEN, &s.input_number)?;
            let num = ind.numerator_label.as_deref().unwrap_or("số đạt yêu cầu");
            let den = ind.denominator_label.as_deref().unwrap_or("tổng số");
            let percent = ind.unit.trim().starts_with('%') || ind.unit.trim().starts_with('‰');
            let num_dv = if percent {
                // Tử số ≤ mẫu số for % and ‰ (as the YAML check); no upper bound while the
                // denominator is still empty.
                validation(
                    DataValidation::new().allow_whole_number_formula(DataValidationRule::Between(
                        Formula::new("0"),
                        Formula::new(format!("IF({}=\"\",2147483647,{})", cell(C_DEN), cell(C_DEN))),
                    )),
                    H_NUMERATOR,
                    &format!("{num}{unit}"),
                    "Ghi số nguyên từ 0 trở lên, không lớn hơn mẫu số (tử số là số đạt yêu cầu, mẫu số là tổng số).",
                )?
            } else {
                whole(H_NUMERATOR, &format!("{num}{unit}"))?
            };
            ws.add_data_validation(r, C_NUM, r, C_NUM, &num_dv)?;
            ws.add_data_validation(
                r,
                C_DEN,
                r,
                C_DEN,
                &whole(H_DENOMINATOR, &format!("{den}{unit}"))?,
            )?;
            format!(
                "IF(OR({n}=\"\",{d}=\"\"),\"\",IF({d}=0,\"\",{n}/{d}*{f}))",
                n = cell(C_NUM),
                d = cell(C_DEN),
                f = ind.factor
            )
        }
        Measure::Count => {
            ws.write_blank(r, C_COUNT, &s.input_number)?;
            ws.add_data_validation(
                r,
                C_COUNT,
                r,
                C_COUNT,
                &whole(
                    H_COUNT,
                    &format!("{}{}", ind.name, {
                        let u = ind.unit.trim();
                        if u.is_empty() {
                            String::new()
                        } else {
                            format!(" ({u})")
                        }
                    }),
                )?,
            )?;
            format!("IF({c}=\"\",\"\",{c})", c = cell(C_COUNT))
        }
        Measure::Qualitative => {
            ws.write_blank(r, C_DONE, &s.input_center)?;
            ws.add_data_validation(
                r,
                C_DONE,
                r,
                C_DONE,
                &validation(
                    DataValidation::new().allow_list_strings(&[YES, NO])?,
                    H_DONE,
                    &format!("{}: chọn {YES} hoặc {NO}", ind.name),
                    &format!("Chọn {YES} hoặc {NO} trong danh sách."),
                )?,
            )?;
            format!(
                "IF({c}=\"\",\"\",IF({c}=\"{YES}\",\"Đã thực hiện\",\"Chưa thực hiện\"))",
                c = cell(C_DONE)
            )
        }
    };
    // Cached value: empty, so that a blank form shows blanks (not 0) before any recalculation.
    ws.write_formula_with_format(r, C_RESULT, Formula::new(result).set_result(""), &s.result)?;
    ws.write_blank(r, C_NOTE, &s.input_text)?;
    let guide = guide_text(ind);
    ws.write_string_with_format(r, C_NOTE + 1, &guide, &s.locked)?;
    fit_row(
        ws,
        r,
        &[
            (&ind.name, FIGURE_WIDTHS[1]),
            (&guide, FIGURE_WIDTHS[C_NOTE as usize + 1]),
        ],
    )?;
    Ok(())
}

fn results_sheet(ws: &mut Worksheet, s: &Styles, plan: &Plan) -> Result<(), XlsxError> {
    ws.set_name(SHEET_RESULTS)?;
    title(
        ws,
        s,
        3,
        [
            "KẾT QUẢ THỰC HIỆN THEO MỤC TIÊU",
            "",
            "Mỗi mục tiêu một dòng; trong ô, mỗi đoạn văn một dòng (Alt+Enter). Để trống mục tiêu đơn vị không tham gia.",
        ],
    )?;
    headers(
        ws,
        s,
        &[H_OBJECTIVE, H_OBJECTIVE_NAME, H_RESULT_TEXT],
        &[10.0, 40.0, 80.0],
    )?;
    for (i, o) in plan.raw.muc_tieu.iter().enumerate() {
        let r = HEADER_ROW + 1 + i as u32;
        ws.write_number_with_format(r, 0, (i + 1) as f64, &s.locked_center)?;
        ws.write_string_with_format(r, 1, o.tieu_de.trim(), &s.locked)?;
        ws.write_blank(r, 2, &s.input_text)?;
        ws.set_row_height(r, 60)?;
    }
    page_setup(ws, true, false)?;
    Ok(())
}

fn activities_sheet(ws: &mut Worksheet, s: &Styles, plan: &Plan) -> Result<(), XlsxError> {
    ws.set_name(SHEET_ACTIVITIES)?;
    title(
        ws,
        s,
        5,
        [
            "HOẠT ĐỘNG ĐÃ TỔ CHỨC",
            "",
            "Mỗi hoạt động một dòng. Mục tiêu: số thứ tự mục tiêu của kế hoạch (để trống nếu là hoạt động chung).",
        ],
    )?;
    headers(
        ws,
        s,
        &[
            H_ACTIVITY,
            H_OBJECTIVE,
            H_SESSIONS,
            H_ATTENDANCE,
            H_ARTICLES,
        ],
        &[60.0, 10.0, 10.0, 14.0, 10.0],
    )?;
    let first = HEADER_ROW + 1;
    let last = HEADER_ROW + ACTIVITY_ROWS;
    for r in first..=last {
        ws.write_blank(r, 0, &s.input_text)?;
        for c in 1..5 {
            ws.write_blank(r, c, &s.input_number)?;
        }
    }
    let objectives = plan.raw.muc_tieu.len().max(1) as i32;
    ws.add_data_validation(
        first,
        1,
        last,
        1,
        &validation(
            DataValidation::new().allow_whole_number(DataValidationRule::Between(1, objectives)),
            H_OBJECTIVE,
            &format!("Số thứ tự mục tiêu, từ 1 đến {objectives}"),
            &format!("Ghi số thứ tự mục tiêu của kế hoạch, từ 1 đến {objectives}."),
        )?,
    )?;
    for (c, h) in [(2, H_SESSIONS), (3, H_ATTENDANCE), (4, H_ARTICLES)] {
        ws.add_data_validation(first, c, last, c, &whole(h, h)?)?;
    }
    page_setup(ws, true, true)?;
    Ok(())
}

fn lines_sheet(
    ws: &mut Worksheet,
    s: &Styles,
    name: &str,
    header: &str,
    title: &str,
) -> Result<(), XlsxError> {
    ws.set_name(name)?;
    let internal = header == H_PROPOSAL;
    let note = if internal {
        "Mỗi ý một dòng. Nội bộ: chọn Có nếu đề xuất chỉ gửi cơ quan tổng hợp, không chuyển lên cấp trên."
    } else {
        "Mỗi ý một dòng."
    };
    let width = if internal { 2 } else { 1 };
    self::title(ws, s, width, [title, "", note])?;
    if internal {
        headers(ws, s, &[header, H_INTERNAL], &[86.0, 12.0])?;
    } else {
        headers(ws, s, &[header], &[100.0])?;
    }
    let (first, last) = (HEADER_ROW + 1, HEADER_ROW + LINE_ROWS);
    for r in first..=last {
        ws.write_blank(r, 0, &s.input_text)?;
        if internal {
            ws.write_blank(r, 1, &s.input_center)?;
        }
    }
    if internal {
        ws.add_data_validation(
            first,
            1,
            last,
            1,
            &validation(
                DataValidation::new().allow_list_strings(&[YES, NO])?,
                H_INTERNAL,
                "Có: chỉ gửi cơ quan tổng hợp; để trống: chuyển cả lên cấp trên",
                &format!("Chọn {YES} hoặc {NO} trong danh sách."),
            )?,
        )?;
    }
    page_setup(ws, false, true)?;
    Ok(())
}
