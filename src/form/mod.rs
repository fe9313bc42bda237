//! Biểu mẫu Excel — the `.xlsx` form a unit fills instead of writing its report in YAML
//! (`vanban form`), and the names the reader ([`crate::data::xlsx`]) finds again in it.
//!
//! The form is read back **by header names and field labels, never by fixed positions** (a unit
//! may insert a row above a table or move a column, case H35), and its computed cells are never
//! read (H36). The names below are therefore the contract between writer and reader: change
//! one and forms already sent out can no longer be read.

pub(crate) mod write;

/// Trang thông tin — the sheet of the report's frame fields (one row per field).
pub(crate) const SHEET_INFO: &str = "Thông tin";
/// Trang chỉ tiêu — the sheet of the plan's indicators with their input cells.
pub(crate) const SHEET_FIGURES: &str = "Chỉ tiêu";
/// Trang kết quả — results per objective (one row per objective of the plan).
pub(crate) const SHEET_RESULTS: &str = "Kết quả";
/// Trang hoạt động — activities, one per row.
pub(crate) const SHEET_ACTIVITIES: &str = "Hoạt động";
/// Trang khó khăn — difficulties, one per row.
pub(crate) const SHEET_DIFFICULTIES: &str = "Khó khăn";
/// Trang đề xuất — proposals, one per row.
pub(crate) const SHEET_PROPOSALS: &str = "Đề xuất";

/// Header of the info sheet's label column.
pub(crate) const H_FIELD: &str = "Mục";
/// Header of the info sheet's value column.
pub(crate) const H_VALUE: &str = "Nội dung";
/// Header of the guidance column (info and indicator sheets; never read).
pub(crate) const H_GUIDE: &str = "Hướng dẫn";

/// Header: Mã chỉ tiêu (read: the plan's code, text).
pub(crate) const H_CODE: &str = "Mã chỉ tiêu";
/// Header: Tên chỉ tiêu (not read).
pub(crate) const H_NAME: &str = "Tên chỉ tiêu";
/// Header: Cách tính (not read).
pub(crate) const H_MEASURE: &str = "Cách tính";
/// Header: Kế hoạch (not read).
pub(crate) const H_TARGET: &str = "Kế hoạch";
/// Header: Tử số (read).
pub(crate) const H_NUMERATOR: &str = "Tử số";
/// Header: Mẫu số (read).
pub(crate) const H_DENOMINATOR: &str = "Mẫu số";
/// Header: Số lượng (read).
pub(crate) const H_COUNT: &str = "Số lượng";
/// Header: Hoàn thành (read: `Có` / `Không`).
pub(crate) const H_DONE: &str = "Hoàn thành";
/// Header: Kết quả — computed by a formula, never read (H36).
pub(crate) const H_RESULT: &str = "Kết quả";
/// Header: Ghi chú (read).
pub(crate) const H_NOTE: &str = "Ghi chú";

/// Header: Mục tiêu (results and activities sheets: the objective's number).
pub(crate) const H_OBJECTIVE: &str = "Mục tiêu";
/// Header: Tên mục tiêu (results sheet; not read).
pub(crate) const H_OBJECTIVE_NAME: &str = "Tên mục tiêu";
/// Header: Kết quả thực hiện (results sheet; one paragraph per line of the cell).
pub(crate) const H_RESULT_TEXT: &str = "Kết quả thực hiện";
/// Header: Tên hoạt động.
pub(crate) const H_ACTIVITY: &str = "Tên hoạt động";
/// Header: Số buổi.
pub(crate) const H_SESSIONS: &str = "Số buổi";
/// Header: Số lượt người tham dự.
pub(crate) const H_ATTENDANCE: &str = "Số lượt người tham dự";
/// Header: Số tin, bài.
pub(crate) const H_ARTICLES: &str = "Số tin, bài";
/// Header: Khó khăn, vướng mắc.
pub(crate) const H_DIFFICULTY: &str = "Khó khăn, vướng mắc";
/// Header: Đề xuất, kiến nghị.
pub(crate) const H_PROPOSAL: &str = "Đề xuất, kiến nghị";
/// Header: Nội bộ — `Có`: a proposal addressed to the consolidating agency only (`noi_bo`),
/// not forwarded to the higher level.
pub(crate) const H_INTERNAL: &str = "Nội bộ";

/// The yes / no choices of a qualitative indicator's `Hoàn thành` cell.
pub(crate) const YES: &str = "Có";
/// See [`YES`].
pub(crate) const NO: &str = "Không";

