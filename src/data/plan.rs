//! Kế hoạch — loading and validating a plan file.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use crate::data::indicator::{default_factor, Indicator, Measure};
use crate::data::raw::{RawPlan, PLAN_FIELDS};
use crate::data::{frame, lint, Checker};
use crate::diag::{Diagnostics, Warned};
use crate::model::{DocumentKind, Frame, Text};

/// Kế hoạch — a validated plan.
#[derive(Debug, Clone)]
pub struct Plan {
    /// The administrative frame.
    pub frame: Frame,
    /// The file's content, cleaned: the template context for the body.
    pub raw: RawPlan,
    /// Chỉ tiêu — every indicator, in plan order.
    pub indicators: Vec<Indicator>,
    /// The file it was read from (for messages about the plan as a whole).
    pub path: PathBuf,
}

impl Plan {
    /// The indicator with id `id`.
    pub fn indicator(&self, id: &str) -> Option<&Indicator> {
        self.indicators.iter().find(|i| i.id == id)
    }
}

/// Read, parse and validate a plan file.
pub(crate) fn load_plan(path: &Path) -> Result<Warned<Plan>, Diagnostics> {
    crate::data::load_with(path, PLAN_FIELDS, validate_plan)
}

/// Optional values left empty are treated as absent (H08): blank items of the paragraph lists
/// and an empty `noi_dung` leave no empty paragraph and no dangling `- ` or `:`.
fn drop_blank_items(raw: &mut RawPlan) {
    let keep = |v: &mut Vec<Text>| v.retain(|t| !t.trim().is_empty());
    keep(&mut raw.muc_dich);
    for g in &mut raw.nhiem_vu {
        keep(&mut g.viec);
    }
    for o in &mut raw.muc_tieu {
        o.noi_dung
            .retain(|item| !item.van_ban.trim().is_empty() || !item.chi_tieu.is_empty());
    }
    // A footnote is one paragraph in Markdown (a blank line would end the definition and
    // move the rest into the body): a blank line inside its text becomes a line break.
    for (_, text) in &mut raw.chu_thich.0 {
        if text.lines().any(|l| l.trim().is_empty()) {
            let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
            *text = Text::new(lines.join("\n"));
        }
    }
    for a in &mut raw.to_chuc_thuc_hien {
        keep(&mut a.nhiem_vu);
        if a.noi_dung.as_deref().is_some_and(|t| t.trim().is_empty()) {
            a.noi_dung = None;
        }
    }
}

/// The rich-text fields of a plan (Markdown emphasis and `[^label]` allowed), with their paths.
pub(crate) fn rich_fields(p: &RawPlan) -> Vec<(String, &str)> {
    let mut v: Vec<(String, &str)> = Vec::new();
    for (i, l) in p.mo_dau.0.iter().enumerate() {
        v.push((format!("mo_dau[{i}]"), l));
    }
    for (k, t) in &p.chu_thich.0 {
        v.push((format!("chu_thich.{k}"), t));
    }
    for (i, t) in p.muc_dich.iter().enumerate() {
        v.push((format!("muc_dich[{i}]"), t));
    }
    v.push(("yeu_cau".into(), &p.yeu_cau));
    for (i, o) in p.muc_tieu.iter().enumerate() {
        for (j, item) in o.noi_dung.iter().enumerate() {
            v.push((
                format!("muc_tieu[{i}].noi_dung[{j}].van_ban"),
                &item.van_ban,
            ));
        }
    }
    for (i, g) in p.nhiem_vu.iter().enumerate() {
        for (j, t) in g.viec.iter().enumerate() {
            v.push((format!("nhiem_vu[{i}].viec[{j}]"), t));
        }
    }
    v.push(("thoi_gian".into(), &p.thoi_gian));
    v.push(("kinh_phi".into(), &p.kinh_phi));
    for (i, a) in p.to_chuc_thuc_hien.iter().enumerate() {
        if let Some(t) = &a.noi_dung {
            v.push((format!("to_chuc_thuc_hien[{i}].noi_dung"), t));
        }
        for (j, t) in a.nhiem_vu.iter().enumerate() {
            v.push((format!("to_chuc_thuc_hien[{i}].nhiem_vu[{j}]"), t));
        }
    }
    for (i, l) in p.ket_luan.0.iter().enumerate() {
        v.push((format!("ket_luan[{i}]"), l));
    }
    v
}

/// The footnote labels referenced as `[^label]` in `text`.
pub(crate) fn footnote_refs(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(i) = rest.find("[^") {
        let after = &rest[i + 2..];
        match after.find(']') {
            Some(j) if j > 0 && !after[..j].contains(char::is_whitespace) => {
                out.push(&after[..j]);
                rest = &after[j + 1..];
            }
            _ => rest = after,
        }
    }
    out
}

