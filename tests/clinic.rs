//! Clinic and staff features against the fake Bot API: deep links, buttons, feedback, groups,
//! staff commands, reload, follow-up questions.

mod support;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use guidebot::answer::Librarian;
use guidebot::bot::{self, Shared};
use guidebot::config::Config;
use guidebot::journal::Journal;
use guidebot::reply::text;
use support::fake_telegram::{BOT_USERNAME, FakeTelegram};

const WAIT: Duration = Duration::from_secs(20);
const PATIENT: i64 = 501;
const STAFF: i64 = 900;

struct Running {
    fake: FakeTelegram,
    task: tokio::task::JoinHandle<anyhow::Result<()>>,
    dir: tempfile::TempDir,
}

impl Drop for Running {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl Running {
    fn knowledge(&self) -> PathBuf {
        self.dir.path().join("knowledge")
    }

    fn database(&self) -> PathBuf {
        self.dir.path().join("journal.sqlite3")
    }

    /// Sends a private message and returns the bot's reply (visible text).
    async fn ask(&self, chat: i64, text: &str) -> support::fake_telegram::SentMessage {
        let before = self.fake.sent().len();
        self.fake.push_text(chat, chat, text);
        let sent = self.fake.wait_for_sent(before + 1, WAIT).await;
        sent[before].clone()
    }
}

/// Starts the bot on a private copy of the shipped knowledge folder.
async fn start_bot() -> Running {
    let fake = FakeTelegram::start().await;
    let dir = tempfile::tempdir().unwrap();
    let knowledge = dir.path().join("knowledge");
    std::fs::create_dir(&knowledge).unwrap();
    let shipped = Path::new(env!("CARGO_MANIFEST_DIR")).join("knowledge");
    for entry in std::fs::read_dir(&shipped).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, knowledge.join(path.file_name().unwrap())).unwrap();
    }
    let index = dir.path().join("index");
    let (librarian, _) = Librarian::open(&knowledge, &index).unwrap();
    let config = Config {
        staff_user_ids: vec![STAFF as u64],
        clinic_phone: "+1 555 0100".into(),
        database: dir.path().join("journal.sqlite3"),
        ..Config::default()
    };
    let shared = Shared::open(librarian, config, knowledge, index, "salt".into())
        .await
        .unwrap();
    let task = tokio::spawn(bot::run(fake.bot(), Arc::new(shared)));
    Running { fake, task, dir }
}

