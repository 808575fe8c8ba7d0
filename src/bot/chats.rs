//! Per-chat queues and workers. The dispatcher applies the flood guard to every update before
//! any work and hands the rest to its chat's worker without ever waiting; each worker answers
//! its chat's updates in order and delivers that chat's outbox, so a slow or flooding chat
//! delays no one else.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use teloxide::types::Me;
use tokio::sync::mpsc::{UnboundedReceiver, UnboundedSender, unbounded_channel};
use tokio::sync::oneshot;
use tokio::task::JoinSet;

use super::Shared;
use super::api::BotApi;
use super::claims::{reply_arrived, reply_leaving};
use super::flood::Verdict;
use super::incoming::{chat_of, parse};
use super::ledger::{Ledger, Received};
use super::outgoing::Outgoing;
use super::pacing::Pacer;
use super::privacy::chat_tag;
use super::respond::respond;
use super::send::{Sent, send};
use super::stop::Stop;
use crate::reply::{plain_message, text};
use crate::shared_store::SharedStore;

/// A worker with nothing to do for this long ends (a new update starts another).
const IDLE: Duration = Duration::from_secs(30);

/// What every worker needs.
pub struct Context {
    pub api: BotApi,
    pub me: Me,
    pub shared: Arc<Shared>,
    pub ledger: Arc<Ledger>,
    pub pacer: Pacer,
    pub stop: Stop,
    /// Where replies on their way are marked, when replicas share claims (webhook + Redis).
    pub in_flight_marks: Option<SharedStore>,
}

/// Told once an update is answered and its replies delivered; dropped unsent when the worker
/// stops first.
type Settled = oneshot::Sender<()>;

enum Job {
    /// Answer this update, then deliver.
    Handle(Received, Option<Settled>),
    /// Deliver what waits in the outbox.
    Deliver,
}

type Queues = Arc<Mutex<HashMap<i64, UnboundedSender<Job>>>>;

/// The chats being worked on.
pub struct Chats {
    context: Arc<Context>,
    queues: Queues,
    workers: Mutex<JoinSet<()>>,
}

impl Chats {
    pub fn new(context: Arc<Context>) -> Chats {
        Chats {
            context,
            queues: Arc::default(),
            workers: Mutex::new(JoinSet::new()),
        }
    }

    /// Sorts new updates: flooding chats' excess is dropped (one "slow down" note per
    /// window), updates without a chat need no answer, the rest go to their chat's worker.
    pub async fn dispatch(&self, updates: Vec<Received>) {
        for received in updates {
            self.sort(received, None).await;
        }
    }

    /// Sorts one new update as [`Chats::dispatch`] does, then waits until it is settled: its
    /// replies delivered (or none owed). False when the bot stopped first.
    pub async fn answer(&self, received: Received) -> bool {
        let (settled, done) = oneshot::channel();
        self.sort(received, Some(settled)).await;
        done.await.is_ok()
    }

    async fn sort(&self, received: Received, settled: Option<Settled>) {
        let shared = &self.context.shared;
        let Some(chat) = chat_of(&received.raw) else {
            self.record(&[received.update_id], &[]);
            settle(settled);
            return;
        };
        match shared.flood.check(chat, Instant::now()).await {
            Verdict::Answer => self.enqueue(chat, Job::Handle(received, settled)),
            Verdict::SlowDown => {
                tracing::info!(chat = %chat_tag(&shared.salt, chat), "flooding: asked to slow down");
                shared.stats.dropped().await;
                let note = Outgoing::message(chat, &plain_message(text::SLOW_DOWN));
                self.record(&[received.update_id], &[note]);
                self.enqueue(chat, Job::Deliver);
                settle(settled);
            }
            Verdict::Drop => {
                shared.stats.dropped().await;
                self.record(&[received.update_id], &[]);
                settle(settled);
            }
        }
    }

    /// Has every chat with replies left in the outbox (from an earlier run) delivered.
    pub fn deliver_unsent(&self, chats: Vec<i64>) {
        for chat in chats {
            self.enqueue(chat, Job::Deliver);
        }
    }

