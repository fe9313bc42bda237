//! `vanban plan` (`ke-hoach`): data file → KẾ HOẠCH .docx.

use std::path::{Path, PathBuf};

use clap::Args;

use super::{ForceArgs, Reporter, TemplateArgs};
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
    /// Ghi đè tệp đã sửa.
    #[command(flatten)]
    pub force: ForceArgs,
    /// Xuất PDF.
    #[command(flatten)]
    pub pdf: super::pdf::PdfArgs,
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
    let data = super::paths::input_file(&a.data)?;
    let mut pdf = a.pdf;
    let out = a
        .output
        .clone()
        .map(|o| pdf.docx_output(o))
        .unwrap_or_else(|| default_output(&data));
    vanban::check_output(&out, std::slice::from_ref(&data))?;
    let templates = a.templates.load(Some(&[vanban::PLAN_TEMPLATE]), r)?;
    r.step(&format!("đọc dữ liệu {}", data.display()));
    let plan = vanban::load_plan(&data)
        .map_err(|d| super::wrong_command(&data, d, vanban::FileKind::Plan))?;
    r.diagnostics(&plan.warnings);
    r.step("dựng văn bản");
    let bytes = vanban::render_plan(&plan.value, &templates)?;
    let mut outputs = vanban::Outputs::new("plan", a.force.force);
    let status = r.write(
        &mut outputs,
        &out,
        &bytes,
        std::slice::from_ref(&data),
        &templates,
    )?;
    let (converted, _) = super::pdf::convert(&pdf, r, &mut outputs)?;
    outputs.finish()?;
    Ok(status.max(converted))
}
