//! Why an index could not be built or opened.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum IndexError {
    #[error("index at {path}: {message}")]
    Tantivy { path: PathBuf, message: String },
    #[error("cannot write the index in {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(transparent)]
    Knowledge(#[from] crate::knowledge::KnowledgeError),
}

impl IndexError {
    pub(crate) fn tantivy(path: &std::path::Path, err: impl std::fmt::Display) -> Self {
        IndexError::Tantivy {
            path: path.to_path_buf(),
            message: err.to_string(),
        }
    }

    pub(crate) fn io(path: &std::path::Path, source: std::io::Error) -> Self {
        IndexError::Io {
            path: path.to_path_buf(),
            source,
        }
    }
}
