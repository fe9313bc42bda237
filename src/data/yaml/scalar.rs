//! Checks on scalars in the event pass, each located at the exact character:
//!
//! - **numbers written the Vietnamese way** in plain values: `1.240` (YAML reads 1,24 where a
//!   Vietnamese reader means 1240) and the decimal comma `1,5` (YAML reads a string), H29;
//! - **invisible characters** (H23): a non-breaking space after `:` or before a key, a
//!   zero-width space — in a key, or in a plain value that they turn from a number (or an
//!   empty value, true/false) into text (`40\u{A0}`); in text they are the user's and kept;
//! - **control characters** (H26): written as escapes in double quotes (`"\v"`), or raw in the
//!   file (the reader replaced those by spaces and listed them): a warning naming the field,
//!   since the value then holds a space where the control was.

use std::path::Path;

use saphyr_parser::{ScalarStyle, Span};

use crate::data::source::control_warning;
use crate::diag::{Diagnostic, Diagnostics, Location};
use crate::model::text::{invisible_name, is_replaced_control};

/// Converts positions in the text (line and column, or character index) to byte offsets.
/// Built lazily: only a scalar with something to report needs it.
pub(super) struct Positions<'s> {
    text: &'s str,
    line_starts: Vec<usize>,
}

impl<'s> Positions<'s> {
    pub(super) fn new(text: &'s str) -> Self {
        Positions {
            text,
            line_starts: Vec::new(),
        }
    }

    /// The byte offset of `line` (1-based), `col0` characters in (0-based).
    fn byte_of(&mut self, line: usize, col0: usize) -> usize {
        if self.line_starts.is_empty() {
            self.line_starts.push(0);
            self.line_starts.extend(
                self.text
                    .bytes()
                    .enumerate()
                    .filter(|(_, b)| *b == b'\n')
                    .map(|(i, _)| i + 1),
            );
        }
        let start = self
            .line_starts
            .get(line.saturating_sub(1))
            .copied()
            .unwrap_or(self.text.len());
        let rest = &self.text[start..];
        start + rest.char_indices().nth(col0).map_or(rest.len(), |(i, _)| i)
    }

    /// The characters of `span` with their line and column (1-based).
    fn chars(&mut self, span: Span) -> impl Iterator<Item = (usize, usize, char)> + 's {
        let start = self.byte_of(span.start.line(), span.start.col());
        let (mut line, mut column) = (span.start.line(), span.start.col() + 1);
        self.text[start..]
            .chars()
            .take(span.end.index().saturating_sub(span.start.index()))
            .map(move |ch| {
                let here = (line, column, ch);
                if ch == '\n' {
                    line += 1;
                    column = 1;
                } else {
                    column += 1;
                }
                here
            })
    }
}

/// Whether a scalar may have something for [`check`] to report (a fast filter over bytes).
pub(super) fn needs_checks(value: &str, style: ScalarStyle) -> bool {
    let b = value.as_bytes();
    let control = |x: u8| (x < 0x20 && x != b'\t' && x != b'\n') || x == 0x7F;
    match style {
        ScalarStyle::Plain => {
            b.first()
                .is_some_and(|x| x.is_ascii_digit() || *x == b'-' || *x == b'+')
                || b.iter().any(|&x| x >= 0x80 || control(x))
        }
        ScalarStyle::DoubleQuoted => b
            .iter()
            .any(|&x| control(x) || matches!(x, 0xC2 | 0xE2 | 0xEF)),
        _ => false,
    }
}

