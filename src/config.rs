//! The clinic's settings from `guidebot.toml`: contact details, staff and bot identity.

use std::path::{Path, PathBuf};

use serde::Deserialize;

/// Why `guidebot.toml` could not be used.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path} is not valid: {source}")]
    Parse {
        path: PathBuf,
        source: Box<toml::de::Error>,
    },
    #[error(
        "{path} still has placeholders for {}: replace each <…> with the clinic's real details before patients use the bot",
        keys.join(", ")
    )]
    Placeholders {
        path: PathBuf,
        keys: Vec<&'static str>,
    },
}

/// The crisis line when `guidebot.toml` names none: right in any country.
pub const DEFAULT_CRISIS_LINE: &str = "your local crisis line or suicide prevention helpline";

/// Everything a clinic configures. Every field has a sensible default, so the file is optional.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// The clinic's name, used in greetings.
    pub clinic_name: String,
    /// The clinic's phone number, given whenever the guide does not cover a question.
    pub clinic_phone: String,
    /// The local emergency number, given first in every emergency reply.
    pub emergency_number: String,
    /// A crisis line for people thinking of suicide or self-harm, as the patient should read
    /// it ("988 (Suicide & Crisis Lifeline, call or text)"); given with the emergency number.
    pub crisis_line: String,
    /// Telegram user ids of staff allowed to use the staff commands.
    pub staff_user_ids: Vec<u64>,
    /// The bot's Telegram username (without `@`), used for deep links.
    pub bot_username: Option<String>,
    /// SQLite file keeping unanswered questions and 👍 / 👎 (no user or chat ids).
    pub database: PathBuf,
    /// Days the database keeps an entry.
    pub retention_days: u32,
    /// SQLite file keeping each chat's last topic across restarts; in memory when unset.
    pub conversation_database: Option<PathBuf>,
    /// A local sentence-transformers folder holding the embedding model (`GUIDEBOT_MODEL`
    /// overrides it); when unset the model is looked up in the Hugging Face cache.
    pub model: Option<PathBuf>,
    /// Webhook mode: the public HTTPS address Telegram posts updates to (`serve --webhook-url`
    /// overrides it); long polling when unset.
    pub webhook_url: Option<String>,
    /// Where webhook mode listens (`serve --listen` overrides it), behind a TLS-terminating
    /// proxy; `0.0.0.0:8443` when unset.
    pub listen: Option<String>,
    /// The secret Telegram sends with every webhook request (`GUIDEBOT_WEBHOOK_SECRET` too):
    /// 1–256 of `A-Z a-z 0-9 _ -`, the same for every replica. When unset: kept in Redis
    /// (made once by the first replica) with `redis_url`, or a fresh one per start without.
    pub webhook_secret: Option<String>,
    /// Redis shared by several replicas (`GUIDEBOT_REDIS_URL` too), e.g.
    /// `redis://redis:6379/0`; everything stays in the local SQLite files when unset.
    pub redis_url: Option<String>,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            clinic_name: "the clinic".to_string(),
            clinic_phone: "the number on your appointment letter".to_string(),
            emergency_number: "112".to_string(),
            crisis_line: DEFAULT_CRISIS_LINE.to_string(),
            staff_user_ids: Vec::new(),
            bot_username: None,
            database: PathBuf::from("guidebot.sqlite3"),
            retention_days: 90,
            conversation_database: None,
            model: None,
            webhook_url: None,
            listen: None,
            webhook_secret: None,
            redis_url: None,
        }
    }
}

impl Config {
    /// Reads the config file, or returns the defaults when the file does not exist.
    pub fn load_or_default(path: &Path) -> Result<Config, ConfigError> {
        match std::fs::read_to_string(path) {
            Ok(text) => Config::parse(&text).map_err(|source| ConfigError::Parse {
                path: path.to_path_buf(),
                source: Box::new(source),
            }),
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(Config::default()),
            Err(source) => Err(ConfigError::Read {
                path: path.to_path_buf(),
                source,
            }),
        }
    }

    /// The config with its relative paths (databases, model) read from `home`.
    pub fn anchored_at(mut self, home: &Path) -> Config {
        if home != Path::new(".") {
            self.database = home.join(&self.database);
            self.conversation_database = self.conversation_database.map(|p| home.join(p));
            self.model = self.model.map(|p| home.join(p));
        }
        self
    }

