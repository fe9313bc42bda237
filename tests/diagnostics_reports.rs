//! The error catalogue for unit reports and consolidation (issue #4): the fixtures of
//! `tests/cases/invalid-reports/`, in the format of `tests/cases/invalid/` (expected diagnostics
//! in the leading comments, see `diagnostics.rs`).
//!
//! - `report-*.yaml` is a unit report, checked against `tests/fixtures/ke-hoach-2025.yaml`;
//! - `envelope-*.yaml` is a consolidation envelope;
//! - `folder-*/` is a report folder `folder-*/bao-cao/` with its expectations in
//!   `folder-*/expected.txt` (`FILE:0:0` names the file a whole-file error is about).
//!
//! Each goes through the library and through the real binary with every command that reads it
//! (`report`, `validate`, `consolidate`, `build`): exit code, message and `:line:column` on
//! stderr, no output file created, an existing output left byte-identical, the other documents
//! of `build` still written, no temporary file left, inputs unchanged.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::diagnostics::{assert_clean_stderr, expectations, matches, snapshot, Expected};
use crate::support::*;
use vanban::diag::Diagnostics;

#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    Report,
    Envelope,
    Folder,
}

struct Fixture {
    name: String,
    kind: Kind,
    /// The fixture file (report, envelope) or the report folder.
    input: PathBuf,
    expected: Vec<Expected>,
    exit: i32,
}

fn fixtures() -> Vec<Fixture> {
    let dir = repo("tests/cases/invalid-reports");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/cases/invalid-reports")
        .map(|e| e.expect("entry").path())
        .collect();
    paths.sort();
    let all: Vec<Fixture> = paths
        .iter()
        .map(|p| {
            let name = p.file_name().expect("name").to_string_lossy().to_string();
            let (kind, input, comments) = if p.is_dir() {
                (Kind::Folder, p.join("bao-cao"), p.join("expected.txt"))
            } else if name.starts_with("envelope-") {
                (Kind::Envelope, p.clone(), p.clone())
            } else {
                (Kind::Report, p.clone(), p.clone())
            };
            let (expected, exit) = expectations(&std::fs::read(&comments).expect("fixture"));
            Fixture {
                name: name.trim_end_matches(".yaml").to_string(),
                kind,
                input,
                expected,
                exit: exit.unwrap_or_else(|| panic!("{name}: no `# Exit:` line")),
            }
        })
        .collect();
    assert!(all.len() >= 14, "the catalogue has {} fixtures", all.len());
    all
}

fn plan() -> vanban::Plan {
    vanban::load_plan(&fixture("ke-hoach-2025.yaml"))
        .expect("plan")
        .value
}

/// Everything the library reports for a fixture.
fn run_library(f: &Fixture) -> Diagnostics {
    let mut all = Diagnostics::new();
    match f.kind {
        Kind::Report => match vanban::load_unit_report(&f.input, &plan()) {
            Ok(w) => {
                all.extend(w.warnings);
                let t = vanban::Templates::load(None).expect("templates").value;
                if let Err(d) = vanban::unit_report_document(&plan(), &w.value, &t) {
                    all.extend(d);
                }
            }
            Err(d) => all.extend(d),
        },
        Kind::Envelope => match vanban::load_envelope(&f.input) {
            Ok(w) => all.extend(w.warnings),
            Err(d) => all.extend(d),
        },
        Kind::Folder => match vanban::internals::consolidate::collect::collect(&f.input, &plan()) {
            Ok(c) => {
                all.extend(c.warnings.clone());
                all.extend(c.errors());
            }
            Err(d) => all.extend(d),
        },
    }
    all
}

