//! Symptoms spoken of, not had: "what if I get chest pain", "will I bleed much", "signs of
//! a stroke", "in case", and what nearly happened ("it nearly gave me a heart attack").
//!
//! A cue covers the rest of its clause and the clauses after it until one opens with a new
//! subject ("if I get a fever, should I call? I have chest pain now" ends at "I").

use std::sync::LazyLock;

use super::phrase::{Cues, Span};
use super::words::{NEW_SUBJECTS, Token};

/// Cues of something spoken of, not had; a fear pictured ([`PICTURED`]) is one too.
static HYPOTHETICAL: LazyLock<Cues> = LazyLock::new(|| Cues::new(&[SPOKEN_OF, PICTURED].concat()));

const SPOKEN_OF: &[&str] = &[
    "if",
    "what if",
    "in case",
    "incase",
    "whether",
    "would",
    "could",
    "might",
    "may",
    "will",
    // "I'll" with its apostrophe dropped, before a verb ("ill have a heart attack if …").
    "ill have",
    "ill be",
    "ill get",
    "ill end up",
    "ill probably",
    "in the event",
    "supposing",
    "suppose",
    "imagine",
    "risk of",
    "risks of",
    "chance of",
    "chances of",
    "likelihood of",
    "likely to",
    "signs of",
    "sign of",
    "symptoms of",
    "symptom of",
    "warning signs",
    "look out for",
    "watch out for",
    "watch for",
    "look for",
    "recognise",
    "recognize",
    "tell if",
    "know if",
    "how to tell",
    "prevent",
    "avoid",
    "reduce the risk",
    "next time",
    "in future",
    "in the future",
    "worried about getting",
    "scared of getting",
    "afraid of getting",
    "worried i will",
    // "I'll" with its apostrophe dropped after a worry: "worried ill choke on my spit".
    "worried ill",
    "scared ill",
    "afraid ill",
    "terrified ill",
    "nervous ill",
    "worried that ill",
    "scared that ill",
    "scared i will",
    "afraid i will",
    "worried i might",
    "scared i might",
    "worried that i will",
    "worried it will",
    "worried he will",
    "worried she will",
    "information about",
    "info on",
    "leaflet",
    // The clinic's papers and pages, quoted: "your page says FAST for stroke", "does
    // 'difficulty breathing' on the allergy action plan mean…".
    "booklet",
    "handout",
    "pamphlet",
    "factsheet",
    "fact sheet",
    "information sheet",
    "info sheet",
    "action plan",
    // The clinic's papers named by what they are for: "the discharge sheet says go to A&E
    // for heavy bleeding, chest pain".
    "discharge sheet",
    "discharge letter",
    "discharge summary",
    "discharge papers",
    "discharge leaflet",
    "discharge instructions",
    "discharge advice",
    "aftercare sheet",
    "aftercare instructions",
    "aftercare advice",
    "advice sheet",
    "instruction sheet",
    "instructions sheet",
    // Signs asked about as a list: "which of these counts as an emergency: chest pain, …".
    "which of these",
    "which of the following",
    "counts as an emergency",
    "count as an emergency",
    "count as emergencies",
    "counts as urgent",
    "classed as an emergency",
    "your page",
    "the page",
    "this page",
    "your website",
    "the website",
    "prone to",
];

/// Cues that look hypothetical but describe what is happening.
static NOT_HYPOTHETICAL: LazyLock<Cues> = LazyLock::new(|| {
    Cues::new(&[
        "as if",
        "even if",
        "will not",
        "would not",
        "could not",
        "wouldnt",
        "will still",
        "could hardly",
        "could barely",
        "could feel",
        "could see",
        "could hear",
        "might be having",
        "may be having",
        "could be having",
        "if that makes sense",
        "if possible",
        "if so",
        "if anyone",
        "if you can",
        "if someone can",
        "if anyone can",
    ])
});

static COUNTERFACTUAL: LazyLock<Cues> =
    LazyLock::new(|| Cues::new(&["nearly", "almost", "practically", "virtually"]));

/// How many words after "nearly" it still reaches.
const COUNTERFACTUAL_REACH: usize = 4;

/// The cue that makes the word at `at` hypothetical or general, if any.
pub fn hypothetical(tokens: &[Token], at: usize, covered: &[Span]) -> Option<&'static str> {
    let mut j = 0;
    while j < at {
        if NOT_HYPOTHETICAL.starts_at(tokens, j) {
            j += 1;
            continue;
        }
        if let Some((span, cue)) = HYPOTHETICAL.at(tokens, j)
            && (!cue.starts_with("ill ") || is_ill_for_i_will(tokens, j))
            && !(cue.starts_with("watch") && is_a_thing(tokens, j))
            && span.end <= at
            && !covered.iter().any(|s| s.overlaps(span))
            && reaches(tokens, span.end, at)
        {
            return Some(cue);
        }
        j += 1;
    }
    None
}

