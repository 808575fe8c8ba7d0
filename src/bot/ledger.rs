//! The delivery ledger (SQLite): the durable inbox of updates taken from Telegram, the ids of
//! those already handled, and the outbox of replies not yet accepted by Telegram.
//!
//! An update is written here before its offset is confirmed to Telegram, and marked handled in
//! the same transaction that puts its replies in the outbox; a reply leaves the outbox once
//! Telegram accepted it. So a crash at any moment loses nothing: unhandled updates and unsent
//! replies are picked up at the next start, and a redelivered update is recognised.
//!
//! Received updates are written through to the disk before they are confirmed; the other
//! writes are not waited for (a power cut may undo the last of them, which only means an
//! update answered again or a reply sent again, never one lost).

use std::io::Write;
use std::path::Path;
use std::sync::Mutex;

use rusqlite::{Connection, OptionalExtension, params};
use serde_json::Value;

use super::outgoing::Outgoing;
use crate::sqlite;

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS updates (
    update_id INTEGER PRIMARY KEY,
    -- the update as received, until it is handled (then NULL: no patient text is kept)
    raw TEXT,
    received_at INTEGER NOT NULL DEFAULT (unixepoch()),
    handled_at INTEGER);
CREATE TABLE IF NOT EXISTS outbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    chat_id INTEGER NOT NULL,
    method TEXT NOT NULL,
    params TEXT NOT NULL,
    created_at INTEGER NOT NULL DEFAULT (unixepoch()));
CREATE INDEX IF NOT EXISTS outbox_by_chat ON outbox (chat_id, id);
";

/// Handled update ids are remembered this long (Telegram redelivers within a day at most).
const KEEP_HANDLED_DAYS: u32 = 2;

