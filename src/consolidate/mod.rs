//! Tổng hợp — many unit reports → one consolidated record, evaluated against the plan (pure).
//!
//! Rules (issue 3; nd30-layout §12.2, §14 S2–S3):
//! - **tỷ lệ**: Σ tử số / Σ mẫu số × hệ số over the units that reported it — never an average
//!   of the units' percentages; `Không phát sinh` when Σ mẫu số = 0;
//! - **số lượng**: Σ of the counts;
//! - **định tính**: `Đạt` when every reporting unit has done it, otherwise `Không đạt`;
//! - `Chưa có số liệu` when no unit reported the indicator;
//! - results are rounded to the precision printed (1 decimal) **before** being evaluated, so the
//!   table a reader checks is consistent with its Đánh giá column;
//! - `Vượt` only above an at-least target; an at-most target met is `Đạt` ([`evaluate`]);
//! - the headline is "đạt X/Y chỉ tiêu": X = Đạt + Vượt, Y = indicators that could be evaluated
//!   (Đạt + Vượt + Không đạt; `Không phát sinh` and `Chưa có số liệu` are not counted);
//! - in one unit's report ([`unit_results`]) a count is the unit's contribution (`Đóng góp`) to
//!   the ward's target, not judged against it; the consolidated total is.
//!
//! Units are ordered as the envelope lists them, then units it does not list, by id. Sums run in
//! that order, so the result does not depend on the order of the input files.

pub(crate) mod collect;
pub(crate) mod export;
pub(crate) mod matrix;

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;

use crate::data::envelope::Envelope;
use crate::data::indicator::{evaluate, Evaluation, Indicator, Measure};
use crate::data::report::{Activity, FigureValue, Part, Unit, UnitReport};
use crate::data::Plan;

/// Decimals printed (and evaluated) for a computed result.
pub(crate) const RESULT_DECIMALS: i32 = 1;

/// Round `x` to the printed precision ([`RESULT_DECIMALS`]).
pub(crate) fn round_result(x: f64) -> f64 {
    let f = 10f64.powi(RESULT_DECIMALS);
    (x * f).round() / f
}

/// Nguồn số liệu — one unit's contribution to an indicator.
#[derive(Debug, Clone, PartialEq)]
pub struct Source {
    /// The unit.
    pub unit: Unit,
    /// Its raw figure.
    pub value: FigureValue,
    /// Its note, if any.
    pub note: Option<String>,
    /// Nguồn — the units its figure sums when the unit is itself a consolidating body (a ward
    /// whose export is consolidated one level up); empty otherwise.
    pub parts: Vec<Part>,
}

/// Most units named after a source that sums them ([`Source::label`]); past it, their count.
const PARTS_NAMED: usize = 15;

impl Source {
    /// The unit's name as provenance, with the units its figure sums when it is a lower
    /// level's export (`Phường Nguyễn Trãi (gồm: Trạm Y tế phường, Công an phường)`; more than
    /// 15 units: `Phường Nguyễn Trãi (gồm 30 đơn vị)`).
    pub fn label(&self) -> String {
        match self.parts.len() {
            0 => self.unit.name.clone(),
            n if n > PARTS_NAMED => format!("{} (gồm {n} đơn vị)", self.unit.name),
            _ => {
                let names: Vec<&str> = self.parts.iter().map(|p| p.unit.name.as_str()).collect();
                format!("{} (gồm: {})", self.unit.name, names.join(", "))
            }
        }
    }
}

/// Kết quả chỉ tiêu — an indicator recomputed from the units' raw figures.
#[derive(Debug, Clone, PartialEq)]
pub struct IndicatorResult {
    /// The indicator as the plan sets it.
    pub indicator: Indicator,
    /// Σ tử số (ratio) or Σ count; 0 for qualitative indicators.
    pub numerator: f64,
    /// Σ mẫu số (ratio); 0 otherwise.
    pub denominator: f64,
    /// Kết quả — the computed, rounded result; `None` when there is none (no data, denominator 0,
    /// qualitative).
    pub value: Option<f64>,
    /// Hoàn thành — for a qualitative indicator with data: whether every reporting unit has done it.
    pub done: Option<bool>,
    /// Đánh giá.
    pub evaluation: Evaluation,
    /// Provenance: which units supplied a figure, in unit order.
    pub sources: Vec<Source>,
}

