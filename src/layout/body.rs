//! Body blocks → laid-out paragraphs and tables: roles, footnotes, data tables.

use std::collections::BTreeSet;

use super::profile as p;
use crate::model::page::{self, Flow, Justify, LineSpacing, Para, ParaFormat, RunFormat, Span};
use crate::model::units::{Pt, Twips};
use crate::model::{Align, Block, Inline, Note, Role};

/// Footnotes of the document, handed out to the runs that reference them.
///
/// Each note becomes one Word footnote at its first reference; a later reference to the same
/// note (the same `[^label]` used twice) is its number as a superscript mark, since a Word
/// footnote has exactly one reference.
pub(crate) struct Notes {
    referenced: BTreeSet<u32>,
}

impl Notes {
    /// No note referenced yet.
    pub(crate) fn new() -> Self {
        Notes {
            referenced: BTreeSet::new(),
        }
    }
}

/// The laid-out footnote bodies: `notes[i]` is footnote `i + 1`; its first paragraph opens with
/// the note's number mark and a space. A note mark inside a note is dropped (Word has no nested
/// footnotes).
pub(crate) fn footnotes(notes: &[Note]) -> Vec<Vec<Para>> {
    notes
        .iter()
        .map(|note| {
            let mut paras: Vec<Para> = note
                .paragraphs
                .iter()
                .map(|inl| {
                    let mut para = Para {
                        format: ParaFormat {
                            footnote: true,
                            ..ParaFormat::default()
                        },
                        spans: Vec::with_capacity(inl.len() + 2),
                    };
                    let flat: Vec<Inline> = inl
                        .iter()
                        .filter(|i| !matches!(i, Inline::NoteRef(_)))
                        .cloned()
                        .collect();
                    spans(&mut para.spans, &flat, p::FOOTNOTE_SIZE, false, None);
                    para
                })
                .collect();
            if paras.is_empty() {
                paras.push(Para {
                    format: ParaFormat {
                        footnote: true,
                        ..ParaFormat::default()
                    },
                    spans: Vec::new(),
                });
            }
            let first = &mut paras[0].spans;
            first.insert(0, Span::NoteMark);
            first.insert(1, Span::Text(" ".into(), RunFormat::size(p::FOOTNOTE_SIZE)));
            paras
        })
        .collect()
}

/// Append `items` as spans of `size`; `bold` forces bold. With `notes`, note marks become
/// footnote references (the first) or superscript numbers (later ones); without, they are dropped.
pub(crate) fn spans(
    out: &mut Vec<Span>,
    items: &[Inline],
    size: Pt,
    bold: bool,
    mut notes: Option<&mut Notes>,
) {
    for item in items {
        match item {
            Inline::Text {
                text,
                bold: b,
                italic,
            } => out.push(Span::Text(
                text.clone(),
                RunFormat {
                    bold: bold || *b,
                    italic: *italic,
                    size,
                },
            )),
            Inline::Break => out.push(Span::Break(RunFormat::size(size))),
            Inline::NoteRef(n) => {
                if let Some(notes) = notes.as_deref_mut() {
                    if notes.referenced.insert(*n) {
                        out.push(Span::NoteRef(*n));
                    } else {
                        out.push(Span::NoteNumber(*n, RunFormat::size(size)));
                    }
                }
            }
        }
    }
}

