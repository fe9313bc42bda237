//! Xuất số liệu lên cấp trên — the consolidated figures as a unit report of the higher level.
//!
//! A ward (or any consolidating body) is itself one unit of the level above (thành phố, tỉnh —
//! named by the data, never here). [`export`] writes its consolidated figures as that level's
//! unit report (`báo cáo đơn vị`, the same keys as `data/bao-cao/*.yaml`), so the higher level
//! consolidates its wards' files exactly as a ward consolidates its units:
//!
//! - the unit is the envelope's `cap_tren.don_vi` (its code at the higher level: the file's
//!   name), the frame (cơ quan, số, ký hiệu, ngày, Kính gửi, trích yếu, Nơi nhận, chữ ký) is
//!   the envelope's as written, `ngay_nop` is `cap_tren.ngay_nop` or the envelope's date;
//! - one figure per indicator of the plan with `ma_cap_tren`, under that code: Σ tử số and
//!   Σ mẫu số (tỷ lệ), Σ số lượng (số lượng) — never a percentage, so the higher level's
//!   Σ / Σ over the wards equals its Σ / Σ over all their units; định tính: `hoan_thanh` when
//!   every reporting unit has done it (the ward's own evaluation), which over the wards is
//!   again "every unit has done it";
//! - each figure lists the units it sums with their own figures (`nguon`), which the reader
//!   checks against the total (`report::validate_parts`) and the higher level's appendix names;
//! - indicators without `ma_cap_tren` are left out, named in one warning; indicators no unit
//!   reported are left out (the higher level sees no figure from this ward, as it would see
//!   none from its units);
//! - narrative (kết quả, hoạt động, khó khăn, đề xuất) is not exported: the objectives of the
//!   higher plan are numbered differently, and the consolidated .docx carries it.
//!
//! The file is serialised with yaml_serde from typed structs (no string building of data); a
//! comment header in Vietnamese is prepended. It is read back with the unit report's raw
//! struct before it is returned (a self-check, like the .docx writer's).

use serde::Serialize;

use crate::consolidate::{Consolidated, Status};
use crate::data::envelope::Envelope;
use crate::data::report::{sum_parts, FigureValue, Part, RawUnitReport, UNIT_REPORT_FIELDS};
use crate::data::Plan;
use crate::diag::{Diagnostic, Diagnostics, Location, Warned};

/// Số — a figure as written: a whole number without `.0`, otherwise the shortest decimal that
/// reads back as the same `f64`.
#[derive(Debug, Clone, Copy, Serialize)]
#[serde(untagged)]
enum Number {
    Whole(i64),
    Decimal(f64),
}

impl From<f64> for Number {
    fn from(x: f64) -> Number {
        // Figures are validated as non-negative and at most 2^53: exact as i64.
        if x.fract() == 0.0 && x.abs() <= 9_007_199_254_740_992.0 {
            Number::Whole(x as i64)
        } else {
            Number::Decimal(x)
        }
    }
}

/// Đơn vị — `{ ma, ten }`.
#[derive(Debug, Serialize)]
struct OutUnit<'a> {
    ma: &'a str,
    ten: &'a str,
}

/// Cơ quan — as in the envelope, empty keys left out.
#[derive(Debug, Serialize)]
struct OutAgency<'a> {
    #[serde(skip_serializing_if = "Vec::is_empty")]
    chu_quan: Vec<&'a str>,
    ban_hanh: Vec<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    tieu_de_phai: Option<&'a str>,
}

/// Chữ ký.
#[derive(Debug, Serialize)]
struct OutSignature<'a> {
    #[serde(skip_serializing_if = "Vec::is_empty")]
    quyen_han: Vec<&'a str>,
    chuc_vu: &'a str,
    nguoi_ky: &'a str,
}

/// The figure fields of one measure (`tu_so` + `mau_so`, `so_luong` or `hoan_thanh`).
#[derive(Debug, Default, Serialize)]
struct OutValue {
    #[serde(skip_serializing_if = "Option::is_none")]
    tu_so: Option<Number>,
    #[serde(skip_serializing_if = "Option::is_none")]
    mau_so: Option<Number>,
    #[serde(skip_serializing_if = "Option::is_none")]
    so_luong: Option<Number>,
    #[serde(skip_serializing_if = "Option::is_none")]
    hoan_thanh: Option<bool>,
}

