//! The command line: arguments (clap derive, help in Vietnamese) and one module per subcommand.
//!
//! The CLI does the I/O; the library stages return values. Diagnostics are printed once, by
//! [`Reporter`], and every command maps its outcome to the documented exit codes
//! ([`ExitStatus`]).

/// Like `eprintln!`, but a closed stderr (`vanban … 2>&1 | head -1`) is ignored instead of
/// panicking: what cannot be shown is dropped, the work and the exit code are unchanged.
macro_rules! errln {
    ($($t:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr().lock(), $($t)*);
    }};
}

/// Like `println!`, but a closed stdout (`vanban --help | head -1`) is ignored instead of
/// panicking.
macro_rules! outln {
    ($($t:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout().lock(), $($t)*);
    }};
}

mod build;
mod check;
mod consolidate;
mod form;
mod import;
mod new;
pub(crate) mod paths;
mod pdf;
mod plan;
mod render;
mod report;
mod templates;
pub(crate) mod usage;
mod validate;

use std::path::{Path, PathBuf};

use clap::{Args, Parser, Subcommand};

use vanban::diag::{Diagnostics, ExitStatus};
use vanban::Error;

/// vanban — soạn văn bản hành chính (.docx) theo Nghị định 30/2020/NĐ-CP từ dữ liệu YAML.
#[derive(Debug, Parser)]
#[command(name = "vanban", version, about, long_about = None)]
#[command(
    after_help = "Tham số là tệp hay thư mục nhận mẫu tên trong ngoặc kép (\"data/bao-cao/*.yaml\"): vanban tự mở rộng. Mã thoát: 0 xong, 1 dữ liệu hoặc mẫu lỗi, 2 sai cách dùng hoặc lỗi đọc/ghi tệp, 3 lỗi của vanban, 4 có tệp đã sửa không bị ghi đè (--force để ghi đè), 5 đã ghi .docx nhưng không tạo được PDF (--pdf)."
)]
#[command(disable_help_subcommand = true)]
#[command(help_template = "{about}\n\nCách dùng: {usage}\n\n{all-args}{after-help}")]
pub(crate) struct Cli {
    /// Lệnh cần chạy.
    #[command(subcommand)]
    pub command: Command,
    /// Mức thông báo.
    #[command(flatten)]
    pub verbosity: Verbosity,
}

/// Bao nhiêu thông báo được in ra.
#[derive(Debug, Args, Clone, Copy)]
pub(crate) struct Verbosity {
    /// Chỉ in lỗi (không in cảnh báo và tệp đã ghi; tệp kết quả không được ghi đè vì đã sửa vẫn được báo).
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    pub quiet: bool,
    /// In thêm chi tiết: từng bước xử lý, từng chỗ "có thể gõ nhầm", mẫu nào dựng văn bản nào.
    #[arg(short, long, global = true)]
    pub verbose: bool,
}

