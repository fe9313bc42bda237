//! Stage 4, **docx**: document model + layout profile → .docx bytes.
//!
//! docx-rs builds the parts; what it writes wrongly or not at all (schema order, footnote
//! separators, language, theme, repeated header rows, document properties) is fixed in one place,
//! [`fixup`]; [`package`] checks the finished package and zips it deterministically.
//!
//! Phases of [`write`]:
//! 1. defaults and styles (fonts on all four slots, sizes, footnote styles);
//! 2. the header table (agency | Quốc hiệu, số | place and date);
//! 3. the title block (tên loại, trích yếu, short rule) and Kính gửi;
//! 4. the body blocks, footnotes with explicit ids;
//! 5. the closing table (Nơi nhận | signature);
//! 6. appendices, each in its own section with page numbers restarting at 1;
//! 7. page headers (PAGE field centred, none on the first page), page setup;
//! 8. build, fix up, check, zip.

mod blocks;
pub(crate) mod fixup;
mod frame;
mod measure;
pub(crate) mod package;
pub mod profile;

use docx_rs::{
    AlignmentType, Docx, FieldCharType, Header, InstrPAGE, InstrText, LineSpacing, LineSpacingType,
    PageMargin, PageNumType, PageOrientationType, PageSize, Paragraph, Run, RunFonts, RunProperty,
    Section, Style, StyleType, VertAlignType,
};

use crate::model::format;
use crate::model::units::Pt;
use crate::model::Document;
use profile as p;

/// Why writing the .docx failed. Every variant is a bug in vanban, not a user error.
#[derive(Debug, thiserror::Error)]
pub enum DocxError {
    /// The post-processing of docx-rs's parts failed.
    #[error("lỗi nội bộ khi hoàn thiện tệp .docx: {0}")]
    Fixup(String),
    /// The finished package failed its integrity check.
    #[error("lỗi nội bộ: tệp .docx tạo ra không hợp lệ: {0}")]
    Check(String),
    /// Zipping failed.
    #[error("lỗi nội bộ khi nén tệp .docx: {0}")]
    Zip(String),
}

/// Times New Roman on ascii, hAnsi, eastAsia and cs (NĐ 30 Phụ lục I, I.3; H13).
pub(crate) fn fonts() -> RunFonts {
    RunFonts::new()
        .ascii(p::FONT)
        .hi_ansi(p::FONT)
        .east_asia(p::FONT)
        .cs(p::FONT)
}

/// A run of `text` at `size`, with emphasis.
///
/// A line break or tab inside a frame value (e.g. a list item of `noi_nhan` typed over two
/// lines) is shown as a space: body line breaks are [`crate::model::Inline::Break`]s.
/// Characters XML forbids are dropped, and the text is NFC.
pub(crate) fn run(text: &str, size: Pt, bold: bool, italic: bool) -> Run {
    let plain = |c: char| !matches!(c, '\n' | '\r' | '\t') && !format::is_xml_forbidden(c);
    let text: std::borrow::Cow<'_, str> = if text.chars().all(plain) {
        text.into()
    } else {
        text.chars()
            .filter(|c| !format::is_xml_forbidden(*c))
            .map(|c| if plain(c) { c } else { ' ' })
            .collect::<String>()
            .into()
    };
    let text: std::borrow::Cow<'_, str> = if unicode_normalization::is_nfc(&text) {
        text
    } else {
        use unicode_normalization::UnicodeNormalization;
        text.nfc().collect::<String>().into()
    };
    let mut r = Run::new()
        .add_text(&*text)
        .size(size.half_points())
        .fonts(fonts());
    if bold {
        r = r.bold();
    }
    if italic {
        r = r.italic();
    }
    r
}

/// Line spacing of `line` 240ths with `before` points above and nothing below.
pub(crate) fn spacing(before: Pt, line: i32) -> LineSpacing {
    LineSpacing::new()
        .before(before.twips() as u32)
        .after(0)
        .line(line)
        .line_rule(LineSpacingType::Auto)
}

fn styles(docx: Docx) -> Docx {
    let mut note_ref =
        Style::new("FootnoteReference", StyleType::Character).name("footnote reference");
    note_ref.run_property = RunProperty::new().vert_align(VertAlignType::SuperScript);
    let note_text = Style::new("FootnoteText", StyleType::Paragraph)
        .name("footnote text")
        .size(p::FOOTNOTE_SIZE.half_points())
        .fonts(fonts())
        .align(AlignmentType::Both)
        .line_spacing(
            LineSpacing::new()
                .before(0)
                .after(0)
                .line(p::SINGLE_LINE_240THS)
                .line_rule(LineSpacingType::Auto),
        );
    let header_style = Style::new("Header", StyleType::Paragraph).name("header");
    docx.default_fonts(fonts())
        .default_size(p::BODY_SIZE.half_points())
        .add_style(note_ref)
        .add_style(note_text)
        .add_style(header_style)
        .add_style(blocks::data_table_style())
}

