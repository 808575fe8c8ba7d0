//! Several replicas behind a webhook sharing Redis, against the fake Bot API posting updates as
//! Telegram does: every question answered exactly once and in order per chat, whichever
//! replica gets it, however often it is posted, even when a replica is killed mid-stream;
//! requests without the secret are refused.
//!
//! Needs a Redis server: `GUIDEBOT_TEST_REDIS_URL` (e.g. `redis://127.0.0.1:6390`), which
//! `.ci/run` starts. Without it these tests fail in CI and are skipped, with a note, elsewhere.

mod support;

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use serde_json::Value;
use support::fake_telegram::{FakeTelegram, SentMessage};
use support::serve::{Serving, repeats_announced, signal, spawn_serve_with, wait_exit};

const SECRET: &str = "replicas-test-secret_1";
const WAIT: Duration = Duration::from_secs(60);
/// A staff member's user id (in every replica's config).
const STAFF: i64 = 7;
/// What each chat sends, rotated per chat, and a phrase only its reply holds.
const MESSAGES: [(&str, &str); 4] = [
    (
        "What are the risks of stem cell therapy?",
        "Potential Risks",
    ),
    ("/start recovery", "Recovery and Follow-Up"),
    ("/help", "Ask me anything"),
    ("/start the-injection-phase", "The Injection Phase"),
];

/// The test Redis, in its own database `db` (emptied), or `None` (with a note) outside CI.
fn redis_url(db: u8) -> Option<String> {
    let Some(base) = std::env::var("GUIDEBOT_TEST_REDIS_URL")
        .ok()
        .filter(|u| !u.is_empty())
    else {
        if std::env::var("CI").is_ok_and(|ci| ci == "true") {
            panic!("GUIDEBOT_TEST_REDIS_URL is not set: CI must start a Redis server (.ci/run)");
        }
        eprintln!("note: GUIDEBOT_TEST_REDIS_URL is not set; skipping this multi-replica test");
        return None;
    };
    let url = format!("{}/{db}", base.trim_end_matches('/'));
    let client = redis::Client::open(url.as_str()).expect("a Redis address");
    let mut connection = client
        .get_connection()
        .unwrap_or_else(|err| panic!("the test Redis at {url} answers: {err}"));
    redis::cmd("FLUSHDB")
        .query::<()>(&mut connection)
        .expect("FLUSHDB");
    Some(url)
}