/// Recompute one indicator from its sources (already in unit order).
pub fn aggregate(indicator: &Indicator, sources: Vec<Source>) -> IndicatorResult {
    let mut r = IndicatorResult {
        indicator: indicator.clone(),
        numerator: 0.0,
        denominator: 0.0,
        value: None,
        done: None,
        evaluation: Evaluation::NoData,
        sources: Vec::new(),
    };
    if sources.is_empty() {
        return r;
    }
    let target = indicator.target.unwrap_or(0.0);
    match indicator.measure {
        Measure::Ratio => {
            for s in &sources {
                if let FigureValue::Ratio {
                    numerator,
                    denominator,
                } = s.value
                {
                    r.numerator += numerator;
                    r.denominator += denominator;
                }
            }
            if r.denominator > 0.0 {
                let v = round_result(r.numerator / r.denominator * indicator.factor);
                r.value = Some(v);
                r.evaluation = match indicator.direction {
                    Some(d) => evaluate(v, target, d),
                    None => Evaluation::NoData,
                };
            } else {
                r.evaluation = Evaluation::NotApplicable;
            }
        }
        Measure::Count => {
            for s in &sources {
                if let FigureValue::Count(n) = s.value {
                    r.numerator += n;
                }
            }
            let v = round_result(r.numerator);
            r.value = Some(v);
            r.evaluation = match indicator.direction {
                Some(d) => evaluate(v, target, d),
                None => Evaluation::NoData,
            };
        }
        Measure::Qualitative => {
            let all = sources
                .iter()
                .all(|s| matches!(s.value, FigureValue::Done(true)));
            r.done = Some(all);
            r.evaluation = if all {
                Evaluation::Met
            } else {
                Evaluation::NotMet
            };
        }
    }
    r.sources = sources;
    r
}

/// Tóm tắt — counts by evaluation, and the headline "đạt X/Y chỉ tiêu".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Summary {
    /// Every indicator of the plan.
    pub total: usize,
    /// Vượt.
    pub exceeded: usize,
    /// Đạt.
    pub met: usize,
    /// Không đạt.
    pub not_met: usize,
    /// Không phát sinh.
    pub not_applicable: usize,
    /// Chưa có số liệu.
    pub no_data: usize,
    /// Đóng góp — a unit's counts towards the ward's targets (unit reports only).
    pub contributed: usize,
}

impl Summary {
    /// Count the evaluations of `results`.
    pub fn of(results: &[IndicatorResult]) -> Summary {
        let mut s = Summary {
            total: results.len(),
            ..Summary::default()
        };
        for r in results {
            match r.evaluation {
                Evaluation::Exceeded => s.exceeded += 1,
                Evaluation::Met => s.met += 1,
                Evaluation::NotMet => s.not_met += 1,
                Evaluation::NotApplicable => s.not_applicable += 1,
                Evaluation::NoData => s.no_data += 1,
                Evaluation::Contribution => s.contributed += 1,
            }
        }
        s
    }

    /// X of "đạt X/Y": Đạt + Vượt.
    pub fn achieved(&self) -> usize {
        self.met + self.exceeded
    }

    /// Y of "đạt X/Y": the indicators that could be evaluated (Đạt + Vượt + Không đạt).
    pub fn evaluated(&self) -> usize {
        self.met + self.exceeded + self.not_met
    }
}

/// Tình trạng báo cáo — whether and when a unit reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Reported on time (on or before the deadline).
    OnTime(NaiveDate),
    /// Reported after the deadline.
    Late(NaiveDate),
    /// No report file.
    Missing,
    /// A report file exists but could not be used (`--allow-partial`).
    Invalid,
}

/// One unit of the consolidation and its status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitStatus {
    /// The unit (name from the envelope when it lists the unit).
    pub unit: Unit,
    /// Whether the envelope lists it as expected to report.
    pub expected: bool,
    /// Its status.
    pub status: Status,
}

/// Nội dung có nguồn — a narrative item attributed to its unit.
#[derive(Debug, Clone, PartialEq)]
pub struct Attributed {
    /// The unit's display name.
    pub unit: String,
    /// The text.
    pub text: String,
}

/// Kết quả theo mục tiêu — the compiled narrative of one objective.
#[derive(Debug, Clone, PartialEq)]
pub struct ObjectiveNarrative {
    /// Mục tiêu — 1-based number.
    pub objective: usize,
    /// Results, attributed, in unit order then file order.
    pub results: Vec<Attributed>,
    /// Activities, attributed, in unit order then file order.
    pub activities: Vec<(String, Activity)>,
}

