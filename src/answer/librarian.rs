//! The librarian: knows the guide and its index, and answers one question at a time.

use std::path::Path;

use tantivy::Term;
use tantivy::query::{BooleanQuery, BoostQuery, Occur, Query, TermQuery};
use tantivy::schema::IndexRecordOption;

use super::question::{Concept, Lexis, Synonyms};
use super::quote::best_quote;
use super::red_flag::RedFlags;
use super::smalltalk::pleasantry;
use super::terms::Terms;
use super::{Answer, AnswerKind, Candidate, Explanation, Note, Topic, WordNote};
use crate::index::{GuideIndex, IndexError, RebuildReason, open_or_build};
use crate::knowledge::{Guide, SectionId};
use crate::language::{Analyzer, Vocabulary};

/// Confidence from which a quote is given as the answer.
pub const ACCEPT: f32 = 0.5;
/// Confidence from which close sections are offered as "did you mean" choices.
pub const SUGGEST: f32 = 0.3;
/// How many passages tantivy proposes for re-ranking.
const CANDIDATES: usize = 10;
/// How many other sections an answer suggests.
const RELATED: usize = 2;
/// Weight of coverage against BM25 in the final ranking.
const COVERAGE_SHARE: f32 = 0.7;
/// A word found in more than this share of passages says little about which one is meant.
const COMMON_SHARE: f32 = 0.4;
/// Ranks closer than this count as a tie between sections.
const CLOSE: f32 = 0.05;
/// Share of the question's subject a passage must cover to count as answering it.
const SUBJECT_MIN: f32 = 0.5;
/// Weight of the last topic's words when reading a follow-up, against the message's own.
const CONTEXT_SHARE: f32 = 0.5;
/// How much a match in the section title counts compared with one in the text.
const SECTION_BOOST: f32 = 1.5;

/// Answers questions from one guide and its index.
pub struct Librarian {
    guide: Guide,
    index: GuideIndex,
    analyzer: Analyzer,
    terms: Terms,
    vocabulary: Vocabulary,
    synonyms: Synonyms,
    red_flags: RedFlags,
    /// [`Librarian::topics`], prepared once: the bot lists them for every message.
    topics: Vec<Topic>,
}

/// A passage with its scores, while ranking.
struct Scored {
    passage: usize,
    bm25: f32,
    coverage: f32,
    rank: f32,
}

impl Librarian {
    /// Prepares the word tables for a guide and its index.
    pub fn new(guide: Guide, index: GuideIndex) -> Librarian {
        let analyzer = Analyzer::default();
        let (terms, mut vocabulary) = Terms::new(&guide, &analyzer);
        let synonyms = Synonyms::new(&guide.lexicon.synonyms, &analyzer);
        let red_flags = RedFlags::new(&guide.lexicon.red_flags, &analyzer);
        // Lay words are known words too: correct misspellings towards them as well.
        let mut words: std::collections::HashMap<String, u32> = Default::default();
        for key in guide.lexicon.synonyms.keys() {
            for word in analyzer.words(key) {
                *words.entry(word).or_default() += 1;
            }
        }
        if !words.is_empty() {
            vocabulary = vocabulary.with_extra(words);
        }
        let mut librarian = Librarian {
            guide,
            index,
            analyzer,
            terms,
            vocabulary,
            synonyms,
            red_flags,
            topics: Vec::new(),
        };
        librarian.topics = librarian
            .guide
            .topics()
            .map(|s| librarian.topic(s.id))
            .collect();
        librarian
    }

    /// Loads `knowledge/`, opens (or rebuilds) the index, and prepares to answer.
    pub fn open(
        knowledge: &Path,
        index_dir: &Path,
    ) -> Result<(Librarian, Option<RebuildReason>), IndexError> {
        let (guide, index, reason) = open_or_build(knowledge, index_dir)?;
        Ok((Librarian::new(guide, index), reason))
    }

    pub fn guide(&self) -> &Guide {
        &self.guide
    }

    pub fn index(&self) -> &GuideIndex {
        &self.index
    }

