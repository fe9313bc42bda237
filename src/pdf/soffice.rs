//! Finding LibreOffice, checking the font, and running one headless conversion.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use wait_timeout::ChildExt;

use super::{
    check, header_first_line, PdfError, PdfKind, BASE_TIMEOUT_S, HEADER_FIRST_LINE,
    PER_FILE_TIMEOUT_S,
};

/// What to install, said whenever LibreOffice is missing or unusable.
const INSTALL_HINT: &str = "cài LibreOffice (Windows, macOS: tải bộ cài ở libreoffice.org; Debian, Ubuntu: `sudo apt install libreoffice-writer-nogui fonts-liberation2`), hoặc chỉ đường tới chương trình `soffice` bằng biến môi trường VANBAN_SOFFICE; cũng có thể mở tệp .docx bằng Word và chọn Tệp → Lưu thành → PDF (\"Lưu thành PDF\")";

/// The usual install places of LibreOffice's `soffice`, after `PATH`.
fn usual_places() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = Vec::new();
    if cfg!(windows) {
        for var in ["ProgramFiles", "ProgramFiles(x86)", "ProgramW6432"] {
            if let Some(d) = std::env::var_os(var) {
                v.push(PathBuf::from(d).join(r"LibreOffice\program\soffice.exe"));
            }
        }
        v.push(PathBuf::from(
            r"C:\Program Files\LibreOffice\program\soffice.exe",
        ));
        v.push(PathBuf::from(
            r"C:\Program Files (x86)\LibreOffice\program\soffice.exe",
        ));
    } else {
        v.push(PathBuf::from("/usr/bin/soffice"));
        v.push(PathBuf::from("/usr/lib/libreoffice/program/soffice"));
        v.push(PathBuf::from("/usr/local/bin/soffice"));
        v.push(PathBuf::from("/snap/bin/libreoffice"));
        v.push(PathBuf::from(
            "/Applications/LibreOffice.app/Contents/MacOS/soffice",
        ));
        // /opt/libreoffice7.6/program/soffice and the like (the upstream packages).
        if let Ok(entries) = std::fs::read_dir("/opt") {
            let mut opt: Vec<PathBuf> = entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| {
                    p.file_name()
                        .is_some_and(|n| n.to_string_lossy().starts_with("libreoffice"))
                })
                .map(|p| p.join("program").join("soffice"))
                .collect();
            opt.sort();
            opt.reverse(); // the newest version first
            v.extend(opt);
        }
    }
    v
}

/// The LibreOffice program: `VANBAN_SOFFICE` when set (it must exist), else `soffice` or
/// `libreoffice` on `PATH`, else the first of the usual install places that exists.
///
/// # Errors
/// A [`PdfError`] saying what to install (and that Word's "Lưu thành PDF" works too).
pub fn find_soffice() -> Result<PathBuf, PdfError> {
    if let Some(p) = std::env::var_os("VANBAN_SOFFICE").filter(|p| !p.is_empty()) {
        let p = PathBuf::from(p);
        if p.is_file() {
            return Ok(p);
        }
        return Err(PdfError {
            message: format!(
                "không tìm thấy LibreOffice ở {} (biến môi trường VANBAN_SOFFICE) để chuyển sang PDF; các tệp .docx vẫn được ghi",
                p.display()
            ),
            detail: None,
            hint: INSTALL_HINT.into(),
        });
    }
    let exe = if cfg!(windows) { ".exe" } else { "" };
    let on_path = std::env::var_os("PATH")
        .map(|p| std::env::split_paths(&p).collect::<Vec<_>>())
        .unwrap_or_default();
    for name in ["soffice", "libreoffice"] {
        for dir in &on_path {
            let p = dir.join(format!("{name}{exe}"));
            if p.is_file() {
                return Ok(p);
            }
        }
    }
    usual_places()
        .into_iter()
        .find(|p| p.is_file())
        .ok_or_else(|| PdfError {
            message: "không tìm thấy LibreOffice để chuyển sang PDF (không có trong PATH, cũng không ở chỗ cài thường gặp); các tệp .docx vẫn được ghi".into(),
            detail: None,
            hint: INSTALL_HINT.into(),
        })
}

