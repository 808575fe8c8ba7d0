//! The command line: one module per subcommand, each with a typed `run_…` function.

mod ask;
mod chat;
mod check;
mod eval;
mod health;
mod index;
mod init;
mod links;
mod report;
mod serve;

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::Context;
use clap::{Parser, Subcommand};

use crate::answer::{Answer, AnswerKind, Librarian, Start, open_for_serving};
use crate::config::Config;
use crate::embed::{Embedder, locate};
use crate::journal::Journal;
use crate::reply::text;

/// The file `serve` touches while it runs, in the home folder; `guidebot health` reads it.
pub const HEARTBEAT_FILE: &str = "guidebot.heartbeat";

/// guidebot: answers patients' questions by quoting the clinic's own guide.
#[derive(Debug, Parser)]
#[command(name = "guidebot", version, about)]
pub struct Cli {
    /// Folder that every relative path is read from: the knowledge and index folders, the
    /// config file and the paths in it (databases, model). Default: the current folder.
    #[arg(long, global = true, env = "GUIDEBOT_HOME", value_name = "DIR")]
    pub home: Option<PathBuf>,
    /// Folder with the guide (Markdown) and its word lists.
    #[arg(long, global = true, default_value = "knowledge")]
    pub knowledge: PathBuf,
    /// Folder for the search index (generated).
    #[arg(long, global = true, default_value = "index")]
    pub index: PathBuf,
    /// The clinic's settings (optional file).
    #[arg(long, global = true, default_value = "guidebot.toml")]
    pub config: PathBuf,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the search index from the knowledge folder.
    Index,
    /// Answer one question (or, with `-`, one per line of standard input).
    Ask(ask::AskArgs),
    /// Talk to the bot in this terminal, with the same replies as in Telegram.
    Chat(chat::ChatArgs),
    /// Run the Telegram bot (needs TELOXIDE_TOKEN): long polling, or a webhook with
    /// --webhook-url.
    Serve(serve::ServeArgs),
    /// Measure answer quality on a question set.
    Eval(eval::EvalArgs),
    /// List every topic's payload and title, with its deep link when the bot's username is
    /// known (and write QR codes with --qr DIR).
    Links(links::LinksArgs),
    /// Check the guide for problems before it goes live.
    Check,
    /// Show the most frequent unanswered questions and the most 👎 sections.
    Report(report::ReportArgs),
    /// Write a starter kit for a new clinic: a knowledge folder and a guidebot.toml.
    Init(init::InitArgs),
    /// Exit 0 when a running `serve` is alive (for Docker's HEALTHCHECK and monitoring).
    Health(health::HealthArgs),
}

impl Cli {
    /// The folder relative paths are read from (`.` without `--home`).
    pub fn home(&self) -> &Path {
        self.home.as_deref().unwrap_or(Path::new("."))
    }

    /// The same command line with `--knowledge`, `--index` and `--config` anchored at `--home`.
    fn anchored(mut self) -> Self {
        if let Some(home) = &self.home {
            self.knowledge = home.join(&self.knowledge);
            self.index = home.join(&self.index);
            self.config = home.join(&self.config);
        }
        self
    }
}

/// The whole program: runs the command line and turns an error into one line on standard
/// error. A closed standard output (`guidebot links | head -1`) ends it quietly.
pub fn main() -> ExitCode {
    match run() {
        Ok(code) => code,
        Err(err) if is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {}", one_line(&err));
            ExitCode::FAILURE
        }
    }
}

/// Parses the command line and runs it.
pub fn run() -> anyhow::Result<ExitCode> {
    let cli = Cli::parse().anchored();
    init_logging();
    let config = Config::load_or_default(&cli.config)?
        .anchored_at(cli.home())
        .with_environment();
    match &cli.command {
        Some(Command::Index) => index::run_index(&cli.knowledge, &cli.index, model(&config)),
        Some(Command::Ask(args)) => ask::run_ask(&open(&cli, &config)?, &config, args),
        Some(Command::Chat(args)) => chat::run_chat(&open(&cli, &config)?, &config, args),
        Some(Command::Serve(args)) => {
            serve::run_serve(|| open_to_serve(&cli, &config), config.clone(), &cli, args)
        }
        Some(Command::Eval(args)) => {
            let model = (!args.words).then(|| model(&config)).flatten();
            eval::run_eval(&cli.knowledge, model, args)
        }
        Some(Command::Links(args)) => links::run_links(&open(&cli, &config)?, &config, args),
        Some(Command::Check) => check::run_check(&cli.knowledge, &cli.index, &cli.config, &config),
        Some(Command::Report(args)) => report::run_report(&config, args),
        Some(Command::Init(args)) => init::run_init(args, cli.home.as_deref()),
        Some(Command::Health(args)) => health::run_health(&cli.home().join(HEARTBEAT_FILE), args),
        None if std::env::var_os("TELOXIDE_TOKEN").is_some_and(|t| !t.is_empty()) => {
            let args = serve::ServeArgs::default();
            serve::run_serve(|| open_to_serve(&cli, &config), config.clone(), &cli, &args)
        }
        None => {
            eprintln!("{}", text::NO_TOKEN_HINT);
            chat::run_chat(&open(&cli, &config)?, &config, &chat::ChatArgs::default())
        }
    }
}

