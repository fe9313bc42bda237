//! `vanban render` (`soan`): any document from its data file, the kind from `loai` (or, without
//! `loai`, recognised by its keys as a plan or a unit report).
//!
//! File arguments may be glob patterns (`vi-du/*.yaml`), expanded here so that they work in
//! shells that do not expand them (Windows). With one file `-o` is the output file; with several
//! it is the output folder.

use std::path::{Path, PathBuf};

use clap::Args;

use super::{Reporter, TemplateArgs};
use vanban::{recognize, write_atomic, FileKind};
use vanban::{Error, ExitStatus};

/// Tham số của lệnh `render`.
#[derive(Debug, Args)]
pub(crate) struct RenderArgs {
    /// Các tệp dữ liệu (YAML) có `loai: …`, hoặc kế hoạch, báo cáo đơn vị; chấp nhận mẫu tên như `vi-du/*.yaml`.
    #[arg(value_name = "TỆP", required = true)]
    pub files: Vec<String>,
    /// Một tệp: tệp .docx kết quả (mặc định `output/<tên tệp>.docx`); nhiều tệp: thư mục kết quả (mặc định `output`).
    #[arg(short, long, value_name = "ĐÍCH")]
    pub output: Option<PathBuf>,
    /// Tệp kế hoạch, cần cho báo cáo đơn vị (có `so_lieu`).
    #[arg(long, value_name = "KẾ_HOẠCH")]
    pub plan: Option<PathBuf>,
    /// Mẫu thay thế.
    #[command(flatten)]
    pub templates: TemplateArgs,
}

/// Expand the arguments: a pattern with `*`, `?` or `[` is matched against the file system (in
/// name order); anything else is taken as written.
pub(crate) fn expand(args: &[String]) -> Result<Vec<PathBuf>, Error> {
    let mut out = Vec::new();
    for a in args {
        if !a.contains(['*', '?', '[']) {
            out.push(PathBuf::from(a));
            continue;
        }
        let bad = |message: String| Error::Io {
            path: PathBuf::from(a),
            message,
        };
        let paths =
            glob::glob(a).map_err(|e| bad(format!("mẫu tên tệp không hợp lệ ({})", e.msg)))?;
        let mut found: Vec<PathBuf> = paths
            .filter_map(Result::ok)
            .filter(|p| p.is_file())
            .collect();
        if found.is_empty() {
            return Err(bad("không có tệp nào khớp mẫu tên này".into()));
        }
        found.sort();
        out.append(&mut found);
    }
    Ok(out)
}

fn stem(p: &Path) -> String {
    p.file_stem()
        .map(|s| s.to_string_lossy().to_string())
        .unwrap_or_else(|| "van-ban".into())
}

/// Render one file into `out`.
fn render_one(
    a: &RenderArgs,
    file: &Path,
    out: &Path,
    templates: &vanban::Templates,
    r: &Reporter,
) -> Result<(), Error> {
    vanban::ensure_file(file)?;
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
            let Some(plan_path) = &a.plan else {
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
            sources.push(plan_path.clone());
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
    write_atomic(out, &bytes, &sources)?;
    r.done(&format!("Đã ghi {}", out.display()));
    Ok(())
}

/// Run `render`.
pub(crate) fn run(a: &RenderArgs, r: &Reporter) -> Result<ExitStatus, Error> {
    let files = expand(&a.files)?;
    if let Some(dir) = &a.templates.templates {
        vanban::ensure_dir(dir, "thư mục mẫu")?;
    }
    r.step("đọc mẫu");
    let templates = vanban::load_templates(a.templates.templates.as_deref(), None)?;
    r.diagnostics(&templates.warnings);
    if let [file] = files.as_slice() {
        let out = a
            .output
            .clone()
            .unwrap_or_else(|| PathBuf::from("output").join(format!("{}.docx", stem(file))));
        render_one(a, file, &out, &templates.value, r)?;
        return Ok(ExitStatus::Ok);
    }
    let dir = a.output.clone().unwrap_or_else(|| PathBuf::from("output"));
    let mut worst = ExitStatus::Ok;
    let mut failed = 0usize;
    for file in &files {
        let out = dir.join(format!("{}.docx", stem(file)));
        if let Err(e) = render_one(a, file, &out, &templates.value, r) {
            failed += 1;
            let s = r.error(&e);
            if (s as i32) > (worst as i32) {
                worst = s;
            }
        }
    }
    if failed > 0 {
        eprintln!("{failed}/{} văn bản không được tạo.", files.len());
    }
    Ok(worst)
}
