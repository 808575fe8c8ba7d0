//! A fake Telegram Bot API server on loopback that validates and records what a bot sends.
//!
//! Point a real `teloxide::Bot` at it with [`FakeTelegram::bot`] (or
//! `Bot::set_api_url(fake.api_url())`), queue incoming updates with the `push_*` methods and
//! inspect what the bot did with [`FakeTelegram::sent`], [`FakeTelegram::rejected`] and friends.
//! Outgoing text is checked the way Telegram checks it: empty and over-long texts, malformed
//! HTML and invalid callback data are answered with the same `400 Bad Request` descriptions, so
//! teloxide maps them to the same `ApiError` variants as in production.
//!
//! Deliberate differences from the real Bot API:
//! - a bare `&` that does not start `&lt;`, `&gt;`, `&amp;`, `&quot;` or a numeric reference is
//!   rejected (Telegram silently keeps it), to catch missing escaping early;
//! - Markdown parse modes are accepted without validation;
//! - long polls wait at most one second, so tests never stall on an idle poll;
//! - an outage ([`FakeTelegram::set_outage`]) answers every method with a 5xx at once;
//! - `allowed_updates` from `getUpdates` is applied when updates are delivered, not created.
//!
//! For webhook mode the test delivers the queued updates itself ([`FakeTelegram::take_pending`],
//! [`FakeTelegram::post_update`]), choosing the replica, posting twice or retrying as Telegram
//! does; `setWebhook` calls are recorded ([`FakeTelegram::webhooks`]).

use std::{
    collections::{HashMap, HashSet, VecDeque},
    fmt::{self, Write as _},
    net::SocketAddr,
    sync::{Arc, Mutex, MutexGuard, PoisonError},
    time::{Duration, SystemTime, UNIX_EPOCH},
};

use axum::{
    Json, Router,
    body::Bytes,
    extract::{Path, State},
    http::StatusCode,
    response::{IntoResponse, Response},
    routing::post,
};
use serde_json::{Value, json};
use tokio::{sync::Notify, task::JoinHandle, time::Instant};

/// Token that [`FakeTelegram::bot`] uses; any `<digits>:<letters>` token is accepted.
pub const TOKEN: &str = "123:TEST";
/// User id of the bot, as returned by `getMe`.
pub const BOT_ID: i64 = 123;
/// `first_name` of the bot.
pub const BOT_FIRST_NAME: &str = "Guidebot";
/// Username of the bot (without `@`).
pub const BOT_USERNAME: &str = "guidebot_test_bot";
/// Longest accepted message text, in UTF-16 code units of the visible text.
pub const MAX_TEXT_UTF16: usize = 4096;
/// Longest accepted `callback_data`, in bytes.
pub const MAX_CALLBACK_DATA_BYTES: usize = 64;

/// Longest time a `getUpdates` long poll is held open, whatever `timeout` the bot asks for.
const MAX_LONG_POLL: Duration = Duration::from_secs(1);
/// Default (and maximum) number of updates returned by one `getUpdates`.
const MAX_UPDATES_PER_POLL: usize = 100;
/// Language code given to simulated users unless [`FakeTelegram::set_user_language`] says otherwise.
const DEFAULT_LANGUAGE: &str = "en";
/// Update kinds Telegram leaves out when `allowed_updates` is empty or was never set.
const OPT_IN_UPDATES: [&str; 3] = ["chat_member", "message_reaction", "message_reaction_count"];
const NOT_MODIFIED: &str = "message is not modified: specified new message content and reply \
                            markup are exactly the same as a current content and reply markup of \
                            the message";
const INVALID_QUERY: &str = "query is too old and response timeout expired or query id is invalid";
/// Inline keyboard button fields that give a button an action (a button needs exactly one).
const BUTTON_ACTIONS: [&str; 10] = [
    "url",
    "callback_data",
    "web_app",
    "login_url",
    "switch_inline_query",
    "switch_inline_query_current_chat",
    "switch_inline_query_chosen_chat",
    "copy_text",
    "callback_game",
    "pay",
];

/// An error injected with [`FakeTelegram::fail_next`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Failure {
    /// HTTP 429 with `parameters.retry_after`; teloxide reports `RequestError::RetryAfter`.
    TooManyRequests { retry_after: u32 },
    /// The given 5xx status with "Internal Server Error". Note that teloxide sleeps 10 seconds
    /// after any 5xx response before returning the error.
    ServerError(u16),
    /// Any other API error, e.g. 403 "Forbidden: bot was blocked by the user".
    Api { status: u16, description: String },
}

impl Failure {
    /// The error Telegram returns when the user has blocked the bot.
    pub fn bot_blocked() -> Self {
        Self::Api {
            status: 403,
            description: "Forbidden: bot was blocked by the user".into(),
        }
    }
}

/// A `sendMessage` / `editMessageText` / `editMessageReplyMarkup` request that Telegram accepted.
#[derive(Clone, Debug, PartialEq)]
pub struct SentMessage {
    pub chat_id: i64,
    /// The text exactly as the bot sent it (HTML source when `parse_mode` is HTML).
    pub text: String,
    /// What the user sees: tags removed, entities decoded, surrounding whitespace trimmed.
    pub visible_text: String,
    pub parse_mode: Option<String>,
    pub reply_markup: Option<Value>,
    /// Canonical method name: `sendMessage`, `editMessageText` or `editMessageReplyMarkup`.
    pub method: String,
    pub message_id: i32,
    /// When the fake accepted it.
    pub accepted_at: std::time::Instant,
}

/// A request answered with `400 Bad Request`.
#[derive(Clone, Debug, PartialEq)]
pub struct Rejection {
    /// Method name as the bot spelled it in the URL.
    pub method: String,
    pub chat_id: Option<i64>,
    pub text: Option<String>,
    /// The `description` Telegram would return, e.g. "Bad Request: message is too long".
    pub reason: String,
}

/// Handle to a running fake server; clones share it, and the last one dropped stops it.
#[derive(Clone)]
pub struct FakeTelegram {
    shared: Arc<Shared>,
    addr: SocketAddr,
    _server: Arc<ServerTask>,
}

/// Aborts the server task when dropped.
struct ServerTask(JoinHandle<()>);

impl Drop for ServerTask {
    fn drop(&mut self) {
        self.0.abort();
    }
}

impl FakeTelegram {
    /// Binds `127.0.0.1:0` and serves the fake API from a tokio task.
    pub async fn start() -> FakeTelegram {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("fake Telegram: bind a loopback port");
        let addr = listener
            .local_addr()
            .expect("fake Telegram: read the bound address");
        let shared = Arc::new(Shared::default());
        let app = Router::new()
            .route("/{token}/{method}", post(handle).get(handle))
            .fallback(not_found)
            .with_state(Arc::clone(&shared));
        let task = tokio::spawn(async move {
            // Only fails when the listener dies, which ends the test's use of the server anyway.
            let _ = axum::serve(listener, app).await;
        });
        FakeTelegram {
            shared,
            addr,
            _server: Arc::new(ServerTask(task)),
        }
    }

