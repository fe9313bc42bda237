//! Writer goldens: a small laid-out model (`tests/cases/writer/<case>.yaml`, a serialised
//! [`Pages`], pandoc `.native` style) → `word/document.xml` (and `word/footnotes.xml` when the
//! case has notes), compared after normalisation with `tests/golden/writer/<case>/`.
//!
//! The model is written by hand, so template, markup and layout changes never churn these
//! goldens: they change only when the writer does. A new case is a new YAML file; its goldens
//! are made with `UPDATE_GOLDEN=1 cargo test writer` and reviewed like code. Every package is
//! dumped as `target/test-docx/writer-<case>.docx` for the OOXML validator (`.ci/run`).

use std::path::{Path, PathBuf};

use vanban::model::page::{Pages, ParaFormat, Span};

use crate::support::*;

/// The case files, sorted by name.
fn case_files() -> Vec<PathBuf> {
    let dir = repo("tests/cases/writer");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .collect();
    files.sort();
    files
}

fn case_name(path: &Path) -> String {
    path.file_stem()
        .expect("file name")
        .to_string_lossy()
        .into_owned()
}

/// The model of a case.
fn load(path: &Path) -> Pages {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_yaml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The package of a case, dumped for the validator.
fn write_case(name: &str) -> Vec<u8> {
    let pages = load(&repo("tests/cases/writer").join(format!("{name}.yaml")));
    let docx = vanban::write_pages(&pages).unwrap_or_else(|e| panic!("{name}: {e}"));
    dump_docx(&format!("writer-{name}"), &docx);
    docx
}

/// One case: write it and compare its parts with the goldens.
fn check_case(path: &Path) {
    let name = case_name(path);
    let pages = load(path);
    let docx = vanban::write_pages(&pages).unwrap_or_else(|e| panic!("{name}: {e}"));
    dump_docx(&format!("writer-{name}"), &docx);
    assert_all_parts_parse(&docx);
    golden(
        &format!("writer/{name}/document.xml"),
        &normalise_xml(&part(&docx, "word/document.xml")),
    );
    let footers = pages
        .sections
        .iter()
        .filter(|s| !s.first_footer.is_empty())
        .count();
    // The section footers, then the empty one of the sections without.
    let footers = if footers > 0 { footers + 1 } else { 0 };
    for k in 1..=footers {
        golden(
            &format!("writer/{name}/footer{k}.xml"),
            &normalise_xml(&part(&docx, &format!("word/footer{k}.xml"))),
        );
    }
    if !pages.notes.is_empty() {
        golden(
            &format!("writer/{name}/footnotes.xml"),
            &normalise_xml(&part(&docx, "word/footnotes.xml")),
        );
    }
}

/// Every case matches its goldens; a failing case does not hide the others (each mismatch
/// prints its whole diff, then the list of failed cases ends the test).
#[test]
fn writer_cases_match_goldens() {
    let files = case_files();
    assert!(files.len() >= 6, "writer cases missing: {files:?}");
    let failed: Vec<String> = files
        .iter()
        .filter(|p| std::panic::catch_unwind(|| check_case(p)).is_err())
        .map(|p| case_name(p))
        .collect();
    assert!(failed.is_empty(), "writer cases failed: {failed:?}");
}

/// No golden is left over from a case that was renamed or removed.
#[test]
fn every_writer_golden_has_a_case() {
    let cases: Vec<String> = case_files().iter().map(|p| case_name(p)).collect();
    // Missing while `UPDATE_GOLDEN=1` makes the goldens for the first time: nothing left over.
    let Ok(entries) = std::fs::read_dir(repo("tests/golden/writer")) else {
        return;
    };
    for e in entries {
        let name = e.expect("entry").file_name().to_string_lossy().into_owned();
        assert!(cases.contains(&name), "golden writer/{name} has no case");
    }
}

/// The cases survive a round trip through serde (Serialize writes what Deserialize reads).
#[test]
fn cases_round_trip_through_serde() {
    for path in case_files() {
        let pages = load(&path);
        let yaml = serde_yaml::to_string(&pages).expect("serialise");
        let again: Pages = serde_yaml::from_str(&yaml)
            .unwrap_or_else(|e| panic!("{}: {e}\n{yaml}", path.display()));
        assert_eq!(again, pages, "{}", path.display());
    }
}

/// A misspelt field is an error, not a silently default format.
#[test]
fn unknown_fields_are_refused() {
    let err = serde_yaml::from_str::<ParaFormat>("keep_nxt: true").unwrap_err();
    assert!(err.to_string().contains("keep_nxt"), "{err}");
    assert_eq!(
        serde_yaml::from_str::<ParaFormat>("{}").expect("empty format"),
        ParaFormat::default()
    );
    let span: Span = serde_yaml::from_str("!Text [a, {size: 13}]").expect("span");
    assert!(matches!(span, Span::Text(ref t, f) if t == "a" && f.size.0 == 13.0 && !f.bold));
    assert!(serde_yaml::from_str::<Span>("!Text [a, {size: 13, bolt: true}]").is_err());
}

/// The points the goldens show, stated once more where they are easy to miss in a diff.
#[test]
fn writer_edge_cases() {
    // A cell without paragraphs still holds one (CT_Tc needs a block-level element).
    let doc = part(&write_case("tables"), "word/document.xml");
    assert!(doc.contains("<w:tc><w:tcPr><w:tcW w:w=\"3004\" w:type=\"dxa\"/><w:vAlign w:val=\"top\"/></w:tcPr><w:p/></w:tc>"), "{doc}");
    assert!(
        doc.contains("<w:tblInd w:w=\"-284\" w:type=\"dxa\"/>"),
        "{doc}"
    );

    // Escaping: the specials are escaped, U+000B and other forbidden controls dropped, a line
    // end inside a text run reads as a space.
    let doc = part(&write_case("escaping"), "word/document.xml");
    assert!(
        doc.contains("A &amp; B &lt; C &gt; \"D\" 'E' ]]&gt; &amp;amp;"),
        "{doc}"
    );
    assert!(doc.contains(">trướcsau, khôngcòngì<"), "{doc}");
    assert!(doc.contains(">dòng một dòng hai  dòng ba tab<"), "{doc}");
    let visible = visible_text(&doc);
    assert!(
        visible.iter().any(|l| l == "trướcsau, khôngcòngì"),
        "{visible:?}"
    );
}
