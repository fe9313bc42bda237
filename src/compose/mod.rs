//! Soạn văn bản — stages 2–3 per document kind: validated record → template context →
//! template → Markdown → [`crate::model::Document`]. One file per kind: the plan ([`plan`]),
//! each unit's own BÁO CÁO ([`unit`](mod@unit)) and the consolidated BÁO CÁO with its indicator appendix
//! ([`consolidated`]). Template and markup errors are located in the template file the same way
//! for all ([`crate::template::Templates::render_markup`]).
//!
//! In the reports the indicator table is
//! **built in code** as a [`model::Table`](crate::model::Table), never as a Markdown pipe table:
//! the template places it by writing `{{bang_chi_tieu}}` alone in a paragraph. That value is the
//! marker text [`TABLE_MARKER`]; after the Markdown is parsed, the paragraph whose whole text is
//! the marker is replaced by the table ([`place_table`]). A template that does not write the
//! marker gets the table at the end of the body, so the figures are never lost.

pub(crate) mod consolidated;
pub(crate) mod document;
pub(crate) mod matrix;
pub(crate) mod plan;
pub(crate) mod synthesis;
pub(crate) mod unit;

use serde::Serialize;

use crate::consolidate::{IndicatorResult, Summary};
use crate::data::indicator::{Evaluation, Measure};
use crate::data::report::{Activity, FigureValue};
use crate::data::Plan;
use crate::model::format::{date_long, number, plain_lines};
use crate::model::{Align, Block, Cell, Column, Inline, IssueDate, Table};

/// Name of the built-in plan template (`templates/ke-hoach.md.hbs`).
pub(crate) const PLAN_TEMPLATE: &str = "ke-hoach";
/// Name of the built-in unit report template (`templates/bao-cao.md.hbs`).
pub(crate) const UNIT_TEMPLATE: &str = "bao-cao";
/// Name of the built-in consolidated report template (`templates/tong-hop.md.hbs`).
pub(crate) const CONSOLIDATED_TEMPLATE: &str = "tong-hop";
/// Name of the built-in template of every other kind (`templates/van-ban.md.hbs`).
pub(crate) const DOCUMENT_TEMPLATE: &str = "van-ban";
/// Name of the built-in template of quyết định and nghị quyết (`templates/quyet-dinh.md.hbs`).
pub(crate) const DECISION_TEMPLATE: &str = "quyet-dinh";
/// Name of the built-in template of giấy mời (`templates/giay-moi.md.hbs`).
pub(crate) const INVITATION_TEMPLATE: &str = "giay-moi";
/// Name of the built-in template of giấy giới thiệu (`templates/giay-gioi-thieu.md.hbs`).
pub(crate) const INTRODUCTION_TEMPLATE: &str = "giay-gioi-thieu";
/// Name of the built-in template of giấy nghỉ phép (`templates/giay-nghi-phep.md.hbs`).
pub(crate) const LEAVE_TEMPLATE: &str = "giay-nghi-phep";
/// Name of the built-in template of biên bản (`templates/bien-ban.md.hbs`).
pub(crate) const MINUTES_TEMPLATE: &str = "bien-ban";

/// The fields template `name` is filled with (every key its document kind accepts, optional
/// ones included), for the checks made when templates load; `None` for a template that is not
/// a kind's own (a partial).
pub(crate) fn template_fields(name: &str) -> Option<crate::data::fields::Shape> {
    use crate::data::fields::Shape;
    Some(match name {
        PLAN_TEMPLATE => Shape::of::<crate::data::raw::RawPlan>(),
        UNIT_TEMPLATE => Shape::of::<unit::UnitContext>(),
        CONSOLIDATED_TEMPLATE => Shape::of::<consolidated::ConsolidatedContext>(),
        DOCUMENT_TEMPLATE
        | DECISION_TEMPLATE
        | INVITATION_TEMPLATE
        | INTRODUCTION_TEMPLATE
        | LEAVE_TEMPLATE
        | MINUTES_TEMPLATE => {
            Shape::of::<crate::data::document::RawDocument>().with(document::added_fields(name))
        }
        _ => return None,
    })
}

/// The text a template writes (as `{{bang_chi_tieu}}`, alone in a paragraph) where the indicator
/// table goes.
pub(crate) const TABLE_MARKER: &str = "⟦bảng chỉ tiêu⟧";

