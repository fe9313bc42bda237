//! Báo cáo tổng hợp — the consolidated BÁO CÁO: who reported (missing and late units by name), the
//! narrative compiled per objective with each item attributed to its unit, the headline
//! "đạt X/Y chỉ tiêu", and the full indicator table with provenance in a landscape Phụ lục.
//!
//! The content is complete at any number of units; only its layout scales. Up to
//! [`ITEMISED_UNITS_LIMIT`] reporting units (any ward or district) each narrative item is its own
//! paragraph and each unit's figure its own line in the Ghi chú cell; above that, the items of a
//! section are joined into one paragraph (`nội dung (Đơn vị); …`) and the figures of a cell into
//! one line, so that the document grows in text, not in paragraphs.

use serde::Serialize;

use super::{
    activity_text, agency_in_text, area_word, cited_date, counts_text, figure_text,
    indicator_table, lower_first, objective_title, place_table, plan_citation, point_letter,
    synthesis, totals_text, SummaryContext, AREA_FALLBACK, CONSOLIDATED_TEMPLATE,
};
use crate::consolidate::{Consolidated, IndicatorResult, Status};
use crate::data::envelope::{
    Envelope, Section, CAUSES, LEADERSHIP, NEXT_YEAR, REQUESTS, SHORTCOMINGS, STRENGTHS,
};
use crate::data::previous::{PreviousValue, PreviousYear};
use crate::data::Plan;
use crate::diag::Diagnostics;
use crate::model::format::date_short;
use crate::model::{Align, Appendix, Block, Column, Document, IssueDate, Table};
use crate::template::Templates;

/// Most reporting units for which each narrative item gets its own paragraph (`chi_tiet`).
pub(crate) const ITEMISED_UNITS_LIMIT: usize = 50;
/// Most units whose figures are listed, one per line, in a row of Phụ lục I; with more, the
/// cell gives the count and points to Phụ lục II (issue 12, "a handful of units").
pub(crate) const PROVENANCE_UNITS_LIMIT: usize = 10;

/// A narrative item and the unit it comes from.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub(crate) struct ItemContext {
    /// Tên đơn vị.
    pub don_vi: String,
    /// Nội dung, without its final `.` or `;` (the template punctuates).
    pub noi_dung: String,
}

/// One objective's compiled narrative.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub(crate) struct ObjectiveContext {
    /// Điểm — `a`, `b`, …
    pub diem: String,
    /// Tiêu đề — the plan's objective title.
    pub tieu_de: String,
    /// Kết quả — attributed results (`chi_tiet` only; otherwise empty).
    pub ket_qua: Vec<ItemContext>,
    /// Hoạt động — attributed activities with counts (`chi_tiet` only; otherwise empty).
    pub hoat_dong: Vec<ItemContext>,
    /// Kết quả nối thành một đoạn: `nội dung (Đơn vị); …` (when not `chi_tiet`; otherwise empty).
    pub ket_qua_gop: String,
    /// Hoạt động nối thành một đoạn (when not `chi_tiet`; otherwise empty).
    pub hoat_dong_gop: String,
    /// Whether any unit wrote about this objective.
    pub co_noi_dung: bool,
    /// Chỉ tiêu — the objective's indicators in words, one sentence each (no final `.`):
    /// `Tỷ lệ …: toàn phường 10/24 người, đạt 41,7% (kế hoạch 40%), vượt kế hoạch`.
    pub chi_tieu: Vec<String>,
    /// Theo đơn vị — results and activities, one item per unit, duplicates once, units that
    /// wrote the same named together (`chi_tiet` only; otherwise empty).
    pub theo_don_vi: Vec<ItemContext>,
    /// Theo đơn vị nối thành một đoạn: `a. b (Đơn vị); …` (when not `chi_tiet`; otherwise empty).
    pub theo_don_vi_gop: String,
}

