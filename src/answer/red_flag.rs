//! Red flags: messages that describe an urgent symptom, caught before any search.

use unicode_segmentation::UnicodeSegmentation;

use crate::knowledge::RedFlagRule;
use crate::language::Analyzer;

/// Words that turn a following symptom into its absence ("I don't have a fever").
const NEGATIONS: &[&str] = &[
    "no", "not", "never", "without", "don", "dont", "doesn", "doesnt", "didn", "didnt", "isn",
    "isnt", "aren", "haven", "hasn", "wasn", "nor",
];
/// Words that make a sentence about the writer.
const FIRST_PERSON: &[&str] = &[
    "i", "me", "my", "mine", "myself", "im", "ive", "we", "our", "us",
];
/// Words that open a question.
const QUESTION_OPENERS: &[&str] = &[
    "what", "which", "how", "when", "why", "who", "where", "is", "are", "can", "could", "does",
    "do", "should", "would", "will", "may", "might",
];
/// How many words before a symptom a negation still applies to.
const NEGATION_REACH: usize = 3;

/// The clinic's red-flag rules, stemmed for matching.
#[derive(Debug, Default)]
pub struct RedFlags {
    rules: Vec<Rule>,
}

#[derive(Debug)]
struct Rule {
    name: String,
    /// Each group: phrases, each a sequence of stems.
    groups: Vec<Vec<Vec<String>>>,
}

impl RedFlags {
    pub fn new(rules: &[RedFlagRule], analyzer: &Analyzer) -> Self {
        let rules = rules
            .iter()
            .map(|rule| Rule {
                name: rule.name.clone(),
                groups: rule
                    .when
                    .iter()
                    .map(|group| {
                        group
                            .iter()
                            .map(|phrase| analyzer.stems(phrase))
                            .filter(|p| !p.is_empty())
                            .collect()
                    })
                    .collect(),
            })
            .collect();
        Self { rules }
    }

    /// The name of the first red flag the message raises, if any.
    ///
    /// A rule matches a sentence holding a phrase of each of its groups, none of them negated.
    /// A general question ("is a fever normal?") does not raise a flag; a sentence about the
    /// writer ("I", "my") or a plain statement does.
    pub fn check(&self, message: &str, analyzer: &Analyzer) -> Option<&str> {
        for sentence in message.unicode_sentences() {
            let words = analyzer.words(&sentence.replace(['’', '\''], ""));
            let stems: Vec<String> = words.iter().map(|w| analyzer.stem(w)).collect();
            if stems.is_empty() {
                continue;
            }
            let general_question = is_question(sentence, &words)
                && !words.iter().any(|w| FIRST_PERSON.contains(&w.as_str()));
            if general_question {
                continue;
            }
            if let Some(rule) = self.rules.iter().find(|rule| rule.matches(&stems)) {
                return Some(&rule.name);
            }
        }
        None
    }
}

impl Rule {
    fn matches(&self, stems: &[String]) -> bool {
        let mut spans = Vec::new();
        for group in &self.groups {
            match group.iter().find_map(|phrase| find(stems, phrase)) {
                Some(span) => spans.push(span),
                None => return false,
            }
        }
        let first = spans.iter().map(|s| s.0).min().unwrap_or(0);
        let covered = |i: usize| {
            spans
                .iter()
                .any(|&(start, len)| (start..start + len).contains(&i))
        };
        let negated = (first.saturating_sub(NEGATION_REACH)..first)
            .any(|i| !covered(i) && NEGATIONS.contains(&stems[i].as_str()));
        !negated
    }
}

/// Where `phrase` occurs in `stems`: (start, length).
fn find(stems: &[String], phrase: &[String]) -> Option<(usize, usize)> {
    stems
        .windows(phrase.len())
        .position(|window| window == phrase)
        .map(|start| (start, phrase.len()))
}

fn is_question(sentence: &str, words: &[String]) -> bool {
    sentence.trim_end().ends_with('?')
        || words
            .first()
            .is_some_and(|w| QUESTION_OPENERS.contains(&w.as_str()))
}
