//! Chỉ tiêu — the plan's measurable indicators, and how a result is evaluated against them.

use serde::Serialize;

use crate::data::raw::{RawDirection, RawMeasure};

/// Cách tính — how a result is computed from the units' raw figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Measure {
    /// Tỷ lệ — Σ tử số / Σ mẫu số × factor; never an average of percentages.
    Ratio,
    /// Số lượng — a count, summed over units.
    Count,
    /// Định tính — done / not done.
    Qualitative,
}

impl From<RawMeasure> for Measure {
    fn from(m: RawMeasure) -> Self {
        match m {
            RawMeasure::TyLe => Measure::Ratio,
            RawMeasure::SoLuong => Measure::Count,
            RawMeasure::DinhTinh => Measure::Qualitative,
        }
    }
}

/// Hướng — which side of the target meets the indicator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Direction {
    /// Tối thiểu — result ≥ target meets it (Đạt); result > target exceeds it (Vượt).
    AtLeast,
    /// Tối đa — result ≤ target meets it (Đạt: staying under a ceiling is meeting it, never
    /// "Vượt", which a reader takes for "above the target"); result > target misses it.
    AtMost,
    /// Bằng — only result = target meets it.
    Exactly,
}

impl From<RawDirection> for Direction {
    fn from(d: RawDirection) -> Self {
        match d {
            RawDirection::ToiThieu => Direction::AtLeast,
            RawDirection::ToiDa => Direction::AtMost,
            RawDirection::Bang => Direction::Exactly,
        }
    }
}

/// Chỉ tiêu — one indicator as the plan sets it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Indicator {
    /// Mã chỉ tiêu — stable id, e.g. `MT2.CT1`.
    pub id: String,
    /// Tên chỉ tiêu — short name for tables.
    pub name: String,
    /// Mục tiêu — the 1-based number of the objective it belongs to.
    pub objective: usize,
    /// Cách tính.
    pub measure: Measure,
    /// Kế hoạch — the target (`None` for qualitative indicators).
    pub target: Option<f64>,
    /// Đơn vị tính — `%`, `‰`, `lần`, …
    pub unit: String,
    /// Hướng (`None` for qualitative indicators).
    pub direction: Option<Direction>,
    /// Hệ số — multiplier of a ratio (100 for %, 1000 for ‰).
    pub factor: f64,
    /// Mã cấp trên — the matching indicator's code in the higher level's plan (`ma_cap_tren`);
    /// `None`: the indicator is not exported to the higher level.
    pub upper_id: Option<String>,
    /// Tử số đếm gì (`tu_so`) — what the numerator of a ratio counts; `None` when not said.
    pub numerator_label: Option<String>,
    /// Mẫu số đếm gì (`mau_so`) — what the denominator of a ratio counts.
    pub denominator_label: Option<String>,
    /// Đơn vị đếm (`don_vi_dem`) — the unit both figures of a ratio are counted in, e.g. `người`.
    pub count_unit: Option<String>,
}

/// Đánh giá — the evaluation of a result against its target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Evaluation {
    /// Vượt — above an at-least target (`huong: toi_thieu`); never for other directions.
    Exceeded,
    /// Đạt — meets the target: equal to it, or on the allowed side of an at-most target.
    Met,
    /// Không đạt — misses the target.
    NotMet,
    /// Không phát sinh — nothing to measure (denominator 0, e.g. no victim detected).
    NotApplicable,
    /// Chưa có số liệu — no unit reported on it.
    NoData,
    /// Đóng góp — in one unit's report, its figure for a count indicator (`cach_tinh: so_luong`):
    /// the target is the whole ward's, so one unit's count is its contribution to the total, not
    /// judged on its own; the consolidated report judges the total.
    Contribution,
}

impl Evaluation {
    /// The Vietnamese label printed in tables.
    pub fn label(self) -> &'static str {
        match self {
            Evaluation::Exceeded => "Vượt",
            Evaluation::Met => "Đạt",
            Evaluation::NotMet => "Không đạt",
            Evaluation::NotApplicable => "Không phát sinh",
            Evaluation::NoData => "Chưa có số liệu",
            Evaluation::Contribution => "Đóng góp",
        }
    }

    /// Whether it counts towards "đạt X/Y chỉ tiêu" (Đạt or Vượt).
    pub fn counts_as_met(self) -> bool {
        matches!(self, Evaluation::Met | Evaluation::Exceeded)
    }
}

/// Tolerance for comparing a computed result with its target (results are shown to 0.1).
const EPSILON: f64 = 1e-9;

/// Evaluate a numeric `result` against `target` in `direction`: `Vượt` only above an at-least
/// target; an at-most target met (result ≤ target) is `Đạt`.
pub(crate) fn evaluate(result: f64, target: f64, direction: Direction) -> Evaluation {
    let diff = result - target;
    let equal = diff.abs() <= EPSILON * target.abs().max(1.0);
    match direction {
        _ if equal => Evaluation::Met,
        Direction::AtLeast if diff > 0.0 => Evaluation::Exceeded,
        Direction::AtMost if diff < 0.0 => Evaluation::Met,
        _ => Evaluation::NotMet,
    }
}

/// The default factor of a ratio with unit `unit`: `%` → 100, `‰` → 1000, otherwise 1.
pub(crate) fn default_factor(unit: &str) -> f64 {
    let u = unit.trim();
    if u.starts_with('%') {
        100.0
    } else if u.starts_with('‰') {
        1000.0
    } else if u.contains("/100") {
        100.0
    } else {
        1.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Direction::*;
    use Evaluation::*;

    #[test]
    fn evaluation_table_for_every_direction() {
        let cases = [
            (40.0, 40.0, AtLeast, Met),
            (41.0, 40.0, AtLeast, Exceeded),
            (39.9, 40.0, AtLeast, NotMet),
            (0.0, 0.0, AtMost, Met),
            (0.5, 0.0, AtMost, NotMet),
            (1.2, 1.5, AtMost, Met),
            (41.2, 50.0, AtMost, Met),
            (50.1, 50.0, AtMost, NotMet),
            (100.0, 100.0, Exactly, Met),
            (101.0, 100.0, Exactly, NotMet),
            (99.0, 100.0, Exactly, NotMet),
        ];
        for (r, t, d, want) in cases {
            assert_eq!(evaluate(r, t, d), want, "{r} vs {t} {d:?}");
        }
    }

    #[test]
    fn factors_follow_the_unit() {
        assert_eq!(default_factor("%"), 100.0);
        assert_eq!(default_factor("‰"), 1000.0);
        assert_eq!(default_factor("bé trai/100 bé gái"), 100.0);
        assert_eq!(default_factor("lần"), 1.0);
    }
}
