//! Kế hoạch — the plan's document: its template filled with the plan's data, the frame from its
//! typed fields.

use super::PLAN_TEMPLATE;
use crate::data::Plan;
use crate::diag::Diagnostics;
use crate::model::Document;
use crate::template::Templates;

/// Stages 2–3 for a plan: fill the template with the plan's data and parse the Markdown.
pub(crate) fn plan_document(plan: &Plan, templates: &Templates) -> Result<Document, Diagnostics> {
    let markup = templates.render_markup(PLAN_TEMPLATE, &plan.raw)?;
    Ok(Document {
        frame: plan.frame.clone(),
        body: markup.body,
        notes: markup.notes,
        appendices: Vec::new(),
    })
}
