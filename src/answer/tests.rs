//! Behaviour of the answer pipeline on the shipped guide.

use std::path::Path;
use std::sync::OnceLock;

use super::*;
use crate::index::GuideIndex;
use crate::knowledge::Guide;

/// The embedding model (`GUIDEBOT_MODEL` or the Hugging Face cache); the README's test
/// command provides it.
fn model() -> std::sync::Arc<crate::embed::Embedder> {
    static MODEL: OnceLock<std::sync::Arc<crate::embed::Embedder>> = OnceLock::new();
    MODEL
        .get_or_init(|| {
            let dir = crate::embed::locate(None, false).unwrap_or_else(|err| {
                panic!("these tests need the embedding model ({err}); run them with scripts/test")
            });
            std::sync::Arc::new(crate::embed::Embedder::load(&dir).unwrap())
        })
        .clone()
}

/// The shipped guide with its index in a new folder, with the embedding model or by words
/// alone.
fn shipped_guide(semantic: bool) -> (Librarian, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let guide = Guide::load(&knowledge()).unwrap();
    let index = GuideIndex::build(&guide, dir.path(), "test").unwrap();
    let librarian = if semantic {
        let meaning = Semantic::build(&guide, model(), dir.path()).unwrap();
        Librarian::new(guide, index).with_semantic(meaning)
    } else {
        Librarian::new(guide, index)
    };
    (librarian, dir)
}

/// The shipped guide, answered with the embedding model.
fn librarian() -> &'static Librarian {
    static LIBRARIAN: OnceLock<(Librarian, tempfile::TempDir)> = OnceLock::new();
    &LIBRARIAN.get_or_init(|| shipped_guide(true)).0
}

/// The shipped guide, answered by words alone (no model).
fn words_librarian() -> &'static Librarian {
    static LIBRARIAN: OnceLock<(Librarian, tempfile::TempDir)> = OnceLock::new();
    &LIBRARIAN.get_or_init(|| shipped_guide(false)).0
}

fn knowledge() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("knowledge")
}

fn accept() -> f32 {
    Decision::default().accept
}

fn is_verbatim(quote: &str) -> bool {
    librarian()
        .guide()
        .passages
        .iter()
        .any(|p| p.text.contains(quote))
}

#[test]
fn a_plain_question_is_answered_with_a_verbatim_quote_and_its_section() {
    let answer = librarian().answer("How long will the injection take?");
    assert_eq!(answer.kind, AnswerKind::Answer);
    let quote = answer.quote.unwrap();
    assert!(quote.contains("30 minutes to an hour"), "{quote}");
    assert!(is_verbatim(&quote));
    assert_eq!(answer.section.unwrap().title, "The Injection Phase");
    assert!(answer.score >= accept());
}

#[test]
fn a_short_paragraph_is_quoted_whole_so_the_answer_keeps_its_context() {
    // "Will I need physical therapy?" is answered by the last sentence of a three-sentence
    // paragraph; the patient reads it with the paragraph it belongs to.
    let answer = librarian().answer("Will I need physical therapy?");
    let quote = answer.quote.unwrap();
    assert!(quote.contains("physical therapy"), "{quote}");
    assert!(
        quote.starts_with("Recovery after stem cell therapy"),
        "{quote}"
    );
}

#[test]
fn misspellings_get_the_same_answer_as_the_right_spelling() {
    for (wrong, right) in [
        ("recovry aftr treatmnet", "recovery after treatment"),
        ("is the injcetion painfull", "is the injection painful"),
        (
            "anesthesia for the bone marow",
            "anesthesia for the bone marrow",
        ),
    ] {
        let a = librarian().answer(wrong);
        let b = librarian().answer(right);
        assert_eq!(a.kind, AnswerKind::Answer, "{wrong}");
        assert_eq!(a.section, b.section, "{wrong} vs {right}");
        assert!(
            a.why.words.iter().any(|w| w.how.starts_with("typo of")),
            "{wrong}"
        );
    }
}