    /// Base URL for `Bot::set_api_url`; teloxide appends `bot<TOKEN>/<Method>`.
    pub fn api_url(&self) -> reqwest::Url {
        let url = format!("http://{}/", self.addr);
        reqwest::Url::parse(&url).expect("fake Telegram: loopback URL is valid")
    }

    /// A plain `teloxide::Bot` with token [`TOKEN`] talking to this server.
    pub fn bot(&self) -> teloxide::Bot {
        teloxide::Bot::new(TOKEN).set_api_url(self.api_url())
    }

    /// Queues a private-chat text message from `user_id`; returns its `message_id`.
    pub fn push_text(&self, chat_id: i64, user_id: i64, text: &str) -> i32 {
        let mut state = self.lock();
        state.remember_private_chat(chat_id, user_id);
        let message = state.incoming_message(chat_id, user_id, text);
        let message_id = message_id_of(&message);
        state.push_update(json!({ "message": message }));
        drop(state);
        self.shared.updates_changed();
        message_id
    }

    /// Queues a supergroup text message, optionally replying to the bot's latest message there.
    pub fn push_group_text(
        &self,
        chat_id: i64,
        user_id: i64,
        text: &str,
        reply_to_bot: bool,
    ) -> i32 {
        let mut state = self.lock();
        state.remember_group_chat(chat_id);
        let mut message = state.incoming_message(chat_id, user_id, text);
        if reply_to_bot {
            message["reply_to_message"] = state.reply_target(chat_id);
        }
        let message_id = message_id_of(&message);
        state.push_update(json!({ "message": message }));
        drop(state);
        self.shared.updates_changed();
        message_id
    }

    /// Queues a button press on the bot's message `message_id`; returns the callback query id.
    ///
    /// If the fake never sent that message, the update carries an inaccessible message
    /// (`date` 0), like Telegram does for deleted or very old messages.
    pub fn push_callback(&self, chat_id: i64, user_id: i64, message_id: i32, data: &str) -> String {
        let mut state = self.lock();
        let id = state.issue_callback_id();
        let message = state.bot_message_json(chat_id, message_id).unwrap_or_else(
            || json!({ "chat": state.chat_json(chat_id), "message_id": message_id, "date": 0 }),
        );
        let query = json!({
            "id": id,
            "from": state.user_json(user_id),
            "message": message,
            "chat_instance": format!("instance{chat_id}"),
            "data": data,
        });
        state.push_update(json!({ "callback_query": query }));
        drop(state);
        self.shared.updates_changed();
        id
    }

    /// Queues a raw update; `update_id` is assigned when missing. Returns the update id.
    pub fn push_update(&self, update: Value) -> i64 {
        let id = self.lock().push_update(update);
        self.shared.updates_changed();
        id
    }

    /// A private-chat text message object with a fresh `message_id`, for building raw updates
    /// (edited messages, stickers, photos, ...) to pass to [`FakeTelegram::push_update`].
    pub fn incoming_message_json(&self, chat_id: i64, user_id: i64, text: &str) -> Value {
        let mut state = self.lock();
        state.remember_private_chat(chat_id, user_id);
        state.incoming_message(chat_id, user_id, text)
    }

    /// Sets the `language_code` of a simulated user for later updates (`None` omits it).
    pub fn set_user_language(&self, user_id: i64, language_code: Option<&str>) {
        self.lock()
            .languages
            .insert(user_id, language_code.map(str::to_owned));
    }

    /// Makes the next call of `method` (any casing) fail; repeated calls queue more failures.
    pub fn fail_next(&self, method: &str, failure: Failure) {
        let key = method.to_ascii_lowercase();
        self.lock()
            .failures
            .entry(key)
            .or_default()
            .push_back(failure);
    }

    /// Starts (`Some(status)`) or ends (`None`) an outage: while it lasts every method, polls
    /// included, fails with that 5xx status.
    pub fn set_outage(&self, status: Option<u16>) {
        self.lock().outage = status;
        self.shared.activity.notify_waiters();
    }

    /// Makes every `sendMessage` take `delay` before Telegram handles it (a slow network).
    pub fn set_send_delay(&self, delay: Duration) {
        self.lock().send_delay = delay;
    }

    /// Every accepted `sendMessage` / `editMessageText` / `editMessageReplyMarkup`, in order.
    pub fn sent(&self) -> Vec<SentMessage> {
        self.lock().sent.clone()
    }

    /// Waits until at least `n` messages were accepted; panics with a dump on timeout.
    pub async fn wait_for_sent(&self, n: usize, timeout: Duration) -> Vec<SentMessage> {
        let what = format!("{n} accepted message(s)");
        self.wait_until(&what, timeout, |fake| fake.lock().sent.len() >= n)
            .await;
        self.sent()
    }

    /// Waits until `done` holds, re-checking after every request and push; panics with a
    /// dump naming `what` on timeout.
    pub async fn wait_until(&self, what: &str, timeout: Duration, done: impl Fn(&Self) -> bool) {
        let deadline = Instant::now() + timeout;
        loop {
            let activity = self.shared.activity.notified();
            tokio::pin!(activity);
            activity.as_mut().enable();
            if done(self) {
                return;
            }
            if Instant::now() >= deadline {
                panic!(
                    "fake Telegram: timed out after {timeout:?} waiting for {what}\n{}",
                    self.dump()
                );
            }
            let _ = tokio::time::timeout_at(deadline, activity).await;
        }
    }

    /// How many requests of `method` (any casing) arrived, including failed ones.
    pub fn calls(&self, method: &str) -> usize {
        let key = method.to_ascii_lowercase();
        self.lock().calls.get(&key).copied().unwrap_or(0)
    }

    /// Requests answered with `400 Bad Request`, in order.
    pub fn rejected(&self) -> Vec<Rejection> {
        self.lock().rejected.clone()
    }

    /// Fails the test if Telegram would have refused any request (bad HTML, too long, empty).
    pub fn assert_nothing_rejected(&self) {
        let rejected = self.rejected();
        assert!(rejected.is_empty(), "{rejected:?}");
    }

    /// Callback query ids answered with `answerCallbackQuery`, in order.
    pub fn answered_callbacks(&self) -> Vec<String> {
        self.lock().answered_callbacks.clone()
    }

    /// `(command, description)` pairs from the last successful `setMyCommands`.
    pub fn commands(&self) -> Vec<(String, String)> {
        self.lock().commands.clone()
    }

    /// Highest positive `offset` passed to `getUpdates`; updates below it are confirmed.
    pub fn confirmed_offset(&self) -> i64 {
        self.lock().confirmed_offset
    }

    /// Updates queued but not yet confirmed by the bot.
    pub fn pending_updates(&self) -> usize {
        self.lock().pending.len()
    }

    /// The last `allowed_updates` list the bot passed to `getUpdates`, if any.
    pub fn allowed_updates(&self) -> Option<Vec<String>> {
        self.lock().allowed_updates.clone()
    }