/// Check one scalar (`value` as decoded, at `span`); `is_key` whether it is a mapping key (keys
/// are not numbers). The caller adds the field path.
pub(super) fn check(
    path: &Path,
    positions: &mut Positions<'_>,
    value: &str,
    style: ScalarStyle,
    span: Span,
    is_key: bool,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    match style {
        ScalarStyle::DoubleQuoted if value.chars().any(is_replaced_control) => {
            for (line, column, ch) in escaped_controls(positions, span) {
                out.push(control_warning(path, line, column, ch, String::new()));
            }
        }
        ScalarStyle::Plain => {
            // In a key, an invisible character is always a mistake; in a value it is the
            // user's text, unless it hides what the value is: `40\u{A0}` reads as text, not 40.
            let harmful = !value.is_ascii()
                && value.chars().any(|c| invisible_name(c).is_some())
                && (is_key || {
                    let visible: String = value
                        .chars()
                        .filter(|c| invisible_name(*c).is_none())
                        .collect();
                    let visible = visible.trim();
                    !visible.is_empty() && !reads_as_text(visible)
                });
            if harmful {
                for (line, column, ch) in positions.chars(span) {
                    if let Some(name) = invisible_name(ch) {
                        out.push(invisible_error(path, line, column, &name, is_key));
                    }
                }
            }
            // `trich_yeu: “Về việc …”`: curly quotes are no YAML quotes; they will be printed.
            let curly = [('“', '”'), ('‘', '’')]
                .iter()
                .find(|(o, c)| value.starts_with(*o) && value.ends_with(*c) && value.len() > 3);
            if let (false, Some((open, close))) = (is_key, curly) {
                let inner = &value[open.len_utf8()..value.len() - close.len_utf8()];
                out.push(
                    Diagnostic::warning(
                        Location::new(path, span.start.line(), span.start.col() + 1),
                        format!("giá trị nằm trong ngoặc kép cong {open}…{close}: hai dấu này sẽ được in ra trong văn bản"),
                    )
                    .with_hint(format!(
                        "nếu chỉ để bao giá trị, dùng ngoặc kép thẳng: `\"{}\"`; nếu muốn in dấu {open} {close} thì giữ nguyên",
                        inner.replace('"', "\\\"")
                    )),
                );
            }
            if !is_key {
                if let Some(d) = number(value) {
                    let (line, column) = (span.start.line(), span.start.col() + 1);
                    out.push(
                        Diagnostic::error(Location::new(path, line, column), d.0).with_hint(d.1),
                    );
                }
            }
        }
        _ => {}
    }
    out
}

/// The control characters written as escapes (`\v`, `\x0b`, `\u000B`, …) in a double-quoted
/// scalar at `span`, each at its backslash.
fn escaped_controls(positions: &mut Positions<'_>, span: Span) -> Vec<(usize, usize, char)> {
    let mut out = Vec::new();
    let mut chars = positions.chars(span);
    while let Some((line, column, ch)) = chars.next() {
        if ch != '\\' {
            continue;
        }
        let Some((_, _, e)) = chars.next() else { break };
        let decoded = match e {
            '0' => Some('\u{0}'),
            'a' => Some('\u{7}'),
            'b' => Some('\u{8}'),
            'v' => Some('\u{B}'),
            'f' => Some('\u{C}'),
            'e' => Some('\u{1B}'),
            'N' => Some('\u{85}'),
            'L' => Some('\u{2028}'),
            'P' => Some('\u{2029}'),
            'x' => hex(&mut chars, 2),
            'u' => hex(&mut chars, 4),
            'U' => hex(&mut chars, 8),
            _ => None,
        };
        if let Some(c) = decoded.filter(|c| is_replaced_control(*c)) {
            out.push((line, column, c));
        }
    }
    out
}

/// The character written as `n` hexadecimal digits next in `chars`.
fn hex(chars: &mut impl Iterator<Item = (usize, usize, char)>, n: usize) -> Option<char> {
    let digits: String = chars.take(n).map(|(_, _, c)| c).collect();
    u32::from_str_radix(&digits, 16)
        .ok()
        .and_then(char::from_u32)
}

fn invisible_error(
    path: &Path,
    line: usize,
    column: usize,
    name: &str,
    is_key: bool,
) -> Diagnostic {
    let (message, hint) = if is_key {
        (
            format!("ký tự vô hình {name} trong khóa hoặc chỗ thụt lề"),
            "xóa ký tự này (thường lọt vào khi sao chép từ Word); khóa và thụt lề chỉ dùng dấu cách thường",
        )
    } else {
        (
            format!("ký tự vô hình {name} làm giá trị thành chữ: YAML không đọc được đây là số (hay giá trị rỗng, đúng/sai)"),
            "xóa ký tự này (ký tự này thường lọt vào khi sao chép từ Word)",
        )
    };
    Diagnostic::error(Location::new(path, line, column), message).with_hint(hint)
}

