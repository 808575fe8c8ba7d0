//! What the clinic's own guide calls normal ("It is normal for your saliva to be slightly pink
//! for up to 24 hours"): a patient describing such a symptom mildly ("a bit", "slightly") is
//! answered from the guide, not sent to the emergency department.
//!
//! A sentence of the guide states something normal when it says "normal", "common",
//! "expected", "usual(ly)"… or sits in a section such as "What to expect", and gives no
//! warning ("call", "urgent", "serious", "risk", "if you"…).

use std::path::PathBuf;
use std::sync::LazyLock;

use unicode_segmentation::UnicodeSegmentation;

use super::phrase::Cues;
use super::words::{Token, clause_span};
use crate::knowledge::Guide;
use crate::language::Analyzer;

/// One sentence of the guide that calls something normal.
#[derive(Debug, Clone, PartialEq)]
pub struct NormalStatement {
    /// The Markdown file, relative to the knowledge folder.
    pub file: PathBuf,
    /// 1-based line of the passage it is in.
    pub line: usize,
    pub text: String,
    /// Stems of its words.
    pub stems: Vec<String>,
}

const NORMAL: &[&str] = &[
    "normal",
    "common",
    "commonly",
    "expected",
    "expect",
    "usual",
    "usually",
    "typical",
    "typically",
    "harmless",
    "nothing to worry",
    "not unusual",
    "not uncommon",
    "natural",
];
const NORMAL_TITLES: &[&str] = &[
    "what to expect",
    "what is normal",
    "what's normal",
    "side effects",
];
/// Sections whose sentences are warnings, whatever words they use.
const WARNING_TITLES: &[&str] = &[
    "risk",
    "complication",
    "when to call",
    "when to contact",
    "urgent",
    "emergency",
    "warning",
    "problems",
];
const WARNING: &[&str] = &[
    "risk",
    "risks",
    "serious",
    "seriously",
    "urgent",
    "urgently",
    "call",
    "contact",
    "straight away",
    "emergency",
    "immediately",
    "911",
    "999",
    "112",
    "111",
    "a&e",
    "ambulance",
    "worse",
    "if you",
    "infection",
    "rare",
    "rarely",
    "danger",
    "dangerous",
    "warning",
    "not normal",
    "unusual",
    "abnormal",
    "seek",
    "doctor",
    "does not stop",
    "doesn't stop",
];

/// Every sentence of the guide that calls something normal.
pub fn normal_statements(guide: &Guide, analyzer: &Analyzer) -> Vec<NormalStatement> {
    let mut out = Vec::new();
    for passage in &guide.passages {
        let section = guide.section(passage.section);
        let title = section.title.to_lowercase();
        let normal_section = NORMAL_TITLES.iter().any(|t| title.contains(t));
        let warning_section = WARNING_TITLES.iter().any(|t| title.contains(t));
        for sentence in passage.text.unicode_sentences() {
            let lower = format!(" {} ", sentence.to_lowercase().replace(['’', '\''], "'"));
            let says = |list: &[&str]| {
                list.iter().any(|cue| {
                    let cue = cue.replace(['’', '\''], "'");
                    lower.contains(&format!(" {cue} "))
                        || lower.contains(&format!(" {cue},"))
                        || lower.contains(&format!(" {cue}."))
                })
            };
            if (normal_section || says(NORMAL)) && !says(WARNING) && !warning_section {
                out.push(NormalStatement {
                    file: section.file.clone(),
                    line: passage.line,
                    text: sentence.trim().to_string(),
                    stems: analyzer.stems(sentence),
                });
            }
        }
    }
    out
}

/// Words that describe a symptom as mild.
static MILD: LazyLock<Cues> = LazyLock::new(|| {
    Cues::new(&[
        "a bit",
        "bit of",
        "a little",
        "little bit",
        "a tiny bit",
        "slightly",
        "slight",
        "tiny",
        "small amount",
        "mild",
        "mildly",
        "some",
        "minor",
        "spotting",
        "light",
        "a few",
        "trace",
        "touch of",
        "little",
        "bit",
        "faintly",
        "abit",
    ])
});

/// The word calling the symptom at `at` mild, in its clause.
pub fn mild(tokens: &[Token], at: usize) -> Option<&'static str> {
    let (from, to) = clause_span(tokens, at)?;
    MILD.all(tokens, from, to).first().map(|&(_, cue)| cue)
}
