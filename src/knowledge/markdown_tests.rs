//! What a patient would notice of the passages: lists quoted with their lead-in, steps with
//! their numbers, table rows readable without pipes, plain guides exactly as before.

use std::path::Path;

use super::render_row;
use crate::knowledge::{Guide, PassageKind};

fn passages(markdown: &str) -> Vec<String> {
    Guide::from_markdown("g.md", markdown)
        .passages
        .into_iter()
        .map(|p| p.text)
        .collect()
}

/// From the wisdom-teeth leaflet (shortened).
const LEAD_IN: &str = "# After your extraction\n\n## When to contact us\n\nCall the clinic if the pain gets worse.\n\nGo to your nearest A&E department straight away if:\n\n- bleeding does not stop after an hour of firm pressure on the gauze\n- swelling spreads towards your eye or down your neck\n- you find it hard to swallow or breathe\n";

#[test]
fn a_list_and_its_lead_in_are_one_passage_with_an_item_per_line() {
    let guide = Guide::from_markdown("g.md", LEAD_IN);
    assert_eq!(guide.passages.len(), 2);
    let list = &guide.passages[1];
    assert_eq!(
        list.text,
        "Go to your nearest A&E department straight away if:\n\
         - bleeding does not stop after an hour of firm pressure on the gauze\n\
         - swelling spreads towards your eye or down your neck\n\
         - you find it hard to swallow or breathe"
    );
    assert_eq!(list.kind, PassageKind::List { lead_in: true });
    assert_eq!(list.line, 7, "a list passage starts at its lead-in");
    assert_eq!(guide.section(list.section).title, "When to contact us");
}

#[test]
fn a_lead_in_is_never_a_passage_alone() {
    for markdown in [
        LEAD_IN,
        "These ideas help:\n\n1. Rest.\n2. Drink water.\n",
        "Bring your medicines. You will stop these before surgery:\n* Warfarin\n* Clopidogrel\n",
        "> Call us if you notice:\n>\n> - a fever\n",
    ] {
        let guide = Guide::from_markdown("g.md", markdown);
        for passage in &guide.passages {
            assert!(
                passage.text.contains('\n') || !passage.text.ends_with(':'),
                "lead-in quoted alone: {:?}",
                passage.text
            );
            for line in passage.text.lines().skip(1) {
                assert!(is_item(line), "{line:?}");
            }
        }
    }
}

/// Whether a line of a list passage starts with a list marker ("- ", "1. ", "2) ").
fn is_item(line: &str) -> bool {
    let line = line.trim_start();
    let digits = line.len() - line.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    line.starts_with("- ")
        || (digits > 0 && (line[digits..].starts_with(". ") || line[digits..].starts_with(") ")))
}

#[test]
fn a_paragraph_announcing_the_list_without_a_colon_is_its_lead_in() {
    let texts = passages(
        "Call the eye unit straight away if you have any of the following. Outside these hours, go to A&E.\n\n- Pain that keeps getting worse\n- Vision that is getting worse\n",
    );
    assert_eq!(
        texts,
        [
            "Call the eye unit straight away if you have any of the following. Outside these hours, go to A&E.\n- Pain that keeps getting worse\n- Vision that is getting worse"
        ]
    );
}

#[test]
fn a_list_without_a_lead_in_is_one_passage_too() {
    let guide = Guide::from_markdown(
        "g.md",
        "## What should I bring?\n\n- A list of your medicines\n- Your glasses\n\nDo not wear make-up.\n",
    );
    let texts: Vec<_> = guide.passages.iter().map(|p| p.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "- A list of your medicines\n- Your glasses",
            "Do not wear make-up."
        ]
    );
    assert_eq!(guide.passages[0].kind, PassageKind::List { lead_in: false });
    assert_eq!(guide.passages[0].line, 3);
    // A paragraph that does not introduce the list stays a passage of its own.
    assert_eq!(
        passages("Rest today.\n\n- Walk tomorrow.\n"),
        ["Rest today.", "- Walk tomorrow."]
    );
}

#[test]
fn a_colon_paragraph_without_a_list_stays_a_paragraph() {
    // As in the shipped guide: "…one of the following processes:" then sub-headings.
    let guide = Guide::from_markdown(
        "g.md",
        "## Preparation\n\nYou might undergo one of the following processes:\n\n### Bone Marrow\n\nA small needle is used.\n",
    );
    let texts: Vec<_> = guide.passages.iter().map(|p| p.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "You might undergo one of the following processes:",
            "A small needle is used."
        ]
    );
    assert_eq!(guide.passages[0].section, 0);
    assert_eq!(guide.passages[0].kind, PassageKind::Paragraph);
    // At the end of the file, too.
    assert_eq!(passages("Remember:\n"), ["Remember:"]);
}

