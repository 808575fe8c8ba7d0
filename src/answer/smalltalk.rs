//! Greetings, thanks and goodbyes: messages made only of pleasantries.

use super::Note;

/// Greetings: one of these (or of [`THANKS`]) must be present, so "ok" alone is not small talk.
const GREETINGS: &[&str] = &[
    "hi",
    "hello",
    "hey",
    "hiya",
    "howdy",
    "yo",
    "greetings",
    "morning",
    "afternoon",
    "evening",
];
/// Words of thanks and farewell.
const THANKS: &[&str] = &[
    "thanks",
    "thank",
    "thx",
    "ty",
    "cheers",
    "appreciate",
    "bye",
    "goodbye",
    "cya",
];
/// Other words that may accompany a greeting or thanks ("thank you so much, that was great").
const COURTESIES: &[&str] = &[
    "good",
    "day",
    "appreciated",
    "great",
    "helpful",
    "nice",
    "cool",
    "ok",
    "okay",
    "see",
    "later",
    "you",
    "so",
    "much",
    "very",
    "a",
    "lot",
    "there",
    "again",
    "all",
    "perfect",
    "awesome",
    "got",
    "it",
    "understood",
    "alright",
    "fine",
    "wonderful",
    "brilliant",
    "lovely",
    "that",
    "s",
    "is",
    "was",
    "for",
    "the",
    "help",
    "your",
    "bot",
    "many",
];

fn is_in(list: &[&str], word: &str) -> bool {
    list.contains(&word)
}

/// Whether the message's words are all pleasantries, including a greeting or thanks, and which.
pub fn pleasantry(words: &[String]) -> Option<Note> {
    let small = !words.is_empty()
        && words.len() <= 12
        && words
            .iter()
            .all(|w| is_in(GREETINGS, w) || is_in(THANKS, w) || is_in(COURTESIES, w))
        && words
            .iter()
            .any(|w| is_in(GREETINGS, w) || is_in(THANKS, w));
    if !small {
        return None;
    }
    if words.iter().any(|w| is_in(THANKS, w)) {
        Some(Note::Thanks)
    } else {
        Some(Note::Greeting)
    }
}
