//! Runs the real bot (`guidebot::bot::run`) in-process against a [`FakeTelegram`], on a private
//! copy of the shipped knowledge folder.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use guidebot::answer::open_for_serving;
use guidebot::bot::{self, Shared};
use guidebot::config::Config;

use super::fake_telegram::{FakeTelegram, SentMessage, TOKEN};

/// How long a test waits for a reply.
pub const WAIT: Duration = Duration::from_secs(20);

/// A bot running against a fake Telegram; stops when dropped.
pub struct RunningBot {
    pub fake: FakeTelegram,
    pub dir: Arc<tempfile::TempDir>,
    pub config: Config,
    task: tokio::task::JoinHandle<anyhow::Result<()>>,
}

impl Drop for RunningBot {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// Starts a bot with a fresh fake Telegram; `configure` gets the test's folder for its files.
pub async fn start_bot(configure: impl FnOnce(&Path) -> Config) -> RunningBot {
    let dir = Arc::new(tempfile::tempdir().unwrap());
    copy_knowledge(&dir.path().join("knowledge"));
    let config = configure(dir.path());
    start_in(FakeTelegram::start().await, dir, config).await
}

/// A config that keeps the bot's files inside `dir`.
pub fn test_config(dir: &Path) -> Config {
    Config {
        clinic_phone: "+1 555 0100".into(),
        emergency_number: "911".into(),
        database: dir.join("journal.sqlite3"),
        ..Config::default()
    }
}

async fn start_in(fake: FakeTelegram, dir: Arc<tempfile::TempDir>, config: Config) -> RunningBot {
    let knowledge = dir.path().join("knowledge");
    let index = dir.path().join("index");
    let (librarian, start) = open_for_serving(&knowledge, &index, None).unwrap();
    let mut shared = Shared::open(librarian, config.clone(), knowledge, index)
        .unwrap()
        .started_with(&start);
    shared.heartbeat = Some(dir.path().join(guidebot::cli::HEARTBEAT_FILE));
    let connection = bot::Connection {
        token: TOKEN.into(),
        api_url: Some(fake.api_url().to_string()),
        intake: bot::Intake::Polling,
    };
    let task = tokio::spawn(bot::run(connection, Arc::new(shared)));
    RunningBot {
        fake,
        dir,
        config,
        task,
    }
}

impl RunningBot {
    pub fn knowledge(&self) -> PathBuf {
        self.dir.path().join("knowledge")
    }

    /// The file the bot touches while it is connected.
    pub fn heartbeat(&self) -> PathBuf {
        self.dir.path().join(guidebot::cli::HEARTBEAT_FILE)
    }

    /// Stops this bot and starts a new process-like instance on the same files and fake.
    pub async fn restart(self) -> RunningBot {
        self.task.abort();
        let (fake, dir, config) = (self.fake.clone(), self.dir.clone(), self.config.clone());
        drop(self);
        tokio::time::sleep(Duration::from_millis(100)).await;
        start_in(fake, dir, config).await
    }

    /// Sends a private message from `chat` and returns the bot's reply to it.
    pub async fn ask(&self, chat: i64, text: &str) -> SentMessage {
        let before = self.fake.sent().len();
        self.fake.push_text(chat, chat, text);
        let sent = self.fake.wait_for_sent(before + 1, WAIT).await;
        sent[before].clone()
    }
}

/// The callback data of every button on a message.
pub fn button_data(message: &SentMessage) -> Vec<String> {
    message
        .reply_markup
        .as_ref()
        .and_then(|markup| markup["inline_keyboard"].as_array().cloned())
        .unwrap_or_default()
        .iter()
        .flat_map(|row| row.as_array().cloned().unwrap_or_default())
        .filter_map(|button| button["callback_data"].as_str().map(str::to_string))
        .collect()
}

/// Copies the shipped knowledge folder to `to` (which must not exist yet).
pub fn copy_knowledge(to: &Path) {
    std::fs::create_dir(to).unwrap();
    let shipped = Path::new(env!("CARGO_MANIFEST_DIR")).join("knowledge");
    for entry in std::fs::read_dir(shipped).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, to.join(path.file_name().unwrap())).unwrap();
    }
}
