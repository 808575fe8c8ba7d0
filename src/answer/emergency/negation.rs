//! Negation: "no headache", "I don't have a fever", "not dizzy".
//!
//! A negation word denies the symptom words that follow it in the same clause, up to
//! [`REACH`] words on; "but", a comma or a new subject ends its reach. A negation that is
//! part of the rule's own words ("can't breathe", "hasn't moved", "doesn't fade") is the
//! symptom, not its denial, and phrases such as "not sure" or "not stopping" deny nothing.

use std::sync::LazyLock;

use super::phrase::{Cues, Span};
use super::words::Token;

/// How many words after a negation it still denies.
pub const REACH: usize = 5;

static NEGATIONS: LazyLock<Cues> = LazyLock::new(|| {
    Cues::new(&[
        "no",
        "not",
        "never",
        "without",
        "dont",
        "doesnt",
        "didnt",
        "isnt",
        "arent",
        "wasnt",
        "werent",
        "havent",
        "hasnt",
        "hadnt",
        "none",
        "nor",
        "neither",
        "free of",
        "denies",
        "no sign of",
        "no signs of",
        "nothing like",
        "absence of",
        "nt",
        "nothing",
    ])
});

/// Phrases that start with a negation word but deny nothing that follows.
static NOT_NEGATIONS: LazyLock<Cues> = LazyLock::new(|| {
    Cues::new(&[
        "not sure",
        "not certain",
        "no idea",
        "not only",
        "not just",
        "no doubt",
        "no one",
        "no matter",
        "dont know",
        "didnt know",
        "not know",
        "no longer",
        "not better",
        "no better",
        "not improving",
        "not getting better",
        "not stopping",
        "not slowing",
        "not helping",
        "not working",
        "not going away",
        "not settling",
        "not easing",
        "no change",
        "not responding",
        "not making sense",
        "not making any sense",
        "nothing helps",
        "nothing is helping",
        "nothing works",
        "nothing stops",
        "not breathing",
        "not moving",
        "not waking",
        "not as much",
        "not long",
        "no time",
        "not fading",
        "no reason",
        "not worth",
        "not want",
        "dont want",
        "didnt want",
        "doesnt want",
        "no point",
        "never stops",
        "not stop",
        "doesnt stop",
        "didnt stop",
        "hasnt stopped",
        "isnt stopping",
        "isnt helping",
        "isnt working",
        "doesnt help",
        "didnt help",
        "doesnt fade",
        "didnt fade",
        "doesnt go away",
        "isnt going away",
        "hasnt gone",
        "not gone",
        "without stopping",
        "no let up",
        "no sign of stopping",
        "dont see the point",
        "dont see any point",
        "not see the point",
        "no way out",
        "dont think i can go on",
        "dont think i can carry on",
        "dont wake up",
        "not wake up",
    ])
});

/// Words by which a message denies having any trouble at all ("I don't have any breathing
/// problems"): the embedding model's vote, which cannot read a denial, stays out.
static DENIES_ALL: LazyLock<Cues> = LazyLock::new(|| {
    Cues::new(&[
        "dont have any",
        "do not have any",
        "doesnt have any",
        "does not have any",
        "hasnt got any",
        "havent got any",
        "have not got any",
        "havent had any",
        "have not had any",
        "no problems",
        "not having any",
        "well controlled",
    ])
});

/// The words denying any trouble at all, if the sentence has them.
pub fn denies_all(tokens: &[Token]) -> Option<&'static str> {
    DENIES_ALL.first(tokens)
}

/// The negation that denies the word at `at`, if any. Words inside `covered` (the rule's own
/// matched words) never count as negations.
pub fn negated(tokens: &[Token], at: usize, covered: &[Span]) -> Option<&'static str> {
    let clause = tokens.get(at)?.clause;
    let from = at.saturating_sub(REACH + 2);
    for j in (from..at).rev() {
        if tokens[j].clause != clause {
            break;
        }
        if covered.iter().any(|s| s.contains(j)) || NOT_NEGATIONS.starts_at(tokens, j) {
            continue;
        }
        // "no chest pain or shortness of breath": the denial runs on through an "or" list.
        let reach_from = |end: usize| {
            (end..at)
                .rev()
                .find(|&k| matches!(tokens[k].word.as_str(), "or" | "nor") && k - end < REACH)
                .map_or(end, |k| k + 1)
        };
        if let Some((span, cue)) = NEGATIONS.at(tokens, j)
            && span.end <= at
            && at - reach_from(span.end) < REACH
            && !covered.iter().any(|s| s.overlaps(span))
        {
            return Some(cue);
        }
    }
    None
}
