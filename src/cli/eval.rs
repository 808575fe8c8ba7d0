//! `guidebot eval`: pass rates on a question set, beside the plain BM25 baseline.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use crate::answer::Librarian;
use crate::eval::{Report, evaluate, evaluate_baseline, load_cases};

#[derive(Debug, Args)]
pub struct EvalArgs {
    /// A question set: one JSON object per line with `q`, `expect` and (for answers) `any`.
    pub file: PathBuf,
    /// Exit with an error when the overall pass rate is below this (0 to 1).
    #[arg(long)]
    pub min: Option<f64>,
}

pub fn run_eval(librarian: &Librarian, args: &EvalArgs) -> anyhow::Result<ExitCode> {
    let cases = load_cases(&args.file)?;
    let report = evaluate(librarian, &cases);
    let baseline = evaluate_baseline(librarian, &cases);
    println!("{:<12} {:>14} {:>14}", "expect", "guidebot", "plain BM25");
    let base_kinds = baseline.by_kind();
    for (kind, (passed, total)) in report.by_kind() {
        let (base_passed, _) = base_kinds.get(kind).copied().unwrap_or_default();
        println!(
            "{kind:<12} {:>14} {:>14}",
            fraction(passed, total),
            fraction(base_passed, total)
        );
    }
    println!(
        "{:<12} {:>14} {:>14}",
        "overall",
        fraction(report.passed(), cases.len()),
        fraction(baseline.passed(), cases.len())
    );
    print_misses(&report);
    if let Some(min) = args.min
        && report.rate() < min
    {
        eprintln!(
            "pass rate {:.1}% is under the minimum {:.1}%",
            report.rate() * 100.0,
            min * 100.0
        );
        return Ok(ExitCode::FAILURE);
    }
    Ok(ExitCode::SUCCESS)
}

fn fraction(passed: usize, total: usize) -> String {
    let percent = if total == 0 {
        0.0
    } else {
        passed as f64 * 100.0 / total as f64
    };
    format!("{passed}/{total} {percent:5.1}%")
}

fn print_misses(report: &Report) {
    let misses: Vec<_> = report.misses().collect();
    if misses.is_empty() {
        println!("\nno misses");
        return;
    }
    println!("\nmisses:");
    for miss in misses {
        println!(
            "- {:?} expected {}, got {}: {}",
            miss.case.q,
            miss.case.expect,
            miss.kind.as_str(),
            miss.quote.as_deref().unwrap_or("(no quote)")
        );
    }
}
