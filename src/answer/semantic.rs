//! The guide as meaning: a vector for every passage (with its heading), every sentence and
//! every section heading, made once per guide by the embedding model (cached on disk), and
//! the passages nearest a question. Every distinct word of the guide gets a vector too, so that
//! a patient's word the passage does not use can still be found close in meaning to one it
//! does ("germs" and "infection", "hurt" and "pain"). The labelled example messages of
//! `red-flags.toml` are embedded (and cached) with the guide, for the second opinion on
//! emergencies.

use std::collections::HashMap;
use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

use crate::embed::{EmbedError, Embedder, VectorCache};
use crate::knowledge::{Guide, PassageId, SectionId};
use crate::language::{Analyzer, is_number, is_stopword, sentences};

/// The file in the index folder that keeps vectors by text, so an edit re-embeds only what changed.
pub const CACHE_FILE: &str = "embeddings.bin";

/// The vectors of the shipped red-flag example messages under the default model, in the cache
/// format: a new index needs not spend seconds embedding them. Written by
/// `cargo run --example example_vectors` after the examples change; a test checks they match
/// the examples and the model. Examples a clinic adds are embedded as usual.
pub const SHIPPED_EXAMPLE_VECTORS: &[u8] = include_bytes!("emergency/examples.vectors");

/// Vectors of one guide's passages, sentences and headings.
pub struct Semantic {
    embedder: Arc<Embedder>,
    dim: usize,
    /// One vector per passage (section path and text), flat.
    passages: Vec<f32>,
    /// One vector per sentence, flat; `sentence_ranges[p]` are passage `p`'s rows.
    sentences: Vec<f32>,
    sentence_rows: Vec<Range<usize>>,
    /// The byte range of each sentence in its passage's text, by passage.
    sentence_spans: Vec<Vec<Range<usize>>>,
    /// One vector per section (its path), flat.
    headings: Vec<f32>,
    /// One vector per section whose own title is a question ("How long does it take?"), read
    /// alone: its parents' titles would blur the question it asks. By section.
    questions: Vec<Option<usize>>,
    question_vectors: Vec<f32>,
    /// The vectors of the red-flag example messages, in the order of `red-flags.toml`.
    examples: Vec<Vec<f32>>,
    /// Each passage's similarity to the mean of all passage vectors (its mean similarity to
    /// the others).
    centrality: Vec<f32>,
    /// One vector per distinct word of the guide, flat.
    words: Vec<f32>,
    /// The rows of `words` each passage uses, in its text or section path.
    passage_words: Vec<Vec<u32>>,
    /// The row of `words` of each word.
    word_rows: HashMap<String, u32>,
}

impl std::fmt::Debug for Semantic {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Semantic")
            .field("model", &self.embedder.model_id())
            .finish_non_exhaustive()
    }
}

/// What a passage's vector is made from: its place in the guide, then its words.
pub fn passage_text(guide: &Guide, passage: PassageId) -> String {
    let passage = guide.passage(passage);
    format!("{}: {}", guide.section_path(passage.section), passage.text)
}

/// Every text of a guide that gets a vector, in the order of [`Texts::all`].
struct Texts<'a> {
    passages: Vec<String>,
    sentences: Vec<&'a str>,
    sentence_spans: Vec<Vec<Range<usize>>>,
    sentence_rows: Vec<Range<usize>>,
    headings: Vec<String>,
    /// The titles that are questions, with their sections.
    questions: Vec<(SectionId, String)>,
    /// The red-flag example messages.
    examples: Vec<&'a str>,
    /// Every distinct word of the guide that can carry meaning (no function words, no numbers).
    words: Vec<String>,
    passage_words: Vec<Vec<u32>>,
    word_rows: HashMap<String, u32>,
}

