//! The command line: one module per subcommand, each with a typed `run_…` function.

mod ask;
mod chat;
mod check;
mod eval;
mod index;
mod links;
mod report;
mod serve;

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::Context;
use clap::{Parser, Subcommand};

use crate::answer::Librarian;
use crate::config::Config;
use crate::embed::{Embedder, locate};
use crate::reply::text;

/// guidebot: answers patients' questions by quoting the clinic's own guide.
#[derive(Debug, Parser)]
#[command(name = "guidebot", version, about)]
pub struct Cli {
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
    Chat,
    /// Run the Telegram bot (needs TELOXIDE_TOKEN).
    Serve,
    /// Measure answer quality on a question set.
    Eval(eval::EvalArgs),
    /// Print every topic's deep link (and write QR codes with --qr DIR).
    Links(links::LinksArgs),
    /// Check the guide for problems before it goes live.
    Check,
    /// Show the most frequent unanswered questions and the most 👎 sections.
    Report(report::ReportArgs),
}

/// Parses the command line and runs it.
pub fn run() -> anyhow::Result<ExitCode> {
    let cli = Cli::parse();
    init_logging();
    let config = Config::load_or_default(&cli.config)?;
    match &cli.command {
        Some(Command::Index) => index::run_index(&cli.knowledge, &cli.index, model(&config)),
        Some(Command::Ask(args)) => ask::run_ask(&open(&cli, &config)?, &config, args),
        Some(Command::Chat) => chat::run_chat(&open(&cli, &config)?, &config),
        Some(Command::Serve) => serve::run_serve(|| open(&cli, &config), config.clone(), &cli),
        Some(Command::Eval(args)) => {
            let model = (!args.words).then(|| model(&config)).flatten();
            eval::run_eval(&cli.knowledge, model, args)
        }
        Some(Command::Links(args)) => links::run_links(&open(&cli, &config)?, &config, args),
        Some(Command::Check) => check::run_check(&cli.knowledge),
        Some(Command::Report(args)) => report::run_report(&config, args),
        None if std::env::var_os("TELOXIDE_TOKEN").is_some_and(|t| !t.is_empty()) => {
            serve::run_serve(|| open(&cli, &config), config.clone(), &cli)
        }
        None => {
            eprintln!("{}", text::NO_TOKEN_HINT);
            chat::run_chat(&open(&cli, &config)?, &config)
        }
    }
}

/// Loads the guide, its index and (when it can be had) the embedding model.
fn open(cli: &Cli, config: &Config) -> anyhow::Result<Librarian> {
    let (librarian, _) = Librarian::open(&cli.knowledge, &cli.index, model(config))
        .with_context(|| format!("cannot load the guide from {}", cli.knowledge.display()))?;
    Ok(librarian)
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