#[test]
fn lay_words_reach_the_guide_words_through_the_synonym_list() {
    let cases = [
        ("when can I hit the gym again", "strenuous"),
        ("will I need physio", "physical therapy"),
        ("is the jab quick", "30 minutes"),
        ("will they put me to sleep", "anesthesia"),
    ];
    for (question, expected) in cases {
        let answer = librarian().answer(question);
        assert_eq!(answer.kind, AnswerKind::Answer, "{question}");
        let quote = answer.quote.unwrap();
        // The quote comes from the section that uses the guide's word for it.
        let section = answer.section.unwrap().id;
        let texts = librarian().section_passages(section).join(" ");
        assert!(texts.contains(expected), "{question}: {quote}");
        assert!(
            answer.why.words.iter().any(|w| w.how == "synonym"),
            "{question}"
        );
    }
}

#[test]
fn questions_the_guide_does_not_cover_are_declined() {
    for question in [
        "How much will this cost me?",
        "Is there a discount for veterans?",
        "Can stem cells regrow my teeth?",
        "Which bus goes to the clinic?",
        "What's the wifi password",
    ] {
        let answer = librarian().answer(question);
        assert_eq!(
            answer.kind,
            AnswerKind::NoAnswer,
            "{question}: {:?}",
            answer.quote
        );
        assert!(answer.score < accept());
        assert!(
            answer
                .why
                .words
                .iter()
                .any(|w| w.how == "unknown to the guide"),
            "{question}"
        );
    }
}

#[test]
fn a_passage_that_fits_the_form_but_not_the_subject_is_no_answer() {
    // The guide gives durations, but not of these things: never quote another thing's duration.
    for question in [
        "How long is the consultation?",
        "How long does parking take?",
    ] {
        let answer = librarian().answer(question);
        let quote = answer.quote.unwrap_or_default();
        assert!(
            !quote.contains("minutes") && !quote.contains("hour"),
            "{question}: {quote}"
        );
    }
    let answer = librarian().answer("How long does parking take?");
    assert_eq!(answer.kind, AnswerKind::NoAnswer, "{:?}", answer.quote);
    // With a subject it does cover, the same form is answered.
    let answer = librarian().answer("How long does the injection take?");
    assert_eq!(answer.kind, AnswerKind::Answer);
}

#[test]
fn misspellings_are_never_corrected_into_function_words() {
    let answer = librarian().answer("What should I bring on the day?");
    assert!(
        answer.why.words.iter().all(|w| !w.how.contains("being")),
        "{:?}",
        answer.why.words
    );
    assert_eq!(answer.kind, AnswerKind::NoAnswer);
}

#[test]
fn urgent_symptoms_in_the_first_person_are_emergencies() {
    for message in [
        "I can't breathe",
        "my chest hurts",
        "I have a fever of 39 and chills",
        "the bleeding won't stop",
        "I fainted in the bathroom",
        "my lips and tongue are swelling",
        "my husband is suddenly talking gibberish",
        "I don't want to be alive anymore",
    ] {
        let answer = librarian().answer(message);
        assert_eq!(answer.kind, AnswerKind::Emergency, "{message}");
        assert!(answer.red_flag.is_some());
    }
}

#[test]
fn questions_about_risks_and_negated_symptoms_are_not_emergencies() {
    for message in [
        "What are the risks of the injection?",
        "Is chest pain a known side effect?",
        "I don't have a fever, should I still rest?",
        "Is bleeding heavily common after harvesting?",
    ] {
        let answer = librarian().answer(message);
        assert_ne!(answer.kind, AnswerKind::Emergency, "{message}");
    }
}

