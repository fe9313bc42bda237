//! Issue 12, item 5: consolidation across levels. A ward's consolidated figures exported as a
//! unit report of the higher level (`consolidate --export`, `build` with `cap_tren.xuat`), and
//! the higher level consolidating its wards' files exactly as a ward consolidates its units.
//!
//! The main test builds 3 wards × 8 units from the fixture reports with varied figures, runs
//! each ward's consolidation with `--export` through the binary, and checks that the city's
//! consolidation of the 3 exports equals the consolidation of the 24 units directly (sums,
//! results, evaluations), and that the city's report names the ward and its units.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_yaml::Value;
use vanban::internals::consolidate::{consolidate, Consolidated};
use vanban::{collect_unit_reports, load_envelope, load_plan, Plan};

use crate::support::{fixture, golden, part, visible_text};

/// Run the binary in `dir`: (exit code, stderr).
fn vanban(dir: &Path, args: &[&str]) -> (i32, String) {
    let o = Command::new(env!("CARGO_BIN_EXE_vanban"))
        .current_dir(dir)
        .args(args)
        .output()
        .expect("run vanban");
    // Everything printed: diagnostics (stderr), then the results (stdout).
    (
        o.status.code().unwrap_or(-1),
        String::from_utf8(o.stderr).expect("utf-8 stderr")
            + &String::from_utf8(o.stdout).expect("utf-8 stdout"),
    )
}

/// The city's code of a ward indicator: `MT3.CT2a` → `TP-3.2a` (other codes than the ward's,
/// so that only the mapping can join them).
fn city_code(ward: &str) -> String {
    format!(
        "TP-{}",
        ward.trim_start_matches("MT").replacen(".CT", ".", 1)
    )
}

/// The fixture plan with each indicator code line rewritten by `f` (given the indentation and
/// the code).
fn plan_text(f: impl Fn(&str, &str) -> String) -> String {
    let text = std::fs::read_to_string(fixture("ke-hoach-2025.yaml")).expect("fixture plan");
    let mut out = String::new();
    for line in text.lines() {
        let t = line.trim_start();
        match t.strip_prefix("- ma: \"") {
            Some(rest) => {
                let code = rest.split('"').next().expect("quoted code");
                let indent = &line[..line.len() - t.len()];
                out.push_str(&f(indent, code));
            }
            None => out.push_str(line),
        }
        out.push('\n');
    }
    out
}

/// The ward's plan: the fixture's, each indicator with `ma_cap_tren` (except `unmapped`).
fn ward_plan(unmapped: &[&str]) -> String {
    plan_text(|indent, code| {
        if unmapped.contains(&code) {
            format!("{indent}- ma: \"{code}\"")
        } else {
            format!(
                "{indent}- ma: \"{code}\"\n{indent}  ma_cap_tren: \"{}\"",
                city_code(code)
            )
        }
    })
}

/// The city's plan: the same indicators under the city's codes, issued by the city.
fn city_plan() -> String {
    plan_text(|indent, code| format!("{indent}- ma: \"{}\"", city_code(code)))
        .replace("PHƯỜNG NGUYỄN TRÃI", "THÀNH PHỐ KON TUM")
}

const WARDS: [(&str, &str); 3] = [
    ("phuong-nguyen-trai", "Phường Nguyễn Trãi"),
    ("phuong-quyet-thang", "Phường Quyết Thắng"),
    ("phuong-thang-loi", "Phường Thắng Lợi"),
];

