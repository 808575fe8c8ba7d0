//! Words and stems: how the guide's text and patients' questions are split and compared.

mod english;
mod people;
mod sentences;
mod shorthand;
mod stopwords;
mod vocabulary;

use rust_stemmers::{Algorithm, Stemmer};

pub use english::is_english_word;
pub use people::is_person;
pub use sentences::sentences;
pub use shorthand::expand as expand_shorthand;
pub use stopwords::{is_filler, is_number, is_stopword, misspelt_function_word};
pub use vocabulary::Vocabulary;

/// Longest word kept, in bytes (tantivy's `en_stem` drops longer tokens the same way).
const MAX_WORD_BYTES: usize = 40;

/// Splits text into lowercase words and stems them, exactly as the index's `en_stem` analyzer does.
pub struct Analyzer {
    stemmer: Stemmer,
}

impl Default for Analyzer {
    fn default() -> Self {
        Self {
            stemmer: Stemmer::create(Algorithm::English),
        }
    }
}

impl std::fmt::Debug for Analyzer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Analyzer(English)")
    }
}

impl Analyzer {
    /// Lowercase alphanumeric words, in order (split like tantivy's `SimpleTokenizer`).
    pub fn words(&self, text: &str) -> Vec<String> {
        text.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty() && w.len() <= MAX_WORD_BYTES)
            .map(str::to_lowercase)
            .collect()
    }

    /// The English stem of one lowercase word.
    pub fn stem(&self, word: &str) -> String {
        self.stemmer.stem(word).into_owned()
    }

    /// The stems of every word in `text`, in order.
    pub fn stems(&self, text: &str) -> Vec<String> {
        self.words(text).iter().map(|w| self.stem(w)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_split_like_the_index() {
        let analyzer = Analyzer::default();
        assert_eq!(
            analyzer.words("X-rays, you’re (self-derived)!"),
            ["x", "rays", "you", "re", "self", "derived"]
        );
        assert_eq!(
            analyzer.stems("Swelling swollen injections"),
            ["swell", "swollen", "inject"]
        );
    }
}
