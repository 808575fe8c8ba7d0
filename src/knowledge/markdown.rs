//! Turns a Markdown file into sections (headings) and passages (paragraphs and list items).

use std::collections::HashSet;
use std::path::Path;

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use super::{Guide, MAX_SLUG_LEN, Passage, Section, SectionId, slugify};

/// What the parser is collecting text for at the moment.
enum Collecting {
    Nothing,
    Heading { level: u8, start: usize },
    Passage { start: usize },
}

/// The state of reading one file into the guide.
struct FileReader<'a> {
    guide: &'a mut Guide,
    file: &'a Path,
    lines: LineIndex,
    current: Option<SectionId>,
    collecting: Collecting,
    buffer: String,
    /// Slugs already given to sections of the guide, to keep new ones unique.
    slugs: HashSet<String>,
}

/// Adds the sections and passages of one Markdown file to `guide`; returns how many passages it added.
pub(super) fn parse_into(guide: &mut Guide, file: &Path, text: &str) -> usize {
    let before = guide.passages.len();
    let slugs = guide.sections.iter().map(|s| s.slug.clone()).collect();
    let mut reader = FileReader {
        guide,
        file,
        lines: LineIndex::new(text),
        current: None,
        collecting: Collecting::Nothing,
        buffer: String::new(),
        slugs,
    };
    let mut item_depth = 0usize;
    for (event, range) in Parser::new(text).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                reader.end_passage();
                reader.collecting = Collecting::Heading {
                    level: level as u8,
                    start: range.start,
                };
            }
            Event::End(TagEnd::Heading(_)) => reader.end_heading(),
            Event::Start(Tag::Item) => {
                reader.end_passage();
                item_depth += 1;
                reader.collecting = Collecting::Passage { start: range.start };
            }
            Event::End(TagEnd::Item) => {
                reader.end_passage();
                item_depth = item_depth.saturating_sub(1);
            }
            Event::Start(Tag::Paragraph) if item_depth == 0 => {
                reader.collecting = Collecting::Passage { start: range.start };
            }
            Event::End(TagEnd::Paragraph) if item_depth == 0 => reader.end_passage(),
            Event::End(TagEnd::Paragraph) => reader.buffer.push(' '),
            Event::Text(t) | Event::Code(t) => {
                if matches!(reader.collecting, Collecting::Nothing) {
                    reader.collecting = Collecting::Passage { start: range.start };
                }
                reader.buffer.push_str(&t);
            }
            Event::SoftBreak | Event::HardBreak => reader.buffer.push(' '),
            _ => {}
        }
    }
    reader.end_passage();
    reader.guide.passages.len() - before
}

impl FileReader<'_> {
    /// Ends the heading being collected: it opens a new section (an empty heading is skipped).
    fn end_heading(&mut self) {
        if let Collecting::Heading { level, start } = self.collecting {
            let title = normalize_space(&self.buffer);
            if !title.is_empty() {
                let line = self.lines.line(start);
                self.current = Some(self.add_section(title, level, line));
            }
        }
        self.buffer.clear();
        self.collecting = Collecting::Nothing;
    }

    /// Ends the passage being collected, if any, and adds it under the current section (text
    /// before the first heading gets a section named after the file).
    fn end_passage(&mut self) {
        if let Collecting::Passage { start } = self.collecting {
            let text = normalize_space(&self.buffer);
            if text.chars().any(char::is_alphanumeric) {
                let section = match self.current {
                    Some(section) => section,
                    None => {
                        let title = self
                            .file
                            .file_stem()
                            .map(|stem| stem.to_string_lossy().replace(['-', '_'], " "))
                            .unwrap_or_default();
                        let section = self.add_section(title, 1, 1);
                        self.current = Some(section);
                        section
                    }
                };
                let id = self.guide.passages.len();
                self.guide.passages.push(Passage {
                    id,
                    section,
                    text,
                    line: self.lines.line(start),
                });
                self.guide.sections[section].passages.push(id);
            }
        }
        self.buffer.clear();
        self.collecting = Collecting::Nothing;
    }

    fn add_section(&mut self, title: String, level: u8, line: usize) -> SectionId {
        let sections = &self.guide.sections;
        let parent = sections
            .iter()
            .rev()
            .take_while(|s| s.file == self.file)
            .find(|s| s.level < level)
            .map(|s| s.id);
        let base = slugify(&title);
        let mut slug = base.clone();
        let mut n = 2;
        while self.slugs.contains(&slug) {
            let suffix = format!("-{n}");
            slug = format!(
                "{}{suffix}",
                &base[..base.len().min(MAX_SLUG_LEN - suffix.len())]
            );
            n += 1;
        }
        self.slugs.insert(slug.clone());
        let id = sections.len();
        self.guide.sections.push(Section {
            id,
            slug,
            title,
            level,
            parent,
            file: self.file.to_path_buf(),
            line,
            passages: Vec::new(),
        });
        id
    }
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