/// The plain text of a paragraph block, if it is one.
fn paragraph_text(b: &Block) -> Option<String> {
    match b {
        Block::Paragraph(p) => Some(p.plain_text()),
        Block::Table(_) => None,
    }
}

/// Replace the marker paragraph of `body` by `table` (every occurrence); append the table when
/// the template wrote no marker.
pub(crate) fn place_table(body: &mut Vec<Block>, table: Table) {
    let mut placed = false;
    for b in body.iter_mut() {
        if paragraph_text(b).is_some_and(|t| t.trim() == TABLE_MARKER) {
            *b = Block::Table(table.clone());
            placed = true;
        }
    }
    if !placed {
        body.push(Block::Table(table));
    }
}

/// Common abbreviations kept upper case when an agency name is put in running text.
const ABBREVIATIONS: &[&str] = &["UBND", "HĐND", "MTTQ", "LHPN", "TNCS", "VN", "TP", "TP."];

fn capitalize(s: &str) -> String {
    let mut ch = s.chars();
    match ch.next() {
        Some(f) => f.to_uppercase().chain(ch).collect(),
        None => String::new(),
    }
}

/// An upper-case agency name as written in running text: `[ỦY BAN NHÂN DÂN, PHƯỜNG NGUYỄN TRÃI]`
/// → `Ủy ban nhân dân phường Nguyễn Trãi`: sentence case, the level words lower case
/// (`thị trấn`, `thành phố`) and the place name after each capitalised (`Đăk Hà`, `Kon Tum`),
/// on one line or over several; `VIỆT NAM` and the abbreviations as names.
pub(crate) fn agency_in_text(lines: &[String]) -> String {
    let words: Vec<&str> = lines.iter().flat_map(|l| l.split_whitespace()).collect();
    let upper: Vec<String> = words.iter().map(|w| w.to_uppercase()).collect();
    let mut out: Vec<String> = Vec::new();
    let mut in_name = false;
    let mut i = 0;
    while i < words.len() {
        if let Some((len, _)) = level_at(&upper, i) {
            for w in &words[i..i + len] {
                out.push(if i == 0 && out.is_empty() {
                    capitalize(&w.to_lowercase())
                } else {
                    w.to_lowercase()
                });
            }
            in_name = true;
            i += len;
            continue;
        }
        let w = words[i];
        let country = matches!(
            (upper[i].as_str(), upper.get(i + 1).map(String::as_str)),
            ("VIỆT", Some("NAM"))
        ) || (i > 0 && upper[i - 1] == "VIỆT" && upper[i] == "NAM");
        out.push(if ABBREVIATIONS.contains(&w) {
            w.to_string()
        } else if i == 0 || in_name || country {
            capitalize(&w.to_lowercase())
        } else {
            w.to_lowercase()
        });
        i += 1;
    }
    out.join(" ")
}

/// Lower-case the first letter (for a trích yếu quoted after `về`).
pub(crate) fn lower_first(s: &str) -> String {
    let mut ch = s.chars();
    match ch.next() {
        Some(f) => f.to_lowercase().chain(ch).collect(),
        None => String::new(),
    }
}

/// The date as cited in running text: `ngày 02 tháng 4 năm 2025`; in a draft that knows only
/// the year, blanks to fill in by hand as on its own place-and-date line (`ngày      tháng
/// năm 2025`, six no-break spaces each; NĐ 30 Phụ lục I, II.4).
pub(crate) fn cited_date(d: IssueDate) -> String {
    match d {
        IssueDate::Full(d) => date_long(d),
        IssueDate::YearOnly(y) => {
            let blank = "\u{a0}".repeat(6);
            format!("ngày{blank}tháng{blank}năm {y}")
        }
    }
}

/// How the plan is cited the first time (kind, number, date, issuer and trích yếu; NĐ 30
/// Phụ lục I, I.1): `Kế hoạch số 62/KH-UBND ngày 02 tháng 4 năm 2025 của Ủy ban nhân dân phường
/// Nguyễn Trãi về triển khai …`. A draft plan keeps the blanks of its own Số and date lines:
/// `Kế hoạch số       /KH-UBND ngày       tháng       năm 2025 của …`.
pub(crate) fn plan_citation(plan: &Plan) -> String {
    let f = &plan.frame;
    format!(
        "{} số {} {} của {} về {}",
        f.kind.name(),
        f.reference.text(),
        cited_date(f.date),
        agency_in_text(&f.issuing_agency),
        lower_first(&f.subject.join(" "))
    )
}

