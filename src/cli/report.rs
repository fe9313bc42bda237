//! `vanban report` (`bao-cao`): one unit report file → that unit's BÁO CÁO .docx.

use std::path::{Path, PathBuf};

use clap::Args;

use super::{ForceArgs, Reporter, TemplateArgs};
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
    /// Tệp .docx kết quả (mặc định: `output/bao-cao/<tên tệp báo cáo>.docx`; biểu mẫu Excel: `output/bao-cao/<mã đơn vị>.docx`).
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
    let data = super::paths::input_file(&a.data)?;
    let plan_path = super::paths::input_file(&a.plan)?;
    let mut pdf = a.pdf;
    let out = a
        .output
        .clone()
        .map(|o| pdf.docx_output(o))
        .unwrap_or_else(|| default_output(&data));
    vanban::check_output(&out, &[data.clone(), plan_path.clone()])?;
    let templates = a.templates.load(Some(&[vanban::UNIT_TEMPLATE]), r)?;
    r.step(&format!("đọc kế hoạch {}", plan_path.display()));
    let plan = vanban::load_plan(&plan_path)
        .map_err(|d| super::wrong_command(&plan_path, d, vanban::FileKind::Plan))?;
    r.step(&format!("đọc báo cáo {}", data.display()));
    let report = vanban::load_unit_report(&data, &plan.value)
        .map_err(|d| super::wrong_command(&data, d, vanban::FileKind::UnitReport))?;
    r.diagnostics(&report.warnings);
    r.step("dựng văn bản");
    let bytes = vanban::render_unit_report(&plan.value, &report.value, &templates)?;
    // A form is named by the unit inside it: units rename the files they send back.
    let form = data
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"));
    let out = if form && a.output.is_none() {
        let out = default_output(Path::new(&report.value.unit.id));
        vanban::check_output(&out, &[data.clone(), plan_path.clone()])?;
        out
    } else {
        out
    };
    let mut outputs = vanban::Outputs::new("report", a.force.force);
    let status = r.write(&mut outputs, &out, &bytes, &[data, plan_path], &templates)?;
    let (converted, _) = super::pdf::convert(&pdf, r, &mut outputs)?;
    outputs.finish()?;
    Ok(status.max(converted))
}
