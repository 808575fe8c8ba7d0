//! `guidebot eval`: pass rates on question sets (a file, or a folder of sets and guides),
//! beside the plain BM25 baseline, with calibration and emergency rates.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::Context;
use clap::Args;

use crate::answer::{Adapter, Decision, Librarian};
use crate::embed::Embedder;
use crate::eval::{Report, Suite, evaluate, evaluate_baseline, feature_rows, suites};
use crate::knowledge::RED_FLAGS_FILE;

/// Answers given with at least this score should be right at least 95% of the time.
const CONFIDENT: f32 = 0.8;

#[derive(Debug, Args)]
pub struct EvalArgs {
    /// Question sets: a JSONL file (`q`, `expect`, `any`), or a folder of them, where each
    /// sub-folder with `guide.md` and `questions.jsonl` is asked of its own guide.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Exit with an error when the overall pass rate is below this (0 to 1).
    #[arg(long)]
    pub min: Option<f64>,
    /// Use these decision weights instead of the shipped ones (from scripts/fit_decision.py).
    #[arg(long)]
    pub decision: Option<PathBuf>,
    /// Use this question adapter instead of the shipped one (from scripts/fit_adapter.py), or
    /// `none` for no adapter.
    #[arg(long)]
    pub adapter: Option<PathBuf>,
    /// Write every candidate's features, labelled, as JSON lines to this file (for fitting).
    #[arg(long)]
    pub features: Option<PathBuf>,
    /// List every miss.
    #[arg(long)]
    pub misses: bool,
    /// Answer by words alone, without the embedding model.
    #[arg(long)]
    pub words: bool,
}

pub fn run_eval(
    knowledge: &Path,
    model: Option<Arc<Embedder>>,
    args: &EvalArgs,
) -> anyhow::Result<ExitCode> {
    let decision = match &args.decision {
        Some(path) => Decision::load(path)?,
        None => Decision::default(),
    };
    let adapter = match &args.adapter {
        Some(path) if path.as_os_str() == "none" => Some(None),
        Some(path) => Some(Some(Adapter::load(path)?)),
        None => None,
    };
    let model = if args.words { None } else { model };
    let mut sets = Vec::new();
    for path in &args.paths {
        // The error names the file and the problem already.
        sets.extend(suites(path)?);
    }
    let scratch = std::env::temp_dir().join(format!("guidebot-eval-{}", std::process::id()));
    let result = evaluate_all(knowledge, model, &decision, adapter, &sets, &scratch, args);
    let _ = std::fs::remove_dir_all(&scratch);
    result
}

