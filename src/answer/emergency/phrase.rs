//! Phrases of `red-flags.toml` and the context cues, and where they occur in a sentence.

use super::words::{Token, sentences};
use crate::knowledge::temperature_from;
use crate::language::Analyzer;

/// A run of words (`start..end`, token indices) in a sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn overlaps(self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    pub fn contains(self, i: usize) -> bool {
        (self.start..self.end).contains(&i)
    }
}

/// One word of a phrase.
#[derive(Debug, Clone, PartialEq)]
pub enum Piece {
    /// A word, by its stem: any ending matches.
    Stem(String),
    /// `=word`: only this exact word ("=legs" but not "leg").
    Exact(String),
    /// `#`: any number.
    Number,
    /// `#10+`: a number of at least this much.
    AtLeast(f64),
    /// `#40-`: a number under this much.
    Below(f64),
    /// `#5+g`: a number of at least this much written with this unit ("8g").
    AtLeastIn(f64, String),
    /// `<38°C or more>`: a body temperature from this many °C (or the same in °F).
    Temperature(f64),
}

/// A phrase as the clinic wrote it, ready to match.
#[derive(Debug, Clone, PartialEq)]
pub struct Phrase {
    pub text: String,
    pub pieces: Vec<Piece>,
}

/// The number of a bound written `#120+` or `#40-` (`sign` is `+` or `-`).
fn bound(chunk: &str, sign: char) -> Option<f64> {
    chunk
        .strip_prefix('#')?
        .strip_suffix(sign)?
        .parse::<f64>()
        .ok()
}

/// The number and unit of a bound written `#5+g` (a number of at least 5 written "5g").
fn bound_in_unit(chunk: &str) -> Option<(f64, String)> {
    let (number, unit) = chunk.strip_prefix('#')?.split_once('+')?;
    if unit.is_empty() || !unit.chars().all(|c| c.is_ascii_lowercase()) {
        return None;
    }
    Some((number.parse::<f64>().ok()?, unit.to_string()))
}

/// Words after a number that show it is not a temperature.
const NOT_DEGREES: &[&str] = &[
    "week", "weeks", "wk", "wks", "day", "days", "hour", "hours", "hr", "hrs", "minute", "minutes",
    "min", "mins", "year", "years", "yr", "yrs", "yo", "month", "months", "kg", "kgs", "lb", "lbs",
    "mg", "ml", "pad", "pads", "times", "cm", "mm", "percent", "bpm", "am", "pm",
];

impl Phrase {
    pub fn new(text: &str, analyzer: &Analyzer) -> Phrase {
        let mut pieces = Vec::new();
        if let Some(celsius) = temperature_from(text) {
            pieces.push(Piece::Temperature(celsius));
        } else {
            for chunk in text.split_whitespace() {
                if chunk == "#" {
                    pieces.push(Piece::Number);
                    continue;
                }
                if let Some(least) = bound(chunk, '+') {
                    pieces.push(Piece::AtLeast(least));
                    continue;
                }
                if let Some((least, unit)) = bound_in_unit(chunk) {
                    pieces.push(Piece::AtLeastIn(least, unit));
                    continue;
                }
                if let Some(below) = bound(chunk, '-') {
                    pieces.push(Piece::Below(below));
                    continue;
                }
                let (exact, chunk) = match chunk.strip_prefix('=') {
                    Some(rest) => (true, rest),
                    None => (false, chunk),
                };
                for sentence in sentences(chunk, analyzer) {
                    pieces.extend(sentence.tokens.into_iter().map(|t| {
                        if exact {
                            Piece::Exact(t.word)
                        } else {
                            Piece::Stem(t.stem)
                        }
                    }));
                }
            }
        }
        Phrase {
            text: text.to_string(),
            pieces,
        }
    }

    /// Whether the phrase is written at `at`, all in one clause.
    pub fn matches_at(&self, tokens: &[Token], at: usize) -> Option<Span> {
        if self.pieces.is_empty() || at + self.pieces.len() > tokens.len() {
            return None;
        }
        let clause = tokens[at].clause;
        for (k, piece) in self.pieces.iter().enumerate() {
            let token = &tokens[at + k];
            let ok = token.clause == clause
                && match piece {
                    Piece::Stem(stem) => token.is(stem),
                    Piece::Exact(word) => token.word == *word,
                    Piece::Number => token.number.is_some(),
                    Piece::AtLeast(least) => token.number.is_some_and(|n| n >= *least),
                    Piece::Below(below) => token.number.is_some_and(|n| n < *below),
                    Piece::AtLeastIn(least, unit) => {
                        token.number.is_some_and(|n| n >= *least) && token.unit == *unit
                    }
                    Piece::Temperature(celsius) => is_temperature(tokens, at + k, *celsius),
                };
            if !ok {
                return None;
            }
        }
        Some(Span {
            start: at,
            end: at + self.pieces.len(),
        })
    }
}

