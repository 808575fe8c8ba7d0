//! Fairness under floods: a chat sending too many updates of any kind (messages, commands,
//! button presses, stickers, edits) gets one "slow down" note, and its excess is dropped
//! before any work, so other chats keep getting prompt answers.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

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

/// Per-chat message counts over a sliding window.
#[derive(Debug, Default)]
pub struct FloodGuard {
    chats: Mutex<HashMap<i64, ChatRate>>,
}

impl FloodGuard {
    /// Records a message from `chat` at `now` and says what to do with it.
    pub fn check(&self, chat: i64, now: Instant) -> Verdict {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_flood_gets_one_note_then_silence_and_others_are_unaffected() {
        let guard = FloodGuard::default();
        let now = Instant::now();
        let verdicts: Vec<Verdict> = (0..BURST + 5).map(|_| guard.check(1, now)).collect();
        assert!(verdicts[..BURST].iter().all(|v| *v == Verdict::Answer));
        assert_eq!(verdicts[BURST], Verdict::SlowDown);
        assert!(verdicts[BURST + 1..].iter().all(|v| *v == Verdict::Drop));
        assert_eq!(guard.check(2, now), Verdict::Answer);
        assert_eq!(guard.check(1, now + WINDOW), Verdict::Answer);
    }
}
