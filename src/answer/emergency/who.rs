//! Who has the symptom and when it started, as the patient wrote them, for the explanation.

use std::sync::LazyLock;

use super::phrase::Cues;
use super::words::Sentence;
use crate::language::is_person;

const SELF: &[&str] = &["i", "im", "ive", "id", "me", "myself"];
const THIRD: &[&str] = &["he", "hes", "she", "shes", "him", "they", "theyre"];

/// Words that say when.
static WHEN: LazyLock<Cues> = LazyLock::new(|| {
    Cues::new(&[
        "right now",
        "just now",
        "now",
        "at the moment",
        "currently",
        "since",
        "today",
        "tonight",
        "this morning",
        "this afternoon",
        "this evening",
        "yesterday",
        "last night",
        "suddenly",
        "all of a sudden",
        "out of nowhere",
        "for the last",
        "for the past",
        "for over",
        "for about",
        "for an hour",
        "for hours",
        "ago",
        "post op",
        "after my",
        "after the",
        "after his",
        "after her",
        "days after",
        "weeks after",
        "since my",
        "since the",
        "still",
        "keeps",
        "started",
    ])
});

/// Who has the symptom at `at`: the nearest person named before it (or after, if none).
pub fn who(sentence: &Sentence, message: &str, at: usize) -> Option<String> {
    let tokens = &sentence.tokens;
    let person = |j: usize| -> Option<String> {
        let word = tokens[j].word.as_str();
        if word == "my" || word == "our" || word == "his" || word == "her" {
            // "my dad", "my husband's"; "my chest" is the writer.
            if tokens.get(j + 1).is_some_and(|t| is_person(&t.word)) {
                return Some(sentence.written(message, j, j + 2));
            }
            return (word == "my").then(|| "I".to_string());
        }
        if is_person(word) {
            // With its "my"/"his"/"her" when written: "my husband".
            let owned = j > 0
                && matches!(
                    tokens[j - 1].word.as_str(),
                    "my" | "his" | "her" | "our" | "their"
                );
            return Some(sentence.written(message, if owned { j - 1 } else { j }, j + 1));
        }
        if THIRD.contains(&word) {
            return Some(sentence.written(message, j, j + 1));
        }
        SELF.contains(&word).then(|| "I".to_string())
    };
    (0..=at.min(tokens.len().saturating_sub(1)))
        .rev()
        .find_map(person)
        .or_else(|| (at + 1..tokens.len()).find_map(person))
}

/// When it happens, from the words of the sentence ("since my op", "10 mins ago", "now").
pub fn when(sentence: &Sentence, message: &str) -> Option<String> {
    let tokens = &sentence.tokens;
    let (span, cue) = WHEN.all(tokens, 0, tokens.len()).into_iter().next()?;
    let (start, end) = match cue {
        // "10 mins ago": the amount before it.
        "ago" => (span.start.saturating_sub(2), span.end),
        c if c.starts_with("since")
            || c.starts_with("after")
            || c.starts_with("for")
            || c.ends_with("after") =>
        {
            let clause = tokens[span.start].clause;
            let end = (span.end..tokens.len().min(span.end + 3))
                .take_while(|&j| tokens[j].clause == clause)
                .last()
                .map_or(span.end, |j| j + 1);
            (span.start, end)
        }
        _ => (span.start, span.end),
    };
    let text = sentence.written(message, start, end);
    (!text.is_empty()).then_some(text)
}
