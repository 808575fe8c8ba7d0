//! The librarian: knows the guide, its index and (when the model is at work) its meaning, and
//! answers one message at a time: red flags first, then small talk, then the guide.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use tantivy::Term;
use tantivy::query::{BooleanQuery, BoostQuery, Occur, Query, TermQuery};
use tantivy::schema::IndexRecordOption;

use super::adapter::Adapter;
use super::contact::{asks_for_contact, gives_contact};
use super::decision::{Decision, Mode};
use super::emergency::RedFlags;
use super::features::Features;
use super::follow_up::{asks_for_next, is_follow_up};
use super::message::{Message, model_text};
use super::question::{Concept, Lexis, Synonyms};
use super::quote::best_quote;
use super::semantic::Semantic;
use super::smalltalk::{opening_pleasantry, pleasantry};
use super::terms::Terms;
use super::{Answer, AnswerKind, Candidate, Explanation, Note, Topic, WordNote};
use crate::embed::Embedder;
use crate::index::{GuideIndex, IndexError, RebuildReason, open_or_build};
use crate::knowledge::{Guide, PassageId, PassageKind, SectionId};
use crate::language::{Analyzer, Vocabulary, expand_shorthand};

/// How many passages each of BM25 and the embedding model proposes.
const CANDIDATES: usize = 10;
/// How many other sections an answer suggests.
const RELATED: usize = 2;
/// Weight of the last topic's words and meaning when reading a follow-up.
const CONTEXT_SHARE: f32 = 0.5;
/// How much a match in the section title counts compared with one in the text.
const SECTION_BOOST: f32 = 1.5;
/// BM25 saturation: a score of this much counts as half of full evidence.
const BM25_HALF: f32 = 5.0;
/// The largest lead over rival sections the calibration counts (beyond it, all is clear).
const MAX_MARGIN: f32 = 3.0;
/// Share of the question's subject a passage must cover to be quoted on words alone.
const SUBJECT_MIN: f32 = 0.5;
/// With the model, the share of the subject a passage must cover in words or close meaning
/// (a subject word counts as covered by a passage word close to it in meaning). Chosen by
/// leaving each guide out in turn: 0.3 keeps declines for subjects the guide never names
/// ("cost") without refusing questions put in other words than the guide's.
const SUBJECT_MEANT_MIN: f32 = 0.3;
/// The share of the subject that may be missing from a passage (named by words the guide never
/// uses, with nothing close in the passage) before it is never quoted. Chosen like
/// [`SUBJECT_MEANT_MIN`].
const SUBJECT_MISSING_MAX: f32 = 0.4;
/// ... unless every other signal makes the passage this likely to answer: the missing word is
/// then the patient's own way of naming what the passage is about ("vape" for smoking,
/// "breakfast" for eating), or only part of how they put it ("my lad knocked his tooth out at
/// rugby, can he get one of these"). So a passage that leaves part of the subject unnamed needs
/// a little more than the usual 0.4 to be quoted ...
const SUBJECT_MISSING_OVERRULED: f32 = 0.5;
/// ... and one that leaves most of it unnamed ("which bus goes to the clinic?" against a passage
/// on choosing a clinic) needs much more.
const SUBJECT_MOSTLY_MISSING: f32 = 0.6;
const SUBJECT_MOSTLY_MISSING_OVERRULED: f32 = 0.7;
// These three were chosen on 26 read guides, each measured with a question adapter fitted
// without it: against a single 0.7, 38 more right answers of 1,202, for 10 more quotes of the
// 281 questions the guide does not cover and 2 more wrong passages.
/// Meaning similarity below which the model finds a passage unrelated to the question.
const UNRELATED_MEANING: f32 = 0.15;
/// Meaning similarity from which a passage may answer although its words differ.
const CLOSE_MEANING: f32 = 0.5;
/// Word similarity at and below which a subject word counts as not covered at all ...
const WORD_UNRELATED: f32 = 0.35;
/// ... and from which it counts as fully covered (near-synonyms: "hurt" and "pain" 0.82).
const WORD_SYNONYM: f32 = 0.75;
/// Word similarity below which a passage has nothing close to a word ("germs" and
/// "infection" 0.50, "cost" and "injection" 0.15). Chosen like [`SUBJECT_MEANT_MIN`].
const WORD_CLOSE: f32 = 0.45;
/// The probability from which an answer counts as confident (the line `eval` reports on).
const CONFIDENT: f32 = 0.8;
/// The most passages with contact details that a question for a contact adds as candidates.
const MAX_CONTACTS: usize = 20;
/// Candidates shown in explanations.
const EXPLAINED: usize = 5;

