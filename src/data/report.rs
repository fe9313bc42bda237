//! Báo cáo đơn vị — loading and validating one unit's progress report (`data/bao-cao/<đơn vị>.yaml`)
//! against the plan's indicators.
//!
//! The raw structs mirror the file (Vietnamese keys, `deny_unknown_fields`); [`validate_unit_report`]
//! turns them into a [`UnitReport`], checking every indicator id against the plan and every figure
//! against the indicator's measure (tỷ lệ needs tử số and mẫu số, số lượng a count, định tính
//! `hoan_thanh`), and collecting every problem with its place.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::data::indicator::Measure;
use crate::data::raw::{Lines, RawAgency, RawSignature, Scalar};
use crate::data::{frame, yaml, Checker, Plan};
use crate::diag::{Diagnostics, Location, Warned};
use crate::model::format::date_short;
use crate::model::{Code, DocumentKind, Frame, IssueDate, Text};

/// Đề xuất — one entry of `de_xuat`: a text (the unit asks the level above; the consolidating
/// agency may forward it), or a group `{ noi_bo: [...] }` of texts addressed to the consolidating
/// agency itself (e.g. a request to the ward for funds), never forwarded upward.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) enum RawProposal {
    /// A plain entry.
    Forward(Text),
    /// `noi_bo:` — addressed to the consolidating agency.
    Internal(Lines),
}

/// Đề xuất, kiến nghị — `de_xuat`: one text (lines separated by newlines, as [`Lines`]) or a
/// list of [`RawProposal`] entries.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(transparent)]
pub(crate) struct RawProposals(pub Vec<RawProposal>);

/// The key of a [`RawProposal::Internal`] group.
pub(crate) const INTERNAL_PROPOSALS_KEY: &str = "noi_bo";

impl<'de> Deserialize<'de> for RawProposal {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::{self, MapAccess, Visitor};
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = RawProposal;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a string or a map `noi_bo: [...]`")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<RawProposal, E> {
                Text::deserialize(de::value::StrDeserializer::<E>::new(v)).map(RawProposal::Forward)
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawProposal, A::Error> {
                let mut lines: Option<Lines> = None;
                while let Some(key) = map.next_key::<String>()? {
                    if key != INTERNAL_PROPOSALS_KEY {
                        return Err(de::Error::unknown_field(&key, &[INTERNAL_PROPOSALS_KEY]));
                    }
                    if lines.is_some() {
                        return Err(de::Error::duplicate_field(INTERNAL_PROPOSALS_KEY));
                    }
                    lines = Some(map.next_value()?);
                }
                lines
                    .map(RawProposal::Internal)
                    .ok_or_else(|| de::Error::missing_field(INTERNAL_PROPOSALS_KEY))
            }
        }
        d.deserialize_any(V)
    }
}

impl<'de> Deserialize<'de> for RawProposals {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::{self, SeqAccess, Visitor};
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = RawProposals;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a string or a sequence of strings and `noi_bo:` groups")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<RawProposals, E> {
                let lines = Lines::deserialize(de::value::StrDeserializer::<E>::new(v))?;
                Ok(RawProposals(
                    lines.0.into_iter().map(RawProposal::Forward).collect(),
                ))
            }
            fn visit_unit<E: de::Error>(self) -> Result<RawProposals, E> {
                Ok(RawProposals::default())
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<RawProposals, A::Error> {
                let mut out = Vec::new();
                while let Some(p) = seq.next_element::<RawProposal>()? {
                    out.push(p);
                }
                Ok(RawProposals(out))
            }
        }
        d.deserialize_any(V)
    }
}

impl schemars::JsonSchema for RawProposals {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "RawProposals".into()
    }
    fn inline_schema() -> bool {
        true
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        // The group's shape, so that a misplaced `noi_bo:` is pointed to `de_xuat[]` (a plain
        // entry is a string; the shape only serves field lookups).
        schemars::json_schema!({
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "noi_bo": { "type": "array", "items": { "type": "string" }, "x-vanban-dong": true }
                }
            }
        })
    }
}

/// Đơn vị — who reports: a stable id and the display name.
#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawUnit {
    /// Mã đơn vị — stable slug, the same as the file name, e.g. `tram-y-te`.
    pub ma: Code,
    /// Tên đơn vị — display name in running text, e.g. `Trạm Y tế phường`.
    pub ten: Text,
}