/// Check footnote references against the definitions in `chu_thich`, and lint typos.
pub(crate) fn check_rich_text(
    c: &mut Checker<'_>,
    fields: &[(String, &str)],
    notes: &[(Text, Text)],
) {
    let defined: BTreeSet<&str> = notes.iter().map(|(k, _)| k.as_str()).collect();
    let mut used = BTreeSet::new();
    for (field, text) in fields {
        for label in footnote_refs(text) {
            used.insert(label.to_string());
            if !defined.contains(label) {
                c.error(
                    field,
                    format!("chú thích `[^{label}]` chưa được định nghĩa"),
                    format!("thêm `{label}: <nội dung chú thích>` vào mục `chu_thich`"),
                );
            }
        }
        for (typed, meant) in lint::typos(text) {
            c.warn(
                field,
                format!("{}: «{typed}» (ý là «{meant}»?)", lint::TYPO_MESSAGE),
                "văn bản được giữ nguyên như dữ liệu; sửa trong tệp YAML nếu đúng là lỗi gõ",
            );
        }
    }
    for (label, text) in notes {
        if text.trim().is_empty() {
            c.error(
                &format!("chu_thich.{label}"),
                format!("chú thích `{label}` không có nội dung"),
                format!("ghi nội dung chú thích sau `{label}:`, hoặc xóa chú thích này và chỗ `[^{label}]`"),
            );
        }
        if let Some(inner) = footnote_refs(text).first() {
            c.error(
                &format!("chu_thich.{label}"),
                format!("chú thích `{label}` chứa chỗ gọi chú thích khác `[^{inner}]`: Word không có chú thích lồng nhau"),
                format!("bỏ `[^{inner}]` khỏi nội dung chú thích `{label}`, hoặc viết thẳng nội dung cần dẫn"),
            );
        }
        let bad_label = label.is_empty()
            || !label
                .chars()
                .all(|ch| ch.is_alphanumeric() || ch == '-' || ch == '_');
        if !used.contains(label.as_str()) && !bad_label {
            c.warn(
                &format!("chu_thich.{label}"),
                format!("chú thích `{label}` không được dùng ở đâu"),
                format!("thêm `[^{label}]` vào chỗ cần chú thích, hoặc xóa chú thích này"),
            );
        }
        if bad_label {
            c.error(
                &format!("chu_thich.{label}"),
                format!("nhãn chú thích `{label}` không hợp lệ"),
                "nhãn chỉ gồm chữ, số, `-` hoặc `_`, ví dụ `1`",
            );
        }
    }
}

