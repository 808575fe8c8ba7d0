//! Deterministic, guide-like Markdown of any size, for benchmarks and scale tests.
//!
//! [`Synthetic`] writes `sections` sections of `passages_per_section` passages (paragraphs of
//! two to four sentences, and short bulleted lists) in the register of a clinic's patient
//! guide: procedures, body parts, symptoms, instructions and time spans, so that patients'
//! questions hit long posting lists as they would in a real, large guide. Besides a fixed
//! everyday vocabulary, every passage names a few rare terms (medicines, devices, places)
//! drawn from a heavy-tailed distribution, so the vocabulary keeps growing with the size of
//! the guide the way real text does (about 2,000 distinct words at 1,000 passages, 12,000 at
//! 10,000 and 44,000 at 50,000). The same seed always gives the same text; no `rand` crate is
//! involved.

use std::fmt::Write as _;

use crate::knowledge::Guide;

/// The seed the benchmarks use.
pub const DEFAULT_SEED: u64 = 0x6775_6964_6562_6f74;
/// Passages per section when only a total is given.
pub const DEFAULT_PASSAGES_PER_SECTION: usize = 10;
/// A top-level (`#`) part heading opens every this many sections.
const SECTIONS_PER_PART: usize = 12;
/// Rare-term ranks are drawn log-uniformly below this (Zipf's law with exponent 1).
const RARE_RANKS: f64 = 1_000_000.0;

/// A recipe for a generated guide.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Synthetic {
    /// Total passages (the last section takes the remainder).
    pub passages: usize,
    /// Passages under each section heading.
    pub passages_per_section: usize,
    pub seed: u64,
}

impl Synthetic {
    /// `sections` × `passages_per_section` passages.
    pub fn new(sections: usize, passages_per_section: usize, seed: u64) -> Self {
        Self {
            passages: sections * passages_per_section.max(1),
            passages_per_section: passages_per_section.max(1),
            seed,
        }
    }

    /// Exactly `passages` passages, [`DEFAULT_PASSAGES_PER_SECTION`] to a section.
    pub fn with_passages(passages: usize) -> Self {
        Self {
            passages,
            passages_per_section: DEFAULT_PASSAGES_PER_SECTION,
            seed: DEFAULT_SEED,
        }
    }

    /// How many section headings (`##`) the text has.
    pub fn sections(&self) -> usize {
        self.passages.div_ceil(self.passages_per_section)
    }

    /// The guide as Markdown.
    pub fn markdown(&self) -> String {
        let mut writer = Writer {
            rng: Rng::new(self.seed),
            out: String::with_capacity(self.passages * 330),
        };
        writer.out.push_str("# Generated Patient Guide\n\n");
        let mut left = self.passages;
        for section in 0..self.sections() {
            if section > 0 && section % SECTIONS_PER_PART == 0 {
                let title = writer.part_title(section / SECTIONS_PER_PART);
                let _ = write!(writer.out, "# {title}\n\n");
            }
            let here = left.min(self.passages_per_section);
            writer.section(here);
            left -= here;
        }
        writer.out
    }

    /// The guide parsed, as if read from a file named `synthetic.md` (no lexicon).
    pub fn guide(&self) -> Guide {
        Guide::from_markdown("synthetic.md", &self.markdown())
    }
}

/// xorshift64*: small, fast and good enough to pick words.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        // SplitMix64 once, so that nearby seeds give unrelated streams (and 0 is allowed).
        let mut z = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        Rng((z ^ (z >> 31)) | 1)
    }

    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// Uniform in `0..n` (n > 0).
    fn below(&mut self, n: usize) -> usize {
        (((self.next() >> 32) * n as u64) >> 32) as usize
    }

    /// Uniform in (0, 1].
    fn unit(&mut self) -> f64 {
        ((self.next() >> 11) + 1) as f64 / (1u64 << 53) as f64
    }

    fn pick<'a>(&mut self, words: &[&'a str]) -> &'a str {
        words[self.below(words.len())]
    }

    /// True with probability `p`.
    fn chance(&mut self, p: f64) -> bool {
        self.unit() <= p
    }
}

struct Writer {
    rng: Rng,
    out: String,
}