fn button_data(message: &support::fake_telegram::SentMessage) -> Vec<String> {
    message
        .reply_markup
        .as_ref()
        .map(|markup| {
            markup["inline_keyboard"]
                .as_array()
                .unwrap()
                .iter()
                .flat_map(|row| row.as_array().unwrap().iter())
                .map(|button| button["callback_data"].as_str().unwrap().to_string())
                .collect()
        })
        .unwrap_or_default()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_deep_link_opens_its_topic_and_an_unknown_one_falls_back_to_the_welcome() {
    let running = start_bot().await;
    let reply = running.ask(PATIENT, "/start recovery").await;
    assert!(
        reply.text.starts_with("<b>Recovery and Follow-Up</b>"),
        "{}",
        reply.text
    );
    let reply = running.ask(PATIENT, "/start the-injection-phase").await;
    assert!(
        reply.visible_text.contains("30 minutes to an hour"),
        "{}",
        reply.text
    );
    let reply = running.ask(PATIENT, "/start no-such-topic").await;
    assert!(reply.visible_text.contains(text::NOT_A_DOCTOR));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn answer_buttons_open_sections_and_record_feedback_without_identifiers() {
    let running = start_bot().await;
    let answer = running
        .ask(PATIENT, "What are the risks of stem cell therapy?")
        .await;
    let data = button_data(&answer);
    assert!(data.iter().all(|d| d.len() <= 64));
    let more = data
        .iter()
        .find(|d| d.starts_with("t:potential-risks"))
        .unwrap();
    let down = data.iter().find(|d| d.starts_with("-:")).unwrap();

    let before = running.fake.sent().len();
    let id = running
        .fake
        .push_callback(PATIENT, PATIENT, answer.message_id, more);
    let sent = running.fake.wait_for_sent(before + 1, WAIT).await;
    assert!(
        sent[before].visible_text.contains("reputable clinic"),
        "{}",
        sent[before].text
    );
    let feedback = running
        .fake
        .push_callback(PATIENT, PATIENT, answer.message_id, down);
    running
        .fake
        .wait_until("both callbacks answered", WAIT, |f| {
            let answered = f.answered_callbacks();
            answered.contains(&id) && answered.contains(&feedback)
        })
        .await;
    let summary = Journal::open(&running.database(), 90)
        .unwrap()
        .summary(5)
        .unwrap();
    assert_eq!(
        summary.disliked,
        [("potential-risks-and-considerations".to_string(), 1, 0)]
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_button_on_an_old_message_still_works_after_a_restart() {
    let first = start_bot().await;
    let answer = first.ask(PATIENT, "Will I need physical therapy?").await;
    let data = button_data(&answer);
    let fake = first.fake.clone();
    drop(first);
    let second = start_bot().await;
    let before = second.fake.sent().len();
    // A press on a message the new process never saw (the fake marks it inaccessible).
    second
        .fake
        .push_callback(PATIENT, PATIENT, 424242, &data[0]);
    let sent = second.fake.wait_for_sent(before + 1, WAIT).await;
    assert!(
        sent[before].text.contains("<b>Recovery and Follow-Up</b>"),
        "{}",
        sent[before].text
    );
    assert!(fake.rejected().is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn in_groups_the_bot_answers_mentions_replies_and_commands_only() {
    let running = start_bot().await;
    let group = -100_777;
    running.fake.push_group_text(
        group,
        PATIENT,
        "does anyone know if the harvest hurts?",
        false,
    );
    running.fake.push_group_text(
        group,
        PATIENT,
        &format!("@{BOT_USERNAME} is local anesthesia used?"),
        false,
    );
    let sent = running.fake.wait_for_sent(1, WAIT).await;
    assert!(
        sent[0].visible_text.to_lowercase().contains("anesthesia"),
        "{}",
        sent[0].text
    );
    running.fake.push_group_text(
        group,
        PATIENT,
        "and how long does the injection take?",
        true,
    );
    running
        .fake
        .push_group_text(group, PATIENT, &format!("/topics@{BOT_USERNAME}"), false);
    let sent = running.fake.wait_for_sent(3, WAIT).await;
    assert!(
        sent[1].visible_text.contains("30 minutes"),
        "{}",
        sent[1].text
    );
    assert!(sent[2].visible_text.contains(text::TOPICS_HEADING));
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(
        running.fake.sent().len(),
        3,
        "answered a message not meant for it"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn staff_commands_work_for_staff_and_are_refused_to_patients() {
    let running = start_bot().await;
    let refusal = running.ask(PATIENT, "/why does the harvest hurt").await;
    assert_eq!(refusal.visible_text, text::STAFF_ONLY);
    let refusal = running.ask(PATIENT, "/stats").await;
    assert_eq!(refusal.visible_text, text::STAFF_ONLY);

    let why = running.ask(STAFF, "/why does the harvest hurt").await;
    assert!(
        why.visible_text.contains("Decision: answer"),
        "{}",
        why.visible_text
    );
    assert!(why.visible_text.contains("synonym"), "{}", why.visible_text);
    assert!(
        why.visible_text.contains("The Harvesting Process"),
        "{}",
        why.visible_text
    );
    let stats = running.ask(STAFF, "/stats").await;
    assert!(
        stats.visible_text.contains("messages: 0"),
        "{}",
        stats.visible_text
    );
    assert!(
        running.fake.rejected().is_empty(),
        "{:?}",
        running.fake.rejected()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reload_with_a_broken_guide_keeps_the_old_one_and_a_fixed_guide_is_swapped_in() {
    let running = start_bot().await;
    let guide = running.knowledge().join("guide.md");
    let original = std::fs::read_to_string(&guide).unwrap();
    std::fs::write(&guide, b"# Broken\n\n\xff\xfe not text\n").unwrap();
    let reply = running.ask(STAFF, "/reload").await;
    assert!(
        reply.visible_text.contains("could not be reloaded"),
        "{}",
        reply.visible_text
    );
    assert!(
        reply.visible_text.contains("guide.md"),
        "{}",
        reply.visible_text
    );
    let answer = running
        .ask(PATIENT, "How long will the injection take?")
        .await;
    assert!(answer.visible_text.contains("30 minutes to an hour"));

    std::fs::write(
        &guide,
        format!("{original}\n## Parking\n\nFree parking is available behind the clinic.\n"),
    )
    .unwrap();
    let reply = running.ask(STAFF, "/reload").await;
    assert!(
        reply.visible_text.starts_with("Reloaded the guide"),
        "{}",
        reply.visible_text
    );
    let answer = running.ask(PATIENT, "Where can I park?").await;
    assert!(
        answer.visible_text.contains("behind the clinic"),
        "{}",
        answer.visible_text
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_short_follow_up_is_read_in_the_context_of_the_last_topic() {
    let running = start_bot().await;
    // The same follow-up gets a different answer depending on the chat's last topic.
    let first = running.ask(PATIENT, "What is recovery like?").await;
    assert!(
        first.text.contains("Recovery and Follow-Up"),
        "{}",
        first.text
    );
    let follow_up = running.ask(PATIENT, "and how long does that take?").await;
    assert!(
        follow_up.text.contains("<b>Recovery and Follow-Up</b>"),
        "{}",
        follow_up.text
    );

    let first = running
        .ask(PATIENT + 1, "What imaging guides the injection?")
        .await;
    assert!(first.text.contains("The Injection Phase"), "{}", first.text);
    let follow_up = running
        .ask(PATIENT + 1, "and how long does that take?")
        .await;
    assert!(
        follow_up.visible_text.contains("30 minutes to an hour"),
        "{}",
        follow_up.text
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unanswered_questions_are_kept_for_the_report() {
    let running = start_bot().await;
    running.ask(PATIENT, "Do you take credit cards?").await;
    running.ask(PATIENT + 1, "do you take  credit cards?").await;
    let summary = Journal::open(&running.database(), 90)
        .unwrap()
        .summary(5)
        .unwrap();
    assert_eq!(
        summary.unanswered,
        [("do you take credit cards?".to_string(), 2)]
    );
}
