//! `vanban new` (`moi`): write a commented starter YAML of a kind; `--list` lists the kinds.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::Args;

use super::Reporter;
use vanban::model::{DocumentKind, KINDS};
use vanban::{io_vi, Error, ExitStatus};

/// Tham số của lệnh `new`.
#[derive(Debug, Args)]
pub(crate) struct NewArgs {
    /// Loại văn bản: `quyet_dinh`, `quyet-dinh`, `QĐ` hoặc `Quyết định` (xem `vanban new --list`).
    #[arg(value_name = "LOẠI", required_unless_present = "list")]
    pub kind: Option<String>,
    /// Tệp YAML cần tạo (mặc định `<loại>.yaml` trong thư mục hiện tại); không bao giờ ghi đè.
    #[arg(value_name = "TỆP")]
    pub file: Option<PathBuf>,
    /// Liệt kê các loại văn bản.
    #[arg(long, conflicts_with_all = ["kind", "file"])]
    pub list: bool,
}

fn list() {
    outln!(
        "{:<16} {:<8} {:<16} {:<6} Hỗ trợ",
        "Khóa (loai)",
        "Viết tắt",
        "Tên loại",
        "Mẫu"
    );
    for k in KINDS {
        outln!(
            "{:<16} {:<8} {:<16} {:<6} {}",
            k.key,
            k.code.unwrap_or("—"),
            k.name,
            k.layout.number(),
            if vanban::starter::starter(k.kind).is_some() {
                "có"
            } else {
                "chưa"
            }
        );
    }
}

/// Run `new`.
pub(crate) fn run(a: &NewArgs, r: &Reporter) -> Result<ExitStatus, Error> {
    let Some(value) = a.kind.as_deref().filter(|_| !a.list) else {
        list();
        return Ok(ExitStatus::Ok);
    };
    let usage = |message: String| Error::Io {
        path: PathBuf::from(value),
        message,
    };
    let kind = DocumentKind::parse(value).ok_or_else(|| {
        usage("không nhận ra loại văn bản; xem danh sách bằng `vanban new --list`".into())
    })?;
    let text = vanban::starter::starter_for_year(kind, this_year()).ok_or_else(|| {
        usage(format!(
            "loại {} (Mẫu {}) chưa được vanban hỗ trợ; xem `vanban new --list`",
            kind.name(),
            kind.layout().number()
        ))
    })?;
    let path = a
        .file
        .clone()
        .unwrap_or_else(|| PathBuf::from(format!("{}.yaml", kind.key().replace('_', "-"))));
    let ext = path
        .extension()
        .map(|x| x.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    if ext != "yaml" && ext != "yml" {
        return Err(Error::Io {
            path: path.clone(),
            message: format!(
                "`vanban new` tạo tệp dữ liệu YAML, tên tệp phải có đuôi `.yaml`, ví dụ `{}`; tệp Word (.docx) do `vanban render` tạo từ tệp đó",
                path.with_extension("yaml").display()
            ),
        });
    }
    let again = path.with_file_name(format!(
        "{}-2.yaml",
        path.file_stem().unwrap_or_default().to_string_lossy()
    ));
    let io = |e: std::io::Error| Error::Io {
        path: path.clone(),
        message: if e.kind() == std::io::ErrorKind::AlreadyExists {
            format!(
                "tệp đã có; vanban không ghi đè — hãy chọn tên khác, ví dụ `vanban new {} {}`",
                kind.key(),
                quoted(&again)
            )
        } else {
            format!("không ghi được tệp ({})", io_vi(&e))
        },
    };
    // The folder is made as `render -o` does (`van-ban/cv-01.yaml`).
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(io)?;
    }
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .map_err(io)?;
    f.write_all(text.as_bytes()).map_err(io)?;
    r.done(&format!(
        "Đã tạo {} ({}); sửa các chỗ «…» rồi chạy: vanban render {}",
        path.display(),
        kind.name(),
        quoted(&path)
    ));
    Ok(ExitStatus::Ok)
}

/// The current year, for the starter's draft date: the starter is an input file the user
/// edits, so it may read the clock (documents made from data never do); the sample year if the
/// clock is unreadable.
fn this_year() -> i32 {
    use chrono::Datelike;
    #[allow(clippy::disallowed_methods)] // an input file's draft year; outputs never read the clock
    let now = std::time::SystemTime::now();
    now.duration_since(std::time::UNIX_EPOCH)
        .ok()
        .and_then(|d| chrono::DateTime::from_timestamp(i64::try_from(d.as_secs()).ok()?, 0))
        .map_or(vanban::starter::SAMPLE_YEAR, |t| t.year())
}

/// A path as typed in a printed command: in double quotes when it has a space (works in cmd,
/// PowerShell and Unix shells).
fn quoted(p: &Path) -> String {
    let s = p.display().to_string();
    if s.contains(char::is_whitespace) {
        format!("\"{s}\"")
    } else {
        s
    }
}
