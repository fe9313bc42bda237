//! Text widths in Times New Roman, from the advance widths of Liberation Serif 2 (metric-compatible
//! with Times New Roman, so Word and LibreOffice set the same line lengths), and line fitting.
//!
//! The width table ([`super::glyphs`]) is generated from the font by `tools/glyph_widths.py`;
//! the runtime never reads a font. Widths are exact advance sums (no kerning: Word does not kern
//! by default). A character outside the table (rare: CJK, emoji) counts as a digit (½ em). A
//! no-break space counts as LibreOffice sets it, wider than the font's
//! ([`super::profile::NBSP_WIDTH_UNITS`]).

use super::glyphs::{BOLD, BOLD_ITALIC, ITALIC, RANGES, REGULAR, UNITS_PER_EM};
use crate::model::units::{Pt, Twips};

/// Advance width of `ch` in font units.
fn advance(ch: char, bold: bool, italic: bool) -> u32 {
    let table: &[u16] = match (bold, italic) {
        (false, false) => &REGULAR,
        (true, false) => &BOLD,
        (false, true) => &ITALIC,
        (true, true) => &BOLD_ITALIC,
    };
    if ch == '\u{a0}' {
        return super::profile::NBSP_WIDTH_UNITS;
    }
    let cp = ch as u32;
    let mut offset = 0usize;
    for (first, last) in RANGES {
        if (first..=last).contains(&cp) {
            let w = table[offset + (cp - first) as usize];
            if w > 0 || (0x300..=0x323).contains(&cp) {
                return u32::from(w);
            }
            break;
        }
        offset += (last - first + 1) as usize;
    }
    u32::from(UNITS_PER_EM) / 2
}

/// Width of `text` at `size`, in twips; upright.
pub fn text_width_twips(text: &str, size: Pt, bold: bool) -> Twips {
    styled_width_twips(text, size, bold, false)
}

/// Width of `text` at `size` with the given style, in twips.
pub fn styled_width_twips(text: &str, size: Pt, bold: bool, italic: bool) -> Twips {
    let units: u64 = text
        .chars()
        .map(|c| u64::from(advance(c, bold, italic)))
        .sum();
    // twips = units / units-per-em × size (pt) × 20.
    Twips((units as f64 * size.0 * 20.0 / f64::from(UNITS_PER_EM)).round() as i32)
}

/// The lines a word processor makes of `text` in a box `width` wide: greedy, breaking at spaces
/// only (a word longer than the box stays whole on its own line).
pub(crate) fn wrap(text: &str, size: Pt, bold: bool, width: Twips) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let candidate = if line.is_empty() {
            word.to_string()
        } else {
            format!("{line} {word}")
        };
        if !line.is_empty() && text_width_twips(&candidate, size, bold) > width {
            lines.push(std::mem::replace(&mut line, word.to_string()));
        } else {
            line = candidate;
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// How welcome a line break before a word is, for [`balanced`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Break {
    /// A natural point: before a level word (`PHƯỜNG`, `THÀNH PHỐ`) or a new phrase.
    Natural,
    /// Before a function word (`của`, `về`, `và`, `năm` …): between phrases.
    Phrase,
    /// Between two syllables with nothing known about them (possibly inside a word).
    Plain,
    /// Inside a name or a level word (`KON / TUM`, `THÀNH / PHỐ`): only when nothing else fits.
    Never,
}

impl Break {
    fn penalty(self) -> u64 {
        match self {
            Break::Natural => 0,
            Break::Phrase => 10,
            Break::Plain => 60,
            Break::Never => 5_000,
        }
    }
}

