//! The clinic's guide as loaded from `knowledge/`: sections, passages and the lexicon.

mod error;
mod fingerprint;
mod last_good;
mod lexicon;
mod lint;
mod markdown;
mod regression;
mod slug;

use std::path::{Path, PathBuf};

pub use error::KnowledgeError;
pub use fingerprint::fingerprint;
pub use last_good::{LAST_GOOD_DIR, LastGood, Staged, Vetted};
pub use lexicon::{
    Lexicon, NOT_AN_EMERGENCY, RED_FLAGS_FILE, RedFlagExample, RedFlagKind, RedFlagRule,
    SYNONYMS_FILE, TOPICS_FILE, temperature_from,
};
pub use lint::{Finding, Lint, REVIEW_PENDING, StaleFile, check, red_flags_review_pending};
pub use regression::{Problem, Regression};
pub use slug::{MAX_SLUG_LEN, is_payload, slugify};

/// Index of a section in [`Guide::sections`].
pub type SectionId = usize;
/// Index of a passage in [`Guide::passages`].
pub type PassageId = usize;

/// A heading and the text under it.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    pub id: SectionId,
    /// The heading text, as written.
    pub title: String,
    /// Link-safe name, unique in the guide, for deep links and buttons.
    pub slug: String,
    /// Heading level: 1 for `#`, 2 for `##`, ...
    pub level: u8,
    /// The enclosing section, if this one is a subsection.
    pub parent: Option<SectionId>,
    /// The file the section comes from, relative to the knowledge folder.
    pub file: PathBuf,
    /// 1-based line of the heading.
    pub line: usize,
    /// The passages directly under this heading, in order.
    pub passages: Vec<PassageId>,
}

/// A paragraph, a whole list (with its lead-in) or a table row: the unit the bot quotes from.
#[derive(Debug, Clone, PartialEq)]
pub struct Passage {
    pub id: PassageId,
    pub section: SectionId,
    /// The text exactly as the guide words it (inline Markdown markup removed). A list has one
    /// line per item, separated by `\n`; see [`PassageKind`].
    pub text: String,
    /// 1-based line where the passage starts in its file.
    pub line: usize,
    pub kind: PassageKind,
}

/// What a passage is in the guide, which says how to quote part of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PassageKind {
    /// A paragraph: one line of running text.
    Paragraph,
    /// A whole list, one item per line, each with its marker as written ("- " for bullets,
    /// "1. ", "2. "… for numbered steps); nested items are indented by two spaces per level,
    /// and an item's text after its nested list is an indented line without a marker. With
    /// `lead_in`, the first line is the paragraph introducing the list ("These ideas help:"),
    /// which belongs with any item quoted.
    List { lead_in: bool },
    /// One table row, labelled from the header row ("Week 6: Driving", "Time after surgery:
    /// Weeks 6 to 8 · Walking aid: Two crutches"): quote it whole.
    TableRow,
    /// A line of the guide's letterhead: one of the short lines right under the title that name
    /// the unit or the leaflet ("Harbourside Cardiac Day Unit, Westmere General Hospital",
    /// "Patient information"), no sentence. It names where the guide comes from and answers no
    /// question, so it is never quoted.
    Letterhead,
}

/// The whole guide: every section and passage of every Markdown file, plus the lexicon.
#[derive(Debug, Clone, Default)]
pub struct Guide {
    pub sections: Vec<Section>,
    pub passages: Vec<Passage>,
    pub lexicon: Lexicon,
    /// How many Markdown files were read.
    pub files: usize,
}

impl Guide {
    /// Loads every `.md` file in `dir` (sorted by name) and the optional lexicon files.
    pub fn load(dir: &Path) -> Result<Guide, KnowledgeError> {
        let files = markdown_files(dir)?;
        let mut guide = Guide {
            files: files.len(),
            lexicon: Lexicon::load(dir)?,
            ..Guide::default()
        };
        for path in &files {
            let bytes = std::fs::read(path).map_err(|source| KnowledgeError::Read {
                path: path.clone(),
                source,
            })?;
            let text = String::from_utf8(bytes)
                .map_err(|_| KnowledgeError::NotUtf8 { path: path.clone() })?;
            let relative = path.strip_prefix(dir).unwrap_or(path).to_path_buf();
            let added = markdown::parse_into(&mut guide, &relative, &text);
            if added == 0 {
                return Err(KnowledgeError::NoText { path: path.clone() });
            }
        }
        Ok(guide)
    }

    /// Builds a guide from Markdown text directly (one virtual file), for tests and tools.
    pub fn from_markdown(name: &str, text: &str) -> Guide {
        let mut guide = Guide {
            files: 1,
            ..Guide::default()
        };
        markdown::parse_into(&mut guide, Path::new(name), text);
        guide
    }

    /// The section a slug or a clinic-defined alias names.
    pub fn section_by_slug(&self, slug: &str) -> Option<&Section> {
        let slug = slug.to_ascii_lowercase();
        let target = self
            .lexicon
            .aliases
            .get(&slug)
            .map_or(slug.as_str(), String::as_str);
        self.sections.iter().find(|s| s.slug == target)
    }

    pub fn section(&self, id: SectionId) -> &Section {
        &self.sections[id]
    }

    pub fn passage(&self, id: PassageId) -> &Passage {
        &self.passages[id]
    }

    /// Sections that hold text of their own, in guide order: the topics a patient can browse.
    pub fn topics(&self) -> impl Iterator<Item = &Section> {
        self.sections.iter().filter(|s| !s.passages.is_empty())
    }

    /// The section's title with its parents', e.g. "Preparation for the Procedure › Bone Marrow Aspiration".
    pub fn section_path(&self, id: SectionId) -> String {
        let section = self.section(id);
        match section.parent {
            Some(parent) if self.section(parent).level > 1 => {
                format!("{} › {}", self.section_path(parent), section.title)
            }
            _ => section.title.clone(),
        }
    }
}

/// The `.md` files directly inside `dir`, sorted by name.
fn markdown_files(dir: &Path) -> Result<Vec<PathBuf>, KnowledgeError> {
    let entries = std::fs::read_dir(dir).map_err(|source| KnowledgeError::Read {
        path: dir.to_path_buf(),
        source,
    })?;
    let mut files = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|source| KnowledgeError::Read {
            path: dir.to_path_buf(),
            source,
        })?;
        let path = entry.path();
        if path.extension().is_some_and(|ext| ext == "md") && path.is_file() {
            files.push(path);
        }
    }
    files.sort();
    if files.is_empty() {
        return Err(KnowledgeError::NoGuide {
            dir: dir.to_path_buf(),
        });
    }
    Ok(files)
}

#[cfg(test)]
mod tests;
