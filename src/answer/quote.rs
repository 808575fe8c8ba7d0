//! Choosing what to quote: a short passage whole; of a long one, the one to three consecutive
//! sentences that carry the answer, kept with a sentence they lean on, and a list's items with
//! the lead-in that introduces them.

use std::ops::Range;

use super::question::Concept;
use crate::language::{Analyzer, sentences};

/// At most this many sentences are quoted.
const MAX_SENTENCES: usize = 3;
/// Openings that lean on the sentence before ("This step…", "These include…").
const LEANING_OPENERS: &[&str] = &["this", "these", "they", "it", "while this", "that"];
/// How much a sentence's share of the question's words counts beside its meaning.
const WORDS_SHARE: f32 = 0.5;
/// A neighbour this close to the best sentence's score is quoted with it.
const NEIGHBOUR_MARGIN: f32 = 0.2;
/// A passage this short (in bytes; about 130 words, longer than 99% of the paragraphs of the
/// fourteen guides measured) is quoted whole: the sentence that names the patient's problem is
/// often followed by the one that answers it ("Many patients find it hard to sleep lying flat…
/// You may find it more comfortable to sleep sitting half upright…"), and a paragraph read
/// whole keeps the clinic's context. Only longer passages are cut to their best sentences.
const SHORT_PASSAGE: usize = 800;

/// The verbatim text of `passage` that best answers the question. `similarities` are the
/// question's similarities to each sentence (from the embedding model), when known.
pub fn best_quote(
    passage: &str,
    concepts: &[Concept],
    analyzer: &Analyzer,
    similarities: Option<&[(Range<usize>, f32)]>,
) -> String {
    let spans: Vec<Range<usize>> = match similarities {
        Some(sims) => sims.iter().map(|(r, _)| r.clone()).collect(),
        None => sentences(passage),
    };
    if spans.len() <= 1 {
        return passage.trim().to_string();
    }
    if passage.len() <= SHORT_PASSAGE {
        return passage.trim().to_string();
    }
    let total: f32 = concepts
        .iter()
        .map(|c| c.weight)
        .sum::<f32>()
        .max(f32::EPSILON);
    let scores: Vec<f32> = spans
        .iter()
        .enumerate()
        .map(|(i, span)| {
            let stems = analyzer.stems(&passage[span.clone()]);
            let covered: f32 = concepts
                .iter()
                .filter(|c| {
                    c.alternatives
                        .iter()
                        .any(|alt| alt.stems.iter().all(|s| stems.contains(s)))
                })
                .map(|c| c.weight)
                .sum();
            let meaning = similarities.map_or(0.0, |sims| sims[i].1);
            meaning + WORDS_SHARE * covered / total
        })
        .collect();
    let best = (0..scores.len())
        .max_by(|&a, &b| scores[a].total_cmp(&scores[b]).then(b.cmp(&a)))
        .unwrap_or(0);
    let (mut start, mut end) = (best, best + 1);
    let text = |i: usize| &passage[spans[i].clone()];
    while end - start < MAX_SENTENCES {
        let before = start.checked_sub(1).filter(|&i| {
            leans_on_previous(text(start)) || scores[i] >= scores[best] - NEIGHBOUR_MARGIN
        });
        let after = Some(end).filter(|&i| i < spans.len()).filter(|&i| {
            leans_on_previous(text(i)) || scores[i] >= scores[best] - NEIGHBOUR_MARGIN
        });
        match (before, after) {
            (Some(b), Some(a)) if scores[b] >= scores[a] => start = b,
            (_, Some(_)) => end += 1,
            (Some(b), None) => start = b,
            (None, None) => break,
        }
    }
    let quoted = passage[spans[start].start..spans[end - 1].end].trim();
    // A list item is quoted with the lead-in that introduces the list.
    match lead_in(passage) {
        Some(lead) if spans[start].start >= lead.end => {
            format!("{}\n{}", &passage[lead], quoted)
        }
        _ => quoted.to_string(),
    }
}

/// Whether the passage is a list (lines of items).
fn is_list(passage: &str) -> bool {
    passage.lines().skip(1).any(is_item)
}

/// Whether a line is a list item ("- …", "* …", "1. …").
fn is_item(line: &str) -> bool {
    let line = line.trim_start();
    if line.starts_with("- ") || line.starts_with("* ") || line.starts_with("• ") {
        return true;
    }
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    digits > 0 && (line[digits..].starts_with(". ") || line[digits..].starts_with(") "))
}

/// The first line of a list passage when it introduces the items (ends with ':').
fn lead_in(passage: &str) -> Option<Range<usize>> {
    let first = passage.lines().next()?;
    (is_list(passage) && first.trim_end().ends_with(':')).then(|| 0..first.trim_end().len())
}

fn leans_on_previous(sentence: &str) -> bool {
    let lower = sentence.trim_start().to_lowercase();
    LEANING_OPENERS.iter().any(|opener| {
        lower
            .strip_prefix(opener)
            .is_some_and(|rest| rest.starts_with([' ', ',']))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The quote of `passage` when the model finds sentence `best` closest to the question.
    fn quote_with_best_sentence(passage: &str, best: usize) -> String {
        let sims: Vec<(Range<usize>, f32)> = sentences(passage)
            .into_iter()
            .enumerate()
            .map(|(i, span)| (span, if i == best { 0.9 } else { 0.1 }))
            .collect();
        best_quote(passage, &[], &Analyzer::default(), Some(&sims))
    }

    #[test]
    fn a_short_paragraph_is_quoted_whole_even_when_one_sentence_is_closest() {
        let passage = "Many patients find it hard to sleep lying flat. You may find it more \
                       comfortable to sleep sitting up on several pillows.";
        assert_eq!(quote_with_best_sentence(passage, 0), passage);
    }

    #[test]
    fn a_long_paragraph_is_cut_to_the_sentences_that_answer() {
        let filler = "This sentence is about something else entirely and goes on for a while. ";
        let passage = format!(
            "{}You may shower after 48 hours if the dressings stay sealed. {}",
            filler.repeat(8),
            filler.repeat(8)
        );
        assert!(passage.len() > SHORT_PASSAGE);
        let quote = quote_with_best_sentence(&passage, 8);
        assert!(
            quote.starts_with("You may shower after 48 hours"),
            "{quote}"
        );
        assert!(quote.len() < passage.len() / 3, "{quote}");
    }

    #[test]
    fn a_long_list_is_quoted_with_its_lead_in() {
        let items: String = (1..=20)
            .map(|i| format!("- item number {i} of a long list of things to bring along\n"))
            .collect();
        let passage = format!("Please bring:\n{items}");
        assert!(passage.len() > SHORT_PASSAGE);
        let quote = quote_with_best_sentence(&passage, 12);
        assert!(quote.starts_with("Please bring:\n"), "{quote}");
        assert!(quote.len() < passage.len(), "{quote}");
    }
}
