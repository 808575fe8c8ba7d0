//! Counts since start, for `/stats`.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

use crate::answer::AnswerKind;

#[derive(Debug)]
pub struct Stats {
    started: Instant,
    questions: AtomicU64,
    answered: AtomicU64,
    not_answered: AtomicU64,
    emergencies: AtomicU64,
    smalltalk: AtomicU64,
    helpful: AtomicU64,
    not_helpful: AtomicU64,
    dropped: AtomicU64,
}

impl Default for Stats {
    fn default() -> Self {
        Self {
            started: Instant::now(),
            questions: AtomicU64::new(0),
            answered: AtomicU64::new(0),
            not_answered: AtomicU64::new(0),
            emergencies: AtomicU64::new(0),
            smalltalk: AtomicU64::new(0),
            helpful: AtomicU64::new(0),
            not_helpful: AtomicU64::new(0),
            dropped: AtomicU64::new(0),
        }
    }
}

fn bump(counter: &AtomicU64) {
    counter.fetch_add(1, Ordering::Relaxed);
}

impl Stats {
    pub fn answered(&self, kind: AnswerKind) {
        bump(&self.questions);
        bump(match kind {
            AnswerKind::Answer => &self.answered,
            AnswerKind::NoAnswer => &self.not_answered,
            AnswerKind::Emergency => &self.emergencies,
            AnswerKind::Smalltalk => &self.smalltalk,
        });
    }

    pub fn feedback(&self, helpful: bool) {
        bump(if helpful {
            &self.helpful
        } else {
            &self.not_helpful
        });
    }

    pub fn dropped(&self) {
        bump(&self.dropped);
    }

    /// The counts as lines of text.
    pub fn report(&self) -> String {
        let get = |c: &AtomicU64| c.load(Ordering::Relaxed);
        let uptime = self.started.elapsed().as_secs();
        format!(
            "Since start ({}h {}m ago):\nmessages: {}\nanswered from the guide: {}\nnot covered: {}\nemergencies: {}\nsmall talk: {}\n👍: {}   👎: {}\ndropped (flooding): {}",
            uptime / 3600,
            uptime % 3600 / 60,
            get(&self.questions),
            get(&self.answered),
            get(&self.not_answered),
            get(&self.emergencies),
            get(&self.smalltalk),
            get(&self.helpful),
            get(&self.not_helpful),
            get(&self.dropped),
        )
    }
}