/// Kết quả theo mục tiêu — what a unit did towards one objective of the plan.
#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawObjectiveResult {
    /// Mục tiêu — the objective's number in the plan (1-based), e.g. `4`.
    pub muc_tieu: usize,
    /// Nội dung — the results, one paragraph each.
    pub noi_dung: Lines,
}

/// Hoạt động — one activity with its counts.
#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawActivity {
    /// Tên hoạt động — e.g. `Truyền thông về sức khỏe sinh sản cho phụ nữ mang thai`.
    pub ten: Text,
    /// Mục tiêu — the objective it serves (1-based); absent for general activities.
    #[serde(default)]
    pub muc_tieu: Option<usize>,
    /// Số buổi — number of sessions.
    #[serde(default)]
    pub so_buoi: Option<u64>,
    /// Số lượt người tham dự — attendance.
    #[serde(default)]
    pub so_luot_nguoi: Option<u64>,
    /// Số tin, bài — news items and articles published.
    #[serde(default)]
    pub so_tin_bai: Option<u64>,
}

/// Số liệu chỉ tiêu — the raw figures of one indicator, by the plan's id.
#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawFigure {
    /// Mã chỉ tiêu — the plan's id, e.g. `MT1.CT2`.
    pub ma: Code,
    /// Tử số — numerator of a `ty_le` indicator.
    #[serde(default)]
    pub tu_so: Option<f64>,
    /// Mẫu số — denominator of a `ty_le` indicator.
    #[serde(default)]
    pub mau_so: Option<f64>,
    /// Số lượng — the count of a `so_luong` indicator.
    #[serde(default)]
    pub so_luong: Option<f64>,
    /// Hoàn thành — done or not, for a `dinh_tinh` indicator.
    #[serde(default)]
    pub hoan_thanh: Option<bool>,
    /// Ghi chú — a note printed in the unit's table.
    #[serde(default)]
    pub ghi_chu: Option<Text>,
    /// Nguồn — the units this figure sums, with their own figures (a consolidated figure sent
    /// up a level, `consolidate --export`); optional.
    #[serde(default)]
    pub nguon: Vec<RawPart>,
}

/// Nguồn — one unit summed into a figure: its code, name and own raw figure.
#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawPart {
    /// Mã đơn vị — the unit's code at its own level, e.g. `tram-y-te`.
    pub ma: Code,
    /// Tên đơn vị — its display name.
    pub ten: Text,
    /// Tử số — the unit's numerator (tỷ lệ).
    #[serde(default)]
    pub tu_so: Option<f64>,
    /// Mẫu số — the unit's denominator (tỷ lệ).
    #[serde(default)]
    pub mau_so: Option<f64>,
    /// Số lượng — the unit's count (số lượng).
    #[serde(default)]
    pub so_luong: Option<f64>,
    /// Hoàn thành — done or not (định tính).
    #[serde(default)]
    pub hoan_thanh: Option<bool>,
}

/// Báo cáo đơn vị — a unit report file (`data/bao-cao/<mã đơn vị>.yaml`).
#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawUnitReport {
    /// Loại văn bản — optional; when given it must name Báo cáo (`bao_cao`, `Báo cáo`, `BC`).
    #[serde(default)]
    pub loai: Option<Text>,
    /// Đơn vị — id and display name.
    pub don_vi: RawUnit,
    /// Cơ quan — header agency block; `tieu_de_phai` for a mass organisation's own header.
    pub co_quan: RawAgency,
    /// Số, ký hiệu — e.g. `15/BC-TYT`.
    pub so_ky_hieu: Text,
    /// Địa danh — place name, e.g. `Nguyễn Trãi`.
    pub dia_danh: Text,
    /// Ngày ban hành — `2025-11-28` or `28/11/2025`.
    pub ngay_ban_hanh: Scalar,
    /// Ngày nộp — the date the report reached the consolidating body, for lateness.
    pub ngay_nop: Scalar,
    /// Kính gửi — the addressees above (NĐ 30 Phụ lục I, II.9.a).
    pub kinh_gui: Lines,
    /// Trích yếu — subject line(s).
    pub trich_yeu: Lines,
    /// Mở đầu — opening paragraph(s); by default one citing the plan is written.
    #[serde(default)]
    pub mo_dau: Lines,
    /// Kết quả — results per objective.
    #[serde(default)]
    pub ket_qua: Vec<RawObjectiveResult>,
    /// Hoạt động — activities with counts.
    #[serde(default)]
    pub hoat_dong: Vec<RawActivity>,
    /// Khó khăn, vướng mắc — difficulties.
    #[serde(default)]
    pub kho_khan: Lines,
    /// Đề xuất, kiến nghị — proposals: texts forwarded upward, and groups `{ noi_bo: [...] }`
    /// addressed to the consolidating agency only.
    #[serde(default)]
    pub de_xuat: RawProposals,
    /// Số liệu — indicator figures.
    #[serde(default)]
    pub so_lieu: Vec<RawFigure>,
    /// Kết luận — closing paragraph(s); by default `Trên đây là báo cáo …./.`.
    #[serde(default)]
    pub ket_luan: Lines,
    /// Nơi nhận — recipient lines; `Như trên` is added first; the last is `Lưu: VT, …`.
    pub noi_nhan: Lines,
    /// Chữ ký — the signature block.
    pub ky: RawSignature,
}

