//! Kiểm tra thể thức — `vanban check`: reads any .docx (vanban's or made in Word), resolves the
//! effective formatting of every paragraph and run, recognises the administrative frame (header
//! table, số/ký hiệu, địa danh and date, tên loại and trích yếu, Kính gửi, body, Nơi nhận and
//! signature) and reports each rule of NĐ 30/2020/NĐ-CP Phụ lục I that fails, as [`Finding`]s.
//!
//! The machine-checkable rules and their tolerances are those of `nd30-layout.md` §14; the
//! decree's ranges are accepted (body 13–14 pt, margins top/bottom 20–25 mm, left 30–35 mm,
//! right 15–20 mm), and vanban's own profile (`src/layout/profile.rs`) lies inside them (unit
//! test `profile_lies_inside_the_checked_ranges`).

pub(crate) mod read;
pub(crate) mod rules;
mod xml;

use serde::Serialize;

/// Mức độ — how serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Lỗi — the document breaks a rule of the decree; `vanban check` exits with 1.
    Error,
    /// Cảnh báo — a recommendation or practice, or something the checker could not judge.
    Warning,
}

impl Severity {
    /// The Vietnamese word shown to the user (`lỗi`, `cảnh báo`).
    pub fn vi(self) -> &'static str {
        match self {
            Severity::Error => "lỗi",
            Severity::Warning => "cảnh báo",
        }
    }
}

/// Phát hiện — one rule of NĐ 30 that a document fails.
///
/// JSON shape (`vanban check --json`): `{"rule": "…", "where": "…", "found": "…",
/// "expected": "…", "severity": "error" | "warning"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// Quy định — the rule, with its item of NĐ 30 Phụ lục I (e.g. `Phụ lục I, II.4 — địa danh
    /// và thời gian ban hành`).
    pub rule: String,
    /// Vị trí — where: an excerpt of the paragraph's text, or the part (`trang`, `đầu trang`).
    #[serde(rename = "where")]
    pub location: String,
    /// Thực tế — what the document has.
    pub found: String,
    /// Yêu cầu — what the rule expects.
    pub expected: String,
    /// Mức độ.
    pub severity: Severity,
}

impl std::fmt::Display for Finding {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}: {}\n  ở: {}\n  thực tế: {}\n  yêu cầu: {}",
            self.severity.vi(),
            self.rule,
            self.location,
            self.found,
            self.expected
        )
    }
}

/// Why a file could not be checked at all (not a finding: the file was not read).
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct CheckError(pub(crate) String);

/// Check the bytes of a .docx against the rules of NĐ 30 Phụ lục I. Returns the findings in
/// document order (an empty list: nothing to report). A document with no Quốc hiệu near its
/// top is not an administrative document: one finding, nothing else.
///
/// Errors: the bytes are not a .docx package (zip with `word/document.xml`) or a part is not
/// well-formed XML.
pub fn check_docx(bytes: &[u8]) -> Result<Vec<Finding>, CheckError> {
    let doc = read::read(bytes).map_err(|e| CheckError(e.to_string()))?;
    Ok(rules::check(&doc))
}
