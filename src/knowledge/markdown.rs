//! Turns a Markdown file into sections (headings) and passages (paragraphs and list items).

use std::path::Path;

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use super::{Guide, Passage, Section, SectionId};

/// What the parser is collecting text for at the moment.
enum Collecting {
    Nothing,
    Heading { level: u8, start: usize },
    Passage { start: usize },
}

/// Adds the sections and passages of one Markdown file to `guide`; returns how many passages it added.
pub(super) fn parse_into(guide: &mut Guide, file: &Path, text: &str) -> usize {
    let lines = LineIndex::new(text);
    let before = guide.passages.len();
    let mut current: Option<SectionId> = None;
    let mut collecting = Collecting::Nothing;
    let mut buffer = String::new();
    let mut item_depth = 0usize;

    for (event, range) in Parser::new(text).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                flush_passage(
                    guide,
                    file,
                    &lines,
                    &mut current,
                    &mut collecting,
                    &mut buffer,
                );
                collecting = Collecting::Heading {
                    level: level as u8,
                    start: range.start,
                };
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Collecting::Heading { level, start } = collecting {
                    let title = normalize_space(&buffer);
                    if !title.is_empty() {
                        current = Some(add_section(guide, file, title, level, lines.line(start)));
                    }
                }
                buffer.clear();
                collecting = Collecting::Nothing;
            }
            Event::Start(Tag::Item) => {
                flush_passage(
                    guide,
                    file,
                    &lines,
                    &mut current,
                    &mut collecting,
                    &mut buffer,
                );
                item_depth += 1;
                collecting = Collecting::Passage { start: range.start };
            }
            Event::End(TagEnd::Item) => {
                flush_passage(
                    guide,
                    file,
                    &lines,
                    &mut current,
                    &mut collecting,
                    &mut buffer,
                );
                item_depth = item_depth.saturating_sub(1);
            }
            Event::Start(Tag::Paragraph) if item_depth == 0 => {
                collecting = Collecting::Passage { start: range.start };
            }
            Event::End(TagEnd::Paragraph) if item_depth == 0 => {
                flush_passage(
                    guide,
                    file,
                    &lines,
                    &mut current,
                    &mut collecting,
                    &mut buffer,
                );
            }
            Event::End(TagEnd::Paragraph) => buffer.push(' '),
            Event::Text(t) | Event::Code(t) => {
                if matches!(collecting, Collecting::Nothing) {
                    collecting = Collecting::Passage { start: range.start };
                }
                buffer.push_str(&t);
            }
            Event::SoftBreak | Event::HardBreak => buffer.push(' '),
            _ => {}
        }
    }
    flush_passage(
        guide,
        file,
        &lines,
        &mut current,
        &mut collecting,
        &mut buffer,
    );
    guide.passages.len() - before
}

/// Ends the passage being collected, if any, and adds it under the current section.
fn flush_passage(
    guide: &mut Guide,
    file: &Path,
    lines: &LineIndex,
    current: &mut Option<SectionId>,
    collecting: &mut Collecting,
    buffer: &mut String,
) {
    if let Collecting::Passage { start } = *collecting {
        let text = normalize_space(buffer);
        if text.chars().any(char::is_alphanumeric) {
            let section = *current.get_or_insert_with(|| {
                let title = file
                    .file_stem()
                    .map(|stem| stem.to_string_lossy().replace(['-', '_'], " "))
                    .unwrap_or_default();
                add_section(guide, file, title, 1, 1)
            });
            let id = guide.passages.len();
            guide.passages.push(Passage {
                id,
                section,
                text,
                line: lines.line(start),
            });
            guide.sections[section].passages.push(id);
        }
    }
    buffer.clear();
    *collecting = Collecting::Nothing;
}

fn add_section(guide: &mut Guide, file: &Path, title: String, level: u8, line: usize) -> SectionId {
    let parent = guide
        .sections
        .iter()
        .rev()
        .take_while(|s| s.file == file)
        .find(|s| s.level < level)
        .map(|s| s.id);
    let id = guide.sections.len();
    let base = super::slugify(&title);
    let mut slug = base.clone();
    let mut n = 2;
    while guide.sections.iter().any(|s| s.slug == slug) {
        let suffix = format!("-{n}");
        slug = format!(
            "{}{suffix}",
            &base[..base.len().min(super::MAX_SLUG_LEN - suffix.len())]
        );
        n += 1;
    }
    guide.sections.push(Section {
        id,
        slug,
        title,
        level,
        parent,
        file: file.to_path_buf(),
        line,
        passages: Vec::new(),
    });
    id
}

/// Collapses runs of white space into single spaces and trims the ends.
fn normalize_space(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Maps byte offsets to 1-based line numbers.
struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    fn new(text: &str) -> Self {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Self { starts }
    }

    fn line(&self, offset: usize) -> usize {
        self.starts.partition_point(|&start| start <= offset)
    }
}