/// The `so_lieu` of a fixture report with figures varied by ward `w` and unit `u`, codes mapped
/// by `code`.
fn vary(report: &mut Value, w: usize, u: usize, code: &dyn Fn(&str) -> String) {
    let Some(figures) = report.get_mut("so_lieu").and_then(Value::as_sequence_mut) else {
        return;
    };
    for f in figures {
        let m = f.as_mapping_mut().expect("figure mapping");
        let ma = m["ma"].as_str().expect("code").to_string();
        m.insert("ma".into(), code(&ma).into());
        let num = |m: &serde_yaml::Mapping, k: &str| m.get(k).and_then(Value::as_f64);
        if let (Some(n), Some(d)) = (num(m, "tu_so"), num(m, "mau_so")) {
            let d2 = d + (3 * w + u) as f64;
            let n2 = (n + (w + u % 3) as f64).min(d2);
            m.insert("tu_so".into(), (n2 as u64).into());
            m.insert("mau_so".into(), (d2 as u64).into());
        }
        if let Some(c) = num(m, "so_luong") {
            m.insert("so_luong".into(), ((c as u64) + w as u64).into());
        }
        if m.contains_key("hoan_thanh") && w == 2 && u == 0 {
            m.insert("hoan_thanh".into(), false.into());
        }
    }
}

/// The fixture unit reports, sorted by file name: (unit code, parsed YAML).
fn fixture_units() -> Vec<(String, Value)> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(fixture("bao-cao"))
        .expect("fixtures")
        .map(|e| e.expect("entry").path())
        .collect();
    files.sort();
    files
        .iter()
        .map(|p| {
            let text = std::fs::read_to_string(p).expect("read fixture");
            let v: Value = serde_yaml::from_str(&text).expect("fixture yaml");
            let id = v["don_vi"]["ma"].as_str().expect("unit code").to_string();
            (id, v)
        })
        .collect()
}

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    std::fs::write(path, text).expect("write");
}

/// The ward's envelope: the fixture's, with its name and its place at the city level.
fn ward_envelope(w: usize, extra: &str) -> String {
    let (id, name) = WARDS[w];
    let text = std::fs::read_to_string(fixture("tong-hop-2025.yaml")).expect("fixture envelope");
    format!(
        "{}\ncap_tren:\n  don_vi: {{ ma: \"{id}\", ten: \"{name}\" }}\n{extra}",
        text.replace("Nguyễn Trãi", &name["Phường ".len()..])
    )
}

/// The city's envelope, expecting `units` (code, name).
fn city_envelope(units: &[(String, String)]) -> String {
    let list: String = units
        .iter()
        .map(|(id, name)| format!("  - {{ ma: \"{id}\", ten: \"{name}\" }}\n"))
        .collect();
    format!(
        "co_quan:\n  ban_hanh: [\"ỦY BAN NHÂN DÂN\", \"THÀNH PHỐ KON TUM\"]\n\
         so_ky_hieu: \"/BC-UBND\"\ndia_danh: \"Kon Tum\"\nngay_ban_hanh: \"2025-12-20\"\n\
         kinh_gui: [\"Ủy ban nhân dân tỉnh Kon Tum\"]\n\
         trich_yeu: \"Kết quả thực hiện công tác bình đẳng giới năm 2025\"\n\
         han_nop: \"2025-12-15\"\ndon_vi_phai_bao_cao:\n{list}\
         noi_nhan: [\"Lưu: VT\"]\nky: {{ chuc_vu: \"CHỦ TỊCH\", nguoi_ky: \"Nguyễn Văn A\" }}\n"
    )
}

/// The workspace: `phuong/ke-hoach.yaml`, `<ward>/{tong-hop.yaml, bao-cao/}` for each ward,
/// `thanh-pho/ke-hoach.yaml`, `thanh-pho/truc-tiep/` (the 24 units under the city's codes,
/// codes `<ward>--<unit>`) with its envelope, and `thanh-pho/tong-hop-phuong.yaml` (the wards).
fn workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    write(&d.join("phuong/ke-hoach.yaml"), &ward_plan(&[]));
    write(&d.join("thanh-pho/ke-hoach.yaml"), &city_plan());
    let mut direct_units = Vec::new();
    for (w, (ward, ward_name)) in WARDS.iter().enumerate() {
        write(&d.join(ward).join("tong-hop.yaml"), &ward_envelope(w, ""));
        for (u, (unit, report)) in fixture_units().into_iter().enumerate() {
            let mut at_ward = report.clone();
            vary(&mut at_ward, w, u, &|c| c.to_string());
            write(
                &d.join(ward).join("bao-cao").join(format!("{unit}.yaml")),
                &serde_yaml::to_string(&at_ward).expect("yaml"),
            );
            let mut direct = report;
            vary(&mut direct, w, u, &city_code);
            let id = format!("{ward}--{unit}");
            direct["don_vi"]["ma"] = id.clone().into();
            let name = direct["don_vi"]["ten"].as_str().expect("name").to_string();
            direct_units.push((id.clone(), format!("{name} ({ward_name})")));
            write(
                &d.join("thanh-pho/truc-tiep").join(format!("{id}.yaml")),
                &serde_yaml::to_string(&direct).expect("yaml"),
            );
        }
    }
    write(
        &d.join("thanh-pho/tong-hop-truc-tiep.yaml"),
        &city_envelope(&direct_units),
    );
    let wards: Vec<(String, String)> = WARDS
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
    write(
        &d.join("thanh-pho/tong-hop-phuong.yaml"),
        &city_envelope(&wards),
    );
    dir
}

