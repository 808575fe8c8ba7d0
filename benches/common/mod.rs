//! Shared set-up for the benchmarks: the question mix, the shipped guide and generated ones.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use guidebot::answer::{EMBEDDING_CACHE_FILE, Librarian, Mode};
use guidebot::embed::{Embedder, VectorCache, locate};
use guidebot::knowledge::Guide;
use guidebot::synthetic::Synthetic;
use tempfile::TempDir;

/// Knowledge sizes (passages) the scaling benchmarks measure, besides the shipped guide.
pub const SIZES: &[usize] = &[1_000, 5_000, 10_000, 50_000];

/// Generated sizes (passages) also measured with the embedding model. Embedding a generated
/// guide costs minutes at 5k on one core, so its vectors are kept between runs (see
/// [`semantic_index_dir`]); 10k and 50k are left to words alone.
pub const SEMANTIC_SIZES: &[usize] = &[1_000, 5_000];

/// The embedding model named by `GUIDEBOT_MODEL`, loaded, with the seconds loading took; `None`
/// (after printing why) when the variable is unset or the folder does not load, so that the
/// benchmarks still run, in words alone.
pub fn model() -> Option<(Arc<Embedder>, f64)> {
    if std::env::var_os("GUIDEBOT_MODEL").is_none_or(|dir| dir.is_empty()) {
        println!(
            "note: GUIDEBOT_MODEL is not set: the semantic rows are skipped (words alone). \
             Point it at a sentence-transformers folder (all-MiniLM-L6-v2) to measure them."
        );
        return None;
    }
    let started = Instant::now();
    match locate(None, false).and_then(|dir| Embedder::load(&dir)) {
        Ok(model) => Some((Arc::new(model), started.elapsed().as_secs_f64())),
        Err(err) => {
            println!(
                "note: the embedding model did not load ({err}): the semantic rows are skipped"
            );
            None
        }
    }
}

/// A fixed index folder for a generated guide of `passages` passages in semantic mode, under
/// `target/bench-index/`, so its embedding cache ([`EMBEDDING_CACHE_FILE`]) survives between
/// runs and only the first run pays for embedding the guide. The generated guide is the same
/// every time (fixed seed), so its index stays current too.
pub fn semantic_index_dir(passages: usize) -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("target"));
    target
        .join("bench-index")
        .join(format!("semantic-{}", label(passages)))
}

/// The record of the run that embedded a folder's guide from nothing, kept beside its cache.
const COLD_RECORD: &str = "bench-cold-embedding.txt";

/// How a semantic librarian was opened.
pub struct Opened {
    /// Seconds `Librarian::open` took this time.
    pub seconds: f64,
    /// Whether the embedding cache was missing, so every text was embedded this time.
    pub cold: bool,
    /// Seconds the cold open took (index build and embedding every text): measured now, or
    /// recorded by the run that did it; `None` if neither.
    pub cold_seconds: Option<f64>,
    /// Vectors in the embedding cache (passages, their sentences and section headings).
    pub vectors: usize,
}

/// A semantic librarian for `knowledge`, its index and vectors kept in `index_dir`: embeds the
/// guide (cold) when the folder has no embedding cache yet and records how long that took, else
/// reuses the cached vectors (warm).
pub fn semantic_librarian(
    knowledge: &Path,
    index_dir: &Path,
    model: &Arc<Embedder>,
) -> (Librarian, Opened) {
    let cache = index_dir.join(EMBEDDING_CACHE_FILE);
    let record = index_dir.join(COLD_RECORD);
    let cold = !cache.is_file();
    if cold {
        println!(
            "embedding the guide of {} into {} (once; later runs reuse its vectors)...",
            knowledge.display(),
            index_dir.display()
        );
    }
    let started = Instant::now();
    let (librarian, _) = Librarian::open(knowledge, index_dir, Some(Arc::clone(model)))
        .expect("the knowledge loads, indexes and embeds");
    let seconds = started.elapsed().as_secs_f64();
    assert_eq!(librarian.mode(), Mode::Semantic, "the guide should embed");
    let vectors = VectorCache::open(&cache).len();
    let cold_seconds = if cold {
        let _ = std::fs::write(&record, format!("{seconds:.3} {vectors}\n"));
        Some(seconds)
    } else {
        std::fs::read_to_string(&record)
            .ok()
            .and_then(|s| s.split_whitespace().next()?.parse().ok())
    };
    (
        librarian,
        Opened {
            seconds,
            cold,
            cold_seconds,
            vectors,
        },
    )
}