/// Các lệnh.
#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Tạo KẾ HOẠCH (.docx) từ tệp dữ liệu kế hoạch.
    #[command(visible_alias = "ke-hoach")]
    Plan(plan::PlanArgs),
    /// Tạo BÁO CÁO (.docx) của một đơn vị từ tệp báo cáo, đối chiếu với chỉ tiêu của kế hoạch.
    #[command(visible_alias = "bao-cao")]
    Report(report::ReportArgs),
    /// Tổng hợp báo cáo của các đơn vị thành BÁO CÁO tổng hợp (.docx) có phụ lục chỉ tiêu.
    #[command(visible_alias = "tong-hop")]
    Consolidate(consolidate::ConsolidateArgs),
    /// Tạo biểu mẫu Excel (.xlsx) cho từng đơn vị điền số liệu chỉ tiêu và nội dung báo cáo; tệp đã điền đọc được như tệp báo cáo .yaml.
    #[command(visible_alias = "bieu-mau")]
    Form(form::FormArgs),
    /// Tạo tất cả văn bản: kế hoạch, báo cáo từng đơn vị, báo cáo tổng hợp và các tệp có `loai` (đọc ./data, ghi ./output).
    #[command(visible_alias = "tao")]
    Build(build::BuildArgs),
    /// Tạo văn bản bất kỳ loại nào (.docx) từ tệp dữ liệu của nó (loại theo `loai:`).
    #[command(visible_alias = "soan")]
    Render(render::RenderArgs),
    /// Tạo tệp dữ liệu khởi đầu (YAML có chú thích) cho một loại văn bản; `--list` liệt kê các loại.
    #[command(visible_alias = "moi")]
    New(new::NewArgs),
    /// Chép các mẫu nội dung có sẵn trong chương trình ra thư mục `templates/` để sửa (không ghi đè tệp đã có); `--list` liệt kê các mẫu.
    #[command(visible_alias = "mau")]
    Templates(templates::TemplatesArgs),
    /// Kiểm tra tệp dữ liệu (và mẫu) mà không ghi tệp nào.
    #[command(visible_alias = "kiem-tra")]
    Validate(validate::ValidateArgs),
    /// Kiểm tra thể thức tệp Word (.docx) theo Nghị định 30/2020/NĐ-CP, Phụ lục I: khổ giấy, lề, phông, phần đầu, số, ngày tháng, tên loại, nội dung, nơi nhận, chữ ký, số trang.
    #[command(visible_alias = "kiem-tra-the-thuc")]
    Check(check::CheckArgs),
    /// Nhập tệp Word (.docx) — văn bản cũ, làm bằng Word hay vanban — thành tệp dữ liệu (YAML) cùng loại để sửa và tạo lại: phần đầu, tên loại, trích yếu, Kính gửi, nội dung (Markdown), chú thích, nơi nhận, chữ ký.
    #[command(visible_alias = "nhap")]
    Import(import::ImportArgs),
}

/// Chọn thư mục mẫu.
#[derive(Debug, Args, Clone)]
pub(crate) struct TemplateArgs {
    /// Thư mục chứa các mẫu *.md.hbs thay cho mẫu có sẵn cùng tên (`ke-hoach`, `bao-cao`, `tong-hop`, `van-ban`, `quyet-dinh`, `giay-moi`, `giay-gioi-thieu`, `giay-nghi-phep`, `bien-ban` .md.hbs); mặc định: thư mục `templates/` ở thư mục đang làm việc nếu có.
    #[arg(long, value_name = "THƯ_MỤC")]
    pub templates: Option<PathBuf>,
}

/// The templates folder used when `--templates` is not given: `templates/` in the working folder
/// (beside `data/`), when it exists.
pub(crate) const WORKING_TEMPLATES: &str = "templates";

impl TemplateArgs {
    /// The folder whose `*.md.hbs` files replace the built-in templates of the same name:
    /// `--templates DIR` (must exist), else `./templates` when it is a folder, else none. A
    /// template missing from the folder is the built-in one.
    pub(crate) fn dir(&self) -> Result<Option<PathBuf>, Error> {
        match &self.templates {
            Some(d) => Ok(Some(paths::input_dir(d, "thư mục mẫu")?)),
            None => Ok(Path::new(WORKING_TEMPLATES)
                .is_dir()
                .then(|| PathBuf::from(WORKING_TEMPLATES))),
        }
    }

    /// Load the templates (the built-in ones named in `only`, all when `None`, replaced by the
    /// files of [`TemplateArgs::dir`]); prints their warnings and, with `-v`, the folder used.
    pub(crate) fn load(
        &self,
        only: Option<&[&str]>,
        r: &Reporter,
    ) -> Result<vanban::Templates, Error> {
        let dir = self.dir()?;
        match &dir {
            Some(d) => r.step(&format!(
                "đọc mẫu: thư mục {} (mẫu không có trong thư mục này dùng mẫu có sẵn)",
                d.display()
            )),
            None => r.step("đọc mẫu: mẫu có sẵn"),
        }
        let t = vanban::load_templates(dir.as_deref(), only)?;
        r.diagnostics(&t.warnings);
        Ok(t.value)
    }
}

/// Không ghi đè tệp đã sửa.
#[derive(Debug, Args, Clone, Copy)]
pub(crate) struct ForceArgs {
    /// Ghi đè cả tệp kết quả đã được sửa sau lần vanban tạo ra nó (ví dụ sửa bằng Word) và tệp cùng tên không do vanban tạo; mặc định các tệp đó được giữ nguyên, kèm cảnh báo.
    #[arg(long)]
    pub force: bool,
}

