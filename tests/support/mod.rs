//! Test support: reading generated packages, normalising XML for golden comparisons, visible text.

#![allow(dead_code)]

pub mod fill;
pub mod word;

use std::collections::BTreeMap;
use std::io::{Read, Write as _};
use std::path::{Path, PathBuf};

use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, Writer};

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// All parts of a .docx package: path → bytes, in zip order.
pub fn parts(docx: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(docx)).expect("package is a zip");
    let mut out = Vec::new();
    for i in 0..z.len() {
        let mut f = z.by_index(i).expect("zip entry");
        if f.is_dir() {
            continue;
        }
        let mut buf = Vec::new();
        f.read_to_end(&mut buf).expect("read entry");
        out.push((f.name().to_string(), buf));
    }
    out
}

/// One part as text.
pub fn part(docx: &[u8], name: &str) -> String {
    parts(docx)
        .into_iter()
        .find(|(n, _)| n == name)
        .map(|(_, d)| String::from_utf8(d).expect("utf-8 part"))
        .unwrap_or_else(|| panic!("part {name} missing"))
}

/// Assert that every XML part of the package parses.
pub fn assert_all_parts_parse(docx: &[u8]) {
    for (name, data) in parts(docx) {
        if !(name.ends_with(".xml") || name.ends_with(".rels")) {
            continue;
        }
        let mut r = Reader::from_reader(data.as_slice());
        let mut buf = Vec::new();
        loop {
            match r.read_event_into(&mut buf) {
                Ok(Event::Eof) => break,
                Ok(_) => {}
                Err(e) => panic!("part {name} does not parse: {e}"),
            }
            buf.clear();
        }
    }
}

const VOLATILE: &[&str] = &[
    "w14:paraId",
    "w14:textId",
    "w:rsidR",
    "w:rsidRPr",
    "w:rsidRDefault",
    "w:rsidP",
];

fn normalised_start(e: &BytesStart<'_>) -> BytesStart<'static> {
    let name = String::from_utf8_lossy(e.name().as_ref()).to_string();
    let mut attrs: BTreeMap<String, String> = BTreeMap::new();
    for a in e.attributes().flatten() {
        let k = String::from_utf8_lossy(a.key.as_ref()).to_string();
        if VOLATILE.contains(&k.as_str()) {
            continue;
        }
        // The raw (still escaped) value: re-emitted as is, so nothing is escaped twice.
        attrs.insert(k, String::from_utf8_lossy(&a.value).to_string());
    }
    let mut content = name.clone();
    for (k, v) in &attrs {
        content.push_str(&format!(" {k}=\"{v}\""));
    }
    BytesStart::from_content(content, name.len())
}

/// Normalise an XML part for golden comparison: drop volatile ids, sort attributes, indent.
/// Content (text, elements, their order) is never changed.
pub fn normalise_xml(xml: &str) -> String {
    let mut r = Reader::from_str(xml);
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 1);
    loop {
        match r.read_event() {
            Ok(Event::Eof) => break,
            Ok(Event::Start(e)) => w
                .write_event(Event::Start(normalised_start(&e)))
                .expect("write"),
            Ok(Event::Empty(e)) => w
                .write_event(Event::Empty(normalised_start(&e)))
                .expect("write"),
            Ok(Event::Decl(_)) => {}
            Ok(e) => w.write_event(e).expect("write"),
            Err(e) => panic!("xml: {e}"),
        }
    }
    String::from_utf8(w.into_inner()).expect("utf-8")
}

/// Compare `actual` with the golden file `tests/golden/<name>`; with `UPDATE_GOLDEN=1` rewrite it.
/// A mismatch panics with the whole unified diff (golden → actual).
pub fn golden(name: &str, actual: &str) {
    let path = root().join("tests/golden").join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(&path, actual).expect("write golden");
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|_| {
        panic!(
            "golden {} missing: run UPDATE_GOLDEN=1 cargo test",
            path.display()
        )
    });
    if expected != actual {
        panic!("{}", golden_mismatch(&path, &expected, actual));
    }
}

