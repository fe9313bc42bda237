//! The 2025 plan (issue #2; the fixture `tests/fixtures/ke-hoach-2025.yaml`, a copy of the sample
//! in `data/`): golden XML, seed coverage, determinism, validity.

use crate::support::{self, *};
use vanban::load_plan;
use vanban::Templates;

fn plan_docx() -> Vec<u8> {
    let templates = Templates::load(None)
        .expect("built-in templates load")
        .value;
    let plan = load_plan(&fixture("ke-hoach-2025.yaml"))
        .expect("plan is valid")
        .value;
    let docx = vanban::render_plan(&plan, &templates).expect("plan renders");
    dump_docx("ke-hoach-2025", &docx);
    docx
}

#[test]
fn plan_document_xml_matches_golden() {
    let docx = plan_docx();
    golden(
        "ke-hoach-2025/document.xml",
        &normalise_xml(&part(&docx, "word/document.xml")),
    );
    golden(
        "ke-hoach-2025/footnotes.xml",
        &normalise_xml(&part(&docx, "word/footnotes.xml")),
    );
    let names: Vec<String> = parts(&docx).into_iter().map(|(n, _)| n).collect();
    golden("ke-hoach-2025/parts.txt", &(names.join("\n") + "\n"));
}

#[test]
fn every_seed_line_is_in_the_document() {
    // The seed lives in ../shared (the CI copy too); the committed copy in tests/ is the fallback.
    let seed_path = support::shared("seed/ke-hoach-binh-dang-gioi-2025.txt")
        .unwrap_or_else(|| repo("tests/cases/seed/ke-hoach-binh-dang-gioi-2025.txt"));
    let seed = std::fs::read_to_string(seed_path).expect("seed readable");
    let docx = plan_docx();
    let mut text = visible_text(&part(&docx, "word/document.xml"));
    text.extend(visible_text(&part(&docx, "word/footnotes.xml")));
    let all = squash(&text.join(" \u{1} ")).replace(['*'], "");
    let mut missing = Vec::new();
    for line in seed.lines() {
        let line = line.trim().replace('¹', "");
        let line = line.trim_start_matches(". ").replace('*', "");
        let line = squash(&line);
        if line.is_empty() {
            continue;
        }
        if !all.contains(&line) {
            missing.push(line);
        }
    }
    assert!(
        missing.is_empty(),
        "seed lines missing from the document:\n{}",
        missing.join("\n")
    );
}

#[test]
fn footnote_one_is_a_real_footnote() {
    let docx = plan_docx();
    let doc = part(&docx, "word/document.xml");
    assert!(
        doc.contains(r#"<w:footnoteReference w:id="1"/>"#),
        "reference in the body"
    );
    let notes = part(&docx, "word/footnotes.xml");
    assert!(notes.contains(r#"w:type="separator" w:id="-1""#));
    assert!(notes.contains(r#"w:type="continuationSeparator" w:id="0""#));
    assert!(notes.contains("<w:footnoteRef/>"));
    assert!(notes.contains("Kế hoạch số 62/KH-UBND ngày 02/4/2025"));
    let settings = part(&docx, "word/settings.xml");
    assert!(settings
        .contains(r#"<w:footnotePr><w:footnote w:id="-1"/><w:footnote w:id="0"/></w:footnotePr>"#));
    let styles = part(&docx, "word/styles.xml");
    assert!(
        styles.contains(r#"w:styleId="FootnoteReference""#)
            && styles.contains(r#"<w:vertAlign w:val="superscript"/>"#)
    );
}

#[test]
fn draft_header_has_blank_number_and_date() {
    let docx = plan_docx();
    let text = visible_text(&part(&docx, "word/document.xml"));
    let squashed: Vec<String> = text.iter().map(|l| squash(l)).collect();
    assert!(squashed.iter().any(|l| l == "Số: /KH-UBND"), "{squashed:?}");
    assert!(squashed
        .iter()
        .any(|l| l == "Nguyễn Trãi, ngày tháng năm 2025"));
    // The blanks are no-break spaces, wide enough to write in.
    assert!(text.iter().any(|l| l.contains("Số:       /KH-UBND")));
}

#[test]
fn two_runs_give_identical_bytes() {
    assert_eq!(plan_docx(), plan_docx());
}

#[test]
fn all_parts_parse() {
    assert_all_parts_parse(&plan_docx());
}

#[test]
fn layout_rules_hold_on_the_xml() {
    let docx = plan_docx();
    let doc = part(&docx, "word/document.xml");
    // P1/P2: A4 portrait, margins within the decree's ranges (twips).
    assert!(doc.contains(r#"<w:pgSz w:w="11906" w:h="16838"/>"#));
    let pgmar = doc
        .split("<w:pgMar ")
        .nth(1)
        .expect("pgMar")
        .split("/>")
        .next()
        .expect("end");
    let attr = |name: &str| -> i32 {
        pgmar
            .split(&format!("w:{name}=\""))
            .nth(1)
            .and_then(|s| s.split('"').next())
            .and_then(|s| s.parse().ok())
            .expect("margin attribute")
    };
    assert!((1134..=1418).contains(&attr("top")));
    assert!((1134..=1418).contains(&attr("bottom")));
    assert!((1701..=1985).contains(&attr("left")));
    assert!((850..=1134).contains(&attr("right")));
    // P3: first page has its own (empty) header.
    assert!(doc.contains("<w:titlePg/>"));
    // F1: Times New Roman on all four slots in the defaults; language vi-VN.
    let styles = part(&docx, "word/styles.xml");
    assert!(
        styles.contains(r#"w:ascii="Times New Roman""#)
            && styles.contains(r#"w:eastAsia="Times New Roman""#)
    );
    assert!(
        styles.contains(r#"w:hAnsi="Times New Roman""#)
            && styles.contains(r#"w:cs="Times New Roman""#)
    );
    assert!(styles.contains(r#"<w:lang w:val="vi-VN""#));
    // H1/H2: Quốc hiệu 13 pt, Tiêu ngữ 14 pt.
    assert!(doc.contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"));
    assert!(doc.contains("Độc lập - Tự do - Hạnh phúc"));
    // B2: body first-line indent 567 twips, justified.
    assert!(doc.contains(r#"w:firstLine="567""#));
    assert!(doc.contains(r#"<w:jc w:val="both"/>"#));
    // P4: a PAGE field in a centred header.
    let headers: Vec<String> = parts(&docx)
        .into_iter()
        .filter(|(n, _)| n.starts_with("word/header"))
        .map(|(_, d)| String::from_utf8(d).expect("utf-8"))
        .collect();
    assert!(headers
        .iter()
        .any(|h| h.contains("PAGE") && h.contains(r#"<w:jc w:val="center"/>"#)));
    assert!(
        headers.iter().any(|h| !h.contains("PAGE")),
        "an empty first-page header"
    );
}