/// Prints diagnostics and progress according to the verbosity.
pub(crate) struct Reporter {
    verbosity: Verbosity,
    /// The .docx files written by [`Reporter::write`] since the last
    /// [`Reporter::take_written`]: what `--pdf` converts.
    written: std::cell::RefCell<Vec<PathBuf>>,
}

impl Reporter {
    /// A reporter with the given verbosity.
    pub(crate) fn new(verbosity: Verbosity) -> Self {
        Reporter {
            verbosity,
            written: Default::default(),
        }
    }

    /// The .docx files written since the last call (documents kept because edited are not
    /// among them), in the order written.
    pub(crate) fn take_written(&self) -> Vec<PathBuf> {
        std::mem::take(&mut *self.written.borrow_mut())
    }

    /// A warning that is not about a data file (e.g. the font for PDF), unless `--quiet`.
    pub(crate) fn warn(&self, msg: &str) {
        if !self.verbosity.quiet {
            errln!(
                "{msg}
"
            );
        }
    }

    /// A progress line of a long step (on standard error, unless `--quiet`).
    pub(crate) fn progress(&self, msg: &str) {
        if !self.verbosity.quiet {
            errln!("{msg}");
        }
    }

    /// Print diagnostics: errors always, warnings unless `--quiet`. The typo lint's warnings
    /// (`có thể gõ nhầm`) are one summary line per file unless `--verbose`, which shows each.
    pub(crate) fn diagnostics(&self, d: &Diagnostics) {
        let mut typos: Vec<(String, Vec<usize>)> = Vec::new();
        for x in &d.0 {
            if !x.is_error() && self.verbosity.quiet {
                continue;
            }
            if !self.verbosity.verbose && vanban::is_likely_typo(x) {
                let file = x
                    .location
                    .file
                    .as_ref()
                    .map(|f| f.display().to_string())
                    .unwrap_or_default();
                match typos.iter_mut().find(|(f, _)| *f == file) {
                    Some((_, lines)) => lines.push(x.location.line),
                    None => typos.push((file, vec![x.location.line])),
                }
                continue;
            }
            errln!("{x}\n");
        }
        for (file, mut lines) in typos {
            let n = lines.len();
            lines.sort_unstable();
            lines.dedup();
            let lines: Vec<String> = lines.iter().map(usize::to_string).collect();
            errln!(
                "cảnh báo: {file}: {n} chỗ có thể gõ nhầm (dòng {}); văn bản giữ nguyên như dữ liệu — xem từng chỗ bằng `vanban -v …`\n",
                lines.join(", ")
            );
        }
    }

    /// A progress line, printed with `--verbose` only.
    pub(crate) fn step(&self, msg: &str) {
        if self.verbosity.verbose {
            errln!("· {msg}");
        }
    }

    /// A result line (file written, file valid, the summary), printed on standard output
    /// unless `--quiet`: results go to stdout, diagnostics to stderr, so that
    /// `vanban validate data > ketqua.txt` keeps the results.
    pub(crate) fn done(&self, msg: &str) {
        if !self.verbosity.quiet {
            outln!("{msg}");
        }
    }

    /// With `--verbose`: which template file each template the last document used came from.
    pub(crate) fn templates_used(&self, t: &vanban::Templates, out: &Path) {
        for (name, origin) in t.take_used() {
            if origin == Path::new(vanban::BUILTIN_ORIGIN) {
                self.step(&format!(
                    "{}: mẫu `{name}` {}",
                    out.display(),
                    origin.display()
                ));
            } else {
                self.step(&format!(
                    "{}: mẫu `{name}` từ {}",
                    out.display(),
                    origin.display()
                ));
            }
        }
    }

