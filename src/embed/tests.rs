//! Tests of the parts that need no model: the cache file format, cosine, and the order in
//! which [`source::ModelSources::locate`] looks for a model. The model itself is tested in
//! `tests/embedding.rs` (and the download in `tests/embedding_download.rs`).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::cache::{TextHash, decode, encode};
use super::source::{DEFAULT_REPO, ModelSources};
use super::*;

fn entries(n: usize, dimension: usize) -> HashMap<TextHash, Vec<f32>> {
    (0..n)
        .map(|i| {
            let mut key = [0u8; 32];
            key[0] = i as u8;
            key[31] = 0xAB;
            let vector = (0..dimension)
                .map(|j| (i * 1000 + j) as f32 * 0.5 - 3.0)
                .collect();
            (key, vector)
        })
        .collect()
}

#[test]
fn cache_file_round_trips() {
    let original = entries(5, 7);
    let bytes = encode("st-0123", 7, &original);
    assert_eq!(bytes.len(), 8 + 4 + 7 + 4 + 8 + 5 * (32 + 4 * 7) + 32);
    let (model_id, dimension, decoded) = decode(&bytes).expect("a valid file");
    assert_eq!(model_id, "st-0123");
    assert_eq!(dimension, 7);
    assert_eq!(decoded, original);
    // The same cache always gives the same bytes.
    assert_eq!(encode("st-0123", 7, &decoded), bytes);
}

#[test]
fn an_empty_cache_round_trips() {
    let bytes = encode("", 384, &HashMap::new());
    let (model_id, dimension, decoded) = decode(&bytes).expect("a valid file");
    assert_eq!((model_id.as_str(), dimension, decoded.len()), ("", 384, 0));
}

#[test]
fn every_truncation_and_bit_flip_reads_as_not_a_cache() {
    let bytes = encode("st-abc", 3, &entries(3, 3));
    for len in 0..bytes.len() {
        assert!(decode(&bytes[..len]).is_none(), "truncated at {len}");
    }
    for i in 0..bytes.len() {
        let mut damaged = bytes.clone();
        damaged[i] ^= 0x10;
        assert!(decode(&damaged).is_none(), "byte {i} flipped");
    }
    let mut longer = bytes.clone();
    longer.push(0);
    assert!(decode(&longer).is_none());
}

#[test]
fn damaged_files_open_as_an_empty_cache() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("embeddings.bin");
    assert!(VectorCache::open(&path).is_empty(), "missing file");
    for junk in [&b""[..], b"GBEMBED1", b"not a cache at all", &[0xFF; 100]] {
        std::fs::write(&path, junk).unwrap();
        assert!(VectorCache::open(&path).is_empty());
    }
    std::fs::write(&path, encode("st-abc", 3, &entries(4, 3))).unwrap();
    let cache = VectorCache::open(&path);
    assert_eq!((cache.len(), cache.model_id()), (4, "st-abc"));
}

#[test]
fn save_writes_atomically_and_creates_the_folder() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("index").join("embeddings.bin");
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, encode("st-abc", 3, &entries(2, 3))).unwrap();
    let mut cache = VectorCache::open(&path);
    // Never used: saving keeps everything.
    cache.save().unwrap();
    assert_eq!(VectorCache::open(&path).len(), 2);
    let names: Vec<_> = std::fs::read_dir(path.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(
        names,
        vec![std::ffi::OsString::from("embeddings.bin")],
        "no temporary file left"
    );

    let nested = dir.path().join("a").join("b").join("vectors.bin");
    let mut fresh = VectorCache::open(&nested);
    fresh.save().unwrap();
    assert!(nested.is_file());
}

#[test]
fn cosine_is_the_dot_product() {
    assert_eq!(cosine(&[1.0, 0.0], &[0.0, 1.0]), 0.0);
    assert!((cosine(&[0.6, 0.8], &[0.6, 0.8]) - 1.0).abs() < 1e-6);
    assert_eq!(cosine(&[], &[]), 0.0);
}

fn fake_model(dir: &Path) {
    std::fs::create_dir_all(dir).unwrap();
    for file in MODEL_FILES {
        std::fs::write(dir.join(file), b"{}").unwrap();
    }
}

fn sources(env_dir: Option<PathBuf>, hub_cache: Option<PathBuf>) -> ModelSources {
    ModelSources {
        env_dir,
        hub_cache,
        // Nothing listens there: a download attempt fails at once.
        endpoint: "http://127.0.0.1:9".to_string(),
        repo: DEFAULT_REPO.to_string(),
        progress: false,
    }
}

/// Lays out a Hugging Face cache snapshot of the default repository, as hf-hub does.
fn fake_hub_snapshot(hub: &Path) -> PathBuf {
    let repo = hub.join("models--sentence-transformers--all-MiniLM-L6-v2");
    std::fs::create_dir_all(repo.join("refs")).unwrap();
    std::fs::write(repo.join("refs").join("main"), "abc123").unwrap();
    let snapshot = repo.join("snapshots").join("abc123");
    fake_model(&snapshot);
    snapshot
}