/// Answers questions from one guide and its index.
pub struct Librarian {
    guide: Guide,
    index: GuideIndex,
    analyzer: Analyzer,
    terms: Terms,
    vocabulary: Vocabulary,
    synonyms: Synonyms,
    red_flags: RedFlags,
    /// The guide's meaning, when the embedding model is at work.
    semantic: Option<Semantic>,
    /// The learned map for question vectors, when it fits the model at work.
    adapter: Option<Adapter>,
    decision: Decision,
    /// [`Librarian::topics`], prepared once: the bot lists them for every message.
    topics: Vec<Topic>,
    /// The quotable passages that give a number, an email or an address, in the guide's order.
    contacts: Vec<PassageId>,
}

/// A candidate passage with its evidence, while deciding.
#[derive(Debug, Clone)]
struct Scored {
    passage: PassageId,
    bm25: f32,
    features: Features,
    /// The ranking score.
    score: f32,
    /// Its lead over the best candidate of another section.
    margin: f32,
    probability: f32,
}

impl Librarian {
    /// Prepares the word tables for a guide and its index (words alone; see
    /// [`Librarian::with_semantic`]).
    pub fn new(guide: Guide, index: GuideIndex) -> Librarian {
        let analyzer = Analyzer::default();
        let (terms, mut vocabulary) = Terms::new(&guide, &analyzer);
        let synonyms = Synonyms::new(&guide.lexicon.synonyms, &analyzer);
        let red_flags = RedFlags::for_guide(&guide, &analyzer);
        // Lay words are known words too: correct misspellings towards them as well.
        let mut words: HashMap<String, u32> = HashMap::new();
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
            semantic: None,
            adapter: None,
            decision: Decision::default(),
            topics: Vec::new(),
            contacts: Vec::new(),
        };
        librarian.contacts = librarian
            .guide
            .passages
            .iter()
            .filter(|p| librarian.quotable(p.id) && gives_contact(&p.text))
            .map(|p| p.id)
            .collect();
        librarian.topics = librarian
            .guide
            .topics()
            .map(|s| librarian.topic(s.id))
            .collect();
        librarian
    }

    /// Adds the guide's meaning: answers then combine the embedding model with words.
    /// The shipped question adapter comes with it when it was fitted for this model.
    pub fn with_semantic(mut self, semantic: Semantic) -> Librarian {
        self.adapter = Adapter::shipped_for(semantic.embedder().model_id());
        self.semantic = Some(semantic);
        self
    }

    /// Uses another question adapter, or none (for leave-one-guide-out evaluation).
    pub fn with_adapter(mut self, adapter: Option<Adapter>) -> Librarian {
        self.adapter = adapter;
        self
    }

    /// Uses other decision weights (for refitting and leave-one-guide-out evaluation).
    pub fn with_decision(mut self, decision: Decision) -> Librarian {
        self.decision = decision;
        self
    }

    /// Loads `knowledge/`, opens (or rebuilds) the index, embeds the guide when a model is
    /// given (vectors cached in the index folder), and prepares to answer.
    pub fn open(
        knowledge: &Path,
        index_dir: &Path,
        model: Option<Arc<Embedder>>,
    ) -> Result<(Librarian, Option<RebuildReason>), IndexError> {
        let (guide, index, reason) = open_or_build(knowledge, index_dir)?;
        let semantic = match model {
            Some(embedder) => match Semantic::build(&guide, embedder, index_dir) {
                Ok(semantic) => Some(semantic),
                Err(err) => {
                    tracing::warn!(
                        "answering by words alone: the guide could not be embedded: {err}"
                    );
                    None
                }
            },
            None => None,
        };
        let librarian = Librarian::new(guide, index);
        Ok((
            match semantic {
                Some(semantic) => librarian.with_semantic(semantic),
                None => librarian,
            },
            reason,
        ))
    }

    /// Whether answers use the embedding model or words alone.
    pub fn mode(&self) -> Mode {
        if self.semantic.is_some() {
            Mode::Semantic
        } else {
            Mode::Words
        }
    }

    /// The embedding model at work, if any (to share with a reloaded guide).
    pub fn embedder(&self) -> Option<Arc<Embedder>> {
        self.semantic.as_ref().map(|s| Arc::clone(s.embedder()))
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
            heading: self.guide.section(id).title.clone(),
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
        let Some(at) = self.topics.iter().position(|t| t.id == id) else {
            return Vec::new();
        };
        [at.checked_sub(1), Some(at + 1)]
            .into_iter()
            .flatten()
            .filter_map(|i| self.topics.get(i))
            .cloned()
            .collect()
    }

    /// The section a slug or alias (from a deep link or a button) names, if it has text.
    pub fn section_by_slug(&self, slug: &str) -> Option<SectionId> {
        self.guide
            .section_by_slug(slug)
            .filter(|s| !s.passages.is_empty())
            .map(|s| s.id)
    }

    /// Analyses a message once: words, concepts, the text the model reads, and its vector.
    pub fn analyse(&self, text: &str) -> Message {
        let written = self.analyzer.words(text);
        let mut words = Vec::with_capacity(written.len());
        for word in &written {
            if let Some(long) = expand_shorthand(word) {
                words.extend(long.split(' ').map(str::to_string));
            } else if let Some((left, right)) = self.vocabulary.split_joined(word) {
                words.push(left.to_string());
                words.push(right.to_string());
            } else {
                words.push(word.clone());
            }
        }
        let concepts = self.lexis().understand(&words);
        let model_text = model_text(text, &written, &words, &concepts);
        let (embedding, concept_vectors) = match &self.semantic {
            Some(semantic) if !written.is_empty() => (
                semantic.embed(&model_text),
                subject_vectors(semantic, &concepts),
            ),
            _ => (None, Vec::new()),
        };
        let adapted = self.adapted(embedding.as_deref());
        Message {
            text: text.to_string(),
            words,
            concepts,
            model_text,
            embedding,
            adapted,
            concept_vectors,
        }
    }

    /// The message's vector through the question adapter.
    fn adapted(&self, embedding: Option<&[f32]>) -> Option<Vec<f32>> {
        self.adapter.as_ref()?.apply(embedding?)
    }

    /// Answers one message. Never fails: any text gets a decision.
    pub fn answer(&self, text: &str) -> Answer {
        self.answer_message(&self.analyse(text))
    }

    /// Answers a message in the context of the chat's last topic: a short follow-up ("and how
    /// long does that take?") is read together with that topic, and "and after that?" gets the
    /// next topic in the guide's order.
    pub fn answer_in_context(&self, text: &str, last_topic: Option<SectionId>) -> Answer {
        let message = self.analyse(text);
        let alone = self.answer_message(&message);
        let Some(topic) = last_topic.filter(|&id| id < self.guide.sections.len()) else {
            return alone;
        };
        let follow_up = is_follow_up(&message.words);
        let worth_retrying = match alone.kind {
            AnswerKind::NoAnswer => alone.note.is_none(),
            AnswerKind::Answer => follow_up,
            AnswerKind::Emergency | AnswerKind::Smalltalk => false,
        };
        if !worth_retrying {
            return alone;
        }
        let has_subject = message.concepts.iter().any(|c| c.subject && c.known);
        if follow_up
            && asks_for_next(&message.words, has_subject)
            && let Some(next) = self.next_step(topic)
        {
            return next;
        }
        let context = self.in_context(&message, topic);
        let mut in_context = self.answer_from_guide(&context);
        // Read in context only when that answers better than the message alone.
        let better = alone.kind != AnswerKind::Answer || in_context.score > alone.score;
        if in_context.kind == AnswerKind::Answer && better {
            in_context.why.decision = format!(
                "{} (read as a follow-up to “{}”)",
                in_context.why.decision,
                self.guide.section_path(topic)
            );
            return in_context;
        }
        alone
    }

    /// The message read together with a topic: the topic's words at lower weight, and its
    /// heading's meaning added to the message's.
    fn in_context(&self, message: &Message, topic: SectionId) -> Message {
        let mut context = message.clone();
        let title = self.guide.section_path(topic);
        let title_words = self.analyzer.words(&title);
        for mut concept in self.lexis().understand(&title_words) {
            concept.weight *= CONTEXT_SHARE;
            concept.how = format!("context: {}", concept.how);
            if !context
                .concepts
                .iter()
                .any(|c| c.written == concept.written)
            {
                context.concepts.push(concept);
            }
        }
        if let (Some(semantic), Some(vector)) = (&self.semantic, &mut context.embedding) {
            semantic.add_heading(vector, topic, CONTEXT_SHARE);
        }
        context.adapted = self.adapted(context.embedding.as_deref());
        context.model_text = format!("{} ({title})", message.model_text);
        context
    }

    /// The first passage of the topic after `topic`, as the answer to "and after that?".
    fn next_step(&self, topic: SectionId) -> Option<Answer> {
        let at = self.topics.iter().position(|t| t.id == topic)?;
        let next = self.topics.get(at + 1)?;
        let passage = *self.guide.section(next.id).passages.first()?;
        let text = &self.guide.passage(passage).text;
        let mut answer = Answer::without_quote(
            AnswerKind::Answer,
            format!(
                "a follow-up asking what comes next: the topic after “{}” in the guide",
                self.guide.section_path(topic)
            ),
        );
        answer.section = Some(next.clone());
        answer.quote = Some(best_quote(text, &[], &self.analyzer, None));
        answer.score = 1.0;
        answer.suggestions = self.related(next.id);
        Some(answer)
    }

    /// Red flags, then small talk, then the guide.
    fn answer_message(&self, message: &Message) -> Answer {
        if message.words.is_empty() {
            let mut answer =
                Answer::without_quote(AnswerKind::NoAnswer, "the message has no words");
            answer.note = Some(Note::EmptyMessage);
            return answer;
        }
        let checked = match (&self.semantic, &message.embedding) {
            (Some(semantic), Some(vector)) if !semantic.example_vectors().is_empty() => {
                self.red_flags.assess_with_second_opinion(
                    &message.text,
                    &self.analyzer,
                    vector,
                    semantic.example_vectors(),
                )
            }
            _ => self.red_flags.assess(&message.text, &self.analyzer),
        };
        if let Some(flag) = checked.flag {
            return Answer::emergency(flag);
        }
        let mut answer = if let Some(pleasantry) = pleasantry(&message.words) {
            let mut answer = Answer::without_quote(AnswerKind::Smalltalk, "greeting or thanks");
            answer.note = Some(pleasantry);
            answer
        } else {
            let answer = self.answer_from_guide(message);
            // "Thanks, that's really put my mind at ease": a message that opens with thanks or
            // a greeting, asks nothing and matches nothing in the guide is small talk, not a
            // question the guide fails to cover. Thanks that asks nothing is small talk unless
            // the guide answers it with confidence: "thanks, that really helped" must not get a
            // quote about whatever "helps".
            let remark = |answer: &Answer, pleasantry: &Note| match pleasantry {
                Note::Thanks => answer.score < CONFIDENT,
                _ => answer.kind == AnswerKind::NoAnswer,
            };
            match opening_pleasantry(&message.text, &message.words) {
                Some(pleasantry) if remark(&answer, &pleasantry) => {
                    let mut answer = Answer::without_quote(
                        AnswerKind::Smalltalk,
                        "opens with greeting or thanks",
                    );
                    answer.note = Some(pleasantry);
                    answer
                }
                _ => answer,
            }
        };
        answer.why.red_flags_set_aside = checked.set_aside;
        answer
    }

    fn lexis(&self) -> Lexis<'_> {
        Lexis {
            analyzer: &self.analyzer,
            terms: &self.terms,
            vocabulary: &self.vocabulary,
            synonyms: &self.synonyms,
        }
    }

    fn answer_from_guide(&self, message: &Message) -> Answer {
        let mode = self.mode();
        let mut why = Explanation {
            mode: mode.as_str(),
            read_as: message.model_text.clone(),
            words: message.concepts.iter().map(word_note).collect(),
            ..Explanation::default()
        };
        let ranked = self.rank(message);
        why.candidates = ranked
            .iter()
            .take(EXPLAINED)
            .map(|s| self.candidate(s, &message.concepts))
            .collect();
        let Some(best) = ranked.first() else {
            why.decision =
                "no passage shares a meaningful word or enough meaning with the question"
                    .to_string();
            return Answer {
                why,
                ..Answer::without_quote(AnswerKind::NoAnswer, "")
            };
        };
        let best_section = self.guide.passage(best.passage).section;
        let close: Vec<Topic> = distinct_sections(
            ranked
                .iter()
                .filter(|s| s.probability >= self.decision.suggest),
            &self.guide,
        )
        .into_iter()
        .map(|id| self.topic(id))
        .collect();
        if best.probability >= self.decision.accept {
            let text = &self.guide.passage(best.passage).text;
            let similarities = match (&self.semantic, &message.embedding) {
                (Some(semantic), Some(vector)) => {
                    Some(semantic.sentence_similarities(vector, best.passage))
                }
                _ => None,
            };
            let quote = best_quote(
                text,
                &message.concepts,
                &self.analyzer,
                similarities.as_deref(),
            );
            why.decision = format!(
                "answered: the best passage answers the question with probability {:.0}% (threshold {:.0}%)",
                best.probability * 100.0,
                self.decision.accept * 100.0
            );
            return Answer {
                kind: AnswerKind::Answer,
                section: Some(self.topic(best_section)),
                quote: Some(quote),
                score: best.probability,
                suggestions: close
                    .into_iter()
                    .filter(|t| t.id != best_section)
                    .take(RELATED)
                    .collect(),
                red_flag: None,
                note: None,
                why,
            };
        }
        let suggestions: Vec<Topic> = close.into_iter().take(RELATED + 1).collect();
        why.decision = format!(
            "not answered: the best passage answers the question with probability only {:.0}% (threshold {:.0}%){}",
            best.probability * 100.0,
            self.decision.accept * 100.0,
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
            score: best.probability,
            suggestions,
            red_flag: None,
            note: None,
            why,
        }
    }

    /// Candidates from BM25 and from the nearest meanings, each with its features and the
    /// calibrated probability, best first.
    fn rank(&self, message: &Message) -> Vec<Scored> {
        let mut pool: Vec<(PassageId, f32)> = self
            .query(&message.concepts)
            .map(|query| self.index.search(&query, CANDIDATES))
            .unwrap_or_default()
            .into_iter()
            .filter(|(passage, _)| self.quotable(*passage))
            .collect();
        let top_bm25 = pool.first().map_or(1.0, |h| h.1.max(f32::EPSILON));
        // A question for a number or whom to contact is answered only by a passage that gives
        // one: each of those is a candidate.
        let for_contact = !self.contacts.is_empty() && asks_for_contact(&message.words);
        // A guide with numbers everywhere (more than a contacts page's worth) adds none: its
        // passages with contact details must then be found like any other.
        if for_contact && self.contacts.len() <= MAX_CONTACTS {
            for &passage in &self.contacts {
                if !pool.iter().any(|(p, _)| *p == passage) {
                    pool.push((passage, 0.0));
                }
            }
        }
        if let (Some(semantic), Some(vector)) = (&self.semantic, &message.embedding) {
            for (passage, _) in semantic.nearest(vector, CANDIDATES) {
                if self.quotable(passage) && !pool.iter().any(|(p, _)| *p == passage) {
                    pool.push((passage, 0.0));
                }
            }
        }
        let mut scored: Vec<Scored> = pool
            .into_iter()
            .map(|(passage, bm25)| Scored {
                passage,
                bm25,
                features: self.features(message, passage, bm25, top_bm25),
                score: 0.0,
                margin: 0.0,
                probability: 0.0,
            })
            .collect();
        // How far each candidate leads the best candidate of another section.
        let snapshot: Vec<(SectionId, f32, f32)> = scored
            .iter()
            .map(|s| {
                (
                    self.guide.passage(s.passage).section,
                    s.features.meaning(),
                    s.features.coverage,
                )
            })
            .collect();
        let mode = self.mode();
        for (i, s) in scored.iter_mut().enumerate() {
            let section = snapshot[i].0;
            let rivals = snapshot.iter().filter(|(other, ..)| *other != section);
            let (best_meaning, best_coverage) =
                rivals.fold((0.0f32, 0.0f32), |acc, r| (acc.0.max(r.1), acc.1.max(r.2)));
            if mode == Mode::Semantic {
                s.features.sim_lead = snapshot[i].1 - best_meaning;
            }
            s.features.coverage_lead = snapshot[i].2 - best_coverage;
            s.score = self.decision.score(&s.features, mode);
        }
        // Calibrated on the lead of each candidate's score over the best rival section's.
        let scores: Vec<(SectionId, f32)> = scored
            .iter()
            .map(|s| (self.guide.passage(s.passage).section, s.score))
            .collect();
        for s in scored.iter_mut() {
            let section = self.guide.passage(s.passage).section;
            let rival = scores
                .iter()
                .filter(|(other, _)| *other != section)
                .map(|(_, score)| *score)
                .fold(None, |best: Option<f32>, x| {
                    Some(best.map_or(x, |b| b.max(x)))
                });
            // With no rival at all, the lead is taken as clear.
            let margin = rival.map_or(MAX_MARGIN, |r| (s.score - r).min(MAX_MARGIN));
            s.margin = margin;
            s.probability = self
                .decision
                .probability(&s.features, s.score, margin, mode);
            if never_quoted(&s.features, s.probability, mode)
                || (for_contact && !self.has_contact_details(s.passage))
            {
                s.probability = s.probability.min(self.decision.suggest);
            }
        }
        // The guide's best way to get in touch answers a question for one.
        if for_contact
            && let Some(best) = scored
                .iter_mut()
                .filter(|s| self.has_contact_details(s.passage))
                .max_by(|a, b| a.score.total_cmp(&b.score))
        {
            best.probability = best.probability.max(self.decision.accept);
        }
        scored.sort_by(|a, b| b.probability.total_cmp(&a.probability));
        scored
    }

    /// Whether a passage gives a number, an email or an address.
    fn has_contact_details(&self, passage: PassageId) -> bool {
        self.contacts.binary_search(&passage).is_ok()
    }

    /// Whether a passage may answer: one of the guide's, and not its letterhead.
    fn quotable(&self, passage: PassageId) -> bool {
        self.guide
            .passages
            .get(passage)
            .is_some_and(|p| p.kind != PassageKind::Letterhead)
    }

    /// Every signal for one candidate passage (the leads are filled in by [`Self::rank`]).
    fn features(
        &self,
        message: &Message,
        passage: PassageId,
        bm25: f32,
        top_bm25: f32,
    ) -> Features {
        // Coverage counts the words the guide knows; the subject's coverage counts every word
        // naming the subject, so a subject the guide never mentions ("parking") is uncovered.
        let (mut total, mut covered, mut subject_total, mut subject_covered) =
            (0.0f32, 0.0f32, 0.0f32, 0.0f32);
        let mut subject_meant = 0.0f32;
        let mut subject_missing = 0.0f32;
        for (i, concept) in message.concepts.iter().enumerate() {
            let share = concept.coverage_in(&self.terms, passage);
            if concept.known {
                total += concept.weight;
                covered += concept.weight * share;
            }
            if concept.subject {
                subject_total += concept.weight;
                subject_covered += concept.weight * share;
                let similarity = match (&self.semantic, message.concept_vectors.get(i)) {
                    (Some(semantic), Some(Some(vector))) if share < 1.0 => {
                        Some(semantic.word_similarity(vector, passage))
                    }
                    _ => None,
                };
                let meant = similarity.map_or(0.0, |similarity| {
                    ((similarity - WORD_UNRELATED) / (WORD_SYNONYM - WORD_UNRELATED))
                        .clamp(0.0, 1.0)
                });
                subject_meant += concept.weight * share.max(meant);
                if !concept.known && similarity.is_some_and(|s| s < WORD_CLOSE) {
                    subject_missing += concept.weight;
                }
            }
        }
        let ratio = |a: f32, b: f32| if b > 0.0 { a / b } else { 0.0 };
        let mut features = Features {
            bm25_share: ratio(bm25, top_bm25),
            bm25: bm25 / (bm25 + BM25_HALF),
            coverage: ratio(covered, total),
            subject_coverage: ratio(subject_covered, subject_total),
            // Without the model there is no meaning to measure.
            subject_meaning: if self.semantic.is_some() {
                ratio(subject_meant, subject_total)
            } else {
                0.0
            },
            subject_missing: ratio(subject_missing, subject_total),
            unknown_share: message.unknown_share(),
            ..Features::default()
        };
        if let (Some(semantic), Some(vector)) = (&self.semantic, &message.embedding) {
            let section = self.guide.passage(passage).section;
            features.sim_passage = semantic.passage_similarity(vector, passage);
            features.sim_adapted = match &message.adapted {
                Some(adapted) => semantic.passage_similarity(adapted, passage),
                None => features.sim_passage,
            };
            features.centrality = semantic.centrality(passage);
            features.sim_sentence = semantic
                .sentence_similarities(vector, passage)
                .iter()
                .map(|(_, sim)| *sim)
                .fold(0.0, f32::max);
            features.sim_heading = semantic.heading_similarity(vector, section);
            if let Some(similarity) = semantic.question_similarity(vector, section) {
                features.sim_faq = similarity;
            }
        }
        features
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
            coverage: scored.features.coverage,
            matched: concepts
                .iter()
                .filter(|c| c.coverage_in(&self.terms, scored.passage) > 0.0)
                .map(|c| c.written.clone())
                .collect(),
            features: scored.features,
            score: scored.score,
            margin: scored.margin,
            probability: scored.probability,
        }
    }

    /// Every candidate considered for a message, with its features and section, and the
    /// question's share of unknown words, for fitting the decision.
    pub fn candidate_features(&self, text: &str) -> (Vec<(PassageId, SectionId, Features)>, f32) {
        let message = self.analyse(text);
        let candidates = self
            .rank(&message)
            .into_iter()
            .map(|s| (s.passage, self.guide.passage(s.passage).section, s.features))
            .collect();
        (candidates, message.unknown_share())
    }
}

