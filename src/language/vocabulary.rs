//! Typo correction: the closest known word, searched only among words of similar length.
//!
//! A large guide (50,000 passages) can know some 45,000 words, and the search is a scan: each
//! length bucket keeps its words' letter signatures in one contiguous array, and only words
//! whose signature is close enough go on to the (costly) edit distance.

use std::collections::HashMap;

/// Every word the guide (and its lexicon) uses, bucketed by length for typo correction.
#[derive(Debug, Default, Clone)]
pub struct Vocabulary {
    /// Word → how many passages use it.
    counts: HashMap<String, u32>,
    /// Words by character count, in sorted order.
    by_length: Vec<Bucket>,
}

/// The known words of one length, sorted, with their [`signature`]s in a parallel array.
#[derive(Debug, Default, Clone)]
struct Bucket {
    words: Vec<String>,
    signatures: Vec<u64>,
}

impl Vocabulary {
    /// Builds the vocabulary from (word, count) pairs.
    pub fn new(counts: HashMap<String, u32>) -> Self {
        let mut sorted: Vec<Vec<&String>> = Vec::new();
        for word in counts.keys() {
            let len = word.chars().count();
            if sorted.len() <= len {
                sorted.resize(len + 1, Vec::new());
            }
            sorted[len].push(word);
        }
        let by_length = sorted
            .into_iter()
            .map(|mut words| {
                words.sort();
                Bucket {
                    signatures: words.iter().map(|w| signature(w)).collect(),
                    words: words.into_iter().cloned().collect(),
                }
            })
            .collect();
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

    /// Two known words written as one ("stemcell" → "stem", "cell"), each of three letters or more.
    pub fn split_joined<'a>(&self, word: &'a str) -> Option<(&'a str, &'a str)> {
        if word.len() < 6 || !word.is_ascii() || self.contains(word) {
            return None;
        }
        (3..=word.len() - 3)
            .map(|at| word.split_at(at))
            .find(|(left, right)| self.contains(left) && self.contains(right))
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
        let signature = signature(word);
        let mut best: Option<(usize, u32, &str)> = None;
        for bucket in self
            .by_length
            .iter()
            .take(len + max_edits + 1)
            .skip(len - max_edits)
        {
            for (i, candidate_signature) in bucket.signatures.iter().enumerate() {
                // Each edit flips at most two bits of the signature: skip hopeless candidates cheaply.
                if (signature ^ candidate_signature).count_ones() as usize > 2 * max_edits {
                    continue;
                }
                let candidate = &bucket.words[i];
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

/// Which letters a–z (and "other") occur in the word (bits 0–26), and which occur at least
/// twice (bits 32–58).
///
/// Any edit changes the count of at most two letters, each by one, and a count that moves by one
/// crosses at most one of the two thresholds: so one edit flips at most two bits, and words
/// within `n` edits have signatures at most `2n` bits apart.
fn signature(word: &str) -> u64 {
    let mut counts = [0u8; 27];
    for c in word.chars() {
        let letter = if c.is_ascii_lowercase() {
            c as usize - 'a' as usize
        } else {
            26
        };
        counts[letter] = counts[letter].saturating_add(1);
    }
    counts
        .iter()
        .enumerate()
        .fold(0, |signature, (letter, &count)| {
            signature | (u64::from(count >= 1) << letter) | (u64::from(count >= 2) << (32 + letter))
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

    /// The correction the plain scan gives: every word of a near length, by edit distance, then
    /// by count, then shorter first, then alphabetically.
    fn brute_force<'a>(v: &'a Vocabulary, word: &str) -> Option<&'a str> {
        let len = word.chars().count();
        let max_edits = match len {
            0..=4 => return None,
            5..=8 => 1,
            _ => 2,
        };
        let mut words: Vec<&String> = v.counts.keys().collect();
        words.sort_by_key(|w| (w.chars().count(), *w));
        words
            .into_iter()
            .filter(|w| w.chars().count().abs_diff(len) <= max_edits)
            .map(|w| (strsim::damerau_levenshtein(word, w), w))
            .filter(|(edits, _)| *edits <= max_edits)
            .min_by_key(|(edits, w)| (*edits, std::cmp::Reverse(v.counts[*w])))
            .map(|(_, w)| w.as_str())
    }

    #[test]
    fn signature_filter_never_loses_a_correction() {
        // Words and typos from a small alphabet, so that near misses abound.
        let mut state = 0x2545_f491_4f6c_dd1du64;
        let mut next = move |n: u64| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state % n
        };
        let mut counts = HashMap::new();
        for _ in 0..1_000 {
            let len = 4 + next(8) as usize;
            let word: String = (0..len)
                .map(|_| ['a', 'e', 'n', 'r', 's', 't', 'é'][next(7) as usize])
                .collect();
            *counts.entry(word).or_insert(0) += 1 + next(3) as u32;
        }
        let v = Vocabulary::new(counts);
        let mut known: Vec<String> = v.counts.keys().cloned().collect();
        known.sort();
        let mut found = 0;
        for i in 0..600 {
            let mut typo: Vec<char> = known[i % known.len()].chars().collect();
            for _ in 0..1 + next(3) {
                let at = next(typo.len() as u64) as usize;
                match next(4) {
                    0 => typo[at] = ['a', 'n', 'x', 'é'][next(4) as usize],
                    1 if typo.len() > 1 => {
                        typo.remove(at);
                    }
                    2 => typo.insert(at, ['e', 's', 'z'][next(3) as usize]),
                    _ if at + 1 < typo.len() => typo.swap(at, at + 1),
                    _ => {}
                }
            }
            let typo: String = typo.into_iter().collect();
            if v.contains(&typo) {
                continue;
            }
            let corrected = v.correct(&typo);
            assert_eq!(corrected, brute_force(&v, &typo), "{typo}");
            found += usize::from(corrected.is_some());
        }
        assert!(found > 100, "only {found} typos were corrected");
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
