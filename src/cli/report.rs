//! `guidebot report`: what patients asked that the guide could not answer, and the sections
//! patients marked 👎, so the clinic knows what to add or rewrite.

use std::io::Write;
use std::process::ExitCode;

use clap::Args;

use crate::config::Config;
use crate::journal::Journal;
use crate::shared_journal::shared_tallies;
use crate::shared_store::SharedStore;

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// How many questions and sections to show.
    #[arg(long, default_value_t = 20)]
    pub limit: usize,
}

/// Prints the summary: this host's journal, plus every replica's in Redis with `redis_url`.
pub fn run_report(config: &Config, args: &ReportArgs) -> anyhow::Result<ExitCode> {
    let journal = Journal::open(&config.database, config.retention_days)?;
    let mut tallies = journal.tallies()?;
    if let Some(url) = &config.redis_url {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()?;
        let shared = runtime.block_on(async {
            let store = SharedStore::connect(url)?;
            shared_tallies(&store, config.retention_days).await
        })?;
        tallies.add(shared);
    }
    let summary = tallies.summary(args.limit);
    let mut out = std::io::stdout().lock();
    let from = match &config.redis_url {
        Some(_) => format!("{} and Redis (every replica)", config.database.display()),
        None => config.database.display().to_string(),
    };
    writeln!(
        out,
        "From {from} (last {} days; no user or chat ids are kept)\n",
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
