//! Runs and tables of a read .docx → the Markdown that `noi_dung` holds (the subset of
//! `src/markup`: `**đậm**`, `*nghiêng*`, `<br>` line breaks, `[^n]` footnote references, pipe
//! tables, `->` centred paragraphs, `#`/`##`/`###` headings). Text is escaped so that what the
//! document shows is what the Markdown renders: a `1.` or `-` that opens a paragraph stays text,
//! never a list.

use crate::check::read::{Para, Run};
use crate::check::rules::{all_bold, all_italic};

/// Footnotes met in the body, numbered in the order of their first reference.
#[derive(Debug, Default)]
pub(super) struct Notes {
    /// `w:id` of each footnote, in reference order (label `i + 1`).
    pub(super) ids: Vec<String>,
}

impl Notes {
    /// The label of footnote `id` (`1`, `2`, …), numbered when first met.
    fn label(&mut self, id: &str) -> usize {
        match self.ids.iter().position(|x| x == id) {
            Some(i) => i + 1,
            None => {
                self.ids.push(id.to_string());
                self.ids.len()
            }
        }
    }
}

/// Escape text for the inside of a Markdown paragraph: only what would make structure here.
/// Not [`crate::template::escape::escape_markdown`], which backslashes every ASCII punctuation
/// mark (right for a template's values, which nobody reads): a user edits this `noi_dung`, and
/// `62/KH\-UBND ngày 02/4/2025\.` on every line would make it unreadable.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\\' | '*' | '_' | '[' | ']' | '<' | '>' | '`' | '|' | '&' | '~' | '#' | '^' => {
                out.push('\\');
                out.push(c);
            }
            '\n' => out.push_str("<br>"),
            '\t' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

/// Escape what would open a block at the start of a paragraph: `- `, `+ `, `1. `, `1) `, `=`.
fn escape_start(s: String) -> String {
    let first = s.chars().next();
    if matches!(first, Some('-' | '+' | '=')) {
        return format!("\\{s}");
    }
    let digits = s.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 {
        let rest = &s[digits..];
        if rest.starts_with('.') || rest.starts_with(')') {
            return format!("{}\\{}", &s[..digits], rest);
        }
    }
    s
}

/// The Markdown of a list of runs; `bold`/`italic` false leaves that emphasis out (a heading is
/// bold by itself). Emphasis markers hug the text: spaces go outside them.
pub(super) fn inline(runs: &[Run], notes: &mut Notes, bold: bool, italic: bool) -> String {
    let mut out = String::new();
    let mut i = 0;
    while i < runs.len() {
        if let Some(id) = &runs[i].note {
            out.push_str(&format!("[^{}]", notes.label(id)));
            i += 1;
            continue;
        }
        let key = |r: &Run| {
            (
                bold && r.props.bold == Some(true),
                italic && r.props.italic == Some(true),
            )
        };
        let k = key(&runs[i]);
        let mut text = String::new();
        while i < runs.len() && runs[i].note.is_none() && key(&runs[i]) == k {
            text.push_str(&runs[i].text);
            i += 1;
        }
        let marker = match k {
            (true, true) => "***",
            (true, false) => "**",
            (false, true) => "*",
            (false, false) => "",
        };
        let core = text.trim_matches([' ', '\u{a0}', '\t']);
        if marker.is_empty() || core.is_empty() {
            out.push_str(&escape(&text));
            continue;
        }
        let lead = &text[..text.find(core).unwrap_or(0)];
        let trail = &text[lead.len() + core.len()..];
        out.push_str(&escape(lead));
        out.push_str(marker);
        out.push_str(&escape(core));
        out.push_str(marker);
        out.push_str(&escape(trail));
    }
    out.trim().to_string()
}

/// The Markdown of one body paragraph; `None` when it holds no text.
pub(super) fn paragraph(p: &Para, notes: &mut Notes) -> Option<String> {
    let mut runs = p.runs.clone();
    if let Some(l) = p.label.as_deref().map(list_label).filter(|l| !l.is_empty()) {
        // Word's automatic numbering (H37): the label it draws becomes text.
        runs.insert(
            0,
            Run {
                text: format!("{l} "),
                props: runs.first().map(|r| r.props.clone()).unwrap_or_default(),
                note: None,
            },
        );
    }
    if runs
        .iter()
        .all(|r| r.note.is_none() && r.text.trim().is_empty())
    {
        return None;
    }
    let probe = Para {
        runs: runs.clone(),
        ..Para::default()
    };
    let text = p.plain();
    let centred = p.props.jc.as_deref() == Some("center");
    let level = heading_level(&text);
    let bold = all_bold(&probe);
    let italic = all_italic(&probe);
    if !centred && bold && level.is_some_and(|l| l < 3 || italic) {
        let l = level.unwrap_or(1);
        let body = inline(&runs, notes, false, l < 3);
        return Some(format!("{} {}", "#".repeat(l), body));
    }
    let body = escape_start(inline(&runs, notes, true, true));
    Some(if centred { format!("-> {body}") } else { body })
}