#[test]
fn greetings_and_thanks_are_small_talk_without_a_quote() {
    for (message, note) in [
        ("hello", Note::Greeting),
        ("Good morning!", Note::Greeting),
        ("thanks a lot", Note::Thanks),
        ("thank you, that was helpful", Note::Thanks),
        ("ok", Note::Thanks),
        ("cheers mate", Note::Thanks),
        ("thank you so much x", Note::Thanks),
        ("brilliant, got it", Note::Thanks),
        ("Hi there, hope you're doing well", Note::Greeting),
        ("right, that's clear now, thanks kindly", Note::Thanks),
        ("thanks, take care and have a good weekend", Note::Thanks),
        ("you've been so kind, goodbye for now", Note::Thanks),
    ] {
        let answer = librarian().answer(message);
        assert_eq!(answer.kind, AnswerKind::Smalltalk, "{message}");
        assert_eq!(answer.note, Some(note));
        assert!(answer.quote.is_none());
    }
    for question in [
        "hello, does the harvest hurt?",
        "is it ok?",
        "right, and can I take a shower after it?",
        "bye, have you been told how long the harvest takes?",
    ] {
        assert_ne!(
            librarian().answer(question).kind,
            AnswerKind::Smalltalk,
            "{question}"
        );
    }
}

#[test]
fn and_after_that_gives_the_next_topic_in_the_guides_order() {
    let injection = librarian()
        .topics()
        .iter()
        .position(|t| t.title == "The Injection Phase")
        .unwrap();
    let current = librarian().topics()[injection].id;
    let next = &librarian().topics()[injection + 1];
    let answer = librarian().answer_in_context("and after that?", Some(current));
    assert_eq!(answer.kind, AnswerKind::Answer);
    assert_eq!(answer.section.as_ref().unwrap().id, next.id);
    assert!(is_verbatim(answer.quote.as_deref().unwrap()));
}

#[test]
fn shorthand_and_joined_words_are_read_as_words() {
    let answer = librarian().answer("how long is the stemcell injection b4 i can go home");
    assert!(
        answer.why.read_as.contains("stem cell"),
        "{}",
        answer.why.read_as
    );
    assert!(
        answer.why.read_as.contains("before"),
        "{}",
        answer.why.read_as
    );
}

#[test]
fn any_text_gets_a_decision_without_panicking() {
    let long = "why ".repeat(2000);
    let inputs = [
        "",
        "   ",
        "???",
        "😀😀",
        "( ) : \" - AND OR",
        "title:injection AND body:\"pain",
        "\u{0}\u{7}\u{1b}[31m",
        "مرحبا كيف حالك",
        "שלום",
        long.as_str(),
    ];
    for input in inputs {
        let answer = librarian().answer(input);
        if let Some(quote) = &answer.quote {
            assert!(is_verbatim(quote));
        }
    }
    assert_eq!(librarian().answer("???").note, Some(Note::EmptyMessage));
}

#[test]
fn answers_suggest_other_sections_not_their_own() {
    let answer = librarian().answer("What are the risks of stem cell therapy?");
    let own = answer.section.unwrap();
    assert!(answer.suggestions.iter().all(|t| t.id != own.id));
}

#[test]
fn without_the_model_words_alone_still_answer() {
    let answer = words_librarian().answer("How long will the injection take?");
    assert_eq!(words_librarian().mode(), Mode::Words);
    assert_eq!(answer.kind, AnswerKind::Answer);
    assert!(answer.quote.unwrap().contains("30 minutes to an hour"));
    assert_eq!(librarian().mode(), Mode::Semantic);
}

#[test]
fn people_numbers_and_function_words_are_never_the_subject() {
    // "My dad is 72" says who and how old, not what the question is about: a guide that never
    // mentions dads or ages must not count them as an uncovered subject.
    // "son" is one letter short of "soon", but a person is never read as a typo.
    let message =
        librarian().analyse("My dad is 72 and my son drives, dreading the bone marrow bit itself");
    for word in ["dad", "72", "son"] {
        let concept = message.concepts.iter().find(|c| c.written == word).unwrap();
        assert!(!concept.subject, "{word}");
        assert!(concept.read_as.is_none(), "{word} was read as a typo");
    }
    assert!(message.concepts.iter().all(|c| c.written != "itself"));
    assert!(
        message
            .concepts
            .iter()
            .any(|c| c.written == "marrow" && c.subject)
    );
}