/// Fallback of [`area_word`] when the agency names no administrative level: `Toàn địa bàn`.
pub(crate) const AREA_FALLBACK: &str = "địa bàn";

/// Cấp hành chính — the level word of the area an agency governs, read from its upper-case
/// lines: `[ỦY BAN NHÂN DÂN, PHƯỜNG NGUYỄN TRÃI]` → `phường`; likewise `XÃ` (not `XÃ HỘI`,
/// `HỢP TÁC XÃ`), `THỊ TRẤN`, `ĐẶC KHU`, `THỊ XÃ`, `QUẬN`, `HUYỆN`, `THÀNH PHỐ`, `TỈNH`, the first
/// one named. [`AREA_FALLBACK`] when none is.
pub(crate) fn area_word(lines: &[String]) -> &'static str {
    let words: Vec<String> = lines
        .iter()
        .flat_map(|l| l.split_whitespace())
        .map(str::to_uppercase)
        .collect();
    (0..words.len())
        .find_map(|i| level_at(&words, i).map(|(_, word)| word))
        .unwrap_or(AREA_FALLBACK)
}

/// The level word starting at `words[i]` (upper case): its number of words and its lower-case
/// form; `XÃ` only on its own (not `XÃ HỘI`, `THỊ XÃ`'s second word, `HỢP TÁC XÃ`).
fn level_at(words: &[String], i: usize) -> Option<(usize, &'static str)> {
    const TWO: &[(&str, &str, &str)] = &[
        ("THỊ", "TRẤN", "thị trấn"),
        ("THỊ", "XÃ", "thị xã"),
        ("ĐẶC", "KHU", "đặc khu"),
        ("THÀNH", "PHỐ", "thành phố"),
    ];
    const ONE: &[(&str, &str)] = &[
        ("PHƯỜNG", "phường"),
        ("QUẬN", "quận"),
        ("HUYỆN", "huyện"),
        ("TỈNH", "tỉnh"),
    ];
    let w = words[i].as_str();
    let next = words.get(i + 1).map(String::as_str);
    if let Some((_, _, word)) = TWO.iter().find(|(a, b, _)| w == *a && next == Some(b)) {
        return Some((2, word));
    }
    if let Some((_, word)) = ONE.iter().find(|(a, _)| w == *a) {
        return Some((1, word));
    }
    let after_thi_or_tac = i > 0 && matches!(words[i - 1].as_str(), "THỊ" | "TÁC");
    (w == "XÃ" && next != Some("HỘI") && !after_thi_or_tac).then_some((1, "xã"))
}

/// Đơn vị tính as printed (nothing for a qualitative indicator).
fn unit_text(r: &IndicatorResult) -> String {
    match r.indicator.measure {
        Measure::Qualitative => String::new(),
        _ => r.indicator.unit.clone(),
    }
}

/// Kế hoạch as written in running text: `40`, `1,5`, or `Thực hiện` for a qualitative indicator.
pub(crate) fn target_text(r: &IndicatorResult) -> String {
    match (r.indicator.measure, r.indicator.target) {
        (Measure::Qualitative, _) => "Thực hiện".into(),
        (_, Some(t)) => number(t, 2),
        (_, None) => "—".into(),
    }
}

/// Kết quả as written in running text: `89,2`, `Hoàn thành` / `Chưa hoàn thành`, or `—` when
/// there is none.
pub(crate) fn result_text(r: &IndicatorResult) -> String {
    match (r.value, r.done) {
        (Some(v), _) => number(v, crate::consolidate::RESULT_DECIMALS as usize),
        (None, Some(true)) => "Hoàn thành".into(),
        (None, Some(false)) => "Chưa hoàn thành".into(),
        (None, None) => "—".into(),
    }
}

/// Decimals of the raw figures of one indicator (each unit's and the area's totals): as many as
/// the most precise of them needs, at most 2, so that `3,0/2,0` stands beside `2,6/1,9`.
pub(crate) fn figure_decimals(r: &IndicatorResult) -> usize {
    let needs = |x: f64| number(x, 2).split_once(',').map_or(0, |(_, f)| f.len());
    r.sources
        .iter()
        .map(|s| match s.value {
            FigureValue::Ratio {
                numerator,
                denominator,
            } => needs(numerator).max(needs(denominator)),
            FigureValue::Count(n) => needs(n),
            FigureValue::Done(_) => 0,
        })
        .chain([needs(r.numerator), needs(r.denominator)])
        .max()
        .unwrap_or(0)
}