/// Tổng số hoạt động — totals of the activity counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ActivityTotals {
    /// Số hoạt động.
    pub activities: u64,
    /// Số buổi.
    pub sessions: u64,
    /// Số lượt người tham dự.
    pub attendance: u64,
    /// Số tin, bài.
    pub articles: u64,
}

impl ActivityTotals {
    /// Add one activity.
    pub fn add(&mut self, a: &Activity) {
        self.activities += 1;
        self.sessions += a.sessions;
        self.attendance += a.attendance;
        self.articles += a.articles;
    }
}

/// Báo cáo tổng hợp — the consolidated record.
#[derive(Debug, Clone, PartialEq)]
pub struct Consolidated {
    /// Every unit: expected ones in the envelope's order, then unexpected ones by id.
    pub units: Vec<UnitStatus>,
    /// Every indicator of the plan, in plan order.
    pub indicators: Vec<IndicatorResult>,
    /// Counts by evaluation.
    pub summary: Summary,
    /// Narrative per objective of the plan (every objective, in order; may be empty).
    pub objectives: Vec<ObjectiveNarrative>,
    /// Activities not tied to an objective.
    pub general_activities: Vec<(String, Activity)>,
    /// Activity totals over all units.
    pub totals: ActivityTotals,
    /// Khó khăn, vướng mắc — attributed.
    pub difficulties: Vec<Attributed>,
    /// Đề xuất, kiến nghị — attributed; those the consolidating agency may forward upward.
    pub proposals: Vec<Attributed>,
    /// Đề xuất nội bộ — attributed; addressed to the consolidating agency, not forwarded.
    pub internal_proposals: Vec<Attributed>,
    /// Kết quả năm trước — last year's results, when given (`--previous`, `nam_truoc`): the
    /// report compares with them; they never change this year's results.
    pub previous: Option<crate::data::previous::PreviousYear>,
}

impl Consolidated {
    /// Units with the given kind of status, in unit order.
    pub fn units_where(&self, pred: impl Fn(&Status) -> bool) -> Vec<&UnitStatus> {
        self.units.iter().filter(|u| pred(&u.status)).collect()
    }

    /// Number of units whose report was used.
    pub fn reported(&self) -> usize {
        self.units_where(|s| matches!(s, Status::OnTime(_) | Status::Late(_)))
            .len()
    }

    /// One line about the outcome, in Vietnamese: units reported, indicators met, missing and
    /// late units (`8 đơn vị báo cáo; đạt 14/19 chỉ tiêu; trễ hạn: …`).
    pub fn outcome_line(&self) -> String {
        let names = |pred: fn(&Status) -> bool| -> Vec<String> {
            self.units
                .iter()
                .filter(|u| pred(&u.status))
                .map(|u| u.unit.name.clone())
                .collect()
        };
        let mut s = format!(
            "{} đơn vị báo cáo; đạt {}/{} chỉ tiêu",
            self.reported(),
            self.summary.achieved(),
            self.summary.evaluated()
        );
        let missing = names(|s| matches!(s, Status::Missing | Status::Invalid));
        if !missing.is_empty() {
            s.push_str(&format!("; chưa báo cáo: {}", missing.join(", ")));
        }
        let late = names(|s| matches!(s, Status::Late(_)));
        if !late.is_empty() {
            s.push_str(&format!("; trễ hạn: {}", late.join(", ")));
        }
        s
    }
}

