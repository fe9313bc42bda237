//! The `vanban` binary: parse arguments, run the command, exit with its documented code.

mod cli;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = match cli::Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            // Help and version go to stdout with code 0; usage errors exit with 2.
            return ExitCode::from(cli::usage::report(&e));
        }
    };
    ExitCode::from(cli::run(cli) as u8)
}
