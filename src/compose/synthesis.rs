//! Tổng hợp nội dung — the consolidated report's narrative as an official writes it (issue 12,
//! item 2): under each objective, first the objective's indicators in words ("Tỷ lệ nữ tham
//! gia lãnh đạo, quản lý: toàn phường 10/24 người, đạt 41,7% (kế hoạch 40%), vượt kế hoạch"), then
//! the units' results and activities, **one paragraph per unit**; a text a unit wrote twice is
//! kept once, and units that wrote the same are named together.

use std::collections::{BTreeMap, BTreeSet};

use super::consolidated::ItemContext;
use super::{activity_text, figure_decimals, fixed, result_text, target_text, with_unit};
use crate::consolidate::{round_result, Attributed, IndicatorResult};
use crate::data::indicator::{Direction, Evaluation, Measure};
use crate::data::previous::PreviousValue;
use crate::data::report::{Activity, FigureValue};
use crate::model::format::number;

/// The comparison key of a text: case, spacing and final punctuation do not matter.
fn key(text: &str) -> String {
    text.trim()
        .trim_end_matches(['.', ';', ':', ','])
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// A text as one sentence of a joined paragraph: trimmed, without its final `.`/`;`.
fn sentence(text: &str) -> &str {
    text.trim().trim_end_matches(['.', ';', ',']).trim_end()
}

/// Each unit's texts once, in unit order then the order written: `(unit, texts)`.
fn by_unit<'a>(texts: impl Iterator<Item = (&'a str, String)>) -> Vec<(String, Vec<String>)> {
    let mut out: Vec<(String, Vec<String>)> = Vec::new();
    let mut index: BTreeMap<String, usize> = BTreeMap::new();
    let mut seen: BTreeMap<usize, BTreeSet<String>> = BTreeMap::new();
    for (unit, text) in texts {
        let k = key(&text);
        if k.is_empty() {
            continue;
        }
        let i = *index.entry(unit.to_string()).or_insert_with(|| {
            out.push((unit.to_string(), Vec::new()));
            out.len() - 1
        });
        if seen.entry(i).or_default().insert(k) {
            out[i].1.push(sentence(&text).to_string());
        }
    }
    out
}

/// Units whose texts are the same are named together (`Trường A, Trường B: …`), at the place of
/// the first of them.
fn merge_same(groups: Vec<(String, Vec<String>)>) -> Vec<ItemContext> {
    let mut out: Vec<(Vec<String>, Vec<String>)> = Vec::new();
    let mut index: BTreeMap<Vec<String>, usize> = BTreeMap::new();
    for (unit, texts) in groups {
        let k: Vec<String> = texts.iter().map(|t| key(t)).collect();
        match index.get(&k) {
            Some(&i) => out[i].0.push(unit),
            None => {
                index.insert(k, out.len());
                out.push((vec![unit], texts));
            }
        }
    }
    out.into_iter()
        .map(|(units, texts)| ItemContext {
            don_vi: units.join(", "),
            noi_dung: texts.join(". "),
        })
        .collect()
}

/// Results and activities of one objective (or the difficulties, proposals of the report),
/// one item per unit.
pub(crate) fn per_unit(
    results: &[Attributed],
    activities: &[(String, Activity)],
) -> Vec<ItemContext> {
    merge_same(by_unit(
        results
            .iter()
            .map(|a| (a.unit.as_str(), a.text.clone()))
            .chain(
                activities
                    .iter()
                    .map(|(u, a)| (u.as_str(), activity_text(a))),
            ),
    ))
}

/// The same, joined into one text for a report of many units: `a. b (Đơn vị); c (Đơn vị)`.
pub(crate) fn per_unit_joined(items: &[ItemContext]) -> String {
    items
        .iter()
        .map(|i| format!("{} ({})", i.noi_dung, i.don_vi))
        .collect::<Vec<_>>()
        .join("; ")
}

/// How a result compares with the plan, in words: `vượt kế hoạch`, `đạt kế hoạch`, `chưa đạt
/// kế hoạch`.
fn verdict(e: Evaluation) -> &'static str {
    match e {
        Evaluation::Exceeded => "vượt kế hoạch",
        Evaluation::Met => "đạt kế hoạch",
        Evaluation::NotMet => "chưa đạt kế hoạch",
        _ => "",
    }
}