/// Whether the number at `at` reads as a body temperature of at least `celsius`.
fn is_temperature(tokens: &[Token], at: usize, celsius: f64) -> bool {
    let token = &tokens[at];
    let Some(value) = token.number else {
        return false;
    };
    let unit = token.unit.as_str();
    // The word after the number gives its unit only in the same clause, and "hr" before a
    // number is a heart rate, not hours: "39.8, HR 130, BP 82/50".
    let next = tokens
        .get(at + 1)
        .filter(|t| t.clause == token.clause)
        .filter(|t| {
            !(matches!(t.word.as_str(), "hr" | "hrs")
                && tokens.get(at + 2).is_some_and(|n| n.number.is_some()))
        })
        .map(|t| t.word.as_str())
        .unwrap_or("");
    if !matches!(unit, "" | "c" | "f" | "oc" | "of" | "deg" | "degrees")
        || NOT_DEGREES.contains(&next)
    {
        return false;
    }
    let fahrenheit = celsius * 9.0 / 5.0 + 32.0;
    let as_celsius = unit != "f" && next != "f" && (celsius..=45.0).contains(&value);
    let as_fahrenheit = unit != "c" && next != "c" && (fahrenheit - 0.05..=113.0).contains(&value);
    as_celsius || as_fahrenheit
}

/// Whether the sentence gives a body temperature under 38 °C ("temp is 37.4", "36.8"): a
/// reading the patient may ask about, not a fever.
pub fn normal_temperature(tokens: &[Token]) -> bool {
    (0..tokens.len()).any(|at| {
        let named = tokens[at.saturating_sub(4)..at].iter().any(|t| {
            matches!(
                t.word.as_str(),
                "temp" | "temps" | "temperature" | "temperatures" | "thermometer" | "reading"
            )
        }) || matches!(tokens[at].unit.as_str(), "c" | "f" | "oc" | "of");
        named && is_temperature(tokens, at, 35.0) && !is_temperature(tokens, at, 38.0)
    })
}

/// Fixed context phrases (negation, "if", "years ago"…) matched on the words as written.
#[derive(Debug, Clone)]
pub struct Cues {
    phrases: Vec<(Vec<String>, &'static str)>,
    /// Words that may stand between a cue's words without breaking it ("coughed it straight
    /// out", "been totally fine since").
    fillers: &'static [&'static str],
    /// First word → indices into `phrases`; `#` (a number) first under "#".
    by_first: std::collections::HashMap<String, Vec<usize>>,
}

