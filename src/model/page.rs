//! The laid-out document: sections of paragraphs and tables with explicit formatting.
//!
//! This is what the layout stage (`src/layout`) makes from a [`super::Document`] and what
//! the .docx writer (`src/docx`) turns into WordprocessingML. It knows page geometry and
//! formatting, not the decree: the administrative frame arrives here already laid out as
//! tables, paragraphs and rules. Lengths are [`Twips`], font sizes [`Pt`].
//!
//! The types (de)serialise with serde, so the writer's golden tests start from a model written
//! by hand (`tests/cases/writer/*.yaml`, pandoc `.native` style). In YAML an enum variant is a
//! tag (`!Text ["Hà Nội", {size: 13.0}]`, `line: !Exact 320`, `align: Center`); unknown fields
//! are errors, and fields with a natural default (all of [`ParaFormat`], `false`, empty lists,
//! a zero indent) may be left out.

use serde::{Deserialize, Serialize};

use super::units::{Pt, Twips};

/// A document ready to be written: its sections, footnotes, defaults and properties.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pages {
    /// The sections, in order; each starts on a new page.
    pub sections: Vec<Section>,
    /// Footnote bodies; `notes[i]` is referenced by [`Span::NoteRef`] `i + 1`.
    #[serde(default)]
    pub notes: Vec<Vec<Para>>,
    /// Document-wide defaults (font, size, language, footnote and page-number style).
    pub defaults: Defaults,
    /// Document properties (`docProps/core.xml`).
    pub properties: Properties,
}

impl Pages {
    /// The notes cited again ([`Span::NoteNumber`]) in the body, its tables included.
    pub fn notes_cited_again(&self) -> Vec<u32> {
        let mut out = Vec::new();
        let mut add = |p: &Para| {
            for s in &p.spans {
                if let Span::NoteNumber(n, _) = s {
                    out.push(*n);
                }
            }
        };
        for b in self.sections.iter().flat_map(|s| &s.blocks) {
            match b {
                Flow::Para(p) => add(p),
                Flow::Table(t) => t
                    .rows
                    .iter()
                    .flat_map(|r| &r.cells)
                    .flat_map(|c| &c.paras)
                    .for_each(&mut add),
            }
        }
        out
    }
}

/// Document-wide formatting defaults, written into `styles.xml` and the page headers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Defaults {
    /// Font family on all four slots (ascii, hAnsi, eastAsia, cs).
    pub font: String,
    /// Default run size.
    pub size: Pt,
    /// Language tag (`vi-VN`).
    pub language: String,
    /// Footnote text size.
    pub footnote_size: Pt,
    /// Page number size (the PAGE field in the header).
    pub page_number_size: Pt,
}

/// Document properties shown by Word's File › Info.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Properties {
    /// Title (`dc:title`).
    pub title: String,
    /// Author (`dc:creator`): the issuing agency.
    pub creator: String,
    /// Language (`dc:language`).
    pub language: String,
}

/// A section: page setup and content.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    /// Page size, orientation, margins and numbering.
    pub page: PageSetup,
    /// Paragraphs and tables in reading order.
    pub blocks: Vec<Flow>,
    /// Chân trang đầu — paragraphs of the footer of the section's first page only (written as a
    /// footer part of its own); empty for none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub first_footer: Vec<Para>,
}

/// Page geometry of a section.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PageSetup {
    /// Page width (the long side in landscape).
    pub width: Twips,
    /// Page height.
    pub height: Twips,
    /// Landscape orientation.
    #[serde(default)]
    pub landscape: bool,
    /// Top margin.
    pub top: Twips,
    /// Right margin.
    pub right: Twips,
    /// Bottom margin.
    pub bottom: Twips,
    /// Left margin.
    pub left: Twips,
    /// Distance from the top edge to the header.
    pub header: Twips,
    /// Distance from the bottom edge to the footer.
    pub footer: Twips,
    /// Page numbers restart at 1 in this section.
    #[serde(default)]
    pub restart_numbering: bool,
    /// Page number (a centred PAGE field) in the header of every page but the first.
    pub page_numbers: bool,
}

