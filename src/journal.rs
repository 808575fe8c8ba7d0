//! What patients asked: unanswered questions and 👍 / 👎 per section, kept in SQLite without
//! any Telegram user or chat identifier, for a limited time, so the clinic can improve its guide.

use std::path::Path;
use std::sync::Mutex;

use rusqlite::{Connection, params};

use crate::scrub::scrub;

/// Longest question text kept.
const MAX_QUESTION_CHARS: usize = 500;

/// Why the journal could not be used.
#[derive(Debug, thiserror::Error)]
#[error("patient-question journal {path}: {source}")]
pub struct JournalError {
    path: String,
    source: rusqlite::Error,
}

/// The embedded database of what patients asked.
pub struct Journal {
    db: Mutex<Connection>,
    path: String,
    retention_days: u32,
}

/// The summary `guidebot report` prints.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Summary {
    /// Unanswered questions, most frequent first: (question, times asked).
    pub unanswered: Vec<(String, u64)>,
    /// Sections by 👎, most first: (section slug, 👎, 👍).
    pub disliked: Vec<(String, u64, u64)>,
}

impl Journal {
    /// Opens (creating if needed) the journal at `path`, dropping entries older than `retention_days`.
    pub fn open(path: &Path, retention_days: u32) -> Result<Journal, JournalError> {
        let name = path.display().to_string();
        let fail = |source| JournalError {
            path: name.clone(),
            source,
        };
        let db = crate::sqlite::open(path, "").map_err(fail)?;
        Self::with_connection(db, name, retention_days)
    }

    /// The journal at `path`, or one in memory (with one warning) when that file cannot be used.
    pub fn open_or_in_memory(path: &Path, retention_days: u32) -> Journal {
        Journal::open(path, retention_days).unwrap_or_else(|err| {
            tracing::warn!("{err}; keeping unanswered questions in memory until the next start");
            Journal::in_memory(retention_days).expect("SQLite opens an in-memory database")
        })
    }

    /// A journal that lives in memory only (for tests and when no file is wanted).
    pub fn in_memory(retention_days: u32) -> Result<Journal, JournalError> {
        let db = Connection::open_in_memory().map_err(|source| JournalError {
            path: ":memory:".into(),
            source,
        })?;
        Self::with_connection(db, ":memory:".into(), retention_days)
    }

