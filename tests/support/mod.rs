//! Shared helpers for the integration tests.
// Every test binary compiles this module, but each one uses only part of it.
#![allow(dead_code)]

pub mod bot;
pub mod fake_telegram;
pub mod serve;

use std::sync::{Arc, OnceLock};

use guidebot::embed::{Embedder, locate};

/// The embedding model the tests answer with (`GUIDEBOT_MODEL`, or the Hugging Face cache):
/// loaded once per test binary. The README's test command provides it.
pub fn model() -> Arc<Embedder> {
    static MODEL: OnceLock<Arc<Embedder>> = OnceLock::new();
    MODEL
        .get_or_init(|| {
            let dir = locate(None, false).unwrap_or_else(|err| {
                panic!("these tests need the embedding model ({err}); run them with scripts/test")
            });
            Arc::new(Embedder::load(&dir).expect("the embedding model loads"))
        })
        .clone()
}

/// The first 40% of a file's text, as a save interrupted half-way would leave it.
pub fn half_saved(text: &str) -> &str {
    let mut end = text.len() * 4 / 10;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}
