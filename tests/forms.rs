//! Issue 11: the units' Excel forms — written by `vanban form`, filled by a spreadsheet library
//! (`umya-spreadsheet`, as a unit's spreadsheet program would), read back by `report`,
//! `consolidate`, `build` and `validate` like `.yaml` files; and the hard spreadsheet inputs
//! H33–H36.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_yaml::Value;
use umya_spreadsheet::Worksheet;

use crate::support::fill::{col, fill, find, sheet};
use crate::support::{fixture, fixture_workspace, part, visible_text};

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

fn yaml(path: &Path) -> Value {
    serde_yaml::from_str(&std::fs::read_to_string(path).expect("read yaml")).expect("yaml")
}

/// A workspace with the fixtures as `data/`, the blank forms written by `vanban form` into
/// `output/bieu-mau/`, and each unit's form filled from its YAML report into `forms/` under a
/// name the unit chose (`Bao cao <mã> (1).xlsx`).
fn filled_workspace() -> (tempfile::TempDir, PathBuf) {
    let w = fixture_workspace();
    let (code, _, err) = vanban(w.path(), &["form", "--plan", "data/ke-hoach-2025.yaml"]);
    assert_eq!(code, 0, "{err}");
    let forms = w.path().join("forms");
    std::fs::create_dir_all(&forms).unwrap();
    for e in std::fs::read_dir(fixture("bao-cao")).unwrap() {
        let p = e.unwrap().path();
        let id = p.file_stem().unwrap().to_string_lossy().to_string();
        let blank = w.path().join("output/bieu-mau").join(format!("{id}.xlsx"));
        fill(
            &blank,
            &yaml(&p),
            &forms.join(format!("Bao cao {id} (1).xlsx")),
        );
    }
    (w, forms)
}

