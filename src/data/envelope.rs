//! Báo cáo tổng hợp — the envelope of the consolidated report (`data/tong-hop-2025.yaml`): its own
//! number, date, Kính gửi, signer and recipients, the units expected to report and the deadline.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::data::raw::{Lines, RawAgency, RawSignature, Scalar};
use crate::data::report::{check_unit_id, RawUnit, Unit};
use crate::data::{frame, Checker};
use crate::diag::{Diagnostics, Location, Warned};
use crate::model::{DocumentKind, Frame, IssueDate, Text};

/// Báo cáo tổng hợp — the envelope file.
#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawEnvelope {
    /// Cơ quan — header agency block.
    pub co_quan: RawAgency,
    /// Số, ký hiệu — e.g. `120/BC-UBND`, or `/BC-UBND` for a draft.
    pub so_ky_hieu: Text,
    /// Địa danh — place name.
    pub dia_danh: Text,
    /// Ngày ban hành — the date, or only the year for a draft.
    pub ngay_ban_hanh: Scalar,
    /// Kính gửi — addressees above.
    pub kinh_gui: Lines,
    /// Trích yếu — subject line(s).
    pub trich_yeu: Lines,
    /// Hạn nộp — deadline for unit reports; later ones are listed as late.
    pub han_nop: Scalar,
    /// Đơn vị phải báo cáo — the units expected to report, in the order they are listed.
    pub don_vi_phai_bao_cao: Vec<RawUnit>,
    /// Mở đầu — opening paragraph(s); by default one citing the plan is written.
    #[serde(default)]
    pub mo_dau: Lines,
    /// Tên phụ lục — title of the indicator appendix.
    #[serde(default)]
    pub tieu_de_phu_luc: Option<Text>,
    /// Kết luận — closing paragraph(s), ending with `./.`.
    #[serde(default)]
    pub ket_luan: Lines,
    /// Nơi nhận — recipient lines; `Như trên` is added first; the last is `Lưu: VT, …`.
    pub noi_nhan: Lines,
    /// Chữ ký — the signature block.
    pub ky: RawSignature,
    /// Cấp trên — the body's place as a unit of the higher level, for the export of its
    /// consolidated figures (`consolidate --export`); optional.
    #[serde(default)]
    pub cap_tren: Option<RawUpperLevel>,
}

/// Cấp trên — how the consolidating body reports to the level above (thành phố, tỉnh…).
#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawUpperLevel {
    /// Đơn vị — the body as a unit of the higher level: its code there (the file name of the
    /// export) and its name, e.g. `{ ma: phuong-nguyen-trai, ten: "Phường Nguyễn Trãi" }`.
    pub don_vi: RawUnit,
    /// Ngày nộp — the date the export reaches the higher level; default `ngay_ban_hanh`.
    #[serde(default)]
    pub ngay_nop: Option<Scalar>,
    /// Xuất — `true`: `vanban build` also writes the export, `output/cap-tren/<ma>.yaml`.
    #[serde(default)]
    pub xuat: bool,
}

/// The top-level keys of an envelope file, for "did you mean" hints.
pub(crate) const ENVELOPE_FIELDS: &[&str] = &[
    "co_quan",
    "so_ky_hieu",
    "dia_danh",
    "ngay_ban_hanh",
    "kinh_gui",
    "trich_yeu",
    "han_nop",
    "don_vi_phai_bao_cao",
    "mo_dau",
    "tieu_de_phu_luc",
    "ket_luan",
    "noi_nhan",
    "ky",
    "cap_tren",
];

