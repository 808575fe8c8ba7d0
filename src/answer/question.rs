//! Understanding a question: its meaningful words, with typos corrected and lay words bridged.

use std::collections::HashMap;

use super::terms::{TermId, Terms};
use crate::language::{Analyzer, Vocabulary, is_filler, is_stopword};

/// Only the first words of a very long message are searched.
const MAX_WORDS: usize = 48;
/// The weight a generic question word ("take", "part") carries in the confidence.
const FILLER_WEIGHT: f32 = 0.3;
/// How much a synonym's guide words count compared with the patient's own word.
const SYNONYM_BOOST: f32 = 0.85;

/// One meaningful word or phrase of the question, and the guide words that express it.
#[derive(Debug, Clone)]
pub struct Concept {
    pub written: String,
    pub alternatives: Vec<Alternative>,
    pub weight: f32,
    pub how: String,
}

/// A way the guide may express a concept: stems that must all occur in a passage.
#[derive(Debug, Clone)]
pub struct Alternative {
    pub stems: Vec<String>,
    pub ids: Vec<TermId>,
    pub boost: f32,
}

impl Concept {
    /// Whether any alternative occurs entirely in the given passage.
    pub fn matches(&self, terms: &Terms, passage: usize) -> bool {
        self.alternatives
            .iter()
            .any(|alt| alt.ids.iter().all(|&id| terms.passage_has(passage, id)))
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
    pub fn new(table: &std::collections::BTreeMap<String, Vec<String>>, analyzer: &Analyzer) -> Self {
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

    /// The longest lay phrase starting at `stems[0]`: its length and guide expressions.
    fn longest_match(&self, stems: &[String]) -> Option<(usize, &[Vec<String>])> {
        let entries = self.by_first.get(stems.first()?)?;
        entries
            .iter()
            .find(|e| stems.len() >= e.key.len() && stems[..e.key.len()] == e.key[..])
            .map(|e| (e.key.len(), e.targets.as_slice()))
    }
}

/// What understanding a question needs.
pub struct Lexis<'a> {
    pub analyzer: &'a Analyzer,
    pub terms: &'a Terms,
    pub vocabulary: &'a Vocabulary,
    pub synonyms: &'a Synonyms,
}

impl Lexis<'_> {
    /// The concepts of a question, in order, without repeats.
    pub fn understand(&self, question: &str) -> Vec<Concept> {
        let mut words = self.analyzer.words(question);
        words.truncate(MAX_WORDS);
        let stems: Vec<String> = words.iter().map(|w| self.analyzer.stem(w)).collect();
        let mut concepts: Vec<Concept> = Vec::new();
        let mut i = 0;
        while i < words.len() {
            if let Some((len, targets)) = self.synonyms.longest_match(&stems[i..]) {
                let written = words[i..i + len].join(" ");
                let own = (len == 1).then(|| stems[i].clone());
                push_unique(&mut concepts, self.concept(written, own, targets, "synonym"));
                i += len;
                continue;
            }
            let word = &words[i];
            i += 1;
            if is_stopword(word) {
                continue;
            }
            let concept = self.word_concept(word);
            push_unique(&mut concepts, concept);
        }
        concepts
    }

    fn word_concept(&self, word: &str) -> Concept {
        let stem = self.analyzer.stem(word);
        let known = self.terms.id(&stem).is_some();
        if !known && !self.vocabulary.contains(word) && !is_filler(word) {
            if let Some(fixed) = self.vocabulary.correct(word) {
                let fixed_stem = self.analyzer.stem(fixed);
                let how = format!("typo of “{fixed}”");
                if let Some((1, targets)) = self.synonyms.longest_match(std::slice::from_ref(&fixed_stem)) {
                    return self.concept(word.to_string(), Some(fixed_stem), targets, &how);
                }
                return self.concept(word.to_string(), Some(fixed_stem), &[], &how);
            }
        }
        let how = if is_filler(word) { "generic word" } else { "word" };
        let mut concept = self.concept(word.to_string(), Some(stem), &[], how);
        if is_filler(word) {
            concept.weight = FILLER_WEIGHT;
        }
        concept
    }

    /// A concept from the patient's own stem (if any) and guide expressions for it.
    fn concept(&self, written: String, own: Option<String>, targets: &[Vec<String>], how: &str) -> Concept {
        let own = own.map(|stem| (vec![stem], 1.0));
        let targets = targets.iter().map(|t| (t.clone(), SYNONYM_BOOST));
        let alternatives: Vec<Alternative> = own
            .into_iter()
            .chain(targets)
            .filter_map(|(stems, boost)| {
                let ids = stems.iter().map(|s| self.terms.id(s)).collect::<Option<Vec<_>>>()?;
                Some(Alternative { stems, ids, boost })
            })
            .collect();
        let weight = alternatives
            .iter()
            .map(|alt| {
                let idf = alt.ids.iter().map(|&id| self.terms.idf(Some(id))).fold(0.0, f32::max);
                idf * alt.boost
            })
            .fold(None, |best: Option<f32>, w| Some(best.map_or(w, |b| b.max(w))))
            .unwrap_or_else(|| self.terms.idf(None));
        let how = if alternatives.is_empty() { "unknown to the guide".to_string() } else { how.to_string() };
        Concept {
            written,
            alternatives,
            weight,
            how,
        }
    }
}

fn push_unique(concepts: &mut Vec<Concept>, concept: Concept) {
    let same = |c: &Concept| {
        c.written == concept.written
            || (!c.alternatives.is_empty()
                && c.alternatives.first().map(|a| &a.stems) == concept.alternatives.first().map(|a| &a.stems))
    };
    if !concepts.iter().any(same) {
        concepts.push(concept);
    }
}
