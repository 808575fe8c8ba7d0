//! Sending a rendered reply (HTML parse mode, inline buttons), retrying passing failures.

use std::future::IntoFuture;
use std::time::Duration;

use teloxide::RequestError;
use teloxide::prelude::*;
use teloxide::types::{InlineKeyboardButton, InlineKeyboardMarkup, ParseMode};

use super::Telegram;
use crate::reply::Reply;

/// Attempts per request when Telegram fails with a server or network error.
const ATTEMPTS: u32 = 3;
/// Wait before the first retry; doubles each time.
const FIRST_BACKOFF: Duration = Duration::from_millis(300);

pub async fn send_reply(bot: &Telegram, chat: ChatId, reply: &Reply) -> Result<(), RequestError> {
    with_retries(|| {
        let request = bot
            .send_message(chat, &reply.html)
            .parse_mode(ParseMode::Html);
        if reply.buttons.is_empty() {
            request
        } else {
            request.reply_markup(keyboard(reply))
        }
    })
    .await?;
    Ok(())
}

/// Sends the request built by `make`, again after a bounded backoff when the failure is
/// passing (a 5xx answer, a network or I/O error, garbled JSON). `429` is handled by `Throttle`.
pub async fn with_retries<R, T>(make: impl Fn() -> R) -> Result<T, RequestError>
where
    R: IntoFuture<Output = Result<T, RequestError>>,
{
    let mut backoff = FIRST_BACKOFF;
    let mut attempt = 1;
    loop {
        match make().into_future().await {
            Err(err) if attempt < ATTEMPTS && is_passing(&err) => {
                tracing::warn!(attempt, "Telegram request failed, retrying: {err}");
                tokio::time::sleep(backoff).await;
                backoff *= 2;
                attempt += 1;
            }
            result => return result,
        }
    }
}

fn is_passing(err: &RequestError) -> bool {
    matches!(
        err,
        RequestError::Network(_)
            | RequestError::Io(_)
            | RequestError::InvalidJson { .. }
            | RequestError::Api(teloxide::ApiError::Unknown(_))
    )
}

fn keyboard(reply: &Reply) -> InlineKeyboardMarkup {
    InlineKeyboardMarkup::new(reply.buttons.iter().map(|row| {
        row.iter()
            .map(|b| InlineKeyboardButton::callback(b.label.clone(), b.data.clone()))
            .collect::<Vec<_>>()
    }))
}
