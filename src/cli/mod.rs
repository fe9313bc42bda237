//! The command line: arguments (clap derive, help in Vietnamese) and one module per subcommand.
//!
//! The CLI does the I/O; the library stages return values. Diagnostics are printed once, by
//! [`Reporter`], and every command maps its outcome to the documented exit codes
//! ([`ExitStatus`]).

mod build;
mod consolidate;
mod new;
mod plan;
mod render;
mod report;
pub(crate) mod usage;
mod validate;

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use vanban::diag::{Diagnostics, ExitStatus};
use vanban::Error;

/// vanban — soạn văn bản hành chính (.docx) theo Nghị định 30/2020/NĐ-CP từ dữ liệu YAML.
#[derive(Debug, Parser)]
#[command(name = "vanban", version, about, long_about = None)]
#[command(disable_help_subcommand = true)]
#[command(help_template = "{about}\n\nCách dùng: {usage}\n\n{all-args}")]
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
    /// Chỉ in lỗi (không in cảnh báo và tệp đã ghi).
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    pub quiet: bool,
    /// In thêm chi tiết (từng bước xử lý).
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
    /// Tạo tất cả văn bản: kế hoạch, báo cáo từng đơn vị, báo cáo tổng hợp và các tệp có `loai` (đọc ./data, ghi ./output).
    #[command(visible_alias = "tao")]
    Build(build::BuildArgs),
    /// Tạo văn bản bất kỳ loại nào (.docx) từ tệp dữ liệu của nó (loại theo `loai:`).
    #[command(visible_alias = "soan")]
    Render(render::RenderArgs),
    /// Tạo tệp dữ liệu khởi đầu (YAML có chú thích) cho một loại văn bản; `--list` liệt kê các loại.
    #[command(visible_alias = "moi")]
    New(new::NewArgs),
    /// Kiểm tra tệp dữ liệu (và mẫu) mà không ghi tệp nào.
    #[command(visible_alias = "kiem-tra")]
    Validate(validate::ValidateArgs),
}

/// Chọn thư mục mẫu.
#[derive(Debug, Args, Clone)]
pub(crate) struct TemplateArgs {
    /// Thư mục chứa các mẫu *.md.hbs thay cho mẫu có sẵn cùng tên (`ke-hoach`, `bao-cao`, `tong-hop`, `van-ban`, `quyet-dinh`, `giay-moi`, `giay-gioi-thieu`, `giay-nghi-phep`, `bien-ban` .md.hbs).
    #[arg(long, value_name = "THƯ_MỤC")]
    pub templates: Option<PathBuf>,
}

/// Prints diagnostics and progress according to the verbosity.
pub(crate) struct Reporter {
    verbosity: Verbosity,
}

impl Reporter {
    /// A reporter with the given verbosity.
    pub(crate) fn new(verbosity: Verbosity) -> Self {
        Reporter { verbosity }
    }

    /// Print diagnostics: errors always, warnings unless `--quiet`.
    pub(crate) fn diagnostics(&self, d: &Diagnostics) {
        for x in &d.0 {
            if x.is_error() || !self.verbosity.quiet {
                eprintln!("{x}\n");
            }
        }
    }

    /// A progress line, printed with `--verbose` only.
    pub(crate) fn step(&self, msg: &str) {
        if self.verbosity.verbose {
            eprintln!("· {msg}");
        }
    }

    /// A result line (file written), printed unless `--quiet`.
    pub(crate) fn done(&self, msg: &str) {
        if !self.verbosity.quiet {
            eprintln!("{msg}");
        }
    }

    /// Print an error and return its exit status.
    pub(crate) fn error(&self, e: &Error) -> ExitStatus {
        match e {
            Error::Input(d) => {
                self.diagnostics(d);
                let n = d.errors().count();
                eprintln!("Văn bản này không được tạo: có {n} lỗi trong dữ liệu hoặc mẫu.");
            }
            Error::Io { .. } => eprintln!("lỗi: {e}"),
            Error::Docx(_) => {
                eprintln!("lỗi: {e}");
                eprintln!("Đây là lỗi của vanban, không phải của dữ liệu. Không tạo tệp nào.");
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
        FileKind::Unknown => return d,
    };
    if kind != expected {
        d.push(
            vanban::Diagnostic::error(
                vanban::diag::Location::file(path),
                format!("tệp này là {what}, lệnh này không dùng được cho nó"),
            )
            .with_hint(format!("dùng `{command}`")),
        );
    }
    d
}

pub(crate) fn run(cli: Cli) -> ExitStatus {
    let reporter = Reporter::new(cli.verbosity);
    let result = match cli.command {
        Command::Plan(a) => plan::run(&a, &reporter),
        Command::Validate(a) => validate::run(&a, &reporter),
        Command::Report(a) => report::run(&a, &reporter),
        Command::Consolidate(a) => consolidate::run(&a, &reporter),
        Command::Build(a) => build::run(&a, &reporter),
        Command::Render(a) => render::run(&a, &reporter),
        Command::New(a) => new::run(&a, &reporter),
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
