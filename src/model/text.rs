//! Văn bản sạch — the one cleaned string type ([`Text`]) and the rules that make a value clean.
//!
//! A value is cleaned once, while it is deserialised (after YAML has decoded its escapes), so
//! every later stage — validation, templates, markup, the writer — can trust it:
//!
//! - it is in Unicode NFC (Unikey's "Unicode tổ hợp" `Vie\u{323}\u{302}t` becomes `Việt`);
//! - control characters ([`is_replaced_control`]: Word's manual line break U+000B, form feed, the
//!   other C0 and C1 controls, U+2028/U+2029, and the two non-characters XML 1.0 forbids) are
//!   replaced by a space, so two words are never glued together; the YAML event pass warns about
//!   each one with its place and field;
//! - a carriage return (`"\r\n"` or a lone `"\r"` written as escapes) becomes a line feed;
//! - tab and line feed are kept.
//!
//! Codes compared across files ([`Code`]: indicator codes, unit codes) are cleaned further:
//! zero-width characters and soft hyphens are removed, non-breaking and other Unicode spaces
//! become ASCII spaces, and the code is trimmed.

use std::borrow::{Borrow, Cow};
use std::fmt;
use std::ops::Deref;

use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize};
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// Whether `ch` is replaced by a space when a value is cleaned: the C0 controls other than tab,
/// line feed and carriage return, DEL and the C1 controls (U+007F–U+009F, NEL included), the
/// Unicode line and paragraph separators U+2028/U+2029, and U+FFFE/U+FFFF.
///
/// This is also the set the input reader replaces in the raw file before parsing: the two YAML
/// parsers disagree on NEL, U+2028 and U+2029 (line breaks for one, text for the other), and one
/// of them rejects the rest.
pub fn is_replaced_control(ch: char) -> bool {
    (ch.is_control() && !matches!(ch, '\t' | '\n' | '\r'))
        || matches!(ch, '\u{2028}' | '\u{2029}' | '\u{FFFE}' | '\u{FFFF}')
}

/// The Vietnamese name of a control character, for messages: `U+000B, ngắt dòng của Word`.
pub fn control_name(ch: char) -> String {
    let name = match ch {
        '\u{B}' => "ngắt dòng của Word (Shift+Enter)",
        '\u{C}' => "ngắt trang",
        '\u{0}' => "ký tự NUL",
        '\u{85}' => "xuống dòng NEL",
        '\u{2028}' => "ngắt dòng Unicode",
        '\u{2029}' => "ngắt đoạn Unicode",
        '\u{FFFE}' | '\u{FFFF}' => "ký tự không hợp lệ",
        _ => "ký tự điều khiển",
    };
    format!("U+{:04X}, {name}", ch as u32)
}

/// The Vietnamese name of an invisible character that looks like a space or like nothing
/// (`U+00A0, dấu cách không ngắt`), or `None` for any other character. Word inserts these
/// (non-breaking spaces after a colon, zero-width spaces); in the structure of a YAML file or in
/// a code they break what the user sees as right.
pub fn invisible_name(ch: char) -> Option<String> {
    let name = match ch {
        '\u{A0}' => "dấu cách không ngắt",
        '\u{202F}' => "dấu cách hẹp không ngắt",
        '\u{2007}' => "dấu cách chữ số",
        '\u{2000}'..='\u{200A}' | '\u{205F}' | '\u{1680}' => "dấu cách đặc biệt",
        '\u{3000}' => "dấu cách toàn khổ",
        '\u{200B}' => "dấu cách độ rộng 0",
        '\u{200C}' => "ký tự không nối độ rộng 0",
        '\u{200D}' => "ký tự nối độ rộng 0",
        '\u{2060}' => "ký tự nối từ",
        '\u{180E}' => "dấu phân cách nguyên âm Mông Cổ",
        '\u{FEFF}' => "dấu BOM (dấu cách không ngắt độ rộng 0)",
        '\u{AD}' => "dấu gạch nối mềm",
        _ => return None,
    };
    Some(format!("U+{:04X}, {name}", ch as u32))
}

