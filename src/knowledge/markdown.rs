//! Turns a Markdown file into sections (headings) and passages: paragraphs, whole lists (with
//! the paragraph that introduces them) and table rows.
//!
//! What a passage's text looks like:
//!
//! - A **paragraph** is one line: inline markup is dropped (emphasis, link targets), link text
//!   and inline code are kept, and line breaks inside the paragraph become spaces.
//! - A **list** is one passage however long, one line per item, each item with its marker as a
//!   patient sees it: `- ` for bullets (whatever the source used), `1. `, `2. `… for numbered
//!   steps, counting from the list's start number, with the source's `.` or `)` delimiter. An
//!   item's own paragraphs are joined by spaces; nested lists are indented by two spaces per
//!   level. The paragraph directly before the list is its **lead-in**, the passage's first
//!   line, when it ends with a colon ("These ideas help:") or announces what follows ("…any of
//!   the following.", "…as follows"); a lead-in is never a passage on its own. A list without
//!   such a paragraph is still one passage, starting with its first item.
//! - A **table** gives one passage per body row, labelled from the header row, never with
//!   pipes. Two-column tables read "key: value" ("Warfarin: 5 days before surgery"; a bare
//!   number in the first column takes a one-word first header: "Week 6: Driving"); wider tables
//!   (and two-column ones whose bare-number key needs a longer header) name every cell by its
//!   header: "Time after surgery: Weeks 6 to 8 · Walking aid: A cane outdoors only, or none".
//!   Empty cells are left out. The paragraph before a table stays a passage of its own.

use std::collections::HashSet;
use std::path::Path;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::{Guide, MAX_SLUG_LEN, Passage, PassageKind, Section, SectionId, slugify};

/// Joins the labelled cells of a table row.
const CELL_SEPARATOR: &str = " · ";
/// The most words a letterhead line has ("Gynaecology Outpatient Unit, Women's Health Centre,
/// Kestrel Vale Hospital" has 9).
const LETTERHEAD_WORDS: usize = 12;
/// Indentation of a nested list item, per level.
const NESTED_INDENT: &str = "  ";
/// Words in a paragraph (before a list) that announce the list, besides a final colon.
const ANNOUNCES_LIST: &[&str] = &["following.", "following:", "as follows"];

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
    source: &'a str,
    lines: LineIndex,
    current: Option<SectionId>,
    collecting: Collecting,
    buffer: String,
    /// A paragraph just read that may introduce a list: its text and where it starts.
    lead_in: Option<(String, usize)>,
    /// The list being read (outside any table).
    list: Option<ListReader>,
    /// The table being read (outside any list).
    table: Option<TableReader>,
    /// Slugs already given to sections of the guide, to keep new ones unique.
    slugs: HashSet<String>,
}

/// A list being read: the lines of its passage so far.
struct ListReader {
    /// Where the passage starts: its lead-in, or the list itself.
    start: usize,
    lead_in: bool,
    lines: Vec<String>,
    /// The lists open, outermost first.
    levels: Vec<ListLevel>,
    /// What the line being collected starts with: marker (with indentation), or indentation
    /// alone for an item's text after a nested list.
    prefix: String,
    /// The text of the line being collected.
    text: String,
}

/// One open (possibly nested) list.
struct ListLevel {
    /// The next item's number, for a numbered list.
    next: Option<u64>,
    /// The numbered list's delimiter, `.` or `)`.
    delimiter: char,
}

/// A table being read.
#[derive(Default)]
struct TableReader {
    headers: Vec<String>,
    /// The cells of the row being read.
    cells: Vec<String>,
    cell: String,
    /// Where the row being read starts.
    row_start: usize,
}

/// Adds the sections and passages of one Markdown file to `guide`; returns how many passages it added.
pub(super) fn parse_into(guide: &mut Guide, file: &Path, text: &str) -> usize {
    let before = guide.passages.len();
    let slugs = guide.sections.iter().map(|s| s.slug.clone()).collect();
    let mut reader = FileReader {
        guide,
        file,
        source: text,
        lines: LineIndex::new(text),
        current: None,
        collecting: Collecting::Nothing,
        buffer: String::new(),
        lead_in: None,
        list: None,
        table: None,
        slugs,
    };
    for (event, range) in Parser::new_ext(text, Options::ENABLE_TABLES).into_offset_iter() {
        // A possible lead-in introduces a list only if the list comes right after it.
        if reader.lead_in.is_some() && !matches!(event, Event::Start(Tag::List(_))) {
            reader.end_lead_in();
        }
        if reader.list.is_some() {
            reader.list_event(event, range.start);
        } else if reader.table.is_some() {
            reader.table_event(event, range.start);
        } else {
            reader.block_event(event, range.start);
        }
    }
    reader.end_lead_in();
    reader.end_passage();
    reader.guide.passages.len() - before
}

