//! The Telegram bot: a thin async layer that feeds messages to the [`Librarian`] and sends replies.

mod addressing;
mod commands;
mod flood;
mod handler_tree;
mod handlers;
pub mod heartbeat;
mod memory;
mod privacy;
mod send;
pub(crate) mod signals;
mod stats;

use std::path::PathBuf;
use std::sync::{Arc, RwLock};
use std::time::Duration;

use teloxide::adaptors::Throttle;
use teloxide::adaptors::throttle::Limits;
use teloxide::dispatching::ShutdownToken;
use teloxide::prelude::*;
use teloxide::update_listeners::Polling;
use teloxide::utils::command::BotCommands;

pub use commands::Command;
pub use handler_tree::handler_tree;

use crate::answer::Librarian;
use crate::config::Config;
use crate::journal::Journal;
use crate::reply::text;

/// What `serve` needs to start.
pub struct Settings {
    pub token: String,
    /// Another Bot API server (as `TELOXIDE_API_URL`), e.g. a local one.
    pub api_url: Option<String>,
    pub librarian: Librarian,
    pub config: Config,
    pub knowledge: PathBuf,
    pub index: PathBuf,
    /// A file touched while the bot is connected, for health checks.
    pub heartbeat: Option<PathBuf>,
}

/// State every handler shares.
pub struct Shared {
    librarian: RwLock<Arc<Librarian>>,
    pub config: Config,
    pub knowledge: PathBuf,
    pub index: PathBuf,
    /// Salt for hashing chat ids in logs.
    salt: String,
    /// Per-chat message rates, to keep one flooding chat from crowding out the others.
    flood: flood::FloodGuard,
    /// Each chat's last topic.
    memory: Arc<memory::MemoryStorage>,
    /// Unanswered questions and feedback (none when the database cannot be opened).
    journal: Option<Journal>,
    stats: stats::Stats,
    /// One reload at a time.
    reloading: tokio::sync::Mutex<()>,
    /// A file touched while the bot is connected, for health checks (none in tests).
    pub heartbeat: Option<PathBuf>,
}

impl Shared {
    /// Shared state with the conversation memory and journal the config asks for.
    pub async fn open(
        librarian: Librarian,
        config: Config,
        knowledge: PathBuf,
        index: PathBuf,
        salt: String,
    ) -> anyhow::Result<Self> {
        let memory = memory::open(config.conversation_database.as_deref()).await?;
        let journal = match Journal::open(&config.database, config.retention_days) {
            Ok(journal) => Some(journal),
            Err(err) => {
                tracing::warn!("not keeping unanswered questions: {err}");
                None
            }
        };
        Ok(Self {
            librarian: RwLock::new(Arc::new(librarian)),
            config,
            knowledge,
            index,
            salt,
            flood: flood::FloodGuard::default(),
            memory,
            journal,
            stats: stats::Stats::default(),
            reloading: tokio::sync::Mutex::new(()),
            heartbeat: None,
        })
    }

