//! The embedding model's second opinion: which labelled example sentences of
//! `red-flags.toml` a message is closest to in meaning.
//!
//! The rules decide first and carry the targets on their own. The vote only adds a flag the
//! rules missed: when the nearest example is an emergency, close enough and clearly closer
//! than any example labelled "none", and the message holds no sign the rules read as "not
//! now" (a negation, a question, an "if", the past). This module does no embedding itself: the caller embeds the message and the
//! examples ([`super::RedFlags::examples`]) with the model of `src/embed`.

use serde::Serialize;

/// How many nearest examples are kept, for the explanation.
pub const NEIGHBOURS: usize = 3;
/// Cosine similarity the nearest example must reach for the vote to count ...
pub const MIN_SIMILARITY: f32 = 0.55;
/// ... and how much closer the nearest emergency example must be than any "not an
/// emergency" one. Both chosen by leaving each read safety set out in turn (17 sets, 1,275
/// emergencies and 1,263 harmless messages; the vote may use only the other sets' examples),
/// behind the same "not now" gate as in the bot: the vote alone then catches 89.6% of the
/// emergencies left out and raises 0.48% false alarms (6 of 1,263). The earlier 0.60 and 0.10,
/// chosen on 700 examples, catch 79.1% at 0.24%. A vote of the 3, 5 or 7 nearest caught fewer
/// at every false-alarm level.
pub const MARGIN: f32 = 0.025;

/// One example near the message.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Neighbour {
    pub example: String,
    /// The flag the example is labelled with, or `None` for "not an emergency".
    pub flag: Option<String>,
    pub similarity: f32,
}

/// What the nearest examples say.
#[derive(Debug, Clone, PartialEq)]
pub struct Vote {
    /// The nearest example's flag, when it is close enough and most neighbours are emergencies.
    pub flag: Option<String>,
    pub neighbours: Vec<Neighbour>,
}

/// Cosine similarity of two vectors (0 when either is empty or zero, or their lengths differ).
pub fn cosine(a: &[f32], b: &[f32]) -> f32 {
    if a.len() != b.len() || a.is_empty() {
        return 0.0;
    }
    let dot: f32 = a.iter().zip(b).map(|(x, y)| x * y).sum();
    let na: f32 = a.iter().map(|x| x * x).sum::<f32>().sqrt();
    let nb: f32 = b.iter().map(|x| x * x).sum::<f32>().sqrt();
    if na == 0.0 || nb == 0.0 || !dot.is_finite() {
        0.0
    } else {
        dot / (na * nb)
    }
}

/// The vote of the examples nearest to `message`. `examples[i]` is the embedding of the
/// example with label `labels[i]` (`None`: not an emergency).
pub fn vote(message: &[f32], examples: &[Vec<f32>], labels: &[(String, Option<String>)]) -> Vote {
    let mut scored: Vec<(usize, f32)> = examples
        .iter()
        .take(labels.len())
        .enumerate()
        .map(|(i, e)| (i, cosine(message, e)))
        .collect();
    scored.sort_by(|a, b| b.1.total_cmp(&a.1));
    scored.truncate(NEIGHBOURS);
    let neighbours: Vec<Neighbour> = scored
        .iter()
        .map(|&(i, similarity)| Neighbour {
            example: labels[i].0.clone(),
            flag: labels[i].1.clone(),
            similarity,
        })
        .collect();
    // The nearest example names the flag, if it is close enough and clearly closer than any
    // example labelled "not an emergency".
    let nearest_none = scored_none(message, examples, labels);
    let flag = neighbours.first().and_then(|nearest| {
        let name = nearest.flag.as_ref()?;
        (nearest.similarity >= MIN_SIMILARITY && nearest_none <= nearest.similarity - MARGIN)
            .then(|| name.clone())
    });
    Vote { flag, neighbours }
}

/// The similarity of the closest example labelled "not an emergency" (−1 if none).
fn scored_none(message: &[f32], examples: &[Vec<f32>], labels: &[(String, Option<String>)]) -> f32 {
    examples
        .iter()
        .zip(labels)
        .filter(|(_, (_, flag))| flag.is_none())
        .map(|(e, _)| cosine(message, e))
        .fold(-1.0, f32::max)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels() -> Vec<(String, Option<String>)> {
        vec![
            ("my face dropped".into(), Some("stroke".into())),
            ("his arm went weak".into(), Some("stroke".into())),
            ("is swelling normal".into(), None),
            ("when can I drive".into(), None),
        ]
    }

    #[test]
    fn a_close_emergency_example_clearly_nearer_than_harmless_ones_votes() {
        let examples = vec![
            vec![1.0, 0.0, 0.0],
            vec![0.9, 0.1, 0.0],
            vec![0.0, 1.0, 0.0],
            vec![0.0, 0.0, 1.0],
        ];
        let vote = vote(&[1.0, 0.05, 0.0], &examples, &labels());
        assert_eq!(vote.flag.as_deref(), Some("stroke"));
        assert_eq!(vote.neighbours.len(), NEIGHBOURS);
    }

    #[test]
    fn far_or_contested_examples_do_not_vote() {
        let examples = vec![
            vec![1.0, 0.0, 0.0],
            vec![0.0, 0.0, 1.0],
            vec![0.98, 0.1, 0.0],
            vec![0.0, 0.0, 1.0],
        ];
        // Far from everything.
        assert_eq!(vote(&[0.0, 1.0, 0.0], &examples, &labels()).flag, None);
        // As close to a harmless example as to an emergency.
        assert_eq!(vote(&[1.0, 0.05, 0.0], &examples, &labels()).flag, None);
        assert_eq!(vote(&[], &examples, &labels()).flag, None);
        assert_eq!(vote(&[1.0, 0.0, 0.0], &[], &labels()).flag, None);
    }
}