/// The top-level keys of a unit report file, for "did you mean" hints.
pub(crate) const UNIT_REPORT_FIELDS: &[&str] = &[
    "loai",
    "don_vi",
    "co_quan",
    "so_ky_hieu",
    "dia_danh",
    "ngay_ban_hanh",
    "ngay_nop",
    "kinh_gui",
    "trich_yeu",
    "mo_dau",
    "ket_qua",
    "hoat_dong",
    "kho_khan",
    "de_xuat",
    "so_lieu",
    "ket_luan",
    "noi_nhan",
    "ky",
];

/// Đơn vị — a unit's identity.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Unit {
    /// Mã đơn vị — stable slug, e.g. `tram-y-te`.
    pub id: String,
    /// Tên đơn vị — display name.
    pub name: String,
}

/// Giá trị số liệu — a unit's raw figure for one indicator, shaped by the indicator's measure.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub enum FigureValue {
    /// Tỷ lệ — tử số and mẫu số.
    Ratio {
        /// Tử số.
        numerator: f64,
        /// Mẫu số.
        denominator: f64,
    },
    /// Số lượng — a count.
    Count(f64),
    /// Định tính — done or not.
    Done(bool),
}

/// Số liệu — one validated figure.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Figure {
    /// Mã chỉ tiêu — the plan's id.
    pub indicator: String,
    /// The raw figure.
    pub value: FigureValue,
    /// Ghi chú — the unit's note, if any.
    pub note: Option<String>,
    /// Nguồn — the units the figure sums (`nguon`, from a lower level's export), in file order;
    /// empty for a unit's own figure. Their figures add up to [`Figure::value`] (checked).
    pub parts: Vec<Part>,
}

/// Nguồn — one unit summed into a figure of a lower level's export.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Part {
    /// The unit (code and name at the lower level).
    pub unit: Unit,
    /// Its own raw figure.
    pub value: FigureValue,
}

/// Hoạt động — a validated activity.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Activity {
    /// Tên hoạt động.
    pub name: String,
    /// Mục tiêu — 1-based objective number, if given.
    pub objective: Option<usize>,
    /// Số buổi.
    pub sessions: u64,
    /// Số lượt người tham dự.
    pub attendance: u64,
    /// Số tin, bài.
    pub articles: u64,
}

/// Báo cáo đơn vị — a validated unit report.
#[derive(Debug, Clone)]
pub struct UnitReport {
    /// Đơn vị.
    pub unit: Unit,
    /// The file it came from.
    pub path: PathBuf,
    /// Vị trí mã đơn vị — where `don_vi.ma` is in the file, for the consolidation's messages
    /// about the unit's code.
    pub id_at: Location,
    /// The administrative frame of the unit's own BÁO CÁO.
    pub frame: Frame,
    /// Ngày nộp — date submitted.
    pub submitted: NaiveDate,
    /// Mở đầu — opening paragraphs given by the unit (empty: the default citing the plan).
    pub opening: Vec<String>,
    /// Kết quả — (objective number, result paragraphs), in file order.
    pub results: Vec<(usize, Vec<String>)>,
    /// Hoạt động.
    pub activities: Vec<Activity>,
    /// Khó khăn, vướng mắc.
    pub difficulties: Vec<String>,
    /// Đề xuất, kiến nghị — those the consolidating agency may forward upward (plain entries).
    pub proposals: Vec<String>,
    /// Đề xuất nội bộ — addressed to the consolidating agency (the ward), never forwarded as
    /// its own (entries under `noi_bo`).
    pub internal_proposals: Vec<String>,
    /// Số liệu — in file order, one per indicator.
    pub figures: Vec<Figure>,
    /// Kết luận — closing paragraphs given by the unit (empty: the default).
    pub closing: Vec<String>,
}

