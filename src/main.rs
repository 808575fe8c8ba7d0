//! The `guidebot` binary: parses the command line and runs the chosen subcommand.

use std::process::ExitCode;

fn main() -> ExitCode {
    match guidebot::cli::run() {
        Ok(code) => code,
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::FAILURE
        }
    }
}