    /// A section as a topic to show or suggest.
    pub fn topic(&self, id: SectionId) -> Topic {
        Topic {
            id,
            slug: self.guide.section(id).slug.clone(),
            title: self.guide.section_path(id),
        }
    }

    /// Every section with text, in guide order, as topics to browse.
    pub fn topics(&self) -> &[Topic] {
        &self.topics
    }

    /// The texts of a section's passages, in order.
    pub fn section_passages(&self, id: SectionId) -> Vec<&str> {
        self.guide
            .sections
            .get(id)
            .map(|s| {
                s.passages
                    .iter()
                    .map(|&p| self.guide.passage(p).text.as_str())
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The topics next to a section in the guide (the one before and the one after).
    pub fn related(&self, id: SectionId) -> Vec<Topic> {
        let topics: Vec<SectionId> = self.guide.topics().map(|s| s.id).collect();
        let Some(at) = topics.iter().position(|&t| t == id) else {
            return Vec::new();
        };
        [at.checked_sub(1), Some(at + 1)]
            .into_iter()
            .flatten()
            .filter_map(|i| topics.get(i))
            .map(|&t| self.topic(t))
            .collect()
    }

    /// The section a slug or alias (from a deep link or a button) names, if it has text.
    pub fn section_by_slug(&self, slug: &str) -> Option<SectionId> {
        self.guide
            .section_by_slug(slug)
            .filter(|s| !s.passages.is_empty())
            .map(|s| s.id)
    }

    /// Answers a message in the context of the chat's last topic: a short follow-up ("and how
    /// long does that take?") that the guide cannot answer alone, or that leans on what came
    /// before, is searched again with the last section's title as weaker context.
    pub fn answer_in_context(&self, message: &str, last_topic: Option<SectionId>) -> Answer {
        let alone = self.answer(message);
        let Some(topic) = last_topic.filter(|&id| id < self.guide.sections.len()) else {
            return alone;
        };
        let follow_up = is_follow_up(&self.analyzer.words(message));
        let worth_retrying = match alone.kind {
            AnswerKind::NoAnswer => alone.note.is_none(),
            AnswerKind::Answer => follow_up,
            AnswerKind::Emergency | AnswerKind::Smalltalk => false,
        };
        if !worth_retrying {
            return alone;
        }
        let lexis = self.lexis();
        let mut concepts = lexis.understand(message);
        for mut concept in lexis.understand(&self.guide.section_path(topic)) {
            concept.weight *= CONTEXT_SHARE;
            concept.how = format!("context: {}", concept.how);
            if !concepts.iter().any(|c| c.written == concept.written) {
                concepts.push(concept);
            }
        }
        let mut in_context = self.answer_from_guide(&concepts);
        if in_context.kind == AnswerKind::Answer && (follow_up || alone.kind != AnswerKind::Answer)
        {
            in_context.why.decision = format!(
                "{} (read as a follow-up to “{}”)",
                in_context.why.decision,
                self.guide.section_path(topic)
            );
            return in_context;
        }
        alone
    }

    /// Answers one message. Never fails: any text gets a decision.
    pub fn answer(&self, message: &str) -> Answer {
        let words = self.analyzer.words(message);
        if words.is_empty() {
            let mut answer =
                Answer::without_quote(AnswerKind::NoAnswer, "the message has no words");
            answer.note = Some(Note::EmptyMessage);
            return answer;
        }
        if let Some(flag) = self.red_flags.check(message, &self.analyzer) {
            let mut answer = Answer::without_quote(
                AnswerKind::Emergency,
                format!("red flag “{flag}”: emergency reply before anything else"),
            );
            answer.red_flag = Some(flag.to_string());
            answer.score = 1.0;
            return answer;
        }
        if let Some(pleasantry) = pleasantry(&words) {
            let mut answer = Answer::without_quote(AnswerKind::Smalltalk, "greeting or thanks");
            answer.note = Some(pleasantry);
            return answer;
        }
        let concepts = self.lexis().understand(message);
        self.answer_from_guide(&concepts)
    }

    fn lexis(&self) -> Lexis<'_> {
        Lexis {
            analyzer: &self.analyzer,
            terms: &self.terms,
            vocabulary: &self.vocabulary,
            synonyms: &self.synonyms,
        }
    }

    fn answer_from_guide(&self, concepts: &[Concept]) -> Answer {
        let mut why = Explanation {
            words: concepts.iter().map(word_note).collect(),
            ..Explanation::default()
        };
        let ranked = self.rank(concepts);
        why.candidates = ranked.iter().map(|s| self.candidate(s, concepts)).collect();
        let Some(best) = ranked.first() else {
            why.decision = "no passage shares a meaningful word with the question".to_string();
            return Answer {
                why,
                ..Answer::without_quote(AnswerKind::NoAnswer, "")
            };
        };
        let best_section = self.guide.passage(best.passage).section;
        let others: Vec<Topic> = distinct_sections(ranked.iter(), &self.guide)
            .into_iter()
            .filter(|&id| id != best_section)
            .map(|id| self.topic(id))
            .collect();
        if best.coverage >= ACCEPT && self.is_ambiguous(best, &ranked, concepts) {
            why.decision = "not answered: the question's words are common across the guide and several sections fit equally; offering them".to_string();
            return Answer {
                kind: AnswerKind::NoAnswer,
                section: None,
                quote: None,
                score: best.coverage,
                suggestions: std::iter::once(self.topic(best_section))
                    .chain(others)
                    .take(RELATED + 1)
                    .collect(),
                red_flag: None,
                note: None,
                why,
            };
        }
        if best.coverage >= ACCEPT {
            let passage = &self.guide.passage(best.passage).text;
            let quote = best_quote(passage, concepts, &self.analyzer).to_string();
            why.decision = format!(
                "answered: the best passage covers {:.0}% of the question (threshold {:.0}%)",
                best.coverage * 100.0,
                ACCEPT * 100.0
            );
            let suggestions =
                distinct_sections(ranked.iter().filter(|s| s.coverage >= SUGGEST), &self.guide)
                    .into_iter()
                    .filter(|&id| id != best_section)
                    .take(RELATED)
                    .map(|id| self.topic(id))
                    .collect();
            return Answer {
                kind: AnswerKind::Answer,
                section: Some(self.topic(best_section)),
                quote: Some(quote),
                score: best.coverage,
                suggestions,
                red_flag: None,
                note: None,
                why,
            };
        }
        let suggestions: Vec<Topic> = if best.coverage >= SUGGEST {
            std::iter::once(self.topic(best_section))
                .chain(others)
                .take(RELATED + 1)
                .collect()
        } else {
            Vec::new()
        };
        why.decision = format!(
            "not answered: the best passage covers only {:.0}% of the question (threshold {:.0}%){}",
            best.coverage * 100.0,
            ACCEPT * 100.0,
            if suggestions.is_empty() {
                ""
            } else {
                "; offering close sections"
            }
        );
        Answer {
            kind: AnswerKind::NoAnswer,
            section: None,
            quote: None,
            score: best.coverage,
            suggestions,
            red_flag: None,
            note: None,
            why,
        }
    }

    /// Whether the best passage wins only on words found all over the guide, with a passage of
    /// another section close behind: then the patient should choose rather than the bot guess.
    fn is_ambiguous(&self, best: &Scored, ranked: &[Scored], concepts: &[Concept]) -> bool {
        let common = self.terms.idf_at_share(COMMON_SHARE);
        let distinctive = concepts
            .iter()
            .filter(|c| c.coverage_in(&self.terms, best.passage) > 0.0)
            .map(|c| c.weight)
            .fold(0.0, f32::max);
        let section = self.guide.passage(best.passage).section;
        let close_rival = ranked.iter().skip(1).any(|other| {
            self.guide.passage(other.passage).section != section && best.rank - other.rank < CLOSE
        });
        distinctive < common && close_rival
    }

    /// Candidate passages from tantivy, re-ranked by how much of the question they cover.
    fn rank(&self, concepts: &[Concept]) -> Vec<Scored> {
        let total: f32 = concepts.iter().map(|c| c.weight).sum();
        let subject_total: f32 = concepts
            .iter()
            .filter(|c| c.subject)
            .map(|c| c.weight)
            .sum();
        let Some(query) = self.query(concepts) else {
            return Vec::new();
        };
        let hits = self.index.search(&query, CANDIDATES);
        let top = hits.first().map_or(1.0, |h| h.1.max(f32::EPSILON));
        let mut scored: Vec<Scored> = hits
            .into_iter()
            .filter(|(passage, _)| *passage < self.guide.passages.len())
            .map(|(passage, bm25)| {
                let covered: f32 = concepts
                    .iter()
                    .map(|c| c.weight * c.coverage_in(&self.terms, passage))
                    .sum();
                let subject_covered: f32 = concepts
                    .iter()
                    .filter(|c| c.subject)
                    .map(|c| c.weight * c.coverage_in(&self.terms, passage))
                    .sum();
                let mut coverage = if total > 0.0 { covered / total } else { 0.0 };
                // A passage that answers the form of the question ("how long") but not its
                // subject ("the consultation") does not answer it.
                if subject_total > 0.0 && subject_covered / subject_total < SUBJECT_MIN {
                    coverage = coverage.min(subject_covered / subject_total);
                }
                let rank = COVERAGE_SHARE * coverage + (1.0 - COVERAGE_SHARE) * bm25 / top;
                Scored {
                    passage,
                    bm25,
                    coverage,
                    rank,
                }
            })
            .collect();
        scored.sort_by(|a, b| b.rank.total_cmp(&a.rank));
        scored
    }

    /// A query of every known guide term, each weighted by its concept.
    fn query(&self, concepts: &[Concept]) -> Option<BooleanQuery> {
        let fields = self.index.fields();
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for concept in concepts {
            for alt in &concept.alternatives {
                for stem in &alt.stems {
                    let boost = concept.weight * alt.boost;
                    for (field, field_boost) in
                        [(fields.body, 1.0), (fields.section, SECTION_BOOST)]
                    {
                        let term = TermQuery::new(
                            Term::from_field_text(field, stem),
                            IndexRecordOption::WithFreqs,
                        );
                        clauses.push((
                            Occur::Should,
                            Box::new(BoostQuery::new(Box::new(term), boost * field_boost)),
                        ));
                    }
                }
            }
        }
        (!clauses.is_empty()).then(|| BooleanQuery::new(clauses))
    }

    fn candidate(&self, scored: &Scored, concepts: &[Concept]) -> Candidate {
        Candidate {
            passage: scored.passage,
            section: self
                .guide
                .section_path(self.guide.passage(scored.passage).section),
            bm25: scored.bm25,
            coverage: scored.coverage,
            matched: concepts
                .iter()
                .filter(|c| c.coverage_in(&self.terms, scored.passage) > 0.0)
                .map(|c| c.written.clone())
                .collect(),
        }
    }
}

/// Whether a message reads as a follow-up: short, and opening with "and"/"what about" or
/// pointing back with "that", "it", "this", "then", "after" or "before".
fn is_follow_up(words: &[String]) -> bool {
    const OPENERS: &[&str] = &["and", "also", "so", "then"];
    const POINTERS: &[&str] = &[
        "that",
        "it",
        "this",
        "those",
        "these",
        "then",
        "after",
        "afterwards",
        "before",
        "there",
    ];
    let opens = words.first().is_some_and(|w| OPENERS.contains(&w.as_str()))
        || words.starts_with(&["what".to_string(), "about".to_string()])
        || words.starts_with(&["how".to_string(), "about".to_string()]);
    words.len() <= 8 && (opens || words.iter().any(|w| POINTERS.contains(&w.as_str())))
}

fn word_note(concept: &Concept) -> WordNote {
    WordNote {
        written: concept.written.clone(),
        searched_as: concept
            .alternatives
            .iter()
            .map(|alt| alt.stems.join(" "))
            .collect(),
        how: concept.how.clone(),
        weight: concept.weight,
    }
}

/// The sections of the ranked passages, best first, without repeats.
fn distinct_sections<'a>(
    ranked: impl Iterator<Item = &'a Scored>,
    guide: &Guide,
) -> Vec<SectionId> {
    let mut ids = Vec::new();
    for scored in ranked {
        let id = guide.passage(scored.passage).section;
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    ids
}
