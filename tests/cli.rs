//! The command line through the binary (issue 9): exit codes of every command for a missing path
//! or a folder (H28), edited outputs never lost (manifest, `--force`, stale files, `--clean`), the
//! working folder's `templates/`, quoted globs, `validate` of a folder, the typo lint's summary
//! and closed pipes.

use std::path::Path;
use std::process::Command;

use crate::support::{fixture, fixture_workspace, part, repo, visible_text};

/// Run the binary in `dir`: (exit code, stdout, stderr).
fn vanban(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let o = Command::new(env!("CARGO_BIN_EXE_vanban"))
        .current_dir(dir)
        .args(args)
        .output()
        .expect("run vanban");
    (
        o.status.code().unwrap_or(-1),
        String::from_utf8(o.stdout).expect("utf-8 stdout"),
        String::from_utf8(o.stderr).expect("utf-8 stderr"),
    )
}

/// The visible text of a written document, one line per paragraph.
fn text_of(path: &Path) -> String {
    let bytes = std::fs::read(path).expect("read docx");
    visible_text(&part(&bytes, "word/document.xml")).join("\n")
}

/// The files of `dir` (not recursive), sorted by name.
fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .expect("read dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().to_string())
        .collect();
    v.sort();
    v
}

// ---------------------------------------------------------------------------------------------
// H28: a missing file or a folder is exit 2 in every command
// ---------------------------------------------------------------------------------------------

#[test]
fn h28_missing_file_or_folder_is_exit_2_in_every_command() {
    let w = fixture_workspace();
    std::fs::create_dir_all(w.path().join("trong")).expect("mkdir");
    std::fs::copy(
        fixture("kinds/thong-bao.yaml"),
        w.path().join("thong-bao.yaml"),
    )
    .expect("copy");
    let plan = "data/ke-hoach-2025.yaml";
    let unit = "data/bao-cao/tram-y-te.yaml";
    let env = "data/tong-hop-2025.yaml";
    let reports = "data/bao-cao";
    // Every command, and every path argument of it, with a missing path and with a folder
    // (or a file where a folder is wanted).
    let cases: Vec<(&str, Vec<&str>)> = vec![
        ("plan: tệp", vec!["plan", "KHONG-CO.yaml", "-o", "o/x.docx"]),
        ("plan: thư mục", vec!["plan", "trong", "-o", "o/x.docx"]),
        (
            "plan --templates",
            vec!["plan", plan, "--templates", "KHONG-CO", "-o", "o/x.docx"],
        ),
        (
            "plan --templates tệp",
            vec!["plan", plan, "--templates", plan, "-o", "o/x.docx"],
        ),
        (
            "report: tệp",
            vec!["report", "KHONG-CO.yaml", "--plan", plan, "-o", "o/x.docx"],
        ),
        (
            "report: thư mục",
            vec!["report", "trong", "--plan", plan, "-o", "o/x.docx"],
        ),
        (
            "report --plan",
            vec!["report", unit, "--plan", "KHONG-CO.yaml", "-o", "o/x.docx"],
        ),
        (
            "report --plan thư mục",
            vec!["report", unit, "--plan", "trong", "-o", "o/x.docx"],
        ),
        (
            "consolidate --plan",
            vec![
                "consolidate",
                "--plan",
                "KHONG-CO",
                reports,
                "-o",
                "o/x.docx",
            ],
        ),
        (
            "consolidate --plan thư mục",
            vec!["consolidate", "--plan", "trong", reports, "-o", "o/x.docx"],
        ),
        (
            "consolidate THƯ_MỤC",
            vec!["consolidate", "--plan", plan, "KHONG-CO", "-o", "o/x.docx"],
        ),
        (
            "consolidate THƯ_MỤC là tệp",
            vec!["consolidate", "--plan", plan, unit, "-o", "o/x.docx"],
        ),
        (
            "consolidate --envelope",
            vec![
                "consolidate",
                "--plan",
                plan,
                reports,
                "--envelope",
                "KHONG-CO",
                "-o",
                "o/x.docx",
            ],
        ),
        (
            "consolidate --envelope thư mục",
            vec![
                "consolidate",
                "--plan",
                plan,
                reports,
                "--envelope",
                "trong",
                "-o",
                "o/x.docx",
            ],
        ),
        (
            "render: tệp",
            vec!["render", "KHONG-CO.yaml", "-o", "o/x.docx"],
        ),
        ("render: thư mục", vec!["render", "trong", "-o", "o/x.docx"]),
        (
            "render --plan",
            vec!["render", unit, "--plan", "KHONG-CO", "-o", "o/x.docx"],
        ),
        (
            "build --data",
            vec!["build", "--data", "KHONG-CO", "-o", "o"],
        ),
        (
            "build --data là tệp",
            vec!["build", "--data", plan, "-o", "o"],
        ),
        (
            "build --plan",
            vec!["build", "--plan", "KHONG-CO", "-o", "o"],
        ),
        (
            "build --plan thư mục",
            vec!["build", "--plan", "trong", "-o", "o"],
        ),
        (
            "build --envelope",
            vec!["build", "--envelope", "KHONG-CO", "-o", "o"],
        ),
        (
            "build --envelope thư mục",
            vec!["build", "--envelope", "trong", "-o", "o"],
        ),
        ("validate: tệp", vec!["validate", "KHONG-CO.yaml"]),
        (
            "validate: thư mục không có .yaml",
            vec!["validate", "trong"],
        ),
        (
            "validate --plan",
            vec!["validate", unit, "--plan", "KHONG-CO"],
        ),
        ("new: tệp đã có", vec!["new", "thong_bao", "thong-bao.yaml"]),
        ("new: là thư mục", vec!["new", "thong_bao", "trong"]),
        (
            "templates: -o là tệp",
            vec!["templates", "-o", "thong-bao.yaml"],
        ),
        // A missing folder is made (issue 9 trial, finding 14); a file in the path is not.
        (
            "new: một phần đường dẫn là tệp",
            vec!["new", "thong_bao", "thong-bao.yaml/x.yaml"],
        ),
    ];
    let before = std::fs::read(w.path().join(env)).expect("read");
    for (what, args) in &cases {
        let (code, _, err) = vanban(w.path(), args);
        assert_eq!(code, 2, "{what}: {args:?}\n{err}");
        assert!(
            err.starts_with("lỗi: "),
            "{what}: one Vietnamese error\n{err}"
        );
        assert!(!err.contains("panicked"), "{what}\n{err}");
        assert!(
            !w.path().join("o").exists(),
            "{what}: nothing written\n{err}"
        );
    }
    assert_eq!(std::fs::read(w.path().join(env)).expect("read"), before);
}

