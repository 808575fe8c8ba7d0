//! Counts for `/stats`: since this replica started, or, with shared state (Redis), for every
//! replica since the counts were first kept there. Counts Redis could not take are kept and
//! added when it is back.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Instant, SystemTime, UNIX_EPOCH};

use crate::answer::AnswerKind;
use crate::reply::text;
use crate::shared_store::SharedStore;

/// What is counted, in the order `/stats` shows it.
#[derive(Debug, Clone, Copy)]
enum Counter {
    Questions,
    Answered,
    NotAnswered,
    Emergencies,
    Smalltalk,
    Helpful,
    NotHelpful,
    Dropped,
}

const COUNTERS: usize = 8;
/// The field names in the shared hash.
const FIELDS: [&str; COUNTERS] = [
    "questions",
    "answered",
    "not_answered",
    "emergencies",
    "smalltalk",
    "helpful",
    "not_helpful",
    "dropped",
];
/// The hash field holding when the shared counts began (Unix seconds).
const SINCE: &str = "since";

pub struct Stats {
    started: Instant,
    /// Since this replica started.
    here: [AtomicU64; COUNTERS],
    /// Not yet added to the shared counts.
    unshared: [AtomicU64; COUNTERS],
    shared: Option<SharedStore>,
}

impl Stats {
    pub fn new(shared: Option<SharedStore>) -> Stats {
        Stats {
            started: Instant::now(),
            here: Default::default(),
            unshared: Default::default(),
            shared,
        }
    }

    pub async fn answered(&self, kind: AnswerKind) {
        let counter = match kind {
            AnswerKind::Answer => Counter::Answered,
            AnswerKind::NoAnswer => Counter::NotAnswered,
            AnswerKind::Emergency => Counter::Emergencies,
            AnswerKind::Smalltalk => Counter::Smalltalk,
        };
        self.bump(&[Counter::Questions, counter]).await;
    }

    pub async fn feedback(&self, helpful: bool) {
        let counter = if helpful {
            Counter::Helpful
        } else {
            Counter::NotHelpful
        };
        self.bump(&[counter]).await;
    }

    pub async fn dropped(&self) {
        self.bump(&[Counter::Dropped]).await;
    }

    async fn bump(&self, counters: &[Counter]) {
        for &counter in counters {
            self.here[counter as usize].fetch_add(1, Ordering::Relaxed);
            self.unshared[counter as usize].fetch_add(1, Ordering::Relaxed);
        }
        self.share().await;
    }

    /// Adds what Redis has not got yet to the shared counts; kept for later when it fails.
    async fn share(&self) {
        let Some(store) = &self.shared else { return };
        let taken: Vec<u64> = self
            .unshared
            .iter()
            .map(|n| n.swap(0, Ordering::Relaxed))
            .collect();
        let key = SharedStore::key("stats");
        let mut add = redis::pipe();
        add.hset_nx(&key, SINCE, unix_now()).ignore();
        for (field, n) in FIELDS.iter().zip(&taken).filter(|(_, n)| **n > 0) {
            add.hincr(&key, *field, *n).ignore();
        }
        if store.transaction::<()>(&mut add).await.is_err() {
            for (unshared, n) in self.unshared.iter().zip(taken) {
                unshared.fetch_add(n, Ordering::Relaxed);
            }
        }
    }

    /// The counts as lines of text: every replica's when shared state answers, else this one's.
    pub async fn report(&self) -> String {
        if let Some(store) = &self.shared {
            self.share().await;
            let mut read = redis::cmd("HMGET");
            read.arg(SharedStore::key("stats"))
                .arg(SINCE)
                .arg(&FIELDS[..]);
            if let Ok(values) = store.query::<Vec<Option<u64>>>(&read).await {
                let since = values[0].unwrap_or_else(unix_now);
                let counts: Vec<u64> = values[1..].iter().map(|n| n.unwrap_or(0)).collect();
                return text::stats(
                    &text::stats_since_shared(unix_now().saturating_sub(since)),
                    &counts,
                );
            }
        }
        let counts: Vec<u64> = self
            .here
            .iter()
            .map(|n| n.load(Ordering::Relaxed))
            .collect();
        text::stats(
            &text::stats_since_start(self.started.elapsed().as_secs()),
            &counts,
        )
    }
}

fn unix_now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}
