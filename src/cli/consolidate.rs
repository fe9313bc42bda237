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
    /// Ghi thêm số liệu tổng hợp thành một báo cáo đơn vị của cấp trên (tệp .yaml, tên tệp là
    /// mã đơn vị ở cấp trên), theo `ma_cap_tren` của các chỉ tiêu và `cap_tren` của tệp thông tin.
    #[arg(long, value_name = "TỆP.yaml")]
    pub export: Option<PathBuf>,
    /// Kết quả năm trước để so sánh: tệp số liệu xuất năm trước (`--export`) hoặc tệp giá trị
    /// đã công bố (`nam`, `chi_tieu`) (mặc định: `nam_truoc` của tệp thông tin, nếu có).
    #[arg(long, value_name = "TỆP")]
    pub previous: Option<PathBuf>,
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

/// Check the export's path before any data is read (a wrong path is exit 2, like `-o`): a
/// `.yaml` name, and not inside the folder of unit reports, where the next consolidation would
/// take it for a unit's report.
pub(crate) fn check_export_path(export: &Path, reports_dir: &Path) -> Result<(), Error> {
    let io = |message: &str| Error::Io {
        path: export.to_path_buf(),
        message: message.into(),
    };
    if !export
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("yaml") || e.eq_ignore_ascii_case("yml"))
    {
        return Err(io(
            "tệp số liệu xuất phải có đuôi .yaml (cấp trên đọc như một báo cáo đơn vị), ví dụ `output/cap-tren/phuong-nguyen-trai.yaml`",
        ));
    }
    let parent = export
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let same = |a: &Path, b: &Path| match (a.canonicalize(), b.canonicalize()) {
        (Ok(x), Ok(y)) => x == y,
        _ => false,
    };
    if same(parent, reports_dir) {
        return Err(io(
            "không ghi tệp số liệu xuất vào thư mục báo cáo đơn vị: lần tổng hợp sau sẽ coi nó là báo cáo của một đơn vị; chọn thư mục khác, ví dụ `output/cap-tren/`",
        ));
    }
    Ok(())
}

/// Warn when the export's file name is not the unit's code at the higher level: its reader
/// expects `<mã>.yaml` (and warns there too).
fn export_name_warning(r: &Reporter, path: &Path, id: &str) {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().to_string())
        .unwrap_or_default();
    if stem != id {
        r.diagnostics(
            &vanban::diag::Diagnostic::warning(
                vanban::diag::Location::file(path),
                format!("tên tệp số liệu xuất `{stem}` khác mã đơn vị ở cấp trên `{id}`"),
            )
            .with_hint(format!(
                "cấp trên đọc tệp theo tên: đặt tên tệp là `{id}.yaml` (mã trong `cap_tren.don_vi.ma`)"
            ))
            .into(),
        );
    }
}

/// Write the export to the higher level through the output layer; prints what happened (a
/// kept file: a warning and [`ExitStatus::NotOverwritten`], as for documents).
pub(crate) fn write_export(
    r: &Reporter,
    outputs: &mut vanban::Outputs,
    out: &Path,
    bytes: &[u8],
    inputs: &[PathBuf],
) -> Result<ExitStatus, Error> {
    match outputs.write_data(out, bytes, inputs)? {
        vanban::Written::Wrote => {
            r.done(&format!("Đã ghi {} (số liệu gửi cấp trên)", out.display()));
            Ok(ExitStatus::Ok)
        }
        vanban::Written::Kept(w) => {
            errln!("{w}\n");
            Ok(ExitStatus::NotOverwritten)
        }
    }
}

/// Read last year's results (`--previous`, or `nam_truoc` of the envelope) for `plan`: a missing
/// file is exit 2 like any input, a bad one exit 1; the warnings are printed.
pub(crate) fn load_previous(
    path: &Path,
    plan: &vanban::Plan,
    envelope: &vanban::Envelope,
    r: &Reporter,
) -> Result<vanban::PreviousYear, Error> {
    // Named by the envelope: say so, the user did not type this path.
    let path = super::paths::input_file(path).map_err(|e| match e {
        Error::Io { path: p, message } if envelope.previous.as_deref() == Some(path) => Error::Io {
            path: p,
            message: format!(
                "{message} (tệp kết quả năm trước ghi ở `nam_truoc` của {})",
                envelope.path.display()
            ),
        },
        e => e,
    })?;
    r.step(&format!("đọc kết quả năm trước {}", path.display()));
    let p = vanban::load_previous_year(&path, plan, Some(envelope))?;
    r.diagnostics(&p.warnings);
    Ok(p.value)
}

/// Run `consolidate`.
pub(crate) fn run(a: &ConsolidateArgs, r: &Reporter) -> Result<ExitStatus, Error> {
    let dir = super::paths::input_dir(&a.dir, "thư mục báo cáo đơn vị")?;
    let plan_path = super::paths::input_file(&a.plan)?;
    let envelope_path = match &a.envelope {
        Some(p) => Some(super::paths::input_file(p)?),
        None => None,
    };
    if let Some(e) = &a.export {
        check_export_path(e, &dir)?;
    }
    let previous_arg = match &a.previous {
        Some(p) => Some(super::paths::input_file(p)?),
        None => None,
    };
    let mut pdf = a.pdf;
    let output = a.output.clone().map(|o| pdf.docx_output(o));
    if let Some(o) = &output {
        let mut inputs = vec![plan_path.clone()];
        inputs.extend(envelope_path.clone());
        vanban::check_output(o, &inputs)?;
    }
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
    if let (Some(path), Some(upper)) = (&a.export, &envelope.value.upper) {
        export_name_warning(r, path, &upper.unit.id);
    }
    let previous_path = previous_arg.or(envelope.value.previous.clone());
    let previous = match &previous_path {
        Some(p) => Some(load_previous(p, &plan.value, &envelope.value, r)?),
        None => None,
    };
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
    // Every file read is an input the export may not overwrite.
    let mut inputs = vec![plan_path.clone(), envelope_path.clone()];
    inputs.extend(previous_path);
    if a.export.is_some() {
        inputs.extend(collected.reports.iter().map(|x| x.path.clone()));
    }
    let done = vanban::render_consolidated_with_export(
        &plan.value,
        &envelope.value,
        collected,
        &templates,
        a.export.is_some(),
        previous,
    )?;
    // A failed export writes nothing, not even the .docx: the command did not do what it was
    // asked.
    let export = match done.export {
        Some(Err(d)) => return Err(Error::Input(d)),
        Some(Ok(w)) => {
            r.diagnostics(&w.warnings);
            Some(w.value)
        }
        None => None,
    };
    let out = output.unwrap_or_else(|| default_output(Path::new("output"), &envelope_path));
    let mut outputs = vanban::Outputs::new("consolidate", a.force.force);
    // With --allow-partial the bad files were reported above and count as not reported.
    let mut status = r.write(
        &mut outputs,
        &out,
        &done.docx,
        &[plan_path, envelope_path],
        &templates,
    )?;
    if let (Some(path), Some(bytes)) = (&a.export, export) {
        status = status.max(write_export(r, &mut outputs, path, &bytes, &inputs)?);
    }
    r.done(&format!("  {}", done.outcome));
    let (converted, _) = super::pdf::convert(&pdf, r, &mut outputs)?;
    outputs.finish()?;
    Ok(status.max(converted))
}
