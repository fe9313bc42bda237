//! Văn bản theo loại — a document's body from its `noi_dung`, through the template of its
//! layout family, the frame from its typed fields.

use super::DOCUMENT_TEMPLATE;
use crate::data::document::GeneralDocument;
use crate::diag::Diagnostics;
use crate::model::Document;
use crate::template::Templates;

/// Stages 2–3 for a document of any kind: fill the template and parse the Markdown.
pub(crate) fn general_document(
    doc: &GeneralDocument,
    templates: &Templates,
) -> Result<Document, Diagnostics> {
    let markup = templates.render_markup(DOCUMENT_TEMPLATE, &doc.raw)?;
    Ok(Document {
        frame: doc.frame.clone(),
        body: markup.body,
        notes: markup.notes,
        appendices: Vec::new(),
    })
}