/// A unit's raw figure as printed with `decimals` decimals ([`figure_decimals`]): `45/50`, `14`,
/// `2,6/1,9`, `hoàn thành`.
pub(crate) fn figure_text(v: &FigureValue, decimals: usize) -> String {
    match v {
        FigureValue::Ratio {
            numerator,
            denominator,
        } => format!(
            "{}/{}",
            fixed(*numerator, decimals),
            fixed(*denominator, decimals)
        ),
        FigureValue::Count(n) => fixed(*n, decimals),
        FigureValue::Done(true) => "hoàn thành".into(),
        FigureValue::Done(false) => "chưa hoàn thành".into(),
    }
}

/// Decimals of the numbers in one indicator's table row: as many as its target (at most 2) or
/// its result (at most [`RESULT_DECIMALS`](crate::consolidate::RESULT_DECIMALS)) needs, so that
/// both read alike (`100,0 | 98,8`, never `100 | 98,8`).
pub(crate) fn row_decimals(r: &IndicatorResult) -> usize {
    let needs = |x: f64, max: usize| {
        number(x, max)
            .split_once(',')
            .map_or(0, |(_, frac)| frac.len())
    };
    let target = r.indicator.target.map_or(0, |t| needs(t, 2));
    let result = r.value.map_or(0, |v| {
        needs(v, crate::consolidate::RESULT_DECIMALS as usize)
    });
    target.max(result)
}

/// `x` with exactly `decimals` decimals, the Vietnamese way (`100,0`, `1.240,50`).
pub(crate) fn fixed(x: f64, decimals: usize) -> String {
    let mut s = number(x, decimals);
    if decimals == 0 || !x.is_finite() {
        return s;
    }
    let have = s.split_once(',').map_or(0, |(_, frac)| frac.len());
    if have == 0 {
        s.push(',');
    }
    s.extend(std::iter::repeat_n('0', decimals - have));
    s
}

/// A number cell (right-aligned with its column) or a text cell (`Thực hiện`, `Hoàn thành`,
/// `—`: centred, not set against the numbers' right edge).
fn value_cell(value: Option<f64>, decimals: usize, text: &str) -> Cell {
    match value {
        Some(v) => cell(fixed(v, decimals)),
        None => Cell {
            align: Some(Align::Center),
            ..cell(text)
        },
    }
}

/// The totals behind a result, named after the area (`area`: `phường`, see [`area_word`]):
/// `Toàn phường: 446/500`, with the plan's counting unit when it says one (`don_vi_dem`):
/// `Toàn phường: 10/24 người`; `Toàn phường: 14`; nothing for a qualitative indicator.
pub(crate) fn totals_text(r: &IndicatorResult, area: &str) -> Option<String> {
    if r.sources.is_empty() {
        return None;
    }
    match r.indicator.measure {
        Measure::Ratio => Some(format!(
            "Toàn {area}: {}/{}{}",
            fixed(r.numerator, figure_decimals(r)),
            fixed(r.denominator, figure_decimals(r)),
            r.indicator
                .count_unit
                .as_deref()
                .map(|u| format!(" {u}"))
                .unwrap_or_default()
        )),
        Measure::Count => Some(format!(
            "Toàn {area}: {}",
            fixed(r.numerator, figure_decimals(r))
        )),
        Measure::Qualitative => None,
    }
}

/// A cell of plain-text lines separated by line breaks. Cells are built from plain text, never
/// from Markdown; a value's own line breaks become line breaks too ([`plain_lines`]).
pub(crate) fn cell_lines(lines: &[String]) -> Cell {
    let mut inlines = Vec::new();
    for l in lines.iter().flat_map(|l| plain_lines(l)) {
        if !inlines.is_empty() {
            inlines.push(Inline::Break);
        }
        inlines.push(Inline::plain(l));
    }
    Cell {
        inlines,
        align: None,
    }
}

fn cell(s: impl Into<String>) -> Cell {
    cell_lines(&[s.into()])
}