/// Tình hình báo cáo — counts and names.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub(crate) struct StatusContext {
    /// Số đơn vị phải báo cáo.
    pub phai_bao_cao: usize,
    /// Số đơn vị có báo cáo được tổng hợp (đúng hạn + trễ hạn, kể cả đơn vị ngoài danh sách).
    pub da_bao_cao: usize,
    /// Số đơn vị phải báo cáo đã gửi báo cáo hợp lệ.
    pub da_bao_cao_trong_danh_sach: usize,
    /// Hạn nộp — `03/12/2025`.
    pub han_nop: String,
    /// Đơn vị chưa báo cáo — names, in the envelope's order; more than
    /// [`PROVENANCE_UNITS_LIMIT`]: their number, pointing to Phụ lục II.
    pub chua_bao_cao: Vec<String>,
    /// Đơn vị báo cáo trễ hạn — `Tên (ngày 05/12/2025)`; more than [`PROVENANCE_UNITS_LIMIT`]:
    /// their number, pointing to Phụ lục II.
    pub tre_han: Vec<String>,
    /// Đơn vị có tệp báo cáo không hợp lệ (chưa tổng hợp).
    pub tep_loi: Vec<String>,
    /// Đơn vị báo cáo nhưng không có trong danh sách phải báo cáo.
    pub ngoai_danh_sach: Vec<String>,
}

/// Đánh giá chung — the signer's words, or a placeholder per part.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub(crate) struct AssessmentContext {
    /// Ưu điểm — paragraphs, or the placeholder `[cần bổ sung: ưu điểm]`.
    pub uu_diem: Vec<String>,
    /// Hạn chế — paragraphs, or the placeholder.
    pub han_che: Vec<String>,
    /// Nguyên nhân — paragraphs, or the placeholder.
    pub nguyen_nhan: Vec<String>,
}

/// The template context of the consolidated report (`templates/tong-hop.md.hbs`).
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub(crate) struct ConsolidatedContext {
    /// Trích dẫn kế hoạch.
    pub ke_hoach: String,
    /// Tên cơ quan tổng hợp, as in running text.
    pub co_quan: String,
    /// Mở đầu.
    pub mo_dau: Vec<String>,
    /// Tình hình báo cáo.
    pub bao_cao: StatusContext,
    /// Kết quả theo mục tiêu — every objective of the plan, in order.
    pub muc_tieu: Vec<ObjectiveContext>,
    /// Hoạt động chung (not tied to an objective; `chi_tiet` only).
    pub hoat_dong_chung: Vec<ItemContext>,
    /// Hoạt động chung nối thành một đoạn (when not `chi_tiet`).
    pub hoat_dong_chung_gop: String,
    /// Tổng cộng các hoạt động; empty when there is none.
    pub tong_hoat_dong: String,
    /// Chỉ tiêu — counts and the headline sentence.
    pub chi_tieu: SummaryContext,
    /// The indicator appendix's label, for references in the text: `Phụ lục I`.
    pub phu_luc: String,
    /// The units × indicators appendix's label: `Phụ lục II`.
    pub phu_luc_don_vi: String,
    /// Khó khăn, vướng mắc — one item per unit, duplicates once (`chi_tiet` only).
    pub kho_khan: Vec<ItemContext>,
    /// Khó khăn nối thành một đoạn (when not `chi_tiet`).
    pub kho_khan_gop: String,
    /// Đề xuất, kiến nghị of the units that the consolidating agency forwards upward — one item
    /// per unit (`chi_tiet` only).
    pub de_xuat: Vec<ItemContext>,
    /// Đề xuất nối thành một đoạn (when not `chi_tiet`).
    pub de_xuat_gop: String,
    /// Kết luận.
    pub ket_luan: Vec<String>,
    /// Công tác lãnh đạo, chỉ đạo — the envelope's paragraphs, or the placeholder
    /// `[cần bổ sung: …]` (issue 12).
    pub lanh_dao_chi_dao: Vec<String>,
    /// Đánh giá chung.
    pub danh_gia_chung: AssessmentContext,
    /// Phương hướng, nhiệm vụ năm sau — paragraphs, or the placeholder.
    pub phuong_huong: Vec<String>,
    /// Năm sau — the year after the report's (`2026`).
    pub nam_sau: String,
    /// Kiến nghị, đề xuất của cơ quan tổng hợp với cấp trên — paragraphs, or the placeholder.
    pub kien_nghi: Vec<String>,
    /// Đề xuất nội bộ — the units' proposals addressed to the consolidating agency, not
    /// forwarded; one item per unit (`chi_tiet` only).
    pub de_xuat_noi_bo: Vec<ItemContext>,
    /// Đề xuất nội bộ nối thành một đoạn (when not `chi_tiet`).
    pub de_xuat_noi_bo_gop: String,
    /// Chi tiết — one paragraph per item (at most [`ITEMISED_UNITS_LIMIT`] reporting units);
    /// otherwise the template joins the items of a section into one paragraph.
    pub chi_tiet: bool,
    /// Where an indicator table would go in the body (the consolidated template puts it in the
    /// appendix and does not use it).
    pub bang_chi_tieu: &'static str,
}

