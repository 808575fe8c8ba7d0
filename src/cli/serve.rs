//! `guidebot serve`: runs the Telegram bot with long polling.

use std::process::ExitCode;

use anyhow::Context;

use super::Cli;
use crate::answer::Librarian;
use crate::bot;
use crate::config::Config;
use crate::reply::text;

pub fn run_serve(librarian: Librarian, config: Config, cli: &Cli) -> anyhow::Result<ExitCode> {
    let token = std::env::var("TELOXIDE_TOKEN")
        .ok()
        .filter(|t| !t.trim().is_empty())
        .context(text::TOKEN_MISSING)?;
    let api_url = std::env::var("TELOXIDE_API_URL").ok();
    let runtime = tokio::runtime::Runtime::new().context("cannot start the async runtime")?;
    runtime.block_on(bot::serve(bot::Settings {
        token,
        api_url,
        librarian,
        config,
        knowledge: cli.knowledge.clone(),
        index: cli.index.clone(),
    }))?;
    Ok(ExitCode::SUCCESS)
}
