//! The clinic-editable word lists in `knowledge/`: lay synonyms and red-flag symptoms.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use super::KnowledgeError;

/// The file holding lay words and the guide words they stand for.
pub const SYNONYMS_FILE: &str = "synonyms.toml";
/// The file holding short names for topics, for deep links (`?start=recovery`).
pub const TOPICS_FILE: &str = "topics.toml";
/// The file holding the symptom patterns that trigger the emergency reply.
pub const RED_FLAGS_FILE: &str = "red-flags.toml";

/// Lay language and red flags, as the clinic wrote them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Lexicon {
    /// Lay word or phrase → guide words or phrases.
    pub synonyms: BTreeMap<String, Vec<String>>,
    pub red_flags: Vec<RedFlagRule>,
    /// Short name → the slug of the section it opens.
    pub aliases: BTreeMap<String, String>,
}

/// One urgent symptom: matches when a sentence has a word from every group.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RedFlagRule {
    pub name: String,
    pub when: Vec<Vec<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SynonymsFile {
    #[serde(default)]
    synonyms: BTreeMap<String, Vec<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TopicsFile {
    #[serde(default)]
    aliases: BTreeMap<String, String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RedFlagsFile {
    #[serde(default)]
    flag: Vec<RedFlagRule>,
}

impl Lexicon {
    /// Reads the lexicon files in `dir`; a missing file means an empty list.
    pub fn load(dir: &Path) -> Result<Lexicon, KnowledgeError> {
        let synonyms = read_toml::<SynonymsFile>(&dir.join(SYNONYMS_FILE))?
            .map(|file| file.synonyms)
            .unwrap_or_default();
        let red_flags = read_toml::<RedFlagsFile>(&dir.join(RED_FLAGS_FILE))?
            .map(|file| file.flag)
            .unwrap_or_default();
        let aliases = read_toml::<TopicsFile>(&dir.join(TOPICS_FILE))?
            .map(|file| file.aliases)
            .unwrap_or_default()
            .into_iter()
            .map(|(alias, slug)| (alias.to_ascii_lowercase(), slug.to_ascii_lowercase()))
            .collect();
        let path = dir.join(RED_FLAGS_FILE);
        for rule in &red_flags {
            if rule.when.is_empty() || rule.when.iter().any(Vec::is_empty) {
                return Err(KnowledgeError::Lexicon {
                    path,
                    line: 1,
                    message: format!("red flag \"{}\" has an empty `when` group", rule.name),
                });
            }
        }
        Ok(Lexicon {
            synonyms,
            red_flags,
            aliases,
        })
    }
}

fn read_toml<T: serde::de::DeserializeOwned>(path: &Path) -> Result<Option<T>, KnowledgeError> {
    let text = match std::fs::read(path) {
        Ok(bytes) => String::from_utf8(bytes).map_err(|_| KnowledgeError::NotUtf8 {
            path: path.to_path_buf(),
        })?,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(source) => {
            return Err(KnowledgeError::Read {
                path: path.to_path_buf(),
                source,
            });
        }
    };
    toml::from_str(&text)
        .map(Some)
        .map_err(|err| KnowledgeError::Lexicon {
            path: path.to_path_buf(),
            line: err
                .span()
                .map(|span| text[..span.start].matches('\n').count() + 1)
                .unwrap_or(1),
            message: err.message().to_string(),
        })
}