/// Label of a lone appendix (NĐ 30 Phụ lục I, III.1: one appendix has no number).
pub(crate) const APPENDIX_LABEL: &str = "Phụ lục";
/// Label of the indicator appendix (two appendices are numbered, NĐ 30 Phụ lục I, III.1).
pub(crate) const INDICATORS_LABEL: &str = "Phụ lục I";
/// Label of the units × indicators appendix ([`super::matrix`]).
pub(crate) const MATRIX_LABEL: &str = "Phụ lục II";
/// Title of the units × indicators appendix.
pub(crate) const MATRIX_TITLE: &str = "KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU CỦA TỪNG ĐƠN VỊ";

fn item(unit: &str, text: &str) -> ItemContext {
    ItemContext {
        don_vi: unit.to_string(),
        noi_dung: text.trim().trim_end_matches(['.', ';']).to_string(),
    }
}

fn items(v: &[crate::consolidate::Attributed]) -> Vec<ItemContext> {
    v.iter().map(|a| item(&a.unit, &a.text)).collect()
}

/// Items joined into one text: `nội dung (Đơn vị); nội dung (Đơn vị)`.
fn joined<'a>(v: impl Iterator<Item = (&'a str, std::borrow::Cow<'a, str>)>) -> String {
    let mut out = String::new();
    for (unit, text) in v {
        if !out.is_empty() {
            out.push_str("; ");
        }
        out.push_str(text.trim().trim_end_matches(['.', ';']));
        out.push_str(" (");
        out.push_str(unit);
        out.push(')');
    }
    out
}

fn joined_items(v: &[crate::consolidate::Attributed]) -> String {
    joined(v.iter().map(|a| (a.unit.as_str(), a.text.as_str().into())))
}

fn joined_activities(v: &[(String, crate::data::report::Activity)]) -> String {
    joined(v.iter().map(|(u, a)| (u.as_str(), activity_text(a).into())))
}

/// A section's paragraphs as the signer wrote them, or its marked placeholder.
fn written(given: &Option<Vec<String>>, section: &Section) -> Vec<String> {
    given.clone().unwrap_or_else(|| vec![section.placeholder()])
}

/// The year of the report (of its date, or the year of a draft).
fn report_year(d: IssueDate) -> i32 {
    match d {
        IssueDate::Full(d) => chrono::Datelike::year(&d),
        IssueDate::YearOnly(y) => y,
    }
}