fn random_below(n: u64) -> u64 {
    use std::hash::BuildHasher;
    std::collections::hash_map::RandomState::new().hash_one(Instant::now()) % n
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// A replica: the real binary in webhook mode, its files in its own folder.
struct Replica {
    serving: Option<Serving>,
    hook: String,
    health: String,
    /// The Redis it shares.
    redis: String,
}

impl Drop for Replica {
    fn drop(&mut self) {
        if let Some(serving) = &mut self.serving {
            let _ = serving.child.kill();
            let _ = serving.child.wait();
        }
    }
}

async fn start_replica(fake: &FakeTelegram, dir: &Path, redis: &str) -> Replica {
    std::fs::create_dir_all(dir).unwrap();
    std::fs::write(
        dir.join("none.toml"),
        format!("staff_user_ids = [{STAFF}]\n"),
    )
    .unwrap();
    let port = free_port();
    let listen = format!("127.0.0.1:{port}");
    let hook = format!("http://{listen}/telegram/hook");
    let serving = spawn_serve_with(
        fake,
        dir,
        &["--webhook-url", &hook, "--listen", &listen],
        &[
            ("GUIDEBOT_REDIS_URL", redis),
            ("GUIDEBOT_WEBHOOK_SECRET", SECRET),
        ],
    );
    let replica = Replica {
        serving: Some(serving),
        hook,
        health: format!("http://{listen}/healthz"),
        redis: redis.to_string(),
    };
    let client = reqwest::Client::new();
    let deadline = Instant::now() + WAIT;
    loop {
        let healthy = client.get(&replica.health).send().await;
        if healthy.is_ok_and(|r| r.status().is_success()) {
            return replica;
        }
        assert!(
            Instant::now() < deadline,
            "the replica never became healthy"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// A fake Telegram, a folder, and two replicas in it sharing Redis database `db`; `None`
/// (skipped) without the test Redis outside CI.
async fn start_pair(db: u8) -> Option<(FakeTelegram, tempfile::TempDir, Replica, Replica)> {
    let redis = redis_url(db)?;
    let fake = FakeTelegram::start().await;
    let dir = tempfile::tempdir().unwrap();
    let a = start_replica(&fake, &dir.path().join("a"), &redis).await;
    let b = start_replica(&fake, &dir.path().join("b"), &redis).await;
    Some((fake, dir, a, b))
}

/// Queues every chat's messages; returns the updates per chat, in order.
fn queue_questions(fake: &FakeTelegram, chats: i64) -> Vec<Vec<Value>> {
    for chat in 0..chats {
        for i in 0..MESSAGES.len() {
            let (text, _) = MESSAGES[(chat as usize + i) % MESSAGES.len()];
            fake.push_text(5000 + chat, 5000 + chat, text);
        }
    }
    let mut per_chat: Vec<Vec<Value>> = vec![Vec::new(); chats as usize];
    for update in fake.take_pending() {
        let chat = update["message"]["chat"]["id"].as_i64().unwrap();
        per_chat[(chat - 5000) as usize].push(update);
    }
    per_chat
}

/// Posts `update` as Telegram does: to replica `first`, and on a failure or any non-2xx to
/// the next replica, after a short wait, until one acknowledges it. Returns the attempts.
async fn deliver(fake: &FakeTelegram, hooks: &[String], first: usize, update: &Value) -> usize {
    let deadline = Instant::now() + WAIT;
    let mut attempt = 0;
    loop {
        let hook = &hooks[(first + attempt) % hooks.len()];
        attempt += 1;
        if fake.post_update(hook, Some(SECRET), update).await == Some(200) {
            return attempt;
        }
        assert!(
            Instant::now() < deadline,
            "an update was never acknowledged"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// What the replies in each chat answered, in the order they arrived.
fn answered_per_chat(sent: &[SentMessage]) -> HashMap<i64, Vec<usize>> {
    let mut per_chat: HashMap<i64, Vec<usize>> = HashMap::new();
    for message in sent {
        let kind = MESSAGES
            .iter()
            .position(|(_, phrase)| message.visible_text.contains(phrase))
            .unwrap_or(usize::MAX);
        per_chat.entry(message.chat_id).or_default().push(kind);
    }
    per_chat
}

/// (lost, doubled, chats out of order) over `chats` chats.
fn tally(fake: &FakeTelegram, chats: i64) -> (usize, usize, usize) {
    let per_chat = answered_per_chat(&fake.sent());
    let (mut lost, mut doubled, mut disordered) = (0, 0, 0);
    for chat in 0..chats {
        let answered = per_chat.get(&(5000 + chat)).cloned().unwrap_or_default();
        let expected: Vec<usize> = (0..MESSAGES.len())
            .map(|i| (chat as usize + i) % MESSAGES.len())
            .collect();
        for kind in &expected {
            let n = answered.iter().filter(|k| *k == kind).count();
            lost += usize::from(n == 0);
            doubled += n.saturating_sub(1);
        }
        disordered += usize::from(answered.len() == expected.len() && answered != expected);
    }
    (lost, doubled, disordered)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_replicas_answer_200_questions_from_50_chats_once_each_in_order() {
    let Some((fake, _dir, a, b)) = start_pair(1).await else {
        return;
    };
    let hooks = Arc::new(vec![a.hook.clone(), b.hook.clone()]);
    let webhooks = fake.webhooks();
    assert_eq!(webhooks.len(), 2, "{webhooks:?}");
    assert!(
        webhooks.iter().all(|w| w["secret_token"] == SECRET),
        "{webhooks:?}"
    );

    let started = Instant::now();
    let per_chat = queue_questions(&fake, 50);
    let posted = Arc::new(AtomicUsize::new(0));
    let mut chats = tokio::task::JoinSet::new();
    for (chat, updates) in per_chat.into_iter().enumerate() {
        let (fake, hooks, posted) = (fake.clone(), hooks.clone(), posted.clone());
        // Telegram delivers a chat's updates one at a time; chats go in parallel.
        chats.spawn(async move {
            for (i, update) in updates.iter().enumerate() {
                let n = chat * 4 + i;
                let first = n % 2;
                if n % 5 == 0 {
                    // Posted to both replicas at once.
                    let (one, other) = tokio::join!(
                        deliver(&fake, &hooks, first, update),
                        deliver(&fake, &hooks, first + 1, update)
                    );
                    posted.fetch_add(one + other, Ordering::Relaxed);
                } else {
                    posted.fetch_add(
                        deliver(&fake, &hooks, first, update).await,
                        Ordering::Relaxed,
                    );
                }
                if n % 7 == 0 {
                    // Posted again once acknowledged (a redelivery).
                    posted.fetch_add(
                        deliver(&fake, &hooks, first, update).await,
                        Ordering::Relaxed,
                    );
                }
            }
        });
    }
    while let Some(done) = chats.join_next().await {
        done.unwrap();
    }
    let took = started.elapsed();
    // Any doubled answer would arrive within this.
    tokio::time::sleep(Duration::from_secs(1)).await;
    let (lost, doubled, disordered) = tally(&fake, 50);
    println!(
        "200 questions, {} posts: {} replies, lost {lost}, doubled {doubled}, chats out of order {disordered}, in {took:?}",
        posted.load(Ordering::Relaxed),
        fake.sent().len()
    );
    assert_eq!((lost, doubled, disordered), (0, 0, 0), "{}", fake.dump());
    assert_eq!(fake.sent().len(), 200);
    drop((a, b));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_replica_killed_mid_stream_loses_and_doubles_nothing() {
    stop_one_replica_mid_stream(2, "KILL").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_replica_stopped_mid_stream_for_a_deploy_loses_and_doubles_nothing() {
    stop_one_replica_mid_stream(6, "TERM").await;
}

/// 25 chats' questions posted to two replicas; one gets `signal` a third of the way through,
/// and what it does not acknowledge is retried at the other.
async fn stop_one_replica_mid_stream(db: u8, signal_name: &str) {
    let Some((fake, _dir, mut a, b)) = start_pair(db).await else {
        return;
    };
    let hooks = Arc::new(vec![a.hook.clone(), b.hook.clone()]);
    let per_chat = queue_questions(&fake, 25);
    let started = Instant::now();
    let mut chats = tokio::task::JoinSet::new();
    for (chat, updates) in per_chat.into_iter().enumerate() {
        let (fake, hooks) = (fake.clone(), hooks.clone());
        chats.spawn(async move {
            for (i, update) in updates.iter().enumerate() {
                // A failed or refused post goes to the other replica (Telegram's retry).
                deliver(&fake, &hooks, (chat + i) % 2, update).await;
            }
        });
    }
    fake.wait_until("a third of the answers", WAIT, |f| f.sent().len() >= 33)
        .await;
    // At a random moment, not just as a reply is taken.
    tokio::time::sleep(Duration::from_millis(random_below(300))).await;
    let stopped = a.serving.take().unwrap();
    signal(&stopped, signal_name);
    let (status, _, took) = wait_exit(stopped).await;
    let answered_at_kill = fake.sent().len();
    while let Some(done) = chats.join_next().await {
        done.unwrap();
    }
    tokio::time::sleep(Duration::from_secs(1)).await;
    let (lost, doubled, disordered) = tally(&fake, 25);
    // A reply Telegram took in the instant its replica was killed cannot be known as sent:
    // the replica taking over answers again, and says so.
    let announced = repeats_announced(&b.serving.as_ref().unwrap().log_text());
    println!(
        "100 questions, replica sent {signal_name} after {answered_at_kill} answers ({status:?} in {took:?}): lost {lost}, doubled {doubled} (announced as possible: {announced}), chats out of order {disordered}, in {:?}",
        started.elapsed()
    );
    assert_eq!(lost, 0, "{}", fake.dump());
    assert!(
        doubled <= announced,
        "{doubled} doubled, {announced} announced\n{}",
        fake.dump()
    );
    assert_eq!(fake.sent().len(), 100 + doubled);
    if signal_name == "TERM" {
        assert!(status.success(), "{status:?}");
        assert_eq!(doubled, 0, "a stop sends nothing twice\n{}", fake.dump());
    }
    drop((a, b));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_request_without_the_right_secret_gets_401_and_no_answer() {
    let Some(redis) = redis_url(3) else { return };
    let fake = FakeTelegram::start().await;
    let dir = tempfile::tempdir().unwrap();
    let replica = start_replica(&fake, dir.path(), &redis).await;
    fake.push_text(42, 42, "/help");
    let update = fake.take_pending().remove(0);
    let wrong = fake
        .post_update(&replica.hook, Some("not-the-secret"), &update)
        .await;
    let missing = fake.post_update(&replica.hook, None, &update).await;
    assert_eq!((wrong, missing), (Some(401), Some(401)));
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert!(fake.sent().is_empty(), "{}", fake.dump());
    let right = fake.post_update(&replica.hook, Some(SECRET), &update).await;
    assert_eq!(right, Some(200));
    assert_eq!(fake.sent().len(), 1, "{}", fake.dump());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn guidebot_report_counts_what_every_replica_could_not_answer() {
    let Some((fake, dir, a, b)) = start_pair(4).await else {
        return;
    };
    let hooks = [a.hook.clone(), b.hook.clone()];
    for (i, hook) in hooks.iter().enumerate() {
        fake.push_text(
            70 + i as i64,
            70 + i as i64,
            "Can I bring my dog to the clinic?",
        );
        let update = fake.take_pending().remove(0);
        assert_eq!(
            fake.post_update(hook, Some(SECRET), &update).await,
            Some(200)
        );
    }
    let report = std::process::Command::new(env!("CARGO_BIN_EXE_guidebot"))
        .arg("--config")
        .arg(dir.path().join("none.toml"))
        .arg("report")
        .current_dir(dir.path())
        .env("GUIDEBOT_REDIS_URL", &a.redis)
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&report.stdout);
    assert!(
        report.status.success(),
        "{out}{}",
        String::from_utf8_lossy(&report.stderr)
    );
    assert!(
        out.contains("2×  can i bring my dog to the clinic?"),
        "{out}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn with_redis_down_a_replica_keeps_answering_and_says_so() {
    let fake = FakeTelegram::start().await;
    let dir = tempfile::tempdir().unwrap();
    // Nothing listens there.
    let redis = format!("redis://127.0.0.1:{}", free_port());
    let replica = start_replica(&fake, dir.path(), &redis).await;
    fake.push_text(42, 42, "/help");
    fake.push_text(42, 42, "/start recovery");
    for update in fake.take_pending() {
        assert_eq!(
            fake.post_update(&replica.hook, Some(SECRET), &update).await,
            Some(200)
        );
    }
    assert_eq!(fake.sent().len(), 2, "{}", fake.dump());
    let log = replica.serving.as_ref().unwrap().log_text();
    let warnings = log.matches("shared state (Redis) unavailable").count();
    assert_eq!(warnings, 1, "one warning, not one per update:\n{log}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn what_a_replica_kept_while_redis_was_down_reaches_redis_when_it_is_back() {
    let port = free_port();
    let redis = format!("redis://127.0.0.1:{port}");
    let fake = FakeTelegram::start().await;
    let dir = tempfile::tempdir().unwrap();
    let replica = start_replica(&fake, dir.path(), &redis).await;
    fake.push_text(42, 42, "Can I bring my dog to the clinic?");
    // Answered from the guide: chat 43's last topic, for a follow-up at any replica.
    fake.push_text(43, 43, "What activities should I avoid after treatment?");
    for update in fake.take_pending() {
        assert_eq!(
            fake.post_update(&replica.hook, Some(SECRET), &update).await,
            Some(200)
        );
    }
    // Redis comes (back): the question and the last topic kept meanwhile are moved there.
    let server = std::process::Command::new("redis-server")
        .args(["--bind", "127.0.0.1", "--port", &port.to_string()])
        .args(["--save", "", "--appendonly", "no"])
        .current_dir(dir.path())
        .stdout(std::process::Stdio::null())
        .spawn();
    let Ok(mut server) = server else {
        if std::env::var("CI").is_ok_and(|ci| ci == "true") {
            panic!("CI needs redis-server on PATH (.ci/run installs it)");
        }
        eprintln!("note: no redis-server on PATH; skipping");
        return;
    };
    let shared = wait_for_redis(
        &redis,
        redis::cmd("ZCARD").arg("guidebot:journal:unanswered"),
        |n: &usize| *n >= 1,
    )
    .await
    .unwrap_or(0);
    let topic = wait_for_redis(
        &redis,
        redis::cmd("GET").arg("guidebot:last_topic:43"),
        |slug: &Option<String>| slug.is_some(),
    )
    .await
    .flatten();
    let _ = server.kill();
    let _ = server.wait();
    assert!(topic.is_some(), "chat 43's last topic never reached Redis");
    assert_eq!(
        shared,
        1,
        "{}",
        replica.serving.as_ref().unwrap().log_text()
    );
    let log = replica.serving.as_ref().unwrap().log_text();
    assert!(log.contains("shared state (Redis) is back"), "{log}");
}

/// Asks the Redis at `url` for `command` until the answer is one `found` accepts (or [`WAIT`]
/// has passed).
async fn wait_for_redis<T: redis::FromRedisValue>(
    url: &str,
    command: &redis::Cmd,
    found: impl Fn(&T) -> bool,
) -> Option<T> {
    let deadline = Instant::now() + WAIT;
    loop {
        let answer = redis::Client::open(url)
            .and_then(|c| c.get_connection())
            .and_then(|mut c| command.query::<T>(&mut c));
        if let Ok(answer) = answer
            && found(&answer)
        {
            return Some(answer);
        }
        if Instant::now() > deadline {
            return None;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

/// Posts the message `text` from `chat` to `hook` and returns the reply.
async fn ask(fake: &FakeTelegram, hook: &str, chat: i64, text: &str) -> SentMessage {
    let before = fake.sent().len();
    fake.push_text(chat, chat, text);
    let update = fake.take_pending().remove(0);
    assert_eq!(
        fake.post_update(hook, Some(SECRET), &update).await,
        Some(200)
    );
    fake.sent()[before].clone()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_follow_up_at_another_replica_is_understood_and_stats_count_every_replica() {
    let Some((fake, _dir, a, b)) = start_pair(5).await else {
        return;
    };
    let says = |reply: &SentMessage, phrase: &str| {
        assert!(
            reply.visible_text.contains(phrase),
            "{}",
            reply.visible_text
        );
    };
    let first = ask(&fake, &a.hook, 80, "What is recovery like?").await;
    says(&first, "Recovery and Follow-Up");
    let follow_up = ask(&fake, &b.hook, 80, "and how long does that take?").await;
    says(&follow_up, "Recovery and Follow-Up");
    let stats = ask(&fake, &a.hook, STAFF, "/stats").await;
    says(&stats, "All replicas");
    says(&stats, "messages: 2");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_redis_one_webhook_replica_answers_each_update_once() {
    let fake = FakeTelegram::start().await;
    let dir = tempfile::tempdir().unwrap();
    let replica = start_replica(&fake, dir.path(), "").await;
    fake.push_text(42, 42, "/help");
    let update = fake.take_pending().remove(0);
    for _ in 0..3 {
        let status = fake.post_update(&replica.hook, Some(SECRET), &update).await;
        assert_eq!(status, Some(200));
    }
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(fake.sent().len(), 1, "{}", fake.dump());
    let webhooks = fake.webhooks();
    assert_eq!(webhooks.len(), 1, "{webhooks:?}");
    assert_eq!(webhooks[0]["url"], replica.hook.as_str());
}
