//! Shared set-up for the benchmarks: the question mix, the shipped guide and generated ones.

use std::path::{Path, PathBuf};

use guidebot::answer::Librarian;
use guidebot::knowledge::Guide;
use guidebot::synthetic::Synthetic;
use tempfile::TempDir;

/// Knowledge sizes (passages) the scaling benchmarks measure, besides the shipped guide.
pub const SIZES: &[usize] = &[1_000, 5_000, 10_000, 50_000];

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