/// Consolidate `reports` against `plan` with the envelope's expected units and deadline.
///
/// `invalid` lists the unit ids (or file stems) of report files that could not be used; those
/// units count as not reported and are shown as such. `reports` must hold at most one report per
/// unit (see [`collect::collect`]); the order of `reports` does not matter.
pub fn consolidate(
    plan: &Plan,
    envelope: &Envelope,
    reports: &[UnitReport],
    invalid: &[String],
) -> Consolidated {
    // Unit order: envelope first, then the others by id.
    let mut order: Vec<&UnitReport> = Vec::with_capacity(reports.len());
    let by_id: BTreeMap<&str, &UnitReport> =
        reports.iter().map(|r| (r.unit.id.as_str(), r)).collect();
    let mut units = Vec::new();
    for u in &envelope.expected {
        let status = match by_id.get(u.id.as_str()) {
            Some(r) => {
                order.push(r);
                submitted(r.submitted, envelope.deadline)
            }
            None if invalid.iter().any(|i| i == &u.id) => Status::Invalid,
            None => Status::Missing,
        };
        units.push(UnitStatus {
            unit: u.clone(),
            expected: true,
            status,
        });
    }
    let expected_ids: BTreeSet<&str> = envelope.expected.iter().map(|u| u.id.as_str()).collect();
    // Bad files of units the envelope does not list: shown by their file's unit id or stem.
    let mut unknown_invalid: Vec<&String> = invalid
        .iter()
        .filter(|i| !expected_ids.contains(i.as_str()))
        .collect();
    unknown_invalid.sort();
    unknown_invalid.dedup();
    for id in unknown_invalid {
        if !by_id.contains_key(id.as_str()) {
            units.push(UnitStatus {
                unit: Unit {
                    id: id.clone(),
                    name: id.clone(),
                },
                expected: false,
                status: Status::Invalid,
            });
        }
    }
    for (id, r) in &by_id {
        if !expected_ids.contains(id) {
            order.push(r);
            units.push(UnitStatus {
                unit: r.unit.clone(),
                expected: false,
                status: submitted(r.submitted, envelope.deadline),
            });
        }
    }
    // The display name of each used report: the envelope's name when it lists the unit.
    let envelope_names: BTreeMap<&str, &str> = envelope
        .expected
        .iter()
        .map(|u| (u.id.as_str(), u.name.as_str()))
        .collect();
    let names: Vec<String> = order
        .iter()
        .map(|r| {
            envelope_names
                .get(r.unit.id.as_str())
                .map(|n| n.to_string())
                .unwrap_or_else(|| r.unit.name.clone())
        })
        .collect();

    // Indicators: one pass over the units, sources collected per indicator index.
    let index: BTreeMap<&str, usize> = plan
        .indicators
        .iter()
        .enumerate()
        .map(|(i, ind)| (ind.id.as_str(), i))
        .collect();
    let mut sources: Vec<Vec<Source>> = vec![Vec::new(); plan.indicators.len()];
    for (r, name) in order.iter().zip(&names) {
        for f in &r.figures {
            if let Some(&i) = index.get(f.indicator.as_str()) {
                sources[i].push(Source {
                    unit: Unit {
                        id: r.unit.id.clone(),
                        name: name.clone(),
                    },
                    value: f.value,
                    note: f.note.clone(),
                    parts: f.parts.clone(),
                });
            }
        }
    }
    let indicators: Vec<IndicatorResult> = plan
        .indicators
        .iter()
        .zip(sources)
        .map(|(ind, s)| aggregate(ind, s))
        .collect();
    let summary = Summary::of(&indicators);

    // Narrative, grouped by objective, attributed.
    let mut objectives: Vec<ObjectiveNarrative> = (1..=plan.raw.muc_tieu.len())
        .map(|objective| ObjectiveNarrative {
            objective,
            results: Vec::new(),
            activities: Vec::new(),
        })
        .collect();
    let mut general_activities = Vec::new();
    let mut totals = ActivityTotals::default();
    let mut difficulties = Vec::new();
    let mut proposals = Vec::new();
    let mut internal_proposals = Vec::new();
    for (r, name) in order.iter().zip(&names) {
        for (n, items) in &r.results {
            if let Some(o) = objectives.get_mut(n.wrapping_sub(1)) {
                o.results.extend(items.iter().map(|t| Attributed {
                    unit: name.clone(),
                    text: t.clone(),
                }));
            }
        }
        for a in &r.activities {
            totals.add(a);
            match a
                .objective
                .and_then(|n| objectives.get_mut(n.wrapping_sub(1)))
            {
                Some(o) => o.activities.push((name.clone(), a.clone())),
                None => general_activities.push((name.clone(), a.clone())),
            }
        }
        let attr = |t: &String| Attributed {
            unit: name.clone(),
            text: t.clone(),
        };
        difficulties.extend(r.difficulties.iter().map(attr));
        proposals.extend(r.proposals.iter().map(attr));
        internal_proposals.extend(r.internal_proposals.iter().map(attr));
    }
    Consolidated {
        units,
        indicators,
        summary,
        objectives,
        general_activities,
        totals,
        difficulties,
        proposals,
        internal_proposals,
        previous: None,
    }
}

fn submitted(date: NaiveDate, deadline: NaiveDate) -> Status {
    if date > deadline {
        Status::Late(date)
    } else {
        Status::OnTime(date)
    }
}