/// Questions used when `../shared/eval/dev_questions.jsonl` is absent: the same mix of kinds
/// (answers, typos, lay words, questions the guide does not cover, emergencies, small talk).
const BUILT_IN: &[&str] = &[
    "How long will the injection take?",
    "Where is bone marrow taken from?",
    "Is the bone marrow harvest painful?",
    "Which part of the body is the fat taken from?",
    "What imaging guides the injection?",
    "Can I go home on the same day?",
    "How soon will I see results?",
    "What are the risks of stem cell therapy?",
    "Will the doctor look at my MRI?",
    "How are the harvested cells processed?",
    "What activities should I avoid after treatment?",
    "Will I need physical therapy?",
    "Is swelling after the injection normal?",
    "Will I be put to sleep?",
    "recovry after treatmnet",
    "side effects",
    "Can I exercise after the injection?",
    "How much does stem cell therapy cost?",
    "Do you accept insurance?",
    "Where should I park?",
    "I have a high fever and chills after my injection",
    "I am having trouble breathing",
    "hello",
    "thanks",
];

/// The package root (benchmarks run from there, but do not rely on it).
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The shipped `knowledge/` folder.
pub fn shipped_knowledge() -> PathBuf {
    root().join("knowledge")
}

/// The question mix, and where it came from.
pub fn questions() -> (Vec<String>, String) {
    let dev = root().join("../shared/eval/dev_questions.jsonl");
    match guidebot::eval::load_cases(&dev) {
        Ok(cases) if !cases.is_empty() => {
            let from = format!("the {} questions of {}", cases.len(), dev.display());
            (cases.into_iter().map(|c| c.q).collect(), from)
        }
        _ => (
            BUILT_IN.iter().map(|q| q.to_string()).collect(),
            format!("{} built-in questions", BUILT_IN.len()),
        ),
    }
}

/// A knowledge folder of exactly `passages` passages in a temporary directory: the shipped
/// guide and word lists, plus a generated guide for the rest.
pub fn generated_knowledge(passages: usize) -> TempDir {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let shipped = shipped_knowledge();
    for entry in std::fs::read_dir(&shipped).expect("knowledge/ is readable") {
        let path = entry.expect("knowledge/ is readable").path();
        let wanted = path
            .extension()
            .is_some_and(|ext| ext == "md" || ext == "toml");
        if wanted && path.is_file() {
            std::fs::copy(&path, dir.path().join(path.file_name().unwrap()))
                .expect("copying the shipped knowledge");
        }
    }
    let own = Guide::load(&shipped)
        .expect("the shipped guide loads")
        .passages
        .len();
    let markdown = Synthetic::with_passages(passages.saturating_sub(own)).markdown();
    std::fs::write(dir.path().join("synthetic.md"), markdown).expect("writing synthetic.md");
    dir
}

/// A librarian for a knowledge folder, with its index built in a fresh temporary directory
/// (kept alive alongside it).
pub fn librarian(knowledge: &Path) -> (Librarian, TempDir) {
    let index = tempfile::tempdir().expect("a temporary directory");
    let (librarian, _) =
        Librarian::open(knowledge, index.path(), None).expect("the knowledge loads and indexes");
    (librarian, index)
}

/// A readable label for a knowledge size.
pub fn label(passages: usize) -> String {
    if passages >= 1_000 && passages.is_multiple_of(1_000) {
        format!("{}k", passages / 1_000)
    } else {
        passages.to_string()
    }
}
