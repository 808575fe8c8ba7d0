//! Shared helpers for the integration tests.
// Every test binary compiles this module, but each one uses only part of it.
#![allow(dead_code)]

pub mod bot;
pub mod fake_telegram;
