//! `vanban` — official Vietnamese administrative documents (.docx) from YAML data and handlebars
//! templates, laid out per Nghị định 30/2020/NĐ-CP, Phụ lục I.
//!
//! # Pipeline
//!
//! Every document goes through the same four stages; each returns a value, only the CLI does I/O:
//!
//! 1. **data** ([`data`]): YAML file → typed, validated record (e.g. [`data::Plan`]); one event
//!    pass over the YAML locates everything, and every text value is cleaned once, as it is read
//!    ([`model::Text`]). Problems are collected as located [`diag::Diagnostics`].
//! 2. **template** ([`template`]): record + handlebars template → Markdown body. Strict mode,
//!    Markdown escaping of values.
//! 3. **markup** ([`markup`]): Markdown → [`model::Document`] body blocks and footnotes. The
//!    administrative frame ([`model::Frame`]) is built in code from the typed fields, never by the
//!    template.
//! 4. **docx** ([`docx`]): document model + layout profile ([`docx::profile`]) → .docx bytes,
//!    post-processed in one place to be valid OOXML and deterministic.
//!
//! [`output`] writes the bytes atomically (temporary file, then rename).

pub mod consolidate;
pub mod data;
pub mod diag;
pub mod docx;
pub mod error;
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

/// Stages 2–4 for a plan: the bytes of its .docx.
pub fn render_plan(plan: &Plan, templates: &Templates) -> Result<Vec<u8>, Error> {
    let doc = plan_document(plan, templates)?;
    Ok(docx::write(&doc)?)
}
