//! A file the running bot touches every few seconds, so that Docker's HEALTHCHECK, systemd or
//! a monitor can tell a live bot from a stuck or stopped one without any network port.

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

/// How often the running bot touches its heartbeat file.
pub const BEAT_EVERY: Duration = Duration::from_secs(15);

/// Why the bot is not known to be alive.
#[derive(Debug, thiserror::Error)]
pub enum HeartbeatError {
    #[error(
        "no heartbeat at {path}: the bot is not serving (yet), or serves from another home folder"
    )]
    Missing { path: PathBuf },
    #[error("cannot read the heartbeat {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("the last heartbeat in {path} is {age} s old: the bot has stopped or is stuck")]
    Stale { path: PathBuf, age: u64 },
}

/// Touches `path` now and every [`BEAT_EVERY`] (until the process ends); the file holds the
/// process id and the time of the beat, in seconds since 1970.
pub async fn beat(path: PathBuf) {
    let mut ticks = tokio::time::interval(BEAT_EVERY);
    loop {
        ticks.tick().await;
        let now = SystemTime::now()
            .duration_since(SystemTime::UNIX_EPOCH)
            .unwrap_or_default()
            .as_secs();
        let note = format!("pid {} at {now}\n", std::process::id());
        if let Err(err) = tokio::fs::write(&path, note).await {
            tracing::warn!("cannot write the heartbeat {}: {err}", path.display());
        }
    }
}

/// How long ago the heartbeat at `path` was touched, if within `max_age`.
pub fn check(path: &Path, max_age: Duration) -> Result<Duration, HeartbeatError> {
    let modified = std::fs::metadata(path)
        .and_then(|meta| meta.modified())
        .map_err(|source| match source.kind() {
            std::io::ErrorKind::NotFound => HeartbeatError::Missing {
                path: path.to_path_buf(),
            },
            _ => HeartbeatError::Read {
                path: path.to_path_buf(),
                source,
            },
        })?;
    let age = SystemTime::now()
        .duration_since(modified)
        .unwrap_or_default();
    if age > max_age {
        return Err(HeartbeatError::Stale {
            path: path.to_path_buf(),
            age: age.as_secs(),
        });
    }
    Ok(age)
}