/// Whether `ch` is known to be in NFC whatever surrounds it: canonical combining class 0 and
/// NFC quick check "yes" (the test below checks every character of these ranges). Vietnamese
/// text in dựng sẵn form stays within them, so the Unicode tables are consulted only for rare
/// text. [`needs_cleaning`] checks the same ranges on the UTF-8 bytes.
#[cfg(test)]
fn is_stable_nfc(ch: char) -> bool {
    matches!(ch as u32,
        0..=0x2FF | 0x1E00..=0x1EFF | 0x2010..=0x2027 | 0x2030..=0x205E | 0x20A0..=0x20BF)
}

/// What a byte says when [`needs_cleaning`] meets it.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Byte {
    /// Nothing to clean: printable ASCII, tab, line feed, a continuation byte, or the lead byte
    /// of a character in U+00A0–U+02FF.
    Fine,
    /// A control character (or a carriage return) in ASCII.
    Control,
    /// `C2`: U+0080–U+00BF; the C1 controls are `C2 80`–`C2 9F`.
    C2,
    /// `E1`: U+1000–U+1FFF; `E1 B8`–`E1 BB` is Latin Extended Additional (Vietnamese).
    E1,
    /// `E2`: U+2000–U+2FFF: punctuation, U+2028/U+2029, currency signs.
    E2,
    /// `EF`: U+F000–U+FFFF; `EF BF BE`/`EF BF BF` are U+FFFE/U+FFFF.
    Ef,
    /// Any other character: not known to be stable in NFC.
    Other,
}

const BYTES: [Byte; 256] = {
    let mut t = [Byte::Fine; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = match b {
            0x09 | 0x0A => Byte::Fine,
            0x00..=0x1F | 0x7F => Byte::Control,
            0x20..=0x7E | 0x80..=0xBF | 0xC3..=0xCB => Byte::Fine,
            0xC2 => Byte::C2,
            0xE1 => Byte::E1,
            0xE2 => Byte::E2,
            0xEF => Byte::Ef,
            _ => Byte::Other,
        };
        b += 1;
    }
    t
};

/// Whether cleaning would change `s`. Most values are ASCII or Vietnamese in NFC: one pass over
/// the UTF-8 bytes decides without the Unicode tables; other scripts and combining marks go
/// through the NFC quick check.
pub fn needs_cleaning(s: &str) -> bool {
    let b = s.as_bytes();
    let at = |i: usize| b.get(i).copied().unwrap_or(0);
    let mut unstable = false;
    let mut i = 0;
    while i < b.len() {
        match BYTES[b[i] as usize] {
            Byte::Fine => {}
            Byte::Control => return true,
            Byte::C2 => {
                if at(i + 1) < 0xA0 {
                    return true;
                }
            }
            Byte::E1 => unstable |= !(0xB8..=0xBB).contains(&at(i + 1)),
            Byte::E2 => {
                let cp = 0x2000 | (u32::from(at(i + 1) & 0x3F) << 6) | u32::from(at(i + 2) & 0x3F);
                if cp == 0x2028 || cp == 0x2029 {
                    return true;
                }
                unstable |= !matches!(cp, 0x2010..=0x2027 | 0x2030..=0x205E | 0x20A0..=0x20BF);
            }
            Byte::Ef => {
                if at(i + 1) == 0xBF && matches!(at(i + 2), 0xBE | 0xBF) {
                    return true;
                }
                unstable = true;
            }
            Byte::Other => unstable = true,
        }
        i += 1;
    }
    unstable
        && match is_nfc_quick(s.chars()) {
            IsNormalized::Yes => false,
            IsNormalized::No => true,
            IsNormalized::Maybe => !unicode_normalization::is_nfc(s),
        }
}

