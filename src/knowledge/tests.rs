use std::path::Path;

use super::*;

const SAMPLE: &str = "# Title\n\nIntro paragraph.\n\n## Before\n\nEat lightly.\nDrink water.\n\n- Bring your ID.\n- Bring *your* scans.\n\n### Detail\n\nA nested part.\n";

#[test]
fn headings_become_sections_and_paragraphs_passages() {
    let guide = Guide::from_markdown("g.md", SAMPLE);
    let titles: Vec<_> = guide.sections.iter().map(|s| s.title.as_str()).collect();
    assert_eq!(titles, ["Title", "Before", "Detail"]);
    let texts: Vec<_> = guide.passages.iter().map(|p| p.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "Intro paragraph.",
            "Eat lightly. Drink water.",
            // A list is one passage, an item per line (see markdown_tests.rs).
            "- Bring your ID.\n- Bring your scans.",
            "A nested part."
        ]
    );
    assert_eq!(guide.sections[2].parent, Some(1));
    assert_eq!(guide.section_path(2), "Before › Detail");
    assert_eq!(guide.passages[1].line, 7);
    assert_eq!(guide.passages[2].line, 10);
    assert_eq!(guide.passages[3].line, 15);
}

#[test]
fn text_before_any_heading_gets_a_section_named_after_the_file() {
    let guide = Guide::from_markdown("after-care.md", "Rest for a day.\n");
    assert_eq!(guide.sections[0].title, "after care");
    assert_eq!(guide.passages[0].text, "Rest for a day.");
}

#[test]
fn shipped_guide_is_repaired_and_structured() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("knowledge");
    let guide = Guide::load(&dir).unwrap();
    let all: String = guide.passages.iter().map(|p| p.text.as_str()).collect();
    for damaged in [
        "chopping-edge",
        "Fats",
        "comply with",
        "half-hour",
        "internet site",
    ] {
        assert!(!all.contains(damaged), "guide still contains {damaged:?}");
    }
    let options: Vec<_> = guide
        .sections
        .iter()
        .filter(|s| s.level == 3)
        .map(|s| guide.section_path(s.id))
        .collect();
    assert_eq!(
        options,
        [
            "Preparation for the Procedure › Bone Marrow Aspiration",
            "Preparation for the Procedure › Fat Tissue Extraction",
            "Preparation for the Procedure › Pre-Prepared Stem Cells"
        ]
    );
    assert!(guide.lexicon.synonyms.contains_key("physio"));
    assert!(!guide.lexicon.red_flags.is_empty());
}

#[test]
fn loading_reads_every_markdown_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.md"), "# A\n\nFirst file.\n").unwrap();
    std::fs::write(dir.path().join("b.md"), "# B\n\nSecond file.\n").unwrap();
    std::fs::write(dir.path().join("notes.txt"), "ignored").unwrap();
    let guide = Guide::load(dir.path()).unwrap();
    assert_eq!(guide.files, 2);
    assert_eq!(guide.passages.len(), 2);
    assert_eq!(guide.sections[1].file, Path::new("b.md"));
}

#[test]
fn a_file_without_text_is_an_error_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.md"), "# A\n\nText.\n").unwrap();
    std::fs::write(dir.path().join("empty.md"), "# Only a heading\n").unwrap();
    let err = Guide::load(dir.path()).unwrap_err().to_string();
    assert!(err.contains("empty.md"), "{err}");
    assert!(err.contains("no usable text"), "{err}");
}

#[test]
fn a_file_that_is_not_utf8_is_an_error_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("latin1.md"), b"# Caf\xe9\n\nText.\n").unwrap();
    let err = Guide::load(dir.path()).unwrap_err().to_string();
    assert!(err.contains("latin1.md") && err.contains("UTF-8"), "{err}");
}

#[test]
fn an_empty_folder_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let err = Guide::load(dir.path()).unwrap_err().to_string();
    assert!(err.contains("no .md files"), "{err}");
}

#[test]
fn a_broken_lexicon_names_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.md"), "# A\n\nText.\n").unwrap();
    std::fs::write(
        dir.path().join(lexicon::SYNONYMS_FILE),
        "[synonyms]\nok = [\"x\"]\nbroken = \n",
    )
    .unwrap();
    let err = Guide::load(dir.path()).unwrap_err().to_string();
    assert!(err.contains("synonyms.toml:3"), "{err}");
}

#[test]
fn fingerprint_changes_with_content() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.md"), "# A\n\nText.\n").unwrap();
    let first = fingerprint(dir.path()).unwrap();
    assert_eq!(first, fingerprint(dir.path()).unwrap());
    std::fs::write(dir.path().join("a.md"), "# A\n\nText!\n").unwrap();
    assert_ne!(first, fingerprint(dir.path()).unwrap());
}
