//! Whether the index on disk still fits the knowledge, and rebuilding it when it does not.

use std::fmt;
use std::path::Path;

use serde::{Deserialize, Serialize};
use tantivy::Index;
use tantivy::directory::MmapDirectory;

use super::schema::{self, SCHEMA_VERSION};
use super::{GuideIndex, IndexError};
use crate::knowledge::{Guide, fingerprint};

/// Our note beside tantivy's files: which schema and which knowledge the index was built from.
pub(super) const STAMP_FILE: &str = "guidebot-stamp.json";
/// tantivy's bookkeeping files (segment files are named by a 32-hex-digit id).
const TANTIVY_FILES: &[&str] = &[
    "meta.json",
    ".managed.json",
    ".tantivy-meta.lock",
    ".tantivy-writer.lock",
];

#[derive(Debug, Serialize, Deserialize)]
struct Stamp {
    schema: u32,
    fingerprint: String,
    passages: usize,
}

/// Why the index on disk could not be used as it was.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RebuildReason {
    Missing,
    Unreadable(String),
    OtherSchema,
    OlderThanKnowledge,
}

impl fmt::Display for RebuildReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RebuildReason::Missing => f.write_str("there is no index yet"),
            RebuildReason::Unreadable(why) => write!(f, "the index could not be read ({why})"),
            RebuildReason::OtherSchema => f.write_str("the index was built by another version"),
            RebuildReason::OlderThanKnowledge => f.write_str("the knowledge files have changed"),
        }
    }
}

/// Loads the guide and opens its index, rebuilding the index (and saying why) when it is
/// missing, unreadable, of another schema or older than the knowledge.
pub fn open_or_build(
    knowledge: &Path,
    index_dir: &Path,
) -> Result<(Guide, GuideIndex, Option<RebuildReason>), IndexError> {
    let guide = Guide::load(knowledge)?;
    let fingerprint = fingerprint(knowledge)?;
    match open(index_dir, &fingerprint, guide.passages.len()) {
        Ok(index) => Ok((guide, index, None)),
        Err(reason) => {
            // A first start has no index: that is expected, not worth a warning.
            if reason == RebuildReason::Missing {
                tracing::info!(index = %index_dir.display(), "building the index: {reason}");
            } else {
                tracing::warn!(index = %index_dir.display(), "rebuilding the index: {reason}");
            }
            let index = GuideIndex::build(&guide, index_dir, &fingerprint)?;
            Ok((guide, index, Some(reason)))
        }
    }
}

/// Opens the index in `dir` if it was built with this schema from knowledge with this fingerprint.
fn open(dir: &Path, fingerprint: &str, passages: usize) -> Result<GuideIndex, RebuildReason> {
    if !dir.join("meta.json").exists() {
        return Err(RebuildReason::Missing);
    }
    let stamp: Stamp = std::fs::read(dir.join(STAMP_FILE))
        .ok()
        .and_then(|bytes| serde_json::from_slice(&bytes).ok())
        .ok_or_else(|| RebuildReason::Unreadable(format!("{STAMP_FILE} is missing or damaged")))?;
    if stamp.schema != SCHEMA_VERSION {
        return Err(RebuildReason::OtherSchema);
    }
    if stamp.fingerprint != fingerprint || stamp.passages != passages {
        return Err(RebuildReason::OlderThanKnowledge);
    }
    let unreadable = |err: tantivy::TantivyError| RebuildReason::Unreadable(err.to_string());
    let directory =
        MmapDirectory::open(dir).map_err(|err| RebuildReason::Unreadable(err.to_string()))?;
    let index = Index::open(directory).map_err(unreadable)?;
    let fields = schema::fields_of(&index.schema()).ok_or(RebuildReason::OtherSchema)?;
    let index = GuideIndex::from_index(index, fields, dir)
        .map_err(|err| RebuildReason::Unreadable(err.to_string()))?;
    if index.len() != passages as u64 {
        return Err(RebuildReason::Unreadable(format!(
            "it holds {} passages, the guide {passages}",
            index.len()
        )));
    }
    Ok(index)
}

/// Writes the stamp that marks a finished build.
pub(super) fn write_stamp(
    dir: &Path,
    fingerprint: &str,
    passages: usize,
) -> Result<(), IndexError> {
    let stamp = Stamp {
        schema: SCHEMA_VERSION,
        fingerprint: fingerprint.to_string(),
        passages,
    };
    let json = serde_json::to_vec_pretty(&stamp).expect("a stamp always serializes");
    std::fs::write(dir.join(STAMP_FILE), json).map_err(|e| IndexError::io(dir, e))
}

/// Creates `dir` if needed and removes the generated files in it (tantivy's and our stamp),
/// leaving anything else (such as its README) alone.
pub(super) fn clear_generated(dir: &Path) -> Result<(), IndexError> {
    std::fs::create_dir_all(dir).map_err(|e| IndexError::io(dir, e))?;
    let entries = std::fs::read_dir(dir).map_err(|e| IndexError::io(dir, e))?;
    for entry in entries {
        let path = entry.map_err(|e| IndexError::io(dir, e))?.path();
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        if (is_generated(&name)) && path.is_file() {
            std::fs::remove_file(&path).map_err(|e| IndexError::io(&path, e))?;
        }
    }
    Ok(())
}

fn is_generated(name: &str) -> bool {
    if name == STAMP_FILE || TANTIVY_FILES.contains(&name) {
        return true;
    }
    let stem = name.split('.').next().unwrap_or_default();
    stem.len() == 32 && stem.chars().all(|c| c.is_ascii_hexdigit())
}
