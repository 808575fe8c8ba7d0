//! The calibrated decision: a logistic model turns a candidate's [`Features`] into the
//! probability that the passage answers the question. Its weights are fitted on labelled
//! questions from several guides by `scripts/fit_decision.py` and shipped in `decision.json`.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::features::{Features, NAMES};

/// The weights the binary ships with.
const SHIPPED: &str = include_str!("decision.json");

/// Whether the embedding model is at work, or words alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    Semantic,
    Words,
}

impl Mode {
    pub fn as_str(self) -> &'static str {
        match self {
            Mode::Semantic => "semantic",
            Mode::Words => "words",
        }
    }
}

/// Why a decision file could not be used.
#[derive(Debug, thiserror::Error)]
pub enum DecisionError {
    #[error("cannot read {path}: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error("{path} is not a decision file: {source}")]
    Parse {
        path: String,
        source: serde_json::Error,
    },
    #[error("{path}: the {mode} model has no weight for feature {feature}")]
    Missing {
        path: String,
        mode: &'static str,
        feature: &'static str,
    },
}

#[derive(Debug, Clone, Deserialize)]
struct File {
    semantic: ModelFile,
    words: ModelFile,
    /// Probability from which a quote is given.
    accept: f32,
    /// Probability from which close sections are offered as "did you mean".
    suggest: f32,
}

#[derive(Debug, Clone, Deserialize)]
struct ModelFile {
    /// Weights of the ranking score, by feature name.
    rank: BTreeMap<String, f32>,
    calibration: CalibrationFile,
}

/// The logistic model from a candidate's ranking score, its lead and its features to a probability.
#[derive(Debug, Clone, Deserialize)]
struct CalibrationFile {
    bias: f32,
    /// Weight of the candidate's ranking score.
    score: f32,
    /// Weight of its lead over the best candidate of another section.
    margin: f32,
    /// Weights of the features themselves, by name.
    features: BTreeMap<String, f32>,
}

#[derive(Debug, Clone, Copy)]
struct Calibration {
    bias: f32,
    score: f32,
    margin: f32,
    features: [f32; NAMES.len()],
}

#[derive(Debug, Clone)]
struct Model {
    rank: [f32; NAMES.len()],
    calibration: Calibration,
}

/// The fitted models, one per [`Mode`]: a linear ranking score over the features, and a
/// logistic calibration of that score (and its lead over rival sections) into a probability.
#[derive(Debug, Clone)]
pub struct Decision {
    semantic: Model,
    words: Model,
    pub accept: f32,
    pub suggest: f32,
}

impl Default for Decision {
    fn default() -> Self {
        Decision::parse("decision.json", SHIPPED).expect("the shipped decision.json is valid")
    }
}

impl Decision {
    /// Reads weights from a file written by `scripts/fit_decision.py`.
    pub fn load(path: &Path) -> Result<Decision, DecisionError> {
        let name = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|source| DecisionError::Read {
            path: name.clone(),
            source,
        })?;
        Decision::parse(&name, &text)
    }

    fn parse(name: &str, text: &str) -> Result<Decision, DecisionError> {
        let file: File = serde_json::from_str(text).map_err(|source| DecisionError::Parse {
            path: name.to_string(),
            source,
        })?;
        let weights = |table: &BTreeMap<String, f32>, mode: Mode| {
            let mut weights = [0.0; NAMES.len()];
            for (slot, feature) in weights.iter_mut().zip(NAMES) {
                *slot = *table.get(feature).ok_or_else(|| DecisionError::Missing {
                    path: name.to_string(),
                    mode: mode.as_str(),
                    feature,
                })?;
            }
            Ok::<_, DecisionError>(weights)
        };
        let model = |model: &ModelFile, mode: Mode| -> Result<Model, DecisionError> {
            let c = &model.calibration;
            Ok(Model {
                rank: weights(&model.rank, mode)?,
                calibration: Calibration {
                    bias: c.bias,
                    score: c.score,
                    margin: c.margin,
                    features: weights(&c.features, mode)?,
                },
            })
        };
        Ok(Decision {
            semantic: model(&file.semantic, Mode::Semantic)?,
            words: model(&file.words, Mode::Words)?,
            accept: file.accept,
            suggest: file.suggest,
        })
    }

    fn model(&self, mode: Mode) -> &Model {
        match mode {
            Mode::Semantic => &self.semantic,
            Mode::Words => &self.words,
        }
    }

    /// The ranking score of a candidate: higher is a better answer.
    pub fn score(&self, features: &Features, mode: Mode) -> f32 {
        self.model(mode)
            .rank
            .iter()
            .zip(features.values())
            .map(|(w, x)| w * x)
            .sum()
    }

    /// The probability that a candidate answers the question, from its ranking score, its
    /// lead over the best candidate of another section, and its features.
    pub fn probability(&self, features: &Features, score: f32, margin: f32, mode: Mode) -> f32 {
        let c = self.model(mode).calibration;
        let z = c.bias
            + c.score * score
            + c.margin * margin
            + c.features
                .iter()
                .zip(features.values())
                .map(|(w, x)| w * x)
                .sum::<f32>();
        1.0 / (1.0 + (-z).exp())
    }
}