impl Writer {
    fn section(&mut self, passages: usize) {
        let title = self.section_title();
        let _ = write!(self.out, "## {title}\n\n");
        let mut written = 0;
        while written < passages {
            let left = passages - written;
            // A list opens its section: after a paragraph it could read as that paragraph's list.
            if left >= 2 && written == 0 && self.rng.chance(0.3) {
                let items = (2 + self.rng.below(3)).min(left);
                for _ in 0..items {
                    let sentence = self.sentence();
                    let _ = writeln!(self.out, "- {sentence}");
                }
                self.out.push('\n');
                written += 1;
            } else {
                let sentences = 2 + self.rng.below(3);
                for i in 0..sentences {
                    if i > 0 {
                        self.out.push(' ');
                    }
                    let sentence = self.sentence();
                    self.out.push_str(&sentence);
                }
                self.out.push_str("\n\n");
                written += 1;
            }
        }
    }

    fn part_title(&mut self, part: usize) -> String {
        let topic = capitalize(self.rng.pick(PROCEDURES));
        format!("Part {part}: {topic} and Aftercare")
    }

    fn section_title(&mut self) -> String {
        let procedure = capitalize(self.rng.pick(PROCEDURES));
        let body = self.rng.pick(BODY_PARTS);
        match self.rng.below(7) {
            0 => format!("{procedure} of the {}", capitalize(body)),
            1 => format!("Recovery after {procedure}"),
            2 => format!("Preparing for {procedure}"),
            3 => format!("{} after {procedure}", capitalize(self.rng.pick(SYMPTOMS))),
            4 => format!("Medicines: {}", capitalize(&self.rare())),
            5 => format!("Questions for {}", self.rng.pick(ACTORS)),
            _ => format!("{procedure} at {}", capitalize(&self.rare())),
        }
    }

    /// One sentence, ending with a full stop.
    fn sentence(&mut self) -> String {
        let r = &mut self.rng;
        let procedure = r.pick(PROCEDURES);
        let body = r.pick(BODY_PARTS);
        let symptom = r.pick(SYMPTOMS);
        let time = r.pick(TIMES);
        let actor = r.pick(ACTORS);
        let action = r.pick(ACTIONS);
        let activity = r.pick(ACTIVITIES);
        let imaging = r.pick(IMAGING);
        let anesthesia = r.pick(ANESTHESIA);
        let template = r.below(14);
        let rare = self.rare();
        let text = match template {
            0 => {
                format!(
                    "After the {procedure}, {actor} may recommend that you {action} for {time} and avoid {rare}."
                )
            }
            1 => format!(
                "Some patients notice {symptom} around the {body} for {time}, which usually settles without treatment or with {rare}."
            ),
            2 => format!(
                "{} will explain how the {procedure} is performed and answer any questions about {rare}.",
                capitalize(actor)
            ),
            3 => format!(
                "If you take {rare}, tell {actor} before the {procedure}, because it can increase {symptom}."
            ),
            4 => format!(
                "The {procedure} of the {body} usually takes {time} and is done under {anesthesia} with {rare}."
            ),
            5 => format!(
                "Please {action} on the day before your {procedure} at the {} unit.",
                capitalize(&rare)
            ),
            6 => format!(
                "It is normal to feel {symptom} in the {body} during the first {}, even after {rare}.",
                self.rng.pick(SHORT_TIMES)
            ),
            7 => format!(
                "Call {actor} if the {symptom} gets worse after {time}, if you are worried, or if you took {rare}."
            ),
            8 => format!(
                "Results for the {body} are usually assessed at a follow-up appointment at {} after {time}.",
                capitalize(&rare)
            ),
            9 => format!(
                "{} uses {imaging} and the {rare} system to guide the {procedure} to the exact site in the {body}.",
                capitalize(actor)
            ),
            10 => format!(
                "Bring your {} and a list of your medicines, including {rare}, to the {procedure}.",
                self.rng.pick(DOCUMENTS)
            ),
            11 => format!(
                "Most patients return to {activity} after {time}, depending on how the {body} heals and whether they use {rare}."
            ),
            12 => format!(
                "The cells collected during the {procedure} are processed in the {} at {}.",
                self.rng.pick(PLACES),
                capitalize(&rare)
            ),
            _ => format!(
                "Stem cell therapy for the {body} can reduce {symptom}, and {rare} may help with {}.",
                self.rng.pick(SYMPTOMS)
            ),
        };
        capitalize(&text)
    }

    /// A rare term: a pronounceable made-up name whose frequency follows Zipf's law.
    fn rare(&mut self) -> String {
        let rank = (self.rng.unit() * RARE_RANKS.ln()).exp() as u64;
        rare_word(rank)
    }
}

