//! Vietnamese formatting rules for dates, numbers and Roman numerals (pure functions).
//!
//! The handlebars helpers in `template::helpers` and the frame writer both call these, so each
//! rule is written once.

use chrono::{Datelike, NaiveDate};

/// The day as printed: zero-padded below 10 (NĐ 30 Phụ lục I, II.4: `ngày 05`).
pub fn day_text(day: u32) -> String {
    format!("{day:02}")
}

/// The month as printed: zero-padded for January and February only (NĐ 30 Phụ lục I, II.4:
/// `tháng 01`, `tháng 02`, `tháng 3` … `tháng 12`).
pub fn month_text(month: u32) -> String {
    if month <= 2 {
        format!("{month:02}")
    } else {
        month.to_string()
    }
}

/// `ngày 05 tháng 01 năm 2025` (NĐ 30 Phụ lục I, II.4).
pub fn date_long(d: NaiveDate) -> String {
    format!(
        "ngày {} tháng {} năm {}",
        day_text(d.day()),
        month_text(d.month()),
        d.year()
    )
}

/// `05/01/2025`: the short form used inside running text and tables.
pub fn date_short(d: NaiveDate) -> String {
    format!("{:02}/{:02}/{}", d.day(), d.month(), d.year())
}

/// Format `x` the Vietnamese way: decimal comma, `.` between thousands, at most `decimals`
/// decimals, trailing zeros dropped (`1.5` → `1,5`; `89.24` with 1 → `89,2`; `12000` → `12.000`).
pub fn number(x: f64, decimals: usize) -> String {
    if !x.is_finite() {
        return "—".to_string();
    }
    let s = format!("{:.*}", decimals, x.abs());
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i.to_string(), f.trim_end_matches('0').to_string()),
        None => (s.clone(), String::new()),
    };
    let mut grouped = String::new();
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push('.');
        }
        grouped.push(ch);
    }
    let negative = x < 0.0 && (int != "0" || !frac.is_empty());
    let sign = if negative { "-" } else { "" };
    if frac.is_empty() {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped},{frac}")
    }
}

/// Upper-case Roman numeral of `n` (1–3999), e.g. `4` → `IV`; `None` outside that range.
pub fn roman(n: u32) -> Option<String> {
    if n == 0 || n > 3999 {
        return None;
    }
    const TABLE: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut n = n;
    let mut out = String::new();
    for (v, s) in TABLE {
        while n >= v {
            out.push_str(s);
            n -= v;
        }
    }
    Some(out)
}

/// Whether XML 1.0 forbids `ch` in a document (§2.2 Char): C0 controls other than tab, LF and
/// CR, and U+FFFE/U+FFFF. Such characters never reach a package part.
pub fn is_xml_forbidden(ch: char) -> bool {
    matches!(ch, '\u{0}'..='\u{8}' | '\u{B}' | '\u{C}' | '\u{E}'..='\u{1F}' | '\u{FFFE}' | '\u{FFFF}')
}

/// A plain value as the lines a reader sees, for text built in code (table cells): each line's
/// whitespace collapsed, blank lines dropped (a cell is one paragraph, so a blank line is just
/// another line break). The same whitespace rules as values going into Markdown
/// (`template::escape`), so a value reads the same everywhere. Values are clean already
/// ([`crate::model::Text`]).
pub fn plain_lines(s: &str) -> Vec<String> {
    s.lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty())
        .collect()
}

/// A plain value as one line (a name that appears inside a sentence): [`plain_lines`] joined by
/// a space.
pub fn one_line(s: &str) -> String {
    plain_lines(s).join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_lines_are_normalised() {
        assert_eq!(plain_lines("  a \t b\n\n c \n"), ["a b", "c"]);
        assert_eq!(one_line("Trạm\nY tế\n"), "Trạm Y tế");
    }

    #[test]
    fn every_day_and_month_follows_the_padding_rule() {
        for d in 1..=31u32 {
            let t = day_text(d);
            assert_eq!(t.len(), 2, "day {d}");
            assert_eq!(t.parse::<u32>().ok(), Some(d));
        }
        for m in 1..=12u32 {
            let want = match m {
                1 => "01",
                2 => "02",
                _ => "",
            };
            let t = month_text(m);
            if m <= 2 {
                assert_eq!(t, want);
            } else {
                assert_eq!(t, m.to_string(), "month {m} has no leading zero");
            }
        }
    }

    #[test]
    fn every_date_of_a_year_matches_the_decree_pattern() {
        let mut d = NaiveDate::from_ymd_opt(2024, 1, 1).unwrap();
        while d.year() == 2024 {
            let s = date_long(d);
            let parts: Vec<&str> = s.split(' ').collect();
            assert_eq!(parts[0], "ngày");
            assert_eq!(parts[1].len(), 2);
            let m = parts[3];
            assert!(
                matches!(m, "01" | "02") || (3..=12).map(|x| x.to_string()).any(|x| x == m),
                "{s}"
            );
            d = d.succ_opt().unwrap();
        }
        assert_eq!(
            date_long(NaiveDate::from_ymd_opt(2025, 4, 2).unwrap()),
            "ngày 02 tháng 4 năm 2025"
        );
        assert_eq!(
            date_long(NaiveDate::from_ymd_opt(2020, 1, 5).unwrap()),
            "ngày 05 tháng 01 năm 2020"
        );
        assert_eq!(
            date_long(NaiveDate::from_ymd_opt(2019, 6, 29).unwrap()),
            "ngày 29 tháng 6 năm 2019"
        );
    }

    #[test]
    fn numbers_use_decimal_comma_and_dot_thousands() {
        assert_eq!(number(1.5, 2), "1,5");
        assert_eq!(number(89.24, 1), "89,2");
        assert_eq!(number(89.26, 1), "89,3");
        assert_eq!(number(100.0, 1), "100");
        assert_eq!(number(12000.0, 0), "12.000");
        assert_eq!(number(1234567.891, 2), "1.234.567,89");
        assert_eq!(number(0.0, 1), "0");
        assert_eq!(number(-2.5, 1), "-2,5");
        assert_eq!(number(-0.01, 1), "0");
        assert_eq!(number(f64::NAN, 1), "—");
    }

    #[test]
    fn roman_numerals() {
        let want = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"];
        for (i, w) in want.iter().enumerate() {
            assert_eq!(roman(i as u32 + 1).as_deref(), Some(*w));
        }
        assert_eq!(roman(14).as_deref(), Some("XIV"));
        assert_eq!(roman(1994).as_deref(), Some("MCMXCIV"));
        assert_eq!(roman(0), None);
        assert_eq!(roman(4000), None);
    }
}