impl From<FigureValue> for OutValue {
    fn from(v: FigureValue) -> OutValue {
        match v {
            FigureValue::Ratio {
                numerator,
                denominator,
            } => OutValue {
                tu_so: Some(numerator.into()),
                mau_so: Some(denominator.into()),
                ..OutValue::default()
            },
            FigureValue::Count(n) => OutValue {
                so_luong: Some(n.into()),
                ..OutValue::default()
            },
            FigureValue::Done(b) => OutValue {
                hoan_thanh: Some(b),
                ..OutValue::default()
            },
        }
    }
}

/// Nguồn — one unit summed, with its own figure.
#[derive(Debug, Serialize)]
struct OutPart<'a> {
    ma: &'a str,
    ten: &'a str,
    #[serde(flatten)]
    value: OutValue,
}

/// Số liệu — one figure under the higher level's code.
#[derive(Debug, Serialize)]
struct OutFigure<'a> {
    ma: &'a str,
    #[serde(flatten)]
    value: OutValue,
    nguon: Vec<OutPart<'a>>,
}

/// Báo cáo đơn vị of the higher level.
#[derive(Debug, Serialize)]
struct OutReport<'a> {
    don_vi: OutUnit<'a>,
    co_quan: OutAgency<'a>,
    so_ky_hieu: &'a str,
    dia_danh: &'a str,
    ngay_ban_hanh: &'a str,
    ngay_nop: String,
    kinh_gui: Vec<&'a str>,
    trich_yeu: Vec<&'a str>,
    noi_nhan: Vec<&'a str>,
    ky: OutSignature<'a>,
    so_lieu: Vec<OutFigure<'a>>,
}

fn strs(l: &crate::data::raw::Lines) -> Vec<&str> {
    l.0.iter().map(|t| t.as_ref()).collect()
}

