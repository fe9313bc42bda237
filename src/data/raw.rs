//! Raw YAML structs: a 1:1 mirror of the files, Vietnamese keys, `deny_unknown_fields`.
//!
//! Nothing here is validated beyond types; [`crate::data`] turns these into domain records.
//! Every text value is a [`Text`] (codes a [`Code`]), cleaned as it is read.
//! The same structs are serialized into the template context, so templates see the YAML keys.

use std::fmt;

use serde::de::{self, Deserializer, SeqAccess, Visitor};
use serde::{Deserialize, Serialize};

use crate::model::text::{clean, Code, Text};

/// Dòng — text given either as one string (lines separated by newlines) or as a list of lines.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(transparent)]
pub struct Lines(pub Vec<Text>);

impl<'de> Deserialize<'de> for Lines {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Lines;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string or a sequence of strings")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Lines, E> {
                // Cleaned lines of a clean text are clean: no second pass over each line.
                Ok(Lines(
                    clean(v)
                        .lines()
                        .map(str::trim)
                        .filter(|l| !l.is_empty())
                        .map(|l| Text::from_clean(l.to_string()))
                        .collect(),
                ))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Lines, A::Error> {
                let mut out = Vec::new();
                while let Some(s) = seq.next_element::<Text>()? {
                    let t = s.trim();
                    if t.len() == s.len() {
                        if !t.is_empty() {
                            out.push(s);
                        }
                    } else if !t.is_empty() {
                        out.push(Text::from_clean(t.to_string()));
                    }
                }
                Ok(Lines(out))
            }
        }
        d.deserialize_any(V)
    }
}

/// A scalar that may be written as a number or a string (`ngay_ban_hanh: 2025`, `ma: 1`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct Scalar(pub Text);

impl<'de> Deserialize<'de> for Scalar {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Scalar;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string or a number")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Scalar, E> {
                Ok(Scalar(Text::from_clean(clean(v).trim().to_string())))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Scalar, E> {
                Ok(Scalar(Text::new(v.to_string())))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Scalar, E> {
                Ok(Scalar(Text::new(v.to_string())))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Scalar, E> {
                Ok(Scalar(Text::new(v.to_string())))
            }
        }
        d.deserialize_any(V)
    }
}

/// Cơ quan — the agency block of the header's left column.
#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawAgency {
    /// Cơ quan chủ quản — parent agency line(s), optional, e.g. `UBND THÀNH PHỐ KON TUM`.
    #[serde(default)]
    pub chu_quan: Lines,
    /// Cơ quan ban hành — issuing agency line(s), e.g. `[ỦY BAN NHÂN DÂN, PHƯỜNG NGUYỄN TRÃI]`.
    pub ban_hanh: Lines,
    /// Tiêu đề bên phải — a custom right-hand header instead of Quốc hiệu + Tiêu ngữ, for a mass
    /// organisation or Party body, e.g. `ĐẢNG CỘNG SẢN VIỆT NAM`.
    #[serde(default)]
    pub tieu_de_phai: Option<Text>,
}

/// Chữ ký — the signature block.
#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawSignature {
    /// Quyền hạn ký — authority lines, e.g. `[TM. ỦY BAN NHÂN DÂN, KT. CHỦ TỊCH]`; may be empty.
    #[serde(default)]
    pub quyen_han: Lines,
    /// Chức vụ — the signer's own title, e.g. `PHÓ CHỦ TỊCH`.
    pub chuc_vu: Text,
    /// Người ký — the signer's full name, e.g. `Trần Thị Long`.
    pub nguoi_ky: Text,
}

/// Cách tính chỉ tiêu — how an indicator's result is computed from raw figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RawMeasure {
    /// Tỷ lệ — Σ tử số / Σ mẫu số × hệ số (100 for %, 1000 for ‰).
    TyLe,
    /// Số lượng — a count; unit figures are summed.
    SoLuong,
    /// Định tính — qualitative: done / not done.
    DinhTinh,
}

