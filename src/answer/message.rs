//! A patient's message analysed once into one value that every stage reads: its words (with
//! chat shorthand expanded and joined words split), the concepts they carry (typos corrected,
//! lay words bridged), the text the embedding model reads, and its vectors (the whole message's,
//! and each subject word's).

use super::question::Concept;

/// One message, analysed.
#[derive(Debug, Clone)]
pub struct Message {
    /// The message as written.
    pub text: String,
    /// Lowercase words, shorthand expanded ("b4" → "before"), joined words split.
    pub words: Vec<String>,
    /// The meaningful words and phrases, as the guide's terms.
    pub concepts: Vec<Concept>,
    /// What the embedding model reads: the message with shorthand and typos put right.
    pub model_text: String,
    /// The message's vector, when the embedding model is at work.
    pub embedding: Option<Vec<f32>>,
    /// The message's vector through the learned adapter, when there are both.
    pub adapted: Option<Vec<f32>>,
    /// The vector of each concept naming the question's subject, by concept (none for the
    /// others, or without the model).
    pub concept_vectors: Vec<Option<Vec<f32>>>,
}

impl Message {
    /// The share of the message's meaningful words the guide never uses, weighted.
    pub fn unknown_share(&self) -> f32 {
        let total: f32 = self.concepts.iter().map(|c| c.weight).sum();
        if total <= 0.0 {
            return 0.0;
        }
        let unknown: f32 = self
            .concepts
            .iter()
            .filter(|c| !c.known)
            .map(|c| c.weight)
            .sum();
        unknown / total
    }
}

/// The text for the model: the words with corrections applied, or the message itself when
/// nothing was corrected (punctuation such as "?" then stays).
pub fn model_text(
    original: &str,
    original_words: &[String],
    words: &[String],
    concepts: &[Concept],
) -> String {
    let corrected: Vec<&str> = words
        .iter()
        .map(|w| {
            concepts
                .iter()
                .find(|c| c.written == *w)
                .and_then(|c| c.read_as.as_deref())
                .unwrap_or(w)
        })
        .collect();
    if corrected.len() == original_words.len()
        && corrected.iter().zip(original_words).all(|(a, b)| a == b)
    {
        original.to_string()
    } else {
        corrected.join(" ")
    }
}