impl Cues {
    /// `#` in a cue stands for any number.
    pub fn new(list: &[&'static str]) -> Cues {
        let phrases: Vec<(Vec<String>, &'static str)> = list
            .iter()
            .map(|&cue| (cue.split_whitespace().map(str::to_string).collect(), cue))
            .filter(|(words, _): &(Vec<String>, _)| !words.is_empty())
            .collect();
        let mut by_first: std::collections::HashMap<String, Vec<usize>> = Default::default();
        for (i, (words, _)) in phrases.iter().enumerate() {
            by_first.entry(words[0].clone()).or_default().push(i);
        }
        Cues {
            phrases,
            by_first,
            fillers: &[],
        }
    }

    /// [`Cues::new`], letting any of `fillers` stand between a cue's words.
    pub fn with_fillers(list: &[&'static str], fillers: &'static [&'static str]) -> Cues {
        Cues {
            fillers,
            ..Cues::new(list)
        }
    }

    /// The cue written at `at`, the longest if several.
    pub fn at(&self, tokens: &[Token], at: usize) -> Option<(Span, &'static str)> {
        let token = tokens.get(at)?;
        let numbered = token
            .number
            .is_some()
            .then(|| self.by_first.get("#"))
            .flatten();
        let mut best: Option<(Span, &'static str)> = None;
        for &i in self
            .by_first
            .get(&token.word)
            .into_iter()
            .chain(numbered)
            .flatten()
        {
            let (words, cue) = &self.phrases[i];
            let Some(end) = self.matches(words, tokens, at) else {
                continue;
            };
            if best.is_none_or(|(s, _)| s.end - s.start < end - at) {
                best = Some((Span { start: at, end }, cue));
            }
        }
        best
    }

    /// Where the cue `words` written at `at` ends, if it is: each word in turn, fillers
    /// skipped between them.
    fn matches(&self, words: &[String], tokens: &[Token], at: usize) -> Option<usize> {
        let mut j = at;
        for (k, w) in words.iter().enumerate() {
            if k > 0 {
                while tokens
                    .get(j)
                    .is_some_and(|t| t.word != *w && self.fillers.contains(&t.word.as_str()))
                {
                    j += 1;
                }
            }
            let token = tokens.get(j)?;
            let hit = if w == "#" {
                token.number.is_some()
            } else {
                token.word == *w
            };
            if !hit {
                return None;
            }
            j += 1;
        }
        Some(j)
    }

    /// Every cue in `tokens[from..to]`, left to right, longest first where they overlap.
    pub fn all(&self, tokens: &[Token], from: usize, to: usize) -> Vec<(Span, &'static str)> {
        let mut out = Vec::new();
        let mut i = from;
        while i < to.min(tokens.len()) {
            match self.at(tokens, i) {
                Some((span, cue)) if span.end <= to => {
                    out.push((span, cue));
                    i = span.end;
                }
                _ => i += 1,
            }
        }
        out
    }

    /// The first cue anywhere in `tokens`, if any.
    pub fn first(&self, tokens: &[Token]) -> Option<&'static str> {
        (0..tokens.len()).find_map(|at| self.at(tokens, at).map(|(_, cue)| cue))
    }

    /// Whether `word` alone is one of the cues.
    pub fn by_word(&self, word: &str) -> bool {
        self.by_first
            .get(word)
            .is_some_and(|list| list.iter().any(|&i| self.phrases[i].0.len() == 1))
    }

    /// Whether any cue starts at `at`.
    pub fn starts_at(&self, tokens: &[Token], at: usize) -> bool {
        self.at(tokens, at).is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentence(text: &str) -> Vec<Token> {
        sentences(text, &Analyzer::default()).remove(0).tokens
    }

    #[test]
    fn phrases_match_any_ending_within_a_clause() {
        let analyzer = Analyzer::default();
        let phrase = Phrase::new("won't stop bleeding", &analyzer);
        let tokens = sentence("it wont stop bleeds");
        assert_eq!(
            phrase.matches_at(&tokens, 1),
            Some(Span { start: 1, end: 4 })
        );
        let tokens = sentence("it wont stop, bleeding");
        assert_eq!(phrase.matches_at(&tokens, 1), None);
    }

    #[test]
    fn fillers_may_stand_inside_a_cue() {
        let cues = Cues::with_fillers(
            &["coughed it out", "been fine since"],
            &["straight", "totally"],
        );
        let first = |text: &str| cues.first(&sentence(text));
        assert_eq!(first("he coughed it straight out"), Some("coughed it out"));
        assert_eq!(
            first("she's been totally fine since"),
            Some("been fine since")
        );
        assert_eq!(first("coughed it out"), Some("coughed it out"));
        assert_eq!(first("coughed it up and out"), None);
        // Without fillers, the words must be together.
        let plain = Cues::new(&["coughed it out"]);
        assert_eq!(plain.first(&sentence("he coughed it straight out")), None);
    }

    #[test]
    fn temperatures_in_celsius_or_fahrenheit_but_not_weeks() {
        let analyzer = Analyzer::default();
        let phrase = Phrase::new("<38°C or more>", &analyzer);
        let hit = |text: &str| {
            let tokens = sentence(text);
            (0..tokens.len()).any(|i| phrase.matches_at(&tokens, i).is_some())
        };
        assert!(hit("temp is 38.6"));
        assert!(hit("it says 101.3F"));
        assert!(hit("39 degrees"));
        assert!(!hit("37.9"));
        assert!(!hit("38 weeks pregnant"));
        assert!(!hit("100 times"));
        assert!(!hit("99.1 f"));
    }
}