impl<'a> Texts<'a> {
    fn of(guide: &'a Guide) -> Texts<'a> {
        let passages: Vec<String> = (0..guide.passages.len())
            .map(|p| passage_text(guide, p))
            .collect();
        let sentence_spans: Vec<Vec<Range<usize>>> =
            guide.passages.iter().map(|p| sentences(&p.text)).collect();
        let mut sentence_texts: Vec<&str> = Vec::new();
        let mut sentence_rows = Vec::with_capacity(guide.passages.len());
        for (passage, spans) in guide.passages.iter().zip(&sentence_spans) {
            let start = sentence_texts.len();
            sentence_texts.extend(spans.iter().map(|r| &passage.text[r.clone()]));
            sentence_rows.push(start..sentence_texts.len());
        }
        let headings: Vec<String> = (0..guide.sections.len())
            .map(|s| guide.section_path(s))
            .collect();
        let questions = guide
            .sections
            .iter()
            .filter(|s| s.title.trim_end().ends_with('?'))
            .map(|s| (s.id, s.title.trim().to_string()))
            .collect();
        let analyzer = Analyzer::default();
        let heading_words: Vec<Vec<String>> = headings.iter().map(|h| analyzer.words(h)).collect();
        let mut rows: HashMap<String, u32> = HashMap::new();
        let mut words: Vec<String> = Vec::new();
        let passage_words = guide
            .passages
            .iter()
            .map(|passage| {
                let own = analyzer.words(&passage.text);
                let mut ids: Vec<u32> = own
                    .iter()
                    .chain(&heading_words[passage.section])
                    .filter(|w| !is_stopword(w) && !is_number(w))
                    .map(|w| {
                        *rows.entry(w.clone()).or_insert_with(|| {
                            words.push(w.clone());
                            (words.len() - 1) as u32
                        })
                    })
                    .collect();
                ids.sort_unstable();
                ids.dedup();
                ids
            })
            .collect();
        Texts {
            passages,
            sentences: sentence_texts,
            sentence_spans,
            sentence_rows,
            headings,
            questions,
            examples: guide.lexicon.red_flag_example_texts().collect(),
            words,
            passage_words,
            word_rows: rows,
        }
    }

    /// Passages, then sentences, then headings, then question titles, then words, then the
    /// red-flag examples.
    fn all(&self) -> Vec<&str> {
        let mut all: Vec<&str> = self.passages.iter().map(String::as_str).collect();
        all.extend(&self.sentences);
        all.extend(self.headings.iter().map(String::as_str));
        all.extend(self.questions.iter().map(|(_, title)| title.as_str()));
        all.extend(self.words.iter().map(String::as_str));
        all.extend(&self.examples);
        all
    }
}

/// Every text of the guide the model makes a vector for (passages with their section path,
/// sentences, headings), as [`Semantic::build`] embeds them: for benchmarks that fill the
/// vector cache themselves.
pub fn embedded_texts(guide: &Guide) -> Vec<String> {
    Texts::of(guide)
        .all()
        .into_iter()
        .map(str::to_string)
        .collect()
}

impl Semantic {
    /// Embeds the guide, reusing the vectors cached in `index_dir` for unchanged texts.
    pub fn build(
        guide: &Guide,
        embedder: Arc<Embedder>,
        index_dir: &Path,
    ) -> Result<Semantic, EmbedError> {
        let mut cache = VectorCache::open(&index_dir.join(CACHE_FILE));
        let texts = Texts::of(guide);
        // The shipped vectors are read only when the cache lacks an example (a new index).
        if !cache.holds_all(embedder.model_id(), &texts.examples) {
            cache.seed(SHIPPED_EXAMPLE_VECTORS, embedder.model_id());
        }
        let all = texts.all();
        let vectors = cache.embed_all(&embedder, &all)?;
        let Texts {
            passages: passage_texts,
            sentences: sentence_texts,
            sentence_spans,
            sentence_rows,
            headings: heading_texts,
            questions: question_titles,
            words: word_texts,
            passage_words,
            word_rows,
            ..
        } = texts;
        if let Err(err) = cache.save() {
            tracing::warn!("could not save the embedding cache: {err}");
        }
        let dim = embedder.dimension();
        let flat = |rows: &[Vec<f32>]| rows.iter().flatten().copied().collect::<Vec<f32>>();
        let (p, rest) = vectors.split_at(passage_texts.len());
        let (s, rest) = rest.split_at(sentence_texts.len());
        let (h, rest) = rest.split_at(heading_texts.len());
        let (q, rest) = rest.split_at(question_titles.len());
        let (w, e) = rest.split_at(word_texts.len());
        let mut questions = vec![None; heading_texts.len()];
        for (row, (section, _)) in question_titles.iter().enumerate() {
            questions[*section] = Some(row);
        }
        let mut mean = vec![0.0f32; dim];
        for vector in p {
            mean.iter_mut()
                .zip(vector)
                .for_each(|(m, x)| *m += x / p.len() as f32);
        }
        let centrality = p.iter().map(|vector| dot(vector, &mean)).collect();
        Ok(Semantic {
            centrality,
            dim,
            passages: flat(p),
            sentences: flat(s),
            sentence_rows,
            sentence_spans,
            headings: flat(h),
            questions,
            question_vectors: flat(q),
            examples: e.to_vec(),
            words: flat(w),
            passage_words,
            word_rows,
            embedder,
        })
    }