/// The template context of the consolidated report.
pub(crate) fn consolidated_context(
    plan: &Plan,
    envelope: &Envelope,
    c: &Consolidated,
) -> ConsolidatedContext {
    let citation = plan_citation(plan);
    let co_quan = agency_in_text(&envelope.frame.issuing_agency);
    let reported = c.reported();
    let mo_dau = if envelope.opening.is_empty() {
        vec![format!(
            "Thực hiện {citation}; trên cơ sở báo cáo của {reported} đơn vị, {co_quan} báo cáo kết quả thực hiện như sau:"
        )]
    } else {
        envelope.opening.clone()
    };
    let names = |pred: &dyn Fn(&Status) -> bool| -> Vec<String> {
        c.units
            .iter()
            .filter(|u| u.expected && pred(&u.status))
            .map(|u| u.unit.name.clone())
            .collect()
    };
    // Past a handful of units, a list of names gives way to their number and Phụ lục II, where
    // each unit's date is (issue 12, item 6).
    let handful = |names: Vec<String>, what: &str| -> Vec<String> {
        if names.len() > PROVENANCE_UNITS_LIMIT {
            vec![format!(
                "{} đơn vị ({what} của từng đơn vị tại {MATRIX_LABEL})",
                names.len()
            )]
        } else {
            names
        }
    };
    let bao_cao = StatusContext {
        phai_bao_cao: c.units.iter().filter(|u| u.expected).count(),
        da_bao_cao: reported,
        da_bao_cao_trong_danh_sach: c
            .units
            .iter()
            .filter(|u| u.expected && matches!(u.status, Status::OnTime(_) | Status::Late(_)))
            .count(),
        han_nop: date_short(envelope.deadline),
        chua_bao_cao: handful(names(&|s| matches!(s, Status::Missing)), "tên"),
        tre_han: handful(
            c.units
                .iter()
                .filter_map(|u| match u.status {
                    Status::Late(d) => Some(format!("{} (ngày {})", u.unit.name, date_short(d))),
                    _ => None,
                })
                .collect(),
            "ngày gửi",
        ),
        tep_loi: c
            .units
            .iter()
            .filter(|u| matches!(u.status, Status::Invalid))
            .map(|u| u.unit.name.clone())
            .collect(),
        ngoai_danh_sach: c
            .units
            .iter()
            .filter(|u| !u.expected && !matches!(u.status, Status::Invalid))
            .map(|u| u.unit.name.clone())
            .collect(),
    };
    let activity =
        |(unit, a): &(String, crate::data::report::Activity)| item(unit, &activity_text(a));
    let chi_tiet = reported <= ITEMISED_UNITS_LIMIT;
    let sections = &envelope.sections;
    let area_word = area(plan, envelope);
    let muc_tieu = c
        .objectives
        .iter()
        .enumerate()
        .map(|(i, o)| ObjectiveContext {
            diem: point_letter(i),
            tieu_de: objective_title(plan, o.objective),
            ket_qua: if chi_tiet {
                items(&o.results)
            } else {
                Vec::new()
            },
            hoat_dong: if chi_tiet {
                o.activities.iter().map(activity).collect()
            } else {
                Vec::new()
            },
            ket_qua_gop: if chi_tiet {
                String::new()
            } else {
                joined_items(&o.results)
            },
            hoat_dong_gop: if chi_tiet {
                String::new()
            } else {
                joined_activities(&o.activities)
            },
            co_noi_dung: !o.results.is_empty() || !o.activities.is_empty(),
            chi_tieu: c
                .indicators
                .iter()
                .filter(|r| r.indicator.objective == o.objective)
                .map(|r| {
                    let previous = c
                        .previous
                        .as_ref()
                        .and_then(|p| Some((p.year, p.value(&r.indicator.id)?)));
                    synthesis::indicator_sentence(r, area_word, previous)
                })
                .collect(),
            theo_don_vi: if chi_tiet {
                synthesis::per_unit(&o.results, &o.activities)
            } else {
                Vec::new()
            },
            theo_don_vi_gop: if chi_tiet {
                String::new()
            } else {
                synthesis::per_unit_joined(&synthesis::per_unit(&o.results, &o.activities))
            },
        })
        .collect();
    let t = c.totals;
    let tong_hoat_dong = if t.activities == 0 {
        String::new()
    } else {
        let counts = counts_text(t.sessions, t.attendance, t.articles);
        if counts.is_empty() {
            format!("{} hoạt động", t.activities)
        } else {
            format!("{} hoạt động, {counts}", t.activities)
        }
    };
    let lead = format!(
        "Tổng hợp số liệu của {reported} đơn vị theo {} chỉ tiêu của Kế hoạch, kết quả:",
        c.summary.total
    );
    let ket_luan = if envelope.closing.is_empty() {
        vec![format!(
            "Trên đây là báo cáo {} của {co_quan}./.",
            lower_first(&envelope.frame.subject.join(" "))
        )]
    } else {
        envelope.closing.clone()
    };
    ConsolidatedContext {
        ke_hoach: citation,
        co_quan,
        mo_dau,
        bao_cao,
        muc_tieu,
        hoat_dong_chung: if chi_tiet {
            synthesis::per_unit(&[], &c.general_activities)
        } else {
            Vec::new()
        },
        hoat_dong_chung_gop: if chi_tiet {
            String::new()
        } else {
            joined_activities(&c.general_activities)
        },
        tong_hoat_dong,
        chi_tieu: SummaryContext::new(c.summary, &c.indicators, &lead, area(plan, envelope)),
        phu_luc: INDICATORS_LABEL.into(),
        phu_luc_don_vi: MATRIX_LABEL.into(),
        kho_khan: if chi_tiet {
            synthesis::per_unit(&c.difficulties, &[])
        } else {
            Vec::new()
        },
        kho_khan_gop: if chi_tiet {
            String::new()
        } else {
            synthesis::per_unit_joined(&synthesis::per_unit(&c.difficulties, &[]))
        },
        de_xuat: if chi_tiet {
            synthesis::per_unit(&c.proposals, &[])
        } else {
            Vec::new()
        },
        de_xuat_gop: if chi_tiet {
            String::new()
        } else {
            synthesis::per_unit_joined(&synthesis::per_unit(&c.proposals, &[]))
        },
        de_xuat_noi_bo: if chi_tiet {
            synthesis::per_unit(&c.internal_proposals, &[])
        } else {
            Vec::new()
        },
        de_xuat_noi_bo_gop: if chi_tiet {
            String::new()
        } else {
            synthesis::per_unit_joined(&synthesis::per_unit(&c.internal_proposals, &[]))
        },
        lanh_dao_chi_dao: written(&sections.leadership, &LEADERSHIP),
        danh_gia_chung: AssessmentContext {
            uu_diem: written(&sections.strengths, &STRENGTHS),
            han_che: written(&sections.shortcomings, &SHORTCOMINGS),
            nguyen_nhan: written(&sections.causes, &CAUSES),
        },
        phuong_huong: written(&sections.next_year, &NEXT_YEAR),
        nam_sau: (report_year(envelope.frame.date) + 1).to_string(),
        kien_nghi: written(&sections.requests, &REQUESTS),
        ket_luan,
        chi_tiet,
        bang_chi_tieu: super::TABLE_MARKER,
    }
}

