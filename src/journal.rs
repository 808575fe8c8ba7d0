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

/// Every entry of a journal, as [`Journal::entries`] reads them.
#[derive(Debug, Default, Clone)]
pub struct Entries {
    /// (time, question).
    pub unanswered: Vec<(u64, String)>,
    /// (time, section, helpful).
    pub feedback: Vec<(u64, String, bool)>,
    last_unanswered: i64,
    last_feedback: i64,
}

/// Counts behind a [`Summary`], which can be added up from several journals.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Tallies {
    /// Times each unanswered question was asked.
    pub unanswered: std::collections::HashMap<String, u64>,
    /// (👎, 👍) per section slug.
    pub feedback: std::collections::HashMap<String, (u64, u64)>,
}

impl Tallies {
    /// Adds `other`'s counts to these.
    pub fn add(&mut self, other: Tallies) {
        for (question, n) in other.unanswered {
            *self.unanswered.entry(question).or_default() += n;
        }
        for (section, (down, up)) in other.feedback {
            let counts = self.feedback.entry(section).or_default();
            counts.0 += down;
            counts.1 += up;
        }
    }

    /// The `limit` most frequent questions and most 👎 sections (ties by name).
    pub fn summary(&self, limit: usize) -> Summary {
        let mut unanswered: Vec<(String, u64)> = self
            .unanswered
            .iter()
            .map(|(q, n)| (q.clone(), *n))
            .collect();
        unanswered.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        unanswered.truncate(limit);
        let mut disliked: Vec<(String, u64, u64)> = self
            .feedback
            .iter()
            .filter(|(_, (down, _))| *down > 0)
            .map(|(s, (down, up))| (s.clone(), *down, *up))
            .collect();
        disliked.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        disliked.truncate(limit);
        Summary {
            unanswered,
            disliked,
        }
    }
}

/// A question as the journal keeps it: without what identifies its writer (see [`scrub`]),
/// trimmed, lowercase, one space, at most 500 characters; `None` when nothing is left.
pub fn normalized_question(question: &str) -> Option<String> {
    let question: String = scrub(question)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
        .chars()
        .filter(|c| !c.is_control())
        .take(MAX_QUESTION_CHARS)
        .collect();
    (!question.is_empty()).then_some(question)
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
    /// (see [`normalized_question`]).
    pub fn record_unanswered(&self, question: &str) -> Result<(), JournalError> {
        match normalized_question(question) {
            Some(question) => self.execute(
                "INSERT INTO unanswered (question) VALUES (?1)",
                params![question],
            ),
            None => Ok(()),
        }
    }

    /// Keeps a 👍 or 👎 on an answer from `section` (its slug).
    pub fn record_feedback(&self, section: &str, helpful: bool) -> Result<(), JournalError> {
        self.execute(
            "INSERT INTO feedback (section, helpful) VALUES (?1, ?2)",
            params![section, helpful],
        )
    }

    /// Every entry, with its time (Unix seconds), up to the newest.
    pub fn entries(&self) -> Result<Entries, JournalError> {
        let db = self.db.lock().unwrap_or_else(|p| p.into_inner());
        let fail = |source| JournalError {
            path: self.path.clone(),
            source,
        };
        let unanswered: Vec<(i64, u64, String)> = rows(
            &db,
            "SELECT rowid, at, question FROM unanswered ORDER BY rowid",
            |row| Ok((row.get(0)?, row.get::<_, i64>(1)? as u64, row.get(2)?)),
        )
        .map_err(fail)?;
        let feedback: Vec<(i64, u64, String, bool)> = rows(
            &db,
            "SELECT rowid, at, section, helpful FROM feedback ORDER BY rowid",
            |row| {
                let at = row.get::<_, i64>(1)? as u64;
                Ok((row.get(0)?, at, row.get(2)?, row.get(3)?))
            },
        )
        .map_err(fail)?;
        Ok(Entries {
            last_unanswered: unanswered.last().map_or(0, |e| e.0),
            last_feedback: feedback.last().map_or(0, |e| e.0),
            unanswered: unanswered.into_iter().map(|(_, at, q)| (at, q)).collect(),
            feedback: feedback
                .into_iter()
                .map(|(_, at, s, h)| (at, s, h))
                .collect(),
        })
    }

    /// Deletes the entries `entries` holds (and none written since).
    pub fn forget_up_to(&self, entries: &Entries) -> Result<(), JournalError> {
        self.execute(
            "DELETE FROM unanswered WHERE rowid <= ?1",
            params![entries.last_unanswered],
        )?;
        self.execute(
            "DELETE FROM feedback WHERE rowid <= ?1",
            params![entries.last_feedback],
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
        Ok(self.tallies()?.summary(limit))
    }

    /// Every question and section with its counts.
    pub fn tallies(&self) -> Result<Tallies, JournalError> {
        let db = self.db.lock().unwrap_or_else(|p| p.into_inner());
        let fail = |source| JournalError {
            path: self.path.clone(),
            source,
        };
        let mut tallies = Tallies::default();
        let unanswered: Vec<(String, u64)> = rows(
            &db,
            "SELECT question, COUNT(*) FROM unanswered GROUP BY question",
            |row| Ok((row.get(0)?, row.get::<_, i64>(1)? as u64)),
        )
        .map_err(fail)?;
        for (question, n) in unanswered {
            *tallies.unanswered.entry(question).or_default() += n;
        }
        let feedback: Vec<(String, u64, u64)> = rows(
            &db,
            "SELECT section, SUM(helpful = 0), SUM(helpful = 1) FROM feedback GROUP BY section",
            |row| {
                let down = row.get::<_, i64>(1)? as u64;
                Ok((row.get(0)?, down, row.get::<_, i64>(2)? as u64))
            },
        )
        .map_err(fail)?;
        for (section, down, up) in feedback {
            let counts = tallies.feedback.entry(section).or_default();
            counts.0 += down;
            counts.1 += up;
        }
        Ok(tallies)
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

/// Every row `sql` selects, read with `read`.
fn rows<T>(
    db: &Connection,
    sql: &str,
    read: impl FnMut(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
) -> rusqlite::Result<Vec<T>> {
    db.prepare(sql)?.query_map([], read)?.collect()
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
