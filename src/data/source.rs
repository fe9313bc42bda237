//! Reading an input file into clean text: encoding check, BOM, NFC, characters XML forbids.

use std::path::{Path, PathBuf};

use unicode_normalization::UnicodeNormalization;

use crate::diag::{Diagnostic, Diagnostics, Location, Warned};

/// Nguồn — the text of one input file after cleaning, with its path for diagnostics.
#[derive(Debug, Clone)]
pub struct Source {
    /// The path as given by the user (used in messages).
    pub path: PathBuf,
    /// The text: UTF-8 without BOM, NFC-normalised, characters XML forbids removed.
    pub text: String,
}

/// Largest input file accepted, in bytes (10 MiB): a data file is a few kilobytes.
pub const MAX_INPUT_BYTES: usize = 10 * 1024 * 1024;

/// Clean raw bytes read from `path` into a [`Source`].
///
/// - a UTF-8 BOM is accepted and removed;
/// - bytes that are not UTF-8 are an error, naming the legacy Vietnamese encoding when it is
///   recognisable (TCVN3/ABC, VNI, Windows-1258) and saying how to convert;
/// - text is normalised to NFC (Unicode tổ hợp → dựng sẵn), so `Vie\u{323}\u{302}t` = `Việt`;
/// - control characters XML 1.0 forbids (e.g. U+000B from Word copy-paste) are removed with a
///   warning giving their place. Tabs, CR and LF are kept.
pub fn clean(path: &Path, bytes: &[u8]) -> Result<Warned<Source>, Diagnostics> {
    let loc = Location::file(path);
    if bytes.len() > MAX_INPUT_BYTES {
        return Err(Diagnostic::error(
            loc,
            format!(
                "tệp quá lớn ({} byte; tối đa {} byte)",
                bytes.len(),
                MAX_INPUT_BYTES
            ),
        )
        .with_hint("tệp dữ liệu YAML chỉ cần vài chục KB; hãy kiểm tra có chọn nhầm tệp không")
        .into());
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let raw = match std::str::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => {
            let before = &bytes[..e.valid_up_to()];
            let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
            let column = String::from_utf8_lossy(
                &before[before
                    .iter()
                    .rposition(|&b| b == b'\n')
                    .map_or(0, |p| p + 1)..],
            )
            .chars()
            .count()
                + 1;
            let guess = crate::data::encoding::guess_with_sample(bytes);
            let message = match &guess {
                Some((enc, sample)) if !sample.is_empty() => format!(
                    "tệp không phải UTF-8; có vẻ được gõ bằng bảng mã {enc} (đọc theo bảng mã này: «{sample}»)"
                ),
                Some((enc, _)) => format!("tệp không phải UTF-8; có vẻ được gõ bằng bảng mã {enc}"),
                None => "tệp không phải văn bản UTF-8".to_string(),
            };
            let source = match &guess {
                Some((enc, _)) => enc.to_string(),
                None => "TCVN3, VNI Windows hoặc Windows-1258".to_string(),
            };
            return Err(
                Diagnostic::error(Location::new(path, line, column), message)
                    .with_hint(format!(
                    "mở tệp bằng Unikey → Công cụ chuyển mã (Ctrl+Shift+F6), chọn bảng mã nguồn \
                     {source} và bảng mã đích Unicode, rồi lưu lại dưới dạng UTF-8"
                ))
                    .into(),
            );
        }
    };
    if bytes.contains(&0) {
        return Err(
            Diagnostic::error(loc, "tệp chứa byte NUL: đây không phải tệp văn bản")
                .with_hint("hãy chỉ định tệp .yaml hoặc .md.hbs")
                .into(),
        );
    }
    let mut warnings = Diagnostics::new();
    let mut text = String::with_capacity(raw.len());
    let (mut line, mut column) = (1usize, 1usize);
    for ch in raw.chars() {
        if crate::model::format::is_xml_forbidden(ch) {
            warnings.push(
                Diagnostic::warning(
                    Location::new(path, line, column),
                    format!(
                        "đã bỏ ký tự điều khiển U+{:04X} (XML không cho phép)",
                        ch as u32
                    ),
                )
                .with_hint("ký tự này thường lọt vào khi sao chép từ Word; không cần làm gì thêm"),
            );
        } else {
            text.push(ch);
        }
        if ch == '\n' {
            line += 1;
            column = 1;
        } else {
            column += 1;
        }
    }
    let text: String = if unicode_normalization::is_nfc(&text) {
        text
    } else {
        nfc_keeping_escapes(&text)
    };
    Ok(Warned::new(
        Source {
            path: path.to_path_buf(),
            text,
        },
        warnings,
    ))
}

/// NFC, except that the letter of a backslash escape (`\r`, `\n`, `\u`, …) never composes
/// with a combining mark after it: `"\r\u{301}"` stays a valid YAML escape instead of becoming
/// `\ŕ`. The mark then stays decomposed, as it has no letter to compose with.
fn nfc_keeping_escapes(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chunk_start = 0;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i + 1 < bytes.len() {
        if bytes[i] == b'\\' && bytes[i + 1].is_ascii() {
            out.extend(text[chunk_start..i].nfc());
            out.push_str(&text[i..i + 2]);
            i += 2;
            chunk_start = i;
        } else {
            i += 1;
        }
    }
    out.extend(text[chunk_start..].nfc());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clean_str(b: &[u8]) -> Result<Warned<Source>, Diagnostics> {
        clean(Path::new("x.yaml"), b)
    }

    #[test]
    fn bom_is_accepted_and_removed() {
        let s = clean_str(b"\xEF\xBB\xBFa: 1\n").unwrap();
        assert_eq!(s.value.text, "a: 1\n");
    }

    #[test]
    fn nfd_becomes_nfc() {
        let s = clean_str("Vie\u{323}\u{302}t".as_bytes()).unwrap();
        assert_eq!(s.value.text, "Việt");
    }

    #[test]
    fn nfc_never_breaks_an_escape() {
        let s = clean_str("a: \"\\r\u{301}\"\nb: Vie\u{323}\u{302}t\n".as_bytes()).unwrap();
        assert_eq!(s.value.text, "a: \"\\r\u{301}\"\nb: Việt\n");
    }

    #[test]
    fn vertical_tab_is_removed_with_a_located_warning() {
        let s = clean_str("a: 1\nb: x\u{B}y\n".as_bytes()).unwrap();
        assert_eq!(s.value.text, "a: 1\nb: xy\n");
        let w = &s.warnings.0[0];
        assert_eq!((w.location.line, w.location.column), (2, 5));
        assert!(w.message.contains("U+000B"));
    }

    #[test]
    fn invalid_utf8_is_located() {
        let e = clean_str(b"a: 1\nb: \xff\n").unwrap_err();
        assert_eq!((e.0[0].location.line, e.0[0].location.column), (2, 4));
    }
}
