//! Sinh biểu mẫu đã điền — the filled Excel forms of a folder of synthetic unit reports (DỮ LIỆU
//! GIẢ, for the benchmark of reading forms).
//!
//! ```text
//! cargo run --release --example gen_units -- 1000 /tmp/vanban-1000
//! cargo run --release --example gen_forms -- /tmp/vanban-1000
//! ```
//! For each `<DIR>/bao-cao/<mã>.yaml`, writes the unit's blank form with `vanban::write_form`
//! and fills it with the same content through `umya-spreadsheet` (as a unit's spreadsheet
//! program would) into `<DIR>/bieu-mau/<mã>.xlsx`: consolidating `<DIR>/bieu-mau` gives the same
//! report as `<DIR>/bao-cao`.

// A developer tool run by hand: printing to a closed pipe may panic here.
#![allow(clippy::disallowed_macros)]

#[path = "../tests/support/fill.rs"]
mod fill;

use std::path::{Path, PathBuf};

use vanban::{load_envelope, load_plan, Unit};

fn main() {
    let Some(dir) = std::env::args().nth(1).map(PathBuf::from) else {
        eprintln!("cách dùng: gen_forms THƯ_MỤC (thư mục do gen_units tạo)");
        std::process::exit(2);
    };
    let n = generate(&dir);
    println!(
        "{n} biểu mẫu đã điền trong {}",
        dir.join("bieu-mau").display()
    );
}

/// Write the filled form of every `dir/bao-cao/*.yaml` into `dir/bieu-mau/`; returns how many.
pub(crate) fn generate(dir: &Path) -> usize {
    let plan = load_plan(&dir.join("ke-hoach-2025.yaml"))
        .expect("plan")
        .value;
    let envelope = load_envelope(&dir.join("tong-hop-2025.yaml"))
        .expect("envelope")
        .value;
    let out = dir.join("bieu-mau");
    std::fs::create_dir_all(&out).expect("mkdir");
    let blank = tempfile::tempdir().expect("tempdir");
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir.join("bao-cao"))
        .expect("bao-cao/")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    files.sort();
    for p in &files {
        let yaml: serde_yaml::Value =
            serde_yaml::from_str(&std::fs::read_to_string(p).expect("read")).expect("yaml");
        let unit = Unit {
            id: fill::cell_text(&yaml["don_vi"]["ma"]),
            name: fill::cell_text(&yaml["don_vi"]["ten"]),
        };
        let form = blank.path().join(format!("{}.xlsx", unit.id));
        let bytes = vanban::write_form(&plan, Some(&envelope), &unit).expect("form");
        std::fs::write(&form, bytes).expect("write form");
        fill::fill(&form, &yaml, &out.join(format!("{}.xlsx", unit.id)));
    }
    files.len()
}