#[test]
fn numbered_steps_keep_their_numbers_and_order() {
    let texts = passages(
        "## Looking after your mouth\n\n1. Keep the gauze pad in place and bite firmly on it for 30 minutes.\n2. Do not rinse your mouth for the first 24 hours.\n3. Rest for the remainder of the day.\n",
    );
    assert_eq!(
        texts,
        [
            "1. Keep the gauze pad in place and bite firmly on it for 30 minutes.\n2. Do not rinse your mouth for the first 24 hours.\n3. Rest for the remainder of the day."
        ]
    );
    // A start number is honoured, lazy "1." numbering counts up, ")" stays ")".
    assert_eq!(passages("4. Four.\n5. Five.\n"), ["4. Four.\n5. Five."]);
    assert_eq!(passages("1. One.\n1. Two.\n"), ["1. One.\n2. Two."]);
    assert_eq!(passages("1) One.\n2) Two.\n"), ["1) One.\n2) Two."]);
}

#[test]
fn bullets_are_dashes_and_nested_items_are_indented() {
    assert_eq!(passages("* One.\n* Two.\n"), ["- One.\n- Two."]);
    assert_eq!(passages("+ One.\n"), ["- One."]);
    assert_eq!(
        passages(
            "Pack these:\n\n- Clothes:\n  - sweatpants\n  - slippers\n- Your glasses\n1. Then:\n   1. first\n"
        ),
        [
            "Pack these:\n- Clothes:\n  - sweatpants\n  - slippers\n- Your glasses",
            "1. Then:\n  1. first"
        ]
    );
}

#[test]
fn items_keep_inline_text_and_run_their_paragraphs_together() {
    assert_eq!(
        passages(
            "- Take **two** [tablets](https://example.org) with `water`\n  after meals.\n\n  Not on an empty stomach.\n- Rest.\n"
        ),
        ["- Take two tablets with water after meals. Not on an empty stomach.\n- Rest."]
    );
}

#[test]
fn a_long_list_is_still_one_passage() {
    let items: String = (1..=12)
        .map(|i| format!("{i}. Step number {i} of the long routine, done slowly and carefully every morning.\n"))
        .collect();
    let guide = Guide::from_markdown("g.md", &format!("Every day:\n\n{items}"));
    assert_eq!(guide.passages.len(), 1);
    let lines: Vec<_> = guide.passages[0].text.lines().collect();
    assert_eq!(lines.len(), 13);
    assert_eq!(lines[0], "Every day:");
    assert!(lines[12].starts_with("12. Step number 12 "));
}

/// The recovery table of the hip-replacement guide.
const MILESTONES: &str = "## Recovery milestones\n\nThe table below shows what most patients can expect.\n\n| Time after surgery | What most people can do | Walking aid |\n|---|---|---|\n| Day of surgery or day 1 | Sit out of bed and take first steps with the physical therapist | Walker |\n| Weeks 6 to 8 | Start driving if safe, return to desk work, begin swimming | A cane outdoors only, or none |\n| 3 months | Most everyday activities, including golf | |\n";

#[test]
fn table_rows_are_passages_labelled_from_the_header_without_pipes() {
    let guide = Guide::from_markdown("g.md", MILESTONES);
    let texts: Vec<_> = guide.passages.iter().map(|p| p.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "The table below shows what most patients can expect.",
            "Time after surgery: Day of surgery or day 1 · What most people can do: Sit out of bed and take first steps with the physical therapist · Walking aid: Walker",
            "Time after surgery: Weeks 6 to 8 · What most people can do: Start driving if safe, return to desk work, begin swimming · Walking aid: A cane outdoors only, or none",
            "Time after surgery: 3 months · What most people can do: Most everyday activities, including golf",
        ]
    );
    for row in &guide.passages[1..] {
        assert_eq!(row.kind, PassageKind::TableRow);
        assert!(!row.text.contains('|') && row.text.contains(": "));
    }
    let lines: Vec<_> = guide.passages.iter().map(|p| p.line).collect();
    assert_eq!(lines, [3, 7, 8, 9]);
    assert!(guide.sections[0].passages.len() == 4);
}

#[test]
fn two_column_tables_read_key_colon_value() {
    assert_eq!(
        passages("| Week | Activity |\n|---|---|\n| 6 | Driving |\n| 12 | *Golf* |\n"),
        ["Week 6: Driving", "Week 12: Golf"]
    );
    assert_eq!(
        passages(
            "| Medicine | When to stop |\n|---|---|\n| Warfarin (Coumadin) | 5 days before surgery |\n"
        ),
        ["Warfarin (Coumadin): 5 days before surgery"]
    );
    // A bare number under a longer header is labelled in full rather than "… surgery 6".
    assert_eq!(
        passages("| Weeks after surgery | Activity |\n|---|---|\n| 6 | Driving |\n"),
        ["Weeks after surgery: 6 · Activity: Driving"]
    );
}

