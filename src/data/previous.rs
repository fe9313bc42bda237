//! Kết quả năm trước — last year's results, compared with this year's in the consolidated report
//! (issue 12, item 4): a column "Năm 2024" in Phụ lục I and a clause per indicator in the
//! synthesis ("tăng 3,2 điểm % so với năm 2024").
//!
//! Two kinds of file are read (told apart by their top-level keys, [`FileKind`]):
//!
//! - **last year's export** (`consolidate --export`, a unit report of the higher level): its
//!   figures are sums (Σ tử số, Σ mẫu số; Σ số lượng; hoàn thành) under the higher level's codes,
//!   so each is matched to the indicator of this year's plan with that `ma_cap_tren`; a ratio is
//!   computed as this year's is (Σ tử số / Σ mẫu số × hệ số, rounded to
//!   [`RESULT_DECIMALS`](crate::consolidate::RESULT_DECIMALS) decimals); the year is the year of
//!   its `ngay_ban_hanh`;
//! - **values as published** (the first year, when no export exists): `nam` and `chi_tieu: [{ ma,
//!   gia_tri }]`, matched by the plan's own code (`ma`); a ratio's value is the published one in
//!   the indicator's unit (percentages allowed).
//!
//! A code this plan lacks is a located warning with "did you mean" (the indicator set changes
//! from year to year); a figure whose shape does not fit the indicator (a count given for a
//! ratio) is a located error. The file never changes this year's results or evaluation.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::consolidate::round_result;
use crate::data::indicator::Measure;
use crate::data::report::{RawUnitReport, UNIT_REPORT_FIELDS};
use crate::data::{frame, yaml, Checker, FileKind, Plan};
use crate::diag::{Diagnostic, Diagnostics, Location, Warned};
use crate::model::text::Code;
use crate::model::IssueDate;

/// Kết quả năm trước (giá trị đã công bố) — the file of last year's values as published.
#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawPublished {
    /// Năm — the year of the values, e.g. `2024`.
    pub nam: i32,
    /// Chỉ tiêu — the values, one per indicator.
    pub chi_tieu: Vec<RawPublishedValue>,
}

/// Giá trị đã công bố — one indicator's value of last year.
#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawPublishedValue {
    /// Mã chỉ tiêu — the code of this year's plan (`ma`), e.g. `MT1.CT1`.
    pub ma: Code,
    /// Giá trị — the value as published, in the indicator's unit: a percentage for a `%`
    /// ratio (`38.5`), the number for a count (`12`).
    pub gia_tri: f64,
}

/// The top-level keys of a published-values file, for "did you mean" hints.
pub(crate) const PUBLISHED_FIELDS: &[&str] = &["nam", "chi_tieu"];

/// Giá trị năm trước — one indicator's result of last year.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum PreviousValue {
    /// Số — a ratio in the indicator's unit (rounded as this year's results are) or a count.
    Number(f64),
    /// Hoàn thành — a qualitative indicator (from an export): done or not.
    Done(bool),
}

/// Kết quả năm trước — last year's results by the plan's own indicator code.
#[derive(Debug, Clone, PartialEq)]
pub struct PreviousYear {
    /// Năm — the year they are of.
    pub year: i32,
    /// The values, by the code of this year's plan (`ma`).
    pub values: BTreeMap<String, PreviousValue>,
    /// Đã công bố — read from a file of values as published (else from last year's export).
    pub published: bool,
    /// The file they were read from.
    pub path: PathBuf,
}

impl PreviousYear {
    /// Last year's value of indicator `id` (this plan's code), if given.
    pub fn value(&self, id: &str) -> Option<PreviousValue> {
        self.values.get(id).copied()
    }
}

/// A plausible year (the file's `nam`).
const YEARS: std::ops::RangeInclusive<i32> = 1945..=2200;

