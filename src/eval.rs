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
    pub passed: bool,
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

/// Whether a reply of `kind` with `quote` passes `case`.
pub fn passes(case: &Case, kind: AnswerKind, quote: Option<&str>) -> bool {
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
            Outcome {
                case: case.clone(),
                kind: answer.kind,
                quote: answer.quote,
                passed,
            }
        })
        .collect();
    Report { outcomes }
}

/// Runs every case through plain BM25: tantivy's default query parser over the same index,
/// the top passage quoted whole, never declining, no red flags or small talk.
pub fn evaluate_baseline(librarian: &Librarian, cases: &[Case]) -> Report {
    {
        let index = librarian.index().tantivy();
        let fields = librarian.index().fields();
        let parser = QueryParser::for_index(index, vec![fields.section, fields.body]);
        let outcomes = cases
            .iter()
            .map(|case| {
                let (query, _) = parser.parse_query_lenient(&case.q);
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
                    passed,
                }
            })
            .collect();
        Report { outcomes }
    }
}
