//! What can be wrong with a knowledge folder, each error naming the file at fault.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum KnowledgeError {
    #[error("cannot read {path}: {source}")]
    Read {
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
