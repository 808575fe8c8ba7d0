//! Where the embedding model comes from.
//!
//! [`locate`] looks, in this order, at:
//! 1. `GUIDEBOT_MODEL=DIR`, a local sentence-transformers folder (an error if it is set but
//!    the folder lacks a model file: the user asked for that folder);
//! 2. the folder configured in `guidebot.toml` (`model = "DIR"`), same rule;
//! 3. the Hugging Face cache, as the Python `huggingface_hub` library lays it out and finds it
//!    (`HF_HUB_CACHE`, else `HF_HOME/hub`, else `$XDG_CACHE_HOME/huggingface/hub`, else
//!    `~/.cache/huggingface/hub`): the snapshot of `sentence-transformers/all-MiniLM-L6-v2` at
//!    its `main` revision, so a model downloaded by Python is found too;
//! 4. if allowed, a download of [`MODEL_FILES`] (and `sentence_bert_config.json` when the hub
//!    has it) of that repository with `hf-hub` into that cache, from `HF_ENDPOINT` (default
//!    `https://huggingface.co`), with a progress bar on stderr when stderr is a terminal.
//!
//! [`ModelSources`] holds those settings; [`locate`] reads them from the environment, and
//! [`ModelSources::locate`] lets a caller (or a test) give them explicitly.

use std::path::{Path, PathBuf};

use hf_hub::api::sync::ApiBuilder;
use hf_hub::{Cache, Repo, RepoType};

use super::{EmbedError, MODEL_FILES, SENTENCE_CONFIG_FILE};

/// The environment variable naming a local model folder; it wins over everything else.
pub const MODEL_ENV: &str = "GUIDEBOT_MODEL";

/// The model downloaded when none is given.
pub const DEFAULT_REPO: &str = "sentence-transformers/all-MiniLM-L6-v2";

/// The hub used when `HF_ENDPOINT` is not set.
pub const DEFAULT_ENDPOINT: &str = "https://huggingface.co";

/// Where to look for the model; see the module documentation for the order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModelSources {
    /// `GUIDEBOT_MODEL`, if set and not empty.
    pub env_dir: Option<PathBuf>,
    /// The Hugging Face hub cache (the folder holding `models--...` folders), if one could be
    /// determined.
    pub hub_cache: Option<PathBuf>,
    /// The hub to download from.
    pub endpoint: String,
    /// The repository to find in the cache or download.
    pub repo: String,
    /// Whether to draw a download progress bar on stderr.
    pub progress: bool,
}