    /// The parameters of every `setWebhook` call, in order.
    pub fn webhooks(&self) -> Vec<Value> {
        self.lock().webhooks.clone()
    }

    /// Takes every queued update (to post them to a webhook instead of `getUpdates`).
    pub fn take_pending(&self) -> Vec<Value> {
        self.lock().pending.drain(..).collect()
    }

    /// Posts `update` to the webhook at `url` with `secret` in Telegram's header (none when
    /// `None`), as Telegram does; the HTTP status, or `None` when the replica could not be
    /// reached or gave no answer.
    pub async fn post_update(
        &self,
        url: &str,
        secret: Option<&str>,
        update: &Value,
    ) -> Option<u16> {
        let client = reqwest::Client::new();
        let mut request = client
            .post(url)
            .header("content-type", "application/json")
            .body(update.to_string())
            .timeout(Duration::from_secs(60));
        if let Some(secret) = secret {
            request = request.header("X-Telegram-Bot-Api-Secret-Token", secret);
        }
        request.send().await.ok().map(|r| r.status().as_u16())
    }

    /// Human-readable summary of everything recorded, for assertion messages.
    pub fn dump(&self) -> String {
        self.lock().to_string()
    }

    fn lock(&self) -> MutexGuard<'_, FakeState> {
        self.shared.lock()
    }
}

/// State shared between the handle and the server task.
#[derive(Default)]
struct Shared {
    state: Mutex<FakeState>,
    /// Woken when updates are queued, for long polls.
    updates_arrived: Notify,
    /// Woken after every request and push, for [`FakeTelegram::wait_until`].
    activity: Notify,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, FakeState> {
        // A panicking test thread must not take the server down with it.
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn updates_changed(&self) {
        self.updates_arrived.notify_waiters();
        self.activity.notify_waiters();
    }
}

/// A message the bot sent, kept for edits and for callback queries on it.
#[derive(Clone)]
struct BotMessage {
    chat_id: i64,
    message_id: i32,
    date: i64,
    edit_date: Option<i64>,
    raw_text: String,
    parse_mode: Option<String>,
    rendered: Rendered,
    reply_markup: Option<Value>,
}

#[derive(Default)]
struct FakeState {
    next_update_id: i64,
    pending: VecDeque<Value>,
    confirmed_offset: i64,
    allowed_updates: Option<Vec<String>>,
    last_message_ids: HashMap<i64, i32>,
    chats: HashMap<i64, Value>,
    languages: HashMap<i64, Option<String>>,
    bot_messages: HashMap<(i64, i32), BotMessage>,
    latest_bot_message: HashMap<i64, i32>,
    sent: Vec<SentMessage>,
    rejected: Vec<Rejection>,
    calls: HashMap<String, usize>,
    failures: HashMap<String, VecDeque<Failure>>,
    issued_callbacks: HashSet<String>,
    answered_callbacks: Vec<String>,
    commands: Vec<(String, String)>,
    /// While set, every method fails with this 5xx status (a Telegram outage).
    outage: Option<u16>,
    /// How long each `sendMessage` takes before Telegram handles it.
    send_delay: Duration,
    /// Parameters of every `setWebhook`.
    webhooks: Vec<Value>,
}

// ----- incoming updates -------------------------------------------------------------------

impl FakeState {
    fn push_update(&mut self, mut update: Value) -> i64 {
        let id = match update.get("update_id").and_then(Value::as_i64) {
            Some(id) => id,
            None => self.next_update_id + 1,
        };
        self.next_update_id = self.next_update_id.max(id);
        if let Some(object) = update.as_object_mut() {
            object.insert("update_id".into(), json!(id));
        }
        self.pending.push_back(update);
        id
    }

    fn next_message_id(&mut self, chat_id: i64) -> i32 {
        let last = self.last_message_ids.entry(chat_id).or_insert(0);
        *last += 1;
        *last
    }

    fn remember_private_chat(&mut self, chat_id: i64, user_id: i64) {
        let user = self.user_json(user_id);
        let chat = json!({
            "id": chat_id,
            "type": "private",
            "first_name": user["first_name"],
            "username": user["username"],
        });
        self.chats.insert(chat_id, chat);
    }

    fn remember_group_chat(&mut self, chat_id: i64) {
        let chat = json!({ "id": chat_id, "type": "supergroup", "title": "Test group" });
        self.chats.insert(chat_id, chat);
    }

    /// The chat object for `chat_id`: as last seen, else private for positive ids, group otherwise.
    fn chat_json(&self, chat_id: i64) -> Value {
        if let Some(chat) = self.chats.get(&chat_id) {
            return chat.clone();
        }
        if chat_id > 0 {
            json!({ "id": chat_id, "type": "private", "first_name": "Tester" })
        } else {
            json!({ "id": chat_id, "type": "supergroup", "title": "Test group" })
        }
    }

    fn user_json(&self, user_id: i64) -> Value {
        let mut user = json!({
            "id": user_id,
            "is_bot": false,
            "first_name": "Tester",
            "username": format!("user{user_id}"),
        });
        let language = match self.languages.get(&user_id) {
            Some(language) => language.clone(),
            None => Some(DEFAULT_LANGUAGE.to_owned()),
        };
        if let Some(language) = language {
            user["language_code"] = json!(language);
        }
        user
    }

    fn incoming_message(&mut self, chat_id: i64, user_id: i64, text: &str) -> Value {
        let mut message = json!({
            "message_id": self.next_message_id(chat_id),
            "date": now_unix(),
            "chat": self.chat_json(chat_id),
            "from": self.user_json(user_id),
            "text": text,
        });
        let entities = incoming_entities(text);
        if !entities.is_empty() {
            message["entities"] = Value::Array(entities);
        }
        message
    }

    /// The bot's latest message in `chat_id`, inventing one when it has not sent any.
    fn reply_target(&mut self, chat_id: i64) -> Value {
        let known = self.latest_bot_message.get(&chat_id).copied();
        let message_id = match known {
            Some(message_id) => message_id,
            None => self.store_bot_message(
                chat_id,
                "(earlier message)",
                None,
                Rendered::plain("(earlier message)"),
                None,
            ),
        };
        self.bot_message_json(chat_id, message_id)
            .unwrap_or(Value::Null)
    }

