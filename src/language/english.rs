//! Whether a word is a real English word (the Wordnik word list): a real word is never
//! "corrected" into another one, since that would change what the patient wrote ("my throat
//! feels tight" is not "right").

/// Whether `word` (lowercase) is in the English word list.
pub fn is_english_word(word: &str) -> bool {
    word.is_ascii() && wordnik_list::word_exists(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn real_words_and_misspellings() {
        assert!(is_english_word("tight"));
        assert!(is_english_word("fasting"));
        assert!(!is_english_word("recovrey"));
        assert!(!is_english_word("anesthisia"));
    }
}
