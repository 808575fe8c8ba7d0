//! What may appear in logs: chat ids only as salted hashes, never message text.

use sha2::{Digest, Sha256};
use teloxide::types::ChatId;

use super::Shared;

/// A short, stable, non-reversible tag for a chat, for correlating log lines.
pub fn chat_tag(shared: &Shared, chat: ChatId) -> String {
    let digest = Sha256::new()
        .chain_update(shared.salt.as_bytes())
        .chain_update(chat.0.to_le_bytes())
        .finalize();
    digest[..4].iter().map(|b| format!("{b:02x}")).collect()
}