/// Bảng chỉ tiêu — `STT | Chỉ tiêu | Đơn vị tính | Kế hoạch | Kết quả | Đánh giá | <notes>`, one
/// row per result; numbers right-aligned with one number of decimals per row ([`row_decimals`]),
/// texts (`Thực hiện`, `Hoàn thành`, `—`) centred. `notes_title` names the last column and
/// `notes` gives its lines for each row; the weights give Chỉ tiêu and the notes the room they
/// need: portrait (unit report) 22 : 22 of 88, landscape (`wide_notes`, the appendix) 24 : 37
/// of 100.
pub(crate) fn indicator_table(
    results: &[IndicatorResult],
    notes_title: &str,
    notes: impl Fn(&IndicatorResult) -> Vec<String>,
    wide_notes: bool,
) -> Table {
    // STT | Chỉ tiêu | Đơn vị tính | Kế hoạch | Kết quả | Đánh giá | notes. Portrait: STT and
    // "Không đạt" on one line, the Ghi chú as wide as Chỉ tiêu; landscape: the provenance widest.
    let weights: [u32; 7] = if wide_notes {
        [5, 24, 8, 8, 8, 10, 37]
    } else {
        [7, 22, 9, 8, 8, 12, 22]
    };
    let aligns = [
        Align::Center,
        Align::Left,
        Align::Center,
        Align::Right,
        Align::Right,
        Align::Center,
        Align::Left,
    ];
    let columns = weights
        .iter()
        .zip(aligns)
        .map(|(&weight, align)| Column { weight, align })
        .collect();
    let header = [
        "STT",
        "Chỉ tiêu",
        "Đơn vị tính",
        "Kế hoạch",
        "Kết quả",
        "Đánh giá",
        notes_title,
    ]
    .iter()
    .map(|h| cell(*h))
    .collect();
    let rows = results
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let decimals = row_decimals(r);
            let target = match r.indicator.measure {
                Measure::Qualitative => None,
                _ => r.indicator.target,
            };
            vec![
                cell((i + 1).to_string()),
                cell(r.indicator.name.clone()),
                cell(unit_text(r)),
                value_cell(target, decimals, &target_text(r)),
                value_cell(r.value, decimals, &result_text(r)),
                cell(r.evaluation.label()),
                cell_lines(&notes(r)),
            ]
        })
        .collect();
    Table {
        columns,
        header,
        rows,
    }
}

/// A value with its unit: `89,2%`, `2‰` (no space before % and ‰), `1,5 lần`.
pub(crate) fn with_unit(value: &str, unit: &str) -> String {
    let unit = unit.trim();
    if unit.is_empty() {
        value.to_string()
    } else if unit.starts_with('%') || unit.starts_with('‰') {
        format!("{value}{unit}")
    } else {
        format!("{value} {unit}")
    }
}

/// Counts of the evaluations, for templates (`{{chi_tieu.dat}}/{{chi_tieu.danh_gia}}`).
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub(crate) struct SummaryContext {
    /// Số chỉ tiêu trong bảng.
    pub so_chi_tieu: usize,
    /// X: Đạt + Vượt.
    pub dat: usize,
    /// Y: chỉ tiêu có số liệu để đánh giá (Đạt + Vượt + Không đạt).
    pub danh_gia: usize,
    /// Vượt.
    pub vuot: usize,
    /// Đạt (đúng kế hoạch hoặc trong hướng cho phép, không vượt).
    pub dat_dung: usize,
    /// Không đạt.
    pub khong_dat: usize,
    /// Không phát sinh.
    pub khong_phat_sinh: usize,
    /// Chưa có số liệu.
    pub chua_co_so_lieu: usize,
    /// Đóng góp — counts a unit reports towards the ward's targets (unit report only).
    pub dong_gop: usize,
    /// Câu tóm tắt — the headline sentence, `… đạt X/Y chỉ tiêu …`, with how Y is defined.
    pub cau: String,
    /// Các chỉ tiêu không đạt: `name (kết quả 35,2 %; kế hoạch 40 %)`.
    pub ds_khong_dat: Vec<String>,
}

