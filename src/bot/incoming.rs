//! Reading an update as received: which chat it belongs to (read straight from the JSON, before
//! any other work, for the flood guard and the per-chat queues), and Telegram's typed form.

use serde_json::Value;
use teloxide::types::{Update, UpdateKind};

/// The chat an update belongs to: the message's chat, the chat of a pressed button's message,
/// a membership change's chat, or else the user who caused it. `None` for updates with neither.
pub fn chat_of(raw: &Value) -> Option<i64> {
    let (_, body) = raw
        .as_object()?
        .iter()
        .find(|(key, value)| *key != "update_id" && value.is_object())?;
    ["/chat/id", "/message/chat/id", "/from/id", "/user/id"]
        .iter()
        .find_map(|pointer| body.pointer(pointer).and_then(Value::as_i64))
}

/// The update in Telegram's types; `None` when teloxide cannot read it (it is then answered
/// with nothing, and logged without its content).
pub fn parse(raw: &Value) -> Option<Update> {
    // From text: teloxide's reader of update kinds does not take a `serde_json::Value`.
    match serde_json::from_str::<Update>(&raw.to_string()) {
        Ok(update) if !matches!(update.kind, UpdateKind::Error(_)) => Some(update),
        _ => {
            let kind = raw
                .as_object()
                .and_then(|fields| fields.keys().find(|key| *key != "update_id").cloned())
                .unwrap_or_default();
            tracing::warn!(kind, "an update could not be read; it is skipped");
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn every_kind_of_update_belongs_to_its_chat() {
        let message = json!({"update_id": 1, "message": {"chat": {"id": 5}, "from": {"id": 9}}});
        let button = json!({"update_id": 2, "callback_query": {"from": {"id": 9}, "message": {"chat": {"id": 6}}}});
        let inline_button = json!({"update_id": 3, "callback_query": {"from": {"id": 9}}});
        let joined =
            json!({"update_id": 4, "my_chat_member": {"chat": {"id": -7}, "from": {"id": 9}}});
        let nothing = json!({"update_id": 5, "poll": {"id": "x"}});
        assert_eq!(chat_of(&message), Some(5));
        assert_eq!(chat_of(&button), Some(6));
        assert_eq!(chat_of(&inline_button), Some(9));
        assert_eq!(chat_of(&joined), Some(-7));
        assert_eq!(chat_of(&nothing), None);
    }

    #[test]
    fn reads_a_message_and_skips_what_it_cannot_read() {
        let message = json!({"update_id": 1, "message": {"message_id": 1, "date": 1700000000,
            "chat": {"id": 5, "type": "private", "first_name": "T"},
            "from": {"id": 5, "is_bot": false, "first_name": "T"}, "text": "hello"}});
        let update = parse(&message).unwrap();
        assert!(matches!(update.kind, UpdateKind::Message(m) if m.text() == Some("hello")));
        let garbled = json!({"update_id": 2, "message": {"chat": "not a chat", "text": "Ana"}});
        assert!(parse(&garbled).is_none());
    }
}
