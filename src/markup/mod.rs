//! Stage 3, **markup**: the Markdown body → document model blocks and footnotes.
//!
//! Supported Markdown (CommonMark + footnotes + pipe tables):
//! - paragraph → [`Role::Body`]; `#`/`##`/`###` heading → [`Role::Heading`] 1–3;
//! - `- item` / `1. item` → a body paragraph whose label (`- `, `1. `) is literal text, as
//!   Vietnamese documents write it;
//! - `**bold**`, `*italic*`; a line break is `<br>` or a backslash before the newline;
//! - `[^label]` + `[^label]: text` → a real footnote, numbered by first reference;
//! - `| a | b |` pipe tables → [`Table`] (`:--:` centres, `--:` right-aligns a column);
//! - a paragraph whose source starts with `->` → [`Role::Centered`] (the `->` and the spaces
//!   after it are dropped): `-> **QUYẾT ĐỊNH:**`. Values filled in by a template are escaped
//!   (`\-\>`), so only the template or a Markdown field (`noi_dung`) can centre a paragraph.
//!
//! Anything else (code, raw HTML other than `<br>`, images, rules) is an error: an official
//! document has no place for it.

use std::collections::BTreeMap;

use pulldown_cmark::{Alignment, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use crate::diag::{Diagnostic, Diagnostics, Location};
use crate::model::{Align, Block, Cell, Column, Inline, Note, Paragraph, Role, Table};

/// The body and footnotes made from one Markdown text.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Markup {
    /// Body blocks in order.
    pub body: Vec<Block>,
    /// Footnotes, `notes[i]` numbered `i + 1`.
    pub notes: Vec<Note>,
}

#[derive(Default)]
struct Builder {
    body: Vec<Block>,
    inlines: Vec<Inline>,
    role: Option<Role>,
    bold: u32,
    italic: u32,
    lists: Vec<Option<u64>>,
    pending_label: Option<String>,
    // footnotes
    note_numbers: BTreeMap<String, u32>,
    note_order: Vec<String>,
    note_defs: BTreeMap<String, Vec<Vec<Inline>>>,
    in_note: Option<String>,
    // tables
    table: Option<TableState>,
    errors: Vec<String>,
    /// The paragraph just started with `->`: drop it from its first text.
    strip_arrow: bool,
}

struct TableState {
    aligns: Vec<Alignment>,
    header: Vec<Cell>,
    rows: Vec<Vec<Cell>>,
    row: Vec<Cell>,
    in_head: bool,
}

impl Builder {
    fn push_text(&mut self, text: &str) {
        let text = if std::mem::take(&mut self.strip_arrow) {
            let rest = text.strip_prefix("->").unwrap_or(text).trim_start();
            if rest.is_empty() {
                return;
            }
            rest
        } else {
            text
        };
        if self.role.is_none() && self.table.is_none() {
            self.start_para(Role::Body);
        }
        let (bold, italic) = (self.bold > 0, self.italic > 0);
        if let Some(Inline::Text {
            text: t,
            bold: b,
            italic: i,
        }) = self.inlines.last_mut()
        {
            if *b == bold && *i == italic {
                t.push_str(text);
                return;
            }
        }
        self.inlines.push(Inline::Text {
            text: text.to_string(),
            bold,
            italic,
        });
    }

    fn start_para(&mut self, role: Role) {
        self.role = Some(role);
        self.inlines.clear();
        if let Some(label) = self.pending_label.take() {
            self.inlines.push(Inline::plain(label));
        }
    }

    fn end_para(&mut self) {
        let Some(role) = self.role.take() else { return };
        let inlines = std::mem::take(&mut self.inlines);
        if let Some(label) = &self.in_note {
            self.note_defs
                .entry(label.clone())
                .or_default()
                .push(inlines);
        } else {
            self.body
                .push(Block::Paragraph(Paragraph { role, inlines }));
        }
    }

    fn note_ref(&mut self, label: &str) -> u32 {
        if let Some(&n) = self.note_numbers.get(label) {
            return n;
        }
        let n = self.note_order.len() as u32 + 1;
        self.note_numbers.insert(label.to_string(), n);
        self.note_order.push(label.to_string());
        n
    }

