//! `vanban build` (`tao`): the main job — every document of a data folder into an output folder.
//!
//! From `./data` (or `--data`): the plan (the top-level `.yaml` whose content is a plan), every unit
//! report in `data/bao-cao/`, and the consolidated report from the envelope (the top-level `.yaml`
//! that lists `don_vi_phai_bao_cao`). Writes `output/<kế hoạch>.docx`,
//! `output/bao-cao/<mã đơn vị>.docx` and `output/bao-cao-<tong-hop-…>.docx`. Every other
//! top-level `.yaml` with `loai:` is rendered by its kind into `output/<tên tệp>.docx`. A folder
//! with such documents and no plan (e.g. `vi-du/`) has no plan, report or consolidation step; a
//! folder with neither is the same error as before ("không tìm thấy tệp kế hoạch"). Each document is
//! made in memory and written atomically, so a failure leaves no half-written file; a failure in
//! one document does not stop the others; the exit status is not 0 if any failed.

use std::path::{Path, PathBuf};

use clap::Args;

use super::{ForceArgs, Reporter, TemplateArgs};
use vanban::diag::{Diagnostic, Location};
use vanban::io_vi;
use vanban::Error;
use vanban::Templates;
use vanban::{load_envelope, load_plan, Collected};
use vanban::{recognize, FileKind};
use vanban::{Diagnostics, ExitStatus};

/// Tham số của lệnh `build`.
#[derive(Debug, Args)]
pub(crate) struct BuildArgs {
    /// Thư mục dữ liệu (kế hoạch, `bao-cao/`, thông tin báo cáo tổng hợp, các văn bản có `loai`).
    #[arg(long, value_name = "THƯ_MỤC", default_value = "data")]
    pub data: PathBuf,
    /// Thư mục kết quả.
    #[arg(short, long, value_name = "THƯ_MỤC", default_value = "output")]
    pub output: PathBuf,
    /// Tệp kế hoạch (mặc định: tìm trong thư mục dữ liệu theo nội dung).
    #[arg(long, value_name = "TỆP")]
    pub plan: Option<PathBuf>,
    /// Tệp thông tin báo cáo tổng hợp (mặc định: tìm trong thư mục dữ liệu theo nội dung).
    #[arg(long, value_name = "TỆP")]
    pub envelope: Option<PathBuf>,
    /// Vẫn lập báo cáo tổng hợp khi có tệp báo cáo lỗi (các đơn vị đó tính là chưa báo cáo).
    #[arg(long)]
    pub allow_partial: bool,
    /// Mẫu thay thế.
    #[command(flatten)]
    pub templates: TemplateArgs,
    /// Ghi đè tệp đã sửa.
    #[command(flatten)]
    pub force: ForceArgs,
    /// Xuất PDF.
    #[command(flatten)]
    pub pdf: super::pdf::PdfArgs,
    /// Xóa các tệp cũ mà lần `build` trước đã tạo nhưng lần này không tạo nữa (ví dụ báo cáo của đơn vị đã bỏ khỏi dữ liệu), nếu chưa bị sửa; tệp đã sửa được giữ nguyên.
    #[arg(long)]
    pub clean: bool,
    /// Tạo thêm biểu mẫu Excel cho mỗi đơn vị phải báo cáo: `output/bieu-mau/<mã đơn vị>.xlsx` (như lệnh `form`).
    #[arg(long)]
    pub forms: bool,
}

/// The top-level `.yaml` files of `dir` of the given kind (by their top-level keys, read by the
/// YAML event pass), sorted; and the problems of the files whose kind could not be told.
fn find(dir: &Path, kind: FileKind) -> Result<(Vec<PathBuf>, Diagnostics), Diagnostics> {
    let entries = std::fs::read_dir(dir).map_err(|e| {
        Diagnostics::from(
            Diagnostic::error(
                Location::file(dir),
                format!("không đọc được thư mục dữ liệu: {}", io_vi(&e)),
            )
            .with_hint(
                "chạy lệnh trong thư mục có thư mục con `data/`, hoặc chỉ định `--data THƯ_MỤC`",
            ),
        )
    })?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "yaml" || x == "yml"))
        .collect();
    files.sort();
    let mut found = Vec::new();
    let mut unreadable = Diagnostics::new();
    for p in files {
        match recognize(&p) {
            (k, _) if k == kind => found.push(p),
            (FileKind::Unknown, d) => unreadable.extend(Diagnostics(d.errors().cloned().collect())),
            _ => {}
        }
    }
    Ok((found, unreadable))
}

