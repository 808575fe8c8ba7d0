//! Webhook mode: an HTTP server, meant to sit behind a TLS-terminating proxy, that Telegram
//! posts updates to, so that several replicas can serve one bot. A request without the shared
//! secret header gets 401 and no work; `GET /healthz` says whether this replica takes updates.
//!
//! An update is acknowledged (200) only once it is answered and its replies are sent, not
//! merely once it is recorded: a replica may be killed and never come back (containers are
//! replaced, not restarted), so whatever it had not finished must stay Telegram's to retry,
//! and the retry then reaches a live replica. The claims in Redis ([`super::claims`]) keep a
//! retry, or an update posted to two replicas, from being answered twice.

use std::sync::Arc;

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::{get, post};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use super::api::ApiError;
use super::backoff::Backoff;
use super::chats::{Chats, Context};
use super::claims::{Claim, Claims, RENEW_EVERY};
use super::incoming::chat_of;
use super::privacy::random_secret;
use crate::shared_store::{SharedStore, StoreError};

/// Where webhook mode listens unless told otherwise.
pub const DEFAULT_LISTEN: &str = "0.0.0.0:8443";
/// The header Telegram sends the secret in.
const SECRET_HEADER: &str = "x-telegram-bot-api-secret-token";

/// Where Telegram posts, where this replica listens, and the secret they share.
#[derive(Debug, Clone)]
pub struct WebhookSettings {
    /// The public HTTPS address given to Telegram; its path is the one served here.
    pub url: String,
    /// The address to listen on, e.g. `0.0.0.0:8443`.
    pub listen: String,
    /// The secret every replica shares; made (and kept in Redis) when `None`.
    pub secret: Option<String>,
}

