//! The clinic's rules, compiled: phrases by stem, and an index to find them in one pass.

use std::collections::HashMap;

use super::phrase::{Phrase, Piece, Span};
use super::words::Token;
use crate::knowledge::{RedFlagKind, RedFlagRule};
use crate::language::Analyzer;

/// Which part of a rule a phrase belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Part {
    /// 0: the symptom; 1…: the `with` groups in order.
    Group(usize),
    /// A phrase that does not mean the symptom ("blood thinners").
    Not,
    /// A phrase that explains the symptom away ("anaesthetic").
    Unless,
}

/// One rule, ready to match.
#[derive(Debug, Clone)]
pub struct Rule {
    pub name: String,
    pub kind: RedFlagKind,
    /// Line of the rule in `red-flags.toml` (0 when unknown).
    pub line: usize,
    /// `groups[0]` is the symptom; the others are the `with` groups.
    pub groups: Vec<Vec<Phrase>>,
    pub not: Vec<Phrase>,
    pub unless: Vec<Phrase>,
    /// A stop or a recovery does not set the flag aside.
    pub lasting: bool,
}

impl Rule {
    fn new(rule: &RedFlagRule, analyzer: &Analyzer) -> Rule {
        let phrases = |list: &[String]| -> Vec<Phrase> {
            list.iter()
                .map(|p| Phrase::new(p, analyzer))
                .filter(|p| !p.pieces.is_empty())
                .collect()
        };
        let symptom = if rule.symptom.is_empty() {
            rule.when.first().cloned().unwrap_or_default()
        } else {
            rule.symptom.clone()
        };
        let with: &[Vec<String>] = if rule.symptom.is_empty() && !rule.when.is_empty() {
            &rule.when[1..]
        } else {
            &rule.with
        };
        let mut groups = vec![phrases(&symptom)];
        groups.extend(with.iter().map(|g| phrases(g)));
        Rule {
            name: rule.name.clone(),
            kind: rule.kind,
            line: rule.line,
            groups,
            not: phrases(&rule.not),
            unless: phrases(&rule.unless),
            lasting: rule.lasting,
        }
    }

    fn part(&self, part: Part) -> &[Phrase] {
        match part {
            Part::Group(g) => &self.groups[g],
            Part::Not => &self.not,
            Part::Unless => &self.unless,
        }
    }
}

/// Where one phrase of one rule occurs.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Hit {
    pub rule: usize,
    pub part: Part,
    pub span: Span,
}

/// All rules, with their phrases indexed by first stem.
#[derive(Debug, Clone, Default)]
pub struct Rulebook {
    pub rules: Vec<Rule>,
    /// First stem → (rule, part, phrase index).
    by_stem: HashMap<String, Vec<(usize, Part, usize)>>,
    /// First exact word (`=word`) → (rule, part, phrase index).
    by_word: HashMap<String, Vec<(usize, Part, usize)>>,
    /// Phrases starting with a number or a temperature.
    by_number: Vec<(usize, Part, usize)>,
}

impl Rulebook {
    pub fn new(rules: &[RedFlagRule], analyzer: &Analyzer) -> Rulebook {
        let rules: Vec<Rule> = rules.iter().map(|r| Rule::new(r, analyzer)).collect();
        let mut by_stem: HashMap<String, Vec<(usize, Part, usize)>> = HashMap::new();
        let mut by_number = Vec::new();
        let mut by_word: HashMap<String, Vec<(usize, Part, usize)>> = HashMap::new();
        for (r, rule) in rules.iter().enumerate() {
            let parts = (0..rule.groups.len())
                .map(Part::Group)
                .chain([Part::Not, Part::Unless]);
            for part in parts {
                for (p, phrase) in rule.part(part).iter().enumerate() {
                    match phrase.pieces.first() {
                        Some(Piece::Stem(stem)) => {
                            by_stem.entry(stem.clone()).or_default().push((r, part, p))
                        }
                        Some(Piece::Exact(word)) => {
                            by_word.entry(word.clone()).or_default().push((r, part, p))
                        }
                        Some(_) => by_number.push((r, part, p)),
                        None => {}
                    }
                }
            }
        }
        Rulebook {
            rules,
            by_stem,
            by_word,
            by_number,
        }
    }

    /// Every phrase of every rule found in the sentence.
    pub fn hits(&self, tokens: &[Token]) -> Vec<Hit> {
        let mut hits = Vec::new();
        let mut check = |&(rule, part, phrase): &(usize, Part, usize), at: usize| {
            if let Some(span) = self.rules[rule].part(part)[phrase].matches_at(tokens, at) {
                hits.push(Hit { rule, part, span });
            }
        };
        for (at, token) in tokens.iter().enumerate() {
            if token.number.is_some() {
                for entry in &self.by_number {
                    check(entry, at);
                }
            }
            for entry in self.by_word.get(&token.word).into_iter().flatten() {
                check(entry, at);
            }
            for stem in std::iter::once(&token.stem).chain(token.fixed.as_ref()) {
                for entry in self.by_stem.get(stem).into_iter().flatten() {
                    check(entry, at);
                }
            }
        }
        hits.sort_by_key(|h| (h.rule, h.span.start, h.span.end, h.part));
        hits.dedup();
        hits
    }
}
