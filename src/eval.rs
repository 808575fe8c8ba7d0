//! Measuring answer quality on a question set, against a plain BM25 baseline.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;
use tantivy::TantivyDocument;
use tantivy::collector::TopDocs;
use tantivy::query::QueryParser;
use tantivy::schema::Value;

use crate::answer::{AnswerKind, Librarian};

/// One line of a question set (`{"q": …, "expect": …, "any": […]}`).
#[derive(Debug, Clone, Deserialize)]
pub struct Case {
    pub q: String,
    pub expect: String,
    #[serde(default)]
    pub any: Vec<String>,
}

/// The `expect` value meaning "any reply but the emergency one".
pub const NOT_EMERGENCY: &str = "not_emergency";

/// Whether a passage is one the case accepts as its answer (its text holds one of `any`).
pub fn is_expected_passage(case: &Case, passage_text: &str) -> bool {
    let text = passage_text.to_lowercase();
    case.expect == AnswerKind::Answer.as_str()
        && case
            .any
            .iter()
            .any(|want| text.contains(&want.to_lowercase()))
}

/// Why a question set could not be read.
#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    #[error("cannot read {path}: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error("{path}:{line}: {source}")]
    Parse {
        path: String,
        line: usize,
        source: serde_json::Error,
    },
}

/// What the bot (or the baseline) replied to one case.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub case: Case,
    pub kind: AnswerKind,
    pub quote: Option<String>,
    /// The bot's confidence in its reply (the baseline's is 0).
    pub score: f32,
    pub passed: bool,
    /// Whether a decline offered, as a "did you mean" button, a section holding a passage
    /// the case accepts: the patient is one tap from the answer.
    pub offered: bool,
}

/// Pass counts per expected kind, and the outcomes.
#[derive(Debug, Clone, Default)]
pub struct Report {
    pub outcomes: Vec<Outcome>,
}

impl Report {
    /// (passed, total) per expected kind, sorted by kind.
    pub fn by_kind(&self) -> BTreeMap<&str, (usize, usize)> {
        let mut counts: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
        for outcome in &self.outcomes {
            let entry = counts.entry(outcome.case.expect.as_str()).or_default();
            entry.0 += usize::from(outcome.passed);
            entry.1 += 1;
        }
        counts
    }

    /// Share of all cases passed, 0 to 1.
    pub fn rate(&self) -> f64 {
        if self.outcomes.is_empty() {
            return 0.0;
        }
        self.passed() as f64 / self.outcomes.len() as f64
    }

    pub fn passed(&self) -> usize {
        self.outcomes.iter().filter(|o| o.passed).count()
    }

    pub fn misses(&self) -> impl Iterator<Item = &Outcome> {
        self.outcomes.iter().filter(|o| !o.passed)
    }

    /// Answers given with at least this score: (right, given).
    pub fn confident_answers(&self, score: f32) -> (usize, usize) {
        let given = self
            .outcomes
            .iter()
            .filter(|o| o.kind == AnswerKind::Answer && o.score >= score);
        given.fold((0, 0), |(right, all), o| {
            (right + usize::from(o.passed), all + 1)
        })
    }

    /// Answerable questions the bot declined: (the right section offered as a button,
    /// declined).
    pub fn right_section_offered(&self) -> (usize, usize) {
        let declined = self.outcomes.iter().filter(|o| {
            o.case.expect == AnswerKind::Answer.as_str() && o.kind == AnswerKind::NoAnswer
        });
        declined.fold((0, 0), |(offered, all), o| {
            (offered + usize::from(o.offered), all + 1)
        })
    }

    /// Emergencies that got the emergency reply: (caught, emergencies).
    pub fn emergencies_caught(&self) -> (usize, usize) {
        let emergencies = self
            .outcomes
            .iter()
            .filter(|o| o.case.expect == AnswerKind::Emergency.as_str());
        emergencies.fold((0, 0), |(caught, all), o| {
            (
                caught + usize::from(o.kind == AnswerKind::Emergency),
                all + 1,
            )
        })
    }

