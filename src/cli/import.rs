//! `vanban import` (`nhap`): a Word document (.docx; .doc through LibreOffice) → a data file of
//! its kind ([`vanban::import_docx`]), so that last year's document is this year's start. The
//! data file goes beside the document (`KH-2024.docx` → `KH-2024.yaml`) or to `-o`; the
//! manifest rule of every output applies (a data file the user edited is kept, exit 4).

use std::path::{Path, PathBuf};

use clap::Args;

use super::{ForceArgs, Reporter};
use vanban::{Error, ExitStatus};

/// Tham số của lệnh `import`.
#[derive(Debug, Args)]
pub(crate) struct ImportArgs {
    /// Các tệp Word (.docx; .doc được chuyển bằng LibreOffice nếu có) cần nhập, hoặc mẫu tên như `cu/*.docx`.
    #[arg(value_name = "TỆP_DOCX", required = true)]
    pub files: Vec<PathBuf>,
    /// Một tệp: tệp dữ liệu .yaml kết quả (mặc định: cạnh tệp Word, cùng tên, đuôi .yaml); nhiều tệp: thư mục kết quả.
    #[arg(short, long, value_name = "ĐÍCH")]
    pub output: Option<PathBuf>,
    /// Ghi đè tệp đã sửa.
    #[command(flatten)]
    pub force: ForceArgs,
}

/// Where the data file of `file` goes.
fn target(file: &Path, output: Option<&Path>, many: bool) -> PathBuf {
    let name = PathBuf::from(file.file_stem().unwrap_or_default()).with_extension("yaml");
    match output {
        Some(o) if many => o.join(name),
        Some(o) => o.to_path_buf(),
        None => file.with_file_name(name),
    }
}

/// Import one file.
fn import_one(
    file: &Path,
    out: &Path,
    outputs: &mut vanban::Outputs,
    r: &Reporter,
) -> Result<ExitStatus, Error> {
    vanban::check_data_output(out, &[file.to_path_buf()])?;
    let bytes = super::check::bytes_of(file)?;
    r.step(&format!("đọc {}", file.display()));
    let name = file
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let imported = vanban::import_docx(&bytes, &name).map_err(|e| Error::Io {
        path: file.to_path_buf(),
        message: e.to_string(),
    })?;
    for w in &imported.warnings {
        r.warn(&format!("{}: {w}", file.display()));
    }
    let status = match outputs.write_data(out, imported.yaml.as_bytes(), &[file.to_path_buf()])? {
        vanban::Written::Wrote => {
            r.done(&format!(
                "Đã ghi {} ({}{})",
                out.display(),
                imported.kind.to_lowercase(),
                match imported.warnings.len() {
                    0 => String::new(),
                    n => format!(", {n} cảnh báo — xem đầu tệp"),
                }
            ));
            ExitStatus::Ok
        }
        vanban::Written::Kept(w) => {
            errln!("{w}\n");
            ExitStatus::NotOverwritten
        }
    };
    Ok(status)
}

/// Run `import`.
pub(crate) fn run(a: &ImportArgs, r: &Reporter) -> Result<ExitStatus, Error> {
    let files = super::paths::distinct(super::paths::expand(&a.files)?);
    let many = files.len() > 1;
    let mut outputs = vanban::Outputs::new("import", a.force.force);
    let mut worst = ExitStatus::Ok;
    for file in &files {
        super::paths::check_docx_file(file)?;
        let out = target(file, a.output.as_deref(), many);
        match import_one(file, &out, &mut outputs, r) {
            Ok(s) => worst = worst.max(s),
            Err(e) => worst = worst.max(r.error(&e)),
        }
    }
    outputs.finish()?;
    Ok(worst)
}
