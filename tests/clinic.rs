//! Clinic and staff features against the fake Bot API: deep links, buttons, feedback, groups,
//! staff commands, reload, follow-up questions.

mod support;

use std::time::Duration;

use guidebot::config::Config;
use guidebot::journal::Journal;
use guidebot::reply::text;
use support::bot::{RunningBot, WAIT, button_data, start_bot, test_config};
use support::fake_telegram::{BOT_USERNAME, SentMessage};

const PATIENT: i64 = 501;
const STAFF: i64 = 900;

async fn start_clinic_bot() -> RunningBot {
    start_bot(|dir| Config {
        staff_user_ids: vec![STAFF as u64],
        ..test_config(dir)
    })
    .await
}

fn database(running: &RunningBot) -> std::path::PathBuf {
    running.config.database.clone()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_deep_link_opens_its_topic_and_an_unknown_one_falls_back_to_the_welcome() {
    let running = start_clinic_bot().await;
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
    let running = start_clinic_bot().await;
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
    let summary = Journal::open(&database(&running), 90)
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
    let first = start_clinic_bot().await;
    let answer = first.ask(PATIENT, "Will I need physical therapy?").await;
    let data = button_data(&answer);
    let second = first.restart().await;
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
    assert!(second.fake.rejected().is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn with_a_conversation_database_a_restart_keeps_the_last_topic() {
    let running = start_bot(|dir| Config {
        conversation_database: Some(dir.join("conversations.sqlite3")),
        ..test_config(dir)
    })
    .await;
    let first = running.ask(PATIENT, "What is recovery like?").await;
    assert!(
        first.text.contains("Recovery and Follow-Up"),
        "{}",
        first.text
    );
    let running = running.restart().await;
    let follow_up = running.ask(PATIENT, "and how long does that take?").await;
    assert!(
        follow_up.text.contains("<b>Recovery and Follow-Up</b>"),
        "{}",
        follow_up.text
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn in_groups_the_bot_answers_mentions_replies_and_commands_only() {
    let running = start_clinic_bot().await;
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
    let running = start_clinic_bot().await;
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
    running.fake.assert_nothing_rejected();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reload_with_a_broken_guide_keeps_the_old_one_and_a_fixed_guide_is_swapped_in() {
    let running = start_clinic_bot().await;
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

/// Asserts that a reply says each of `words` (`^` first: it starts with them).
fn assert_says(reply: &SentMessage, words: &[&str]) {
    let said = &reply.visible_text;
    for words in words {
        let says = match words.strip_prefix('^') {
            Some(start) => said.starts_with(start),
            None => said.contains(words),
        };
        assert!(says, "{words:?} not in: {said}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reload_of_a_half_saved_guide_is_refused_with_what_it_lost_and_the_old_answers_still_come()
{
    let running = start_clinic_bot().await;
    let guide = running.knowledge().join("guide.md");
    let original = std::fs::read_to_string(&guide).unwrap();
    std::fs::write(&guide, support::half_saved(&original)).unwrap();
    let reply = running.ask(STAFF, "/reload").await;
    assert_says(
        &reply,
        &[
            "^The new guide was not loaded",
            "lost sections: ",
            "“Potential Risks and Considerations”",
            "topic names opening no section: “aftercare → post-procedure-monitoring”",
            "/reload force",
        ],
    );
    assert!(reply.visible_text.chars().count() <= 4096);
    let answer = running
        .ask(PATIENT, "How long will the injection take?")
        .await;
    assert_says(&answer, &["30 minutes to an hour"]);
    let risks = running.ask(PATIENT, "/start risks").await;
    assert_says(&risks, &["^Potential Risks and Considerations"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_section_removed_on_purpose_is_refused_then_accepted_with_reload_force() {
    let running = start_clinic_bot().await;
    let guide = running.knowledge().join("guide.md");
    let original = std::fs::read_to_string(&guide).unwrap();
    let without = &original[..original.find("## Final Thoughts").unwrap()];
    std::fs::write(&guide, without).unwrap();
    let reply = running.ask(STAFF, "/reload").await;
    assert_says(
        &reply,
        &[
            "^The new guide was not loaded",
            "lost sections: “Final Thoughts”",
        ],
    );
    let reply = running.ask(PATIENT, "/reload force").await;
    assert_eq!(reply.visible_text, text::STAFF_ONLY);

    let reply = running.ask(STAFF, "/reload force").await;
    assert_says(
        &reply,
        &[
            "^Reloaded the guide: 11 sections",
            "lost sections: “Final Thoughts”",
        ],
    );
    // Accepted: it is the last good guide now, so a plain /reload takes it as it is.
    let reply = running.ask(STAFF, "/reload").await;
    assert_says(&reply, &["^Reloaded the guide: 11 sections"]);
    assert!(
        !reply.visible_text.contains("lost"),
        "{}",
        reply.visible_text
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn after_a_restart_on_a_half_saved_guide_the_last_good_one_answers_and_stats_say_so() {
    let running = start_clinic_bot().await;
    let guide = running.knowledge().join("guide.md");
    let original = std::fs::read_to_string(&guide).unwrap();
    std::fs::write(&guide, support::half_saved(&original)).unwrap();
    let running = running.restart().await;
    let answer = running
        .ask(PATIENT, "How long will the injection take?")
        .await;
    assert_says(&answer, &["30 minutes to an hour"]);
    let stats = running.ask(STAFF, "/stats").await;
    assert_says(
        &stats,
        &[
            "The last good guide is answering",
            "lost sections: “The Harvesting Process”",
        ],
    );

    std::fs::write(&guide, &original).unwrap();
    let reply = running.ask(STAFF, "/reload").await;
    assert_says(&reply, &["^Reloaded the guide: 12 sections"]);
    let stats = running.ask(STAFF, "/stats").await;
    assert!(
        !stats.visible_text.contains("last good"),
        "{}",
        stats.visible_text
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_short_follow_up_is_read_in_the_context_of_the_last_topic() {
    let running = start_clinic_bot().await;
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
    let running = start_clinic_bot().await;
    running.ask(PATIENT, "Do you take credit cards?").await;
    running.ask(PATIENT + 1, "do you take  credit cards?").await;
    let summary = Journal::open(&database(&running), 90)
        .unwrap()
        .summary(5)
        .unwrap();
    assert_eq!(
        summary.unanswered,
        [("do you take credit cards?".to_string(), 2)]
    );
}
