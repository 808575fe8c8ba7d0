//! Jittered exponential backoff: how long to wait before trying Telegram again.

use std::collections::hash_map::RandomState;
use std::hash::BuildHasher;
use std::time::Duration;

/// Waits that double from `first` up to `cap`, each drawn at random between half and all of
/// the current step ("equal jitter"), so that many waiting chats do not retry in lockstep.
#[derive(Debug, Clone)]
pub struct Backoff {
    first: Duration,
    cap: Duration,
    step: Duration,
}

impl Backoff {
    pub fn new(first: Duration, cap: Duration) -> Backoff {
        Backoff {
            first,
            cap,
            step: first,
        }
    }

    /// The next wait, given a random number (any `u64`); the step then doubles.
    pub fn next_with(&mut self, random: u64) -> Duration {
        let step = self.step.min(self.cap);
        self.step = (self.step * 2).min(self.cap);
        let half = step / 2;
        let spread = (step - half).as_millis().max(1) as u64;
        half + Duration::from_millis(random % spread)
    }

    /// The next wait, with fresh randomness.
    pub fn next_delay(&mut self) -> Duration {
        self.next_with(random_u64())
    }

    /// Back to the first step, after a success.
    pub fn reset(&mut self) {
        self.step = self.first;
    }
}

/// A random number from the standard library's randomly keyed hasher (enough for jitter).
pub fn random_u64() -> u64 {
    RandomState::new().hash_one(std::time::Instant::now())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waits_grow_to_the_cap_with_jitter_and_reset_after_success() {
        let mut backoff = Backoff::new(Duration::from_millis(200), Duration::from_secs(2));
        let waits: Vec<Duration> = (0..6).map(|i| backoff.next_with(i * 7919)).collect();
        assert!(waits[0] >= Duration::from_millis(100) && waits[0] <= Duration::from_millis(200));
        assert!(waits.iter().all(|w| *w <= Duration::from_secs(2)));
        assert!(waits[5] >= Duration::from_secs(1));
        let spread: std::collections::HashSet<Duration> = (0..20)
            .map(|i| Backoff::new(Duration::from_secs(1), Duration::from_secs(1)).next_with(i * 37))
            .collect();
        assert!(spread.len() > 1, "the waits are jittered");
        backoff.reset();
        assert!(backoff.next_with(0) <= Duration::from_millis(200));
    }
}