/// The export of consolidation `c` (of `plan`, with `envelope`): the YAML bytes of a unit
/// report of the higher level, with the warnings (indicators left out).
///
/// Errors (located): the envelope has no `cap_tren` or no Kính gửi, `cap_tren` has no date,
/// no indicator of the plan has `ma_cap_tren`.
pub(crate) fn export(
    plan: &Plan,
    envelope: &Envelope,
    c: &Consolidated,
) -> Result<Warned<Vec<u8>>, Diagnostics> {
    let Some(upper) = &envelope.upper else {
        return Err(Diagnostic::error(
            Location::file(&envelope.path),
            "chưa có thông tin cấp trên (`cap_tren`) để xuất số liệu",
        )
        .with_field("cap_tren")
        .with_hint(
            "thêm vào tệp thông tin báo cáo tổng hợp:\n  cap_tren:\n    don_vi: { ma: \"phuong-nguyen-trai\", ten: \"Phường Nguyễn Trãi\" }   # mã, tên của phường trong danh sách của cấp trên",
        )
        .into());
    };
    let mut errors = Diagnostics::new();
    let Some(submitted) = upper.submitted else {
        return Err(Diagnostic::error(
            upper.at.clone(),
            "số liệu gửi cấp trên cần ngày nộp, mà báo cáo tổng hợp chưa có ngày ban hành",
        )
        .with_field("cap_tren.ngay_nop")
        .with_hint(
            "ghi `ngay_nop: 2025-12-12` trong `cap_tren`, hoặc ghi đủ ngày ở `ngay_ban_hanh`",
        )
        .into());
    };
    let f = &upper.frame;
    if f.kinh_gui.0.is_empty() {
        errors.push(
            Diagnostic::error(
                Location::file(&envelope.path),
                "báo cáo gửi cấp trên phải có Kính gửi",
            )
            .with_field("kinh_gui")
            .with_hint("ghi cơ quan cấp trên nhận báo cáo, ví dụ `kinh_gui: [\"Ủy ban nhân dân thành phố Kon Tum\"]`"),
        );
    }
    let mapped = plan
        .indicators
        .iter()
        .filter(|i| i.upper_id.is_some())
        .count();
    if mapped == 0 {
        errors.push(
            Diagnostic::error(
                Location::file(&plan.path),
                "không chỉ tiêu nào của kế hoạch có mã cấp trên (`ma_cap_tren`): không có số liệu để xuất",
            )
            .with_hint("ghi `ma_cap_tren: <mã chỉ tiêu trong kế hoạch của cấp trên>` cho từng chỉ tiêu cần gửi lên"),
        );
    }
    if errors.has_errors() {
        return Err(errors);
    }
    let mut warnings = Diagnostics::new();
    let left_out: Vec<&str> = plan
        .indicators
        .iter()
        .filter(|i| i.upper_id.is_none())
        .map(|i| i.id.as_str())
        .collect();
    if !left_out.is_empty() {
        warnings.push(
            Diagnostic::warning(
                Location::file(&plan.path),
                format!(
                    "{} chỉ tiêu không có mã cấp trên nên không được xuất: {}",
                    left_out.len(),
                    left_out.join(", ")
                ),
            )
            .with_hint("nếu kế hoạch của cấp trên có chỉ tiêu tương ứng, ghi `ma_cap_tren` cho chỉ tiêu đó"),
        );
    }
    // The higher level sees only the units summed (`nguon`): say which did not count.
    let absent: Vec<&str> = c
        .units
        .iter()
        .filter(|u| u.expected && matches!(u.status, Status::Missing | Status::Invalid))
        .map(|u| u.unit.name.as_str())
        .collect();
    if !absent.is_empty() {
        warnings.push(
            Diagnostic::warning(
                Location::file(&envelope.path),
                format!(
                    "số liệu gửi cấp trên chỉ gồm các đơn vị đã báo cáo; {} đơn vị chưa báo cáo hoặc có tệp lỗi không được tính: {}",
                    absent.len(),
                    absent.join(", ")
                ),
            )
            .with_hint("khi các đơn vị đó báo cáo, chạy lại lệnh để xuất lại số liệu"),
        );
    }

    // The sums, from the same sources (in unit order) as the consolidation.
    let rows: Vec<(&str, Vec<Part>)> = c
        .indicators
        .iter()
        .filter(|r| !r.sources.is_empty())
        .filter_map(|r| {
            let code = r.indicator.upper_id.as_deref()?;
            let parts = r
                .sources
                .iter()
                .map(|s| Part {
                    unit: s.unit.clone(),
                    value: s.value,
                })
                .collect();
            Some((code, parts))
        })
        .collect();
    let so_lieu = rows
        .iter()
        .map(|(code, parts)| OutFigure {
            ma: code,
            value: sum_parts(parts).into(),
            nguon: parts
                .iter()
                .map(|p| OutPart {
                    ma: &p.unit.id,
                    ten: &p.unit.name,
                    value: p.value.into(),
                })
                .collect(),
        })
        .collect();
    let report = OutReport {
        don_vi: OutUnit {
            ma: &upper.unit.id,
            ten: &upper.unit.name,
        },
        co_quan: OutAgency {
            chu_quan: strs(&f.co_quan.chu_quan),
            ban_hanh: strs(&f.co_quan.ban_hanh),
            tieu_de_phai: f.co_quan.tieu_de_phai.as_deref(),
        },
        so_ky_hieu: &f.so_ky_hieu,
        dia_danh: &f.dia_danh,
        ngay_ban_hanh: &f.ngay_ban_hanh.0,
        ngay_nop: submitted.format("%Y-%m-%d").to_string(),
        kinh_gui: strs(&f.kinh_gui),
        trich_yeu: strs(&f.trich_yeu),
        noi_nhan: strs(&f.noi_nhan),
        ky: OutSignature {
            quyen_han: strs(&f.ky.quyen_han),
            chuc_vu: &f.ky.chuc_vu,
            nguoi_ky: &f.ky.nguoi_ky,
        },
        so_lieu,
    };
    let body = serde_yaml::to_string(&report).map_err(|e| internal(envelope, e.to_string()))?;
    let text = format!(
        "{}{}",
        header(&upper.unit.name, &upper.unit.id),
        unambiguous(&body)
    );
    self_check(envelope, &text)?;
    Ok(Warned::new(text.into_bytes(), warnings))
}

/// The keys whose values are numbers ([`Number`]).
const NUMBER_KEYS: [&str; 3] = ["tu_so", "mau_so", "so_luong"];

/// A decimal such as `0.375` or `1.125` is refused by the reader as ambiguous (a Vietnamese
/// `1.125` is 1125, NĐ-style thousands dots); the serializer writes the shortest form, so such a
/// value of a number key gets one trailing zero (`1.1250`: the same `f64`, unambiguous). Only
/// plain values of [`NUMBER_KEYS`] are touched; any text value that looks like a number is
/// quoted by the serializer and never matches.
fn unambiguous(body: &str) -> String {
    let ambiguous = |v: &str| {
        v.split_once('.').is_some_and(|(whole, frac)| {
            (1..=3).contains(&whole.len())
                && frac.len() == 3
                && whole
                    .bytes()
                    .chain(frac.bytes())
                    .all(|b| b.is_ascii_digit())
        })
    };
    let mut out = String::with_capacity(body.len() + 16);
    for line in body.lines() {
        out.push_str(line);
        if let Some((key, value)) = line.split_once(": ") {
            let key = key.trim_start().trim_start_matches("- ");
            if NUMBER_KEYS.contains(&key) && ambiguous(value) {
                out.push('0');
            }
        }
        out.push('\n');
    }
    out
}

