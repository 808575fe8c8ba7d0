//! Writes a knowledge folder of a given size (the shipped guide and word lists plus a generated
//! guide for the remaining passages), for measuring the `guidebot` binary on a large guide.
//!
//! `cargo run --release --example generate_knowledge -- DIR PASSAGES`

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use guidebot::knowledge::Guide;
use guidebot::synthetic::Synthetic;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(dir), Some(Ok(passages))) = (args.first(), args.get(1).map(|n| n.parse::<usize>()))
    else {
        eprintln!("usage: generate_knowledge DIR PASSAGES");
        return ExitCode::FAILURE;
    };
    match write(Path::new(dir), passages) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err}");
            ExitCode::FAILURE
        }
    }
}

fn write(dir: &Path, passages: usize) -> Result<(), Box<dyn std::error::Error>> {
    let shipped = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("knowledge");
    std::fs::create_dir_all(dir)?;
    for entry in std::fs::read_dir(&shipped)? {
        let path = entry?.path();
        let wanted = path
            .extension()
            .is_some_and(|ext| ext == "md" || ext == "toml");
        if let (true, Some(name)) = (wanted && path.is_file(), path.file_name()) {
            std::fs::copy(&path, dir.join(name))?;
        }
    }
    let own = Guide::load(&shipped)?.passages.len();
    let markdown = Synthetic::with_passages(passages.saturating_sub(own)).markdown();
    std::fs::write(dir.join("synthetic.md"), markdown)?;
    let guide = Guide::load(dir)?;
    println!(
        "wrote {}: {} sections, {} passages",
        dir.display(),
        guide.sections.len(),
        guide.passages.len()
    );
    Ok(())
}