    fn record(&self, update_ids: &[i64], replies: &[Outgoing]) {
        if let Err(err) = self.context.ledger.handled(update_ids, replies) {
            tracing::warn!("{err}");
        }
    }

    fn enqueue(&self, chat: i64, job: Job) {
        let mut queues = self.queues.lock().unwrap_or_else(|p| p.into_inner());
        let job = match queues.get(&chat) {
            Some(queue) => match queue.send(job) {
                Ok(()) => return,
                // Its worker just ended: start another.
                Err(returned) => returned.0,
            },
            None => job,
        };
        let (queue, jobs) = unbounded_channel();
        let _ = queue.send(job);
        queues.insert(chat, queue);
        let mut workers = self.workers.lock().unwrap_or_else(|p| p.into_inner());
        while workers.try_join_next().is_some() {}
        workers.spawn(work(self.context.clone(), self.queues.clone(), chat, jobs));
    }

    /// After a stop: lets workers finish what they are sending for up to `grace`, then ends them.
    pub async fn finish(&self, grace: Duration) {
        let mut workers =
            std::mem::take(&mut *self.workers.lock().unwrap_or_else(|p| p.into_inner()));
        let all_done = async { while workers.join_next().await.is_some() {} };
        if tokio::time::timeout(grace, all_done).await.is_err() {
            tracing::warn!("stopping without waiting longer for Telegram");
        }
    }
}

async fn work(context: Arc<Context>, queues: Queues, chat: i64, mut jobs: UnboundedReceiver<Job>) {
    loop {
        let job = tokio::select! {
            biased;
            _ = context.stop.wait() => return,
            job = jobs.recv() => job,
            _ = tokio::time::sleep(IDLE) => {
                let mut queues = queues.lock().unwrap_or_else(|p| p.into_inner());
                if jobs.is_empty() {
                    queues.remove(&chat);
                    return;
                }
                continue;
            }
        };
        let settled = match job {
            Some(Job::Handle(received, settled)) => {
                handle(&context, received).await;
                settled
            }
            Some(Job::Deliver) => None,
            None => return,
        };
        if deliver(&context, chat).await {
            settle(settled);
        }
    }
}

/// Says the update is settled, if anyone waits.
fn settle(settled: Option<Settled>) {
    if let Some(settled) = settled {
        let _ = settled.send(());
    }
}

/// Works out the update's replies and records them with the update, in one transaction.
async fn handle(context: &Context, received: Received) {
    let replies = match parse(&received.raw) {
        Some(update) => respond(&update, &context.me, &context.shared).await,
        None => Vec::new(),
    };
    let ledger = context.ledger.clone();
    let update_id = received.update_id;
    let recorded =
        tokio::task::spawn_blocking(move || ledger.handled(&[update_id], &replies)).await;
    if let Ok(Err(err)) = recorded {
        tracing::warn!("{err}");
    }
}

/// Sends the chat's outbox in order until it is empty (true) or the bot stops (false).
async fn deliver(context: &Context, chat: i64) -> bool {
    loop {
        let next = match context.ledger.next_unsent(chat) {
            Ok(Some(next)) => next,
            Ok(None) => return true,
            Err(err) => {
                tracing::warn!("{err}");
                return false;
            }
        };
        let marks = context.in_flight_marks.as_ref();
        let leaving = || async {
            context.ledger.sending(next.id);
            if let Some(store) = marks {
                reply_leaving(store, chat).await;
            }
        };
        let sent = send(
            &context.api,
            &context.pacer,
            &context.stop,
            leaving,
            &next.outgoing,
        )
        .await;
        // Stopped before it left, or answered by Telegram: no longer in flight either way.
        if let Some(store) = marks {
            reply_arrived(store, chat).await;
        }
        match sent {
            Sent::Accepted => {}
            Sent::Refused(err) => tracing::warn!(
                chat = %chat_tag(&context.shared.salt, chat),
                method = next.outgoing.method,
                "a reply was refused: {err}"
            ),
            Sent::Stopped => return false,
        }
        // At once, so that a crash right now resends as little as possible.
        if let Err(err) = context.ledger.sent(next.id) {
            tracing::warn!("{err}");
            return false;
        }
    }
}
