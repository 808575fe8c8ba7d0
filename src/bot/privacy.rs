//! What may appear in logs: chat ids only as hashes salted with a random secret kept beside
//! the database (never the bot token), and never message text.

use std::io::Write;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use super::backoff::random_u64;

/// The file beside the database that keeps the salt, so tags stay the same across restarts.
pub fn salt_file(database: &Path) -> PathBuf {
    database.with_extension("log-salt")
}

/// The salt in `path`, created (readable by the owner only) with 128 random bits when missing.
/// When it can be neither read nor written, a fresh salt serves this run (tags then change at
/// the next start).
pub fn load_or_create_salt(path: &Path) -> String {
    if let Ok(salt) = std::fs::read_to_string(path)
        && salt.trim().len() >= 16
    {
        return salt.trim().to_string();
    }
    let salt = random_secret();
    if let Err(err) = write_private(path, &salt) {
        tracing::warn!(
            "cannot keep the log salt in {}: {err}; chat tags will change at the next start",
            path.display()
        );
    }
    salt
}

/// 128 random bits, as 32 hex digits.
pub(crate) fn random_secret() -> String {
    let mut bytes = [0u8; 16];
    let from_os = std::fs::File::open("/dev/urandom")
        .and_then(|mut f| std::io::Read::read_exact(&mut f, &mut bytes));
    if from_os.is_err() {
        bytes[..8].copy_from_slice(&random_u64().to_le_bytes());
        bytes[8..].copy_from_slice(&random_u64().to_le_bytes());
    }
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn write_private(path: &Path, secret: &str) -> std::io::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path)?.write_all(secret.as_bytes())
}

/// A short, stable, non-reversible tag for a chat, for correlating log lines.
pub fn chat_tag(salt: &str, chat: i64) -> String {
    let digest = Sha256::new()
        .chain_update(salt.as_bytes())
        .chain_update(chat.to_le_bytes())
        .finalize();
    digest[..4].iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_salt_is_random_kept_and_private() {
        let dir = tempfile::tempdir().unwrap();
        let path = salt_file(&dir.path().join("guidebot.sqlite3"));
        let salt = load_or_create_salt(&path);
        assert_eq!(salt.len(), 32);
        assert_eq!(load_or_create_salt(&path), salt);
        let other = load_or_create_salt(&dir.path().join("other.log-salt"));
        assert_ne!(other, salt);
        assert_ne!(chat_tag(&salt, 1), chat_tag(&other, 1));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o077, 0);
        }
    }
}