/// Validate a raw plan into a [`Plan`], recording every problem in `c`.
pub fn validate_plan(c: &mut Checker<'_>, mut raw: RawPlan) -> Plan {
    let kind = DocumentKind::Plan;
    frame::check_kind(
        c,
        raw.loai.as_deref(),
        kind,
        "kế hoạch (có `muc_tieu` và `nhiem_vu`)",
    );
    drop_blank_items(&mut raw);
    c.require("yeu_cau", &raw.yeu_cau, "nội dung yêu cầu");
    c.require("thoi_gian", &raw.thoi_gian, "thời gian thực hiện");
    c.require("kinh_phi", &raw.kinh_phi, "kinh phí thực hiện");
    for (i, o) in raw.muc_tieu.iter().enumerate() {
        c.require(
            &format!("muc_tieu[{i}].tieu_de"),
            &o.tieu_de,
            "tiêu đề mục tiêu",
        );
    }
    for (i, g) in raw.nhiem_vu.iter().enumerate() {
        c.require(
            &format!("nhiem_vu[{i}].tieu_de"),
            &g.tieu_de,
            "tiêu đề nhóm nhiệm vụ",
        );
    }
    for (i, a) in raw.to_chuc_thuc_hien.iter().enumerate() {
        c.require(
            &format!("to_chuc_thuc_hien[{i}].don_vi"),
            &a.don_vi,
            "tên đơn vị",
        );
    }
    let head = frame::head(
        c,
        kind,
        &raw.co_quan,
        &raw.so_ky_hieu,
        Some(&*raw.dia_danh),
        &raw.ngay_ban_hanh.0,
    );
    if raw.trich_yeu.0.is_empty() {
        c.error(
            "trich_yeu",
            "thiếu trích yếu",
            "ghi trích yếu nội dung kế hoạch",
        );
    } else if raw.trich_yeu.0.iter().all(|l| l == &l.to_uppercase()) {
        c.warn(
            "trich_yeu",
            "trích yếu viết in hoa toàn bộ",
            "NĐ 30/2020 (Phụ lục I, II.5): trích yếu viết chữ in thường, chỉ viết hoa chữ cái đầu",
        );
    }
    let recipients = frame::recipients(c, &raw.noi_nhan, "noi_nhan", None);
    let signature = frame::signature(c, &raw.ky, "ky");

    // Indicators: ids unique, targets and directions present where needed.
    let mut indicators = Vec::new();
    let mut seen = BTreeSet::new();
    // Mã cấp trên → the first indicator that claimed it: one figure per code at the higher level.
    let mut upper_seen: BTreeMap<String, String> = BTreeMap::new();
    for (i, o) in raw.muc_tieu.iter().enumerate() {
        for (j, item) in o.noi_dung.iter().enumerate() {
            for (k, ind) in item.chi_tieu.iter().enumerate() {
                let f = format!("muc_tieu[{i}].noi_dung[{j}].chi_tieu[{k}]");
                let id = ind.ma.trim().to_string();
                if id.is_empty() {
                    c.error(
                        &format!("{f}.ma"),
                        "mã chỉ tiêu đang để trống",
                        "đặt mã ngắn, ví dụ `MT1.CT1`",
                    );
                } else if !seen.insert(id.clone()) {
                    c.error(
                        &format!("{f}.ma"),
                        format!("mã chỉ tiêu `{id}` bị trùng"),
                        "mỗi chỉ tiêu cần một mã riêng; báo cáo đơn vị dùng mã này để báo số liệu",
                    );
                }
                let measure = Measure::from(ind.cach_tinh);
                if measure != Measure::Qualitative {
                    if ind.ke_hoach.is_none() {
                        c.error(
                            &format!("{f}.ke_hoach"),
                            format!("chỉ tiêu `{id}` thiếu giá trị kế hoạch"),
                            "thêm `ke_hoach: <số>`, ví dụ `ke_hoach: 50`",
                        );
                    }
                    if ind.huong.is_none() {
                        c.error(
                            &format!("{f}.huong"),
                            format!("chỉ tiêu `{id}` thiếu hướng đánh giá"),
                            "thêm `huong: toi_thieu` (≥), `toi_da` (≤) hoặc `bang` (=)",
                        );
                    }
                }
                let said = |t: &Option<Text>| {
                    t.as_ref()
                        .map(|t| crate::model::format::one_line(t))
                        .filter(|t| !t.is_empty())
                };
                let counts = [
                    ("tu_so", said(&ind.tu_so)),
                    ("mau_so", said(&ind.mau_so)),
                    ("don_vi_dem", said(&ind.don_vi_dem)),
                ];
                if measure != Measure::Ratio {
                    for (key, _) in counts.iter().filter(|(_, v)| v.is_some()) {
                        c.error(
                            &format!("{f}.{key}"),
                            format!("`{key}` chỉ dùng cho chỉ tiêu tỷ lệ (`cach_tinh: ty_le`), chỉ tiêu `{id}` không phải tỷ lệ"),
                            "xóa dòng này, hoặc sửa `cach_tinh` thành `ty_le`",
                        );
                    }
                }
                let [(_, numerator_label), (_, denominator_label), (_, count_unit)] = counts;
                let upper_id = ind.ma_cap_tren.as_ref().map(|m| m.trim().to_string());
                match upper_id.as_deref() {
                    Some("") => c.error(
                        &format!("{f}.ma_cap_tren"),
                        format!("mã cấp trên của chỉ tiêu `{id}` đang để trống"),
                        "ghi mã của chỉ tiêu tương ứng trong kế hoạch của cấp trên, hoặc bỏ dòng `ma_cap_tren`",
                    ),
                    Some(u) => {
                        if let Some(first) = upper_seen.get(u) {
                            c.error(
                                &format!("{f}.ma_cap_tren"),
                                format!(
                                    "chỉ tiêu `{id}` và chỉ tiêu `{first}` cùng ghi mã cấp trên `{u}`"
                                ),
                                "mỗi chỉ tiêu của cấp trên nhận số liệu của một chỉ tiêu: sửa một trong hai mã",
                            );
                        } else {
                            upper_seen.insert(u.to_string(), id.clone());
                        }
                    }
                    None => {}
                }
                indicators.push(Indicator {
                    id,
                    name: ind.ten.trim().to_string(),
                    objective: i + 1,
                    measure,
                    target: ind.ke_hoach,
                    unit: ind.don_vi_tinh.trim().to_string(),
                    direction: ind.huong.map(Into::into),
                    factor: ind
                        .he_so
                        .unwrap_or_else(|| default_factor(&ind.don_vi_tinh)),
                    upper_id: upper_id.filter(|u| !u.is_empty()),
                    numerator_label,
                    denominator_label,
                    count_unit,
                });
            }
        }
    }
    let fields = rich_fields(&raw);
    check_rich_text(c, &fields, &raw.chu_thich.0);

    let frame = head.into_frame(&raw.trich_yeu, Vec::new(), recipients, signature);
    Plan {
        frame,
        raw,
        indicators,
        path: c.source.path.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::footnote_refs;

    #[test]
    fn finds_footnote_labels() {
        assert_eq!(footnote_refs("a[^1] b [^x-2]. [^ no]"), vec!["1", "x-2"]);
    }
}
