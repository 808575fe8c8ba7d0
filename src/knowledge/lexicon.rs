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
    /// The red-flag rules of `red-flags.toml`, in file order, with `@lists` written out.
    pub red_flags: Vec<RedFlagRule>,
    /// Labelled sentences of `red-flags.toml`, for the embedding model's second opinion.
    pub red_flag_examples: Vec<RedFlagExample>,
    /// Short name → the slug of the section it opens.
    pub aliases: BTreeMap<String, String>,
}

/// Which reply a red flag calls for.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RedFlagKind {
    /// A medical emergency: the emergency number first.
    #[default]
    Medical,
    /// Thoughts of suicide or self-harm: a calm reply with a crisis line and the emergency number.
    Crisis,
}

/// One urgent symptom (`[[flag]]` in `red-flags.toml`): a sentence mentioning a `symptom`
/// phrase and a phrase of every `with` group raises it, unless the patient's words say the
/// symptom is absent, past, hypothetical, asked about in general, or explained away.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RedFlagRule {
    pub name: String,
    #[serde(default)]
    pub kind: RedFlagKind,
    /// The symptom itself: any one of these phrases.
    #[serde(default)]
    pub symptom: Vec<String>,
    /// Further groups (severity, body part, timing, sign): one phrase of each must be in the
    /// same sentence too.
    #[serde(default)]
    pub with: Vec<Vec<String>>,
    /// Phrases holding a rule word that do not mean the symptom ("blood thinners", "fit to drive").
    #[serde(default)]
    pub not: Vec<String>,
    /// Phrases that, in the same part of the sentence, explain the symptom away ("anaesthetic").
    #[serde(default)]
    pub unless: Vec<String>,
    /// The danger outlasts the symptom (an overdose, a poisoning): "it stopped", "I feel fine
    /// now" do not set the flag aside.
    #[serde(default)]
    pub lasting: bool,
    /// The earlier format: groups of phrases, the first being the symptom and the rest `with`.
    #[serde(default)]
    pub when: Vec<Vec<String>>,
    /// 1-based line of the rule's `name` in `red-flags.toml` (0 when not read from a file).
    #[serde(skip)]
    pub line: usize,
}

/// A labelled sentence (`[[example]]` in `red-flags.toml`): `flag` names the rule it is an
/// example of, or is `"none"` for a message that is not an emergency.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RedFlagExample {
    pub text: String,
    pub flag: String,
}

/// `flag` of an example that is not an emergency.
pub const NOT_AN_EMERGENCY: &str = "none";

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
    /// Named word lists, used in rules as `"@name"`.
    #[serde(default)]
    words: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    flag: Vec<RedFlagRule>,
    #[serde(default)]
    example: Vec<RedFlagExample>,
}

impl Lexicon {
    /// The texts of the red-flag examples, in file order.
    pub fn red_flag_example_texts(&self) -> impl ExactSizeIterator<Item = &str> {
        self.red_flag_examples.iter().map(|e| e.text.as_str())
    }

    /// Reads the lexicon files in `dir`; a missing file means an empty list.
    pub fn load(dir: &Path) -> Result<Lexicon, KnowledgeError> {
        let synonyms = read_toml::<SynonymsFile>(&dir.join(SYNONYMS_FILE))?
            .map(|file| file.synonyms)
            .unwrap_or_default();
        let (red_flags, red_flag_examples) = read_red_flags(&dir.join(RED_FLAGS_FILE))?;
        let aliases = read_toml::<TopicsFile>(&dir.join(TOPICS_FILE))?
            .map(|file| file.aliases)
            .unwrap_or_default()
            .into_iter()
            .map(|(alias, slug)| (alias.to_ascii_lowercase(), slug.to_ascii_lowercase()))
            .collect();
        Ok(Lexicon {
            synonyms,
            red_flags,
            red_flag_examples,
            aliases,
        })
    }
}

/// Reads `red-flags.toml`: writes out `@lists`, turns the `when` format into `symptom` and
/// `with`, and checks every rule and example, with the line of any problem.
fn read_red_flags(path: &Path) -> Result<(Vec<RedFlagRule>, Vec<RedFlagExample>), KnowledgeError> {
    let Some(file) = read_toml::<RedFlagsFile>(path)? else {
        return Ok((Vec::new(), Vec::new()));
    };
    let text = std::fs::read_to_string(path).unwrap_or_default();
    parse_red_flags(file, &text).map_err(|(line, message)| KnowledgeError::Lexicon {
        path: path.to_path_buf(),
        line,
        message,
    })
}

