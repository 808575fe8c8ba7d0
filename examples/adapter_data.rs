//! Writes what `scripts/fit_adapter.py` fits the question adapter on: the vectors of one
//! guide's passages (read with their section path, as the engine reads them) and of its
//! labelled questions, as JSON lines, after a first line naming the model.
//!
//! ```sh
//! source scripts/model-env
//! cargo run --release --example adapter_data -- NAME GUIDE.md QUESTIONS.jsonl... > NAME.jsonl
//! ```

use std::io::Write;
use std::path::Path;

use guidebot::embed::{Embedder, locate};
use guidebot::knowledge::Guide;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [name, guide_file, question_files @ ..] = args.as_slice() else {
        return Err("usage: adapter_data NAME GUIDE.md QUESTIONS.jsonl...".into());
    };
    let embedder = Embedder::load(&locate(None, false)?)?;
    let guide = Guide::from_markdown(name, &std::fs::read_to_string(Path::new(guide_file))?);
    let mut out = std::io::BufWriter::new(std::io::stdout());
    writeln!(
        out,
        "{}",
        serde_json::json!({"model_id": embedder.model_id()})
    )?;
    for (id, passage) in guide.passages.iter().enumerate() {
        let text = format!("{}: {}", guide.section_path(passage.section), passage.text);
        let vector = embedder.embed(&text)?;
        writeln!(
            out,
            "{}",
            serde_json::json!({"set": name, "kind": "p", "id": id, "text": text, "vec": vector})
        )?;
    }
    for file in question_files {
        for line in std::fs::read_to_string(file)?.lines() {
            let row: serde_json::Value = serde_json::from_str(line)?;
            let question = row["q"].as_str().unwrap_or_default();
            let vector = embedder.embed(question)?;
            writeln!(
                out,
                "{}",
                serde_json::json!({"set": name, "kind": "q", "q": question,
                    "expect": row["expect"], "any": row["any"], "vec": vector})
            )?;
        }
    }
    Ok(())
}