/// The level word of the consolidated area ([`area_word`]): from the consolidating agency
/// (`co_quan.ban_hanh` of the envelope), else from the plan's issuer, else `địa bàn`.
pub(crate) fn area(plan: &Plan, envelope: &Envelope) -> &'static str {
    match area_word(&envelope.frame.issuing_agency) {
        AREA_FALLBACK => area_word(&plan.frame.issuing_agency),
        found => found,
    }
}

/// Đơn vị báo cáo / Ghi chú of a consolidated row: the area's totals (`Toàn phường: 10/24`),
/// then each unit's figure — up to [`PROVENANCE_UNITS_LIMIT`] units; past that, how many units
/// reported and a pointer to Phụ lục II, which holds each unit's evaluation (issue 12: 700 units
/// listed in every row made a 630-page report).
fn provenance(r: &IndicatorResult, area: &str) -> Vec<String> {
    if r.sources.is_empty() {
        return vec!["Không có đơn vị báo cáo".into()];
    }
    let mut out: Vec<String> = totals_text(r, area).into_iter().collect();
    if r.sources.len() > PROVENANCE_UNITS_LIMIT {
        out.push(format!(
            "{} đơn vị báo cáo (kết quả của từng đơn vị tại {MATRIX_LABEL})",
            r.sources.len()
        ));
        return out;
    }
    let decimals = super::figure_decimals(r);
    out.extend(
        r.sources
            .iter()
            .map(|s| format!("{}: {}", s.label(), figure_text(&s.value, decimals))),
    );
    out
}

