//! Fuzz target `markup`: any text → markup::parse; for Markdown that parses, the docx writer.
//!
//! Properties: no panic, no hang; every document the markup stage accepts is written as a
//! package that passes the pre-write check (an error there would be a bug in vanban).
#![no_main]

use libfuzzer_sys::fuzz_target;
use vanban::model::{
    Document, DocumentKind, Frame, IssueDate, ReferenceNumber, RightHeader, Signature,
};

fn frame() -> Frame {
    Frame {
        kind: DocumentKind::Plan,
        parent_agency: Vec::new(),
        issuing_agency: vec!["ỦY BAN NHÂN DÂN".into()],
        right_header: RightHeader::National,
        reference: ReferenceNumber {
            number: Some(1),
            year: None,
            symbol: "KH-UBND".into(),
        },
        place: "Nguyễn Trãi".into(),
        date: IssueDate::YearOnly(2025),
        subject: vec!["Thử".into()],
        addressees: Vec::new(),
        recipients: vec!["Lưu: VT".into()],
        signature: Signature {
            authority: vec!["CHỦ TỊCH".into()],
            signer_name: "A".into(),
        },
        other: Default::default(),
        property_title: "Kế hoạch".into(),
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(m) = vanban::internals::markup::parse(text, "fuzz") else {
        return;
    };
    let doc = Document {
        frame: frame(),
        body: m.body,
        notes: m.notes,
        appendices: Vec::new(),
    };
    if let Err(e) = vanban::write_docx(&doc) {
        panic!("accepted markup gave an invalid package: {e}");
    }
});
