//! Reading an input file into text the YAML parsers can read: size limit, BOM, UTF-8 (naming the
//! legacy Vietnamese encoding when it is not), NUL bytes, and raw control characters.
//!
//! Values are not cleaned here: that happens once, when each value is deserialised
//! ([`crate::model::Text`]), after YAML has decoded its escapes.

use std::path::{Path, PathBuf};

use crate::diag::{Diagnostic, Diagnostics, Location};
use crate::model::text::is_replaced_control;

/// Nguồn — the text of one input file, with its path for diagnostics.
#[derive(Debug, Clone)]
pub struct Source {
    /// The path as given by the user (used in messages).
    pub path: PathBuf,
    /// The text: UTF-8 without BOM; each raw control character ([`is_replaced_control`]) is
    /// replaced by one space, so lines and columns are those of the file.
    pub text: String,
    /// The control characters replaced in `text`, in file order.
    pub controls: Vec<RawControl>,
}

impl Source {
    /// A source made of `text` as it is (for tests and built-in texts).
    pub fn from_text(path: &Path, text: &str) -> Source {
        decode_text(path, text.to_string())
    }
}

/// Ký tự điều khiển — a control character found in the raw file and replaced by a space.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RawControl {
    /// Index in characters from the start of the text.
    pub index: usize,
    /// Line, 1-based.
    pub line: usize,
    /// Column in characters, 1-based.
    pub column: usize,
    /// The character.
    pub ch: char,
}

impl RawControl {
    /// The warning that this character was replaced by a space; `field` is the field path it
    /// was in (empty when outside any value, or in a template).
    pub fn warning(&self, path: &Path, field: String) -> Diagnostic {
        control_warning(path, self.line, self.column, self.ch, field)
    }
}

/// The warning for a control character replaced by a space (H26: words are never glued).
pub fn control_warning(
    path: &Path,
    line: usize,
    column: usize,
    ch: char,
    field: String,
) -> Diagnostic {
    Diagnostic::warning(
        Location::new(path, line, column),
        format!(
            "ký tự điều khiển {} được thay bằng dấu cách",
            crate::model::text::control_name(ch)
        ),
    )
    .with_field(field)
    .with_hint(
        "ký tự này thường lọt vào khi sao chép từ Word; xóa nó trong tệp để hết cảnh báo \
         (muốn xuống dòng trong một giá trị thì viết giá trị dạng khối `|`)",
    )
}

/// Largest input file accepted, in bytes (10 MiB): a data file is a few kilobytes.
pub const MAX_INPUT_BYTES: usize = 10 * 1024 * 1024;

/// Decode raw bytes read from `path` into a [`Source`].
///
/// - a file over [`MAX_INPUT_BYTES`] is refused;
/// - a UTF-8 BOM is accepted and removed;
/// - bytes that are not UTF-8 are an error, naming the legacy Vietnamese encoding when it is
///   recognisable (TCVN3/ABC, VNI, Windows-1258) and saying how to convert;
/// - a NUL byte means the file is not text;
/// - raw control characters (e.g. U+000B pasted from Word) are replaced by a space and listed in
///   [`Source::controls`]; the YAML event pass warns about each with its field.
pub fn decode(path: &Path, bytes: &[u8]) -> Result<Source, Diagnostics> {
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
    if let Some(utf16) = utf16_or_32(path, bytes) {
        return utf16.map(|text| decode_text(path, text));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = match std::str::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => return Err(not_utf8(path, bytes, e.valid_up_to()).into()),
    };
    if bytes.contains(&0) {
        return Err(
            Diagnostic::error(loc, "tệp chứa byte NUL: đây không phải tệp văn bản")
                .with_hint("hãy chỉ định tệp .yaml hoặc .md.hbs")
                .into(),
        );
    }
    Ok(decode_text(path, text.to_string()))
}

