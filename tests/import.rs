//! `vanban import` (issue 10, item 3; H37, H38, and H14, H17 for Word files): a .docx — vanban's
//! own, saved again by LibreOffice, or made the way Word makes one — becomes a data file of the
//! recognised kind. Every check goes through the binary: `render(import(x))` gives the same
//! visible text as `x` (paragraph by paragraph, footnotes too) and checks clean; the frame and
//! the kinds' own fields are recognised into their keys; what is not recognised is kept and
//! named in a warning, never dropped silently; inputs and edited outputs are never overwritten.

use std::path::{Path, PathBuf};

use serde_yaml::Value;

use crate::support::word::{
    auto_numbered, auto_numbered_plan, decomposed, edit_document, plain_document, sample,
    shaped_rules, tab_header, tracked_changes, word_made, word_split_runs,
};
use crate::support::{
    fixture, libreoffice, libreoffice_convert, parts, squash, vanban, visible_text,
};

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

fn stderr(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// What one `vanban import` run gave.
struct Imported {
    code: Option<i32>,
    stderr: String,
    /// The data file written (`None` if there is none).
    text: Option<String>,
}

impl Imported {
    /// The data file, parsed; panics (with the run's messages) if none was written or it is not
    /// YAML.
    fn yaml(&self) -> Value {
        let text = self
            .text
            .as_deref()
            .unwrap_or_else(|| panic!("no data file written; stderr:\n{}", self.stderr));
        serde_yaml::from_str(text).unwrap_or_else(|e| panic!("{e}\n{text}"))
    }
}

/// `vanban import <docx> -o <yaml>` in `dir`.
fn import(dir: &Path, docx: &Path, yaml: &Path) -> Imported {
    let o = vanban(
        dir,
        &[
            "import",
            &docx.to_string_lossy(),
            "-o",
            &yaml.to_string_lossy(),
        ],
    );
    Imported {
        code: o.status.code(),
        stderr: stderr(&o),
        text: std::fs::read_to_string(yaml).ok(),
    }
}

/// Write `docx` as `dir/<name>.docx` and import it into `dir/<name>.yaml`.
fn import_bytes(dir: &Path, name: &str, docx: &[u8]) -> Imported {
    let x = dir.join(format!("{name}.docx"));
    std::fs::write(&x, docx).expect("write docx");
    import(dir, &x, &dir.join(format!("{name}.yaml")))
}

/// `vanban render <yaml> -o <docx>` in `dir`: the .docx bytes, or the failure.
fn render(dir: &Path, yaml: &Path, docx: &Path) -> Result<Vec<u8>, String> {
    let o = vanban(
        dir,
        &[
            "render",
            &yaml.to_string_lossy(),
            "-o",
            &docx.to_string_lossy(),
        ],
    );
    if o.status.code() != Some(0) {
        return Err(format!(
            "`vanban render {}` exit {:?}:\n{}",
            yaml.display(),
            o.status.code(),
            stderr(&o)
        ));
    }
    std::fs::read(docx).map_err(|e| format!("{}: {e}", docx.display()))
}

/// `vanban check --json <docx>`: `None` when clean (exit 0, no finding), else what was found.
fn check_findings(dir: &Path, docx: &Path) -> Option<String> {
    let o = vanban(dir, &["check", "--json", &docx.to_string_lossy()]);
    let findings: Vec<serde_json::Value> = serde_json::from_slice(&o.stdout).unwrap_or_default();
    (o.status.code() != Some(0) || !findings.is_empty()).then(|| {
        format!(
            "`vanban check {}` exit {:?}: {findings:#?}\n{}",
            docx.display(),
            o.status.code(),
            stderr(&o)
        )
    })
}

/// The visible text of one part of a package, one entry per non-empty paragraph, squashed; an
/// absent part has none.
fn paragraphs(docx: &[u8], part: &str) -> Vec<String> {
    parts(docx)
        .into_iter()
        .find(|(n, _)| n == part)
        .map(|(_, d)| visible_text(&String::from_utf8(d).expect("utf-8 part")))
        .unwrap_or_default()
        .iter()
        .map(|p| squash(p))
        .filter(|p| !p.is_empty())
        .collect()
}

/// The paragraphs before the appendices: up to the first paragraph starting "Phụ lục" after
/// the "Nơi nhận" paragraph (the appendices follow the signature). With `None` if there is no
/// appendix.
fn before_appendices(p: &[String]) -> (Vec<String>, Option<Vec<String>>) {
    let cut = p
        .iter()
        .position(|l| l.starts_with("Nơi nhận"))
        .and_then(|n| {
            p[n..]
                .iter()
                .position(|l| l.starts_with("Phụ lục"))
                .map(|i| n + i)
        });
    match cut {
        Some(c) => (p[..c].to_vec(), Some(p[c..].to_vec())),
        None => (p.to_vec(), None),
    }
}

/// `None` if `x` and `y` are equal; else a readable account: the first differing paragraph with
/// both texts and the one before, and the start of a line diff.
fn difference(what: &str, x: &[String], y: &[String]) -> Option<String> {
    if x == y {
        return None;
    }
    let n = x.iter().zip(y).take_while(|(a, b)| a == b).count();
    let none = "(không có)".to_string();
    let (xs, ys) = (x.join("\n") + "\n", y.join("\n") + "\n");
    let diff = similar::TextDiff::from_lines(&xs, &ys)
        .unified_diff()
        .context_radius(1)
        .header("x (gốc)", "y (render(import(x)))")
        .to_string();
    let diff: Vec<&str> = diff.lines().take(40).collect();
    Some(format!(
        "{what}: paragraph {} differs ({} paragraphs in x, {} in y)\n  before: {}\n  x: {}\n  y: {}\n{}",
        n + 1,
        x.len(),
        y.len(),
        if n > 0 { &x[n - 1] } else { &none },
        x.get(n).unwrap_or(&none),
        y.get(n).unwrap_or(&none),
        diff.join("\n")
    ))
}

/// Every string (and number, bool) of a YAML value, one per line.
fn all_text(v: &Value) -> String {
    fn walk(v: &Value, out: &mut String) {
        match v {
            Value::String(s) => {
                out.push_str(s);
                out.push('\n');
            }
            Value::Number(n) => {
                out.push_str(&n.to_string());
                out.push('\n');
            }
            Value::Bool(b) => {
                out.push_str(&b.to_string());
                out.push('\n');
            }
            Value::Sequence(s) => s.iter().for_each(|x| walk(x, out)),
            Value::Mapping(m) => m.iter().for_each(|(k, x)| {
                walk(k, out);
                walk(x, out);
            }),
            Value::Tagged(t) => walk(&t.value, out),
            Value::Null => {}
        }
    }
    let mut out = String::new();
    walk(v, &mut out);
    out
}

/// Markdown's backslash escapes removed (`1\.` → `1.`), whitespace squashed: text as a reader
/// sees it, for "this text is kept" checks.
fn plain(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' && chars.peek().is_some_and(|n| n.is_ascii_punctuation()) {
            continue;
        }
        out.push(c);
    }
    squash(&out)
}

/// The first `n` characters of `s`.
fn prefix(s: &str, n: usize) -> String {
    s.chars().take(n).collect()
}

/// Does the data file keep `text` somewhere (any string value)?
fn keeps(yaml: &Value, text: &str) -> bool {
    plain(&all_text(yaml)).contains(&plain(text))
}

fn str_of<'a>(v: &'a Value, path: &[&str]) -> &'a str {
    let mut v = v;
    for k in path {
        v = &v[*k];
    }
    v.as_str()
        .unwrap_or_else(|| panic!("{} not a string: {v:?}", path.join(".")))
}

fn strings(v: &Value) -> Vec<String> {
    v.as_sequence()
        .map(|s| {
            s.iter()
                .map(|x| x.as_str().map(squash).unwrap_or_else(|| format!("{x:?}")))
                .collect()
        })
        .unwrap_or_default()
}

/// A date as (year, month, day) from a YAML value: a year (`2025`, `"2025"`), ISO
/// `"2025-03-10"`, or Vietnamese `"10/3/2025"`.
fn date(v: &Value) -> Option<(u32, Option<u32>, Option<u32>)> {
    if let Some(y) = v.as_u64() {
        return Some((u32::try_from(y).ok()?, None, None));
    }
    let s = v.as_str()?.trim();
    let n: Vec<u32> = s
        .split(['-', '/'])
        .map(|p| p.parse().ok())
        .collect::<Option<_>>()?;
    match n[..] {
        [y] if s.len() == 4 => Some((y, None, None)),
        [y, m, d] if s.contains('-') => Some((y, Some(m), Some(d))),
        [d, m, y] if s.contains('/') => Some((y, Some(m), Some(d))),
        _ => None,
    }
}

/// The lines of a multi-line text value, squashed, empty ones dropped.
fn lines(v: &Value) -> Vec<String> {
    v.as_str()
        .unwrap_or_default()
        .lines()
        .map(squash)
        .filter(|l| !l.is_empty())
        .collect()
}