    fn issue_callback_id(&mut self) -> String {
        let id = format!("cbq{}", self.issued_callbacks.len() + 1);
        self.issued_callbacks.insert(id.clone());
        id
    }
}

// ----- getUpdates -------------------------------------------------------------------------

/// The parameters of one `getUpdates` call.
struct PollRequest {
    offset: Option<i64>,
    limit: usize,
    wait: Duration,
    allowed_updates: Option<Vec<String>>,
}

impl PollRequest {
    fn from_params(params: &Value) -> Self {
        let limit = params
            .get("limit")
            .and_then(Value::as_u64)
            .unwrap_or(MAX_UPDATES_PER_POLL as u64);
        let timeout = params.get("timeout").and_then(Value::as_u64).unwrap_or(0);
        let allowed_updates =
            params
                .get("allowed_updates")
                .and_then(Value::as_array)
                .map(|kinds| {
                    kinds
                        .iter()
                        .filter_map(Value::as_str)
                        .map(str::to_owned)
                        .collect()
                });
        Self {
            offset: params.get("offset").and_then(Value::as_i64),
            limit: usize::try_from(limit)
                .unwrap_or(MAX_UPDATES_PER_POLL)
                .clamp(1, MAX_UPDATES_PER_POLL),
            wait: Duration::from_secs(timeout).min(MAX_LONG_POLL),
            allowed_updates,
        }
    }
}

async fn get_updates(shared: &Shared, params: &Value) -> ApiResult {
    let request = PollRequest::from_params(params);
    let deadline = Instant::now() + request.wait;
    shared.lock().begin_poll(&request);
    loop {
        let arrived = shared.updates_arrived.notified();
        tokio::pin!(arrived);
        arrived.as_mut().enable();
        let batch = shared.lock().deliverable(request.limit);
        if !batch.is_empty() || Instant::now() >= deadline {
            return Ok(Value::Array(batch));
        }
        let _ = tokio::time::timeout_at(deadline, arrived).await;
    }
}

impl FakeState {
    /// Applies `offset` (confirming or forgetting updates) and remembers `allowed_updates`.
    fn begin_poll(&mut self, request: &PollRequest) {
        if let Some(kinds) = &request.allowed_updates {
            self.allowed_updates = Some(kinds.clone());
        }
        match request.offset {
            Some(offset) if offset > 0 => {
                self.pending.retain(|update| update_id_of(update) >= offset);
                self.confirmed_offset = self.confirmed_offset.max(offset);
            }
            Some(offset) if offset < 0 => {
                let keep = usize::try_from(offset.unsigned_abs()).unwrap_or(usize::MAX);
                while self.pending.len() > keep {
                    self.pending.pop_front();
                }
            }
            _ => {}
        }
    }

    /// Drops updates the bot did not subscribe to and returns up to `limit` of the rest.
    fn deliverable(&mut self, limit: usize) -> Vec<Value> {
        let allowed = self.allowed_updates.clone();
        self.pending
            .retain(|update| is_allowed(update, allowed.as_deref()));
        self.pending.iter().take(limit).cloned().collect()
    }
}

fn is_allowed(update: &Value, allowed: Option<&[String]>) -> bool {
    let Some(kind) = update_kind(update) else {
        return true;
    };
    match allowed {
        Some(kinds) if !kinds.is_empty() => kinds.iter().any(|allowed| allowed == kind),
        _ => !OPT_IN_UPDATES.contains(&kind),
    }
}

fn update_kind(update: &Value) -> Option<&str> {
    update
        .as_object()?
        .keys()
        .map(String::as_str)
        .find(|key| *key != "update_id")
}

fn update_id_of(update: &Value) -> i64 {
    update.get("update_id").and_then(Value::as_i64).unwrap_or(0)
}

// ----- HTTP plumbing ----------------------------------------------------------------------

/// A non-ok API answer.
#[derive(Debug)]
struct ApiError {
    status: u16,
    description: String,
    retry_after: Option<u32>,
}

type ApiResult = Result<Value, ApiError>;

impl ApiError {
    fn new(status: u16, description: impl Into<String>) -> Self {
        Self {
            status,
            description: description.into(),
            retry_after: None,
        }
    }

    fn bad_request(detail: impl fmt::Display) -> Self {
        Self::new(400, format!("Bad Request: {detail}"))
    }
}

impl From<Failure> for ApiError {
    fn from(failure: Failure) -> Self {
        match failure {
            Failure::TooManyRequests { retry_after } => Self {
                status: 429,
                description: format!("Too Many Requests: retry after {retry_after}"),
                retry_after: Some(retry_after),
            },
            Failure::ServerError(status) => Self::new(status, "Internal Server Error"),
            Failure::Api {
                status,
                description,
            } => Self::new(status, description),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let mut body =
            json!({ "ok": false, "error_code": self.status, "description": self.description });
        if let Some(retry_after) = self.retry_after {
            body["parameters"] = json!({ "retry_after": retry_after });
        }
        (status, Json(body)).into_response()
    }
}

async fn not_found() -> Response {
    ApiError::new(404, "Not Found").into_response()
}

async fn handle(
    State(shared): State<Arc<Shared>>,
    Path((token, method)): Path<(String, String)>,
    body: Bytes,
) -> Response {
    let result = match token.strip_prefix("bot") {
        Some(token) if is_valid_token(token) => call(&shared, &method, &body).await,
        Some(_) => Err(ApiError::new(401, "Unauthorized")),
        None => Err(ApiError::new(404, "Not Found")),
    };
    shared.activity.notify_waiters();
    match result {
        Ok(result) => Json(json!({ "ok": true, "result": result })).into_response(),
        Err(error) => error.into_response(),
    }
}

fn is_valid_token(token: &str) -> bool {
    let Some((id, secret)) = token.split_once(':') else {
        return false;
    };
    let secret_ok = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '-';
    !id.is_empty()
        && id.chars().all(|c| c.is_ascii_digit())
        && !secret.is_empty()
        && secret.chars().all(secret_ok)
}

async fn call(shared: &Shared, method: &str, body: &[u8]) -> ApiResult {
    let key = method.to_ascii_lowercase();
    let (failure, send_delay) = {
        let mut state = shared.lock();
        match state.outage {
            Some(status) => {
                *state.calls.entry(key.clone()).or_default() += 1;
                (Some(Failure::ServerError(status)), Duration::ZERO)
            }
            None => (state.count_call(&key), state.send_delay),
        }
    };
    if let Some(failure) = failure {
        return Err(failure.into());
    }
    if key == "sendmessage" && !send_delay.is_zero() {
        tokio::time::sleep(send_delay).await;
    }
    let params = parse_params(body)?;
    if key == "getupdates" {
        return get_updates(shared, &params).await;
    }
    let mut state = shared.lock();
    let result = state.answer(&key, &params);
    if let Err(error) = &result {
        state.record_rejection(method, &params, error);
    }
    result
}

fn parse_params(body: &[u8]) -> Result<Value, ApiError> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(json!({}));
    }
    match serde_json::from_slice::<Value>(body) {
        Ok(params @ Value::Object(_)) => Ok(params),
        _ => Err(ApiError::bad_request(
            "the fake Telegram server only understands JSON object bodies",
        )),
    }
}

// ----- synchronous methods ----------------------------------------------------------------

impl FakeState {
    /// Counts the call and pops an injected failure for it, if one is queued.
    fn count_call(&mut self, key: &str) -> Option<Failure> {
        *self.calls.entry(key.to_owned()).or_default() += 1;
        self.failures.get_mut(key).and_then(VecDeque::pop_front)
    }