#[test]
fn locate_prefers_the_environment_then_the_configuration_then_the_cache() {
    let dir = tempfile::tempdir().unwrap();
    let env_model = dir.path().join("env-model");
    let configured = dir.path().join("configured");
    let hub = dir.path().join("hub");
    fake_model(&env_model);
    fake_model(&configured);
    let snapshot = fake_hub_snapshot(&hub);

    let all = sources(Some(env_model.clone()), Some(hub.clone()));
    assert_eq!(all.locate(Some(&configured), false).unwrap(), env_model);
    let no_env = sources(None, Some(hub.clone()));
    assert_eq!(no_env.locate(Some(&configured), false).unwrap(), configured);
    assert_eq!(no_env.locate(None, false).unwrap(), snapshot);
    assert_eq!(
        no_env.locate(None, true).unwrap(),
        snapshot,
        "no download when cached"
    );
}

#[test]
fn a_named_folder_without_a_model_is_an_error_that_names_it() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty");
    std::fs::create_dir_all(&empty).unwrap();
    let hub = dir.path().join("hub");
    fake_hub_snapshot(&hub);

    let error = sources(Some(empty.clone()), Some(hub.clone()))
        .locate(None, true)
        .unwrap_err()
        .to_string();
    assert!(
        error.contains("GUIDEBOT_MODEL=") && error.contains("model.safetensors"),
        "{error}"
    );
    assert!(!error.contains('\n'), "one line: {error}");

    let error = sources(None, Some(hub))
        .locate(Some(&empty), true)
        .unwrap_err()
        .to_string();
    assert!(
        error.contains("guidebot.toml") && error.contains("empty"),
        "{error}"
    );
}

#[test]
fn no_model_and_no_download_says_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    let error = sources(None, Some(dir.path().join("hub")))
        .locate(None, false)
        .unwrap_err()
        .to_string();
    assert_eq!(
        error,
        "no embedding model: set GUIDEBOT_MODEL to a sentence-transformers folder, or let \
         guidebot download sentence-transformers/all-MiniLM-L6-v2 once (needs internet)"
    );
}

#[test]
fn a_failed_download_says_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    let error = sources(None, Some(dir.path().join("hub")))
        .locate(None, true)
        .unwrap_err()
        .to_string();
    assert!(error.starts_with("could not download config.json of sentence-transformers/all-MiniLM-L6-v2 from http://127.0.0.1:9"), "{error}");
    assert!(
        error.contains("GUIDEBOT_MODEL") && !error.contains('\n'),
        "{error}"
    );
}

#[test]
fn an_incomplete_cache_snapshot_is_not_a_model() {
    let dir = tempfile::tempdir().unwrap();
    let hub = dir.path().join("hub");
    let snapshot = fake_hub_snapshot(&hub);
    std::fs::remove_file(snapshot.join("model.safetensors")).unwrap();
    assert_eq!(sources(None, Some(hub)).cached(), None);
}

#[test]
fn embedder_is_shareable_between_threads() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Embedder>();
    assert_send_sync::<VectorCache>();
}

/// A BERT of two small layers with random weights, loaded twice from one set of variables:
/// for inference and differentiable.
fn tiny_berts() -> (bert::BertModel, bert::BertModel, candle_nn::VarMap) {
    use candle_core::{DType, Device};
    use candle_nn::{VarBuilder, VarMap};
    let config: bert::Config = serde_json::from_value(serde_json::json!({
        "vocab_size": 50, "hidden_size": 16, "num_hidden_layers": 2, "num_attention_heads": 4,
        "intermediate_size": 32, "hidden_act": "gelu", "max_position_embeddings": 32,
        "type_vocab_size": 2, "layer_norm_eps": 1e-12
    }))
    .unwrap();
    let vars = VarMap::new();
    let vb = VarBuilder::from_varmap(&vars, DType::F32, &Device::Cpu);
    let plain = bert::BertModel::load(vb.clone(), &config).unwrap();
    let differentiable = bert::BertModel::load_differentiable(vb, &config).unwrap();
    (plain, differentiable, vars)
}

/// The largest difference between two tensors' elements.
fn largest_gap(a: &candle_core::Tensor, b: &candle_core::Tensor) -> f32 {
    (a - b)
        .and_then(|d| d.abs())
        .and_then(|d| d.max_all())
        .and_then(|d| d.to_scalar())
        .unwrap()
}

#[test]
fn the_differentiable_model_computes_the_same_vectors_and_passes_gradients_to_its_top_layer() {
    use candle_core::{Device, Tensor};
    let (plain, differentiable, vars) = tiny_berts();
    let ids = Tensor::new(&[[3u32, 7, 11, 0]], &Device::Cpu).unwrap();
    let types = ids.zeros_like().unwrap();
    let mask = Tensor::new(&[[1u32, 1, 1, 0]], &Device::Cpu).unwrap();
    let a = plain.forward(&ids, &types, &mask).unwrap();
    let b = differentiable.forward(&ids, &types, &mask).unwrap();
    let gap = largest_gap(&a, &b);
    assert!(gap < 1e-4, "the two paths differ by {gap}");

    // The top layer run alone on the first layer's output, as fine-tuning does.
    let bias = bert::attention_bias(&mask).unwrap();
    let hidden = differentiable.embed_tokens(&ids, &types).unwrap();
    let lower = differentiable.forward_layers(hidden, &bias, 0..1).unwrap();
    let top = differentiable.forward_layers(lower, &bias, 1..2).unwrap();
    let same = largest_gap(&top, &b);
    assert!(same < 1e-5);

    let grads = b.sum_all().unwrap().sqr().unwrap().backward().unwrap();
    let data = vars.data().lock().unwrap();
    let weight = &data["encoder.layer.1.output.dense.weight"];
    assert!(
        grads.get(weight.as_tensor()).is_some(),
        "no gradient reached the top layer"
    );
}
