//! How long the embedding model takes: model load, one short question, and passages one by
//! one or in batches.
//!
//! ```sh
//! GUIDEBOT_MODEL=/path/to/all-MiniLM-L6-v2 RAYON_NUM_THREADS=1 cargo run --release --example embed_latency
//! ```
//!
//! `RAYON_NUM_THREADS` sets how many threads candle uses (default: the physical cores).

use std::time::Instant;

use guidebot::embed::{Embedder, locate};

fn median_ms(mut samples: Vec<f64>) -> f64 {
    samples.sort_by(f64::total_cmp);
    samples[samples.len() / 2]
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = locate(None, false)?;
    let start = Instant::now();
    let embedder = Embedder::load(&dir)?;
    println!(
        "model {} loaded in {:.0} ms",
        embedder.model_id(),
        start.elapsed().as_secs_f64() * 1e3
    );
    println!(
        "threads: RAYON_NUM_THREADS={:?}",
        std::env::var("RAYON_NUM_THREADS").ok()
    );

    // 12 tokens with [CLS] and [SEP].
    let question = "how long does the bone marrow harvest hurt for?";
    let time = |text: &str, runs: usize| -> Result<f64, Box<dyn std::error::Error>> {
        embedder.embed(text)?;
        let mut samples = Vec::with_capacity(runs);
        for _ in 0..runs {
            let start = Instant::now();
            embedder.embed(text)?;
            samples.push(start.elapsed().as_secs_f64() * 1e3);
        }
        Ok(median_ms(samples))
    };
    println!(
        "question (12 tokens): {:.2} ms median",
        time(question, 100)?
    );

    let passage = "The harvest takes about an hour and you will be under anaesthesia, so plan to \
        rest for the remainder of the day and avoid heavy lifting for a week. Call the clinic if \
        you notice swelling, redness, or a fever above 38 degrees, or if the pain gets worse \
        instead of better over the following days.";
    println!("passage (66 tokens): {:.2} ms median", time(passage, 30)?);

    let passages: Vec<String> = (0..64).map(|i| format!("{passage} Note {i}.")).collect();
    let texts: Vec<&str> = passages.iter().map(String::as_str).collect();
    let start = Instant::now();
    for text in &texts {
        embedder.embed(text)?;
    }
    let one_by_one = start.elapsed().as_secs_f64() * 1e3 / texts.len() as f64;
    let start = Instant::now();
    embedder.embed_batch(&texts)?;
    let batched = start.elapsed().as_secs_f64() * 1e3 / texts.len() as f64;
    println!("64 passages: {one_by_one:.2} ms each one by one, {batched:.2} ms each in batches");
    Ok(())
}
