//! What can be wrong with a knowledge folder, each error naming the file at fault.

use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum KnowledgeError {
    #[error("cannot read {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot write {path}: {source}")]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("no guide found: {dir} holds no .md files")]
    NoGuide { dir: PathBuf },
    #[error("{path} is not valid UTF-8 text; save it as UTF-8")]
    NotUtf8 { path: PathBuf },
    #[error("{path} has no usable text: it needs at least one paragraph or list item")]
    NoText { path: PathBuf },
    #[error("{path}:{line}: {message}")]
    Lexicon {
        path: PathBuf,
        line: usize,
        message: String,
    },
}

impl KnowledgeError {
    /// The same error with a path under `from` shown under `to` instead: an error found in a
    /// snapshot, told about the folder the snapshot was taken from.
    pub fn relocated(mut self, from: &Path, to: &Path) -> Self {
        let path = match &mut self {
            KnowledgeError::Read { path, .. }
            | KnowledgeError::Write { path, .. }
            | KnowledgeError::NotUtf8 { path }
            | KnowledgeError::NoText { path }
            | KnowledgeError::Lexicon { path, .. } => path,
            KnowledgeError::NoGuide { dir } => dir,
        };
        if let Ok(rest) = path.strip_prefix(from) {
            *path = to.join(rest);
        }
        self
    }
}
