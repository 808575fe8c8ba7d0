//! The last good copy of the knowledge files, kept in the index folder (`index/last-good/`):
//! a guide is read from a snapshot of the knowledge folder, judged against the copy, and the
//! snapshot becomes the new copy once the guide is accepted.
//!
//! The copy lives in the index folder because that is the bot's own folder beside the
//! clinic's files, and rebuilding the index (`guidebot index`, or a rebuild at start) only
//! replaces tantivy's files, the stamp and the vectors: folders in it are left alone.

use std::path::{Path, PathBuf};

use super::fingerprint::knowledge_files;
use super::{Guide, KnowledgeError, Regression};

/// The folder, inside the index folder, holding the last good knowledge files.
pub const LAST_GOOD_DIR: &str = "last-good";

/// The last good copy of the knowledge files (it may not exist yet).
#[derive(Debug, Clone)]
pub struct LastGood {
    dir: PathBuf,
}

/// A snapshot of the knowledge folder, taken so that the guide judged is the guide kept even
/// if the files change meanwhile. Removed when dropped, unless promoted to the last good copy.
#[derive(Debug)]
pub struct Staged {
    dir: PathBuf,
    promoted: bool,
}

/// A knowledge folder read and judged: its snapshot, its guide, and why it should be refused
/// (empty when it should not).
#[derive(Debug)]
pub struct Vetted {
    pub staged: Staged,
    pub guide: Guide,
    pub regression: Regression,
    /// Whether it was compared with a last good copy (there is one, and it could be read).
    pub against_last_good: bool,
}

impl LastGood {
    /// The copy kept in `index_dir`.
    pub fn in_index(index_dir: &Path) -> LastGood {
        LastGood {
            dir: index_dir.join(LAST_GOOD_DIR),
        }
    }

    /// Where the copy is (or will be).
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Whether a guide was ever accepted here.
    pub fn exists(&self) -> bool {
        self.dir.is_dir() || self.previous().is_dir()
    }

    /// The last good guide, if there is one.
    pub fn load(&self) -> Option<Result<Guide, KnowledgeError>> {
        if self.dir.is_dir() {
            return Some(Guide::load(&self.dir));
        }
        // Interrupted between the two renames of [`Staged::promote`]: the one before serves.
        let previous = self.previous();
        previous.is_dir().then(|| Guide::load(&previous))
    }

    /// The folder to serve the last good guide from.
    pub fn serving_dir(&self) -> PathBuf {
        if self.dir.is_dir() {
            self.dir.clone()
        } else {
            self.previous()
        }
    }

    /// Copies the guide's files (`.md` and `.toml`) from `knowledge` into a fresh snapshot.
    pub fn stage(&self, knowledge: &Path) -> Result<Staged, KnowledgeError> {
        let files = knowledge_files(knowledge)?;
        let staged = Staged {
            dir: self
                .dir
                .with_file_name(format!("{LAST_GOOD_DIR}.staging-{}", std::process::id())),
            promoted: false,
        };
        let write_err = |path: &Path| {
            let path = path.to_path_buf();
            move |source| KnowledgeError::Write { path, source }
        };
        if staged.dir.exists() {
            std::fs::remove_dir_all(&staged.dir).map_err(write_err(&staged.dir))?;
        }
        std::fs::create_dir_all(&staged.dir).map_err(write_err(&staged.dir))?;
        for file in files {
            let to = staged.dir.join(file.file_name().unwrap_or_default());
            std::fs::copy(&file, &to).map_err(|source| KnowledgeError::Read {
                path: file.clone(),
                source,
            })?;
        }
        Ok(staged)
    }

    /// Snapshots `knowledge`, reads its guide and compares it with the last good guide, or
    /// with `serving` when there is no last good copy (or it cannot be read).
    pub fn vet(&self, knowledge: &Path, serving: Option<&Guide>) -> Result<Vetted, KnowledgeError> {
        let staged = self.stage(knowledge)?;
        let guide =
            Guide::load(&staged.dir).map_err(|err| err.relocated(&staged.dir, knowledge))?;
        let last_good = match self.load() {
            Some(Ok(last_good)) => Some(last_good),
            Some(Err(err)) => {
                tracing::warn!("the last good copy of the guide cannot be read: {err}");
                None
            }
            None => None,
        };
        let regression = Regression::between(last_good.as_ref().or(serving), &guide);
        Ok(Vetted {
            staged,
            guide,
            regression,
            against_last_good: last_good.is_some(),
        })
    }