/// Set `words` in as few lines of at most `width` as possible, then as evenly as possible,
/// breaking at the best points: `kind(i)` says how welcome a break before `words[i]` is. A last
/// line of one or two words after a break is avoided (NĐ 30 practice for centred titles).
/// A word wider than `width` stands alone on its line. Exhaustive over break positions
/// (dynamic programming; lines are short).
pub(crate) fn balanced(
    words: &[&str],
    size: Pt,
    bold: bool,
    width: Twips,
    kind: &dyn Fn(usize) -> Break,
) -> Vec<String> {
    let n = words.len();
    if n == 0 {
        return Vec::new();
    }
    let space = text_width_twips(" ", size, bold).0 as i64;
    let w: Vec<i64> = words
        .iter()
        .map(|x| text_width_twips(x, size, bold).0 as i64)
        .collect();
    let line_width = |i: usize, j: usize| w[i..j].iter().sum::<i64>() + space * (j - i - 1) as i64;
    let limit = width.0.max(1) as i64;
    // best[j] = (cost, start of the last line) of the words 0..j; a line costs 1000 (fewer lines
    // first), its squared slack, and the penalty of the break that opens it.
    const LINE: u64 = 1_000;
    let mut best: Vec<Option<(u64, usize)>> = vec![None; n + 1];
    best[0] = Some((0, 0));
    for j in 1..=n {
        for i in (0..j).rev() {
            let lw = line_width(i, j);
            if lw > limit && j - i > 1 {
                break;
            }
            let Some((before, _)) = best[i] else { continue };
            let slack = (limit - lw).max(0) as f64 / limit as f64;
            let mut cost = before + LINE + (slack * slack * 100.0) as u64;
            if i > 0 {
                cost += kind(i).penalty();
            }
            if j == n && i > 0 && j - i <= 2 {
                cost += 300;
            }
            if best[j].is_none_or(|(c, _)| cost < c) {
                best[j] = Some((cost, i));
            }
        }
    }
    let mut lines = Vec::new();
    let mut j = n;
    while j > 0 {
        let i = best[j].map_or(j - 1, |(_, i)| i);
        lines.push(words[i..j].join(" "));
        j = i;
    }
    lines.reverse();
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    /// nd30-layout §4.1–4.2, measured in Liberation Serif Bold: Quốc hiệu 13 pt = 5424 twips,
    /// 12 pt = 5007; `ỦY BAN NHÂN DÂN` 13 pt = 2448. The note's Tiêu ngữ (14 pt = 3415,
    /// 13 pt = 3171) was measured with pair kerning (`Tự`); the unkerned advances Word sets
    /// without kerning are 3428 and 3183, within 0.4 %.
    #[test]
    fn exact_against_measured_widths() {
        use crate::model::admin::{MOTTO, NATIONAL_TITLE};
        let near = |got: Twips, want: i32| assert!((got.0 - want).abs() <= 2, "{got:?} ≠ {want}");
        near(text_width_twips(NATIONAL_TITLE, Pt(13.0), true), 5424);
        near(text_width_twips(NATIONAL_TITLE, Pt(12.0), true), 5007);
        near(text_width_twips(MOTTO, Pt(14.0), true), 3428);
        near(text_width_twips(MOTTO, Pt(13.0), true), 3183);
        for (size, kerned) in [(14.0, 3415), (13.0, 3171)] {
            let m = text_width_twips(MOTTO, Pt(size), true).0;
            assert!((m - kerned).abs() * 250 < kerned, "{m} against {kerned}");
        }
        near(text_width_twips("ỦY BAN NHÂN DÂN", Pt(13.0), true), 2448);
    }

    #[test]
    fn styles_and_letters_differ() {
        let r = text_width_twips("Nguyễn Trãi", Pt(14.0), false);
        let b = text_width_twips("Nguyễn Trãi", Pt(14.0), true);
        let i = styled_width_twips("Nguyễn Trãi", Pt(14.0), false, true);
        assert!(b > r && r != i, "{r:?} {b:?} {i:?}");
        // `i` is narrower than `m`: real glyph widths, not character classes.
        assert!(
            text_width_twips("iiii", Pt(14.0), false) < text_width_twips("mmmm", Pt(14.0), false)
        );
        // A precomposed Vietnamese letter has its base letter's width.
        assert_eq!(
            text_width_twips("ễ", Pt(14.0), false),
            text_width_twips("e", Pt(14.0), false)
        );
    }

    #[test]
    fn wrap_breaks_at_spaces_within_the_width() {
        let w = text_width_twips("CÔNG AN THÀNH PHỐ", Pt(13.0), false);
        let lines = wrap("CÔNG AN THÀNH PHỐ KON TUM", Pt(13.0), false, w);
        assert_eq!(lines, ["CÔNG AN THÀNH PHỐ", "KON TUM"]);
        assert_eq!(wrap("  ", Pt(13.0), false, w), Vec::<String>::new());
    }

    #[test]
    fn balanced_lines_prefer_natural_breaks_and_even_lengths() {
        let words: Vec<&str> = "TRUNG TÂM Y TẾ THÀNH PHỐ KON TUM".split(' ').collect();
        let kind = |i: usize| match i {
            4 => Break::Natural,
            5..=7 => Break::Never,
            _ => Break::Plain,
        };
        let lines = balanced(&words, Pt(13.0), false, Twips(4000), &kind);
        assert_eq!(lines, ["TRUNG TÂM Y TẾ", "THÀNH PHỐ KON TUM"]);
        // Nothing fits but breaking a name: a name is broken rather than overflow.
        let lines = balanced(&words[4..], Pt(13.0), false, Twips(1500), &|_| Break::Never);
        assert!(lines.len() >= 2, "{lines:?}");
        // Never a one- or two-word last line when an even split exists.
        let words: Vec<&str> =
            "Kết quả thực hiện công tác bình đẳng giới trên địa bàn phường Nguyễn Trãi năm 2025"
                .split(' ')
                .collect();
        let full = text_width_twips(&words.join(" "), Pt(14.0), true);
        let lines = balanced(&words, Pt(14.0), true, Twips(full.0 * 3 / 4), &|_| {
            Break::Plain
        });
        assert_eq!(lines.len(), 2);
        assert!(lines[1].split(' ').count() > 4, "{lines:?}");
    }
}