/// A list label as text: numbers as drawn (`I.`, `1.`, `a)`); a bullet (`•`, ``, `§`, `–`:
/// a glyph of a symbol font, no letter or digit) as the dash Vietnamese documents write.
fn list_label(l: &str) -> String {
    let l = l.trim();
    if l.is_empty() || l.chars().any(char::is_alphanumeric) {
        l.to_string()
    } else {
        "-".to_string()
    }
}

/// The heading level a numbered title has: `I.` → 1, `1.` → 2, `a)` → 3.
fn heading_level(t: &str) -> Option<usize> {
    let (label, _) = t.split_once(' ')?;
    let stem = label.strip_suffix(['.', ')'])?;
    if !stem.is_empty() && stem.chars().all(|c| "IVXL".contains(c)) && label.ends_with('.') {
        return Some(1);
    }
    if !stem.is_empty() && stem.chars().all(|c| c.is_ascii_digit()) && label.ends_with('.') {
        return Some(2);
    }
    let mut cs = stem.chars();
    if matches!((cs.next(), cs.next()), (Some(c), None) if c.is_lowercase()) && label.ends_with(')')
    {
        return Some(3);
    }
    None
}

/// A table as a pipe table: the first row is the header; rows padded to the widest; cells'
/// paragraphs joined by `<br>`; columns centred or right-aligned as their body cells are.
pub(super) fn table(rows: &[Vec<Vec<Para>>], notes: &mut Notes) -> String {
    let width = rows.iter().map(Vec::len).max().unwrap_or(0).max(1);
    let cell = |c: &[Para], notes: &mut Notes, header: bool| -> String {
        c.iter()
            .filter_map(|p| {
                let probe_bold = header && all_bold(p);
                let t = inline(&p.runs, notes, !probe_bold, true);
                let t = match p.label.as_deref().map(list_label).filter(|l| !l.is_empty()) {
                    Some(l) => format!("{} {t}", escape(&l)),
                    None => t,
                };
                (!t.is_empty()).then_some(t)
            })
            .collect::<Vec<_>>()
            .join("<br>")
    };
    let mut lines = Vec::new();
    for (n, r) in rows.iter().enumerate() {
        let mut cells: Vec<String> = r.iter().map(|c| cell(c, notes, n == 0)).collect();
        cells.resize(width, String::new());
        lines.push(format!("| {} |", cells.join(" | ")));
        if n == 0 {
            let align: Vec<&str> = (0..width)
                .map(|i| {
                    let jc = rows
                        .get(1)
                        .and_then(|r| r.get(i))
                        .and_then(|c| c.iter().find(|p| !p.plain().is_empty()))
                        .and_then(|p| p.props.jc.as_deref());
                    match jc {
                        Some("center") => ":---:",
                        Some("right" | "end") => "---:",
                        _ => "---",
                    }
                })
                .collect();
            lines.push(format!("|{}|", align.join("|")));
        }
    }
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_that_would_open_a_block_stays_text() {
        assert_eq!(escape_start(escape("1. Mục đích")), "1\\. Mục đích");
        assert_eq!(escape_start(escape("- Như trên;")), "\\- Như trên;");
        assert_eq!(
            escape("a*b_c [x] <y> #1 |"),
            "a\\*b\\_c \\[x\\] \\<y\\> \\#1 \\|"
        );
        let parsed =
            crate::markup::parse(&escape_start(escape("1. a*b [^1] <br>")), "t").expect("parses");
        assert_eq!(parsed.body.len(), 1);
        // A literal `[^1]` typed in the text is not a footnote reference.
        let typed = crate::markup::parse(&escape("xem [^1] và [^a]"), "t").expect("parses");
        assert!(typed.notes.is_empty());
    }

    #[test]
    fn heading_levels_follow_the_numbering() {
        assert_eq!(heading_level("I. MỤC ĐÍCH"), Some(1));
        assert_eq!(heading_level("12. Nội dung"), Some(2));
        assert_eq!(heading_level("a) Mục tiêu 1"), Some(3));
        assert_eq!(heading_level("Điều 1."), None);
    }
}