    fn record_rejection(&mut self, method: &str, params: &Value, error: &ApiError) {
        if error.status != 400 {
            return;
        }
        self.rejected.push(Rejection {
            method: method.to_owned(),
            chat_id: params.get("chat_id").and_then(Value::as_i64),
            text: params
                .get("text")
                .and_then(Value::as_str)
                .map(str::to_owned),
            reason: error.description.clone(),
        });
    }

    fn answer(&mut self, key: &str, params: &Value) -> ApiResult {
        match key {
            "getme" => Ok(me_json()),
            "sendmessage" => self.send_message(params),
            "editmessagetext" => self.edit_message_text(params),
            "editmessagereplymarkup" => self.edit_message_reply_markup(params),
            "answercallbackquery" => self.answer_callback_query(params),
            "setmycommands" => self.set_my_commands(params),
            "getmycommands" => Ok(self.commands_json()),
            "deletemycommands" => {
                self.commands.clear();
                Ok(json!(true))
            }
            "getwebhookinfo" => Ok(self.webhook_info()),
            "setwebhook" => {
                self.webhooks.push(params.clone());
                Ok(json!(true))
            }
            "deletewebhook" => {
                if params.get("drop_pending_updates").and_then(Value::as_bool) == Some(true) {
                    self.pending.clear();
                }
                Ok(json!(true))
            }
            _ => Ok(json!(true)),
        }
    }

    fn send_message(&mut self, params: &Value) -> ApiResult {
        let chat_id = chat_id_param(params)?;
        let raw_text = params
            .get("text")
            .and_then(Value::as_str)
            .unwrap_or_default();
        let parse_mode = string_param(params, "parse_mode");
        let rendered = render_text(raw_text, parse_mode.as_deref(), "message is too long")?;
        let reply_markup = params.get("reply_markup").cloned();
        validate_reply_markup(reply_markup.as_ref())?;
        let message_id =
            self.store_bot_message(chat_id, raw_text, parse_mode, rendered, reply_markup);
        self.record_sent(chat_id, message_id, "sendMessage");
        Ok(self
            .bot_message_json(chat_id, message_id)
            .unwrap_or(Value::Null))
    }

    fn edit_message_text(&mut self, params: &Value) -> ApiResult {
        let (chat_id, message_id) = self.edited_message_key(params)?;
        let raw_text = params
            .get("text")
            .and_then(Value::as_str)
            .unwrap_or_default();
        let parse_mode = string_param(params, "parse_mode");
        let rendered = render_text(raw_text, parse_mode.as_deref(), "MESSAGE_TOO_LONG")?;
        let reply_markup = params.get("reply_markup").cloned();
        validate_reply_markup(reply_markup.as_ref())?;
        let message = self
            .bot_messages
            .get_mut(&(chat_id, message_id))
            .ok_or_else(edit_target_missing)?;
        if message.rendered == rendered && message.reply_markup == reply_markup {
            return Err(ApiError::bad_request(NOT_MODIFIED));
        }
        message.raw_text = raw_text.to_owned();
        message.parse_mode = parse_mode;
        message.rendered = rendered;
        message.reply_markup = reply_markup;
        message.edit_date = Some(now_unix());
        self.record_sent(chat_id, message_id, "editMessageText");
        Ok(self
            .bot_message_json(chat_id, message_id)
            .unwrap_or(Value::Null))
    }

    fn edit_message_reply_markup(&mut self, params: &Value) -> ApiResult {
        let (chat_id, message_id) = self.edited_message_key(params)?;
        let reply_markup = params.get("reply_markup").cloned();
        validate_reply_markup(reply_markup.as_ref())?;
        let message = self
            .bot_messages
            .get_mut(&(chat_id, message_id))
            .ok_or_else(edit_target_missing)?;
        if message.reply_markup == reply_markup {
            return Err(ApiError::bad_request(NOT_MODIFIED));
        }
        message.reply_markup = reply_markup;
        message.edit_date = Some(now_unix());
        self.record_sent(chat_id, message_id, "editMessageReplyMarkup");
        Ok(self
            .bot_message_json(chat_id, message_id)
            .unwrap_or(Value::Null))
    }

    /// `(chat_id, message_id)` of an edit request whose target the bot sent earlier.
    fn edited_message_key(&self, params: &Value) -> Result<(i64, i32), ApiError> {
        if params.get("inline_message_id").is_some() {
            return Err(ApiError::bad_request("MESSAGE_ID_INVALID"));
        }
        let chat_id = chat_id_param(params)?;
        let message_id = params
            .get("message_id")
            .and_then(Value::as_i64)
            .and_then(|id| i32::try_from(id).ok())
            .ok_or_else(|| ApiError::bad_request("message identifier is not specified"))?;
        if !self.bot_messages.contains_key(&(chat_id, message_id)) {
            return Err(edit_target_missing());
        }
        Ok((chat_id, message_id))
    }

    fn answer_callback_query(&mut self, params: &Value) -> ApiResult {
        let id = string_param(params, "callback_query_id").unwrap_or_default();
        let fresh = self.issued_callbacks.contains(&id) && !self.answered_callbacks.contains(&id);
        if !fresh {
            return Err(ApiError::bad_request(INVALID_QUERY));
        }
        self.answered_callbacks.push(id);
        Ok(json!(true))
    }

    fn set_my_commands(&mut self, params: &Value) -> ApiResult {
        let list = params
            .get("commands")
            .and_then(Value::as_array)
            .ok_or_else(|| ApiError::bad_request("parameter \"commands\" is required"))?;
        let commands = list
            .iter()
            .map(parse_bot_command)
            .collect::<Result<Vec<_>, _>>()?;
        self.commands = commands;
        Ok(json!(true))
    }

    fn commands_json(&self) -> Value {
        let list = self.commands.iter().map(
            |(command, description)| json!({ "command": command, "description": description }),
        );
        Value::Array(list.collect())
    }

    fn webhook_info(&self) -> Value {
        json!({ "url": "", "has_custom_certificate": false, "pending_update_count": self.pending.len() })
    }

    /// Stores a message from the bot in `chat_id` and returns its new `message_id`.
    fn store_bot_message(
        &mut self,
        chat_id: i64,
        raw_text: &str,
        parse_mode: Option<String>,
        rendered: Rendered,
        reply_markup: Option<Value>,
    ) -> i32 {
        let message_id = self.next_message_id(chat_id);
        let message = BotMessage {
            chat_id,
            message_id,
            date: now_unix(),
            edit_date: None,
            raw_text: raw_text.to_owned(),
            parse_mode,
            rendered,
            reply_markup,
        };
        self.bot_messages.insert((chat_id, message_id), message);
        self.latest_bot_message.insert(chat_id, message_id);
        message_id
    }