/// Whether a candidate may be offered at most, never quoted, whatever its probability.
///
/// An answer must speak to the question's subject: a passage that covers too little of it, in
/// words or (with the model) in close meaning, and is not close in meaning as a whole either,
/// is not quoted ("how long does parking take?" is not answered by how long the injection
/// takes). Nor is a passage with nothing close to a good part of the subject ("can stem cells
/// regrow my teeth?" in a guide that never names teeth); nor one the
/// model finds unrelated in meaning, however many words it shares ("a decent curry place near
/// me" is not answered by the cuts "near the belly button": 2 of the 266 expected passages of
/// ../shared/eval are that far). A missing part of the subject is overlooked when everything
/// else makes the passage likely enough to answer ([`SUBJECT_MISSING_OVERRULED`], more when
/// most of the subject is missing).
pub(super) fn never_quoted(features: &Features, probability: f32, mode: Mode) -> bool {
    let off_subject = match mode {
        Mode::Semantic => features.subject_meaning < SUBJECT_MEANT_MIN,
        Mode::Words => features.subject_coverage < SUBJECT_MIN,
    };
    let unrelated = mode == Mode::Semantic && features.meaning() < UNRELATED_MEANING;
    (off_subject && features.meaning() < CLOSE_MEANING)
        || (features.subject_missing >= SUBJECT_MISSING_MAX
            && probability < missing_overruled_from(features.subject_missing))
        || unrelated
}

/// The probability from which a passage is quoted although this share of the question's
/// subject is missing from it.
fn missing_overruled_from(subject_missing: f32) -> f32 {
    if subject_missing < SUBJECT_MOSTLY_MISSING {
        SUBJECT_MISSING_OVERRULED
    } else {
        SUBJECT_MOSTLY_MISSING_OVERRULED
    }
}

/// The vectors of the concepts naming the question's subject (as read: typos put right): the
/// guide's words from the index, the others in one pass of the model; `None` for the other
/// concepts.
fn subject_vectors(semantic: &Semantic, concepts: &[Concept]) -> Vec<Option<Vec<f32>>> {
    let texts: Vec<&str> = concepts
        .iter()
        .filter(|c| c.subject)
        .map(|c| c.read_as.as_deref().unwrap_or(&c.written))
        .collect();
    let mut vectors = semantic.word_vectors(&texts).into_iter();
    concepts
        .iter()
        .map(|c| if c.subject { vectors.next() } else { None })
        .collect()
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