    /// Other messages that got the emergency reply: (false alarms, other messages).
    pub fn false_alarms(&self) -> (usize, usize) {
        let others = self
            .outcomes
            .iter()
            .filter(|o| o.case.expect != AnswerKind::Emergency.as_str());
        others.fold((0, 0), |(alarms, all), o| {
            (
                alarms + usize::from(o.kind == AnswerKind::Emergency),
                all + 1,
            )
        })
    }

    /// Adds another report's outcomes (for totals over several sets).
    pub fn extend(&mut self, other: &Report) {
        self.outcomes.extend(other.outcomes.iter().cloned());
    }
}

/// Reads a question set: one JSON object per line; blank lines are skipped.
pub fn load_cases(path: &Path) -> Result<Vec<Case>, EvalError> {
    let name = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|source| EvalError::Read {
        path: name.clone(),
        source,
    })?;
    text.lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(i, line)| {
            serde_json::from_str(line).map_err(|source| EvalError::Parse {
                path: name.clone(),
                line: i + 1,
                source,
            })
        })
        .collect()
}

/// Whether a reply of `kind` with `quote` passes `case`. `not_emergency` accepts any reply
/// but the emergency one.
pub fn passes(case: &Case, kind: AnswerKind, quote: Option<&str>) -> bool {
    if case.expect == NOT_EMERGENCY {
        return kind != AnswerKind::Emergency;
    }
    if kind.as_str() != case.expect {
        return false;
    }
    if kind != AnswerKind::Answer || case.any.is_empty() {
        return true;
    }
    let quote = quote.unwrap_or_default().to_lowercase();
    case.any
        .iter()
        .any(|want| quote.contains(&want.to_lowercase()))
}

/// Runs every case through the librarian.
pub fn evaluate(librarian: &Librarian, cases: &[Case]) -> Report {
    let outcomes = cases
        .iter()
        .map(|case| {
            let answer = librarian.answer(&case.q);
            let passed = passes(case, answer.kind, answer.quote.as_deref());
            let offered = answer.kind == AnswerKind::NoAnswer
                && answer.suggestions.iter().any(|topic| {
                    librarian
                        .section_passages(topic.id)
                        .iter()
                        .any(|text| is_expected_passage(case, text))
                });
            Outcome {
                case: case.clone(),
                kind: answer.kind,
                quote: answer.quote,
                score: answer.score,
                passed,
                offered,
            }
        })
        .collect();
    Report { outcomes }
}

/// Runs every case through plain BM25: tantivy's default query parser over the same index,
/// given the question's words only (its punctuation would be query syntax: a quoted phrase, a
/// "-" excluding a word), the top passage quoted whole, never declining, no red flags or small
/// talk.
pub fn evaluate_baseline(librarian: &Librarian, cases: &[Case]) -> Report {
    {
        let index = librarian.index().tantivy();
        let fields = librarian.index().fields();
        let parser = QueryParser::for_index(index, vec![fields.section, fields.body]);
        let outcomes = cases
            .iter()
            .map(|case| {
                let words: String = case
                    .q
                    .chars()
                    .map(|c| if c.is_alphanumeric() { c } else { ' ' })
                    .collect();
                let (query, _) = parser.parse_query_lenient(&words);
                let quote = index.reader().ok().and_then(|reader| {
                    let searcher = reader.searcher();
                    let (_, address) = searcher
                        .search(&query, &TopDocs::with_limit(1).order_by_score())
                        .ok()?
                        .into_iter()
                        .next()?;
                    let doc: TantivyDocument = searcher.doc(address).ok()?;
                    let id = doc.get_first(fields.passage)?.as_u64()? as usize;
                    Some(librarian.guide().passages.get(id)?.text.clone())
                });
                let kind = AnswerKind::Answer;
                let passed = passes(case, kind, quote.as_deref());
                Outcome {
                    case: case.clone(),
                    kind,
                    quote,
                    score: 0.0,
                    passed,
                    offered: false,
                }
            })
            .collect();
        Report { outcomes }
    }
}

