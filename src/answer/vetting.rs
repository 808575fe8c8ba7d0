//! Which guide answers: the knowledge folder's when it lost nothing and breaks no answer, else
//! the last good copy (at start) or the guide already answering (at `/reload`).

use std::path::Path;
use std::sync::Arc;

use super::Librarian;
use crate::embed::Embedder;
use crate::index::IndexError;
use crate::knowledge::{KnowledgeError, LastGood, Regression, Staged};
use crate::reply::text;

/// What `/reload` made of the knowledge folder.
pub enum Reload {
    /// The new guide answers from now on and is the last good one; `although` lists what it
    /// lost or breaks, accepted because staff forced it (empty otherwise).
    Accepted {
        librarian: Box<Librarian>,
        although: Regression,
    },
    /// Refused: the guide answering keeps answering.
    Refused(Regression),
}

/// Which guide a start serves, and why.
#[derive(Debug)]
pub enum Start {
    /// The knowledge folder's guide, now also the last good one.
    Healthy,
    /// The knowledge folder's guide although it breaks answers: there is no last good copy
    /// (or it cannot be read).
    Despite(Regression),
    /// The last good copy: the knowledge folder's guide cannot be read.
    Unreadable(KnowledgeError),
    /// The last good copy: the knowledge folder's guide lost something or breaks answers.
    Regressed(Regression),
}

impl Start {
    /// Why the last good copy serves instead of the knowledge folder's guide (`None` when the
    /// folder's guide serves).
    pub fn last_good_reason(&self) -> Option<String> {
        match self {
            Start::Unreadable(err) => Some(err.to_string()),
            Start::Regressed(regression) => Some(text::guide_problems_line(regression)),
            Start::Healthy | Start::Despite(_) => None,
        }
    }
}

/// Reads the knowledge folder for `/reload`: refused when, compared with the last good copy
/// (or `serving`, without one), it lost sections, topic names, synonyms or red flags or has
/// answer-breaking problems, unless `force`. An accepted guide becomes the last good copy.
pub fn reload_guide(
    knowledge: &Path,
    index_dir: &Path,
    model: Option<Arc<Embedder>>,
    serving: &crate::knowledge::Guide,
    force: bool,
) -> Result<Reload, IndexError> {
    let last_good = LastGood::in_index(index_dir);
    let vetted = last_good.vet(knowledge, Some(serving))?;
    if !vetted.regression.is_clean() && !force {
        return Ok(Reload::Refused(vetted.regression));
    }
    let (librarian, _) = Librarian::open(vetted.staged.dir(), index_dir, model)?;
    keep_as_last_good(vetted.staged, &last_good);
    Ok(Reload::Accepted {
        librarian: Box::new(librarian),
        although: vetted.regression,
    })
}

/// Opens the guide to serve at start: the knowledge folder's when it is healthy (it then
/// becomes the last good copy), else the last good copy, with one loud warning saying why.
/// Without a (readable) last good copy, a guide that cannot be read is an error, and one that
/// breaks answers is served with a warning (there is nothing better).
pub fn open_for_serving(
    knowledge: &Path,
    index_dir: &Path,
    model: Option<Arc<Embedder>>,
) -> Result<(Librarian, Start), IndexError> {
    let last_good = LastGood::in_index(index_dir);
    let start = match last_good.vet(knowledge, None) {
        Ok(vetted) if vetted.regression.is_clean() || !vetted.against_last_good => {
            let (librarian, _) = Librarian::open(vetted.staged.dir(), index_dir, model)?;
            if vetted.regression.is_clean() {
                keep_as_last_good(vetted.staged, &last_good);
                return Ok((librarian, Start::Healthy));
            }
            let reason = text::guide_problems_line(&vetted.regression);
            tracing::warn!(
                "{}",
                text::serving_despite(&knowledge.display().to_string(), &reason)
            );
            return Ok((librarian, Start::Despite(vetted.regression)));
        }
        Ok(vetted) => Start::Regressed(vetted.regression),
        Err(err) if last_good.exists() => Start::Unreadable(err),
        Err(err) => return Err(err.into()),
    };
    let reason = start.last_good_reason().unwrap_or_default();
    let copy = last_good.serving_dir();
    tracing::warn!(
        "{}",
        text::serving_last_good(
            &knowledge.display().to_string(),
            &copy.display().to_string(),
            &reason
        )
    );
    let (librarian, _) = Librarian::open(&copy, index_dir, model)?;
    Ok((librarian, start))
}

/// Promotes an accepted snapshot; failing to keep it is worth a warning, not a refusal.
fn keep_as_last_good(staged: Staged, last_good: &LastGood) {
    if let Err(err) = staged.promote(last_good) {
        tracing::warn!("the accepted guide could not be kept as the last good copy: {err}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_start_judges_against_the_last_good_copy_and_ignores_one_that_cannot_be_read() {
        let (knowledge, index) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        let guide = "# Care\n\nRest well.\n\n## Driving\n\nDo not drive for a day.\n";
        std::fs::write(knowledge.path().join("guide.md"), guide).unwrap();
        let (_, start) = open_for_serving(knowledge.path(), index.path(), None).unwrap();
        assert!(matches!(start, Start::Healthy), "{start:?}");

        let cut = &guide[..guide.find("## Driving").unwrap()];
        std::fs::write(knowledge.path().join("guide.md"), cut).unwrap();
        let (librarian, start) = open_for_serving(knowledge.path(), index.path(), None).unwrap();
        assert!(
            matches!(&start, Start::Regressed(r) if r.lost_sections == ["Driving"]),
            "{start:?}"
        );
        assert_eq!(librarian.guide().sections.len(), 2);

        // A damaged copy is no yardstick: the folder's guide serves (and becomes the copy).
        let last_good = LastGood::in_index(index.path());
        std::fs::remove_file(last_good.dir().join("guide.md")).unwrap();
        let (librarian, start) = open_for_serving(knowledge.path(), index.path(), None).unwrap();
        assert!(matches!(start, Start::Healthy), "{start:?}");
        assert_eq!(librarian.guide().sections.len(), 1);
        assert_eq!(last_good.load().unwrap().unwrap().sections.len(), 1);
    }
}