/// Hướng chỉ tiêu — which side of the target meets it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RawDirection {
    /// Tối thiểu — at least the target (≥).
    ToiThieu,
    /// Tối đa — at most the target (≤).
    ToiDa,
    /// Bằng — exactly the target.
    Bang,
}

/// Chỉ tiêu — one measurable indicator of the plan.
#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawIndicator {
    /// Mã chỉ tiêu — stable id used by unit reports, e.g. `MT2.CT1`.
    pub ma: Code,
    /// Tên chỉ tiêu — short name for tables.
    pub ten: Text,
    /// Cách tính — `ty_le`, `so_luong` or `dinh_tinh`.
    pub cach_tinh: RawMeasure,
    /// Kế hoạch — the target value (number), absent for `dinh_tinh`.
    #[serde(default)]
    pub ke_hoach: Option<f64>,
    /// Đơn vị tính — unit of the target: `%`, `‰`, `lần`, `tin, bài/quý`, …
    #[serde(default)]
    pub don_vi_tinh: Text,
    /// Hướng — `toi_thieu`, `toi_da` or `bang`; absent for `dinh_tinh`.
    #[serde(default)]
    pub huong: Option<RawDirection>,
    /// Hệ số — multiplier of a `ty_le` (default from the unit: % → 100, ‰ → 1000, else 1).
    #[serde(default)]
    pub he_so: Option<f64>,
    /// Mã cấp trên — the code of the matching indicator in the higher level's plan, under which
    /// the consolidated figures are exported (`consolidate --export`), e.g. `TP.MT2.CT1`.
    #[serde(default)]
    pub ma_cap_tren: Option<Code>,
    /// Tử số đếm gì — what the numerator of a `ty_le` counts, e.g. `Số cán bộ lãnh đạo, quản lý
    /// là nữ`; labels the form's column and the report's figures.
    #[serde(default)]
    pub tu_so: Option<Text>,
    /// Mẫu số đếm gì — what the denominator of a `ty_le` counts, e.g. `Tổng số cán bộ lãnh đạo,
    /// quản lý`.
    #[serde(default)]
    pub mau_so: Option<Text>,
    /// Đơn vị đếm — the unit both figures of a `ty_le` are counted in, e.g. `người`, `tiết`.
    #[serde(default)]
    pub don_vi_dem: Option<Text>,
}

/// Nội dung mục tiêu — one line of an objective, as written in the plan, with its indicators.
#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawObjectiveItem {
    /// Văn bản — the sentence as written (rich text: `*nghiêng*`, `[^1]` allowed).
    pub van_ban: Text,
    /// Chỉ tiêu — the indicators this sentence sets.
    #[serde(default)]
    pub chi_tieu: Vec<RawIndicator>,
}

/// Mục tiêu — one objective of the plan (section II).
#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawObjective {
    /// Tiêu đề — heading after the number, e.g. `Mục tiêu 1: Trong lĩnh vực chính trị:`.
    pub tieu_de: Text,
    /// Nội dung — the lines of the objective.
    pub noi_dung: Vec<RawObjectiveItem>,
}

/// Nhóm nhiệm vụ — tasks and solutions for one objective (section III).
#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawTaskGroup {
    /// Tiêu đề — heading after the number, e.g. `Mục tiêu 1: Trong lĩnh vực chính trị.`.
    pub tieu_de: Text,
    /// Việc — the tasks (rich text), one paragraph each, printed after `- `.
    pub viec: Vec<Text>,
}

/// Phân công — one party's responsibilities (section V).
#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawAssignment {
    /// Đơn vị — the party, e.g. `Công chức Văn hóa – Xã hội phụ trách LĐTĐXH phường`.
    pub don_vi: Text,
    /// Nội dung — text following the colon on the same line (rich text).
    #[serde(default)]
    pub noi_dung: Option<Text>,
    /// Nhiệm vụ — tasks listed below, each printed after `- ` (rich text).
    #[serde(default)]
    pub nhiem_vu: Vec<Text>,
}

