//! Biểu mẫu đã điền — reading a unit's filled `.xlsx` form (written by `vanban form`) into the
//! same raw unit report as a `.yaml` file, so that the same validation and the same messages
//! apply; only the place differs: `tệp.xlsx!Chỉ tiêu!E7`, with the column's name as the field.
//!
//! Read with `calamine`, **by header names and field labels, never by fixed positions** (H35):
//! the header row of each table is found by its names wherever it is, and columns are taken by
//! their header. The computed `Kết quả` column is never read (H36). Codes are compared as text
//! as the form wrote them (H34); a number within 15 significant digits of the typed value is the
//! typed value (binary noise, H33). The unit is the code inside the form, not the file's name.

use std::collections::BTreeMap;
use std::path::Path;

use calamine::{Data, Range, Reader, Xlsx};

use crate::data::raw::{Lines, RawAgency, RawSignature, Scalar};
use crate::data::report::{
    validate_unit_report, RawActivity, RawFigure, RawObjectiveResult, RawProposal, RawProposals,
    RawUnit, RawUnitReport, UnitReport,
};
use crate::data::source::Source;
use crate::data::yaml::Locator;
use crate::data::{Checker, Plan};
use crate::diag::{Diagnostic, Diagnostics, Location, Warned};
use crate::form::write::{column_name, FIGURE_COLUMNS};
use crate::form::*;
use crate::model::text::{clean, Code, Text};

/// Largest form accepted, in bytes (20 MiB): a filled form is a few dozen kilobytes.
const MAX_FORM_BYTES: u64 = 20 * 1024 * 1024;
/// How many rows from the top the header row of a table is looked for.
const HEADER_SEARCH_ROWS: u32 = 40;

/// Read, parse and validate a unit's filled form against `plan`.
pub(crate) fn load_form(path: &Path, plan: &Plan) -> Result<Warned<UnitReport>, Diagnostics> {
    let mut form = Form::open(path)?;
    let raw = form.read(plan);
    let mut diags = std::mem::take(&mut form.diags);
    let Some(raw) = raw else {
        return Err(diags);
    };
    let source = Source::from_text(path, "");
    let locator = Locator::cells(std::mem::take(&mut form.cells));
    let mut c = Checker::new(&source, &locator);
    let report = validate_unit_report(&mut c, raw, plan);
    for mut d in c.diags.0 {
        if let Some(label) = d.field.as_deref().and_then(|f| form.label(f)) {
            d.field = Some(label);
        }
        if let Some(h) = d.hint.as_deref().and_then(form_hint) {
            d.hint = Some(h.to_string());
        }
        diags.push(d);
    }
    if diags.has_errors() {
        Err(diags)
    } else {
        Ok(Warned::new(report, diags))
    }
}

/// The form's own words for a validation hint that tells how to write a figure in YAML
/// (`thêm \`tu_so: <số>\``): the unit fills a cell, not a key.
fn form_hint(hint: &str) -> Option<&'static str> {
    if hint.contains("`hoan_thanh") {
        Some("chọn Có hoặc Không ở cột Hoàn thành của dòng chỉ tiêu này")
    } else if ["`tu_so: ", "`mau_so: ", "`so_luong: "]
        .iter()
        .any(|k| hint.contains(k))
    {
        Some("ghi số vào ô này (số nguyên từ 0); để trống cả dòng nếu chưa có số liệu")
    } else {
        None
    }
}

/// The unit code written in a form's info sheet, if it can be read (for a form rejected by
/// the validation: the unit it belongs to is the code inside it, not the file's name).
pub(crate) fn form_unit_code(path: &Path) -> Option<String> {
    let mut form = Form::open(path).ok()?;
    let sheet = form.sheet(SHEET_INFO)?;
    let fields = form.info(&sheet)?;
    fields
        .get("don_vi.ma")
        .map(|c| c.trim().to_string())
        .filter(|c| crate::data::report::is_unit_id(c))
}

/// An open form and what was found reading it.
struct Form {
    path: std::path::PathBuf,
    book: Xlsx<std::io::BufReader<std::fs::File>>,
    /// Problems found while reading cells (before validation).
    diags: Diagnostics,
    /// Field path → its cell, for the validation's messages.
    cells: BTreeMap<String, Location>,
    /// Field path → the name shown as the field (a column or label of the form).
    labels: BTreeMap<String, String>,
}