    fn event(&mut self, ev: Event<'_>) {
        match ev {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(t) => self.push_text(&t),
            Event::SoftBreak => self.push_text(" "),
            Event::HardBreak => self.inlines.push(Inline::Break),
            Event::InlineHtml(h) | Event::Html(h) => {
                let tag = h.trim().to_ascii_lowercase();
                if matches!(tag.as_str(), "<br>" | "<br/>" | "<br />") {
                    if self.role.is_none() && self.table.is_none() {
                        self.start_para(Role::Body);
                    }
                    self.inlines.push(Inline::Break);
                } else {
                    self.errors
                        .push(format!("mã HTML `{}` không được hỗ trợ", h.trim()));
                }
            }
            Event::FootnoteReference(label) if self.in_note.is_some() => self.errors.push(format!(
                "chú thích `[^{label}]` nằm trong một chú thích khác (Word không có chú thích lồng nhau)"
            )),
            Event::FootnoteReference(label) => {
                if self.role.is_none() && self.table.is_none() {
                    self.start_para(Role::Body);
                }
                let n = self.note_ref(&label);
                self.inlines.push(Inline::NoteRef(n));
            }
            Event::Code(c) => self.errors.push(format!("đoạn mã `{c}` không được hỗ trợ")),
            Event::Rule => self
                .errors
                .push("đường kẻ ngang `---` không được hỗ trợ".into()),
            Event::TaskListMarker(_) | Event::InlineMath(_) | Event::DisplayMath(_) => self
                .errors
                .push("cú pháp này không được hỗ trợ trong văn bản hành chính".into()),
        }
    }

    fn start(&mut self, tag: Tag<'_>) {
        match tag {
            Tag::Paragraph if self.table.is_none() => self.start_para(Role::Body),
            Tag::Heading { level, .. } => {
                let l = match level {
                    HeadingLevel::H1 => 1,
                    HeadingLevel::H2 => 2,
                    _ => 3,
                };
                self.start_para(Role::Heading(l));
            }
            Tag::List(start) => {
                self.end_para();
                self.lists.push(start);
            }
            Tag::Item => {
                self.end_para();
                let label = match self.lists.last_mut() {
                    Some(Some(n)) => {
                        let l = format!("{n}. ");
                        *n += 1;
                        l
                    }
                    _ => "- ".to_string(),
                };
                self.pending_label = Some(label);
            }
            Tag::Strong => self.bold += 1,
            Tag::Emphasis => self.italic += 1,
            Tag::FootnoteDefinition(label) => {
                self.end_para();
                self.in_note = Some(label.to_string());
            }
            Tag::Table(aligns) => {
                self.end_para();
                self.table = Some(TableState {
                    aligns,
                    header: Vec::new(),
                    rows: Vec::new(),
                    row: Vec::new(),
                    in_head: false,
                });
            }
            Tag::TableHead => {
                if let Some(t) = &mut self.table {
                    t.in_head = true;
                }
            }
            Tag::TableRow | Tag::TableCell => self.inlines.clear(),
            Tag::BlockQuote(_) | Tag::Link { .. } | Tag::Strikethrough => {}
            Tag::CodeBlock(_) => self
                .errors
                .push("khối mã (dòng thụt lề 4 dấu cách hoặc ```) không được hỗ trợ".into()),
            Tag::Image { .. } => self.errors.push("hình ảnh không được hỗ trợ".into()),
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph | TagEnd::Heading(_) if self.table.is_none() => self.end_para(),
            TagEnd::Item => {
                self.end_para();
                self.pending_label = None;
            }
            TagEnd::List(_) => {
                self.lists.pop();
            }
            TagEnd::Strong => self.bold = self.bold.saturating_sub(1),
            TagEnd::Emphasis => self.italic = self.italic.saturating_sub(1),
            TagEnd::FootnoteDefinition => {
                self.end_para();
                self.in_note = None;
            }
            TagEnd::TableCell => {
                let inlines = std::mem::take(&mut self.inlines);
                if let Some(t) = &mut self.table {
                    let cell = Cell {
                        inlines,
                        align: None,
                    };
                    if t.in_head {
                        t.header.push(cell);
                    } else {
                        t.row.push(cell);
                    }
                }
            }
            TagEnd::TableHead => {
                if let Some(t) = &mut self.table {
                    t.in_head = false;
                }
            }
            TagEnd::TableRow => {
                if let Some(t) = &mut self.table {
                    let row = std::mem::take(&mut t.row);
                    t.rows.push(row);
                }
            }
            TagEnd::Table => {
                if let Some(t) = self.table.take() {
                    self.body.push(Block::Table(finish_table(t)));
                }
            }
            _ => {}
        }
    }
}