/// The comment header: what the file is and how the higher level uses it.
fn header(name: &str, id: &str) -> String {
    format!(
        "\
# =============================================================================
# SỐ LIỆU GỬI CẤP TRÊN — {name} (mã `{id}`).
# Tệp do `vanban consolidate --export` (hoặc `vanban build`) tạo từ báo cáo tổng hợp.
#
# Đây là một BÁO CÁO ĐƠN VỊ của cấp trên: cấp trên đặt tệp này vào thư mục báo cáo
# đơn vị của mình (tên tệp là mã đơn vị: {id}.yaml) và tổng hợp như mọi đơn vị.
#   so_lieu: mã chỉ tiêu là mã trong kế hoạch của cấp trên (`ma_cap_tren`);
#     tỷ lệ: tổng tử số, tổng mẫu số (không phải tỷ lệ %); số lượng: tổng số;
#     định tính: hoàn thành khi mọi đơn vị đã hoàn thành.
#   nguon: các đơn vị được cộng và số liệu của từng đơn vị; vanban kiểm tra tổng khớp.
# =============================================================================

"
    )
}

/// Read the text back as a unit report's raw struct: what the higher level's reader will do
/// first. A failure is vanban's fault, never the user's (exit 3 is for the .docx writer; this
/// is reported as an error naming the envelope, so nothing is written).
fn self_check(envelope: &Envelope, text: &str) -> Result<(), Diagnostics> {
    let source =
        crate::data::source::Source::from_text(std::path::Path::new("cap-tren.yaml"), text);
    crate::data::yaml::parse::<RawUnitReport>(&source, UNIT_REPORT_FIELDS)
        .map(|_| ())
        .map_err(|d| {
            internal(
                envelope,
                d.0.iter()
                    .map(|x| x.message.clone())
                    .collect::<Vec<_>>()
                    .join("; "),
            )
        })
}

fn internal(envelope: &Envelope, why: String) -> Diagnostics {
    Diagnostic::error(
        Location::file(&envelope.path),
        format!("lỗi nội bộ của vanban: tệp số liệu gửi cấp trên không đọc lại được ({why})"),
    )
    .with_hint("hãy báo lỗi này kèm tệp thông tin báo cáo tổng hợp")
    .into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_numbers_have_no_decimals_and_decimals_read_back_exactly() {
        let text = |x: f64| serde_yaml::to_string(&Number::from(x)).unwrap_or_default();
        assert_eq!(text(52.0), "52\n");
        assert_eq!(text(0.0), "0\n");
        let sum = 0.1 + 0.2;
        let back: f64 = serde_yaml::from_str(&text(sum)).unwrap_or_default();
        assert_eq!(back, sum);
        assert_eq!(text(1.5), "1.5\n");
    }

    #[test]
    fn three_decimals_get_a_zero_so_the_reader_does_not_take_them_for_thousands() {
        let body = "- ma: X\n  tu_so: 0.375\n  mau_so: 1.125\n  nguon:\n  - ma: a\n    ten: '1.125'\n    tu_so: 0.375\n    mau_so: 12.5\n";
        let fixed = unambiguous(body);
        assert_eq!(
            fixed,
            "- ma: X\n  tu_so: 0.3750\n  mau_so: 1.1250\n  nguon:\n  - ma: a\n    ten: '1.125'\n    tu_so: 0.3750\n    mau_so: 12.5\n"
        );
        // The reader refuses the shortest form and reads the fixed one as the same numbers.
        let read = |text: &str| {
            let source =
                crate::data::source::Source::from_text(std::path::Path::new("x.yaml"), text);
            crate::data::yaml::parse::<crate::data::report::RawFigure>(
                &source,
                &["ma", "tu_so", "mau_so", "nguon"],
            )
            .map(|p| (p.value.tu_so, p.value.mau_so))
        };
        assert!(read("ma: X\ntu_so: 0.375\nmau_so: 1\n").is_err());
        assert_eq!(
            read("ma: X\ntu_so: 0.3750\nmau_so: 1.1250\n").ok(),
            Some((Some(0.375), Some(1.125)))
        );
    }
}
