//! Báo cáo đơn vị — one unit's BÁO CÁO: Kính gửi, an opening citing the plan, the narrative and
//! the unit's indicator table, evaluated against the plan.

use std::collections::BTreeMap;

use serde::Serialize;

use super::{
    activity_text, area_word, counts_text, figure_text, indicator_table, lower_first,
    objective_title, place_table, plan_citation, point_letter, SummaryContext, TABLE_MARKER,
    UNIT_TEMPLATE,
};
use crate::consolidate::{unit_results, IndicatorResult, Summary};
use crate::data::indicator::Measure;
use crate::data::report::UnitReport;
use crate::data::Plan;
use crate::diag::Diagnostics;
use crate::model::{Document, Table};
use crate::template::Templates;

/// Kết quả theo mục tiêu — for the template.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub(crate) struct ObjectiveContext {
    /// Điểm — `a`, `b`, … in the order printed.
    pub diem: String,
    /// Tiêu đề — the plan's objective title, e.g. `Mục tiêu 4: Trong lĩnh vực y tế`.
    pub tieu_de: String,
    /// Nội dung — the unit's results.
    pub noi_dung: Vec<String>,
}

/// The template context of a unit report (`templates/bao-cao.md.hbs`).
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub(crate) struct UnitContext {
    /// Tên đơn vị.
    pub don_vi: String,
    /// Trích dẫn kế hoạch — `Kế hoạch số … của … về …`.
    pub ke_hoach: String,
    /// Mở đầu — the opening paragraphs (the unit's own, or one citing the plan).
    pub mo_dau: Vec<String>,
    /// Kết quả theo mục tiêu, in the plan's order.
    pub ket_qua: Vec<ObjectiveContext>,
    /// Hoạt động — `Tên: 6 buổi, 320 lượt người tham dự`.
    pub hoat_dong: Vec<String>,
    /// Tổng cộng các hoạt động — `3 hoạt động, 12 buổi, …`; empty when there is none.
    pub tong_hoat_dong: String,
    /// Chỉ tiêu — counts and the headline sentence.
    pub chi_tieu: SummaryContext,
    /// Where the indicator table goes: write `{{bang_chi_tieu}}` alone in a paragraph.
    pub bang_chi_tieu: &'static str,
    /// Khó khăn, vướng mắc.
    pub kho_khan: Vec<String>,
    /// Đề xuất, kiến nghị.
    pub de_xuat: Vec<String>,
    /// Kết luận — closing paragraphs ending with `./.`.
    pub ket_luan: Vec<String>,
}

/// Ghi chú of a unit's table row: whose target a count's is (`area`: `phường`), its raw
/// figures, then its note.
fn notes(r: &IndicatorResult, area: &str) -> Vec<String> {
    let mut out = Vec::new();
    if r.indicator.measure == Measure::Count && r.indicator.target.is_some() {
        out.push(format!("Kế hoạch là chỉ tiêu của toàn {area}"));
    }
    for s in &r.sources {
        if matches!(s.value, crate::data::report::FigureValue::Ratio { .. }) {
            out.push(format!(
                "Số liệu: {}",
                figure_text(&s.value, super::figure_decimals(r))
            ));
        }
        if let Some(n) = &s.note {
            out.push(n.clone());
        }
    }
    out
}

/// The unit's indicator table (`STT | Chỉ tiêu | Đơn vị tính | Kế hoạch | Kết quả | Đánh giá |
/// Ghi chú`); `area` is the level word of the plan's issuer ([`area_word`]).
pub(crate) fn unit_table(results: &[IndicatorResult], area: &str) -> Table {
    indicator_table(results, "Ghi chú", |r| notes(r, area), false)
}

/// The template context of `report`, with its indicator results.
pub(crate) fn unit_context(
    plan: &Plan,
    report: &UnitReport,
    results: &[IndicatorResult],
) -> UnitContext {
    let citation = plan_citation(plan);
    let mo_dau = if report.opening.is_empty() {
        vec![format!(
            "Thực hiện {citation}, {} báo cáo kết quả thực hiện như sau:",
            report.unit.name
        )]
    } else {
        report.opening.clone()
    };
    let mut by_objective: BTreeMap<usize, Vec<String>> = BTreeMap::new();
    for (n, items) in &report.results {
        by_objective
            .entry(*n)
            .or_default()
            .extend(items.iter().cloned());
    }
    let ket_qua = by_objective
        .into_iter()
        .enumerate()
        .map(|(i, (n, noi_dung))| ObjectiveContext {
            diem: point_letter(i),
            tieu_de: objective_title(plan, n),
            noi_dung,
        })
        .collect();
    let mut totals = crate::consolidate::ActivityTotals::default();
    for a in &report.activities {
        totals.add(a);
    }
    let tong_hoat_dong = if totals.activities == 0 {
        String::new()
    } else {
        let counts = counts_text(totals.sessions, totals.attendance, totals.articles);
        if counts.is_empty() {
            format!("{} hoạt động", totals.activities)
        } else {
            format!("{} hoạt động, {counts}", totals.activities)
        }
    };
    let summary = Summary::of(results);
    let lead = format!(
        "Đơn vị báo cáo số liệu {}/{} chỉ tiêu của Kế hoạch; kết quả:",
        results.len(),
        plan.indicators.len()
    );
    let ket_luan = if report.closing.is_empty() {
        vec![format!(
            "Trên đây là báo cáo {} của {}./.",
            lower_first(&report.frame.subject.join(" ")),
            report.unit.name
        )]
    } else {
        report.closing.clone()
    };
    UnitContext {
        don_vi: report.unit.name.clone(),
        ke_hoach: citation,
        mo_dau,
        ket_qua,
        hoat_dong: report.activities.iter().map(activity_text).collect(),
        tong_hoat_dong,
        chi_tieu: SummaryContext::new(
            summary,
            results,
            &lead,
            area_word(&plan.frame.issuing_agency),
        ),
        bang_chi_tieu: TABLE_MARKER,
        kho_khan: report.difficulties.clone(),
        de_xuat: report
            .proposals
            .iter()
            .chain(&report.internal_proposals)
            .cloned()
            .collect(),
        ket_luan,
    }
}

/// Stages 2–3 for a unit report: fill the template, parse it, place the indicator table.
pub(crate) fn unit_document(
    plan: &Plan,
    report: &UnitReport,
    templates: &Templates,
) -> Result<Document, Diagnostics> {
    let results = unit_results(plan, report);
    let ctx = unit_context(plan, report, &results);
    let markup = templates.render_markup(UNIT_TEMPLATE, &ctx)?;
    let mut body = markup.body;
    place_table(
        &mut body,
        unit_table(&results, area_word(&plan.frame.issuing_agency)),
    );
    Ok(Document {
        frame: report.frame.clone(),
        body,
        notes: markup.notes,
        appendices: Vec::new(),
    })
}
