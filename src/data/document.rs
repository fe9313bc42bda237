//! Văn bản theo loại — a document file that says its kind with `loai:` (NĐ 30 Phụ lục III):
//! the frame from its typed fields, the body from `noi_dung` (Markdown).

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::data::raw::{indexmap_like::OrderedMap, Lines, RawAgency, RawSignature, Scalar};
use crate::data::{frame, Checker};
use crate::diag::{Diagnostics, Warned};
use crate::model::{DocumentKind, Frame, Layout, Text, Urgency, KINDS};

/// Giới thiệu — giấy giới thiệu (Mẫu 1.8): who is introduced, to whom, for what, until when.
#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawIntroduction {
    /// Họ tên — the person introduced, e.g. `Lê Văn Nam` (printed after `Ông (bà):`).
    pub ho_ten: Text,
    /// Chức vụ — their title and unit, e.g. `Công chức Văn hóa - Xã hội phường`.
    pub chuc_vu: Text,
    /// Được cử đến — the agency they are sent to.
    pub duoc_cu_den: Text,
    /// Về việc — the errand.
    pub ve_viec: Text,
    /// Có giá trị đến — the last day the paper is valid (`2025-12-31`).
    pub co_gia_tri_den: Scalar,
}

/// Địa chỉ cơ quan — the agency's contact details at the foot of page 1 (NĐ 30 Phụ lục I, III.4;
/// Mẫu 1.5, 1.7, 1.8 ô 10).
#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawContact {
    /// Địa chỉ — the postal address.
    #[serde(default)]
    pub dia_chi: Option<Text>,
    /// Điện thoại.
    #[serde(default)]
    pub dien_thoai: Option<Scalar>,
    /// Fax.
    #[serde(default)]
    pub fax: Option<Scalar>,
    /// E-mail.
    #[serde(default)]
    pub email: Option<Text>,
    /// Website (trang thông tin điện tử).
    #[serde(default)]
    pub website: Option<Text>,
}

/// Phụ lục — an appendix after the signature (Mẫu 2.1), each in its own section.
#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawAppendix {
    /// Tên phụ lục — the title (printed upper case, bold).
    #[serde(default)]
    pub tieu_de: Text,
    /// Nội dung — Markdown, as `noi_dung`.
    #[serde(default)]
    pub noi_dung: Text,
    /// Trang ngang — a landscape page (a phụ lục of wide tables).
    #[serde(default)]
    pub ngang: bool,
}

/// Nghỉ phép — giấy nghỉ phép (Mẫu 1.10): who takes leave, how long, where.
#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawLeave {
    /// Họ tên — printed after `Ông (bà):` and in the opening sentence.
    pub ho_ten: Text,
    /// Chức vụ — title and unit.
    pub chuc_vu: Text,
    /// Ngày đơn — the date of the leave request (`2025-11-20`).
    pub ngay_don: Scalar,
    /// Thời gian — how long, as written, e.g. `05 ngày làm việc`.
    pub thoi_gian: Text,
    /// Từ ngày — the first day (`2025-12-01`).
    pub tu_ngay: Scalar,
    /// Đến ngày — the last day (`2025-12-05`).
    pub den_ngay: Scalar,
    /// Nơi nghỉ — where the leave is spent.
    pub noi_nghi: Text,
    /// Tính vào — which leave it counts against, e.g. `nghỉ phép hằng năm 2025`.
    pub tinh_vao: Text,
    /// Xác nhận — print the confirmation box of the place of leave under Nơi nhận.
    #[serde(default)]
    pub xac_nhan: bool,
}

