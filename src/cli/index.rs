//! `guidebot index`: builds the search index and says what it indexed.

use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context;

use crate::index::GuideIndex;
use crate::knowledge::{Guide, fingerprint};

pub fn run_index(knowledge: &Path, index_dir: &Path) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    let guide = Guide::load(knowledge)
        .with_context(|| format!("cannot load the guide from {}", knowledge.display()))?;
    let fingerprint = fingerprint(knowledge)?;
    GuideIndex::build(&guide, index_dir, &fingerprint)
        .with_context(|| format!("cannot build the index in {}", index_dir.display()))?;
    println!(
        "indexed {} file(s), {} sections, {} passages, {} synonyms, {} red flags into {} in {:.1} ms",
        guide.files,
        guide.sections.len(),
        guide.passages.len(),
        guide.lexicon.synonyms.len(),
        guide.lexicon.red_flags.len(),
        index_dir.display(),
        started.elapsed().as_secs_f64() * 1000.0
    );
    Ok(ExitCode::SUCCESS)
}