fn parse_red_flags(
    file: RedFlagsFile,
    text: &str,
) -> Result<(Vec<RedFlagRule>, Vec<RedFlagExample>), (usize, String)> {
    let mut rules = Vec::with_capacity(file.flag.len());
    let mut seen = std::collections::HashSet::new();
    let mut searched_from = 0;
    for mut rule in file.flag {
        // Each rule's line: its `name = ...` after the previous rule's.
        rule.line = line_of_name(text, &rule.name, searched_from);
        searched_from = rule.line;
        let line = rule.line.max(1);
        let name = rule.name.clone();
        let fail = |message: String| Err((line, format!("red flag \"{name}\": {message}")));
        if rule.name.trim().is_empty() {
            return Err((line, "a red flag has an empty `name`".to_string()));
        }
        if !rule.when.is_empty() {
            if !rule.symptom.is_empty() || !rule.with.is_empty() {
                return fail("use either `when` or `symptom` and `with`, not both".into());
            }
            let mut groups = std::mem::take(&mut rule.when).into_iter();
            rule.symptom = groups.next().unwrap_or_default();
            rule.with = groups.collect();
        }
        if rule.symptom.is_empty() {
            return fail("has no `symptom` words".into());
        }
        let expand = |group: &[String]| -> Result<Vec<String>, String> {
            let mut out = Vec::new();
            for phrase in group {
                match phrase.strip_prefix('@') {
                    Some(list) => match file.words.get(list) {
                        Some(words) => out.extend(words.iter().cloned()),
                        None => {
                            return Err(format!("uses \"@{list}\", which is no list in [words]"));
                        }
                    },
                    None => out.push(phrase.clone()),
                }
            }
            for phrase in &out {
                if let Some(problem) = phrase_problem(phrase) {
                    return Err(format!("\"{phrase}\": {problem}"));
                }
            }
            Ok(out)
        };
        let expanded = (|| -> Result<(), String> {
            rule.symptom = expand(&rule.symptom)?;
            for group in &mut rule.with {
                *group = expand(group)?;
                if group.is_empty() {
                    return Err("has an empty `with` group".into());
                }
            }
            rule.not = expand(&rule.not)?;
            rule.unless = expand(&rule.unless)?;
            Ok(())
        })();
        if let Err(message) = expanded {
            return fail(message);
        }
        if !seen.insert(rule.name.clone()) {
            return fail("is defined twice: give each rule its own name".into());
        }
        rules.push(rule);
    }
    for example in &file.example {
        if example.flag != NOT_AN_EMERGENCY && !rules.iter().any(|r| r.name == example.flag) {
            let line = text
                .lines()
                .position(|l| l.contains(&example.text))
                .map_or(1, |i| i + 1);
            return Err((
                line,
                format!(
                    "example \"{}\" names flag \"{}\", which is no rule (use a rule's name or \"{NOT_AN_EMERGENCY}\")",
                    example.text, example.flag
                ),
            ));
        }
    }
    Ok((rules, file.example))
}

/// Why a phrase cannot be used in a rule, if it cannot.
fn phrase_problem(phrase: &str) -> Option<&'static str> {
    if phrase.trim().is_empty() {
        return Some("an empty phrase");
    }
    if phrase.contains('<') || phrase.contains('>') {
        return match temperature_from(phrase) {
            Some(_) => None,
            None => Some("write a temperature as \"<38°C or more>\""),
        };
    }
    if !phrase.chars().any(char::is_alphanumeric) {
        return Some("a phrase needs at least one letter or digit");
    }
    None
}

/// The lowest temperature (°C) of a `"<38°C or more>"` phrase.
pub fn temperature_from(phrase: &str) -> Option<f64> {
    let inner = phrase.trim().strip_prefix('<')?.strip_suffix('>')?;
    let number = inner.trim().strip_suffix("or more")?.trim();
    let number = number
        .strip_suffix("°C")
        .or_else(|| number.strip_suffix("°c"))
        .or_else(|| number.strip_suffix('C'))
        .or_else(|| number.strip_suffix('c'))?;
    number
        .trim()
        .parse()
        .ok()
        .filter(|t: &f64| (30.0..=45.0).contains(t))
}

/// The 1-based line where `name = "…"` sets `name`, searching from line `after` (0 if absent).
fn line_of_name(text: &str, name: &str, after: usize) -> usize {
    let quoted = [format!("\"{name}\""), format!("'{name}'")];
    text.lines()
        .enumerate()
        .skip(after)
        .find(|(_, line)| {
            let line = line.trim_start();
            line.starts_with("name") && quoted.iter().any(|q| line.contains(q.as_str()))
        })
        .map_or(0, |(i, _)| i + 1)
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
