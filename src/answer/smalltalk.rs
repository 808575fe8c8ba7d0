//! Greetings, thanks and goodbyes: messages made only of pleasantries.

use super::Note;

/// Words that make up pleasantries; a message of only these (and stop words) is small talk.
const PLEASANTRIES: &[&str] = &[
    "hi",
    "hello",
    "hey",
    "hiya",
    "howdy",
    "yo",
    "greetings",
    "good",
    "morning",
    "afternoon",
    "evening",
    "day",
    "thanks",
    "thank",
    "thx",
    "ty",
    "cheers",
    "appreciate",
    "appreciated",
    "great",
    "helpful",
    "nice",
    "cool",
    "ok",
    "okay",
    "bye",
    "goodbye",
    "see",
    "later",
    "cya",
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
/// At least one of these must be present, so "ok" or "it is" alone is not a greeting.
const OPENERS: &[&str] = &[
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

/// Words of thanks and farewell (the other openers are greetings).
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

/// Whether the message's words are all pleasantries, including a greeting or thanks, and which.
pub fn pleasantry(words: &[String]) -> Option<Note> {
    let small = !words.is_empty()
        && words.len() <= 12
        && words.iter().all(|w| PLEASANTRIES.contains(&w.as_str()))
        && words.iter().any(|w| OPENERS.contains(&w.as_str()));
    if !small {
        return None;
    }
    if words.iter().any(|w| THANKS.contains(&w.as_str())) {
        Some(Note::Thanks)
    } else {
        Some(Note::Greeting)
    }
}