// ---------------------------------------------------------------------------------------------
// Item 12: edited outputs are never lost
// ---------------------------------------------------------------------------------------------

#[test]
fn issue_9_build_keeps_edited_outputs_names_and_cleans_stale_ones() {
    let w = fixture_workspace();
    let d = w.path();
    let (code, _, err) = vanban(d, &["-q", "build"]);
    assert_eq!(code, 0, "{err}");
    let out = d.join("output");
    let manifest = std::fs::read_to_string(out.join(".vanban-manifest")).expect("manifest");
    assert!(
        manifest.contains("\tbuild\tke-hoach-2025.docx\n"),
        "{manifest}"
    );
    assert!(
        std::fs::read_to_string(out.join("bao-cao/.vanban-manifest"))
            .expect("manifest of bao-cao/")
            .contains("\tbuild\ttram-y-te.docx\n")
    );

    // 1. An edited document survives the next build, with a warning naming it; exit 4.
    let plan_docx = out.join("ke-hoach-2025.docx");
    let mut edited = std::fs::read(&plan_docx).expect("read");
    edited.extend_from_slice(b"sua bang Word");
    std::fs::write(&plan_docx, &edited).expect("edit");
    let (code, out_text, err) = vanban(d, &["build"]);
    assert_eq!(code, 4, "{err}");
    assert!(
        err.contains("KHÔNG ghi đè output/ke-hoach-2025.docx"),
        "{err}"
    );
    assert!(err.contains("--force"), "{err}");
    assert_eq!(
        std::fs::read(&plan_docx).expect("read"),
        edited,
        "edit kept"
    );
    // The other documents were written as usual.
    assert!(
        out_text.contains("Đã ghi output/bao-cao/tram-y-te.docx"),
        "{out_text}"
    );
    // Still kept on the run after (the manifest still has what vanban wrote).
    assert_eq!(vanban(d, &["-q", "build"]).0, 4);
    assert_eq!(std::fs::read(&plan_docx).expect("read"), edited);

    // 2. --force overwrites it, and it is vanban's again.
    let (code, _, err) = vanban(d, &["-q", "build", "--force"]);
    assert_eq!(code, 0, "{err}");
    assert_ne!(std::fs::read(&plan_docx).expect("read"), edited);
    assert!(text_of(&plan_docx).contains("KẾ HOẠCH"));
    assert_eq!(vanban(d, &["-q", "build"]).0, 0);

    // 3. Units removed from the data: their old reports are named as stale; one of them edited.
    std::fs::remove_file(d.join("data/bao-cao/cong-an.yaml")).expect("rm");
    std::fs::remove_file(d.join("data/bao-cao/mat-tran.yaml")).expect("rm");
    let mat_tran = out.join("bao-cao/mat-tran.docx");
    let mut edited = std::fs::read(&mat_tran).expect("read");
    edited.extend_from_slice(b"sua");
    std::fs::write(&mat_tran, &edited).expect("edit");
    let (code, _, err) = vanban(d, &["build", "--allow-partial"]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("tệp cũ"), "{err}");
    assert!(err.contains("output/bao-cao/cong-an.docx"), "{err}");
    assert!(err.contains("output/bao-cao/mat-tran.docx"), "{err}");
    assert!(out.join("bao-cao/cong-an.docx").exists(), "only named");

    // A unit whose file is broken is not stale: --clean never removes its last good report.
    let tram = d.join("data/bao-cao/tram-y-te.yaml");
    let good = std::fs::read(&tram).expect("read");
    std::fs::write(&tram, "don_vi: [\n").expect("break");
    let (code, _, err) = vanban(d, &["build", "--allow-partial", "--clean"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("Không xóa tệp cũ nào"), "{err}");
    assert!(out.join("bao-cao/tram-y-te.docx").is_file());
    assert!(out.join("bao-cao/cong-an.docx").is_file());
    std::fs::write(&tram, good).expect("restore");

    // 4. --clean removes only the unchanged one; the edited one stays.
    let (code, out_text, err) = vanban(d, &["build", "--allow-partial", "--clean"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out_text.contains("Đã xóa tệp cũ output/bao-cao/cong-an.docx"),
        "{out_text}"
    );
    assert!(!out.join("bao-cao/cong-an.docx").exists());
    assert_eq!(std::fs::read(&mat_tran).expect("read"), edited);
    let names = names(&out.join("bao-cao"));
    assert_eq!(
        names.len(),
        8,
        "6 reports, mat-tran.docx, manifest: {names:?}"
    );
    assert!(names.iter().all(|n| !n.ends_with(".tmp")), "{names:?}");
}

#[test]
fn issue_9_every_writing_command_keeps_an_edited_or_foreign_file() {
    let w = fixture_workspace();
    let d = w.path();
    std::fs::copy(fixture("kinds/thong-bao.yaml"), d.join("thong-bao.yaml")).expect("copy");
    let commands: Vec<(&str, Vec<&str>)> = vec![
        (
            "plan",
            vec!["plan", "data/ke-hoach-2025.yaml", "-o", "o/x.docx"],
        ),
        (
            "report",
            vec![
                "report",
                "data/bao-cao/tram-y-te.yaml",
                "--plan",
                "data/ke-hoach-2025.yaml",
                "-o",
                "o/x.docx",
            ],
        ),
        (
            "consolidate",
            vec![
                "consolidate",
                "--plan",
                "data/ke-hoach-2025.yaml",
                "data/bao-cao",
                "-o",
                "o/x.docx",
            ],
        ),
        ("render", vec!["render", "thong-bao.yaml", "-o", "o/x.docx"]),
    ];
    let out = d.join("o/x.docx");
    for (cmd, args) in &commands {
        // The user's own file of the same name (not written by vanban): kept.
        std::fs::create_dir_all(d.join("o")).expect("mkdir");
        std::fs::write(&out, b"tep cua nguoi dung").expect("write");
        let (code, _, err) = vanban(d, args);
        assert_eq!(code, 4, "{cmd}: {err}");
        assert!(err.contains("không do vanban tạo ra"), "{cmd}: {err}");
        assert_eq!(std::fs::read(&out).expect("read"), b"tep cua nguoi dung");
        // --force writes it; the next run rewrites what vanban wrote without a word.
        let mut forced = args.clone();
        forced.push("--force");
        assert_eq!(vanban(d, &forced).0, 0, "{cmd}");
        let (code, out_text, err) = vanban(d, args);
        assert_eq!(code, 0, "{cmd}: {err}");
        assert!(out_text.contains("Đã ghi o/x.docx"), "{cmd}: {out_text}");
        // Edited after vanban wrote it: kept, with a warning saying so.
        let mut edited = std::fs::read(&out).expect("read");
        edited.push(b'!');
        std::fs::write(&out, &edited).expect("edit");
        let (code, _, err) = vanban(d, args);
        assert_eq!(code, 4, "{cmd}: {err}");
        assert!(
            err.contains("đã được sửa sau lần vanban tạo ra nó"),
            "{cmd}: {err}"
        );
        assert_eq!(std::fs::read(&out).expect("read"), edited, "{cmd}");
        std::fs::remove_dir_all(d.join("o")).expect("rm");
    }
}

#[test]
fn issue_9_an_identical_file_is_adopted_and_the_manifest_is_deterministic() {
    let w = fixture_workspace();
    let d = w.path();
    let args = ["-q", "plan", "data/ke-hoach-2025.yaml", "-o", "o/x.docx"];
    assert_eq!(vanban(d, &args).0, 0);
    let first = std::fs::read_to_string(d.join("o/.vanban-manifest")).expect("manifest");
    // The manifest lost (e.g. output copied elsewhere): the same bytes are simply recorded.
    std::fs::remove_file(d.join("o/.vanban-manifest")).expect("rm");
    assert_eq!(vanban(d, &args).0, 0);
    let again = std::fs::read_to_string(d.join("o/.vanban-manifest")).expect("manifest");
    assert_eq!(first, again, "same input, same manifest");
    assert_eq!(names(&d.join("o")), vec![".vanban-manifest", "x.docx"]);
}

// ---------------------------------------------------------------------------------------------
// Item 13: the working folder's templates/
// ---------------------------------------------------------------------------------------------

/// A templates folder holding only the plan template, with one paragraph added.
fn plan_template_with(dir: &Path, marker: &str) {
    std::fs::create_dir_all(dir).expect("mkdir");
    let builtin =
        std::fs::read_to_string(repo("templates/ke-hoach.md.hbs")).expect("built-in template");
    std::fs::write(
        dir.join("ke-hoach.md.hbs"),
        format!("{builtin}\n\n{marker}\n"),
    )
    .expect("write template");
}

#[test]
fn issue_9_templates_folder_of_the_working_folder_is_used_by_every_command() {
    let w = fixture_workspace();
    let d = w.path();
    let plan = "data/ke-hoach-2025.yaml";
    // Without ./templates: the built-in template.
    let (code, _, err) = vanban(d, &["-v", "plan", plan, "-o", "a.docx"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("mẫu `ke-hoach` (mẫu có sẵn trong chương trình)"),
        "{err}"
    );
    assert!(!text_of(&d.join("a.docx")).contains("Đoạn của phường"));

    // ./templates with only the plan template: used without --templates; -v says so.
    plan_template_with(&d.join("templates"), "Đoạn của phường.");
    let (code, _, err) = vanban(d, &["-v", "plan", plan, "-o", "b.docx"]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("đọc mẫu: thư mục templates"), "{err}");
    assert!(
        err.contains("mẫu `ke-hoach` từ templates/ke-hoach.md.hbs\n"),
        "{err}"
    );
    assert!(text_of(&d.join("b.docx")).contains("Đoạn của phường."));
    // build too.
    let (code, _, err) = vanban(d, &["-v", "build"]);
    assert_eq!(code, 0, "{err}");
    assert!(text_of(&d.join("output/ke-hoach-2025.docx")).contains("Đoạn của phường."));
    // A template the folder does not have is the built-in one.
    assert!(
        err.contains("mẫu `bao-cao` (mẫu có sẵn trong chương trình)"),
        "{err}"
    );

    // --templates still wins over ./templates.
    plan_template_with(&d.join("mau-khac"), "Đoạn của mẫu khác.");
    let (code, _, err) = vanban(
        d,
        &["plan", plan, "--templates", "mau-khac", "-o", "c.docx"],
    );
    assert_eq!(code, 0, "{err}");
    let text = text_of(&d.join("c.docx"));
    assert!(text.contains("Đoạn của mẫu khác."));
    assert!(!text.contains("Đoạn của phường."));

    // An error in ./templates is reported in that file by every command, never skipped.
    std::fs::write(d.join("templates/ke-hoach.md.hbs"), "{{#each muc_tieu}}\n").expect("w");
    let (code, _, err) = vanban(d, &["validate", plan]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("templates/ke-hoach.md.hbs:1:1"), "{err}");
}

// ---------------------------------------------------------------------------------------------
// Item 11: quoted globs, validate of a folder, the typo lint's summary, closed pipes
// ---------------------------------------------------------------------------------------------

#[test]
fn issue_9_every_command_expands_quoted_globs() {
    let w = fixture_workspace();
    let d = w.path();
    // Arguments passed as a Windows shell passes them: the pattern itself.
    let runs: Vec<Vec<&str>> = vec![
        vec!["plan", "data/ke-hoach-*.yaml", "-o", "o/kh.docx"],
        vec![
            "report",
            "data/bao-cao/tram-*.yaml",
            "--plan",
            "data/ke-hoach-*.yaml",
            "-o",
            "o/bc.docx",
        ],
        vec![
            "consolidate",
            "--plan",
            "data/ke-hoach-*.yaml",
            "data/bao-ca?",
            "--envelope",
            "data/tong-hop-*.yaml",
            "-o",
            "o/th.docx",
        ],
        vec![
            "validate",
            "data/bao-cao/*.yaml",
            "--plan",
            "data/ke-*.yaml",
        ],
        vec![
            "build",
            "--data",
            "dat?",
            "--plan",
            "data/ke-*.yaml",
            "-o",
            "o/all",
        ],
    ];
    for args in &runs {
        let mut a = vec!["-q"];
        a.extend(args);
        let (code, _, err) = vanban(d, &a);
        assert_eq!(code, 0, "{args:?}: {err}");
    }
    for f in [
        "o/kh.docx",
        "o/bc.docx",
        "o/th.docx",
        "o/all/ke-hoach-2025.docx",
    ] {
        assert!(d.join(f).is_file(), "{f}");
    }
    // A pattern that matches nothing, or several where one file is wanted: exit 2, said clearly.
    let (code, _, err) = vanban(d, &["plan", "data/khong-co-*.yaml"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("không có tệp nào khớp mẫu tên này"), "{err}");
    let (code, _, err) = vanban(d, &["plan", "data/*.yaml"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("khớp 2 tệp"), "{err}");
    assert!(!d.join("output").exists());
}

#[test]
fn issue_9_validate_accepts_a_folder() {
    let w = fixture_workspace();
    let (code, out, err) = vanban(w.path(), &["validate", "data"]);
    assert_eq!(code, 0, "{err}");
    // The plan, the envelope and the eight unit reports (checked against the plan found there).
    assert_eq!(out.matches(": hợp lệ").count(), 10, "{out}");
    assert!(out.contains("data/bao-cao/tram-y-te.yaml: hợp lệ"), "{out}");
    // A unit report folder alone finds the plan of its data folder.
    let (code, _, err) = vanban(w.path(), &["-q", "validate", "data/bao-cao"]);
    assert_eq!(code, 0, "{err}");
}

#[test]
fn issue_9_a_file_named_twice_is_read_once() {
    // A folder and a pattern inside it, or a pattern and one of its files: each file is
    // checked (and written) once, its warnings printed once.
    let w = fixture_workspace();
    let d = w.path();
    let (code, out, err) = vanban(d, &["validate", "data", "data/bao-cao/*.yaml"]);
    let err = format!("{out}{err}");
    assert_eq!(code, 0, "{err}");
    assert_eq!(err.matches(": hợp lệ").count(), 10, "{err}");
    assert_eq!(
        err.matches("cảnh báo: dòng «TRUNG TÂM Y TẾ").count(),
        1,
        "{err}"
    );
    let kinds = d.join("kinds");
    std::fs::create_dir(&kinds).expect("mkdir");
    for f in ["to-trinh.yaml", "thong-bao.yaml"] {
        std::fs::copy(fixture(&format!("kinds/{f}")), kinds.join(f)).expect("copy");
    }
    let (code, out, err) = vanban(
        d,
        &[
            "render",
            "kinds/*.yaml",
            "kinds/to-trinh.yaml",
            "./kinds/to-trinh.yaml",
            "-o",
            "o",
        ],
    );
    let err = format!("{out}{err}");
    assert_eq!(code, 0, "{err}");
    assert_eq!(err.matches("to-trinh.docx").count(), 1, "{err}");
}

#[test]
fn issue_9_typo_lint_is_one_line_per_file_unless_verbose() {
    let w = fixture_workspace();
    let (code, _, err) = vanban(w.path(), &["validate", "data/ke-hoach-2025.yaml"]);
    assert_eq!(code, 0, "{err}");
    let lines: Vec<&str> = err.lines().filter(|l| l.contains("gõ nhầm")).collect();
    assert_eq!(lines.len(), 1, "{err}");
    assert!(
        lines[0].starts_with("cảnh báo: data/ke-hoach-2025.yaml: 7 chỗ có thể gõ nhầm (dòng 95,"),
        "{err}"
    );
    assert!(lines[0].contains("-v"), "{err}");
    // -v: each one, with its place.
    let (_, _, err) = vanban(w.path(), &["-v", "validate", "data/ke-hoach-2025.yaml"]);
    assert_eq!(err.matches("có thể gõ nhầm: «").count(), 7, "{err}");
    assert!(err.contains("data/ke-hoach-2025.yaml:95:18"), "{err}");
    // -q: none.
    let (_, _, err) = vanban(w.path(), &["-q", "validate", "data/ke-hoach-2025.yaml"]);
    assert!(!err.contains("gõ nhầm"), "{err}");
}

/// Run `vanban ARGS` through `sh` with its output going into a pipe whose reader has already
/// gone (`true` exits at once; vanban starts after it): (vanban's exit code, its stderr when
/// stderr is not the pipe).
fn into_closed_pipe(dir: &Path, args: &str, stderr_too: bool) -> (i32, String) {
    let code = dir.join("code");
    let err = dir.join("err");
    let redirect = if stderr_too {
        "2>&1".to_string()
    } else {
        format!("2>'{}'", err.display())
    };
    let script = format!(
        "{{ sleep 0.3; '{}' {args} {redirect}; echo $? > '{}'; }} | true",
        env!("CARGO_BIN_EXE_vanban"),
        code.display()
    );
    let status = Command::new("sh")
        .current_dir(dir)
        .arg("-c")
        .arg(&script)
        .status()
        .expect("sh");
    assert!(status.success());
    let code: i32 = std::fs::read_to_string(&code)
        .expect("exit code")
        .trim()
        .parse()
        .expect("number");
    (code, std::fs::read_to_string(&err).unwrap_or_default())
}

#[cfg(unix)]
#[test]
fn issue_9_a_closed_pipe_never_panics() {
    let w = fixture_workspace();
    let d = w.path();
    // stdout closed: help, the list of kinds.
    for args in ["--help", "new --list", "build --help"] {
        let (code, err) = into_closed_pipe(d, args, false);
        assert_eq!(code, 0, "{args}: {err}");
        assert!(!err.contains("panicked"), "{args}: {err}");
    }
    // stderr closed too: every message of a long run goes nowhere, the run is unchanged.
    let (code, _) = into_closed_pipe(d, "-v validate data", true);
    assert_eq!(code, 0);
    let (code, _) = into_closed_pipe(d, "-v build", true);
    assert_eq!(code, 0);
    assert!(d.join("output/bao-cao-tong-hop-2025.docx").is_file());
    let (code, _) = into_closed_pipe(d, "plan KHONG-CO.yaml", true);
    assert_eq!(code, 2);
}