    fn record_sent(&mut self, chat_id: i64, message_id: i32, method: &str) {
        let Some(message) = self.bot_messages.get(&(chat_id, message_id)) else {
            return;
        };
        self.sent.push(SentMessage {
            chat_id,
            text: message.raw_text.clone(),
            visible_text: message.rendered.text.clone(),
            parse_mode: message.parse_mode.clone(),
            reply_markup: message.reply_markup.clone(),
            method: method.to_owned(),
            message_id,
            accepted_at: std::time::Instant::now(),
        });
    }

    fn bot_message_json(&self, chat_id: i64, message_id: i32) -> Option<Value> {
        let message = self.bot_messages.get(&(chat_id, message_id))?;
        let mut json = json!({
            "message_id": message.message_id,
            "date": message.date,
            "chat": self.chat_json(message.chat_id),
            "from": bot_user_json(),
            "text": message.rendered.text,
        });
        if !message.rendered.entities.is_empty() {
            json["entities"] = Value::Array(message.rendered.entities.clone());
        }
        if let Some(markup) = &message.reply_markup {
            json["reply_markup"] = markup.clone();
        }
        if let Some(edit_date) = message.edit_date {
            json["edit_date"] = json!(edit_date);
        }
        Some(json)
    }
}

impl fmt::Display for FakeState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "--- fake Telegram state ---")?;
        writeln!(f, "accepted messages ({}):", self.sent.len())?;
        for sent in &self.sent {
            writeln!(
                f,
                "  {} chat={} id={}: {:?}",
                sent.method, sent.chat_id, sent.message_id, sent.text
            )?;
        }
        writeln!(f, "rejected requests ({}):", self.rejected.len())?;
        for rejection in &self.rejected {
            writeln!(
                f,
                "  {} chat={:?}: {} <- {:?}",
                rejection.method, rejection.chat_id, rejection.reason, rejection.text
            )?;
        }
        let mut calls: Vec<_> = self.calls.iter().collect();
        calls.sort();
        let mut summary = String::new();
        for (method, count) in calls {
            let _ = write!(summary, " {method}={count}");
        }
        writeln!(f, "calls:{summary}")?;
        writeln!(f, "answered callbacks: {:?}", self.answered_callbacks)?;
        write!(
            f,
            "pending updates: {}, confirmed offset: {}",
            self.pending.len(),
            self.confirmed_offset
        )
    }
}

// ----- validation -------------------------------------------------------------------------

fn chat_id_param(params: &Value) -> Result<i64, ApiError> {
    match params.get("chat_id") {
        Some(Value::Number(id)) => id
            .as_i64()
            .ok_or_else(|| ApiError::bad_request("chat not found")),
        Some(Value::String(_)) => Err(ApiError::bad_request("chat not found")),
        _ => Err(ApiError::bad_request("chat_id is empty")),
    }
}

fn string_param(params: &Value, name: &str) -> Option<String> {
    params.get(name).and_then(Value::as_str).map(str::to_owned)
}

fn edit_target_missing() -> ApiError {
    ApiError::bad_request("message to edit not found")
}

/// Checks a message as Telegram would for `sendMessage` with HTML parse mode: valid HTML,
/// not empty, not over the length limit. Returns the visible text.
pub fn check_html_message(raw: &str) -> Result<String, String> {
    render_text(raw, Some("HTML"), "message is too long")
        .map(|rendered| rendered.text)
        .map_err(|error| format!("{error:?}"))
}

/// Parses `raw` per `parse_mode` and applies Telegram's empty / length checks.
fn render_text(raw: &str, parse_mode: Option<&str>, too_long: &str) -> Result<Rendered, ApiError> {
    let mode = parse_mode.map(str::to_ascii_lowercase);
    let rendered = match mode.as_deref() {
        None | Some("") | Some("markdown") | Some("markdownv2") => Rendered::plain(raw),
        Some("html") => html::parse(raw)
            .map_err(|error| ApiError::bad_request(format!("can't parse entities: {error}")))?,
        Some(_) => return Err(ApiError::bad_request("unsupported parse_mode")),
    }
    .trimmed();
    if rendered.text.is_empty() {
        return Err(ApiError::bad_request("message text is empty"));
    }
    if rendered.text.encode_utf16().count() > MAX_TEXT_UTF16 {
        return Err(ApiError::bad_request(too_long));
    }
    Ok(rendered)
}

fn validate_reply_markup(markup: Option<&Value>) -> Result<(), ApiError> {
    let Some(rows) = markup.and_then(|markup| markup.get("inline_keyboard")) else {
        return Ok(());
    };
    let malformed =
        || ApiError::bad_request("field \"inline_keyboard\" must be an Array of Arrays");
    for row in rows.as_array().ok_or_else(malformed)? {
        for button in row.as_array().ok_or_else(malformed)? {
            validate_inline_button(button)?;
        }
    }
    Ok(())
}

fn validate_inline_button(button: &Value) -> Result<(), ApiError> {
    if button.get("text").and_then(Value::as_str).is_none() {
        return Err(ApiError::bad_request(
            "can't parse inline keyboard button: Text is not specified",
        ));
    }
    if let Some(data) = button.get("callback_data") {
        let length = data.as_str().map_or(0, str::len);
        if !(1..=MAX_CALLBACK_DATA_BYTES).contains(&length) {
            return Err(ApiError::bad_request("BUTTON_DATA_INVALID"));
        }
    }
    if !BUTTON_ACTIONS
        .iter()
        .any(|action| button.get(*action).is_some())
    {
        return Err(ApiError::bad_request(
            "can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard",
        ));
    }
    Ok(())
}

fn parse_bot_command(entry: &Value) -> Result<(String, String), ApiError> {
    let command = entry
        .get("command")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let description = entry
        .get("description")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let command_ok = (1..=32).contains(&command.len())
        && command
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    if !command_ok {
        return Err(ApiError::bad_request("BOT_COMMAND_INVALID"));
    }
    if !(1..=256).contains(&description.chars().count()) {
        return Err(ApiError::bad_request(
            "command description is empty or too long",
        ));
    }
    Ok((command.to_owned(), description.to_owned()))
}

// ----- JSON builders ----------------------------------------------------------------------

fn bot_user_json() -> Value {
    json!({ "id": BOT_ID, "is_bot": true, "first_name": BOT_FIRST_NAME, "username": BOT_USERNAME })
}

fn me_json() -> Value {
    let mut me = bot_user_json();
    let extra = json!({
        "can_join_groups": true,
        "can_read_all_group_messages": false,
        "supports_inline_queries": false,
        "can_connect_to_business": false,
        "has_main_web_app": false,
    });
    if let (Some(me), Value::Object(extra)) = (me.as_object_mut(), extra) {
        me.extend(extra);
    }
    me
}

fn message_id_of(message: &Value) -> i32 {
    message
        .get("message_id")
        .and_then(Value::as_i64)
        .and_then(|id| i32::try_from(id).ok())
        .unwrap_or(0)
}

fn now_unix() -> i64 {
    let since_epoch = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default();
    i64::try_from(since_epoch.as_secs()).unwrap_or(i64::MAX)
}

