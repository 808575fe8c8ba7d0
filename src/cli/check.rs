//! `guidebot check`: lints the guide (and the placeholders of the config) and exits non-zero
//! when it finds problems: first one line per word list that looks written for another guide,
//! then every problem, sorted by file and line.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;

use crate::config::Config;
use crate::knowledge::{Finding, Guide, LastGood, Regression, check};
use crate::reply::text;

pub fn run_check(
    knowledge: &Path,
    index_dir: &Path,
    config_path: &Path,
    config: &Config,
) -> anyhow::Result<ExitCode> {
    let lint = check(knowledge)
        .with_context(|| format!("cannot load the guide from {}", knowledge.display()))?;
    let mut findings = lint.findings;
    findings.extend(lost_since_last_good(knowledge, index_dir)?);
    findings.extend(placeholders(config_path, config));
    let mut out = std::io::stdout().lock();
    for stale in &lint.stale {
        writeln!(out, "{stale}")?;
    }
    if !lint.stale.is_empty() {
        writeln!(out)?;
    }
    for finding in &findings {
        writeln!(out, "{finding}")?;
    }
    if findings.is_empty() {
        writeln!(out, "{}: no problems found", knowledge.display())?;
        Ok(ExitCode::SUCCESS)
    } else {
        writeln!(out, "{} problem(s) found", findings.len())?;
        Ok(ExitCode::FAILURE)
    }
}

/// What the guide lost compared with the last good copy (which `/reload` would refuse), one
/// finding per kind; the answer-breaking problems are among the lint's own findings already.
fn lost_since_last_good(knowledge: &Path, index_dir: &Path) -> anyhow::Result<Vec<Finding>> {
    let last_good = LastGood::in_index(index_dir);
    let Some(Ok(previous)) = last_good.load() else {
        return Ok(Vec::new());
    };
    let guide = Guide::load(knowledge)?;
    let lost = Regression {
        topics_to_nowhere: Vec::new(),
        empty_sections: Vec::new(),
        ..Regression::between(Some(&previous), &guide)
    };
    let copy = last_good.dir().display().to_string();
    Ok(text::guide_problems(&lost)
        .iter()
        .map(|line| Finding {
            file: knowledge.to_path_buf(),
            line: 0,
            message: text::would_be_refused(&copy, line.trim_start_matches("• ")),
        })
        .collect())
}

/// Settings of the config file still holding a `<…>` placeholder, each with its line.
fn placeholders(path: &Path, config: &Config) -> Vec<Finding> {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    config
        .placeholders()
        .into_iter()
        .map(|(key, value)| Finding {
            file: path.to_path_buf(),
            line: text
                .lines()
                .position(|line| {
                    line.trim_start()
                        .strip_prefix(key)
                        .is_some_and(|rest| rest.trim_start().starts_with('='))
                })
                .map_or(0, |i| i + 1),
            message: format!(
                "{key} is still the placeholder “{value}”: `guidebot serve` will not start until it is filled in"
            ),
        })
        .collect()
}