    /// The config with the settings the environment gives (`GUIDEBOT_REDIS_URL`,
    /// `GUIDEBOT_WEBHOOK_SECRET`) in place of the file's.
    pub fn with_environment(mut self) -> Config {
        let var = |name| {
            std::env::var(name)
                .ok()
                .filter(|v: &String| !v.trim().is_empty())
        };
        if let Some(url) = var("GUIDEBOT_REDIS_URL") {
            self.redis_url = Some(url);
        }
        if let Some(secret) = var("GUIDEBOT_WEBHOOK_SECRET") {
            self.webhook_secret = Some(secret);
        }
        self
    }

    /// The settings still holding a placeholder such as `"<CLINIC PHONE>"` (as `guidebot init`
    /// and the sample config write them), with their values.
    pub fn placeholders(&self) -> Vec<(&'static str, &str)> {
        let texts = [
            ("clinic_name", Some(self.clinic_name.as_str())),
            ("clinic_phone", Some(self.clinic_phone.as_str())),
            ("emergency_number", Some(self.emergency_number.as_str())),
            ("crisis_line", Some(self.crisis_line.as_str())),
            ("bot_username", self.bot_username.as_deref()),
        ];
        texts
            .into_iter()
            .filter_map(|(key, value)| Some((key, value?)))
            .filter(|(_, value)| is_placeholder(value))
            .collect()
    }

    /// Refuses a config (read from `path`) that still holds placeholders: patients would be
    /// told to call "<EMERGENCY NUMBER>".
    pub fn ready_to_serve(&self, path: &Path) -> Result<(), ConfigError> {
        let keys: Vec<&'static str> = self.placeholders().into_iter().map(|(k, _)| k).collect();
        if keys.is_empty() {
            Ok(())
        } else {
            Err(ConfigError::Placeholders {
                path: path.to_path_buf(),
                keys,
            })
        }
    }

    /// Parses the text of a config file.
    pub fn parse(text: &str) -> Result<Config, toml::de::Error> {
        toml::from_str(text)
    }

    /// Whether this Telegram user may use the staff commands.
    pub fn is_staff(&self, user_id: u64) -> bool {
        self.staff_user_ids.contains(&user_id)
    }
}

/// Whether a setting is a placeholder still to fill in: `<…>`.
fn is_placeholder(value: &str) -> bool {
    let value = value.trim();
    value.starts_with('<') && value.ends_with('>')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_file_gives_defaults() {
        let config = Config::load_or_default(Path::new("/nonexistent/guidebot.toml")).unwrap();
        assert_eq!(config, Config::default());
    }

    #[test]
    fn the_sample_config_parses_but_is_not_ready_to_serve_until_filled_in() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("guidebot.sample.toml");
        let text = std::fs::read_to_string(&path).unwrap();
        let config = Config::parse(&text).unwrap();
        let keys: Vec<&str> = config.placeholders().iter().map(|(k, _)| *k).collect();
        assert_eq!(keys, ["clinic_name", "clinic_phone", "emergency_number"]);
        let err = config.ready_to_serve(&path).unwrap_err().to_string();
        assert!(
            err.contains("clinic_phone, emergency_number") && err.contains("guidebot.sample.toml"),
            "{err}"
        );
        assert!(config.staff_user_ids.is_empty());
        let filled = text
            .replace("<CLINIC NAME>", "Riverside Clinic")
            .replace("<CLINIC PHONE>", "020 7946 0000")
            .replace("<EMERGENCY NUMBER>", "999");
        let config = Config::parse(&filled).unwrap();
        assert!(config.ready_to_serve(&path).is_ok());
        assert_eq!(config.emergency_number, "999");
    }

    #[test]
    fn relative_paths_are_read_from_the_home_folder() {
        let config = Config::parse("database = \"asked.sqlite3\"\nmodel = \"/opt/model\"")
            .unwrap()
            .anchored_at(Path::new("/srv/guidebot"));
        assert_eq!(config.database, Path::new("/srv/guidebot/asked.sqlite3"));
        assert_eq!(config.model.as_deref(), Some(Path::new("/opt/model")));
    }

    #[test]
    fn the_crisis_line_has_a_default_for_any_country() {
        let config = Config::parse("emergency_number = \"999\"").unwrap();
        assert_eq!(config.crisis_line, DEFAULT_CRISIS_LINE);
    }

    #[test]
    fn unknown_keys_are_an_error() {
        assert!(Config::parse("clinic_phon = \"1\"").is_err());
    }
}
