//! Conversation memory: each chat's last topic, in teloxide's dialogue storage (in memory, or
//! SQLite when `conversation_database` is configured, so a restart keeps it).

use std::path::Path;
use std::sync::Arc;

use serde::{Deserialize, Serialize};
use teloxide::dispatching::dialogue::serializer::Json;
use teloxide::dispatching::dialogue::{
    Dialogue, ErasedStorage, InMemStorage, SqliteStorage, Storage,
};
use teloxide::types::ChatId;

/// What the bot remembers about a chat: only the slug of the last section it quoted.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChatMemory {
    pub last_topic: Option<String>,
}

pub type MemoryStorage = ErasedStorage<ChatMemory>;

/// Opens the configured storage.
pub async fn open(path: Option<&Path>) -> anyhow::Result<Arc<MemoryStorage>> {
    Ok(match path {
        Some(path) => SqliteStorage::open(&path.to_string_lossy(), Json)
            .await
            .map_err(|e| anyhow::anyhow!("cannot open {}: {e}", path.display()))?
            .erase(),
        None => InMemStorage::<ChatMemory>::new().erase(),
    })
}

/// The chat's memory; a storage failure is logged and treated as no memory.
pub async fn recall(storage: &Arc<MemoryStorage>, chat: ChatId) -> ChatMemory {
    match Dialogue::new(storage.clone(), chat).get().await {
        Ok(memory) => memory.unwrap_or_default(),
        Err(err) => {
            tracing::warn!("conversation memory unavailable: {err}");
            ChatMemory::default()
        }
    }
}

/// Remembers the chat's last topic; a storage failure is logged, never fatal.
pub async fn remember(storage: &Arc<MemoryStorage>, chat: ChatId, topic: &str) {
    let memory = ChatMemory {
        last_topic: Some(topic.to_string()),
    };
    if let Err(err) = Dialogue::new(storage.clone(), chat).update(memory).await {
        tracing::warn!("could not store conversation memory: {err}");
    }
}