/// Báo cáo tổng hợp — a validated envelope.
#[derive(Debug, Clone)]
pub struct Envelope {
    /// The administrative frame of the consolidated BÁO CÁO.
    pub frame: Frame,
    /// Hạn nộp — deadline.
    pub deadline: NaiveDate,
    /// Đơn vị phải báo cáo — in the envelope's order.
    pub expected: Vec<Unit>,
    /// Mở đầu — given opening paragraphs (empty: the default).
    pub opening: Vec<String>,
    /// Tên phụ lục.
    pub appendix_title: String,
    /// Kết luận — given closing paragraphs (empty: the default).
    pub closing: Vec<String>,
    /// Cấp trên — the export to the higher level (`cap_tren`), if the envelope sets it.
    pub upper: Option<UpperLevel>,
    /// The file it was read from.
    pub path: PathBuf,
}

/// Cấp trên — the consolidating body as a unit of the higher level, with the frame of the
/// unit report it sends there (taken from the envelope as written, so that the export reads
/// back as the same document).
#[derive(Debug, Clone)]
pub struct UpperLevel {
    /// Đơn vị — its code and name at the higher level.
    pub unit: Unit,
    /// Ngày nộp — `cap_tren.ngay_nop`, else the envelope's date; `None` when neither is a full
    /// date (a draft dated by its year only): then there is no export.
    pub submitted: Option<NaiveDate>,
    /// Xuất — whether `build` writes the export.
    pub on_build: bool,
    /// Where `cap_tren` is in the envelope file, for messages about it.
    pub at: Location,
    /// The envelope's frame fields as written (cơ quan, số, ngày, Kính gửi, trích yếu, Nơi
    /// nhận, chữ ký).
    pub(crate) frame: RawEnvelopeFrame,
}

/// The frame fields of an envelope as written, reused by the export.
#[derive(Debug, Clone)]
pub(crate) struct RawEnvelopeFrame {
    /// Cơ quan — `co_quan`.
    pub co_quan: RawAgency,
    /// Số, ký hiệu — `so_ky_hieu`.
    pub so_ky_hieu: Text,
    /// Địa danh — `dia_danh`.
    pub dia_danh: Text,
    /// Ngày ban hành — `ngay_ban_hanh`, as written.
    pub ngay_ban_hanh: Scalar,
    /// Kính gửi — `kinh_gui` (the higher level's bodies).
    pub kinh_gui: Lines,
    /// Trích yếu — `trich_yeu`.
    pub trich_yeu: Lines,
    /// Nơi nhận — `noi_nhan`.
    pub noi_nhan: Lines,
    /// Chữ ký — `ky`.
    pub ky: RawSignature,
}

/// Default title of the indicator appendix.
pub(crate) const DEFAULT_APPENDIX_TITLE: &str = "KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU";

/// Read, parse and validate an envelope file.
pub(crate) fn load_envelope(path: &Path) -> Result<Warned<Envelope>, Diagnostics> {
    crate::data::load_with(path, ENVELOPE_FIELDS, validate_envelope)
}