/// Whether a paragraph is heading-like and so keeps with the paragraph after it (issue 9, item 1):
/// a heading (`I.`, `1.` with a title), a line that introduces what follows by ending with `:`
/// (`a) Mục tiêu 1: …:`, `Các chỉ tiêu không đạt:`, the group lines of the reports), a bold label
/// on one line, or a one-line numbered title (`I.`, `1.`, `1.2.`, `a)` without a closing `.`/`;`).
/// A heading alone at the foot of a page is what the decree's numbered structure forbids in
/// practice (NĐ 30 Phụ lục I, II.6: every mục, khoản has its title with its content).
fn heading_like(para: &crate::model::Paragraph, width: Twips) -> bool {
    if matches!(para.role, Role::Heading(_)) {
        return true;
    }
    let text = para.plain_text();
    let t = text.trim();
    if t.is_empty() {
        return false;
    }
    if t.ends_with(':') {
        return true;
    }
    let one_line = super::measure::text_width_twips(t, p::BODY_SIZE, true).0
        <= width.0 - p::FIRST_LINE_INDENT.twips().0;
    if !one_line {
        return false;
    }
    let all_bold = para.inlines.iter().all(|i| match i {
        Inline::Text { text, bold, .. } => *bold || text.trim().is_empty(),
        _ => true,
    });
    if all_bold {
        return true;
    }
    let marker = t.split_once(' ').map_or("", |(m, _)| m);
    let numbered = {
        let roman = marker
            .strip_suffix('.')
            .is_some_and(|m| !m.is_empty() && m.chars().all(|c| "IVXLC".contains(c)));
        let arabic = marker.strip_suffix('.').is_some_and(|m| {
            !m.is_empty()
                && m.split('.')
                    .all(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
        });
        let letter = marker
            .strip_suffix(')')
            .is_some_and(|m| m.chars().count() == 1 && m.chars().all(|c| c.is_lowercase()));
        roman || arabic || letter
    };
    numbered && !t.ends_with(['.', ';', ','])
}

/// The widest word of a cell, in twips (header cells are bold): a column narrower than that
/// would have its word split by the word processor (`trai/10` / `0`).
fn widest_word(c: &crate::model::Cell, header: bool) -> i64 {
    c.inlines
        .iter()
        .filter_map(|i| match i {
            crate::model::Inline::Text { text, bold, italic } => Some((text, *bold, *italic)),
            _ => None,
        })
        .flat_map(|(text, bold, italic)| {
            text.split_whitespace().map(move |w| {
                i64::from(
                    super::measure::styled_width_twips(w, p::TABLE_SIZE, bold || header, italic).0,
                )
            })
        })
        .max()
        .unwrap_or(0)
}

/// Column widths of a body table, in twips: the text `width` shared in proportion to the
/// columns' weights, then each column widened to its widest word plus the cell margins (taken
/// from the columns with room to spare, in proportion to that room) so that no word is split
/// (issue 9 trial, finding 5: `bé trai/100 bé gái` in a 13 mm Đơn vị tính column). When the
/// words cannot all fit, the weights alone decide.
fn column_widths(t: &crate::model::Table, width: Twips) -> Vec<Twips> {
    let total: i64 = t
        .columns
        .iter()
        .map(|c| i64::from(c.weight.max(1)))
        .sum::<i64>()
        .max(1);
    let mut w: Vec<i64> = t
        .columns
        .iter()
        .map(|c| i64::from(width.0) * i64::from(c.weight.max(1)) / total)
        .collect();
    let pad =
        i64::from((p::CELL_MARGIN.twips() + p::CELL_MARGIN.twips() + p::WORD_SPARE.twips()).0);
    let need: Vec<i64> = (0..w.len())
        .map(|i| {
            let head = t.header.get(i).map_or(0, |c| widest_word(c, true));
            let body = t
                .rows
                .iter()
                .filter_map(|r| r.get(i))
                .map(|c| widest_word(c, false))
                .max()
                .unwrap_or(0);
            head.max(body) + pad
        })
        .collect();
    let deficit: i64 = w.iter().zip(&need).map(|(w, n)| (n - w).max(0)).sum();
    let slack: i64 = w.iter().zip(&need).map(|(w, n)| (w - n).max(0)).sum();
    if deficit == 0 || slack < deficit {
        return w.into_iter().map(|x| Twips(x as i32)).collect();
    }
    let mut taken = 0;
    for (x, n) in w.iter_mut().zip(&need) {
        if *x < *n {
            *x = *n;
        } else {
            let cut = deficit * (*x - n) / slack;
            *x -= cut;
            taken += cut;
        }
    }
    // What the rounding left: from the column with the most room.
    if let Some(i) = (0..w.len()).max_by_key(|&i| w[i] - need[i]) {
        w[i] -= deficit - taken;
    }
    w.into_iter().map(|x| Twips(x as i32)).collect()
}

/// Lay out one body block into `out`; `width` is the text width (for tables).
pub(crate) fn block(b: &Block, width: Twips, notes: &mut Notes, out: &mut Vec<Flow>) {
    match b {
        Block::Paragraph(para) => {
            let mut format = ParaFormat {
                space_before: p::PARAGRAPH_SPACING.twips(),
                line: LineSpacing::Auto(p::LINE_SPACING_240THS),
                ..ParaFormat::default()
            };
            let (bold, italic_all) = match para.role {
                Role::Body => {
                    format.align = Justify::Both;
                    format.indent_first = p::FIRST_LINE_INDENT.twips();
                    (false, false)
                }
                Role::Heading(level) => {
                    format.align = Justify::Both;
                    format.indent_first = p::FIRST_LINE_INDENT.twips();
                    (true, level >= 3)
                }
                Role::Centered => {
                    format.align = Justify::Center;
                    (false, false)
                }
                Role::Plain => (false, false),
                Role::Right => {
                    format.align = Justify::Right;
                    (false, false)
                }
            };
            if heading_like(para, width) {
                format.keep_next = true;
                // A heading is not split either; a long lead-in paragraph (`… như sau:`) may be.
                let text = para.plain_text();
                format.keep_lines = matches!(para.role, Role::Heading(_))
                    || super::measure::text_width_twips(text.trim(), p::BODY_SIZE, false).0
                        <= 2 * width.0;
            }
            let mut out_para = Para {
                format,
                spans: Vec::with_capacity(para.inlines.len()),
            };
            spans(
                &mut out_para.spans,
                &para.inlines,
                p::BODY_SIZE,
                bold,
                Some(notes),
            );
            if italic_all {
                for s in &mut out_para.spans {
                    if let Span::Text(_, f) = s {
                        f.italic = true;
                    }
                }
            }
            out.push(Flow::Para(out_para));
        }
        Block::Table(t) => {
            let widths = column_widths(t, width);
            let cell = |c: &crate::model::Cell, align: Align, header: bool, notes: &mut Notes| {
                let align = if header {
                    Justify::Center
                } else {
                    match c.align.unwrap_or(align) {
                        Align::Left => Justify::Left,
                        Align::Center => Justify::Center,
                        Align::Right => Justify::Right,
                    }
                };
                let mut para = Para {
                    format: ParaFormat {
                        align,
                        space_before: p::TABLE_CELL_SPACING.twips(),
                        space_after: p::TABLE_CELL_SPACING.twips(),
                        ..ParaFormat::default()
                    },
                    spans: Vec::with_capacity(c.inlines.len()),
                };
                spans(
                    &mut para.spans,
                    &c.inlines,
                    p::TABLE_SIZE,
                    header,
                    Some(notes),
                );
                page::Cell {
                    v_center: true,
                    paras: vec![para],
                }
            };
            let mut rows = Vec::with_capacity(t.rows.len() + 1);
            rows.push(page::Row {
                header: true,
                cant_split: true,
                cells: t
                    .header
                    .iter()
                    .zip(&t.columns)
                    .map(|(c, col)| cell(c, col.align, true, notes))
                    .collect(),
            });
            for r in &t.rows {
                rows.push(page::Row {
                    header: false,
                    cant_split: true,
                    cells: r
                        .iter()
                        .zip(&t.columns)
                        .map(|(c, col)| cell(c, col.align, false, notes))
                        .collect(),
                });
            }
            out.push(Flow::Table(page::Table {
                columns: widths,
                indent: Twips(0),
                borders: true,
                rows,
            }));
            // A small gap after the table so the next paragraph does not touch it.
            out.push(Flow::Para(Para::default()));
        }
    }
}