/// Văn bản — a document file with `loai` (`vi-du/thong-bao.yaml`).
#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawDocument {
    /// Loại văn bản — `thong_bao`, `Thông báo` or `TB`.
    pub loai: Text,
    /// Cơ quan — header agency block.
    pub co_quan: RawAgency,
    /// Số, ký hiệu — `15/TB-UBND`, `68/2007/QĐ-UBND`, or `/TB-UBND` for a draft.
    pub so_ky_hieu: Text,
    /// Địa danh — place name of the place-and-date line, e.g. `Phường Nguyễn Trãi`; required
    /// for every kind but a biên bản, whose Mẫu 1.9 has no such line (accepted there, not
    /// printed).
    #[serde(default)]
    pub dia_danh: Option<Text>,
    /// Ngày ban hành — `2025-04-02`, `02/4/2025`, or only the year `2025` for a draft. A biên
    /// bản prints it only in the `(Kèm theo Biên bản số … ngày …)` line of a phụ lục.
    pub ngay_ban_hanh: Scalar,
    /// Trích yếu — subject line(s).
    #[serde(default)]
    pub trich_yeu: Lines,
    /// Kính gửi — addressees (tờ trình, báo cáo); optional.
    #[serde(default)]
    pub kinh_gui: Lines,
    /// Thẩm quyền ban hành — quyết định, nghị quyết: the issuing authority line, e.g.
    /// `CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG NGUYỄN TRÃI` (printed upper case, bold, centred).
    #[serde(default)]
    pub tham_quyen: Option<Text>,
    /// Căn cứ — quyết định, nghị quyết: the grounds, one line each (`Căn cứ …`, `Theo đề nghị
    /// của …`), printed italic, each ending `;` and the last `.`.
    #[serde(default)]
    pub can_cu: Lines,
    /// Điều — quyết định, nghị quyết: the articles (Markdown), printed after **Điều N.**.
    #[serde(default)]
    pub dieu: Vec<Text>,
    /// Thành phần — giấy mời: who is invited, one line each (printed after `trân trọng kính
    /// mời:`; several: one line each `- …;`, the last `.`).
    #[serde(default)]
    pub thanh_phan: Lines,
    /// Tới dự — giấy mời: the meeting or event, e.g. `Hội nghị sơ kết công tác bình đẳng giới`.
    #[serde(default)]
    pub toi_du: Option<Text>,
    /// Chủ trì — giấy mời: who chairs it; optional.
    #[serde(default)]
    pub chu_tri: Option<Text>,
    /// Thời gian — giấy mời: when, as written, e.g. `08 giờ 00 phút, thứ Năm, ngày 20/11/2025`.
    #[serde(default)]
    pub thoi_gian: Option<Text>,
    /// Địa điểm — giấy mời: where, e.g. `Hội trường UBND phường`.
    #[serde(default)]
    pub dia_diem: Option<Text>,
    /// Thư ký — biên bản: who keeps the minutes (printed `Thư ký (người ghi biên bản): …` and
    /// under the left signature), e.g. `Lê Văn Nam`.
    #[serde(default)]
    pub thu_ky: Option<Text>,
    /// Kết thúc — biên bản: when the meeting ended, as written, e.g. `11 giờ 00 phút cùng ngày`.
    #[serde(default)]
    pub ket_thuc: Option<Text>,
    /// Giới thiệu — giấy giới thiệu: the person introduced and the errand.
    #[serde(default)]
    pub gioi_thieu: Option<RawIntroduction>,
    /// Nghỉ phép — giấy nghỉ phép: the person and the leave.
    #[serde(default)]
    pub nghi_phep: Option<RawLeave>,
    /// Người điện — công điện: the agency or head that sends it, e.g. `Chủ tịch Ủy ban nhân dân
    /// phường Nguyễn Trãi` (printed `… điện:`).
    #[serde(default)]
    pub nguoi_dien: Option<Text>,
    /// Nội dung — the body in Markdown (`#` headings, `**đậm**`, `*nghiêng*`, `[^nhãn]`, tables,
    /// `->` centred paragraphs); for a quyết định it follows the Điều and may be empty.
    #[serde(default)]
    pub noi_dung: Text,
    /// Chú thích — footnotes: label → text (rich text), referenced as `[^label]`.
    #[serde(default)]
    pub chu_thich: OrderedMap,
    /// Nơi nhận — recipient lines; the last is `Lưu: VT, …`.
    pub noi_nhan: Lines,
    /// Chữ ký — the signature block.
    pub ky: RawSignature,
    /// Mức độ khẩn — `KHẨN`, `THƯỢNG KHẨN` or `HỎA TỐC`; optional.
    #[serde(default)]
    pub muc_do_khan: Option<Text>,
    /// Phạm vi lưu hành — `XEM XONG TRẢ LẠI`, `LƯU HÀNH NỘI BỘ`; optional.
    #[serde(default)]
    pub pham_vi_luu_hanh: Option<Text>,
    /// Ký hiệu người soạn thảo — the drafter's initials, added to the `Lưu:` line; optional.
    #[serde(default)]
    pub ky_hieu_nguoi_soan: Option<Text>,
    /// Số lượng bản phát hành — added to the `Lưu:` line as `(300)`; optional.
    #[serde(default)]
    pub so_ban: Option<Scalar>,
    /// Địa chỉ cơ quan — công văn, giấy mời, giấy giới thiệu: contact lines at the foot of page 1.
    #[serde(default)]
    pub lien_he: Option<RawContact>,
    /// Phụ lục — appendices after the signature.
    #[serde(default)]
    pub phu_luc: Vec<RawAppendix>,
}

