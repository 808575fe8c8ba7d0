//! Misspelt symptom words ("chest pian", "siezure", "bleading"), put right towards the rules'
//! own words only, by one slip of the kind people make: two letters swapped, a letter
//! doubled or dropped, or one vowel for another. A word the guide or the rules use is never
//! changed, nor one that is a common word a slip away from a symptom ("strike").

use std::collections::{HashMap, HashSet};

use crate::language::is_stopword;

/// Real words one slip from a rule word: never corrected.
const REAL_WORDS: &[&str] = &[
    "strike", "strikes", "striking", "breadth", "grasping", "rigours", "rigour", "pains", "paint",
    "bleating", "breeding", "spelling", "smelling",
];

/// A rule word and its letters.
type Target = (String, Vec<char>);

/// Rule words by first letter and length, to look up candidates quickly.
#[derive(Debug, Clone, Default)]
pub struct Speller {
    targets: HashMap<(char, usize), Vec<Target>>,
    known: HashSet<String>,
}

impl Speller {
    /// `rule_words`: the words the rules are written with; `known`: other real words (the
    /// guide's), never corrected.
    pub fn new(
        rule_words: impl IntoIterator<Item = String>,
        known: impl IntoIterator<Item = String>,
    ) -> Speller {
        let mut speller = Speller::default();
        for word in rule_words {
            if word.chars().count() >= 4 && word.chars().all(char::is_alphabetic) {
                let first = word.chars().next().unwrap_or(' ');
                let key = (first, word.chars().count());
                let list = speller.targets.entry(key).or_default();
                if !list.iter().any(|(w, _)| *w == word) {
                    list.push((word.clone(), word.chars().collect()));
                }
            }
            speller.known.insert(word);
        }
        speller.known.extend(known);
        speller
            .known
            .extend(REAL_WORDS.iter().map(|w| w.to_string()));
        speller
    }

    /// The rule word `word` is a slip of, if exactly one.
    pub fn fix(&self, word: &str) -> Option<&str> {
        let letters: Vec<char> = word.chars().collect();
        if letters.len() < 4
            || !letters.iter().all(|c| c.is_alphabetic())
            || self.known.contains(word)
            || is_stopword(word)
        {
            return None;
        }
        let mut found: Option<&str> = None;
        for len in [letters.len() - 1, letters.len(), letters.len() + 1] {
            for (target, target_letters) in
                self.targets.get(&(letters[0], len)).into_iter().flatten()
            {
                if one_slip(&letters, target_letters) {
                    if found.is_some_and(|f| f != target) {
                        return None;
                    }
                    found = Some(target);
                }
            }
        }
        found
    }
}

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y')
}

/// Whether `written` is `target` with one common slip.
fn one_slip(written: &[char], target: &[char]) -> bool {
    let (w, t) = (written.len(), target.len());
    if w == t {
        let diff: Vec<usize> = (0..w).filter(|&i| written[i] != target[i]).collect();
        return match diff.as_slice() {
            // Two neighbours swapped: "pian" for "pain".
            [a, b] => {
                *b == a + 1 && written[*a] == target[*b] && written[*b] == target[*a] && t >= 4
            }
            // One vowel for another in a longer word: "bleading".
            [a] => t >= 6 && is_vowel(written[*a]) && is_vowel(target[*a]),
            _ => false,
        };
    }
    // One letter too many ("vomitting", "feaver") or too few ("swolen", "dizy").
    let (long, short, extra) = if w == t + 1 {
        (written, target, true)
    } else if t == w + 1 {
        (target, written, false)
    } else {
        return false;
    };
    let at = (0..short.len())
        .find(|&i| long[i] != short[i])
        .unwrap_or(short.len());
    if long[at + 1..] != short[at..] {
        return false;
    }
    let doubled = (at > 0 && long[at] == long[at - 1]) || long.get(at + 1) == Some(&long[at]);
    if extra {
        t >= 5 || doubled
    } else {
        t >= 6 || doubled
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixes_common_slips_towards_rule_words_only() {
        let speller = Speller::new(
            [
                "pain", "seizure", "bleeding", "swollen", "dizzy", "fever", "stroke", "fainted",
            ]
            .map(String::from),
            ["painted".to_string()],
        );
        assert_eq!(speller.fix("pian"), Some("pain"));
        assert_eq!(speller.fix("siezure"), Some("seizure"));
        assert_eq!(speller.fix("bleading"), Some("bleeding"));
        assert_eq!(speller.fix("swolen"), Some("swollen"));
        assert_eq!(speller.fix("dizy"), Some("dizzy"));
        assert_eq!(speller.fix("feaver"), Some("fever"));
        assert_eq!(speller.fix("never"), None);
        assert_eq!(speller.fix("strike"), None);
        assert_eq!(speller.fix("painted"), None);
        assert_eq!(speller.fix("paint"), None);
        assert_eq!(speller.fix("fainter"), None);
    }
}