/// Consolidate each ward with `--export` into `thanh-pho/phuong/<ward>.yaml`.
fn export_wards(d: &Path) {
    for (ward, _) in WARDS {
        let (code, err) = vanban(
            d,
            &[
                "consolidate",
                "--plan",
                "phuong/ke-hoach.yaml",
                &format!("{ward}/bao-cao"),
                "--envelope",
                &format!("{ward}/tong-hop.yaml"),
                "-o",
                &format!("out/{ward}.docx"),
                "--export",
                &format!("thanh-pho/phuong/{ward}.yaml"),
            ],
        );
        assert_eq!(code, 0, "{ward}: {err}");
        assert!(err.contains("số liệu gửi cấp trên"), "{err}");
    }
}

/// The library's consolidation of the report folder `dir` under `plan` and `envelope`.
fn consolidated(plan: &Plan, dir: &Path, envelope: &Path) -> Consolidated {
    let collected = collect_unit_reports(dir, plan).expect("collect");
    assert!(collected.rejected.is_empty(), "{:?}", collected.errors());
    let env = load_envelope(envelope).expect("envelope").value;
    consolidate(plan, &env, &collected.reports, &[])
}

fn text_of(path: &Path) -> String {
    let bytes = std::fs::read(path).expect("read docx");
    visible_text(&part(&bytes, "word/document.xml")).join("\n")
}

#[test]
fn issue_12_three_wards_of_eight_units_consolidate_one_level_up_as_the_24_units_directly() {
    let ws = workspace();
    let d = ws.path();
    export_wards(d);

    // The exports are valid unit reports of the city, as they are.
    let (code, err) = vanban(
        d,
        &[
            "validate",
            "thanh-pho/phuong",
            "--plan",
            "thanh-pho/ke-hoach.yaml",
        ],
    );
    assert_eq!(code, 0, "{err}");

    let plan = load_plan(&d.join("thanh-pho/ke-hoach.yaml"))
        .expect("city plan")
        .value;
    let up = consolidated(
        &plan,
        &d.join("thanh-pho/phuong"),
        &d.join("thanh-pho/tong-hop-phuong.yaml"),
    );
    let direct = consolidated(
        &plan,
        &d.join("thanh-pho/truc-tiep"),
        &d.join("thanh-pho/tong-hop-truc-tiep.yaml"),
    );
    assert_eq!(up.reported(), 3);
    assert_eq!(direct.reported(), 24);
    let mut compared = 0;
    for (a, b) in up.indicators.iter().zip(&direct.indicators) {
        let id = &a.indicator.id;
        assert_eq!(a.indicator.id, b.indicator.id);
        assert_eq!(
            (a.numerator, a.denominator),
            (b.numerator, b.denominator),
            "{id}"
        );
        assert_eq!(a.value, b.value, "{id}");
        assert_eq!(a.done, b.done, "{id}");
        assert_eq!(a.evaluation, b.evaluation, "{id}");
        // Provenance: each ward's figure lists the units it sums, and those are the direct ones.
        let parts: usize = a.sources.iter().map(|s| s.parts.len()).sum();
        assert_eq!(parts, b.sources.len(), "{id}");
        compared += 1;
    }
    assert_eq!(compared, plan.indicators.len());
    assert_eq!(up.summary, direct.summary);
    // The varied figures are not trivially equal across wards: the ward sums differ.
    let first = &up.indicators[1].sources;
    assert_ne!(first[0].value, first[1].value);

    // Through the binary: the same headline from the exports and from the 24 units.
    let outcome = |dir: &str, env: &str, out: &str| {
        let (code, err) = vanban(
            d,
            &[
                "consolidate",
                "--plan",
                "thanh-pho/ke-hoach.yaml",
                dir,
                "--envelope",
                env,
                "-o",
                out,
            ],
        );
        assert_eq!(code, 0, "{err}");
        let line = err
            .lines()
            .find(|l| l.contains("đơn vị báo cáo"))
            .expect("outcome line")
            .to_string();
        line.split("; ").nth(1).expect("đạt X/Y").to_string()
    };
    let via_wards = outcome(
        "thanh-pho/phuong",
        "thanh-pho/tong-hop-phuong.yaml",
        "out/thanh-pho.docx",
    );
    let via_units = outcome(
        "thanh-pho/truc-tiep",
        "thanh-pho/tong-hop-truc-tiep.yaml",
        "out/thanh-pho-truc-tiep.docx",
    );
    assert_eq!(via_wards, via_units);
    assert!(via_wards.starts_with("đạt "), "{via_wards}");

    // The city's report names the ward and the units its figure sums.
    let text = text_of(&d.join("out/thanh-pho.docx"));
    assert!(
        text.contains(
            "Phường Quyết Thắng (gồm: Công chức Văn hóa - Xã hội phường, Trạm Y tế phường"
        ),
        "{text}"
    );
    assert!(text.contains("Toàn thành phố"), "{text}");
}

