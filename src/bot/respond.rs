//! What the bot owes an update: the replies (and button acknowledgements) it calls for, as
//! [`Outgoing`] requests; thin glue from Telegram's types to the librarian and the renderer.

use teloxide::types::{CallbackQuery, Me, Message, Update, UpdateKind};
use teloxide::utils::command::BotCommands;

use super::Shared;
use super::addressing::{is_addressed_to_bot, is_private, without_mention};
use super::commands::Command;
use super::outgoing::Outgoing;
use super::privacy::chat_tag;
use crate::answer::{AnswerKind, Librarian};
use crate::knowledge::SectionId;
use crate::reply::{
    Action, Reply, plain_message, render, render_explanation, render_topic, render_topics, text,
    welcome,
};

/// The requests `update` calls for (none for updates the bot does not answer).
pub async fn respond(update: &Update, me: &Me, shared: &Shared) -> Vec<Outgoing> {
    match &update.kind {
        UpdateKind::Message(msg) => {
            if let Some(cmd) = msg
                .text()
                .and_then(|t| Command::parse(t, me.username()).ok())
            {
                return vec![reply(msg, &command(msg, cmd, shared).await)];
            }
            if msg.text().is_some() && is_addressed_to_bot(msg, me) {
                return vec![reply(msg, &question(msg, me, shared).await)];
            }
            if is_private(msg) {
                return vec![reply(msg, &plain_message(text::TEXT_ONLY))];
            }
            Vec::new()
        }
        UpdateKind::EditedMessage(msg) if is_private(msg) => {
            vec![reply(msg, &plain_message(text::TEXT_ONLY))]
        }
        UpdateKind::CallbackQuery(query) => button(query, shared).await,
        _ => Vec::new(),
    }
}

fn reply(msg: &Message, reply: &Reply) -> Outgoing {
    Outgoing::message(msg.chat.id.0, reply)
}

async fn command(msg: &Message, cmd: Command, shared: &Shared) -> Reply {
    let chat = msg.chat.id.0;
    let is_staff = msg
        .from
        .as_ref()
        .is_some_and(|user| shared.config.is_staff(user.id.0));
    tracing::info!(chat = %chat_tag(&shared.salt, chat), staff = is_staff, "command");
    if cmd.is_staff_only() && !is_staff {
        return plain_message(text::STAFF_ONLY);
    }
    let librarian = shared.librarian();
    match cmd {
        Command::Start(payload) => match librarian.section_by_slug(payload.trim()) {
            Some(id) if !payload.trim().is_empty() => {
                open_topic(shared, &librarian, chat, id).await
            }
            _ => welcome(&shared.config, librarian.topics()),
        },
        Command::Help => plain_message(&text::help(&shared.config.emergency_number)),
        Command::Topics => render_topics(librarian.topics()),
        Command::Why(question) if question.trim().is_empty() => plain_message(text::WHY_USAGE),
        Command::Why(question) => render_explanation(&question, &librarian.answer(&question)),
        Command::Reload(argument) => {
            let force = argument.trim().eq_ignore_ascii_case(super::commands::FORCE);
            plain_message(&shared.reload(force).await)
        }
        Command::Stats => plain_message(&shared.stats_report().await),
    }
}

async fn question(msg: &Message, me: &Me, shared: &Shared) -> Reply {
    let chat = msg.chat.id.0;
    let text = without_mention(msg.text().unwrap_or_default(), me.username());
    let librarian = shared.librarian();
    let last_topic = shared
        .memory
        .recall(chat)
        .await
        .and_then(|slug| librarian.section_by_slug(&slug));
    // Answering runs the embedding model: off the async workers, a few at a time, so polling,
    // signals and other chats keep going meanwhile.
    let question = text.clone();
    let answered = {
        let _turn = shared.answering.acquire().await;
        let librarian = librarian.clone();
        tokio::task::spawn_blocking(move || librarian.answer_in_context(&question, last_topic))
            .await
    };
    let answer = match answered {
        Ok(answer) => answer,
        Err(err) => {
            // Only a stopping runtime cancels it (answering never panics on any text).
            tracing::warn!("a question could not be answered: {err}");
            return plain_message(&text::not_covered(&shared.config.clinic_phone));
        }
    };
    tracing::info!(
        chat = %chat_tag(&shared.salt, chat),
        kind = answer.kind.as_str(),
        score = answer.score,
        "answered"
    );
    shared.stats.answered(answer.kind).await;
    if let Some(section) = &answer.section {
        shared.memory.remember(chat, &section.slug).await;
    }
    if answer.kind == AnswerKind::NoAnswer
        && answer.note.is_none()
        && let Err(err) = shared.journal.record_unanswered(&text).await
    {
        tracing::warn!("{err}");
    }
    render(&answer, &shared.config, librarian.topics())
}

async fn button(query: &CallbackQuery, shared: &Shared) -> Vec<Outgoing> {
    let chat = query
        .message
        .as_ref()
        .map_or(query.from.id.0 as i64, |m| m.chat().id.0);
    let librarian = shared.librarian();
    let action = query.data.as_deref().and_then(Action::decode);
    // Feedback counts only for a section the guide has: made-up button data records nothing.
    let feedback = match &action {
        Some(Action::Feedback { helpful, slug }) => librarian
            .section_by_slug(slug)
            .map(|id| (*helpful, librarian.topic(id).slug.clone())),
        _ => None,
    };
    if let Some((helpful, slug)) = &feedback {
        shared.stats.feedback(*helpful).await;
        if let Err(err) = shared.journal.record_feedback(slug, *helpful).await {
            tracing::warn!("{err}");
        }
    }
    let notice = feedback.is_some().then_some(text::THANKS_FOR_FEEDBACK);
    let mut outgoing = vec![Outgoing::button_acknowledgement(chat, &query.id.0, notice)];
    if query.message.is_none() {
        return outgoing;
    }
    let reply = match action {
        Some(Action::Feedback { .. }) if feedback.is_some() => return outgoing,
        Some(Action::Topic(slug)) if let Some(id) = librarian.section_by_slug(&slug) => {
            open_topic(shared, &librarian, chat, id).await
        }
        // A button from an older guide, or unknown data: offer the current topics.
        _ => render_topics(librarian.topics()),
    };
    outgoing.push(Outgoing::message(chat, &reply));
    outgoing
}

/// A topic's section, shown in full; it becomes the chat's last topic (for follow-ups).
async fn open_topic(shared: &Shared, librarian: &Librarian, chat: i64, id: SectionId) -> Reply {
    let topic = librarian.topic(id);
    shared.memory.remember(chat, &topic.slug).await;
    render_topic(
        &topic,
        &librarian.section_passages(id),
        &librarian.related(id),
    )
}
