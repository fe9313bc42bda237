//! Recognising legacy Vietnamese 8-bit encodings (TCVN3/ABC, VNI, Windows-1258) in non-UTF-8 input.
//!
//! We never convert silently: we only name the likely encoding in the error (with the first
//! line as it should read) so the user can convert the file with Unikey's converter.

/// The legacy encodings we recognise, with their names as Unikey's converter shows them.
/// Decodes bytes in one legacy encoding.
type Decoder = fn(&[u8]) -> String;

const ENCODINGS: [(&str, Decoder); 3] = [
    ("TCVN3 (ABC)", decode_tcvn3),
    ("VNI Windows", decode_vni),
    ("Windows-1258", decode_cp1258),
];

/// Guess which legacy Vietnamese encoding `bytes` use, if it is recognisable.
///
/// Each candidate (TCVN3/ABC, VNI Windows, Windows-1258) decodes the bytes; the decoding that
/// yields the most well-formed Vietnamese words wins. A word counts when every letter is a
/// Vietnamese letter and it carries at most one tone mark; characters that are not letters of
/// the alphabet (`§`, `·`, `Ü`, a stray combining mark …) count against the candidate. This is
/// how the encodings differ on real text:
/// - **TCVN3 (ABC)** writes each toned letter as one byte in 0xA1–0xFE (`ế` = 0xD5, `ạ` = 0xB9);
/// - **VNI Windows** writes a base letter followed by a mark byte (`ế` = `e` + 0xE1, `ạ` = `a` + 0xEF);
/// - **Windows-1258** writes `â ê ô ă ơ ư đ` as one byte and the tone as a combining byte after it
///   (`ế` = 0xEA + 0xEC, `ạ` = `a` + 0xF2).
#[cfg(test)]
fn guess_legacy(bytes: &[u8]) -> Option<&'static str> {
    guess_with_sample(bytes).map(|(name, _)| name)
}