#[test]
fn thanks_or_a_greeting_before_a_remark_is_small_talk_but_not_before_a_question() {
    for message in [
        "Cheers for that, you've saved me a phone call",
        "thank you, my husband will be relieved to hear it x",
        "thanks so much, that has really helped with the worry x",
        "hello from a very nervous patient",
        "good evening, is anyone there?",
        "Evening! Hope you are having a lovely day",
        "Thanks ever so much, you are a star. Bye!",
    ] {
        let answer = librarian().answer(message);
        assert_eq!(answer.kind, AnswerKind::Smalltalk, "{message}");
        assert!(answer.quote.is_none());
    }
    // A question after the pleasantry gets the guide's answer, or an honest decline.
    let answer = librarian().answer("hi, how much does parking cost?");
    assert_eq!(answer.kind, AnswerKind::NoAnswer);
    let answer = librarian().answer("thanks! how long does the injection take?");
    assert_eq!(answer.kind, AnswerKind::Answer);
    let answer = librarian().answer("thanks, and are the injections painful");
    assert_ne!(answer.kind, AnswerKind::Smalltalk);
}

#[test]
fn a_real_word_is_never_corrected_into_another() {
    // "fasting" is not "lasting", "tight" is not "right": correcting a real word changes what
    // the patient asked.
    for (message, word) in [
        ("do I need to be fasting before the harvest?", "fasting"),
        ("my knee feels tight after the injection", "tight"),
    ] {
        let message = librarian().analyse(message);
        let concept = message.concepts.iter().find(|c| c.written == word).unwrap();
        assert_eq!(concept.read_as, None, "{word}");
    }
    // A misspelling that is no word is still read as the guide's word.
    let message = librarian().analyse("how long is the recovrey");
    assert!(
        message
            .concepts
            .iter()
            .any(|c| c.read_as.as_deref() == Some("recovery"))
    );
}

#[test]
fn a_subject_word_the_guide_does_not_use_counts_by_the_nearest_word_in_meaning() {
    // The guide says "infection", the patient "germs": no synonym list bridges them, the
    // model's sense of the two words does.
    let answer = librarian().answer("could germs get into the wound");
    assert_eq!(answer.kind, AnswerKind::Answer, "{:?}", answer.why.decision);
    assert!(answer.quote.as_deref().unwrap().contains("infection"));
    let best = &answer.why.candidates[0];
    assert!(
        best.features.subject_meaning > best.features.subject_coverage,
        "{:?}",
        best.features
    );
    // A subject the guide has nothing close to is missing, and such a passage is not quoted.
    let answer = librarian().answer("Can stem cells regrow my teeth?");
    assert_eq!(answer.kind, AnswerKind::NoAnswer);
    assert!(answer.why.candidates[0].features.subject_missing > 0.0);
    // Words alone know nothing of meaning.
    let answer = words_librarian().answer("could germs get into the wound");
    assert!(
        answer
            .why
            .candidates
            .iter()
            .all(|c| c.features.subject_meaning == 0.0 && c.features.subject_missing == 0.0)
    );
}

