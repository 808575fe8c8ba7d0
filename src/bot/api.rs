//! A minimal Bot API client on reqwest: one request, one answer, classified; never a sleep.
//!
//! teloxide's own client sleeps 10 s after any 5xx before it even returns the error, which
//! stalls replies and polling during an outage; retrying and waiting are the caller's choice here.

use std::time::Duration;

use serde_json::{Value, json};

/// Longest a request other than a long poll may take before it counts as a network failure.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(15);
/// Extra time a long poll gets beyond its own timeout.
const POLL_SLACK: Duration = Duration::from_secs(5);

/// Why a request to the Bot API did not succeed.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// Telegram could not be reached or did not answer in time.
    #[error("Telegram could not be reached: {0}")]
    Unreachable(String),
    /// Telegram answered with a 5xx status.
    #[error("Telegram failed with status {0}")]
    ServerError(u16),
    /// `429 Too Many Requests`: wait this long before trying again.
    #[error("Telegram asked to wait {0:?}")]
    RetryAfter(Duration),
    /// The token was refused (401) or the bot was logged out.
    #[error("Telegram did not accept the bot token ({0})")]
    Unauthorized(String),
    /// Telegram refused this request for good (a 4xx such as 400 or 403), with its reason.
    #[error("Telegram refused the request ({status}): {description}")]
    Refused { status: u16, description: String },
    /// The answer was not the Bot API's JSON.
    #[error("Telegram's answer could not be read: {0}")]
    Garbled(String),
}

impl ApiError {
    /// Whether trying the same request again later may succeed.
    pub fn is_passing(&self) -> bool {
        matches!(
            self,
            ApiError::Unreachable(_)
                | ApiError::ServerError(_)
                | ApiError::RetryAfter(_)
                | ApiError::Garbled(_)
        )
    }
}

/// A Bot API endpoint for one bot token.
#[derive(Clone)]
pub struct BotApi {
    http: reqwest::Client,
    /// `<api url>/bot<token>/`, to which a method name is appended.
    base: String,
}

impl BotApi {
    /// A client for `token` at Telegram, or at `api_url` (as `TELOXIDE_API_URL`) when given.
    pub fn new(token: &str, api_url: Option<&str>) -> Result<BotApi, ApiError> {
        let root = api_url.unwrap_or("https://api.telegram.org/");
        reqwest::Url::parse(root)
            .map_err(|e| ApiError::Garbled(format!("the API address {root:?}: {e}")))?;
        let http = reqwest::Client::builder()
            .connect_timeout(Duration::from_secs(5))
            .build()
            .map_err(|e| ApiError::Unreachable(e.to_string()))?;
        Ok(BotApi {
            http,
            base: format!("{}/bot{token}/", root.trim_end_matches('/')),
        })
    }

    /// Calls `method` with JSON `params` and returns its `result`.
    pub async fn call(&self, method: &str, params: &Value) -> Result<Value, ApiError> {
        self.call_within(method, params, REQUEST_TIMEOUT).await
    }

    /// `getUpdates` from `offset`, holding the poll open up to `timeout`. Updates are returned
    /// as raw JSON: reading them is the caller's business (and never logged).
    pub async fn get_updates(
        &self,
        offset: i64,
        timeout: Duration,
    ) -> Result<Vec<Value>, ApiError> {
        let params = json!({ "offset": offset, "timeout": timeout.as_secs() });
        match self
            .call_within("getUpdates", &params, timeout + POLL_SLACK)
            .await?
        {
            Value::Array(updates) => Ok(updates),
            _ => Err(ApiError::Garbled("getUpdates did not return a list".into())),
        }
    }

    async fn call_within(
        &self,
        method: &str,
        params: &Value,
        timeout: Duration,
    ) -> Result<Value, ApiError> {
        let response = self
            .http
            .post(format!("{}{method}", self.base))
            .json(params)
            .timeout(timeout)
            .send()
            .await
            // Without the URL: it holds the token.
            .map_err(|e| ApiError::Unreachable(e.without_url().to_string()))?;
        let status = response.status().as_u16();
        let body = response.bytes().await;
        if (500..600).contains(&status) {
            return Err(ApiError::ServerError(status));
        }
        let body = body.map_err(|e| ApiError::Unreachable(e.without_url().to_string()))?;
        let answer: Value = serde_json::from_slice(&body)
            .map_err(|_| ApiError::Garbled(format!("status {status}, not JSON")))?;
        classify(status, answer)
    }
}

/// The `result` of an `ok` answer, or the error Telegram described.
fn classify(status: u16, mut answer: Value) -> Result<Value, ApiError> {
    if answer.get("ok").and_then(Value::as_bool) == Some(true) {
        return Ok(answer
            .get_mut("result")
            .map(Value::take)
            .unwrap_or(Value::Null));
    }
    let code = answer
        .get("error_code")
        .and_then(Value::as_u64)
        .and_then(|c| u16::try_from(c).ok())
        .unwrap_or(status);
    let description = answer
        .get("description")
        .and_then(Value::as_str)
        .unwrap_or("no description")
        .to_string();
    let retry_after = answer
        .pointer("/parameters/retry_after")
        .and_then(Value::as_u64);
    Err(match (code, retry_after) {
        (429, Some(seconds)) => ApiError::RetryAfter(Duration::from_secs(seconds)),
        (429, None) => ApiError::RetryAfter(Duration::from_secs(1)),
        (500..=599, _) => ApiError::ServerError(code),
        (401, _) => ApiError::Unauthorized(description),
        _ => ApiError::Refused {
            status: code,
            description,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_are_classified_by_what_the_caller_can_do() {
        assert_eq!(
            classify(200, json!({"ok": true, "result": [1]})).unwrap(),
            json!([1])
        );
        let wait = classify(
            429,
            json!({"ok": false, "error_code": 429, "parameters": {"retry_after": 3}}),
        );
        assert!(matches!(wait, Err(ApiError::RetryAfter(d)) if d == Duration::from_secs(3)));
        let refused = classify(
            400,
            json!({"ok": false, "error_code": 400, "description": "Bad Request: message text is empty"}),
        )
        .unwrap_err();
        assert!(!refused.is_passing());
        assert!(refused.to_string().contains("message text is empty"));
        assert!(matches!(
            classify(401, json!({"ok": false, "error_code": 401})),
            Err(ApiError::Unauthorized(_))
        ));
        assert!(ApiError::ServerError(502).is_passing());
    }
}