/// After a syntax error: the invisible characters between the end of the last event read
/// (`from`: line, 0-based column) and the end of the error's line. YAML does not take a
/// non-breaking space for a space, so `dia_danh:\u{A0}Nguyễn Trãi` is a syntax error one line
/// further down; the character itself is the error to report.
pub(super) fn invisible_before(
    path: &Path,
    positions: &mut Positions<'_>,
    from: (usize, usize),
    error_line: usize,
) -> Diagnostics {
    let (line, col0) = from;
    let start = positions.byte_of(line, col0);
    let end = positions.byte_of(error_line + 1, 0);
    let mut out = Diagnostics::new();
    let (mut l, mut c) = (line, col0 + 1);
    for ch in positions.text[start..end.max(start)].chars() {
        if let Some(name) = invisible_name(ch) {
            out.push(
                Diagnostic::error(
                    Location::new(path, l, c),
                    format!(
                        "ký tự vô hình {name}: YAML không coi đây là dấu cách nên không đọc được cấu trúc"
                    ),
                )
                .with_hint(
                    "xóa ký tự này và gõ lại dấu cách thường (ký tự này thường lọt vào khi sao chép từ Word)",
                ),
            );
        }
        if ch == '\n' {
            l += 1;
            c = 1;
        } else {
            c += 1;
        }
    }
    out
}

/// A plain value that is a number written the Vietnamese way: (message, hint).
///
/// - `1.240`, `12.000.000`: dots between groups of three digits; YAML reads a decimal;
/// - `1,5`: a decimal comma; YAML reads a string, so a number field refuses it;
/// - `1,240`: a comma before three digits: 1240 or 1,24;
/// - `1.234,5`: thousands dots and a decimal comma.
pub(super) fn number(v: &str) -> Option<(String, String)> {
    // `0x34`, `0o17`, `0b101`: YAML reads a number in another base.
    let unsigned = v.strip_prefix(['-', '+']).unwrap_or(v);
    if let Some((radix, digits)) = unsigned.get(..2).and_then(|p| match p {
        "0x" => Some((16, &unsigned[2..])),
        "0o" => Some((8, &unsigned[2..])),
        "0b" => Some((2, &unsigned[2..])),
        _ => None,
    }) {
        if let Ok(n) = u64::from_str_radix(digits, radix) {
            return Some((
                format!("số `{v}` viết theo cơ số {radix}: YAML hiểu là {n}"),
                format!("viết số thập phân: `{n}`; nếu đây là chữ, đặt trong ngoặc kép: `\"{v}\"`"),
            ));
        }
    }
    // Most plain values are words or plain numbers: decided without allocating.
    if !v.bytes().any(|b| b == b'.' || b == b',')
        || !v
            .bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b',' | b'-' | b'+'))
    {
        return None;
    }
    let (sign, digits) = match v.strip_prefix(['-', '+']) {
        Some(rest) => (&v[..1], rest),
        None => ("", v),
    };
    let groups: Vec<&str> = digits.split(['.', ',']).collect();
    if groups.len() < 2
        || groups
            .iter()
            .any(|g| g.is_empty() || !g.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let three = |gs: &[&str]| gs.iter().all(|g| g.len() == 3);
    let commas = digits.matches(',').count();
    if commas == 0 {
        // Only dots: ambiguous when every group after the first has three digits.
        if sign.is_empty() && groups[0].len() <= 3 && three(&groups[1..]) {
            let whole = digits.replace('.', "");
            return Some((
                format!(
                    "số `{v}` viết có dấu chấm: YAML hiểu là {} (số thập phân), không phải {whole}",
                    v.replacen('.', ",", 1)
                ),
                format!(
                    "nếu là {whole}, viết liền không dấu chấm: `{whole}`; nếu là số thập phân, viết dấu chấm thập phân với ít hơn 3 chữ số lẻ, ví dụ `1.5`"
                ),
            ));
        }
        return None;
    }
    let quote = format!("nếu đây là chữ, không phải số, đặt trong ngoặc kép: `\"{v}\"`");
    let dots_then_comma = commas == 1
        && digits.contains('.')
        && digits.rfind('.') < digits.find(',')
        && groups[0].len() <= 3
        && three(&groups[1..groups.len() - 1]);
    if dots_then_comma {
        let (int, frac) = digits.split_once(',').unwrap_or((digits, ""));
        let yaml = format!("{sign}{}.{frac}", int.replace('.', ""));
        return Some((
            format!("số `{v}` viết kiểu Việt Nam (dấu chấm hàng nghìn, dấu phẩy thập phân): YAML không đọc được đây là số"),
            format!("trong tệp YAML viết `{yaml}`: không dấu hàng nghìn, dấu chấm thập phân (văn bản in ra vẫn là `{v}`); {quote}"),
        ));
    }
    if digits.contains('.') {
        return Some((
            format!("`{v}` có cả dấu chấm và dấu phẩy: không đọc được là số"),
            format!("viết số liền, dùng dấu chấm thập phân, ví dụ `1234.5`; {quote}"),
        ));
    }
    if groups[0].len() <= 3 && three(&groups[1..]) {
        let whole = format!("{sign}{}", digits.replace(',', ""));
        // As YAML should read it: `1,240` → `1.24` (`1.240` would be ambiguous again).
        let (int, frac) = digits.split_once(',').unwrap_or((digits, ""));
        let frac = frac.trim_end_matches('0');
        let decimal = format!("{sign}{int}.{}", if frac.is_empty() { "0" } else { frac });
        let decimal_hint = if commas == 1 {
            format!("; nếu là số thập phân, viết dấu chấm thập phân: `{decimal}`")
        } else {
            String::new()
        };
        return Some((
            format!("số `{v}` viết có dấu phẩy: không rõ là {whole} hay số thập phân"),
            format!("nếu là {whole}, viết liền không dấu: `{whole}`{decimal_hint}; {quote}"),
        ));
    }
    if commas == 1 {
        let yaml = format!("{sign}{}", digits.replace(',', "."));
        return Some((
            format!("số `{v}` viết dấu phẩy thập phân: YAML không đọc được đây là số"),
            format!("trong tệp YAML viết dấu chấm thập phân: `{yaml}` (văn bản in ra vẫn là `{v}`); {quote}"),
        ));
    }
    Some((
        format!("`{v}` có nhiều dấu phẩy: không đọc được là số"),
        format!("viết số liền, dùng dấu chấm thập phân, ví dụ `1.5`; nếu là một danh sách, viết `[1, 2, 3]`; {quote}"),
    ))
}