/// Column weights from content length (characters of the longest line), clamped to 4..40.
fn finish_table(t: TableState) -> Table {
    let n = t.aligns.len().max(t.header.len());
    let text_len = |c: &Cell| -> usize {
        c.inlines
            .iter()
            .map(|i| match i {
                Inline::Text { text, .. } => text.chars().count(),
                _ => 0,
            })
            .sum()
    };
    let mut columns = Vec::with_capacity(n);
    for i in 0..n {
        let longest = std::iter::once(&t.header)
            .chain(t.rows.iter())
            .filter_map(|r| r.get(i))
            .map(text_len)
            .max()
            .unwrap_or(4);
        let align = match t.aligns.get(i) {
            Some(Alignment::Center) => Align::Center,
            Some(Alignment::Right) => Align::Right,
            _ => Align::Left,
        };
        columns.push(Column {
            weight: longest.clamp(4, 40) as u32,
            align,
        });
    }
    let pad = |mut r: Vec<Cell>| {
        r.resize(n, Cell::default());
        r
    };
    Table {
        columns,
        header: pad(t.header),
        rows: t.rows.into_iter().map(pad).collect(),
    }
}

/// Whether a paragraph has no visible content (no text other than whitespace, no note mark).
fn is_blank(p: &[Inline]) -> bool {
    p.iter().all(|i| match i {
        Inline::Text { text, .. } => text.trim().is_empty(),
        Inline::Break => true,
        Inline::NoteRef(_) => false,
    })
}

