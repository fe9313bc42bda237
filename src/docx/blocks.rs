//! Emitters for body blocks: paragraphs by role, footnotes, tables.

use docx_rs::{
    AlignmentType, BorderType, BreakType, Footnote, LineSpacing, LineSpacingType, Paragraph, Run,
    SpecialIndentType, Style, StyleType, Table, TableBorder, TableBorderPosition, TableBorders,
    TableCell, TableLayoutType, TableRow, VAlignType, WidthType,
};

use super::profile as p;
use super::{fonts, run, spacing};
use crate::model::units::Pt;
use crate::model::{Align, Block, Cell, Inline, Note, Role};

/// A top-level child of a section.
pub(crate) enum Child {
    /// A paragraph.
    Paragraph(Box<Paragraph>),
    /// A table.
    Table(Box<Table>),
}

/// Style id of bordered data tables; [`super::fixup`] repeats their first row on every page.
pub(crate) const DATA_TABLE_STYLE: &str = "BangSoLieu";

/// The bordered table style for data tables (single 0.5 pt black lines).
pub(crate) fn data_table_style() -> Style {
    let b = |pos| {
        TableBorder::new(pos)
            .border_type(BorderType::Single)
            .size(4)
            .color("000000")
    };
    let borders = TableBorders::with_empty()
        .set(b(TableBorderPosition::Top))
        .set(b(TableBorderPosition::Left))
        .set(b(TableBorderPosition::Bottom))
        .set(b(TableBorderPosition::Right))
        .set(b(TableBorderPosition::InsideH))
        .set(b(TableBorderPosition::InsideV));
    Style::new(DATA_TABLE_STYLE, StyleType::Table)
        .name("Bang so lieu")
        .set_borders(borders)
}

/// Footnotes of the document, handed out to the runs that reference them.
///
/// Each note becomes one Word footnote at its first reference; a later reference to the same
/// note (the same `[^label]` used twice) is its number as a superscript mark, since a Word
/// footnote has exactly one reference (two would duplicate its id and corrupt the package).
pub(crate) struct Notes<'a> {
    notes: &'a [Note],
    emitted: std::cell::RefCell<std::collections::BTreeSet<u32>>,
}

impl<'a> Notes<'a> {
    /// Wrap the document's notes.
    pub(crate) fn new(notes: &'a [Note]) -> Self {
        Notes {
            notes,
            emitted: Default::default(),
        }
    }

    /// Whether note `n` gets its footnote here (its first reference).
    fn first_reference(&self, n: u32) -> bool {
        self.emitted.borrow_mut().insert(n)
    }

    /// The docx-rs footnote number `n` (1-based), with an explicit id (deterministic output).
    ///
    /// A note mark inside a note is dropped (Word has no nested footnotes, and following it
    /// would recurse), and a note is never empty: docx-rs prints Debug output to stderr for an
    /// empty footnote, so an empty paragraph is added (the markup stage rejects empty notes first).
    fn footnote(&self, n: u32) -> Footnote {
        let mut content: Vec<Paragraph> = self
            .notes
            .get((n as usize).wrapping_sub(1))
            .map(|note| {
                note.paragraphs
                    .iter()
                    .map(|inl| {
                        let flat: Vec<Inline> = inl
                            .iter()
                            .filter(|i| !matches!(i, Inline::NoteRef(_)))
                            .cloned()
                            .collect();
                        inlines(
                            Paragraph::new().style("FootnoteText"),
                            &flat,
                            p::FOOTNOTE_SIZE,
                            false,
                            self,
                        )
                    })
                    .collect()
            })
            .unwrap_or_default();
        if content.is_empty() {
            content.push(Paragraph::new().style("FootnoteText"));
        }
        Footnote {
            id: n as usize,
            content,
        }
    }
}

/// Append `items` to paragraph `para` as runs of `size`; `bold` forces bold.
pub(crate) fn inlines(
    mut para: Paragraph,
    items: &[Inline],
    size: Pt,
    bold: bool,
    notes: &Notes<'_>,
) -> Paragraph {
    for item in items {
        para = match item {
            Inline::Text {
                text,
                bold: b,
                italic,
            } => para.add_run(run(text, size, bold || *b, *italic)),
            Inline::Break => para.add_run(
                Run::new()
                    .size(size.half_points())
                    .fonts(fonts())
                    .add_break(BreakType::TextWrapping),
            ),
            Inline::NoteRef(n) if notes.first_reference(*n) => {
                para.add_run(Run::new().add_footnote_reference(notes.footnote(*n)))
            }
            Inline::NoteRef(n) => para.add_run(
                Run::new()
                    .style("FootnoteReference")
                    .fonts(fonts())
                    .add_text(n.to_string()),
            ),
        };
    }
    para
}

