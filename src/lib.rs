//! guidebot: answers patients' questions by quoting their clinic's own guide.
//!
//! The core is synchronous and pure: [`knowledge`] loads the guide, [`index`] keeps a
//! tantivy index of it on disk, [`answer`] turns a question into an [`answer::Answer`],
//! and [`reply`] renders that answer for Telegram or a terminal. [`bot`] and [`cli`]
//! are thin layers around them. [`synthetic`] generates guides of any size for benchmarks.

pub mod answer;
pub mod bot;
pub mod cli;
pub mod config;
pub mod embed;
pub mod eval;
pub mod index;
pub mod journal;
pub mod knowledge;
pub mod language;
pub mod reply;
pub mod scrub;
pub mod shared_journal;
pub mod shared_store;
mod sqlite;
pub mod synthetic;
