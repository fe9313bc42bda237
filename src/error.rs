//! The library's error type and its mapping to exit codes.

use std::path::PathBuf;

use crate::diag::{Diagnostics, ExitStatus};
use crate::docx::DocxError;

/// Why an operation failed.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The input (data or template) is invalid; the diagnostics say where.
    #[error("dữ liệu đầu vào không hợp lệ")]
    Input(Diagnostics),
    /// A file could not be read or written.
    #[error("{message}: {}", path.display())]
    Io {
        /// The file or folder concerned.
        path: PathBuf,
        /// What went wrong, in Vietnamese.
        message: String,
    },
    /// A bug in vanban: the generated package failed its own check.
    #[error(transparent)]
    Docx(#[from] DocxError),
}

impl From<Diagnostics> for Error {
    fn from(d: Diagnostics) -> Self {
        Error::Input(d)
    }
}

impl Error {
    /// The documented exit code for this error.
    pub fn exit_status(&self) -> ExitStatus {
        match self {
            Error::Input(_) => ExitStatus::InvalidInput,
            Error::Io { .. } => ExitStatus::UsageOrIo,
            Error::Docx(_) => ExitStatus::Internal,
        }
    }
}