    fn with_connection(
        db: Connection,
        path: String,
        retention_days: u32,
    ) -> Result<Journal, JournalError> {
        db.busy_timeout(std::time::Duration::from_secs(2))
            .and_then(|_| {
                db.execute_batch(
                    "CREATE TABLE IF NOT EXISTS unanswered (
                         at INTEGER NOT NULL DEFAULT (unixepoch()),
                         question TEXT NOT NULL);
                     CREATE TABLE IF NOT EXISTS feedback (
                         at INTEGER NOT NULL DEFAULT (unixepoch()),
                         section TEXT NOT NULL,
                         helpful INTEGER NOT NULL);",
                )
            })
            .map_err(|source| JournalError {
                path: path.clone(),
                source,
            })?;
        let journal = Journal {
            db: Mutex::new(db),
            path,
            retention_days,
        };
        journal.prune()?;
        Ok(journal)
    }

    /// Keeps a question the guide could not answer, without what identifies its writer
    /// (see [`scrub`]), normalized: trimmed, lowercase, one space.
    pub fn record_unanswered(&self, question: &str) -> Result<(), JournalError> {
        let question: String = scrub(question)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
            .chars()
            .filter(|c| !c.is_control())
            .take(MAX_QUESTION_CHARS)
            .collect();
        if question.is_empty() {
            return Ok(());
        }
        self.execute(
            "INSERT INTO unanswered (question) VALUES (?1)",
            params![question],
        )
    }

    /// Keeps a 👍 or 👎 on an answer from `section` (its slug).
    pub fn record_feedback(&self, section: &str, helpful: bool) -> Result<(), JournalError> {
        self.execute(
            "INSERT INTO feedback (section, helpful) VALUES (?1, ?2)",
            params![section, helpful],
        )
    }

    /// Deletes entries older than the retention limit.
    pub fn prune(&self) -> Result<(), JournalError> {
        let cutoff = format!("-{} days", self.retention_days);
        self.execute(
            "DELETE FROM unanswered WHERE at < unixepoch('now', ?1)",
            params![cutoff],
        )?;
        self.execute(
            "DELETE FROM feedback WHERE at < unixepoch('now', ?1)",
            params![cutoff],
        )
    }

    /// The most frequent unanswered questions and the most 👎 sections, `limit` of each.
    pub fn summary(&self, limit: usize) -> Result<Summary, JournalError> {
        let db = self.db.lock().unwrap_or_else(|p| p.into_inner());
        let fail = |source| JournalError {
            path: self.path.clone(),
            source,
        };
        let mut unanswered = db
            .prepare(
                "SELECT question, COUNT(*) AS n FROM unanswered GROUP BY question
                 ORDER BY n DESC, question LIMIT ?1",
            )
            .map_err(fail)?;
        let unanswered = unanswered
            .query_map(params![limit as i64], |row| {
                Ok((row.get(0)?, row.get::<_, i64>(1)? as u64))
            })
            .and_then(Iterator::collect)
            .map_err(fail)?;
        let mut disliked = db
            .prepare(
                "SELECT section, SUM(helpful = 0) AS down, SUM(helpful = 1) AS up FROM feedback
                 GROUP BY section HAVING down > 0 ORDER BY down DESC, section LIMIT ?1",
            )
            .map_err(fail)?;
        let disliked = disliked
            .query_map(params![limit as i64], |row| {
                Ok((
                    row.get(0)?,
                    row.get::<_, i64>(1)? as u64,
                    row.get::<_, i64>(2)? as u64,
                ))
            })
            .and_then(Iterator::collect)
            .map_err(fail)?;
        Ok(Summary {
            unanswered,
            disliked,
        })
    }

    fn execute(&self, sql: &str, params: impl rusqlite::Params) -> Result<(), JournalError> {
        let db = self.db.lock().unwrap_or_else(|p| p.into_inner());
        db.execute(sql, params)
            .map(|_| ())
            .map_err(|source| JournalError {
                path: self.path.clone(),
                source,
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_questions_and_feedback_and_summarizes_them() {
        let journal = Journal::in_memory(30).unwrap();
        for q in [
            "How much does it cost?",
            "how much  does it COST?",
            "Where do I park?",
            "   ",
        ] {
            journal.record_unanswered(q).unwrap();
        }
        journal.record_feedback("risks", false).unwrap();
        journal.record_feedback("risks", false).unwrap();
        journal.record_feedback("risks", true).unwrap();
        journal.record_feedback("recovery", true).unwrap();
        let summary = journal.summary(10).unwrap();
        assert_eq!(
            summary.unanswered,
            [
                ("how much does it cost?".to_string(), 2),
                ("where do i park?".to_string(), 1)
            ]
        );
        assert_eq!(summary.disliked, [("risks".to_string(), 2, 1)]);
    }

    #[test]
    fn questions_are_kept_without_names_numbers_or_addresses() {
        let journal = Journal::in_memory(30).unwrap();
        journal
            .record_unanswered(
                "My name is Ana Silva, born 04/05/1971, call 07700 900123: is there a car park?",
            )
            .unwrap();
        let summary = journal.summary(10).unwrap();
        let kept = &summary.unanswered[0].0;
        assert_eq!(
            kept,
            "my name is [name], born [date], call [number]: is there a car park?"
        );
    }

    #[test]
    fn old_entries_are_dropped_after_the_retention_limit() {
        let journal = Journal::in_memory(30).unwrap();
        journal.record_unanswered("old question").unwrap();
        journal
            .execute(
                "UPDATE unanswered SET at = unixepoch('now', '-31 days')",
                [],
            )
            .unwrap();
        journal.record_unanswered("new question").unwrap();
        journal.prune().unwrap();
        let summary = journal.summary(10).unwrap();
        assert_eq!(summary.unanswered, [("new question".to_string(), 1)]);
    }

    #[test]
    fn the_database_holds_no_identifiers() {
        let journal = Journal::in_memory(30).unwrap();
        let db = journal.db.lock().unwrap();
        let columns: Vec<String> = db
            .prepare("SELECT name FROM pragma_table_info('unanswered') UNION ALL SELECT name FROM pragma_table_info('feedback')")
            .unwrap()
            .query_map([], |row| row.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(columns, ["at", "question", "at", "section", "helpful"]);
    }
}
