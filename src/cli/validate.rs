//! `vanban validate` (`kiem-tra`): check data files and templates without writing anything.

use std::path::PathBuf;

use clap::Args;

use super::{Reporter, TemplateArgs};
use vanban::data::load_plan;
use vanban::diag::{Diagnostics, ExitStatus};
use vanban::template::Templates;
use vanban::Error;

/// Tham số của lệnh `validate`.
#[derive(Debug, Args)]
pub(crate) struct ValidateArgs {
    /// Các tệp dữ liệu cần kiểm tra.
    #[arg(value_name = "TỆP", required = true)]
    pub files: Vec<PathBuf>,
    /// Mẫu thay thế (cũng được kiểm tra).
    #[command(flatten)]
    pub templates: TemplateArgs,
}

/// Run `validate`: every file is checked, every problem printed; exit 1 if any has an error.
pub(crate) fn run(a: &ValidateArgs, r: &Reporter) -> Result<ExitStatus, Error> {
    let templates = Templates::load(a.templates.templates.as_deref())?;
    r.diagnostics(&templates.warnings);
    let mut failed = 0usize;
    let mut unreadable = 0usize;
    for f in &a.files {
        if let Err(e) = vanban::data::ensure_file(f) {
            r.error(&e);
            unreadable += 1;
            continue;
        }
        let outcome: Result<Diagnostics, Diagnostics> = load_plan(f).and_then(|p| {
            // Also fill the template and parse the result: template errors show up here too.
            vanban::plan_document(&p.value, &templates.value).map(|_| p.warnings)
        });
        match outcome {
            Ok(w) => {
                r.diagnostics(&w);
                r.done(&format!("{}: hợp lệ", f.display()));
            }
            Err(d) => {
                r.diagnostics(&d);
                failed += 1;
                eprintln!("{}: KHÔNG hợp lệ ({} lỗi)", f.display(), d.errors().count());
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