/// The header with the page number: a PAGE field in a centred paragraph, 14 pt
/// (NĐ 30 Phụ lục I, I.7), and the empty first-page header.
fn page_headers() -> (Header, Header) {
    let field = Run::new()
        .size(p::PAGE_NUMBER_SIZE.half_points())
        .fonts(fonts())
        .add_field_char(FieldCharType::Begin, false)
        .add_instr_text(InstrText::PAGE(InstrPAGE::new()))
        .add_field_char(FieldCharType::Separate, false)
        .add_text("2")
        .add_field_char(FieldCharType::End, false);
    let numbered = Header::new().add_paragraph(
        Paragraph::new()
            .style("Header")
            .align(AlignmentType::Center)
            .add_run(field),
    );
    let first = Header::new().add_paragraph(Paragraph::new().style("Header"));
    (numbered, first)
}

fn margins() -> PageMargin {
    PageMargin::new()
        .top(p::MARGIN_TOP.twips())
        .bottom(p::MARGIN_BOTTOM.twips())
        .left(p::MARGIN_LEFT.twips())
        .right(p::MARGIN_RIGHT.twips())
        .header(p::HEADER_DISTANCE.twips())
        .footer(p::FOOTER_DISTANCE.twips())
        .gutter(0)
}

/// One section's content and page setup.
struct SectionSpec {
    children: Vec<blocks::Child>,
    landscape: bool,
    restart_numbering: bool,
}

/// Lay out `doc` and return the bytes of a valid .docx package.
pub fn write(doc: &Document) -> Result<Vec<u8>, DocxError> {
    // Phase 1.
    let mut docx = styles(Docx::new());
    // Phases 2–5: the main section.
    let mut main: Vec<blocks::Child> = Vec::new();
    frame::header_table(&doc.frame, &mut main);
    frame::title_block(&doc.frame, &mut main);
    frame::addressees(&doc.frame, &mut main);
    let mut notes = blocks::Notes::new(&doc.notes);
    for b in &doc.body {
        blocks::block(b, p::text_width().twips(), &mut notes, &mut main);
    }
    // The signature never stands alone on the last page: keep the last body paragraph with it.
    if let Some(blocks::Child::Paragraph(last)) = main.last_mut() {
        let para = std::mem::replace(&mut **last, Paragraph::new());
        **last = para.keep_next(true).keep_lines(true);
    }
    frame::closing(&doc.frame, &mut main);
    let mut sections = vec![SectionSpec {
        children: main,
        landscape: false,
        restart_numbering: false,
    }];
    // Phase 6.
    for a in &doc.appendices {
        let mut children = Vec::new();
        let width = if a.landscape {
            p::text_width_landscape()
        } else {
            p::text_width()
        };
        frame::appendix_heading(a, &mut children);
        for b in &a.body {
            blocks::block(b, width.twips(), &mut notes, &mut children);
        }
        sections.push(SectionSpec {
            children,
            landscape: a.landscape,
            restart_numbering: true,
        });
    }
    // Phase 7: every section but the last becomes a docx-rs Section; the last is the body's.
    let last = sections.pop();
    for s in sections {
        let (numbered, first) = page_headers();
        let (w, h) = page_size(s.landscape);
        let mut sec = Section::new()
            .page_size(PageSize::new().size(w, h))
            .page_margin(margins())
            .header(numbered)
            .first_header(first)
            .title_pg();
        if s.landscape {
            sec = sec.page_orient(PageOrientationType::Landscape);
        }
        if s.restart_numbering {
            sec = sec.page_num_type(PageNumType::new().start(1));
        }
        for c in s.children {
            sec = match c {
                blocks::Child::Paragraph(p) => sec.add_paragraph(*p),
                blocks::Child::Table(t) => sec.add_table(*t),
            };
        }
        docx = docx.add_section(sec);
    }
    if let Some(s) = last {
        for c in s.children {
            docx = match c {
                blocks::Child::Paragraph(p) => docx.add_paragraph(*p),
                blocks::Child::Table(t) => docx.add_table(*t),
            };
        }
        let (numbered, first) = page_headers();
        let size = page_size(s.landscape);
        docx = docx
            .page_size(size.0, size.1)
            .page_margin(margins())
            .header(numbered)
            .first_header(first)
            .title_pg();
        if s.landscape {
            docx = docx.page_orient(PageOrientationType::Landscape);
        }
        if s.restart_numbering {
            docx = docx.page_num_type(PageNumType::new().start(1));
        }
    }
    // Phase 8.
    let xml = docx.build();
    let meta = fixup::PackageMeta {
        title: doc.frame.property_title.clone(),
        language: p::LANGUAGE.to_string(),
        creator: "vanban".to_string(),
    };
    let package = fixup::fix(xml, &meta).map_err(|e| DocxError::Fixup(e.to_string()))?;
    package
        .check()
        .map_err(|problems| DocxError::Check(problems.join("; ")))?;
    package
        .to_bytes()
        .map_err(|e| DocxError::Zip(e.to_string()))
}

/// A4 size in twips (width, height), swapped for landscape.
fn page_size(landscape: bool) -> (u32, u32) {
    let (w, h) = (p::PAGE_WIDTH.twips() as u32, p::PAGE_HEIGHT.twips() as u32);
    if landscape {
        (h, w)
    } else {
        (w, h)
    }
}
