//! Kết quả theo đơn vị — the unit × indicator matrix behind Phụ lục II of the consolidated report
//! (issue 12): for every unit, the evaluation of each indicator it reported, as its own report
//! evaluates it ([`super::unit_results`]: a count is `Đóng góp`), and its count of indicators met.
//!
//! Built from the provenance the consolidation already holds (each indicator's sources), in one
//! pass over the figures: linear in units × indicators.

use std::collections::BTreeMap;

use super::{aggregate, Consolidated, UnitStatus};
use crate::data::indicator::{Evaluation, Measure};

/// Một dòng của ma trận — one unit and its evaluations.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct UnitRow<'a> {
    /// Số thứ tự — 1-based position of the unit in [`Consolidated::units`].
    pub number: usize,
    /// The unit and its reporting status.
    pub unit: &'a UnitStatus,
    /// Đánh giá — one per indicator of the plan, in plan order; `None`: not reported.
    pub cells: Vec<Option<Evaluation>>,
    /// Số chỉ tiêu đạt — Đạt + Vượt.
    pub met: usize,
    /// Số chỉ tiêu được đánh giá — Đạt + Vượt + Không đạt (not `Đóng góp`, `Không phát sinh`).
    pub evaluated: usize,
    /// Số chỉ tiêu đã báo cáo.
    pub reported: usize,
}

/// The matrix: every unit of `c` (in its order), each indicator's evaluation for that unit.
pub(crate) fn unit_matrix(c: &Consolidated) -> Vec<UnitRow<'_>> {
    let n = c.indicators.len();
    let mut rows: Vec<UnitRow<'_>> = c
        .units
        .iter()
        .enumerate()
        .map(|(i, u)| UnitRow {
            number: i + 1,
            unit: u,
            cells: vec![None; n],
            met: 0,
            evaluated: 0,
            reported: 0,
        })
        .collect();
    let by_id: BTreeMap<&str, usize> = c
        .units
        .iter()
        .enumerate()
        .map(|(i, u)| (u.unit.id.as_str(), i))
        .collect();
    for (j, r) in c.indicators.iter().enumerate() {
        for s in &r.sources {
            let Some(&i) = by_id.get(s.unit.id.as_str()) else {
                continue;
            };
            let evaluation = if r.indicator.measure == Measure::Count {
                Evaluation::Contribution
            } else {
                aggregate(&r.indicator, vec![s.clone()]).evaluation
            };
            let row = &mut rows[i];
            row.cells[j] = Some(evaluation);
            row.reported += 1;
            if evaluation.counts_as_met() {
                row.met += 1;
            }
            if matches!(
                evaluation,
                Evaluation::Met | Evaluation::Exceeded | Evaluation::NotMet
            ) {
                row.evaluated += 1;
            }
        }
    }
    rows
}
