//! Vectors kept on disk, so that re-indexing a guide embeds only the texts that changed.
//!
//! A [`VectorCache`] maps (model id, SHA-256 of the text) to the text's vector. It is stored in
//! one file (for example `index/embeddings.bin`) for one model, in this little-endian layout:
//!
//! | bytes | content |
//! |---|---|
//! | 8 | magic `GBEMBED1` (the `1` is the format version) |
//! | 4 | `u32` length `m` of the model id, at most 1024 |
//! | `m` | the model id ([`Embedder::model_id`](super::Embedder::model_id)), UTF-8 |
//! | 4 | `u32` dimension `d`, 1 to 65 536 |
//! | 8 | `u64` number of entries `n` |
//! | `n × (32 + 4d)` | per entry: the SHA-256 of the text (32 bytes), then `d` `f32` |
//! | 32 | SHA-256 of every byte above |
//!
//! 50,000 passages of all-MiniLM-L6-v2 (384-d) take about 78 MB. A file that is missing,
//! truncated, damaged (checksum), of another version, or for another model reads as an empty
//! cache: never an error, never a panic. Saving writes a temporary file beside the cache and
//! renames it over the old one, so a crash leaves the old file or the new one, never half.
//!
//! Saving keeps only the entries that [`VectorCache::embed_all`] used since the cache was
//! opened or last saved (all entries if it was not called), so the file follows the guide
//! instead of growing with every edit.

use std::collections::{HashMap, HashSet};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use super::{EmbedError, Embedder};

const MAGIC: &[u8; 8] = b"GBEMBED1";
const MAX_MODEL_ID: usize = 1024;
const MAX_DIMENSION: usize = 65_536;

pub(super) type TextHash = [u8; 32];

/// Vectors by (model id, text hash), loaded from and saved to one file. See the module
/// documentation for the file format.
#[derive(Debug)]
pub struct VectorCache {
    path: PathBuf,
    model_id: String,
    dimension: usize,
    entries: HashMap<TextHash, Vec<f32>>,
    used: HashSet<TextHash>,
    used_any: bool,
    last_computed: usize,
}

impl VectorCache {
    /// The cache stored at `path`; empty if the file is missing or unreadable in any way.
    pub fn open(path: &Path) -> VectorCache {
        let (model_id, dimension, entries) = std::fs::read(path)
            .ok()
            .and_then(|bytes| decode(&bytes))
            .unwrap_or_default();
        VectorCache {
            path: path.to_path_buf(),
            model_id,
            dimension,
            entries,
            used: HashSet::new(),
            used_any: false,
            last_computed: 0,
        }
    }

    /// The vectors of `texts`, in order: from the cache when it has them for this embedder's
    /// model, otherwise computed (in batches, each distinct text once) and added. Does not
    /// save: call [`VectorCache::save`] afterwards.
    pub fn embed_all(
        &mut self,
        embedder: &Embedder,
        texts: &[&str],
    ) -> Result<Vec<Vec<f32>>, EmbedError> {
        if self.model_id != embedder.model_id() || self.dimension != embedder.dimension() {
            self.model_id = embedder.model_id().to_string();
            self.dimension = embedder.dimension();
            self.entries.clear();
            self.used.clear();
        }
        let hashes: Vec<TextHash> = texts.iter().map(|text| text_hash(text)).collect();
        let mut missing: Vec<&str> = Vec::new();
        let mut missing_hashes: Vec<TextHash> = Vec::new();
        let mut queued = HashSet::new();
        for (text, hash) in texts.iter().zip(&hashes) {
            if !self.entries.contains_key(hash) && queued.insert(*hash) {
                missing.push(text);
                missing_hashes.push(*hash);
            }
        }
        let computed = embedder.embed_batch(&missing)?;
        self.last_computed = computed.len();
        for (hash, vector) in missing_hashes.into_iter().zip(computed) {
            self.entries.insert(hash, vector);
        }
        self.used_any = true;
        self.used.extend(hashes.iter().copied());
        Ok(hashes
            .iter()
            .map(|hash| self.entries.get(hash).cloned().unwrap_or_default())
            .collect())
    }

    /// Keeps `vector` as the vector of `text` under `model_id` (a cache for another model or
    /// dimension is emptied first), as if the model had computed it. For benchmarks that need
    /// a large guide's vectors without spending an hour computing them.
    pub fn insert(&mut self, model_id: &str, text: &str, vector: Vec<f32>) {
        if self.model_id != model_id || self.dimension != vector.len() {
            self.model_id = model_id.to_string();
            self.dimension = vector.len();
            self.entries.clear();
            self.used.clear();
        }
        let hash = text_hash(text);
        self.entries.insert(hash, vector);
        self.used.insert(hash);
        self.used_any = true;
    }