/// The top-level keys of a document file, for "did you mean" hints.
pub(crate) const DOCUMENT_FIELDS: &[&str] = &[
    "loai",
    "co_quan",
    "so_ky_hieu",
    "dia_danh",
    "ngay_ban_hanh",
    "trich_yeu",
    "kinh_gui",
    "tham_quyen",
    "can_cu",
    "dieu",
    "thanh_phan",
    "toi_du",
    "chu_tri",
    "thoi_gian",
    "dia_diem",
    "gioi_thieu",
    "nguoi_dien",
    "nghi_phep",
    "thu_ky",
    "ket_thuc",
    "noi_dung",
    "chu_thich",
    "noi_nhan",
    "ky",
    "muc_do_khan",
    "pham_vi_luu_hanh",
    "ky_hieu_nguoi_soan",
    "so_ban",
    "lien_he",
    "phu_luc",
];

/// Văn bản — a validated document of a kind that has no structured data of its own.
#[derive(Debug, Clone)]
pub struct GeneralDocument {
    /// The administrative frame (its kind from `loai`).
    pub frame: Frame,
    /// The file's content, cleaned: the template context for the body.
    pub raw: RawDocument,
    /// Thẩm quyền ban hành, upper case (quyết định, nghị quyết); empty when not given.
    pub authority: String,
    /// Căn cứ — the grounds with their final punctuation (`;` … `.`).
    pub grounds: Vec<String>,
    /// Có giá trị đến — giấy giới thiệu: the last valid day as printed (`31/12/2025`).
    pub valid_until: String,
}

/// The layouts this version draws.
pub(crate) fn supported(layout: Layout) -> bool {
    matches!(
        layout,
        Layout::Named
            | Layout::Letter
            | Layout::Telegram
            | Layout::Leave
            | Layout::Decision
            | Layout::Resolution
            | Layout::Invitation
            | Layout::Introduction
            | Layout::Minutes
    )
}

/// Read, parse and validate a document file.
pub(crate) fn load_document(path: &Path) -> Result<Warned<GeneralDocument>, Diagnostics> {
    let loaded = crate::data::load_with(path, DOCUMENT_FIELDS, validate_document)?;
    match loaded.value {
        Some(value) => Ok(Warned::new(value, loaded.warnings)),
        // Unreachable: `load_with` returns `Err` whenever validation recorded an error.
        None => Err(loaded.warnings),
    }
}

