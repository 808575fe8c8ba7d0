use super::*;
use crate::answer::{Explanation, Note};

fn config() -> Config {
    Config {
        clinic_name: "Riverside".into(),
        clinic_phone: "+1 555 0100".into(),
        emergency_number: "911".into(),
        ..Config::default()
    }
}

fn answer(kind: AnswerKind, quote: Option<&str>) -> Answer {
    Answer {
        kind,
        section: quote.map(|_| Topic {
            id: 3,
            slug: "s3".into(),
            title: "Risks <& Care>".into(),
            heading: "Risks <& Care>".into(),
        }),
        quote: quote.map(str::to_string),
        score: 0.9,
        suggestions: vec![Topic {
            id: 4,
            slug: "s4".into(),
            title: "Recovery".into(),
            heading: "Recovery".into(),
        }],
        red_flag: None,
        note: None,
        why: Explanation::default(),
    }
}

#[test]
fn an_answer_quotes_the_guide_in_a_blockquote_under_its_section() {
    let reply = render(
        &answer(
            AnswerKind::Answer,
            Some("Rest for 2 days & avoid <lifting>."),
        ),
        &config(),
        &[],
    );
    assert!(
        reply.html.starts_with("<b>Risks &lt;&amp; Care&gt;</b>"),
        "{}",
        reply.html
    );
    assert!(
        reply
            .html
            .contains("<blockquote>Rest for 2 days &amp; avoid &lt;lifting&gt;.</blockquote>")
    );
    assert!(reply.plain.contains("“Rest for 2 days & avoid <lifting>.”"));
    assert!(reply.plain.contains("+1 555 0100"));
    let data: Vec<Vec<&str>> = reply
        .buttons
        .iter()
        .map(|row| row.iter().map(|b| b.data.as_str()).collect())
        .collect();
    assert_eq!(data, [vec!["t:s3"], vec!["t:s4"], vec!["+:s3", "-:s3"]]);
    assert_eq!(reply.buttons[2][1].label, text::NOT_HELPFUL);
}

#[test]
fn a_huge_quote_is_cut_to_fit_telegram() {
    let huge = "word ".repeat(3000);
    let reply = render(&answer(AnswerKind::Answer, Some(&huge)), &config(), &[]);
    assert!(utf16_len(&reply.plain) <= TELEGRAM_MAX_CHARS);
    assert!(reply.plain.contains(text::CUT_SHORT));
}

#[test]
fn no_answer_gives_the_clinic_phone() {
    let mut declined = answer(AnswerKind::NoAnswer, None);
    declined.suggestions.clear();
    let reply = render(&declined, &config(), &[]);
    assert_eq!(reply.plain, text::not_covered("+1 555 0100"));
    assert!(reply.buttons.is_empty());
}

#[test]
fn close_sections_are_offered_as_did_you_mean() {
    let reply = render(&answer(AnswerKind::NoAnswer, None), &config(), &[]);
    assert!(reply.plain.contains(text::DID_YOU_MEAN));
    assert_eq!(reply.buttons.len(), 1);
}

#[test]
fn an_emergency_says_the_emergency_number_first() {
    let reply = render(&answer(AnswerKind::Emergency, None), &config(), &[]);
    let first_number = reply.plain.find("911").unwrap();
    assert!(first_number < reply.plain.find("+1 555 0100").unwrap());
    assert!(reply.plain.starts_with(text::EMERGENCY_TITLE));
}

#[test]
fn thoughts_of_suicide_get_a_calm_reply_with_the_crisis_line_and_the_emergency_number() {
    let mut crisis = answer(AnswerKind::Emergency, None);
    crisis.note = Some(Note::Crisis);
    let config = Config {
        crisis_line: "988 (call or text)".into(),
        ..config()
    };
    let reply = render(&crisis, &config, &[]);
    assert!(
        reply.plain.starts_with(text::CRISIS_TITLE),
        "{}",
        reply.plain
    );
    assert!(reply.plain.contains("988 (call or text)"));
    assert!(reply.plain.contains(&text::crisis_danger("911")));
    assert!(!reply.plain.contains(text::EMERGENCY_TITLE));
    assert!(!reply.plain.contains("does not cover"));
    assert!(utf16_len(&reply.plain) <= TELEGRAM_MAX_CHARS);
    // The default names no country's number.
    let reply = render(&crisis, &Config::default(), &[]);
    assert!(reply.plain.contains(crate::config::DEFAULT_CRISIS_LINE));
    assert!(reply.plain.contains("112"));
}