/// Words before "watch" that make it a thing worn, not a verb: "heart at 190 on my watch for
/// over an hour".
const OWNERS: &[&str] = &[
    "my", "his", "her", "their", "your", "the", "a", "smart", "apple", "fitness", "sports",
];

/// Whether the word at `j` is a noun after an owner or an article ("my watch").
fn is_a_thing(tokens: &[Token], j: usize) -> bool {
    j.checked_sub(1)
        .is_some_and(|k| OWNERS.contains(&tokens[k].word.as_str()))
}

/// Words before "ill" that make it the adjective ("im really ill, have chest pain").
const BEING_ILL: &[&str] = &[
    "im",
    "am",
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "being",
    "feel",
    "feels",
    "feeling",
    "felt",
    "look",
    "looks",
    "looking",
    "got",
    "get",
    "getting",
    "really",
    "very",
    "so",
    "quite",
    "too",
    "pretty",
    "seriously",
    "bit",
    "more",
    "as",
    "fallen",
    "fell",
];

/// Whether "ill" at `j` is "I'll" without its apostrophe: not the adjective, and its verb in
/// the same clause.
fn is_ill_for_i_will(tokens: &[Token], j: usize) -> bool {
    let same_clause = tokens
        .get(j + 1)
        .is_some_and(|next| next.clause == tokens[j].clause);
    let after_being = j
        .checked_sub(1)
        .is_some_and(|k| BEING_ILL.contains(&tokens[k].word.as_str()));
    same_clause && !after_being
}

/// Whether a cue ending at `from` covers the word at `at`.
fn reaches(tokens: &[Token], from: usize, at: usize) -> bool {
    let mut clause = tokens[from.saturating_sub(1)].clause;
    for (k, token) in tokens.iter().enumerate().take(at + 1).skip(from) {
        if token.clause != clause {
            if NEW_SUBJECTS.contains(&token.word.as_str()) || token.word == "but" {
                return false;
            }
            clause = token.clause;
            // "if I got chest pain and now I've got crushing chest pain", "… and I've got it
            // now": after "and", a time that is now ends what "if" spoke of. ("if I get chest
            // pain and I can't breathe" runs on: both are spoken of.)
            // ("but" has already ended it, above.)
            if matches!(token.word.as_str(), "and" | "so" | "plus") {
                let words = || {
                    tokens[k + 1..]
                        .iter()
                        .take_while(|t| t.clause == clause)
                        .map(|t| t.word.as_str())
                };
                let now_first = words()
                    .next()
                    .is_some_and(|w| matches!(w, "now" | "suddenly" | "today" | "tonight"));
                let subject_now = words().next().is_some_and(|w| NEW_SUBJECTS.contains(&w))
                    && words().any(|w| matches!(w, "now" | "currently" | "atm" | "already"));
                if now_first || subject_now {
                    return false;
                }
            }
        }
    }
    true
}

/// Whether a cue pictures a fear ("imagining", "scared I won't"): thoughts of dying pictured
/// are no less a crisis.
pub fn is_pictured(cue: &str) -> bool {
    PICTURED.contains(&cue)
}

/// Cues of a fear pictured, for [`is_pictured`].
const PICTURED: &[&str] = &[
    "imagining",
    "picturing",
    "dreading",
    "scared i wont",
    "afraid i wont",
    "worried i wont",
    "terrified i wont",
    "frightened i wont",
    "scared he wont",
    "scared she wont",
    "worried he wont",
    "worried she wont",
];

/// Whether a cue is a modal verb ("will", "would", …) rather than "if", "in case" and the like.
pub fn is_modal(cue: &str) -> bool {
    matches!(cue, "will" | "would" | "could" | "might" | "may") || cue.starts_with("ill ")
}

