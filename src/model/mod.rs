//! The document model: what travels between the markup stage and the docx writer.
//!
//! It holds no I/O and no output-format types. The administrative frame ([`admin::Frame`]) is
//! built in code from typed YAML fields; the body ([`Block`]s) comes from the Markdown that the
//! handlebars template wrote.

pub mod admin;
pub mod format;
pub mod page;
pub mod text;
pub mod units;

pub use admin::{
    DocumentKind, Frame, IssueDate, KindInfo, Layout, ReferenceNumber, RightHeader, Signature,
    Urgency, KINDS,
};
pub use text::{Code, Text};

/// Văn bản — one complete administrative document, ready to be laid out.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// Thể thức — the administrative frame: header, số, date, title, Kính gửi, Nơi nhận, signature.
    pub frame: Frame,
    /// Nội dung — the body blocks, in reading order.
    pub body: Vec<Block>,
    /// Chú thích — footnotes, numbered 1, 2, … in order of first reference; `notes[i]` has number `i + 1`.
    pub notes: Vec<Note>,
    /// Phụ lục — appendices, each laid out in its own section after the signature.
    pub appendices: Vec<Appendix>,
}

/// A block of body content.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A paragraph; Markdown `text`, `# heading`, `- item` or `1. item`.
    Paragraph(Paragraph),
    /// A table; Markdown pipe table `| a | b |`.
    Table(Table),
}

/// Đoạn văn — one paragraph with its role in the layout.
#[derive(Debug, Clone, PartialEq)]
pub struct Paragraph {
    /// How the paragraph is laid out.
    pub role: Role,
    /// Its inline content.
    pub inlines: Vec<Inline>,
}

impl Paragraph {
    /// The paragraph's text without emphasis, breaks or note marks.
    pub fn plain_text(&self) -> String {
        self.inlines
            .iter()
            .map(|i| match i {
                Inline::Text { text, .. } => text.as_str(),
                _ => "",
            })
            .collect()
    }
}

/// The layout role of a paragraph (NĐ 30 Phụ lục I, II.6).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Body text: justified, first-line indent. Markdown: a plain paragraph or a list item
    /// (the list label `- ` or `1. ` is kept as literal text, as Vietnamese documents write it).
    Body,
    /// Mục/khoản heading, bold. Markdown `#` (level 1: `I. MỤC ĐÍCH, YÊU CẦU`),
    /// `##` (level 2: `1. Mục đích:`), `###` (level 3, bold italic).
    Heading(u8),
    /// Centred paragraph (table cells, appendix titles).
    Centered,
    /// Left-aligned paragraph without indent (table cells).
    Plain,
    /// Right-aligned paragraph (numbers in table cells).
    Right,
}

/// Inline content of a paragraph.
#[derive(Debug, Clone, PartialEq)]
pub enum Inline {
    /// Text with emphasis; Markdown `text`, `**bold**`, `*italic*`.
    Text {
        /// The text as the reader sees it (NFC).
        text: String,
        /// Bold (`**…**`).
        bold: bool,
        /// Italic (`*…*`).
        italic: bool,
    },
    /// A line break inside the paragraph; Markdown backslash + newline.
    Break,
    /// A footnote reference mark; Markdown `[^label]`. The number is 1-based.
    NoteRef(u32),
}

impl Inline {
    /// Plain text without emphasis.
    pub fn plain(text: impl Into<String>) -> Self {
        Inline::Text {
            text: text.into(),
            bold: false,
            italic: false,
        }
    }
}

/// Chú thích — the content of one footnote.
#[derive(Debug, Clone, PartialEq)]
pub struct Note {
    /// Paragraphs of the note (usually one).
    pub paragraphs: Vec<Vec<Inline>>,
}

/// Bảng — a table of the body or of an appendix.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// Column specifications, left to right.
    pub columns: Vec<Column>,
    /// The header row (bold, centred, repeated on every page).
    pub header: Vec<Cell>,
    /// Body rows; every row has `columns.len()` cells.
    pub rows: Vec<Vec<Cell>>,
}

/// One table column.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Column {
    /// Relative width; the writer shares the text width in proportion to these weights.
    pub weight: u32,
    /// Horizontal alignment of the body cells.
    pub align: Align,
}

/// Horizontal alignment of a table column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    /// Left aligned (text).
    Left,
    /// Centred (short codes, evaluations).
    Center,
    /// Right aligned (numbers).
    Right,
}

/// One table cell: lines of inline content.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Cell {
    /// The cell's inlines; [`Inline::Break`] separates lines.
    pub inlines: Vec<Inline>,
    /// Its own alignment, overriding the column's (e.g. a text result, `Hoàn thành`, centred in
    /// a column of right-aligned numbers); `None`: the column's.
    pub align: Option<Align>,
}

/// Phụ lục — an appendix in its own section (NĐ 30 Phụ lục I, III.1).
#[derive(Debug, Clone, PartialEq)]
pub struct Appendix {
    /// `Phụ lục` or `Phụ lục I`: the label line (14 pt bold, centred).
    pub label: String,
    /// Tên phụ lục — the title, upper case (bold, centred).
    pub title: String,
    /// The `(Kèm theo Báo cáo số … ngày … của …)` line (italic, centred).
    pub attached_to: String,
    /// The appendix body.
    pub body: Vec<Block>,
    /// Landscape page (allowed for a phụ lục made of tables, NĐ 30 Phụ lục I, I.2).
    pub landscape: bool,
}
