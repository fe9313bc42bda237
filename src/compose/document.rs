//! Văn bản theo loại — a document's body from its `noi_dung` (and, for quyết định and nghị
//! quyết, its Căn cứ lines and Điều), through the template of its layout family; the frame from
//! its typed fields.

use super::consolidated::{attached_to, APPENDIX_LABEL};
use super::{
    agency_in_text, DECISION_TEMPLATE, DOCUMENT_TEMPLATE, INTRODUCTION_TEMPLATE,
    INVITATION_TEMPLATE, LEAVE_TEMPLATE, MINUTES_TEMPLATE,
};
use crate::data::document::GeneralDocument;
use crate::data::fields::Shape;
use crate::diag::Diagnostics;
use crate::model::format::roman;
use crate::model::{Appendix, Block, Document, Inline, Layout, Note};
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
        Layout::Minutes => templates.render_markup(MINUTES_TEMPLATE, &minutes_context(doc))?,
        Layout::Invitation => {
            templates.render_markup(INVITATION_TEMPLATE, &invitation_context(doc))?
        }
        Layout::Introduction => {
            let mut context = serde_json::to_value(&doc.raw).unwrap_or_default();
            if let Some(map) = context.as_object_mut() {
                let agency = agency_in_text(&doc.frame.issuing_agency);
                map.insert("co_quan_trong_cau".into(), agency.into());
                map.insert("het_han".into(), doc.valid_until.clone().into());
            }
            templates.render_markup(INTRODUCTION_TEMPLATE, &context)?
        }
        Layout::Leave => {
            let mut context = serde_json::to_value(&doc.raw).unwrap_or_default();
            if let Some(map) = context.as_object_mut() {
                let agency = agency_in_text(&doc.frame.issuing_agency);
                map.insert("co_quan_trong_cau".into(), agency.into());
                if let Some(n) = &doc.raw.nghi_phep {
                    for (key, value) in [
                        ("ngay_don", &n.ngay_don),
                        ("tu_ngay", &n.tu_ngay),
                        ("den_ngay", &n.den_ngay),
                    ] {
                        let printed = crate::data::frame::parse_date(&value.0)
                            .map(|d| d.format("%d/%m/%Y").to_string())
                            .unwrap_or_default();
                        map.insert(key.into(), printed.into());
                    }
                    map.insert("thoi_gian".into(), bare(Some(&n.thoi_gian)).into());
                    map.insert("noi_nghi".into(), bare(Some(&n.noi_nghi)).into());
                    map.insert("tinh_vao".into(), bare(Some(&n.tinh_vao)).into());
                }
            }
            templates.render_markup(LEAVE_TEMPLATE, &context)?
        }
        _ => templates.render_markup(DOCUMENT_TEMPLATE, &doc.raw)?,
    };
    let mut notes = markup.notes;
    let appendices = appendices(doc, &mut notes)?;
    Ok(Document {
        frame: doc.frame.clone(),
        body: markup.body,
        notes,
        appendices,
    })
}

