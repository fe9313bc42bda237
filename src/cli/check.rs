//! `vanban check` (`kiem-tra-the-thuc`): check the thể thức of .docx files — vanban's or made in
//! Word — against NĐ 30 Phụ lục I ([`vanban::check_docx`]). A `.doc` file is converted to
//! .docx by LibreOffice first when it is installed, or refused.

use std::path::{Path, PathBuf};
use std::process::Command;

use clap::Args;

use super::Reporter;
use vanban::{Error, ExitStatus, Finding, Severity};

/// Tham số của lệnh `check`.
#[derive(Debug, Args)]
pub(crate) struct CheckArgs {
    /// Các tệp Word (.docx; .doc được chuyển bằng LibreOffice nếu có) cần kiểm tra thể thức, hoặc mẫu tên như `output/*.docx`.
    #[arg(value_name = "TỆP_DOCX", required = true)]
    pub files: Vec<PathBuf>,
    /// In kết quả dạng JSON (danh sách phát hiện: tệp, quy định, vị trí, thực tế, yêu cầu, mức độ) cho công cụ khác đọc.
    #[arg(long)]
    pub json: bool,
}

/// One finding with its file, as `--json` prints it.
#[derive(serde::Serialize)]
struct JsonFinding<'a> {
    file: String,
    #[serde(flatten)]
    finding: &'a Finding,
}

/// Seconds LibreOffice may take to convert one `.doc`.
const CONVERT_TIMEOUT_SECS: u64 = 120;

/// Convert a `.doc` to .docx bytes with LibreOffice (private profile, timeout).
fn convert_doc(p: &Path) -> Result<Vec<u8>, Error> {
    let io = |message: String| Error::Io {
        path: p.to_path_buf(),
        message,
    };
    // The same LibreOffice as `--pdf` finds (VANBAN_SOFFICE, PATH, the usual install places).
    let Ok(office) = vanban::pdf::find_soffice() else {
        return Err(io(
            "tệp .doc (Word 97–2003) chỉ kiểm tra được sau khi chuyển sang .docx: cài LibreOffice (soffice) để vanban tự chuyển, hoặc mở tệp bằng Word và Lưu thành (Save As) \"Word Document (*.docx)\"".into(),
        ));
    };
    let tmp = tempfile::tempdir().map_err(|e| io(vanban::io_vi(&e)))?;
    let profile = tmp.path().join("profile");
    let out = tmp.path().join("out");
    let mut child = Command::new(office)
        .arg(vanban::pdf::profile_arg(&profile))
        .args([
            "--headless",
            "--norestore",
            "--convert-to",
            "docx",
            "--outdir",
        ])
        .arg(&out)
        .arg(p)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .map_err(|e| {
            io(format!(
                "không chạy được LibreOffice: {}",
                vanban::io_vi(&e)
            ))
        })?;
    let mut waited = 0u64;
    let status = loop {
        match child.try_wait() {
            Ok(Some(s)) => break s,
            Ok(None) if waited < CONVERT_TIMEOUT_SECS * 10 => {
                std::thread::sleep(std::time::Duration::from_millis(100));
                waited += 1;
            }
            _ => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(io(format!(
                    "LibreOffice không chuyển xong tệp .doc sau {CONVERT_TIMEOUT_SECS} giây"
                )));
            }
        }
    };
    let stem = p.file_stem().unwrap_or_default();
    let converted = out.join(stem).with_extension("docx");
    match std::fs::read(&converted) {
        Ok(b) if status.success() => Ok(b),
        _ => {
            let mut msg = String::new();
            if let Some(mut e) = child.stderr.take() {
                let _ = std::io::Read::read_to_string(&mut e, &mut msg);
            }
            Err(io(format!(
                "LibreOffice không chuyển được tệp .doc sang .docx: {}",
                msg.trim()
            )))
        }
    }
}

/// Read one file to check: .docx as is, .doc through LibreOffice.
pub(crate) fn bytes_of(p: &Path) -> Result<Vec<u8>, Error> {
    super::paths::check_docx_file(p)?;
    let ext = p
        .extension()
        .map(|x| x.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    if ext == "doc" {
        return convert_doc(p);
    }
    std::fs::read(p).map_err(|e| Error::Io {
        path: p.to_path_buf(),
        message: vanban::io_vi(&e),
    })
}

/// Run `check`: every file read and checked, every finding printed (Vietnamese, or `--json`);
/// exit 1 if any finding is an error, 2 if a file could not be read.
pub(crate) fn run(a: &CheckArgs, r: &Reporter) -> Result<ExitStatus, Error> {
    let mut status = ExitStatus::Ok;
    let mut files = Vec::new();
    for arg in &a.files {
        match super::paths::expand(std::slice::from_ref(arg)) {
            Ok(mut v) => files.append(&mut v),
            Err(e) => status = status.max(r.error(&e)),
        }
    }
    let mut json: Vec<(String, Vec<Finding>)> = Vec::new();
    for f in super::paths::distinct(files) {
        let findings = match bytes_of(&f).and_then(|b| {
            vanban::check_docx(&b).map_err(|e| Error::Io {
                path: f.clone(),
                message: e.to_string(),
            })
        }) {
            Ok(x) => x,
            Err(e) => {
                status = status.max(r.error(&e));
                continue;
            }
        };
        let errors = findings
            .iter()
            .filter(|x| x.severity == Severity::Error)
            .count();
        if errors > 0 {
            status = status.max(ExitStatus::InvalidInput);
        }
        if a.json {
            json.push((f.display().to_string(), findings));
            continue;
        }
        for x in &findings {
            errln!(
                "{}: {}\n  --> {}: {}\n  = thực tế: {}\n  = yêu cầu: {}\n",
                x.severity.vi(),
                x.rule,
                f.display(),
                x.location,
                x.found,
                x.expected
            );
        }
        let warnings = findings.len() - errors;
        r.done(&match (errors, warnings) {
            (0, 0) => format!("{}: đúng thể thức (không phát hiện lỗi nào)", f.display()),
            _ => format!(
                "{}: {errors} lỗi, {warnings} cảnh báo về thể thức",
                f.display()
            ),
        });
    }
    if a.json {
        let list: Vec<JsonFinding<'_>> = json
            .iter()
            .flat_map(|(file, xs)| {
                xs.iter().map(|finding| JsonFinding {
                    file: file.clone(),
                    finding,
                })
            })
            .collect();
        let text = serde_json::to_string_pretty(&list).unwrap_or_else(|_| "[]".into());
        outln!("{text}");
    }
    Ok(status)
}