/// The round trip of one document `x`: import into `<name>.yaml`, render into `<name>-y.docx`;
/// the body's and the footnotes' visible text must equal `x`'s paragraph by paragraph (with
/// `appendix_excepted`, only up to the appendices), and `y` must check clean. Returns every
/// failure, each naming the document.
fn round_trip(dir: &Path, name: &str, x: &Path, appendix_excepted: bool) -> Vec<String> {
    let expected = std::fs::read(x).expect("read x");
    round_trip_to(dir, name, x, &expected, appendix_excepted)
}

/// [`round_trip`] of `x`, `y` compared with the document `expected` (x as it was before Word
/// drew its labels or its header differently).
fn round_trip_to(
    dir: &Path,
    name: &str,
    x: &Path,
    expected: &[u8],
    appendix_excepted: bool,
) -> Vec<String> {
    let yaml = dir.join(format!("{name}.yaml"));
    let y_path = dir.join(format!("{name}-y.docx"));
    let imported = import(dir, x, &yaml);
    if imported.code != Some(0) || imported.text.is_none() {
        return vec![format!(
            "{name}: `vanban import` exit {:?}, data file written: {}\n{}",
            imported.code,
            imported.text.is_some(),
            imported.stderr
        )];
    }
    let y = match render(dir, &yaml, &y_path) {
        Ok(y) => y,
        Err(e) => return vec![format!("{name}: {e}")],
    };
    let x = expected;
    let mut failures = Vec::new();
    let (xb, yb) = (
        paragraphs(x, "word/document.xml"),
        paragraphs(&y, "word/document.xml"),
    );
    if xb.len() < 10 {
        failures.push(format!(
            "{name}: x shows only {} paragraphs: {xb:?}",
            xb.len()
        ));
    }
    let (xb, yb) = if appendix_excepted {
        let (xb, appendix) = before_appendices(&xb);
        if appendix.is_none() {
            failures.push(format!("{name}: no appendix found in x to except"));
        }
        (xb, before_appendices(&yb).0)
    } else {
        (xb, yb)
    };
    failures.extend(difference(&format!("{name}: word/document.xml"), &xb, &yb));
    failures.extend(difference(
        &format!("{name}: word/footnotes.xml"),
        &paragraphs(x, "word/footnotes.xml"),
        &paragraphs(&y, "word/footnotes.xml"),
    ));
    failures.extend(check_findings(dir, &y_path).map(|f| format!("{name}: {f}")));
    failures
}

