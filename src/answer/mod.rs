//! From a patient's question to an [`Answer`]: red flags first, then small talk, then the guide.

mod adapter;
mod contact;
mod decision;
mod emergency;
mod features;
mod follow_up;
mod librarian;
mod message;
mod question;
mod quote;
mod semantic;
mod smalltalk;
mod terms;
mod vetting;

use serde::Serialize;

pub use adapter::{Adapter, AdapterError};
pub use decision::{Decision, DecisionError, Mode};
pub use emergency::{
    Assessment, Evidence, Neighbour, NormalStatement, RedFlag, RedFlagKind, RedFlags, SetAside,
    second_opinion,
};
pub use features::{Features, NAMES as FEATURE_NAMES};
pub use librarian::Librarian;
pub use message::Message;
pub use semantic::{CACHE_FILE as EMBEDDING_CACHE_FILE, Semantic, embedded_texts, passage_text};
pub use vetting::{Reload, Start, open_for_serving, reload_guide};

use crate::knowledge::SectionId;

/// What kind of reply a message gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AnswerKind {
    /// A quote from the guide answers the question.
    Answer,
    /// The guide does not cover it (or the message had no question in it).
    NoAnswer,
    /// The message describes an urgent symptom.
    Emergency,
    /// A greeting or thanks.
    Smalltalk,
}

impl AnswerKind {
    pub fn as_str(self) -> &'static str {
        match self {
            AnswerKind::Answer => "answer",
            AnswerKind::NoAnswer => "no_answer",
            AnswerKind::Emergency => "emergency",
            AnswerKind::Smalltalk => "smalltalk",
        }
    }
}

/// A section the reply points at or suggests.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Topic {
    pub id: SectionId,
    /// The section's link-safe name, used in buttons and deep links.
    pub slug: String,
    /// The section's title with its parents' ("Preparation › Bone Marrow Aspiration").
    pub title: String,
    /// The section's own heading ("Bone Marrow Aspiration"), for buttons.
    pub heading: String,
}

/// The bot's decision for one message, with the evidence behind it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Answer {
    pub kind: AnswerKind,
    /// The section the quote comes from.
    pub section: Option<Topic>,
    /// Verbatim guide text: the sentences that carry the answer.
    pub quote: Option<String>,
    /// Confidence from 0 to 1 that the quote answers the question.
    pub score: f32,
    /// Other sections worth offering ("did you mean", "related").
    pub suggestions: Vec<Topic>,
    /// The red flag that made this an emergency.
    pub red_flag: Option<String>,
    /// What kind of message it was, where the kind alone does not say.
    pub note: Option<Note>,
    /// Why the bot decided as it did, for staff.
    pub why: Explanation,
}

/// A finer description of messages that are not questions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Note {
    /// The message had no words (only punctuation, emoji or nothing).
    EmptyMessage,
    Greeting,
    Thanks,
    /// Thoughts of suicide or self-harm: the emergency reply is the calm crisis reply.
    Crisis,
}

/// The reasoning behind an answer, shown to staff by `/why` and `ask --explain`.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Explanation {
    /// `semantic` (embedding model and words) or `words` (words alone).
    pub mode: &'static str,
    /// What the embedding model read (the message with shorthand and typos put right).
    pub read_as: String,
    /// How each meaningful word of the question was understood.
    pub words: Vec<WordNote>,
    /// The best passages found, best first.
    pub candidates: Vec<Candidate>,
    /// One sentence on the decision.
    pub decision: String,
    /// The red flag behind an emergency reply: the rule and the patient's words.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub red_flag: Option<RedFlag>,
    /// Red-flag rules whose words were in the message but were set aside, and why.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub red_flags_set_aside: Vec<SetAside>,
}

/// How one word (or phrase) of the question was understood.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WordNote {
    /// What the patient wrote.
    pub written: String,
    /// Guide words it was searched as.
    pub searched_as: Vec<String>,
    /// "word", "typo of …", "synonym", or "unknown to the guide".
    pub how: String,
    /// Its weight in the confidence.
    pub weight: f32,
}

/// One passage considered for the answer.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Candidate {
    pub passage: usize,
    pub section: String,
    /// tantivy's BM25 score.
    pub bm25: f32,
    /// Share of the question's meaning the passage covers, 0 to 1.
    pub coverage: f32,
    /// The words of the question it matched.
    pub matched: Vec<String>,
    /// Every signal the decision weighed.
    pub features: Features,
    /// The ranking score the features add up to.
    pub score: f32,
    /// Its lead over the best candidate of another section.
    pub margin: f32,
    /// The calibrated probability that this passage answers the question.
    pub probability: f32,
}

impl Answer {
    /// The emergency reply for a red flag: the crisis reply for thoughts of suicide or
    /// self-harm, the emergency number first otherwise.
    pub fn emergency(flag: RedFlag) -> Answer {
        let mut answer = Answer::without_quote(
            AnswerKind::Emergency,
            format!(
                "red flag “{}”: emergency reply before anything else ({})",
                flag.name,
                flag.describe()
            ),
        );
        answer.red_flag = Some(flag.name.clone());
        answer.score = 1.0;
        if flag.kind == RedFlagKind::Crisis || flag.crisis_too.is_some() {
            answer.note = Some(Note::Crisis);
        }
        answer.why.red_flag = Some(flag);
        answer
    }

    fn without_quote(kind: AnswerKind, decision: impl Into<String>) -> Answer {
        Answer {
            kind,
            section: None,
            quote: None,
            score: 0.0,
            suggestions: Vec::new(),
            red_flag: None,
            note: None,
            why: Explanation {
                decision: decision.into(),
                ..Explanation::default()
            },
        }
    }
}

#[cfg(test)]
mod tests;
