//! Turning an [`Answer`](crate::answer::Answer) into what the patient reads: Telegram HTML or plain text.

mod action;
mod html;
mod render;
pub mod text;

pub use action::Action;
pub use html::escape;
pub use render::{
    Button, Reply, plain_message, render, render_explanation, render_topic, render_topics, welcome,
};

/// Telegram's limit on a message's length, in UTF-16 code units (what it calls characters).
pub const TELEGRAM_MAX_CHARS: usize = 4096;