/// Doubt about going ahead with an act of one's own: "don't know if I'll go through with
/// it", "not sure whether I can do it". For a crisis the "if" is the writer wavering on the
/// brink, not a symptom spoken of: the words after it are no less a warning sign.
pub fn wavers(tokens: &[Token]) -> bool {
    let word = |k: usize| tokens.get(k).map_or("", |t| t.word.as_str());
    (0..tokens.len()).any(|j| {
        // "dont know if", "not sure if", "unsure whether", "dunno if".
        let k = match (word(j), word(j + 1)) {
            ("dont" | "not", "know" | "sure") => j + 2,
            ("dunno" | "unsure", _) => j + 1,
            _ => return false,
        };
        if !matches!(word(k), "if" | "whether") {
            return false;
        }
        // The writer's own act: "if I'll", "if I can", "whether I will".
        match word(k + 1) {
            "ill" | "id" => true,
            "i" => matches!(word(k + 2), "will" | "can" | "could" | "would" | "should"),
            _ => false,
        }
    })
}

/// "nearly", "almost" just before the word at `at` ("it nearly gave me a heart attack"), or
/// further back when it governs a "gave" ("nearly gave the whole street a heart attack"). Not
/// when it measures an amount: "nearly 2 hours of chest pain", "almost a day of bleeding" are
/// amounts of a real symptom.
pub fn counterfactual(tokens: &[Token], at: usize) -> Option<&'static str> {
    let clause = tokens.get(at)?.clause;
    (at.saturating_sub(GAVE_REACH)..at)
        .filter(|&j| tokens[j].clause == clause)
        .find_map(|j| {
            let (span, cue) = COUNTERFACTUAL.at(tokens, j)?;
            let next = tokens.get(span.end)?;
            let reach = if GAVE.contains(&next.word.as_str()) {
                GAVE_REACH
            } else {
                COUNTERFACTUAL_REACH
            };
            (at - j <= reach && !measures_an_amount(&tokens[span.end..at])).then_some(cue)
        })
}

/// How many words after "nearly gave" it still reaches ("… gave the whole street a heart …").
const GAVE_REACH: usize = 7;
const GAVE: &[&str] = &["gave", "give", "given", "giving", "gives"];
/// Words that, after "nearly", count an amount ("nearly an hour", "almost half the night").
const AMOUNT: &[&str] = &[
    "a", "an", "half", "all", "every", "the", "whole", "two", "three",
];
const TIME_UNITS: &[&str] = &[
    "minute",
    "minutes",
    "min",
    "mins",
    "hour",
    "hours",
    "hr",
    "hrs",
    "day",
    "days",
    "night",
    "nights",
    "week",
    "weeks",
    "month",
    "months",
    "morning",
    "evening",
    "afternoon",
    "pint",
    "pints",
    "litre",
    "litres",
    "cup",
    "cups",
    "pad",
    "pads",
];

/// Whether the words after "nearly" measure an amount: a number, or an amount word followed
/// soon by a unit of time or volume.
fn measures_an_amount(after: &[Token]) -> bool {
    let Some(first) = after.first() else {
        return false;
    };
    first.number.is_some()
        || (AMOUNT.contains(&first.word.as_str())
            && after
                .iter()
                .take(3)
                .any(|t| TIME_UNITS.contains(&t.word.as_str())))
}

/// Words saying what will set someone off: "when I tell him", "when she sees the bill".
const NEWS: &[&str] = &[
    "tell", "tells", "told", "see", "sees", "find", "finds", "hear", "hears", "learn", "learns",
    "show", "read", "reads", "open", "opens", "get", "gets", "realise", "realises", "realize",
    "realizes", "asks", "ask",
];

/// Words putting the event ahead: "gonna", "going to", "will".
const AHEAD: &[&str] = &[
    "gonna", "will", "going", "shall", "ill", "hell", "shell", "youll", "theyll", "itll",
];

/// How many words after "when" or "if" the news may come.
const NEWS_REACH: usize = 4;

/// A seizure of the heart or head foretold as someone's reaction to news ("my boss is gonna
/// have a heart attack when I tell him", "mum will have a stroke if she sees the bill"): an
/// idiom for shock, not an event. The cue, if the symptom `span` is put ahead in its clause
/// and followed there by "when"/"if"/"once" and a verb of learning the news.
pub fn a_reaction_foretold(tokens: &[Token], span: Span) -> Option<&'static str> {
    let clause = tokens.get(span.start)?.clause;
    let ahead = (0..span.start)
        .rev()
        .take_while(|&j| tokens[j].clause == clause)
        .any(|j| AHEAD.contains(&tokens[j].word.as_str()));
    if !ahead {
        return None;
    }
    let when = (span.end..tokens.len().min(span.end + 2))
        .find(|&j| matches!(tokens[j].word.as_str(), "when" | "if" | "once"))?;
    (when + 1..tokens.len().min(when + 1 + NEWS_REACH))
        .any(|j| NEWS.contains(&tokens[j].word.as_str()))
        .then_some("when … tells/sees")
}
