//! `guidebot check`: problems in a guide worth fixing before it goes live, each with file and line.

use std::collections::HashSet;
use std::fmt;
use std::path::{Path, PathBuf};

use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use unicode_segmentation::UnicodeSegmentation;

use super::{
    Guide, KnowledgeError, PassageKind, RED_FLAGS_FILE, SYNONYMS_FILE, Section, TOPICS_FILE,
};
use crate::answer::RedFlags;
use crate::language::Analyzer;

/// A passage longer than this (in characters) cannot be quoted comfortably in a chat.
pub const MAX_PASSAGE_CHARS: usize = 1500;
/// A sentence longer than this cannot be quoted on its own without overwhelming.
pub const MAX_SENTENCE_CHARS: usize = 600;

/// One problem, where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub file: PathBuf,
    pub line: usize,
    pub message: String,
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            write!(f, "{}: {}", self.file.display(), self.message)
        } else {
            write!(f, "{}:{}: {}", self.file.display(), self.line, self.message)
        }
    }
}

/// A word list whose entries point at what the guide does not have, as a share of its
/// entries: many of them suggest the file was written for another guide.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaleFile {
    pub file: PathBuf,
    /// Entries that point at nothing in this guide.
    pub stale: usize,
    /// All entries of the file.
    pub entries: usize,
    /// What a stale entry is ("synonyms name words this guide never uses").
    pub what: &'static str,
}

impl StaleFile {
    /// Whether most entries are stale: then the file was likely written for another guide.
    pub fn mostly_stale(&self) -> bool {
        self.stale * 2 > self.entries
    }
}

impl fmt::Display for StaleFile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {} of {} {}",
            self.file.display(),
            self.stale,
            self.entries,
            self.what
        )?;
        if self.mostly_stale() {
            f.write_str(": was this file written for another guide?")?;
        }
        Ok(())
    }
}

/// What `check` found: one line per word list with stale entries, then every problem.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Lint {
    pub stale: Vec<StaleFile>,
    /// Every problem, sorted by file and line.
    pub findings: Vec<Finding>,
}

/// The line that marks a red-flags file a clinician has not reviewed yet (`guidebot init`
/// writes it); `check` reports it until it is deleted.
pub const REVIEW_PENDING: &str = "# CLINICIAN REVIEW PENDING";

/// Loads the guide in `dir` and lists what is wrong with it (empty when all is well).
pub fn check(dir: &Path) -> Result<Lint, KnowledgeError> {
    let guide = Guide::load(dir)?;
    let mut findings = Vec::new();
    let mut stale = Vec::new();
    findings.extend(empty_headings(dir, &guide)?);
    findings.extend(duplicate_headings(dir, &guide));
    findings.extend(sections_without_text(&guide).map(|section| Finding {
        file: dir.join(&section.file),
        line: section.line,
        message: "no text under this heading: patients cannot be shown this topic (was the file cut short?)".into(),
    }));
    findings.extend(long_passages(dir, &guide));
    let (synonyms, stale_synonyms) = unused_synonyms(dir, &guide)?;
    findings.extend(synonyms);
    stale.extend(stale_synonyms);
    let (aliases, stale_aliases) = broken_aliases(dir, &guide)?;
    findings.extend(aliases);
    stale.extend(stale_aliases);
    findings.extend(red_flags_file(dir)?);
    findings.extend(red_flags_against_the_guide(dir, &guide));
    findings.sort_by(|a, b| (&a.file, a.line).cmp(&(&b.file, b.line)));
    Ok(Lint { stale, findings })
}

/// Whether the red flags in `dir` still carry the [`REVIEW_PENDING`] line.
pub fn red_flags_review_pending(dir: &Path) -> bool {
    std::fs::read_to_string(dir.join(RED_FLAGS_FILE)).is_ok_and(|text| {
        text.lines()
            .any(|line| line.trim_start().starts_with(REVIEW_PENDING))
    })
}