/// Guess the legacy encoding of `bytes`, with the first line that has Vietnamese letters, as decoded (for the
/// message: the user recognises their own text).
pub(crate) fn guess_with_sample(bytes: &[u8]) -> Option<(&'static str, String)> {
    if bytes.iter().all(u8::is_ascii) {
        return None;
    }
    // The first 64 KiB are plenty to tell the encodings apart.
    let bytes = &bytes[..bytes.len().min(64 * 1024)];
    let mut best: Option<(i64, &'static str, String)> = None;
    for (name, decode) in ENCODINGS {
        let text = decode(bytes);
        let (good, bad) = score(&text);
        let total = good - 2 * bad;
        if good > 0 && good >= 2 * bad && best.as_ref().is_none_or(|b| total > b.0) {
            best = Some((total, name, text));
        }
    }
    let (_, name, text) = best?;
    let sample = text
        .lines()
        .find(|l| !l.trim_start().starts_with('#') && !l.is_ascii())
        .unwrap_or("")
        .trim();
    let mut sample: String = sample.chars().take(60).collect();
    if sample.chars().count() == 60 {
        sample.push('…');
    }
    Some((name, sample))
}

/// (well-formed Vietnamese words with a non-ASCII letter, broken words or characters).
fn score(text: &str) -> (i64, i64) {
    use unicode_normalization::UnicodeNormalization;
    let text: String = text.nfc().collect();
    let (mut good, mut bad) = (0i64, 0i64);
    for word in text.split(|c: char| !(c.is_alphabetic() || is_mark(c))) {
        if word.is_ascii() {
            continue;
        }
        let letters_ok = word
            .chars()
            .all(|c| c.is_ascii_alphabetic() || is_viet_letter(c));
        let tones = word.nfd().filter(|c| is_tone(*c)).count();
        if letters_ok && tones <= 1 && is_syllable(word) {
            good += 1;
        } else {
            bad += 1;
        }
    }
    // Non-ASCII characters outside words (`§`, `·`, `¹` …) are rare in Vietnamese text.
    bad += text
        .chars()
        .filter(|c| !(c.is_ascii() || c.is_alphabetic() || is_mark(*c) || is_common_punct(*c)))
        .count() as i64;
    (good, bad)
}

/// Vowel nuclei of Vietnamese syllables, without tone marks.
const NUCLEI: &[&str] = &[
    "a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y", "ai", "ao", "au", "ay", "âu", "ây",
    "eo", "êu", "ia", "iê", "iu", "oa", "oă", "oe", "oi", "ôi", "ơi", "oo", "ôô", "ua", "uâ", "uê",
    "ui", "uô", "uơ", "ươ", "ưa", "ưi", "ưu", "uy", "yê", "iêu", "yêu", "oai", "oay", "oao", "oeo",
    "uây", "uôi", "ươi", "ươu", "uya", "uyê", "uyu", "uêu",
];

/// Whether `word` (NFC) looks like one Vietnamese syllable: one vowel group, and a known one.
/// Wrong decodings make groups such as `oọ`, `aù`, `eả` that Vietnamese never writes.
fn is_syllable(word: &str) -> bool {
    use unicode_normalization::UnicodeNormalization;
    let bare: String = word
        .nfd()
        .filter(|c| !is_tone(*c))
        .nfc()
        .flat_map(char::to_lowercase)
        .collect();
    let is_vowel = |c: char| "aăâeêioôơuưy".contains(c);
    let rest = bare
        .strip_prefix("qu")
        .or_else(|| {
            bare.strip_prefix("gi")
                .filter(|r| r.chars().next().is_some_and(is_vowel))
        })
        .unwrap_or(&bare);
    let groups: Vec<&str> = rest
        .split(|c: char| !is_vowel(c))
        .filter(|g| !g.is_empty())
        .collect();
    match groups.as_slice() {
        [g] => NUCLEI.contains(g),
        _ => false,
    }
}

fn is_mark(c: char) -> bool {
    ('\u{300}'..='\u{36f}').contains(&c)
}

fn is_tone(c: char) -> bool {
    matches!(c, '\u{300}' | '\u{301}' | '\u{303}' | '\u{309}' | '\u{323}')
}

fn is_common_punct(c: char) -> bool {
    matches!(
        c,
        '\u{a0}' | '–' | '—' | '“' | '”' | '‘' | '’' | '…' | '•' | '€' | '₫'
    )
}

/// Whether `c` (NFC) is a Vietnamese letter with diacritics (or đ/Đ).
fn is_viet_letter(c: char) -> bool {
    use unicode_normalization::UnicodeNormalization;
    if matches!(c, 'đ' | 'Đ') {
        return true;
    }
    let mut d = std::iter::once(c).nfd();
    let Some(base) = d.next() else { return false };
    if !matches!(base.to_ascii_lowercase(), 'a' | 'e' | 'i' | 'o' | 'u' | 'y') {
        return false;
    }
    let marks: Vec<char> = d.collect();
    let (mods, tones): (Vec<char>, Vec<char>) = marks.iter().partition(|m| !is_tone(**m));
    let mod_ok = matches!(
        (base.to_ascii_lowercase(), mods.as_slice()),
        (_, []) | ('a' | 'e' | 'o', ['\u{302}']) | ('a', ['\u{306}']) | ('o' | 'u', ['\u{31b}'])
    );
    mod_ok && tones.len() <= 1
}

/// TCVN 5712:1993 (VN3): one byte per letter; upper-case toned letters share the lower-case codes.
fn decode_tcvn3(bytes: &[u8]) -> String {
    const HIGH: &str = "ĂÂÊÔƠƯĐăâêôơưđ\u{fffd}\u{fffd}\u{fffd}\u{fffd}\u{fffd}\u{fffd}àảãáạ\u{fffd}ằẳẵắ\u{fffd}\u{fffd}\u{fffd}\u{fffd}\u{fffd}\u{fffd}\u{fffd}ặầẩẫấậè\u{fffd}ẻẽéẹềểễếệìỉ\u{fffd}\u{fffd}\u{fffd}ĩíịò\u{fffd}ỏõóọồổỗốộờởỡớợù\u{fffd}ủũúụừửữứựỳỷỹýỵ";
    let table: Vec<char> = HIGH.chars().collect();
    bytes
        .iter()
        .map(|&b| match b {
            0..=0x7f => b as char,
            0xa1..=0xfe => table
                .get((b - 0xa1) as usize)
                .copied()
                .unwrap_or('\u{fffd}'),
            _ => '\u{fffd}',
        })
        .collect()
}

/// VNI Windows: a base letter followed by a mark byte; a few letters are single bytes.
fn decode_vni(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len());
    for &b in bytes {
        if b < 0x80 {
            out.push(b as char);
            continue;
        }
        let upper = (0xc0..0xe0).contains(&b);
        let lower = if upper { b + 0x20 } else { b };
        let s: &str = match lower {
            0xf9 => "\u{301}",
            0xf8 => "\u{300}",
            0xfb => "\u{309}",
            0xf5 => "\u{303}",
            0xef => "\u{323}",
            0xe2 => "\u{302}",
            0xe1 => "\u{302}\u{301}",
            0xe0 => "\u{302}\u{300}",
            0xe5 => "\u{302}\u{309}",
            0xe3 => "\u{302}\u{303}",
            0xe4 => "\u{302}\u{323}",
            0xea => "\u{306}",
            0xe9 => "\u{306}\u{301}",
            0xe8 => "\u{306}\u{300}",
            0xfa => "\u{306}\u{309}",
            0xfc => "\u{306}\u{303}",
            0xeb => "\u{306}\u{323}",
            0xf4 if upper => "Ơ",
            0xf4 => "ơ",
            0xf6 if upper => "Ư",
            0xf6 => "ư",
            0xf1 if upper => "Đ",
            0xf1 => "đ",
            0xed if upper => "Í",
            0xed => "í",
            0xec if upper => "Ì",
            0xec => "ì",
            0xe6 if upper => "Ỉ",
            0xe6 => "ỉ",
            0xf3 if upper => "Ĩ",
            0xf3 => "ĩ",
            0xf2 if upper => "Ị",
            0xf2 => "ị",
            _ => "\u{fffd}",
        };
        out.push_str(s);
    }
    out
}

