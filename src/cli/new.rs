//! `vanban new` (`moi`): write a commented starter YAML of a kind; `--list` lists the kinds.

use std::io::Write;
use std::path::PathBuf;

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
    let text = vanban::starter::starter(kind).ok_or_else(|| {
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
    let io = |e: std::io::Error| Error::Io {
        path: path.clone(),
        message: if e.kind() == std::io::ErrorKind::AlreadyExists {
            "tệp đã có; vanban không ghi đè, hãy chọn tên khác".into()
        } else {
            format!("không ghi được tệp ({})", io_vi(&e))
        },
    };
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
        path.display()
    ));
    Ok(ExitStatus::Ok)
}