    /// Adds the vectors of another cache file's contents (vectors shipped with the program)
    /// that this cache lacks, when they are for `model_id`; a cache for another model is
    /// emptied first, as [`VectorCache::embed_all`] would. Returns how many were added; bytes
    /// that are no cache file, or for another model, add none.
    pub fn seed(&mut self, bytes: &[u8], model_id: &str) -> usize {
        let Some((seed_model, dimension, entries)) = decode(bytes) else {
            return 0;
        };
        if seed_model != model_id {
            return 0;
        }
        if self.model_id != model_id || self.dimension != dimension {
            self.model_id = model_id.to_string();
            self.dimension = dimension;
            self.entries.clear();
            self.used.clear();
        }
        let mut added = 0;
        for (hash, vector) in entries {
            if let std::collections::hash_map::Entry::Vacant(slot) = self.entries.entry(hash) {
                slot.insert(vector);
                added += 1;
            }
        }
        added
    }

    /// Whether the cache holds a vector under `model_id` for every one of `texts`.
    pub fn holds_all(&self, model_id: &str, texts: &[&str]) -> bool {
        self.model_id == model_id
            && texts
                .iter()
                .all(|text| self.entries.contains_key(&text_hash(text)))
    }

    /// How many texts the last [`VectorCache::embed_all`] had to compute (the others came from
    /// the cache).
    pub fn last_computed(&self) -> usize {
        self.last_computed
    }

    /// How many vectors the cache holds.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether the cache holds no vector.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The model the cached vectors belong to (empty for a new cache).
    pub fn model_id(&self) -> &str {
        &self.model_id
    }

    /// The file the cache is loaded from and saved to.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Writes the cache to its file atomically (temporary file, then rename), creating the
    /// folder if needed. Keeps only the entries used since the cache was opened or last saved
    /// (see the module documentation), then starts a new round of use.
    pub fn save(&mut self) -> Result<(), EmbedError> {
        if self.used_any {
            let used = std::mem::take(&mut self.used);
            self.entries.retain(|hash, _| used.contains(hash));
            self.used_any = false;
        }
        let bytes = encode(&self.model_id, self.dimension, &self.entries);
        write_atomic(&self.path, &bytes).map_err(|source| EmbedError::Io {
            action: "write",
            path: self.path.clone(),
            source,
        })
    }
}

fn text_hash(text: &str) -> TextHash {
    Sha256::digest(text.as_bytes()).into()
}

pub(super) fn encode(
    model_id: &str,
    dimension: usize,
    entries: &HashMap<TextHash, Vec<f32>>,
) -> Vec<u8> {
    let id = &model_id.as_bytes()[..model_id.len().min(MAX_MODEL_ID)];
    let mut keys: Vec<&TextHash> = entries.keys().collect();
    keys.sort(); // the same cache gives the same bytes
    let mut out =
        Vec::with_capacity(8 + 4 + id.len() + 4 + 8 + keys.len() * (32 + 4 * dimension) + 32);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&(id.len() as u32).to_le_bytes());
    out.extend_from_slice(id);
    out.extend_from_slice(&(dimension as u32).to_le_bytes());
    let valid: Vec<&TextHash> = keys
        .into_iter()
        .filter(|k| entries[*k].len() == dimension)
        .collect();
    out.extend_from_slice(&(valid.len() as u64).to_le_bytes());
    for key in valid {
        out.extend_from_slice(key);
        for x in &entries[key] {
            out.extend_from_slice(&x.to_le_bytes());
        }
    }
    let checksum = Sha256::digest(&out);
    out.extend_from_slice(&checksum);
    out
}

/// The contents of a cache file, or `None` if it is not one, in any way.
pub(super) fn decode(bytes: &[u8]) -> Option<(String, usize, HashMap<TextHash, Vec<f32>>)> {
    let (body, checksum) = bytes.split_at_checked(bytes.len().checked_sub(32)?)?;
    if Sha256::digest(body).as_slice() != checksum {
        return None;
    }
    let mut reader = Reader { rest: body };
    if reader.take(8)? != MAGIC {
        return None;
    }
    let id_len = reader.u32()? as usize;
    if id_len > MAX_MODEL_ID {
        return None;
    }
    let model_id = std::str::from_utf8(reader.take(id_len)?).ok()?.to_string();
    let dimension = reader.u32()? as usize;
    if dimension == 0 || dimension > MAX_DIMENSION {
        return None;
    }
    let count = usize::try_from(reader.u64()?).ok()?;
    let entry_len = 32 + 4 * dimension;
    if count.checked_mul(entry_len)? != reader.rest.len() {
        return None;
    }
    let mut entries = HashMap::with_capacity(count);
    for _ in 0..count {
        let key: TextHash = reader.take(32)?.try_into().ok()?;
        let vector = reader
            .take(4 * dimension)?
            .chunks_exact(4)
            .map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]]))
            .collect();
        entries.insert(key, vector);
    }
    Some((model_id, dimension, entries))
}

struct Reader<'a> {
    rest: &'a [u8],
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let (head, rest) = self.rest.split_at_checked(n)?;
        self.rest = rest;
        Some(head)
    }

    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }

    fn u64(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.take(8)?.try_into().ok()?))
    }
}

/// Writes `bytes` to a temporary file beside `path`, flushes it to disk, and renames it over
/// `path`.
fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&dir)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut file = std::fs::File::create(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        drop(file);
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}