/// The comparison with last year (issue 12, item 4), from this year's result and last year's
/// value (`before`, of `year`), both as printed (rounded to one decimal): a ratio in `%` or
/// `‰` by its difference in points, `tăng 3,2 điểm % so với năm 2024`; another ratio in its
/// unit, `giảm 0,5 lần so với năm 2024`; a count by its difference and the relative change,
/// `tăng 5 người (12,5%) so với năm 2024` (no relative change when last year's was 0); `bằng
/// năm 2024` when equal. Nothing without a result this year, or for a qualitative indicator.
pub(crate) fn compared_with(
    r: &IndicatorResult,
    before: PreviousValue,
    year: i32,
) -> Option<String> {
    let (Some(now), PreviousValue::Number(before)) = (r.value, before) else {
        return None;
    };
    if r.indicator.measure == Measure::Qualitative {
        return None;
    }
    let before = round_result(before);
    let diff = round_result(now - before);
    if diff == 0.0 {
        return Some(format!("bằng năm {year}"));
    }
    let verb = if diff > 0.0 { "tăng" } else { "giảm" };
    let amount = number(diff.abs(), crate::consolidate::RESULT_DECIMALS as usize);
    let unit = r.indicator.unit.trim();
    let change = match r.indicator.measure {
        Measure::Ratio if unit.starts_with('%') || unit.starts_with('‰') => {
            format!("{amount} điểm {unit}")
        }
        Measure::Ratio => with_unit(&amount, unit),
        Measure::Count if before > 0.0 => format!(
            "{} ({}%)",
            with_unit(&amount, unit),
            number(round_result(diff.abs() / before * 100.0), 1)
        ),
        Measure::Count | Measure::Qualitative => with_unit(&amount, unit),
    };
    Some(format!("{verb} {change} so với năm {year}"))
}

/// One indicator's result in the words of a report: `Tỷ lệ nữ tham gia lãnh đạo, quản lý: toàn
/// phường 10/24 người, đạt 41,7% (kế hoạch 40%), vượt kế hoạch`; `area` is the level word (`phường`);
/// with last year's value (`previous`: the year and the value), the comparison follows
/// ([`compared_with`]): `…, vượt kế hoạch, tăng 3,2 điểm % so với năm 2024`.
pub(crate) fn indicator_sentence(
    r: &IndicatorResult,
    area: &str,
    previous: Option<(i32, PreviousValue)>,
) -> String {
    let sentence = result_sentence(r, area);
    match previous.and_then(|(year, v)| compared_with(r, v, year)) {
        Some(clause) => format!("{sentence}, {clause}"),
        None => sentence,
    }
}

