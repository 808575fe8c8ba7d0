//! Per-question latency percentiles (p50/p90/p99/max) by knowledge size, timed one answer at a
//! time with `Instant`, plus one-shot start-up costs; optionally written as CSV for the chart.
//!
//! `cargo bench --bench latency -- [--csv FILE] [--seconds S] [--sizes 1000,5000]`

#[allow(dead_code)]
mod common;

use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

use guidebot::answer::Librarian;
use guidebot::config::Config;
use guidebot::index::GuideIndex;
use guidebot::knowledge::{Guide, fingerprint};
use guidebot::reply::render;

struct Options {
    csv: Option<String>,
    seconds: f64,
    sizes: Vec<usize>,
}

fn options() -> Options {
    let mut options = Options {
        csv: None,
        seconds: 3.0,
        sizes: common::SIZES.to_vec(),
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--csv" => options.csv = args.next(),
            "--seconds" => {
                options.seconds = args.next().and_then(|s| s.parse().ok()).unwrap_or(3.0)
            }
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

/// Times `work` on each question in turn, in whole passes over the mix, for about `seconds`.
fn time_each(questions: &[String], seconds: f64, mut work: impl FnMut(&str)) -> Timings {
    for q in questions {
        work(q); // warm-up pass
    }
    let budget = Duration::from_secs_f64(seconds);
    let started = Instant::now();
    let mut micros = Vec::new();
    let mut passes = 0;
    while passes < 5 || started.elapsed() < budget {
        for q in questions {
            let t = Instant::now();
            work(black_box(q));
            micros.push(t.elapsed().as_secs_f64() * 1e6);
        }
        passes += 1;
    }
    Timings::new(micros)
}

/// One size's figures.
struct Row {
    label: String,
    passages: usize,
    sections: usize,
    words: usize,
    load_ms: f64,
    build_ms: f64,
    open_ms: f64,
    answer: Timings,
    update: Timings,
    slowest: (f64, String),
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
    Row {
        label,
        passages: guide.passages.len(),
        sections: guide.sections.len(),
        words: count_words(&guide),
        load_ms,
        build_ms,
        open_ms,
        answer,
        update,
        slowest,
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
    let mut rows = vec![measure(
        "shipped".to_string(),
        &common::shipped_knowledge(),
        &questions,
        options.seconds,
    )];
    for &passages in &options.sizes {
        let knowledge = common::generated_knowledge(passages);
        rows.push(measure(
            common::label(passages),
            knowledge.path(),
            &questions,
            options.seconds,
        ));
    }
    println!(
        "{:>8} {:>8} {:>7} {:>7} | {:>8} {:>8} {:>8} {:>8} {:>8} | {:>8} {:>8} | {:>8} {:>9} {:>8}",
        "size",
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
            "{:>8} {:>8} {:>7} {:>7} | {:>8.1} {:>8.1} {:>8.1} {:>8.1} {:>8.1} | {:>8.1} {:>8.1} | {:>8.1} {:>9.1} {:>8.1}",
            r.label,
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
    for r in &rows {
        println!(
            "{:>8}: slowest question {:.1} µs: {:?} ({} samples)",
            r.label,
            r.slowest.0,
            r.slowest.1,
            r.answer.0.len()
        );
    }
    if let Some(path) = options.csv {
        let mut csv = String::from(
            "size,passages,sections,words,p50_us,p90_us,p99_us,max_us,mean_us,update_p50_us,update_p99_us,load_ms,index_ms,open_ms\n",
        );
        for r in &rows {
            let figures: Vec<String> = r.figures().iter().map(|f| format!("{f:.2}")).collect();
            csv.push_str(&format!(
                "{},{},{},{},{}\n",
                r.label,
                r.passages,
                r.sections,
                r.words,
                figures.join(",")
            ));
        }
        std::fs::write(&path, csv).expect("writing the CSV");
        println!("wrote {path}");
    }
}
