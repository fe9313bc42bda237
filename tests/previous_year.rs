//! Issue 12, item 4: comparison with the previous year. Last year's results — last year's
//! export (`consolidate --export`, figures under `ma_cap_tren`) or, for the first year, a file of
//! values as published — give Phụ lục I a column `Năm 2024` and each indicator of the synthesis
//! a clause `tăng 3,2 điểm % so với năm 2024`. Everything through the binary.

use std::path::Path;

use crate::support::{fixture, part, vanban, visible_text};

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    std::fs::write(path, text).expect("write");
}

/// (exit code, stderr + stdout) of the binary run in `dir`.
fn run(dir: &Path, args: &[&str]) -> (i32, String) {
    let o = vanban(dir, args);
    (
        o.status.code().unwrap_or(-1),
        String::from_utf8(o.stderr).expect("utf-8") + &String::from_utf8(o.stdout).expect("utf-8"),
    )
}

/// The fixture plan with `ma_cap_tren: "TP.<ma>"` under each indicator code.
fn plan_with_upper_codes() -> String {
    let text = std::fs::read_to_string(fixture("ke-hoach-2025.yaml")).expect("fixture plan");
    let mut out = String::new();
    for line in text.lines() {
        out.push_str(line);
        out.push('\n');
        let t = line.trim_start();
        if let Some(rest) = t.strip_prefix("- ma: \"MT") {
            let code = rest.split('"').next().expect("quoted code");
            let indent = " ".repeat(line.len() - t.len());
            out.push_str(&format!("{indent}  ma_cap_tren: \"TP.MT{code}\"\n"));
        }
    }
    out
}

/// A fixture report as last year's: each `tu_so` one less, each `so_luong` two less (not below 0).
fn last_year(report: &str) -> String {
    report
        .lines()
        .map(|line| {
            for key in ["tu_so: ", "so_luong: "] {
                if let Some(i) = line.find(key) {
                    let (head, rest) = line.split_at(i + key.len());
                    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
                    if let Ok(n) = digits.parse::<u64>() {
                        let less = if key == "tu_so: " { 1 } else { 2 };
                        return format!(
                            "{head}{}{}",
                            n.saturating_sub(less),
                            &rest[digits.len()..]
                        );
                    }
                }
            }
            line.to_string()
        })
        .map(|l| l + "\n")
        .collect()
}

/// The workspace: `ke-hoach.yaml` (with `ma_cap_tren`), this year's `bao-cao/` and
/// `tong-hop.yaml` (the fixtures), last year's `nam-truoc/bao-cao/` (figures altered) and
/// `nam-truoc/tong-hop.yaml` (dated 2024, with `cap_tren`).
fn workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    write(&d.join("ke-hoach.yaml"), &plan_with_upper_codes());
    let envelope = std::fs::read_to_string(fixture("tong-hop-2025.yaml")).expect("envelope");
    write(&d.join("tong-hop.yaml"), &envelope);
    write(
        &d.join("nam-truoc/tong-hop.yaml"),
        &(envelope.replace("ngay_ban_hanh: \"2025-12-10\"", "ngay_ban_hanh: \"2024-12-10\"")
            + "\ncap_tren:\n  don_vi: { ma: \"phuong-nguyen-trai\", ten: \"Phường Nguyễn Trãi\" }\n"),
    );
    for e in std::fs::read_dir(fixture("bao-cao")).expect("fixtures") {
        let p = e.expect("entry").path();
        let name = p.file_name().expect("name").to_owned();
        let text = std::fs::read_to_string(&p).expect("report");
        write(&d.join("bao-cao").join(&name), &text);
        write(&d.join("nam-truoc/bao-cao").join(&name), &last_year(&text));
    }
    dir
}

/// Last year's export: `cap-tren/phuong-nguyen-trai.yaml`.
fn export_last_year(d: &Path) {
    let (code, out) = run(
        d,
        &[
            "consolidate",
            "--plan",
            "ke-hoach.yaml",
            "nam-truoc/bao-cao",
            "--envelope",
            "nam-truoc/tong-hop.yaml",
            "-o",
            "out/2024.docx",
            "--export",
            "cap-tren/phuong-nguyen-trai.yaml",
        ],
    );
    assert_eq!(code, 0, "{out}");
}