/// Read last year's results from `path` (an export or a published-values file) for `plan`.
///
/// Errors (located): not one of the two kinds; YAML or shape errors; a value that is negative or
/// not finite; a figure whose shape does not fit this plan's indicator; a year out of range.
/// Warnings: a code this plan lacks (with "did you mean"), a value given for a qualitative
/// indicator. A ratio of last year with Σ mẫu số = 0 (không phát sinh) has no value.
///
/// With `report_year` (the year of the consolidated report), a file of that year or later is a
/// warning at its year: the column would read "Năm 2025" in a report of 2025. With `unit` (the
/// body's code at the higher level, `cap_tren.don_vi.ma`), an export of another unit is a
/// warning at its `don_vi.ma`: another ward's figures compared as this one's.
pub(crate) fn load_previous_year(
    path: &Path,
    plan: &Plan,
    report_year: Option<i32>,
    unit: Option<&str>,
) -> Result<Warned<PreviousYear>, Diagnostics> {
    let (kind, diags) = crate::data::recognize(path);
    let not_earlier = |c: &mut Checker<'_>, field: &str, year: i32| {
        match report_year {
        Some(y) if year >= y => c.warn(
            field,
            format!("kết quả năm trước là của năm {year}, không trước năm của báo cáo ({y})"),
            format!("chọn tệp kết quả của năm {}; cột và câu so sánh ghi đúng năm của tệp (`Năm {year}`)", y - 1),
        ),
        _ => {}
    }
    };
    match kind {
        FileKind::UnitReport => crate::data::load_with(path, UNIT_REPORT_FIELDS, |c, raw: RawUnitReport| {
            let of = raw.don_vi.ma.trim().to_string();
            match unit {
                Some(u) if u != of => c.warn(
                    "don_vi.ma",
                    format!("tệp số liệu năm trước là của đơn vị `{of}`, không phải `{u}` (mã ở cấp trên trong `cap_tren`)"),
                    "kiểm tra đã chọn đúng tệp xuất năm trước của chính đơn vị mình",
                ),
                _ => {}
            }
            let p = from_export(c, raw, plan);
            not_earlier(c, "ngay_ban_hanh", p.year);
            p
        }),
        FileKind::PreviousYear => crate::data::load_with(path, PUBLISHED_FIELDS, |c, raw| {
            let p = from_published(c, raw, plan);
            not_earlier(c, "nam", p.year);
            p
        }),
        _ if diags.has_errors() => Err(diags),
        _ => Err(Diagnostic::error(
                Location::file(path),
                "tệp này không phải kết quả năm trước: cần tệp số liệu xuất năm trước (`consolidate --export`) hoặc tệp giá trị đã công bố (`nam`, `chi_tieu`)",
            )
            .with_hint("tệp giá trị đã công bố:\n  nam: 2024\n  chi_tieu:\n    - { ma: MT1.CT1, gia_tri: 38.5 }")
            .into()),
    }
}

/// The warning for a code this plan lacks, with "did you mean" among `known`.
fn unknown_code(c: &mut Checker<'_>, field: &str, id: &str, known: &[&str], what: &str) {
    let hint = match yaml::did_you_mean(id, known) {
        Some(s) => format!("có phải ý bạn là `{s}`?"),
        None if known.is_empty() => format!("kế hoạch năm nay không có chỉ tiêu nào có {what}"),
        None => format!("{what} của kế hoạch năm nay: {}", known.join(", ")),
    };
    c.warn(
        field,
        format!("kế hoạch năm nay không có chỉ tiêu {what} `{id}`: giá trị năm trước này không được so sánh"),
        hint,
    );
}

/// A non-negative, finite value, else an error at `field`.
fn non_negative(c: &mut Checker<'_>, field: &str, x: f64) -> Option<f64> {
    if x.is_finite() && x >= 0.0 {
        Some(x)
    } else {
        c.error(
            field,
            format!("giá trị năm trước phải là số không âm (đang là {x})"),
            "ghi số từ 0 trở lên, như đã công bố",
        );
        None
    }
}