/// Kế hoạch — a plan file (`data/ke-hoach-2025.yaml`).
#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawPlan {
    /// Loại văn bản — optional; when given it must name Kế hoạch (`ke_hoach`, `Kế hoạch`, `KH`).
    #[serde(default)]
    pub loai: Option<Text>,
    /// Cơ quan — header agency block.
    pub co_quan: RawAgency,
    /// Số, ký hiệu — `62/KH-UBND`, or `/KH-UBND` for a draft without number.
    pub so_ky_hieu: Text,
    /// Địa danh — place name, e.g. `Nguyễn Trãi`.
    pub dia_danh: Text,
    /// Ngày ban hành — `2025-04-02`, `02/4/2025`, or only the year `2025` for a draft.
    pub ngay_ban_hanh: Scalar,
    /// Trích yếu — subject line(s).
    pub trich_yeu: Lines,
    /// Mở đầu — opening paragraph(s) (rich text), before section I.
    pub mo_dau: Lines,
    /// Chú thích — footnotes: label → text (rich text), referenced as `[^label]`.
    #[serde(default)]
    pub chu_thich: indexmap_like::OrderedMap,
    /// Mục đích — purposes (section I.1), one paragraph each after `- `.
    pub muc_dich: Vec<Text>,
    /// Yêu cầu — requirements (section I.2), text after the colon.
    pub yeu_cau: Text,
    /// Mục tiêu — objectives with indicators (section II).
    pub muc_tieu: Vec<RawObjective>,
    /// Nhiệm vụ, giải pháp — tasks per objective (section III).
    pub nhiem_vu: Vec<RawTaskGroup>,
    /// Thời gian thực hiện (section IV.1).
    pub thoi_gian: Text,
    /// Kinh phí thực hiện (section IV.2).
    pub kinh_phi: Text,
    /// Tổ chức thực hiện — responsibilities (section V).
    pub to_chuc_thuc_hien: Vec<RawAssignment>,
    /// Kết luận — closing paragraph(s) (rich text), ending with `./.`.
    pub ket_luan: Lines,
    /// Nơi nhận — recipient lines, without `- ` and final `;`; the last is `Lưu: VT, …`.
    pub noi_nhan: Lines,
    /// Chữ ký — the signature block.
    pub ky: RawSignature,
}

/// The top-level keys of a plan file, for "did you mean" hints.
pub const PLAN_FIELDS: &[&str] = &[
    "loai",
    "co_quan",
    "so_ky_hieu",
    "dia_danh",
    "ngay_ban_hanh",
    "trich_yeu",
    "mo_dau",
    "chu_thich",
    "muc_dich",
    "yeu_cau",
    "muc_tieu",
    "nhiem_vu",
    "thoi_gian",
    "kinh_phi",
    "to_chuc_thuc_hien",
    "ket_luan",
    "noi_nhan",
    "ky",
];

pub(crate) mod indexmap_like {
    //! An insertion-ordered map of footnote label → text whose keys may be numbers in YAML.

    use std::fmt;

    use serde::de::{Deserializer, MapAccess, Visitor};
    use serde::ser::{SerializeMap, Serializer};
    use serde::{Deserialize, Serialize};

    use super::Scalar;
    use crate::model::Text;

    /// Label → text, in file order.
    #[derive(Debug, Clone, Default, PartialEq)]
    pub struct OrderedMap(pub Vec<(Text, Text)>);

    impl<'de> Deserialize<'de> for OrderedMap {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            struct V;
            impl<'de> Visitor<'de> for V {
                type Value = OrderedMap;
                fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                    f.write_str("a map of label: text")
                }
                fn visit_map<A: MapAccess<'de>>(self, mut m: A) -> Result<OrderedMap, A::Error> {
                    let mut out = Vec::new();
                    while let Some((k, v)) = m.next_entry::<Scalar, Text>()? {
                        out.push((k.0, v));
                    }
                    Ok(OrderedMap(out))
                }
            }
            d.deserialize_map(V)
        }
    }

    impl Serialize for OrderedMap {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            let mut m = s.serialize_map(Some(self.0.len()))?;
            for (k, v) in &self.0 {
                m.serialize_entry(k, v)?;
            }
            m.end()
        }
    }
}
