//! Sinh dữ liệu thử — N synthetic unit report files (DỮ LIỆU GIẢ, for benchmarks and load tests).
//!
//! ```text
//! cargo run --release --example gen_units -- 1000 /tmp/vanban-1000
//! ```
//! writes `<DIR>/ke-hoach-2025.yaml` (a copy of the plan), `<DIR>/tong-hop-2025.yaml` (an envelope
//! expecting N + N/100 units, so about 1 % are missing) and `<DIR>/bao-cao/don-vi-00001.yaml` …
//! Each unit file is the size of the samples in `data/bao-cao/`: narrative for two objectives, two
//! activities, a difficulty, a proposal and 4–7 indicator figures drawn from the plan. The figures
//! come from a fixed pseudo-random sequence, so the same N gives the same files.

// A developer tool run by hand: printing to a closed pipe may panic here.
#![allow(clippy::disallowed_macros)]

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use vanban::internals::data::indicator::Measure;
use vanban::{load_plan, Plan};

/// A small deterministic generator (64-bit LCG).
pub(crate) struct Lcg(u64);

impl Lcg {
    /// The next number in `0..n`.
    pub(crate) fn below(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % n.max(1)
    }
}

/// The text of synthetic unit file number `i` (1-based).
pub(crate) fn unit_file(plan: &Plan, i: usize, rng: &mut Lcg) -> String {
    let id = format!("don-vi-{i:05}");
    let objectives = plan.raw.muc_tieu.len() as u64;
    let mut s = String::new();
    let _ = writeln!(
        s,
        "# DỮ LIỆU GIẢ do examples/gen_units.rs sinh ra để đo hiệu năng — không phải số liệu thật."
    );
    let _ = writeln!(s, "don_vi:\n  ma: \"{id}\"\n  ten: \"Đơn vị thử số {i}\"");
    let _ = writeln!(
        s,
        "co_quan:\n  chu_quan: [\"UBND PHƯỜNG NGUYỄN TRÃI\"]\n  ban_hanh: [\"ĐƠN VỊ THỬ SỐ {i}\"]"
    );
    let _ = writeln!(s, "so_ky_hieu: \"{}/BC-DVT\"", 1 + rng.below(300));
    let _ = writeln!(s, "dia_danh: \"Nguyễn Trãi\"");
    let day = 20 + rng.below(15);
    let date = if day > 30 {
        format!("2025-12-{:02}", day - 30)
    } else {
        format!("2025-11-{day:02}")
    };
    let _ = writeln!(s, "ngay_ban_hanh: \"{date}\"\nngay_nop: \"{date}\"");
    let _ = writeln!(s, "kinh_gui: [\"Ủy ban nhân dân phường Nguyễn Trãi\"]");
    let _ = writeln!(
        s,
        "trich_yeu: \"Kết quả thực hiện công tác bình đẳng giới năm 2025\""
    );
    let _ = writeln!(s, "ket_qua:");
    for _ in 0..2 {
        let _ = writeln!(
            s,
            "  - muc_tieu: {}\n    noi_dung:\n      - \"Triển khai các nhiệm vụ của mục tiêu theo kế hoạch, phối hợp với các tổ dân phố tuyên truyền tới {} hộ gia đình.\"",
            1 + rng.below(objectives),
            50 + rng.below(400)
        );
    }
    let _ = writeln!(s, "hoat_dong:");
    for k in 0..2 {
        let _ = writeln!(
            s,
            "  - ten: \"Hoạt động truyền thông số {}\"\n    muc_tieu: {}\n    so_buoi: {}\n    so_luot_nguoi: {}\n    so_tin_bai: {}",
            k + 1,
            1 + rng.below(objectives),
            1 + rng.below(5),
            20 + rng.below(300),
            rng.below(4)
        );
    }
    let _ = writeln!(s, "kho_khan:\n  - \"Kinh phí cho hoạt động còn hạn chế.\"");
    let _ = writeln!(
        s,
        "de_xuat:\n  - \"Đề nghị tập huấn nghiệp vụ cho cán bộ phụ trách.\""
    );
    let _ = writeln!(s, "so_lieu:");
    let n = plan.indicators.len() as u64;
    let start = rng.below(n);
    let count = 4 + rng.below(4);
    for k in 0..count {
        let ind = &plan.indicators[((start + k * 3) % n) as usize];
        let _ = writeln!(s, "  - ma: \"{}\"", ind.id);
        match ind.measure {
            Measure::Ratio => {
                let d = rng.below(200);
                let n = if d == 0 { 0 } else { rng.below(d + 1) };
                let _ = writeln!(s, "    tu_so: {n}\n    mau_so: {d}");
            }
            Measure::Count => {
                let _ = writeln!(s, "    so_luong: {}", rng.below(6));
            }
            Measure::Qualitative => {
                let _ = writeln!(s, "    hoan_thanh: {}", rng.below(10) > 0);
            }
        }
    }
    let _ = writeln!(s, "noi_nhan: [\"Lưu: VT\"]");
    let _ = writeln!(
        s,
        "ky:\n  chuc_vu: \"TRƯỞNG ĐƠN VỊ\"\n  nguoi_ky: \"Nguyễn Văn An\""
    );
    s
}