/// Entities Telegram attaches to incoming text: a leading bot command and `@mentions`.
fn incoming_entities(text: &str) -> Vec<Value> {
    let mut entities = Vec::new();
    let mut byte_offset = 0;
    for word in text.split(char::is_whitespace) {
        let offset = utf16_len(&text[..byte_offset]);
        if let Some(length) = command_length(word).filter(|_| byte_offset == 0) {
            entities.push(json!({ "type": "bot_command", "offset": offset, "length": length }));
        } else if let Some(length) = mention_length(word) {
            entities.push(json!({ "type": "mention", "offset": offset, "length": length }));
        }
        // Each separator is one whitespace character, whose byte length is what we skip.
        let separator = text[byte_offset + word.len()..]
            .chars()
            .next()
            .map_or(0, char::len_utf8);
        byte_offset += word.len() + separator;
    }
    entities
}

/// UTF-16 length of `/command` or `/command@bot` at the start of `word`.
fn command_length(word: &str) -> Option<usize> {
    let name = word.strip_prefix('/')?;
    let command = identifier_prefix(name);
    if command.is_empty() {
        return None;
    }
    let mut length = 1 + command.len();
    if let Some(bot) = name[command.len()..].strip_prefix('@') {
        let bot = identifier_prefix(bot);
        if !bot.is_empty() {
            length += 1 + bot.len();
        }
    }
    Some(length)
}

/// UTF-16 length of `@username` at the start of `word`.
fn mention_length(word: &str) -> Option<usize> {
    let name = identifier_prefix(word.strip_prefix('@')?);
    (!name.is_empty()).then_some(1 + name.len())
}

/// The longest prefix made of ASCII letters, digits and underscores.
fn identifier_prefix(text: &str) -> &str {
    let end = text
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(text.len());
    &text[..end]
}

fn utf16_len(text: &str) -> usize {
    text.encode_utf16().count()
}

// ----- rendered text ----------------------------------------------------------------------

/// Visible text and its entities (offsets and lengths in UTF-16 code units).
#[derive(Clone, Debug, PartialEq)]
struct Rendered {
    text: String,
    entities: Vec<Value>,
}

impl Rendered {
    fn plain(text: &str) -> Self {
        Self {
            text: text.to_owned(),
            entities: Vec::new(),
        }
    }

    /// Trims surrounding whitespace like Telegram, clipping entities to the remaining text.
    fn trimmed(self) -> Self {
        let start = self.text.len() - self.text.trim_start().len();
        let text = self.text.trim().to_owned();
        let lead = utf16_len(&self.text[..start]);
        let end = lead + utf16_len(&text);
        let entities = self
            .entities
            .into_iter()
            .filter_map(|entity| clip_entity(entity, lead, end))
            .collect();
        Self { text, entities }
    }
}

/// Shifts `entity` by `lead` and clips it to `lead..end`; drops it if nothing remains.
fn clip_entity(mut entity: Value, lead: usize, end: usize) -> Option<Value> {
    let offset = usize::try_from(entity.get("offset")?.as_u64()?).ok()?;
    let length = usize::try_from(entity.get("length")?.as_u64()?).ok()?;
    let from = offset.max(lead);
    let to = (offset + length).min(end);
    if to <= from {
        return None;
    }
    entity["offset"] = json!(from - lead);
    entity["length"] = json!(to - from);
    Some(entity)
}

/// Telegram's HTML parse mode, strict about `&`.
mod html {
    use serde_json::{Value, json};

    use super::Rendered;

    const SUPPORTED_TAGS: [&str; 16] = [
        "a",
        "b",
        "strong",
        "i",
        "em",
        "u",
        "ins",
        "s",
        "strike",
        "del",
        "span",
        "tg-spoiler",
        "code",
        "pre",
        "blockquote",
        "tg-emoji",
    ];

    /// Parses Telegram HTML; errors are the text after "can't parse entities: ".
    pub(super) fn parse(source: &str) -> Result<Rendered, String> {
        let mut parser = Parser {
            source,
            pos: 0,
            text: String::new(),
            utf16: 0,
            open: Vec::new(),
            entities: Vec::new(),
        };
        parser.run()?;
        parser.entities.sort_by_key(|entity| {
            (
                entity["offset"].as_u64(),
                std::cmp::Reverse(entity["length"].as_u64()),
            )
        });
        Ok(Rendered {
            text: parser.text,
            entities: parser.entities,
        })
    }

    struct OpenTag {
        name: String,
        attributes: Vec<(String, String)>,
        start: usize,
        language: Option<String>,
    }

    impl OpenTag {
        fn attribute(&self, name: &str) -> Option<&str> {
            self.attributes
                .iter()
                .find(|(key, _)| key == name)
                .map(|(_, value)| value.as_str())
        }
    }