impl UnitReport {
    /// The unit's figure for indicator `id`, if it reported one.
    pub fn figure(&self, id: &str) -> Option<&Figure> {
        self.figures.iter().find(|f| f.indicator == id)
    }
}

/// Read, parse and validate a unit report file against `plan`.
pub(crate) fn load_unit_report(
    path: &Path,
    plan: &Plan,
) -> Result<Warned<UnitReport>, Diagnostics> {
    if crate::form::is_spreadsheet(path) {
        return crate::data::xlsx::load_form(path, plan);
    }
    crate::data::load_with(path, UNIT_REPORT_FIELDS, |c, raw| {
        validate_unit_report(c, raw, plan)
    })
}

/// Whether `id` is a valid unit id: lower-case ASCII letters, digits and `-`.
pub(crate) fn is_unit_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || ch == '-')
}

/// Check a unit id at `field`.
/// A wrong one is an error whose hint is the id written right (`Tram_Y_Tế` → `tram-y-te`).
pub(crate) fn check_unit_id(c: &mut Checker<'_>, id: &str, field: &str) {
    if !is_unit_id(id) {
        let right = unit_id_of(id);
        let example = if is_unit_id(&right) {
            format!("sửa thành `{right}`")
        } else {
            "ví dụ `tram-y-te`".to_string()
        };
        c.error(
            field,
            format!("mã đơn vị `{id}` không hợp lệ"),
            format!("mã đơn vị chỉ gồm chữ thường không dấu, chữ số và `-`: {example}"),
        );
    }
}

