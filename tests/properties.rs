//! Property tests: any text through the answer pipeline and the HTML renderer.

mod support;

use std::path::Path;
use std::sync::OnceLock;

use guidebot::answer::{AnswerKind, Librarian};
use guidebot::config::Config;
use guidebot::reply::{render, render_topic, welcome};
use proptest::prelude::*;
use support::fake_telegram::check_html_message;

fn librarian() -> &'static Librarian {
    static LIBRARIAN: OnceLock<(Librarian, tempfile::TempDir)> = OnceLock::new();
    &LIBRARIAN
        .get_or_init(|| {
            let dir = tempfile::tempdir().unwrap();
            let knowledge = Path::new(env!("CARGO_MANIFEST_DIR")).join("knowledge");
            (
                Librarian::open(&knowledge, dir.path(), Some(support::model()))
                    .unwrap()
                    .0,
                dir,
            )
        })
        .0
}

/// Patient-like text: guide words, query syntax, markup, emoji, other scripts, control characters.
fn message() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("injection".to_string()),
        Just("bone marrow".to_string()),
        Just("recovry".to_string()),
        Just(" AND ".to_string()),
        Just("OR".to_string()),
        Just("(".to_string()),
        Just(")".to_string()),
        Just(":".to_string()),
        Just("\"".to_string()),
        Just("-".to_string()),
        Just("<b>".to_string()),
        Just("&amp;".to_string()),
        Just("😀".to_string()),
        Just("שלום".to_string()),
        Just("\u{0}".to_string()),
        Just("\u{202e}".to_string()),
        Just("I can't breathe".to_string()),
        "\\PC{0,12}".prop_map(|s| s),
        any::<char>().prop_map(|c| c.to_string()),
    ];
    proptest::collection::vec(piece, 0..40).prop_map(|pieces| pieces.join(" "))
}

fn config() -> Config {
    Config {
        clinic_phone: "<555> & \"0100\"".into(),
        ..Config::default()
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn any_message_gets_a_valid_telegram_reply(text in message()) {
        let librarian = librarian();
        let answer = librarian.answer(&text);
        let reply = render(&answer, &config(), librarian.topics());
        let visible = check_html_message(&reply.html).map_err(TestCaseError::fail)?;
        prop_assert!(!visible.trim().is_empty());
        if let Some(quote) = &answer.quote {
            prop_assert!(librarian.guide().passages.iter().any(|p| p.text.contains(quote.as_str())));
        }
        if answer.kind == AnswerKind::Answer {
            prop_assert!(answer.quote.is_some() && answer.section.is_some());
        }
        for button in reply.buttons.iter().flatten() {
            prop_assert!(!button.data.is_empty() && button.data.len() <= 64);
        }
    }

    #[test]
    fn any_guide_text_renders_valid_and_within_the_limit(title in "\\PC{1,80}", passages in proptest::collection::vec("\\PC{1,2000}", 1..6)) {
        let topic = guidebot::answer::Topic { id: 0, slug: "s".into(), heading: title.clone(), title };
        let refs: Vec<&str> = passages.iter().map(String::as_str).collect();
        let reply = render_topic(&topic, &refs, &[]);
        check_html_message(&reply.html).map_err(TestCaseError::fail)?;
        let reply = welcome(&config(), std::slice::from_ref(&topic));
        check_html_message(&reply.html).map_err(TestCaseError::fail)?;
    }
}

#[test]
fn a_message_at_telegrams_limit_is_answered_validly() {
    let text = "does the injection hurt ".repeat(200);
    let text: String = text.chars().take(4096).collect();
    let answer = librarian().answer(&text);
    let reply = render(&answer, &config(), &[]);
    check_html_message(&reply.html).unwrap();
}