    /// Makes the guide in `knowledge` the last good one, whatever it lost (`guidebot index`).
    pub fn save(&self, knowledge: &Path) -> Result<(), KnowledgeError> {
        self.stage(knowledge)?.promote(self)
    }

    /// Where the copy before is kept while a new one takes its place.
    fn previous(&self) -> PathBuf {
        self.dir.with_file_name(format!("{LAST_GOOD_DIR}.previous"))
    }
}

impl Staged {
    /// The snapshot's folder, to read the guide from.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Makes this snapshot the last good copy: the old copy is set aside, the snapshot renamed
    /// into place, the old copy removed (at every moment one complete copy exists).
    pub fn promote(mut self, last_good: &LastGood) -> Result<(), KnowledgeError> {
        let write_err = |path: &Path| {
            let path = path.to_path_buf();
            move |source| KnowledgeError::Write { path, source }
        };
        let previous = last_good.previous();
        if last_good.dir.is_dir() {
            if previous.exists() {
                std::fs::remove_dir_all(&previous).map_err(write_err(&previous))?;
            }
            std::fs::rename(&last_good.dir, &previous).map_err(write_err(&previous))?;
        }
        std::fs::rename(&self.dir, &last_good.dir).map_err(write_err(&last_good.dir))?;
        self.promoted = true;
        if previous.exists() {
            std::fs::remove_dir_all(&previous).map_err(write_err(&previous))?;
        }
        Ok(())
    }
}

impl Drop for Staged {
    fn drop(&mut self) {
        if !self.promoted {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::GuideIndex;

    const GUIDE: &str = "# Care\n\nRest well.\n\n## Driving\n\nDo not drive for a day.\n";

    fn knowledge(guide: &str) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("guide.md"), guide).unwrap();
        std::fs::write(
            dir.path().join("topics.toml"),
            "[aliases]\ncar = \"driving\"\n",
        )
        .unwrap();
        dir
    }

    #[test]
    fn a_saved_guide_is_the_one_the_next_is_judged_against() {
        let (knowledge, index) = (knowledge(GUIDE), tempfile::tempdir().unwrap());
        let last_good = LastGood::in_index(index.path());
        assert!(!last_good.exists());
        let first = last_good.vet(knowledge.path(), None).unwrap();
        assert!(first.regression.is_clean());
        first.staged.promote(&last_good).unwrap();
        assert!(last_good.exists());

        let cut = &GUIDE[..GUIDE.find("## Driving").unwrap()];
        std::fs::write(knowledge.path().join("guide.md"), cut).unwrap();
        let cut = last_good.vet(knowledge.path(), None).unwrap();
        assert_eq!(cut.regression.lost_sections, ["Driving"]);
        assert_eq!(cut.regression.topics_to_nowhere, ["car → driving"]);
        let staged_dir = cut.staged.dir().to_path_buf();
        drop(cut);
        assert!(!staged_dir.exists(), "a refused snapshot is removed");
        assert_eq!(last_good.load().unwrap().unwrap().sections.len(), 2);

        // Accepted on purpose: the shorter guide is the last good one from now on.
        last_good.save(knowledge.path()).unwrap();
        assert_eq!(last_good.load().unwrap().unwrap().sections.len(), 1);
        let names: Vec<_> = std::fs::read_dir(index.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        assert_eq!(names, [LAST_GOOD_DIR]);
    }

    #[test]
    fn rebuilding_the_index_keeps_the_last_good_copy() {
        let (knowledge, index) = (knowledge(GUIDE), tempfile::tempdir().unwrap());
        let last_good = LastGood::in_index(index.path());
        last_good.save(knowledge.path()).unwrap();
        let guide = Guide::load(knowledge.path()).unwrap();
        GuideIndex::build(&guide, index.path(), "one").unwrap();
        GuideIndex::build(&guide, index.path(), "two").unwrap();
        assert_eq!(last_good.load().unwrap().unwrap().sections.len(), 2);
        assert!(last_good.dir().join("topics.toml").is_file());
    }

    #[test]
    fn a_copy_interrupted_while_being_replaced_still_serves_the_one_before() {
        let (knowledge, index) = (knowledge(GUIDE), tempfile::tempdir().unwrap());
        let last_good = LastGood::in_index(index.path());
        last_good.save(knowledge.path()).unwrap();
        std::fs::rename(last_good.dir(), last_good.previous()).unwrap();
        assert!(last_good.exists());
        assert_eq!(last_good.load().unwrap().unwrap().sections.len(), 2);
        assert_eq!(last_good.serving_dir(), last_good.previous());
    }
}
