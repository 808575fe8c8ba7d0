//! A fingerprint of the knowledge files, so a stale index is noticed and rebuilt.

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use super::KnowledgeError;

/// A hex SHA-256 over the names and contents of every `.md` and `.toml` file in `dir`.
pub fn fingerprint(dir: &Path) -> Result<String, KnowledgeError> {
    let paths = knowledge_files(dir)?;
    let mut hasher = Sha256::new();
    for path in paths {
        let bytes = std::fs::read(&path).map_err(|source| KnowledgeError::Read {
            path: path.clone(),
            source,
        })?;
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        hasher.update((name.len() as u64).to_le_bytes());
        hasher.update(name.as_bytes());
        hasher.update((bytes.len() as u64).to_le_bytes());
        hasher.update(&bytes);
    }
    Ok(hasher
        .finalize()
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect())
}

/// The `.md` and `.toml` files directly inside `dir`, sorted: everything the guide is made of.
pub(super) fn knowledge_files(dir: &Path) -> Result<Vec<PathBuf>, KnowledgeError> {
    let read_err = |source| KnowledgeError::Read {
        path: dir.to_path_buf(),
        source,
    };
    let mut paths = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(read_err)? {
        let path = entry.map_err(read_err)?.path();
        let relevant = path
            .extension()
            .is_some_and(|ext| ext == "md" || ext == "toml");
        if relevant && path.is_file() {
            paths.push(path);
        }
    }
    paths.sort();
    Ok(paths)
}
