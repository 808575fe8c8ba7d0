//! Conversation memory: each chat's last topic, in SQLite (a file when `conversation_database`
//! is configured, so a restart keeps it; in memory otherwise), forgotten after `retention_days`.
//! With shared state (Redis) it is kept there too, so any replica recalls it; while Redis is
//! down the replica's own copy serves, and what it learnt meanwhile is shared once Redis is back.

use std::collections::HashSet;
use std::path::Path;
use std::sync::Mutex;

use rusqlite::{Connection, OptionalExtension, params};

use crate::shared_store::SharedStore;
use crate::sqlite;

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS last_topic (
    chat_id INTEGER PRIMARY KEY,
    slug TEXT NOT NULL,
    at INTEGER NOT NULL DEFAULT (unixepoch()));
";

/// What the bot remembers about chats: only the slug of the last section quoted to each.
pub struct ConversationMemory {
    db: Mutex<Connection>,
    retention_days: u32,
    shared: Option<SharedStore>,
    /// Chats whose last topic could not be shared (Redis was down): shared by [`Self::catch_up`].
    unshared: Mutex<HashSet<i64>>,
}

impl ConversationMemory {
    /// The memory in `path` (or in memory when `None`, or with one warning when the file
    /// cannot be used), with entries older than `retention_days` removed.
    pub fn open(path: Option<&Path>, retention_days: u32) -> ConversationMemory {
        let memory = ConversationMemory {
            db: Mutex::new(sqlite::open_or_in_memory(
                path,
                SCHEMA,
                "conversation memory",
            )),
            retention_days,
            shared: None,
            unshared: Mutex::default(),
        };
        memory.prune();
        memory
    }

    /// The same memory, kept in `shared` as well when given.
    pub fn shared_in(mut self, shared: Option<SharedStore>) -> ConversationMemory {
        self.shared = shared;
        self
    }

    fn shared_key(chat: i64) -> String {
        SharedStore::key(format_args!("last_topic:{chat}"))
    }

    /// The chat's last topic (from the shared state when it answers, else from here).
    pub async fn recall(&self, chat: i64) -> Option<String> {
        if let Some(store) = &self.shared
            && let Ok(slug) = store
                .query(redis::cmd("GET").arg(Self::shared_key(chat)))
                .await
        {
            return slug;
        }
        self.recall_here(chat)
    }

    /// Remembers the chat's last topic here and in the shared state.
    pub async fn remember(&self, chat: i64, slug: &str) {
        self.remember_here(chat, slug);
        if self.shared.is_some() {
            let shared = self.share(chat, slug).await;
            let mut unshared = self.unshared.lock().unwrap_or_else(|p| p.into_inner());
            if shared {
                unshared.remove(&chat);
            } else {
                unshared.insert(chat);
            }
        }
    }

    /// Shares the last topics learnt while Redis was down; stops at the first failure.
    pub async fn catch_up(&self) {
        let pending: Vec<i64> = {
            let unshared = self.unshared.lock().unwrap_or_else(|p| p.into_inner());
            unshared.iter().copied().collect()
        };
        for chat in pending {
            let shared = match self.recall_here(chat) {
                Some(slug) => self.share(chat, &slug).await,
                None => true,
            };
            if !shared {
                return;
            }
            let mut unshared = self.unshared.lock().unwrap_or_else(|p| p.into_inner());
            unshared.remove(&chat);
        }
    }

    /// Writes the chat's last topic to the shared state; whether it was written.
    async fn share(&self, chat: i64, slug: &str) -> bool {
        let Some(store) = &self.shared else {
            return false;
        };
        let retention = u64::from(self.retention_days) * 24 * 3600;
        let mut set = redis::cmd("SET");
        set.arg(Self::shared_key(chat))
            .arg(slug)
            .arg("EX")
            .arg(retention);
        store.query::<()>(&set).await.is_ok()
    }

    fn db(&self) -> std::sync::MutexGuard<'_, Connection> {
        self.db.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn cutoff(&self) -> String {
        format!("-{} days", self.retention_days)
    }

    /// The chat's last topic here, if it is recent enough; a storage failure is logged and
    /// treated as no memory.
    fn recall_here(&self, chat: i64) -> Option<String> {
        let found = self
            .db()
            .query_row(
                "SELECT slug FROM last_topic WHERE chat_id = ?1 AND at >= unixepoch('now', ?2)",
                params![chat, self.cutoff()],
                |row| row.get(0),
            )
            .optional();
        found.unwrap_or_else(|err| {
            tracing::warn!("conversation memory unavailable: {err}");
            None
        })
    }

    /// Remembers the chat's last topic here; a storage failure is logged, never fatal.
    fn remember_here(&self, chat: i64, slug: &str) {
        if let Err(err) = self.db().execute(
            "INSERT INTO last_topic (chat_id, slug, at) VALUES (?1, ?2, unixepoch())
             ON CONFLICT (chat_id) DO UPDATE SET slug = excluded.slug, at = excluded.at",
            params![chat, slug],
        ) {
            tracing::warn!("could not store conversation memory: {err}");
        }
    }

    /// Deletes what is older than `retention_days`.
    pub fn prune(&self) {
        if let Err(err) = self.db().execute(
            "DELETE FROM last_topic WHERE at < unixepoch('now', ?1)",
            params![self.cutoff()],
        ) {
            tracing::warn!("could not prune conversation memory: {err}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remembers_across_reopening_and_forgets_after_the_retention_limit() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("memory.sqlite3");
        {
            let memory = ConversationMemory::open(Some(&path), 30);
            memory.remember_here(1, "recovery");
            memory.remember_here(2, "risks");
            memory.remember_here(1, "the-injection-phase");
            memory
                .db()
                .execute(
                    "UPDATE last_topic SET at = unixepoch('now', '-31 days') WHERE chat_id = 2",
                    [],
                )
                .unwrap();
        }
        let memory = ConversationMemory::open(Some(&path), 30);
        assert_eq!(
            memory.recall_here(1).as_deref(),
            Some("the-injection-phase")
        );
        assert_eq!(memory.recall_here(2), None);
        let rows: i64 = memory
            .db()
            .query_row("SELECT COUNT(*) FROM last_topic", [], |r| r.get(0))
            .unwrap();
        assert_eq!(rows, 1, "the old entry is deleted, not just hidden");
    }
}