/// This year's consolidated report into `out/<name>.docx`, with `extra` arguments.
fn consolidate(d: &Path, name: &str, extra: &[&str]) -> (i32, String) {
    let out = format!("out/{name}.docx");
    let mut args = vec![
        "consolidate",
        "--plan",
        "ke-hoach.yaml",
        "bao-cao",
        "--envelope",
        "tong-hop.yaml",
        "-o",
        &out,
    ];
    args.extend_from_slice(extra);
    run(d, &args)
}

/// The paragraphs (and cells) of a .docx, one per line.
fn text(path: &Path) -> Vec<String> {
    let bytes = std::fs::read(path).expect("docx");
    visible_text(&part(&bytes, "word/document.xml"))
}

fn line_with<'a>(lines: &'a [String], needle: &str) -> &'a str {
    lines
        .iter()
        .find(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("no line with {needle:?}"))
}

#[test]
fn issue_12_previous_year_from_last_years_export() {
    let ws = workspace();
    let d = ws.path();
    export_last_year(d);
    let (code, out) = consolidate(
        d,
        "with",
        &["--previous", "cap-tren/phuong-nguyen-trai.yaml"],
    );
    assert_eq!(code, 0, "{out}");
    assert!(!out.contains("không được so sánh"), "{out}");
    let t = text(&d.join("out/with.docx"));
    // MT1.CT2: 10/24 = 41,7% this year; last year 5 units each one less: 5/24 = 20,8%.
    let s = line_with(&t, "Tỷ lệ nữ tham gia lãnh đạo, quản lý:");
    assert!(
        s.ends_with("vượt kế hoạch, tăng 20,9 điểm % so với năm 2024."),
        "{s}"
    );
    // MT1.CT3: 17/31 = 54,8%; last year 3 units: 14/31 = 45,2%.
    let s = line_with(&t, "Tỷ lệ nữ tham gia lãnh đạo ở các đoàn thể:");
    assert!(s.contains("tăng 9,6 điểm % so với năm 2024"), "{s}");
    // A ratio in ‰ that did not change: `bằng năm 2024`.
    let s = line_with(&t, "Tỷ suất sinh ở vị thành niên:");
    assert!(s.ends_with(", bằng năm 2024."), "{s}");
    // The count MT6.CT3: 3 + 2 = 5 this year; last year each two less, 1 + 0 = 1.
    let s = line_with(&t, "Số tin, bài về bình đẳng giới");
    assert!(
        s.contains("tăng 4 tin, bài/quý (400%) so với năm 2024"),
        "{s}"
    );
    // The qualitative MT1.CT1 has no clause; its column says what last year's export says.
    let s = line_with(&t, "Quy hoạch cán bộ, ưu tiên cán bộ nữ, trẻ:");
    assert!(!s.contains("so với năm"), "{s}");
    // Phụ lục I: the column, before Kế hoạch.
    let header = t
        .iter()
        .position(|l| l == "Năm 2024")
        .expect("column header");
    assert_eq!(t[header - 1], "Đơn vị tính");
    assert_eq!(t[header + 1], "Kế hoạch");

    // The export's code that this year's plan lacks (its `ma_cap_tren` changed): a located
    // warning with "did you mean"; that indicator has no comparison, the others keep theirs.
    let export = d.join("cap-tren/phuong-nguyen-trai.yaml");
    let text_of = std::fs::read_to_string(&export).expect("export");
    assert!(text_of.contains("- ma: TP.MT1.CT3\n"), "{text_of}");
    write(
        &d.join("khac/phuong.yaml"),
        &text_of.replace("- ma: TP.MT1.CT3\n", "- ma: TP.MT1.CT33\n"),
    );
    let (code, out) = consolidate(d, "renamed", &["--previous", "khac/phuong.yaml"]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("không có chỉ tiêu mã cấp trên (`ma_cap_tren`) `TP.MT1.CT33`"),
        "{out}"
    );
    assert!(out.contains("có phải ý bạn là `TP.MT1.CT3`?"), "{out}");
    assert!(out.contains("trường: so_lieu[2].ma"), "{out}");
    let t = text(&d.join("out/renamed.docx"));
    let s = line_with(&t, "Tỷ lệ nữ tham gia lãnh đạo ở các đoàn thể:");
    assert!(!s.contains("so với năm"), "{s}");
    let s = line_with(&t, "Tỷ lệ nữ tham gia lãnh đạo, quản lý:");
    assert!(s.contains("so với năm 2024"), "{s}");

    // An export of another unit than this body's `cap_tren.don_vi`: a warning at its code.
    let envelope = std::fs::read_to_string(d.join("tong-hop.yaml")).expect("envelope");
    write(
        &d.join("tong-hop-khac.yaml"),
        &(envelope + "\ncap_tren:\n  don_vi: { ma: \"phuong-khac\", ten: \"Phường Khác\" }\n"),
    );
    let (code, out) = run(
        d,
        &[
            "consolidate",
            "--plan",
            "ke-hoach.yaml",
            "bao-cao",
            "--envelope",
            "tong-hop-khac.yaml",
            "-o",
            "out/khac.docx",
            "--previous",
            "cap-tren/phuong-nguyen-trai.yaml",
        ],
    );
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("là của đơn vị `phuong-nguyen-trai`, không phải `phuong-khac`"),
        "{out}"
    );
    assert!(out.contains("trường: don_vi.ma"), "{out}");
}