impl SummaryContext {
    /// Build from the summary; `lead` opens the sentence (e.g. `Đơn vị báo cáo số liệu 12 chỉ
    /// tiêu;`); `area` is the level word of the plan's targets (`phường`, [`area_word`]).
    pub(crate) fn new(
        s: Summary,
        results: &[IndicatorResult],
        lead: &str,
        area: &str,
    ) -> SummaryContext {
        let mut parts = Vec::new();
        if s.exceeded > 0 {
            parts.push(format!("{} chỉ tiêu vượt", s.exceeded));
        }
        if s.met > 0 {
            parts.push(format!("{} chỉ tiêu đạt", s.met));
        }
        if s.not_met > 0 {
            parts.push(format!("{} chỉ tiêu không đạt", s.not_met));
        }
        let detail = if parts.is_empty() {
            String::new()
        } else {
            format!(" ({})", parts.join(", "))
        };
        let mut excluded = Vec::new();
        if s.not_applicable > 0 {
            excluded.push(format!(
                "{} chỉ tiêu không phát sinh (trong năm không có đối tượng của chỉ tiêu)",
                s.not_applicable
            ));
        }
        if s.no_data > 0 {
            excluded.push(format!("{} chỉ tiêu chưa có số liệu", s.no_data));
        }
        if s.contributed > 0 {
            excluded.push(format!(
                "{} chỉ tiêu số lượng (số liệu của đơn vị là phần đóng góp vào chỉ tiêu chung của toàn {area})",
                s.contributed
            ));
        }
        let excluded = if excluded.is_empty() {
            String::new()
        } else {
            format!("; không tính {}", excluded.join(" và "))
        };
        let cau = format!(
            "{lead} đạt {}/{} chỉ tiêu có số liệu để đánh giá{detail}{excluded}.",
            s.achieved(),
            s.evaluated()
        );
        let ds_khong_dat = results
            .iter()
            .filter(|r| r.evaluation == Evaluation::NotMet)
            .map(|r| match r.indicator.measure {
                Measure::Qualitative => {
                    format!("{} (chưa hoàn thành ở tất cả đơn vị)", r.indicator.name)
                }
                _ => format!(
                    "{} (kết quả {}; kế hoạch {})",
                    r.indicator.name,
                    with_unit(&result_text(r), &r.indicator.unit),
                    with_unit(&target_text(r), &r.indicator.unit)
                ),
            })
            .collect();
        SummaryContext {
            so_chi_tieu: s.total,
            dat: s.achieved(),
            danh_gia: s.evaluated(),
            vuot: s.exceeded,
            dat_dung: s.met,
            khong_dat: s.not_met,
            khong_phat_sinh: s.not_applicable,
            chua_co_so_lieu: s.no_data,
            dong_gop: s.contributed,
            cau,
            ds_khong_dat,
        }
    }
}

/// An activity with its counts: `Truyền thông …: 6 buổi, 320 lượt người tham dự, 2 tin bài`.
pub(crate) fn activity_text(a: &Activity) -> String {
    let counts = counts_text(a.sessions, a.attendance, a.articles);
    if counts.is_empty() {
        a.name.trim_end_matches(['.', ';']).to_string()
    } else {
        format!("{}: {counts}", a.name.trim_end_matches(['.', ';', ':']))
    }
}

/// `6 buổi, 320 lượt người tham dự, 2 tin bài` (zero counts left out).
pub(crate) fn counts_text(sessions: u64, attendance: u64, articles: u64) -> String {
    let mut parts = Vec::new();
    if sessions > 0 {
        parts.push(format!("{} buổi", number(sessions as f64, 0)));
    }
    if attendance > 0 {
        parts.push(format!(
            "{} lượt người tham dự",
            number(attendance as f64, 0)
        ));
    }
    if articles > 0 {
        parts.push(format!("{} tin, bài", number(articles as f64, 0)));
    }
    parts.join(", ")
}

/// Vietnamese điểm letters in order: a, b, c, d, đ, e, g, h, i, k, … (NĐ 30 Phụ lục I, II.6).
pub(crate) fn point_letter(i: usize) -> String {
    const LETTERS: &[&str] = &[
        "a", "b", "c", "d", "đ", "e", "g", "h", "i", "k", "l", "m", "n", "o", "p", "q", "r", "s",
        "t", "u", "v", "x", "y",
    ];
    LETTERS
        .get(i)
        .map(|s| s.to_string())
        .unwrap_or_else(|| (i + 1).to_string())
}