/// One question set and the guide it is asked of.
#[derive(Debug, Clone)]
pub struct Suite {
    /// The set's name: its guide folder's name, or its file's name (with its folder's when the
    /// file was named itself: `blind10/safety`, so that several such sets tell apart).
    pub name: String,
    /// The guide's Markdown file, or `None` for the knowledge folder in use.
    pub guide: Option<std::path::PathBuf>,
    pub cases: Vec<Case>,
}

/// The question sets a path names: a `.jsonl` file (asked of the knowledge in use), or a
/// folder whose `.jsonl` files are asked of the knowledge in use and whose sub-folders (also
/// under `guides/`) holding `guide.md` and `questions.jsonl` are each asked of their own guide.
pub fn suites(path: &Path) -> Result<Vec<Suite>, EvalError> {
    let read_dir = |dir: &Path| -> Result<Vec<std::path::PathBuf>, EvalError> {
        let mut entries: Vec<_> = std::fs::read_dir(dir)
            .map_err(|source| EvalError::Read {
                path: dir.display().to_string(),
                source,
            })?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        entries.sort();
        Ok(entries)
    };
    let name_of = |p: &Path| {
        p.file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default()
    };
    if !path.is_dir() {
        let folder = path.parent().and_then(Path::file_name);
        return Ok(vec![Suite {
            name: match folder {
                Some(folder) => format!("{}/{}", folder.to_string_lossy(), name_of(path)),
                None => name_of(path),
            },
            guide: None,
            cases: load_cases(path)?,
        }]);
    }
    let (guide, questions) = (path.join("guide.md"), path.join("questions.jsonl"));
    if guide.is_file() && questions.is_file() {
        return Ok(vec![Suite {
            name: name_of(path),
            guide: Some(guide),
            cases: load_cases(&questions)?,
        }]);
    }
    let mut found = Vec::new();
    let mut folders = Vec::new();
    for entry in read_dir(path)? {
        if entry.is_dir() {
            folders.push(entry);
        } else if entry.extension().is_some_and(|e| e == "jsonl") {
            found.push(Suite {
                name: name_of(&entry),
                guide: None,
                cases: load_cases(&entry)?,
            });
        }
    }
    for folder in folders {
        found.extend(suites(&folder)?.into_iter().filter(|s| s.guide.is_some()));
    }
    Ok(found)
}

/// One training row for the decision: a candidate passage of a question and whether it is
/// the passage the question expects.
#[derive(Debug, Clone, serde::Serialize)]
pub struct FeatureRow<'a> {
    pub set: &'a str,
    pub q: &'a str,
    pub expect: &'a str,
    pub passage: usize,
    pub section: usize,
    pub label: bool,
    pub unknown_share: f32,
    pub features: std::collections::BTreeMap<&'static str, f32>,
}

/// The candidates of every answer or no-answer case, labelled, for fitting the decision.
pub fn feature_rows<'a>(librarian: &Librarian, suite: &'a Suite) -> Vec<FeatureRow<'a>> {
    use crate::answer::FEATURE_NAMES;
    let wanted = [AnswerKind::Answer.as_str(), AnswerKind::NoAnswer.as_str()];
    suite
        .cases
        .iter()
        .filter(|case| wanted.contains(&case.expect.as_str()))
        .flat_map(|case| {
            let (candidates, unknown_share) = librarian.candidate_features(&case.q);
            candidates
                .into_iter()
                .map(move |(passage, section, features)| FeatureRow {
                    set: &suite.name,
                    q: &case.q,
                    expect: &case.expect,
                    passage,
                    section,
                    label: is_expected_passage(case, &librarian.guide().passage(passage).text),
                    unknown_share,
                    features: FEATURE_NAMES.into_iter().zip(features.values()).collect(),
                })
        })
        .collect()
}