/// `red-flags.toml` itself: missing (no emergency is recognised), or not yet reviewed.
fn red_flags_file(dir: &Path) -> Result<Vec<Finding>, KnowledgeError> {
    let path = dir.join(RED_FLAGS_FILE);
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
            return Ok(vec![Finding {
                file: path,
                line: 0,
                message: "missing: the bot will recognise no emergency; `guidebot init DIR` writes a generic file for a clinician to review".into(),
            }]);
        }
        Err(source) => return Err(KnowledgeError::Read { path, source }),
    };
    Ok(text
        .lines()
        .position(|line| line.trim_start().starts_with(REVIEW_PENDING))
        .map(|i| Finding {
            file: path,
            line: i + 1,
            message: "not yet reviewed by a clinician: have a clinician check every rule against this clinic's treatments and patients, then delete this line".into(),
        })
        .into_iter()
        .collect())
}

fn empty_headings(dir: &Path, guide: &Guide) -> Result<Vec<Finding>, KnowledgeError> {
    let mut findings = Vec::new();
    let files: HashSet<&PathBuf> = guide.sections.iter().map(|s| &s.file).collect();
    let mut files: Vec<&PathBuf> = files.into_iter().collect();
    files.sort();
    for file in files {
        let path = dir.join(file);
        let text = std::fs::read_to_string(&path)
            .map_err(|source| KnowledgeError::Read { path, source })?;
        let mut heading: Option<(usize, String)> = None;
        for (event, range) in Parser::new(&text).into_offset_iter() {
            match event {
                Event::Start(Tag::Heading { .. }) => heading = Some((range.start, String::new())),
                Event::Text(t) | Event::Code(t) => {
                    if let Some((_, title)) = heading.as_mut() {
                        title.push_str(&t);
                    }
                }
                Event::End(TagEnd::Heading(_)) => {
                    if let Some((start, title)) = heading.take()
                        && title.trim().is_empty()
                    {
                        findings.push(Finding {
                            file: dir.join(file),
                            line: text[..start].matches('\n').count() + 1,
                            message: "empty heading: give it a title or remove it".into(),
                        });
                    }
                }
                _ => {}
            }
        }
    }
    Ok(findings)
}

fn duplicate_headings(dir: &Path, guide: &Guide) -> Vec<Finding> {
    let mut findings = Vec::new();
    for (i, section) in guide.sections.iter().enumerate() {
        let first = guide.sections[..i]
            .iter()
            .find(|earlier| earlier.title.eq_ignore_ascii_case(&section.title));
        if let Some(first) = first {
            findings.push(Finding {
                file: dir.join(&section.file),
                line: section.line,
                message: format!(
                    "duplicate heading “{}” (also at {}:{}): patients cannot tell the topics apart",
                    section.title,
                    first.file.display(),
                    first.line
                ),
            });
        }
    }
    findings
}

fn long_passages(dir: &Path, guide: &Guide) -> Vec<Finding> {
    let mut findings = Vec::new();
    for passage in &guide.passages {
        let file = dir.join(&guide.section(passage.section).file);
        // A list is one passage however long: it is quoted by its lines (the lead-in and the
        // items that answer), so each line must be quotable, not the whole list.
        let chars = match passage.kind {
            PassageKind::List { .. } => passage.text.lines().map(|l| l.chars().count()).max(),
            _ => Some(passage.text.chars().count()),
        };
        if let Some(chars) = chars.filter(|&chars| chars > MAX_PASSAGE_CHARS) {
            let what = match passage.kind {
                PassageKind::List { .. } => "list item",
                _ => "passage",
            };
            findings.push(Finding {
                file: file.clone(),
                line: passage.line,
                message: format!(
                    "{what} of {chars} characters is too long to quote (at most {MAX_PASSAGE_CHARS}): split it into paragraphs"
                ),
            });
        }
        if let Some(sentence) = passage
            .text
            .unicode_sentences()
            .find(|s| s.chars().count() > MAX_SENTENCE_CHARS)
        {
            findings.push(Finding {
                file,
                line: passage.line,
                message: format!(
                    "a sentence of {} characters is too long to quote on its own (at most {MAX_SENTENCE_CHARS})",
                    sentence.chars().count()
                ),
            });
        }
    }
    findings
}

