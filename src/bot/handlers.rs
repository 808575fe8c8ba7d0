//! Handlers: thin glue from an update to the librarian and back to Telegram.

use std::sync::Arc;

use teloxide::RequestError;
use teloxide::prelude::*;

use super::commands::Command;
use super::flood::Verdict;
use super::privacy::chat_tag;
use super::send::send_reply;
use super::{Shared, Telegram};
use crate::reply::{plain_message, render, render_topic, render_topics, text, welcome};

type HandlerResult = Result<(), RequestError>;

pub async fn command(
    bot: Telegram,
    msg: Message,
    cmd: Command,
    shared: Arc<Shared>,
) -> HandlerResult {
    let librarian = shared.librarian();
    let topics = librarian.topics();
    let reply = match cmd {
        Command::Start(_) => welcome(&shared.config, &topics),
        Command::Help => plain_message(&text::help(&shared.config.emergency_number)),
        Command::Topics => render_topics(&topics),
    };
    tracing::info!(chat = %chat_tag(&shared, msg.chat.id), "command");
    send_reply(&bot, msg.chat.id, &reply).await
}

pub async fn question(bot: Telegram, msg: Message, shared: Arc<Shared>) -> HandlerResult {
    match shared.flood.check(msg.chat.id, std::time::Instant::now()) {
        Verdict::Answer => {}
        Verdict::SlowDown => {
            tracing::info!(chat = %chat_tag(&shared, msg.chat.id), "flooding: asked to slow down");
            return send_reply(&bot, msg.chat.id, &plain_message(text::SLOW_DOWN)).await;
        }
        Verdict::Drop => return Ok(()),
    }
    let text = msg.text().unwrap_or_default();
    let librarian = shared.librarian();
    let answer = librarian.answer(text);
    tracing::info!(
        chat = %chat_tag(&shared, msg.chat.id),
        kind = answer.kind.as_str(),
        score = answer.score,
        "answered"
    );
    let reply = render(&answer, &shared.config, &librarian.topics());
    send_reply(&bot, msg.chat.id, &reply).await
}

pub async fn not_text(bot: Telegram, msg: Message) -> HandlerResult {
    send_reply(&bot, msg.chat.id, &plain_message(text::TEXT_ONLY)).await
}

pub async fn button(bot: Telegram, query: CallbackQuery, shared: Arc<Shared>) -> HandlerResult {
    bot.answer_callback_query(query.id.clone()).await?;
    let Some(chat) = query.message.as_ref().map(|m| m.chat().id) else {
        return Ok(());
    };
    let librarian = shared.librarian();
    let data = query.data.as_deref().unwrap_or_default();
    let reply = match librarian.topic_from_button(data) {
        Some(id) => render_topic(
            &librarian.topic(id),
            &librarian.section_passages(id),
            &librarian.related(id),
        ),
        None => render_topics(&librarian.topics()),
    };
    send_reply(&bot, chat, &reply).await
}
