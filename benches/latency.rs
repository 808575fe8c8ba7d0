//! Per-question latency percentiles (p50/p90/p99/max) by knowledge size, timed one answer at a
//! time with `Instant`, plus one-shot start-up costs; optionally written as CSV for the chart.
//! Both answering modes: words alone for every size, and semantic (embedding model and words)
//! for the shipped guide and [`common::SEMANTIC_SIZES`] when `GUIDEBOT_MODEL` names the model
//! (skipped with a note otherwise).
//!
//! `cargo bench --bench latency -- [--csv FILE] [--seconds S] [--semantic-seconds S]
//! [--sizes 1000,5000] [--words-only]`

#[allow(dead_code)]
mod common;

use std::hint::black_box;
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use guidebot::answer::{Librarian, Semantic};
use guidebot::config::Config;
use guidebot::embed::Embedder;
use guidebot::index::GuideIndex;
use guidebot::knowledge::{Guide, fingerprint};
use guidebot::reply::render;

struct Options {
    csv: Option<String>,
    seconds: f64,
    semantic_seconds: f64,
    sizes: Vec<usize>,
    words_only: bool,
}

fn options() -> Options {
    let mut options = Options {
        csv: None,
        seconds: 3.0,
        semantic_seconds: 10.0,
        sizes: common::SIZES.to_vec(),
        words_only: false,
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--csv" => options.csv = args.next(),
            "--seconds" => {
                options.seconds = args.next().and_then(|s| s.parse().ok()).unwrap_or(3.0)
            }
            "--semantic-seconds" => {
                options.semantic_seconds = args.next().and_then(|s| s.parse().ok()).unwrap_or(10.0)
            }
            "--words-only" => options.words_only = true,
            "--sizes" => {
                options.sizes = args
                    .next()
                    .unwrap_or_default()
                    .split(',')
                    .filter_map(|s| s.trim().parse().ok())
                    .collect()
            }
            // `cargo bench` passes `--bench`, and a filter if given: nothing to do with them.
            _ => {}
        }
    }
    options
}

/// Sorted durations in microseconds, with percentiles.
struct Timings(Vec<f64>);

impl Timings {
    fn new(mut micros: Vec<f64>) -> Self {
        micros.sort_by(f64::total_cmp);
        Timings(micros)
    }

    fn pct(&self, p: f64) -> f64 {
        let i = ((self.0.len() as f64 - 1.0) * p / 100.0).round() as usize;
        self.0[i]
    }

    fn mean(&self) -> f64 {
        self.0.iter().sum::<f64>() / self.0.len() as f64
    }
}

/// Times `work` on each item in turn, in whole passes over them, for about `seconds` (and at
/// least five passes).
fn time_each<T>(items: &[T], seconds: f64, mut work: impl FnMut(&T)) -> Timings {
    for item in items {
        work(item); // warm-up pass
    }
    let budget = Duration::from_secs_f64(seconds);
    let started = Instant::now();
    let mut micros = Vec::new();
    let mut passes = 0;
    while passes < 5 || started.elapsed() < budget {
        for item in items {
            let t = Instant::now();
            work(black_box(item));
            micros.push(t.elapsed().as_secs_f64() * 1e6);
        }
        passes += 1;
    }
    Timings::new(micros)
}

/// The parts of a semantic answer, timed on their own.
struct SemanticParts {
    /// Embedding one question (the model's forward pass on a few tokens).
    question: Timings,
    /// The nearest-vector scan over every passage and sentence vector, for one question.
    nearest: Timings,
    /// Vectors the guide has (passages, sentences, section headings).
    vectors: usize,
}

/// One size's figures in one mode.
struct Row {
    label: String,
    mode: &'static str,
    passages: usize,
    sections: usize,
    words: usize,
    load_ms: f64,
    /// Words: `GuideIndex::build`. Semantic: `Librarian::open` on an empty folder (index build
    /// and embedding every text), NaN when the vectors were cached before this run and no run
    /// recorded it.
    build_ms: f64,
    /// Words: `Librarian::open` with a current index. Semantic: the same with the vectors
    /// cached (warm).
    open_ms: f64,
    answer: Timings,
    update: Timings,
    slowest: (f64, String),
    semantic: Option<SemanticParts>,
}

impl Row {
    /// The timings in the order of the table and the CSV: answer p50, p90, p99, max, mean (µs);
    /// update p50, p99 (µs); load, index build, open (ms).
    fn figures(&self) -> [f64; 10] {
        [
            self.answer.pct(50.0),
            self.answer.pct(90.0),
            self.answer.pct(99.0),
            self.answer.pct(100.0),
            self.answer.mean(),
            self.update.pct(50.0),
            self.update.pct(99.0),
            self.load_ms,
            self.build_ms,
            self.open_ms,
        ]
    }
}

