//! `guidebot health`: exits 0 when a `serve` in the same home folder is alive, for Docker's
//! HEALTHCHECK, systemd or any monitor (no network port needed).

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;
use std::time::Duration;

use clap::Args;

use crate::bot::heartbeat;

#[derive(Debug, Args)]
pub struct HealthArgs {
    /// Longest time since the last heartbeat, in seconds, for the bot to count as alive.
    #[arg(long, default_value_t = 60)]
    pub max_age: u64,
}

pub fn run_health(heartbeat_file: &Path, args: &HealthArgs) -> anyhow::Result<ExitCode> {
    let age = heartbeat::check(heartbeat_file, Duration::from_secs(args.max_age))?;
    let mut out = std::io::stdout().lock();
    writeln!(out, "alive: last heartbeat {} s ago", age.as_secs())?;
    Ok(ExitCode::SUCCESS)
}