/// The consolidated indicator table with provenance; `area` names the totals ([`area`]). With
/// last year's results ([`Consolidated::previous`]) a column `Năm 2024` stands before Kế hoạch
/// (issue 12, item 4), its width taken from the provenance column (landscape: 8 of its 37
/// weights), so that the table keeps the page width.
pub(crate) fn consolidated_table(c: &Consolidated, area: &str) -> Table {
    let mut table = indicator_table(
        &c.indicators,
        "Đơn vị báo cáo / Ghi chú",
        |r| provenance(r, area),
        true,
    );
    if let Some(p) = &c.previous {
        add_previous_column(&mut table, &c.indicators, p);
    }
    table
}

/// The sentence of the appendix's note about the column of last year's values (nothing
/// without it).
fn previous_note(p: Option<&PreviousYear>) -> String {
    match p {
        None => String::new(),
        Some(p) if p.published => format!(
            " “Năm {}”: kết quả năm {} theo số liệu đã công bố.",
            p.year, p.year
        ),
        Some(p) => format!(
            " “Năm {}”: kết quả năm {} tính theo cùng cách từ số liệu tổng hợp năm {}.",
            p.year, p.year, p.year
        ),
    }
}

/// Where the column of last year's values goes: after Đơn vị tính, before Kế hoạch.
const PREVIOUS_COLUMN: usize = 3;
/// Its weight, out of the landscape table's 100 (a number or `Chưa hoàn thành` on two lines).
const PREVIOUS_WEIGHT: u32 = 8;

/// Insert the column `Năm <year>` of last year's values into an indicator table (rows in the
/// order of `results`): a number with the row's decimals (or more, if last year's value needs
/// them), `Hoàn thành`/`Chưa hoàn thành`, or `—` where last year has no value; the last column
/// (the notes) gives up the room.
fn add_previous_column(table: &mut Table, results: &[IndicatorResult], p: &PreviousYear) {
    let notes = table.columns.len() - 1;
    table.columns[notes].weight = table.columns[notes].weight.saturating_sub(PREVIOUS_WEIGHT);
    table.columns.insert(
        PREVIOUS_COLUMN,
        Column {
            weight: PREVIOUS_WEIGHT,
            align: Align::Right,
        },
    );
    table
        .header
        .insert(PREVIOUS_COLUMN, super::cell(format!("Năm {}", p.year)));
    for (row, r) in table.rows.iter_mut().zip(results) {
        let cell = match p.value(&r.indicator.id) {
            Some(PreviousValue::Number(x)) => {
                let x = crate::consolidate::round_result(x);
                let needs = crate::model::format::number(x, 1)
                    .split_once(',')
                    .map_or(0, |(_, f)| f.len());
                // The row's numbers keep one number of decimals (`108,2 | 100,0 | 104,0`);
                // a number of last year is never of a qualitative indicator, whose Kế hoạch
                // is a word.
                if needs > super::row_decimals(r) {
                    row[PREVIOUS_COLUMN] =
                        super::value_cell(r.indicator.target, needs, &super::target_text(r));
                    row[PREVIOUS_COLUMN + 1] =
                        super::value_cell(r.value, needs, &super::result_text(r));
                }
                super::value_cell(Some(x), super::row_decimals(r).max(needs), "")
            }
            Some(PreviousValue::Done(true)) => super::value_cell(None, 0, "Hoàn thành"),
            Some(PreviousValue::Done(false)) => super::value_cell(None, 0, "Chưa hoàn thành"),
            None => super::value_cell(None, 0, "—"),
        };
        row.insert(PREVIOUS_COLUMN, cell);
    }
}

