//! Understanding a question: its meaningful words, with typos corrected and lay words bridged.

use std::collections::HashMap;

use super::terms::{TermId, Terms};
use crate::language::{
    Analyzer, Vocabulary, is_english_word, is_filler, is_number, is_person, is_stopword,
    misspelt_function_word,
};

/// Only the first words of a very long message are searched.
const MAX_WORDS: usize = 48;
/// The weight a generic question word ("take", "part") the guide never uses carries.
const FILLER_WEIGHT: f32 = 0.3;
/// The share of its usual weight a generic word keeps when the guide does use it.
const KNOWN_FILLER_SHARE: f32 = 0.5;
/// How much a concept counts when only the section title, not the text, expresses it.
const TITLE_ONLY: f32 = 0.7;
/// How many function words may stand inside a lay phrase.
const MAX_SKIPPED: usize = 1;
/// A word the guide never uses weighs (in the share of unknown words) like a word found in
/// this share of passages: rare, but not more telling than the guide's own rare words.
const UNKNOWN_AS_SHARE: f32 = 0.05;
/// How much a synonym's guide words count compared with the patient's own word.
const SYNONYM_BOOST: f32 = 0.85;

/// One meaningful word or phrase of the question, and the guide words that express it.
#[derive(Debug, Clone)]
pub struct Concept {
    pub written: String,
    pub alternatives: Vec<Alternative>,
    pub weight: f32,
    pub how: String,
    /// The guide word a misspelling was read as.
    pub read_as: Option<String>,
    /// Whether the guide uses it at all (a word it never uses counts only in the share of
    /// unknown words, not in coverage).
    pub known: bool,
    /// Whether it names what the question is about, rather than only its form ("how long",
    /// "take", "normal"): an answer must speak to the subject.
    pub subject: bool,
}

/// A way the guide may express a concept: stems that must all occur in a passage.
#[derive(Debug, Clone)]
pub struct Alternative {
    pub stems: Vec<String>,
    pub ids: Vec<TermId>,
    pub boost: f32,
}

impl Concept {
    /// How much of this concept the passage carries: 1 when its text expresses it, less when
    /// only its section title does, 0 when neither does.
    pub fn coverage_in(&self, terms: &Terms, passage: usize) -> f32 {
        let in_text = |alt: &Alternative| alt.ids.iter().all(|&id| terms.text_has(passage, id));
        let in_passage =
            |alt: &Alternative| alt.ids.iter().all(|&id| terms.passage_has(passage, id));
        if self.alternatives.iter().any(in_text) {
            1.0
        } else if self.alternatives.iter().any(in_passage) {
            TITLE_ONLY
        } else {
            0.0
        }
    }
}

/// The lay-language table, keyed by the first stem of each lay phrase.
#[derive(Debug, Default)]
pub struct Synonyms {
    by_first: HashMap<String, Vec<SynonymEntry>>,
}

#[derive(Debug)]
struct SynonymEntry {
    key: Vec<String>,
    targets: Vec<Vec<String>>,
}

impl Synonyms {
    pub fn new(
        table: &std::collections::BTreeMap<String, Vec<String>>,
        analyzer: &Analyzer,
    ) -> Self {
        let mut by_first: HashMap<String, Vec<SynonymEntry>> = HashMap::new();
        for (key, targets) in table {
            let key = analyzer.stems(key);
            let Some(first) = key.first().cloned() else {
                continue;
            };
            let targets = targets
                .iter()
                .map(|t| analyzer.stems(t))
                .filter(|t| !t.is_empty())
                .collect();
            by_first
                .entry(first)
                .or_default()
                .push(SynonymEntry { key, targets });
        }
        for entries in by_first.values_mut() {
            entries.sort_by_key(|e| std::cmp::Reverse(e.key.len()));
        }
        Self { by_first }
    }

    /// The longest lay phrase starting at `stems[0]`: how many words it spans and its guide
    /// expressions. Inside a phrase, a function word the phrase lacks may stand between its
    /// words ("put *me* to sleep").
    fn longest_match(&self, stems: &[String], words: &[String]) -> Option<(usize, &[Vec<String>])> {
        let entries = self.by_first.get(stems.first()?)?;
        entries.iter().find_map(|entry| {
            let span = span_of(&entry.key, stems, words)?;
            Some((span, entry.targets.as_slice()))
        })
    }
}

/// How many question words the phrase `key` spans from the start, if it matches there.
fn span_of(key: &[String], stems: &[String], words: &[String]) -> Option<usize> {
    let (mut k, mut j, mut skipped) = (0, 0, 0);
    while k < key.len() {
        let stem = stems.get(j)?;
        if *stem == key[k] {
            k += 1;
        } else if k > 0 && skipped < MAX_SKIPPED && is_stopword(&words[j]) {
            skipped += 1;
        } else {
            return None;
        }
        j += 1;
    }
    Some(j)
}