#[test]
fn rows_skip_empty_cells_and_rows_without_words() {
    assert_eq!(
        render_row(&strings(&["A", "B", "C"]), &strings(&["x", "", "z"])),
        "A: x · C: z"
    );
    assert_eq!(
        render_row(&strings(&["", "", ""]), &strings(&["x", "y", "z"])),
        "x · y · z"
    );
    assert_eq!(
        render_row(&strings(&["Day", "What"]), &strings(&["1", ""])),
        "Day 1"
    );
    assert_eq!(
        render_row(&strings(&["", "What"]), &strings(&["", "Rest"])),
        "Rest"
    );
    assert!(passages("| A | B |\n|---|---|\n| | — |\n\nText.\n") == ["Text."]);
}

fn strings(cells: &[&str]) -> Vec<String> {
    cells.iter().map(|c| c.to_string()).collect()
}

#[test]
fn question_headings_keep_their_question_mark() {
    let guide = Guide::from_markdown(
        "g.md",
        "## Do I need to stop my blood thinners?\n\nUsually not.\n\n### Will it *hurt*? \n\nNo.\n",
    );
    let titles: Vec<_> = guide.sections.iter().map(|s| s.title.as_str()).collect();
    assert_eq!(
        titles,
        ["Do I need to stop my blood thinners?", "Will it hurt?"]
    );
}

#[test]
fn paragraphs_read_as_before() {
    assert_eq!(
        passages(
            "Take **two** [tablets](https://example.org) of `paracetamol`,\nwith water.  \nNot *on* an empty stomach.\n\nA | B is not a table.\n"
        ),
        [
            "Take two tablets of paracetamol, with water. Not on an empty stomach.",
            "A | B is not a table."
        ]
    );
}

#[test]
fn the_shipped_guide_has_the_same_passages_as_before() {
    // knowledge/guide.md has no lists or tables: 16 single-line paragraphs, as before lists
    // and tables became passages of their own kind.
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("knowledge");
    let guide = Guide::load(&dir).unwrap();
    assert_eq!(guide.passages.len(), 16);
    assert!(
        guide
            .passages
            .iter()
            .all(|p| p.kind == PassageKind::Paragraph)
    );
    assert!(guide.passages.iter().all(|p| !p.text.contains('\n')));
    assert!(
        guide
            .passages
            .iter()
            .any(|p| p.text.ends_with("one of the following processes:"))
    );
}

#[test]
fn the_eval_guides_have_no_lone_lead_ins_and_no_pipes() {
    let guides = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/eval/guides");
    let Ok(entries) = std::fs::read_dir(&guides) else {
        eprintln!("skipped: no {}", guides.display());
        return;
    };
    for entry in entries {
        let path = entry.unwrap().path().join("guide.md");
        let Ok(markdown) = std::fs::read_to_string(&path) else {
            continue;
        };
        let guide = Guide::from_markdown("guide.md", &markdown);
        for passage in &guide.passages {
            let where_ = format!("{}:{}", path.display(), passage.line);
            assert!(!passage.text.contains('|'), "{where_}: {:?}", passage.text);
            match passage.kind {
                PassageKind::Paragraph | PassageKind::TableRow | PassageKind::Letterhead => {
                    assert!(!passage.text.contains('\n'), "{where_}");
                    assert!(!passage.text.ends_with(':'), "{where_}: lone lead-in");
                }
                PassageKind::List { lead_in } => {
                    let mut lines = passage.text.lines();
                    if lead_in {
                        assert!(!is_item(lines.next().unwrap()), "{where_}");
                    }
                    assert!(lines.all(is_item), "{where_}: {:?}", passage.text);
                }
            }
        }
    }
}

#[test]
fn the_lines_naming_the_unit_under_the_title_are_its_letterhead() {
    let guide = Guide::from_markdown(
        "g.md",
        "# Hip replacement\n\n**Lakeside Joint Unit, Harbour Hospital**\n\nPatient information\n\n\
         This guide explains what happens.\n\nFor adults only\n\n## Driving\n\nWait six weeks\n",
    );
    let kinds: Vec<_> = guide
        .passages
        .iter()
        .map(|p| (p.text.as_str(), p.kind))
        .collect();
    assert_eq!(
        kinds,
        [
            (
                "Lakeside Joint Unit, Harbour Hospital",
                PassageKind::Letterhead
            ),
            ("Patient information", PassageKind::Letterhead),
            ("This guide explains what happens.", PassageKind::Paragraph),
            // After the first sentence, and under a section, short lines are the guide's text.
            ("For adults only", PassageKind::Paragraph),
            ("Wait six weeks", PassageKind::Paragraph),
        ]
    );
    // A guide that opens with its text has no letterhead.
    let guide = Guide::from_markdown("g.md", "Stem cells repair tissue\n\n## Rest\n\nRest.\n");
    assert_eq!(guide.passages[0].kind, PassageKind::Paragraph);
}
