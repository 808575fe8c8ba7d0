//! Typo correction: the closest known word, searched only among words of similar length.

use std::collections::HashMap;

/// Every word the guide (and its lexicon) uses, bucketed by length for typo correction.
#[derive(Debug, Default, Clone)]
pub struct Vocabulary {
    /// Word → how many passages use it.
    counts: HashMap<String, u32>,
    /// Words by character count; each with a bitmask of the letters it contains.
    by_length: Vec<Vec<(String, u32)>>,
}

impl Vocabulary {
    /// Builds the vocabulary from (word, count) pairs.
    pub fn new(counts: HashMap<String, u32>) -> Self {
        let mut by_length: Vec<Vec<(String, u32)>> = Vec::new();
        for word in counts.keys() {
            let len = word.chars().count();
            if by_length.len() <= len {
                by_length.resize(len + 1, Vec::new());
            }
            by_length[len].push((word.clone(), letter_mask(word)));
        }
        for bucket in &mut by_length {
            bucket.sort();
        }
        Self { counts, by_length }
    }

    /// The same vocabulary with more words added (counts are summed).
    pub fn with_extra(mut self, extra: HashMap<String, u32>) -> Self {
        for (word, count) in extra {
            *self.counts.entry(word).or_default() += count;
        }
        Vocabulary::new(self.counts)
    }

    pub fn contains(&self, word: &str) -> bool {
        self.counts.contains_key(word)
    }

    pub fn len(&self) -> usize {
        self.counts.len()
    }

    pub fn is_empty(&self) -> bool {
        self.counts.is_empty()
    }

    /// The known word closest to an unknown `word`, if one is close enough for its length:
    /// words under 5 letters are never corrected, 5–8 letters allow one edit, longer ones two
    /// (Damerau–Levenshtein: a swap of two neighbours is one edit).
    pub fn correct(&self, word: &str) -> Option<&str> {
        let len = word.chars().count();
        let max_edits = match len {
            0..=4 => return None,
            5..=8 => 1,
            _ => 2,
        };
        let mask = letter_mask(word);
        let mut best: Option<(usize, u32, &str)> = None;
        for bucket in self
            .by_length
            .iter()
            .take(len + max_edits + 1)
            .skip(len - max_edits)
        {
            for (candidate, candidate_mask) in bucket {
                // Each edit changes at most two letters of the set: skip hopeless candidates cheaply.
                if (mask ^ candidate_mask).count_ones() as usize > 2 * max_edits {
                    continue;
                }
                let edits = strsim::damerau_levenshtein(word, candidate);
                if edits > max_edits {
                    continue;
                }
                let count = self.counts[candidate];
                let better = match best {
                    None => true,
                    Some((best_edits, best_count, _)) => {
                        edits < best_edits || (edits == best_edits && count > best_count)
                    }
                };
                if better {
                    best = Some((edits, count, candidate));
                }
            }
        }
        best.map(|(_, _, word)| word)
    }
}

/// A bitmask of which letters a–z (and "other") occur in the word.
fn letter_mask(word: &str) -> u32 {
    word.chars().fold(0, |mask, c| {
        let bit = if c.is_ascii_lowercase() {
            c as u32 - 'a' as u32
        } else {
            26
        };
        mask | (1 << bit)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vocabulary(words: &[&str]) -> Vocabulary {
        Vocabulary::new(words.iter().map(|w| (w.to_string(), 1)).collect())
    }

    #[test]
    fn corrects_misspellings_by_length() {
        let v = vocabulary(&["recovery", "treatment", "injection", "pain", "swelling"]);
        assert_eq!(v.correct("recovry"), Some("recovery"));
        assert_eq!(v.correct("treatmnet"), Some("treatment"));
        assert_eq!(v.correct("injcetion"), Some("injection"));
        assert_eq!(v.correct("swellin"), Some("swelling"));
    }

    #[test]
    fn leaves_short_and_distant_words_alone() {
        let v = vocabulary(&["pain", "park", "recovery"]);
        assert_eq!(v.correct("paik"), None);
        assert_eq!(v.correct("insurance"), None);
        assert_eq!(v.correct(""), None);
        assert_eq!(v.correct("ü"), None);
    }
}