/// How a frame field's cell is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FieldShape {
    /// One text value.
    Text,
    /// Lines: one per line of the cell (Alt+Enter in Excel).
    Lines,
    /// A date: a date cell, or text `2025-12-01` / `01/12/2025`.
    Date,
}

/// Trường thông tin — one frame field of the info sheet.
#[derive(Debug, Clone, Copy)]
pub(crate) struct InfoField {
    /// The label in the `Mục` column (what the reader looks for).
    pub label: &'static str,
    /// The unit report's field path, e.g. `ky.nguoi_ky`.
    pub key: &'static str,
    /// How the cell is read.
    pub shape: FieldShape,
    /// The guidance written beside the cell.
    pub guide: &'static str,
}

const fn field(
    label: &'static str,
    key: &'static str,
    shape: FieldShape,
    guide: &'static str,
) -> InfoField {
    InfoField {
        label,
        key,
        shape,
        guide,
    }
}

/// The frame fields of a unit report, in the order of the info sheet.
pub(crate) const INFO_FIELDS: &[InfoField] = &[
    field(
        "Mã đơn vị",
        "don_vi.ma",
        FieldShape::Text,
        "mã do cơ quan tổng hợp cấp; không sửa",
    ),
    field(
        "Tên đơn vị",
        "don_vi.ten",
        FieldShape::Text,
        "tên dùng trong câu văn, ví dụ: Trạm Y tế phường",
    ),
    field(
        "Cơ quan chủ quản",
        "co_quan.chu_quan",
        FieldShape::Lines,
        "nếu có; mỗi dòng một dòng tên (Alt+Enter để xuống dòng)",
    ),
    field(
        "Cơ quan ban hành",
        "co_quan.ban_hanh",
        FieldShape::Lines,
        "tên cơ quan, đơn vị, chữ in hoa; mỗi dòng một dòng tên",
    ),
    field(
        "Tiêu đề bên phải",
        "co_quan.tieu_de_phai",
        FieldShape::Text,
        "chỉ tổ chức Đảng, đoàn thể có tiêu đề riêng thay Quốc hiệu; để trống nếu không",
    ),
    field(
        "Số, ký hiệu",
        "so_ky_hieu",
        FieldShape::Text,
        "ví dụ: 25/BC-TYT",
    ),
    field(
        "Địa danh",
        "dia_danh",
        FieldShape::Text,
        "ví dụ: Phường Nguyễn Trãi",
    ),
    field(
        "Ngày ban hành",
        "ngay_ban_hanh",
        FieldShape::Date,
        "ví dụ: 28/11/2025",
    ),
    field(
        "Ngày nộp",
        "ngay_nop",
        FieldShape::Date,
        "ngày gửi báo cáo, ví dụ: 01/12/2025",
    ),
    field(
        "Kính gửi",
        "kinh_gui",
        FieldShape::Lines,
        "mỗi nơi nhận một dòng",
    ),
    field(
        "Trích yếu",
        "trich_yeu",
        FieldShape::Lines,
        "ví dụ: Kết quả thực hiện công tác bình đẳng giới năm 2025",
    ),
    field(
        "Mở đầu",
        "mo_dau",
        FieldShape::Lines,
        "để trống: câu mở đầu dẫn kế hoạch được viết sẵn",
    ),
    field(
        "Kết luận",
        "ket_luan",
        FieldShape::Lines,
        "để trống: \"Trên đây là báo cáo…\" được viết sẵn",
    ),
    field(
        "Nơi nhận",
        "noi_nhan",
        FieldShape::Lines,
        "mỗi nơi một dòng, không gạch đầu dòng; dòng cuối: Lưu: VT",
    ),
    field(
        "Quyền hạn ký",
        "ky.quyen_han",
        FieldShape::Lines,
        "nếu có, ví dụ: KT. TRƯỞNG TRẠM; để trống khi người đứng đầu ký",
    ),
    field(
        "Chức vụ người ký",
        "ky.chuc_vu",
        FieldShape::Text,
        "ví dụ: TRẠM TRƯỞNG",
    ),
    field(
        "Họ tên người ký",
        "ky.nguoi_ky",
        FieldShape::Text,
        "ví dụ: Nguyễn Thị Hoa",
    ),
];

/// Whether `path` names an Excel or other spreadsheet file (by its extension): `.xlsx` is
/// read as a unit's form; `.xls`, `.xlsm`, `.ods` get a clear message.
pub(crate) fn is_spreadsheet(path: &std::path::Path) -> bool {
    path.extension().is_some_and(|e| {
        ["xlsx", "xls", "xlsm", "ods"]
            .iter()
            .any(|x| e.eq_ignore_ascii_case(x))
    })
}
