//! `guidebot init DIR`: a starter kit for a new clinic, ready to edit: a knowledge folder
//! (a short example guide, empty word lists, generic red flags for a clinician to review) and
//! a `guidebot.toml` whose placeholders keep `serve` from starting until they are filled in.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use clap::Args;

use crate::knowledge::{RED_FLAGS_FILE, SYNONYMS_FILE, TOPICS_FILE};
use crate::reply::text;

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The folder to set up (created if needed); default: the --home folder.
    pub dir: Option<PathBuf>,
}

/// The starter files, by path inside the folder.
fn starter_files() -> Vec<(PathBuf, String)> {
    let knowledge = Path::new("knowledge");
    vec![
        (
            PathBuf::from("guidebot.toml"),
            include_str!("../../guidebot.sample.toml").to_string(),
        ),
        (
            knowledge.join("guide.md"),
            include_str!("../../starter/guide.md").to_string(),
        ),
        (
            knowledge.join(SYNONYMS_FILE),
            include_str!("../../starter/synonyms.toml").to_string(),
        ),
        (
            knowledge.join(TOPICS_FILE),
            include_str!("../../starter/topics.toml").to_string(),
        ),
        (
            knowledge.join(RED_FLAGS_FILE),
            format!(
                "{}{}",
                include_str!("../../starter/red-flags-header.toml"),
                include_str!("../../knowledge/red-flags.toml")
            ),
        ),
    ]
}

pub fn run_init(args: &InitArgs, home: Option<&Path>) -> anyhow::Result<ExitCode> {
    let dir = args
        .dir
        .as_deref()
        .or(home)
        .context("say which folder to set up: guidebot init DIR")?;
    let files = starter_files();
    let existing: Vec<String> = files
        .iter()
        .map(|(path, _)| dir.join(path))
        .filter(|path| path.exists())
        .map(|path| path.display().to_string())
        .collect();
    if !existing.is_empty() {
        anyhow::bail!(
            "not writing over a clinic's files: {} already there (init sets up a new folder)",
            existing.join(", ")
        );
    }
    std::fs::create_dir_all(dir.join("knowledge"))
        .with_context(|| format!("cannot create {}", dir.join("knowledge").display()))?;
    let mut out = std::io::stdout().lock();
    for (path, contents) in &files {
        let path = dir.join(path);
        std::fs::write(&path, contents)
            .with_context(|| format!("cannot write {}", path.display()))?;
        writeln!(out, "wrote {}", path.display())?;
    }
    writeln!(
        out,
        "\n{}",
        text::init_next_steps(&dir.display().to_string())
    )?;
    Ok(ExitCode::SUCCESS)
}
