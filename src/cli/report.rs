//! `guidebot report`: what patients asked that the guide could not answer, and the sections
//! patients marked 👎, so the clinic knows what to add or rewrite.

use std::io::Write;
use std::process::ExitCode;

use clap::Args;

use crate::config::Config;
use crate::journal::Journal;

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// How many questions and sections to show.
    #[arg(long, default_value_t = 20)]
    pub limit: usize,
}

pub fn run_report(config: &Config, args: &ReportArgs) -> anyhow::Result<ExitCode> {
    let journal = Journal::open(&config.database, config.retention_days)?;
    let summary = journal.summary(args.limit)?;
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "From {} (last {} days; no user or chat ids are kept)\n",
        config.database.display(),
        config.retention_days
    )?;
    writeln!(out, "Most frequent questions the guide did not answer:")?;
    if summary.unanswered.is_empty() {
        writeln!(out, "  (none)")?;
    }
    for (question, times) in &summary.unanswered {
        writeln!(out, "  {times:>4}×  {question}")?;
    }
    writeln!(out, "\nSections marked 👎 most often:")?;
    if summary.disliked.is_empty() {
        writeln!(out, "  (none)")?;
    }
    for (section, down, up) in &summary.disliked {
        writeln!(out, "  {down:>4}×👎 {up:>4}×👍  {section}")?;
    }
    Ok(ExitCode::SUCCESS)
}
