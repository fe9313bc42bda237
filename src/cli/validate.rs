//! `vanban validate` (`kiem-tra`): check data files and templates without writing anything.
//!
//! Each file is recognised by its top-level keys (the YAML event pass): a plan (`muc_tieu` +
//! `nhiem_vu`), a consolidation envelope (`don_vi_phai_bao_cao`), a document of a kind (`loai`),
//! otherwise a unit report, checked against the plan given with
//! `--plan`, or a plan among the files given, or the plan found in the report's data folder.

use std::path::{Path, PathBuf};

use clap::Args;

use super::build::find_plan;
use super::{Reporter, TemplateArgs};
use vanban::{load_envelope, load_plan, load_unit_report};
use vanban::{recognize, FileKind};
use vanban::{Diagnostics, Error, ExitStatus, Plan, Templates};

/// Tham số của lệnh `validate`.
#[derive(Debug, Args)]
pub(crate) struct ValidateArgs {
    /// Các tệp dữ liệu cần kiểm tra (kế hoạch, báo cáo đơn vị, thông tin tổng hợp, văn bản có `loai`), thư mục (mọi tệp .yaml trong đó, kể cả thư mục con) hoặc mẫu tên như `data/*.yaml`.
    #[arg(value_name = "TỆP_HOẶC_THƯ_MỤC", required = true)]
    pub files: Vec<PathBuf>,
    /// Tệp kế hoạch để đối chiếu mã chỉ tiêu của báo cáo đơn vị (mặc định: tìm trong thư mục dữ liệu).
    #[arg(long, value_name = "KẾ_HOẠCH")]
    pub plan: Option<PathBuf>,
    /// Mẫu thay thế (cũng được kiểm tra).
    #[command(flatten)]
    pub templates: TemplateArgs,
}

/// The plan a unit report `file` is checked against: `--plan`, or a plan among the files
/// checked, or the plan of the report's data folder.
fn plan_for(plan: Option<&Path>, files: &[PathBuf], file: &Path) -> Result<PathBuf, Diagnostics> {
    if let Some(p) = plan {
        return Ok(p.to_path_buf());
    }
    if let Some(p) = files.iter().find(|f| recognize(f).0 == FileKind::Plan) {
        return Ok(p.clone());
    }
    // data/bao-cao/x.yaml → data/, bao-cao/x.yaml → ./; then ./data.
    let folder = file
        .parent()
        .and_then(Path::parent)
        .map(|d| {
            if d.as_os_str().is_empty() {
                PathBuf::from(".")
            } else {
                d.to_path_buf()
            }
        })
        .unwrap_or_else(|| PathBuf::from("data"));
    find_plan(&folder).or_else(|e| find_plan(Path::new("data")).map_err(|_| e))
}

fn check(
    plan: Option<&Path>,
    files: &[PathBuf],
    f: &Path,
    templates: &Templates,
) -> Result<Diagnostics, Diagnostics> {
    // A template file: load its folder as a template override (syntax, unclosed blocks).
    if f.to_string_lossy().ends_with(".hbs") {
        let dir = f
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        return vanban::load_templates(Some(dir), None).map(|t| t.warnings);
    }
    match recognize(f) {
        (FileKind::Plan, _) => load_plan(f).and_then(|p| {
            // Also fill the template and parse the result: template errors show up here too.
            vanban::plan_document(&p.value, templates).map(|_| p.warnings)
        }),
        (FileKind::Envelope, _) => load_envelope(f).map(|e| e.warnings),
        (FileKind::PreviousYear, _) => {
            let plan: Plan = load_plan(&plan_for(plan, files, f)?)?.value;
            vanban::load_previous_year(f, &plan, None).map(|p| p.warnings)
        }
        (FileKind::Document, _) => vanban::load_document(f)
            .and_then(|d| vanban::general_document(&d.value, templates).map(|_| d.warnings)),
        // Keys that could not be read: the file's own problems, not a search for its plan.
        (FileKind::Unknown, d) if d.has_errors() => Err(d),
        (FileKind::UnitReport | FileKind::Unknown, _) => {
            let plan: Plan = load_plan(&plan_for(plan, files, f)?)?.value;
            load_unit_report(f, &plan).and_then(|r| {
                vanban::unit_report_document(&plan, &r.value, templates).map(|_| r.warnings)
            })
        }
    }
}

/// The files to check: patterns expanded, folders walked for their `.yaml` files; a missing
/// path is reported (exit 2) and the others are still checked.
fn files_of(a: &ValidateArgs, r: &Reporter) -> Result<(Vec<PathBuf>, usize), Error> {
    let mut files = Vec::new();
    let mut unreadable = 0usize;
    for arg in &a.files {
        let found = super::paths::expand(std::slice::from_ref(arg)).and_then(|v| {
            let mut out = Vec::new();
            for p in v {
                if p.is_dir() {
                    out.append(&mut super::paths::yaml_files_in(&p)?);
                } else {
                    super::paths::check_file(&p)?;
                    out.push(p);
                }
            }
            Ok(out)
        });
        match found {
            Ok(mut v) => files.append(&mut v),
            Err(e) => {
                r.error(&e);
                unreadable += 1;
            }
        }
    }
    Ok((super::paths::distinct(files), unreadable))
}

/// Run `validate`: every file is checked, every problem printed; exit 1 if any has an error,
/// 2 if a path could not be read.
pub(crate) fn run(a: &ValidateArgs, r: &Reporter) -> Result<ExitStatus, Error> {
    let plan = match &a.plan {
        Some(p) => Some(super::paths::input_file(p)?),
        None => None,
    };
    let templates = a.templates.load(None, r)?;
    let (files, unreadable) = files_of(a, r)?;
    let mut failed = 0usize;
    for f in &files {
        let checked = check(plan.as_deref(), &files, f, &templates);
        r.templates_used(&templates, f);
        match checked {
            Ok(w) => {
                r.diagnostics(&w);
                let left = w.0.iter().filter(|d| vanban::is_placeholder(d)).count();
                if left > 0 {
                    r.done(&format!(
                        "{}: hợp lệ, nhưng còn {left} chỗ «…» chưa sửa (xem cảnh báo)",
                        f.display()
                    ));
                } else {
                    r.done(&format!("{}: hợp lệ", f.display()));
                }
            }
            Err(d) => {
                r.diagnostics(&d);
                failed += 1;
                // A result: on stdout like "hợp lệ", even with `--quiet`.
                outln!("{}: KHÔNG hợp lệ ({} lỗi)", f.display(), d.errors().count());
            }
        }
    }
    Ok(if unreadable > 0 {
        ExitStatus::UsageOrIo
    } else if failed > 0 {
        ExitStatus::InvalidInput
    } else {
        ExitStatus::Ok
    })
}
