//! The Telegram bot: a thin async layer that feeds messages to the [`Librarian`] and sends replies.

mod commands;
mod handler_tree;
mod handlers;
mod privacy;
mod send;

use std::path::PathBuf;
use std::sync::{Arc, RwLock};

use teloxide::prelude::*;
use teloxide::utils::command::BotCommands;

pub use commands::Command;
pub use handler_tree::handler_tree;

use crate::answer::Librarian;
use crate::config::Config;

/// What `serve` needs to start.
pub struct Settings {
    pub token: String,
    /// Another Bot API server (as `TELOXIDE_API_URL`), e.g. a local one.
    pub api_url: Option<String>,
    pub librarian: Librarian,
    pub config: Config,
    pub knowledge: PathBuf,
    pub index: PathBuf,
}

/// State every handler shares.
pub struct Shared {
    librarian: RwLock<Arc<Librarian>>,
    pub config: Config,
    pub knowledge: PathBuf,
    pub index: PathBuf,
    /// Salt for hashing chat ids in logs.
    salt: String,
}

impl Shared {
    pub fn new(
        librarian: Librarian,
        config: Config,
        knowledge: PathBuf,
        index: PathBuf,
        salt: String,
    ) -> Self {
        Self {
            librarian: RwLock::new(Arc::new(librarian)),
            config,
            knowledge,
            index,
            salt,
        }
    }

    /// The librarian answering now.
    pub fn librarian(&self) -> Arc<Librarian> {
        self.librarian
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .clone()
    }
}

/// Builds the bot client for a token and optional API address.
pub fn client(token: &str, api_url: Option<&str>) -> anyhow::Result<Bot> {
    let bot = Bot::new(token);
    Ok(match api_url {
        Some(url) => bot.set_api_url(
            url.parse()
                .map_err(|e| anyhow::anyhow!("TELOXIDE_API_URL {url:?} is not a URL: {e}"))?,
        ),
        None => bot,
    })
}

/// Connects to Telegram and answers until stopped (Ctrl-C).
pub async fn serve(settings: Settings) -> anyhow::Result<()> {
    let bot = client(&settings.token, settings.api_url.as_deref())?;
    let shared = Arc::new(Shared::new(
        settings.librarian,
        settings.config,
        settings.knowledge,
        settings.index,
        settings.token,
    ));
    run(bot, shared).await
}

/// Registers the command menu, then dispatches updates until the dispatcher is shut down.
pub async fn run(bot: Bot, shared: Arc<Shared>) -> anyhow::Result<()> {
    // Telegram documents commands without the leading slash that teloxide's list carries.
    let commands = Command::bot_commands().into_iter().map(|mut command| {
        command.command = command.command.trim_start_matches('/').to_string();
        command
    });
    bot.set_my_commands(commands)
        .await
        .map_err(|e| anyhow::anyhow!("cannot reach Telegram: {e}"))?;
    tracing::info!("connected to Telegram; answering");
    Dispatcher::builder(bot, handler_tree())
        .dependencies(dptree::deps![shared])
        .enable_ctrlc_handler()
        .default_handler(|_| async {})
        .build()
        .dispatch()
        .await;
    Ok(())
}
