//! Sentence embeddings computed in-process: a BERT sentence-transformers model (by default
//! `sentence-transformers/all-MiniLM-L6-v2`) run on the CPU with candle.
//!
//! [`Embedder::load`] reads a sentence-transformers folder (`config.json`, `tokenizer.json`,
//! `model.safetensors`, and `sentence_bert_config.json` when present); [`Embedder::embed`] turns
//! any text into one L2-normalised vector, the same vector the Python `sentence-transformers`
//! library computes: the tokens are truncated at the model's `max_seq_length`, never padded
//! (the packaged `tokenizer.json` pads every input to 128 tokens, which the loader turns off),
//! and the token vectors are mean-pooled over real tokens only (attention mask), then normalised.
//! So [`cosine`] of two vectors is their dot product.
//!
//! [`source::locate`] finds (or downloads once) the model folder; [`cache::VectorCache`] keeps
//! vectors on disk so that re-indexing a guide only embeds the passages that changed.
//!
//! Threads: candle runs matrix products on rayon's global pool and element-wise kernels on its
//! own pool; both are sized by `RAYON_NUM_THREADS` (`CANDLE_NUM_THREADS` overrides the latter),
//! by default the number of physical cores.

pub mod bert;
pub mod cache;
pub mod source;

#[cfg(test)]
mod tests;

use std::io;
use std::path::{Path, PathBuf};

use bert::{BertModel, Config};
use candle_core::{DType, Device, Tensor};
use candle_nn::VarBuilder;
use sha2::{Digest, Sha256};
use tokenizers::{Tokenizer, TruncationParams};

pub use cache::VectorCache;
pub use source::locate;

/// The files [`Embedder::load`] needs in a model folder.
pub const MODEL_FILES: [&str; 3] = ["config.json", "tokenizer.json", "model.safetensors"];

/// Read when present: sentence-transformers' settings, among them `max_seq_length`.
pub const SENTENCE_CONFIG_FILE: &str = "sentence_bert_config.json";

/// At most this many texts go through the model together in [`Embedder::embed_batch`].
const BATCH_TEXTS: usize = 32;
/// ... and at most this many (padded) token positions per batch, to bound memory.
const BATCH_TOKENS: usize = 4096;

/// What can go wrong finding, loading or running the model, or keeping its vectors.
/// Every message is one line that says what to do.
#[derive(Debug, thiserror::Error)]
pub enum EmbedError {
    /// No model folder was found and none could be downloaded.
    #[error("{0}")]
    NoModel(String),
    /// A file of the model (or the vector cache) could not be read or written.
    #[error("cannot {action} {}: {source}", path.display())]
    Io {
        /// "read", "write", ...
        action: &'static str,
        /// The file concerned.
        path: PathBuf,
        /// The underlying error.
        source: io::Error,
    },
    /// A model file is there but is not what a sentence-transformers BERT folder holds.
    #[error(
        "{} is not a usable sentence-transformers model file ({reason}): point GUIDEBOT_MODEL \
         at a folder with config.json, tokenizer.json and model.safetensors",
        path.display()
    )]
    BadModel {
        /// The file concerned.
        path: PathBuf,
        /// What is wrong with it.
        reason: String,
    },
    /// The tokenizer refused a text (should not happen for any UTF-8 text).
    #[error("cannot tokenize the text: {0}")]
    Tokenize(String),
    /// The tensor code failed while running the model.
    #[error("the embedding model failed: {0}")]
    Model(#[from] candle_core::Error),
    /// Downloading the model from the Hugging Face hub failed.
    #[error(
        "could not download {file} of {repo} from {endpoint} ({reason}): check the internet \
         connection (or HF_ENDPOINT), or set GUIDEBOT_MODEL to a local sentence-transformers folder"
    )]
    Download {
        /// The repository, e.g. `sentence-transformers/all-MiniLM-L6-v2`.
        repo: String,
        /// The file that failed.
        file: String,
        /// The hub's address.
        endpoint: String,
        /// What went wrong.
        reason: String,
    },
}

/// A sentence-embedding model loaded in memory (CPU, f32). Cheap to share: `&Embedder` is
/// `Send + Sync` and every method takes `&self`.
pub struct Embedder {
    model: BertModel,
    tokenizer: Tokenizer,
    device: Device,
    dimension: usize,
    max_tokens: usize,
    pad_id: u32,
    model_id: String,
    dir: PathBuf,
}

impl std::fmt::Debug for Embedder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Embedder")
            .field("dir", &self.dir)
            .field("model_id", &self.model_id)
            .field("dimension", &self.dimension)
            .field("max_tokens", &self.max_tokens)
            .finish_non_exhaustive()
    }
}

/// One tokenized text: ids and type ids without padding.
struct Encoded {
    ids: Vec<u32>,
    type_ids: Vec<u32>,
}

