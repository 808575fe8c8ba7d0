use std::path::Path;

use tantivy::query::TermQuery;
use tantivy::schema::IndexRecordOption;

use super::*;

fn knowledge_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("guide.md"),
        "# Guide\n\n## Recovery\n\nRest for two days after the injection.\n\n## Risks\n\nInfection is rare.\n",
    )
    .unwrap();
    dir
}

fn search_word(index: &GuideIndex, stem: &str) -> Vec<PassageId> {
    let term = tantivy::Term::from_field_text(index.fields().body, stem);
    let query = TermQuery::new(term, IndexRecordOption::WithFreqs);
    index
        .search(&query, 5)
        .into_iter()
        .map(|(id, _)| id)
        .collect()
}

#[test]
fn builds_on_disk_then_reopens_without_rebuilding() {
    let knowledge = knowledge_dir();
    let index_dir = tempfile::tempdir().unwrap();
    let (_, index, reason) = open_or_build(knowledge.path(), index_dir.path()).unwrap();
    assert_eq!(reason, Some(RebuildReason::Missing));
    assert_eq!(index.len(), 2);
    assert_eq!(search_word(&index, "infect"), [1]);
    assert!(index_dir.path().join("meta.json").exists());

    let (_, index, reason) = open_or_build(knowledge.path(), index_dir.path()).unwrap();
    assert_eq!(reason, None);
    assert_eq!(search_word(&index, "rest"), [0]);
}

#[test]
fn rebuilds_when_the_knowledge_changes() {
    let knowledge = knowledge_dir();
    let index_dir = tempfile::tempdir().unwrap();
    open_or_build(knowledge.path(), index_dir.path()).unwrap();
    std::fs::write(
        knowledge.path().join("extra.md"),
        "# Parking\n\nPark behind the clinic.\n",
    )
    .unwrap();
    let (_, index, reason) = open_or_build(knowledge.path(), index_dir.path()).unwrap();
    assert_eq!(reason, Some(RebuildReason::OlderThanKnowledge));
    assert_eq!(index.len(), 3);
}

#[test]
fn rebuilds_a_damaged_or_foreign_index() {
    let knowledge = knowledge_dir();
    let index_dir = tempfile::tempdir().unwrap();
    open_or_build(knowledge.path(), index_dir.path()).unwrap();

    std::fs::write(
        index_dir.path().join(STAMP),
        "{\"schema\": 0, \"fingerprint\": \"x\", \"passages\": 2}",
    )
    .unwrap();
    let (_, _, reason) = open_or_build(knowledge.path(), index_dir.path()).unwrap();
    assert_eq!(reason, Some(RebuildReason::OtherSchema));

    std::fs::write(index_dir.path().join("meta.json"), "garbage").unwrap();
    let (_, index, reason) = open_or_build(knowledge.path(), index_dir.path()).unwrap();
    assert!(
        matches!(reason, Some(RebuildReason::Unreadable(_))),
        "{reason:?}"
    );
    assert_eq!(search_word(&index, "infect"), [1]);
}

#[test]
fn rebuilding_keeps_files_that_are_not_generated() {
    let knowledge = knowledge_dir();
    let index_dir = tempfile::tempdir().unwrap();
    std::fs::write(index_dir.path().join("README.md"), "keep me").unwrap();
    open_or_build(knowledge.path(), index_dir.path()).unwrap();
    GuideIndex::build(
        &crate::knowledge::Guide::load(knowledge.path()).unwrap(),
        index_dir.path(),
        "other",
    )
    .unwrap();
    assert_eq!(
        std::fs::read_to_string(index_dir.path().join("README.md")).unwrap(),
        "keep me"
    );
    assert!(Path::new(index_dir.path()).join("meta.json").exists());
}

#[test]
fn rebuilds_after_truncated_segments_or_a_deleted_index_and_ignores_a_stale_lock() {
    let knowledge = knowledge_dir();
    let index_dir = tempfile::tempdir().unwrap();
    open_or_build(knowledge.path(), index_dir.path()).unwrap();

    // A crash left the writer lock behind: opening still works, and so does a rebuild.
    std::fs::write(index_dir.path().join(".tantivy-writer.lock"), "").unwrap();
    let (_, index, reason) = open_or_build(knowledge.path(), index_dir.path()).unwrap();
    assert_eq!(reason, None);
    assert_eq!(search_word(&index, "infect"), [1]);
    drop(index);

    // Truncate every segment file.
    for entry in std::fs::read_dir(index_dir.path()).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        if name.split('.').next().unwrap().len() == 32 {
            std::fs::write(&path, b"").unwrap();
        }
    }
    let (_, index, reason) = open_or_build(knowledge.path(), index_dir.path()).unwrap();
    assert!(
        matches!(reason, Some(RebuildReason::Unreadable(_))),
        "{reason:?}"
    );
    assert_eq!(search_word(&index, "infect"), [1]);
    drop(index);

    std::fs::remove_dir_all(index_dir.path()).unwrap();
    let (_, index, reason) = open_or_build(knowledge.path(), index_dir.path()).unwrap();
    assert_eq!(reason, Some(RebuildReason::Missing));
    assert_eq!(index.len(), 2);
}
