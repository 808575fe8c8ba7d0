//! The bot's commands, as shown in Telegram's command menu.

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
}
