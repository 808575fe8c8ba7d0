//! The Redis that several replicas share (`redis_url`): one connection, made lazily and made
//! again after every failure. Every call can fail; callers then fall back to the replica's own
//! state. Redis going away is warned about once, and its return noted once.

use std::fmt::Display;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use redis::aio::{ConnectionManager, ConnectionManagerConfig};
use redis::{FromRedisValue, RedisResult};

/// Every key guidebot writes starts with this: one bot per Redis database.
const PREFIX: &str = "guidebot:";
/// How long a connection attempt may take before the call falls back.
const CONNECT_TIMEOUT: Duration = Duration::from_millis(500);
/// How long Redis may take to answer before the call falls back.
const RESPONSE_TIMEOUT: Duration = Duration::from_secs(1);

/// Why the shared state could not be used.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("redis_url is not a Redis address ({0})")]
    Url(#[source] redis::RedisError),
    #[error("shared state (Redis) unavailable: {0}")]
    Unavailable(#[from] redis::RedisError),
}

/// A handle on the shared Redis; clones share the connection.
#[derive(Clone)]
pub struct SharedStore {
    connection: ConnectionManager,
    /// Set while Redis fails, so that its loss is warned about once.
    down: Arc<AtomicBool>,
}

impl SharedStore {
    /// A handle on the Redis at `url`, connecting at the first call (so a replica starts even
    /// while Redis is down). Must be called inside a tokio runtime.
    pub fn connect(url: &str) -> Result<SharedStore, StoreError> {
        let client = redis::Client::open(url).map_err(StoreError::Url)?;
        let config = ConnectionManagerConfig::new()
            .set_connection_timeout(Some(CONNECT_TIMEOUT))
            .set_response_timeout(Some(RESPONSE_TIMEOUT))
            .set_number_of_retries(1)
            .set_max_delay(Duration::from_millis(200));
        let connection = ConnectionManager::new_lazy_with_config(client, config)?;
        Ok(SharedStore {
            connection,
            down: Arc::default(),
        })
    }

    /// The full name of the key `name`.
    pub fn key(name: impl Display) -> String {
        format!("{PREFIX}{name}")
    }

    /// Runs one command.
    pub async fn query<T: FromRedisValue>(&self, command: &redis::Cmd) -> Result<T, StoreError> {
        let mut connection = self.connection.clone();
        self.observe(command.query_async(&mut connection).await)
    }

    /// Runs a pipeline of commands, atomically.
    pub async fn transaction<T: FromRedisValue>(
        &self,
        pipeline: &mut redis::Pipeline,
    ) -> Result<T, StoreError> {
        let mut connection = self.connection.clone();
        self.observe(pipeline.atomic().query_async(&mut connection).await)
    }

    /// Runs a Lua script with its keys and arguments.
    pub async fn script<T: FromRedisValue>(
        &self,
        script: &redis::Script,
        keys: &[&str],
        args: &[&str],
    ) -> Result<T, StoreError> {
        let mut invocation = script.prepare_invoke();
        for key in keys {
            invocation.key(*key);
        }
        for arg in args {
            invocation.arg(*arg);
        }
        let mut connection = self.connection.clone();
        self.observe(invocation.invoke_async(&mut connection).await)
    }

    /// Notes whether Redis answered: one warning when it stops, one note when it is back.
    fn observe<T>(&self, result: RedisResult<T>) -> Result<T, StoreError> {
        match result {
            Ok(value) => {
                if self.down.swap(false, Ordering::Relaxed) {
                    tracing::info!("shared state (Redis) is back: sharing again");
                }
                Ok(value)
            }
            Err(err) => {
                // A reply Redis refused is a bug here, not an outage.
                let outage = err.is_io_error()
                    || err.is_timeout()
                    || err.is_connection_dropped()
                    || err.is_connection_refusal();
                if outage && !self.down.swap(true, Ordering::Relaxed) {
                    tracing::warn!(
                        "shared state (Redis) unavailable ({err}); this replica answers from its \
                         own state until it is back"
                    );
                } else if !outage {
                    tracing::warn!("shared state (Redis): {err}");
                }
                Err(err.into())
            }
        }
    }
}
