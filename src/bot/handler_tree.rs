//! The handler tree: which handler each kind of update goes to.

use teloxide::dispatching::{HandlerExt, UpdateFilterExt, UpdateHandler};
use teloxide::prelude::*;

use super::commands::Command;
use super::handlers;

pub fn handler_tree() -> UpdateHandler<teloxide::RequestError> {
    let messages = Update::filter_message()
        .branch(
            dptree::entry()
                .filter_command::<Command>()
                .endpoint(handlers::command),
        )
        .branch(dptree::filter(|msg: Message| msg.text().is_some()).endpoint(handlers::question))
        .branch(dptree::endpoint(handlers::not_text));
    dptree::entry()
        .branch(messages)
        .branch(Update::filter_edited_message().endpoint(handlers::not_text))
        .branch(Update::filter_callback_query().endpoint(handlers::button))
}