/// What a font warning advises.
const HINT: &str = "chữ trong PDF sẽ rộng hẹp khác bản in từ Word (dòng, trang có thể ngắt khác); cài phông Times New Roman hoặc Liberation Serif 2 (Debian, Ubuntu: `sudo apt install fonts-liberation2`)";

/// Families LibreOffice can use for Times New Roman with the same letter widths (so lines and
/// pages break as in Word): Times New Roman itself and its metric-compatible clones.
const METRIC_COMPATIBLE: [&str; 4] = [
    "Times New Roman",
    "Liberation Serif",
    "Tinos",
    "TeX Gyre Termes",
];

fn run_text(program: &str, args: &[&str]) -> Option<String> {
    let out = Command::new(program)
        .args(args)
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
}

/// A warning when no Times New Roman, nor a font with the same metrics, *with the Vietnamese
/// letters* is installed (NĐ 30 Phụ lục I, I.2), naming the font that will be used instead;
/// `None` when one is there, or when the system cannot tell (no fontconfig).
///
/// Linux and the like: fontconfig's `fc-match 'Times New Roman:charset=1ef0'` (U+1EF0 `Ự`
/// stands for the Vietnamese letters), then `fc-list` to make sure the family chosen has them:
/// Debian's `fonts-liberation` 1.x has Liberation Serif without Ư, Ơ, Ố (`fonts-liberation2`
/// has them). Windows: `%WINDIR%\Fonts\times.ttf`. macOS: the system's Times New Roman.
pub fn font_warning() -> Option<String> {
    if cfg!(windows) {
        let fonts = std::env::var_os("WINDIR")
            .map(|w| PathBuf::from(w).join("Fonts"))
            .unwrap_or_else(|| PathBuf::from(r"C:\Windows\Fonts"));
        return (!fonts.join("times.ttf").is_file()).then(|| {
            format!(
                "cảnh báo: không thấy phông Times New Roman ({}); {HINT}",
                fonts.join("times.ttf").display()
            )
        });
    }
    let Some(family) = run_text(
        "fc-match",
        &["-f", "%{family[0]}", "Times New Roman:charset=1ef0"],
    ) else {
        let mac = [
            "/System/Library/Fonts/Supplemental/Times New Roman.ttf",
            "/Library/Fonts/Times New Roman.ttf",
        ];
        if cfg!(target_os = "macos") && !mac.iter().any(|p| Path::new(p).is_file()) {
            return Some(format!(
                "cảnh báo: không thấy phông Times New Roman; {HINT}"
            ));
        }
        return None;
    };
    // fc-match always answers; the charset is a preference: make sure the family has the letters.
    let has_vietnamese = run_text("fc-list", &[&format!("{family}:charset=1ef0"), "family"])
        .is_some_and(|s| !s.is_empty());
    font_verdict(&family, has_vietnamese)
}

/// The warning for the font fontconfig gives for Times New Roman, `family`, which has the
/// Vietnamese letters or not; `None` when it is Times New Roman or a metric-compatible clone
/// with them.
fn font_verdict(family: &str, has_vietnamese: bool) -> Option<String> {
    let compatible = METRIC_COMPATIBLE
        .iter()
        .any(|f| family.eq_ignore_ascii_case(f));
    match (compatible, has_vietnamese) {
        (true, true) => None,
        (true, false) => Some(format!(
            "cảnh báo: phông «{family}» dùng thay Times New Roman thiếu chữ tiếng Việt (Ư, Ơ, Ố…): LibreOffice sẽ lấy các chữ đó từ phông khác; {HINT}"
        )),
        (false, _) => Some(format!(
            "cảnh báo: không có phông Times New Roman hay phông cùng cỡ chữ (Liberation Serif 2, Tinos) có đủ chữ tiếng Việt; LibreOffice sẽ dùng «{family}» thay thế; {HINT}"
        )),
    }
}

/// The timeout of a conversion of `files` files: `VANBAN_PDF_TIMEOUT` seconds when set (a
/// positive whole number), else [`BASE_TIMEOUT_S`] + [`PER_FILE_TIMEOUT_S`] per file.
pub fn timeout_for(files: usize) -> Duration {
    let from_env = std::env::var("VANBAN_PDF_TIMEOUT")
        .ok()
        .and_then(|s| s.trim().parse::<u64>().ok())
        .filter(|s| *s > 0);
    Duration::from_secs(from_env.unwrap_or(BASE_TIMEOUT_S + PER_FILE_TIMEOUT_S * files as u64))
}

