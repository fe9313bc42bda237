//! `vanban render` (`soan`): any document from its data file, the kind from `loai` (or, without
//! `loai`, recognised by its keys as a plan or a unit report).
//!
//! File arguments may be glob patterns (`vi-du/*.yaml`), expanded here so that they work in
//! shells that do not expand them (Windows). With one file `-o` is the output file; with several
//! it is the output folder.

use std::path::{Path, PathBuf};

use clap::Args;

use super::{ForceArgs, Reporter, TemplateArgs};
use vanban::{recognize, FileKind};
use vanban::{Error, ExitStatus};

/// Tham số của lệnh `render`.
#[derive(Debug, Args)]
pub(crate) struct RenderArgs {
    /// Các tệp dữ liệu (YAML) có `loai: …`, hoặc kế hoạch, báo cáo đơn vị; chấp nhận mẫu tên như `vi-du/*.yaml`.
    #[arg(value_name = "TỆP", required = true)]
    pub files: Vec<PathBuf>,
    /// Một tệp: tệp .docx kết quả (mặc định `output/<tên tệp>.docx`); nhiều tệp: thư mục kết quả (mặc định `output`).
    #[arg(short, long, value_name = "ĐÍCH")]
    pub output: Option<PathBuf>,
    /// Tệp kế hoạch, cần cho báo cáo đơn vị (có `so_lieu`).
    #[arg(long, value_name = "KẾ_HOẠCH")]
    pub plan: Option<PathBuf>,
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

fn stem(p: &Path) -> String {
    p.file_stem()
        .map(|s| s.to_string_lossy().to_string())
        .unwrap_or_else(|| "van-ban".into())
}

/// Render one file into `out`.
fn render_one(
    plan: Option<&Path>,
    file: &Path,
    out: &Path,
    templates: &vanban::Templates,
    outputs: &mut vanban::Outputs,
    r: &Reporter,
) -> Result<ExitStatus, Error> {
    super::paths::check_file(file)?;
    r.step(&format!("đọc dữ liệu {}", file.display()));
    let (kind, diags) = recognize(file);
    let mut sources = vec![file.to_path_buf()];
    let bytes = match kind {
        FileKind::Document => {
            let d = vanban::load_document(file)?;
            r.diagnostics(&d.warnings);
            vanban::render_document(&d.value, templates)?
        }
        FileKind::Plan => {
            let p = vanban::load_plan(file)?;
            r.diagnostics(&p.warnings);
            vanban::render_plan(&p.value, templates)?
        }
        FileKind::UnitReport => {
            let Some(plan_path) = plan else {
                return Err(Error::Input(
                    vanban::Diagnostic::error(
                        vanban::diag::Location::file(file),
                        "báo cáo đơn vị (có `so_lieu`) cần kế hoạch để đối chiếu chỉ tiêu",
                    )
                    .with_hint("thêm `--plan data/ke-hoach-2025.yaml`; một báo cáo thường thì bỏ `so_lieu`, ghi `loai: bao_cao` và `noi_dung`")
                    .into(),
                ));
            };
            let plan = vanban::load_plan(plan_path)?;
            let report = vanban::load_unit_report(file, &plan.value)?;
            r.diagnostics(&report.warnings);
            sources.push(plan_path.to_path_buf());
            vanban::render_unit_report(&plan.value, &report.value, templates)?
        }
        FileKind::Envelope => {
            return Err(Error::Input(
                vanban::Diagnostic::error(
                    vanban::diag::Location::file(file),
                    "tệp thông tin báo cáo tổng hợp không tự tạo thành văn bản",
                )
                .with_hint("dùng `vanban consolidate` hoặc `vanban build`")
                .into(),
            ))
        }
        FileKind::PreviousYear => {
            return Err(Error::Input(
                vanban::Diagnostic::error(
                    vanban::diag::Location::file(file),
                    "tệp kết quả năm trước không tự tạo thành văn bản",
                )
                .with_hint("dùng `vanban consolidate … --previous TỆP` hoặc `nam_truoc` của tệp thông tin tổng hợp")
                .into(),
            ))
        }
        FileKind::Unknown => {
            let mut d = diags;
            if !d.has_errors() {
                d.push(
                    vanban::Diagnostic::error(
                        vanban::diag::Location::file(file),
                        "không biết tệp này là văn bản loại nào",
                    )
                    .with_hint(
                        "thêm dòng `loai: …` ở đầu tệp, ví dụ `loai: thong_bao`, `loai: to_trinh`",
                    ),
                );
            }
            return Err(Error::Input(d));
        }
    };
    r.write(outputs, out, &bytes, &sources, templates)
}

/// Run `render`.
pub(crate) fn run(a: &RenderArgs, r: &Reporter) -> Result<ExitStatus, Error> {
    let files = super::paths::expand(&a.files)?;
    let plan = match &a.plan {
        Some(p) => Some(super::paths::input_file(p)?),
        None => None,
    };
    let templates = a.templates.load(None, r)?;
    let mut outputs = vanban::Outputs::new("render", a.force.force);
    let mut pdf = a.pdf;
    if let [file] = files.as_slice() {
        let out = a
            .output
            .clone()
            .map(|o| pdf.docx_output(o))
            .unwrap_or_else(|| PathBuf::from("output").join(format!("{}.docx", stem(file))));
        super::paths::check_file(file)?;
        let mut inputs = vec![file.clone()];
        inputs.extend(plan.clone());
        vanban::check_output(&out, &inputs)?;
        let status = render_one(plan.as_deref(), file, &out, &templates, &mut outputs, r)?;
        let (converted, _) = super::pdf::convert(&pdf, r, &mut outputs)?;
        outputs.finish()?;
        return Ok(status.max(converted));
    }
    let dir = a.output.clone().unwrap_or_else(|| PathBuf::from("output"));
    let mut worst = ExitStatus::Ok;
    let mut failed = 0usize;
    for file in &files {
        let out = dir.join(format!("{}.docx", stem(file)));
        match render_one(plan.as_deref(), file, &out, &templates, &mut outputs, r) {
            Ok(s) => worst = worst.max(s),
            Err(e) => {
                failed += 1;
                worst = worst.max(r.error(&e));
            }
        }
    }
    if failed > 0 {
        errln!("{failed}/{} văn bản không được tạo.", files.len());
    }
    let (converted, _) = super::pdf::convert(&pdf, r, &mut outputs)?;
    outputs.finish()?;
    Ok(worst.max(converted))
}
