//! TEMPORARY stub: replaced by the real post-processing step.
use super::package::{Package, Part};

/// Facts the fix-up needs.
pub(crate) struct PackageMeta {
    pub title: String,
    pub language: String,
    pub creator: String,
}

/// Error.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub(crate) struct FixError(String);

/// Stub.
pub(crate) fn fix(xml: docx_rs::XMLDocx, _meta: &PackageMeta) -> Result<Package, FixError> {
    let mut parts = vec![
        Part { path: "[Content_Types].xml".into(), data: xml.content_type },
        Part { path: "_rels/.rels".into(), data: xml.rels },
        Part { path: "docProps/app.xml".into(), data: xml.doc_props.app },
        Part { path: "docProps/core.xml".into(), data: xml.doc_props.core },
        Part { path: "docProps/custom.xml".into(), data: xml.doc_props.custom },
        Part { path: "word/_rels/document.xml.rels".into(), data: xml.document_rels },
        Part { path: "word/document.xml".into(), data: xml.document },
        Part { path: "word/styles.xml".into(), data: xml.styles },
        Part { path: "word/settings.xml".into(), data: xml.settings },
        Part { path: "word/fontTable.xml".into(), data: xml.font_table },
        Part { path: "word/comments.xml".into(), data: xml.comments },
        Part { path: "word/numbering.xml".into(), data: xml.numberings },
        Part { path: "word/commentsExtended.xml".into(), data: xml.comments_extended },
        Part { path: "word/footnotes.xml".into(), data: xml.footnotes },
    ];
    for (i, h) in xml.headers.into_iter().enumerate() {
        parts.push(Part { path: format!("word/header{}.xml", i + 1), data: h });
    }
    for (i, h) in xml.header_rels.into_iter().enumerate() {
        parts.push(Part { path: format!("word/_rels/header{}.xml.rels", i + 1), data: h });
    }
    Ok(Package { parts })
}