/// Answer, slowest-question and per-update timings of a librarian.
fn time_answers(
    librarian: &Librarian,
    questions: &[String],
    seconds: f64,
) -> (Timings, (f64, String), Timings) {
    let answer = time_each(questions, seconds, |q| {
        black_box(librarian.answer(q));
    });
    let slowest = questions
        .iter()
        .map(|q| {
            let t = Instant::now();
            for _ in 0..5 {
                black_box(librarian.answer(q));
            }
            (t.elapsed().as_secs_f64() * 1e6 / 5.0, q.clone())
        })
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .unwrap_or_default();
    let config = Config::default();
    let mut last_topic = None;
    let update = time_each(questions, seconds, |q| {
        let answer = librarian.answer_in_context(q, last_topic);
        last_topic = answer.section.as_ref().map(|t| t.id).or(last_topic);
        black_box(render(&answer, &config, librarian.topics()));
    });
    (answer, slowest, update)
}

fn measure(label: String, knowledge: &Path, questions: &[String], seconds: f64) -> Row {
    let t = Instant::now();
    let guide = Guide::load(knowledge).expect("the guide loads");
    let load_ms = t.elapsed().as_secs_f64() * 1e3;
    let index_dir = tempfile::tempdir().expect("a temporary directory");
    let print = fingerprint(knowledge).expect("the knowledge is readable");
    let t = Instant::now();
    drop(GuideIndex::build(&guide, index_dir.path(), &print).expect("the guide indexes"));
    let build_ms = t.elapsed().as_secs_f64() * 1e3;
    let t = Instant::now();
    let (librarian, rebuilt) =
        Librarian::open(knowledge, index_dir.path(), None).expect("it opens");
    let open_ms = t.elapsed().as_secs_f64() * 1e3;
    assert!(rebuilt.is_none(), "the index just built should be current");
    let (answer, slowest, update) = time_answers(&librarian, questions, seconds);
    Row {
        label,
        mode: "words",
        passages: guide.passages.len(),
        sections: guide.sections.len(),
        words: count_words(&guide),
        load_ms,
        build_ms,
        open_ms,
        answer,
        update,
        slowest,
        semantic: None,
    }
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

/// Semantic mode. With `kept` (a generated guide), the index and vectors live in that fixed
/// folder: the first run embeds the guide (cold), later ones reuse the vectors. Without it (the
/// shipped guide), every run opens three fresh folders (cold) and reopens each (warm).
fn measure_semantic(
    label: String,
    knowledge: &Path,
    kept: Option<&Path>,
    model: &Arc<Embedder>,
    questions: &[String],
    seconds: f64,
) -> Row {
    let t = Instant::now();
    let guide = Guide::load(knowledge).expect("the guide loads");
    let load_ms = t.elapsed().as_secs_f64() * 1e3;
    let scratch: Vec<tempfile::TempDir> = if kept.is_some() {
        Vec::new()
    } else {
        (0..3)
            .map(|_| tempfile::tempdir().expect("a temporary directory"))
            .collect()
    };
    let dirs: Vec<&Path> = match kept {
        Some(dir) => vec![dir],
        None => scratch.iter().map(|d| d.path()).collect(),
    };
    let mut cold = Vec::new();
    let mut warm = Vec::new();
    let mut vectors = 0;
    for dir in &dirs {
        let (first, opened) = common::semantic_librarian(knowledge, dir, model);
        drop(first);
        if let Some(seconds) = opened.cold_seconds {
            cold.push(seconds * 1e3);
        }
        let (again, reopened) = common::semantic_librarian(knowledge, dir, model);
        drop(again);
        assert!(!reopened.cold, "the vectors should be cached now");
        warm.push(reopened.seconds * 1e3);
        vectors = reopened.vectors;
        println!(
            "{label} semantic: {} {:.0} ms, warm {:.0} ms ({vectors} vectors)",
            if opened.cold {
                "cold (index + every text embedded)"
            } else {
                "cold, as recorded by the run that embedded it,"
            },
            opened.cold_seconds.unwrap_or(f64::NAN) * 1e3,
            reopened.seconds * 1e3,
        );
    }
    let build_ms = if cold.is_empty() {
        f64::NAN
    } else {
        median(cold)
    };
    let open_ms = median(warm);
    let dir = dirs[0];
    let (librarian, _) = common::semantic_librarian(knowledge, dir, model);
    let (answer, slowest, update) = time_answers(&librarian, questions, seconds);
    drop(librarian);

    // The two parts of the cost that words alone do not have, on their own.
    let semantic =
        Semantic::build(&guide, Arc::clone(model), dir).expect("the cached vectors load");
    let question = time_each(questions, 1.0, |q| {
        black_box(semantic.embed(q));
    });
    let question_vectors: Vec<Vec<f32>> =
        questions.iter().filter_map(|q| semantic.embed(q)).collect();
    let nearest = time_each(&question_vectors, 1.0, |v| {
        black_box(semantic.nearest(v, 10));
    });
    Row {
        label,
        mode: "semantic",
        passages: guide.passages.len(),
        sections: guide.sections.len(),
        words: count_words(&guide),
        load_ms,
        build_ms,
        open_ms,
        answer,
        update,
        slowest,
        semantic: Some(SemanticParts {
            question,
            nearest,
            vectors,
        }),
    }
}

fn count_words(guide: &Guide) -> usize {
    let mut words = std::collections::HashSet::new();
    for passage in &guide.passages {
        for word in passage.text.split(|c: char| !c.is_alphanumeric()) {
            if !word.is_empty() {
                words.insert(word.to_lowercase());
            }
        }
    }
    words.len()
}

fn main() {
    let options = options();
    let (questions, from) = common::questions();
    println!("question mix: {from}");
    let model = if options.words_only {
        println!("--words-only: the semantic rows are skipped");
        None
    } else {
        common::model()
    };
    if let Some((model, seconds)) = &model {
        println!(
            "embedding model {} loaded in {:.0} ms",
            model.dir().display(),
            seconds * 1e3
        );
    }
    let shipped = common::shipped_knowledge();
    let mut rows = vec![measure(
        "shipped".to_string(),
        &shipped,
        &questions,
        options.seconds,
    )];
    if let Some((model, _)) = &model {
        rows.push(measure_semantic(
            "shipped".to_string(),
            &shipped,
            None,
            model,
            &questions,
            options.semantic_seconds,
        ));
    }
    for &passages in &options.sizes {
        let knowledge = common::generated_knowledge(passages);
        rows.push(measure(
            common::label(passages),
            knowledge.path(),
            &questions,
            options.seconds,
        ));
        if let Some((model, _)) = &model
            && common::SEMANTIC_SIZES.contains(&passages)
        {
            rows.push(measure_semantic(
                common::label(passages),
                knowledge.path(),
                Some(&common::semantic_index_dir(passages)),
                model,
                &questions,
                options.semantic_seconds,
            ));
        }
    }
    println!(
        "{:>8} {:>8} {:>8} {:>7} {:>7} | {:>8} {:>8} {:>8} {:>8} {:>8} | {:>8} {:>8} | {:>8} {:>9} {:>8}",
        "size",
        "mode",
        "passages",
        "sections",
        "words",
        "p50 µs",
        "p90 µs",
        "p99 µs",
        "max µs",
        "mean µs",
        "upd p50",
        "upd p99",
        "load ms",
        "index ms",
        "open ms"
    );
    for r in &rows {
        let t = r.figures();
        println!(
            "{:>8} {:>8} {:>8} {:>7} {:>7} | {:>8.1} {:>8.1} {:>8.1} {:>8.1} {:>8.1} | {:>8.1} {:>8.1} | {:>8.1} {:>9.1} {:>8.1}",
            r.label,
            r.mode,
            r.passages,
            r.sections,
            r.words,
            t[0],
            t[1],
            t[2],
            t[3],
            t[4],
            t[5],
            t[6],
            t[7],
            t[8],
            t[9]
        );
    }
    if rows.iter().any(|r| r.semantic.is_some()) {
        println!(
            "semantic mode, index ms = cold (index build + every text embedded), open ms = warm"
        );
    }
    for r in &rows {
        if let Some(s) = &r.semantic {
            println!(
                "{:>8} semantic: {} vectors; question embedding p50 {:.0} µs p99 {:.0} µs; \
                 nearest-vector scan p50 {:.0} µs p99 {:.0} µs",
                r.label,
                s.vectors,
                s.question.pct(50.0),
                s.question.pct(99.0),
                s.nearest.pct(50.0),
                s.nearest.pct(99.0),
            );
        }
    }
    for r in &rows {
        println!(
            "{:>8} {:>8}: slowest question {:.1} µs: {:?} ({} samples)",
            r.label,
            r.mode,
            r.slowest.0,
            r.slowest.1,
            r.answer.0.len()
        );
    }
    if let Some(path) = options.csv {
        let mut csv = String::from(
            "size,mode,passages,sections,words,p50_us,p90_us,p99_us,max_us,mean_us,update_p50_us,update_p99_us,load_ms,index_ms,open_ms,question_embed_p50_us,nearest_p50_us,vectors\n",
        );
        for r in &rows {
            let figures: Vec<String> = r.figures().iter().map(|f| format!("{f:.2}")).collect();
            let semantic = match &r.semantic {
                Some(s) => format!(
                    "{:.2},{:.2},{}",
                    s.question.pct(50.0),
                    s.nearest.pct(50.0),
                    s.vectors
                ),
                None => ",,".to_string(),
            };
            csv.push_str(&format!(
                "{},{},{},{},{},{},{}\n",
                r.label,
                r.mode,
                r.passages,
                r.sections,
                r.words,
                figures.join(","),
                semantic
            ));
        }
        std::fs::write(&path, csv).expect("writing the CSV");
        println!("wrote {path}");
    }
}
