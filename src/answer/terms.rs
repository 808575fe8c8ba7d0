//! The guide's stems, numbered, with the set each passage uses and how rare each is.

use std::collections::HashMap;

use crate::knowledge::{Guide, PassageId};
use crate::language::{Analyzer, Vocabulary, is_stopword};

pub type TermId = u32;

/// Stems of the guide with document frequencies, and each passage's stems (body and section path).
#[derive(Debug, Default)]
pub struct Terms {
    ids: HashMap<String, TermId>,
    doc_freq: Vec<u32>,
    /// Sorted, deduplicated term ids of each passage's text.
    passage_terms: Vec<Vec<TermId>>,
    /// Sorted, deduplicated term ids of each section's path.
    section_terms: Vec<Vec<TermId>>,
    /// The section of each passage.
    passage_section: Vec<usize>,
    passages: u32,
}

impl Terms {
    /// Analyzes every passage; also returns the vocabulary of raw words for typo correction.
    pub fn new(guide: &Guide, analyzer: &Analyzer) -> (Terms, Vocabulary) {
        let mut terms = Terms {
            passages: guide.passages.len() as u32,
            ..Terms::default()
        };
        let mut words: HashMap<String, u32> = HashMap::new();
        let section_words: Vec<Vec<String>> = (0..guide.sections.len())
            .map(|id| analyzer.words(&guide.section_path(id)))
            .collect();
        terms.section_terms = section_words
            .iter()
            .map(|words| terms.intern_all(words, analyzer))
            .collect();
        for passage in &guide.passages {
            let mut passage_words = analyzer.words(&passage.text);
            let body = terms.intern_all(&passage_words, analyzer);
            let title = &terms.section_terms[passage.section];
            let mut all: Vec<TermId> = body.iter().chain(title).copied().collect();
            all.sort_unstable();
            all.dedup();
            for &id in &all {
                terms.doc_freq[id as usize] += 1;
            }
            terms.passage_terms.push(body);
            terms.passage_section.push(passage.section);
            passage_words.extend(section_words[passage.section].iter().cloned());
            passage_words.sort();
            passage_words.dedup();
            // Function words are no target for typo correction ("bring" is not "being").
            for word in passage_words.into_iter().filter(|w| !is_stopword(w)) {
                *words.entry(word).or_default() += 1;
            }
        }
        (terms, Vocabulary::new(words))
    }

    /// The sorted, distinct term ids of some words.
    fn intern_all(&mut self, words: &[String], analyzer: &Analyzer) -> Vec<TermId> {
        let mut ids: Vec<TermId> = words
            .iter()
            .map(|w| self.intern(&analyzer.stem(w)))
            .collect();
        ids.sort_unstable();
        ids.dedup();
        ids
    }

    fn intern(&mut self, stem: &str) -> TermId {
        if let Some(&id) = self.ids.get(stem) {
            return id;
        }
        let id = self.doc_freq.len() as TermId;
        self.ids.insert(stem.to_string(), id);
        self.doc_freq.push(0);
        id
    }

    pub fn id(&self, stem: &str) -> Option<TermId> {
        self.ids.get(stem).copied()
    }

    /// BM25's inverse document frequency of a term (unknown terms get the highest value).
    pub fn idf(&self, term: Option<TermId>) -> f32 {
        let df = term.map_or(0, |id| self.doc_freq[id as usize]) as f32;
        let n = self.passages as f32;
        (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
    }

    /// The idf of a term found in the given share of passages.
    pub fn idf_at_share(&self, share: f32) -> f32 {
        let n = self.passages as f32;
        let df = share * n;
        (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
    }

    /// Whether the passage's text uses the term.
    pub fn text_has(&self, passage: PassageId, term: TermId) -> bool {
        self.passage_terms
            .get(passage)
            .is_some_and(|ids| ids.binary_search(&term).is_ok())
    }

    /// Whether the passage's text or section title uses the term.
    pub fn passage_has(&self, passage: PassageId, term: TermId) -> bool {
        self.text_has(passage, term)
            || self
                .passage_section
                .get(passage)
                .and_then(|&section| self.section_terms.get(section))
                .is_some_and(|ids| ids.binary_search(&term).is_ok())
    }
}
