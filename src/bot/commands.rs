//! The bot's commands. Patients see `/start`, `/help` and `/topics` in the menu; the staff
//! commands are hidden and refused politely to anyone not listed in `guidebot.toml`.

use teloxide::utils::command::BotCommands;

#[derive(Debug, Clone, PartialEq, Eq, BotCommands)]
#[command(rename_rule = "lowercase", description = "Commands:")]
pub enum Command {
    /// A deep link's payload arrives as the argument (`/start recovery`).
    #[command(description = "welcome, and what I can do")]
    Start(String),
    #[command(description = "how to ask me questions")]
    Help,
    #[command(description = "browse the guide by topic")]
    Topics,
    /// Staff: why the bot answers a question as it does.
    #[command(hide)]
    Why(String),
    /// Staff: re-read the knowledge folder and swap in the new index (`/reload force`: even
    /// if it lost sections, topic names, synonyms or red flags).
    #[command(hide)]
    Reload(String),
    /// Staff: counts since start.
    #[command(hide)]
    Stats,
}

impl Command {
    /// Whether only staff may use this command.
    pub fn is_staff_only(&self) -> bool {
        matches!(self, Command::Why(_) | Command::Reload(_) | Command::Stats)
    }
}

/// The argument of `/reload` that accepts a guide although it lost something.
pub const FORCE: &str = "force";
