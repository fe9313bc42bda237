//! `vanban check` (issue 10, item 2; H37, H38): every document vanban writes checks clean
//! through the binary; documents with one known fault — our own output with its XML edited as a
//! user would in Word — give exactly the expected finding; a document that is not an
//! administrative document gives one finding.

use crate::support::word::{
    auto_numbered_plan, check, decomposed, drop_rule_after, each_paragraph, edit_document,
    plain_document, sample, shaped_rules, tab_header, tracked_changes, word_made,
};
use crate::support::{fixture, fixture_workspace, vanban};

/// The one finding of a check, asserting there is exactly one.
fn only(findings: &[serde_json::Value]) -> &serde_json::Value {
    assert_eq!(findings.len(), 1, "{findings:#?}");
    &findings[0]
}

fn s<'a>(v: &'a serde_json::Value, k: &str) -> &'a str {
    v[k].as_str().unwrap_or_default()
}

#[test]
fn issue_10_check_every_document_vanban_writes_is_clean() {
    let ws = fixture_workspace();
    let kinds = ws.path().join("vi-du");
    std::fs::create_dir_all(&kinds).expect("mkdir");
    for e in std::fs::read_dir(fixture("kinds")).expect("kinds") {
        let p = e.expect("entry").path();
        std::fs::copy(&p, kinds.join(p.file_name().expect("name"))).expect("copy");
    }
    let o = vanban(ws.path(), &["build"]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let o = vanban(ws.path(), &["render", "vi-du/*.yaml", "-o", "output/vi-du"]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let o = vanban(
        ws.path(),
        &[
            "check",
            "--json",
            "output/*.docx",
            "output/bao-cao/*.docx",
            "output/vi-du/*.docx",
        ],
    );
    let v: Vec<serde_json::Value> = serde_json::from_slice(&o.stdout).expect("json");
    assert!(v.is_empty(), "{v:#?}");
    assert_eq!(o.status.code(), Some(0));
    // The human output says so for each file: 1 plan, 8 unit reports, 1 consolidated report,
    // every kind's sample.
    let o = vanban(
        ws.path(),
        &[
            "kiem-tra-the-thuc",
            "output/*.docx",
            "output/bao-cao/*.docx",
            "output/vi-du/*.docx",
        ],
    );
    let out = String::from_utf8_lossy(&o.stdout);
    let n = std::fs::read_dir(fixture("kinds")).expect("kinds").count();
    assert_eq!(out.matches("đúng thể thức").count(), 10 + n, "{out}");
    assert_eq!(o.status.code(), Some(0));
}

#[test]
fn issue_10_check_wrong_font_on_one_slot() {
    let t = tempfile::tempdir().expect("tempdir");
    let base = sample(t.path(), "cong-van");
    let bad = edit_document(&base, |x| {
        x.replacen("w:hAnsi=\"Times New Roman\"", "w:hAnsi=\"Arial\"", 1)
    });
    let (code, f) = check(t.path(), "font.docx", &bad);
    let f = only(&f);
    assert!(s(f, "rule").contains("I.4"), "{f}");
    assert!(
        s(f, "found").contains("Arial") && s(f, "found").contains("hAnsi"),
        "{f}"
    );
    assert!(s(f, "where").contains("ỦY BAN NHÂN DÂN"), "{f}");
    assert_eq!(s(f, "severity"), "error");
    assert_eq!(code, Some(1));
}

#[test]
fn issue_10_check_body_at_12_pt() {
    let t = tempfile::tempdir().expect("tempdir");
    let base = sample(t.path(), "cong-van");
    let bad = edit_document(&base, |x| {
        each_paragraph(&x, |p| {
            if p.contains("<w:jc w:val=\"both\"/>") {
                p.replace("w:val=\"28\"", "w:val=\"24\"")
            } else {
                p.to_string()
            }
        })
    });
    let (code, f) = check(t.path(), "body12.docx", &bad);
    let f = only(&f);
    assert!(s(f, "rule").contains("II.6"), "{f}");
    assert!(s(f, "found").contains("12 pt"), "{f}");
    assert!(s(f, "expected").contains("13 pt hoặc 14 pt"), "{f}");
    assert_eq!(code, Some(1));
}

#[test]
fn issue_10_check_margin_out_of_range() {
    let t = tempfile::tempdir().expect("tempdir");
    let base = sample(t.path(), "cong-van");
    let bad = edit_document(&base, |x| x.replace("w:left=\"1701\"", "w:left=\"1134\""));
    let (code, f) = check(t.path(), "margin.docx", &bad);
    let f = only(&f);
    assert!(s(f, "rule").contains("I.3"), "{f}");
    assert_eq!(s(f, "found"), "lề trái 20 mm", "{f}");
    assert_eq!(s(f, "expected"), "lề trái từ 30 mm đến 35 mm", "{f}");
    assert_eq!(code, Some(1));
}

#[test]
fn issue_10_check_date_without_leading_zero() {
    let t = tempfile::tempdir().expect("tempdir");
    let base = sample(t.path(), "cong-van");
    let bad = edit_document(&base, |x| {
        x.replace("ngày 03 tháng 11 năm 2025", "ngày 5 tháng 02 năm 2025")
    });
    let (code, f) = check(t.path(), "date.docx", &bad);
    let f = only(&f);
    assert!(s(f, "rule").contains("II.4"), "{f}");
    assert!(s(f, "found").contains("ngày \"5\""), "{f}");
    assert_eq!(code, Some(1));
}

#[test]
fn issue_10_bien_ban_without_place_and_date_line_is_clean() {
    // A document titled BIÊN BẢN needs no place-and-date line (Mẫu 1.9 has none); any other
    // kind without it is one error.
    let t = tempfile::tempdir().expect("tempdir");
    let minutes = sample(t.path(), "bien-ban");
    let (code, f) = check(t.path(), "bien-ban.docx", &minutes);
    assert!(f.is_empty(), "{f:#?}");
    assert_eq!(code, Some(0));
    let letter = sample(t.path(), "cong-van");
    let undated = edit_document(&letter, |x| {
        x.replace("Phường Nguyễn Trãi, ngày 03 tháng 11 năm 2025", "")
    });
    let (code, f) = check(t.path(), "undated.docx", &undated);
    let f = only(&f);
    assert!(s(f, "rule").contains("II.4"), "{f}");
    assert!(s(f, "found").contains("không có dòng địa danh"), "{f}");
    assert_eq!(code, Some(1));
    // The title decides: the same thông báo without its line is an error, retitled BIÊN BẢN
    // (with its ký hiệu) it is clean.
    let notice = edit_document(&sample(t.path(), "thong-bao"), |x| {
        x.replace("Phường Nguyễn Trãi, ngày 20 tháng 10 năm 2025", "")
    });
    let (code, f) = check(t.path(), "notice.docx", &notice);
    assert!(s(only(&f), "found").contains("không có dòng địa danh"));
    assert_eq!(code, Some(1));
    let retitled = edit_document(&notice, |x| {
        x.replace(">THÔNG BÁO<", ">BIÊN BẢN<")
            .replace("45/TB-UBND", "45/BB-UBND")
    });
    let (code, f) = check(t.path(), "retitled.docx", &retitled);
    assert!(f.is_empty(), "{f:#?}");
    assert_eq!(code, Some(0));
}

#[test]
fn issue_10_check_decomposed_unicode_is_read_as_composed() {
    // Vietnamese typed as decomposed Unicode (NFD) is the same text: clean as the NFC original.
    let t = tempfile::tempdir().expect("tempdir");
    for kind in ["cong-van", "thong-bao"] {
        let nfd = decomposed(&sample(t.path(), kind));
        let (code, f) = check(t.path(), "nfd.docx", &nfd);
        assert!(f.is_empty(), "{kind}: {f:#?}");
        assert_eq!(code, Some(0), "{kind}");
    }
}

#[test]
fn issue_10_check_missing_rule_under_the_motto() {
    let t = tempfile::tempdir().expect("tempdir");
    let base = sample(t.path(), "cong-van");
    let bad = edit_document(&base, |x| {
        drop_rule_after(&x, "Độc lập - Tự do - Hạnh phúc")
    });
    let (code, f) = check(t.path(), "motto.docx", &bad);
    let f = only(&f);
    assert!(s(f, "rule").contains("II.1"), "{f}");
    assert!(s(f, "found").contains("đường kẻ"), "{f}");
    assert_eq!(code, Some(1));
}

#[test]
fn issue_10_check_recipients_without_archive_line() {
    let t = tempfile::tempdir().expect("tempdir");
    let base = sample(t.path(), "cong-van");
    let bad = edit_document(&base, |x| {
        each_paragraph(&x, |p| {
            if p.contains("- Lưu: VT") {
                String::new()
            } else {
                p.to_string()
            }
        })
    });
    let (code, f) = check(t.path(), "luu.docx", &bad);
    let f = only(&f);
    assert!(s(f, "rule").contains("II.9.b"), "{f}");
    assert!(s(f, "found").contains("Lưu"), "{f}");
    assert_eq!(code, Some(1));
}

#[test]
fn issue_10_check_not_an_administrative_document_is_one_finding() {
    let t = tempfile::tempdir().expect("tempdir");
    let base = sample(t.path(), "cong-van");
    let plain = plain_document(&base);
    let (code, f) = check(t.path(), "plain.docx", &plain);
    let f = only(&f);
    assert!(
        s(f, "found").contains("không phải văn bản hành chính"),
        "{f}"
    );
    assert_eq!(code, Some(1));
}

#[test]
fn issue_10_check_json_shape_and_files_that_are_not_docx() {
    let t = tempfile::tempdir().expect("tempdir");
    let base = sample(t.path(), "cong-van");
    let bad = edit_document(&base, |x| x.replace("w:left=\"1701\"", "w:left=\"1134\""));
    let (_, f) = check(t.path(), "margin.docx", &bad);
    let keys: Vec<&String> = f[0].as_object().expect("object").keys().collect();
    assert_eq!(
        keys,
        ["file", "rule", "where", "found", "expected", "severity"]
    );
    // Not a package: exit 2 with a message, no finding.
    std::fs::write(t.path().join("x.docx"), "không phải zip").expect("write");
    let o = vanban(t.path(), &["check", "x.docx"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("không phải tệp Word .docx"));
    // validate given a .docx points to check.
    let o = vanban(t.path(), &["validate", "margin.docx"]);
    assert!(String::from_utf8_lossy(&o.stderr).contains("vanban check"));
}

#[test]
fn h37_word_list_numbering_is_judged_by_its_rendered_label() {
    let t = tempfile::tempdir().expect("tempdir");
    // Labels I., II., … drawn by numbering.xml: clean, as the typed ones.
    let (code, f) = check(t.path(), "auto.docx", &auto_numbered_plan(t.path(), 1));
    assert!(f.is_empty(), "{f:#?}");
    assert_eq!(code, Some(0));
    // The list starts at II: the first heading renders as "II." where "I." is expected.
    let (code, f) = check(t.path(), "auto2.docx", &auto_numbered_plan(t.path(), 2));
    let f = only(&f);
    assert!(s(f, "where").starts_with("\"II. MỤC ĐÍCH"), "{f}");
    assert!(s(f, "expected").contains("I."), "{f}");
    assert_eq!(code, Some(1));
}

#[test]
fn h38_rules_drawn_as_shapes_are_recognised() {
    let t = tempfile::tempdir().expect("tempdir");
    let base = sample(t.path(), "cong-van");
    let (code, f) = check(t.path(), "shapes.docx", &shaped_rules(&base));
    assert!(f.is_empty(), "{f:#?}");
    assert_eq!(code, Some(0));
    // Without the shapes, both rules are missing.
    let (_, f) = check(
        t.path(),
        "none.docx",
        &edit_document(&base, |x| {
            drop_rule_after(
                &drop_rule_after(&x, "PHƯỜNG NGUYỄN TRÃI"),
                "Độc lập - Tự do",
            )
        }),
    );
    assert_eq!(f.len(), 2, "{f:#?}");
}

#[test]
fn h38_tracked_changes_count_insertions_ignore_deletions_and_warn() {
    let t = tempfile::tempdir().expect("tempdir");
    let base = sample(t.path(), "cong-van");
    let bad = tracked_changes(&base);
    let (code, f) = check(t.path(), "tracked.docx", &bad);
    // The inserted text (12 pt) is read; the deleted "99" is not; one warning for the changes.
    assert_eq!(f.len(), 2, "{f:#?}");
    assert!(s(&f[0], "found").contains("Track Changes"), "{f:#?}");
    assert_eq!(s(&f[0], "severity"), "warning");
    assert!(s(&f[1], "where").contains("Thêm Đề nghị"), "{f:#?}");
    assert_eq!(code, Some(1));
}

#[test]
fn h38_header_made_with_tabs_is_recognised() {
    let t = tempfile::tempdir().expect("tempdir");
    let base = sample(t.path(), "thong-bao");
    let bad = tab_header(&base);
    let (code, f) = check(t.path(), "tabs.docx", &bad);
    assert!(f.is_empty(), "{f:#?}");
    assert_eq!(code, Some(0));
    // The same header with the date unpadded: found in the tab-made header too.
    let bad = edit_document(&bad, |x| x.replace("ngày 20 tháng 10", "ngày 20 tháng 010"));
    let (_, f) = check(t.path(), "tabs2.docx", &bad);
    assert!(s(only(&f), "rule").contains("II.4"), "{f:#?}");
}

#[test]
fn issue_10_check_word_made_document_is_clean_and_each_fault_is_one_finding() {
    let t = tempfile::tempdir().expect("tempdir");
    let (code, f) = check(t.path(), "word.docx", &word_made(|_, x| x));
    assert!(f.is_empty(), "{f:#?}");
    assert_eq!(code, Some(0));
    let in_part = |part: &'static str, from: &'static str, to: &'static str| {
        move |n: &str, x: String| {
            if n == part {
                assert!(x.contains(from), "{from}");
                x.replace(from, to)
            } else {
                x
            }
        }
    };
    let doc = "word/document.xml";
    let cases: Vec<(&str, Vec<u8>, &str, &str)> = vec![
        (
            "font",
            word_made(in_part(
                "word/styles.xml",
                "w:cs=\"Times New Roman\"",
                "w:cs=\"Arial\"",
            )),
            "I.4",
            "Arial",
        ),
        (
            "body12",
            word_made(in_part(
                "word/styles.xml",
                "<w:jc w:val=\"both\"/></w:pPr>",
                "<w:jc w:val=\"both\"/></w:pPr><w:rPr><w:sz w:val=\"24\"/></w:rPr>",
            )),
            "II.6",
            "12 pt",
        ),
        (
            "margin",
            word_made(in_part(
                doc,
                "w:right=\"1134\" w:bottom",
                "w:right=\"1304\" w:bottom",
            )),
            "I.3",
            "lề phải 23",
        ),
        (
            "date",
            word_made(in_part(doc, "ngày 05 tháng 02", "ngày 5 tháng 02")),
            "II.4",
            "ngày \"5\"",
        ),
        (
            "motto rule",
            word_made(in_part(doc, "prst=\"line\"", "prst=\"rect\"")),
            "II.1",
            "đường kẻ",
        ),
        (
            "Lưu",
            word_made(in_part(doc, "- Lưu: VT, VHXH.", "- Sở Nội vụ;")),
            "II.9.b",
            "Lưu",
        ),
    ];
    for (what, docx, rule, found) in cases {
        let (code, f) = check(t.path(), "fault.docx", &docx);
        assert_eq!(f.len(), 1, "{what}: {f:#?}");
        assert!(s(&f[0], "rule").contains(rule), "{what}: {f:#?}");
        assert!(s(&f[0], "found").contains(found), "{what}: {f:#?}");
        assert_eq!(code, Some(1), "{what}");
    }
}

#[test]
fn issue_10_check_other_faults_of_the_frame_are_one_finding_each() {
    let t = tempfile::tempdir().expect("tempdir");
    let base = sample(t.path(), "thong-bao");
    // The header in two tables (agency | Quốc hiệu, then số | date), as many Word files have it.
    let split = edit_document(&base, |x| {
        x.replacen("</w:tr><w:tr>", "</w:tr></w:tbl><w:p/><w:tbl><w:tr>", 1)
    });
    let (code, f) = check(t.path(), "two-tables.docx", &split);
    assert!(f.is_empty(), "{f:#?}");
    assert_eq!(code, Some(0));
    // số/năm/ký hiệu of a văn bản quy phạm pháp luật is a form of the số line, not a fault.
    let year = edit_document(&base, |x| {
        x.replace("Số: 45/TB-UBND", "Số: 45/2025/TB-UBND")
    });
    let (_, f) = check(t.path(), "year.docx", &year);
    assert!(f.is_empty(), "{f:#?}");
    let cases: [(&str, &str, &str, &str, &str); 6] = [
        (
            "no Nơi nhận",
            "Nơi nhận:",
            "",
            "II.9.b",
            "không có \"Nơi nhận:\"",
        ),
        (
            "number",
            "Số: 45/TB-UBND",
            "Số: 5/TB-UBND",
            "II.3",
            "số \"5\"",
        ),
        ("code", "Số: 45/TB-UBND", "Số: 45/KH-UBND", "II.3", "KH"),
        ("page 1", "<w:titlePg/>", "", "I.7", "trang 1"),
        (
            "paper",
            "w:w=\"11906\" w:h=\"16838\"",
            "w:w=\"12240\" w:h=\"15840\"",
            "I.1",
            "khổ",
        ),
        (
            "motto",
            "Độc lập - Tự do - Hạnh phúc",
            "Độc lập – Tự do – Hạnh phúc",
            "II.1",
            "Tiêu ngữ viết",
        ),
    ];
    for (what, from, to, rule, found) in cases {
        let bad = edit_document(&base, |x| {
            assert!(x.contains(from), "{what}");
            x.replace(from, to)
        });
        let (code, f) = check(t.path(), "fault.docx", &bad);
        let f = only(&f);
        assert!(s(f, "rule").contains(rule), "{what}: {f}");
        assert!(s(f, "found").contains(found), "{what}: {f}");
        assert_eq!(code, Some(1), "{what}");
    }
}

#[test]
fn issue_10_check_doc_without_libreoffice_is_refused_clearly() {
    let t = tempfile::tempdir().expect("tempdir");
    std::fs::write(t.path().join("cu.doc"), b"\xD0\xCF\x11\xE0 old word file").expect("write");
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_vanban"))
        .current_dir(t.path())
        .env("PATH", "")
        // No LibreOffice: none on PATH, and the one named here (as `--pdf` finds it) is missing.
        .env("VANBAN_SOFFICE", t.path().join("khong-co-soffice"))
        .args(["check", "cu.doc"])
        .output()
        .expect("run vanban");
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("LibreOffice") && err.contains(".docx"),
        "{err}"
    );
}
