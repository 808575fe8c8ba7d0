//! Sending one outgoing request until Telegram takes it: waits out `429 retry_after`, retries
//! server and network failures with jittered backoff, gives up only on a refusal or a stop.

use std::time::Duration;

use super::api::{ApiError, BotApi};
use super::backoff::Backoff;
use super::outgoing::Outgoing;
use super::pacing::Pacer;
use super::stop::Stop;

/// First wait after a failed send; doubles up to [`MAX_BACKOFF`].
const FIRST_BACKOFF: Duration = Duration::from_millis(250);
/// Longest wait between attempts: five failures in a row cost under 8 s.
const MAX_BACKOFF: Duration = Duration::from_secs(3);

/// How a send ended.
#[derive(Debug)]
pub enum Sent {
    /// Telegram accepted it.
    Accepted,
    /// Telegram refused it for good (blocked by the user, a button pressed too long ago, …).
    Refused(ApiError),
    /// The bot is stopping: the request stays in the outbox for the next start.
    Stopped,
}

/// Sends `outgoing`, trying again for as long as the failure is passing; `leaving` is called
/// just before each attempt leaves.
pub async fn send<Leaving: Future<Output = ()>>(
    api: &BotApi,
    pacer: &Pacer,
    stop: &Stop,
    leaving: impl Fn() -> Leaving,
    outgoing: &Outgoing,
) -> Sent {
    let mut backoff = Backoff::new(FIRST_BACKOFF, MAX_BACKOFF);
    loop {
        if stop.is_set() {
            return Sent::Stopped;
        }
        if outgoing.method == "sendMessage" {
            let slot = pacer.reserve();
            tokio::select! {
                _ = tokio::time::sleep_until(slot) => {}
                _ = stop.wait() => return Sent::Stopped,
            }
        }
        // Once sent, a request is not abandoned halfway: Telegram may already have taken it.
        leaving().await;
        let wait = match api.call(&outgoing.method, &outgoing.params).await {
            Ok(_) => return Sent::Accepted,
            Err(ApiError::RetryAfter(wait)) => {
                tracing::info!("Telegram asked to slow down for {wait:?}");
                wait
            }
            Err(err) if err.is_passing() => {
                let wait = backoff.next_delay();
                tracing::warn!(
                    method = outgoing.method,
                    "sending failed, trying again in {wait:?}: {err}"
                );
                wait
            }
            Err(err) => return Sent::Refused(err),
        };
        if !stop.sleep(wait).await {
            return Sent::Stopped;
        }
    }
}