/// The journal `--record` writes to (with a note on standard error saying where), if asked.
fn journal_for(config: &Config, record: bool) -> anyhow::Result<Option<Journal>> {
    if !record {
        return Ok(None);
    }
    let journal = Journal::open(&config.database, config.retention_days)?;
    eprintln!(
        "{}",
        text::recording_to(&config.database.display().to_string())
    );
    Ok(Some(journal))
}

/// Keeps a question the guide did not cover, as the Telegram bot does.
fn record_unanswered(journal: &Journal, question: &str, answer: &Answer) -> anyhow::Result<()> {
    if answer.kind == AnswerKind::NoAnswer && answer.note.is_none() {
        journal.record_unanswered(question)?;
    }
    Ok(())
}

/// An error and its causes on one line, each said once: a cause whose words the line already
/// holds is left out ("cannot read x: cannot read x: No such file" becomes one clause).
pub fn one_line(err: &anyhow::Error) -> String {
    let mut line = String::new();
    for cause in err.chain() {
        let cause = cause.to_string();
        if line.is_empty() || cause.starts_with(&line) {
            line = cause;
        } else if !line.contains(&cause) {
            line.push_str(": ");
            line.push_str(&cause);
        }
    }
    line
}

/// Whether the error comes from writing to a closed pipe (the reader went away).
fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// Loads the guide, its index and (when it can be had) the embedding model.
fn open(cli: &Cli, config: &Config) -> anyhow::Result<Librarian> {
    let (librarian, _) = Librarian::open(&cli.knowledge, &cli.index, model(config))
        .with_context(|| format!("cannot load the guide from {}", cli.knowledge.display()))?;
    Ok(librarian)
}

/// Loads the guide to serve (the last good copy when the knowledge folder's is refused: see
/// [`open_for_serving`]), its index and the embedding model.
fn open_to_serve(cli: &Cli, config: &Config) -> anyhow::Result<(Librarian, Start)> {
    open_for_serving(&cli.knowledge, &cli.index, model(config))
        .with_context(|| format!("cannot load the guide from {}", cli.knowledge.display()))
}

/// The embedding model: from `GUIDEBOT_MODEL`, `model` in the config, the Hugging Face cache,
/// or downloaded once. Without it, one line says so and how to fix it; answers then use words.
fn model(config: &Config) -> Option<Arc<Embedder>> {
    let loaded = locate(config.model.as_deref(), true).and_then(|dir| Embedder::load(&dir));
    match loaded {
        Ok(embedder) => Some(Arc::new(embedder)),
        Err(err) => {
            eprintln!("{}", text::words_only(&err.to_string()));
            None
        }
    }
}

/// Logs to standard error; `RUST_LOG` overrides the default (warnings, and guidebot's info).
fn init_logging() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn,guidebot=info"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        // Colours only on a terminal, not in log files or the journal.
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .with_target(false)
        .try_init();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_error_line_says_each_cause_once() {
        let io = std::io::Error::new(std::io::ErrorKind::NotFound, "No such file");
        let read = crate::knowledge::KnowledgeError::Read {
            path: PathBuf::from("k/guide.md"),
            source: io,
        };
        let err = anyhow::Error::new(read).context("cannot load the guide from k");
        assert_eq!(
            one_line(&err),
            "cannot load the guide from k: cannot read k/guide.md: No such file"
        );
        let err = anyhow::anyhow!("cannot read x: gone").context("cannot read x");
        assert_eq!(one_line(&err), "cannot read x: gone");
    }
}
