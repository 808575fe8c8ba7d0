//! Taking updates from Telegram (long polling): each batch is written to the ledger before its
//! offset is confirmed (the next `getUpdates` confirms it), then handed to the dispatcher.
//! Failures are retried with jittered backoff capped at 2 s, so polling resumes within about
//! 2 s of Telegram recovering; a stop ends the poll in progress at once.

use std::time::Duration;

use super::backoff::Backoff;
use super::chats::{Chats, Context};

/// How long each `getUpdates` is held open by Telegram when there is nothing new.
const POLL_TIMEOUT: Duration = Duration::from_secs(10);
/// First wait after a failed poll; doubles up to [`MAX_BACKOFF`].
const FIRST_BACKOFF: Duration = Duration::from_millis(200);
/// Longest wait between failed polls.
const MAX_BACKOFF: Duration = Duration::from_secs(2);

/// Polls until the stop signal.
pub async fn poll(context: &Context, chats: &Chats) {
    let mut offset = match context.ledger.next_offset() {
        Ok(offset) => offset,
        Err(err) => {
            tracing::warn!("{err}");
            0
        }
    };
    let mut backoff = Backoff::new(FIRST_BACKOFF, MAX_BACKOFF);
    loop {
        let polled = tokio::select! {
            biased;
            _ = context.stop.wait() => return,
            polled = context.api.get_updates(offset, POLL_TIMEOUT) => polled,
        };
        let failure = match polled {
            Ok(batch) => match context.ledger.receive(&batch) {
                Ok(fresh) => {
                    backoff.reset();
                    let last = batch
                        .iter()
                        .filter_map(|u| u.get("update_id").and_then(serde_json::Value::as_i64))
                        .max();
                    if let Some(last) = last {
                        offset = offset.max(last + 1);
                    }
                    chats.dispatch(fresh).await;
                    continue;
                }
                // Not confirmed: Telegram gives the batch again.
                Err(err) => err.to_string(),
            },
            Err(err) => err.to_string(),
        };
        let wait = backoff.next_delay();
        tracing::warn!("getting updates failed, trying again in {wait:?}: {failure}");
        if !context.stop.sleep(wait).await {
            return;
        }
    }
}