impl Embedder {
    /// Loads the model in `dir`, a sentence-transformers folder holding `config.json`,
    /// `tokenizer.json` and `model.safetensors` (f32 or f16 weights; computed in f32).
    ///
    /// The maximum input length is `max_seq_length` from `sentence_bert_config.json` when the
    /// folder has it (256 for all-MiniLM-L6-v2, as in Python), otherwise the truncation length
    /// of `tokenizer.json`, otherwise the model's `max_position_embeddings`; never more than
    /// the latter. Longer texts are cut, as sentence-transformers does.
    pub fn load(dir: &Path) -> Result<Embedder, EmbedError> {
        let config_path = dir.join("config.json");
        let tokenizer_path = dir.join("tokenizer.json");
        let weights_path = dir.join("model.safetensors");

        let config_bytes = read(&config_path)?;
        let config: Config =
            serde_json::from_slice(&config_bytes).map_err(|e| bad(&config_path, e))?;
        if config.hidden_size == 0 || config.max_position_embeddings < 2 {
            return Err(bad(
                &config_path,
                "hidden_size or max_position_embeddings is too small",
            ));
        }

        let tokenizer_bytes = read(&tokenizer_path)?;
        let mut tokenizer =
            Tokenizer::from_bytes(&tokenizer_bytes).map_err(|e| bad(&tokenizer_path, e))?;
        let tokenizer_max = tokenizer.get_truncation().map(|t| t.max_length);
        let sentence_max = read_max_seq_length(&dir.join(SENTENCE_CONFIG_FILE));
        let max_tokens = sentence_max
            .or(tokenizer_max)
            .unwrap_or(config.max_position_embeddings)
            .clamp(2, config.max_position_embeddings);
        let pad_id = tokenizer
            .get_padding()
            .map(|p| p.pad_id)
            .or_else(|| tokenizer.token_to_id("[PAD]"))
            .unwrap_or(config.pad_token_id as u32);
        tokenizer.with_padding(None);
        tokenizer
            .with_truncation(Some(TruncationParams {
                max_length: max_tokens,
                ..Default::default()
            }))
            .map_err(|e| bad(&tokenizer_path, e))?;

        let weights = read(&weights_path)?;
        let device = Device::Cpu;
        let model = {
            let vb = VarBuilder::from_slice_safetensors(&weights, DType::F32, &device)
                .map_err(|e| bad(&weights_path, e))?;
            BertModel::load(vb, &config).map_err(|e| bad(&weights_path, e))?
        };

        let model_id = model_identity(&config_bytes, &tokenizer_bytes, &weights, max_tokens);
        Ok(Embedder {
            model,
            tokenizer,
            device,
            dimension: config.hidden_size,
            max_tokens,
            pad_id,
            model_id,
            dir: dir.to_path_buf(),
        })
    }

    /// The vector of one text: `dimension()` floats, L2-normalised. Any text works: an empty
    /// one, emoji, control characters, or a very long one (cut at the model's maximum length).
    pub fn embed(&self, text: &str) -> Result<Vec<f32>, EmbedError> {
        let mut vectors = self.embed_batch(&[text])?;
        vectors
            .pop()
            .ok_or_else(|| EmbedError::Tokenize("the model returned no vector".into()))
    }

    /// The vectors of many texts, in input order, each the same (to float rounding) as
    /// [`Embedder::embed`] of that text. Texts are sorted by length and run in batches padded
    /// to their longest text, with an attention mask, so little work goes to padding.
    pub fn embed_batch(&self, texts: &[&str]) -> Result<Vec<Vec<f32>>, EmbedError> {
        let encoded = texts
            .iter()
            .map(|text| self.encode(text))
            .collect::<Result<Vec<_>, _>>()?;
        let mut order: Vec<usize> = (0..encoded.len()).collect();
        order.sort_by_key(|&i| encoded[i].ids.len());

        let mut out: Vec<Vec<f32>> = vec![Vec::new(); encoded.len()];
        let mut start = 0;
        while start < order.len() {
            // Sorted by length, so the batch's last text is its longest.
            let mut end = start + 1;
            while end < order.len()
                && end - start < BATCH_TEXTS
                && (end - start + 1) * encoded[order[end]].ids.len() <= BATCH_TOKENS
            {
                end += 1;
            }
            let batch: Vec<&Encoded> = order[start..end].iter().map(|&i| &encoded[i]).collect();
            for (slot, vector) in order[start..end].iter().zip(self.run(&batch)?) {
                out[*slot] = vector;
            }
            start = end;
        }
        Ok(out)
    }

    /// The length of every vector (384 for all-MiniLM-L6-v2).
    pub fn dimension(&self) -> usize {
        self.dimension
    }

    /// The longest input in tokens (special tokens included); longer texts are cut.
    pub fn max_tokens(&self) -> usize {
        self.max_tokens
    }

    /// The folder the model was loaded from.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// A stable identity of the model, for cache keys: `st-` and 32 hex digits of a SHA-256
    /// over `config.json`, `tokenizer.json`, the maximum input length, and the weights file's
    /// size, first and last 64 KiB. The same files give the same id wherever they are (a
    /// pip-installed folder or the Hugging Face cache); any other model or weights file gives
    /// another id, without hashing all the weights at every start.
    pub fn model_id(&self) -> &str {
        &self.model_id
    }

