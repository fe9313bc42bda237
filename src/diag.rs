//! Diagnostics: problems in the user's input, as values with a place and a hint.
//!
//! Every stage collects its problems into [`Diagnostics`] instead of stopping at the first one;
//! the CLI prints them once, in Vietnamese, and maps them to an exit code ([`ExitStatus`]).

use std::fmt;
use std::path::{Path, PathBuf};

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Cảnh báo — the document is still produced.
    Warning,
    /// Lỗi — no document is produced.
    Error,
}

/// Vị trí — where a problem is: file, line and column (1-based, columns count characters).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Location {
    /// The input file (data or template).
    pub file: Option<PathBuf>,
    /// Line, 1-based; 0 when unknown.
    pub line: usize,
    /// Column in characters, 1-based; 0 when unknown.
    pub column: usize,
    /// Ô — in a spreadsheet (a unit's `.xlsx` form), the sheet and cell, e.g. `Chỉ tiêu!E7`;
    /// printed after the file as `tệp.xlsx!Chỉ tiêu!E7`.
    pub cell: Option<String>,
}

impl Location {
    /// A location in `file` at `line:column`.
    pub fn new(file: &Path, line: usize, column: usize) -> Self {
        Location {
            file: Some(file.to_path_buf()),
            line,
            column,
            cell: None,
        }
    }

    /// A cell of a spreadsheet: `place` is `Sheet!C7` (or a sheet's name alone).
    pub fn cell(file: &Path, place: impl Into<String>) -> Self {
        Location {
            cell: Some(place.into()),
            ..Location::file(file)
        }
    }

    /// The whole file, without a line.
    pub fn file(file: &Path) -> Self {
        Location::new(file, 0, 0)
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.file {
            Some(p) => write!(f, "{}", p.display())?,
            None => write!(f, "<không rõ tệp>")?,
        }
        if let Some(cell) = &self.cell {
            return write!(f, "!{cell}");
        }
        if self.line > 0 {
            write!(f, ":{}", self.line)?;
            if self.column > 0 {
                write!(f, ":{}", self.column)?;
            }
        }
        Ok(())
    }
}

/// Chẩn đoán — one problem found in the input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// The message, in Vietnamese.
    pub message: String,
    /// Where the problem is.
    pub location: Location,
    /// Đường dẫn trường — the field path in the YAML, e.g. `muc_tieu[1].chi_tieu[0].ke_hoach`.
    pub field: Option<String>,
    /// Gợi ý — how to fix it, in Vietnamese.
    pub hint: Option<String>,
}

impl Diagnostic {
    /// An error at `location`.
    pub fn error(location: Location, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            message: message.into(),
            location,
            field: None,
            hint: None,
        }
    }

    /// A warning at `location`.
    pub fn warning(location: Location, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(location, message)
        }
    }

    /// Attach the YAML field path.
    pub fn with_field(mut self, field: impl Into<String>) -> Self {
        let field = field.into();
        if !field.is_empty() {
            self.field = Some(field);
        }
        self
    }

    /// Attach a hint.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Whether this is an error (not a warning).
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    /// Render as
    /// ```text
    /// lỗi: <message>
    ///   --> file:line:column
    ///   = trường: <field path>
    ///   = gợi ý: <hint>
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => "lỗi",
            Severity::Warning => "cảnh báo",
        };
        // A value echoed with a zero-width character in it (copied from Word or the web) would
        // look right on screen: the character is shown by its code point and named (H23).
        let mut hidden = Vec::new();
        let mut message = String::with_capacity(self.message.len());
        for ch in self.message.chars() {
            if crate::model::text::is_zero_width(ch) {
                message.push_str(&format!("⟨U+{:04X}⟩", ch as u32));
                if !hidden.contains(&ch) {
                    hidden.push(ch);
                }
            } else {
                message.push(ch);
            }
        }
        write!(f, "{label}: {message}")?;
        write!(f, "\n  --> {}", self.location)?;
        if let Some(field) = &self.field {
            write!(f, "\n  = trường: {field}")?;
        }
        if let Some(hint) = &self.hint {
            write!(f, "\n  = gợi ý: {hint}")?;
        }
        for ch in hidden {
            let name = crate::model::text::invisible_name(ch).unwrap_or_default();
            write!(
                f,
                "\n  = ký tự vô hình: {name} (chỗ ⟨U+{:04X}⟩): xóa ký tự này trong tệp (thường lọt vào khi sao chép từ Word hay trang web)",
                ch as u32
            )?;
        }
        Ok(())
    }
}

/// A list of diagnostics, in the order found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    /// An empty list.
    pub fn new() -> Self {
        Diagnostics(Vec::new())
    }

    /// Add one diagnostic.
    pub fn push(&mut self, d: Diagnostic) {
        self.0.push(d);
    }

    /// Add all of `other`.
    pub fn extend(&mut self, other: Diagnostics) {
        self.0.extend(other.0);
    }

    /// Whether any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.0.iter().any(Diagnostic::is_error)
    }

    /// Whether the list is empty.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The errors only.
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter().filter(|d| d.is_error())
    }

    /// The warnings only.
    pub fn warnings(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter().filter(|d| !d.is_error())
    }
}

impl From<Diagnostic> for Diagnostics {
    fn from(d: Diagnostic) -> Self {
        Diagnostics(vec![d])
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, d) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{d}")?;
        }
        Ok(())
    }
}

/// A value together with the warnings produced while making it.
#[derive(Debug, Clone)]
pub struct Warned<T> {
    /// The value.
    pub value: T,
    /// Warnings (never errors).
    pub warnings: Diagnostics,
}

impl<T> Warned<T> {
    /// A value with the given warnings.
    pub fn new(value: T, warnings: Diagnostics) -> Self {
        Warned { value, warnings }
    }
}

/// Mã thoát — the documented exit codes of the `vanban` command.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitStatus {
    /// 0: success (warnings may have been printed).
    Ok = 0,
    /// 1: invalid input (data or template): the diagnostics say where.
    InvalidInput = 1,
    /// 2: usage error (bad arguments) or I/O error (file missing, not writable).
    UsageOrIo = 2,
    /// 3: internal error (a bug in vanban: the generated package failed its own check).
    Internal = 3,
    /// 4: nothing failed, but a document was not written because the file there was edited
    /// since vanban wrote it, or is not vanban's (`--force` overwrites; see `output::Outputs`).
    NotOverwritten = 4,
    /// 5: the .docx files were written, but the PDF files asked for (`--pdf`) were not: no
    /// LibreOffice, LibreOffice failed or ran past its time, or a PDF failed its check.
    PdfFailed = 5,
}

impl ExitStatus {
    /// The more serious of two outcomes: an internal error, then a usage or I/O error, then
    /// invalid input, then PDF files not made, then a kept file, then success.
    pub fn max(self, other: ExitStatus) -> ExitStatus {
        let rank = |s: ExitStatus| match s {
            ExitStatus::Ok => 0,
            ExitStatus::NotOverwritten => 1,
            ExitStatus::PdfFailed => 2,
            ExitStatus::InvalidInput => 3,
            ExitStatus::UsageOrIo => 4,
            ExitStatus::Internal => 5,
        };
        if rank(other) > rank(self) {
            other
        } else {
            self
        }
    }
}
