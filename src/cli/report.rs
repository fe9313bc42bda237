//! `vanban report` (`bao-cao`): one unit report file → that unit's BÁO CÁO .docx.

use std::path::{Path, PathBuf};

use clap::Args;

use super::{Reporter, TemplateArgs};
use vanban::write_atomic;
use vanban::{Error, ExitStatus};

/// Tham số của lệnh `report`.
#[derive(Debug, Args)]
pub(crate) struct ReportArgs {
    /// Tệp báo cáo của đơn vị (YAML), ví dụ `data/bao-cao/tram-y-te.yaml`.
    #[arg(value_name = "TỆP_BÁO_CÁO")]
    pub data: PathBuf,
    /// Tệp kế hoạch có các chỉ tiêu, ví dụ `data/ke-hoach-2025.yaml`.
    #[arg(long, value_name = "TỆP")]
    pub plan: PathBuf,
    /// Tệp .docx kết quả (mặc định: `output/bao-cao/<tên tệp báo cáo>.docx`).
    #[arg(short, long, value_name = "TỆP")]
    pub output: Option<PathBuf>,
    /// Mẫu thay thế.
    #[command(flatten)]
    pub templates: TemplateArgs,
}

/// `output/bao-cao/<stem>.docx` for a unit report file.
pub(crate) fn default_output(data: &Path) -> PathBuf {
    let stem = data
        .file_stem()
        .map(|s| s.to_string_lossy().to_string())
        .unwrap_or_else(|| "bao-cao".into());
    PathBuf::from("output")
        .join("bao-cao")
        .join(format!("{stem}.docx"))
}

/// Run `report`.
pub(crate) fn run(a: &ReportArgs, r: &Reporter) -> Result<ExitStatus, Error> {
    r.step("đọc mẫu");
    if let Some(dir) = &a.templates.templates {
        vanban::ensure_dir(dir, "thư mục mẫu")?;
    }
    let templates = vanban::load_templates(
        a.templates.templates.as_deref(),
        Some(&[vanban::UNIT_TEMPLATE]),
    )?;
    r.diagnostics(&templates.warnings);
    r.step(&format!("đọc kế hoạch {}", a.plan.display()));
    let plan = vanban::load_plan(&a.plan)?;
    r.step(&format!("đọc báo cáo {}", a.data.display()));
    let report = vanban::load_unit_report(&a.data, &plan.value)
        .map_err(|d| super::wrong_command(&a.data, d, vanban::FileKind::UnitReport))?;
    r.diagnostics(&report.warnings);
    r.step("dựng văn bản");
    let bytes = vanban::render_unit_report(&plan.value, &report.value, &templates.value)?;
    let out = a.output.clone().unwrap_or_else(|| default_output(&a.data));
    write_atomic(&out, &bytes, &[a.data.clone(), a.plan.clone()])?;
    r.done(&format!("Đã ghi {}", out.display()));
    Ok(ExitStatus::Ok)
}