/// Clean `s` (see the module documentation); borrowed when it is clean already.
pub fn clean(s: &str) -> Cow<'_, str> {
    if !needs_cleaning(s) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(ch) = chars.next() {
        match ch {
            '\r' if chars.peek() == Some(&'\n') => {}
            '\r' => out.push('\n'),
            c if is_replaced_control(c) => out.push(' '),
            c => out.push(c),
        }
    }
    if !unicode_normalization::is_nfc(&out) {
        out = out.nfc().collect();
    }
    Cow::Owned(out)
}

/// Clean an owned string, keeping its allocation when it is clean already.
fn clean_owned(s: String) -> String {
    match clean(&s) {
        Cow::Borrowed(_) => s,
        Cow::Owned(c) => c,
    }
}

/// Văn bản — a cleaned string: NFC, no control character but tab and line feed. Every text value
/// of a data file is read as a `Text` (its `Deserialize` cleans), and later stages trust it.
#[derive(Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct Text(String);

impl Text {
    /// Clean `s` into a `Text`.
    pub fn new(s: impl Into<String>) -> Text {
        Text(clean_owned(s.into()))
    }

    /// A text known to be clean already (a line or a trimmed part of a clean text).
    pub(crate) fn from_clean(s: String) -> Text {
        debug_assert!(!needs_cleaning(&s), "{s:?}");
        Text(s)
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The text as a `String`.
    pub fn into_string(self) -> String {
        self.0
    }
}

impl Deref for Text {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Text {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl Borrow<str> for Text {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.0, f)
    }
}

impl From<&str> for Text {
    fn from(s: &str) -> Text {
        Text(clean(s).into_owned())
    }
}

impl From<String> for Text {
    fn from(s: String) -> Text {
        Text::new(s)
    }
}

impl From<Text> for String {
    fn from(t: Text) -> String {
        t.0
    }
}

impl PartialEq<str> for Text {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for Text {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

impl PartialEq<String> for Text {
    fn eq(&self, other: &String) -> bool {
        &self.0 == other
    }
}

struct TextVisitor;

impl Visitor<'_> for TextVisitor {
    type Value = Text;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Text, E> {
        Ok(Text(clean(v).into_owned()))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Text, E> {
        Ok(Text(clean_owned(v)))
    }
}

impl<'de> Deserialize<'de> for Text {
    /// Read a string as `String` does, then clean it.
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_string(TextVisitor)
    }
}

/// Whether `ch` is dropped from a code: zero-width characters and the soft hyphen. Messages show
/// these by their code point (`Diagnostic`'s display).
pub fn is_zero_width(ch: char) -> bool {
    matches!(
        ch,
        '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{AD}' | '\u{180E}'
    )
}

/// Mã — a code compared across files (an indicator's `ma`, a unit's `ma`): a [`Text`] without
/// zero-width characters or soft hyphens, with non-breaking and other Unicode spaces made ASCII
/// spaces, trimmed. `"MT1.CT1\u{200B}"` and `"\u{A0}MT1.CT1"` are both `MT1.CT1`.
#[derive(Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct Code(Text);

impl Code {
    /// Clean `s` into a code.
    pub fn new(s: impl Into<String>) -> Code {
        Code::from_text(Text::new(s))
    }

    fn from_text(t: Text) -> Code {
        let s = t.as_str();
        if !s.chars().any(|c| is_zero_width(c) || c.is_whitespace()) {
            return Code(t);
        }
        let normalised: String = s
            .chars()
            .filter(|c| !is_zero_width(*c))
            .map(|c| if c.is_whitespace() { ' ' } else { c })
            .collect();
        Code(Text(normalised.trim().to_string()))
    }