#[test]
fn issue_12_previous_year_from_published_values_a_code_not_in_the_plan_warns() {
    let ws = workspace();
    let d = ws.path();
    write(
        &d.join("nam-truoc/cong-bo-2024.yaml"),
        "nam: 2024\nchi_tieu:\n  - { ma: MT1.CT2, gia_tri: 38.5 }\n  - { ma: MT1.CT33, gia_tri: 50 }\n  - { ma: MT6.CT3, gia_tri: 4 }\n  - { ma: MT4.CT1, gia_tri: 108.2 }\n",
    );
    // `validate` knows the kind.
    let (code, out) = run(
        d,
        &[
            "validate",
            "nam-truoc/cong-bo-2024.yaml",
            "--plan",
            "ke-hoach.yaml",
        ],
    );
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("nam-truoc/cong-bo-2024.yaml:4:11"), "{out}");
    let (code, out) = consolidate(
        d,
        "published",
        &["--previous", "nam-truoc/cong-bo-2024.yaml"],
    );
    assert_eq!(code, 0, "{out}");
    // The warning is located at the code, with "did you mean".
    assert!(
        out.contains("kế hoạch năm nay không có chỉ tiêu mã `MT1.CT33`"),
        "{out}"
    );
    assert!(out.contains("nam-truoc/cong-bo-2024.yaml:4:11"), "{out}");
    assert!(out.contains("có phải ý bạn là `MT1.CT3`?"), "{out}");
    let t = text(&d.join("out/published.docx"));
    // 41,7% against 38,5% as published.
    let s = line_with(&t, "Tỷ lệ nữ tham gia lãnh đạo, quản lý:");
    assert!(s.ends_with(", tăng 3,2 điểm % so với năm 2024."), "{s}");
    // 5 against 4: one more, 25%.
    let s = line_with(&t, "Số tin, bài về bình đẳng giới");
    assert!(
        s.contains("tăng 1 tin, bài/quý (25%) so với năm 2024"),
        "{s}"
    );
    // Only indicators with a previous value get the clause.
    let s = line_with(&t, "Tỷ lệ nữ tham gia lãnh đạo ở các đoàn thể:");
    assert!(!s.contains("so với năm"), "{s}");
    assert!(t.iter().any(|l| l == "Năm 2024"));
    assert!(t.iter().any(|l| l == "38,5"));
    // Tỷ số giới tính khi sinh: 108,2 last year, so the row's Kế hoạch and Kết quả get one
    // decimal too (`100,0`, `104,0`).
    assert!(
        t.windows(3).any(|w| w == ["108,2", "100,0", "104,0"]),
        "{t:?}"
    );
    assert!(t
        .iter()
        .any(|l| l.ends_with("“Năm 2024”: kết quả năm 2024 theo số liệu đã công bố.")));
}