/// Windows-1258: Latin-1 layout with `Ă Đ Ơ Ư ă đ ơ ư ₫` and five combining tone marks.
fn decode_cp1258(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|&b| match b {
            0..=0x7f => b as char,
            0x80..=0x9f => '\u{fffd}',
            0xc3 => 'Ă',
            0xcc => '\u{300}',
            0xd0 => 'Đ',
            0xd2 => '\u{309}',
            0xd5 => 'Ơ',
            0xdd => 'Ư',
            0xde => '\u{303}',
            0xe3 => 'ă',
            0xec => '\u{301}',
            0xf0 => 'đ',
            0xf2 => '\u{323}',
            0xf5 => 'ơ',
            0xfd => 'ư',
            0xfe => '₫',
            _ => char::from(b),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_tcvn3() {
        // "Céng hßa x· héi chñ nghÜa ViÖt Nam" in TCVN3 bytes: "Kế hoạch" = K\xD5 ho\xB9ch
        let tcvn3 = b"K\xD5 ho\xB9ch tri\xAAn khai \xAE\xA7 th\xF3c hi\xD6n";
        assert_eq!(guess_legacy(tcvn3), Some("TCVN3 (ABC)"));
    }

    #[test]
    fn recognises_vni() {
        // "Kế hoạch" in VNI: "Keá hoaïch", "Vieät Nam": "Vieät"
        let vni = b"Ke\xe1 hoa\xefch Vie\xe4t Nam nga\xf8y tha\xf9ng";
        assert_eq!(guess_legacy(vni), Some("VNI Windows"));
    }

    /// Whole plan files converted by `tests/cases/invalid/legacy.py` (real byte tables).
    #[test]
    fn recognises_whole_files() {
        let tcvn3 = include_bytes!("../../tests/cases/invalid/encoding-tcvn3.yaml");
        let vni = include_bytes!("../../tests/cases/invalid/encoding-vni.yaml");
        let cp1258 = include_bytes!("../../tests/cases/invalid/encoding-cp1258.yaml");
        assert_eq!(guess_legacy(tcvn3), Some("TCVN3 (ABC)"));
        assert_eq!(guess_legacy(vni), Some("VNI Windows"));
        assert_eq!(guess_legacy(cp1258), Some("Windows-1258"));
    }

    /// One line of each, as pasted from an old document.
    #[test]
    fn recognises_short_lines() {
        // "Phường Nguyễn Trãi, thành phố Kon Tum" / "Cộng hòa xã hội chủ nghĩa Việt Nam"
        let cases: [(&[u8], &str); 6] = [
            (
                b"Ph\xad\xeang Nguy\xd4n Tr\xb7i, th\xb5nh ph\xe8 Kon Tum",
                "TCVN3 (ABC)",
            ),
            (
                b"C\xe9ng h\xdfa x\xb7 h\xe9i ch\xf1 ngh\xdca Vi\xd6t Nam",
                "TCVN3 (ABC)",
            ),
            (
                b"Ph\xf6\xf4\xf8ng Nguye\xe3n Tra\xf5i, tha\xf8nh pho\xe1 Kon Tum",
                "VNI Windows",
            ),
            (
                b"Co\xe4ng ho\xf8a xa\xf5 ho\xe4i chu\xfb ngh\xf3a Vie\xe4t Nam",
                "VNI Windows",
            ),
            (
                b"Ph\xfd\xf5\xccng Nguy\xea\xden Tra\xdei, th\xe0nh ph\xf4\xec Kon Tum",
                "Windows-1258",
            ),
            (
                b"C\xf4\xf2ng ho\xcca xa\xde h\xf4\xf2i chu\xd2 nghi\xdea Vi\xea\xf2t Nam",
                "Windows-1258",
            ),
        ];
        for (bytes, enc) in cases {
            assert_eq!(
                guess_legacy(bytes),
                Some(enc),
                "{}",
                String::from_utf8_lossy(bytes)
            );
        }
    }

    #[test]
    fn ascii_is_not_legacy() {
        assert_eq!(guess_legacy(b"plain ascii"), None);
    }
}