/// The title of objective `n` (1-based) of the plan, without its final `:` or `.`.
pub(crate) fn objective_title(plan: &Plan, n: usize) -> String {
    plan.raw
        .muc_tieu
        .get(n.wrapping_sub(1))
        .map(|o| {
            o.tieu_de
                .trim()
                .trim_end_matches([':', '.', ';'])
                .to_string()
        })
        .unwrap_or_else(|| format!("Mục tiêu {n}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Paragraph, Role};

    #[test]
    fn agency_names_in_running_text() {
        let l = vec![
            "ỦY BAN NHÂN DÂN".to_string(),
            "PHƯỜNG NGUYỄN TRÃI".to_string(),
        ];
        assert_eq!(agency_in_text(&l), "Ủy ban nhân dân phường Nguyễn Trãi");
        let t = |l: &[&str]| agency_in_text(&l.iter().map(|s| s.to_string()).collect::<Vec<_>>());
        assert_eq!(
            t(&["ỦY BAN NHÂN DÂN", "THỊ TRẤN ĐĂK HÀ"]),
            "Ủy ban nhân dân thị trấn Đăk Hà"
        );
        assert_eq!(
            t(&["ỦY BAN NHÂN DÂN XÃ IA CHIM"]),
            "Ủy ban nhân dân xã Ia Chim"
        );
        assert_eq!(
            t(&["BAN CHỈ ĐẠO", "CÁC CHƯƠNG TRÌNH", "PHƯỜNG NGUYỄN TRÃI"]),
            "Ban chỉ đạo các chương trình phường Nguyễn Trãi"
        );
        assert_eq!(
            t(&["ỦY BAN MTTQ VIỆT NAM", "PHƯỜNG NGUYỄN TRÃI"]),
            "Ủy ban MTTQ Việt Nam phường Nguyễn Trãi"
        );
        assert_eq!(
            t(&["CÔNG CHỨC", "VĂN HÓA - XÃ HỘI"]),
            "Công chức văn hóa - xã hội"
        );
    }

    #[test]
    fn area_word_from_the_agency_lines() {
        let area = |l: &[&str]| area_word(&l.iter().map(|s| s.to_string()).collect::<Vec<_>>());
        assert_eq!(area(&["ỦY BAN NHÂN DÂN", "PHƯỜNG NGUYỄN TRÃI"]), "phường");
        assert_eq!(area(&["ỦY BAN NHÂN DÂN", "XÃ HÒA BÌNH"]), "xã");
        assert_eq!(area(&["ỦY BAN NHÂN DÂN", "THỊ TRẤN ĐĂK HÀ"]), "thị trấn");
        assert_eq!(area(&["ỦY BAN NHÂN DÂN XÃ Ia Chim"]), "xã");
        assert_eq!(area(&["ỦY BAN NHÂN DÂN", "THỊ XÃ BUÔN HỒ"]), "thị xã");
        assert_eq!(area(&["ỦY BAN NHÂN DÂN", "ĐẶC KHU CÔN ĐẢO"]), "đặc khu");
        assert_eq!(area(&["CÔNG CHỨC", "VĂN HÓA - XÃ HỘI"]), AREA_FALLBACK);
        assert_eq!(area(&["LIÊN MINH HỢP TÁC XÃ"]), AREA_FALLBACK);
        assert_eq!(area(&["BCH ĐOÀN PHƯỜNG", "NGUYỄN TRÃI"]), "phường");
        assert_eq!(area(&[]), AREA_FALLBACK);
    }

    #[test]
    fn fixed_decimals() {
        assert_eq!(fixed(100.0, 1), "100,0");
        assert_eq!(fixed(98.8, 1), "98,8");
        assert_eq!(fixed(1240.5, 2), "1.240,50");
        assert_eq!(fixed(40.0, 0), "40");
    }

    #[test]
    fn marker_paragraph_becomes_the_table() {
        let t = Table {
            columns: vec![],
            header: vec![],
            rows: vec![],
        };
        let para = |s: &str| {
            Block::Paragraph(Paragraph {
                role: Role::Body,
                inlines: vec![Inline::plain(s)],
            })
        };
        let mut body = vec![para("a"), para(TABLE_MARKER), para("b")];
        place_table(&mut body, t.clone());
        assert!(matches!(body[1], Block::Table(_)));
        let mut body = vec![para("a")];
        place_table(&mut body, t);
        assert!(matches!(body[1], Block::Table(_)));
    }

    #[test]
    fn point_letters_follow_the_vietnamese_alphabet() {
        assert_eq!(point_letter(4), "đ");
        assert_eq!(point_letter(6), "g");
    }
}