/// The message of a golden mismatch: the whole unified diff from the golden file's text to the
/// actual output, with headers naming the golden file, and how to accept the change.
fn golden_mismatch(path: &Path, expected: &str, actual: &str) -> String {
    let golden = format!("{} (golden)", path.display());
    let output = format!("{} (actual output)", path.display());
    let diff = similar::TextDiff::from_lines(expected, actual)
        .unified_diff()
        .header(&golden, &output)
        .to_string();
    format!(
        "golden {} differs from the output:\n{diff}\nIf the change is intended, run UPDATE_GOLDEN=1 cargo test and review the diff.",
        path.display()
    )
}

#[test]
fn golden_mismatch_shows_the_whole_diff() {
    let path = root().join("tests/golden/x/document.xml");
    let expected = "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\n";
    let actual = "a\nB\nc\nd\ne\nf\ng\nh\ni\nj\nK\nl\n";
    let m = golden_mismatch(&path, expected, actual);
    let shown = path.display().to_string();
    assert!(m.contains(&format!("--- {shown} (golden)\n")), "{m}");
    assert!(m.contains(&format!("+++ {shown} (actual output)\n")), "{m}");
    // Both changes, far apart (two hunks), not only the first one.
    for line in ["-b\n", "+B\n", "-k\n", "+K\n", "+l\n"] {
        assert!(m.contains(line), "{line:?} in\n{m}");
    }
    assert_eq!(m.matches("@@ -").count(), 2, "{m}");
    assert!(m.contains("UPDATE_GOLDEN=1 cargo test"), "{m}");
}

/// The visible text of a WordprocessingML part: one line per paragraph (`w:t` text joined,
/// `w:tab` → tab, `w:br` → newline), no-break spaces as spaces.
pub fn visible_text(xml: &str) -> Vec<String> {
    let mut r = Reader::from_str(xml);
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut in_t = false;
    let mut in_para = false;
    loop {
        match r.read_event() {
            Ok(Event::Eof) => break,
            Ok(Event::Start(e)) => match e.name().as_ref() {
                b"w:p" => {
                    in_para = true;
                    cur.clear();
                }
                b"w:t" => in_t = true,
                _ => {}
            },
            Ok(Event::Empty(e)) => match e.name().as_ref() {
                b"w:tab" if in_para => cur.push('\t'),
                b"w:br" if in_para => cur.push('\n'),
                b"w:p" => out.push(String::new()),
                _ => {}
            },
            Ok(Event::Text(t)) if in_t => {
                cur.push_str(&t.decode().expect("text").replace('\u{a0}', " "));
            }
            Ok(Event::GeneralRef(g)) if in_t => {
                let name = String::from_utf8_lossy(g.as_ref()).to_string();
                let s = match name.as_str() {
                    "amp" => "&",
                    "lt" => "<",
                    "gt" => ">",
                    "quot" => "\"",
                    "apos" => "'",
                    _ => "?",
                };
                cur.push_str(s);
            }
            Ok(Event::End(e)) => match e.name().as_ref() {
                b"w:t" => in_t = false,
                b"w:p" => {
                    in_para = false;
                    out.push(std::mem::take(&mut cur));
                }
                _ => {}
            },
            Ok(_) => {}
            Err(e) => panic!("xml: {e}"),
        }
    }
    out
}

/// Collapse whitespace runs to one space and trim.
pub fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Path of a file in the repository.
pub fn repo(p: &str) -> PathBuf {
    root().join(p)
}

/// Path of a test fixture: `tests/fixtures/<p>`, e.g. `fixture("ke-hoach-2025.yaml")` or
/// `fixture("bao-cao")`. The fixtures are copies of the sample files of `data/`, laid out the
/// same way; tests never read `data/`, which is the user's folder (editing it must not break
/// `cargo test`).
pub fn fixture(p: &str) -> PathBuf {
    root().join("tests/fixtures").join(p)
}

/// A temporary folder holding a copy of the fixtures as `data/…` (`data/ke-hoach-2025.yaml`,
/// `data/tong-hop-2025.yaml`, `data/bao-cao/*.yaml`): for tests that change files, and for tests
/// that run the binary with its default paths (`vanban build` reads `./data`) in that folder.
pub fn fixture_workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    copy_fixtures(&dir.path().join("data"));
    dir
}