#[test]
fn issue_11_form_is_deterministic_and_one_per_unit() {
    let w = fixture_workspace();
    let args = ["form", "--plan", "data/ke-hoach-2025.yaml", "-o", "a"];
    let (code, _, err) = vanban(w.path(), &args);
    assert_eq!(code, 0, "{err}");
    let (code, _, err) = vanban(
        w.path(),
        &["bieu-mau", "--plan", "data/ke-hoach-2025.yaml", "-o", "b"],
    );
    assert_eq!(code, 0, "{err}");
    let mut names: Vec<String> = std::fs::read_dir(w.path().join("a"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .filter(|n| n.ends_with(".xlsx"))
        .collect();
    names.sort();
    assert_eq!(names.len(), 8, "{names:?}");
    assert!(names.contains(&"tram-y-te.xlsx".to_string()));
    for n in &names {
        let a = std::fs::read(w.path().join("a").join(n)).unwrap();
        let b = std::fs::read(w.path().join("b").join(n)).unwrap();
        assert!(a == b, "{n}: two runs differ");
    }
    // --unit: only the codes given; an unknown code is an error naming the envelope's codes.
    let (code, _, err) = vanban(
        w.path(),
        &[
            "form",
            "--plan",
            "data/ke-hoach-2025.yaml",
            "--unit",
            "cong-an",
            "-o",
            "c",
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(std::fs::read_dir(w.path().join("c")).unwrap().count(), 2); // + manifest
    let (code, _, err) = vanban(
        w.path(),
        &[
            "form",
            "--plan",
            "data/ke-hoach-2025.yaml",
            "--unit",
            "cong-ann",
        ],
    );
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("cong-an"), "{err}");
}

#[test]
fn issue_11_blank_form_reads_with_empty_results_and_locked_codes() {
    let w = fixture_workspace();
    let (code, _, err) = vanban(w.path(), &["form", "--plan", "data/ke-hoach-2025.yaml"]);
    assert_eq!(code, 0, "{err}");
    let path = w.path().join("output/bieu-mau/tram-y-te.xlsx");
    let book = umya_spreadsheet::reader::xlsx::read(&path).unwrap();
    let ws = book.get_sheet_by_name("Chỉ tiêu").unwrap();
    let (header, code_col) = find(ws, "Mã chỉ tiêu");
    let result = col(ws, header, "Kết quả");
    let r = (header + 1..header + 60)
        .find(|&r| ws.get_value((code_col, r)) == "MT1.CT2")
        .unwrap();
    // The computed column's stored value is empty (a blank form shows blanks, not 0).
    assert_eq!(ws.get_value((result, r)), "");
    assert!(ws.get_cell((result, r)).unwrap().is_formula());
    // The ratio's columns are labelled with what they count.
    let guide = col(ws, header, "Hướng dẫn");
    assert!(ws
        .get_value((guide, r))
        .contains("Số cán bộ lãnh đạo, quản lý là nữ (người)"));
    // A blank form is not a report: its errors name cells of the form.
    let (code, _, err) = vanban(
        w.path(),
        &[
            "validate",
            "--plan",
            "data/ke-hoach-2025.yaml",
            "output/bieu-mau/tram-y-te.xlsx",
        ],
    );
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("tram-y-te.xlsx!Thông tin!B13"), "{err}");
    assert!(err.contains("trường: Ngày nộp"), "{err}");
}

/// Item 4: forms filled through a spreadsheet library consolidate to the same bytes as the
/// equivalent YAML files.
#[test]
fn issue_11_round_trip_forms_consolidate_like_yaml() {
    let (w, _) = filled_workspace();
    let base = [
        "--plan",
        "data/ke-hoach-2025.yaml",
        "--envelope",
        "data/tong-hop-2025.yaml",
    ];
    let run = |dir: &str, out: &str| {
        let mut args = vec!["consolidate", dir];
        args.extend(base);
        args.extend(["-o", out]);
        let (code, _, err) = vanban(w.path(), &args);
        assert_eq!(code, 0, "{dir}: {err}");
        assert!(!err.contains("lỗi"), "{err}");
        std::fs::read(w.path().join(out)).unwrap()
    };
    let from_yaml = run("data/bao-cao", "yaml.docx");
    let from_forms = run("forms", "forms.docx");
    if from_yaml != from_forms {
        let text = |b: &[u8]| visible_text(&part(b, "word/document.xml")).join("\n");
        let diff = similar::TextDiff::from_lines(&text(&from_yaml), &text(&from_forms))
            .unified_diff()
            .to_string();
        panic!("the consolidated reports differ:\n{diff}");
    }
    // `report` reads one form like its YAML file.
    let (code, _, err) = vanban(
        w.path(),
        &[
            "report",
            "forms/Bao cao tram-y-te (1).xlsx",
            "--plan",
            "data/ke-hoach-2025.yaml",
            "-o",
            "tyt-form.docx",
        ],
    );
    assert_eq!(code, 0, "{err}");
    let (code, _, err) = vanban(
        w.path(),
        &[
            "report",
            "data/bao-cao/tram-y-te.yaml",
            "--plan",
            "data/ke-hoach-2025.yaml",
            "-o",
            "tyt-yaml.docx",
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        std::fs::read(w.path().join("tyt-form.docx")).unwrap()
            == std::fs::read(w.path().join("tyt-yaml.docx")).unwrap()
    );
    // Without -o: named by the unit inside the form, not by the file's name.
    let (code, _, err) = vanban(
        w.path(),
        &[
            "report",
            "forms/Bao cao tram-y-te (1).xlsx",
            "--plan",
            "data/ke-hoach-2025.yaml",
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        w.path().join("output/bao-cao/tram-y-te.docx").exists(),
        "{err}"
    );
}

/// `build` reads forms put in `data/bao-cao/` and writes the forms with `--forms`.
#[test]
fn issue_11_build_reads_forms_in_the_reports_folder_and_writes_forms() {
    let (w, forms) = filled_workspace();
    let reports = w.path().join("data/bao-cao");
    // Half the units send a form, half their YAML file.
    for id in ["tram-y-te", "cong-an", "truong-thcs", "hoi-phu-nu"] {
        std::fs::remove_file(reports.join(format!("{id}.yaml"))).unwrap();
        std::fs::copy(
            forms.join(format!("Bao cao {id} (1).xlsx")),
            reports.join(format!("Bao cao {id} (1).xlsx")),
        )
        .unwrap();
    }
    let (code, _, err) = vanban(w.path(), &["build", "--forms", "-o", "out"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        w.path().join("out/bao-cao/tram-y-te.docx").exists(),
        "{err}"
    );
    assert!(w.path().join("out/bieu-mau/cong-an.xlsx").exists(), "{err}");
    assert!(w.path().join("out/bao-cao-tong-hop-2025.docx").exists());
}

/// Fill the tram-y-te form, apply `edit` to its indicator sheet, save it into a workspace's
/// `forms/` as `x.xlsx`, and validate it: (exit code, messages).
fn mistake(
    edit: impl FnOnce(&mut Worksheet, u32, &dyn Fn(&Worksheet, &str) -> u32),
) -> (i32, String) {
    let w = fixture_workspace();
    let (code, _, err) = vanban(w.path(), &["form", "--plan", "data/ke-hoach-2025.yaml"]);
    assert_eq!(code, 0, "{err}");
    let filled = w.path().join("filled.xlsx");
    fill(
        &w.path().join("output/bieu-mau/tram-y-te.xlsx"),
        &yaml(&fixture("bao-cao/tram-y-te.yaml")),
        &filled,
    );
    let mut book = umya_spreadsheet::reader::xlsx::read(&filled).unwrap();
    {
        let ws = sheet(&mut book, "Chỉ tiêu");
        let (header, code_col) = find(ws, "Mã chỉ tiêu");
        let row_of = move |ws: &Worksheet, code: &str| {
            (header + 1..header + 60)
                .find(|&r| ws.get_value((code_col, r)) == code)
                .unwrap_or_else(|| panic!("no row {code}"))
        };
        edit(ws, header, &row_of);
    }
    std::fs::create_dir_all(w.path().join("forms")).unwrap();
    umya_spreadsheet::writer::xlsx::write(&book, w.path().join("forms/x.xlsx")).unwrap();
    let (code, _, err) = vanban(
        w.path(),
        &[
            "validate",
            "--plan",
            "data/ke-hoach-2025.yaml",
            "forms/x.xlsx",
        ],
    );
    (code, err)
}

#[test]
fn h33_binary_noise_is_the_number_and_a_fraction_in_a_count_is_an_error() {
    // Noise on a ratio: read as typed, valid.
    let (code, err) = mistake(|ws, header, row| {
        let c = col(ws, header, "Tử số");
        let r = row(ws, "MT1.CT2");
        ws.get_cell_mut((c, r))
            .set_value_number(2.000_000_000_000_000_4);
    });
    assert_eq!(code, 0, "{err}");
    // A real fraction in a count: an error naming the cell.
    let (code, err) = mistake(|ws, header, row| {
        let c = col(ws, header, "Số lượng");
        let r = row(ws, "MT6.CT3");
        ws.get_cell_mut((c, r)).set_value_number(7.5);
    });
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("x.xlsx!Chỉ tiêu!G"), "{err}");
    assert!(err.contains("không phải số nguyên"), "{err}");
}

#[test]
fn h34_a_code_turned_into_a_number_and_text_figures_are_errors_with_their_cell() {
    let (code, err) = mistake(|ws, header, row| {
        let code_col = col(ws, header, "Mã chỉ tiêu");
        let r = row(ws, "MT1.CT2");
        ws.get_cell_mut((code_col, r)).set_value_number(1.1);
    });
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("là số `1.1`"), "{err}");
    let (code, err) = mistake(|ws, header, row| {
        let c = col(ws, header, "Mẫu số");
        let r = row(ws, "MT1.CT2");
        ws.get_cell_mut((c, r)).set_value_string("1.240");
    });
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("x.xlsx!Chỉ tiêu!F"), "{err}");
    assert!(err.contains("ghi chữ `1.240`, không phải số"), "{err}");
    assert!(err.contains("dấu phẩy thập phân"), "{err}");
}

#[test]
fn h35_a_moved_column_is_read_by_its_header_and_merged_cells_are_an_error() {
    // Swap the headers and contents of Tử số and Mẫu số: read by name, the figures stay right.
    let (code, err) = mistake(|ws, header, _| {
        let n = col(ws, header, "Tử số");
        let d = col(ws, header, "Mẫu số");
        for r in header..header + 60 {
            let a = ws.get_cell((n, r)).cloned();
            let b = ws.get_cell((d, r)).cloned();
            if let (Some(mut a), Some(mut b)) = (a, b) {
                a.get_coordinate_mut().set_col_num(d);
                b.get_coordinate_mut().set_col_num(n);
                ws.set_cell(a);
                ws.set_cell(b);
            }
        }
    });
    assert_eq!(code, 0, "{err}");
    // A merged pair of input cells: an error naming the range.
    let (code, err) = mistake(|ws, header, row| {
        let n = col(ws, header, "Tử số");
        let r = row(ws, "MT1.CT2");
        let name = |c: u32| char::from(b'A' + c as u8 - 1);
        ws.add_merge_cells(format!("{}{r}:{}{r}", name(n), name(n + 1)));
    });
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("bị gộp"), "{err}");
    // A figure typed below the table: no code, an error.
    let (code, err) = mistake(|ws, header, _| {
        let c = col(ws, header, "Số lượng");
        ws.get_cell_mut((c, header + 50)).set_value_number(3);
    });
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("không có mã chỉ tiêu"), "{err}");
}

