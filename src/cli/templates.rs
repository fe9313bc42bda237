//! `vanban templates` (`mau`): write the built-in content templates into a folder (by default
//! `./templates`, which every command then uses) for the user to edit; never overwrites a file.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::Args;

use super::Reporter;
use vanban::diag::Location;
use vanban::{io_vi, Diagnostic, Error, ExitStatus};

/// Tham số của lệnh `templates`.
#[derive(Debug, Args)]
pub(crate) struct TemplatesArgs {
    /// Tên các mẫu cần chép (`ke-hoach`, `bao-cao`, … — xem `--list`); không ghi: chép mọi mẫu.
    #[arg(value_name = "TÊN_MẪU")]
    pub names: Vec<String>,
    /// Thư mục ghi mẫu (mặc định `templates`, thư mục mọi lệnh tự dùng khi có).
    #[arg(short, long, value_name = "THƯ_MỤC", default_value = super::WORKING_TEMPLATES)]
    pub output: PathBuf,
    /// Liệt kê tên các mẫu có sẵn.
    #[arg(long, conflicts_with = "names")]
    pub list: bool,
}

/// The built-in template named `arg` (`ke-hoach`, `ke_hoach`, `ke-hoach.md.hbs`); an unknown
/// name is a usage error with the closest name.
fn find(arg: &str) -> Result<(&'static str, &'static str), Error> {
    let key = arg.trim().to_lowercase().replace('_', "-");
    let key = key.trim_end_matches(".md.hbs");
    let all = vanban::builtin_templates();
    if let Some((_, file, text)) = all.iter().find(|(n, _, _)| *n == key) {
        return Ok((file, text));
    }
    let closest = all
        .iter()
        .map(|(n, _, _)| (strsim::normalized_damerau_levenshtein(key, n), *n))
        .filter(|(s, _)| *s >= 0.6)
        .max_by(|a, b| a.0.total_cmp(&b.0));
    let names: Vec<&str> = all.iter().map(|(n, _, _)| *n).collect();
    Err(Error::Io {
        path: PathBuf::from(arg),
        message: match closest {
            Some((_, n)) => format!("không có mẫu tên này; có phải ý bạn là `{n}`?"),
            None => format!("không có mẫu tên này; các mẫu: {}", names.join(", ")),
        },
    })
}

/// Run `templates`: each chosen built-in template written as `<dir>/<name>.md.hbs` unless a
/// file of that name is there (a warning; it is kept).
pub(crate) fn run(a: &TemplatesArgs, r: &Reporter) -> Result<ExitStatus, Error> {
    if a.list {
        for (name, file, _) in vanban::builtin_templates() {
            outln!("{name:<18} {file}");
        }
        return Ok(ExitStatus::Ok);
    }
    let chosen: Vec<(&str, &str)> = if a.names.is_empty() {
        vanban::builtin_templates()
            .iter()
            .map(|(_, f, t)| (*f, *t))
            .collect()
    } else {
        a.names.iter().map(|n| find(n)).collect::<Result<_, _>>()?
    };
    let dir: &Path = &a.output;
    if dir.is_file() {
        return Err(Error::Io {
            path: dir.to_path_buf(),
            message: "thư mục mẫu phải là một thư mục, không phải tệp".into(),
        });
    }
    std::fs::create_dir_all(dir).map_err(|e| Error::Io {
        path: dir.to_path_buf(),
        message: format!("không tạo được thư mục mẫu ({})", io_vi(&e)),
    })?;
    for (file, text) in chosen {
        let path = dir.join(file);
        let io = |e: std::io::Error| Error::Io {
            path: path.clone(),
            message: format!("không ghi được tệp mẫu ({})", io_vi(&e)),
        };
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
        {
            Ok(mut f) => {
                f.write_all(text.as_bytes()).map_err(io)?;
                r.done(&format!("Đã ghi {}", path.display()));
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => r.diagnostics(
                &Diagnostic::warning(
                    Location::file(&path),
                    "tệp mẫu đã có, giữ nguyên (vanban không ghi đè)",
                )
                .with_hint(
                    "muốn lấy lại mẫu có sẵn: đổi tên hoặc chuyển tệp này đi rồi chạy lại lệnh",
                )
                .into(),
            ),
            Err(e) => return Err(io(e)),
        }
    }
    Ok(ExitStatus::Ok)
}