impl FileReader<'_> {
    /// An event outside lists and tables: headings and paragraphs.
    fn block_event(&mut self, event: Event, start: usize) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                self.end_passage();
                self.collecting = Collecting::Heading {
                    level: level as u8,
                    start,
                };
            }
            Event::End(TagEnd::Heading(_)) => self.end_heading(),
            Event::Start(Tag::List(first)) => {
                self.end_passage();
                let (lead_in, passage_start) = match self.lead_in.take() {
                    Some((text, lead_in_start)) => (Some(text), lead_in_start),
                    None => (None, start),
                };
                self.list = Some(ListReader {
                    start: passage_start,
                    lead_in: lead_in.is_some(),
                    lines: lead_in.into_iter().collect(),
                    levels: Vec::new(),
                    prefix: String::new(),
                    text: String::new(),
                });
                self.list_event(Event::Start(Tag::List(first)), start);
            }
            Event::Start(Tag::Table(_)) => {
                self.end_passage();
                self.table = Some(TableReader::default());
            }
            Event::Start(Tag::Paragraph) => {
                self.collecting = Collecting::Passage { start };
            }
            Event::End(TagEnd::Paragraph) => {
                if let Collecting::Passage { start } = self.collecting {
                    let text = normalize_space(&self.buffer);
                    if introduces_list(&text) {
                        self.lead_in = Some((text, start));
                        self.buffer.clear();
                        self.collecting = Collecting::Nothing;
                        return;
                    }
                }
                self.end_passage();
            }
            Event::Text(t) | Event::Code(t) => {
                if matches!(self.collecting, Collecting::Nothing) {
                    self.collecting = Collecting::Passage { start };
                }
                self.buffer.push_str(&t);
            }
            Event::SoftBreak | Event::HardBreak => self.buffer.push(' '),
            _ => {}
        }
    }

    /// An event inside a list (nested lists, and anything in an item, included).
    fn list_event(&mut self, event: Event, start: usize) {
        let Some(list) = self.list.as_mut() else {
            return;
        };
        match event {
            Event::Start(Tag::List(first)) => {
                list.end_line();
                let delimiter = match first {
                    Some(_) => ordered_delimiter(&self.source[start..]),
                    None => '.',
                };
                list.levels.push(ListLevel {
                    next: first,
                    delimiter,
                });
            }
            Event::End(TagEnd::List(_)) => {
                list.end_line();
                list.levels.pop();
                if list.levels.is_empty() {
                    self.end_list();
                } else {
                    // An item's text after its nested list continues under the item.
                    list.prefix = NESTED_INDENT.repeat(list.levels.len());
                }
            }
            Event::Start(Tag::Item) => {
                list.end_line();
                let indent = NESTED_INDENT.repeat(list.levels.len().saturating_sub(1));
                let marker = match list.levels.last_mut() {
                    Some(ListLevel {
                        next: Some(number),
                        delimiter,
                    }) => {
                        let marker = format!("{number}{delimiter} ");
                        *number += 1;
                        marker
                    }
                    _ => "- ".to_string(),
                };
                list.prefix = indent + &marker;
            }
            Event::End(TagEnd::Item) => list.end_line(),
            Event::Text(t) | Event::Code(t) => list.text.push_str(&t),
            // An item's paragraphs, headings and table cells run on, separated by spaces.
            Event::SoftBreak
            | Event::HardBreak
            | Event::Start(Tag::Paragraph)
            | Event::End(TagEnd::Paragraph)
            | Event::End(TagEnd::Heading(_))
            | Event::End(TagEnd::TableCell) => list.text.push(' '),
            _ => {}
        }
    }

    /// An event inside a table.
    fn table_event(&mut self, event: Event, start: usize) {
        let Some(table) = self.table.as_mut() else {
            return;
        };
        match event {
            Event::Start(Tag::TableRow) | Event::Start(Tag::TableHead) => {
                table.cells.clear();
                table.row_start = start;
            }
            Event::Start(Tag::TableCell) => table.cell.clear(),
            Event::End(TagEnd::TableCell) => {
                let cell = normalize_space(&table.cell);
                table.cells.push(cell);
                table.cell.clear();
            }
            Event::End(TagEnd::TableHead) => {
                table.headers = std::mem::take(&mut table.cells)
                    .into_iter()
                    .map(|h| h.trim_end_matches([':', '：']).trim_end().to_string())
                    .collect();
            }
            Event::End(TagEnd::TableRow) => {
                let text = render_row(&table.headers, &table.cells);
                let row_start = table.row_start;
                self.add_passage(text, row_start, PassageKind::TableRow);
            }
            Event::End(TagEnd::Table) => self.table = None,
            Event::Text(t) | Event::Code(t) => table.cell.push_str(&t),
            Event::SoftBreak | Event::HardBreak => table.cell.push(' '),
            _ => {}
        }
    }

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

    /// Ends the passage being collected, if any, and adds it under the current section.
    fn end_passage(&mut self) {
        if let Collecting::Passage { start } = self.collecting {
            let text = normalize_space(&self.buffer);
            self.add_passage(text, start, PassageKind::Paragraph);
        }
        self.buffer.clear();
        self.collecting = Collecting::Nothing;
    }

    /// A paragraph that looked like a lead-in but no list follows: an ordinary passage.
    fn end_lead_in(&mut self) {
        if let Some((text, start)) = self.lead_in.take() {
            self.add_passage(text, start, PassageKind::Paragraph);
        }
    }

    /// Ends the outermost list: its lead-in and items become one passage.
    fn end_list(&mut self) {
        if let Some(list) = self.list.take() {
            let has_items = list.lines.len() > usize::from(list.lead_in);
            let kind = if has_items {
                PassageKind::List {
                    lead_in: list.lead_in,
                }
            } else {
                PassageKind::Paragraph
            };
            self.add_passage(list.lines.join("\n"), list.start, kind);
        }
    }

    /// Adds a passage under the current section, unless it has no words (text before the
    /// first heading gets a section named after the file).
    fn add_passage(&mut self, text: String, start: usize, kind: PassageKind) {
        if !text.chars().any(char::is_alphanumeric) {
            return;
        }
        // Text before any heading has no title above it, so no letterhead either.
        let titled = self.current.is_some();
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
        let kind = if kind == PassageKind::Paragraph && titled && self.is_letterhead(section, &text)
        {
            PassageKind::Letterhead
        } else {
            kind
        };
        let id = self.guide.passages.len();
        self.guide.passages.push(Passage {
            id,
            section,
            text,
            line: self.lines.line(start),
            kind,
        });
        self.guide.sections[section].passages.push(id);
    }

    /// Whether a paragraph is a letterhead line: in the title's own section, with only
    /// letterhead lines before it, short, and not a sentence (no
    /// closing full stop, question or exclamation mark, or colon).
    fn is_letterhead(&self, section: SectionId, text: &str) -> bool {
        let section = &self.guide.sections[section];
        section.level == 1
            && section
                .passages
                .iter()
                .all(|&p| self.guide.passages[p].kind == PassageKind::Letterhead)
            && text.split_whitespace().count() <= LETTERHEAD_WORDS
            && !text.trim_end().ends_with(['.', '!', '?', ':'])
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

impl ListReader {
    /// Ends the line being collected: an item (or an item's continuation) with words.
    fn end_line(&mut self) {
        let text = normalize_space(&self.text);
        if text.chars().any(char::is_alphanumeric) {
            self.lines.push(format!("{}{text}", self.prefix));
            // More text in the same item (after a nested list) goes on an indented line.
            self.prefix = NESTED_INDENT.repeat(self.levels.len());
        }
        self.text.clear();
    }
}

/// Whether a paragraph directly before a list introduces it.
fn introduces_list(paragraph: &str) -> bool {
    let lower = paragraph.to_lowercase();
    lower.ends_with([':', '：']) || ANNOUNCES_LIST.iter().any(|words| lower.contains(words))
}

/// The delimiter after the number of a numbered list item's marker (`1.` or `1)`).
fn ordered_delimiter(item: &str) -> char {
    item.trim_start()
        .trim_start_matches(|c: char| c.is_ascii_digit())
        .chars()
        .next()
        .filter(|&c| c == ')')
        .unwrap_or('.')
}

/// A table body row as a readable line, labelled from the headers (see the module docs).
fn render_row(headers: &[String], cells: &[String]) -> String {
    let header = |i: usize| headers.get(i).map_or("", String::as_str);
    let key = cells.first().map_or("", String::as_str);
    let rest: Vec<(&str, &str)> = cells
        .iter()
        .enumerate()
        .skip(1)
        .filter(|(_, cell)| !cell.is_empty())
        .map(|(i, cell)| (header(i), cell.as_str()))
        .collect();
    let bare_key = !key.chars().any(char::is_alphabetic);
    let key_header = header(0);
    let one_word_header = !key_header.is_empty() && !key_header.contains(char::is_whitespace);
    let columns = headers.len().max(cells.len());
    if columns <= 2 && (!bare_key || one_word_header || key_header.is_empty()) {
        let key = if bare_key && one_word_header && !key.is_empty() {
            format!("{key_header} {key}")
        } else {
            key.to_string()
        };
        return match rest.first() {
            Some((_, value)) if !key.is_empty() => format!("{key}: {value}"),
            Some((_, value)) => value.to_string(),
            None => key,
        };
    }
    std::iter::once((key_header, key))
        .filter(|(_, cell)| !cell.is_empty())
        .chain(rest)
        .map(|(header, cell)| {
            if header.is_empty() {
                cell.to_string()
            } else {
                format!("{header}: {cell}")
            }
        })
        .collect::<Vec<_>>()
        .join(CELL_SEPARATOR)
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

#[cfg(test)]
#[path = "markdown_tests.rs"]
mod tests;
