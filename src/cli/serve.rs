//! `guidebot serve`: runs the Telegram bot, with long polling or behind a webhook.

use std::process::ExitCode;

use anyhow::Context;
use clap::Args;

use super::Cli;
use crate::answer::{Librarian, Start};
use crate::bot;
use crate::config::Config;
use crate::knowledge::red_flags_review_pending;
use crate::reply::text;

#[derive(Debug, Args, Default)]
pub struct ServeArgs {
    /// Take updates at this public HTTPS address (a webhook) instead of long polling;
    /// overrides `webhook_url` in guidebot.toml. Several replicas may then serve one bot.
    #[arg(long, value_name = "URL")]
    pub webhook_url: Option<String>,
    /// Where webhook mode listens, behind a TLS-terminating proxy (default: `listen` in
    /// guidebot.toml, else 0.0.0.0:8443).
    #[arg(long, value_name = "ADDR")]
    pub listen: Option<String>,
}

impl ServeArgs {
    /// How updates arrive: the command line's choice over the config's.
    fn intake(&self, config: &Config) -> bot::Intake {
        match self
            .webhook_url
            .clone()
            .or_else(|| config.webhook_url.clone())
        {
            Some(url) => bot::Intake::Webhook(bot::WebhookSettings {
                url,
                listen: self
                    .listen
                    .clone()
                    .or_else(|| config.listen.clone())
                    .unwrap_or_else(|| bot::DEFAULT_LISTEN.to_string()),
                secret: config.webhook_secret.clone(),
            }),
            None => bot::Intake::Polling,
        }
    }
}

/// Serves Telegram with the librarian `open` loads (the guide, its index and the model).
pub fn run_serve(
    open: impl FnOnce() -> anyhow::Result<(Librarian, Start)>,
    config: Config,
    cli: &Cli,
    args: &ServeArgs,
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
    let intake = args.intake(&config);
    let mut shared = {
        let _runtime = runtime.enter();
        bot::Shared::open(librarian, config, cli.knowledge.clone(), cli.index.clone())?
            .started_with(&start)
    };
    shared.heartbeat = Some(cli.home().join(super::HEARTBEAT_FILE));
    let connection = bot::Connection {
        token,
        api_url,
        intake,
    };
    let served = runtime.block_on(bot::serve(connection, shared));
    // A question being answered when the stop came is not waited for: it is in the ledger.
    runtime.shutdown_timeout(std::time::Duration::from_secs(1));
    served?;
    Ok(ExitCode::SUCCESS)
}