impl ModelSources {
    /// The settings from the environment: `GUIDEBOT_MODEL`, `HF_HUB_CACHE` / `HF_HOME` /
    /// `XDG_CACHE_HOME` / `HOME`, `HF_ENDPOINT`; [`DEFAULT_REPO`]; a progress bar if stderr is
    /// a terminal.
    pub fn from_env() -> ModelSources {
        let var = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty());
        let hub_cache = var("HF_HUB_CACHE")
            .map(PathBuf::from)
            .or_else(|| var("HF_HOME").map(|home| PathBuf::from(home).join("hub")))
            .or_else(|| {
                var("XDG_CACHE_HOME")
                    .map(|cache| PathBuf::from(cache).join("huggingface").join("hub"))
            })
            .or_else(|| {
                var("HOME").map(|home| {
                    PathBuf::from(home)
                        .join(".cache")
                        .join("huggingface")
                        .join("hub")
                })
            });
        let endpoint = std::env::var("HF_ENDPOINT")
            .ok()
            .filter(|e| !e.trim().is_empty())
            .map(|e| e.trim().trim_end_matches('/').to_string())
            .unwrap_or_else(|| DEFAULT_ENDPOINT.to_string());
        ModelSources {
            env_dir: var(MODEL_ENV).map(PathBuf::from),
            hub_cache,
            endpoint,
            repo: DEFAULT_REPO.to_string(),
            progress: std::io::IsTerminal::is_terminal(&std::io::stderr()),
        }
    }

    /// The model folder: `env_dir`, then `configured`, then the hub cache, then (if `download`)
    /// a fresh download into the hub cache.
    pub fn locate(&self, configured: Option<&Path>, download: bool) -> Result<PathBuf, EmbedError> {
        if let Some(dir) = &self.env_dir {
            return check_folder(dir, &format!("{MODEL_ENV}={}", dir.display()));
        }
        if let Some(dir) = configured {
            return check_folder(
                dir,
                &format!("model = \"{}\" in guidebot.toml", dir.display()),
            );
        }
        if let Some(dir) = self.cached() {
            return Ok(dir);
        }
        if download {
            return self.download();
        }
        Err(EmbedError::NoModel(format!(
            "no embedding model: set {MODEL_ENV} to a sentence-transformers folder, or let \
             guidebot download {} once (needs internet)",
            self.repo
        )))
    }

    /// The snapshot folder of `repo` at `main` in the hub cache, if it holds every model file.
    pub fn cached(&self) -> Option<PathBuf> {
        let cache = Cache::new(self.hub_cache.clone()?).repo(self.model_repo());
        let mut folder = None;
        for file in MODEL_FILES {
            let path = cache.get(file)?;
            std::fs::metadata(&path).ok().filter(|m| m.is_file())?;
            folder = path.parent().map(Path::to_path_buf);
        }
        folder
    }

    fn model_repo(&self) -> Repo {
        Repo::new(self.repo.clone(), RepoType::Model)
    }

    /// Downloads the model files into the hub cache and returns the snapshot folder.
    fn download(&self) -> Result<PathBuf, EmbedError> {
        let failed = |file: &str, reason: String| EmbedError::Download {
            repo: self.repo.clone(),
            file: file.to_string(),
            endpoint: self.endpoint.clone(),
            reason,
        };
        let Some(hub_cache) = &self.hub_cache else {
            return Err(failed(
                MODEL_FILES[0],
                "no cache folder: set HF_HOME or HOME".to_string(),
            ));
        };
        let api = ApiBuilder::from_cache(Cache::new(hub_cache.clone()))
            .with_endpoint(self.endpoint.clone())
            .with_progress(self.progress)
            .with_retries(2)
            .build()
            .map_err(|e| failed(MODEL_FILES[0], one_line(&e)))?;
        let repo = api.repo(self.model_repo());
        if self.progress {
            eprintln!(
                "Downloading the embedding model {} (about 90 MB, once)...",
                self.repo
            );
        }
        let mut folder = None;
        for file in MODEL_FILES {
            let path = repo
                .download(file)
                .map_err(|e| failed(file, one_line(&e)))?;
            folder = path.parent().map(Path::to_path_buf);
        }
        // Optional: its `max_seq_length` makes long passages match Python exactly.
        let _ = repo.download(SENTENCE_CONFIG_FILE);
        let folder =
            folder.ok_or_else(|| failed(MODEL_FILES[0], "no snapshot folder".to_string()))?;
        check_folder(&folder, "the downloaded model")
    }
}

/// [`ModelSources::locate`] with the settings of [`ModelSources::from_env`].
///
/// `configured` is the `model = "DIR"` setting of `guidebot.toml`; `download` allows fetching
/// `sentence-transformers/all-MiniLM-L6-v2` from the hub when no copy is found (once: it then
/// lives in the Hugging Face cache).
pub fn locate(configured: Option<&Path>, download: bool) -> Result<PathBuf, EmbedError> {
    ModelSources::from_env().locate(configured, download)
}

/// `dir` if it holds every model file; otherwise an error naming what is missing and `what`
/// pointed there.
fn check_folder(dir: &Path, what: &str) -> Result<PathBuf, EmbedError> {
    let missing: Vec<&str> = MODEL_FILES
        .iter()
        .copied()
        .filter(|file| !dir.join(file).is_file())
        .collect();
    if missing.is_empty() {
        Ok(dir.to_path_buf())
    } else {
        Err(EmbedError::NoModel(format!(
            "no embedding model in {} (from {what}): it lacks {}; point it at a \
             sentence-transformers folder (config.json, tokenizer.json, model.safetensors)",
            dir.display(),
            missing.join(", ")
        )))
    }
}

fn one_line(error: &dyn std::fmt::Display) -> String {
    error
        .to_string()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}
