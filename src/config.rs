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

    /// Parses the text of a config file.
    pub fn parse(text: &str) -> Result<Config, toml::de::Error> {
        toml::from_str(text)
    }

    /// Whether this Telegram user may use the staff commands.
    pub fn is_staff(&self, user_id: u64) -> bool {
        self.staff_user_ids.contains(&user_id)
    }
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
    fn sample_config_parses_and_sets_contacts() {
        let text = std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("guidebot.sample.toml"),
        )
        .unwrap();
        let config = Config::parse(&text).unwrap();
        assert_eq!(config.emergency_number, "911");
        assert!(config.crisis_line.contains("988"));
        assert!(config.clinic_phone.contains("555"));
        assert!(config.is_staff(123456789));
        assert!(!config.is_staff(1));
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