/// The `loai:` keys of the kinds this version draws, for hints.
pub(crate) fn supported_keys() -> String {
    KINDS
        .iter()
        .filter(|k| supported(k.layout))
        .map(|k| format!("`{}`", k.key))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Validate a document; `None` when `loai` names no kind this version can draw (an error is
/// recorded).
pub(crate) fn validate_document(
    c: &mut Checker<'_>,
    mut raw: RawDocument,
) -> Option<GeneralDocument> {
    crate::data::lint::placeholders(c);
    let kind = match DocumentKind::parse(&raw.loai) {
        Some(k) if supported(k.layout()) => k,
        Some(k) => {
            c.error(
                "loai",
                format!(
                    "loại văn bản {} (Mẫu {} Phụ lục III) chưa được vanban hỗ trợ",
                    k.name(),
                    k.layout().number()
                ),
                format!("các loại đã hỗ trợ: {}", supported_keys()),
            );
            return None;
        }
        None => {
            let keys: Vec<&str> = crate::model::admin::KINDS
                .iter()
                .map(|k| k.kind.key())
                .collect();
            let hint = match crate::data::yaml::did_you_mean(raw.loai.trim(), &keys) {
                Some(k) => format!("có phải ý bạn là `{k}`?"),
                None => format!(
                    "ghi khóa (ví dụ `thong_bao`), tên loại (`Thông báo`) hoặc chữ viết tắt (`TB`); các loại đã hỗ trợ: {}",
                    supported_keys()
                ),
            };
            c.error(
                "loai",
                format!("không nhận ra loại văn bản `{}`", raw.loai.trim()),
                hint,
            );
            return None;
        }
    };
    // Biên bản (Mẫu 1.9) prints no place-and-date line: its `dia_danh` is optional and unused
    // (the meeting's place is `dia_diem`). Every other kind requires it.
    let place = if kind.layout().has_place_date() {
        if raw.dia_danh.is_none() {
            c.error(
                "dia_danh",
                "thiếu trường bắt buộc `dia_danh`",
                "thêm dòng `dia_danh: …` (địa danh ở dòng ngày tháng, ví dụ `dia_danh: \"Phường Nguyễn Trãi\"`)",
            );
        }
        raw.dia_danh.as_deref()
    } else {
        None
    };
    let head = frame::head(
        c,
        kind,
        &raw.co_quan,
        &raw.so_ky_hieu,
        place,
        &raw.ngay_ban_hanh.0,
    );
    let introduction = kind.layout() == Layout::Introduction;
    let leave = kind.layout() == Layout::Leave;
    let minutes = kind.layout() == Layout::Minutes;
    if raw.trich_yeu.0.is_empty() && !introduction && !leave {
        c.error(
            "trich_yeu",
            "thiếu trích yếu",
            if kind.layout() == Layout::Letter {
                "công văn ghi trích yếu sau `V/v`, ví dụ `trich_yeu: Triển khai Tháng hành động vì bình đẳng giới năm 2025` (vanban tự thêm `V/v`)".to_string()
            } else {
                format!(
                    "{} có tên loại thì có trích yếu, ví dụ `trich_yeu: Lịch tiếp công dân quý IV năm 2025`",
                    kind.name()
                )
            },
        );
    }
    let layout = kind.layout();
    let decision = matches!(layout, Layout::Decision | Layout::Resolution);
    let invitation = layout == Layout::Invitation;
    let telegram = layout == Layout::Telegram;
    if decision {
        if raw.dieu.iter().all(|d| d.trim().is_empty()) && raw.noi_dung.trim().is_empty() {
            c.error(
                "dieu",
                format!("{} chưa có điều nào", kind.name()),
                "ghi các điều: `dieu: [\"Kiện toàn Ban …\", \"Quyết định này có hiệu lực …\"]` (vanban tự in **Điều 1.**, **Điều 2.**, …)",
            );
        }
        raw.dieu.retain(|d| !d.trim().is_empty());
        if raw.dieu.is_empty() && !raw.noi_dung.trim().is_empty() {
            c.warn(
                "noi_dung",
                format!("{} viết trong `noi_dung`, không có điều nào", kind.name()),
                "ghi từng điều trong `dieu` để vanban đánh số **Điều 1.**, **Điều 2.** … (Mẫu 1.1, 1.2)",
            );
        }
        if raw
            .tham_quyen
            .as_deref()
            .is_none_or(|t| t.trim().is_empty())
        {
            c.error(
                "tham_quyen",
                format!("{} thiếu thẩm quyền ban hành", kind.name()),
                "ví dụ `tham_quyen: CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG NGUYỄN TRÃI` (Mẫu 1.2, ô 6)",
            );
        }
        if raw.can_cu.0.is_empty() {
            c.warn(
                "can_cu",
                format!("{} không có căn cứ ban hành", kind.name()),
                "ví dụ `can_cu: [\"Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2025\"]`",
            );
        }
        // "Như Điều 3;" in Nơi nhận must name an article that exists.
        for (i, line) in raw.noi_nhan.0.iter().enumerate() {
            let lower = line.to_lowercase();
            if let Some(rest) = lower.split("như điều").nth(1) {
                let n: String = rest
                    .trim()
                    .chars()
                    .take_while(char::is_ascii_digit)
                    .collect();
                if let Ok(n) = n.parse::<usize>() {
                    if n == 0 || n > raw.dieu.len() {
                        c.warn(
                            &format!("noi_nhan[{i}]"),
                            format!(
                                "Nơi nhận ghi `Như Điều {n}` nhưng {} có {} điều",
                                kind.name().to_lowercase(),
                                raw.dieu.len()
                            ),
                            "sửa số điều cho đúng điều giao trách nhiệm thi hành",
                        );
                    }
                }
            }
        }
    } else if invitation {
        // Typed markers and end punctuation are dropped with a warning, as in Kính gửi.
        frame::addressees(c, &raw.thanh_phan, "thanh_phan");
        if raw.thanh_phan.0.is_empty() {
            c.error(
                "thanh_phan",
                "giấy mời chưa ghi mời ai",
                "ví dụ `thanh_phan: [\"Đại diện lãnh đạo các ban, ngành, đoàn thể phường\"]`",
            );
        }
        for (field, value, example) in [
            (
                "toi_du",
                &raw.toi_du,
                "Hội nghị sơ kết công tác bình đẳng giới năm 2025",
            ),
            (
                "thoi_gian",
                &raw.thoi_gian,
                "08 giờ 00 phút, thứ Năm, ngày 20/11/2025",
            ),
            (
                "dia_diem",
                &raw.dia_diem,
                "Hội trường Ủy ban nhân dân phường",
            ),
        ] {
            if value.as_deref().is_none_or(|v| v.trim().is_empty()) {
                c.error(
                    field,
                    format!("giấy mời thiếu `{field}`"),
                    format!("ví dụ `{field}: \"{example}\"` (Mẫu 1.7, Phụ lục III)"),
                );
            }
        }
    } else if minutes {
        c.require("noi_dung", &raw.noi_dung, "nội dung (diễn biến cuộc họp)");
        for (field, value, example) in [
            (
                "thoi_gian",
                &raw.thoi_gian,
                "08 giờ 00 phút, ngày 20 tháng 11 năm 2025",
            ),
            (
                "dia_diem",
                &raw.dia_diem,
                "Hội trường Ủy ban nhân dân phường",
            ),
            (
                "chu_tri",
                &raw.chu_tri,
                "Bà Trần Thị Long, Phó Chủ tịch UBND phường",
            ),
            ("thu_ky", &raw.thu_ky, "Lê Văn Nam"),
            ("ket_thuc", &raw.ket_thuc, "11 giờ 00 phút cùng ngày"),
        ] {
            if value.as_deref().is_none_or(|v| v.trim().is_empty()) {
                c.error(
                    field,
                    format!("biên bản thiếu `{field}`"),
                    format!("ví dụ `{field}: \"{example}\"` (Mẫu 1.9, Phụ lục III)"),
                );
            }
        }
    } else if leave {
        match &raw.nghi_phep {
            Some(n) => {
                c.require("nghi_phep.ho_ten", &n.ho_ten, "họ tên người được nghỉ phép");
                c.require("nghi_phep.chuc_vu", &n.chuc_vu, "chức vụ");
                c.require("nghi_phep.thoi_gian", &n.thoi_gian, "thời gian nghỉ");
                c.require("nghi_phep.noi_nghi", &n.noi_nghi, "nơi nghỉ phép");
                c.require("nghi_phep.tinh_vao", &n.tinh_vao, "thời gian nghỉ được tính vào");
                let mut dates = Vec::new();
                for (field, value) in [
                    ("ngay_don", &n.ngay_don),
                    ("tu_ngay", &n.tu_ngay),
                    ("den_ngay", &n.den_ngay),
                ] {
                    match frame::parse_date(&value.0) {
                        Ok(d) => dates.push(d),
                        Err(msg) => c.error(
                            &format!("nghi_phep.{field}"),
                            msg,
                            "ghi ngày, ví dụ `2025-12-01` hoặc `01/12/2025`",
                        ),
                    }
                }
                if let [_, from, to] = dates.as_slice() {
                    if from > to {
                        c.error(
                            "nghi_phep.den_ngay",
                            "ngày cuối kỳ nghỉ trước ngày bắt đầu",
                            "kiểm tra lại `tu_ngay` và `den_ngay`",
                        );
                    }
                }
            }
            None => c.error(
                "loai",
                "giấy nghỉ phép thiếu phần `nghi_phep`",
                "thêm `nghi_phep: {ho_ten: …, chuc_vu: …, ngay_don: …, thoi_gian: …, tu_ngay: …, den_ngay: …, noi_nghi: …, tinh_vao: …}` (Mẫu 1.10, Phụ lục III)",
            ),
        }
    } else if telegram {
        c.require("noi_dung", &raw.noi_dung, "nội dung công điện");
        if raw
            .nguoi_dien
            .as_deref()
            .is_none_or(|v| v.trim().is_empty())
        {
            c.error(
                "nguoi_dien",
                "công điện thiếu `nguoi_dien` (cơ quan hoặc chức danh người đứng đầu điện)",
                "ví dụ `nguoi_dien: \"Chủ tịch Ủy ban nhân dân phường Nguyễn Trãi\"` (Mẫu 1.6, Phụ lục III)",
            );
        }
        if raw.kinh_gui.0.is_empty() {
            c.error(
                "kinh_gui",
                "công điện chưa ghi nơi nhận điện",
                "ghi các cơ quan nhận điện ở `kinh_gui`, mỗi nơi một dòng (in dưới dòng `… điện:`)",
            );
        }
    } else if introduction {
        match &raw.gioi_thieu {
            Some(g) => {
                c.require("gioi_thieu.ho_ten", &g.ho_ten, "họ tên người được giới thiệu");
                c.require("gioi_thieu.chuc_vu", &g.chuc_vu, "chức vụ người được giới thiệu");
                c.require("gioi_thieu.duoc_cu_den", &g.duoc_cu_den, "nơi được cử đến");
                c.require("gioi_thieu.ve_viec", &g.ve_viec, "việc được cử đến làm");
            }
            None => c.error(
                "loai",
                "giấy giới thiệu thiếu phần `gioi_thieu`",
                "thêm `gioi_thieu: {ho_ten: …, chuc_vu: …, duoc_cu_den: …, ve_viec: …, co_gia_tri_den: 2025-12-31}` (Mẫu 1.8, Phụ lục III)",
            ),
        }
    } else {
        c.require("noi_dung", &raw.noi_dung, "nội dung văn bản");
    }
    let mut valid_until = String::new();
    if let (true, Some(g)) = (introduction, &raw.gioi_thieu) {
        match frame::parse_date(&g.co_gia_tri_den.0) {
            Ok(d) => valid_until = d.format("%d/%m/%Y").to_string(),
            Err(msg) => c.error(
                "gioi_thieu.co_gia_tri_den",
                msg,
                "ghi ngày cuối cùng giấy có giá trị, ví dụ `2025-12-31` hoặc `31/12/2025`",
            ),
        }
    }
    let meeting = invitation || minutes;
    for (field, used, allowed, owners) in [
        (
            "gioi_thieu",
            raw.gioi_thieu.is_some(),
            introduction,
            "giấy giới thiệu",
        ),
        (
            "tham_quyen",
            raw.tham_quyen.is_some(),
            decision,
            "quyết định, nghị quyết",
        ),
        (
            "can_cu",
            !raw.can_cu.0.is_empty(),
            decision,
            "quyết định, nghị quyết",
        ),
        (
            "dieu",
            !raw.dieu.is_empty(),
            decision,
            "quyết định, nghị quyết",
        ),
        (
            "thanh_phan",
            !raw.thanh_phan.0.is_empty(),
            meeting,
            "giấy mời, biên bản",
        ),
        ("toi_du", raw.toi_du.is_some(), invitation, "giấy mời"),
        (
            "chu_tri",
            raw.chu_tri.is_some(),
            meeting,
            "giấy mời, biên bản",
        ),
        (
            "thoi_gian",
            raw.thoi_gian.is_some(),
            meeting,
            "giấy mời, biên bản",
        ),
        (
            "dia_diem",
            raw.dia_diem.is_some(),
            meeting,
            "giấy mời, biên bản",
        ),
        ("thu_ky", raw.thu_ky.is_some(), minutes, "biên bản"),
        (
            "nghi_phep",
            raw.nghi_phep.is_some(),
            leave,
            "giấy nghỉ phép",
        ),
        (
            "nguoi_dien",
            raw.nguoi_dien.is_some(),
            telegram,
            "công điện",
        ),
        ("ket_thuc", raw.ket_thuc.is_some(), minutes, "biên bản"),
    ] {
        if used && !allowed {
            c.error(
                field,
                format!(
                    "`{field}` chỉ dùng cho {owners}, không dùng cho {}",
                    kind.name().to_lowercase()
                ),
                "viết phần này trong `noi_dung`",
            );
        }
    }
    let authority = raw
        .tham_quyen
        .as_deref()
        .map(|t| frame::upper(t.trim()))
        .unwrap_or_default();
    let grounds = grounds(&raw.can_cu);
    let addressees = frame::addressees(c, &raw.kinh_gui, "kinh_gui");
    let first = (!addressees.is_empty()).then_some("Như trên");
    let mut recipients = frame::recipients(c, &raw.noi_nhan, "noi_nhan", first);
    drafter(c, &raw, &mut recipients);
    let signature = frame::signature(c, &raw.ky, "ky");
    // Footnote marks in the Markdown fields against `chu_thich` (undefined, unused, nested).
    let mut rich: Vec<(String, &str)> = vec![("noi_dung".to_string(), raw.noi_dung.as_str())];
    for (i, d) in raw.dieu.iter().enumerate() {
        rich.push((format!("dieu[{i}]"), d.as_str()));
    }
    crate::data::plan::check_rich_text(c, &rich, &raw.chu_thich.0);
    // A footnote is one Markdown paragraph: a blank line inside it becomes a line break.
    for (_, text) in &mut raw.chu_thich.0 {
        if text.lines().any(|l| l.trim().is_empty()) {
            let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
            *text = Text::new(lines.join("\n"));
        }
    }
    let mut frame = head.into_frame(&raw.trich_yeu, addressees, recipients, signature);
    frame.other.leave_confirmation = leave && raw.nghi_phep.as_ref().is_some_and(|n| n.xac_nhan);
    if telegram {
        frame.other.sender = raw.nguoi_dien.as_deref().map(|t| t.trim().to_string());
    }
    frame.other.urgency = urgency(c, raw.muc_do_khan.as_deref());
    frame.other.circulation = circulation(c, raw.pham_vi_luu_hanh.as_deref());
    frame.other.contact = contact(c, &raw, layout);
    for (i, a) in raw.phu_luc.iter().enumerate() {
        c.require(
            &format!("phu_luc[{i}].noi_dung"),
            &a.noi_dung,
            "nội dung phụ lục",
        );
    }
    if minutes {
        // Mẫu 1.9: the secretary signs left of the chủ tọa.
        frame.other.secretary = Some(crate::model::Signature {
            authority: vec!["THƯ KÝ".to_string()],
            signer_name: raw.thu_ky.as_deref().unwrap_or("").trim().to_string(),
        });
    }
    Some(GeneralDocument {
        frame,
        raw,
        authority,
        grounds,
        valid_until,
    })
}

/// Mức độ khẩn: one of the three marks; a typo gets the closest as a hint.
fn urgency(c: &mut Checker<'_>, value: Option<&str>) -> Option<Urgency> {
    let v = value?.trim();
    if v.is_empty() {
        return None;
    }
    let found = Urgency::parse(v);
    if found.is_none() {
        let marks: Vec<&'static str> = Urgency::ALL.iter().map(|u| u.text()).collect();
        let hint = closest(v, &marks)
            .map(|m| format!("có phải `{m}`? "))
            .unwrap_or_default();
        c.error(
            "muc_do_khan",
            format!("mức độ khẩn không hợp lệ: `{v}`"),
            format!(
                "{hint}ghi một trong: {} (NĐ 30/2020, Phụ lục I, mục III.2)",
                marks.join(", ")
            ),
        );
    }
    found
}

/// Phạm vi lưu hành: one of the decree's marks; a typo gets the closest as a hint.
fn circulation(c: &mut Checker<'_>, value: Option<&str>) -> Option<String> {
    let v = value?.trim();
    if v.is_empty() {
        return None;
    }
    match crate::model::admin::parse_circulation(v) {
        Some(m) => Some(m.to_string()),
        None => {
            let marks = crate::model::admin::CIRCULATION_MARKS;
            let hint = closest(v, marks)
                .map(|m| format!("có phải `{m}`? "))
                .unwrap_or_default();
            c.error(
                "pham_vi_luu_hanh",
                format!("phạm vi lưu hành không hợp lệ: `{v}`"),
                format!(
                    "{hint}ghi một trong: {} (NĐ 30/2020, Phụ lục I, mục III.2)",
                    marks.join(", ")
                ),
            );
            None
        }
    }
}

/// Lower case without diacritics, for typo hints (`THUONG KHAM` → `thuong kham`).
fn fold_ascii(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    s.trim()
        .nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .map(|c| if c == 'đ' { 'd' } else { c })
        .collect()
}

/// The mark of `marks` closest to a mistyped `value`, compared without diacritics.
fn closest(value: &str, marks: &[&'static str]) -> Option<&'static str> {
    let folded: Vec<String> = marks.iter().map(|m| fold_ascii(m)).collect();
    let refs: Vec<&str> = folded.iter().map(String::as_str).collect();
    let hit = crate::data::yaml::did_you_mean(&fold_ascii(value), &refs)?;
    refs.iter().position(|r| *r == hit).map(|i| marks[i])
}

/// Ký hiệu người soạn thảo và số lượng bản phát hành (ô 12): added to the `Lưu:` line as
/// `PL.(300)` — initials upper case, the number of copies in brackets (NĐ 30 Phụ lục I, III.3;
/// Mẫu 1.5 note 9).
fn drafter(c: &mut Checker<'_>, raw: &RawDocument, recipients: &mut [String]) {
    let initials = raw
        .ky_hieu_nguoi_soan
        .as_deref()
        .map(|t| frame::upper(t.trim().trim_end_matches('.')))
        .filter(|t| !t.is_empty());
    let copies = match raw.so_ban.as_ref().map(|s| s.0.trim().to_string()) {
        None => None,
        Some(s) if s.is_empty() => None,
        Some(s) => match s.parse::<u32>() {
            Ok(n) if n > 0 => Some(n),
            _ => {
                c.error(
                    "so_ban",
                    format!("số lượng bản phát hành không hợp lệ: `{s}`"),
                    "ghi số bản bằng chữ số Ả Rập, ví dụ `so_ban: 30`",
                );
                None
            }
        },
    };
    let mark = match (initials, copies) {
        (Some(k), Some(n)) => format!("{k}.({n})"),
        (Some(k), None) => k,
        (None, Some(n)) => format!("({n})"),
        (None, None) => return,
    };
    if let Some(last) = recipients.last_mut() {
        if last.starts_with("Lưu") {
            last.push_str(&format!(", {mark}"));
        }
    }
}

/// Địa chỉ cơ quan (ô 13): the lines of the page-1 footer; only for công văn, giấy mời, giấy
/// giới thiệu (Mẫu 1.5, 1.7, 1.8).
fn contact(c: &mut Checker<'_>, raw: &RawDocument, layout: Layout) -> Vec<String> {
    let Some(l) = &raw.lien_he else {
        return Vec::new();
    };
    if !matches!(
        layout,
        Layout::Letter | Layout::Invitation | Layout::Introduction
    ) {
        c.error(
            "lien_he",
            "địa chỉ cơ quan ở chân trang 1 chỉ dùng cho công văn, giấy mời, giấy giới thiệu",
            "bỏ `lien_he` (Mẫu 1.5, 1.7, 1.8, Phụ lục III)",
        );
        return Vec::new();
    }
    let get = |v: Option<&str>| {
        v.map(str::trim)
            .filter(|t| !t.is_empty())
            .map(str::to_string)
    };
    let mut lines = Vec::new();
    if let Some(a) = get(l.dia_chi.as_deref()) {
        lines.push(format!("Địa chỉ: {a}"));
    }
    let mut phone = Vec::new();
    if let Some(t) = get(l.dien_thoai.as_ref().map(|s| s.0.as_str())) {
        phone.push(format!("Điện thoại: {t}"));
    }
    if let Some(f) = get(l.fax.as_ref().map(|s| s.0.as_str())) {
        phone.push(format!("Fax: {f}"));
    }
    if !phone.is_empty() {
        lines.push(phone.join("; "));
    }
    let mut web = Vec::new();
    if let Some(e) = get(l.email.as_deref()) {
        web.push(format!("E-mail: {e}"));
    }
    if let Some(w) = get(l.website.as_deref()) {
        web.push(format!("Website: {w}"));
    }
    if !web.is_empty() {
        lines.push(web.join("; "));
    }
    if lines.is_empty() {
        c.error(
            "lien_he",
            "`lien_he` không có thông tin nào",
            "ghi ít nhất một trong `dia_chi`, `dien_thoai`, `fax`, `email`, `website`",
        );
    }
    lines
}

/// Căn cứ lines with their final punctuation: each ends `;`, the last `.`; a line the drafter
/// ends with `,` (e.g. before `Theo đề nghị của …`) keeps it (NĐ 30 Phụ lục III, Mẫu 1.1, 1.2).
pub(crate) fn grounds(lines: &Lines) -> Vec<String> {
    let n = lines.0.len();
    lines
        .0
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let t = l.trim();
            if i + 1 < n && t.ends_with(',') {
                return t.to_string();
            }
            let t = t.trim_end_matches([';', '.', ',']).trim_end();
            format!("{t}{}", if i + 1 == n { "." } else { ";" })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grounds_end_with_semicolons_and_a_full_stop() {
        let lines = Lines(
            [
                "Căn cứ Luật A",
                "Căn cứ Nghị định B;",
                "Căn cứ Quyết định C,",
                "Theo đề nghị của D;",
            ]
            .iter()
            .map(|t| Text::new(t.to_string()))
            .collect(),
        );
        assert_eq!(
            grounds(&lines),
            [
                "Căn cứ Luật A;",
                "Căn cứ Nghị định B;",
                "Căn cứ Quyết định C,",
                "Theo đề nghị của D."
            ]
        );
    }
}
