//! `vanban plan` (`ke-hoach`): data file → KẾ HOẠCH .docx.

use std::path::{Path, PathBuf};

use clap::Args;

use super::{Reporter, TemplateArgs};
use vanban::write_atomic;
use vanban::{Error, ExitStatus};

/// Tham số của lệnh `plan`.
#[derive(Debug, Args)]
pub(crate) struct PlanArgs {
    /// Tệp dữ liệu kế hoạch (YAML), ví dụ `data/ke-hoach-2025.yaml`.
    #[arg(value_name = "TỆP_DỮ_LIỆU")]
    pub data: PathBuf,
    /// Tệp .docx kết quả (mặc định: `output/<tên tệp dữ liệu>.docx`).
    #[arg(short, long, value_name = "TỆP")]
    pub output: Option<PathBuf>,
    /// Mẫu thay thế.
    #[command(flatten)]
    pub templates: TemplateArgs,
}

/// `output/<stem>.docx` for input `data`.
pub(crate) fn default_output(data: &Path) -> PathBuf {
    let stem = data
        .file_stem()
        .map(|s| s.to_string_lossy().to_string())
        .unwrap_or_else(|| "van-ban".into());
    PathBuf::from("output").join(format!("{stem}.docx"))
}

/// Run `plan`.
pub(crate) fn run(a: &PlanArgs, r: &Reporter) -> Result<ExitStatus, Error> {
    r.step("đọc mẫu");
    if let Some(dir) = &a.templates.templates {
        vanban::ensure_dir(dir, "thư mục mẫu")?;
    }
    let templates = vanban::load_templates(
        a.templates.templates.as_deref(),
        Some(&[vanban::PLAN_TEMPLATE]),
    )?;
    r.diagnostics(&templates.warnings);
    r.step(&format!("đọc dữ liệu {}", a.data.display()));
    vanban::ensure_file(&a.data)?;
    let plan = vanban::load_plan(&a.data)
        .map_err(|d| super::wrong_command(&a.data, d, vanban::FileKind::Plan))?;
    r.diagnostics(&plan.warnings);
    r.step("dựng văn bản");
    let bytes = vanban::render_plan(&plan.value, &templates.value)?;
    let out = a.output.clone().unwrap_or_else(|| default_output(&a.data));
    write_atomic(&out, &bytes, std::slice::from_ref(&a.data))?;
    r.done(&format!("Đã ghi {}", out.display()));
    Ok(ExitStatus::Ok)
}
