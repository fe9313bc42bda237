//! Hiệu năng — criterion benchmarks of the plan and of consolidation (in-process).
//!
//! `cargo bench --bench consolidate`. Synthetic unit files come from `examples/gen_units.rs`
//! (DỮ LIỆU GIẢ). Whole-process figures (wall time, peak memory) are measured with hyperfine and
//! `/usr/bin/time -v`; see README_issue3.md, "Hiệu năng".
//!
//! The group `scale` times the large inputs of the test suite, whose tests check only that they
//! succeed (tests never time themselves): H15 (`tests/cases.rs`, `h15_scale`: footnotes and a
//! table of units × 20 indicator rows through a custom template, at 70 and 700 units, so that
//! linear growth shows as ×10) and a 1 MB value (`tests/diagnostics.rs`,
//! `very_long_values_are_bounded`). Inputs come from `tests/fixtures/`, never from `data/`.

#![allow(missing_docs)] // criterion_group! generates undocumented items.

use std::path::{Path, PathBuf};

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use serde_yaml::{Mapping, Value};

#[path = "../examples/gen_units.rs"]
#[allow(dead_code)]
mod gen_units;

#[path = "../examples/gen_forms.rs"]
#[allow(dead_code)]
mod gen_forms;

use vanban::internals::consolidate::collect::collect;
use vanban::internals::consolidate::consolidate;
use vanban::Templates;
use vanban::{load_envelope, load_plan};

/// The sample plan, from the test fixtures (never the user's `data/` folder).
fn plan_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/ke-hoach-2025.yaml")
}

/// The custom plan template of `h15_scale` (tests/cases.rs): the opening paragraphs, a table
/// with one row per task of every unit, and the footnotes.
const SCALE_TEMPLATE: &str = "{{#each mo_dau}}\n{{dinh_dang this}}\n\n{{/each}}\n| Đơn vị | Chỉ tiêu |\n|---|---|\n{{#each to_chuc_thuc_hien}}{{#each nhiem_vu}}| {{o ../don_vi}} | {{o this}} |\n{{/each}}{{/each}}\n\n{{#each chu_thich}}\n[^{{@key}}]: {{dinh_dang this}}\n{{/each}}\n";

fn text(t: &str) -> Value {
    Value::String(t.to_string())
}

/// The sample plan as a YAML value.
fn plan_value() -> Value {
    serde_yaml::from_str(&std::fs::read_to_string(plan_path()).unwrap()).unwrap()
}

/// The input of `h15_scale` (tests/cases.rs): the sample plan with `notes` footnoted paragraphs
/// and `units` units of 20 tasks each, written as `dir/<units>.yaml`.
fn scale_plan(dir: &Path, units: usize, notes: usize) -> PathBuf {
    let mut p = plan_value();
    let mut defs = Mapping::new();
    let mut paras = Vec::new();
    for i in 1..=notes {
        defs.insert(text(&format!("n{i}")), text(&format!("Chú thích số {i}.")));
        paras.push(text(&format!("Đoạn {i}[^n{i}].")));
    }
    p["chu_thich"] = Value::Mapping(defs);
    p["mo_dau"] = Value::Sequence(paras);
    let rows: Vec<Value> = (0..units)
        .map(|u| {
            let mut m = Mapping::new();
            m.insert(text("don_vi"), text(&format!("Đơn vị {u}")));
            m.insert(
                text("nhiem_vu"),
                Value::Sequence(
                    (0..20)
                        .map(|k| text(&format!("Chỉ tiêu {k} & < {u}")))
                        .collect(),
                ),
            );
            Value::Mapping(m)
        })
        .collect();
    p["to_chuc_thuc_hien"] = Value::Sequence(rows);
    let path = dir.join(format!("{units}.yaml"));
    std::fs::write(&path, serde_yaml::to_string(&p).unwrap()).unwrap();
    path
}

/// The input of `very_long_values_are_bounded` (tests/diagnostics.rs): the sample plan with a
/// value of about 1 MB, written as `dir/dai.yaml`.
fn long_value_plan(dir: &Path) -> PathBuf {
    let base = std::fs::read_to_string(plan_path()).unwrap();
    let long = "Rất dài ".repeat(1 << 17);
    let path = dir.join("dai.yaml");
    std::fs::write(
        &path,
        base.replace(
            "yeu_cau: \"Các hoạt động",
            &format!("yeu_cau: \"{long} Các hoạt động"),
        ),
    )
    .unwrap();
    path
}