/// Validate a raw envelope, recording every problem in `c`.
pub(crate) fn validate_envelope(c: &mut Checker<'_>, raw: RawEnvelope) -> Envelope {
    let kind = DocumentKind::Report;
    let head = frame::head(
        c,
        kind,
        &raw.co_quan,
        &raw.so_ky_hieu,
        &raw.dia_danh,
        &raw.ngay_ban_hanh.0,
    );
    let deadline = match frame::parse_date(&raw.han_nop.0) {
        Ok(d) => d,
        Err(msg) => {
            c.error(
                "han_nop",
                msg,
                "ghi hạn nộp báo cáo của các đơn vị, ví dụ `2025-12-03`",
            );
            NaiveDate::MAX
        }
    };
    if raw.trich_yeu.0.is_empty() {
        c.error(
            "trich_yeu",
            "thiếu trích yếu",
            "ví dụ: `Kết quả thực hiện công tác bình đẳng giới năm 2025`",
        );
    }
    let addressees = frame::addressees(c, &raw.kinh_gui, "kinh_gui");
    let first = (!addressees.is_empty()).then_some("Như trên");
    let recipients = frame::recipients(c, &raw.noi_nhan, "noi_nhan", first);
    let signature = frame::signature(c, &raw.ky, "ky");
    if raw.don_vi_phai_bao_cao.is_empty() {
        c.error(
            "don_vi_phai_bao_cao",
            "danh sách đơn vị phải báo cáo đang trống",
            "liệt kê từng đơn vị: `- { ma: tram-y-te, ten: \"Trạm Y tế phường\" }`",
        );
    }
    let mut seen = BTreeSet::new();
    let mut expected = Vec::new();
    for (i, u) in raw.don_vi_phai_bao_cao.iter().enumerate() {
        let id = u.ma.trim().to_string();
        check_unit_id(c, &id, &format!("don_vi_phai_bao_cao[{i}].ma"));
        c.require(
            &format!("don_vi_phai_bao_cao[{i}].ten"),
            &u.ten,
            "tên đơn vị",
        );
        if !seen.insert(id.clone()) {
            c.error(
                &format!("don_vi_phai_bao_cao[{i}].ma"),
                format!("đơn vị `{id}` được liệt kê hai lần"),
                "xóa dòng lặp",
            );
            continue;
        }
        expected.push(Unit {
            id,
            name: crate::model::format::one_line(&u.ten),
        });
    }
    let frame = head.into_frame(&raw.trich_yeu, addressees, recipients, signature);
    let upper = raw
        .cap_tren
        .as_ref()
        .map(|u| upper_level(c, u, &raw, frame.date));
    let clean = |l: &Lines| -> Vec<String> {
        l.0.iter()
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect()
    };
    Envelope {
        frame,
        deadline,
        expected,
        opening: clean(&raw.mo_dau),
        appendix_title: raw
            .tieu_de_phu_luc
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .unwrap_or(DEFAULT_APPENDIX_TITLE)
            .to_uppercase(),
        closing: clean(&raw.ket_luan),
        upper,
        path: c.source.path.clone(),
    }
}

/// Validate `cap_tren`: the unit code and name, the date the export is submitted.
fn upper_level(
    c: &mut Checker<'_>,
    u: &RawUpperLevel,
    raw: &RawEnvelope,
    date: IssueDate,
) -> UpperLevel {
    let id = u.don_vi.ma.trim().to_string();
    check_unit_id(c, &id, "cap_tren.don_vi.ma");
    c.require(
        "cap_tren.don_vi.ten",
        &u.don_vi.ten,
        "tên đơn vị ở cấp trên",
    );
    let submitted = match &u.ngay_nop {
        Some(s) => match frame::parse_date(&s.0) {
            Ok(d) => Some(d),
            Err(msg) => {
                c.error(
                    "cap_tren.ngay_nop",
                    msg,
                    "ghi ngày gửi số liệu lên cấp trên, ví dụ `2025-12-12`",
                );
                None
            }
        },
        None => match date {
            IssueDate::Full(d) => Some(d),
            IssueDate::YearOnly(_) => None,
        },
    };
    if u.xuat && submitted.is_none() && u.ngay_nop.is_none() {
        c.error(
            "cap_tren.xuat",
            "số liệu gửi cấp trên cần ngày nộp, mà báo cáo tổng hợp chưa có ngày ban hành",
            "ghi `cap_tren.ngay_nop: 2025-12-12`, hoặc ghi đủ ngày ở `ngay_ban_hanh`",
        );
    }
    UpperLevel {
        unit: Unit {
            id,
            name: crate::model::format::one_line(&u.don_vi.ten),
        },
        submitted,
        on_build: u.xuat,
        at: c.at("cap_tren"),
        frame: RawEnvelopeFrame {
            co_quan: raw.co_quan.clone(),
            so_ky_hieu: raw.so_ky_hieu.clone(),
            dia_danh: raw.dia_danh.clone(),
            ngay_ban_hanh: raw.ngay_ban_hanh.clone(),
            kinh_gui: raw.kinh_gui.clone(),
            trich_yeu: raw.trich_yeu.clone(),
            noi_nhan: raw.noi_nhan.clone(),
            ky: raw.ky.clone(),
        },
    }
}