    /// The vectors of the guide's red-flag examples, in the order of `red-flags.toml` (that of
    /// [`super::emergency::RedFlags::examples`]).
    pub fn example_vectors(&self) -> &[Vec<f32>] {
        &self.examples
    }

    /// The vectors of a question's words: the guide's own words from the index, the others
    /// computed in one pass of the model.
    pub fn word_vectors(&self, words: &[&str]) -> Vec<Vec<f32>> {
        let unknown: Vec<&str> = words
            .iter()
            .filter(|w| !self.word_rows.contains_key(**w))
            .copied()
            .collect();
        let mut computed = self.embed_texts(&unknown).into_iter();
        words
            .iter()
            .map(|w| match self.word_rows.get(*w) {
                Some(&row) => self.row(&self.words, row as usize).to_vec(),
                None => computed.next().unwrap_or_default(),
            })
            .collect()
    }

    /// The vectors of some texts, in one pass of the model.
    fn embed_texts(&self, words: &[&str]) -> Vec<Vec<f32>> {
        if words.is_empty() {
            return Vec::new();
        }
        match self.embedder.embed_batch(words) {
            Ok(vectors) => vectors,
            Err(err) => {
                tracing::warn!("the embedding model failed on a message's words: {err}");
                Vec::new()
            }
        }
    }

    /// How close in meaning the passage's nearest word (in its text or section path) is to a
    /// word of the question.
    pub fn word_similarity(&self, word: &[f32], passage: PassageId) -> f32 {
        self.passage_words
            .get(passage)
            .into_iter()
            .flatten()
            .map(|&row| dot(word, self.row(&self.words, row as usize)))
            .fold(0.0, f32::max)
    }

    /// The message's vector (`None` if the model fails on it, which it should not).
    pub fn embed(&self, text: &str) -> Option<Vec<f32>> {
        match self.embedder.embed(text) {
            Ok(vector) => Some(vector),
            Err(err) => {
                tracing::warn!("the embedding model failed on a message: {err}");
                None
            }
        }
    }

    pub fn embedder(&self) -> &Arc<Embedder> {
        &self.embedder
    }