fn unused_synonyms(
    dir: &Path,
    guide: &Guide,
) -> Result<(Vec<Finding>, Option<StaleFile>), KnowledgeError> {
    let path = dir.join(SYNONYMS_FILE);
    let Ok(text) = std::fs::read_to_string(&path) else {
        return Ok((Vec::new(), None));
    };
    let analyzer = Analyzer::default();
    let known: HashSet<String> = guide
        .passages
        .iter()
        .flat_map(|p| analyzer.stems(&p.text))
        .chain(guide.sections.iter().flat_map(|s| analyzer.stems(&s.title)))
        .collect();
    let mut findings = Vec::new();
    let mut stale_keys = 0;
    for (key, targets) in &guide.lexicon.synonyms {
        let before = findings.len();
        for target in targets {
            let missing: Vec<String> = analyzer
                .words(target)
                .into_iter()
                .filter(|word| !known.contains(&analyzer.stem(word)))
                .collect();
            if !missing.is_empty() {
                findings.push(Finding {
                    file: path.clone(),
                    line: line_of_key(&text, key),
                    message: format!(
                        "synonym “{key}” → “{target}”: the guide never uses {}",
                        missing.join(", ")
                    ),
                });
            }
        }
        if findings.len() > before {
            stale_keys += 1;
        }
    }
    let stale = (stale_keys > 0).then(|| StaleFile {
        file: path.clone(),
        stale: stale_keys,
        entries: guide.lexicon.synonyms.len(),
        what: "synonyms name words this guide never uses",
    });
    Ok((findings, stale))
}

fn broken_aliases(
    dir: &Path,
    guide: &Guide,
) -> Result<(Vec<Finding>, Option<StaleFile>), KnowledgeError> {
    let path = dir.join(TOPICS_FILE);
    let Ok(text) = std::fs::read_to_string(&path) else {
        return Ok((Vec::new(), None));
    };
    let findings: Vec<Finding> = guide
        .lexicon
        .aliases
        .iter()
        .filter(|(alias, slug)| !super::is_payload(alias) || opens_no_section(guide, slug))
        .map(|(alias, slug)| Finding {
            file: path.clone(),
            line: line_of_key(&text, alias),
            message: if super::is_payload(alias) {
                format!("topic “{alias}” points at “{slug}”, which is no section's name (see `guidebot links`)")
            } else {
                format!("topic name “{alias}” may only use letters, digits, - and _")
            },
        })
        .collect();
    let stale = (!findings.is_empty()).then(|| StaleFile {
        file: path.clone(),
        stale: findings.len(),
        entries: guide.lexicon.aliases.len(),
        what: "topic names point at no section of this guide",
    });
    Ok((findings, stale))
}

/// Headings with neither text nor a subsection under them: topics that cannot be shown.
pub(super) fn sections_without_text(guide: &Guide) -> impl Iterator<Item = &Section> {
    guide.sections.iter().filter(|section| {
        section.passages.is_empty() && !guide.sections.iter().any(|s| s.parent == Some(section.id))
    })
}

/// Topic names of `topics.toml` (well formed) that name no section of the guide.
pub(super) fn aliases_to_nowhere(guide: &Guide) -> impl Iterator<Item = (&String, &String)> {
    guide
        .lexicon
        .aliases
        .iter()
        .filter(|(alias, slug)| super::is_payload(alias) && opens_no_section(guide, slug))
}

fn opens_no_section(guide: &Guide, slug: &str) -> bool {
    !guide.sections.iter().any(|s| s.slug == slug)
}

/// Red-flag rules that fire on a sentence the guide calls normal ("Some bleeding from the gum
/// is normal for a day"): a patient writing the same would get the emergency reply.
fn red_flags_against_the_guide(dir: &Path, guide: &Guide) -> Vec<Finding> {
    let analyzer = Analyzer::default();
    let flags = RedFlags::for_guide(guide, &analyzer);
    let mut findings = Vec::new();
    for statement in flags.normal_statements() {
        for (name, line) in flags.firing_on(&statement.text, &analyzer) {
            let rule_at = if line > 0 {
                format!(" ({RED_FLAGS_FILE}:{line})")
            } else {
                String::new()
            };
            findings.push(Finding {
                file: dir.join(&statement.file),
                line: statement.line,
                message: format!(
                    "red flag “{name}”{rule_at} fires on “{}”, which the guide calls normal: a patient writing this would get the emergency reply; narrow the rule (`with`, `not`, `unless`) or reword the guide",
                    statement.text
                ),
            });
        }
    }
    findings
}