#[test]
fn h35_rows_inserted_above_the_table_only_move_the_cells_named() {
    let (code, err) = mistake(|ws, _, _| {
        ws.insert_new_row(&1, &2);
        let (header, code_col) = find(ws, "Mã chỉ tiêu");
        let n = col(ws, header, "Tử số");
        let r = (header + 1..header + 60)
            .find(|&r| ws.get_value((code_col, r)) == "MT1.CT2")
            .unwrap();
        ws.get_cell_mut((n, r)).set_value_number(9);
    });
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("x.xlsx!Chỉ tiêu!E9"), "{err}");
    assert!(err.contains("tử số (9) lớn hơn mẫu số (4)"), "{err}");
}

#[test]
fn issue_11_a_missing_denominator_is_named_with_the_form_s_words() {
    let (code, err) = mistake(|ws, header, row| {
        let d = col(ws, header, "Mẫu số");
        let r = row(ws, "MT1.CT2");
        ws.get_cell_mut((d, r)).set_blank();
    });
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("x.xlsx!Chỉ tiêu!F7"), "{err}");
    assert!(err.contains("trường: Mẫu số (chỉ tiêu MT1.CT2)"), "{err}");
    assert!(err.contains("ghi số vào ô này"), "{err}");
    assert!(!err.contains("mau_so:"), "{err}");
}