/// Emit one block into `out`; `width` is the text width in twips (for tables).
pub(crate) fn block(b: &Block, width: i32, notes: &mut Notes<'_>, out: &mut Vec<Child>) {
    match b {
        Block::Paragraph(para) => {
            let base = Paragraph::new()
                .line_spacing(spacing(p::PARAGRAPH_SPACING, p::LINE_SPACING_240THS));
            let indent = Some(SpecialIndentType::FirstLine(p::FIRST_LINE_INDENT.twips()));
            let (base, bold, italic_all) = match para.role {
                Role::Body => (
                    base.align(AlignmentType::Both)
                        .indent(None, indent, None, None),
                    false,
                    false,
                ),
                Role::Heading(level) => (
                    base.align(AlignmentType::Both)
                        .indent(None, indent, None, None)
                        .keep_next(true),
                    true,
                    level >= 3,
                ),
                Role::Centered => (base.align(AlignmentType::Center), false, false),
                Role::Plain => (base.align(AlignmentType::Left), false, false),
                Role::Right => (base.align(AlignmentType::Right), false, false),
            };
            let items: Vec<Inline> = if italic_all {
                para.inlines
                    .iter()
                    .map(|i| match i {
                        Inline::Text { text, bold, .. } => Inline::Text {
                            text: text.clone(),
                            bold: *bold,
                            italic: true,
                        },
                        other => other.clone(),
                    })
                    .collect()
            } else {
                para.inlines.clone()
            };
            let para = inlines(base, &items, p::BODY_SIZE, bold, notes);
            out.push(Child::Paragraph(Box::new(para)));
        }
        Block::Table(t) => {
            let total: u32 = t
                .columns
                .iter()
                .map(|c| c.weight.max(1))
                .sum::<u32>()
                .max(1);
            let widths: Vec<usize> = t
                .columns
                .iter()
                .map(|c| (width as i64 * c.weight.max(1) as i64 / total as i64) as usize)
                .collect();
            let cell = |c: &Cell, w: usize, align: Align, header: bool| -> TableCell {
                let jc = if header {
                    AlignmentType::Center
                } else {
                    match align {
                        Align::Left => AlignmentType::Left,
                        Align::Center => AlignmentType::Center,
                        Align::Right => AlignmentType::Right,
                    }
                };
                let para = Paragraph::new().align(jc).line_spacing(
                    LineSpacing::new()
                        .before(40)
                        .after(40)
                        .line(p::SINGLE_LINE_240THS)
                        .line_rule(LineSpacingType::Auto),
                );
                let para = inlines(para, &c.inlines, p::TABLE_SIZE, header, notes);
                TableCell::new()
                    .add_paragraph(para)
                    .width(w, WidthType::Dxa)
                    .vertical_align(VAlignType::Center)
            };
            let mut rows = Vec::with_capacity(t.rows.len() + 1);
            rows.push(TableRow::new(
                t.header
                    .iter()
                    .zip(&widths)
                    .zip(&t.columns)
                    .map(|((c, w), col)| cell(c, *w, col.align, true))
                    .collect(),
            ));
            for r in &t.rows {
                rows.push(TableRow::new(
                    r.iter()
                        .zip(&widths)
                        .zip(&t.columns)
                        .map(|((c, w), col)| cell(c, *w, col.align, false))
                        .collect(),
                ));
            }
            let table = Table::new(rows)
                .style(DATA_TABLE_STYLE)
                .set_grid(widths.clone())
                .layout(TableLayoutType::Fixed)
                .width(widths.iter().sum(), WidthType::Dxa);
            out.push(Child::Table(Box::new(table)));
            // A small gap after the table so the next paragraph does not touch it.
            out.push(Child::Paragraph(Box::new(
                Paragraph::new().line_spacing(
                    LineSpacing::new()
                        .before(0)
                        .after(0)
                        .line(p::SINGLE_LINE_240THS)
                        .line_rule(LineSpacingType::Auto),
                ),
            )));
        }
    }
}