    /// The code.
    pub fn as_str(&self) -> &str {
        self.0.as_str()
    }
}

impl Deref for Code {
    type Target = str;
    fn deref(&self) -> &str {
        self.0.as_str()
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl From<&str> for Code {
    fn from(s: &str) -> Code {
        Code::new(s)
    }
}

impl PartialEq<str> for Code {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Code {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl<'de> Deserialize<'de> for Code {
    /// Read a string as `String` does, then clean it as a code.
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Text::deserialize(d).map(Code::from_text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_normalization::char::canonical_combining_class;

    #[test]
    fn stable_ranges_are_nfc_whatever_follows() {
        for ch in (0..=0x20C0u32)
            .chain(0x1E00..=0x1EFF)
            .filter_map(char::from_u32)
        {
            if is_stable_nfc(ch) {
                assert_eq!(canonical_combining_class(ch), 0, "U+{:04X}", ch as u32);
                assert_eq!(
                    is_nfc_quick(std::iter::once(ch)),
                    IsNormalized::Yes,
                    "U+{:04X}",
                    ch as u32
                );
            }
        }
    }

    /// The byte scan agrees with the character rules on every character, alone and after a
    /// letter.
    #[test]
    fn the_byte_scan_agrees_with_the_rules() {
        for ch in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let alone = ch.to_string();
            let needs =
                ch == '\r' || is_replaced_control(ch) || !unicode_normalization::is_nfc(&alone);
            assert_eq!(needs_cleaning(&alone), needs, "U+{:04X}", ch as u32);
            if is_stable_nfc(ch) && !is_replaced_control(ch) && ch != '\r' {
                assert!(!needs_cleaning(&format!("a{ch}b")), "U+{:04X}", ch as u32);
            }
        }
    }

    #[test]
    fn nfd_becomes_nfc() {
        assert_eq!(Text::new("Vie\u{323}\u{302}t Nam"), "Việt Nam");
        assert_eq!(Text::new("e\u{301}"), "é");
        assert!(!needs_cleaning(
            "Cộng hòa xã hội chủ nghĩa Việt Nam – “độc lập” … ‰ ₫"
        ));
        assert!(needs_cleaning("Vie\u{323}\u{302}t"));
        // A singleton (U+2000 EN QUAD → U+2002) is outside the stable ranges.
        assert!(needs_cleaning("a\u{2000}b"));
    }

    #[test]
    fn controls_never_glue_words() {
        assert_eq!(Text::new("Trần Thị\u{B}Long"), "Trần Thị Long");
        assert_eq!(
            Text::new("a\u{C}b\u{0}c\u{1F}d\u{7F}e\u{85}f\u{9F}g"),
            "a b c d e f g"
        );
        assert_eq!(Text::new("a\u{2028}b\u{FFFF}"), "a b ");
        assert_eq!(Text::new("a\tb\nc"), "a\tb\nc");
        assert_eq!(Text::new("a\r\nb\rc"), "a\nb\nc");
        // A control between a letter and its mark: the mark stays a mark after the space.
        assert_eq!(Text::new("-\u{B}\u{301}"), "- \u{301}");
    }

    #[test]
    fn clean_values_are_not_copied_twice() {
        let s = String::from("Phường Nguyễn Trãi");
        let ptr = s.as_ptr();
        assert_eq!(Text::new(s).as_str().as_ptr(), ptr);
    }

    #[test]
    fn deserialising_cleans() {
        let t: Text = serde_yaml::from_str("\"Trần\\vLong e\\u0301\"").unwrap_or_default();
        assert_eq!(t, "Trần Long é");
    }

    #[test]
    fn codes_lose_invisible_characters() {
        assert_eq!(Code::new("MT1.CT1\u{200B}"), "MT1.CT1");
        assert_eq!(Code::new("\u{A0}MT1.CT1 "), "MT1.CT1");
        assert_eq!(Code::new("tram\u{AD}-y-te"), "tram-y-te");
        assert_eq!(Code::new("MT1.\u{A0}CT1"), "MT1. CT1");
        assert_eq!(Code::new("MT1.CT1"), "MT1.CT1");
    }

    #[test]
    fn invisible_characters_are_named() {
        assert_eq!(
            invisible_name('\u{A0}').as_deref(),
            Some("U+00A0, dấu cách không ngắt")
        );
        assert_eq!(invisible_name(' '), None);
        assert!(control_name('\u{B}').starts_with("U+000B, "));
    }
}