    fn encode(&self, text: &str) -> Result<Encoded, EmbedError> {
        let encoding = self
            .tokenizer
            .encode(text, true)
            .map_err(|e| EmbedError::Tokenize(e.to_string()))?;
        let mut ids = encoding.get_ids().to_vec();
        let mut type_ids = encoding.get_type_ids().to_vec();
        // Truncation already holds this; a guard so that no input can exceed the positions.
        ids.truncate(self.max_tokens);
        type_ids.truncate(self.max_tokens);
        if ids.is_empty() {
            // A tokenizer without special tokens and an empty text: one pad token, so the
            // model has something to pool (the result is a valid, meaningless vector).
            ids.push(self.pad_id);
            type_ids.push(0);
        }
        Ok(Encoded { ids, type_ids })
    }

    /// Runs one batch through the model: right-padded to its longest text, mean-pooled over the
    /// attention mask, L2-normalised.
    fn run(&self, batch: &[&Encoded]) -> Result<Vec<Vec<f32>>, EmbedError> {
        let rows = batch.len();
        let width = batch.iter().map(|e| e.ids.len()).max().unwrap_or(1);
        let mut ids = Vec::with_capacity(rows * width);
        let mut type_ids = Vec::with_capacity(rows * width);
        let mut mask = Vec::with_capacity(rows * width);
        for encoded in batch {
            let pad = width - encoded.ids.len();
            ids.extend_from_slice(&encoded.ids);
            ids.extend(std::iter::repeat_n(self.pad_id, pad));
            type_ids.extend_from_slice(&encoded.type_ids);
            type_ids.extend(std::iter::repeat_n(0, pad));
            mask.extend(std::iter::repeat_n(1u32, encoded.ids.len()));
            mask.extend(std::iter::repeat_n(0u32, pad));
        }
        let ids = Tensor::from_vec(ids, (rows, width), &self.device)?;
        let type_ids = Tensor::from_vec(type_ids, (rows, width), &self.device)?;
        let mask = Tensor::from_vec(mask, (rows, width), &self.device)?;

        let hidden = self.model.forward(&ids, &type_ids, &mask)?; // (rows, width, dim)
        let mask = mask.to_dtype(DType::F32)?.unsqueeze(2)?; // (rows, width, 1)
        let summed = hidden.broadcast_mul(&mask)?.sum(1)?; // (rows, dim)
        let counts = mask.sum(1)?.clamp(1e-9f32, f32::MAX)?; // (rows, 1)
        let mean = summed.broadcast_div(&counts)?;
        let norms = mean
            .sqr()?
            .sum_keepdim(1)?
            .sqrt()?
            .clamp(1e-12f32, f32::MAX)?;
        let normalised = mean.broadcast_div(&norms)?;
        Ok(normalised.to_vec2::<f32>()?)
    }
}

/// The cosine similarity of two vectors from [`Embedder`]: since they are normalised, their
/// dot product. Vectors of different lengths compare over the shorter one.
pub fn cosine(a: &[f32], b: &[f32]) -> f32 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

fn read(path: &Path) -> Result<Vec<u8>, EmbedError> {
    std::fs::read(path).map_err(|source| EmbedError::Io {
        action: "read",
        path: path.to_path_buf(),
        source,
    })
}

fn bad(path: &Path, reason: impl std::fmt::Display) -> EmbedError {
    EmbedError::BadModel {
        path: path.to_path_buf(),
        reason: reason.to_string(),
    }
}

/// `max_seq_length` of a `sentence_bert_config.json`, if the file is there and says so.
fn read_max_seq_length(path: &Path) -> Option<usize> {
    let text = std::fs::read(path).ok()?;
    let value: serde_json::Value = serde_json::from_slice(&text).ok()?;
    let max = value.get("max_seq_length")?.as_u64()?;
    usize::try_from(max).ok().filter(|&m| m > 0)
}

/// See [`Embedder::model_id`].
fn model_identity(config: &[u8], tokenizer: &[u8], weights: &[u8], max_tokens: usize) -> String {
    const SAMPLE: usize = 64 * 1024;
    let mut hasher = Sha256::new();
    hasher.update(b"guidebot-embedder-v1\0");
    for part in [config, tokenizer] {
        hasher.update((part.len() as u64).to_le_bytes());
        hasher.update(part);
    }
    hasher.update((max_tokens as u64).to_le_bytes());
    hasher.update((weights.len() as u64).to_le_bytes());
    hasher.update(&weights[..weights.len().min(SAMPLE)]);
    hasher.update(&weights[weights.len().saturating_sub(SAMPLE)..]);
    let digest = hasher.finalize();
    let hex: String = digest[..16].iter().map(|b| format!("{b:02x}")).collect();
    format!("st-{hex}")
}
