//! `guidebot serve`: runs the Telegram bot with long polling.

use std::process::ExitCode;

use anyhow::Context;

use super::Cli;
use crate::answer::{Librarian, Start};
use crate::bot;
use crate::config::Config;
use crate::knowledge::red_flags_review_pending;
use crate::reply::text;

/// Serves Telegram with the librarian `open` loads (the guide, its index and the model).
pub fn run_serve(
    open: impl FnOnce() -> anyhow::Result<(Librarian, Start)>,
    config: Config,
    cli: &Cli,
) -> anyhow::Result<ExitCode> {
    config.ready_to_serve(&cli.config)?;
    let token = std::env::var("TELOXIDE_TOKEN")
        .ok()
        .filter(|t| !t.trim().is_empty())
        .context(text::TOKEN_MISSING)?;
    if red_flags_review_pending(&cli.knowledge) {
        tracing::warn!("{}", text::RED_FLAGS_NOT_REVIEWED);
    }
    let api_url = std::env::var("TELOXIDE_API_URL").ok();
    let runtime = tokio::runtime::Runtime::new().context("cannot start the async runtime")?;
    // Loading the model and embedding the guide takes a while: a stop signal meanwhile ends
    // the process at once, with success (nothing has been taken from Telegram yet).
    {
        let _runtime = runtime.enter();
        bot::signals::register();
    }
    let starting = runtime.spawn(async {
        bot::signals::next().await;
        std::process::exit(0)
    });
    let (librarian, start) = open()?;
    starting.abort();
    let mut shared = bot::Shared::open(librarian, config, cli.knowledge.clone(), cli.index.clone())
        .started_with(&start);
    shared.heartbeat = Some(cli.home().join(super::HEARTBEAT_FILE));
    let served = runtime.block_on(bot::serve(bot::Connection { token, api_url }, shared));
    // A question being answered when the stop came is not waited for: it is in the ledger.
    runtime.shutdown_timeout(std::time::Duration::from_secs(1));
    served?;
    Ok(ExitCode::SUCCESS)
}
