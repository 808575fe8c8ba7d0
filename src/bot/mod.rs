//! The Telegram bot: a thin async layer that takes updates, has the [`Librarian`] answer them
//! and delivers the replies, exactly once across crashes (see [`ledger`]).

mod addressing;
mod api;
mod backoff;
mod chats;
mod claims;
mod commands;
mod flood;
pub mod heartbeat;
mod incoming;
mod ledger;
mod memory;
mod outgoing;
mod pacing;
mod polling;
mod privacy;
mod respond;
mod send;
pub(crate) mod signals;
mod stats;
mod stop;
mod webhook;

use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};
use std::time::Duration;

use serde_json::json;
use teloxide::types::Me;
use teloxide::utils::command::BotCommands;

pub use api::{ApiError, BotApi};
pub use commands::Command;
pub use ledger::Ledger;

use crate::answer::{Librarian, Reload, Start, reload_guide};
use crate::config::Config;
use crate::journal::Journal;
use crate::reply::text;
use crate::shared_journal::SharedJournal;
use crate::shared_store::{SharedStore, StoreError};

/// Where the bot finds Telegram.
#[derive(Debug, Clone)]
pub struct Connection {
    pub token: String,
    /// Another Bot API server (as `TELOXIDE_API_URL`), e.g. a local one.
    pub api_url: Option<String>,
    /// How updates arrive.
    pub intake: Intake,
}

/// How updates arrive from Telegram.
#[derive(Debug, Clone, Default)]
pub enum Intake {
    /// The bot asks for them (`getUpdates`): one process per bot.
    #[default]
    Polling,
    /// Telegram posts them to this server (`setWebhook`): as many replicas as wanted.
    Webhook(webhook::WebhookSettings),
}

pub use webhook::{DEFAULT_LISTEN, WebhookSettings};

/// State every handler shares.
pub struct Shared {
    librarian: RwLock<Arc<Librarian>>,
    pub config: Config,
    pub knowledge: PathBuf,
    pub index: PathBuf,
    /// Secret salt for hashing chat ids in logs.
    salt: String,
    /// Per-chat update rates, to keep one flooding chat from crowding out the others.
    flood: flood::FloodGuard,
    /// Each chat's last topic.
    memory: memory::ConversationMemory,
    /// Unanswered questions and feedback.
    journal: SharedJournal,
    stats: stats::Stats,
    /// The Redis replicas share (`redis_url`), if any.
    store: Option<SharedStore>,
    /// One reload at a time.
    reloading: tokio::sync::Mutex<()>,
    /// Why the last good copy answers instead of the knowledge folder's guide, while it does.
    serving_last_good: RwLock<Option<String>>,
    /// Questions answered at once (answering is CPU work): one per core.
    answering: tokio::sync::Semaphore,
    /// A file touched while the bot is connected, for health checks (none unless set).
    pub heartbeat: Option<PathBuf>,
}

/// The ledger file beside the journal (`guidebot.sqlite3` → `guidebot.delivery.sqlite3`).
pub fn ledger_file(database: &Path) -> PathBuf {
    database.with_extension("delivery.sqlite3")
}

impl Shared {
    /// Shared state with the conversation memory and journal the config asks for, kept in
    /// Redis too when `redis_url` is set; a database that cannot be used is replaced by one in
    /// memory, with one warning. Must be called inside a tokio runtime; fails only on a
    /// `redis_url` that is not a Redis address (Redis itself need not be up).
    pub fn open(
        librarian: Librarian,
        config: Config,
        knowledge: PathBuf,
        index: PathBuf,
    ) -> Result<Self, StoreError> {
        let store = config
            .redis_url
            .as_deref()
            .map(SharedStore::connect)
            .transpose()?;
        let memory = memory::ConversationMemory::open(
            config.conversation_database.as_deref(),
            config.retention_days,
        )
        .shared_in(store.clone());
        let journal = SharedJournal::new(
            Journal::open_or_in_memory(&config.database, config.retention_days),
            store.clone(),
            config.retention_days,
        );
        let salt = privacy::load_or_create_salt(&privacy::salt_file(&config.database));
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        Ok(Self {
            librarian: RwLock::new(Arc::new(librarian)),
            config,
            knowledge,
            index,
            salt,
            flood: flood::FloodGuard::new(store.clone()),
            memory,
            journal,
            stats: stats::Stats::new(store.clone()),
            store,
            reloading: tokio::sync::Mutex::new(()),
            serving_last_good: RwLock::new(None),
            answering: tokio::sync::Semaphore::new(cores),
            heartbeat: None,
        })
    }