/// Why webhook mode could not start.
#[derive(Debug, thiserror::Error)]
pub enum WebhookError {
    #[error("webhook_url {0} is not an https:// (or http://) address")]
    Url(String),
    #[error(
        "webhook_secret must be 1 to 256 characters, each a letter, a digit, `_` or `-` (as Telegram requires)"
    )]
    Secret,
    #[error(
        "no webhook_secret is set and it cannot be read from Redis ({0}); set webhook_secret (GUIDEBOT_WEBHOOK_SECRET), the same for every replica"
    )]
    NoSharedSecret(#[source] StoreError),
    #[error("cannot listen on {address}: {source}")]
    Listen {
        address: String,
        source: std::io::Error,
    },
    #[error("Telegram refused the webhook: {0}")]
    Refused(#[source] ApiError),
}

struct Hook {
    context: Arc<Context>,
    chats: Arc<Chats>,
    claims: Claims,
    secret: [u8; 32],
}

/// Takes updates at the webhook until the stop signal; requests in progress then end with
/// 503 (Telegram retries them, at another replica) unless their replies are already sent.
pub async fn serve(
    settings: &WebhookSettings,
    context: &Arc<Context>,
    chats: &Arc<Chats>,
) -> Result<(), WebhookError> {
    let path = reqwest::Url::parse(&settings.url)
        .ok()
        .filter(|url| url.scheme() == "https" || url.scheme() == "http")
        .map(|url| url.path().to_string())
        .ok_or_else(|| WebhookError::Url(settings.url.clone()))?;
    let store = context.shared.store.clone();
    let secret = shared_secret(settings.secret.as_deref(), store.as_ref()).await?;
    let listener = tokio::net::TcpListener::bind(&settings.listen)
        .await
        .map_err(|source| WebhookError::Listen {
            address: settings.listen.clone(),
            source,
        })?;
    let hook = Arc::new(Hook {
        context: context.clone(),
        chats: chats.clone(),
        claims: Claims::new(store),
        secret: digest(&secret),
    });
    let router = Router::new()
        .route("/healthz", get(healthz))
        .route(&path, post(take_update))
        .with_state(hook);
    let stop = context.stop.clone();
    let server = tokio::spawn(async move {
        axum::serve(listener, router)
            .with_graceful_shutdown(async move { stop.wait().await })
            .await
    });
    set_webhook(context, &settings.url, &secret).await?;
    tracing::info!(listen = settings.listen, "taking updates at the webhook");
    match server.await {
        Ok(Err(source)) => Err(WebhookError::Listen {
            address: settings.listen.clone(),
            source,
        }),
        _ => Ok(()),
    }
}

/// The secret: as configured, else the one kept in Redis (made by the first replica to ask),
/// else (one replica, no Redis) a fresh one.
async fn shared_secret(
    configured: Option<&str>,
    store: Option<&SharedStore>,
) -> Result<String, WebhookError> {
    if let Some(secret) = configured {
        let valid = (1..=256).contains(&secret.len())
            && secret
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
        return if valid {
            Ok(secret.to_string())
        } else {
            Err(WebhookError::Secret)
        };
    }
    let Some(store) = store else {
        return Ok(random_secret());
    };
    let key = SharedStore::key("webhook_secret");
    let mut make_or_read = redis::pipe();
    make_or_read
        .set_nx(&key, random_secret())
        .ignore()
        .get(&key);
    let (secret,): (String,) = store
        .transaction(&mut make_or_read)
        .await
        .map_err(WebhookError::NoSharedSecret)?;
    Ok(secret)
}

/// `setWebhook`, retried while Telegram cannot be reached (until the bot stops).
async fn set_webhook(context: &Context, url: &str, secret: &str) -> Result<(), WebhookError> {
    let params = json!({ "url": url, "secret_token": secret });
    let mut backoff = Backoff::new(
        std::time::Duration::from_millis(250),
        std::time::Duration::from_secs(3),
    );
    loop {
        match context.api.call("setWebhook", &params).await {
            Ok(_) => return Ok(()),
            Err(err) if err.is_passing() => {
                let wait = backoff.next_delay();
                tracing::warn!("setWebhook failed, trying again in {wait:?}: {err}");
                if !context.stop.sleep(wait).await {
                    return Ok(());
                }
            }
            Err(err) => return Err(WebhookError::Refused(err)),
        }
    }
}

fn digest(secret: &str) -> [u8; 32] {
    Sha256::digest(secret.as_bytes()).into()
}

/// 200 while this replica takes updates; 503 once it is stopping (so the balancer drains it).
/// The guide and its index are loaded before the server starts.
async fn healthz(State(hook): State<Arc<Hook>>) -> StatusCode {
    if hook.context.stop.is_set() {
        StatusCode::SERVICE_UNAVAILABLE
    } else {
        StatusCode::OK
    }
}

async fn take_update(State(hook): State<Arc<Hook>>, headers: HeaderMap, body: Bytes) -> StatusCode {
    // Compared as digests: the time taken says nothing about the secret.
    let given = headers
        .get(SECRET_HEADER)
        .map(|value| digest(&String::from_utf8_lossy(value.as_bytes())));
    if given != Some(hook.secret) {
        return StatusCode::UNAUTHORIZED;
    }
    if hook.context.stop.is_set() {
        return StatusCode::SERVICE_UNAVAILABLE;
    }
    let update: Option<Value> = serde_json::from_slice(&body).ok();
    let Some((update_id, update)) = update.and_then(|u| Some((u.get("update_id")?.as_i64()?, u)))
    else {
        // Telegram would post it again and again: acknowledged, with nothing to answer.
        tracing::warn!("the webhook received something that is not an update; skipped");
        return StatusCode::OK;
    };
    hook.take(update_id, update).await
}

impl Hook {
    /// Claims the update, answers it here while renewing the claim, then marks it done (or
    /// gives it up).
    async fn take(&self, update_id: i64, update: Value) -> StatusCode {
        let holder = match self.claims.claim(update_id, chat_of(&update)).await {
            Claim::Done => return StatusCode::OK,
            Claim::Busy => return StatusCode::SERVICE_UNAVAILABLE,
            Claim::Ours(holder) => Some(holder),
            Claim::Local => None,
        };
        let answering = self.answer_here(update_id, update);
        tokio::pin!(answering);
        let mut renew = tokio::time::interval(RENEW_EVERY);
        renew.tick().await;
        let status = loop {
            tokio::select! {
                status = &mut answering => break status,
                _ = renew.tick() => if let Some(holder) = &holder {
                    self.claims.renew(holder).await;
                },
            }
        };
        if let Some(holder) = &holder {
            if status == StatusCode::OK {
                self.claims.finish(holder).await;
            } else {
                self.claims.release(holder).await;
            }
        }
        status
    }

    /// Records the update in the ledger and has its chat's worker answer it: 200 once its
    /// replies are sent (or it was answered here before), 503 while it is being answered here
    /// or when the bot stopped first.
    async fn answer_here(&self, update_id: i64, update: Value) -> StatusCode {
        let ledger = self.context.ledger.clone();
        let received = tokio::task::spawn_blocking(move || {
            let fresh = ledger.receive(&[update])?;
            let handled = fresh.is_empty() && ledger.is_handled(update_id)?;
            Ok::<_, super::ledger::LedgerError>((fresh, handled))
        })
        .await;
        match received {
            Ok(Ok((fresh, handled))) => {
                let answered = match fresh.into_iter().next() {
                    Some(received) => self.chats.answer(received).await,
                    None => handled,
                };
                if answered {
                    StatusCode::OK
                } else {
                    StatusCode::SERVICE_UNAVAILABLE
                }
            }
            Ok(Err(err)) => {
                tracing::warn!("{err}");
                StatusCode::INTERNAL_SERVER_ERROR
            }
            Err(_) => StatusCode::SERVICE_UNAVAILABLE,
        }
    }
}