/// A block of a section or a table cell.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Flow {
    /// A paragraph.
    Para(Para),
    /// A table.
    Table(Table),
}

/// A paragraph with explicit formatting.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Para {
    /// Paragraph formatting.
    pub format: ParaFormat,
    /// Inline content.
    pub spans: Vec<Span>,
}

/// Paragraph formatting (`w:pPr`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ParaFormat {
    /// A footnote paragraph (style `FootnoteText`).
    pub footnote: bool,
    /// Keep with the next paragraph.
    pub keep_next: bool,
    /// Keep the lines of the paragraph on one page.
    pub keep_lines: bool,
    /// A rule under the paragraph (an empty paragraph with a bottom border draws a line).
    pub bottom_rule: Option<Rule>,
    /// Tab stops (left-aligned) at these positions from the left margin.
    pub tabs: Vec<Twips>,
    /// Space before.
    pub space_before: Twips,
    /// Space after.
    pub space_after: Twips,
    /// Line spacing.
    pub line: LineSpacing,
    /// Left indent.
    pub indent_left: Twips,
    /// Right indent.
    pub indent_right: Twips,
    /// First-line indent (positive) or hanging indent (negative).
    pub indent_first: Twips,
    /// Horizontal alignment.
    pub align: Justify,
}

/// A horizontal rule drawn as a paragraph border.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    /// Thickness in eighths of a point (`w:sz`).
    pub eighths: u32,
}

/// Line spacing of a paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum LineSpacing {
    /// A multiple of single spacing, in 240ths (240 = single, 276 = 1.15).
    Auto(u32),
    /// An exact line height.
    Exact(Twips),
}

impl Default for LineSpacing {
    fn default() -> Self {
        LineSpacing::Auto(240)
    }
}

/// Horizontal alignment of a paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Justify {
    /// Left.
    #[default]
    Left,
    /// Centred.
    Center,
    /// Right.
    Right,
    /// Justified on both sides.
    Both,
}

/// Inline content of a paragraph.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Span {
    /// Text with run formatting.
    Text(String, RunFormat),
    /// A manual line break.
    Break(RunFormat),
    /// A tab.
    Tab(RunFormat),
    /// The reference to footnote `n` (1-based) in the body.
    NoteRef(u32),
    /// A footnote's own number mark, at the start of its text.
    NoteMark,
    /// A note number written as a plain superscript (a second reference to the same note).
    NoteNumber(u32, RunFormat),
}

/// Run formatting (`w:rPr`).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RunFormat {
    /// Bold.
    #[serde(default)]
    pub bold: bool,
    /// Italic.
    #[serde(default)]
    pub italic: bool,
    /// Font size.
    pub size: Pt,
}

impl RunFormat {
    /// Upright, not bold, at `size`.
    pub fn size(size: Pt) -> Self {
        RunFormat {
            bold: false,
            italic: false,
            size,
        }
    }
}

/// A table with fixed column widths.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Table {
    /// Column widths, left to right.
    pub columns: Vec<Twips>,
    /// Indent from the left margin (negative: into the margin).
    #[serde(default)]
    pub indent: Twips,
    /// Single 0.5 pt black lines around and between cells; `false`: no lines.
    pub borders: bool,
    /// The rows.
    pub rows: Vec<Row>,
}

/// A table row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Row {
    /// Repeat this row at the top of every page (header row).
    #[serde(default)]
    pub header: bool,
    /// Never break this row across pages.
    #[serde(default)]
    pub cant_split: bool,
    /// The cells, one per column.
    pub cells: Vec<Cell>,
}

/// A table cell.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Cell {
    /// Vertical alignment: centred, else top.
    #[serde(default)]
    pub v_center: bool,
    /// The paragraphs (at least one is written).
    #[serde(default)]
    pub paras: Vec<Para>,
}
