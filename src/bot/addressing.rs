//! Whether a message is meant for the bot: always in private chats; in groups only when it
//! mentions the bot or replies to it (commands are routed separately).

use teloxide::types::{Me, Message};

pub fn is_private(msg: &Message) -> bool {
    msg.chat.is_private()
}

/// Private messages, and group messages that mention the bot or reply to one of its messages.
pub fn is_addressed_to_bot(msg: &Message, me: &Me) -> bool {
    if is_private(msg) {
        return true;
    }
    let replies_to_bot = msg
        .reply_to_message()
        .and_then(|original| original.from.as_ref())
        .is_some_and(|author| author.id == me.id);
    replies_to_bot || mentions(msg.text().unwrap_or_default(), me.username())
}

/// Whether `text` mentions `@username` (case-insensitive).
pub fn mentions(text: &str, username: &str) -> bool {
    let mention = format!("@{}", username.to_lowercase());
    text.to_lowercase()
        .split(|c: char| !(c.is_alphanumeric() || c == '_' || c == '@'))
        .any(|word| word == mention)
}

/// The question without mentions of the bot.
pub fn without_mention(text: &str, username: &str) -> String {
    let mention = format!("@{}", username.to_lowercase());
    text.split_whitespace()
        .filter(|word| {
            word.to_lowercase()
                .trim_end_matches(|c: char| !c.is_alphanumeric() && c != '_')
                != mention
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_and_removes_mentions() {
        assert!(mentions("hey @Guide_Bot, does it hurt?", "guide_bot"));
        assert!(!mentions("hey @guide_bots", "guide_bot"));
        assert_eq!(
            without_mention("@guide_bot does it hurt?", "guide_bot"),
            "does it hurt?"
        );
        assert_eq!(
            without_mention("does it hurt @Guide_Bot!", "guide_bot"),
            "does it hurt"
        );
    }
}