/// Parse the Markdown `text` (produced by template `origin`) into blocks and footnotes.
pub fn parse(text: &str, origin: &str) -> Result<Markup, Diagnostics> {
    let mut opts = Options::empty();
    opts.insert(Options::ENABLE_FOOTNOTES);
    opts.insert(Options::ENABLE_TABLES);
    let mut b = Builder::default();
    for (ev, range) in Parser::new_ext(text, opts).into_offset_iter() {
        if matches!(ev, Event::Start(Tag::Paragraph))
            && b.table.is_none()
            && b.in_note.is_none()
            && text.get(range.start..).is_some_and(|t| t.starts_with("->"))
        {
            b.start_para(Role::Centered);
            b.strip_arrow = true;
            continue;
        }
        b.event(ev);
    }
    b.end_para();
    if !b.errors.is_empty() {
        let mut d = Diagnostics::new();
        for e in b.errors {
            d.push(
                Diagnostic::error(
                    Location {
                        file: Some(origin.into()),
                        line: 0,
                        column: 0,
                        cell: None,
                    },
                    format!("nội dung sau khi điền mẫu có {e}"),
                )
                .with_hint("sửa mẫu .md.hbs: văn bản hành chính chỉ dùng đoạn văn, tiêu đề, danh sách, bảng và chú thích"),
            );
        }
        return Err(d);
    }
    let mut notes = Vec::new();
    let mut empty = Diagnostics::new();
    for label in &b.note_order {
        let mut paragraphs = b.note_defs.remove(label).unwrap_or_default();
        paragraphs.retain(|p| !is_blank(p));
        if paragraphs.is_empty() {
            // docx-rs prints Debug output for an empty footnote, and Word shows a bare number.
            empty.push(
                Diagnostic::error(
                    Location {
                        file: Some(origin.into()),
                        line: 0,
                        column: 0,
                        cell: None,
                    },
                    format!("chú thích `[^{label}]` được dùng nhưng không có nội dung"),
                )
                .with_hint(format!(
                    "ghi nội dung cho chú thích `{label}` (trong mục `chu_thich` của dữ liệu hoặc dòng `[^{label}]: …` của mẫu)"
                )),
            );
        }
        notes.push(Note { paragraphs });
    }
    if !empty.is_empty() {
        return Err(empty);
    }
    Ok(Markup {
        body: b.body,
        notes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(m: &Markup) -> Vec<String> {
        m.body
            .iter()
            .filter_map(|b| match b {
                Block::Paragraph(p) => Some(
                    p.inlines
                        .iter()
                        .map(|i| match i {
                            Inline::Text { text, .. } => text.clone(),
                            Inline::Break => "\n".into(),
                            Inline::NoteRef(n) => format!("[{n}]"),
                        })
                        .collect(),
                ),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn lists_keep_literal_labels() {
        let m = parse("- a\n- b\n\n1. x\n2. y\n", "t").unwrap();
        assert_eq!(texts(&m), vec!["- a", "- b", "1. x", "2. y"]);
    }

    #[test]
    fn footnotes_are_numbered_by_first_reference() {
        let m = parse("a[^z] b[^a] c[^z]\n\n[^a]: A *i*\n[^z]: Z\n", "t").unwrap();
        assert_eq!(texts(&m), vec!["a[1] b[2] c[1]"]);
        assert_eq!(m.notes.len(), 2);
        assert_eq!(m.notes[0].paragraphs[0], vec![Inline::plain("Z")]);
        assert!(matches!(
            &m.notes[1].paragraphs[0][1],
            Inline::Text { italic: true, .. }
        ));
    }

    #[test]
    fn escaped_punctuation_is_text() {
        let m = parse(
            &crate::template::escape::escape_markdown("1. *a* [^1] | # <b> & x"),
            "t",
        )
        .unwrap();
        assert_eq!(texts(&m), vec!["1. *a* [^1] | # <b> & x"]);
    }

    #[test]
    fn br_is_a_line_break() {
        let m = parse("a<br>b", "t").unwrap();
        assert_eq!(texts(&m), vec!["a\nb"]);
    }

    #[test]
    fn empty_or_nested_footnotes_are_rejected() {
        let e = parse("a[^x]\n\n[^x]: \n", "t").unwrap_err();
        assert!(e.0[0].message.contains("không có nội dung"), "{e}");
        let e = parse("a[^x]\n\n[^x]: b[^x]\n", "t").unwrap_err();
        assert!(e.0[0].message.contains("lồng"), "{e}");
    }

    #[test]
    fn code_is_rejected() {
        assert!(parse("    code", "t").is_err());
    }

    #[test]
    fn tables_have_header_and_rows() {
        let m = parse("| A | B |\n|---|--:|\n| x<br>y | 1 |\n", "t").unwrap();
        let Block::Table(t) = &m.body[0] else {
            panic!()
        };
        assert_eq!(t.header.len(), 2);
        assert_eq!(t.rows.len(), 1);
        assert_eq!(t.columns[1].align, Align::Right);
        assert_eq!(t.rows[0][0].inlines.len(), 3);
    }
}

#[cfg(test)]
mod centred {
    use super::*;
    use crate::template::escape::escape_markdown;

    fn roles(md: &str) -> Vec<(Role, String)> {
        parse(md, "t")
            .unwrap_or_default()
            .body
            .into_iter()
            .filter_map(|b| match b {
                Block::Paragraph(p) => Some((p.role, p.plain_text())),
                Block::Table(_) => None,
            })
            .collect()
    }

    #[test]
    fn an_arrow_centres_the_paragraph() {
        assert_eq!(
            roles("-> **QUYẾT ĐỊNH:**\n\nĐiều 1."),
            vec![
                (Role::Centered, "QUYẾT ĐỊNH:".to_string()),
                (Role::Body, "Điều 1.".to_string())
            ]
        );
        assert_eq!(roles("->Giữa"), vec![(Role::Centered, "Giữa".to_string())]);
        let m = parse("-> **QUYẾT ĐỊNH:**", "t").unwrap_or_default();
        let Some(Block::Paragraph(p)) = m.body.first() else {
            panic!("{m:?}")
        };
        assert!(matches!(&p.inlines[..], [Inline::Text { bold: true, .. }]));
    }

    #[test]
    fn an_escaped_value_or_an_arrow_inside_a_line_is_not_centred() {
        let v = escape_markdown("-> x");
        assert_eq!(roles(&v), vec![(Role::Body, "-> x".to_string())]);
        assert_eq!(roles("a -> b"), vec![(Role::Body, "a -> b".to_string())]);
        assert_eq!(roles("- -> b"), vec![(Role::Body, "- -> b".to_string())]);
    }
}
