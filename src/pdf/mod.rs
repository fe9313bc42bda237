//! Xuất PDF: the written .docx files → PDF (or PDF/A-1b) through LibreOffice in headless mode,
//! then each PDF checked with a PDF library ([`check()`]).
//!
//! - [`find_soffice`]: `VANBAN_SOFFICE`, then `soffice` / `libreoffice` on `PATH`, then the usual
//!   install places (Linux, macOS, Windows' `C:\Program Files\LibreOffice\program`).
//! - [`font_warning`]: whether Times New Roman, or a font of the same metrics *with the Vietnamese
//!   letters* (U+1EF0 `Ự` stands for the block), is there for LibreOffice (NĐ 30 Phụ lục I, I.2:
//!   phông chữ Times New Roman, bộ mã TCVN 6909:2001).
//! - [`convert`]: every file of a run in ONE LibreOffice process, with a private temporary profile
//!   (`-env:UserInstallation`: never the user's own, so an open LibreOffice, a second run at the
//!   same time or a profile that wants to restore documents are not in the way), `--norestore
//!   --nolockcheck`, copies of the files under plain names in a temporary folder (a stale
//!   `.~lock.X.docx#` beside the output is never looked at), a timeout after which the whole
//!   process tree is stopped and LibreOffice's own output is shown. The PDFs are returned as
//!   bytes: the caller writes them through the output layer ([`crate::Outputs`]).
//!
//! Environment: `VANBAN_SOFFICE` (the LibreOffice program to use), `VANBAN_PDF_TIMEOUT` (seconds
//! for the whole conversion; default [`BASE_TIMEOUT_S`] + [`PER_FILE_TIMEOUT_S`] per file).

mod check;
mod soffice;

pub use check::{check, header_first_line, HEADER_FIRST_LINE};
pub use soffice::{convert, find_soffice, font_warning, profile_arg, timeout_for, Converted};

/// Seconds a conversion may take before it is stopped, besides [`PER_FILE_TIMEOUT_S`] per file:
/// LibreOffice's first start with a new profile, and ample slack for a slow or busy machine
/// (measured: `build --pdf` of the 10 sample documents, first start included, in under 3 s on a
/// 2-core machine).
pub const BASE_TIMEOUT_S: u64 = 120;
/// Seconds per file added to [`BASE_TIMEOUT_S`] (measured: well under 1 s per document).
pub const PER_FILE_TIMEOUT_S: u64 = 20;

/// Why the PDF files were not made. The .docx files are already written when this is returned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PdfError {
    /// What went wrong, in Vietnamese.
    pub message: String,
    /// LibreOffice's own output (its standard error and output), when it ran.
    pub detail: Option<String>,
    /// What to do about it, in Vietnamese.
    pub hint: String,
}

impl std::fmt::Display for PdfError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "lỗi: {}", self.message)?;
        if let Some(d) = self.detail.as_deref().filter(|d| !d.trim().is_empty()) {
            write!(f, "\n  LibreOffice báo:")?;
            for line in d.trim().lines() {
                write!(f, "\n    {line}")?;
            }
        }
        write!(f, "\n  gợi ý: {}", self.hint)
    }
}

/// PDF or PDF/A-1b.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PdfKind {
    /// PDF as LibreOffice writes it by default (PDF 1.7).
    Pdf,
    /// PDF/A-1b (ISO 19005-1 level B), the form TCVN 14159-1:2024 adopts for archives.
    PdfA1b,
}