fn assert_no_failures(what: &str, failures: &[String]) {
    assert!(
        failures.is_empty(),
        "{what}: {} failure(s)\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

/// `vanban plan` of the plan fixture into `dir/ke-hoach.docx`; its path.
fn plan_docx(dir: &Path) -> PathBuf {
    let out = dir.join("ke-hoach.docx");
    let o = vanban(
        dir,
        &[
            "plan",
            &fixture("ke-hoach-2025.yaml").to_string_lossy(),
            "-o",
            &out.to_string_lossy(),
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    out
}

/// `vanban report` of one unit report fixture (`tests/fixtures/bao-cao/<unit>.yaml`) into
/// `dir/bao-cao-<unit>.docx`; its path.
fn unit_report_docx(dir: &Path, unit: &str) -> PathBuf {
    let out = dir.join(format!("bao-cao-{unit}.docx"));
    let o = vanban(
        dir,
        &[
            "report",
            &fixture(&format!("bao-cao/{unit}.yaml")).to_string_lossy(),
            "--plan",
            &fixture("ke-hoach-2025.yaml").to_string_lossy(),
            "-o",
            &out.to_string_lossy(),
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{unit}: {}", stderr(&o));
    out
}

/// `vanban consolidate` of the fixtures into `dir/tong-hop.docx`; its path.
fn consolidated_docx(dir: &Path) -> PathBuf {
    let x = dir.join("tong-hop.docx");
    let o = vanban(
        dir,
        &[
            "consolidate",
            "--plan",
            &fixture("ke-hoach-2025.yaml").to_string_lossy(),
            &fixture("bao-cao").to_string_lossy(),
            "--envelope",
            &fixture("tong-hop-2025.yaml").to_string_lossy(),
            "-o",
            &x.to_string_lossy(),
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    x
}

/// The fixtures' file stems in `tests/fixtures/<folder>`, sorted.
fn stems(folder: &str) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(fixture(folder))
        .expect(folder)
        .map(|e| {
            let p = e.expect("entry").path();
            p.file_stem().expect("stem").to_string_lossy().into_owned()
        })
        .collect();
    v.sort();
    v
}

// ---------------------------------------------------------------------------------------------
// 1. render(import(x)) = x for every document vanban writes
// ---------------------------------------------------------------------------------------------

#[test]
fn issue_10_import_round_trip_plan() {
    let t = tempfile::tempdir().expect("tempdir");
    let x = plan_docx(t.path());
    // The plan has a footnote: the footnotes' comparison is not between two empty parts.
    let notes = paragraphs(&std::fs::read(&x).expect("read"), "word/footnotes.xml");
    assert_eq!(notes.len(), 1, "{notes:?}");
    assert_no_failures("plan", &round_trip(t.path(), "ke-hoach", &x, false));
}

#[test]
fn issue_10_import_round_trip_unit_reports() {
    let t = tempfile::tempdir().expect("tempdir");
    let units = stems("bao-cao");
    assert_eq!(units.len(), 8, "{units:?}");
    let mut failures = Vec::new();
    for unit in &units {
        let x = unit_report_docx(t.path(), unit);
        failures.extend(round_trip(t.path(), &format!("bao-cao-{unit}"), &x, false));
    }
    assert_no_failures("unit reports", &failures);
}

#[test]
fn issue_10_import_round_trip_consolidated_report() {
    let t = tempfile::tempdir().expect("tempdir");
    let x = consolidated_docx(t.path());
    let mut failures = round_trip(t.path(), "tong-hop", &x, true);
    // The appendices are excepted from the equality, not dropped: each of their paragraphs is
    // kept in the data file, or written again by render (e.g. the "Phụ lục I" line).
    if let Ok(text) = std::fs::read_to_string(t.path().join("tong-hop.yaml")) {
        let yaml: Value = serde_yaml::from_str(&text).unwrap_or(Value::Null);
        let x_appendix = before_appendices(&paragraphs(
            &std::fs::read(&x).expect("read"),
            "word/document.xml",
        ))
        .1
        .unwrap_or_default();
        let y_appendix = std::fs::read(t.path().join("tong-hop-y.docx"))
            .map(|y| before_appendices(&paragraphs(&y, "word/document.xml")).1)
            .unwrap_or_default()
            .unwrap_or_default();
        let lost: Vec<&String> = x_appendix
            .iter()
            .filter(|p| !keeps(&yaml, p) && !y_appendix.contains(p))
            .collect();
        if !lost.is_empty() {
            failures.push(format!(
                "tong-hop: {} of the {} appendix paragraphs are neither in the data file nor in y, e.g. {:?}",
                lost.len(),
                x_appendix.len(),
                &lost[..lost.len().min(5)]
            ));
        }
    }
    assert_no_failures("consolidated report", &failures);
}

#[test]
fn issue_10_import_round_trip_kinds() {
    let t = tempfile::tempdir().expect("tempdir");
    let kinds = stems("kinds");
    assert!(kinds.len() >= 13, "{kinds:?}");
    let mut failures = Vec::new();
    for kind in &kinds {
        sample(t.path(), kind);
        let x = t.path().join(format!("{kind}.docx"));
        failures.extend(round_trip(t.path(), kind, &x, false));
    }
    assert_no_failures("kinds", &failures);
}

#[test]
fn issue_10_import_round_trip_documents_saved_by_libreoffice() {
    // Every document vanban writes, opened and saved again by another writer (LibreOffice's
    // .docx: its own styles, run splitting, numbering and footnote parts): the round trip still
    // holds against the saved document.
    if !libreoffice("issue_10_import_round_trip_documents_saved_by_libreoffice") {
        return;
    }
    let t = tempfile::tempdir().expect("tempdir");
    let d = t.path();
    let mut docs = vec![plan_docx(d), consolidated_docx(d)];
    for unit in stems("bao-cao") {
        docs.push(unit_report_docx(d, &unit));
    }
    for kind in stems("kinds") {
        sample(d, &kind);
        docs.push(d.join(format!("{kind}.docx")));
    }
    let lo = d.join("lo");
    libreoffice_convert(&docs, "docx:MS Word 2007 XML", &lo);
    let mut failures = Vec::new();
    for x in &docs {
        let stem = x.file_stem().expect("stem").to_string_lossy().into_owned();
        let saved = lo.join(format!("{stem}.docx"));
        failures.extend(round_trip(&lo, &stem, &saved, stem == "tong-hop"));
    }
    assert_no_failures("saved by LibreOffice", &failures);
}

#[test]
fn issue_10_import_runs_split_as_word_saves_them() {
    // Word splits runs at every edit and spell-check (rsids, proofErr, _GoBack,
    // lastRenderedPageBreak): the round trip holds, emphasis included.
    let t = tempfile::tempdir().expect("tempdir");
    let d = t.path();
    let mut failures = Vec::new();
    let docs = [
        ("ke-hoach", std::fs::read(plan_docx(d)).expect("read")),
        ("cong-van", sample(d, "cong-van")),
        (
            "bao-cao",
            std::fs::read(unit_report_docx(d, "tram-y-te")).expect("read"),
        ),
    ];
    for (name, docx) in docs {
        let split = word_split_runs(&docx);
        let runs = |d: &[u8]| {
            crate::support::part(d, "word/document.xml")
                .matches("<w:t ")
                .count()
        };
        assert!(runs(&split) > 2 * runs(&docx), "{name}: runs split");
        let x = d.join(format!("{name}-split.docx"));
        std::fs::write(&x, split).expect("write");
        failures.extend(round_trip(d, &format!("{name}-split"), &x, false));
    }
    // The emphasis of the split runs is one span again.
    let text = std::fs::read_to_string(d.join("cong-van-split.yaml")).unwrap_or_default();
    for span in [
        "**trước ngày 18/12/2025**",
        "*\"Chung tay xây dựng môi trường an toàn, bình đẳng cho phụ nữ và trẻ em gái\"*",
    ] {
        if !text.contains(span) {
            failures.push(format!("cong-van-split: {span} not in\n{text}"));
        }
    }
    assert_no_failures("split runs", &failures);
}

#[test]
fn issue_10_import_doc_through_libreoffice() {
    // A .doc (Word 97–2003) is converted by LibreOffice, then imported as a .docx.
    if !libreoffice("issue_10_import_doc_through_libreoffice") {
        return;
    }
    let t = tempfile::tempdir().expect("tempdir");
    let d = t.path();
    let x = plan_docx(d);
    libreoffice_convert(std::slice::from_ref(&x), "doc:MS Word 97", d);
    let o = vanban(d, &["import", "ke-hoach.doc", "-o", "tu-doc.yaml"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let y =
        render(d, &d.join("tu-doc.yaml"), &d.join("tu-doc.docx")).unwrap_or_else(|e| panic!("{e}"));
    let x = std::fs::read(&x).expect("read");
    let mut failures = Vec::new();
    for part in ["word/document.xml", "word/footnotes.xml"] {
        failures.extend(difference(
            &format!(".doc: {part}"),
            &paragraphs(&x, part),
            &paragraphs(&y, part),
        ));
    }
    assert_no_failures(".doc", &failures);
}

/// The emphasis of a document vanban wrote: for each paragraph with bold or italic runs, its
/// bold text and its italic text, squashed (vanban writes `<w:p>`, `<w:r>` without attributes
/// and `<w:b/>`, `<w:i/>` in the run's properties).
fn emphasis(docx: &[u8]) -> Vec<(String, String)> {
    let xml = crate::support::part(docx, "word/document.xml");
    let mut out = Vec::new();
    for p in xml.split("<w:p>").skip(1) {
        let p = p.split("</w:p>").next().unwrap_or_default();
        let (mut bold, mut italic) = (String::new(), String::new());
        for r in p.split("<w:r>").skip(1) {
            let r = r.split("</w:r>").next().unwrap_or_default();
            let props = r.split("</w:rPr>").next().unwrap_or_default();
            let text: String = r
                .split("<w:t")
                .skip(1)
                .filter_map(|t| t.split_once('>').map(|(_, rest)| rest))
                .map(|t| t.split("</w:t>").next().unwrap_or_default())
                .collect();
            if props.contains("<w:b/>") {
                bold.push_str(&text);
            }
            if props.contains("<w:i/>") {
                italic.push_str(&text);
            }
        }
        if !bold.trim().is_empty() || !italic.trim().is_empty() {
            out.push((squash(&bold), squash(&italic)));
        }
    }
    out
}

#[test]
fn issue_10_import_round_trip_keeps_emphasis() {
    // Bold and italic (headings, the agency, the signature, *quoted* and **marked** words) are
    // what they were in x, paragraph by paragraph.
    let t = tempfile::tempdir().expect("tempdir");
    let d = t.path();
    let mut docs = vec![
        ("ke-hoach".to_string(), plan_docx(d)),
        (
            "bao-cao-tram-y-te".to_string(),
            unit_report_docx(d, "tram-y-te"),
        ),
    ];
    for kind in stems("kinds") {
        sample(d, &kind);
        docs.push((kind.clone(), d.join(format!("{kind}.docx"))));
    }
    let mut failures = Vec::new();
    for (name, x) in docs {
        let yaml = d.join(format!("{name}.yaml"));
        let imported = import(d, &x, &yaml);
        if imported.code != Some(0) {
            failures.push(format!(
                "{name}: exit {:?}\n{}",
                imported.code, imported.stderr
            ));
            continue;
        }
        match render(d, &yaml, &d.join(format!("{name}-y.docx"))) {
            Err(e) => failures.push(format!("{name}: {e}")),
            Ok(y) => {
                let ex = emphasis(&std::fs::read(&x).expect("read"));
                if ex.len() < 3 {
                    failures.push(format!("{name}: x has little emphasis: {ex:?}"));
                }
                let fmt = |v: Vec<(String, String)>| -> Vec<String> {
                    v.into_iter()
                        .map(|(b, i)| format!("đậm «{b}» nghiêng «{i}»"))
                        .collect()
                };
                failures.extend(difference(
                    &format!("{name}: emphasis"),
                    &fmt(ex),
                    &fmt(emphasis(&y)),
                ));
            }
        }
    }
    assert_no_failures("emphasis", &failures);
}

// ---------------------------------------------------------------------------------------------
// 2. The data file: frame keys, footnotes, the kinds' own fields
// ---------------------------------------------------------------------------------------------

#[test]
fn issue_10_import_plan_frame_and_footnotes() {
    let t = tempfile::tempdir().expect("tempdir");
    let x = plan_docx(t.path());
    let imported = import(t.path(), &x, &t.path().join("ke-hoach.yaml"));
    assert_eq!(imported.code, Some(0), "{}", imported.stderr);
    let y = imported.yaml();
    assert_eq!(str_of(&y, &["loai"]), "ke_hoach", "{y:#?}");
    assert_eq!(
        strings(&y["co_quan"]["ban_hanh"]),
        ["ỦY BAN NHÂN DÂN", "PHƯỜNG NGUYỄN TRÃI"]
    );
    assert_eq!(str_of(&y, &["so_ky_hieu"]), "/KH-UBND");
    assert_eq!(str_of(&y, &["dia_danh"]), "Nguyễn Trãi");
    assert_eq!(
        date(&y["ngay_ban_hanh"]),
        Some((2025, None, None)),
        "{:?}",
        y["ngay_ban_hanh"]
    );
    assert_eq!(
        lines(&y["trich_yeu"]),
        [
            "Triển khai thực hiện Chiến lược quốc gia về bình đẳng giới",
            "trên địa bàn phường Nguyễn Trãi năm 2025"
        ]
    );
    // Nơi nhận: the items as data (no "- ", no ";"), "Lưu: VT, …" last.
    assert_eq!(
        strings(&y["noi_nhan"]),
        [
            "Ban vì sự tiến bộ của phụ nữ thành phố (b/c)",
            "Thường trực Đảng ủy (b/c)",
            "Thường trực HĐND phường (b/c)",
            "Đ/c Chủ tịch, đ/c Long - PCT UBND phường",
            "Các Cán bộ, công chức, đơn vị tại Mục V",
            "Lưu: VT, UB(Hùng)"
        ]
    );
    assert_eq!(
        strings(&y["ky"]["quyen_han"]),
        ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"]
    );
    assert_eq!(str_of(&y, &["ky", "chuc_vu"]), "PHÓ CHỦ TỊCH");
    assert_eq!(str_of(&y, &["ky", "nguoi_ky"]), "Trần Thị Long");
    // The body is Markdown in noi_dung; the plan's indicators stay text.
    let body = str_of(&y, &["noi_dung"]);
    for kept in [
        "I. MỤC ĐÍCH, YÊU CẦU.",
        "Chỉ tiêu 1: Tăng tỷ lệ lao động nữ làm công hưởng lương đạt 50%.",
    ] {
        assert!(plain(body).contains(kept), "{kept} in\n{body}");
    }
    // The footnote: its text in chu_thich, referenced as [^label] where x has it.
    let notes = y["chu_thich"].as_mapping().expect("chu_thich");
    assert_eq!(notes.len(), 1, "{notes:?}");
    let (label, text) = notes.iter().next().expect("one footnote");
    let label = match label {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        other => panic!("label {other:?}"),
    };
    assert_eq!(
        text.as_str().map(squash).as_deref(),
        Some("Kế hoạch số 62/KH-UBND ngày 02/4/2025 của UBND thành phố về triển khai thực hiện Chiến lược quốc gia về bình đẳng giới trên địa bàn Thành phố Kon Tum năm 2025.")
    );
    assert!(
        body.contains(&format!("Thành phố Kon Tum năm 2025[^{label}]")),
        "[^{label}] in\n{body}"
    );
    assert_eq!(body.matches("[^").count(), 1, "{body}");
}

/// The keys a kind's sample and its import must agree on, beside the body: the frame and the
/// kinds' own fields (quyết định, giấy mời, giấy giới thiệu, giấy nghỉ phép, biên bản, công
/// điện).
const RECOGNISED: &[&str] = &[
    "co_quan",
    "so_ky_hieu",
    "dia_danh",
    "ngay_ban_hanh",
    "trich_yeu",
    "kinh_gui",
    "ky",
    "noi_nhan",
    "muc_do_khan",
    "tham_quyen",
    "can_cu",
    "dieu",
    "thanh_phan",
    "toi_du",
    "chu_tri",
    "thoi_gian",
    "dia_diem",
    "gioi_thieu",
    "nghi_phep",
    "thu_ky",
    "ket_thuc",
    "nguoi_dien",
];

/// How `imported` differs from `source` at `key` (`None` if it does not): texts compared
/// squashed (the trích yếu as running text), dates as dates, lists item by item ("Như trên" in Nơi nhận, which render adds
/// before Kính gửi's recipients, ignored), the articles of a decision by number only (their
/// Markdown may be written differently), maps key by key.
fn field_difference(key: &str, source: &Value, imported: &Value) -> Option<String> {
    let text = |v: &Value| -> Option<String> {
        match v {
            Value::String(s) => Some(squash(s)),
            Value::Number(n) => Some(n.to_string()),
            Value::Bool(b) => Some(b.to_string()),
            _ => None,
        }
    };
    let same = match (source, imported) {
        _ if key == "dieu" => {
            source.as_sequence().map(Vec::len) == imported.as_sequence().map(Vec::len)
        }
        // As running text: vanban breaks a long trích yếu itself (a công văn's "V/v" lines in
        // its narrow column), so the document's line breaks are not all the data's.
        _ if key == "trich_yeu" => lines(source).join(" ") == lines(imported).join(" "),
        _ if key == "muc_do_khan" => {
            text(source).map(|s| s.to_uppercase()) == text(imported).map(|s| s.to_uppercase())
        }
        _ if key == "noi_nhan" => {
            let items = |v: &Value| -> Vec<String> {
                strings(v).into_iter().filter(|s| s != "Như trên").collect()
            };
            items(source) == items(imported)
        }
        (Value::Sequence(a), Value::Sequence(b)) => {
            a.len() == b.len()
                && a.iter()
                    .zip(b)
                    .all(|(x, y)| field_difference(key, x, y).is_none())
        }
        (Value::Mapping(a), Value::Mapping(b)) => a.iter().all(|(k, x)| {
            let k = k.as_str().unwrap_or_default();
            b.get(k)
                .is_some_and(|y| field_difference(k, x, y).is_none())
        }),
        _ => match (date(source), date(imported)) {
            (Some(a), Some(b)) if source.as_str().is_some_and(|s| s.len() >= 8) => a == b,
            _ => text(source).is_some() && text(source) == text(imported),
        },
    };
    (!same).then(|| format!("`{key}`: sample {source:?}\n    imported {imported:?}"))
}

#[test]
fn issue_10_import_kinds_recognised_into_their_own_fields() {
    let t = tempfile::tempdir().expect("tempdir");
    let mut failures = Vec::new();
    for kind in stems("kinds") {
        let source: Value = serde_yaml::from_str(
            &std::fs::read_to_string(fixture(&format!("kinds/{kind}.yaml"))).expect("fixture"),
        )
        .expect("fixture yaml");
        let imported = import_bytes(t.path(), &kind, &sample(t.path(), &kind));
        if imported.code != Some(0) || imported.text.is_none() {
            failures.push(format!(
                "{kind}: exit {:?}\n{}",
                imported.code, imported.stderr
            ));
            continue;
        }
        let y = imported.yaml();
        if y["loai"] != source["loai"] {
            failures.push(format!(
                "{kind}: loai {:?}, expected {:?}",
                y["loai"], source["loai"]
            ));
        }
        for key in RECOGNISED {
            let Some(s) = source.get(*key) else { continue };
            match y.get(*key) {
                None => failures.push(format!("{kind}: `{key}` not recognised")),
                Some(i) => {
                    failures.extend(field_difference(key, s, i).map(|d| format!("{kind}: {d}")))
                }
            }
        }
    }
    assert_no_failures("kinds' fields", &failures);
}

// ---------------------------------------------------------------------------------------------
// 3. H37, H38: Word's list numbering, tracked changes, fields, drawn rules, tab-made headers
// ---------------------------------------------------------------------------------------------

#[test]
fn h37_import_keeps_word_list_numbers_as_text() {
    let t = tempfile::tempdir().expect("tempdir");
    // The plan with its Roman headings drawn by numbering.xml: the labels come back as text.
    let typed = std::fs::read(plan_docx(t.path())).expect("read");
    let auto = auto_numbered_plan(t.path(), 1);
    let imported = import_bytes(t.path(), "auto", &auto);
    assert_eq!(imported.code, Some(0), "{}", imported.stderr);
    let body = str_of(&imported.yaml(), &["noi_dung"]).to_string();
    for label in [
        "I. MỤC ĐÍCH, YÊU CẦU.",
        "II. MỤC TIÊU, CHỈ TIÊU CỤ THỂ.",
        "III. NHIỆM VỤ, GIẢI PHÁP.",
    ] {
        assert!(plain(&body).contains(label), "{label} in\n{body}");
    }
    assert_no_failures(
        "H37 plan",
        &round_trip_to(t.path(), "auto", &t.path().join("auto.docx"), &typed, false),
    );
    // The list starts at II: the labels as Word shows them, not renumbered.
    let imported = import_bytes(t.path(), "auto2", &auto_numbered_plan(t.path(), 2));
    assert_eq!(imported.code, Some(0), "{}", imported.stderr);
    let body = plain(str_of(&imported.yaml(), &["noi_dung"]));
    assert!(body.contains("II. MỤC ĐÍCH, YÊU CẦU."), "{body}");
    assert!(body.contains("III. MỤC TIÊU, CHỈ TIÊU CỤ THỂ."), "{body}");

    // A report whose I., 1., a) all come from one multilevel list (each level counting again
    // after a higher one): the same visible text as the typed one after the round trip.
    let x = unit_report_docx(t.path(), "tram-y-te");
    let typed = std::fs::read(&x).expect("read");
    let (auto, counts) = auto_numbered(&typed);
    assert!(
        counts.iter().all(|&n| n >= 2),
        "labels replaced: {counts:?}"
    );
    let shown = paragraphs(&auto, "word/document.xml");
    assert!(
        !shown.iter().any(|p| p.starts_with("a) Mục tiêu 1")),
        "typed label left: {shown:?}"
    );
    let auto_path = t.path().join("auto3.docx");
    std::fs::write(&auto_path, &auto).expect("write");
    assert_no_failures(
        "H37",
        &round_trip_to(t.path(), "auto3", &auto_path, &typed, false),
    );
}

#[test]
fn h38_import_tracked_changes_keep_insertions_drop_deletions_and_warn() {
    let t = tempfile::tempdir().expect("tempdir");
    let base = sample(t.path(), "cong-van");
    let tracked = tracked_changes(&base);
    let x = t.path().join("tracked.docx");
    std::fs::write(&x, &tracked).expect("write");
    // render(import(x)) shows what Word shows with the changes accepted: "Thêm " inserted,
    // "99" deleted (support::visible_text reads w:t, not w:delText).
    assert_no_failures(
        "tracked changes",
        &round_trip(t.path(), "tracked", &x, false),
    );
    let text = std::fs::read_to_string(t.path().join("tracked.yaml")).expect("yaml");
    let y: Value = serde_yaml::from_str(&text).expect("yaml");
    assert!(keeps(&y, "Thêm Đề nghị các cơ quan"), "{text}");
    assert!(!text.contains("99"), "deleted text imported:\n{text}");
    assert_eq!(date(&y["ngay_ban_hanh"]), Some((2025, Some(11), Some(3))));
    // One warning saying changes were pending, with their count (one insertion, one deletion).
    let o = vanban(t.path(), &["import", "tracked.docx", "-o", "tracked2.yaml"]);
    assert_eq!(o.status.code(), Some(0));
    let err = stderr(&o);
    let warning: Vec<&str> = err
        .lines()
        .filter(|l| l.contains("Track Changes") || l.contains("theo dõi thay đổi"))
        .collect();
    assert_eq!(warning.len(), 1, "{err}");
    assert!(
        warning[0].contains('2') || warning[0].matches('1').count() >= 2,
        "the count of changes in {warning:?}"
    );
}

#[test]
fn h38_import_fields_keep_their_result_not_the_instruction() {
    let t = tempfile::tempdir().expect("tempdir");
    let base = sample(t.path(), "cong-van");
    let run = r#"<w:r><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="Times New Roman" w:cs="Times New Roman"/><w:sz w:val="28"/><w:szCs w:val="28"/></w:rPr><w:t xml:space="preserve">"#;
    // A complex field (DOCPROPERTY, begin/instrText/separate/result/end) and a simple field (REF)
    // in the body: their results are the text the document shows.
    let fields = edit_document(&base, |x| {
        assert!(x.contains("Công văn số 2145/UBND-VX ngày"));
        assert!(x.contains("từ ngày 15/11 đến"));
        x.replacen(
            "2145/UBND-VX",
            &format!("</w:t></w:r><w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText xml:space=\"preserve\"> DOCPROPERTY  SoCongVan  \\* MERGEFORMAT </w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>{run}2145/UBND-VX</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r>{run}"),
            1,
        )
        .replacen(
            "từ ngày 15/11 đến",
            &format!("từ ngày </w:t></w:r><w:fldSimple w:instr=\" REF NgayBatDau \\h \">{run}15/11</w:t></w:r></w:fldSimple>{run} đến"),
            1,
        )
    });
    assert!(
        !String::from_utf8_lossy(&fields).is_empty()
            && paragraphs(&fields, "word/document.xml") == paragraphs(&base, "word/document.xml"),
        "the fields show the same text"
    );
    let x = t.path().join("fields.docx");
    std::fs::write(&x, &fields).expect("write");
    assert_no_failures("fields", &round_trip(t.path(), "fields", &x, false));
    let text = std::fs::read_to_string(t.path().join("fields.yaml")).expect("yaml");
    for instruction in [
        "DOCPROPERTY",
        "SoCongVan",
        "MERGEFORMAT",
        "REF ",
        "NgayBatDau",
    ] {
        assert!(!text.contains(instruction), "{instruction} in\n{text}");
    }
    // A Word-made document's PAGE field (in its header) is not text either.
    let imported = import_bytes(t.path(), "word", &word_made(|_, x| x));
    assert_eq!(imported.code, Some(0), "{}", imported.stderr);
    let text = imported.text.expect("yaml");
    assert!(!text.contains("PAGE"), "{text}");
}

#[test]
fn h38_import_rules_drawn_as_shapes_are_not_text() {
    let t = tempfile::tempdir().expect("tempdir");
    let base = sample(t.path(), "cong-van");
    let x = t.path().join("shapes.docx");
    std::fs::write(&x, shaped_rules(&base)).expect("write");
    assert_no_failures("drawn rules", &round_trip(t.path(), "shapes", &x, false));
    let y: Value =
        serde_yaml::from_str(&std::fs::read_to_string(t.path().join("shapes.yaml")).expect("yaml"))
            .expect("yaml");
    // The agency is its two lines: no empty line for the paragraph holding the shape.
    assert_eq!(
        strings(&y["co_quan"]["ban_hanh"]),
        ["ỦY BAN NHÂN DÂN", "PHƯỜNG NGUYỄN TRÃI"]
    );
    assert_eq!(str_of(&y, &["so_ky_hieu"]), "1250/UBND-VHXH");
}

#[test]
fn h38_import_header_made_with_tabs_is_recognised() {
    let t = tempfile::tempdir().expect("tempdir");
    let base = sample(t.path(), "thong-bao");
    let imported = import_bytes(t.path(), "tabs", &tab_header(&base));
    assert_eq!(imported.code, Some(0), "{}", imported.stderr);
    let y = imported.yaml();
    assert_eq!(str_of(&y, &["loai"]), "thong_bao");
    assert_eq!(
        strings(&y["co_quan"]["ban_hanh"]),
        ["ỦY BAN NHÂN DÂN", "PHƯỜNG NGUYỄN TRÃI"]
    );
    assert_eq!(str_of(&y, &["so_ky_hieu"]), "45/TB-UBND");
    assert_eq!(str_of(&y, &["dia_danh"]), "Phường Nguyễn Trãi");
    assert_eq!(date(&y["ngay_ban_hanh"]), Some((2025, Some(10), Some(20))));
    let text = imported.text.as_deref().unwrap_or_default();
    assert!(
        !text.contains("___"),
        "the drawn-with-underscores rules are not text:\n{text}"
    );
    // Rendered again, it is the sample (the header a table again), and checks clean.
    assert_no_failures(
        "tab-made header",
        &round_trip_to(t.path(), "tabs", &t.path().join("tabs.docx"), &base, false),
    );
}

#[test]
fn h17_import_a_footnote_cited_twice_stays_one_note() {
    let t = tempfile::tempdir().expect("tempdir");
    let d = t.path();
    let mut failures = Vec::new();
    // vanban's own: the second citation is a NOTEREF field to the bookmark around the first.
    let src = std::fs::read_to_string(fixture("kinds/thong-bao.yaml")).expect("fixture");
    let cited = "trật tự tại nơi tiếp công dân.";
    assert!(src.contains(cited));
    std::fs::write(
        d.join("tb2-src.yaml"),
        src.replace(cited, &format!("{cited}[^luat]")),
    )
    .expect("write");
    let x = d.join("tb2.docx");
    render(d, &d.join("tb2-src.yaml"), &x).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        crate::support::part(&std::fs::read(&x).expect("read"), "word/document.xml")
            .contains("NOTEREF")
    );
    failures.extend(round_trip(d, "tb2", &x, false));
    // Word's cross-reference, as a complex field and as a simple field.
    let plan = std::fs::read(plan_docx(d)).expect("read");
    let reference = r#"<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="Times New Roman" w:cs="Times New Roman"/></w:rPr><w:footnoteReference w:id="1"/></w:r>"#;
    let second = "hợp tác xã phần đầu đạt 70%";
    let mark = r#"<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:t>1</w:t></w:r>"#;
    let complex = format!(
        r#"</w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> NOTEREF _Ref190001 \f \h </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>{mark}<w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t xml:space="preserve">"#
    );
    let simple = format!(
        r#"</w:t></w:r><w:fldSimple w:instr=" NOTEREF _Ref190001 \f \h ">{mark}</w:fldSimple><w:r><w:t xml:space="preserve">"#
    );
    for (name, field) in [("complex", complex), ("simple", simple)] {
        let doc = edit_document(&plan, |x| {
            assert!(x.contains(reference) && x.contains(second), "{name}");
            x.replacen(
                reference,
                &format!(
                    r#"<w:bookmarkStart w:id="90" w:name="_Ref190001"/>{reference}<w:bookmarkEnd w:id="90"/>"#
                ),
                1,
            )
            .replacen(second, &format!("{second}{field}"), 1)
        });
        let imported = import_bytes(d, &format!("noteref-{name}"), &doc);
        if imported.code != Some(0) || imported.text.is_none() {
            failures.push(format!(
                "{name}: exit {:?}\n{}",
                imported.code, imported.stderr
            ));
            continue;
        }
        let y = imported.yaml();
        let body = y["noi_dung"].as_str().unwrap_or_default();
        let notes = y["chu_thich"].as_mapping().map_or(0, |m| m.len());
        let at = body.find(second).map(|i| prefix(&body[i..], 40));
        if notes != 1 || body.matches("[^").count() != 2 || !body.contains(&format!("{second}[^")) {
            failures.push(format!(
                "Word's NOTEREF as a {name} field: {notes} note(s), {} citation(s); the second citation reads {at:?} (expected \"{second}[^…]\")",
                body.matches("[^").count()
            ));
        }
    }
    assert_no_failures("H17", &failures);
}

#[test]
fn issue_10_import_header_in_two_tables() {
    // The header in two tables (agency | Quốc hiệu, then số | date), as many Word files have it
    // (check accepts it): recognised once, not kept again as a table in the body.
    let t = tempfile::tempdir().expect("tempdir");
    let base = sample(t.path(), "thong-bao");
    let split = edit_document(&base, |x| {
        assert!(x.contains("</w:tr><w:tr>"));
        x.replacen("</w:tr><w:tr>", "</w:tr></w:tbl><w:p/><w:tbl><w:tr>", 1)
    });
    let x = t.path().join("two-tables.docx");
    std::fs::write(&x, &split).expect("write");
    assert_no_failures(
        "header in two tables",
        &round_trip_to(t.path(), "two-tables", &x, &base, false),
    );
}

#[test]
fn issue_10_import_decomposed_unicode_is_read_as_composed() {
    // Vietnamese typed as decomposed Unicode (NFD): the frame is recognised as in NFC, the data
    // file is NFC, and the document rendered from it reads the same.
    let t = tempfile::tempdir().expect("tempdir");
    let mut failures = Vec::new();
    for kind in ["thong-bao", "quyet-dinh"] {
        let base = sample(t.path(), kind);
        let nfd = decomposed(&base);
        assert_ne!(nfd, base, "{kind}: decomposed");
        let imported = import_bytes(t.path(), &format!("{kind}-nfd"), &nfd);
        if imported.code != Some(0) || imported.text.is_none() {
            failures.push(format!(
                "{kind}: exit {:?}\n{}",
                imported.code, imported.stderr
            ));
            continue;
        }
        let text = imported.text.as_deref().unwrap_or_default();
        if !unicode_normalization::is_nfc(text) {
            failures.push(format!("{kind}: the data file is not NFC"));
        }
        match render(
            t.path(),
            &t.path().join(format!("{kind}-nfd.yaml")),
            &t.path().join(format!("{kind}-nfd-y.docx")),
        ) {
            Err(e) => failures.push(format!(
                "{kind}: {e}\nimport's stderr:\n{}",
                imported.stderr
            )),
            Ok(y) => {
                for part in ["word/document.xml", "word/footnotes.xml"] {
                    failures.extend(difference(
                        &format!("{kind} (NFD): {part}"),
                        &paragraphs(&base, part),
                        &paragraphs(&y, part),
                    ));
                }
            }
        }
    }
    assert_no_failures("decomposed Unicode", &failures);
}

// ---------------------------------------------------------------------------------------------
// 4. Word-made documents: the frame recognised, what is not recognised kept and named
// ---------------------------------------------------------------------------------------------

#[test]
fn issue_10_import_word_made_document() {
    let t = tempfile::tempdir().expect("tempdir");
    let x = word_made(|_, x| x);
    let imported = import_bytes(t.path(), "word", &x);
    assert_eq!(imported.code, Some(0), "{}", imported.stderr);
    let y = imported.yaml();
    assert_eq!(str_of(&y, &["loai"]), "ke_hoach");
    assert_eq!(
        strings(&y["co_quan"]["ban_hanh"]),
        ["ỦY BAN NHÂN DÂN", "PHƯỜNG BẾN THÀNH"]
    );
    assert_eq!(str_of(&y, &["so_ky_hieu"]), "05/KH-UBND");
    assert_eq!(str_of(&y, &["dia_danh"]), "Phường Bến Thành");
    assert_eq!(date(&y["ngay_ban_hanh"]), Some((2025, Some(2), Some(5))));
    assert_eq!(
        lines(&y["trich_yeu"]),
        ["Tổ chức Tháng hành động vì bình đẳng giới năm 2025"]
    );
    assert_eq!(
        strings(&y["noi_nhan"]),
        ["UBND quận (b/c)", "Lưu: VT, VHXH"]
    );
    assert_eq!(strings(&y["ky"]["quyen_han"]), ["KT. CHỦ TỊCH"]);
    assert_eq!(str_of(&y, &["ky", "chuc_vu"]), "PHÓ CHỦ TỊCH");
    assert_eq!(str_of(&y, &["ky", "nguoi_ky"]), "Nguyễn Văn An");
    // Rendered, the body reads the same from the title to the signature (Word's one-paragraph
    // lines split by Shift+Enter become vanban's paragraphs: compared as running text), and
    // the result checks clean.
    let yd = render(
        t.path(),
        &t.path().join("word.yaml"),
        &t.path().join("word-y.docx"),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let from_title = |d: &[u8]| -> String {
        let p = paragraphs(d, "word/document.xml");
        let at = p.iter().position(|l| l == "KẾ HOẠCH").expect("title");
        squash(&p[at..].join(" "))
    };
    assert_eq!(from_title(&yd), from_title(&x));
    let f = check_findings(t.path(), &t.path().join("word-y.docx"));
    assert!(f.is_none(), "{}", f.unwrap_or_default());
}

#[test]
fn issue_10_import_unrecognised_parts_are_kept_and_named() {
    let t = tempfile::tempdir().expect("tempdir");
    // A paragraph between the header table and the title.
    let between = word_made(|n, x| {
        if n == "word/document.xml" {
            x.replacen(
                "</w:tbl><w:p/>",
                "</w:tbl><w:p><w:r><w:t>Dự thảo lần 2 - gửi xin ý kiến</w:t></w:r></w:p>",
                1,
            )
        } else {
            x
        }
    });
    // A text box (VML, as Word saves one) in the body.
    let text_box = word_made(|n, x| {
        if n == "word/document.xml" {
            x.replacen(
                "a) Nâng cao nhận thức",
                "</w:t></w:r><w:r><w:pict><v:shape style=\"position:absolute;width:120pt;height:30pt\"><v:textbox><w:txbxContent><w:p><w:r><w:t>Ghi chú: gửi kèm danh sách tổ dân phố</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></w:r><w:r><w:t xml:space=\"preserve\">a) Nâng cao nhận thức",
                1,
            )
        } else {
            x
        }
    });
    for (name, docx, text) in [
        ("between", between, "Dự thảo lần 2 - gửi xin ý kiến"),
        ("textbox", text_box, "Ghi chú: gửi kèm danh sách tổ dân phố"),
    ] {
        let imported = import_bytes(t.path(), name, &docx);
        assert_eq!(imported.code, Some(0), "{name}: {}", imported.stderr);
        let y = imported.yaml();
        assert!(keeps(&y, text), "{name}: {text} kept in\n{y:#?}");
        // The warning names it by its text; the frame is still recognised around it.
        assert!(
            imported
                .stderr
                .lines()
                .any(|l| l.contains(&prefix(text, 20))),
            "{name}: a warning naming {text:?}:\n{}",
            imported.stderr
        );
        assert_eq!(str_of(&y, &["so_ky_hieu"]), "05/KH-UBND", "{name}");
        assert_eq!(str_of(&y, &["ky", "nguoi_ky"]), "Nguyễn Văn An", "{name}");
    }
}

#[test]
fn issue_10_import_nothing_dropped_from_endnotes_or_page_headers() {
    // Text a Word user typed outside the body — an endnote, a line in the page header beside
    // the page number — is kept in the data file (as data or quoted in its warnings) and named
    // in a warning on the screen; an embedded part vanban cannot read is named; never silently
    // dropped.
    let t = tempfile::tempdir().expect("tempdir");
    let endnote = "Số liệu do Chi cục Thống kê cung cấp";
    let header = "BẢN DỰ THẢO LẦN 3";
    let with_endnote = word_made(|n, x| {
        match n {
        "word/document.xml" => x.replacen(
            "bình đẳng giới trong Nhân dân.</w:t></w:r>",
            "bình đẳng giới trong Nhân dân.</w:t></w:r><w:r><w:rPr><w:vertAlign w:val=\"superscript\"/></w:rPr><w:endnoteReference w:id=\"1\"/></w:r>",
            1,
        ),
        "word/_rels/document.xml.rels" => x.replace(
            "</Relationships>",
            r#"<Relationship Id="rId20" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/endnotes" Target="endnotes.xml"/></Relationships>"#,
        ),
        "word/styles.xml" => x,
        // The endnotes part rides on the theme's entry (word_made writes a fixed set of parts).
        "word/theme/theme1.xml" => x,
        _ => x,
    }
    });
    let with_endnote = crate::support::word::edited(
        &with_endnote,
        |_, x| x,
        &[(
            "word/endnotes.xml",
            &format!(
                r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:endnotes xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:endnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:endnote><w:endnote w:id="1"><w:p><w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:endnoteRef/></w:r><w:r><w:t xml:space="preserve"> {endnote}.</w:t></w:r></w:p></w:endnote></w:endnotes>"#
            ),
        )],
    );
    let with_header = word_made(|n, x| {
        if n == "word/header1.xml" {
            x.replace(
                "</w:hdr>",
                &format!("<w:p><w:pPr><w:jc w:val=\"right\"/></w:pPr><w:r><w:t>{header}</w:t></w:r></w:p></w:hdr>"),
            )
        } else {
            x
        }
    });
    let mut failures = Vec::new();
    // Content another program embedded as an HTML part (w:altChunk, which Word merges when it
    // opens the file): vanban cannot read it, so it must say so.
    let chunk = word_made(|n, x| {
        match n {
        "word/document.xml" => x.replacen(
            "</w:tbl><w:p/>",
            "</w:tbl><w:altChunk r:id=\"rId21\"/><w:p/>",
            1,
        ),
        "word/_rels/document.xml.rels" => x.replace(
            "</Relationships>",
            r#"<Relationship Id="rId21" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/aFChunk" Target="afchunk.htm"/></Relationships>"#,
        ),
        _ => x,
    }
    });
    let chunk = crate::support::word::edited(
        &chunk,
        |_, x| x,
        &[(
            "word/afchunk.htm",
            "<html><body><p>Nội dung nhúng từ phần mềm quản lý văn bản</p></body></html>",
        )],
    );
    let imported = import_bytes(t.path(), "altchunk", &chunk);
    if !imported.stderr.contains("altChunk") {
        failures.push(format!(
            "altChunk: no warning names the embedded part; exit {:?}, stderr:\n{}",
            imported.code, imported.stderr
        ));
    }
    // A symbol inserted from a symbol font (Insert > Symbol, Wingdings' ✓): no Unicode text to
    // keep, so it must be named.
    let symbol = word_made(|n, x| {
        if n == "word/document.xml" {
            x.replacen(
                "<w:t xml:space=\"preserve\">b) Phòng ngừa",
                "<w:t xml:space=\"preserve\"></w:t></w:r><w:r><w:sym w:font=\"Wingdings\" w:char=\"F0FC\"/></w:r><w:r><w:t xml:space=\"preserve\">b) Phòng ngừa",
                1,
            )
        } else {
            x
        }
    });
    let imported = import_bytes(t.path(), "symbol", &symbol);
    if !imported.stderr.contains("Wingdings") {
        failures.push(format!(
            "w:sym: no warning names the Wingdings symbol; exit {:?}, stderr:\n{}",
            imported.code, imported.stderr
        ));
    }
    for (name, docx, text, part) in [
        ("endnote", with_endnote, endnote, "endnote"),
        ("header", with_header, header, "đầu trang"),
    ] {
        let imported = import_bytes(t.path(), name, &docx);
        if imported.code != Some(0) || imported.text.is_none() {
            failures.push(format!(
                "{name}: exit {:?}\n{}",
                imported.code, imported.stderr
            ));
            continue;
        }
        let file = imported.text.as_deref().unwrap_or_default();
        if !file.contains(text) {
            failures.push(format!("{name}: {text:?} is not in the data file:\n{file}"));
        }
        if !imported
            .stderr
            .lines()
            .any(|l| l.contains(&prefix(text, 20)) || l.contains(part))
        {
            failures.push(format!(
                "{name}: no warning names {text:?}; stderr:\n{}",
                imported.stderr
            ));
        }
    }
    assert_no_failures("endnotes, page headers", &failures);
}

#[test]
fn issue_10_import_many_files_into_a_folder() {
    let t = tempfile::tempdir().expect("tempdir");
    let d = t.path();
    std::fs::create_dir_all(d.join("cu")).expect("mkdir");
    for kind in ["thong-bao", "giay-moi"] {
        let docx = sample(d, kind);
        std::fs::write(d.join(format!("cu/{kind}.docx")), docx).expect("write");
    }
    // Word's lock file of an open document (`~$name.docx`) matches the pattern too: skipped.
    std::fs::write(d.join("cu/~$thong-bao.docx"), b"\x0bNguyen Van A").expect("write");
    // A pattern (expanded by vanban, as on Windows), into a folder: one data file per document.
    let o = vanban(d, &["import", "cu/*.docx", "-o", "nhap"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("~$thong-bao.docx"), "{}", stderr(&o));
    assert_eq!(
        names(&d.join("nhap"))
            .iter()
            .filter(|n| n.ends_with(".yaml"))
            .count(),
        2
    );
    for kind in ["thong-bao", "giay-moi"] {
        let text = std::fs::read_to_string(d.join(format!("nhap/{kind}.yaml"))).expect("yaml");
        assert!(
            text.contains(&format!("loai: {}", kind.replace('-', "_"))),
            "{text}"
        );
    }
    // One file that is not a Word document: named, exit ≠ 0, the others still written.
    std::fs::write(d.join("cu/hong.docx"), "không phải zip").expect("write");
    let o = vanban(d, &["import", "cu/*.docx", "-o", "nhap2"]);
    let err = stderr(&o);
    assert_ne!(o.status.code(), Some(0), "{err}");
    assert!(err.contains("hong.docx"), "{err}");
    assert!(d.join("nhap2/thong-bao.yaml").is_file() && d.join("nhap2/giay-moi.yaml").is_file());
    assert!(!d.join("nhap2/hong.yaml").exists());
}

#[test]
fn issue_10_import_not_an_administrative_document_is_kept_with_a_warning() {
    let t = tempfile::tempdir().expect("tempdir");
    let base = sample(t.path(), "cong-van");
    let plain_doc = plain_document(&base);
    let imported = import_bytes(t.path(), "plain", &plain_doc);
    // Kept (README, "Nhập văn bản Word"): the whole text in noi_dung, «cần bổ sung» for the
    // frame, one clear warning.
    assert_eq!(imported.code, Some(0), "{}", imported.stderr);
    let y = imported.yaml();
    assert!(
        plain(str_of(&y, &["noi_dung"])).contains("Danh sách việc cần làm tuần này"),
        "{y:#?}"
    );
    for key in [
        &["so_ky_hieu"][..],
        &["dia_danh"],
        &["ngay_ban_hanh"],
        &["trich_yeu"],
        &["ky", "nguoi_ky"],
    ] {
        assert!(
            str_of(&y, key).starts_with('«'),
            "a «…» placeholder for {key:?}:\n{}",
            imported.text.as_deref().unwrap_or_default()
        );
    }
    assert_eq!(
        imported
            .stderr
            .matches("không nhận ra phần đầu văn bản hành chính")
            .count(),
        1,
        "{}",
        imported.stderr
    );
}

// ---------------------------------------------------------------------------------------------
// 5. Safety: inputs and edited outputs are never overwritten; bad inputs are clear errors
// ---------------------------------------------------------------------------------------------

/// The names of the files in `dir`, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .expect("dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn issue_10_import_writes_beside_the_input_by_default_and_nhap_is_import() {
    let t = tempfile::tempdir().expect("tempdir");
    let d = t.path();
    let base = sample(d, "thong-bao");
    std::fs::create_dir_all(d.join("van-ban")).expect("mkdir");
    std::fs::write(d.join("van-ban/tb.docx"), &base).expect("write");
    let o = vanban(d, &["import", "van-ban/tb.docx"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let first = std::fs::read(d.join("van-ban/tb.yaml")).expect("beside the input");
    assert!(!d.join("tb.yaml").exists() && !d.join("output").exists());
    // Deterministic: the same input gives the same bytes; the alias does the same.
    let o = vanban(d, &["nhap", "van-ban/tb.docx", "-o", "nhap.yaml"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        std::fs::read(d.join("nhap.yaml")).expect("nhap.yaml"),
        first
    );
    // Run again on an unchanged output: written again, exit 0.
    let o = vanban(d, &["import", "van-ban/tb.docx"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        std::fs::read(d.join("van-ban/tb.yaml")).expect("read"),
        first
    );
}

#[test]
fn issue_10_import_never_overwrites_the_input_or_an_edited_output() {
    let t = tempfile::tempdir().expect("tempdir");
    let d = t.path();
    let base = sample(d, "thong-bao");
    std::fs::write(d.join("tb.docx"), &base).expect("write");
    let before = names(d);

    // The input as the output: refused, the input unchanged, nothing written.
    let o = vanban(d, &["import", "tb.docx", "-o", "tb.docx"]);
    assert_ne!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(std::fs::read(d.join("tb.docx")).expect("read"), base);
    assert_eq!(names(d), before);
    // A data file given as the input: its default output is itself — refused, unchanged.
    std::fs::copy(fixture("kinds/thong-bao.yaml"), d.join("tb-data.yaml")).expect("copy");
    let data = std::fs::read(d.join("tb-data.yaml")).expect("read");
    let o = vanban(d, &["import", "tb-data.yaml"]);
    assert_ne!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(std::fs::read(d.join("tb-data.yaml")).expect("read"), data);

    // An output the user edited since vanban wrote it is kept (exit 4, named, --force given).
    let o = vanban(d, &["import", "tb.docx"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let written = std::fs::read(d.join("tb.yaml")).expect("tb.yaml");
    let mut edited = written.clone();
    edited.extend_from_slice("# sửa tay: thêm ghi chú\n".as_bytes());
    std::fs::write(d.join("tb.yaml"), &edited).expect("edit");
    let o = vanban(d, &["import", "tb.docx"]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(4), "{err}");
    assert!(err.contains("tb.yaml") && err.contains("--force"), "{err}");
    assert_eq!(std::fs::read(d.join("tb.yaml")).expect("read"), edited);
    // --force overwrites it with what import writes.
    let o = vanban(d, &["import", "tb.docx", "--force"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(std::fs::read(d.join("tb.yaml")).expect("read"), written);
    // A file of the same name vanban did not write (the user's own) is kept too.
    let own = "# dữ liệu của tôi\nloai: thong_bao\n";
    std::fs::write(d.join("cua-toi.yaml"), own).expect("write");
    let o = vanban(d, &["import", "tb.docx", "-o", "cua-toi.yaml"]);
    assert_eq!(o.status.code(), Some(4), "{}", stderr(&o));
    assert_eq!(
        std::fs::read_to_string(d.join("cua-toi.yaml")).expect("read"),
        own
    );
}

#[test]
fn issue_10_import_not_a_docx_or_missing_is_a_clear_error_without_output() {
    let t = tempfile::tempdir().expect("tempdir");
    let d = t.path();
    // Not a package at all.
    std::fs::write(d.join("x.docx"), "không phải zip").expect("write");
    // A zip that is not a Word document.
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        use std::io::Write;
        let mut z = zip::ZipWriter::new(&mut buf);
        z.start_file("a.txt", zip::write::SimpleFileOptions::default())
            .expect("entry");
        z.write_all(b"abc").expect("write");
        z.finish().expect("zip");
    }
    std::fs::write(d.join("z.docx"), buf.into_inner()).expect("write");
    for name in ["x", "z"] {
        let o = vanban(d, &["import", &format!("{name}.docx")]);
        let err = stderr(&o);
        assert_ne!(o.status.code(), Some(0), "{name}: {err}");
        assert!(err.contains("không phải tệp Word .docx"), "{name}: {err}");
        assert!(
            !d.join(format!("{name}.yaml")).exists(),
            "{name}: no output"
        );
    }
    // A missing file: exit 2, named, nothing written.
    let o = vanban(d, &["import", "khong-co.docx"]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("khong-co.docx"), "{err}");
    assert!(!d.join("khong-co.yaml").exists());
}

// ---------------------------------------------------------------------------------------------
// Inputs from the adversarial review (issue 10, import and check)
// ---------------------------------------------------------------------------------------------

/// A body paragraph `<w:p>` with `text`, inserted before the paragraph holding `before`.
fn insert_paragraph(docx: &[u8], before: &str, text: &str) -> Vec<u8> {
    let before = before.to_string();
    let text = text.to_string();
    edit_document(docx, move |x| {
        let at = x.find(&before).expect("marker in document.xml");
        let p_start = x[..at]
            .rfind("<w:p>")
            .or_else(|| x[..at].rfind("<w:p "))
            .expect("paragraph");
        let p = format!(r#"<w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>"#);
        format!("{}{p}{}", &x[..p_start], &x[p_start..])
    })
}

#[test]
fn issue_10_import_body_sentence_starting_with_noi_nhan_is_kept() {
    let dir = tempfile::tempdir().expect("tmp");
    let base = sample(dir.path(), "cong-van");
    let docx = insert_paragraph(
        &base,
        "Đề nghị các cơ quan, đơn vị quan tâm",
        "Nơi nhận hồ sơ: Bộ phận một cửa của Ủy ban nhân dân phường.",
    );
    let got = import_bytes(dir.path(), "noi-nhan-trong-noi-dung", &docx);
    assert_eq!(got.code, Some(0), "{}", got.stderr);
    let y = got.yaml();
    assert!(
        str_of(&y, &["noi_dung"]).contains("Nơi nhận hồ sơ: Bộ phận một cửa"),
        "{y:?}"
    );
    assert_eq!(
        strings(&y["noi_nhan"]).last().map(String::as_str),
        Some("Lưu: VT, VHXH"),
        "the real Nơi nhận is still recognised"
    );
    assert_eq!(str_of(&y, &["ky", "nguoi_ky"]), "Trần Thị Long");
}

#[test]
fn issue_10_import_closing_split_by_tabs() {
    let dir = tempfile::tempdir().expect("tmp");
    let base = sample(dir.path(), "thong-bao");
    // Replace the closing table by paragraphs `left<TAB>right`, as a Word user lays it out.
    let docx = edit_document(&base, |x| {
        let start = x.rfind("<w:tbl>").expect("closing table");
        let end = x[start..].find("</w:tbl>").expect("end") + start + "</w:tbl>".len();
        let rows = [
            ("Nơi nhận:", "TM. ỦY BAN NHÂN DÂN"),
            ("- Như trên;", "KT. CHỦ TỊCH"),
            ("- Lưu: VT, VHXH.", "PHÓ CHỦ TỊCH"),
            ("", ""),
            ("", "Trần Thị Long"),
        ];
        let paras: String = rows
            .iter()
            .map(|(l, r)| {
                format!(
                    r#"<w:p><w:r><w:t xml:space="preserve">{l}</w:t></w:r><w:r><w:tab/><w:tab/></w:r><w:r><w:t xml:space="preserve">{r}</w:t></w:r></w:p>"#
                )
            })
            .collect();
        format!("{}{paras}{}", &x[..start], &x[end..])
    });
    let got = import_bytes(dir.path(), "tab-closing", &docx);
    assert_eq!(got.code, Some(0), "{}", got.stderr);
    let y = got.yaml();
    assert_eq!(
        strings(&y["noi_nhan"]),
        ["Như trên", "Lưu: VT, VHXH"],
        "{y:?}"
    );
    assert_eq!(
        strings(&y["ky"]["quyen_han"]),
        ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"]
    );
    assert_eq!(str_of(&y, &["ky", "chuc_vu"]), "PHÓ CHỦ TỊCH");
    assert_eq!(str_of(&y, &["ky", "nguoi_ky"]), "Trần Thị Long");
}

#[test]
fn issue_10_import_typed_footnote_marker_and_hidden_text() {
    let dir = tempfile::tempdir().expect("tmp");
    let base = sample(dir.path(), "to-trinh");
    let docx = insert_paragraph(
        &base,
        "I. NỘI DUNG HOẠT ĐỘNG",
        "Xem mục [^1] và [^a] của dự thảo.",
    );
    let docx = edit_document(&docx, |x| {
        x.replacen(
            "<w:t xml:space=\"preserve\">Xem mục",
            "<w:t xml:space=\"preserve\">Xem mục</w:t></w:r><w:r><w:rPr><w:vanish/></w:rPr><w:t>ẨN</w:t></w:r><w:r><w:t xml:space=\"preserve\">",
            1,
        )
    });
    let got = import_bytes(dir.path(), "typed-marker", &docx);
    assert_eq!(got.code, Some(0), "{}", got.stderr);
    let yaml = dir.path().join("typed-marker.yaml");
    let out = dir.path().join("typed-marker-out.docx");
    let y = render(dir.path(), &yaml, &out).expect("the imported file renders");
    let text = paragraphs(&y, "word/document.xml").join("\n");
    assert!(text.contains("Xem mục [^1] và [^a] của dự thảo."), "{text}");
    assert!(!text.contains("ẨN"), "hidden text is not imported");
}

#[test]
fn issue_10_import_and_check_absurd_values_and_zip_bombs_do_not_crash() {
    let dir = tempfile::tempdir().expect("tmp");
    let base = sample(dir.path(), "cong-van");
    let absurd = edit_document(&base, |x| {
        let x = x.replacen(
            "<w:pgMar w:top=\"",
            "<w:pgMar w:top=\"-2147483648\" w:x=\"",
            1,
        );
        let x = x.replacen("w:gutter=\"0\"", "w:gutter=\"2147483647\"", 1);
        x.replacen("<w:sz w:val=\"", "<w:sz w:val=\"4294967295\" w:x=\"", 1)
    });
    let bomb = {
        let mut buf = std::io::Cursor::new(Vec::new());
        {
            use std::io::Write;
            let mut z = zip::ZipWriter::new(&mut buf);
            let opt = zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Deflated);
            z.start_file("word/document.xml", opt).expect("entry");
            let chunk = vec![b' '; 1 << 20];
            for _ in 0..300 {
                z.write_all(&chunk).expect("write");
            }
            z.finish().expect("zip");
        }
        buf.into_inner()
    };
    for (name, docx) in [("absurd", absurd), ("bomb", bomb)] {
        let x = dir.path().join(format!("{name}.docx"));
        std::fs::write(&x, &docx).expect("write");
        for args in [
            vec!["check".to_string(), x.to_string_lossy().into_owned()],
            vec![
                "import".to_string(),
                x.to_string_lossy().into_owned(),
                "-o".to_string(),
                dir.path()
                    .join(format!("{name}.yaml"))
                    .to_string_lossy()
                    .into_owned(),
            ],
        ] {
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            let o = vanban(dir.path(), &args);
            let code = o.status.code();
            assert!(
                matches!(code, Some(0..=2)),
                "{name} {args:?}: exit {code:?}\n{}",
                stderr(&o)
            );
            assert!(!stderr(&o).contains("panicked"), "{}", stderr(&o));
            if name == "bomb" {
                assert_eq!(code, Some(2), "{}", stderr(&o));
                assert!(stderr(&o).contains("quá lớn"), "{}", stderr(&o));
            }
        }
    }
    assert!(!dir.path().join("bomb.yaml").exists());
}

#[test]
fn issue_10_import_two_inputs_of_the_same_name_into_one_folder_are_refused() {
    let dir = tempfile::tempdir().expect("tmp");
    let a = dir.path().join("a");
    let b = dir.path().join("b");
    std::fs::create_dir_all(&a).expect("dir");
    std::fs::create_dir_all(&b).expect("dir");
    std::fs::write(a.join("x.docx"), sample(dir.path(), "cong-van")).expect("write");
    std::fs::write(b.join("x.docx"), sample(dir.path(), "to-trinh")).expect("write");
    let out = dir.path().join("out");
    let o = vanban(
        dir.path(),
        &[
            "import",
            &a.join("x.docx").to_string_lossy(),
            &b.join("x.docx").to_string_lossy(),
            "-o",
            &out.to_string_lossy(),
        ],
    );
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("cùng ghi ra một tệp dữ liệu"),
        "{}",
        stderr(&o)
    );
    assert!(!out.join("x.yaml").exists(), "nothing written");
}
