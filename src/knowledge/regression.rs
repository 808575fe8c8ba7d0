//! What a new guide lost compared with the last good one, and the problems in it that make
//! answers wrong: the reasons to refuse it (pure: two guides in, a list of reasons out).

use std::collections::BTreeSet;

use super::Guide;
use super::lint::{aliases_to_nowhere, sections_without_text};

/// Why a candidate guide should not replace the last good one; empty when it may.
///
/// What counts as lost is what patients or printed material rely on by name: a section
/// (matched by its slug, so a renamed heading counts as lost), a topic name of `topics.toml`
/// (deep links and QR codes), a lay word of `synonyms.toml`, a red flag of `red-flags.toml`.
/// Passages may come and go: editing text is the point of editing a guide.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Regression {
    /// Headings of the last good guide the candidate no longer has, in guide order.
    pub lost_sections: Vec<String>,
    /// Topic names (`topics.toml`) the candidate no longer has.
    pub lost_topic_names: Vec<String>,
    /// Lay words (`synonyms.toml`) the candidate no longer has.
    pub lost_synonyms: Vec<String>,
    /// Red flags (`red-flags.toml`) the candidate no longer has, by name.
    pub lost_red_flags: Vec<String>,
    /// Topic names of the candidate that open no section ("recovery → recovery-and-care"):
    /// a deep link or QR code would open the welcome instead. Only those the last good guide
    /// did not have already (it was accepted with them).
    pub topics_to_nowhere: Vec<String>,
    /// Headings of the candidate with no text and no subsection under them: a topic that
    /// cannot be shown, most often the end of a file cut short (new ones only, as above).
    pub empty_sections: Vec<String>,
}

impl Regression {
    /// Compares `candidate` with the last good guide (when there is one) and lists its
    /// answer-breaking problems.
    pub fn between(last_good: Option<&Guide>, candidate: &Guide) -> Regression {
        // Problems the last good guide had already were accepted with it: only new ones count.
        let (old_nowhere, old_empty) = last_good.map_or_else(Default::default, |last_good| {
            (topics_to_nowhere(last_good), empty_sections(last_good))
        });
        let mut regression = Regression {
            topics_to_nowhere: topics_to_nowhere(candidate)
                .into_iter()
                .filter(|topic| !old_nowhere.contains(topic))
                .collect(),
            empty_sections: empty_sections(candidate)
                .into_iter()
                .filter(|title| !old_empty.contains(title))
                .collect(),
            ..Regression::default()
        };
        let Some(last_good) = last_good else {
            return regression;
        };
        let slugs: BTreeSet<&str> = candidate.sections.iter().map(|s| s.slug.as_str()).collect();
        regression.lost_sections = last_good
            .sections
            .iter()
            .filter(|s| !slugs.contains(s.slug.as_str()))
            .map(|s| s.title.clone())
            .collect();
        let (was, is) = (&last_good.lexicon, &candidate.lexicon);
        regression.lost_topic_names = missing(was.aliases.keys(), is.aliases.keys());
        regression.lost_synonyms = missing(was.synonyms.keys(), is.synonyms.keys());
        regression.lost_red_flags = missing(
            was.red_flags.iter().map(|r| &r.name),
            is.red_flags.iter().map(|r| &r.name),
        );
        regression
    }

    /// Whether nothing was lost and nothing breaks answers.
    pub fn is_clean(&self) -> bool {
        self.kinds().iter().all(|(_, names)| names.is_empty())
    }

    /// Each kind of problem with its names, in the order they are reported.
    pub fn kinds(&self) -> [(Problem, &[String]); 6] {
        [
            (Problem::LostSections, &self.lost_sections),
            (Problem::LostTopicNames, &self.lost_topic_names),
            (Problem::LostSynonyms, &self.lost_synonyms),
            (Problem::LostRedFlags, &self.lost_red_flags),
            (Problem::TopicsToNowhere, &self.topics_to_nowhere),
            (Problem::EmptySections, &self.empty_sections),
        ]
    }
}

/// A kind of reason to refuse a guide (the words for each are in `reply::text`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Problem {
    LostSections,
    LostTopicNames,
    LostSynonyms,
    LostRedFlags,
    TopicsToNowhere,
    EmptySections,
}

/// The guide's topic names that open no section, as "name → slug".
fn topics_to_nowhere(guide: &Guide) -> Vec<String> {
    aliases_to_nowhere(guide)
        .map(|(alias, slug)| format!("{alias} → {slug}"))
        .collect()
}

/// The titles of the guide's headings with nothing under them.
fn empty_sections(guide: &Guide) -> Vec<String> {
    sections_without_text(guide)
        .map(|section| section.title.clone())
        .collect()
}