    /// Re-reads the knowledge folder and swaps in the new guide and index; on failure the old
    /// ones keep serving. Returns the message for the staff member who asked.
    pub async fn reload(&self) -> String {
        let _one_at_a_time = self.reloading.lock().await;
        let (knowledge, index) = (self.knowledge.clone(), self.index.clone());
        // The embedding model stays loaded: only the guide and its vectors are new.
        let model = self.librarian().embedder();
        let opened =
            tokio::task::spawn_blocking(move || Librarian::open(&knowledge, &index, model)).await;
        match opened {
            Ok(Ok((librarian, _))) => {
                let summary = text::reloaded(
                    librarian.guide().sections.len(),
                    librarian.guide().passages.len(),
                );
                *self.librarian.write().unwrap_or_else(|p| p.into_inner()) = Arc::new(librarian);
                tracing::info!("reloaded the guide");
                summary
            }
            Ok(Err(err)) => {
                tracing::warn!("reload failed, keeping the current guide: {err:#}");
                text::reload_failed(&format!("{err:#}"))
            }
            Err(err) => text::reload_failed(&err.to_string()),
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

/// The bot client every handler uses: teloxide's `Throttle` keeps within Telegram's per-chat and
/// global limits and waits out `429 retry_after` before retrying.
pub type Telegram = Throttle<Bot>;

/// Longest wait between failed `getUpdates` calls (teloxide's own default grows to a minute).
const MAX_POLL_BACKOFF: Duration = Duration::from_secs(2);
/// Long-polling timeout of each `getUpdates` call.
const POLL_TIMEOUT: Duration = Duration::from_secs(10);
/// How long a stop may take to finish replies in progress before the process exits anyway.
const STOP_GRACE: Duration = Duration::from_secs(15);

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

/// Connects to Telegram and answers until stopped (SIGINT or SIGTERM).
pub async fn serve(settings: Settings) -> anyhow::Result<()> {
    let bot = client(&settings.token, settings.api_url.as_deref())?;
    let mut shared = Shared::open(
        settings.librarian,
        settings.config,
        settings.knowledge,
        settings.index,
        settings.token,
    )
    .await?;
    shared.heartbeat = settings.heartbeat;
    run(bot, Arc::new(shared)).await
}

/// Checks the token, registers the command menu, then answers updates until a stop signal.
///
/// The first SIGINT or SIGTERM stops taking new updates, finishes the replies in progress,
/// confirms the handled updates to Telegram and returns; a second signal exits at once.
pub async fn run(bot: Bot, shared: Arc<Shared>) -> anyhow::Result<()> {
    let me = send::with_retries(|| bot.get_me())
        .await
        .map_err(|err| match err {
            teloxide::RequestError::Api(teloxide::ApiError::InvalidToken) => {
                anyhow::anyhow!(text::TOKEN_REJECTED)
            }
            other => anyhow::anyhow!(text::telegram_unreachable(&other.to_string())),
        })?;
    tracing::info!(bot = %me.username(), "connected to Telegram");
    if let Some(path) = shared.heartbeat.clone() {
        tokio::spawn(heartbeat::beat(path));
    }
    // Telegram documents commands without the leading slash that teloxide's list carries.
    let commands: Vec<_> = Command::bot_commands()
        .into_iter()
        .map(|mut command| {
            command.command = command.command.trim_start_matches('/').to_string();
            command
        })
        .collect();
    if let Err(err) = send::with_retries(|| bot.set_my_commands(commands.clone())).await {
        tracing::warn!("could not register the command menu: {err}");
    }
    let telegram = bot.throttle(Limits::default());
    let listener = Polling::builder(telegram.clone())
        .timeout(POLL_TIMEOUT)
        .backoff_strategy(|errors| {
            (Duration::from_millis(250) * 2u32.saturating_pow(errors.min(8))).min(MAX_POLL_BACKOFF)
        })
        .delete_webhook()
        .await
        .build();
    let mut dispatcher = Dispatcher::builder(telegram, handler_tree())
        .dependencies(dptree::deps![shared])
        .default_handler(|_| async {})
        .error_handler(LoggingErrorHandler::with_custom_text(
            "a reply could not be sent",
        ))
        .build();
    signals::register();
    tokio::spawn(stop_on_signals(dispatcher.shutdown_token()));
    dispatcher
        .dispatch_with_listener(
            listener,
            LoggingErrorHandler::with_custom_text("getting updates from Telegram failed"),
        )
        .await;
    tracing::info!("stopped");
    Ok(())
}

/// First signal: graceful stop (bounded by [`STOP_GRACE`]); second signal: exit at once.
async fn stop_on_signals(token: ShutdownToken) {
    signals::next().await;
    tracing::info!("stopping: finishing replies in progress");
    if token.shutdown().is_err() {
        std::process::exit(1);
    }
    tokio::select! {
        _ = signals::next() => tracing::warn!("second stop signal: exiting now"),
        _ = tokio::time::sleep(STOP_GRACE) => tracing::warn!("stop took too long: exiting now"),
    }
    std::process::exit(1);
}
