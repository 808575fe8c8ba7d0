//! The evidence that a passage answers a question, as numbers: every signal the calibrated
//! decision combines, in one place, so that `--explain` can show each of them.

use serde::Serialize;

/// The signals measured for one candidate passage.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Features {
    /// Meaning: similarity of the question to the passage read with its section path.
    pub sim_passage: f32,
    /// Meaning: similarity of the question, through the learned adapter (patients' words
    /// moved towards guides' words), to the passage; `sim_passage` without an adapter.
    pub sim_adapted: f32,
    /// Meaning: similarity to the passage's closest sentence.
    pub sim_sentence: f32,
    /// Meaning: similarity to the section heading (with its parents').
    pub sim_heading: f32,
    /// Meaning: similarity to the section's own title, read alone, when it is a question (FAQ
    /// guides).
    pub sim_faq: f32,
    /// How far this passage's meaning leads the best other section's candidate (negative: behind).
    pub sim_lead: f32,
    /// How close the passage is to the guide's average meaning: a general passage is near
    /// every question a little, and must not win on that alone.
    pub centrality: f32,
    /// Words: BM25 relative to the best BM25 among the candidates (0 when not a BM25 hit).
    pub bm25_share: f32,
    /// Words: BM25 saturated to 0–1 (`bm25 / (bm25 + 5)`).
    pub bm25: f32,
    /// Words: share of the question's meaningful words the passage or its heading uses,
    /// each weighted by how rare it is in the guide.
    pub coverage: f32,
    /// Words: the same share for the words naming the question's subject (not its form).
    pub subject_coverage: f32,
    /// Meaning: the same share, where a subject word the passage does not use counts by how
    /// close in meaning the passage's nearest word is ("germs" and "infection").
    pub subject_meaning: f32,
    /// Meaning: the share of the subject named by words the guide never uses and the passage
    /// has nothing close to ("teeth" in a guide on knees): what the question is about is not
    /// there.
    pub subject_missing: f32,
    /// Words: how far this passage's coverage leads the best other section's candidate.
    pub coverage_lead: f32,
    /// The question: share of its meaningful words the guide never uses.
    pub unknown_share: f32,
}

/// The names of [`Features::values`], in order: the keys of the fitted weights.
pub const NAMES: [&str; 15] = [
    "sim_passage",
    "sim_adapted",
    "sim_sentence",
    "sim_heading",
    "sim_faq",
    "sim_lead",
    "centrality",
    "bm25_share",
    "bm25",
    "coverage",
    "subject_coverage",
    "subject_meaning",
    "subject_missing",
    "coverage_lead",
    "unknown_share",
];

impl Features {
    /// The values in the order of [`NAMES`].
    pub fn values(&self) -> [f32; NAMES.len()] {
        [
            self.sim_passage,
            self.sim_adapted,
            self.sim_sentence,
            self.sim_heading,
            self.sim_faq,
            self.sim_lead,
            self.centrality,
            self.bm25_share,
            self.bm25,
            self.coverage,
            self.subject_coverage,
            self.subject_meaning,
            self.subject_missing,
            self.coverage_lead,
            self.unknown_share,
        ]
    }

    /// How close in meaning the passage is, by its best view (whole, sentence, heading).
    pub fn meaning(&self) -> f32 {
        self.sim_passage
            .max(self.sim_sentence)
            .max(self.sim_faq)
            .max(0.8 * self.sim_heading)
    }
}