/// Load a plan file and render it with `templates` (what `vanban plan` does between reading its
/// arguments and writing the file); the size of the .docx.
fn plan_file(path: &Path, templates: &Templates) -> usize {
    let plan = load_plan(path).unwrap().value;
    vanban::render_plan(&plan, templates).unwrap().len()
}

/// Read N unit files, consolidate, lay out, write the .docx bytes (what `vanban consolidate` does
/// between reading its arguments and writing the file).
fn consolidate_dir(dir: &Path, templates: &Templates) -> usize {
    let plan = load_plan(&dir.join("ke-hoach-2025.yaml")).unwrap().value;
    let env = load_envelope(&dir.join("tong-hop-2025.yaml"))
        .unwrap()
        .value;
    let col = collect(&dir.join("bao-cao"), &plan).unwrap();
    let c = consolidate(&plan, &env, &col.reports, &col.rejected_ids());
    drop(col);
    let doc = vanban::consolidated_document(&plan, &env, &c, templates).unwrap();
    vanban::write_docx(&doc).unwrap().len()
}

fn benches(cr: &mut Criterion) {
    let templates = Templates::load(None).unwrap().value;
    cr.bench_function("plan: load + render .docx", |b| {
        b.iter(|| plan_file(&plan_path(), &templates))
    });

    // The large inputs of the test suite (tests check only that they succeed).
    let scale = tempfile::tempdir().unwrap();
    let template_dir = scale.path().join("mau");
    std::fs::create_dir(&template_dir).unwrap();
    std::fs::write(template_dir.join("ke-hoach.md.hbs"), SCALE_TEMPLATE).unwrap();
    let scale_templates = Templates::load(Some(&template_dir)).unwrap().value;
    let mut g = cr.benchmark_group("scale");
    g.sample_size(10);
    for units in [70, 700] {
        let path = scale_plan(scale.path(), units, units);
        g.bench_with_input(
            BenchmarkId::new(
                "H15 plan: units × 20 rows + footnotes, load + render .docx",
                units,
            ),
            &path,
            |b, path| b.iter(|| plan_file(path, &scale_templates)),
        );
    }
    let long = long_value_plan(scale.path());
    g.bench_function("plan with a 1 MB value: load + render .docx", |b| {
        b.iter(|| plan_file(&long, &templates))
    });
    g.finish();

    let d1000 = tempfile::tempdir().unwrap();
    gen_units::generate(&plan_path(), 1000, d1000.path()).unwrap();
    let mut g = cr.benchmark_group("consolidate");
    g.sample_size(10);
    g.bench_function("1000 units: read + consolidate + .docx", |b| {
        b.iter(|| consolidate_dir(d1000.path(), &templates))
    });

    // Issue 11: the same 1,000 reports as filled Excel forms; reading alone beside the YAML.
    gen_forms::generate(d1000.path());
    let plan1000 = load_plan(&d1000.path().join("ke-hoach-2025.yaml"))
        .unwrap()
        .value;
    g.bench_function("1000 units: read .yaml (collect)", |b| {
        b.iter(|| {
            collect(&d1000.path().join("bao-cao"), &plan1000)
                .unwrap()
                .reports
                .len()
        })
    });
    g.bench_function("1000 units: read .xlsx forms (collect)", |b| {
        b.iter(|| {
            collect(&d1000.path().join("bieu-mau"), &plan1000)
                .unwrap()
                .reports
                .len()
        })
    });

    // The arithmetic alone, on 10,000 reports already in memory.
    let d10k = tempfile::tempdir().unwrap();
    gen_units::generate(&plan_path(), 10_000, d10k.path()).unwrap();
    let plan = load_plan(&plan_path()).unwrap().value;
    let env = load_envelope(&d10k.path().join("tong-hop-2025.yaml"))
        .unwrap()
        .value;
    let col = collect(&d10k.path().join("bao-cao"), &plan).unwrap();
    g.bench_function("10000 units: consolidate() only", |b| {
        b.iter(|| consolidate(&plan, &env, &col.reports, &[]).summary)
    });
    g.finish();
}

criterion_group!(bench, benches);
criterion_main!(bench);