/// The made-up word for a rank: consonant–vowel syllables for its digits, then a suffix.
/// Every syllable has two letters, so distinct ranks give distinct words.
fn rare_word(rank: u64) -> String {
    const CONSONANTS: &[u8] = b"bdfklmnprstvz";
    const VOWELS: &[u8] = b"aeiou";
    const SUFFIXES: &[&str] = &["ine", "ol", "ex", "ide", "ate", "um", "on", "ar"];
    let syllables = (CONSONANTS.len() * VOWELS.len()) as u64;
    let suffix = SUFFIXES[(rank % SUFFIXES.len() as u64) as usize];
    let mut n = rank / SUFFIXES.len() as u64;
    let mut digits = Vec::new();
    while n > 0 || digits.len() < 2 {
        digits.push((n % syllables) as usize);
        n /= syllables;
    }
    let mut word = String::with_capacity(digits.len() * 2 + suffix.len());
    for &d in digits.iter().rev() {
        word.push(CONSONANTS[d / VOWELS.len()] as char);
        word.push(VOWELS[d % VOWELS.len()] as char);
    }
    word.push_str(suffix);
    word
}

fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

const PROCEDURES: &[&str] = &[
    "injection",
    "bone marrow harvest",
    "bone marrow aspiration",
    "fat tissue extraction",
    "liposuction",
    "infusion",
    "initial consultation",
    "assessment",
    "blood test",
    "biopsy",
    "follow-up visit",
    "physical therapy session",
    "stem cell therapy",
    "cell processing",
    "imaging study",
    "dressing change",
    "joint injection",
    "tendon treatment",
];

const BODY_PARTS: &[&str] = &[
    "knee",
    "hip",
    "shoulder",
    "spine",
    "elbow",
    "ankle",
    "wrist",
    "pelvis",
    "abdomen",
    "thigh",
    "tendon",
    "ligament",
    "joint",
    "cartilage",
    "lower back",
    "neck",
    "injection site",
];

const SYMPTOMS: &[&str] = &[
    "swelling",
    "redness",
    "stiffness",
    "bruising",
    "mild discomfort",
    "soreness",
    "tenderness",
    "fatigue",
    "itching",
    "warmth",
    "pain",
    "inflammation",
    "numbness",
];

const TIMES: &[&str] = &[
    "a couple of days",
    "one week",
    "two to three weeks",
    "24 hours",
    "48 hours",
    "several months",
    "30 minutes to an hour",
    "six weeks",
    "a few hours",
];

const SHORT_TIMES: &[&str] = &["night", "day", "two days", "week", "few hours"];

const ACTORS: &[&str] = &[
    "your doctor",
    "the nurse",
    "the care team",
    "your physiotherapist",
    "the pharmacist",
    "the clinic",
    "the medical team",
    "the coordinator",
    "your healthcare provider",
];

const ACTIONS: &[&str] = &[
    "rest",
    "avoid strenuous activities",
    "keep the dressing dry",
    "apply ice",
    "take your usual medication",
    "drink plenty of water",
    "walk short distances",
    "wear loose clothing",
    "avoid anti-inflammatory painkillers",
    "arrange a ride home",
    "stop smoking",
    "avoid alcohol",
];

const ACTIVITIES: &[&str] = &[
    "work",
    "driving",
    "light exercise",
    "sports",
    "the gym",
    "running",
    "swimming",
    "normal daily activities",
];

const IMAGING: &[&str] = &["ultrasound", "fluoroscopy", "an MRI scan", "X-rays"];

const ANESTHESIA: &[&str] = &[
    "local anesthesia",
    "a numbing agent",
    "light sedation",
    "local anaesthetic",
];

const DOCUMENTS: &[&str] = &[
    "appointment letter",
    "insurance card",
    "imaging results",
    "referral letter",
    "identity card",
];

const PLACES: &[&str] = &[
    "laboratory",
    "sterile room",
    "cell processing unit",
    "centrifuge room",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_text_and_exact_passage_count() {
        let spec = Synthetic::new(7, 9, 42);
        assert_eq!(spec.markdown(), spec.markdown());
        assert_ne!(spec.markdown(), Synthetic::new(7, 9, 43).markdown());
        let guide = spec.guide();
        assert_eq!(guide.passages.len(), 63);
        assert_eq!(guide.topics().count(), 7);
        let odd = Synthetic::with_passages(123).guide();
        assert_eq!(odd.passages.len(), 123);
        assert!(
            odd.passages
                .iter()
                .all(|p| p.text.ends_with('.') && p.text.len() > 40)
        );
    }

    #[test]
    fn rare_words_are_distinct_and_pronounceable() {
        let words: std::collections::HashSet<String> = (0..5_000).map(rare_word).collect();
        assert_eq!(words.len(), 5_000);
        assert!(
            words
                .iter()
                .all(|w| w.len() >= 6 && w.chars().all(|c| c.is_ascii_lowercase()))
        );
    }
}
