//! `guidebot index`: builds the search index and the guide's vectors, says what it indexed,
//! and keeps the guide as the last good one (accepting on purpose whatever it lost).

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Instant;

use anyhow::Context;

use crate::answer::Librarian;
use crate::embed::Embedder;
use crate::index::GuideIndex;
use crate::knowledge::{LastGood, fingerprint};
use crate::reply::text;

pub fn run_index(
    knowledge: &Path,
    index_dir: &Path,
    model: Option<Arc<Embedder>>,
) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    let last_good = LastGood::in_index(index_dir);
    let vetted = last_good
        .vet(knowledge, None)
        .with_context(|| format!("cannot load the guide from {}", knowledge.display()))?;
    let (guide, snapshot) = (&vetted.guide, vetted.staged.dir());
    let fingerprint = fingerprint(snapshot)?;
    GuideIndex::build(guide, index_dir, &fingerprint)
        .with_context(|| format!("cannot build the index in {}", index_dir.display()))?;
    let words_done = started.elapsed();
    let mut out = std::io::stdout().lock();
    // Opening with the model embeds every passage, sentence and heading not yet cached.
    let (librarian, _) = Librarian::open(snapshot, index_dir, model)
        .with_context(|| format!("cannot open the index in {}", index_dir.display()))?;
    writeln!(
        out,
        "indexed {} file(s), {} sections, {} passages, {} synonyms, {} red flags into {} in {:.1} ms (words {:.1} ms; mode: {})",
        guide.files,
        guide.sections.len(),
        guide.passages.len(),
        guide.lexicon.synonyms.len(),
        guide.lexicon.red_flags.len(),
        index_dir.display(),
        started.elapsed().as_secs_f64() * 1000.0,
        words_done.as_secs_f64() * 1000.0,
        librarian.mode().as_str(),
    )?;
    if !vetted.regression.is_clean() {
        let reason = text::guide_problems_line(&vetted.regression);
        writeln!(out, "{}", text::accepted_although(&reason))?;
    }
    vetted
        .staged
        .promote(&last_good)
        .context("cannot keep the guide as the last good one")?;
    Ok(ExitCode::SUCCESS)
}