/// `id` as a unit id: lower case without diacritics (`đ` → `d`), a space or `_` made `-`, other
/// characters left out.
fn unit_id_of(id: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let dashed: String = id
        .trim()
        .nfd()
        .filter(|ch| !unicode_normalization::char::is_combining_mark(*ch))
        .flat_map(char::to_lowercase)
        .filter_map(|ch| match ch {
            'đ' => Some('d'),
            ' ' | '_' | '-' => Some('-'),
            ch if ch.is_ascii_lowercase() || ch.is_ascii_digit() => Some(ch),
            _ => None,
        })
        .collect();
    dashed
        .split('-')
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

/// Trimmed non-empty lines.
fn texts(lines: &Lines) -> Vec<String> {
    lines
        .0
        .iter()
        .map(|l| l.trim().to_string())
        .filter(|l| !l.is_empty())
        .collect()
}

/// Check a 1-based objective number against the plan.
fn check_objective(c: &mut Checker<'_>, n: usize, plan: &Plan, field: &str) {
    let count = plan.raw.muc_tieu.len();
    if n == 0 || n > count {
        c.error(
            field,
            format!("kế hoạch không có mục tiêu số {n}"),
            format!("số mục tiêu là từ 1 đến {count}, theo mục II của kế hoạch"),
        );
    }
}

/// Validate a raw unit report into a [`UnitReport`], recording every problem in `c`.
pub(crate) fn validate_unit_report(
    c: &mut Checker<'_>,
    raw: RawUnitReport,
    plan: &Plan,
) -> UnitReport {
    let kind = DocumentKind::Report;
    frame::check_kind(
        c,
        raw.loai.as_deref(),
        kind,
        "báo cáo đơn vị (có `so_lieu`)",
    );
    let id = raw.don_vi.ma.trim().to_string();
    check_unit_id(c, &id, "don_vi.ma");
    c.require("don_vi.ten", &raw.don_vi.ten, "tên đơn vị");
    // A form is known by the code inside it: units rename the files they send back.
    if is_unit_id(&id) && !crate::form::is_spreadsheet(&c.source.path) {
        let stem = c
            .source
            .path
            .file_stem()
            .map(|s| s.to_string_lossy().to_string());
        if let Some(stem) = stem.filter(|s| s != &id) {
            // A warning, not an error: a copy of a unit's file under another name must still
            // reach the "two files for one unit" check of the consolidation.
            c.warn(
                "don_vi.ma",
                format!("mã đơn vị `{id}` khác tên tệp `{stem}`"),
                format!(
                    "tên tệp phải là mã đơn vị: sửa thành `ma: {stem}`, hoặc đổi tên tệp thành `{id}.yaml`"
                ),
            );
        }
    }
    let head = frame::head(
        c,
        kind,
        &raw.co_quan,
        &raw.so_ky_hieu,
        Some(&*raw.dia_danh),
        &raw.ngay_ban_hanh.0,
    );
    let submitted = match frame::parse_date(&raw.ngay_nop.0) {
        Ok(d) => d,
        Err(msg) => {
            c.error(
                "ngay_nop",
                msg,
                "ghi ngày nộp báo cáo, ví dụ `2025-12-01` hoặc `01/12/2025`",
            );
            NaiveDate::MIN
        }
    };
    if submitted != NaiveDate::MIN {
        submitted_before_plan(c, submitted, plan.frame.date);
    }
    if raw.trich_yeu.0.is_empty() {
        c.error(
            "trich_yeu",
            "thiếu trích yếu",
            "ví dụ: `Kết quả thực hiện công tác bình đẳng giới năm 2025`",
        );
    }
    let addressees = frame::addressees(c, &raw.kinh_gui, "kinh_gui");
    if addressees.is_empty() {
        c.error(
            "kinh_gui",
            "báo cáo gửi cấp trên phải có Kính gửi",
            "ví dụ: `kinh_gui: [\"Ủy ban nhân dân phường Nguyễn Trãi\"]` (NĐ 30/2020, Phụ lục I, mục II.9.a)",
        );
    }
    let recipients = frame::recipients(c, &raw.noi_nhan, "noi_nhan", Some("Như trên"));
    let signature = frame::signature(c, &raw.ky, "ky");

    let mut results = Vec::new();
    for (i, r) in raw.ket_qua.iter().enumerate() {
        check_objective(c, r.muc_tieu, plan, &format!("ket_qua[{i}].muc_tieu"));
        results.push((r.muc_tieu, texts(&r.noi_dung)));
    }
    let mut activities = Vec::new();
    for (i, a) in raw.hoat_dong.iter().enumerate() {
        let f = format!("hoat_dong[{i}]");
        c.require(&format!("{f}.ten"), &a.ten, "tên hoạt động");
        if let Some(n) = a.muc_tieu {
            check_objective(c, n, plan, &format!("{f}.muc_tieu"));
        }
        activities.push(Activity {
            name: a.ten.trim().to_string(),
            objective: a.muc_tieu,
            sessions: a.so_buoi.unwrap_or(0),
            attendance: a.so_luot_nguoi.unwrap_or(0),
            articles: a.so_tin_bai.unwrap_or(0),
        });
    }
    let figures = validate_figures(c, &raw.so_lieu, plan);

    let frame = head.into_frame(&raw.trich_yeu, addressees, recipients, signature);
    UnitReport {
        unit: Unit {
            id,
            // A name stands inside sentences and cells: always one line.
            name: crate::model::format::one_line(&raw.don_vi.ten),
        },
        path: c.source.path.clone(),
        id_at: c.at("don_vi.ma"),
        frame,
        submitted,
        opening: texts(&raw.mo_dau),
        results,
        activities,
        difficulties: texts(&raw.kho_khan),
        proposals: raw
            .de_xuat
            .0
            .iter()
            .filter_map(|p| match p {
                RawProposal::Forward(t) => Some(t.trim().to_string()),
                RawProposal::Internal(_) => None,
            })
            .filter(|t| !t.is_empty())
            .collect(),
        internal_proposals: raw
            .de_xuat
            .0
            .iter()
            .flat_map(|p| match p {
                RawProposal::Forward(_) => Vec::new(),
                RawProposal::Internal(l) => texts(l),
            })
            .collect(),
        figures,
        closing: texts(&raw.ket_luan),
    }
}

/// Warn when a report was submitted (`ngay_nop`) before the plan it reports on was issued: a
/// wrong year or day, most likely. A draft plan that knows only its year is compared by year.
fn submitted_before_plan(c: &mut Checker<'_>, submitted: NaiveDate, plan_date: IssueDate) {
    use chrono::Datelike;
    let (before, plan_text) = match plan_date {
        IssueDate::Full(d) => (submitted < d, format!("ngày {}", date_short(d))),
        IssueDate::YearOnly(y) => (submitted.year() < y, format!("năm {y}")),
    };
    if before {
        c.warn(
            "ngay_nop",
            format!(
                "ngày nộp {} trước ngày ban hành kế hoạch ({plan_text})",
                date_short(submitted)
            ),
            "báo cáo kết quả thực hiện kế hoạch được nộp sau khi kế hoạch ban hành: kiểm tra lại \
             ngày, tháng, năm của `ngay_nop`",
        );
    }
}

/// Check each figure against its indicator in the plan.
fn validate_figures(c: &mut Checker<'_>, raw: &[RawFigure], plan: &Plan) -> Vec<Figure> {
    let ids: Vec<&str> = plan.indicators.iter().map(|i| i.id.as_str()).collect();
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    for (i, f) in raw.iter().enumerate() {
        let at = |k: &str| format!("so_lieu[{i}].{k}");
        let id = f.ma.trim();
        let Some(ind) = plan.indicator(id) else {
            let hint = match yaml::did_you_mean(id, &ids) {
                Some(s) => format!("có phải ý bạn là `{s}`?"),
                None => format!("các mã chỉ tiêu của kế hoạch: {}", ids.join(", ")),
            };
            c.error(
                &at("ma"),
                format!("kế hoạch không có chỉ tiêu mã `{id}`"),
                hint,
            );
            continue;
        };
        if !seen.insert(id.to_string()) {
            c.error(
                &at("ma"),
                format!("chỉ tiêu `{id}` được báo cáo hai lần"),
                "mỗi chỉ tiêu chỉ ghi một lần trong `so_lieu`; gộp số liệu lại",
            );
            continue;
        }
        let value = match ind.measure {
            Measure::Ratio => {
                extra(
                    c,
                    &at("so_luong"),
                    f.so_luong.is_some(),
                    id,
                    "tỷ lệ",
                    "tu_so` và `mau_so",
                );
                extra(
                    c,
                    &at("hoan_thanh"),
                    f.hoan_thanh.is_some(),
                    id,
                    "tỷ lệ",
                    "tu_so` và `mau_so",
                );
                let n = number(c, &at("tu_so"), f.tu_so, id, "tử số", "tu_so");
                let d = number(c, &at("mau_so"), f.mau_so, id, "mẫu số", "mau_so");
                match (n, d) {
                    (Some(n), Some(d)) => {
                        let unit = ind.unit.trim();
                        if (unit.starts_with('%') || unit.starts_with('‰')) && n > d {
                            c.error(
                                &at("tu_so"),
                                format!("tử số ({n}) lớn hơn mẫu số ({d}) ở chỉ tiêu tỷ lệ `{id}` ({unit})"),
                                "tử số là số đạt yêu cầu, mẫu số là tổng số; kiểm tra có ghi đảo hai số không",
                            );
                        }
                        Some(FigureValue::Ratio {
                            numerator: n,
                            denominator: d,
                        })
                    }
                    _ => None,
                }
            }
            Measure::Count => {
                extra(
                    c,
                    &at("tu_so"),
                    f.tu_so.is_some() || f.mau_so.is_some(),
                    id,
                    "số lượng",
                    "so_luong",
                );
                extra(
                    c,
                    &at("hoan_thanh"),
                    f.hoan_thanh.is_some(),
                    id,
                    "số lượng",
                    "so_luong",
                );
                let n = number(c, &at("so_luong"), f.so_luong, id, "số lượng", "so_luong");
                if let Some(x) = n.filter(|x| x.fract() != 0.0) {
                    c.warn(
                        &at("so_luong"),
                        format!(
                            "số lượng của chỉ tiêu `{id}` là {} — không phải số nguyên",
                            crate::model::format::number(x, 6)
                        ),
                        "số lượng là số đếm (người, tin bài, lượt…): ghi số nguyên; \
                         nếu là số bình quân thì giữ nguyên, vanban cộng đúng như số đã ghi",
                    );
                }
                n.map(FigureValue::Count)
            }
            Measure::Qualitative => {
                let any_number = f.tu_so.is_some() || f.mau_so.is_some() || f.so_luong.is_some();
                let key = [
                    ("tu_so", f.tu_so),
                    ("mau_so", f.mau_so),
                    ("so_luong", f.so_luong),
                ]
                .into_iter()
                .find_map(|(k, v)| v.map(|_| k))
                .unwrap_or("ma");
                extra(c, &at(key), any_number, id, "định tính", "hoan_thanh");
                match f.hoan_thanh {
                    Some(b) => Some(FigureValue::Done(b)),
                    None => {
                        c.error(
                            &at("ma"),
                            format!("chỉ tiêu định tính `{id}` thiếu `hoan_thanh`"),
                            "ghi `hoan_thanh: true` (đã thực hiện) hoặc `hoan_thanh: false`",
                        );
                        None
                    }
                }
            }
        };
        if let Some(value) = value {
            let parts = validate_parts(c, f, ind.measure, id, &format!("so_lieu[{i}]"), value);
            out.push(Figure {
                indicator: id.to_string(),
                value,
                parts,
                note: f
                    .ghi_chu
                    .as_ref()
                    .map(|s| s.trim().to_string())
                    .filter(|s| !s.is_empty()),
            });
        }
    }
    out
}

/// Check the `nguon` list of figure `raw` (at `field`, of indicator `id`, already read as
/// `value`): each entry a valid, distinct unit code, a name and the figure fields of the
/// measure; the entries' figures must add up to the figure (Σ tử số, Σ mẫu số, Σ số lượng;
/// định tính: done when every unit has done it), so that a figure edited by hand without its
/// sources is caught.
fn validate_parts(
    c: &mut Checker<'_>,
    raw: &RawFigure,
    measure: Measure,
    id: &str,
    field: &str,
    value: FigureValue,
) -> Vec<Part> {
    let mut out = Vec::new();
    let mut seen = BTreeSet::new();
    let mut complete = true;
    for (j, p) in raw.nguon.iter().enumerate() {
        let at = |k: &str| format!("{field}.nguon[{j}].{k}");
        let unit_id = p.ma.trim().to_string();
        check_unit_id(c, &unit_id, &at("ma"));
        c.require(&at("ten"), &p.ten, "tên đơn vị");
        if !seen.insert(unit_id.clone()) {
            c.error(
                &at("ma"),
                format!(
                    "đơn vị `{unit_id}` được liệt kê hai lần trong `nguon` của chỉ tiêu `{id}`"
                ),
                "mỗi đơn vị chỉ một dòng; xóa dòng lặp",
            );
        }
        let v = match measure {
            Measure::Ratio => {
                extra(
                    c,
                    &at("so_luong"),
                    p.so_luong.is_some() || p.hoan_thanh.is_some(),
                    id,
                    "tỷ lệ",
                    "tu_so` và `mau_so",
                );
                let n = number(c, &at("tu_so"), p.tu_so, id, "tử số", "tu_so");
                let d = number(c, &at("mau_so"), p.mau_so, id, "mẫu số", "mau_so");
                n.zip(d).map(|(numerator, denominator)| FigureValue::Ratio {
                    numerator,
                    denominator,
                })
            }
            Measure::Count => {
                extra(
                    c,
                    &at("tu_so"),
                    p.tu_so.is_some() || p.mau_so.is_some() || p.hoan_thanh.is_some(),
                    id,
                    "số lượng",
                    "so_luong",
                );
                number(c, &at("so_luong"), p.so_luong, id, "số lượng", "so_luong")
                    .map(FigureValue::Count)
            }
            Measure::Qualitative => {
                let any_number = p.tu_so.is_some() || p.mau_so.is_some() || p.so_luong.is_some();
                let key = [
                    ("tu_so", p.tu_so),
                    ("mau_so", p.mau_so),
                    ("so_luong", p.so_luong),
                ]
                .into_iter()
                .find_map(|(k, v)| v.map(|_| k))
                .unwrap_or("ma");
                extra(c, &at(key), any_number, id, "định tính", "hoan_thanh");
                if p.hoan_thanh.is_none() {
                    c.error(
                        &at("ma"),
                        format!("đơn vị `{unit_id}` trong `nguon` của chỉ tiêu `{id}` thiếu `hoan_thanh`"),
                        "ghi `hoan_thanh: true` hoặc `hoan_thanh: false`",
                    );
                }
                p.hoan_thanh.map(FigureValue::Done)
            }
        };
        match v {
            Some(value) => out.push(Part {
                unit: Unit {
                    id: unit_id,
                    name: crate::model::format::one_line(&p.ten),
                },
                value,
            }),
            None => complete = false,
        }
    }
    if out.is_empty() || !complete {
        return out;
    }
    let sum = sum_parts(&out);
    if !same_figure(sum, value) {
        let show = |v: FigureValue| match v {
            FigureValue::Ratio {
                numerator,
                denominator,
            } => format!("tử số {numerator}, mẫu số {denominator}"),
            FigureValue::Count(n) => format!("số lượng {n}"),
            FigureValue::Done(b) => format!("hoàn thành: {b}"),
        };
        c.error(
            &format!("{field}.nguon"),
            format!(
                "số liệu của chỉ tiêu `{id}` ({}) không khớp tổng của các đơn vị trong `nguon` ({})",
                show(value),
                show(sum)
            ),
            "số liệu tổng hợp là tổng của các đơn vị: sửa số liệu hoặc `nguon` cho khớp \
             (xuất lại bằng `vanban consolidate --export` nếu tệp do vanban tạo)",
        );
    }
    out
}

/// The figure the parts add up to: Σ tử số, Σ mẫu số, Σ số lượng; định tính: every part done.
/// `parts` is not empty and all of one measure.
pub(crate) fn sum_parts(parts: &[Part]) -> FigureValue {
    let mut acc = parts[0].value;
    for p in &parts[1..] {
        acc = match (acc, p.value) {
            (
                FigureValue::Ratio {
                    numerator: a,
                    denominator: b,
                },
                FigureValue::Ratio {
                    numerator: x,
                    denominator: y,
                },
            ) => FigureValue::Ratio {
                numerator: a + x,
                denominator: b + y,
            },
            (FigureValue::Count(a), FigureValue::Count(x)) => FigureValue::Count(a + x),
            (FigureValue::Done(a), FigureValue::Done(x)) => FigureValue::Done(a && x),
            (a, _) => a,
        };
    }
    acc
}

/// Whether two figures are equal, numbers up to a relative 1e-9 (sums of decimals such as
/// 0.1 + 0.2 differ from the typed total in the last bit).
fn same_figure(a: FigureValue, b: FigureValue) -> bool {
    let close = |x: f64, y: f64| (x - y).abs() <= 1e-9 * x.abs().max(y.abs()).max(1.0);
    match (a, b) {
        (
            FigureValue::Ratio {
                numerator: a,
                denominator: b,
            },
            FigureValue::Ratio {
                numerator: x,
                denominator: y,
            },
        ) => close(a, x) && close(b, y),
        (FigureValue::Count(a), FigureValue::Count(x)) => close(a, x),
        (FigureValue::Done(a), FigureValue::Done(x)) => a == x,
        _ => false,
    }
}

/// Error when a field that does not fit the indicator's measure is present.
fn extra(c: &mut Checker<'_>, field: &str, present: bool, id: &str, measure: &str, wanted: &str) {
    if present {
        // The key itself, at its own line (`tu_so` of a qualitative indicator).
        let key = field.rsplit('.').next().unwrap_or(field);
        c.error(
            field,
            format!("chỉ tiêu `{id}` tính theo {measure}: không dùng trường `{key}`"),
            format!("chỉ tiêu {measure} chỉ ghi `{wanted}`"),
        );
    }
}

/// A required, finite, non-negative number.
fn number(
    c: &mut Checker<'_>,
    field: &str,
    v: Option<f64>,
    id: &str,
    what: &str,
    key: &str,
) -> Option<f64> {
    match v {
        None => {
            c.error(
                field,
                format!("chỉ tiêu `{id}` thiếu {what}"),
                format!("thêm `{key}: <số>`"),
            );
            None
        }
        Some(x) if !x.is_finite() || x < 0.0 => {
            c.error(
                field,
                format!("{what} của chỉ tiêu `{id}` phải là số không âm (đang là {x})"),
                "ghi số từ 0 trở lên",
            );
            None
        }
        // Above 2^53 a number is no longer exact: the document would show another number than
        // the one typed.
        Some(x) if x > MAX_EXACT => {
            c.error(
                field,
                format!("{what} của chỉ tiêu `{id}` quá lớn để ghi chính xác ({x:.0})"),
                "kiểm tra lại số liệu: số lớn nhất ghi được là 9007199254740992",
            );
            None
        }
        Some(x) => Some(x),
    }
}

/// The largest whole number an `f64` holds exactly (2^53).
const MAX_EXACT: f64 = 9_007_199_254_740_992.0;
