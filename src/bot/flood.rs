//! Fairness under floods: a chat sending too many updates of any kind (messages, commands,
//! button presses, stickers, edits) gets one "slow down" note, and its excess is dropped
//! before any work, so other chats keep getting prompt answers.
//!
//! With shared state (Redis) the count is kept there, over fixed windows, so a chat's updates
//! count alike on every replica; while Redis is down each replica counts its own.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use crate::shared_store::{SharedStore, StoreError};

/// Updates a chat may send within [`WINDOW`] before it is asked to slow down.
pub const BURST: usize = 6;
/// The window the burst is counted over.
pub const WINDOW: Duration = Duration::from_secs(30);

/// What to do with a chat's message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Answer,
    /// Over the limit for the first time in this window: say so once.
    SlowDown,
    /// Over the limit again: drop quietly.
    Drop,
}

#[derive(Debug, Default)]
struct ChatRate {
    recent: Vec<Instant>,
    warned: bool,
}

/// Per-chat message counts over a sliding window (here) or a fixed one (shared).
#[derive(Default)]
pub struct FloodGuard {
    chats: Mutex<HashMap<i64, ChatRate>>,
    shared: Option<SharedStore>,
}

impl FloodGuard {
    /// A guard counting in `shared` when given.
    pub fn new(shared: Option<SharedStore>) -> FloodGuard {
        FloodGuard {
            chats: Mutex::default(),
            shared,
        }
    }

    /// Records a message from `chat` at `now` and says what to do with it.
    pub async fn check(&self, chat: i64, now: Instant) -> Verdict {
        if let Some(store) = &self.shared
            && let Ok(verdict) = check_shared(store, chat).await
        {
            return verdict;
        }
        self.check_here(chat, now)
    }

    /// The verdict from this replica's own counts.
    fn check_here(&self, chat: i64, now: Instant) -> Verdict {
        let mut chats = self.chats.lock().unwrap_or_else(|p| p.into_inner());
        if chats.len() > 10_000 {
            chats.retain(|_, rate| {
                rate.recent
                    .last()
                    .is_some_and(|t| now.duration_since(*t) < WINDOW)
            });
        }
        let rate = chats.entry(chat).or_default();
        rate.recent.retain(|t| now.duration_since(*t) < WINDOW);
        if rate.recent.len() < BURST {
            rate.recent.push(now);
            rate.warned = false;
            return Verdict::Answer;
        }
        if rate.warned {
            Verdict::Drop
        } else {
            rate.warned = true;
            Verdict::SlowDown
        }
    }
}

/// Counts the update in the chat's shared window (which starts with the chat's first update).
async fn check_shared(store: &SharedStore, chat: i64) -> Result<Verdict, StoreError> {
    let key = SharedStore::key(format_args!("flood:{chat}"));
    let mut count = redis::pipe();
    count
        .set(&key, 0)
        .arg("NX")
        .arg("PX")
        .arg(WINDOW.as_millis() as u64)
        .ignore()
        .incr(&key, 1);
    let (n,): (usize,) = store.transaction(&mut count).await?;
    Ok(match n {
        n if n <= BURST => Verdict::Answer,
        n if n == BURST + 1 => Verdict::SlowDown,
        _ => Verdict::Drop,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_flood_gets_one_note_then_silence_and_others_are_unaffected() {
        let guard = FloodGuard::default();
        let now = Instant::now();
        let verdicts: Vec<Verdict> = (0..BURST + 5).map(|_| guard.check_here(1, now)).collect();
        assert!(verdicts[..BURST].iter().all(|v| *v == Verdict::Answer));
        assert_eq!(verdicts[BURST], Verdict::SlowDown);
        assert!(verdicts[BURST + 1..].iter().all(|v| *v == Verdict::Drop));
        assert_eq!(guard.check_here(2, now), Verdict::Answer);
        assert_eq!(guard.check_here(1, now + WINDOW), Verdict::Answer);
    }
}