    /// Notes how the guide answering was chosen at start, for `/stats`.
    pub fn started_with(self, start: &Start) -> Self {
        let why = start.last_good_reason();
        *self
            .serving_last_good
            .write()
            .unwrap_or_else(|p| p.into_inner()) = why;
        self
    }

    /// The counts since start, and a warning while the last good copy answers.
    pub async fn stats_report(&self) -> String {
        let report = self.stats.report().await;
        match &*self
            .serving_last_good
            .read()
            .unwrap_or_else(|p| p.into_inner())
        {
            Some(why) => format!("{report}\n\n{}", text::stats_serving_last_good(why)),
            None => report,
        }
    }

    /// Re-reads the knowledge folder and swaps in the new guide and index, unless it lost
    /// what the last good guide had or breaks answers (then only with `force`); otherwise, or
    /// on failure, the old ones keep serving. Returns the message for the staff member who asked.
    pub async fn reload(&self, force: bool) -> String {
        let _one_at_a_time = self.reloading.lock().await;
        let (knowledge, index) = (self.knowledge.clone(), self.index.clone());
        let serving = self.librarian();
        // The embedding model stays loaded: only the guide and its vectors are new.
        let model = serving.embedder();
        let reloaded = tokio::task::spawn_blocking(move || {
            reload_guide(&knowledge, &index, model, serving.guide(), force)
        })
        .await;
        match reloaded {
            Ok(Ok(Reload::Accepted {
                librarian,
                although,
            })) => {
                let (sections, passages) = (
                    librarian.guide().sections.len(),
                    librarian.guide().passages.len(),
                );
                *self.librarian.write().unwrap_or_else(|p| p.into_inner()) = Arc::from(librarian);
                *self
                    .serving_last_good
                    .write()
                    .unwrap_or_else(|p| p.into_inner()) = None;
                if although.is_clean() {
                    tracing::info!("reloaded the guide");
                    text::reloaded(sections, passages)
                } else {
                    tracing::warn!(
                        "reloaded the guide as staff asked, although: {}",
                        text::guide_problems_line(&although)
                    );
                    text::reloaded_although(sections, passages, &although)
                }
            }
            Ok(Ok(Reload::Refused(regression))) => {
                tracing::warn!(
                    "reload refused, keeping the current guide: {}",
                    text::guide_problems_line(&regression)
                );
                text::reload_refused(&regression)
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

/// How long a stop waits for replies being sent before the process ends anyway (whatever is
/// unsent stays in the outbox for the next start).
const STOP_GRACE: Duration = Duration::from_secs(4);
/// A stop never takes longer than this, whatever hangs.
const STOP_DEADLINE: Duration = Duration::from_secs(8);
/// Waits between attempts to reach Telegram at start.
const CONNECT_BACKOFF: (Duration, Duration) = (Duration::from_millis(250), Duration::from_secs(3));

/// Connects to Telegram and answers until stopped (SIGINT or SIGTERM).
pub async fn serve(connection: Connection, shared: Shared) -> anyhow::Result<()> {
    run(connection, Arc::new(shared)).await
}

/// Checks the token, registers the command menu, then answers updates until a stop signal.
///
/// The first SIGINT or SIGTERM stops taking updates and lets replies in progress finish for a
/// few seconds; whatever is left stays in the ledger for the next start. A second signal
/// exits at once. Either way nothing is lost.
pub async fn run(connection: Connection, shared: Arc<Shared>) -> anyhow::Result<()> {
    let api = BotApi::new(&connection.token, connection.api_url.as_deref())?;
    let (switch, stop) = stop::stop_signal();
    signals::register();
    tokio::spawn(stop_on_signals(switch));
    let Some(me) = connect(&api, &stop).await? else {
        tracing::info!("stopped");
        return Ok(());
    };
    tracing::info!(bot = %me.username(), "connected to Telegram");
    if let Some(path) = shared.heartbeat.clone() {
        tokio::spawn(heartbeat::beat(path));
    }
    let polling = matches!(connection.intake, Intake::Polling);
    tokio::spawn(register_commands(api.clone(), polling));
    // With replicas sharing Redis, an update is acknowledged only once answered, so Telegram
    // redelivers whatever a replica left: nothing needs to outlive the process here.
    let claimed_in_redis = match &connection.intake {
        Intake::Webhook(_) => shared.store.clone(),
        Intake::Polling => None,
    };
    let ledger = Arc::new(match claimed_in_redis {
        Some(_) => Ledger::in_memory(),
        None => Ledger::open(&ledger_file(&shared.config.database)),
    });
    let context = Arc::new(chats::Context {
        api,
        me,
        shared,
        ledger: ledger.clone(),
        pacer: pacing::Pacer::default(),
        stop: stop.clone(),
        in_flight_marks: claimed_in_redis,
    });
    let chats = Arc::new(chats::Chats::new(context.clone()));
    // What the last run left: replies not yet sent, updates not yet answered.
    match (ledger.chats_with_unsent(), ledger.unhandled()) {
        (Ok(unsent), Ok(unhandled)) => {
            if !unsent.is_empty() || !unhandled.is_empty() {
                tracing::info!(
                    replies = unsent.len(),
                    updates = unhandled.len(),
                    "resuming what the last run left"
                );
            }
            chats.deliver_unsent(unsent);
            chats.dispatch(unhandled).await;
        }
        (Err(err), _) | (_, Err(err)) => tracing::warn!("{err}"),
    }
    tokio::spawn(housekeeping(context.clone()));
    match &connection.intake {
        Intake::Polling => polling::poll(&context, &chats).await,
        Intake::Webhook(settings) => webhook::serve(settings, &context, &chats).await?,
    }
    tracing::info!("stopping: finishing replies in progress");
    chats.finish(STOP_GRACE).await;
    if let Ok(unsent) = ledger.unsent_count()
        && unsent > 0
    {
        tracing::info!(unsent, "unsent replies are kept for the next start");
    }
    tracing::info!("stopped");
    Ok(())
}

/// How often old entries are pruned from the databases (and journal entries and last topics
/// kept here while Redis was down are shared).
const HOUSEKEEPING: Duration = Duration::from_secs(10);

/// Prunes the databases now and then until the bot stops.
async fn housekeeping(context: Arc<chats::Context>) {
    let mut every = tokio::time::interval(HOUSEKEEPING);
    loop {
        tokio::select! {
            _ = context.stop.wait() => return,
            _ = every.tick() => {}
        }
        let shared = &context.shared;
        if let Err(err) = context.ledger.prune() {
            tracing::warn!("{err}");
        }
        if let Err(err) = shared.journal.prune_and_catch_up().await {
            tracing::warn!("{err}");
        }
        shared.memory.prune();
        shared.memory.catch_up().await;
    }
}

/// `getMe`, retried while Telegram cannot be reached; `None` when stopped meanwhile.
async fn connect(api: &BotApi, stop: &stop::Stop) -> anyhow::Result<Option<Me>> {
    let mut backoff = backoff::Backoff::new(CONNECT_BACKOFF.0, CONNECT_BACKOFF.1);
    loop {
        let err = match api.call("getMe", &json!({})).await {
            Ok(me) => return Ok(Some(serde_json::from_value(me)?)),
            Err(err) if err.is_passing() => err,
            Err(api::ApiError::Unauthorized(_)) => anyhow::bail!(text::TOKEN_REJECTED),
            Err(err) => return Err(err.into()),
        };
        // A network failure is not the token's fault, and may pass: keep trying.
        let wait = backoff.next_delay();
        tracing::warn!(
            "{}; trying again in {wait:?}",
            text::telegram_unreachable(&err.to_string())
        );
        if !stop.sleep(wait).await {
            return Ok(None);
        }
    }
}

/// Registers the command menu and, when `polling`, makes sure no webhook stands in its way.
async fn register_commands(api: BotApi, polling: bool) {
    // Telegram documents commands without the leading slash that teloxide's list carries.
    let commands: Vec<_> = Command::bot_commands()
        .into_iter()
        .map(|c| json!({ "command": c.command.trim_start_matches('/'), "description": c.description }))
        .collect();
    let calls = [
        ("deleteWebhook", json!({})),
        ("setMyCommands", json!({ "commands": commands })),
    ];
    for (method, params) in calls.into_iter().skip(usize::from(!polling)) {
        let mut backoff = backoff::Backoff::new(CONNECT_BACKOFF.0, CONNECT_BACKOFF.1);
        for _ in 0..5 {
            match api.call(method, &params).await {
                Ok(_) => break,
                Err(err) if err.is_passing() => tokio::time::sleep(backoff.next_delay()).await,
                Err(err) => {
                    tracing::warn!("{method} failed: {err}");
                    break;
                }
            }
        }
    }
}

/// First signal: stop (bounded by [`STOP_DEADLINE`]); second signal: exit at once. The exit
/// status is success either way: the ledger keeps whatever was not finished.
async fn stop_on_signals(switch: stop::StopSwitch) {
    signals::next().await;
    tracing::info!("stop signal received");
    switch.set();
    tokio::select! {
        _ = signals::next() => tracing::warn!("second stop signal: exiting now"),
        _ = tokio::time::sleep(STOP_DEADLINE) => tracing::warn!("stop took too long: exiting now"),
    }
    std::process::exit(0);
}
