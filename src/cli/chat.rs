//! `guidebot chat`: the bot's replies in a terminal, for staff trying it without Telegram.

use std::io::{BufRead, Write};
use std::process::ExitCode;

use clap::Args;

use crate::answer::Librarian;
use crate::config::Config;
use crate::journal::Journal;
use crate::reply::{
    Action, Reply, plain_message, render, render_topic, render_topics, text, welcome,
};

#[derive(Debug, Default, Args)]
pub struct ChatArgs {
    /// Keep unanswered questions and 👍 / 👎 in the database, as the Telegram bot does, so
    /// that `guidebot report` can be tried locally.
    #[arg(long)]
    pub record: bool,
}

/// What a line typed in the chat asks for.
enum Input<'a> {
    Quit,
    Welcome,
    Topics,
    Button(usize),
    Question(&'a str),
}

fn parse(line: &str) -> Input<'_> {
    let line = line.trim();
    match line {
        "/quit" | "/exit" | "/q" => Input::Quit,
        "/start" | "/help" => Input::Welcome,
        "/topics" => Input::Topics,
        _ => match line.parse::<usize>() {
            Ok(n) if n > 0 => Input::Button(n),
            _ => Input::Question(line),
        },
    }
}

pub fn run_chat(
    librarian: &Librarian,
    config: &Config,
    args: &ChatArgs,
) -> anyhow::Result<ExitCode> {
    let journal = super::journal_for(config, args.record)?;
    let stdin = std::io::stdin();
    let mut out = std::io::stdout().lock();
    let topics = librarian.topics();
    let mut last = welcome(config, topics);
    let mut last_topic = None;
    print_reply(&mut out, &last)?;
    writeln!(
        out,
        "(Type a question, a button's number, /topics, or /quit.)"
    )?;
    for line in stdin.lock().lines() {
        let line = line?;
        let reply = match parse(&line) {
            Input::Quit => break,
            Input::Welcome => welcome(config, topics),
            Input::Topics => render_topics(topics),
            Input::Button(n) => match last.buttons.iter().flatten().nth(n - 1) {
                Some(button) => open_button(librarian, &button.data, journal.as_ref())?,
                None => render(&librarian.answer(&line), config, topics),
            },
            Input::Question(question) => {
                let answer = librarian.answer_in_context(question, last_topic);
                if let Some(section) = &answer.section {
                    last_topic = Some(section.id);
                }
                if let Some(journal) = &journal {
                    super::record_unanswered(journal, question, &answer)?;
                }
                render(&answer, config, topics)
            }
        };
        print_reply(&mut out, &reply)?;
        last = reply;
    }
    Ok(ExitCode::SUCCESS)
}

/// The reply to a pressed button, as the bot would send it (a 👍 / 👎 kept in the journal).
fn open_button(
    librarian: &Librarian,
    data: &str,
    journal: Option<&Journal>,
) -> anyhow::Result<Reply> {
    Ok(match Action::decode(data) {
        Some(Action::Topic(slug)) if let Some(id) = librarian.section_by_slug(&slug) => {
            let passages = librarian.section_passages(id);
            render_topic(&librarian.topic(id), &passages, &librarian.related(id))
        }
        Some(Action::Feedback { helpful, slug }) => {
            if let Some(journal) = journal {
                journal.record_feedback(&slug, helpful)?;
            }
            plain_message(text::THANKS_FOR_FEEDBACK)
        }
        _ => render_topics(librarian.topics()),
    })
}

fn print_reply(out: &mut impl Write, reply: &Reply) -> std::io::Result<()> {
    writeln!(out, "\n{}", reply.plain)?;
    for (n, button) in reply.buttons.iter().flatten().enumerate() {
        writeln!(out, "  [{}] {}", n + 1, button.label)?;
    }
    write!(out, "\n> ")?;
    out.flush()
}
