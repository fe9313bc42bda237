//! `vanban` — official Vietnamese administrative documents (.docx) from YAML data and handlebars
//! templates, laid out per Nghị định 30/2020/NĐ-CP, Phụ lục I.
//!
//! # Pipeline
//!
//! Every document goes through the same four stages; each returns a value, only the CLI does I/O:
//!
//! 1. **data** ([`data`]): YAML file → typed, validated, NFC-normalised record
//!    (e.g. [`data::Plan`]). Problems are collected as located [`diag::Diagnostics`].
//! 2. **template** ([`template`]): record + handlebars template → Markdown body. Strict mode,
//!    Markdown escaping of values.
//! 3. **markup** ([`markup`]): Markdown → [`model::Document`] body blocks and footnotes. The
//!    administrative frame ([`model::Frame`]) is built in code from the typed fields, never by the
//!    template.
//! 4. **layout** ([`layout`]): document model → laid-out pages ([`model::page::Pages`]): the
//!    frame as tables, paragraphs and rules, every number from the profile.
//! 5. **docx** ([`docx`]): pages → .docx bytes, WordprocessingML written directly in schema
//!    order, static parts from assets, a self-check before zipping.
//!
//! [`output`] writes the bytes atomically (temporary file, then rename).

pub mod consolidate;
pub mod data;
pub mod diag;
pub mod docx;
pub mod error;
pub mod layout;
pub mod markup;
pub mod model;
pub mod output;
pub mod report;
pub mod template;

pub use error::Error;

use data::Plan;
use diag::Diagnostics;
use model::Document;
use template::Templates;

/// Name of the built-in plan template (`templates/ke-hoach.md.hbs`).
pub const PLAN_TEMPLATE: &str = "ke-hoach";

/// Stages 2–3 for a plan: fill the template with the plan's data and parse the Markdown.
pub fn plan_document(plan: &Plan, templates: &Templates) -> Result<Document, Diagnostics> {
    let md = templates.render(PLAN_TEMPLATE, &plan.raw)?;
    let markup =
        markup::parse(&md, PLAN_TEMPLATE).map_err(|d| templates.relocate(PLAN_TEMPLATE, d))?;
    Ok(Document {
        frame: plan.frame.clone(),
        body: markup.body,
        notes: markup.notes,
        appendices: Vec::new(),
    })
}

/// Stages 2–5 for a plan: the bytes of its .docx.
pub fn render_plan(plan: &Plan, templates: &Templates) -> Result<Vec<u8>, Error> {
    let doc = plan_document(plan, templates)?;
    Ok(write_docx(&doc)?)
}

/// Stages 4–5 for any document: lay it out and write the .docx bytes.
pub fn write_docx(doc: &Document) -> Result<Vec<u8>, docx::DocxError> {
    docx::write(&layout::lay_out(doc))
}
