//! `vanban check` (issue 10, item 2; H37, H38): every document vanban writes checks clean
//! through the binary; documents with one known fault — our own output with its XML edited as a
//! user would in Word — give exactly the expected finding; a document that is not an
//! administrative document gives one finding.

use std::io::Write;
use std::path::Path;

use crate::support::{fixture, fixture_workspace, parts, vanban};

/// Render a kind's sample (`tests/fixtures/kinds/<name>.yaml`) with the binary; its bytes.
fn sample(dir: &Path, name: &str) -> Vec<u8> {
    let src = fixture(&format!("kinds/{name}.yaml"));
    let out = dir.join(format!("{name}.docx"));
    let o = vanban(
        dir,
        &[
            "render",
            &src.to_string_lossy(),
            "-o",
            &out.to_string_lossy(),
        ],
    );
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    std::fs::read(out).expect("read rendered docx")
}

/// A copy of a package with its parts changed by `edit(name, xml) -> xml`; parts named in `add`
/// are added.
fn edited(docx: &[u8], edit: impl Fn(&str, String) -> String, add: &[(&str, &str)]) -> Vec<u8> {
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut z = zip::ZipWriter::new(&mut buf);
        let opt = zip::write::SimpleFileOptions::default();
        for (name, data) in parts(docx) {
            let data = if name.ends_with(".xml") {
                edit(&name, String::from_utf8(data).expect("utf-8")).into_bytes()
            } else {
                data
            };
            z.start_file(name, opt).expect("zip entry");
            z.write_all(&data).expect("write entry");
        }
        for (name, xml) in add {
            z.start_file(*name, opt).expect("zip entry");
            z.write_all(xml.as_bytes()).expect("write entry");
        }
        z.finish().expect("zip");
    }
    buf.into_inner()
}

/// Edit `word/document.xml` only.
fn edit_document(docx: &[u8], f: impl Fn(String) -> String) -> Vec<u8> {
    edited(
        docx,
        |n, x| if n == "word/document.xml" { f(x) } else { x },
        &[],
    )
}

/// Run `vanban check --json` on `docx` (written as `name` in `dir`): exit code and findings.
fn check(dir: &Path, name: &str, docx: &[u8]) -> (Option<i32>, Vec<serde_json::Value>) {
    let p = dir.join(name);
    std::fs::write(&p, docx).expect("write docx");
    let o = vanban(dir, &["check", "--json", &p.to_string_lossy()]);
    let v: Vec<serde_json::Value> = serde_json::from_slice(&o.stdout).unwrap_or_else(|e| {
        panic!(
            "{e}: {}\n{}",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        )
    });
    (o.status.code(), v)
}

/// The one finding of a check, asserting there is exactly one.
fn only(findings: &[serde_json::Value]) -> &serde_json::Value {
    assert_eq!(findings.len(), 1, "{findings:#?}");
    &findings[0]
}

fn s<'a>(v: &'a serde_json::Value, k: &str) -> &'a str {
    v[k].as_str().unwrap_or_default()
}

