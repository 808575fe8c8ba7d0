//! `guidebot ask`: answers one question, or one per line of standard input, as text or JSON.

use std::io::{BufRead, Write};
use std::process::ExitCode;

use clap::Args;
use serde::Serialize;

use crate::answer::{Answer, Explanation, Librarian, Topic};
use crate::config::Config;
use crate::reply::render;

#[derive(Debug, Args)]
pub struct AskArgs {
    /// Write one JSON object per answer (the stable contract for other tools).
    #[arg(long)]
    pub json: bool,
    /// Also show why the bot chose its answer (candidates, scores, matched words).
    #[arg(long)]
    pub explain: bool,
    /// Keep questions the guide did not cover in the database, as the Telegram bot does.
    #[arg(long)]
    pub record: bool,
    /// The question; `-` reads one question per line from standard input.
    #[arg(required = true)]
    pub question: Vec<String>,
}

/// One answer as written by `ask --json`.
#[derive(Debug, Serialize)]
pub struct AskRecord<'a> {
    pub question: &'a str,
    pub kind: &'static str,
    pub section: Option<&'a str>,
    pub quote: Option<&'a str>,
    pub score: f32,
    /// The whole reply as the patient reads it.
    pub text: &'a str,
    pub suggestions: Vec<&'a str>,
    pub red_flag: Option<&'a str>,
    /// `semantic` (embedding model and words) or `words` (words alone).
    pub mode: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub why: Option<&'a Explanation>,
}

pub fn run_ask(librarian: &Librarian, config: &Config, args: &AskArgs) -> anyhow::Result<ExitCode> {
    let journal = super::journal_for(config, args.record)?;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let ask = |out: &mut std::io::StdoutLock, question: &str| -> anyhow::Result<()> {
        let answer = librarian.answer(question);
        if let Some(journal) = &journal {
            super::record_unanswered(journal, question, &answer)?;
        }
        write_answer(out, librarian, config, args, question, &answer)
    };
    if args.question.len() == 1 && args.question[0] == "-" {
        for line in std::io::stdin().lock().lines() {
            ask(&mut out, &line?)?;
            out.flush()?;
        }
    } else {
        ask(&mut out, &args.question.join(" "))?;
    }
    Ok(ExitCode::SUCCESS)
}

fn write_answer(
    out: &mut impl Write,
    librarian: &Librarian,
    config: &Config,
    args: &AskArgs,
    question: &str,
    answer: &Answer,
) -> anyhow::Result<()> {
    let reply = render(answer, config, &[]);
    if args.json {
        let record = record(
            question,
            answer,
            &reply.plain,
            librarian.mode().as_str(),
            args.explain,
        );
        writeln!(out, "{}", serde_json::to_string(&record)?)?;
    } else {
        writeln!(out, "{}", reply.plain)?;
        if args.explain {
            writeln!(out, "\n{}", serde_json::to_string_pretty(&answer.why)?)?;
        }
    }
    Ok(())
}

/// The JSON record for one answered question.
pub fn record<'a>(
    question: &'a str,
    answer: &'a Answer,
    text: &'a str,
    mode: &'static str,
    explain: bool,
) -> AskRecord<'a> {
    AskRecord {
        question,
        kind: answer.kind.as_str(),
        section: answer.section.as_ref().map(|t: &Topic| t.title.as_str()),
        quote: answer.quote.as_deref(),
        score: answer.score,
        text,
        suggestions: answer
            .suggestions
            .iter()
            .map(|t| t.title.as_str())
            .collect(),
        red_flag: answer.red_flag.as_deref(),
        mode,
        why: explain.then_some(&answer.why),
    }
}
