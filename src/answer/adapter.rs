//! A learned linear map on a question's vector that brings patients' wording closer to how
//! guides write it ("the tight socks" towards "compression stockings"), fitted on the read
//! guides' labelled questions by `scripts/fit_adapter.py`: the question `q` becomes `W q`,
//! normalised, and its similarity to each passage is one more feature (`sim_adapted`).
//!
//! The map belongs to one embedding model: the file names the model it was fitted for, and a
//! different model (a clinic's own) gets no map: `sim_adapted` then equals `sim_passage`.

use std::path::{Path, PathBuf};
use std::sync::{Arc, LazyLock};

/// The map fitted for the default model, shipped in the binary.
const SHIPPED: &[u8] = include_bytes!("adapter.bin");

/// [`SHIPPED`], read once: every guide (re)loaded shares it.
static SHIPPED_ADAPTER: LazyLock<Option<Adapter>> = LazyLock::new(|| Adapter::parse(SHIPPED).ok());

/// The first line of an adapter file.
const MAGIC: &str = "guidebot-adapter-v1";

/// What is wrong with an adapter file.
#[derive(Debug, thiserror::Error)]
pub enum AdapterError {
    #[error("cannot read {}: {source}", path.display())]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{}: not an adapter file ({reason})", path.display())]
    Format { path: PathBuf, reason: String },
}

/// A square matrix for the vectors of one model.
#[derive(Debug, Clone)]
pub struct Adapter {
    model_id: String,
    dim: usize,
    /// Row-major, `dim × dim`; shared, so that each guide's copy costs nothing.
    matrix: Arc<[f32]>,
}

impl Adapter {
    /// The shipped map, when it was fitted for this model.
    pub fn shipped_for(model_id: &str) -> Option<Adapter> {
        SHIPPED_ADAPTER
            .as_ref()
            .filter(|adapter| adapter.model_id == model_id)
            .cloned()
    }

    /// Reads an adapter file (`scripts/fit_adapter.py --out`).
    pub fn load(path: &Path) -> Result<Adapter, AdapterError> {
        let bytes = std::fs::read(path).map_err(|source| AdapterError::Read {
            path: path.to_path_buf(),
            source,
        })?;
        Adapter::parse(&bytes).map_err(|reason| AdapterError::Format {
            path: path.to_path_buf(),
            reason,
        })
    }

    /// The format: the magic line, the model id line, the dimension line, then `dim × dim`
    /// little-endian `f32`, row-major.
    fn parse(bytes: &[u8]) -> Result<Adapter, String> {
        let mut lines = bytes.splitn(4, |&b| b == b'\n');
        let mut line = |what: &str| {
            lines
                .next()
                .and_then(|l| std::str::from_utf8(l).ok())
                .map(str::to_string)
                .ok_or_else(|| format!("no {what} line"))
        };
        if line("first")? != MAGIC {
            return Err(format!("the first line is not {MAGIC}"));
        }
        let model_id = line("model")?;
        let dim: usize = line("dimension")?
            .parse()
            .map_err(|_| "the dimension is not a number".to_string())?;
        let data = lines.next().unwrap_or_default();
        if data.len() != dim * dim * 4 {
            return Err(format!(
                "{} bytes of weights, {} expected",
                data.len(),
                dim * dim * 4
            ));
        }
        let matrix = data
            .chunks_exact(4)
            .map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]]))
            .collect();
        Ok(Adapter {
            model_id,
            dim,
            matrix,
        })
    }

    /// The model the map was fitted for.
    pub fn model_id(&self) -> &str {
        &self.model_id
    }

    /// `W q`, normalised; `None` when the vector is of another size.
    pub fn apply(&self, question: &[f32]) -> Option<Vec<f32>> {
        if question.len() != self.dim {
            return None;
        }
        let mut out: Vec<f32> = self
            .matrix
            .chunks_exact(self.dim)
            .map(|row| row.iter().zip(question).map(|(w, q)| w * q).sum())
            .collect();
        let norm = out.iter().map(|x| x * x).sum::<f32>().sqrt();
        if norm > 0.0 {
            out.iter_mut().for_each(|x| *x /= norm);
        }
        Some(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(model: &str, dim: usize, matrix: &[f32]) -> Vec<u8> {
        let mut bytes = format!("{MAGIC}\n{model}\n{dim}\n").into_bytes();
        bytes.extend(matrix.iter().flat_map(|x| x.to_le_bytes()));
        bytes
    }

    #[test]
    fn the_map_is_applied_and_normalised() {
        let adapter = Adapter::parse(&file("m", 2, &[2.0, 0.0, 0.0, 0.0])).unwrap();
        assert_eq!(adapter.apply(&[0.6, 0.8]).unwrap(), vec![1.0, 0.0]);
        assert!(adapter.apply(&[1.0, 0.0, 0.0]).is_none());
    }

    #[test]
    fn a_damaged_file_is_refused_with_the_reason() {
        let mut bytes = file("m", 2, &[1.0, 0.0, 0.0, 1.0]);
        bytes.pop();
        let err = Adapter::parse(&bytes).unwrap_err();
        assert!(err.contains("15 bytes of weights, 16 expected"), "{err}");
        assert!(Adapter::parse(b"hello\n").is_err());
    }

    #[test]
    fn the_shipped_map_is_for_one_model_only() {
        let shipped = Adapter::parse(SHIPPED).unwrap();
        assert_eq!(shipped.dim, 384);
        assert!(Adapter::shipped_for(shipped.model_id()).is_some());
        assert!(Adapter::shipped_for("another-model").is_none());
    }
}
