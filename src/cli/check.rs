//! `guidebot check`: lints the guide and exits non-zero when it finds problems.

use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;

use crate::knowledge::check;

pub fn run_check(knowledge: &Path) -> anyhow::Result<ExitCode> {
    let findings = check(knowledge)
        .with_context(|| format!("cannot load the guide from {}", knowledge.display()))?;
    for finding in &findings {
        println!("{finding}");
    }
    if findings.is_empty() {
        println!("{}: no problems found", knowledge.display());
        Ok(ExitCode::SUCCESS)
    } else {
        println!("{} problem(s) found", findings.len());
        Ok(ExitCode::FAILURE)
    }
}