/// The names in `was` that are not in `is`, in `was`'s order.
fn missing<'a>(
    was: impl Iterator<Item = &'a String>,
    is: impl Iterator<Item = &'a String>,
) -> Vec<String> {
    let is: BTreeSet<&String> = is.collect();
    was.filter(|name| !is.contains(name)).cloned().collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::knowledge::RedFlagRule;

    const GUIDE: &str = "# Care\n\nRest well.\n\n## Pain\n\nSome pain is normal.\n\n## Driving\n\nDo not drive for a day.\n";

    fn guide(markdown: &str, aliases: &[(&str, &str)], synonyms: &[&str], flags: &[&str]) -> Guide {
        let mut guide = Guide::from_markdown("guide.md", markdown);
        for (alias, slug) in aliases {
            guide
                .lexicon
                .aliases
                .insert(alias.to_string(), slug.to_string());
        }
        for word in synonyms {
            guide
                .lexicon
                .synonyms
                .insert(word.to_string(), vec!["pain".into()]);
        }
        for name in flags {
            guide.lexicon.red_flags.push(RedFlagRule {
                name: name.to_string(),
                ..RedFlagRule::default()
            });
        }
        guide
    }

    fn shipped_like() -> Guide {
        guide(
            GUIDE,
            &[("car", "driving")],
            &["hurt", "sore"],
            &["bleeding"],
        )
    }

    #[test]
    fn the_same_guide_or_one_with_more_is_clean() {
        let last_good = shipped_like();
        assert!(Regression::between(Some(&last_good), &shipped_like()).is_clean());
        let more = guide(
            &format!("{GUIDE}\n## Parking\n\nPark behind the clinic.\n"),
            &[("car", "driving"), ("park", "parking")],
            &["hurt", "sore", "ache"],
            &["bleeding", "fever"],
        );
        assert_eq!(
            Regression::between(Some(&last_good), &more),
            Regression::default()
        );
    }

    #[test]
    fn a_guide_cut_short_lost_its_last_sections_and_its_topic_names_open_nothing() {
        let cut = guide(
            &GUIDE[..GUIDE.find("## Driving").unwrap() + 10],
            &[("car", "driving")],
            &["hurt", "sore"],
            &["bleeding"],
        );
        let regression = Regression::between(Some(&shipped_like()), &cut);
        assert_eq!(regression.lost_sections, Vec::<String>::new());
        assert_eq!(regression.empty_sections, ["Driving"]);
        assert_eq!(regression.topics_to_nowhere, Vec::<String>::new());

        let cut = guide(
            &GUIDE[..GUIDE.find("## Driving").unwrap()],
            &[("car", "driving")],
            &["hurt", "sore"],
            &["bleeding"],
        );
        let regression = Regression::between(Some(&shipped_like()), &cut);
        assert_eq!(regression.lost_sections, ["Driving"]);
        assert_eq!(regression.topics_to_nowhere, ["car → driving"]);
        assert!(!regression.is_clean());
    }

    #[test]
    fn lost_topic_names_synonyms_and_red_flags_are_named() {
        let fewer = guide(GUIDE, &[], &["sore"], &[]);
        let regression = Regression::between(Some(&shipped_like()), &fewer);
        assert_eq!(regression.lost_topic_names, ["car"]);
        assert_eq!(regression.lost_synonyms, ["hurt"]);
        assert_eq!(regression.lost_red_flags, ["bleeding"]);
        assert!(regression.lost_sections.is_empty());
    }

    #[test]
    fn a_renamed_heading_counts_as_a_lost_section() {
        let renamed = guide(
            &GUIDE.replace("## Driving", "## Cars"),
            &[],
            &["hurt", "sore"],
            &["bleeding"],
        );
        let regression = Regression::between(Some(&shipped_like()), &renamed);
        assert_eq!(regression.lost_sections, ["Driving"]);
        assert_eq!(regression.lost_topic_names, ["car"]);
    }

    #[test]
    fn without_a_last_good_guide_only_answer_breaking_problems_count() {
        let first = guide(GUIDE, &[("car", "cars")], &[], &[]);
        let regression = Regression::between(None, &first);
        assert_eq!(
            regression,
            Regression {
                topics_to_nowhere: vec!["car → cars".into()],
                ..Regression::default()
            }
        );
        assert!(Regression::between(None, &shipped_like()).is_clean());
    }

    #[test]
    fn problems_the_last_good_guide_already_had_are_not_counted_again() {
        let accepted = guide(GUIDE, &[("car", "cars")], &[], &[]);
        let worse = guide(GUIDE, &[("car", "cars"), ("ache", "aches")], &[], &[]);
        assert!(Regression::between(Some(&accepted), &accepted.clone()).is_clean());
        assert_eq!(
            Regression::between(Some(&accepted), &worse).topics_to_nowhere,
            ["ache → aches"]
        );
    }

    #[test]
    fn a_heading_with_only_subsections_under_it_is_not_empty() {
        let nested = guide("# Care\n\n## Pain\n\nSome pain is normal.\n", &[], &[], &[]);
        assert!(Regression::between(None, &nested).is_clean());
    }
}