fn from_export(c: &mut Checker<'_>, raw: RawUnitReport, plan: &Plan) -> PreviousYear {
    let year = match frame::issue_date(c, &raw.ngay_ban_hanh.0, "ngay_ban_hanh") {
        IssueDate::Full(d) => chrono::Datelike::year(&d),
        IssueDate::YearOnly(y) => y,
    };
    let known: Vec<&str> = plan
        .indicators
        .iter()
        .filter_map(|i| i.upper_id.as_deref())
        .collect();
    let mut values = BTreeMap::new();
    for (n, f) in raw.so_lieu.iter().enumerate() {
        let at = |k: &str| format!("so_lieu[{n}].{k}");
        let code = f.ma.trim();
        let Some(ind) = plan
            .indicators
            .iter()
            .find(|i| i.upper_id.as_deref() == Some(code))
        else {
            unknown_code(c, &at("ma"), code, &known, "mã cấp trên (`ma_cap_tren`)");
            continue;
        };
        if values.contains_key(&ind.id) {
            c.error(
                &at("ma"),
                format!("chỉ tiêu `{code}` được ghi hai lần"),
                "mỗi chỉ tiêu chỉ ghi một lần trong `so_lieu`",
            );
            continue;
        }
        let shape = |c: &mut Checker<'_>, wanted: &str| {
            c.error(
                &at("ma"),
                format!(
                    "số liệu năm trước của `{code}` không hợp với chỉ tiêu `{}` năm nay",
                    ind.id
                ),
                format!("chỉ tiêu `{}` năm nay cần `{wanted}`", ind.id),
            )
        };
        let value = match (ind.measure, f.tu_so, f.mau_so, f.so_luong, f.hoan_thanh) {
            (Measure::Ratio, Some(t), Some(m), None, None) => {
                match (
                    non_negative(c, &at("tu_so"), t),
                    non_negative(c, &at("mau_so"), m),
                ) {
                    // Không phát sinh last year: no ratio to compare with.
                    (Some(_), Some(0.0)) => None,
                    (Some(t), Some(m)) => {
                        Some(PreviousValue::Number(round_result(t / m * ind.factor)))
                    }
                    _ => None,
                }
            }
            (Measure::Count, None, None, Some(s), None) => {
                non_negative(c, &at("so_luong"), s).map(PreviousValue::Number)
            }
            (Measure::Qualitative, None, None, None, Some(b)) => Some(PreviousValue::Done(b)),
            (m, ..) => {
                shape(
                    c,
                    match m {
                        Measure::Ratio => "tu_so` và `mau_so",
                        Measure::Count => "so_luong",
                        Measure::Qualitative => "hoan_thanh",
                    },
                );
                None
            }
        };
        if let Some(v) = value {
            values.insert(ind.id.clone(), v);
        }
    }
    PreviousYear {
        year,
        values,
        published: false,
        path: c.source.path.clone(),
    }
}

fn from_published(c: &mut Checker<'_>, raw: RawPublished, plan: &Plan) -> PreviousYear {
    if !YEARS.contains(&raw.nam) {
        c.error(
            "nam",
            format!("năm `{}` không hợp lệ", raw.nam),
            "ghi năm của số liệu, ví dụ `nam: 2024`",
        );
    }
    let known: Vec<&str> = plan.indicators.iter().map(|i| i.id.as_str()).collect();
    let mut values = BTreeMap::new();
    for (n, v) in raw.chi_tieu.iter().enumerate() {
        let at = |k: &str| format!("chi_tieu[{n}].{k}");
        let code = v.ma.trim();
        let Some(ind) = plan.indicator(code) else {
            unknown_code(c, &at("ma"), code, &known, "mã");
            continue;
        };
        if ind.measure == Measure::Qualitative {
            c.warn(
                &at("gia_tri"),
                format!(
                    "chỉ tiêu `{code}` là chỉ tiêu định tính: không so sánh bằng số với năm trước"
                ),
                "bỏ dòng này",
            );
            continue;
        }
        if values.contains_key(code) {
            c.error(
                &at("ma"),
                format!("chỉ tiêu `{code}` được ghi hai lần"),
                "mỗi chỉ tiêu chỉ ghi một lần trong `chi_tieu`",
            );
            continue;
        }
        if let Some(x) = non_negative(c, &at("gia_tri"), v.gia_tri) {
            values.insert(code.to_string(), PreviousValue::Number(x));
        }
    }
    PreviousYear {
        year: raw.nam,
        values,
        published: true,
        path: c.source.path.clone(),
    }
}
