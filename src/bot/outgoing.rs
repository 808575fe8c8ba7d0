//! A request the bot owes Telegram (a reply, a button acknowledgement), as data that can be
//! kept in the outbox until Telegram has taken it.

use serde_json::{Value, json};

use crate::reply::Reply;

/// One Bot API call to make on behalf of a chat.
#[derive(Debug, Clone, PartialEq)]
pub struct Outgoing {
    /// The chat the call concerns (replies in one chat are sent in order).
    pub chat: i64,
    pub method: String,
    pub params: Value,
}

impl Outgoing {
    /// `sendMessage` with the reply's HTML and its inline buttons.
    pub fn message(chat: i64, reply: &Reply) -> Outgoing {
        let mut params = json!({ "chat_id": chat, "text": reply.html, "parse_mode": "HTML" });
        if !reply.buttons.is_empty() {
            let rows: Vec<Vec<Value>> = reply
                .buttons
                .iter()
                .map(|row| {
                    row.iter()
                        .map(|b| json!({ "text": b.label, "callback_data": b.data }))
                        .collect()
                })
                .collect();
            params["reply_markup"] = json!({ "inline_keyboard": rows });
        }
        Outgoing {
            chat,
            method: "sendMessage".into(),
            params,
        }
    }

    /// `answerCallbackQuery`, with a short notice when given.
    pub fn button_acknowledgement(chat: i64, query_id: &str, notice: Option<&str>) -> Outgoing {
        let mut params = json!({ "callback_query_id": query_id });
        if let Some(notice) = notice {
            params["text"] = json!(notice);
        }
        Outgoing {
            chat,
            method: "answerCallbackQuery".into(),
            params,
        }
    }
}