/// The indicator results of one unit report, for the indicators it reported, in plan order.
///
/// Ratios and qualitative indicators are evaluated as in the consolidation; a count
/// (`cach_tinh: so_luong`) is [`Evaluation::Contribution`]: the plan's target is the whole
/// ward's, and one unit's count is only its part of the total.
pub fn unit_results(plan: &Plan, report: &UnitReport) -> Vec<IndicatorResult> {
    plan.indicators
        .iter()
        .filter_map(|ind| {
            report.figure(&ind.id).map(|f| {
                let mut r = aggregate(
                    ind,
                    vec![Source {
                        unit: report.unit.clone(),
                        value: f.value,
                        note: f.note.clone(),
                        parts: f.parts.clone(),
                    }],
                );
                if ind.measure == Measure::Count {
                    r.evaluation = Evaluation::Contribution;
                }
                r
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::indicator::Direction;

    fn ind(measure: Measure, target: f64, direction: Direction, factor: f64) -> Indicator {
        Indicator {
            id: "X".into(),
            name: "x".into(),
            objective: 1,
            measure,
            target: Some(target),
            unit: "%".into(),
            direction: Some(direction),
            factor,
            upper_id: None,
            numerator_label: None,
            denominator_label: None,
            count_unit: None,
        }
    }

    fn src(value: FigureValue) -> Source {
        Source {
            unit: Unit {
                id: "a".into(),
                name: "A".into(),
            },
            value,
            note: None,
            parts: Vec::new(),
        }
    }

    fn ratio(n: f64, d: f64) -> Source {
        src(FigureValue::Ratio {
            numerator: n,
            denominator: d,
        })
    }

    #[test]
    fn ratio_is_sum_over_sum_not_mean_of_ratios() {
        // 1/1 = 100 % and 0/9 = 0 %: the mean of ratios would be 50 %, the right answer is 10 %.
        let r = aggregate(
            &ind(Measure::Ratio, 40.0, Direction::AtLeast, 100.0),
            vec![ratio(1.0, 1.0), ratio(0.0, 9.0)],
        );
        assert_eq!(r.value, Some(10.0));
        assert_eq!((r.numerator, r.denominator), (1.0, 10.0));
        assert_eq!(r.evaluation, Evaluation::NotMet);
    }

    #[test]
    fn zero_denominator_is_not_applicable_and_no_sources_is_no_data() {
        let i = ind(Measure::Ratio, 100.0, Direction::AtLeast, 100.0);
        assert_eq!(
            aggregate(&i, vec![ratio(0.0, 0.0)]).evaluation,
            Evaluation::NotApplicable
        );
        assert_eq!(aggregate(&i, vec![]).evaluation, Evaluation::NoData);
    }

    #[test]
    fn evaluation_follows_the_rounded_result() {
        // 39.96 % prints as 40 and must be Đạt, as the reader sees it.
        let i = ind(Measure::Ratio, 40.0, Direction::AtLeast, 100.0);
        let r = aggregate(&i, vec![ratio(3996.0, 10000.0)]);
        assert_eq!(r.value, Some(40.0));
        assert_eq!(r.evaluation, Evaluation::Met);
    }

    #[test]
    fn qualitative_needs_every_unit() {
        let mut i = ind(Measure::Qualitative, 0.0, Direction::AtLeast, 1.0);
        i.target = None;
        i.direction = None;
        let yes = src(FigureValue::Done(true));
        let no = src(FigureValue::Done(false));
        assert_eq!(
            aggregate(&i, vec![yes.clone(), yes.clone()]).evaluation,
            Evaluation::Met
        );
        assert_eq!(aggregate(&i, vec![yes, no]).evaluation, Evaluation::NotMet);
    }

    #[test]
    fn a_source_names_the_units_it_sums() {
        let mut s = src(FigureValue::Count(3.0));
        assert_eq!(s.label(), "A");
        let part = |i: usize| Part {
            unit: Unit {
                id: format!("u{i}"),
                name: format!("Đơn vị {i}"),
            },
            value: FigureValue::Count(1.0),
        };
        s.parts = (1..=2).map(part).collect();
        assert_eq!(s.label(), "A (gồm: Đơn vị 1, Đơn vị 2)");
        s.parts = (1..=PARTS_NAMED + 1).map(part).collect();
        assert_eq!(s.label(), format!("A (gồm {} đơn vị)", PARTS_NAMED + 1));
    }

    #[test]
    fn counts_are_summed() {
        let i = ind(Measure::Count, 3.0, Direction::AtLeast, 1.0);
        let r = aggregate(
            &i,
            vec![src(FigureValue::Count(1.0)), src(FigureValue::Count(2.0))],
        );
        assert_eq!(r.value, Some(3.0));
        assert_eq!(r.evaluation, Evaluation::Met);
    }
}