/// The `(Kèm theo Báo cáo số … ngày … của …)` line of an appendix (NĐ 30 Phụ lục I, III.1).
pub(crate) fn attached_to(f: &crate::model::Frame) -> String {
    format!(
        "(Kèm theo {} số {} {} của {})",
        f.kind.name(),
        f.reference.text(),
        cited_date(f.date),
        agency_in_text(&f.issuing_agency)
    )
}

/// Stages 2–3 for the consolidated report: fill the template, parse it, and add the indicator
/// appendix (landscape, its own section).
pub(crate) fn consolidated_document(
    plan: &Plan,
    envelope: &Envelope,
    c: &Consolidated,
    templates: &Templates,
) -> Result<Document, Diagnostics> {
    let ctx = consolidated_context(plan, envelope, c);
    let markup = templates.render_markup(CONSOLIDATED_TEMPLATE, &ctx)?;
    let mut body = markup.body;
    // The table lives in the appendix; a marker the template may have written is dropped.
    body.retain(|b| super::paragraph_text(b).is_none_or(|t| t.trim() != super::TABLE_MARKER));
    let mut appendix_body: Vec<Block> = Vec::new();
    place_table(
        &mut appendix_body,
        consolidated_table(c, area(plan, envelope)),
    );
    appendix_body.push(Block::Paragraph(crate::model::Paragraph {
        role: crate::model::Role::Body,
        inlines: vec![crate::model::Inline::Text {
            text: format!(
                "Ghi chú: kết quả của chỉ tiêu tỷ lệ được tính trên tổng số của các đơn vị (tổng số \
                 đạt yêu cầu chia cho tổng số đối tượng), không lấy bình quân tỷ lệ của các đơn vị; \
                 chỉ tiêu số lượng là tổng số của các đơn vị; chỉ tiêu định tính đạt khi tất cả các \
                 đơn vị báo cáo đều hoàn thành. “Vượt”: kết quả cao hơn chỉ tiêu tối thiểu; chỉ tiêu \
                 tối đa (càng thấp càng tốt) không cao hơn kế hoạch là “Đạt”. “Không phát sinh”: trong \
                 năm không có đối tượng của chỉ tiêu; “Chưa có số liệu”: chưa có đơn vị báo cáo. \
                 Đạt {}/{} chỉ tiêu: {} là số chỉ tiêu có số liệu để đánh giá.",
                c.summary.achieved(),
                c.summary.evaluated(),
                c.summary.evaluated()
            ) + &previous_note(c.previous.as_ref()),
            bold: false,
            italic: true,
        }],
    }));
    Ok(Document {
        frame: envelope.frame.clone(),
        body,
        notes: markup.notes,
        appendices: vec![
            Appendix {
                label: INDICATORS_LABEL.into(),
                title: envelope.appendix_title.clone(),
                attached_to: attached_to(&envelope.frame),
                body: appendix_body,
                landscape: true,
            },
            Appendix {
                label: MATRIX_LABEL.into(),
                title: MATRIX_TITLE.into(),
                attached_to: attached_to(&envelope.frame),
                body: super::matrix::matrix_body(plan, c),
                landscape: true,
            },
        ],
    })
}