    fn row<'a>(&self, flat: &'a [f32], i: usize) -> &'a [f32] {
        &flat[i * self.dim..(i + 1) * self.dim]
    }

    /// How close the passage is to the guide's average meaning.
    pub fn centrality(&self, passage: PassageId) -> f32 {
        self.centrality[passage]
    }

    /// Similarity of the question to the passage read with its section path.
    pub fn passage_similarity(&self, question: &[f32], passage: PassageId) -> f32 {
        dot(question, self.row(&self.passages, passage))
    }

    /// Similarity of the question to each sentence of the passage, in order, with the
    /// sentence's byte range in the passage text.
    pub fn sentence_similarities(
        &self,
        question: &[f32],
        passage: PassageId,
    ) -> Vec<(Range<usize>, f32)> {
        self.sentence_rows[passage]
            .clone()
            .zip(&self.sentence_spans[passage])
            .map(|(row, span)| (span.clone(), dot(question, self.row(&self.sentences, row))))
            .collect()
    }

    /// Similarity of the question to a section's heading (with its parents').
    pub fn heading_similarity(&self, question: &[f32], section: SectionId) -> f32 {
        dot(question, self.row(&self.headings, section))
    }

    /// Similarity of the question to a section's own title when that title is a question
    /// (FAQ guides); `None` for other sections.
    pub fn question_similarity(&self, question: &[f32], section: SectionId) -> Option<f32> {
        let row = (*self.questions.get(section)?)?;
        Some(dot(question, self.row(&self.question_vectors, row)))
    }

    /// Moves a question's vector towards a section's heading (a follow-up read in context).
    pub fn add_heading(&self, question: &mut [f32], section: SectionId, share: f32) {
        let heading = self.row(&self.headings, section);
        for (q, h) in question.iter_mut().zip(heading) {
            *q += share * h;
        }
        let norm = question.iter().map(|x| x * x).sum::<f32>().sqrt();
        if norm > 0.0 {
            question.iter_mut().for_each(|x| *x /= norm);
        }
    }

    /// The `limit` passages whose text or best sentence is nearest the question, best first.
    pub fn nearest(&self, question: &[f32], limit: usize) -> Vec<(PassageId, f32)> {
        let mut scored: Vec<(PassageId, f32)> = (0..self.sentence_rows.len())
            .map(|p| {
                let best_sentence = self.sentence_rows[p]
                    .clone()
                    .map(|row| dot(question, self.row(&self.sentences, row)))
                    .fold(f32::MIN, f32::max);
                (p, self.passage_similarity(question, p).max(best_sentence))
            })
            .collect();
        let limit = limit.min(scored.len());
        if limit == 0 {
            return Vec::new();
        }
        scored.select_nth_unstable_by(limit - 1, |a, b| b.1.total_cmp(&a.1));
        scored.truncate(limit);
        scored.sort_by(|a, b| b.1.total_cmp(&a.1));
        scored
    }
}

/// Partial sums kept apart in [`dot`], so that the compiler can use SIMD lanes for them.
const LANES: usize = 8;

/// The dot product: cosine similarity for normalised vectors.
///
/// Summed in [`LANES`] independent lanes: a single running sum fixes the order of the
/// additions and keeps the loop scalar, four to eight times slower over a large guide.
fn dot(a: &[f32], b: &[f32]) -> f32 {
    let (a_lanes, b_lanes) = (a.chunks_exact(LANES), b.chunks_exact(LANES));
    let tail: f32 = a_lanes
        .remainder()
        .iter()
        .zip(b_lanes.remainder())
        .map(|(x, y)| x * y)
        .sum();
    let mut sums = [0.0f32; LANES];
    for (x, y) in a_lanes.zip(b_lanes) {
        for lane in 0..LANES {
            sums[lane] += x[lane] * y[lane];
        }
    }
    sums.iter().sum::<f32>() + tail
}

#[cfg(test)]
mod tests {
    use super::dot;

    #[test]
    fn the_lane_wise_dot_product_equals_the_plain_sum_at_every_length() {
        for len in (0..40).chain([383, 384, 385]) {
            let a: Vec<f32> = (0..len).map(|i| (i as f32 * 0.37).sin()).collect();
            let b: Vec<f32> = (0..len).map(|i| (i as f32 * 0.11).cos()).collect();
            let plain: f32 = a.iter().zip(&b).map(|(x, y)| x * y).sum();
            assert!((dot(&a, &b) - plain).abs() < 1e-4, "length {len}");
        }
    }
}