fn evaluate_all(
    knowledge: &Path,
    model: Option<Arc<Embedder>>,
    decision: &Decision,
    adapter: Option<Option<Adapter>>,
    sets: &[Suite],
    scratch: &Path,
    args: &EvalArgs,
) -> anyhow::Result<ExitCode> {
    let mut features = match &args.features {
        Some(path) => Some(std::io::BufWriter::new(
            std::fs::File::create(path)
                .with_context(|| format!("cannot write {}", path.display()))?,
        )),
        None => None,
    };
    let (mut total, mut total_baseline) = (Report::default(), Report::default());
    let mut mode = "words";
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "{:<22} {:>16} {:>16} {:>10} {:>10}",
        "set", "guidebot", "plain BM25", "answers", "declines"
    )?;
    for (number, set) in sets.iter().enumerate() {
        let (knowledge, index) = prepare(knowledge, set, number, scratch)?;
        let (librarian, _) = Librarian::open(&knowledge, &index, model.clone())
            .with_context(|| format!("cannot load the guide for {}", set.name))?;
        let librarian = librarian.with_decision(decision.clone());
        let librarian = match &adapter {
            Some(adapter) => librarian.with_adapter(adapter.clone()),
            None => librarian,
        };
        mode = librarian.mode().as_str();
        let report = evaluate(&librarian, &set.cases);
        let baseline = evaluate_baseline(&librarian, &set.cases);
        let kinds = report.by_kind();
        let kind = |k: &str| {
            kinds
                .get(k)
                .map_or("-".to_string(), |&(p, t)| fraction(p, t))
        };
        writeln!(
            out,
            "{:<22} {:>16} {:>16} {:>10} {:>10}",
            set.name,
            fraction(report.passed(), set.cases.len()),
            fraction(baseline.passed(), set.cases.len()),
            kind("answer"),
            kind("no_answer"),
        )?;
        if args.misses {
            write_misses(&mut out, &report)?;
        }
        if let Some(features) = &mut features {
            for row in feature_rows(&librarian, set) {
                serde_json::to_writer(&mut *features, &row)?;
                features.write_all(b"\n")?;
            }
        }
        total.extend(&report);
        total_baseline.extend(&baseline);
    }
    writeln!(
        out,
        "{:<22} {:>16} {:>16}",
        "total",
        fraction(total.passed(), total.outcomes.len()),
        fraction(total_baseline.passed(), total_baseline.outcomes.len())
    )?;
    writeln!(out, "\nmode: {mode}")?;
    for (kind, (passed, all)) in total.by_kind() {
        writeln!(out, "{kind:<14} {}", fraction(passed, all))?;
    }
    let (right, given) = total.confident_answers(CONFIDENT);
    writeln!(
        out,
        "answers with score ≥ {CONFIDENT}: {} right",
        fraction(right, given)
    )?;
    let (offered, declined) = total.right_section_offered();
    writeln!(
        out,
        "answerable questions declined: {declined}; the right section offered as a button: {}",
        fraction(offered, declined)
    )?;
    let (caught, emergencies) = total.emergencies_caught();
    let (alarms, others) = total.false_alarms();
    writeln!(
        out,
        "emergencies caught: {}; false alarms: {}",
        fraction(caught, emergencies),
        fraction(alarms, others)
    )?;
    if let Some(min) = args.min
        && total.rate() < min
    {
        eprintln!(
            "pass rate {:.1}% is under the minimum {:.1}%",
            total.rate() * 100.0,
            min * 100.0
        );
        return Ok(ExitCode::FAILURE);
    }
    Ok(ExitCode::SUCCESS)
}

/// The knowledge and index folders a set is asked of: the knowledge in use (with one scratch
/// index that every such set shares, so the guide is embedded once), or a scratch folder
/// holding the set's own guide with the shipped red flags (and no other word list).
fn prepare(
    knowledge: &Path,
    set: &Suite,
    number: usize,
    scratch: &Path,
) -> anyhow::Result<(PathBuf, PathBuf)> {
    let Some(guide) = &set.guide else {
        return Ok((
            knowledge.to_path_buf(),
            scratch.join("in-use").join("index"),
        ));
    };
    // Numbered: two guide folders of the same name must not share an index.
    let folder = scratch.join(format!("{number}-{}", set.name));
    let index = folder.join("index");
    let own = folder.join("knowledge");
    std::fs::create_dir_all(&own).with_context(|| format!("cannot create {}", own.display()))?;
    std::fs::copy(guide, own.join("guide.md"))
        .with_context(|| format!("cannot copy {}", guide.display()))?;
    let flags = knowledge.join(RED_FLAGS_FILE);
    if flags.is_file() {
        std::fs::copy(&flags, own.join(RED_FLAGS_FILE))
            .with_context(|| format!("cannot copy {}", flags.display()))?;
    }
    Ok((own, index))
}

fn fraction(passed: usize, total: usize) -> String {
    let percent = if total == 0 {
        0.0
    } else {
        passed as f64 * 100.0 / total as f64
    };
    format!("{passed}/{total} {percent:5.1}%")
}

fn write_misses(out: &mut impl Write, report: &Report) -> std::io::Result<()> {
    for miss in report.misses() {
        writeln!(
            out,
            "    - {:?} expected {}, got {} ({:.2}): {}",
            miss.case.q,
            miss.case.expect,
            miss.kind.as_str(),
            miss.score,
            miss.quote
                .as_deref()
                .unwrap_or("(no quote)")
                .replace('\n', " / ")
        )?;
    }
    Ok(())
}