/// Copy the fixture files (the plan, the envelope and `bao-cao/*.yaml`) into the folder `to`.
pub fn copy_fixtures(to: &Path) {
    std::fs::create_dir_all(to.join("bao-cao")).expect("mkdir");
    for f in ["ke-hoach-2025.yaml", "tong-hop-2025.yaml"] {
        std::fs::copy(fixture(f), to.join(f)).expect("copy fixture");
    }
    for e in std::fs::read_dir(fixture("bao-cao")).expect("tests/fixtures/bao-cao") {
        let p = e.expect("entry").path();
        std::fs::copy(&p, to.join("bao-cao").join(p.file_name().expect("name")))
            .expect("copy fixture");
    }
}

/// The shared seed folder (`../shared` next to the repository).
pub fn shared(p: &str) -> Option<PathBuf> {
    let path = root().join("..").join("shared").join(p);
    Path::new(&path).exists().then_some(path)
}

/// Save a generated package as `target/test-docx/<name>.docx`, so that CI can run the OOXML
/// validator on every document the test suite makes (`.ci/run`). Returns the path.
pub fn dump_docx(name: &str, docx: &[u8]) -> PathBuf {
    let dir = root().join("target").join("test-docx");
    std::fs::create_dir_all(&dir).expect("create target/test-docx");
    let safe: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let path = dir.join(format!("{safe}.docx"));
    std::fs::write(&path, docx).expect("write test docx");
    path
}

/// The `w:rPr` of every run of `xml` whose content contains `needle`.
pub fn run_properties_of(xml: &str, needle: &str) -> Vec<String> {
    xml.split("<w:r>")
        .skip(1)
        .filter_map(|r| {
            let run = r.split("</w:r>").next()?;
            run.contains(needle).then(|| {
                run.split("<w:rPr>")
                    .nth(1)
                    .and_then(|p| p.split("</w:rPr>").next())
                    .unwrap_or("")
                    .to_string()
            })
        })
        .collect()
}

/// The `w:rPr` of every run that holds text in `xml`.
pub fn text_run_properties(xml: &str) -> Vec<String> {
    run_properties_of(xml, "<w:t")
}

/// Cases per property test: `PROPTEST_CASES`, default 64 (CI-sized).
pub fn proptest_cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(64)
}

/// Run the built `vanban` binary in `dir` with `args`, as a user does.
pub fn vanban(dir: &Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_vanban"))
        .current_dir(dir)
        .args(args)
        .output()
        .expect("run vanban")
}

/// Whether LibreOffice is there for `test`; says so on stderr when it is not, and fails the test
/// in CI (`CI=true`).
pub fn libreoffice(test: &str) -> bool {
    if vanban::pdf::find_soffice().is_ok() {
        return true;
    }
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!(
            "{test}: CI=true nhưng không có LibreOffice; .ci/run phải cài libreoffice-writer-nogui"
        );
    }
    let _ = writeln!(std::io::stderr(), "BỎ QUA (không có LibreOffice): {test}");
    false
}

/// Convert `files` with LibreOffice into `out` (`filter` as for `soffice --convert-to`, e.g.
/// `docx:"MS Word 2007 XML"`, `doc:"MS Word 97"`): one process, a private profile, stopped after
/// 10 minutes. Panics with LibreOffice's output if a file is not converted.
pub fn libreoffice_convert(files: &[PathBuf], filter: &str, out: &Path) {
    use wait_timeout::ChildExt;
    let soffice = vanban::pdf::find_soffice().expect("LibreOffice");
    let profile = tempfile::tempdir().expect("tempdir");
    let mut child = std::process::Command::new(soffice)
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.path().display()
        ))
        .args([
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            filter,
            "--outdir",
        ])
        .arg(out)
        .args(files)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run soffice");
    let status = child
        .wait_timeout(std::time::Duration::from_secs(600))
        .expect("wait soffice");
    if status.is_none() {
        let _ = child.kill();
        let _ = child.wait();
        panic!("LibreOffice did not finish converting {files:?} in 10 minutes");
    }
    let ext = filter.split(':').next().unwrap_or(filter);
    for f in files {
        let converted = out.join(f.file_stem().expect("stem")).with_extension(ext);
        assert!(
            converted.is_file(),
            "LibreOffice did not write {}",
            converted.display()
        );
    }
}
