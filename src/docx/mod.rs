//! Stage 4, **docx**: laid-out pages → the bytes of a .docx package.
//!
//! The writer knows WordprocessingML, not the decree: it receives [`Pages`] (sections of
//! paragraphs and tables with explicit formatting, made by [`crate::layout`]) and writes
//! `word/document.xml` and `word/footnotes.xml` directly with a small element writer
//! ([`xml`]), in schema order by construction. The other parts are static assets with a few
//! values filled in ([`package`]). Before zipping, the package checks itself (every part
//! parses, relationships and content types agree, ids are unique).
//!
//! Phases of [`write`](fn@write): 1. the document part; 2. the footnotes part; 3. the static parts and
//! properties; 4. the self-check; 5. the deterministic zip.

mod document;
pub(crate) mod package;
mod xml;

use crate::model::page::Pages;

/// Why writing the .docx failed. Every variant is a bug in vanban, not a user error.
#[derive(Debug, thiserror::Error)]
pub enum DocxError {
    /// The finished package failed its integrity check.
    #[error("lỗi nội bộ: tệp .docx tạo ra không hợp lệ: {0}")]
    Check(String),
    /// Zipping failed.
    #[error("lỗi nội bộ khi nén tệp .docx: {0}")]
    Zip(String),
}

/// Tables the writer cannot represent: no columns, or a row with more cells than columns
/// (cells would be lost).
fn check_shape(pages: &Pages) -> Result<(), DocxError> {
    use crate::model::page::Flow;
    let tables = pages
        .sections
        .iter()
        .flat_map(|s| &s.blocks)
        .filter_map(|b| match b {
            Flow::Table(t) => Some(t),
            Flow::Para(_) => None,
        });
    for t in tables {
        let widest = t.rows.iter().map(|r| r.cells.len()).max().unwrap_or(0);
        if t.columns.is_empty() || widest > t.columns.len() {
            let n = t.columns.len();
            return Err(DocxError::Check(format!(
                "a table of {n} columns with a row of {widest} cells"
            )));
        }
    }
    Ok(())
}

/// Write `pages` as a .docx package and return its bytes.
pub(crate) fn write(pages: &Pages) -> Result<Vec<u8>, DocxError> {
    check_shape(pages)?;
    let package = package::assemble(pages);
    package
        .check()
        .map_err(|problems| DocxError::Check(problems.join("; ")))?;
    package
        .to_bytes()
        .map_err(|e| DocxError::Zip(e.to_string()))
}