#[test]
fn h36_an_uncomputed_formula_in_an_input_cell_is_an_error_and_results_are_never_read() {
    // The computed column holds nonsense: never read.
    let (code, err) = mistake(|ws, header, row| {
        let c = col(ws, header, "Kết quả");
        let r = row(ws, "MT1.CT2");
        ws.get_cell_mut((c, r)).set_value_number(999);
    });
    assert_eq!(code, 0, "{err}");
    // An input cell with a formula never computed (no stored value).
    let (code, err) = mistake(|ws, header, row| {
        let c = col(ws, header, "Tử số");
        let r = row(ws, "MT1.CT2");
        ws.get_cell_mut((c, r))
            .set_formula("1+1")
            .set_formula_result_default("");
    });
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("chưa có kết quả tính"), "{err}");
}

#[test]
fn issue_11_a_form_of_another_plan_and_an_old_xls_are_clear_errors() {
    let (code, err) = mistake(|ws, header, _| {
        let code_col = col(ws, header, "Mã chỉ tiêu");
        for r in header + 1..header + 60 {
            let v = ws.get_value((code_col, r));
            if !v.is_empty() {
                ws.get_cell_mut((code_col, r))
                    .set_value_string(format!("KH2.{v}"));
            }
        }
    });
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("của một kế hoạch khác"), "{err}");
    let w = fixture_workspace();
    std::fs::write(w.path().join("old.xls"), b"\xD0\xCF\x11\xE0").unwrap();
    let (code, _, err) = vanban(
        w.path(),
        &["validate", "--plan", "data/ke-hoach-2025.yaml", "old.xls"],
    );
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("Excel 97–2003"), "{err}");
}

#[test]
fn issue_11_ratio_numerator_above_denominator_is_the_yaml_error_at_its_cell() {
    let (code, err) = mistake(|ws, header, row| {
        let n = col(ws, header, "Tử số");
        let r = row(ws, "MT1.CT2");
        ws.get_cell_mut((n, r)).set_value_number(9);
    });
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("tử số (9) lớn hơn mẫu số (4)"), "{err}");
    assert!(err.contains("x.xlsx!Chỉ tiêu!E"), "{err}");
    assert!(err.contains("trường: Tử số (chỉ tiêu MT1.CT2)"), "{err}");
}
