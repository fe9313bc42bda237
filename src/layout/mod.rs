//! Stage 3½, **layout**: a [`Document`] (frame + body) → [`Pages`] for the writer.
//!
//! This is where the decree lives: the profile's numbers ([`profile`]), the frame's tables and
//! rules ([`frame`]), the body's paragraph roles, footnotes and data tables ([`body`]). A new
//! document kind adds layout code here; the writer ([`crate::docx`]) never changes for it.
//!
//! Phases of [`lay_out`]:
//! 1. the header table (agency | Quốc hiệu, số | place and date);
//! 2. the title block (tên loại, trích yếu, short rule), Kính gửi and the mức độ khẩn
//!    (the phạm vi lưu hành box goes above the header table);
//! 3. the body blocks, with footnote references in reading order;
//! 4. the closing table (Nơi nhận | signature), the last body paragraph kept with it;
//!    and the agency's address at the foot of page 1 (a first-page footer);
//! 5. appendices, each in its own section with page numbers restarting at 1;
//! 6. footnote bodies, defaults and document properties.

mod body;
mod frame;
#[rustfmt::skip]
mod glyphs;
pub(crate) mod measure;
pub(crate) mod profile;

use crate::model::page::{Defaults, Flow, PageSetup, Pages, Properties, Section};
use crate::model::Document;
pub(crate) use frame::{agency_lines, header_overflow_mm, right_title_lines};
use profile as p;

/// The page setup of a section: A4 (landscape for wide appendices), the decree's margins.
fn page_setup(landscape: bool, restart_numbering: bool) -> PageSetup {
    let (w, h) = (p::PAGE_WIDTH.twips(), p::PAGE_HEIGHT.twips());
    let (width, height) = if landscape { (h, w) } else { (w, h) };
    PageSetup {
        width,
        height,
        landscape,
        top: p::MARGIN_TOP.twips(),
        right: p::MARGIN_RIGHT.twips(),
        bottom: p::MARGIN_BOTTOM.twips(),
        left: p::MARGIN_LEFT.twips(),
        header: p::HEADER_DISTANCE.twips(),
        footer: p::FOOTER_DISTANCE.twips(),
        restart_numbering,
        page_numbers: true,
    }
}

/// Lay out `doc` on pages per the Nghị định 30 profile.
pub(crate) fn lay_out(doc: &Document) -> Pages {
    let mut notes = body::Notes::new();
    // Phases 1–2.
    let mut main: Vec<Flow> = Vec::with_capacity(doc.body.len() + 16);
    frame::circulation(&doc.frame, &mut main);
    frame::header_table(&doc.frame, &mut main);
    frame::title_block(&doc.frame, &mut main);
    frame::addressees(&doc.frame, &mut main);
    frame::urgency(&doc.frame, &mut main);
    // Phase 3.
    let width = p::text_width().twips();
    for b in &doc.body {
        body::block(b, width, &mut notes, &mut main);
    }
    // Phase 4: the signature never stands alone on the last page.
    if let Some(Flow::Para(last)) = main.last_mut() {
        last.format.keep_next = true;
        last.format.keep_lines = true;
    }
    frame::closing(&doc.frame, &mut main);
    let mut sections = vec![Section {
        page: page_setup(false, false),
        blocks: main,
        first_footer: frame::contact_footer(&doc.frame),
    }];
    // Phase 5.
    for a in &doc.appendices {
        let width = if a.landscape {
            p::text_width_landscape()
        } else {
            p::text_width()
        }
        .twips();
        let mut blocks = Vec::with_capacity(a.body.len() + 5);
        frame::appendix_heading(a, width, &mut blocks);
        for b in &a.body {
            body::block(b, width, &mut notes, &mut blocks);
        }
        sections.push(Section {
            page: page_setup(a.landscape, true),
            blocks,
            first_footer: Vec::new(),
        });
    }
    // Phase 6.
    Pages {
        sections,
        notes: body::footnotes(&doc.notes),
        defaults: Defaults {
            font: p::FONT.to_string(),
            size: p::BODY_SIZE,
            language: p::LANGUAGE.to_string(),
            footnote_size: p::FOOTNOTE_SIZE,
            page_number_size: p::PAGE_NUMBER_SIZE,
        },
        properties: Properties {
            title: doc.frame.property_title.clone(),
            creator: doc.frame.issuing_agency.join(" "),
            language: p::LANGUAGE.to_string(),
        },
    }
}
