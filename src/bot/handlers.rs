//! Handlers: thin glue from an update to the librarian and back to Telegram.

use std::sync::Arc;

use teloxide::RequestError;
use teloxide::prelude::*;
use teloxide::types::Me;

use super::addressing::without_mention;
use super::commands::Command;
use super::flood::Verdict;
use super::memory::{recall, remember};
use super::privacy::chat_tag;
use super::send::{send_reply, with_retries};
use super::{Shared, Telegram};
use crate::answer::AnswerKind;
use crate::reply::{
    Action, plain_message, render, render_explanation, render_topic, render_topics, text, welcome,
};

type HandlerResult = Result<(), RequestError>;

pub async fn command(
    bot: Telegram,
    msg: Message,
    cmd: Command,
    shared: Arc<Shared>,
) -> HandlerResult {
    let chat = msg.chat.id;
    let is_staff = msg
        .from
        .as_ref()
        .is_some_and(|user| shared.config.is_staff(user.id.0));
    tracing::info!(chat = %chat_tag(&shared, chat), staff = is_staff, "command");
    if cmd.is_staff_only() && !is_staff {
        return send_reply(&bot, chat, &plain_message(text::STAFF_ONLY)).await;
    }
    let librarian = shared.librarian();
    let reply = match cmd {
        Command::Start(payload) => match librarian.section_by_slug(payload.trim()) {
            Some(id) if !payload.trim().is_empty() => {
                remember(&shared.memory, chat, &librarian.topic(id).slug).await;
                render_topic(
                    &librarian.topic(id),
                    &librarian.section_passages(id),
                    &librarian.related(id),
                )
            }
            _ => welcome(&shared.config, librarian.topics()),
        },
        Command::Help => plain_message(&text::help(&shared.config.emergency_number)),
        Command::Topics => render_topics(librarian.topics()),
        Command::Why(question) if question.trim().is_empty() => plain_message(text::WHY_USAGE),
        Command::Why(question) => render_explanation(&question, &librarian.answer(&question)),
        Command::Reload => {
            let outcome = shared.reload().await;
            plain_message(&outcome)
        }
        Command::Stats => plain_message(&shared.stats.report()),
    };
    send_reply(&bot, chat, &reply).await
}

pub async fn question(bot: Telegram, msg: Message, me: Me, shared: Arc<Shared>) -> HandlerResult {
    let chat = msg.chat.id;
    match shared.flood.check(chat, std::time::Instant::now()) {
        Verdict::Answer => {}
        Verdict::SlowDown => {
            tracing::info!(chat = %chat_tag(&shared, chat), "flooding: asked to slow down");
            shared.stats.dropped();
            return send_reply(&bot, chat, &plain_message(text::SLOW_DOWN)).await;
        }
        Verdict::Drop => {
            shared.stats.dropped();
            return Ok(());
        }
    }
    let text = without_mention(msg.text().unwrap_or_default(), me.username());
    let librarian = shared.librarian();
    let memory = recall(&shared.memory, chat).await;
    let last_topic = memory
        .last_topic
        .as_deref()
        .and_then(|slug| librarian.section_by_slug(slug));
    // Answering runs the embedding model: off the async workers, so polling, signals and other
    // chats keep going meanwhile.
    let question = text.clone();
    let answered =
        tokio::task::spawn_blocking(move || librarian.answer_in_context(&question, last_topic))
            .await;
    let answer = match answered {
        Ok(answer) => answer,
        Err(err) => {
            // Only a stopping runtime cancels it (answering never panics on any text).
            tracing::warn!("a question could not be answered: {err}");
            return Ok(());
        }
    };
    let librarian = shared.librarian();
    tracing::info!(
        chat = %chat_tag(&shared, chat),
        kind = answer.kind.as_str(),
        score = answer.score,
        "answered"
    );
    shared.stats.answered(answer.kind);
    if let Some(section) = &answer.section {
        remember(&shared.memory, chat, &section.slug).await;
    }
    if answer.kind == AnswerKind::NoAnswer
        && answer.note.is_none()
        && let Some(journal) = &shared.journal
        && let Err(err) = journal.record_unanswered(&text)
    {
        tracing::warn!("{err}");
    }
    let reply = render(&answer, &shared.config, librarian.topics());
    send_reply(&bot, chat, &reply).await
}

pub async fn not_text(bot: Telegram, msg: Message) -> HandlerResult {
    send_reply(&bot, msg.chat.id, &plain_message(text::TEXT_ONLY)).await
}

pub async fn button(bot: Telegram, query: CallbackQuery, shared: Arc<Shared>) -> HandlerResult {
    let action = query.data.as_deref().and_then(Action::decode);
    // Feedback is recorded before the press is acknowledged, so an acknowledged 👎 is kept.
    if let Some(Action::Feedback { helpful, slug }) = &action {
        shared.stats.feedback(*helpful);
        if let Some(journal) = &shared.journal
            && let Err(err) = journal.record_feedback(slug, *helpful)
        {
            tracing::warn!("{err}");
        }
    }
    let notice =
        matches!(action, Some(Action::Feedback { .. })).then_some(text::THANKS_FOR_FEEDBACK);
    with_retries(|| {
        let answer = bot.answer_callback_query(query.id.clone());
        match notice {
            Some(notice) => answer.text(notice),
            None => answer,
        }
    })
    .await?;
    let Some(chat) = query.message.as_ref().map(|m| m.chat().id) else {
        return Ok(());
    };
    let librarian = shared.librarian();
    match action {
        Some(Action::Feedback { .. }) => Ok(()),
        Some(Action::Topic(slug)) if let Some(id) = librarian.section_by_slug(&slug) => {
            remember(&shared.memory, chat, &slug).await;
            let reply = render_topic(
                &librarian.topic(id),
                &librarian.section_passages(id),
                &librarian.related(id),
            );
            send_reply(&bot, chat, &reply).await
        }
        // A button from an older guide, or unknown data: offer the current topics.
        _ => send_reply(&bot, chat, &render_topics(librarian.topics())).await,
    }
}
