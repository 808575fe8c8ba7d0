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
    "ta",
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
    "helpful",
    "nice",
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
    "got",
    "it",
    "fine",
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
    "really",
    "mate",
    "dear",
    "love",
    "x",
    "xx",
    "xxx",
    "am",
    "i",
    "me",
    "this",
    "one",
    "now",
    "sure",
    "makes",
    "sense",
    "clear",
    "anyone",
    "anybody",
    "someone",
    // Wishes and the softeners around them: "good morning, hope you're well", "right, got it,
    // thank you kindly", "take care and have a lovely weekend". Not "are", which opens
    // questions ("thanks, are the stitches dissolvable").
    "hope",
    "well",
    "re",
    "youre",
    "doing",
    "having",
    "have",
    "kindly",
    "right",
    "take",
    "care",
    "and",
    "too",
    "yourself",
    "weekend",
    // Praise of the help around a farewell: "you've been very kind, bye for now".
    "ve",
    "been",
    "kind",
];
/// Acknowledgements that are small talk even alone ("ok", "brilliant", "got it").
const ACKNOWLEDGEMENTS: &[&str] = &[
    "ok",
    "okay",
    "okey",
    "k",
    "kk",
    "great",
    "brilliant",
    "perfect",
    "cool",
    "noted",
    "understood",
    "alright",
    "lovely",
    "wonderful",
    "awesome",
    "fab",
    "super",
];

/// Words that open a question ("is it ok?", "thanks, when can I drive?").
const QUESTION_OPENERS: &[&str] = &[
    "is", "are", "can", "could", "should", "will", "would", "do", "does", "what", "how", "when",
    "why", "where", "am",
];

/// Subjects that make a following "are" or "will" tell rather than ask ("you are very kind").
const SUBJECTS: &[&str] = &["i", "you", "we", "they", "he", "she", "it", "that", "this"];

fn is_in(list: &[&str], word: &str) -> bool {
    list.contains(&word)
}

/// Whether a word is a greeting, thanks, courtesy or acknowledgement.
fn is_pleasant(word: &str) -> bool {
    is_in(GREETINGS, word)
        || is_in(THANKS, word)
        || is_in(COURTESIES, word)
        || is_in(ACKNOWLEDGEMENTS, word)
}

/// Whether the message's words are all pleasantries, including a greeting or thanks, and which.
pub fn pleasantry(words: &[String]) -> Option<Note> {
    let small = !words.is_empty()
        && words.len() <= 12
        && words.iter().all(|w| is_pleasant(w))
        && words
            .iter()
            .any(|w| is_in(GREETINGS, w) || is_in(THANKS, w) || is_in(ACKNOWLEDGEMENTS, w));
    // "is it ok?" asks something: an acknowledgement opening with a question word is no small talk.
    let asks = words.first().is_some_and(|w| is_in(QUESTION_OPENERS, w))
        && !words
            .iter()
            .any(|w| is_in(GREETINGS, w) || is_in(THANKS, w));
    if !small || asks {
        return None;
    }
    if words
        .iter()
        .any(|w| is_in(THANKS, w) || is_in(ACKNOWLEDGEMENTS, w))
    {
        Some(Note::Thanks)
    } else {
        Some(Note::Greeting)
    }
}

/// How many first words may hold the greeting or thanks a message opens with.
const OPENING_WORDS: usize = 3;

/// Whether the message opens with thanks or a greeting and asks nothing ("cheers, you've been
/// a great help", "thank you so much, that's put my mind at ease x"), and which: small talk
/// when the guide has no answer. A question after it ("hi, how much does it cost?") is not.
pub fn opening_pleasantry(text: &str, words: &[String]) -> Option<Note> {
    // The first word that is no pleasantry opens a question when it is a question word, unless
    // a subject comes before it: "hope you are well" tells, "thanks, are they painful" asks.
    let asks = words.iter().position(|w| !is_pleasant(w)).is_some_and(|i| {
        is_in(QUESTION_OPENERS, &words[i]) && !(i > 0 && is_in(SUBJECTS, &words[i - 1]))
    });
    if text.contains('?') || asks {
        return None;
    }
    let opening = &words[..words.len().min(OPENING_WORDS)];
    if opening.iter().any(|w| is_in(THANKS, w)) {
        Some(Note::Thanks)
    } else if opening.iter().any(|w| is_in(GREETINGS, w)) {
        Some(Note::Greeting)
    } else {
        None
    }
}