/// One sheet's values, with its name.
struct Sheet {
    name: &'static str,
    values: Range<Data>,
    formulas: Range<String>,
}

impl Sheet {
    fn get(&self, r: u32, c: u32) -> &Data {
        self.values.get_value((r, c)).unwrap_or(&Data::Empty)
    }

    /// The last row with anything in it (0 when empty).
    fn last_row(&self) -> u32 {
        let v = self.values.end().map_or(0, |e| e.0);
        let f = self.formulas.end().map_or(0, |e| e.0);
        v.max(f)
    }

    /// `Chỉ tiêu!E7`.
    fn at(&self, r: u32, c: u32) -> String {
        format!("{}!{}{}", self.name, column_name(c as u16), r + 1)
    }

    fn formula(&self, r: u32, c: u32) -> Option<&str> {
        self.formulas
            .get_value((r, c))
            .map(String::as_str)
            .filter(|f| !f.is_empty())
    }
}

/// A header or label as compared: trimmed, spaces collapsed, NFC (by [`clean`]); case counts
/// (a sheet's title is its header in capitals).
fn squash(s: &str) -> String {
    clean(s).split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A choice compared loosely: [`squash`]ed, lower case.
fn fold(s: &str) -> String {
    squash(s).to_lowercase()
}

/// The text of a cell as typed (numbers without binary noise, dates as `YYYY-MM-DD`).
fn text_of(d: &Data) -> String {
    match d {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => crate::model::format::number(denoise(*f), 15)
            .replace('.', "")
            .replace(',', "."),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.into(),
        Data::DateTime(dt) => excel_date(dt.as_f64()).unwrap_or_default(),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.chars().take(10).collect(),
        Data::Error(e) => format!("#{e:?}"),
    }
}

/// A spreadsheet date serial (days since 1899-12-30, the 1900 system) as `YYYY-MM-DD`.
fn excel_date(serial: f64) -> Option<String> {
    let base = chrono::NaiveDate::from_ymd_opt(1899, 12, 30)?;
    let d = base.checked_add_signed(chrono::TimeDelta::try_days(serial.floor() as i64)?)?;
    Some(d.format("%Y-%m-%d").to_string())
}

/// A number as typed: spreadsheet arithmetic leaves binary noise (`7.0000000000000009`,
/// `0.30000000000000004`); rounded to 15 significant digits, the precision a spreadsheet shows
/// and stores as typed (H33).
fn denoise(x: f64) -> f64 {
    if !x.is_finite() || x == 0.0 {
        return x;
    }
    format!("{x:.14e}").parse().unwrap_or(x)
}

/// Lines of a cell: one per line of the text, trimmed, blank lines dropped.
fn lines_of(s: &str) -> Lines {
    Lines(
        clean(s)
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(|l| Text::from_clean(l.to_string()))
            .collect(),
    )
}

impl Form {
    fn open(path: &Path) -> Result<Form, Diagnostics> {
        let loc = Location::file(path);
        let ext = path
            .extension()
            .map(|e| e.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        let resave = "mở tệp bằng Excel hoặc LibreOffice Calc, chọn Lưu thành (Save As) kiểu \
                      «Sổ làm việc Excel (.xlsx)», rồi dùng tệp .xlsx đó";
        if ext == "xls" || ext == "ods" {
            let what = if ext == "xls" {
                "tệp .xls (Excel 97–2003)"
            } else {
                "tệp .ods (LibreOffice)"
            };
            return Err(Diagnostic::error(
                loc,
                format!("{what} không đọc được: biểu mẫu báo cáo phải là tệp .xlsx"),
            )
            .with_hint(resave)
            .into());
        }
        let size = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
        if size > MAX_FORM_BYTES {
            return Err(Diagnostic::error(
                loc,
                format!("tệp quá lớn ({size} byte; tối đa {MAX_FORM_BYTES} byte)"),
            )
            .with_hint("biểu mẫu đã điền chỉ vài chục KB; hãy kiểm tra có chọn nhầm tệp không")
            .into());
        }
        let book: Xlsx<_> = calamine::open_workbook(path).map_err(|e| {
            let io = matches!(e, calamine::XlsxError::Io(_));
            Diagnostics::from(
                Diagnostic::error(
                    loc.clone(),
                    match &e {
                        calamine::XlsxError::Io(io) => {
                            format!("không đọc được tệp: {}", crate::data::io_vi(io))
                        }
                        _ => "không đọc được tệp Excel: tệp hỏng hoặc không phải tệp .xlsx"
                            .to_string(),
                    },
                )
                .with_hint(if io {
                    "kiểm tra đường dẫn và quyền đọc tệp; đóng tệp nếu đang mở trong Excel"
                } else {
                    resave
                }),
            )
        })?;
        Ok(Form {
            path: path.to_path_buf(),
            book,
            diags: Diagnostics::new(),
            cells: BTreeMap::new(),
            labels: BTreeMap::new(),
        })
    }

    /// The field name to show for field path `path`: its nearest located parent's label.
    fn label(&self, path: &str) -> Option<String> {
        let mut p = path;
        loop {
            if let Some(l) = self.labels.get(p) {
                return Some(l.clone());
            }
            p = &p[..p.rfind(['.', '['])?];
        }
    }

    fn error(&mut self, place: String, message: String, hint: &str) {
        self.diags
            .push(Diagnostic::error(Location::cell(&self.path, place), message).with_hint(hint));
    }

    /// Record that field `path` is at `place`, shown as `label`.
    fn locate(&mut self, path: String, place: String, label: String) {
        self.cells
            .insert(path.clone(), Location::cell(&self.path, place));
        self.labels.insert(path, label);
    }

    fn sheet(&mut self, name: &'static str) -> Option<Sheet> {
        let values = match self.book.worksheet_range(name) {
            Ok(v) => v,
            Err(_) => {
                let names = self.book.sheet_names().join(", ");
                self.diags.push(
                    Diagnostic::error(
                        Location::file(&self.path),
                        format!("biểu mẫu thiếu trang «{name}» (các trang có: {names})"),
                    )
                    .with_hint(
                        "biểu mẫu báo cáo do `vanban form` tạo có các trang Thông tin, Chỉ tiêu, \
                         Kết quả, Hoạt động, Khó khăn, Đề xuất: đừng đổi tên hay xóa trang; \
                         nếu cần, tạo lại biểu mẫu và chép số liệu sang",
                    ),
                );
                return None;
            }
        };
        let formulas = self.book.worksheet_formula(name).unwrap_or_default();
        let sheet = Sheet {
            name,
            values,
            formulas,
        };
        Some(sheet)
    }

    /// The header row of `sheet` and the column of each of `wanted` (by name), or an error
    /// naming the sheet. Merged cells below the header in a read column are an error (H35).
    fn columns(&mut self, sheet: &Sheet, wanted: &[&str]) -> Option<(u32, Vec<u32>)> {
        let first = squash(wanted[0]);
        let last_col = sheet.values.end().map_or(0, |e| e.1);
        let header = (0..HEADER_SEARCH_ROWS.min(sheet.last_row() + 1)).find(|&r| {
            (0..=last_col).any(|c| matches!(sheet.get(r, c), Data::String(s) if squash(s) == first))
        });
        let Some(header) = header else {
            self.error(
                sheet.name.to_string(),
                format!("trang «{}» không có dòng tiêu đề có cột «{}»", sheet.name, wanted[0]),
                "đừng sửa hay xóa dòng tiêu đề của bảng; nếu đã sửa, tạo lại biểu mẫu bằng `vanban form` và chép số liệu sang",
            );
            return None;
        };
        let mut cols = Vec::new();
        let mut ok = true;
        for name in wanted {
            let f = squash(name);
            let found: Vec<u32> = (0..=last_col)
                .filter(|&c| matches!(sheet.get(header, c), Data::String(s) if squash(s) == f))
                .collect();
            match found.as_slice() {
                [c] => cols.push(*c),
                [] => {
                    ok = false;
                    self.error(
                        format!("{}!{}", sheet.name, header + 1),
                        format!(
                            "trang «{}»: dòng tiêu đề (dòng {}) không có cột «{name}»",
                            sheet.name,
                            header + 1
                        ),
                        "đừng đổi tên, gộp hay xóa cột của biểu mẫu; nếu đã sửa, đặt lại đúng tên cột",
                    );
                }
                [a, b, ..] => {
                    ok = false;
                    self.error(
                        sheet.at(header, *b),
                        format!(
                            "trang «{}»: có hai cột «{name}» ({} và {})",
                            sheet.name,
                            sheet.at(header, *a),
                            sheet.at(header, *b)
                        ),
                        "xóa cột chép thừa: vanban không biết đọc cột nào",
                    );
                }
            }
        }
        if !ok {
            return None;
        }
        let merged = self
            .book
            .worksheet_merge_cells(sheet.name)
            .and_then(Result::ok)
            .unwrap_or_default();
        for m in merged {
            let read = cols.iter().any(|c| (m.start.1..=m.end.1).contains(c));
            if m.end.0 > header && read {
                ok = false;
                self.error(
                    format!(
                        "{}:{}",
                        sheet.at(m.start.0, m.start.1),
                        &sheet.at(m.end.0, m.end.1)[sheet.name.len() + 1..]
                    ),
                    format!(
                        "trang «{}»: các ô {}{}:{}{} bị gộp (merge)",
                        sheet.name,
                        column_name(m.start.1 as u16),
                        m.start.0 + 1,
                        column_name(m.end.1 as u16),
                        m.end.0 + 1
                    ),
                    "bỏ gộp ô (Home › Merge & Center) và ghi mỗi số liệu vào đúng ô của nó",
                );
            }
        }
        ok.then_some((header, cols))
    }

    /// Read the whole form into a raw unit report; `None` when the form cannot be read as one
    /// (its problems are in `self.diags`).
    fn read(&mut self, plan: &Plan) -> Option<RawUnitReport> {
        let info = self.sheet(SHEET_INFO);
        let figures = self.sheet(SHEET_FIGURES);
        let results = self.sheet(SHEET_RESULTS);
        let activities = self.sheet(SHEET_ACTIVITIES);
        let difficulties = self.sheet(SHEET_DIFFICULTIES);
        let proposals = self.sheet(SHEET_PROPOSALS);
        let (info, figures, results, activities, difficulties, proposals) = (
            info?,
            figures?,
            results?,
            activities?,
            difficulties?,
            proposals?,
        );
        let fields = self.info(&info);
        let so_lieu = self.figures(&figures, plan);
        let ket_qua = self.results(&results);
        let hoat_dong = self.activities(&activities);
        let kho_khan = self.lines(&difficulties, H_DIFFICULTY, "kho_khan");
        let de_xuat = self.proposals(&proposals);
        let (fields, so_lieu, ket_qua, hoat_dong, kho_khan, de_xuat) =
            (fields?, so_lieu?, ket_qua?, hoat_dong?, kho_khan?, de_xuat?);
        let text = |k: &str| Text::new(fields.get(k).cloned().unwrap_or_default());
        let lines = |k: &str| lines_of(fields.get(k).map_or("", String::as_str));
        Some(RawUnitReport {
            loai: None,
            don_vi: RawUnit {
                ma: Code::new(fields.get("don_vi.ma").cloned().unwrap_or_default()),
                ten: text("don_vi.ten"),
            },
            co_quan: RawAgency {
                chu_quan: lines("co_quan.chu_quan"),
                ban_hanh: lines("co_quan.ban_hanh"),
                tieu_de_phai: Some(text("co_quan.tieu_de_phai")).filter(|t| !t.trim().is_empty()),
            },
            so_ky_hieu: text("so_ky_hieu"),
            dia_danh: text("dia_danh"),
            ngay_ban_hanh: Scalar(text("ngay_ban_hanh")),
            ngay_nop: Scalar(text("ngay_nop")),
            kinh_gui: lines("kinh_gui"),
            trich_yeu: lines("trich_yeu"),
            mo_dau: lines("mo_dau"),
            ket_qua,
            hoat_dong,
            kho_khan,
            de_xuat,
            so_lieu,
            ket_luan: lines("ket_luan"),
            noi_nhan: lines("noi_nhan"),
            ky: RawSignature {
                quyen_han: lines("ky.quyen_han"),
                chuc_vu: text("ky.chuc_vu"),
                nguoi_ky: text("ky.nguoi_ky"),
            },
        })
    }

    /// The info sheet: field key → text of its cell.
    fn info(&mut self, sheet: &Sheet) -> Option<BTreeMap<&'static str, String>> {
        let (header, cols) = self.columns(sheet, &[H_FIELD, H_VALUE])?;
        let (label_col, value_col) = (cols[0], cols[1]);
        let mut out = BTreeMap::new();
        for r in header + 1..=sheet.last_row() {
            let Data::String(label) = sheet.get(r, label_col) else {
                continue;
            };
            let label = squash(label);
            let Some(f) = INFO_FIELDS.iter().find(|f| f.label == label) else {
                continue;
            };
            if out.contains_key(f.key) {
                self.error(
                    sheet.at(r, label_col),
                    format!("trang «{}»: mục «{}» có hai dòng", sheet.name, f.label),
                    "xóa dòng chép thừa",
                );
                continue;
            }
            let v = sheet.get(r, value_col);
            if let Some(e) = self.unusable(sheet, r, value_col, f.label) {
                self.diags.push(e);
                continue;
            }
            let value = match (f.shape, v) {
                (FieldShape::Date, Data::Float(x)) => excel_date(*x).unwrap_or_default(),
                _ => text_of(v),
            };
            self.locate(
                f.key.to_string(),
                sheet.at(r, value_col),
                f.label.to_string(),
            );
            out.insert(f.key, value);
        }
        for f in INFO_FIELDS {
            if !out.contains_key(f.key) {
                self.locate(
                    f.key.to_string(),
                    sheet.name.to_string(),
                    f.label.to_string(),
                );
            }
        }
        Some(out)
    }

    /// A cell that cannot be used at all: an error value (`#DIV/0!`), or a formula whose
    /// result was never computed (H36).
    fn unusable(&self, sheet: &Sheet, r: u32, c: u32, what: &str) -> Option<Diagnostic> {
        let at = Location::cell(&self.path, sheet.at(r, c));
        let value = match sheet.get(r, c) {
            Data::String(s) if s.is_empty() => &Data::Empty,
            v => v,
        };
        match value {
            Data::Error(e) => Some(
                Diagnostic::error(at, format!("ô {what} có lỗi công thức ({e:?})"))
                    .with_hint("ghi số liệu trực tiếp vào ô, không dùng công thức"),
            ),
            // A formula whose stored result is empty: never computed (or computed to
            // nothing); either way there is no figure in it.
            Data::Empty if sheet.formula(r, c).is_some() => Some(
                Diagnostic::error(
                    at,
                    format!("ô {what} có công thức nhưng chưa có kết quả tính"),
                )
                .with_hint(
                    "mở tệp bằng Excel hoặc LibreOffice Calc và lưu lại (để công thức được tính), \
                     hoặc ghi số liệu trực tiếp vào ô",
                ),
            ),
            _ => None,
        }
    }

    /// A number cell: `Ok(None)` when empty; an error naming the cell when it holds text, a
    /// yes/no or a date. A count (`whole`) must be a whole number (H33).
    fn number(
        &mut self,
        sheet: &Sheet,
        r: u32,
        c: u32,
        what: &str,
        whole: bool,
    ) -> Result<Option<f64>, ()> {
        if let Some(e) = self.unusable(sheet, r, c, what) {
            self.diags.push(e);
            return Err(());
        }
        let x = match sheet.get(r, c) {
            Data::Empty => return Ok(None),
            Data::Int(i) => *i as f64,
            Data::Float(f) => denoise(*f),
            Data::String(s) if s.trim().is_empty() => return Ok(None),
            Data::String(s) if s.trim().bytes().all(|b| b.is_ascii_digit()) => {
                s.trim().parse().unwrap_or(f64::NAN)
            }
            Data::String(s) => {
                let v = s.trim();
                let separators = v.chars().any(|ch| ch == ',' || ch == '.')
                    && v.chars()
                        .all(|ch| ch.is_ascii_digit() || matches!(ch, ',' | '.' | '-' | ' '));
                let message = if separators {
                    format!(
                        "ô {what} ghi chữ `{v}`, không phải số: số viết có dấu phẩy hoặc dấu chấm \
                         (kiểu Việt Nam: dấu chấm hàng nghìn, dấu phẩy thập phân) được lưu thành chữ"
                    )
                } else {
                    format!("ô {what} ghi chữ `{v}`, không phải số")
                };
                self.error(
                    sheet.at(r, c),
                    message,
                    "ô được định dạng Văn bản (Text) hoặc số có dấu chấm, dấu phẩy: xóa ô, \
                     chọn định dạng Số (Number) rồi gõ lại số nguyên không dấu ngăn cách, \
                     ví dụ 1240",
                );
                return Err(());
            }
            other => {
                self.error(
                    sheet.at(r, c),
                    format!("ô {what} không phải số (đang là `{}`)", text_of(other)),
                    "ghi số nguyên từ 0 trở lên",
                );
                return Err(());
            }
        };
        if whole && x.is_finite() && x.fract() != 0.0 {
            self.error(
                sheet.at(r, c),
                format!(
                    "ô {what} là {}, không phải số nguyên",
                    crate::model::format::number(x, 9)
                ),
                "số lượng là số đếm: ghi số nguyên",
            );
            return Err(());
        }
        Ok(Some(x))
    }

    /// The indicator sheet: one raw figure per indicator row with something typed in it.
    fn figures(&mut self, sheet: &Sheet, plan: &Plan) -> Option<Vec<RawFigure>> {
        let wanted = [H_CODE, H_NUMERATOR, H_DENOMINATOR, H_COUNT, H_DONE, H_NOTE];
        debug_assert!(wanted.iter().all(|w| FIGURE_COLUMNS.contains(w)));
        let (header, cols) = self.columns(sheet, &wanted)?;
        let [code_col, num_col, den_col, count_col, done_col, note_col] =
            [cols[0], cols[1], cols[2], cols[3], cols[4], cols[5]];
        let inputs = [num_col, den_col, count_col, done_col, note_col];
        let mut out = Vec::new();
        let (mut codes, mut known) = (Vec::new(), 0usize);
        let errors_before = self.diags.0.len();
        for r in header + 1..=sheet.last_row() {
            let typed = inputs.iter().find(|&&c| {
                !matches!(sheet.get(r, c), Data::Empty) || sheet.formula(r, c).is_some()
            });
            let code = match sheet.get(r, code_col) {
                Data::String(s) => s.trim().to_string(),
                Data::Empty => String::new(),
                Data::Float(_) | Data::Int(_) => {
                    let v = text_of(sheet.get(r, code_col));
                    self.error(
                        sheet.at(r, code_col),
                        format!("mã chỉ tiêu ở ô này là số `{v}`, không phải mã biểu mẫu đã ghi"),
                        "mã chỉ tiêu là chữ và được khóa trong biểu mẫu; một công cụ khác đã đổi nó \
                         thành số (1.10 thành 1.1, 0100 thành 100): tạo lại biểu mẫu bằng \
                         `vanban form` và chép số liệu sang",
                    );
                    continue;
                }
                other => text_of(other),
            };
            if code.is_empty() {
                if let Some(&c) = typed {
                    self.error(
                        sheet.at(r, c),
                        format!(
                            "trang «{}», dòng {}: có số liệu nhưng không có mã chỉ tiêu",
                            sheet.name,
                            r + 1
                        ),
                        "mỗi số liệu ghi vào dòng của chỉ tiêu có sẵn; đừng thêm dòng hay chép số liệu ra ngoài bảng",
                    );
                }
                continue;
            }
            codes.push(code.clone());
            if plan.indicator(&code).is_some() {
                known += 1;
            }
            if typed.is_none() {
                // Not reported: an empty row.
                continue;
            }
            let i = out.len();
            let label = |h: &str| format!("{h} (chỉ tiêu {code})");
            let ind = plan.indicator(&code);
            let mut bad = false;
            let mut num = |f: &mut Form, c: u32, h: &str, whole: bool| {
                f.number(sheet, r, c, &label(h), whole).unwrap_or_else(|_| {
                    bad = true;
                    None
                })
            };
            let tu_so = num(self, num_col, H_NUMERATOR, false);
            let mau_so = num(self, den_col, H_DENOMINATOR, false);
            let so_luong = num(
                self,
                count_col,
                H_COUNT,
                ind.is_some_and(|i| i.measure == crate::data::indicator::Measure::Count),
            );
            let hoan_thanh = match sheet.get(r, done_col) {
                Data::Empty => None,
                Data::Bool(b) => Some(*b),
                Data::String(s) if fold(s) == fold(YES) => Some(true),
                Data::String(s) if fold(s) == fold(NO) => Some(false),
                Data::String(s) if s.trim().is_empty() => None,
                other => {
                    self.error(
                        sheet.at(r, done_col),
                        format!(
                            "ô {} ghi `{}`: chỉ được chọn {YES} hoặc {NO}",
                            label(H_DONE),
                            text_of(other)
                        ),
                        "chọn trong danh sách của ô: Có (đã thực hiện) hoặc Không",
                    );
                    bad = true;
                    None
                }
            };
            let note = text_of(sheet.get(r, note_col));
            if bad {
                continue;
            }
            let p = format!("so_lieu[{i}]");
            for (key, c, h) in [
                ("ma", code_col, H_CODE),
                ("tu_so", num_col, H_NUMERATOR),
                ("mau_so", den_col, H_DENOMINATOR),
                ("so_luong", count_col, H_COUNT),
                ("hoan_thanh", done_col, H_DONE),
                ("ghi_chu", note_col, H_NOTE),
            ] {
                self.locate(format!("{p}.{key}"), sheet.at(r, c), label(h));
            }
            self.locate(p, sheet.at(r, code_col), label(H_CODE));
            out.push(RawFigure {
                ma: Code::new(code.clone()),
                tu_so,
                mau_so,
                so_luong,
                hoan_thanh,
                ghi_chu: Some(Text::new(note)).filter(|t| !t.trim().is_empty()),
                nguon: Vec::new(),
            });
        }
        if known == 0 && !codes.is_empty() {
            self.diags.0.truncate(errors_before);
            let ids: Vec<&str> = plan.indicators.iter().map(|i| i.id.as_str()).collect();
            self.error(
                sheet.name.to_string(),
                format!(
                    "biểu mẫu này là của một kế hoạch khác: không mã chỉ tiêu nào ({}) có trong kế hoạch {}",
                    codes.join(", "),
                    plan.path.display()
                ),
                &format!(
                    "tạo biểu mẫu từ đúng kế hoạch bằng `vanban form --plan {}`; các mã của kế hoạch: {}",
                    plan.path.display(),
                    ids.join(", ")
                ),
            );
            return None;
        }
        Some(out)
    }

    /// The results sheet: one result per objective row with text.
    fn results(&mut self, sheet: &Sheet) -> Option<Vec<RawObjectiveResult>> {
        let (header, cols) = self.columns(sheet, &[H_OBJECTIVE, H_RESULT_TEXT])?;
        let mut out = Vec::new();
        for r in header + 1..=sheet.last_row() {
            if let Some(e) = self.unusable(sheet, r, cols[1], H_RESULT_TEXT) {
                self.diags.push(e);
                continue;
            }
            let text = text_of(sheet.get(r, cols[1]));
            if text.trim().is_empty() {
                continue;
            }
            let Ok(n) = self.number(sheet, r, cols[0], H_OBJECTIVE, true) else {
                continue;
            };
            let Some(n) = n else {
                self.error(
                    sheet.at(r, cols[0]),
                    format!("dòng {} có kết quả nhưng không ghi mục tiêu", r + 1),
                    "ghi số thứ tự mục tiêu của kế hoạch vào cột Mục tiêu",
                );
                continue;
            };
            let i = out.len();
            self.locate(
                format!("ket_qua[{i}].muc_tieu"),
                sheet.at(r, cols[0]),
                H_OBJECTIVE.into(),
            );
            self.locate(
                format!("ket_qua[{i}]"),
                sheet.at(r, cols[1]),
                H_RESULT_TEXT.into(),
            );
            out.push(RawObjectiveResult {
                muc_tieu: n.max(0.0) as usize,
                noi_dung: lines_of(&text),
            });
        }
        Some(out)
    }

    /// The activities sheet: one activity per row with anything in it.
    fn activities(&mut self, sheet: &Sheet) -> Option<Vec<RawActivity>> {
        let wanted = [
            H_ACTIVITY,
            H_OBJECTIVE,
            H_SESSIONS,
            H_ATTENDANCE,
            H_ARTICLES,
        ];
        let (header, cols) = self.columns(sheet, &wanted)?;
        let mut out = Vec::new();
        for r in header + 1..=sheet.last_row() {
            if cols
                .iter()
                .all(|&c| matches!(sheet.get(r, c), Data::Empty) && sheet.formula(r, c).is_none())
            {
                continue;
            }
            let i = out.len();
            let mut bad = false;
            let mut count = |f: &mut Form, k: usize| -> Option<u64> {
                match f.number(sheet, r, cols[k], wanted[k], true) {
                    Ok(Some(x)) if x < 0.0 => {
                        f.error(
                            sheet.at(r, cols[k]),
                            format!("ô {} là số âm", wanted[k]),
                            "ghi số từ 0 trở lên",
                        );
                        bad = true;
                        None
                    }
                    Ok(x) => x.map(|x| x as u64),
                    Err(()) => {
                        bad = true;
                        None
                    }
                }
            };
            let objective = count(self, 1);
            let sessions = count(self, 2);
            let attendance = count(self, 3);
            let articles = count(self, 4);
            if bad {
                continue;
            }
            for (k, key) in ["ten", "muc_tieu", "so_buoi", "so_luot_nguoi", "so_tin_bai"]
                .iter()
                .enumerate()
            {
                self.locate(
                    format!("hoat_dong[{i}].{key}"),
                    sheet.at(r, cols[k]),
                    wanted[k].into(),
                );
            }
            self.locate(
                format!("hoat_dong[{i}]"),
                sheet.at(r, cols[0]),
                H_ACTIVITY.into(),
            );
            out.push(RawActivity {
                ten: Text::new(text_of(sheet.get(r, cols[0]))),
                muc_tieu: objective.map(|n| n as usize),
                so_buoi: sessions,
                so_luot_nguoi: attendance,
                so_tin_bai: articles,
            });
        }
        Some(out)
    }

    /// The proposals sheet: each line of each cell is one proposal; a row marked `Có` in the
    /// `Nội bộ` column is addressed to the consolidating agency only (`noi_bo`).
    fn proposals(&mut self, sheet: &Sheet) -> Option<RawProposals> {
        let (header, cols) = self.columns(sheet, &[H_PROPOSAL, H_INTERNAL])?;
        let mut out = Vec::new();
        let mut first = None;
        for r in header + 1..=sheet.last_row() {
            if let Some(e) = self.unusable(sheet, r, cols[0], H_PROPOSAL) {
                self.diags.push(e);
                continue;
            }
            let items = lines_of(&text_of(sheet.get(r, cols[0])));
            if items.0.is_empty() {
                continue;
            }
            first.get_or_insert(r);
            let internal = match sheet.get(r, cols[1]) {
                Data::Empty => false,
                Data::Bool(b) => *b,
                Data::String(s) if s.trim().is_empty() || fold(s) == fold(NO) => false,
                Data::String(s) if fold(s) == fold(YES) => true,
                other => {
                    self.error(
                        sheet.at(r, cols[1]),
                        format!(
                            "ô {H_INTERNAL} ghi `{}`: chỉ được chọn {YES} hoặc để trống",
                            text_of(other)
                        ),
                        "chọn Có nếu đề xuất chỉ gửi cơ quan tổng hợp; để trống nếu chuyển cả lên cấp trên",
                    );
                    continue;
                }
            };
            if internal {
                out.push(RawProposal::Internal(items));
            } else {
                out.extend(items.0.into_iter().map(RawProposal::Forward));
            }
        }
        let place = match first {
            Some(r) => sheet.at(r, cols[0]),
            None => sheet.name.to_string(),
        };
        self.locate("de_xuat".into(), place, H_PROPOSAL.into());
        Some(RawProposals(out))
    }

    /// A one-column list sheet: each line of each cell is one item.
    fn lines(&mut self, sheet: &Sheet, header_name: &str, key: &str) -> Option<Lines> {
        let (header, cols) = self.columns(sheet, &[header_name])?;
        let mut out = Vec::new();
        let mut first = None;
        for r in header + 1..=sheet.last_row() {
            if let Some(e) = self.unusable(sheet, r, cols[0], header_name) {
                self.diags.push(e);
                continue;
            }
            let items = lines_of(&text_of(sheet.get(r, cols[0])));
            if !items.0.is_empty() {
                first.get_or_insert(r);
            }
            out.extend(items.0);
        }
        let place = match first {
            Some(r) => sheet.at(r, cols[0]),
            None => sheet.name.to_string(),
        };
        self.locate(key.to_string(), place, header_name.to_string());
        Some(Lines(out))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn h33_binary_noise_is_the_typed_number() {
        assert_eq!(denoise(7.000_000_000_000_001), 7.0);
        assert_eq!(denoise(0.1 + 0.2), 0.3);
        assert_eq!(denoise(7.5), 7.5);
        assert_eq!(denoise(1240.0), 1240.0);
    }

    #[test]
    fn dates_from_serials() {
        assert_eq!(excel_date(45992.0).as_deref(), Some("2025-12-01"));
    }

    #[test]
    fn headers_compare_by_words() {
        assert_eq!(squash("  Tử   số "), "Tử số");
        assert_eq!(fold(" CÓ "), fold("có"));
    }
}
