//! The journal of unanswered questions and feedback when replicas share Redis: entries go to
//! sorted sets there (scored by time, so old ones are pruned), or to the replica's own journal
//! while Redis is down; those are moved to Redis once it is back. `guidebot report` adds up
//! Redis and the local file.

use std::collections::hash_map::RandomState;
use std::hash::BuildHasher;
use std::time::{SystemTime, UNIX_EPOCH};

use serde_json::{Value, json};

use crate::journal::{Journal, JournalError, Tallies, normalized_question};
use crate::shared_store::{SharedStore, StoreError};

const UNANSWERED: &str = "journal:unanswered";
const FEEDBACK: &str = "journal:feedback";

/// The journal the bot writes to: shared when Redis is configured and answers, local otherwise.
pub struct SharedJournal {
    local: Journal,
    shared: Option<SharedStore>,
    retention_days: u32,
}

impl SharedJournal {
    pub fn new(local: Journal, shared: Option<SharedStore>, retention_days: u32) -> SharedJournal {
        SharedJournal {
            local,
            shared,
            retention_days,
        }
    }

    /// Keeps a question the guide could not answer (normalized and scrubbed as the local
    /// journal keeps it).
    pub async fn record_unanswered(&self, question: &str) -> Result<(), JournalError> {
        let Some(question) = normalized_question(question) else {
            return Ok(());
        };
        if let Some(store) = &self.shared
            && add(
                store,
                UNANSWERED,
                json!({ "question": question }),
                unix_now(),
            )
            .await
            .is_ok()
        {
            return Ok(());
        }
        self.local.record_unanswered(&question)
    }

    /// Keeps a 👍 or 👎 on an answer from `section`.
    pub async fn record_feedback(&self, section: &str, helpful: bool) -> Result<(), JournalError> {
        if let Some(store) = &self.shared {
            let entry = json!({ "section": section, "helpful": helpful });
            if add(store, FEEDBACK, entry, unix_now()).await.is_ok() {
                return Ok(());
            }
        }
        self.local.record_feedback(section, helpful)
    }

    /// Drops old entries, and moves what the local journal kept while Redis was down to Redis.
    pub async fn prune_and_catch_up(&self) -> Result<(), JournalError> {
        self.local.prune()?;
        let Some(store) = &self.shared else {
            return Ok(());
        };
        let cutoff = unix_now().saturating_sub(u64::from(self.retention_days) * 24 * 3600);
        for key in [UNANSWERED, FEEDBACK] {
            let mut prune = redis::cmd("ZREMRANGEBYSCORE");
            prune.arg(SharedStore::key(key)).arg("-inf").arg(cutoff);
            if store.query::<()>(&prune).await.is_err() {
                return Ok(());
            }
        }
        let entries = self.local.entries()?;
        if entries.unanswered.is_empty() && entries.feedback.is_empty() {
            return Ok(());
        }
        for (at, question) in &entries.unanswered {
            let entry = json!({ "question": question });
            if add(store, UNANSWERED, entry, *at).await.is_err() {
                return Ok(());
            }
        }
        for (at, section, helpful) in &entries.feedback {
            let entry = json!({ "section": section, "helpful": helpful });
            if add(store, FEEDBACK, entry, *at).await.is_err() {
                return Ok(());
            }
        }
        tracing::info!(
            entries = entries.unanswered.len() + entries.feedback.len(),
            "journal entries kept here while Redis was down are now shared"
        );
        self.local.forget_up_to(&entries)
    }
}

/// Every replica's counts in the shared journal (within `retention_days`).
pub async fn shared_tallies(
    store: &SharedStore,
    retention_days: u32,
) -> Result<Tallies, StoreError> {
    let cutoff = unix_now().saturating_sub(u64::from(retention_days) * 24 * 3600);
    let mut tallies = Tallies::default();
    let read = |key: &str| {
        let mut range = redis::cmd("ZRANGEBYSCORE");
        range.arg(SharedStore::key(key)).arg(cutoff).arg("+inf");
        range
    };
    let unanswered: Vec<String> = store.query(&read(UNANSWERED)).await?;
    for entry in unanswered
        .iter()
        .filter_map(|e| serde_json::from_str::<Value>(e).ok())
    {
        if let Some(question) = entry["question"].as_str() {
            *tallies.unanswered.entry(question.to_string()).or_default() += 1;
        }
    }
    let feedback: Vec<String> = store.query(&read(FEEDBACK)).await?;
    for entry in feedback
        .iter()
        .filter_map(|e| serde_json::from_str::<Value>(e).ok())
    {
        if let (Some(section), Some(helpful)) =
            (entry["section"].as_str(), entry["helpful"].as_bool())
        {
            let counts = tallies.feedback.entry(section.to_string()).or_default();
            if helpful {
                counts.1 += 1;
            } else {
                counts.0 += 1;
            }
        }
    }
    Ok(tallies)
}

/// Adds `entry` (made unique, so equal entries all count) at time `at` to the sorted set `key`.
async fn add(store: &SharedStore, key: &str, mut entry: Value, at: u64) -> Result<(), StoreError> {
    entry["at"] = json!(at);
    entry["unique"] = json!(RandomState::new().hash_one(SystemTime::now()));
    let mut zadd = redis::cmd("ZADD");
    zadd.arg(SharedStore::key(key))
        .arg(at)
        .arg(entry.to_string());
    store.query(&zadd).await
}

fn unix_now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}