/// A `file://` URL for a folder, as LibreOffice's `-env:UserInstallation` wants it: `/` as the
/// separator (Windows: `file:///C:/Users/…`), every byte outside the unreserved set
/// percent-encoded (RFC 3986; a Windows user name with Vietnamese letters, a space in a path).
fn file_url(dir: &Path) -> String {
    let s = dir.to_string_lossy().replace('\\', "/");
    let mut url = String::from("file://");
    if !s.starts_with('/') {
        url.push('/');
    }
    for (i, b) in s.bytes().enumerate() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                url.push(b as char)
            }
            b':' if i == 1 => url.push(':'), // the drive letter's colon (`C:`)
            _ => url.push_str(&format!("%{b:02X}")),
        }
    }
    url
}

/// LibreOffice's argument that gives it a private profile in folder `profile` (never the
/// user's own: an open LibreOffice or a stale lock cannot get in the way, H31/H32).
pub fn profile_arg(profile: &Path) -> String {
    format!("-env:UserInstallation={}", file_url(profile))
}

/// One converted document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Converted {
    /// The .docx file that was converted.
    pub docx: PathBuf,
    /// The PDF's bytes (checked by [`check()`]: pages, embedded fonts, page 1's Quốc hiệu).
    pub pdf: Vec<u8>,
    /// Its number of pages.
    pub pages: usize,
}

/// Stop `child` and every process it started (LibreOffice's `soffice` is a launcher: the work
/// is done by `soffice.bin`, its child).
fn kill_tree(child: &mut Child) {
    #[cfg(unix)]
    {
        // The child leads its own process group (see `convert`): signal the whole group.
        let _ = Command::new("kill")
            .args(["-s", "KILL", "--", &format!("-{}", child.id())])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
    }
    #[cfg(windows)]
    {
        let _ = Command::new("taskkill")
            .args(["/T", "/F", "/PID", &child.id().to_string()])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
    }
    let _ = child.kill();
    let _ = child.wait();
}

/// The index `i` of a line `convert …/f0007.docx -> …` of LibreOffice's output.
fn converted_index(line: &str) -> Option<usize> {
    let start = line.strip_prefix("convert ")?;
    let name = start.split(" -> ").next()?;
    let stem = Path::new(name).file_stem()?.to_str()?;
    stem.strip_prefix('f')?.parse().ok()
}

fn io_failure(what: &str, e: &std::io::Error) -> PdfError {
    PdfError {
        message: format!(
            "không chuẩn bị được việc chuyển sang PDF: {what} ({}); các tệp .docx vẫn được ghi",
            crate::io_vi(e)
        ),
        detail: None,
        hint: "kiểm tra thư mục tạm (biến môi trường TMPDIR hoặc TEMP) còn chỗ và ghi được".into(),
    }
}