/// The keys the context of template `name` adds to (or replaces in) the document's data, as
/// [`general_document`] inserts them: keep the two in step.
pub(crate) fn added_fields(name: &str) -> Vec<(&'static str, Shape)> {
    let values = |keys: &[&'static str]| keys.iter().map(|k| (*k, Shape::Value)).collect();
    match name {
        DECISION_TEMPLATE => {
            let mut v: Vec<(&str, Shape)> = values(&["tham_quyen", "lenh"]);
            v.push(("can_cu", Shape::Lines));
            v
        }
        INTRODUCTION_TEMPLATE => values(&["co_quan_trong_cau", "het_han"]),
        LEAVE_TEMPLATE => values(&[
            "co_quan_trong_cau",
            "ngay_don",
            "tu_ngay",
            "den_ngay",
            "thoi_gian",
            "noi_nghi",
            "tinh_vao",
        ]),
        INVITATION_TEMPLATE => {
            let mut v: Vec<(&str, Shape)> =
                values(&["loi_moi", "toi_du", "chu_tri", "thoi_gian", "dia_diem"]);
            v.push(("thanh_phan", Shape::Lines));
            v
        }
        MINUTES_TEMPLATE => {
            let mut v: Vec<(&str, Shape)> =
                values(&["thoi_gian", "dia_diem", "chu_tri", "thu_ky", "ket_thuc"]);
            v.push(("thanh_phan", Shape::Lines));
            v
        }
        _ => Vec::new(),
    }
}

/// Phụ lục (Mẫu 2.1): each `phu_luc` entry parsed from its Markdown; labelled `Phụ lục` when
/// alone, `Phụ lục I`, `II`, … when there are several (NĐ 30 Phụ lục I, III.1). Footnotes of an
/// appendix are numbered after those of the main text.
fn appendices(doc: &GeneralDocument, notes: &mut Vec<Note>) -> Result<Vec<Appendix>, Diagnostics> {
    let n = doc.raw.phu_luc.len();
    let attached = attached_to(&doc.frame);
    // A quyết định issued by the head (`CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG …`) is cited as
    // `… của Chủ tịch Ủy ban nhân dân phường …`.
    let agency = agency_in_text(&doc.frame.issuing_agency);
    let attached = match issuer_in_text(&doc.authority, &doc.frame.issuing_agency) {
        Some(issuer) => attached.replacen(&format!("của {agency})"), &format!("của {issuer})"), 1),
        None => attached,
    };
    let mut out = Vec::with_capacity(n);
    for (i, a) in doc.raw.phu_luc.iter().enumerate() {
        let markup = crate::markup::parse(&a.noi_dung, &format!("phu_luc[{i}]"))?;
        let offset = notes.len() as u32;
        let mut body = markup.body;
        for b in &mut body {
            shift_notes(b, offset);
        }
        notes.extend(markup.notes);
        let label = if n == 1 {
            APPENDIX_LABEL.to_string()
        } else {
            format!(
                "{APPENDIX_LABEL} {}",
                roman(i as u32 + 1).unwrap_or_default()
            )
        };
        out.push(Appendix {
            label,
            title: a.tieu_de.trim().to_string(),
            attached_to: attached.clone(),
            body,
            landscape: a.ngang,
        });
    }
    Ok(out)
}

/// The thẩm quyền ban hành in running text when it is a title followed by the issuing agency
/// (`CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG NGUYỄN TRÃI` → `Chủ tịch Ủy ban nhân dân phường Nguyễn
/// Trãi`); `None` otherwise.
fn issuer_in_text(authority: &str, agency: &[String]) -> Option<String> {
    let full = agency.join(" ");
    let title = authority.strip_suffix(&full)?.trim();
    if title.is_empty() || full.is_empty() {
        return None;
    }
    let mut chars = title.chars();
    let first = chars.next()?;
    let title: String = first
        .to_uppercase()
        .chain(chars.as_str().to_lowercase().chars())
        .collect();
    Some(format!("{title} {}", agency_in_text(agency)))
}

/// Renumber the footnote references of an appendix block by `offset`.
fn shift_notes(b: &mut Block, offset: u32) {
    let shift = |inlines: &mut Vec<Inline>| {
        for i in inlines {
            if let Inline::NoteRef(n) = i {
                *n += offset;
            }
        }
    };
    match b {
        Block::Paragraph(p) => shift(&mut p.inlines),
        Block::Table(t) => {
            for c in t.header.iter_mut().chain(t.rows.iter_mut().flatten()) {
                shift(&mut c.inlines);
            }
        }
    }
}

/// A value without its final `.`/`;` (the template writes the punctuation).
fn bare(t: Option<&str>) -> String {
    t.unwrap_or("")
        .trim()
        .trim_end_matches(['.', ';'])
        .trim_end()
        .to_string()
}

/// The context of a giấy mời (Mẫu 1.7): the invitation sentence with the issuing agency, the
/// invitees (one on the same line; several one a line, `;` … `.`), the event's details.
fn invitation_context(doc: &GeneralDocument) -> serde_json::Value {
    let raw = &doc.raw;
    let mut context = serde_json::to_value(raw).unwrap_or_default();
    let agency = agency_in_text(&doc.frame.issuing_agency);
    let invitees: Vec<String> = raw
        .thanh_phan
        .0
        .iter()
        .map(|t| crate::data::frame::strip_marker(t).to_string())
        .filter(|t| !t.is_empty())
        .collect();
    let (sentence, lines) = match invitees.as_slice() {
        [one] => (format!("{agency} trân trọng kính mời: {one}."), Vec::new()),
        many => (
            format!("{agency} trân trọng kính mời:"),
            many.iter()
                .enumerate()
                .map(|(i, t)| format!("{t}{}", if i + 1 == many.len() { "." } else { ";" }))
                .collect(),
        ),
    };
    if let Some(map) = context.as_object_mut() {
        map.insert("loi_moi".into(), sentence.into());
        map.insert("thanh_phan".into(), lines.into());
        map.insert("toi_du".into(), bare(raw.toi_du.as_deref()).into());
        let chair = bare(raw.chu_tri.as_deref());
        map.insert("chu_tri".into(), chair.into());
        map.insert("thoi_gian".into(), bare(raw.thoi_gian.as_deref()).into());
        map.insert("dia_diem".into(), bare(raw.dia_diem.as_deref()).into());
    }
    context
}

/// The context of a biên bản (Mẫu 1.9): the details without their final `.`, the participants
/// one a line (`;` … `.`).
fn minutes_context(doc: &GeneralDocument) -> serde_json::Value {
    let raw = &doc.raw;
    let mut context = serde_json::to_value(raw).unwrap_or_default();
    let n = raw.thanh_phan.0.len();
    let lines: Vec<String> = raw
        .thanh_phan
        .0
        .iter()
        .enumerate()
        .map(|(i, t)| format!("{}{}", bare(Some(t)), if i + 1 == n { "." } else { ";" }))
        .collect();
    if let Some(map) = context.as_object_mut() {
        map.insert("thanh_phan".into(), lines.into());
        for (key, value) in [
            ("thoi_gian", &raw.thoi_gian),
            ("dia_diem", &raw.dia_diem),
            ("chu_tri", &raw.chu_tri),
            ("thu_ky", &raw.thu_ky),
            ("ket_thuc", &raw.ket_thuc),
        ] {
            map.insert(key.into(), bare(value.as_deref()).into());
        }
    }
    context
}
