//! Stage 1, **data**: YAML file → typed, validated, cleaned record.
//!
//! [`source::decode`] reads the bytes into text, [`yaml::parse`] runs the one event pass and types
//! the text into raw structs ([`raw`]) whose text values are cleaned as they are read
//! ([`crate::model::Text`]), and the `validate_*` functions turn raw structs into domain records,
//! collecting every problem with its place instead of stopping at the first.

pub(crate) mod document;
pub(crate) mod encoding;
pub(crate) mod envelope;
pub(crate) mod fields;
pub(crate) mod frame;
pub(crate) mod indicator;
pub(crate) mod lint;
pub(crate) mod plan;
pub(crate) mod previous;
pub(crate) mod raw;
pub(crate) mod report;
pub mod source;
pub(crate) mod xlsx;
pub mod yaml;

use std::path::Path;

use crate::diag::{Diagnostic, Diagnostics, Location};
pub(crate) use document::load_document;
pub(crate) use envelope::load_envelope;
pub(crate) use plan::{load_plan, Plan};
pub(crate) use previous::load_previous_year;
pub(crate) use report::load_unit_report;
use source::Source;
pub(crate) use yaml::FileKind;
use yaml::Locator;

/// Read a file into text (see [`source::decode`]); I/O errors become diagnostics.
pub(crate) fn read_source(path: &Path) -> Result<Source, Diagnostics> {
    let bytes = std::fs::read(path).map_err(|e| {
        Diagnostics::from(
            Diagnostic::error(
                Location::file(path),
                format!("không đọc được tệp: {}", io_vi(&e)),
            )
            .with_hint("kiểm tra đường dẫn và quyền đọc tệp"),
        )
    })?;
    source::decode(path, &bytes)
}

/// Tell what kind of data file `path` is by its top-level keys (the YAML event pass; no typing).
/// A file that cannot be read, or whose keys could not be read before a syntax error, is
/// [`FileKind::Unknown`], with the problems found.
pub fn recognize(path: &Path) -> (FileKind, Diagnostics) {
    if crate::form::is_spreadsheet(path) {
        // A spreadsheet is a unit's form (`vanban form`); its problems come when it is read.
        return (FileKind::UnitReport, Diagnostics::new());
    }
    match read_source(path) {
        Ok(source) => {
            let scan = yaml::scan(&source);
            (scan.kind(), scan.diags)
        }
        Err(d) => (FileKind::Unknown, d),
    }
}

/// Check that `path` is a readable file before loading it: a missing file or a folder is an
/// I/O error (exit code 2), not a data error.
pub fn ensure_file(path: &Path) -> Result<(), crate::Error> {
    let io = |message: String| crate::Error::Io {
        path: path.to_path_buf(),
        message,
    };
    match std::fs::metadata(path) {
        Ok(m) if m.is_dir() => Err(io(
            "không đọc được tệp dữ liệu: đây là thư mục, không phải tệp (hãy chỉ định một tệp .yaml)"
                .into(),
        )),
        Ok(_) => Ok(()),
        Err(e) => Err(io(format!("không đọc được tệp dữ liệu ({})", io_vi(&e)))),
    }
}

/// Check that `path` is an existing folder (`what` names it in the message): a missing data or
/// template folder is an I/O problem (exit 2), not a data error.
pub fn ensure_dir(path: &Path, what: &str) -> Result<(), crate::Error> {
    let io = |message: String| crate::Error::Io {
        path: path.to_path_buf(),
        message,
    };
    match std::fs::metadata(path) {
        Ok(m) if m.is_dir() => Ok(()),
        Ok(_) => Err(io(format!("{what} phải là một thư mục, không phải tệp"))),
        Err(e) => Err(io(format!(
            "không mở được {what} ({}); {}",
            io_vi(&e),
            if what == "thư mục dữ liệu" {
                "hãy chạy lệnh trong thư mục có `data/` hoặc chỉ định đúng đường dẫn"
            } else {
                "hãy kiểm tra đường dẫn"
            }
        ))),
    }
}

/// Vietnamese text for common I/O errors.
pub fn io_vi(e: &std::io::Error) -> String {
    use std::io::ErrorKind::*;
    match e.kind() {
        NotFound => "không tìm thấy tệp hoặc thư mục".into(),
        PermissionDenied => "không có quyền truy cập".into(),
        AlreadyExists => "tệp đã tồn tại".into(),
        IsADirectory => "đây là thư mục, không phải tệp".into(),
        ReadOnlyFilesystem => "ổ đĩa chỉ cho phép đọc".into(),
        StorageFull => "ổ đĩa đã đầy".into(),
        NotADirectory => "một phần của đường dẫn là tệp, không phải thư mục".into(),
        ResourceBusy | ExecutableFileBusy => {
            "tệp đang bị chương trình khác mở (ví dụ Word); hãy đóng tệp rồi chạy lại".into()
        }
        InvalidFilename => "tên tệp không hợp lệ".into(),
        FileTooLarge => "tệp quá lớn".into(),
        _ => format!("lỗi hệ thống ({e})"),
    }
}

/// Read `path`, parse it into the raw type `R` (top-level keys `fields`, for "did you mean"
/// hints) and validate it into `T` with `validate`; every problem is returned, warnings with the value.
pub(crate) fn load_with<R, T>(
    path: &Path,
    fields: &[&str],
    validate: impl FnOnce(&mut Checker<'_>, R) -> T,
) -> Result<crate::diag::Warned<T>, Diagnostics>
where
    R: serde::de::DeserializeOwned + schemars::JsonSchema,
{
    let source = read_source(path)?;
    let parsed = yaml::parse::<R>(&source, fields)?;
    let mut diags = parsed.warnings;
    let mut c = Checker::new(&source, &parsed.locator);
    let value = validate(&mut c, parsed.value);
    diags.extend(c.diags);
    if diags.has_errors() {
        Err(diags)
    } else {
        Ok(crate::diag::Warned::new(value, diags))
    }
}

/// Collects diagnostics for one source file, locating field paths with its [`Locator`].
pub struct Checker<'a> {
    /// The file being checked.
    pub source: &'a Source,
    /// Where each field path is.
    pub locator: &'a Locator,
    /// Everything found so far.
    pub diags: Diagnostics,
}

impl<'a> Checker<'a> {
    /// A checker for `source`.
    pub fn new(source: &'a Source, locator: &'a Locator) -> Self {
        Checker {
            source,
            locator,
            diags: Diagnostics::new(),
        }
    }

    /// The location of a field path.
    pub fn at(&self, field: &str) -> Location {
        self.locator.locate(self.source, field)
    }

    /// Record an error at `field` with a hint.
    pub fn error(&mut self, field: &str, message: impl Into<String>, hint: impl Into<String>) {
        let d = Diagnostic::error(self.at(field), message)
            .with_field(field)
            .with_hint(hint);
        self.diags.push(d);
    }

    /// Record a warning at `field` with a hint.
    pub fn warn(&mut self, field: &str, message: impl Into<String>, hint: impl Into<String>) {
        let d = Diagnostic::warning(self.at(field), message)
            .with_field(field)
            .with_hint(hint);
        self.diags.push(d);
    }

    /// Record an error when a required text is blank.
    pub fn require(&mut self, field: &str, value: &str, what: &str) {
        if value.trim().is_empty() {
            self.error(
                field,
                format!("{what} đang để trống"),
                format!("điền {what} vào trường `{field}`"),
            );
        }
    }
}
