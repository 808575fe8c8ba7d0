//! Keeping under Telegram's overall sending limit (about 30 messages a second): each send
//! takes the next free slot, in the order sends asked for one.

use std::sync::Mutex;
use std::time::Duration;

use tokio::time::Instant;

/// Telegram's documented overall limit for bots.
pub const MESSAGES_PER_SECOND: u32 = 30;

#[derive(Debug)]
pub struct Pacer {
    interval: Duration,
    next_free: Mutex<Instant>,
}

impl Default for Pacer {
    fn default() -> Self {
        Pacer {
            interval: Duration::from_secs(1) / MESSAGES_PER_SECOND,
            next_free: Mutex::new(Instant::now()),
        }
    }
}

impl Pacer {
    /// Reserves the next free slot and returns when it comes.
    pub fn reserve(&self) -> Instant {
        let mut next_free = self.next_free.lock().unwrap_or_else(|p| p.into_inner());
        let slot = (*next_free).max(Instant::now());
        *next_free = slot + self.interval;
        slot
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slots_are_spaced_by_the_overall_limit() {
        let pacer = Pacer::default();
        let slots: Vec<Instant> = (0..31).map(|_| pacer.reserve()).collect();
        let span = slots[30] - slots[0];
        assert!(span >= Duration::from_millis(990), "{span:?}");
    }
}