#[test]
fn issue_12_export_is_deterministic_and_reads_back_as_the_ward_figures() {
    let ws = workspace();
    let d = ws.path();
    export_wards(d);
    let first = std::fs::read(d.join("thanh-pho/phuong/phuong-nguyen-trai.yaml")).expect("read");
    // Again, into another file: byte-identical.
    let (code, err) = vanban(
        d,
        &[
            "consolidate",
            "--plan",
            "phuong/ke-hoach.yaml",
            "phuong-nguyen-trai/bao-cao",
            "--envelope",
            "phuong-nguyen-trai/tong-hop.yaml",
            "-o",
            "out/lai.docx",
            "--export",
            "out/lai/phuong-nguyen-trai.yaml",
        ],
    );
    assert_eq!(code, 0, "{err}");
    let again = std::fs::read(d.join("out/lai/phuong-nguyen-trai.yaml")).expect("read");
    assert_eq!(first, again);
    let text = String::from_utf8(first).expect("utf-8");
    assert!(text.starts_with("# ====="), "a comment header:\n{text}");
    // Sums, never percentages: no `%` in the data (the header comment may say "%").
    let data: Vec<&str> = text.lines().filter(|l| !l.starts_with('#')).collect();
    assert!(data.iter().all(|l| !l.contains('%')), "{text}");
    assert!(
        data.iter().any(|l| l.trim_start().starts_with("nguon:")),
        "{text}"
    );
    golden("cap-tren/phuong-nguyen-trai.yaml", &text);

    // Read back under the city's plan: the ward's sums, under the city's codes.
    let city = load_plan(&d.join("thanh-pho/ke-hoach.yaml"))
        .expect("plan")
        .value;
    let ward_plan = load_plan(&d.join("phuong/ke-hoach.yaml"))
        .expect("plan")
        .value;
    let ward = consolidated(
        &ward_plan,
        &d.join("phuong-nguyen-trai/bao-cao"),
        &d.join("phuong-nguyen-trai/tong-hop.yaml"),
    );
    let report =
        vanban::load_unit_report(&d.join("thanh-pho/phuong/phuong-nguyen-trai.yaml"), &city)
            .expect("export reads as a unit report")
            .value;
    assert_eq!(report.unit.id, "phuong-nguyen-trai");
    for r in ward.indicators.iter().filter(|r| !r.sources.is_empty()) {
        let f = report
            .figure(&city_code(&r.indicator.id))
            .unwrap_or_else(|| panic!("{} exported", r.indicator.id));
        use vanban::internals::data::report::FigureValue::*;
        match f.value {
            Ratio {
                numerator,
                denominator,
            } => assert_eq!((numerator, denominator), (r.numerator, r.denominator)),
            Count(n) => assert_eq!(n, r.numerator),
            Done(b) => assert_eq!(Some(b), r.done),
        }
        let ids: Vec<&str> = f.parts.iter().map(|p| p.unit.id.as_str()).collect();
        let want: Vec<&str> = r.sources.iter().map(|s| s.unit.id.as_str()).collect();
        assert_eq!(ids, want);
    }
    // No data for an indicator: no figure (the city sees none from this ward).
    let exported = report.figures.len();
    let with_data = ward
        .indicators
        .iter()
        .filter(|r| !r.sources.is_empty())
        .count();
    assert_eq!(exported, with_data);
    assert!(
        with_data < ward.indicators.len(),
        "the fixtures leave one indicator without data"
    );
}