#[test]
fn the_shipped_example_vectors_cover_every_example_and_are_the_models() {
    // A new index takes the red-flag examples' vectors from the binary instead of embedding
    // them: they must be there for every shipped example, and be what the model computes.
    use crate::answer::semantic::SHIPPED_EXAMPLE_VECTORS;
    use crate::embed::{VectorCache, cosine};
    let guide = Guide::load(&knowledge()).unwrap();
    let embedder = model();
    let dir = tempfile::tempdir().unwrap();
    let mut cache = VectorCache::open(&dir.path().join("cache.bin"));
    assert!(cache.seed(SHIPPED_EXAMPLE_VECTORS, embedder.model_id()) > 0);
    let texts: Vec<&str> = guide.lexicon.red_flag_example_texts().collect();
    let vectors = cache.embed_all(&embedder, &texts).unwrap();
    assert_eq!(
        cache.last_computed(),
        0,
        "examples changed: run `cargo run --release --example example_vectors`"
    );
    for i in [0, texts.len() / 2, texts.len() - 1] {
        let fresh = embedder.embed(texts[i]).unwrap();
        assert!(cosine(&fresh, &vectors[i]) > 0.9999, "{}", texts[i]);
    }
    // Vectors for another model are not taken.
    let mut other = VectorCache::open(&dir.path().join("other.bin"));
    assert_eq!(other.seed(SHIPPED_EXAMPLE_VECTORS, "another model"), 0);
}

#[test]
fn a_passage_unrelated_in_meaning_is_never_quoted_for_the_words_it_shares() {
    for question in [
        "can you recommend a decent curry place near me",
        "who won the football last night, was it a good match",
        "give me a good recipe for banana bread",
    ] {
        let answer = librarian().answer(question);
        assert_eq!(answer.kind, AnswerKind::NoAnswer, "{question}");
        for candidate in &answer.why.candidates {
            if candidate.features.meaning() < 0.15 {
                assert!(candidate.probability < accept(), "{question}");
            }
        }
    }
}

#[test]
fn a_missing_subject_word_is_overlooked_only_when_everything_else_is_sure() {
    // "i vape, how long before do I stop?" where the guide says "smoking": the patient's own
    // word is missing from the guide, but the passage is otherwise plainly the answer.
    let features = Features {
        sim_passage: 0.55,
        sim_sentence: 0.6,
        subject_meaning: 0.6,
        subject_missing: 0.45,
        ..Features::default()
    };
    assert!(!librarian::never_quoted(&features, 0.8, Mode::Semantic));
    assert!(!librarian::never_quoted(&features, 0.55, Mode::Semantic));
    // Less sure, the missing word may be what the guide does not cover ("can I bring my dog").
    assert!(librarian::never_quoted(&features, 0.45, Mode::Semantic));
    // With most of the subject missing ("which bus goes to the clinic?"), only a passage that
    // is very likely to answer is quoted.
    let mostly_missing = Features {
        subject_missing: 0.65,
        ..features
    };
    assert!(librarian::never_quoted(
        &mostly_missing,
        0.65,
        Mode::Semantic
    ));
    assert!(!librarian::never_quoted(
        &mostly_missing,
        0.8,
        Mode::Semantic
    ));
    // Nothing overlooks a passage the model finds unrelated.
    let unrelated = Features {
        sim_passage: 0.1,
        sim_sentence: 0.1,
        ..features
    };
    assert!(librarian::never_quoted(&unrelated, 0.9, Mode::Semantic));
}

#[test]
fn the_question_adapter_is_a_signal_staff_can_see_and_can_be_turned_off() {
    let question = "when can i take the dressing off and have a shower";
    let answer = librarian().answer(question);
    let best = &answer.why.candidates[0];
    // With the default model the shipped adapter is at work: the adapted similarity is its own
    // signal beside the plain one.
    assert_ne!(best.features.sim_adapted, best.features.sim_passage);
    assert!(best.features.sim_adapted > 0.0);
    // Without it the signal falls back to the plain similarity, and answers still come.
    let (plain, _dir) = shipped_guide(true);
    let answer = plain.with_adapter(None).answer(question);
    for candidate in &answer.why.candidates {
        assert_eq!(
            candidate.features.sim_adapted,
            candidate.features.sim_passage
        );
    }
}

