//! Writes what `scripts/fit_adapter.py` fits the question adapter on: the vectors of one
//! guide's passages (read with their section path, as the engine reads them) and of its
//! labelled questions, each answerable one with the passages that answer it (as `guidebot
//! eval` labels them), as JSON lines, after a first line naming the model.
//!
//! ```sh
//! source scripts/model-env
//! cargo run --release --example adapter_data -- NAME GUIDE.md QUESTIONS.jsonl... > NAME.jsonl
//! ```

use std::io::Write;
use std::path::Path;

use guidebot::answer::passage_text;
use guidebot::embed::{Embedder, locate};
use guidebot::eval::{is_expected_passage, load_cases};
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
    for id in 0..guide.passages.len() {
        let text = passage_text(&guide, id);
        let vector = embedder.embed(&text)?;
        writeln!(
            out,
            "{}",
            serde_json::json!({"kind": "p", "id": id, "text": text, "vec": vector})
        )?;
    }
    for file in question_files {
        for case in load_cases(Path::new(file))? {
            let right: Vec<usize> = (0..guide.passages.len())
                .filter(|&id| is_expected_passage(&case, &guide.passage(id).text))
                .collect();
            let vector = embedder.embed(&case.q)?;
            writeln!(
                out,
                "{}",
                serde_json::json!({"kind": "q", "q": case.q, "right": right, "vec": vector})
            )?;
        }
    }
    Ok(())
}