#[test]
fn issue_12_previous_year_column_only_with_previous_data_and_deterministic() {
    let ws = workspace();
    let d = ws.path();
    write(
        &d.join("cong-bo.yaml"),
        "nam: 2024\nchi_tieu:\n  - { ma: MT1.CT2, gia_tri: 45 }\n",
    );
    let (code, out) = consolidate(d, "without", &[]);
    assert_eq!(code, 0, "{out}");
    let t = text(&d.join("out/without.docx"));
    assert!(!t.iter().any(|l| l.starts_with("Năm 20")), "{t:?}");
    assert!(!t
        .iter()
        .any(|l| l.contains("so với năm") || l.contains("“Năm")));
    for name in ["a", "b"] {
        let (code, out) = consolidate(d, name, &["--previous", "cong-bo.yaml"]);
        assert_eq!(code, 0, "{out}");
    }
    let a = std::fs::read(d.join("out/a.docx")).expect("a");
    assert_eq!(a, std::fs::read(d.join("out/b.docx")).expect("b"));
    let t = text(&d.join("out/a.docx"));
    // Below last year: `giảm`.
    let s = line_with(&t, "Tỷ lệ nữ tham gia lãnh đạo, quản lý:");
    assert!(s.ends_with(", giảm 3,3 điểm % so với năm 2024."), "{s}");
    // A file of the report's own year is a warning at its year (the report is of 2025).
    write(
        &d.join("cung-nam.yaml"),
        "nam: 2025\nchi_tieu:\n  - { ma: MT1.CT2, gia_tri: 45 }\n",
    );
    let (code, out) = consolidate(d, "c", &["--previous", "cung-nam.yaml"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("kết quả năm trước là của năm 2025"), "{out}");
    assert!(out.contains("cung-nam.yaml:1:6"), "{out}");
    // The Vietnamese decimal comma inside `{ … }` splits the number into a field: said so.
    write(
        &d.join("dau-phay.yaml"),
        "nam: 2024\nchi_tieu:\n  - { ma: MT1.CT2, gia_tri: 38,5 }\n",
    );
    let (code, out) = consolidate(d, "d", &["--previous", "dau-phay.yaml"]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("dau-phay.yaml:3:32"), "{out}");
    assert!(out.contains("viết số thập phân bằng dấu chấm"), "{out}");
    assert!(!d.join("out/d.docx").exists());
}

#[test]
fn issue_12_previous_year_named_in_the_envelope_build_honours_it_missing_file_exit_2() {
    let ws = crate::support::fixture_workspace();
    let d = ws.path();
    write(
        &d.join("data/nam-truoc/ket-qua-2024.yaml"),
        "nam: 2024\nchi_tieu:\n  - { ma: MT1.CT2, gia_tri: 38.5 }\n",
    );
    let envelope = d.join("data/tong-hop-2025.yaml");
    let text_of = std::fs::read_to_string(&envelope).expect("envelope");
    write(
        &envelope,
        &(text_of.clone() + "\nnam_truoc: nam-truoc/ket-qua-2024.yaml\n"),
    );
    let (code, out) = run(d, &["build"]);
    assert!(code == 0, "{out}");
    let t = text(&d.join("output/bao-cao-tong-hop-2025.docx"));
    let s = line_with(&t, "Tỷ lệ nữ tham gia lãnh đạo, quản lý:");
    assert!(s.ends_with(", tăng 3,2 điểm % so với năm 2024."), "{s}");
    // The file named in the envelope is missing: exit 2 for consolidate, with did-you-mean.
    write(
        &envelope,
        &(text_of + "\nnam_truoc: nam-truoc/ket-qua-2O24.yaml\n"),
    );
    let (code, out) = run(
        d,
        &[
            "consolidate",
            "--plan",
            "data/ke-hoach-2025.yaml",
            "data/bao-cao",
            "-o",
            "output/x.docx",
        ],
    );
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("ket-qua-2O24.yaml"), "{out}");
    assert!(out.contains("có phải ý bạn là"), "{out}");
    assert!(out.contains("ghi ở `nam_truoc` của"), "{out}");
    assert!(!d.join("output/x.docx").exists());
    // `--previous` to a missing file: exit 2 before anything is read.
    let (code, out) = run(
        d,
        &[
            "consolidate",
            "--plan",
            "data/ke-hoach-2025.yaml",
            "data/bao-cao",
            "--previous",
            "khong-co.yaml",
            "-o",
            "output/y.docx",
        ],
    );
    assert_eq!(code, 2, "{out}");
    assert!(!d.join("output/y.docx").exists());
}
