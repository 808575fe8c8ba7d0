//! Semantic answers on a 50,000-passage guide, with stand-in vectors for the guide.
//!
//! Embedding a guide that size takes about 75 minutes on one core, so this benchmark fills the
//! embedding cache with random unit vectors instead (one per passage, sentence and heading,
//! exactly the texts `Semantic::build` embeds). The work per question is the same as with the
//! model's vectors: the question is embedded by the real model, every vector is scanned, the
//! candidates' features computed and the decision taken; only the answers are meaningless.
//! Prints the open time, per-question p50/p99 and the process's resident memory.
//!
//! `GUIDEBOT_MODEL=DIR taskset -c 0 cargo bench --bench semantic_50k [-- PASSAGES SECONDS]`

#[allow(dead_code)]
mod common;

use std::hint::black_box;
use std::sync::Arc;
use std::time::Instant;

use guidebot::answer::{EMBEDDING_CACHE_FILE, Librarian, Mode, embedded_texts};
use guidebot::embed::VectorCache;
use guidebot::knowledge::Guide;

fn main() {
    let mut args = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .map(|a| a.parse::<f64>());
    let passages = args.next().and_then(Result::ok).unwrap_or(50_000.0) as usize;
    let seconds = args.next().and_then(Result::ok).unwrap_or(20.0);
    let Some((model, _)) = common::model() else {
        return;
    };
    let knowledge = common::generated_knowledge(passages);
    let guide = Guide::load(knowledge.path()).expect("the generated guide loads");
    let index = tempfile::tempdir().expect("a temporary directory");

    let texts = embedded_texts(&guide);
    let mut cache = VectorCache::open(&index.path().join(EMBEDDING_CACHE_FILE));
    let mut state = 0x9E37_79B9_7F4A_7C15u64;
    for text in &texts {
        cache.insert(
            model.model_id(),
            text,
            random_unit(model.dimension(), &mut state),
        );
    }
    cache.save().expect("the stand-in vectors are saved");
    drop(cache);
    let vectors = texts.len();
    drop(texts);
    drop(guide);

    let started = Instant::now();
    let (librarian, _) = Librarian::open(knowledge.path(), index.path(), Some(Arc::clone(&model)))
        .expect("the guide opens with its cached vectors");
    let open = started.elapsed().as_secs_f64();
    assert_eq!(librarian.mode(), Mode::Semantic);

    let (questions, _) = common::questions();
    let mut micros = Vec::new();
    let until = Instant::now();
    while until.elapsed().as_secs_f64() < seconds {
        for question in &questions {
            let t = Instant::now();
            black_box(librarian.answer(question));
            micros.push(t.elapsed().as_secs_f64() * 1e6);
        }
    }
    micros.sort_by(f64::total_cmp);
    let pct = |p: f64| micros[((micros.len() - 1) as f64 * p).round() as usize] / 1e3;
    println!(
        "{passages} passages, {vectors} stand-in vectors: opened in {open:.1} s; \
         {} answers: p50 {:.1} ms, p99 {:.1} ms; resident {} (peak {})",
        micros.len(),
        pct(0.5),
        pct(0.99),
        status("VmRSS"),
        status("VmHWM"),
    );
}

/// A random vector of length one (xorshift; the same every run).
fn random_unit(dimension: usize, state: &mut u64) -> Vec<f32> {
    let mut v: Vec<f32> = (0..dimension)
        .map(|_| {
            *state ^= *state << 13;
            *state ^= *state >> 7;
            *state ^= *state << 17;
            (*state >> 40) as f32 / (1u64 << 24) as f32 - 0.5
        })
        .collect();
    let norm = v.iter().map(|x| x * x).sum::<f32>().sqrt();
    v.iter_mut().for_each(|x| *x /= norm);
    v
}

/// A line of /proc/self/status ("VmRSS", "VmHWM"), e.g. "312 MB".
fn status(key: &str) -> String {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with(key))
                .and_then(|l| l.split_whitespace().nth(1)?.parse::<u64>().ok())
        })
        .map_or_else(|| "unknown".to_string(), |kb| format!("{} MB", kb / 1024))
}