fn exactly_one(dir: &Path, kind: FileKind, what: &str, flag: &str) -> Result<PathBuf, Diagnostics> {
    let (mut found, unreadable) = find(dir, kind)?;
    match found.len() {
        1 => Ok(found.remove(0)),
        0 => {
            // A file whose keys could not be read may be the one: its own errors say why.
            let mut d = unreadable;
            d.push(
                Diagnostic::error(
                    Location::file(dir),
                    format!("không tìm thấy tệp {what} trong thư mục"),
                )
                .with_hint(format!(
                    "đặt tệp {what} (.yaml) vào thư mục này, hoặc chỉ định `{flag} TỆP`"
                )),
            );
            Err(d)
        }
        _ => Err(Diagnostic::error(
            Location::file(dir),
            format!(
                "có {} tệp {what}: {}",
                found.len(),
                found
                    .iter()
                    .map(|p| p.display().to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        )
        .with_hint(format!("chỉ định tệp cần dùng bằng `{flag} TỆP`"))
        .into()),
    }
}

/// The envelope file (`tong-hop-*.yaml`) of a data folder, found by content.
pub(crate) fn find_envelope(dir: &Path) -> Result<PathBuf, Diagnostics> {
    exactly_one(
        dir,
        FileKind::Envelope,
        "thông tin báo cáo tổng hợp (có `don_vi_phai_bao_cao`)",
        "--envelope",
    )
}

/// The plan file of a data folder, found by content.
pub(crate) fn find_plan(dir: &Path) -> Result<PathBuf, Diagnostics> {
    exactly_one(
        dir,
        FileKind::Plan,
        "kế hoạch (có `muc_tieu` và `nhiem_vu`)",
        "--plan",
    )
}

/// Tally of the run.
struct Tally {
    written: usize,
    kept: usize,
    failed: usize,
    worst: ExitStatus,
    outputs: vanban::Outputs,
}

impl Tally {
    fn fail(&mut self, r: &Reporter, what: &str, e: &Error) {
        errln!("— {what}: KHÔNG tạo được");
        let status = r.error(e);
        self.record(status);
    }

    fn record(&mut self, status: ExitStatus) {
        self.failed += 1;
        self.worst = self.worst.max(status);
    }

    fn write(
        &mut self,
        r: &Reporter,
        what: &str,
        out: &Path,
        bytes: Result<Vec<u8>, Error>,
        inputs: &[PathBuf],
        templates: &Templates,
    ) {
        match bytes.and_then(|b| r.write(&mut self.outputs, out, &b, inputs, templates)) {
            Ok(ExitStatus::Ok) => self.written += 1,
            Ok(status) => {
                self.kept += 1;
                self.worst = self.worst.max(status);
            }
            Err(e) => self.fail(r, what, &e),
        }
    }
}

/// Run `build`.
pub(crate) fn run(a: &BuildArgs, r: &Reporter) -> Result<ExitStatus, Error> {
    let data = super::paths::input_dir(&a.data, "thư mục dữ liệu")?;
    let a = &BuildArgs {
        data,
        output: a.output.clone(),
        plan: a
            .plan
            .as_deref()
            .map(super::paths::input_file)
            .transpose()?,
        envelope: a
            .envelope
            .as_deref()
            .map(super::paths::input_file)
            .transpose()?,
        allow_partial: a.allow_partial,
        templates: a.templates.clone(),
        force: a.force,
        clean: a.clean,
        forms: a.forms,
        pdf: a.pdf,
    };
    let templates = a.templates.load(None, r)?;
    let mut t = Tally {
        written: 0,
        kept: 0,
        failed: 0,
        worst: ExitStatus::Ok,
        outputs: vanban::Outputs::new("build", a.force.force),
    };

    // 0. The documents that name their kind (`loai:`), each by its kind.
    let (documents, unreadable) = find(&a.data, FileKind::Document)?;
    let no_plan =
        a.plan.is_none() && !documents.is_empty() && find(&a.data, FileKind::Plan)?.0.is_empty();
    if no_plan {
        // A folder of documents without a plan (e.g. `vi-du/`): no plan, report or
        // consolidation step; a file whose kind could not be read is a failure of its own.
        if !unreadable.0.is_empty() {
            t.fail(r, "tệp dữ liệu", &Error::Input(unreadable));
        }
    } else if documents.is_empty() {
        plan_family(a, r, &templates, &mut t)?;
    } else if let Err(e) = plan_family(a, r, &templates, &mut t) {
        // A bad plan stops the plan's reports, never the other documents.
        t.fail(r, "kế hoạch", &e);
    }
    for f in &documents {
        let stem = f
            .file_stem()
            .map(|s| s.to_string_lossy().to_string())
            .unwrap_or_else(|| "van-ban".into());
        let out = a.output.join(format!("{stem}.docx"));
        let bytes = vanban::load_document(f)
            .map_err(Error::Input)
            .and_then(|d| {
                r.diagnostics(&d.warnings);
                vanban::render_document(&d.value, &templates)
            });
        t.write(
            r,
            &format!("văn bản {}", f.display()),
            &out,
            bytes,
            std::slice::from_ref(f),
            &templates,
        );
    }
    // Every .docx of the build in one LibreOffice process, before the stale files are named
    // (a PDF made now is not stale) and before the summary (never "Xong" without the PDFs).
    let (converted, pdfs) = super::pdf::convert(&a.pdf, r, &mut t.outputs)?;
    t.written += pdfs;
    if converted == ExitStatus::NotOverwritten {
        t.kept += 1;
    }
    t.worst = t.worst.max(converted);
    stale(a, r, &mut t)?;
    t.outputs.finish()?;
    let no_pdf = if converted == ExitStatus::PdfFailed {
        "; KHÔNG tạo được tệp PDF (xem lỗi ở trên)"
    } else {
        ""
    };

    let kept = if t.kept > 0 {
        format!(
            "; {} tệp KHÔNG được ghi đè vì đã được sửa hoặc không do vanban tạo (xem cảnh báo ở trên; `--force` để ghi đè)",
            t.kept
        )
    } else {
        String::new()
    };
    if t.failed > 0 {
        r.done(&format!(
            "Xong: đã ghi {} tệp{kept}{no_pdf}; {} văn bản hoặc tệp dữ liệu có lỗi (xem ở trên).",
            t.written, t.failed
        ));
    } else if !no_pdf.is_empty() {
        r.done(&format!(
            "Đã ghi {} tệp .docx vào {}{kept}{no_pdf}.",
            t.written,
            a.output.display()
        ));
    } else if t.kept > 0 {
        r.done(&format!(
            "Xong: đã ghi {} tệp vào {}{kept}.",
            t.written,
            a.output.display()
        ));
    } else {
        r.done(&format!(
            "Xong: đã ghi {} tệp vào {}.",
            t.written,
            a.output.display()
        ));
    }
    Ok(t.worst)
}

/// Name the files an earlier `build` wrote into the output folders that this one did not make
/// (stale); with `--clean` remove those nobody edited since.
///
/// Not when a document failed: its file was not made this time and would look stale.
fn stale(a: &BuildArgs, r: &Reporter, t: &mut Tally) -> Result<(), Error> {
    if t.failed > 0 {
        if a.clean {
            errln!("Không xóa tệp cũ nào (`--clean`): có văn bản lỗi, tệp của nó sẽ bị coi nhầm là tệp cũ.");
        }
        return Ok(());
    }
    let folders = [
        a.output.clone(),
        a.output.join("bao-cao"),
        a.output.join(EXPORT_DIR),
    ];
    let mut stale = t.outputs.stale(&folders)?;
    // The PDF of a .docx this build wrote is not stale when this build made no PDF (no `--pdf`,
    // or the conversion failed): it goes with its .docx.
    let stale_paths: Vec<PathBuf> = stale.iter().map(|s| s.path.clone()).collect();
    stale.retain(|s| {
        let is_pdf = s
            .path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("pdf"));
        let docx = s.path.with_extension("docx");
        !(is_pdf && docx.is_file() && !stale_paths.contains(&docx))
    });
    if stale.is_empty() {
        return Ok(());
    }
    let removed = if a.clean {
        t.outputs.clean(&stale)?
    } else {
        Vec::new()
    };
    for s in &stale {
        if removed.contains(&s.path) {
            r.done(&format!("Đã xóa tệp cũ {}", s.path.display()));
        } else if s.edited {
            r.diagnostics(
                &Diagnostic::warning(
                    Location::file(&s.path),
                    "tệp cũ: lần `build` này không tạo tệp này nữa, và tệp đã được sửa sau khi tạo",
                )
                .with_hint("vanban không xóa tệp đã sửa; xóa bằng tay nếu không cần nữa")
                .into(),
            );
        } else {
            r.diagnostics(
                &Diagnostic::warning(
                    Location::file(&s.path),
                    "tệp cũ: lần `build` này không tạo tệp này nữa (ví dụ đơn vị đã bỏ khỏi dữ liệu)",
                )
                .with_hint("xóa bằng `vanban build --clean` (chỉ xóa tệp vanban tạo và chưa bị sửa)")
                .into(),
            );
        }
    }
    Ok(())
}

/// `--forms`: the form of every unit the envelope lists, `output/bieu-mau/<mã đơn vị>.xlsx`;
/// a form already filled there (edited since) is kept, like any edited output.
fn forms(
    a: &BuildArgs,
    r: &Reporter,
    plan: &vanban::Plan,
    envelope: &vanban::Envelope,
    inputs: &[PathBuf],
    t: &mut Tally,
) {
    for unit in &envelope.expected {
        let out = a
            .output
            .join(super::form::FORMS_DIR)
            .join(format!("{}.xlsx", unit.id));
        let written = vanban::write_form(plan, Some(envelope), unit)
            .and_then(|b| t.outputs.write_form(&out, &b, inputs));
        match written {
            Ok(vanban::Written::Wrote) => {
                t.written += 1;
                r.done(&format!("Đã ghi {}", out.display()));
            }
            Ok(vanban::Written::Kept(w)) => {
                errln!("{w}\n");
                t.kept += 1;
                t.worst = t.worst.max(ExitStatus::NotOverwritten);
            }
            Err(e) => t.fail(r, &format!("biểu mẫu {}", unit.id), &e),
        }
    }
}

/// The folder of `build`'s export to the higher level, under the output folder.
const EXPORT_DIR: &str = "cap-tren";

/// `output/cap-tren/<mã đơn vị ở cấp trên>.yaml`: the file name is the unit's code, as the
/// higher level's reader expects.
fn export_path(output: &Path, id: &str) -> PathBuf {
    output.join(EXPORT_DIR).join(format!("{id}.yaml"))
}

fn consolidated(
    a: &BuildArgs,
    r: &Reporter,
    plan: &vanban::Plan,
    plan_path: &Path,
    mut c: Collected,
    templates: &Templates,
    t: &mut Tally,
) {
    let what = "báo cáo tổng hợp";
    let envelope_path = match &a.envelope {
        Some(p) => p.clone(),
        None => match find_envelope(&a.data) {
            Ok(p) => p,
            Err(d) => return t.fail(r, what, &Error::Input(d)),
        },
    };
    let envelope = match load_envelope(&envelope_path) {
        Ok(e) => e,
        Err(d) => return t.fail(r, what, &Error::Input(d)),
    };
    r.diagnostics(&envelope.warnings);
    if a.forms {
        forms(
            a,
            r,
            plan,
            &envelope.value,
            &[plan_path.to_path_buf(), envelope_path.clone()],
            t,
        );
    }
    // Printed here: the other rejected files were reported when the unit reports were written.
    r.diagnostics(&c.reject_mistyped_ids(&envelope.value.expected));
    if !a.allow_partial {
        if let Err(d) = c.refuse_partial(&a.data.join("bao-cao"), false) {
            return t.fail(r, what, &Error::Input(d));
        }
    }
    let out = super::consolidate::default_output(&a.output, &envelope_path);
    // `cap_tren.xuat: true`: also the figures for the higher level, `output/cap-tren/<mã>.yaml`.
    let export_to = envelope
        .value
        .upper
        .as_ref()
        .filter(|u| u.on_build)
        .map(|u| export_path(&a.output, &u.unit.id));
    // `nam_truoc`: last year's results to compare with.
    let previous = match &envelope.value.previous {
        Some(p) => match super::consolidate::load_previous(p, plan, &envelope.value, r) {
            Ok(v) => Some(v),
            Err(e) => return t.fail(r, what, &e),
        },
        None => None,
    };
    let mut inputs = vec![plan_path.to_path_buf(), envelope_path.clone()];
    if export_to.is_some() {
        inputs.extend(c.reports.iter().map(|x| x.path.clone()));
    }
    match vanban::render_consolidated_with_export(
        plan,
        &envelope.value,
        c,
        templates,
        export_to.is_some(),
        previous,
    ) {
        Ok(done) => {
            t.write(r, what, &out, Ok(done.docx), &inputs[..2], templates);
            r.done(&format!("  {}", done.outcome));
            if let (Some(path), Some(export)) = (export_to, done.export) {
                let written = export.map_err(Error::Input).and_then(|w| {
                    r.diagnostics(&w.warnings);
                    super::consolidate::write_export(r, &mut t.outputs, &path, &w.value, &inputs)
                });
                match written {
                    Ok(ExitStatus::Ok) => t.written += 1,
                    Ok(status) => {
                        t.kept += 1;
                        t.worst = t.worst.max(status);
                    }
                    Err(e) => t.fail(r, "số liệu gửi cấp trên", &e),
                }
            }
        }
        Err(e) => t.fail(r, what, &e),
    }
}

/// The plan, every unit report and the consolidated report; fails (as today) when the data
/// folder has no plan.
fn plan_family(
    a: &BuildArgs,
    r: &Reporter,
    templates: &Templates,
    t: &mut Tally,
) -> Result<(), Error> {
    // 1. The plan: without it nothing else can be evaluated.
    let plan_path = match &a.plan {
        Some(p) => p.clone(),
        None => find_plan(&a.data)?,
    };
    let plan = load_plan(&plan_path)?;
    r.diagnostics(&plan.warnings);
    let plan = plan.value;
    let out = super::plan::default_output(&plan_path);
    let out = a.output.join(out.file_name().unwrap_or_default());
    t.write(
        r,
        "kế hoạch",
        &out,
        vanban::render_plan(&plan, templates),
        std::slice::from_ref(&plan_path),
        templates,
    );

    // 2. Every unit report.
    let reports_dir = a.data.join("bao-cao");
    let collected = match vanban::collect_unit_reports(&reports_dir, &plan) {
        Ok(c) => Some(c),
        Err(d) => {
            t.fail(r, "báo cáo đơn vị", &Error::Input(d));
            None
        }
    };
    if let Some(c) = &collected {
        super::consolidate::report_collected(c, r);
        // A bad unit file is a failed document (its report cannot be made).
        for _ in &c.rejected {
            t.record(ExitStatus::InvalidInput);
        }
        for rep in &c.reports {
            let out = a
                .output
                .join("bao-cao")
                .join(format!("{}.docx", rep.unit.id));
            let bytes = vanban::render_unit_report(&plan, rep, templates);
            t.write(
                r,
                &format!("báo cáo {}", rep.unit.name),
                &out,
                bytes,
                &[rep.path.clone(), plan_path.clone()],
                templates,
            );
        }
    }

    // 3. The consolidated report.
    if let Some(c) = collected {
        consolidated(a, r, &plan, &plan_path, c, templates, t);
    }
    Ok(())
}