/// Whether a plain scalar reads as text under yaml_serde's own rules (not null, a boolean or
/// a number). Only asked on the rare value that holds an invisible character.
fn reads_as_text(v: &str) -> bool {
    matches!(
        serde_yaml::from_str::<serde_yaml::Value>(v),
        Ok(serde_yaml::Value::String(_)) | Err(_)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_with_dots_are_ambiguous() {
        for v in ["1.240", "12.000.000", "999.999"] {
            assert!(number(v).is_some(), "{v}");
        }
        for v in [
            "1.5",
            "1.2345",
            "1240",
            "2025-04-02",
            "02.04.2025",
            "-1.240",
            "MT1.240",
        ] {
            assert!(number(v).is_none(), "{v}");
        }
    }

    #[test]
    fn numbers_in_other_bases_say_what_yaml_reads() {
        let (m, h) = number("0x34").unwrap_or_default();
        assert!(m.contains("cơ số 16") && m.contains("52"), "{m}");
        assert!(h.contains("`52`"), "{h}");
        assert!(number("0o17").is_some_and(|(m, _)| m.contains("15")));
        assert!(number("0xZZ").is_none());
        assert!(number("0.5").is_none());
    }

    #[test]
    fn decimal_commas_say_what_to_write() {
        let (m, h) = number("1,5").unwrap_or_default();
        assert!(
            m.contains("`1,5`") && m.contains("dấu phẩy thập phân"),
            "{m}"
        );
        assert!(h.contains("`1.5`") && h.contains("\"1,5\""), "{h}");
        let (m, h) = number("1,240").unwrap_or_default();
        assert!(m.contains("`1,240`") && m.contains("1240"), "{m}");
        assert!(h.contains("`1240`") && h.contains("`1.24`"), "{h}");
        assert!(number("2,000").is_some_and(|(_, h)| h.contains("`2.0`")));
        let (_, h) = number("1.234,5").unwrap_or_default();
        assert!(h.contains("`1234.5`"), "{h}");
        let (_, h) = number("-0,25").unwrap_or_default();
        assert!(h.contains("`-0.25`"), "{h}");
        assert!(number("12,000,000").is_some_and(|(_, h)| h.contains("`12000000`")));
        assert!(number("a,5").is_none() && number("1,").is_none() && number(",5").is_none());
    }
}
