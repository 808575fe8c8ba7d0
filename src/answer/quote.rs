//! Choosing what to quote: the one to three consecutive sentences that carry the answer.

use unicode_segmentation::UnicodeSegmentation;

use super::question::Concept;
use crate::language::Analyzer;

/// At most this many sentences are quoted.
const MAX_SENTENCES: usize = 3;
/// Openings that lean on the sentence before ("This step…", "These include…").
const LEANING_OPENERS: &[&str] = &["this", "these", "they", "it", "while this", "that"];

/// The verbatim slice of `passage` that best covers the concepts.
pub fn best_quote<'a>(passage: &'a str, concepts: &[Concept], analyzer: &Analyzer) -> &'a str {
    let sentences: Vec<(usize, &str)> = passage.split_sentence_bound_indices().collect();
    if sentences.len() <= 1 {
        return passage.trim();
    }
    let covers: Vec<Vec<bool>> = sentences
        .iter()
        .map(|(_, text)| {
            let stems = analyzer.stems(text);
            concepts
                .iter()
                .map(|c| {
                    c.alternatives
                        .iter()
                        .any(|alt| alt.stems.iter().all(|s| stems.contains(s)))
                })
                .collect()
        })
        .collect();
    let mut best = (0usize, 1usize, f32::MIN);
    for start in 0..sentences.len() {
        for len in 1..=MAX_SENTENCES.min(sentences.len() - start) {
            let score: f32 = concepts
                .iter()
                .enumerate()
                .filter(|(i, _)| covers[start..start + len].iter().any(|row| row[*i]))
                .map(|(_, c)| c.weight)
                .sum();
            // A longer window must add meaning to win; among equals the shortest wins.
            let better = score > best.2 + 1e-3 || (score > best.2 - 1e-3 && len < best.1);
            if better {
                best = (start, len, score);
            }
        }
    }
    let (mut start, len, _) = best;
    let mut end = start + len;
    // Keep a sentence with the one it leans on, and with the one that leans on it.
    if start > 0 && end - start < MAX_SENTENCES && leans_on_previous(sentences[start].1) {
        start -= 1;
    }
    if end < sentences.len() && end - start < MAX_SENTENCES && leans_on_previous(sentences[end].1) {
        end += 1;
    }
    let from = sentences[start].0;
    let to = sentences
        .get(end)
        .map_or(passage.len(), |(offset, _)| *offset);
    passage[from..to].trim()
}

fn leans_on_previous(sentence: &str) -> bool {
    let lower = sentence.trim_start().to_lowercase();
    LEANING_OPENERS.iter().any(|opener| {
        lower
            .strip_prefix(opener)
            .is_some_and(|rest| rest.starts_with([' ', ',']))
    })
}