/// Each paragraph (`<w:p>…</w:p>`) of `xml` passed through `f`.
fn each_paragraph(xml: &str, f: impl Fn(&str) -> String) -> String {
    let mut out = String::new();
    let mut rest = xml;
    while let Some(i) = rest.find("<w:p>") {
        out.push_str(&rest[..i]);
        let end = rest[i..]
            .find("</w:p>")
            .map(|e| i + e + 6)
            .unwrap_or(rest.len());
        out.push_str(&f(&rest[i..end]));
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
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

/// Remove the first paragraph border after `marker`.
fn drop_rule_after(x: &str, marker: &str) -> String {
    let at = x.find(marker).expect("marker");
    let b = at + x[at..].find("<w:pBdr>").expect("rule");
    let e = b + x[b..].find("</w:pBdr>").expect("rule end") + "</w:pBdr>".len();
    format!("{}{}", &x[..b], &x[e..])
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
    // A plain document: one paragraph, Calibri 11 pt, Letter paper, narrow margins.
    let plain = edit_document(&base, |_| {
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:rPr><w:rFonts w:ascii="Calibri" w:hAnsi="Calibri"/><w:sz w:val="22"/></w:rPr><w:t>Danh sách việc cần làm tuần này</w:t></w:r></w:p><w:sectPr><w:pgSz w:w="12240" w:h="15840"/><w:pgMar w:top="720" w:right="720" w:bottom="720" w:left="720"/></w:sectPr></w:body></w:document>"#.to_string()
    });
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
    assert!(String::from_utf8_lossy(&o.stderr).contains("không phải tệp .docx"));
    // validate given a .docx points to check.
    let o = vanban(t.path(), &["validate", "margin.docx"]);
    assert!(String::from_utf8_lossy(&o.stderr).contains("vanban check"));
}

/// The document.xml of the plan with its Roman headings drawn by Word's list numbering:
/// the typed `I. ` removed and a `w:numPr` added (numbering.xml holds the list, `start`).
fn auto_numbered_plan(dir: &Path, start: u32) -> Vec<u8> {
    let plan = fixture("ke-hoach-2025.yaml");
    let out = dir.join("ke-hoach.docx");
    let o = vanban(
        dir,
        &[
            "plan",
            &plan.to_string_lossy(),
            "-o",
            &out.to_string_lossy(),
        ],
    );
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let base = std::fs::read(&out).expect("read");
    let numbering = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="{start}"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum><w:num w:numId="3"><w:abstractNumId w:val="0"/></w:num></w:numbering>"#
    );
    let romans = ["I", "II", "III", "IV", "V", "VI"];
    let doc = edited(
        &base,
        |n, x| {
            if n != "word/document.xml" {
                return x;
            }
            each_paragraph(&x, |p| {
                for r in romans {
                    let typed = format!(">{r}. ");
                    if p.contains(&typed) && p.contains("<w:b/>") {
                        return p.replacen(&typed, ">", 1).replacen(
                            "<w:pPr>",
                            "<w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"3\"/></w:numPr>",
                            1,
                        );
                    }
                }
                p.to_string()
            })
        },
        &[("word/numbering.xml", &numbering)],
    );
    assert!(!crate::support::part(&doc, "word/document.xml").contains(">II. "));
    doc
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
    // The rule under the agency as a VML line, the one under the motto as a DrawingML line.
    let vml = r#"<w:r><w:pict><v:line xmlns:v="urn:schemas-microsoft-com:vml" from="0,0" to="90pt,0" strokeweight=".5pt"/></w:pict></w:r>"#;
    let dml = r#"<w:r><w:drawing><wp:anchor xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"><a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData><wps:wsp xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:spPr><a:prstGeom prst="line"/></wps:spPr></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></w:r>"#;
    let shaped = |x: String| -> String {
        let x = drop_rule_after(&x, "PHƯỜNG NGUYỄN TRÃI");
        let x = drop_rule_after(&x, "Độc lập - Tự do - Hạnh phúc");
        // The now plain paragraphs after the agency and after the motto get the shapes.
        let put = |x: &str, marker: &str, shape: &str| -> String {
            let at = x.find(marker).expect("marker");
            let p = at + x[at..].find("</w:p>").expect("end") + "</w:p>".len();
            let e = p + x[p..].find("</w:p>").expect("next end");
            format!("{}{}{}", &x[..e], shape, &x[e..])
        };
        let x = put(&x, "PHƯỜNG NGUYỄN TRÃI", vml);
        put(&x, "Độc lập - Tự do - Hạnh phúc", dml)
    };
    let (code, f) = check(t.path(), "shapes.docx", &edit_document(&base, shaped));
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
    // A deletion that would break the date if it were read, an insertion in the body.
    let bad = edit_document(&base, |x| {
        x.replacen(
            "<w:t xml:space=\"preserve\">Phường Nguyễn Trãi, ngày 03",
            "<w:t xml:space=\"preserve\">Phường Nguyễn Trãi, ngày 03</w:t></w:r><w:del w:id=\"90\" w:author=\"A\"><w:r><w:delText>99</w:delText></w:r></w:del><w:r><w:rPr><w:i/><w:sz w:val=\"26\"/></w:rPr><w:t xml:space=\"preserve\">",
            1,
        )
        .replacen(
            "<w:t xml:space=\"preserve\">Đề nghị các cơ quan",
            "<w:t xml:space=\"preserve\"></w:t></w:r><w:ins w:id=\"91\" w:author=\"A\"><w:r><w:rPr><w:sz w:val=\"24\"/></w:rPr><w:t>Thêm </w:t></w:r></w:ins><w:r><w:rPr><w:sz w:val=\"28\"/></w:rPr><w:t xml:space=\"preserve\">Đề nghị các cơ quan",
            1,
        )
    });
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
    let run = |props: &str, text: &str| {
        format!(
            r#"<w:r><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="Times New Roman" w:cs="Times New Roman"/>{props}</w:rPr><w:t xml:space="preserve">{text}</w:t></w:r>"#
        )
    };
    let tab = "<w:r><w:tab/></w:r>";
    let line = |l: String, r: String| {
        format!("<w:p><w:pPr><w:spacing w:before=\"0\" w:after=\"0\"/></w:pPr>{l}{tab}{r}</w:p>")
    };
    let b26 = "<w:b/><w:sz w:val=\"26\"/>";
    let header = [
        line(
            run(b26, "ỦY BAN NHÂN DÂN"),
            run(
                "<w:b/><w:sz w:val=\"24\"/>",
                "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            ),
        ),
        line(
            run(b26, "PHƯỜNG NGUYỄN TRÃI"),
            run(b26, "Độc lập - Tự do - Hạnh phúc"),
        ),
        line(run("", "__________"), run("", "______________________")),
        line(
            run("<w:sz w:val=\"26\"/>", "Số: 45/TB-UBND"),
            run(
                "<w:i/><w:sz w:val=\"26\"/>",
                "Phường Nguyễn Trãi, ngày 20 tháng 10 năm 2025",
            ),
        ),
    ]
    .concat();
    let bad = edit_document(&base, |x| {
        let b = x.find("<w:tbl>").expect("table");
        let e = x.find("</w:tbl>").expect("table end") + "</w:tbl>".len();
        format!("{}{}{}", &x[..b], header, &x[e..])
    });
    let (code, f) = check(t.path(), "tabs.docx", &bad);
    assert!(f.is_empty(), "{f:#?}");
    assert_eq!(code, Some(0));
    // The same header with the date unpadded: found in the tab-made header too.
    let bad = edit_document(&bad, |x| x.replace("ngày 20 tháng 10", "ngày 20 tháng 010"));
    let (_, f) = check(t.path(), "tabs2.docx", &bad);
    assert!(s(only(&f), "rule").contains("II.4"), "{f:#?}");
}

/// A document made the way Word makes one, not by vanban: theme fonts in the document defaults,
/// the body's formatting in a style based on Normal (no formatting on its runs), the Quốc hiệu
/// and Tiêu ngữ in one paragraph split by Shift+Enter, rules drawn as shapes (VML and
/// DrawingML in `mc:AlternateContent`), Nơi nhận written as one paragraph of lines, the page
/// number a simple field in the header. `edit` changes (part name, xml) before zipping.
fn word_made(edit: impl Fn(&str, String) -> String) -> Vec<u8> {
    const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape""#;
    let r = |props: &str, text: &str| {
        format!(r#"<w:r><w:rPr>{props}</w:rPr><w:t xml:space="preserve">{text}</w:t></w:r>"#)
    };
    let br = "<w:r><w:br/></w:r>";
    let c = "<w:pPr><w:jc w:val=\"center\"/></w:pPr>";
    let vml = r##"<w:r><w:pict><v:shape type="#_x0000_t32" o:connectortype="straight" style="width:80pt"/></w:pict></w:r>"##;
    let dml = r#"<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor><a:graphic><a:graphicData><wps:wsp><wps:spPr><a:prstGeom prst="line"><a:avLst/></a:prstGeom></wps:spPr></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice></mc:AlternateContent></w:r>"#;
    let b26 = "<w:b/><w:sz w:val=\"26\"/>";
    let b28 = "<w:b/><w:sz w:val=\"28\"/>";
    let body = |t: &str| {
        format!("<w:p><w:pPr><w:pStyle w:val=\"BodyText\"/></w:pPr><w:r><w:t xml:space=\"preserve\">{t}</w:t></w:r></w:p>")
    };
    let heading = |t: &str| {
        format!("<w:p><w:pPr><w:pStyle w:val=\"BodyText\"/></w:pPr><w:r><w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\">{t}</w:t></w:r></w:p>")
    };
    let cell = |content: String| {
        format!("<w:tc><w:tcPr><w:tcW w:w=\"4500\" w:type=\"dxa\"/></w:tcPr>{content}</w:tc>")
    };
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {W}><w:body><w:tbl><w:tblPr><w:tblBorders><w:top w:val="nil"/></w:tblBorders></w:tblPr><w:tr>{}{}</w:tr><w:tr>{}{}</w:tr></w:tbl><w:p/><w:p>{c}{}</w:p><w:p>{c}{}</w:p><w:p><w:pPr><w:pBdr><w:bottom w:val="single" w:sz="6" w:space="1" w:color="auto"/></w:pBdr><w:ind w:left="3000" w:right="3000"/><w:jc w:val="center"/></w:pPr></w:p>{}{}{}{}{}{}<w:p/><w:tbl><w:tr>{}{}</w:tr></w:tbl><w:sectPr><w:headerReference w:type="default" r:id="rId9"/><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1701" w:header="567" w:footer="567" w:gutter="0"/><w:titlePg/></w:sectPr></w:body></w:document>"#,
        cell(format!(
            "<w:p>{c}{}{br}{}</w:p><w:p>{c}{vml}</w:p>",
            r(b26, "ỦY BAN NHÂN DÂN"),
            r(b26, "PHƯỜNG BẾN THÀNH")
        )),
        cell(format!(
            "<w:p>{c}{}{br}{}{dml}</w:p>",
            r(b26, "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
            r(b28, "Độc lập - Tự do - Hạnh phúc")
        )),
        cell(format!(
            "<w:p>{c}{}</w:p>",
            r("<w:sz w:val=\"26\"/>", "Số: 05/KH-UBND")
        )),
        cell(format!(
            "<w:p>{c}{}</w:p>",
            r(
                "<w:i/><w:sz w:val=\"28\"/>",
                "Phường Bến Thành, ngày 05 tháng 02 năm 2025"
            )
        )),
        r(b28, "KẾ HOẠCH"),
        r(b28, "Tổ chức Tháng hành động vì bình đẳng giới năm 2025"),
        heading("I. MỤC ĐÍCH, YÊU CẦU"),
        heading("1. Mục đích"),
        body("a) Nâng cao nhận thức về bình đẳng giới trong Nhân dân."),
        body("b) Phòng ngừa bạo lực trên cơ sở giới."),
        heading("II. TỔ CHỨC THỰC HIỆN"),
        body("Công chức Văn hóa - Xã hội tham mưu thực hiện Kế hoạch này./."),
        cell(format!(
            "<w:p>{}{br}{}{br}{}</w:p>",
            r("<w:b/><w:i/><w:sz w:val=\"24\"/>", "Nơi nhận:"),
            r("<w:sz w:val=\"22\"/>", "- UBND quận (b/c);"),
            r("<w:sz w:val=\"22\"/>", "- Lưu: VT, VHXH.")
        )),
        cell(format!(
            "<w:p>{c}{}{br}{}</w:p><w:p>{c}</w:p><w:p>{c}</w:p><w:p>{c}{}</w:p>",
            r(b28, "KT. CHỦ TỊCH"),
            r(b28, "PHÓ CHỦ TỊCH"),
            r(b28, "Nguyễn Văn An")
        )),
    );
    let styles = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles {W}><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:asciiTheme="minorHAnsi" w:eastAsiaTheme="minorEastAsia" w:hAnsiTheme="minorHAnsi" w:cstheme="minorBidi"/><w:sz w:val="22"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="160" w:line="259" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:cs="Times New Roman"/><w:sz w:val="28"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="BodyText"><w:name w:val="Body Text"/><w:basedOn w:val="Normal"/><w:pPr><w:spacing w:before="120" w:line="312" w:lineRule="auto"/><w:ind w:firstLine="720"/><w:jc w:val="both"/></w:pPr></w:style></w:styles>"#
    );
    let theme = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" name="Office Theme"><a:themeElements><a:fontScheme name="Office"><a:majorFont><a:latin typeface="Calibri Light"/><a:ea typeface=""/><a:cs typeface=""/></a:majorFont><a:minorFont><a:latin typeface="Calibri"/><a:ea typeface=""/><a:cs typeface=""/></a:minorFont></a:fontScheme></a:themeElements></a:theme>"#;
    let header = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:hdr {W}><w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:fldSimple w:instr=" PAGE   \* MERGEFORMAT "><w:r><w:rPr><w:sz w:val="28"/></w:rPr><w:t>2</w:t></w:r></w:fldSimple></w:p></w:hdr>"#
    );
    let rels = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/></Relationships>"#;
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut z = zip::ZipWriter::new(&mut buf);
        let opt = zip::write::SimpleFileOptions::default();
        for (name, xml) in [
            ("word/document.xml", document),
            ("word/styles.xml", styles),
            ("word/theme/theme1.xml", theme.to_string()),
            ("word/header1.xml", header),
            ("word/_rels/document.xml.rels", rels.to_string()),
        ] {
            z.start_file(name, opt).expect("zip entry");
            z.write_all(edit(name, xml).as_bytes()).expect("write");
        }
        z.finish().expect("zip");
    }
    buf.into_inner()
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