    struct Parser<'a> {
        source: &'a str,
        pos: usize,
        text: String,
        utf16: usize,
        open: Vec<OpenTag>,
        entities: Vec<Value>,
    }

    impl<'a> Parser<'a> {
        fn run(&mut self) -> Result<(), String> {
            while let Some(c) = self.peek() {
                match c {
                    '<' if self.rest().starts_with("</") => self.end_tag()?,
                    '<' => self.start_tag()?,
                    '&' => {
                        let (decoded, consumed) = decode_entity(self.source, self.pos)?;
                        self.pos += consumed;
                        self.push_char(decoded);
                    }
                    _ => {
                        self.pos += c.len_utf8();
                        self.push_char(c);
                    }
                }
            }
            match self.open.last() {
                Some(tag) => Err(format!(
                    "Can't find end tag corresponding to start tag \"{}\"",
                    tag.name
                )),
                None => Ok(()),
            }
        }

        fn rest(&self) -> &'a str {
            &self.source[self.pos..]
        }

        fn peek(&self) -> Option<char> {
            self.rest().chars().next()
        }

        fn push_char(&mut self, c: char) {
            self.text.push(c);
            self.utf16 += c.len_utf16();
        }

        fn take_while(&mut self, keep: impl Fn(char) -> bool) -> &'a str {
            let rest = self.rest();
            let end = rest.find(|c: char| !keep(c)).unwrap_or(rest.len());
            self.pos += end;
            &rest[..end]
        }

        fn skip_whitespace(&mut self) {
            self.take_while(char::is_whitespace);
        }

        fn start_tag(&mut self) -> Result<(), String> {
            let begin = self.pos;
            self.pos += 1;
            let name = self
                .take_while(|c| !c.is_whitespace() && c != '>')
                .to_ascii_lowercase();
            if self.peek().is_none() {
                return Err(format!("Unclosed start tag at byte offset {begin}"));
            }
            if !SUPPORTED_TAGS.contains(&name.as_str()) {
                return Err(format!(
                    "Unsupported start tag \"{name}\" at byte offset {begin}"
                ));
            }
            let attributes = self.attributes(&name, begin)?;
            let tag = OpenTag {
                name,
                attributes,
                start: self.utf16,
                language: None,
            };
            check_required_attributes(&tag, begin)?;
            self.open.push(tag);
            Ok(())
        }

        /// Reads attributes up to and including the closing `>`.
        fn attributes(&mut self, tag: &str, begin: usize) -> Result<Vec<(String, String)>, String> {
            let mut attributes = Vec::new();
            loop {
                self.skip_whitespace();
                match self.peek() {
                    None => return Err(format!("Unclosed start tag at byte offset {begin}")),
                    Some('>') => {
                        self.pos += 1;
                        return Ok(attributes);
                    }
                    Some(_) => {}
                }
                let name_at = self.pos;
                let name = self
                    .take_while(|c| !c.is_whitespace() && c != '=' && c != '>')
                    .to_ascii_lowercase();
                if name.is_empty() {
                    return Err(format!(
                        "Empty attribute name in the tag \"{tag}\" at byte offset {name_at}"
                    ));
                }
                self.skip_whitespace();
                if self.peek() != Some('=') {
                    attributes.push((name, String::new()));
                    continue;
                }
                self.pos += 1;
                self.skip_whitespace();
                let value = self.attribute_value(begin)?;
                attributes.push((name, value));
            }
        }

        fn attribute_value(&mut self, begin: usize) -> Result<String, String> {
            let (raw, raw_at) = match self.peek() {
                None => return Err(format!("Unclosed start tag at byte offset {begin}")),
                Some(quote @ ('"' | '\'')) => {
                    self.pos += 1;
                    let raw_at = self.pos;
                    let raw = self.take_while(|c| c != quote);
                    if self.peek().is_none() {
                        return Err(format!(
                            "Unclosed end of attribute value at byte offset {raw_at}"
                        ));
                    }
                    self.pos += 1;
                    (raw, raw_at)
                }
                Some(_) => {
                    let raw_at = self.pos;
                    (self.take_while(|c| !c.is_whitespace() && c != '>'), raw_at)
                }
            };
            decode_all(self.source, raw_at, raw_at + raw.len())
        }

        fn end_tag(&mut self) -> Result<(), String> {
            let begin = self.pos;
            self.pos += 2;
            let name = self
                .take_while(|c| !c.is_whitespace() && c != '>')
                .to_ascii_lowercase();
            self.skip_whitespace();
            if self.peek() != Some('>') {
                return Err(format!("Unclosed end tag at byte offset {begin}"));
            }
            self.pos += 1;
            let Some(tag) = self.open.pop() else {
                return Err(format!("Unexpected end tag at byte offset {begin}"));
            };
            if !name.is_empty() && name != tag.name {
                return Err(format!(
                    "Unmatched end tag at byte offset {begin}, expected \"</{}>\", found \"</{name}>\"",
                    tag.name
                ));
            }
            self.close(tag);
            Ok(())
        }

        fn close(&mut self, tag: OpenTag) {
            if tag.name == "code"
                && let Some(pre) = self.open.last_mut().filter(|parent| parent.name == "pre")
            {
                // `<pre><code class="language-x">` is one pre entity with a language.
                let class = tag.attribute("class").unwrap_or_default();
                pre.language = class.strip_prefix("language-").map(str::to_owned);
                return;
            }
            let length = self.utf16 - tag.start;
            if length == 0 {
                return;
            }
            if let Some(entity) = entity_json(&tag, length) {
                self.entities.push(entity);
            }
        }
    }

    fn check_required_attributes(tag: &OpenTag, begin: usize) -> Result<(), String> {
        match tag.name.as_str() {
            "span" if tag.attribute("class") != Some("tg-spoiler") => Err(format!(
                "Tag \"span\" must have class \"tg-spoiler\" at byte offset {begin}"
            )),
            "tg-emoji" if !tag.attribute("emoji-id").is_some_and(is_digits) => Err(format!(
                "Custom emoji entity must have a numeric emoji-id at byte offset {begin}"
            )),
            _ => Ok(()),
        }
    }

    fn is_digits(text: &str) -> bool {
        !text.is_empty() && text.chars().all(|c| c.is_ascii_digit())
    }

    fn entity_json(tag: &OpenTag, length: usize) -> Option<Value> {
        let mut entity = json!({ "offset": tag.start, "length": length });
        let kind = match tag.name.as_str() {
            "b" | "strong" => "bold",
            "i" | "em" => "italic",
            "u" | "ins" => "underline",
            "s" | "strike" | "del" => "strikethrough",
            "span" | "tg-spoiler" => "spoiler",
            "code" => "code",
            "pre" => {
                if let Some(language) = &tag.language {
                    entity["language"] = json!(language);
                }
                "pre"
            }
            "blockquote" if tag.attribute("expandable").is_some() => "expandable_blockquote",
            "blockquote" => "blockquote",
            "a" => {
                // Telegram drops links whose href is not a valid URL.
                let href = tag
                    .attribute("href")
                    .filter(|href| reqwest::Url::parse(href).is_ok())?;
                entity["url"] = json!(href);
                "text_link"
            }
            "tg-emoji" => {
                entity["custom_emoji_id"] = json!(tag.attribute("emoji-id")?);
                "custom_emoji"
            }
            _ => return None,
        };
        entity["type"] = json!(kind);
        Some(entity)
    }

    /// Decodes every character reference in `source[from..to]`.
    fn decode_all(source: &str, from: usize, to: usize) -> Result<String, String> {
        let mut decoded = String::new();
        let mut pos = from;
        while pos < to {
            let (c, consumed) = match source[pos..].chars().next() {
                Some('&') => decode_entity(source, pos)?,
                Some(c) => (c, c.len_utf8()),
                None => break,
            };
            decoded.push(c);
            pos += consumed;
        }
        Ok(decoded)
    }

    /// Decodes the character reference starting with the `&` at `source[at]`.
    fn decode_entity(source: &str, at: usize) -> Result<(char, usize), String> {
        let unescaped = || {
            format!(
                "Unsupported HTML entity or unescaped \"&\" at byte offset {at}; escape it as \"&amp;\""
            )
        };
        let rest = &source[at + 1..];
        let end = rest
            .find(';')
            .filter(|&end| end <= 10)
            .ok_or_else(unescaped)?;
        let decoded = match &rest[..end] {
            "lt" => Some('<'),
            "gt" => Some('>'),
            "amp" => Some('&'),
            "quot" => Some('"'),
            name => numeric_reference(name),
        };
        decoded.map(|c| (c, end + 2)).ok_or_else(unescaped)
    }

    /// `#123` or `#x7B` as a (non-NUL) character.
    fn numeric_reference(name: &str) -> Option<char> {
        let number = name.strip_prefix('#')?;
        let code = match number.strip_prefix(['x', 'X']) {
            Some(hex) if !hex.is_empty() && hex.chars().all(|c| c.is_ascii_hexdigit()) => {
                u32::from_str_radix(hex, 16).ok()?
            }
            Some(_) => return None,
            None if is_digits(number) => number.parse().ok()?,
            None => return None,
        };
        char::from_u32(code).filter(|&c| c != '\0')
    }
}
