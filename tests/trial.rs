//! Findings of a new user's trial from the README alone (issue 9, "trial"): each test runs the
//! built binary the way the user did.

use std::path::Path;
use std::process::Command;

use crate::support::fixture_workspace;

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

/// Finding 12: results on stdout, diagnostics on stderr; `-q` silences the summary.
#[test]
fn issue_9_trial_results_on_stdout_diagnostics_on_stderr() {
    let w = fixture_workspace();
    let d = w.path();
    let (code, out, err) = vanban(d, &["validate", "data"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("data/ke-hoach-2025.yaml: hợp lệ"), "{out}");
    assert!(!err.contains("hợp lệ"), "{err}");
    // The warnings (typos of the sample plan) are diagnostics.
    assert!(err.contains("cảnh báo"), "{err}");
    assert!(!out.contains("cảnh báo"), "{out}");
    let (code, out, err) = vanban(d, &["build"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Đã ghi output/ke-hoach-2025.docx"), "{out}");
    assert!(out.contains("Xong: đã ghi"), "{out}");
    assert!(!err.contains("Xong"), "{err}");
    let (code, out, _) = vanban(d, &["-q", "build"]);
    assert_eq!(code, 0);
    assert_eq!(out, "", "-q prints no result");
    // An invalid file: its verdict is a result too, its errors are diagnostics.
    std::fs::write(d.join("data/sai.yaml"), "loai: thong_bao\nso_ky_hieu: [\n").expect("write");
    let (code, out, err) = vanban(d, &["validate", "data/sai.yaml"]);
    assert_eq!(code, 1);
    assert!(out.contains("data/sai.yaml: KHÔNG hợp lệ"), "{out}");
    assert!(err.contains("lỗi:"), "{err}");
}
