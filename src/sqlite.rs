//! Opening the bot's SQLite files: checked before use, and kept in memory (with one warning)
//! when a file cannot be used, so a damaged or read-only database never stops the bot.

use std::path::Path;
use std::time::Duration;

use rusqlite::Connection;

/// Opens `path`, checks it is a sound database and creates `schema` in it.
pub fn open(path: &Path, schema: &str) -> Result<Connection, rusqlite::Error> {
    let db = Connection::open(path)?;
    db.busy_timeout(Duration::from_secs(2))?;
    let check: String = db.query_row("PRAGMA quick_check", [], |row| row.get(0))?;
    if check != "ok" {
        return Err(rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_CORRUPT),
            Some(check),
        ));
    }
    // Write-ahead log: a commit survives the process being killed at any moment. NORMAL does
    // not wait for the disk at each commit (a power cut may undo the last few); writes that
    // must survive one too say so with [`durable`].
    db.pragma_update(None, "journal_mode", "WAL")?;
    db.pragma_update(None, "synchronous", "NORMAL")?;
    db.execute_batch(schema)?;
    Ok(db)
}

/// Runs `write` with commits that wait for the disk (surviving a power cut), then goes back to
/// the faster default.
pub fn durable<T>(
    db: &mut Connection,
    write: impl FnOnce(&mut Connection) -> Result<T, rusqlite::Error>,
) -> Result<T, rusqlite::Error> {
    db.pragma_update(None, "synchronous", "FULL")?;
    let written = write(db);
    db.pragma_update(None, "synchronous", "NORMAL")?;
    written
}

/// An in-memory database with `schema`.
pub fn in_memory(schema: &str) -> Connection {
    let db = Connection::open_in_memory().expect("SQLite opens an in-memory database");
    db.execute_batch(schema)
        .expect("the schema is valid SQL for an empty database");
    db
}

/// Opens `path` (when given) with `schema`; when it cannot be used, warns once naming `what`
/// and the reason, and keeps the data in memory instead.
pub fn open_or_in_memory(path: Option<&Path>, schema: &str, what: &str) -> Connection {
    match path.map(|path| (path, open(path, schema))) {
        Some((_, Ok(db))) => db,
        Some((path, Err(err))) => {
            tracing::warn!(
                "{what}: {} cannot be used ({err}); keeping it in memory until the next start",
                path.display()
            );
            in_memory(schema)
        }
        None => in_memory(schema),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SCHEMA: &str = "CREATE TABLE IF NOT EXISTS t (x INTEGER);";

    #[test]
    fn a_damaged_file_is_refused_and_memory_used_instead() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("broken.sqlite3");
        std::fs::write(
            &path,
            b"this is not a database, just some bytes ".repeat(200),
        )
        .unwrap();
        assert!(open(&path, SCHEMA).is_err());
        let db = open_or_in_memory(Some(&path), SCHEMA, "test data");
        db.execute("INSERT INTO t VALUES (1)", []).unwrap();
        let good = dir.path().join("good.sqlite3");
        open(&good, SCHEMA)
            .unwrap()
            .execute("INSERT INTO t VALUES (1)", [])
            .unwrap();
        let n: i64 = open(&good, SCHEMA)
            .unwrap()
            .query_row("SELECT COUNT(*) FROM t", [], |r| r.get(0))
            .unwrap();
        assert_eq!(n, 1);
    }
}
