//! Escaping values for Markdown (not HTML): what data says is shown literally.
//!
//! CommonMark §2.4 lets any ASCII punctuation be backslash-escaped, losslessly; so a value like
//! `1. `, `- `, `# `, `*`, `[^1]`, `|`, `<` or `&` can never create a list, heading, emphasis,
//! footnote, table cell or HTML. Whitespace is normalised so that it cannot create structure either:
//! leading spaces and tabs are trimmed (no code block), runs of spaces collapse (no-break spaces
//! inside a line are kept, e.g. a draft's blanks), a single newline
//! becomes a line break `<br>`, a blank line starts a new paragraph, a trailing newline adds nothing.
//! Values arrive clean ([`crate::model::Text`]): nothing here normalises characters.

/// Escape every ASCII punctuation character of `s` with a backslash.
fn escape_punct(s: &str, out: &mut String, keep: impl Fn(&str, usize) -> Option<usize>) {
    let mut i = 0;
    let bytes = s.as_bytes();
    while i < s.len() {
        if let Some(len) = keep(s, i) {
            out.push_str(&s[i..i + len]);
            i += len;
            continue;
        }
        let ch = s[i..].chars().next().unwrap_or(' ');
        if ch.is_ascii_punctuation() {
            out.push('\\');
        }
        out.push(ch);
        i += ch.len_utf8();
        let _ = bytes;
    }
}

/// Split a value into paragraphs of lines, with whitespace normalised.
fn paragraphs(s: &str) -> Vec<Vec<String>> {
    let mut paras: Vec<Vec<String>> = Vec::new();
    let mut cur: Vec<String> = Vec::new();
    for line in s.lines() {
        // No-break spaces inside a line are kept: they are the blanks of a draft's number and
        // date (`số       /KH-UBND ngày       tháng …`), which must not collapse to one space.
        let words: Vec<&str> = line
            .trim()
            .split(|c: char| c.is_whitespace() && c != '\u{a0}')
            .filter(|w| !w.is_empty())
            .collect();
        if words.is_empty() {
            if !cur.is_empty() {
                paras.push(std::mem::take(&mut cur));
            }
        } else {
            cur.push(words.join(" "));
        }
    }
    if !cur.is_empty() {
        paras.push(cur);
    }
    paras
}

fn render(s: &str, in_cell: bool, keep: &dyn Fn(&str, usize) -> Option<usize>) -> String {
    // Values are clean already (`model::Text`: NFC, no control characters), as is every text
    // built in code from them.
    let mut out = String::with_capacity(s.len() + 8);
    for (pi, para) in paragraphs(s).iter().enumerate() {
        if pi > 0 {
            out.push_str(if in_cell { "<br>" } else { "\n\n" });
        }
        for (li, line) in para.iter().enumerate() {
            if li > 0 {
                out.push_str("<br>");
            }
            escape_punct(line, &mut out, keep);
        }
    }
    out
}

/// Escape a plain value for the Markdown body: everything is literal text.
pub(crate) fn escape_markdown(s: &str) -> String {
    render(s, false, &|_, _| None)
}

/// Escape a plain value for a Markdown table cell: like [`escape_markdown`], but a blank line
/// becomes a line break too, since a cell holds one paragraph.
pub(crate) fn escape_cell(s: &str) -> String {
    render(s, true, &|_, _| None)
}

/// Escape a rich-text value: `*italic*`, `**bold**` and footnote references `[^label]` are kept,
/// everything else is literal (a leading `* ` is escaped so it cannot start a list).
pub(crate) fn escape_rich(s: &str) -> String {
    let keep = |s: &str, i: usize| -> Option<usize> {
        let rest = &s[i..];
        if let Some(after_star) = rest.strip_prefix('*') {
            // A `*` followed by a space at the start of the line would start a list item.
            let line_start = i == 0;
            if line_start && after_star.starts_with(' ') {
                return None;
            }
            return Some(1);
        }
        if let Some(after) = rest.strip_prefix("[^") {
            let end = after.find(']')?;
            let label = &after[..end];
            if !label.is_empty()
                && label
                    .chars()
                    .all(|c| c.is_alphanumeric() || c == '-' || c == '_')
            {
                return Some(end + 3);
            }
        }
        None
    };
    render(s, false, &keep)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_ascii_punctuation_is_escaped() {
        let all = r##"!"#$%&'()*+,-./:;<=>?@[\]^_`{|}~"##;
        let e = escape_markdown(all);
        let mut expected = String::new();
        for ch in all.chars() {
            expected.push('\\');
            expected.push(ch);
        }
        assert_eq!(e, expected);
        for ch in all.chars() {
            assert_eq!(escape_markdown(&ch.to_string()), format!("\\{ch}"), "{ch}");
        }
    }

    #[test]
    fn non_ascii_is_left_alone() {
        assert_eq!(escape_markdown("“Việt” – …"), "“Việt” – …");
    }

    #[test]
    fn whitespace_cannot_make_structure() {
        assert_eq!(escape_markdown("    code?"), "code\\?");
        assert_eq!(escape_markdown("\tx"), "x");
        assert_eq!(escape_markdown("a\nb\n"), "a<br>b");
        assert_eq!(escape_markdown("a\n\nb"), "a\n\nb");
        assert_eq!(escape_cell("a\n\nb"), "a<br>b");
        assert_eq!(escape_markdown("a  \nb"), "a<br>b");
        assert_eq!(escape_markdown("a b\t"), "a b");
        let blank = "\u{a0}".repeat(6);
        assert_eq!(
            escape_markdown(&format!("số {blank}/KH ngày{blank}tháng")),
            format!("số {blank}\\/KH ngày{blank}tháng")
        );
    }

    #[test]
    fn rich_text_keeps_emphasis_and_footnotes_only() {
        assert_eq!(escape_rich("*nghiêng* [^1]."), "*nghiêng* [^1]\\.");
        assert_eq!(escape_rich("* x"), "\\* x");
        assert_eq!(escape_rich("1. a"), "1\\. a");
        assert_eq!(escape_rich("[^ x]"), "\\[\\^ x\\]");
        assert_eq!(escape_rich("a_b"), "a\\_b");
    }
}
