//! The real dispatcher against a fake Telegram Bot API on loopback.

mod support;

use guidebot::config::Config;
use guidebot::reply::text;
use support::bot::{RunningBot, WAIT, start_bot, test_config};

const CHAT: i64 = 4242;
const USER: i64 = 77;

async fn start_patient_bot() -> RunningBot {
    start_bot(|dir| Config {
        clinic_name: "Riverside Clinic".into(),
        ..test_config(dir)
    })
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn start_shows_welcome_with_topic_buttons_and_registers_commands() {
    let running = start_patient_bot().await;
    running.fake.push_text(CHAT, USER, "/start");
    let sent = running.fake.wait_for_sent(1, WAIT).await;
    let welcome = &sent[0];
    assert_eq!(welcome.chat_id, CHAT);
    assert_eq!(welcome.parse_mode.as_deref(), Some("HTML"));
    assert!(
        welcome.text.contains(text::NOT_A_DOCTOR),
        "{}",
        welcome.text
    );
    assert!(welcome.text.contains(&text::emergency_line("911")));
    let keyboard = welcome.reply_markup.as_ref().expect("topic buttons");
    let rows = keyboard["inline_keyboard"].as_array().unwrap();
    assert!(rows.len() >= 5, "{keyboard}");
    let commands: Vec<String> = running
        .fake
        .commands()
        .into_iter()
        .map(|(c, _)| c)
        .collect();
    assert_eq!(commands, ["start", "help", "topics"]);
    running.fake.assert_nothing_rejected();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_question_gets_the_quote_in_a_blockquote_under_its_section() {
    let running = start_patient_bot().await;
    running
        .fake
        .push_text(CHAT, USER, "How long will the injection take?");
    let sent = running.fake.wait_for_sent(1, WAIT).await;
    let html = &sent[0].text;
    assert!(html.starts_with("<b>The Injection Phase</b>"), "{html}");
    assert!(html.contains("<blockquote>"), "{html}");
    assert!(html.contains("30 minutes to an hour"), "{html}");
    running.fake.assert_nothing_rejected();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn emergencies_unknown_questions_and_markup_in_questions_are_answered_validly() {
    let running = start_patient_bot().await;
    running
        .fake
        .push_text(CHAT, USER, "I can't breathe and my chest hurts");
    running
        .fake
        .push_text(CHAT, USER, "Do you take <b>insurance</b> & cash?");
    running.fake.push_text(CHAT, USER, "   ");
    let sent = running.fake.wait_for_sent(3, WAIT).await;
    assert!(
        sent[0]
            .text
            .contains(&text::emergency_call("911", "+1 555 0100")),
        "{}",
        sent[0].text
    );
    assert!(sent[1].text.contains("+1 555 0100"), "{}", sent[1].text);
    running.fake.assert_nothing_rejected();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_topic_button_shows_its_section_and_the_press_is_acknowledged() {
    let running = start_patient_bot().await;
    running.fake.push_text(CHAT, USER, "/topics");
    let sent = running.fake.wait_for_sent(1, WAIT).await;
    let keyboard = sent[0].reply_markup.clone().unwrap();
    let first = keyboard["inline_keyboard"][1][0]["callback_data"]
        .as_str()
        .unwrap()
        .to_string();
    let callback = running
        .fake
        .push_callback(CHAT, USER, sent[0].message_id, &first);
    let sent = running.fake.wait_for_sent(2, WAIT).await;
    assert!(sent[1].text.contains("<blockquote>"), "{}", sent[1].text);
    running
        .fake
        .wait_until("callback answered", WAIT, |f| {
            f.answered_callbacks().contains(&callback)
        })
        .await;
    running.fake.assert_nothing_rejected();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn stickers_and_photos_get_a_text_only_note() {
    let running = start_patient_bot().await;
    let mut message = running.fake.incoming_message_json(CHAT, USER, "");
    let fields = message.as_object_mut().unwrap();
    fields.remove("text");
    fields.remove("entities");
    fields.insert(
        "sticker".into(),
        serde_json::json!({"file_id": "s1", "file_unique_id": "u1", "type": "regular", "width": 512, "height": 512, "is_animated": false, "is_video": false}),
    );
    running
        .fake
        .push_update(serde_json::json!({ "message": message }));
    let sent = running.fake.wait_for_sent(1, WAIT).await;
    assert_eq!(sent[0].text, text::TEXT_ONLY);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_connected_bot_keeps_a_heartbeat_for_health_checks() {
    let bot = start_patient_bot().await;
    let heartbeat = bot.heartbeat();
    let deadline = std::time::Instant::now() + WAIT;
    while !heartbeat.exists() && std::time::Instant::now() < deadline {
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    let age = guidebot::bot::heartbeat::check(&heartbeat, std::time::Duration::from_secs(60));
    assert!(age.is_ok(), "{age:?}");
}

/// Shared state for a bot on the shipped guide with its index in `dir/index_name`.
fn shared_in(dir: &std::path::Path, index_name: &str) -> std::sync::Arc<guidebot::bot::Shared> {
    let knowledge = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("knowledge");
    let index = dir.join(index_name);
    let (librarian, _) = guidebot::answer::Librarian::open(&knowledge, &index, None).unwrap();
    std::sync::Arc::new(
        guidebot::bot::Shared::open(librarian, test_config(dir), knowledge, index).unwrap(),
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_wrong_token_is_named_but_a_network_failure_is_not_blamed_on_the_token() {
    let fake = support::fake_telegram::FakeTelegram::start().await;
    let dir = tempfile::tempdir().unwrap();
    let wrong = guidebot::bot::Connection {
        token: "123:wr.ng".into(),
        api_url: Some(fake.api_url().to_string()),
        intake: guidebot::bot::Intake::Polling,
    };
    let err = guidebot::bot::run(wrong, shared_in(dir.path(), "a"))
        .await
        .unwrap_err();
    assert_eq!(err.to_string(), text::TOKEN_REJECTED);

    // Nothing listens on port 9 of loopback: the request fails before reaching any Telegram.
    // That may pass, so the bot keeps trying instead of giving up on a good token.
    let offline = guidebot::bot::Connection {
        token: "123:abc".into(),
        api_url: Some("http://127.0.0.1:9/".into()),
        intake: guidebot::bot::Intake::Polling,
    };
    let still_trying = tokio::time::timeout(
        std::time::Duration::from_secs(2),
        guidebot::bot::run(offline, shared_in(dir.path(), "b")),
    )
    .await;
    assert!(still_trying.is_err(), "{still_trying:?}");
}