/// Convert `files` (.docx) to PDF in one LibreOffice process `soffice` with a private temporary
/// profile, stopped after `timeout`. `progress(i)` is called as LibreOffice reports file `i`
/// done. Every PDF is checked with [`check()`].
///
/// The timeout is measured on the clock (`Instant::now`): it stops a process, it never reaches a
/// document.
///
/// # Errors
/// A [`PdfError`] with LibreOffice's own output when it fails to start, stops without writing
/// every PDF, runs past `timeout` (then the process tree is stopped), or writes a PDF that
/// fails the check.
#[allow(clippy::disallowed_methods)]
pub fn convert(
    soffice: &Path,
    files: &[PathBuf],
    kind: PdfKind,
    timeout: Duration,
    progress: &mut dyn FnMut(usize),
) -> Result<Vec<Converted>, PdfError> {
    if files.is_empty() {
        return Ok(Vec::new());
    }
    let tmp = tempfile::Builder::new()
        .prefix("vanban-pdf-")
        .tempdir()
        .map_err(|e| io_failure("không tạo được thư mục tạm", &e))?;
    let (profile, input, output) = (
        tmp.path().join("profile"),
        tmp.path().join("in"),
        tmp.path().join("out"),
    );
    for d in [&profile, &input, &output] {
        std::fs::create_dir_all(d).map_err(|e| io_failure("không tạo được thư mục tạm", &e))?;
    }
    // Copies under plain ASCII names: one --outdir for files of many folders (two `ke-hoach.docx`
    // cannot meet), no path LibreOffice could misread, no lock file of the user's in the way.
    let mut first_lines = Vec::with_capacity(files.len());
    let mut args: Vec<std::ffi::OsString> = vec![
        profile_arg(&profile).into(),
        "--headless".into(),
        "--invisible".into(),
        "--nodefault".into(),
        "--nologo".into(),
        "--norestore".into(),
        "--nolockcheck".into(),
        "--convert-to".into(),
        match kind {
            PdfKind::Pdf => "pdf:writer_pdf_Export".into(),
            PdfKind::PdfA1b => {
                r#"pdf:writer_pdf_Export:{"SelectPdfVersion":{"type":"long","value":"1"}}"#.into()
            }
        },
        "--outdir".into(),
        output.clone().into(),
    ];
    for (i, f) in files.iter().enumerate() {
        let copy = input.join(format!("f{i:04}.docx"));
        let bytes = std::fs::read(f).map_err(|e| PdfError {
            message: format!(
                "không đọc được {} để chuyển sang PDF ({})",
                f.display(),
                crate::io_vi(&e)
            ),
            detail: None,
            hint: "chạy lại lệnh".into(),
        })?;
        first_lines
            .push(header_first_line(&bytes).unwrap_or_else(|| HEADER_FIRST_LINE.to_string()));
        std::fs::write(&copy, &bytes).map_err(|e| io_failure("không ghi được thư mục tạm", &e))?;
        args.push(copy.into());
    }

    let mut cmd = Command::new(soffice);
    cmd.args(&args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    #[cfg(unix)]
    {
        use std::os::unix::process::CommandExt;
        cmd.process_group(0);
    }
    let mut child = cmd.spawn().map_err(|e| PdfError {
        message: format!(
            "không chạy được LibreOffice ({}): {}; các tệp .docx vẫn được ghi",
            soffice.display(),
            crate::io_vi(&e)
        ),
        detail: None,
        hint: INSTALL_HINT.into(),
    })?;

    // Both outputs are read as they come (a full pipe would stop LibreOffice); stdout's lines
    // give the progress.
    let (tx, rx) = mpsc::channel::<(bool, String)>();
    let mut readers = Vec::new();
    if let Some(out) = child.stdout.take() {
        let tx = tx.clone();
        readers.push(std::thread::spawn(move || {
            for line in BufReader::new(out).lines().map_while(Result::ok) {
                let _ = tx.send((true, line));
            }
        }));
    }
    if let Some(err) = child.stderr.take() {
        let tx = tx.clone();
        readers.push(std::thread::spawn(move || {
            // Line by line: what LibreOffice said before it hung is kept when it is stopped.
            let mut err = BufReader::new(err);
            let mut line = Vec::new();
            while matches!(err.read_until(b'\n', &mut line), Ok(n) if n > 0) {
                let text = String::from_utf8_lossy(&line).trim_end().to_string();
                let _ = tx.send((false, text));
                line.clear();
            }
        }));
    }
    drop(tx);

    let started = Instant::now();
    let mut said = String::new();
    let mut collect = |rx: &mpsc::Receiver<(bool, String)>, said: &mut String| {
        while let Ok((is_out, text)) = rx.try_recv() {
            if is_out {
                if let Some(i) = converted_index(&text).filter(|i| *i < files.len()) {
                    progress(i);
                }
            }
            said.push_str(&text);
            said.push('\n');
        }
    };
    let status = loop {
        match child.wait_timeout(Duration::from_millis(100)) {
            Ok(Some(status)) => break Some(status),
            Ok(None) => {}
            Err(_) => break None,
        }
        collect(&rx, &mut said);
        if started.elapsed() >= timeout {
            kill_tree(&mut child);
            // What the readers still hold, briefly: the killed tree closes the pipes.
            let until = Instant::now() + Duration::from_secs(2);
            while let Ok(m) = rx.recv_timeout(until.saturating_duration_since(Instant::now())) {
                said.push_str(&m.1);
                said.push('\n');
            }
            return Err(PdfError {
                message: format!(
                    "LibreOffice chưa chuyển xong sau {} giây nên đã bị dừng; không có tệp PDF nào được ghi (các tệp .docx vẫn được ghi)",
                    timeout.as_secs()
                ),
                detail: Some(said),
                hint: "đóng các cửa sổ LibreOffice đang treo rồi chạy lại; máy chậm hoặc nhiều tệp: đặt thời gian chờ dài hơn bằng biến môi trường VANBAN_PDF_TIMEOUT (số giây)".into(),
            });
        }
    };
    // The process ended: its pipes close; wait (bounded) for the readers' last words.
    let until = Instant::now() + Duration::from_secs(5);
    while let Ok(m) = rx.recv_timeout(until.saturating_duration_since(Instant::now())) {
        if m.0 {
            if let Some(i) = converted_index(&m.1).filter(|i| *i < files.len()) {
                progress(i);
            }
        }
        said.push_str(&m.1);
        said.push('\n');
    }
    for r in readers {
        if r.is_finished() {
            let _ = r.join();
        }
    }

    let mut done = Vec::with_capacity(files.len());
    let mut missing = Vec::new();
    for (i, f) in files.iter().enumerate() {
        match std::fs::read(output.join(format!("f{i:04}.pdf"))) {
            Ok(pdf) => done.push((f, &first_lines[i], pdf)),
            Err(_) => missing.push(f.display().to_string()),
        }
    }
    if !missing.is_empty() {
        let code = status
            .and_then(|s| s.code())
            .map(|c| format!(" (mã thoát {c})"))
            .unwrap_or_default();
        return Err(PdfError {
            message: format!(
                "LibreOffice{code} không tạo được PDF cho {} tệp: {}; không có tệp PDF nào được ghi (các tệp .docx vẫn được ghi)",
                missing.len(),
                missing.join(", ")
            ),
            detail: Some(said),
            hint: format!("kiểm tra LibreOffice chạy được (`{} --version`); {INSTALL_HINT}", soffice.display()),
        });
    }
    done.into_iter()
        .map(|(f, first_line, pdf)| match check(&pdf, kind, first_line) {
            Ok(pages) => Ok(Converted {
                docx: f.clone(),
                pdf,
                pages,
            }),
            Err(problem) => Err(PdfError {
                message: format!(
                    "tệp PDF LibreOffice tạo từ {} không đạt: {problem}; không có tệp PDF nào được ghi (các tệp .docx vẫn được ghi)",
                    f.display()
                ),
                detail: Some(said.clone()),
                hint: "cài đủ phông (Times New Roman hoặc `fonts-liberation2`) và bản LibreOffice mới (từ 7.4); hoặc mở tệp .docx bằng Word và chọn \"Lưu thành PDF\"".into(),
            }),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_url_encodes_what_a_url_cannot_hold() {
        assert_eq!(
            file_url(Path::new("/tmp/vanban-pdf-x/profile")),
            "file:///tmp/vanban-pdf-x/profile"
        );
        assert_eq!(
            file_url(Path::new("/home/Nguyễn Văn/t")),
            "file:///home/Nguy%E1%BB%85n%20V%C4%83n/t"
        );
        assert_eq!(
            file_url(Path::new(r"C:\Users\An\Temp")),
            "file:///C:/Users/An/Temp"
        );
    }

    #[test]
    fn font_verdict_wants_the_vietnamese_letters() {
        assert_eq!(font_verdict("Liberation Serif", true), None);
        assert_eq!(font_verdict("Times New Roman", true), None);
        // Debian's fonts-liberation 1.x: the right widths, not the letters.
        let old = font_verdict("Liberation Serif", false).expect("warning");
        assert!(
            old.contains("thiếu chữ tiếng Việt") && old.contains("fonts-liberation2"),
            "{old}"
        );
        // Another family: named as the substitute.
        let other = font_verdict("DejaVu Serif", true).expect("warning");
        assert!(other.contains("«DejaVu Serif»"), "{other}");
    }

    #[test]
    fn progress_lines_name_the_file() {
        assert_eq!(
            converted_index(
                "convert /tmp/vanban-pdf-1/in/f0007.docx -> /tmp/vanban-pdf-1/out/f0007.pdf using filter : writer_pdf_Export"
            ),
            Some(7)
        );
        assert_eq!(
            converted_index("Error: source file could not be loaded"),
            None
        );
    }

    #[test]
    fn timeout_grows_with_the_files() {
        if std::env::var_os("VANBAN_PDF_TIMEOUT").is_none() {
            assert!(timeout_for(100) > timeout_for(1));
        }
    }
}