    /// Write one document through the output layer; prints what happened. A kept file (edited
    /// since vanban wrote it, or not vanban's) is a warning printed even with `--quiet`, and
    /// returns [`ExitStatus::NotOverwritten`].
    pub(crate) fn write(
        &self,
        outputs: &mut vanban::Outputs,
        out: &Path,
        bytes: &[u8],
        inputs: &[PathBuf],
        templates: &vanban::Templates,
    ) -> Result<ExitStatus, Error> {
        self.templates_used(templates, out);
        match outputs.write(out, bytes, inputs)? {
            vanban::Written::Wrote => {
                self.done(&format!("Đã ghi {}", out.display()));
                self.written.borrow_mut().push(out.to_path_buf());
                Ok(ExitStatus::Ok)
            }
            vanban::Written::Kept(w) => {
                errln!("{w}\n");
                Ok(ExitStatus::NotOverwritten)
            }
        }
    }

    /// Print an error and return its exit status.
    pub(crate) fn error(&self, e: &Error) -> ExitStatus {
        match e {
            Error::Input(d) => {
                self.diagnostics(d);
                let n = d.errors().count();
                errln!("Văn bản này không được tạo: có {n} lỗi trong dữ liệu hoặc mẫu.");
            }
            Error::Io { .. } => errln!("lỗi: {e}"),
            Error::Docx(_) => {
                errln!("lỗi: {e}");
                errln!("Đây là lỗi của vanban, không phải của dữ liệu. Không tạo tệp nào.");
            }
        }
        e.exit_status()
    }
}

/// Run the parsed command line; returns the exit status.
/// When a file could not be read as the kind a command expects, say which kind it is and which
/// command makes it (`vanban plan` given a unit report, …). Adds nothing when the file is of
/// the expected kind or of no known kind.
pub(crate) fn wrong_command(
    path: &std::path::Path,
    mut d: Diagnostics,
    expected: vanban::FileKind,
) -> Diagnostics {
    use vanban::FileKind;
    let (kind, _) = vanban::recognize(path);
    let (what, command) = match kind {
        FileKind::Plan => ("tệp kế hoạch", format!("vanban plan {}", path.display())),
        FileKind::UnitReport => (
            "tệp báo cáo của một đơn vị",
            format!("vanban report {} --plan KẾ_HOẠCH", path.display()),
        ),
        FileKind::Envelope => (
            "tệp thông tin báo cáo tổng hợp",
            format!(
                "vanban consolidate --plan KẾ_HOẠCH THƯ_MỤC_BÁO_CÁO --envelope {}",
                path.display()
            ),
        ),
        FileKind::Document => (
            "văn bản theo loại (có `loai`)",
            format!("vanban render {}", path.display()),
        ),
        FileKind::PreviousYear => (
            "tệp kết quả năm trước",
            format!(
                "vanban consolidate --plan KẾ_HOẠCH THƯ_MỤC_BÁO_CÁO --previous {}",
                path.display()
            ),
        ),
        FileKind::Unknown => return d,
    };
    if kind != expected {
        // Only this: the file's other errors are those of reading it as the wrong kind.
        d = vanban::Diagnostic::error(
            vanban::diag::Location::file(path),
            format!("tệp này là {what}, lệnh này không dùng được cho nó"),
        )
        .with_hint(format!("dùng `{command}`"))
        .into();
    }
    d
}

pub(crate) fn run(cli: Cli) -> ExitStatus {
    let reporter = Reporter::new(cli.verbosity);
    let result = match cli.command {
        Command::Plan(a) => plan::run(&a, &reporter),
        Command::Validate(a) => validate::run(&a, &reporter),
        Command::Check(a) => check::run(&a, &reporter),
        Command::Import(a) => import::run(&a, &reporter),
        Command::Report(a) => report::run(&a, &reporter),
        Command::Consolidate(a) => consolidate::run(&a, &reporter),
        Command::Build(a) => build::run(&a, &reporter),
        Command::Form(a) => form::run(&a, &reporter),
        Command::Render(a) => render::run(&a, &reporter),
        Command::New(a) => new::run(&a, &reporter),
        Command::Templates(a) => templates::run(&a, &reporter),
    };
    match result {
        Ok(status) => status,
        Err(e) => reporter.error(&e),
    }
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use super::Cli;

    /// clap's own consistency checks on the whole command line (every subcommand, argument,
    /// alias, conflict and help template). Without this test clap runs them only in debug builds
    /// and only for the subcommand being parsed.
    #[test]
    fn command_line_definition_is_consistent() {
        Cli::command().debug_assert();
    }
}
