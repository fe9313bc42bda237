//! `vanban consolidate` (`tong-hop`): a folder of unit reports → the consolidated BÁO CÁO .docx.

use std::path::{Path, PathBuf};

use clap::Args;

use super::{ForceArgs, Reporter, TemplateArgs};
use vanban::{Collected, Error, ExitStatus};

/// Tham số của lệnh `consolidate`.
#[derive(Debug, Args)]
pub(crate) struct ConsolidateArgs {
    /// Thư mục chứa báo cáo của các đơn vị, mỗi đơn vị một tệp .yaml, ví dụ `data/bao-cao/`.
    #[arg(value_name = "THƯ_MỤC")]
    pub dir: PathBuf,
    /// Tệp kế hoạch có các chỉ tiêu, ví dụ `data/ke-hoach-2025.yaml`.
    #[arg(long, value_name = "TỆP")]
    pub plan: PathBuf,
    /// Tệp thông tin báo cáo tổng hợp (số, ngày, Kính gửi, đơn vị phải báo cáo, hạn nộp)
    /// (mặc định: tệp `tong-hop-*.yaml` ở thư mục cha của THƯ_MỤC).
    #[arg(long, value_name = "TỆP")]
    pub envelope: Option<PathBuf>,
    /// Vẫn tổng hợp khi có tệp báo cáo lỗi: các đơn vị đó được tính là chưa báo cáo.
    #[arg(long)]
    pub allow_partial: bool,
    /// Tệp .docx kết quả (mặc định: `output/bao-cao-<tên tệp thông tin>.docx`,
    /// ví dụ `output/bao-cao-tong-hop-2025.docx`).
    #[arg(short, long, value_name = "TỆP")]
    pub output: Option<PathBuf>,
    /// Mẫu thay thế.
    #[command(flatten)]
    pub templates: TemplateArgs,
    /// Ghi đè tệp đã sửa.
    #[command(flatten)]
    pub force: ForceArgs,
}

/// `output/bao-cao-<envelope stem>.docx`.
pub(crate) fn default_output(out_dir: &Path, envelope: &Path) -> PathBuf {
    let stem = envelope
        .file_stem()
        .map(|s| s.to_string_lossy().to_string())
        .unwrap_or_else(|| "tong-hop".into());
    out_dir.join(format!("bao-cao-{stem}.docx"))
}

/// Print what the collection found: warnings, every error of every bad file.
pub(crate) fn report_collected(c: &Collected, r: &Reporter) {
    r.diagnostics(&c.warnings);
    for rej in &c.rejected {
        r.diagnostics(&rej.diagnostics);
        errln!(
            "{}: KHÔNG dùng được ({} lỗi)\n",
            rej.path.display(),
            rej.diagnostics.errors().count()
        );
    }
}

/// Run `consolidate`.
pub(crate) fn run(a: &ConsolidateArgs, r: &Reporter) -> Result<ExitStatus, Error> {
    let dir = super::paths::input_dir(&a.dir, "thư mục báo cáo đơn vị")?;
    let plan_path = super::paths::input_file(&a.plan)?;
    let envelope_path = match &a.envelope {
        Some(p) => Some(super::paths::input_file(p)?),
        None => None,
    };
    let templates = a
        .templates
        .load(Some(&[vanban::CONSOLIDATED_TEMPLATE]), r)?;
    r.step(&format!("đọc kế hoạch {}", plan_path.display()));
    let plan = vanban::load_plan(&plan_path)
        .map_err(|d| super::wrong_command(&plan_path, d, vanban::FileKind::Plan))?;
    let envelope_path = match envelope_path {
        Some(p) => p,
        None => {
            let parent = dir
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .unwrap_or(Path::new("."));
            super::build::find_envelope(parent)?
        }
    };
    r.step(&format!(
        "đọc thông tin báo cáo tổng hợp {}",
        envelope_path.display()
    ));
    let envelope = vanban::load_envelope(&envelope_path)
        .map_err(|d| super::wrong_command(&envelope_path, d, vanban::FileKind::Envelope))?;
    r.diagnostics(&envelope.warnings);
    r.step(&format!("đọc các báo cáo trong {}", dir.display()));
    let mut collected = vanban::collect_unit_reports(&dir, &plan.value)?;
    // Errors are reported with the other rejected files below, warnings with the others.
    let _ = collected.reject_mistyped_ids(&envelope.value.expected);
    if !a.allow_partial {
        if let Err(d) = collected.refuse_partial(&dir, true) {
            r.diagnostics(&collected.warnings);
            return Err(Error::Input(d));
        }
    }
    report_collected(&collected, r);
    let done = vanban::render_consolidated(&plan.value, &envelope.value, collected, &templates)?;
    let out = a
        .output
        .clone()
        .unwrap_or_else(|| default_output(Path::new("output"), &envelope_path));
    let mut outputs = vanban::Outputs::new("consolidate", a.force.force);
    // With --allow-partial the bad files were reported above and count as not reported.
    let status = r.write(
        &mut outputs,
        &out,
        &done.docx,
        &[plan_path, envelope_path],
        &templates,
    )?;
    outputs.finish()?;
    r.done(&format!("  {}", done.outcome));
    Ok(status)
}