#[test]
fn every_report_fixture_gives_its_expected_diagnostics() {
    let mut failures = Vec::new();
    for f in fixtures() {
        let mut diags = run_library(&f);
        // The địa danh reminder that the samples' `Nguyễn Trãi` raises on purpose (issue 9,
        // item 5) is not what the catalogue is about.
        // Nor is the reminder of an envelope without the sections the consolidating agency
        // writes (issue 12, item 1).
        diags.0.retain(|d| {
            d.is_error()
                || !matches!(
                    d.field.as_deref(),
                    Some("dia_danh" | "lanh_dao_chi_dao" | "phuong_huong" | "kien_nghi")
                        | Some("danh_gia_chung.uu_diem" | "danh_gia_chung.han_che")
                        | Some("danh_gia_chung.nguyen_nhan")
                )
        });
        for e in &f.expected {
            if !diags.0.iter().any(|d| matches(e, d)) {
                failures.push(format!("{}: expected {e:?}\n   got {diags}", f.name));
            }
        }
        for d in &diags.0 {
            if !f.expected.iter().any(|e| matches(e, d)) {
                failures.push(format!("{}: unexpected diagnostic\n{d}", f.name));
            }
        }
        for d in diags.errors() {
            assert!(d.hint.is_some(), "{}: every error has a hint\n{d}", f.name);
        }
        assert!(diags.has_errors() == (f.exit != 0), "{}", f.name);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

fn vanban(dir: &Path, args: &[&std::ffi::OsStr]) -> (i32, String) {
    let o = Command::new(env!("CARGO_BIN_EXE_vanban"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run vanban");
    let stderr = String::from_utf8(o.stderr).expect("stderr is UTF-8");
    assert_clean_stderr(&stderr);
    (o.status.code().unwrap_or(-1), stderr)
}

/// Exit code, every expected message and location on stderr, the Vietnamese label.
fn assert_reported(f: &Fixture, cmd: &str, code: i32, stderr: &str) {
    assert_eq!(code, f.exit, "{} ({cmd}): exit code\n{stderr}", f.name);
    assert!(
        stderr.contains("lỗi: "),
        "{} ({cmd}): label\n{stderr}",
        f.name
    );
    for e in f
        .expected
        .iter()
        .filter(|e| e.severity == vanban::diag::Severity::Error)
    {
        assert!(
            stderr.contains(&e.message),
            "{} ({cmd}): message {:?} not on stderr:\n{stderr}",
            f.name,
            e.message
        );
        if e.line > 0 {
            let place = format!(":{}:{}", e.line, e.column);
            assert!(
                stderr.contains(&place),
                "{} ({cmd}): {place}\n{stderr}",
                f.name
            );
        }
        if let Some(file) = &e.file {
            assert!(stderr.contains(file.as_str()), "{} ({cmd}): {file}", f.name);
        }
        if let Some(field) = &e.field {
            assert!(
                stderr.contains(&format!("= trường: {field}")),
                "{} ({cmd}): field {field}\n{stderr}",
                f.name
            );
        }
        if let Some(h) = &e.hint {
            assert!(stderr.contains(h.as_str()), "{} ({cmd}): hint {h}", f.name);
        }
    }
}

/// A data folder for `build`: the plan, the envelope (or the fixture), and a `bao-cao/` folder
/// holding the samples plus the fixture report (or the fixture folder's files).
fn data_folder(f: &Fixture, root: &Path) -> PathBuf {
    let data = root.join("data");
    let reports = data.join("bao-cao");
    std::fs::create_dir_all(&reports).expect("mkdir");
    std::fs::copy(
        fixture("ke-hoach-2025.yaml"),
        data.join("ke-hoach-2025.yaml"),
    )
    .expect("plan");
    let envelope = match f.kind {
        Kind::Envelope => f.input.clone(),
        _ => fixture("tong-hop-2025.yaml"),
    };
    std::fs::copy(envelope, data.join("tong-hop-2025.yaml")).expect("envelope");
    let from = match f.kind {
        Kind::Folder => f.input.clone(),
        _ => fixture("bao-cao"),
    };
    for e in std::fs::read_dir(from).expect("reports") {
        let p = e.expect("entry").path();
        std::fs::copy(&p, reports.join(p.file_name().expect("name"))).expect("copy");
    }
    if f.kind == Kind::Report {
        std::fs::copy(&f.input, reports.join(f.input.file_name().expect("name"))).expect("copy");
    }
    data
}

#[test]
fn every_report_fixture_through_the_binary() {
    let inputs = repo("tests/cases/invalid-reports");
    let before = snapshot(&inputs);
    let plan = fixture("ke-hoach-2025.yaml");
    let envelope = fixture("tong-hop-2025.yaml");
    for f in fixtures() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let out = tmp.path().join("ket-qua.docx");
        let os = |s: &'static str| std::ffi::OsStr::new(s);
        let mut commands: Vec<(&str, Vec<&std::ffi::OsStr>)> = Vec::new();
        if f.kind == Kind::Report {
            commands.push((
                "report",
                vec![
                    os("report"),
                    f.input.as_os_str(),
                    os("--plan"),
                    plan.as_os_str(),
                    os("-o"),
                    out.as_os_str(),
                ],
            ));
        }
        if f.kind != Kind::Folder {
            commands.push((
                "validate",
                vec![
                    os("validate"),
                    f.input.as_os_str(),
                    os("--plan"),
                    plan.as_os_str(),
                ],
            ));
        }
        let (folder, env) = match f.kind {
            Kind::Folder => (f.input.clone(), envelope.clone()),
            Kind::Envelope => (fixture("bao-cao"), f.input.clone()),
            Kind::Report => (
                f.input.parent().expect("dir").to_path_buf(),
                envelope.clone(),
            ),
        };
        // A report fixture is consolidated from a folder holding only it.
        let single = tmp.path().join("mot-tep");
        let folder = if f.kind == Kind::Report {
            std::fs::create_dir_all(&single).expect("mkdir");
            std::fs::copy(&f.input, single.join(f.input.file_name().expect("name"))).expect("copy");
            single.clone()
        } else {
            folder
        };
        commands.push((
            "consolidate",
            vec![
                os("consolidate"),
                os("--plan"),
                plan.as_os_str(),
                folder.as_os_str(),
                os("--envelope"),
                env.as_os_str(),
                os("-o"),
                out.as_os_str(),
            ],
        ));
        for (cmd, args) in &commands {
            // 1. No output file yet: none is created.
            let (code, stderr) = vanban(tmp.path(), args);
            assert_reported(&f, cmd, code, &stderr);
            assert!(!out.exists(), "{} ({cmd}): no output file on error", f.name);
            // 2. An existing output file is left exactly as it was.
            std::fs::write(&out, b"old document").expect("write");
            let (code, _) = vanban(tmp.path(), args);
            assert_eq!(code, f.exit, "{} ({cmd})", f.name);
            assert_eq!(
                std::fs::read(&out).expect("read"),
                b"old document",
                "{} ({cmd})",
                f.name
            );
            std::fs::remove_file(&out).expect("rm");
        }
        // 3. `build`: the failing documents are not written, the others are.
        let data = data_folder(&f, tmp.path());
        let o = tmp.path().join("output");
        let (code, stderr) = vanban(
            tmp.path(),
            &[
                os("build"),
                os("--data"),
                data.as_os_str(),
                os("-o"),
                o.as_os_str(),
            ],
        );
        assert_reported(&f, "build", code, &stderr);
        assert!(
            o.join("ke-hoach-2025.docx").is_file(),
            "{}: the plan is still written",
            f.name
        );
        assert!(
            !o.join("bao-cao-tong-hop-2025.docx").exists(),
            "{}: no consolidated report",
            f.name
        );
        if f.kind == Kind::Report {
            let written = std::fs::read_dir(o.join("bao-cao"))
                .expect("bao-cao")
                .filter(|e| {
                    let p = e.as_ref().expect("entry").path();
                    p.extension().is_some_and(|x| x == "docx")
                })
                .count();
            assert_eq!(
                written, 8,
                "{}: the eight good unit reports are written",
                f.name
            );
        }
        let leftovers: Vec<String> = std::fs::read_dir(tmp.path())
            .expect("dir")
            .map(|e| e.expect("entry").file_name().to_string_lossy().to_string())
            .filter(|n| n.contains(".tmp") || n.starts_with(".tmp"))
            .collect();
        assert!(
            leftovers.is_empty(),
            "{}: temporary files {leftovers:?}",
            f.name
        );
    }
    assert!(before == snapshot(&inputs), "inputs unchanged");
}
