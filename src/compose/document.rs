//! Văn bản theo loại — a document's body from its `noi_dung` (and, for quyết định and nghị
//! quyết, its Căn cứ lines and Điều), through the template of its layout family; the frame from
//! its typed fields.

use super::{DECISION_TEMPLATE, DOCUMENT_TEMPLATE};
use crate::data::document::GeneralDocument;
use crate::diag::Diagnostics;
use crate::model::{Document, Layout};
use crate::template::Templates;

/// Stages 2–3 for a document of any kind: fill the template and parse the Markdown.
pub(crate) fn general_document(
    doc: &GeneralDocument,
    templates: &Templates,
) -> Result<Document, Diagnostics> {
    let markup = match doc.frame.kind.layout() {
        Layout::Decision | Layout::Resolution => {
            let mut context = serde_json::to_value(&doc.raw).unwrap_or_default();
            if let Some(map) = context.as_object_mut() {
                map.insert("tham_quyen".into(), doc.authority.clone().into());
                map.insert("can_cu".into(), doc.grounds.clone().into());
                let order = if doc.frame.kind.layout() == Layout::Resolution {
                    "QUYẾT NGHỊ:"
                } else {
                    "QUYẾT ĐỊNH:"
                };
                map.insert("lenh".into(), order.into());
            }
            templates.render_markup(DECISION_TEMPLATE, &context)?
        }
        _ => templates.render_markup(DOCUMENT_TEMPLATE, &doc.raw)?,
    };
    Ok(Document {
        frame: doc.frame.clone(),
        body: markup.body,
        notes: markup.notes,
        appendices: Vec::new(),
    })
}