/// A file saved as UTF-16 (Windows Notepad's "Unicode", with or without a byte-order mark) is
/// decoded: it is Unicode, nothing is lost (H25). UTF-32 is refused with the fix. `None`: the
/// bytes are not UTF-16 or UTF-32.
fn utf16_or_32(path: &Path, bytes: &[u8]) -> Option<Result<String, Diagnostics>> {
    if bytes.starts_with(b"\xFF\xFE\x00\x00") || bytes.starts_with(b"\x00\x00\xFE\xFF") {
        return Some(Err(Diagnostic::error(
            Location::file(path),
            "tệp được lưu dạng UTF-32, vanban cần UTF-8",
        )
        .with_hint("mở tệp bằng Notepad, chọn Save As… và chọn Encoding: UTF-8")
        .into()));
    }
    let (body, little) = if let Some(b) = bytes.strip_prefix(b"\xFF\xFE") {
        (b, true)
    } else if let Some(b) = bytes.strip_prefix(b"\xFE\xFF") {
        (b, false)
    } else {
        // Without a byte-order mark: ASCII text in UTF-16 has a zero in every other byte.
        let head = &bytes[..bytes.len().min(256) & !1];
        let pairs = head.len() / 2;
        let zero_at = |odd: usize| {
            head.iter()
                .skip(odd)
                .step_by(2)
                .filter(|b| **b == 0)
                .count()
        };
        if pairs < 2 {
            return None;
        }
        match (zero_at(0), zero_at(1)) {
            (0, odd) if odd * 2 >= pairs => (bytes, true),
            (even, 0) if even * 2 >= pairs => (bytes, false),
            _ => return None,
        }
    };
    let units = body.chunks_exact(2).map(|c| {
        if little {
            u16::from_le_bytes([c[0], c[1]])
        } else {
            u16::from_be_bytes([c[0], c[1]])
        }
    });
    let text: Result<String, _> = char::decode_utf16(units).collect();
    Some(match text {
        Ok(t) if body.len() % 2 == 0 => Ok(t),
        _ => Err(Diagnostic::error(
            Location::file(path),
            "tệp có vẻ được lưu dạng UTF-16 nhưng không đọc được (hỏng hoặc bị cắt)",
        )
        .with_hint("mở tệp bằng Notepad, chọn Save As… và chọn Encoding: UTF-8")
        .into()),
    })
}

/// Replace the raw control characters of `text` by spaces, recording each.
fn decode_text(path: &Path, mut text: String) -> Source {
    let mut controls = Vec::new();
    if first_control(text.as_bytes()).is_some() {
        let (mut line, mut column) = (1usize, 1usize);
        let mut out = String::with_capacity(text.len());
        for (index, ch) in text.chars().enumerate() {
            if is_replaced_control(ch) {
                controls.push(RawControl {
                    index,
                    line,
                    column,
                    ch,
                });
                out.push(' ');
            } else {
                out.push(ch);
            }
            if ch == '\n' {
                line += 1;
                column = 1;
            } else {
                column += 1;
            }
        }
        text = out;
    }
    Source {
        path: path.to_path_buf(),
        text,
        controls,
    }
}

/// The byte offset of the first character [`is_replaced_control`] matches, looking at the UTF-8
/// bytes directly (most files have none).
fn first_control(bytes: &[u8]) -> Option<usize> {
    /// The bytes that start a replaced character: ASCII controls but tab, LF and CR, DEL, and
    /// the lead bytes of C1 controls (`C2`), U+2028/U+2029 (`E2`) and U+FFFE/U+FFFF (`EF`).
    const MAYBE: [bool; 256] = {
        let mut t = [false; 256];
        let mut b = 0;
        while b < 256 {
            t[b] = matches!(b, 0x00..=0x08 | 0x0B | 0x0C | 0x0E..=0x1F | 0x7F | 0xC2 | 0xE2 | 0xEF);
            b += 1;
        }
        t
    };
    let at = |i: usize| bytes.get(i).copied().unwrap_or(0);
    bytes.iter().enumerate().position(|(i, &b)| {
        MAYBE[b as usize]
            && match b {
                0xC2 => at(i + 1) < 0xA0,
                0xE2 => at(i + 1) == 0x80 && matches!(at(i + 2), 0xA8 | 0xA9),
                0xEF => at(i + 1) == 0xBF && matches!(at(i + 2), 0xBE | 0xBF),
                _ => true,
            }
    })
}