#[test]
fn issue_12_a_total_edited_without_its_sources_is_an_error_at_the_higher_level() {
    let ws = workspace();
    let d = ws.path();
    export_wards(d);
    let path = d.join("thanh-pho/phuong/phuong-thang-loi.yaml");
    let text = std::fs::read_to_string(&path).expect("read");
    // The first ratio's numerator, edited by hand.
    let at = text.find("  tu_so: ").expect("a ratio");
    let end = at + text[at..].find('\n').expect("line end");
    let edited = format!("{}  tu_so: 0{}", &text[..at], &text[end..]);
    std::fs::write(&path, edited).expect("write");
    let (code, err) = vanban(
        d,
        &[
            "validate",
            "thanh-pho/phuong",
            "--plan",
            "thanh-pho/ke-hoach.yaml",
        ],
    );
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("không khớp tổng của các đơn vị trong `nguon`"),
        "{err}"
    );
    assert!(err.contains("phuong-thang-loi.yaml:"), "located: {err}");
}

#[test]
fn issue_12_export_refusals_write_nothing() {
    let ws = workspace();
    let d = ws.path();
    let args = |envelope: &str, export: &str| -> Vec<String> {
        [
            "consolidate",
            "--plan",
            "phuong/ke-hoach.yaml",
            "phuong-nguyen-trai/bao-cao",
            "--envelope",
            envelope,
            "-o",
            "out/x.docx",
            "--export",
            export,
        ]
        .iter()
        .map(|s| s.to_string())
        .collect()
    };
    let run = |a: Vec<String>| {
        let a: Vec<&str> = a.iter().map(String::as_str).collect();
        vanban(d, &a)
    };
    // No `cap_tren` in the envelope: a data error, nothing written (not even the .docx).
    write(
        &d.join("khong-cap-tren.yaml"),
        &std::fs::read_to_string(fixture("tong-hop-2025.yaml")).expect("read"),
    );
    let (code, err) = run(args("khong-cap-tren.yaml", "out/p.yaml"));
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("cap_tren"), "{err}");
    assert!(!d.join("out").exists());
    // Not a .yaml name, or inside the folder of unit reports: a usage error, before reading.
    let (code, err) = run(args("phuong-nguyen-trai/tong-hop.yaml", "out/p.docx"));
    assert_eq!(code, 2, "{err}");
    let (code, err) = run(args(
        "phuong-nguyen-trai/tong-hop.yaml",
        "phuong-nguyen-trai/bao-cao/phuong.yaml",
    ));
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("thư mục báo cáo đơn vị"), "{err}");
    assert!(!d.join("out").exists());
    // A plan without any `ma_cap_tren`: nothing to export.
    write(
        &d.join("khong-ma.yaml"),
        &std::fs::read_to_string(fixture("ke-hoach-2025.yaml")).expect("read"),
    );
    let mut a = args("phuong-nguyen-trai/tong-hop.yaml", "out/p.yaml");
    a[2] = "khong-ma.yaml".into();
    let (code, err) = run(a);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("ma_cap_tren"), "{err}");
    assert!(!d.join("out").exists());
}

