//! Writes the vectors of the shipped red-flag example messages (`knowledge/red-flags.toml`)
//! under the embedding model to `src/answer/emergency/examples.vectors`, which the binary ships
//! so that a new index does not spend seconds embedding them. Run it after editing the
//! examples (a unit test fails until then):
//!
//! ```sh
//! source scripts/model-env && cargo run --release --example example_vectors
//! ```

use std::path::Path;

use guidebot::embed::{Embedder, VectorCache, locate};
use guidebot::knowledge::Guide;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let embedder = Embedder::load(&locate(None, false)?)?;
    let guide = Guide::load(Path::new("knowledge"))?;
    let texts: Vec<&str> = guide.lexicon.red_flag_example_texts().collect();
    let path = Path::new("src/answer/emergency/examples.vectors");
    let _ = std::fs::remove_file(path);
    let mut cache = VectorCache::open(path);
    cache.embed_all(&embedder, &texts)?;
    cache.save()?;
    println!(
        "{} example vectors written to {}",
        cache.len(),
        path.display()
    );
    Ok(())
}
