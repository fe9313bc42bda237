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
    /// Một tệp: tệp dữ liệu .yaml kết quả, hoặc một thư mục đã có (mặc định: cạnh tệp Word, cùng tên, đuôi .yaml); nhiều tệp: thư mục kết quả.
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
        Some(o) if many || o.is_dir() => o.join(name),
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
    let ext = |p: &Path| {
        p.extension()
            .map(|x| x.to_string_lossy().to_lowercase())
            .unwrap_or_default()
    };
    if matches!(ext(file).as_str(), "yaml" | "yml") {
        return Err(Error::Io {
            path: file.to_path_buf(),
            message: "đây là tệp dữ liệu, không phải tệp Word: `vanban import` đọc tệp .docx; để tạo văn bản từ tệp dữ liệu, dùng `vanban render`".into(),
        });
    }
    if !matches!(ext(out).as_str(), "yaml" | "yml") {
        return Err(Error::Io {
            path: out.to_path_buf(),
            message: "tệp kết quả của `vanban import` là tệp dữ liệu: đặt tên có đuôi .yaml (nhập nhiều tệp thì `-o` là thư mục)".into(),
        });
    }
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
    let mut files = super::paths::distinct(super::paths::expand(&a.files)?);
    // `~$tên.docx`: the lock file Word keeps beside a document it has open, not a document.
    files.retain(|f| {
        let lock = f
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with("~$"));
        if lock {
            r.warn(&format!(
                "bỏ qua {}: tệp khóa Word tạo khi đang mở một văn bản, không phải văn bản",
                f.display()
            ));
        }
        !lock
    });
    let many = files.len() > 1;
    if let (true, Some(o)) = (many, &a.output) {
        if o.extension().is_some_and(|x| x == "yaml" || x == "yml") {
            return Err(Error::Io {
                path: o.clone(),
                message: format!(
                    "nhập {} tệp: `-o` là thư mục chứa các tệp dữ liệu, không phải một tệp .yaml",
                    files.len()
                ),
            });
        }
    }
    // Every input checked before anything is written: a missing file writes nothing; two inputs
    // of the same name would write one data file over the other.
    let mut targets: std::collections::BTreeMap<PathBuf, &PathBuf> = Default::default();
    for file in &files {
        super::paths::check_docx_file(file)?;
        let out = target(file, a.output.as_deref(), many);
        if let Some(other) = targets.insert(out.clone(), file) {
            return Err(Error::Io {
                path: out,
                message: format!(
                    "`{}` và `{}` cùng ghi ra một tệp dữ liệu: nhập từng tệp với `-o` riêng, hoặc đổi tên một tệp",
                    other.display(),
                    file.display()
                ),
            });
        }
    }
    let mut outputs = vanban::Outputs::new("import", a.force.force);
    let mut worst = ExitStatus::Ok;
    for file in &files {
        let out = target(file, a.output.as_deref(), many);
        match import_one(file, &out, &mut outputs, r) {
            Ok(s) => worst = worst.max(s),
            Err(e) => worst = worst.max(r.error(&e)),
        }
    }
    outputs.finish()?;
    Ok(worst)
}