#[test]
fn issue_12_indicators_without_upper_code_are_left_out_with_one_warning() {
    let ws = workspace();
    let d = ws.path();
    write(
        &d.join("phuong/ke-hoach.yaml"),
        &ward_plan(&["MT6.CT3", "MT1.CT1"]),
    );
    let (code, err) = vanban(
        d,
        &[
            "consolidate",
            "--plan",
            "phuong/ke-hoach.yaml",
            "phuong-nguyen-trai/bao-cao",
            "--envelope",
            "phuong-nguyen-trai/tong-hop.yaml",
            "-o",
            "out/x.docx",
            "--export",
            "out/p.yaml",
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        err.matches("không có mã cấp trên nên không được xuất")
            .count(),
        1,
        "{err}"
    );
    assert!(
        err.contains("2 chỉ tiêu không có mã cấp trên nên không được xuất: MT1.CT1, MT6.CT3"),
        "{err}"
    );
    // The file is not named after the ward's code at the city: said, and still written.
    assert!(
        err.contains("tên tệp số liệu xuất `p` khác mã đơn vị ở cấp trên `phuong-nguyen-trai`"),
        "{err}"
    );
    let text = std::fs::read_to_string(d.join("out/p.yaml")).expect("export");
    assert!(
        !text.contains("TP-6.3") && !text.contains("TP-1.1"),
        "{text}"
    );
    assert!(text.contains("ma: TP-1.2"), "{text}");
}

#[test]
fn issue_12_two_indicators_with_one_upper_code_is_an_error() {
    let ws = workspace();
    let d = ws.path();
    let plan = ward_plan(&[]).replace("ma_cap_tren: \"TP-1.3\"", "ma_cap_tren: \"TP-1.2\"");
    write(&d.join("phuong/ke-hoach.yaml"), &plan);
    let (code, err) = vanban(d, &["validate", "phuong/ke-hoach.yaml"]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("chỉ tiêu `MT1.CT3` và chỉ tiêu `MT1.CT2` cùng ghi mã cấp trên `TP-1.2`"),
        "{err}"
    );
    assert!(err.contains("ma_cap_tren"), "{err}");
}

#[test]
fn issue_12_build_writes_the_export_when_the_envelope_asks() {
    let ws = workspace();
    let d = ws.path();
    // A data folder as `vanban build` expects: the ward's plan, envelope and reports.
    let data = d.join("phuong-quyet-thang");
    std::fs::copy(
        d.join("phuong/ke-hoach.yaml"),
        data.join("ke-hoach-2025.yaml"),
    )
    .expect("copy");
    write(
        &data.join("tong-hop.yaml"),
        &ward_envelope(1, "  ngay_nop: \"2025-12-11\"\n  xuat: true\n"),
    );
    let (code, err) = vanban(&data, &["build", "--data", ".", "-o", "output"]);
    assert_eq!(code, 0, "{err}");
    let export = data.join("output/cap-tren/phuong-quyet-thang.yaml");
    let text = std::fs::read_to_string(&export).expect("build wrote the export");
    assert!(text.contains("ngay_nop: 2025-12-11"), "{text}");
    // Edited by hand since: kept on the next build, exit 4, as for documents.
    std::fs::write(&export, format!("{text}# sửa tay\n")).expect("edit");
    let (code, err) = vanban(&data, &["build", "--data", ".", "-o", "output"]);
    assert_eq!(code, 4, "{err}");
    assert!(err.contains("KHÔNG ghi đè"), "{err}");
    assert!(std::fs::read_to_string(&export)
        .expect("read")
        .ends_with("# sửa tay\n"));
    // Without `xuat`, no export; the old one is named as stale, not removed.
    std::fs::write(&export, &text).expect("restore");
    write(&data.join("tong-hop.yaml"), &ward_envelope(1, ""));
    let (code, err) = vanban(&data, &["build", "--data", ".", "-o", "output"]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("tệp cũ"), "{err}");
    assert!(export.exists());
}

#[test]
fn issue_12_cap_tren_is_checked_where_it_is_written() {
    let ws = workspace();
    let d = ws.path();
    // A valid `cap_tren` is still an envelope (not taken for a unit report by its `don_vi`).
    let (code, err) = vanban(d, &["validate", "phuong-nguyen-trai/tong-hop.yaml"]);
    assert_eq!(code, 0, "{err}");
    // A unit code with capitals and spaces, a date that does not exist.
    let text = ward_envelope(0, "  ngay_nop: \"2025-02-30\"\n")
        .replace("ma: \"phuong-nguyen-trai\"", "ma: \"Phường Nguyễn Trãi\"");
    write(&d.join("sai.yaml"), &text);
    let (code, err) = vanban(d, &["validate", "sai.yaml"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("trường: cap_tren.don_vi.ma"), "{err}");
    assert!(err.contains("trường: cap_tren.ngay_nop"), "{err}");
    // `xuat` of a draft dated by its year only, without `ngay_nop`: no date to submit it.
    let text = ward_envelope(0, "  xuat: true\n")
        .replace("ngay_ban_hanh: \"2025-12-10\"", "ngay_ban_hanh: 2025");
    write(&d.join("nam.yaml"), &text);
    let (code, err) = vanban(d, &["validate", "nam.yaml"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("trường: cap_tren.xuat"), "{err}");
    assert!(err.contains("nam.yaml:"), "{err}");
    // A mistyped key inside `cap_tren` is refused like any other.
    let text = ward_envelope(0, "  xaut: true\n");
    write(&d.join("go-nham.yaml"), &text);
    let (code, err) = vanban(d, &["validate", "go-nham.yaml"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("xaut"), "{err}");
}

#[test]
fn issue_12_fractional_sums_read_back_as_the_same_numbers() {
    let ws = workspace();
    let d = ws.path();
    // Counts of 0.125 and 1: the ward's sum 1.125 must not read as the Vietnamese 1.125 = 1125.
    let units = d.join("phuong-nguyen-trai/bao-cao");
    for (file, from, to) in [
        ("van-hoa-xa-hoi.yaml", "so_luong: 3", "so_luong: 0.1250"),
        ("doan-thanh-nien.yaml", "so_luong: 2", "so_luong: 1"),
    ] {
        let text = std::fs::read_to_string(units.join(file)).expect("read");
        assert!(text.contains(from), "{file}: {text}");
        std::fs::write(units.join(file), text.replace(from, to)).expect("write");
    }
    export_wards(d);
    let city = load_plan(&d.join("thanh-pho/ke-hoach.yaml"))
        .expect("plan")
        .value;
    let report =
        vanban::load_unit_report(&d.join("thanh-pho/phuong/phuong-nguyen-trai.yaml"), &city)
            .expect("export reads back")
            .value;
    let f = report.figure("TP-6.3").expect("the count");
    assert_eq!(
        f.value,
        vanban::internals::data::report::FigureValue::Count(1.125)
    );
}

#[test]
fn issue_12_export_of_a_ward_with_a_missing_unit_names_it() {
    let ws = workspace();
    let d = ws.path();
    std::fs::remove_file(d.join("phuong-nguyen-trai/bao-cao/tram-y-te.yaml")).expect("remove");
    let (code, err) = vanban(
        d,
        &[
            "consolidate",
            "--plan",
            "phuong/ke-hoach.yaml",
            "phuong-nguyen-trai/bao-cao",
            "--envelope",
            "phuong-nguyen-trai/tong-hop.yaml",
            "-o",
            "out/x.docx",
            "--export",
            "out/phuong-nguyen-trai.yaml",
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("1 đơn vị chưa báo cáo hoặc có tệp lỗi không được tính: Trạm Y tế phường"),
        "{err}"
    );
    assert!(!err.contains("tên tệp số liệu xuất"), "{err}");
    let text = std::fs::read_to_string(d.join("out/phuong-nguyen-trai.yaml")).expect("export");
    assert!(!text.contains("tram-y-te"), "{text}");
}