/// What understanding a question needs.
pub struct Lexis<'a> {
    pub analyzer: &'a Analyzer,
    pub terms: &'a Terms,
    pub vocabulary: &'a Vocabulary,
    pub synonyms: &'a Synonyms,
}

impl Lexis<'_> {
    /// The concepts of a question's words, in order, without repeats.
    pub fn understand(&self, words: &[String]) -> Vec<Concept> {
        let words = &words[..words.len().min(MAX_WORDS)];
        let stems: Vec<String> = words.iter().map(|w| self.analyzer.stem(w)).collect();
        let mut concepts: Vec<Concept> = Vec::new();
        let mut i = 0;
        while i < words.len() {
            if let Some((len, targets)) = self.synonyms.longest_match(&stems[i..], &words[i..]) {
                let written = words[i..i + len].join(" ");
                let own = (len == 1).then(|| stems[i].clone());
                let mut concept = self.concept(written, own, targets, "synonym");
                concept.subject = !words[i..i + len]
                    .iter()
                    .all(|w| is_stopword(w) || is_filler(w));
                push_unique(&mut concepts, concept);
                i += len;
                continue;
            }
            let written = words[i].as_str();
            let mut word = written;
            i += 1;
            // A function word misspelt ("aftr", "agian") is that word. A person is who the
            // patient wrote ("my son" is not "my soon").
            if !self.vocabulary.contains(word)
                && !is_filler(word)
                && !is_person(word)
                && let Some(meant) = misspelt_function_word(word)
            {
                word = meant;
            }
            if is_stopword(word) {
                continue;
            }
            let mut concept = self.word_concept(word);
            if word != written {
                concept.read_as = Some(word.to_string());
            }
            push_unique(&mut concepts, concept);
        }
        concepts
    }

    fn word_concept(&self, word: &str) -> Concept {
        let stem = self.analyzer.stem(word);
        let known = self.terms.id(&stem).is_some();
        // A generic word, a number or a person ("my dad") frames the question; it never is
        // what the question is about, and is never read as a typo of a guide word.
        let generic = is_filler(word) || is_number(word) || is_person(word);
        if !known
            && !self.vocabulary.contains(word)
            && !generic
            && !is_english_word(word)
            && let Some(fixed) = self.vocabulary.correct(word)
        {
            let fixed_stem = self.analyzer.stem(fixed);
            let how = format!("typo of “{fixed}”");
            let fixed_word = [fixed.to_string()];
            let targets = match self
                .synonyms
                .longest_match(std::slice::from_ref(&fixed_stem), &fixed_word)
            {
                Some((1, targets)) => targets,
                _ => &[],
            };
            let mut concept = self.concept(word.to_string(), Some(fixed_stem), targets, &how);
            concept.read_as = Some(fixed.to_string());
            return concept;
        }
        let how = if generic { "generic word" } else { "word" };
        let mut concept = self.concept(word.to_string(), Some(stem), &[], how);
        if generic {
            concept.subject = false;
            concept.weight = if concept.alternatives.is_empty() {
                FILLER_WEIGHT
            } else {
                concept.weight * KNOWN_FILLER_SHARE
            };
        }
        concept
    }

    /// A concept from the patient's own stem (if any) and guide expressions for it.
    fn concept(
        &self,
        written: String,
        own: Option<String>,
        targets: &[Vec<String>],
        how: &str,
    ) -> Concept {
        let own = own.map(|stem| (vec![stem], 1.0));
        let targets = targets.iter().map(|t| (t.clone(), SYNONYM_BOOST));
        let alternatives: Vec<Alternative> = own
            .into_iter()
            .chain(targets)
            .filter_map(|(stems, boost)| {
                let ids = stems
                    .iter()
                    .map(|s| self.terms.id(s))
                    .collect::<Option<Vec<_>>>()?;
                Some(Alternative { stems, ids, boost })
            })
            .collect();
        let weight = alternatives
            .iter()
            .map(|alt| {
                let idf = alt
                    .ids
                    .iter()
                    .map(|&id| self.terms.idf(Some(id)))
                    .fold(0.0, f32::max);
                idf * alt.boost
            })
            .fold(None, |best: Option<f32>, w| {
                Some(best.map_or(w, |b| b.max(w)))
            })
            .unwrap_or_else(|| self.terms.idf_at_share(UNKNOWN_AS_SHARE));
        let how = if alternatives.is_empty() {
            "unknown to the guide".to_string()
        } else {
            how.to_string()
        };
        Concept {
            written,
            known: !alternatives.is_empty(),
            alternatives,
            weight,
            how,
            read_as: None,
            subject: true,
        }
    }
}

fn push_unique(concepts: &mut Vec<Concept>, concept: Concept) {
    let same = |c: &Concept| {
        c.written == concept.written
            || (!c.alternatives.is_empty()
                && c.alternatives.first().map(|a| &a.stems)
                    == concept.alternatives.first().map(|a| &a.stems))
    };
    if !concepts.iter().any(same) {
        concepts.push(concept);
    }
}