/// Why the ledger could not record something.
#[derive(Debug, thiserror::Error)]
#[error("delivery ledger: {0}")]
pub struct LedgerError(#[from] rusqlite::Error);

/// An update waiting to be handled.
#[derive(Debug, Clone)]
pub struct Received {
    pub update_id: i64,
    pub raw: Value,
}

/// A reply waiting in the outbox.
#[derive(Debug, Clone)]
pub struct Unsent {
    pub id: i64,
    pub outgoing: Outgoing,
}

pub struct Ledger {
    db: Mutex<Connection>,
    /// Ids of replies being sent (negated) and accepted by Telegram, appended the moment the
    /// request leaves and the moment Telegram answers: small writes that wait for no database
    /// lock, so that a crash right after a send repeats it as rarely as possible. Applied to
    /// the outbox when the ledger opens.
    accepted: Option<Mutex<std::fs::File>>,
}

/// The file of accepted reply ids beside the ledger.
fn accepted_file(path: &Path) -> std::path::PathBuf {
    path.with_extension("accepted")
}

impl Ledger {
    /// The ledger in `path`, or in memory (with one warning) when that file cannot be used.
    pub fn open(path: &Path) -> Ledger {
        let db = sqlite::open_or_in_memory(
            Some(path),
            SCHEMA,
            "delivery ledger (updates and unsent replies)",
        );
        let accepted = match apply_accepted(&db, &accepted_file(path)) {
            Ok(file) => Some(Mutex::new(file)),
            Err(err) => {
                tracing::warn!("{}: {err}", accepted_file(path).display());
                None
            }
        };
        Ledger {
            db: Mutex::new(db),
            accepted,
        }
    }

    pub fn in_memory() -> Ledger {
        Ledger {
            db: Mutex::new(sqlite::in_memory(SCHEMA)),
            accepted: None,
        }
    }

    fn db(&self) -> std::sync::MutexGuard<'_, Connection> {
        self.db.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The offset that confirms every update recorded here.
    pub fn next_offset(&self) -> Result<i64, LedgerError> {
        let max: Option<i64> =
            self.db()
                .query_row("SELECT MAX(update_id) FROM updates", [], |row| row.get(0))?;
        Ok(max.map_or(0, |id| id + 1))
    }

    /// Records a batch from `getUpdates` in one transaction; returns the updates seen for the
    /// first time (a redelivered update, handled or not, is not returned again).
    ///
    /// This commit waits for the disk: once it returns, the batch's offset may be confirmed to
    /// Telegram, and the updates survive even a power cut.
    pub fn receive(&self, batch: &[Value]) -> Result<Vec<Received>, LedgerError> {
        let mut db = self.db();
        let fresh = sqlite::durable(&mut db, |db| {
            let tx = db.transaction()?;
            let mut fresh = Vec::new();
            {
                let mut insert =
                    tx.prepare("INSERT OR IGNORE INTO updates (update_id, raw) VALUES (?1, ?2)")?;
                for update in batch {
                    let Some(update_id) = update.get("update_id").and_then(Value::as_i64) else {
                        continue;
                    };
                    if insert.execute(params![update_id, update.to_string()])? == 1 {
                        fresh.push(Received {
                            update_id,
                            raw: update.clone(),
                        });
                    }
                }
            }
            tx.commit()?;
            Ok(fresh)
        })?;
        Ok(fresh)
    }

    /// Whether the update was received and handled.
    pub fn is_handled(&self, update_id: i64) -> Result<bool, LedgerError> {
        let handled: Option<bool> = self
            .db()
            .query_row(
                "SELECT handled_at IS NOT NULL FROM updates WHERE update_id = ?1",
                params![update_id],
                |row| row.get(0),
            )
            .optional()?;
        Ok(handled == Some(true))
    }

    /// Updates received but not handled (after a crash), oldest first.
    pub fn unhandled(&self) -> Result<Vec<Received>, LedgerError> {
        let db = self.db();
        let mut query = db.prepare(
            "SELECT update_id, raw FROM updates WHERE handled_at IS NULL ORDER BY update_id",
        )?;
        let rows = query.query_map([], |row| {
            Ok((row.get::<_, i64>(0)?, row.get::<_, Option<String>>(1)?))
        })?;
        let mut pending = Vec::new();
        for row in rows {
            let (update_id, raw) = row?;
            let raw = raw
                .and_then(|raw| serde_json::from_str(&raw).ok())
                .unwrap_or(Value::Null);
            pending.push(Received { update_id, raw });
        }
        Ok(pending)
    }

    /// Marks updates handled and queues their replies, all in one transaction.
    pub fn handled(&self, update_ids: &[i64], replies: &[Outgoing]) -> Result<(), LedgerError> {
        let mut db = self.db();
        let tx = db.transaction()?;
        {
            let mut insert =
                tx.prepare("INSERT INTO outbox (chat_id, method, params) VALUES (?1, ?2, ?3)")?;
            for reply in replies {
                insert.execute(params![reply.chat, reply.method, reply.params.to_string()])?;
            }
            let mut mark = tx.prepare(
                "UPDATE updates SET raw = NULL, handled_at = unixepoch() WHERE update_id = ?1",
            )?;
            for update_id in update_ids {
                mark.execute(params![update_id])?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// The oldest unsent reply for `chat`.
    pub fn next_unsent(&self, chat: i64) -> Result<Option<Unsent>, LedgerError> {
        let db = self.db();
        let row = db
            .query_row(
                "SELECT id, method, params FROM outbox WHERE chat_id = ?1 ORDER BY id LIMIT 1",
                params![chat],
                |row| {
                    Ok((
                        row.get::<_, i64>(0)?,
                        row.get::<_, String>(1)?,
                        row.get::<_, String>(2)?,
                    ))
                },
            )
            .optional()?;
        Ok(row.map(|(id, method, params)| Unsent {
            id,
            outgoing: Outgoing {
                chat,
                method,
                params: serde_json::from_str(&params).unwrap_or(Value::Null),
            },
        }))
    }

    /// Chats with replies waiting in the outbox.
    pub fn chats_with_unsent(&self) -> Result<Vec<i64>, LedgerError> {
        let db = self.db();
        let mut query = db.prepare("SELECT DISTINCT chat_id FROM outbox ORDER BY chat_id")?;
        let chats = query
            .query_map([], |row| row.get(0))?
            .collect::<Result<_, _>>()?;
        Ok(chats)
    }

    /// Notes that reply `id` is about to be sent.
    pub fn sending(&self, id: i64) {
        self.note(-id);
    }

    fn note(&self, entry: i64) {
        if let Some(accepted) = &self.accepted {
            let mut file = accepted.lock().unwrap_or_else(|p| p.into_inner());
            if let Err(err) = file.write_all(&entry.to_le_bytes()) {
                tracing::warn!("cannot note a reply being sent: {err}");
            }
        }
    }

    /// Removes a reply Telegram accepted (or refused for good).
    pub fn sent(&self, id: i64) -> Result<(), LedgerError> {
        self.note(id);
        self.db()
            .execute("DELETE FROM outbox WHERE id = ?1", params![id])?;
        Ok(())
    }

    /// How many replies wait in the outbox.
    pub fn unsent_count(&self) -> Result<usize, LedgerError> {
        let n: i64 = self
            .db()
            .query_row("SELECT COUNT(*) FROM outbox", [], |row| row.get(0))?;
        Ok(n as usize)
    }

    /// Forgets handled update ids older than two days (keeping the newest, for the offset).
    pub fn prune(&self) -> Result<(), LedgerError> {
        self.db().execute(
            "DELETE FROM updates WHERE handled_at < unixepoch('now', ?1)
               AND update_id < (SELECT MAX(update_id) FROM updates)",
            params![format!("-{KEEP_HANDLED_DAYS} days")],
        )?;
        Ok(())
    }
}

/// Deletes from the outbox the replies noted as accepted in `path` by an earlier run, then
/// empties the file and opens it for appending.
fn apply_accepted(db: &Connection, path: &Path) -> std::io::Result<std::fs::File> {
    let noted = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => Vec::new(),
        Err(err) => return Err(err),
    };
    let entries: Vec<i64> = noted
        .chunks_exact(8)
        .map(|chunk| i64::from_le_bytes(chunk.try_into().expect("chunks of eight bytes")))
        .collect();
    let accepted: std::collections::HashSet<i64> =
        entries.iter().copied().filter(|&id| id > 0).collect();
    for id in &accepted {
        db.execute("DELETE FROM outbox WHERE id = ?1", params![id])
            .map_err(std::io::Error::other)?;
    }
    // Sent when the last run ended, with no answer from Telegram: it may have them.
    let in_flight: std::collections::HashSet<i64> = entries
        .iter()
        .filter(|&&id| id < 0 && !accepted.contains(&-id))
        .map(|id| -id)
        .collect();
    if !in_flight.is_empty() {
        tracing::warn!(
            repeats = in_flight.len(),
            "replies were on their way to Telegram when the bot stopped; they are sent again \
             and may arrive twice"
        );
    }
    std::fs::OpenOptions::new()
        .create(true)
        .write(true)
        .truncate(true)
        .open(path)?;
    std::fs::OpenOptions::new().append(true).open(path)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn reply(chat: i64, text: &str) -> Outgoing {
        Outgoing {
            chat,
            method: "sendMessage".into(),
            params: json!({ "chat_id": chat, "text": text }),
        }
    }

    #[test]
    fn an_update_is_handled_once_and_its_reply_kept_until_sent_across_reopening() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("delivery.sqlite3");
        let batch = [
            json!({"update_id": 7, "message": {"text": "hi"}}),
            json!({"update_id": 8}),
        ];
        {
            let ledger = Ledger::open(&path);
            assert_eq!(ledger.next_offset().unwrap(), 0);
            assert_eq!(ledger.receive(&batch).unwrap().len(), 2);
            ledger
                .handled(&[7], &[reply(1, "first"), reply(1, "second")])
                .unwrap();
        }
        // As after a crash: the same batch redelivered, update 8 still to handle.
        let ledger = Ledger::open(&path);
        assert!(ledger.receive(&batch).unwrap().is_empty());
        assert_eq!(ledger.next_offset().unwrap(), 9);
        let pending = ledger.unhandled().unwrap();
        assert_eq!(pending.len(), 1);
        assert_eq!(pending[0].update_id, 8);
        assert_eq!(ledger.chats_with_unsent().unwrap(), [1]);
        let first = ledger.next_unsent(1).unwrap().unwrap();
        assert_eq!(first.outgoing.params["text"], "first");
        ledger.sent(first.id).unwrap();
        assert_eq!(
            ledger.next_unsent(1).unwrap().unwrap().outgoing.params["text"],
            "second"
        );
        // A reply noted as accepted is gone after a crash, even if the delete was not made.
        let second = ledger.next_unsent(1).unwrap().unwrap();
        ledger
            .accepted
            .as_ref()
            .unwrap()
            .lock()
            .unwrap()
            .write_all(&second.id.to_le_bytes())
            .unwrap();
        drop(ledger);
        let ledger = Ledger::open(&path);
        assert!(ledger.next_unsent(1).unwrap().is_none());
        // A handled update keeps no text.
        let raw: Option<String> = ledger
            .db()
            .query_row("SELECT raw FROM updates WHERE update_id = 7", [], |r| {
                r.get(0)
            })
            .unwrap();
        assert_eq!(raw, None);
    }
}