#[test]
fn an_overdose_with_thoughts_of_suicide_gives_the_emergency_number_first_then_the_crisis_line() {
    use crate::answer::{Evidence, RedFlag, RedFlagKind};
    let flag = RedFlag {
        name: "swallowed something dangerous".into(),
        kind: RedFlagKind::Medical,
        evidence: Evidence::default(),
        crisis_too: Some("thoughts of suicide".into()),
    };
    let reply = render(&Answer::emergency(flag), &config(), &[]);
    assert!(
        reply
            .plain
            .starts_with(&text::emergency_call("911", "+1 555 0100")),
        "{}",
        reply.plain
    );
    assert!(reply.plain.contains(text::CRISIS_TITLE));
    assert!(
        reply
            .plain
            .contains(&text::crisis_talk(crate::config::DEFAULT_CRISIS_LINE))
    );
}

#[test]
fn the_explanation_shows_the_rule_and_the_words_behind_an_emergency() {
    use crate::answer::{Evidence, RedFlag, RedFlagKind};
    let flag = RedFlag {
        name: "heavy bleeding".into(),
        kind: RedFlagKind::Medical,
        evidence: Evidence {
            sentence: "my gum won't stop bleeding".into(),
            symptom: "bleeding".into(),
            details: vec!["won't stop".into()],
            who: Some("I".into()),
            when: None,
            rule_line: 12,
            examples: Vec::new(),
        },
        crisis_too: None,
    };
    let reply = render_explanation("my gum won't stop bleeding", &Answer::emergency(flag));
    assert!(
        reply.plain.contains("Red flag: heavy bleeding"),
        "{}",
        reply.plain
    );
    assert!(reply.plain.contains("“won't stop”"), "{}", reply.plain);
    assert!(reply.plain.contains("line 12"), "{}", reply.plain);
}

#[test]
fn empty_messages_and_small_talk_get_their_own_lines() {
    let mut empty = answer(AnswerKind::NoAnswer, None);
    empty.note = Some(Note::EmptyMessage);
    assert_eq!(render(&empty, &config(), &[]).plain, text::EMPTY_MESSAGE);
    let mut thanks = answer(AnswerKind::Smalltalk, None);
    thanks.note = Some(Note::Thanks);
    let topics = [Topic {
        id: 1,
        slug: "s1".into(),
        title: "Before".into(),
        heading: "Before".into(),
    }];
    let reply = render(&thanks, &config(), &topics);
    assert_eq!(reply.plain, text::THANKS);
    assert_eq!(reply.buttons.len(), 1);
}

#[test]
fn the_welcome_says_what_the_bot_is_and_what_to_do_in_an_emergency() {
    let topics = [
        Topic {
            id: 1,
            slug: "s1".into(),
            title: "Before".into(),
            heading: "Before".into(),
        },
        Topic {
            id: 2,
            slug: "s2".into(),
            title: "After".into(),
            heading: "After".into(),
        },
    ];
    let reply = welcome(&config(), &topics);
    assert!(reply.plain.contains(&text::welcome_intro("Riverside")));
    assert!(reply.plain.contains(text::NOT_A_DOCTOR));
    assert!(reply.plain.contains(&text::emergency_line("911")));
    assert_eq!(reply.buttons.len(), 2);
}

#[test]
fn a_long_section_shows_as_many_passages_as_fit() {
    let topic = Topic {
        id: 1,
        slug: "s1".into(),
        title: "Long".into(),
        heading: "Long".into(),
    };
    let passage = "A sentence of the guide. ".repeat(60);
    let passages: Vec<&str> = std::iter::repeat_n(passage.as_str(), 10).collect();
    let reply = render_topic(&topic, &passages, &[]);
    assert!(utf16_len(&reply.plain) <= TELEGRAM_MAX_CHARS);
    assert!(reply.html.matches("<blockquote>").count() >= 2);
}

#[test]
fn topic_buttons_show_the_sections_own_heading_cut_only_between_words() {
    let topics = [
        Topic {
            id: 1,
            slug: "bone-marrow-aspiration".into(),
            title: "Preparation for the Procedure › Bone Marrow Aspiration".into(),
            heading: "Bone Marrow Aspiration".into(),
        },
        Topic {
            id: 2,
            slug: "long".into(),
            title: "Long".into(),
            heading:
                "What to Anticipate Throughout a Stem Cell Therapy Session and the Weeks After It"
                    .into(),
        },
    ];
    let reply = render_topics(&topics);
    assert_eq!(reply.buttons[0][0].label, "📖 Bone Marrow Aspiration");
    let long = &reply.buttons[1][0].label;
    assert!(utf16_len(long) <= MAX_LABEL_CHARS, "{long}");
    assert!(
        long.starts_with("📖 What to Anticipate Throughout a Stem Cell Therapy Session")
            && long.ends_with(" the…"),
        "{long}"
    );
}