/// [`indicator_sentence`] without the comparison.
fn result_sentence(r: &IndicatorResult, area: &str) -> String {
    let name = &r.indicator.name;
    let unit = &r.indicator.unit;
    let target = with_unit(&target_text(r), unit);
    let tail = |value: &str| match r.evaluation {
        Evaluation::NoData | Evaluation::NotApplicable | Evaluation::Contribution => {
            format!("{value} (kế hoạch {target})")
        }
        e => format!("{value} (kế hoạch {target}), {}", verdict(e)),
    };
    if r.sources.is_empty() {
        return format!("{name}: chưa có đơn vị báo cáo số liệu");
    }
    match r.indicator.measure {
        Measure::Ratio => {
            let d = figure_decimals(r);
            // With the plan's counting unit (`don_vi_dem`): `toàn phường 10/24 người`.
            let totals = format!(
                "toàn {area} {}/{}{}",
                fixed(r.numerator, d),
                fixed(r.denominator, d),
                r.indicator
                    .count_unit
                    .as_deref()
                    .map(|u| format!(" {u}"))
                    .unwrap_or_default()
            );
            if r.evaluation == Evaluation::NotApplicable {
                return format!("{name}: trong năm không phát sinh trường hợp ({totals})");
            }
            let verb = match r.indicator.direction {
                Some(Direction::AtMost) => "là",
                _ => "đạt",
            };
            let value = with_unit(&result_text(r), unit);
            format!("{name}: {totals}, {}", tail(&format!("{verb} {value}")))
        }
        Measure::Count => {
            let value = with_unit(&result_text(r), unit);
            format!("{name}: toàn {area} {}", tail(&value))
        }
        Measure::Qualitative => {
            let done = r
                .sources
                .iter()
                .filter(|s| matches!(s.value, FigureValue::Done(true)))
                .count();
            let all = r.sources.len();
            if done == all {
                format!("{name}: {all}/{all} đơn vị báo cáo đã thực hiện, đạt kế hoạch")
            } else {
                format!("{name}: {done}/{all} đơn vị báo cáo đã thực hiện, chưa đạt kế hoạch")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(unit: &str, text: &str) -> Attributed {
        Attributed {
            unit: unit.into(),
            text: text.into(),
        }
    }

    /// A result of `value` (in `unit`, by `measure`) without sources.
    fn result(measure: Measure, unit: &str, value: f64) -> IndicatorResult {
        IndicatorResult {
            indicator: crate::data::indicator::Indicator {
                id: "X".into(),
                name: "x".into(),
                objective: 1,
                measure,
                target: Some(1.0),
                unit: unit.into(),
                direction: Some(Direction::AtLeast),
                factor: 100.0,
                upper_id: None,
                numerator_label: None,
                denominator_label: None,
                count_unit: None,
            },
            numerator: 0.0,
            denominator: 0.0,
            value: Some(value),
            done: None,
            evaluation: Evaluation::Met,
            sources: Vec::new(),
        }
    }

    #[test]
    fn compared_with_last_year_in_points_units_and_relative_change() {
        let n = PreviousValue::Number;
        let c = |m, u, now, before| compared_with(&result(m, u, now), n(before), 2024);
        assert_eq!(
            c(Measure::Ratio, "%", 41.7, 38.5).as_deref(),
            Some("tăng 3,2 điểm % so với năm 2024")
        );
        assert_eq!(
            c(Measure::Ratio, "‰", 1.0, 2.5).as_deref(),
            Some("giảm 1,5 điểm ‰ so với năm 2024")
        );
        // Equal once rounded as printed (41,66 → 41,7).
        assert_eq!(
            c(Measure::Ratio, "%", 41.7, 41.66).as_deref(),
            Some("bằng năm 2024")
        );
        assert_eq!(
            c(Measure::Ratio, "lần", 1.4, 0.8).as_deref(),
            Some("tăng 0,6 lần so với năm 2024")
        );
        assert_eq!(
            c(Measure::Count, "người", 45.0, 40.0).as_deref(),
            Some("tăng 5 người (12,5%) so với năm 2024")
        );
        assert_eq!(
            c(Measure::Count, "", 3.0, 0.0).as_deref(),
            Some("tăng 3 so với năm 2024")
        );
        // No comparison without a number: qualitative, or last year done/not done.
        assert_eq!(c(Measure::Qualitative, "", 1.0, 1.0), None);
        let r = result(Measure::Ratio, "%", 50.0);
        assert_eq!(compared_with(&r, PreviousValue::Done(true), 2024), None);
        // Without a result this year.
        let mut r = result(Measure::Ratio, "%", 50.0);
        r.value = None;
        assert_eq!(compared_with(&r, n(40.0), 2024), None);
    }

    #[test]
    fn one_item_per_unit_duplicates_once_same_texts_together() {
        let items = per_unit(
            &[
                at("A", "Làm việc một."),
                at("B", "Làm việc hai"),
                at("A", "làm  việc một"),
                at("A", "Làm việc ba;"),
                at("C", "Làm việc hai."),
            ],
            &[],
        );
        assert_eq!(items.len(), 2);
        assert_eq!(items[0].don_vi, "A");
        assert_eq!(items[0].noi_dung, "Làm việc một. Làm việc ba");
        assert_eq!(items[1].don_vi, "B, C");
        assert_eq!(items[1].noi_dung, "Làm việc hai");
    }
}
