//! The handler tree: which handler each kind of update goes to.

use teloxide::dispatching::{HandlerExt, UpdateFilterExt, UpdateHandler};
use teloxide::prelude::*;
use teloxide::types::Me;

use super::addressing::{is_addressed_to_bot, is_private};
use super::commands::Command;
use super::handlers;

pub fn handler_tree() -> UpdateHandler<teloxide::RequestError> {
    let messages = Update::filter_message()
        .branch(
            dptree::entry()
                .filter_command::<Command>()
                .endpoint(handlers::command),
        )
        .branch(
            dptree::filter(|msg: Message, me: Me| {
                msg.text().is_some() && is_addressed_to_bot(&msg, &me)
            })
            .endpoint(handlers::question),
        )
        .branch(dptree::filter(|msg: Message| is_private(&msg)).endpoint(handlers::not_text));
    dptree::entry()
        .branch(messages)
        .branch(
            Update::filter_edited_message()
                .filter(|msg: Message| is_private(&msg))
                .endpoint(handlers::not_text),
        )
        .branch(Update::filter_callback_query().endpoint(handlers::button))
}
