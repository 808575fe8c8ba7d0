//! Sending a rendered reply: HTML parse mode, inline buttons.

use teloxide::RequestError;
use teloxide::prelude::*;
use teloxide::types::{InlineKeyboardButton, InlineKeyboardMarkup, ParseMode};

use crate::reply::Reply;

pub async fn send_reply(bot: &Bot, chat: ChatId, reply: &Reply) -> Result<(), RequestError> {
    let mut request = bot
        .send_message(chat, &reply.html)
        .parse_mode(ParseMode::Html);
    if !reply.buttons.is_empty() {
        request = request.reply_markup(keyboard(reply));
    }
    request.await?;
    Ok(())
}

fn keyboard(reply: &Reply) -> InlineKeyboardMarkup {
    InlineKeyboardMarkup::new(reply.buttons.iter().map(|row| {
        row.iter()
            .map(|b| InlineKeyboardButton::callback(b.label.clone(), b.data.clone()))
            .collect::<Vec<_>>()
    }))
}
