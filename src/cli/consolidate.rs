//! `vanban consolidate` (`tong-hop`): a folder of unit reports → the consolidated BÁO CÁO .docx.

use std::path::{Path, PathBuf};

use clap::Args;

use super::{Reporter, TemplateArgs};
use vanban::consolidate::collect::{collect, Collected};
use vanban::consolidate::{consolidate, Consolidated};
use vanban::data::{load_envelope, load_plan, Envelope, Plan};
use vanban::diag::{Diagnostic, Diagnostics, ExitStatus, Location};
use vanban::output::write_atomic;
use vanban::template::Templates;
use vanban::Error;

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
        eprintln!(
            "{}: KHÔNG dùng được ({} lỗi)\n",
            rej.path.display(),
            rej.diagnostics.errors().count()
        );
    }
}

/// The error when bad files stop the consolidation: every error of every bad file (when
/// `details`), then a summary naming the files.
pub(crate) fn partial_refused(dir: &Path, c: &Collected, details: bool) -> Error {
    let files: Vec<String> = c
        .rejected
        .iter()
        .map(|x| x.path.display().to_string())
        .collect();
    let mut d = if details {
        c.errors()
    } else {
        Diagnostics::new()
    };
    d.push(
        Diagnostic::error(
            Location::file(dir),
            format!(
                "không lập báo cáo tổng hợp: {} tệp báo cáo có lỗi ({})",
                c.rejected.len(),
                files.join(", ")
            ),
        )
        .with_hint(
            "sửa các lỗi ở trên, hoặc thêm `--allow-partial` để tổng hợp phần còn lại \
             (các đơn vị có tệp lỗi được tính là chưa báo cáo)",
        ),
    );
    Error::Input(d)
}

/// Consolidate and lay out: the .docx bytes and the outcome line ([`outcome_line`]).
///
/// Takes the collected reports by value and frees each stage's input as soon as the next stage
/// has what it needs: with thousands of units the reports, then the consolidation, are the
/// largest things in memory.
pub(crate) fn render(
    plan: &Plan,
    envelope: &Envelope,
    collected: Collected,
    templates: &Templates,
) -> Result<(Vec<u8>, String), Error> {
    let c = consolidate(
        plan,
        envelope,
        &collected.reports,
        &collected.rejected_ids(),
    );
    drop(collected);
    let doc = vanban::report::consolidated::consolidated_document(plan, envelope, &c, templates)?;
    let outcome = outcome_line(&c);
    drop(c);
    Ok((vanban::write_docx(&doc)?, outcome))
}

/// One line about the outcome: headline, missing and late units.
pub(crate) fn outcome_line(c: &Consolidated) -> String {
    use vanban::consolidate::Status;
    let names = |pred: fn(&Status) -> bool| -> Vec<String> {
        c.units
            .iter()
            .filter(|u| pred(&u.status))
            .map(|u| u.unit.name.clone())
            .collect()
    };
    let mut s = format!(
        "{} đơn vị báo cáo; đạt {}/{} chỉ tiêu",
        c.reported(),
        c.summary.achieved(),
        c.summary.evaluated()
    );
    let missing = names(|s| matches!(s, Status::Missing | Status::Invalid));
    if !missing.is_empty() {
        s.push_str(&format!("; chưa báo cáo: {}", missing.join(", ")));
    }
    let late = names(|s| matches!(s, Status::Late(_)));
    if !late.is_empty() {
        s.push_str(&format!("; trễ hạn: {}", late.join(", ")));
    }
    s
}

/// Run `consolidate`.
pub(crate) fn run(a: &ConsolidateArgs, r: &Reporter) -> Result<ExitStatus, Error> {
    if let Some(dir) = &a.templates.templates {
        vanban::data::ensure_dir(dir, "thư mục mẫu")?;
    }
    let templates = Templates::load_only(
        a.templates.templates.as_deref(),
        Some(&[vanban::report::CONSOLIDATED_TEMPLATE]),
    )?;
    r.diagnostics(&templates.warnings);
    r.step(&format!("đọc kế hoạch {}", a.plan.display()));
    let plan = load_plan(&a.plan)?;
    let envelope_path = match &a.envelope {
        Some(p) => p.clone(),
        None => {
            let parent = a
                .dir
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
    let envelope = load_envelope(&envelope_path)?;
    r.diagnostics(&envelope.warnings);
    r.step(&format!("đọc các báo cáo trong {}", a.dir.display()));
    let mut collected = collect(&a.dir, &plan.value)?;
    let expected: Vec<&str> = envelope
        .value
        .expected
        .iter()
        .map(|u| u.id.as_str())
        .collect();
    // Reported with the other rejected files below.
    let _ = collected.reject_mistyped_ids(&expected);
    if !collected.rejected.is_empty() && !a.allow_partial {
        r.diagnostics(&collected.warnings);
        return Err(partial_refused(&a.dir, &collected, true));
    }
    report_collected(&collected, r);
    let (bytes, outcome) = render(&plan.value, &envelope.value, collected, &templates.value)?;
    let out = a
        .output
        .clone()
        .unwrap_or_else(|| default_output(Path::new("output"), &envelope_path));
    write_atomic(&out, &bytes, &[a.plan.clone(), envelope_path.clone()])?;
    r.done(&format!("Đã ghi {} ({})", out.display(), outcome));
    // With --allow-partial the bad files were reported above and count as not reported.
    Ok(ExitStatus::Ok)
}