/// The line where a TOML key is defined (1 if not found).
fn line_of_key(text: &str, key: &str) -> usize {
    text.lines()
        .position(|line| {
            let line = line.trim_start().to_lowercase();
            let key = key.to_lowercase();
            line.starts_with(&format!("{key} "))
                || line.starts_with(&format!("{key}="))
                || line.starts_with(&format!("\"{key}\""))
        })
        .map_or(1, |i| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The findings of `check` on a folder, as "file:line: message".
    fn findings_in(dir: &Path) -> Vec<String> {
        check(dir)
            .unwrap()
            .findings
            .iter()
            .filter(|f| !f.file.ends_with(RED_FLAGS_FILE) || f.line > 0)
            .map(|f| {
                format!(
                    "{}:{}: {}",
                    f.file.file_name().unwrap().to_string_lossy(),
                    f.line,
                    f.message
                )
            })
            .collect()
    }

    #[test]
    fn the_shipped_guide_is_clean() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("knowledge");
        let lint = check(&dir).unwrap();
        assert!(
            lint.findings.is_empty() && lint.stale.is_empty(),
            "{lint:#?}"
        );
    }

    #[test]
    fn a_long_list_is_fine_but_not_a_long_item() {
        let dir = tempfile::tempdir().unwrap();
        let items: String = (1..=30)
            .map(|i| format!("{i}. Step {i}: rest, drink water and walk a little every day.\n"))
            .collect();
        let item = "Walk a little. ".repeat(120);
        std::fs::write(
            dir.path().join("guide.md"),
            format!("# Care\n\nEvery day:\n\n{items}\n## More\n\n- {item}\n"),
        )
        .unwrap();
        std::fs::write(dir.path().join(RED_FLAGS_FILE), "").unwrap();
        let findings = check(dir.path()).unwrap().findings;
        assert_eq!(findings.len(), 1, "{findings:#?}");
        assert_eq!(findings[0].line, 38);
        assert!(
            findings[0]
                .message
                .starts_with("list item of 1801 characters"),
            "{findings:#?}"
        );
    }

    #[test]
    fn finds_each_kind_of_problem_with_file_and_line() {
        let dir = tempfile::tempdir().unwrap();
        let long = "A very long sentence about care ".repeat(30);
        std::fs::write(
            dir.path().join("guide.md"),
            format!(
                "# Care\n\nRest well.\n\n##\n\n## Care\n\nDrink water.\n\n## Long\n\n{long}.\n"
            ),
        )
        .unwrap();
        std::fs::write(
            dir.path().join(SYNONYMS_FILE),
            "[synonyms]\nsleep = [\"rest\"]\ngym = [\"strenuous activities\"]\n",
        )
        .unwrap();
        std::fs::write(
            dir.path().join(TOPICS_FILE),
            "[aliases]\nafter = \"aftercare\"\n",
        )
        .unwrap();
        let findings = findings_in(dir.path());
        let has = |prefix: &str, words: &str| {
            findings
                .iter()
                .any(|f| f.starts_with(prefix) && f.contains(words))
        };
        assert!(has("guide.md:5:", "empty heading"), "{findings:#?}");
        assert!(
            has("guide.md:7:", "duplicate heading “Care”"),
            "{findings:#?}"
        );
        assert!(has("guide.md:13:", "too long to quote"), "{findings:#?}");
        assert!(
            has("synonyms.toml:3:", "never uses strenuous, activities"),
            "{findings:#?}"
        );
        assert!(has("topics.toml:2:", "“aftercare”"), "{findings:#?}");
        assert!(
            !findings.iter().any(|f| f.contains("red flag")),
            "{findings:#?}"
        );
        assert!(
            !findings.iter().any(|f| f.contains("“sleep”")),
            "{findings:#?}"
        );
    }

    #[test]
    fn red_flag_rules_that_contradict_the_guide_are_reported_with_file_and_line() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("guide.md"),
            "# After your implant\n\n## What to expect\n\nSome bleeding from the gum is normal for a day.\n\n## When to call\n\nCall us if the bleeding does not stop.\n",
        )
        .unwrap();
        std::fs::write(
            dir.path().join(RED_FLAGS_FILE),
            "[[flag]]\nname = \"careful\"\nsymptom = [\"bleeding\"]\nwith = [[\"won't stop\"]]\n\n[[flag]]\nname = \"gum bleeding\"\nsymptom = [\"bleeding\"]\nwith = [[\"gum\"]]\n",
        )
        .unwrap();
        let findings = findings_in(dir.path());
        assert_eq!(findings.len(), 1, "{findings:#?}");
        assert!(
            findings[0].starts_with("guide.md:5: red flag “gum bleeding” (red-flags.toml:7)"),
            "{findings:#?}"
        );
    }

    #[test]
    fn a_word_list_written_for_another_guide_is_summed_up_in_one_line() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("guide.md"),
            "# After your extraction\n\nBite on the gauze pad for an hour. Some pain is normal.\n",
        )
        .unwrap();
        std::fs::write(
            dir.path().join(SYNONYMS_FILE),
            "[synonyms]\nhurt = [\"pain\"]\nharvest = [\"bone marrow\"]\njab = [\"injection\"]\n",
        )
        .unwrap();
        std::fs::write(
            dir.path().join(TOPICS_FILE),
            "[aliases]\nrecovery = \"recovery-and-follow-up\"\n",
        )
        .unwrap();
        let lint = check(dir.path()).unwrap();
        let stale: Vec<String> = lint
            .stale
            .iter()
            .map(|s| {
                s.to_string()
                    .replace(&format!("{}/", dir.path().display()), "")
            })
            .collect();
        assert_eq!(
            stale,
            [
                "synonyms.toml: 2 of 3 synonyms name words this guide never uses: was this file written for another guide?",
                "topics.toml: 1 of 1 topic names point at no section of this guide: was this file written for another guide?",
            ]
        );
        let lines: Vec<(String, usize)> = lint
            .findings
            .iter()
            .map(|f| {
                (
                    f.file.file_name().unwrap().to_string_lossy().into_owned(),
                    f.line,
                )
            })
            .collect();
        let mut sorted = lines.clone();
        sorted.sort();
        assert_eq!(lines, sorted);
    }

    #[test]
    fn a_heading_left_with_nothing_under_it_is_reported() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("guide.md"),
            "# Care\n\n## Rest\n\nRest well.\n\n## Driving\n",
        )
        .unwrap();
        std::fs::write(dir.path().join(RED_FLAGS_FILE), "").unwrap();
        assert_eq!(
            findings_in(dir.path()),
            [
                "guide.md:7: no text under this heading: patients cannot be shown this topic (was the file cut short?)"
            ]
        );
    }

    #[test]
    fn a_missing_or_unreviewed_red_flags_file_is_reported() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("guide.md"), "# Care\n\nRest well.\n").unwrap();
        let findings = check(dir.path()).unwrap().findings;
        assert_eq!(findings.len(), 1, "{findings:#?}");
        assert!(
            findings[0]
                .to_string()
                .ends_with("red-flags.toml: missing: the bot will recognise no emergency; `guidebot init DIR` writes a generic file for a clinician to review"),
            "{findings:#?}"
        );
        std::fs::write(
            dir.path().join(RED_FLAGS_FILE),
            format!("# Red flags\n{REVIEW_PENDING}: delete this line once reviewed.\n"),
        )
        .unwrap();
        let findings = check(dir.path()).unwrap().findings;
        assert_eq!(findings.len(), 1, "{findings:#?}");
        assert_eq!(findings[0].line, 2);
        assert!(
            findings[0]
                .message
                .starts_with("not yet reviewed by a clinician")
        );
    }
}
