//! Hiệu năng — criterion benchmarks of the plan and of consolidation (in-process).
//!
//! `cargo bench --bench consolidate`. Synthetic unit files come from `examples/gen_units.rs`
//! (DỮ LIỆU GIẢ). Whole-process figures (wall time, peak memory) are measured with hyperfine and
//! `/usr/bin/time -v`; see README_issue3.md, "Hiệu năng".

#![allow(missing_docs)] // criterion_group! generates undocumented items.

use std::path::{Path, PathBuf};

use criterion::{criterion_group, criterion_main, Criterion};

#[path = "../examples/gen_units.rs"]
#[allow(dead_code)]
mod gen_units;

use vanban::consolidate::collect::collect;
use vanban::consolidate::consolidate;
use vanban::data::{load_envelope, load_plan};
use vanban::template::Templates;

/// The sample plan, from the test fixtures (never the user's `data/` folder).
fn plan_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/ke-hoach-2025.yaml")
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
    let doc =
        vanban::report::consolidated::consolidated_document(&plan, &env, &c, templates).unwrap();
    vanban::docx::write(&doc).unwrap().len()
}

fn benches(cr: &mut Criterion) {
    let templates = Templates::load(None).unwrap().value;
    cr.bench_function("plan: load + render .docx", |b| {
        b.iter(|| {
            let plan = load_plan(&plan_path()).unwrap().value;
            vanban::render_plan(&plan, &templates).unwrap().len()
        })
    });

    let d1000 = tempfile::tempdir().unwrap();
    gen_units::generate(&plan_path(), 1000, d1000.path()).unwrap();
    let mut g = cr.benchmark_group("consolidate");
    g.sample_size(10);
    g.bench_function("1000 units: read + consolidate + .docx", |b| {
        b.iter(|| consolidate_dir(d1000.path(), &templates))
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