/// The envelope text expecting units `1..=expected`.
pub(crate) fn envelope_file(expected: usize) -> String {
    let mut s = String::from(
        "# DỮ LIỆU GIẢ do examples/gen_units.rs sinh ra để đo hiệu năng.\n\
         co_quan:\n  ban_hanh: [\"ỦY BAN NHÂN DÂN\", \"PHƯỜNG NGUYỄN TRÃI\"]\n\
         so_ky_hieu: \"/BC-UBND\"\ndia_danh: \"Nguyễn Trãi\"\nngay_ban_hanh: \"2025-12-10\"\n\
         kinh_gui: [\"Ủy ban nhân dân thành phố Kon Tum\"]\n\
         trich_yeu: \"Kết quả thực hiện công tác bình đẳng giới năm 2025\"\n\
         han_nop: \"2025-12-03\"\ndon_vi_phai_bao_cao:\n",
    );
    for i in 1..=expected {
        let _ = writeln!(
            s,
            "  - {{ ma: \"don-vi-{i:05}\", ten: \"Đơn vị thử số {i}\" }}"
        );
    }
    s.push_str("noi_nhan: [\"Lưu: VT\"]\nky:\n  quyen_han: [\"TM. ỦY BAN NHÂN DÂN\"]\n  chuc_vu: \"CHỦ TỊCH\"\n  nguoi_ky: \"Trần Văn Bình\"\n");
    s
}

/// Write `n` unit files, the envelope and a copy of `plan_path` into `dir`.
pub(crate) fn generate(plan_path: &Path, n: usize, dir: &Path) -> std::io::Result<()> {
    let plan = load_plan(plan_path)
        .map_err(|d| std::io::Error::other(d.to_string()))?
        .value;
    let reports = dir.join("bao-cao");
    std::fs::create_dir_all(&reports)?;
    std::fs::copy(plan_path, dir.join("ke-hoach-2025.yaml"))?;
    std::fs::write(dir.join("tong-hop-2025.yaml"), envelope_file(n + n / 100))?;
    let mut rng = Lcg(42);
    for i in 1..=n {
        std::fs::write(
            reports.join(format!("don-vi-{i:05}.yaml")),
            unit_file(&plan, i, &mut rng),
        )?;
    }
    Ok(())
}

#[allow(dead_code)]
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(n), Some(dir)) = (
        args.get(1).and_then(|s| s.parse::<usize>().ok()),
        args.get(2),
    ) else {
        eprintln!("cách dùng: gen_units <số đơn vị> <thư mục> [tệp kế hoạch]");
        std::process::exit(2);
    };
    let plan = args.get(3).map(PathBuf::from).unwrap_or_else(|| {
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data/ke-hoach-2025.yaml")
    });
    if let Err(e) = generate(&plan, n, Path::new(dir)) {
        eprintln!("lỗi: {e}");
        std::process::exit(1);
    }
    eprintln!("Đã sinh {n} tệp báo cáo đơn vị vào {dir}/bao-cao");
}
