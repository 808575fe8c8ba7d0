//! Words that carry no meaning of their own in a patient's question.

use std::collections::HashSet;
use std::sync::LazyLock;

use super::is_english_word;

/// English function words: ignored when searching.
const STOPWORDS: &[&str] = &[
    "a",
    "about",
    "afterwards",
    "afterward",
    "again",
    "all",
    "also",
    "am",
    "an",
    "and",
    "any",
    "are",
    "as",
    "at",
    "be",
    "been",
    "beforehand",
    "being",
    "but",
    "by",
    "can",
    "could",
    "d",
    "did",
    "do",
    "does",
    "doing",
    "for",
    "from",
    "had",
    "has",
    "have",
    "having",
    "he",
    "her",
    "here",
    "him",
    "his",
    "how",
    "i",
    "if",
    "in",
    "into",
    "is",
    "it",
    "its",
    "just",
    "ll",
    "m",
    // A modal verb in guides ("you may shower"): the month "May" matched it as a subject word.
    "may",
    "me",
    "might",
    "more",
    "most",
    "much",
    "must",
    "my",
    "myself",
    "no",
    "nor",
    "not",
    "of",
    "off",
    "on",
    "once",
    "or",
    "other",
    "our",
    "out",
    "over",
    "re",
    "s",
    "same",
    "shall",
    "she",
    "should",
    "so",
    "some",
    "such",
    "t",
    "than",
    "that",
    "the",
    "their",
    "them",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "through",
    "to",
    "too",
    "under",
    "until",
    "till",
    "up",
    "ve",
    "very",
    "was",
    "we",
    "were",
    "what",
    "when",
    "where",
    "which",
    "while",
    "who",
    "whom",
    "why",
    "will",
    "with",
    "would",
    "you",
    "your",
    "yours",
    "yourself",
    "please",
    "hi",
    "hello",
    "hey",
    "thanks",
    "ok",
    "okay",
];

/// Generic words of questions ("take", "happen", "thing", "part"): they help find a passage
/// but a guide that lacks them can still answer, so they weigh little in the confidence.
const FILLER: &[&str] = &[
    "able",
    "actual",
    "actually",
    "after",
    "again",
    "allowed",
    "anything",
    "ask",
    "back",
    "basically",
    "before",
    "body",
    "check",
    "choice",
    "come",
    "do",
    "done",
    "during",
    "each",
    "else",
    "exactly",
    "expect",
    "explain",
    "feel",
    "find",
    "get",
    "getting",
    "give",
    "hit",
    "go",
    "going",
    "gone",
    "got",
    "happen",
    "happens",
    "happening",
    "know",
    "let",
    "like",
    "literally",
    "look",
    "long",
    "make",
    "many",
    "mean",
    "means",
    "need",
    "needed",
    "normal",
    "ok",
    "option",
    "options",
    "part",
    "people",
    "possible",
    "put",
    "really",
    "roughly",
    "say",
    "see",
    "should",
    "something",
    "soon",
    "start",
    "still",
    "stuff",
    "sure",
    "take",
    "taken",
    "takes",
    "taking",
    "tell",
    "thing",
    "things",
    "think",
    "time",
    "try",
    "usually",
    "versus",
    "vs",
    "want",
    "way",
    "whole",
    "entire",
    "overall",
    "well",
    "word",
    "words",
    "use",
    "used",
    "using",
];

/// NLTK's English function words (from the stop-words crate), beside the list above.
static NLTK: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| stop_words::get("en").iter().copied().collect());

/// Whether `word` (lowercase) is a function word.
pub fn is_stopword(word: &str) -> bool {
    STOPWORDS.contains(&word) || NLTK.contains(word)
}

/// Whether `word` is a number ("72", "6", "38.9"): it says how much or when, never what about.
pub fn is_number(word: &str) -> bool {
    word.chars().next().is_some_and(|c| c.is_ascii_digit())
        && word
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
}

/// Whether `word` (lowercase) is a generic question word that should weigh little.
pub fn is_filler(word: &str) -> bool {
    FILLER.contains(&word)
}

/// The function or generic word that `word` misspells, if any: one letter dropped ("aftr" →
/// "after") or two neighbouring letters swapped ("agian" → "again"), the commonest typos in short
/// words, which are too short for edit-distance correction.
pub fn misspelt_function_word(word: &str) -> Option<&'static str> {
    dropped_letter_of(word).or_else(|| swapped_letters_of(word))
}

/// The function or generic word that `word` is with one letter dropped ("aftr" → "after").
fn dropped_letter_of(word: &str) -> Option<&'static str> {
    let len = word.chars().count();
    if len < 3 {
        return None;
    }
    function_words()
        .find(|candidate| candidate.chars().count() == len + 1 && drops_one(candidate, word))
}

/// The function or generic word that `word` is with two neighbouring letters swapped ("agian" →
/// "again", "waht" → "what"), unless `word` is itself an English word ("form" stays "form").
fn swapped_letters_of(word: &str) -> Option<&'static str> {
    let len = word.chars().count();
    if len < 3 || is_english_word(word) {
        return None;
    }
    function_words()
        .find(|candidate| candidate.chars().count() == len && swaps_two(candidate, word))
}

/// The function words and generic question words a typo may stand for.
fn function_words() -> impl Iterator<Item = &'static str> {
    STOPWORDS.iter().chain(FILLER).copied()
}

/// Whether `b` is `a` with exactly two neighbouring, different characters swapped.
fn swaps_two(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let Some(i) = a.iter().zip(&b).position(|(x, y)| x != y) else {
        return false;
    };
    i + 1 < a.len() && a[i] == b[i + 1] && a[i + 1] == b[i] && a[i + 2..] == b[i + 2..]
}

/// Whether `short` is `long` with exactly one character removed.
fn drops_one(long: &str, short: &str) -> bool {
    let (long, short): (Vec<char>, Vec<char>) = (long.chars().collect(), short.chars().collect());
    let split = long.iter().zip(&short).take_while(|(a, b)| a == b).count();
    long[split + 1..] == short[split..]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_words_missing_a_letter_are_recognised() {
        assert_eq!(dropped_letter_of("aftr"), Some("after"));
        assert_eq!(dropped_letter_of("wht"), Some("what"));
        assert_eq!(dropped_letter_of("cost"), None);
        assert_eq!(dropped_letter_of("no"), None);
    }

    #[test]
    fn function_words_with_two_letters_swapped_are_recognised() {
        assert_eq!(swapped_letters_of("agian"), Some("again"));
        assert_eq!(swapped_letters_of("waht"), Some("what"));
        // A real word is what the patient wrote.
        assert_eq!(swapped_letters_of("form"), None);
        assert_eq!(swapped_letters_of("again"), None);
        assert_eq!(swapped_letters_of("drive"), None);
    }
}