/// The error for bytes that are not UTF-8, at the first bad byte, naming the legacy encoding.
fn not_utf8(path: &Path, bytes: &[u8], valid_up_to: usize) -> Diagnostic {
    let before = &bytes[..valid_up_to];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |p| p + 1);
    let column = String::from_utf8_lossy(&before[line_start..])
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
    Diagnostic::error(Location::new(path, line, column), message).with_hint(format!(
        "mở tệp bằng Unikey → Công cụ chuyển mã (Ctrl+Shift+F6), chọn bảng mã nguồn \
         {source} và bảng mã đích Unicode, rồi lưu lại dưới dạng UTF-8"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn h25_utf16_files_are_read() {
        let text = "dia_danh: Nguyễn Trãi\n";
        let mut le = vec![0xFF, 0xFE];
        let mut be = vec![0xFE, 0xFF];
        let mut bare = Vec::new();
        for u in text.encode_utf16() {
            le.extend(u.to_le_bytes());
            be.extend(u.to_be_bytes());
            bare.extend(u.to_le_bytes());
        }
        for bytes in [le, be, bare] {
            let s = decode(Path::new("a.yaml"), &bytes).expect("UTF-16 is read");
            assert_eq!(s.text, text);
        }
        let e = decode(Path::new("a.yaml"), b"\xFF\xFE\x00\x00d\x00\x00\x00").unwrap_err();
        assert!(e.to_string().contains("UTF-32"), "{e}");
        // Plain UTF-8 and legacy encodings are not taken for UTF-16.
        assert_eq!(
            decode(Path::new("a.yaml"), "a: b\n".as_bytes())
                .expect("utf-8")
                .text,
            "a: b\n"
        );
    }

    fn decode_str(b: &[u8]) -> Result<Source, Diagnostics> {
        decode(Path::new("x.yaml"), b)
    }

    #[test]
    fn bom_is_accepted_and_removed() {
        let s = decode_str(b"\xEF\xBB\xBFa: 1\n").unwrap();
        assert_eq!(s.text, "a: 1\n");
    }

    #[test]
    fn text_is_not_normalised_here() {
        // NFC happens per value, after YAML has decoded escapes (`"\r\u{301}"` stays an escape).
        let s = decode_str("a: \"\\r\u{301}\"\nb: Vie\u{323}\u{302}t\n".as_bytes()).unwrap();
        assert_eq!(s.text, "a: \"\\r\u{301}\"\nb: Vie\u{323}\u{302}t\n");
    }

    #[test]
    fn raw_controls_become_spaces_and_are_listed() {
        let s = decode_str("a: 1\nb: x\u{B}y\u{85}z\u{2028}\n".as_bytes()).unwrap();
        assert_eq!(s.text, "a: 1\nb: x y z \n");
        let found: Vec<(usize, usize, usize, char)> = s
            .controls
            .iter()
            .map(|c| (c.index, c.line, c.column, c.ch))
            .collect();
        assert_eq!(
            found,
            vec![
                (9, 2, 5, '\u{B}'),
                (11, 2, 7, '\u{85}'),
                (13, 2, 9, '\u{2028}')
            ]
        );
        assert!(decode_str("tab\tand\r\nlines\n".as_bytes())
            .unwrap()
            .controls
            .is_empty());
    }

    #[test]
    fn invalid_utf8_is_located() {
        let e = decode_str(b"a: 1\nb: \xff\n").unwrap_err();
        assert_eq!((e.0[0].location.line, e.0[0].location.column), (2, 4));
    }
}
