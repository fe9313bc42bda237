//! Estimated text widths in Times New Roman, to size the rules under header lines.
//!
//! Per-character advance widths in em, calibrated against the widths in nd30-layout §4.1
//! (Quốc hiệu 13 pt bold = 5424 twips, Tiêu ngữ 14 pt bold = 3415 twips): the estimate is within
//! 2 % for those lines, well inside the ±10 % tolerance of the checker (§14 H3/H4).

use crate::model::units::{Pt, Twips};

fn em(ch: char, bold: bool) -> f64 {
    let base = if ch == ' ' {
        0.25
    } else if ch.is_uppercase() {
        0.71
    } else if ch.is_lowercase() {
        0.525
    } else if ch.is_ascii_digit() {
        0.5
    } else {
        0.33
    };
    if bold && ch != ' ' {
        base * 1.0
    } else {
        base * 0.97
    }
}

/// Estimated width of `text` at `size`, in twips.
pub(crate) fn text_width_twips(text: &str, size: Pt, bold: bool) -> Twips {
    let ems: f64 = text.chars().map(|c| em(c, bold)).sum();
    Twips((ems * size.0 * 20.0).round() as i32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calibrated_against_measured_widths() {
        let q = text_width_twips(crate::model::admin::NATIONAL_TITLE, Pt(13.0), true).0;
        assert!((q - 5424).abs() < 5424 / 50, "{q}");
        let m = text_width_twips(crate::model::admin::MOTTO, Pt(14.0), true).0;
        assert!((m - 3415).abs() < 3415 / 50, "{m}");
        let a = text_width_twips("ỦY BAN NHÂN DÂN", Pt(13.0), true).0;
        assert!((a - 2448).abs() < 2448 / 50, "{a}");
    }
}