#[test]
fn the_guides_letterhead_is_never_quoted_as_an_answer() {
    let markdown = "# Cataract surgery\n\nRiverside Eye Unit, Harbour Street Hospital\n\nPatient information\n\n\
        This leaflet explains your operation.\n\n## Finding us\n\nThe eye unit is on the second floor of the \
        main building, next to the lifts.\n\n## Driving\n\nDo not drive until your eye has been checked.\n";
    let dir = tempfile::tempdir().unwrap();
    let guide = Guide::from_markdown("guide.md", markdown);
    let index = GuideIndex::build(&guide, dir.path(), "test").unwrap();
    let meaning = Semantic::build(&guide, model(), dir.path()).unwrap();
    let librarian = Librarian::new(guide, index).with_semantic(meaning);
    for question in [
        "which hospital is the eye unit in",
        "is this the patient information for the riverside eye unit",
        "where is the eye unit, which floor",
    ] {
        let answer = librarian.answer(question);
        let quote = answer.quote.as_deref().unwrap_or_default();
        assert!(
            !quote.contains("Harbour Street Hospital") && !quote.contains("Patient information"),
            "{question}: {quote}"
        );
    }
    let answer = librarian.answer("where is the eye unit, which floor");
    assert_eq!(answer.kind, AnswerKind::Answer);
    assert!(answer.quote.unwrap().contains("second floor"));
}

#[test]
fn a_question_for_whom_to_contact_is_answered_with_the_guides_contact_details() {
    let markdown = "# Knee arthroscopy\n\n## Your appointment\n\nPlease arrive 30 minutes early and \
        bring a list of your medicines. The operation takes about 45 minutes.\n\n## Pain after \
        the operation\n\nTake paracetamol regularly for the first three days. Ring us if the pain \
        gets worse instead of better.\n\n## Contact us\n\nTo change or cancel your appointment, ring \
        the booking team on 01632 960 101, Monday to Friday.\n\nFor questions about your recovery \
        at night or at the weekend, ring the ward on 01632 960 202.\n";
    let dir = tempfile::tempdir().unwrap();
    let guide = Guide::from_markdown("guide.md", markdown);
    let index = GuideIndex::build(&guide, dir.path(), "test").unwrap();
    let meaning = Semantic::build(&guide, model(), dir.path()).unwrap();
    let librarian = Librarian::new(guide, index).with_semantic(meaning);
    for (question, number) in [
        (
            "cant make my appointment on tuesday, who do i ring",
            "01632 960 101",
        ),
        ("whats the number to cancel", "01632 960 101"),
        (
            "who do I phone on a saturday night if my knee is bothering me",
            "01632 960 202",
        ),
    ] {
        let answer = librarian.answer(question);
        assert_eq!(answer.kind, AnswerKind::Answer, "{question}");
        let quote = answer.quote.unwrap();
        assert!(quote.contains(number), "{question}: {quote}");
    }
    // When to ring is not whom to ring: that is the pain passage's to answer.
    let answer = librarian.answer("when should I ring you about the pain");
    assert!(!answer.quote.unwrap_or_default().contains("01632"));
}

#[test]
fn eval_counts_a_decline_that_offers_the_right_section() {
    // "what can go wrong" names nothing the guide's words share, so the bot declines it; but
    // it offers the risks section as a "did you mean" button, one tap from the answer, and
    // `eval` counts that apart from a bare decline.
    use crate::eval::{Case, evaluate};
    let question = "worst case, what can go wrong with it?";
    let answer = librarian().answer(question);
    assert_eq!(answer.kind, AnswerKind::NoAnswer, "{:?}", answer.quote);
    let offered = answer.suggestions.first().expect("a close section offered");
    let text = librarian().section_passages(offered.id)[0];
    let want: String = text
        .split_whitespace()
        .take(6)
        .collect::<Vec<_>>()
        .join(" ");
    let case = |any: &str| Case {
        q: question.to_string(),
        expect: "answer".to_string(),
        any: vec![any.to_string()],
    };
    let report = evaluate(
        librarian(),
        &[case(&want), case("a sentence the guide never says")],
    );
    assert!(report.outcomes[0].offered && !report.outcomes[1].offered);
    assert_eq!(report.right_section_offered(), (1, 2));
}
