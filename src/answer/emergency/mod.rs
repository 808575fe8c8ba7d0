//! Red flags: messages that describe an emergency, caught before any search.
//!
//! The clinic's rules (`knowledge/red-flags.toml`) name symptoms and what must come with them
//! ("bleeding" + "won't stop"). A sentence matching a rule raises the flag unless the
//! patient's own words say otherwise, each idea in its own module:
//! - [`negation`]: the symptom is denied ("no headache", "I don't have a fever");
//! - [`timing`]: it is long past ("had a seizure once as a teenager", "in 2019"), on an
//!   earlier day ("choked on a sweet last week", "three weeks ago", "in September"), a habit
//!   ("I always faint at blood tests"), has stopped ("the bleeding stopped", "coughed it
//!   straight out") or is in hospital's hands ("in ICU after his cardiac arrest");
//! - [`hypothetical`]: it is spoken of, not had ("what if I get chest pain", "will I bleed",
//!   "signs of a stroke"), or nearly happened ("nearly gave me a heart attack");
//! - [`question`]: it is asked about in general ("is a bit of bleeding normal?"), or of
//!   anyone ("asked parents what to do for burns");
//! - [`guide`]: the guide calls it normal and the patient describes it as mild;
//! - the rule's own `not` and `unless` phrases ("blood thinners", "anaesthetic"), and jokes
//!   ("lol") for medical flags (for a crisis, only a wish to die that compares or blames a
//!   named nuisance: "this heatwave is making me want to die lol").
//!
//! A crisis rule may also be met by words spread over the message's statements ("Said my
//! goodbyes. Sorted the will. Got the rope."), each sentence harmless alone; a medical rule by
//! words spread over a run of notes or a timeline ("peak flow 120. normal 450. cant talk
//! much"; "Pain started round my belly button last night. Now it's moved low down on the
//! right, agony…"): a short note holding a number is read with the sentences next to it, and
//! a sentence whose subject is "it" with the one before.
//!
//! [`who`] finds who has the symptom and when it started, for the explanation; [`typos`] puts
//! misspelt symptom words right; [`second_opinion`] lets the embedding model add a flag the
//! rules missed, from labelled example sentences.

mod guide;
mod hypothetical;
mod negation;
mod phrase;
mod question;
mod rules;
pub mod second_opinion;
mod timing;
mod typos;
mod who;
mod words;

#[cfg(test)]
mod tests;

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::sync::LazyLock;

use serde::Serialize;

pub use crate::knowledge::RedFlagKind;
pub use guide::NormalStatement;
pub use second_opinion::Neighbour;

use crate::knowledge::{Guide, NOT_AN_EMERGENCY, RedFlagExample, RedFlagRule};
use crate::language::{Analyzer, is_stopword};
use phrase::Span;
use rules::{Hit, Part, Rule, Rulebook};
use typos::Speller;
use words::Sentence;

/// Longest sentence kept in an explanation, in characters.
const MAX_SENTENCE_CHARS: usize = 300;
/// Most words of a short exclamation that heads a joke told in the next sentence.
const EXCLAMATION_WORDS: usize = 4;
/// Longest message the second opinion looks at, in bytes.
const MAX_VOTE_BYTES: usize = 2000;

/// An emergency raised by a message: the rule (or examples) behind it and the words that did.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RedFlag {
    /// The rule's name in `red-flags.toml` ("stroke: face drooping").
    pub name: String,
    pub kind: RedFlagKind,
    pub evidence: Evidence,
    /// A crisis flag raised by the same message, when a medical one comes first ("I took all
    /// my pills, I don't want to be here"): the reply speaks to both.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub crisis_too: Option<String>,
}

/// The patient's words behind a red flag, as written.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Evidence {
    /// The sentence of the message that raised it.
    pub sentence: String,
    /// The symptom ("face", "bleeding", "can't breathe").
    pub symptom: String,
    /// The rest the rule needed: severity, body part, sign ("dropped", "won't stop").
    pub details: Vec<String>,
    /// Who has it ("I", "my dad", "he"), when the sentence says.
    pub who: Option<String>,
    /// When ("since my op", "10 mins ago", "now"), when the sentence says.
    pub when: Option<String>,
    /// Line of the rule in `red-flags.toml` (0 when unknown).
    pub rule_line: usize,
    /// The nearest labelled examples, when the embedding model raised the flag.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub examples: Vec<Neighbour>,
}

impl fmt::Display for RedFlag {
    /// The rule's name.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.name)
    }
}

impl RedFlag {
    /// One line for staff: the rule and the words behind it.
    pub fn describe(&self) -> String {
        let e = &self.evidence;
        let mut out = format!("{} ({})", self.name, kind_name(self.kind));
        if e.rule_line > 0 {
            out.push_str(&format!(", red-flags.toml line {}", e.rule_line));
        }
        if !e.symptom.is_empty() {
            out.push_str(&format!(": symptom “{}”", e.symptom));
        }
        if !e.details.is_empty() {
            out.push_str(&format!(
                ", with {}",
                e.details
                    .iter()
                    .map(|d| format!("“{d}”"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
        if let Some(who) = &e.who {
            out.push_str(&format!("; who: {who}"));
        }
        if let Some(when) = &e.when {
            out.push_str(&format!("; when: {when}"));
        }
        if let Some(crisis) = &self.crisis_too {
            out.push_str(&format!("; also a crisis: {crisis}"));
        }
        if !e.examples.is_empty() {
            out.push_str("; nearest examples: ");
            out.push_str(
                &e.examples
                    .iter()
                    .map(|n| format!("“{}” ({:.2})", n.example, n.similarity))
                    .collect::<Vec<_>>()
                    .join(", "),
            );
        }
        out
    }
}

fn kind_name(kind: RedFlagKind) -> &'static str {
    match kind {
        RedFlagKind::Medical => "medical emergency",
        RedFlagKind::Crisis => "crisis",
    }
}

/// A rule whose words were in the message but which the rest of the message set aside.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SetAside {
    pub flag: String,
    /// The words that matched, as written.
    pub words: Vec<String>,
    /// Why it is not an emergency ("a question: “is …”", "denied: “no”").
    pub reason: String,
}

/// The whole judgement on one message: the flag raised (if any) and the rules set aside.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Assessment {
    pub flag: Option<RedFlag>,
    pub set_aside: Vec<SetAside>,
}

/// The clinic's red-flag rules, ready to check messages.
#[derive(Debug, Default)]
pub struct RedFlags {
    book: Rulebook,
    speller: Speller,
    /// Sentences of the guide that call something normal.
    normal: Vec<NormalStatement>,
    /// Content stem → the normal statements using it.
    normal_by_stem: HashMap<String, Vec<usize>>,
    /// Labelled examples: text and flag (`None`: not an emergency).
    examples: Vec<(String, Option<String>)>,
    /// Stems of the words of the rules' `symptom` and `with` phrases, stopwords left out.
    signs: HashSet<String>,
}

/// How strictly to read a sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Reading {
    /// A patient's message: every modifier applies.
    Patient,
    /// A sentence of the guide: only negation, stops and the rule's own exceptions apply.
    Guide,
}

impl RedFlags {
    /// The rules alone, without a guide to say what is normal.
    pub fn new(rules: &[RedFlagRule], analyzer: &Analyzer) -> Self {
        Self::build(rules, &[], None, analyzer)
    }

    /// The guide's rules and examples, aware of what the guide calls normal.
    pub fn for_guide(guide: &Guide, analyzer: &Analyzer) -> Self {
        Self::build(
            &guide.lexicon.red_flags,
            &guide.lexicon.red_flag_examples,
            Some(guide),
            analyzer,
        )
    }

    fn build(
        rules: &[RedFlagRule],
        examples: &[RedFlagExample],
        guide: Option<&Guide>,
        analyzer: &Analyzer,
    ) -> Self {
        let book = Rulebook::new(rules, analyzer);
        let rule_words: Vec<String> = book
            .rules
            .iter()
            .flat_map(|r| r.groups.iter().flatten().chain(&r.not).chain(&r.unless))
            .flat_map(|p| words::sentences(&p.text, analyzer))
            .flat_map(|s| s.tokens.into_iter().map(|t| t.word))
            .collect();
        let guide_words: Vec<String> = guide
            .map(|g| {
                g.passages
                    .iter()
                    .map(|p| p.text.as_str())
                    .chain(g.sections.iter().map(|s| s.title.as_str()))
                    .flat_map(|text| analyzer.words(text))
                    .collect()
            })
            .unwrap_or_default();
        let signs: HashSet<String> = book
            .rules
            .iter()
            .flat_map(|r| r.groups.iter().flatten())
            .flat_map(|p| words::sentences(&p.text, analyzer))
            .flat_map(|s| s.tokens)
            .filter(|t| {
                t.number.is_none()
                    && !is_stopword(&t.word)
                    && !CONTRACTED_PRONOUNS.contains(&t.word.as_str())
            })
            .map(|t| t.stem)
            .collect();
        let speller = Speller::new(rule_words, guide_words);
        let normal = guide
            .map(|g| guide::normal_statements(g, analyzer))
            .unwrap_or_default();
        let mut normal_by_stem: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, statement) in normal.iter().enumerate() {
            for stem in &statement.stems {
                let list = normal_by_stem.entry(stem.clone()).or_default();
                if !is_stopword(stem) && !list.contains(&i) {
                    list.push(i);
                }
            }
        }
        let examples = examples
            .iter()
            .map(|e| {
                let flag = (e.flag != NOT_AN_EMERGENCY).then(|| e.flag.clone());
                (e.text.clone(), flag)
            })
            .collect();
        RedFlags {
            book,
            speller,
            normal,
            normal_by_stem,
            examples,
            signs,
        }
    }

    /// The emergency the message describes, if any: a medical one before a crisis.
    pub fn check(&self, message: &str, analyzer: &Analyzer) -> Option<RedFlag> {
        self.assess(message, analyzer).flag
    }

    /// The flag the message raises and the rules it set aside, with the reasons.
    pub fn assess(&self, message: &str, analyzer: &Analyzer) -> Assessment {
        self.assess_sentences(&mut words::sentences(message, analyzer), message, analyzer)
    }

    /// [`RedFlags::assess`] of a message already split into sentences.
    fn assess_sentences(
        &self,
        sentences: &mut [Sentence],
        message: &str,
        analyzer: &Analyzer,
    ) -> Assessment {
        let mut medical: Option<RedFlag> = None;
        let mut crisis: Option<RedFlag> = None;
        let mut set_aside: Vec<SetAside> = Vec::new();
        // What the message as a whole tells each sentence: a programme named anywhere in it,
        // and a sentence that names what the one before it meant.
        let on_screen = sentences
            .iter()
            .any(|s| question::names_a_programme(&s.tokens).is_some());
        let claim_checked = sentences
            .iter()
            .any(|s| question::checks_a_claim(&s.tokens).is_some());
        let well: Vec<Option<&'static str>> = sentences
            .iter()
            .map(|s| timing::well_now(&s.tokens, true).map(|(cue, _)| cue))
            .collect();
        let in_care: Vec<Option<&'static str>> = sentences
            .iter()
            .map(|s| timing::in_care_now(&s.tokens, s.asks))
            .collect();
        for k in 0..sentences.len() {
            sentences[k].well_elsewhere = (0..well.len()).filter(|&j| j != k).find_map(|j| well[j]);
            // The sentence just before or after: "…last night with a stroke. He's on the ward
            // now".
            sentences[k].in_care_elsewhere = [k.wrapping_sub(1), k + 1]
                .into_iter()
                .find_map(|j| in_care.get(j).copied().flatten());
            sentences[k].on_screen = on_screen;
            sentences[k].claim_checked = claim_checked;
            sentences[k].meant_next = sentences
                .get(k + 1)
                .and_then(|next| question::names_what_was_meant(&next.tokens, 0));
            sentences[k].partner_next = sentences
                .get(k + 1)
                .and_then(|next| question::with_a_partner(&next.tokens, 0));
        }
        // "I AM DYING. sore throat is THE WORST 💀": a short exclamation heads the joke told in
        // the sentence after it.
        for k in 0..sentences.len().saturating_sub(1) {
            let short = &sentences[k];
            if laughs(&sentences[k + 1..=k + 1])
                && short.laugh_at.is_none()
                && !short.asks
                && short.tokens.len() <= EXCLAMATION_WORDS
            {
                sentences[k].laugh_at = Some(sentences[k].tokens.len() - 1);
            }
        }
        for sentence in sentences.iter_mut() {
            self.fix_typos(sentence, analyzer);
            let hits = self.book.hits(&sentence.tokens);
            for ours in hits.chunk_by(|a, b| a.rule == b.rule) {
                let r = ours[0].rule;
                let rule = &self.book.rules[r];
                let found = match (rule.kind, &medical, &crisis) {
                    (RedFlagKind::Medical, Some(_), _) | (RedFlagKind::Crisis, _, Some(_)) => {
                        continue;
                    }
                    _ => self.judge(r, ours, sentence, message, Reading::Patient),
                };
                match found {
                    Some(Ok(flag)) if rule.kind == RedFlagKind::Crisis => crisis = Some(flag),
                    Some(Ok(flag)) => medical = Some(flag),
                    Some(Err(aside)) if !set_aside.iter().any(|s| s.flag == aside.flag) => {
                        set_aside.push(aside);
                    }
                    Some(Err(_)) | None => {}
                }
            }
        }
        if medical.is_none() {
            medical = read_together(sentences).into_iter().find_map(|range| {
                let well_outside = (0..well.len())
                    .filter(|j| !range.contains(j))
                    .find_map(|j| well[j]);
                let parts: Vec<&Sentence> = sentences[range].iter().collect();
                let asks = parts.last().is_some_and(|s| s.asks);
                // A note reads as the opening (or the end) of the clause next to it: "I'm 30
                // weeks pregnant. Had a bad headache last week" tells of last week's headache.
                let glued: Vec<bool> = parts
                    .windows(2)
                    .map(|w| is_a_note(w[0]) || is_a_note(w[1]))
                    .collect();
                let mut together = join(&parts, &glued, message, asks)?;
                together.well_elsewhere = well_outside;
                self.medical_across_sentences(&together, message)
            });
        }
        if crisis.is_none()
            && let Some(whole) = statements_together(sentences, message)
        {
            crisis = self.crisis_across_sentences(&whole, message, &set_aside);
        }
        let flag = match (medical, crisis) {
            (Some(mut medical), Some(crisis)) => {
                medical.crisis_too = Some(crisis.name);
                Some(medical)
            }
            (medical, crisis) => medical.or(crisis),
        };
        if let Some(flag) = &flag {
            set_aside.retain(|s| s.flag != flag.name);
        }
        Assessment { flag, set_aside }
    }

    /// A crisis rule whose words are spread over the message's statements ("Said my
    /// goodbyes. Sorted the will. Got the rope."): the warning signs of suicide are often
    /// written as short sentences, each harmless alone. A rule already set aside in one
    /// sentence stays aside; one set aside only here is not recorded (the sentences alone
    /// decide what is explained).
    fn crisis_across_sentences(
        &self,
        whole: &Sentence,
        message: &str,
        set_aside: &[SetAside],
    ) -> Option<RedFlag> {
        let hits = self.book.hits(&whole.tokens);
        for ours in hits.chunk_by(|a, b| a.rule == b.rule) {
            let r = ours[0].rule;
            let rule = &self.book.rules[r];
            if rule.kind != RedFlagKind::Crisis || set_aside.iter().any(|s| s.flag == rule.name) {
                continue;
            }
            if let Some(Ok(flag)) = self.judge(r, ours, whole, message, Reading::Patient) {
                return Some(flag);
            }
        }
        None
    }

    /// A medical rule met by sentences read together ([`read_together`]): "peak flow 120.
    /// normal 450. cant talk much". Nothing set aside here is recorded (the sentences alone
    /// decide what is explained).
    fn medical_across_sentences(&self, together: &Sentence, message: &str) -> Option<RedFlag> {
        let hits = self.book.hits(&together.tokens);
        hits.chunk_by(|a, b| a.rule == b.rule).find_map(|ours| {
            let r = ours[0].rule;
            if self.book.rules[r].kind != RedFlagKind::Medical {
                return None;
            }
            self.judge(r, ours, together, message, Reading::Patient)?
                .ok()
        })
    }

    /// The rules that fire on a sentence of the guide (read as a statement, so questions,
    /// "may" and the like do not shield it): a rule firing on a sentence that calls something
    /// normal contradicts the guide.
    pub fn firing_on(&self, text: &str, analyzer: &Analyzer) -> Vec<(&str, usize)> {
        let mut out = Vec::new();
        for mut sentence in words::sentences(text, analyzer) {
            self.fix_typos(&mut sentence, analyzer);
            let hits = self.book.hits(&sentence.tokens);
            for ours in hits.chunk_by(|a, b| a.rule == b.rule) {
                let rule = &self.book.rules[ours[0].rule];
                if matches!(
                    self.judge(ours[0].rule, ours, &sentence, text, Reading::Guide),
                    Some(Ok(_))
                ) && !out.iter().any(|&(n, _)| n == rule.name)
                {
                    out.push((rule.name.as_str(), rule.line));
                }
            }
        }
        out
    }

    /// The guide's sentences calling something normal.
    pub fn normal_statements(&self) -> &[NormalStatement] {
        &self.normal
    }

    /// How many rules there are.
    pub fn len(&self) -> usize {
        self.book.rules.len()
    }

    pub fn is_empty(&self) -> bool {
        self.book.rules.is_empty()
    }

    /// The labelled example sentences, in order, for the embedding model to embed once.
    pub fn examples(&self) -> impl ExactSizeIterator<Item = &str> {
        self.examples.iter().map(|(text, _)| text.as_str())
    }

    /// [`RedFlags::assess`] with the embedding model's second opinion: `message` is the
    /// message's embedding, `examples[i]` that of the i-th of [`RedFlags::examples`]. The
    /// rules' decision stands; the examples can only add a flag to a message the rules found
    /// nothing in (not even a symptom they set aside), that does not speak of something as
    /// past, hypothetical, habitual or in general nor ask whether it is normal ("…,
    /// normal?"), and that is not a plain request with no symptom or sign in it ("need to
    /// cancel my appt tomorrow"); and only when the nearest example is an emergency, close
    /// ([`second_opinion::MIN_SIMILARITY`]) and clearly closer than any harmless example
    /// ([`second_opinion::MARGIN`]).
    pub fn assess_with_second_opinion(
        &self,
        message_text: &str,
        analyzer: &Analyzer,
        message: &[f32],
        examples: &[Vec<f32>],
    ) -> Assessment {
        let mut sentences = words::sentences(message_text, analyzer);
        let mut assessment = self.assess_sentences(&mut sentences, message_text, analyzer);
        if assessment.flag.is_some()
            || !assessment.set_aside.is_empty()
            || message_text.len() > MAX_VOTE_BYTES
            || speaks_of_not_now(&sentences)
            || self.only_an_admin_request(&sentences)
            || a_request_for_an_ordinary_reason(&sentences)
            // "me cat's been sick 3 times, know a vet?": an animal's illness.
            || sentences
                .iter()
                .any(|s| question::about_an_animal(&s.tokens).is_some())
        {
            return assessment;
        }
        let vote = second_opinion::vote(message, examples, &self.examples);
        if let Some(name) = vote.flag
            && let Some(rule) = self.book.rules.iter().find(|r| r.name == name)
            // A laugh sets aside a medical flag of the rules; so it does the vote's.
            // "a bit of bleeding from my gums when I brush", "output looser, I feel fine": a
            // symptom given as a small amount, or a patient who feels well, is no emergency
            // the rules missed; unless the danger lasts (an overdose: "feel fine tbh").
            && !(rule.kind == RedFlagKind::Medical
                && (laughs(&sentences) || (!rule.lasting && mild_or_well(&sentences))))
        {
            assessment.flag = Some(RedFlag {
                name,
                kind: rule.kind,
                evidence: Evidence {
                    sentence: clip(message_text.trim()),
                    rule_line: rule.line,
                    examples: vote.neighbours,
                    ..Evidence::default()
                },
                crisis_too: None,
            });
        }
        assessment
    }

    /// Whether the message is a request about appointments, prescriptions or paperwork that
    /// holds no word of any rule's symptoms or signs ("NEED TO CANCEL MY APPT TOMORROW
    /// SORRY"): the examples nearest such a message are the crises that mention cancelling an
    /// appointment, yet it tells of no state at all. A request with a sign in it ("cancel all
    /// my appointments, I'm done with everything") is left to the vote, and so is one naming
    /// a medicine the overdose rules name ("repeat of my sertraline please").
    /// Medicines listed with their doses or forms ("Kindly send repeat prescription:
    /// warfarin 3mg, bisoprolol 2.5mg and GTN spray") are items of the request, not signs.
    /// A word inside a rule's `not` phrase, an idiom or a name ("BLOOD BOILING!!! my repeat
    /// prescription has gone missing", "blood thinners"), is no sign either.
    fn only_an_admin_request(&self, sentences: &[Sentence]) -> bool {
        let asks_admin = sentences
            .iter()
            .any(|s| question::admin_request(&s.tokens).is_some());
        asks_admin
            && !sentences.iter().any(|s| {
                let idioms: Vec<Span> = self
                    .book
                    .hits(&s.tokens)
                    .into_iter()
                    .filter(|h| h.part == Part::Not)
                    .map(|h| h.span)
                    .collect();
                (0..s.tokens.len()).any(|k| {
                    self.is_a_sign(&s.tokens[k])
                        && !idioms.iter().any(|span| span.contains(k))
                        && !question::in_a_prescription_list(&s.tokens, k)
                })
            })
    }

    /// Whether the word is one of the rules' symptoms or signs (any word of their `symptom`
    /// and `with` phrases: "chest", "bleeding", "cope", "everything", "sertraline"), and not
    /// a word of a request ("need", "cancel", "tomorrow", "sorry").
    fn is_a_sign(&self, token: &words::Token) -> bool {
        !question::is_request_word(&token.word)
            && (self.signs.contains(&token.stem)
                || token.fixed.as_ref().is_some_and(|f| self.signs.contains(f)))
    }

    fn fix_typos(&self, sentence: &mut Sentence, analyzer: &Analyzer) {
        let mut seen: HashMap<&str, Option<String>> = HashMap::new();
        for token in &mut sentence.tokens {
            if token.number.is_some() {
                continue;
            }
            let fixed = seen
                .entry(token.word.as_str())
                .or_insert_with(|| self.speller.fix(&token.word).map(|t| analyzer.stem(t)));
            token.fixed = fixed.clone();
        }
    }

    /// Whether rule `r` fires on the sentence, given its phrases found there (`ours`): `Ok`
    /// with the flag, `Err` when its words are there but set aside, `None` when they are not
    /// all there.
    fn judge(
        &self,
        r: usize,
        ours: &[Hit],
        sentence: &Sentence,
        message: &str,
        reading: Reading,
    ) -> Option<Result<RedFlag, SetAside>> {
        let rule = &self.book.rules[r];
        if !ours.iter().any(|h| h.part == Part::Group(0)) {
            return None;
        }
        let nots: Vec<Span> = ours
            .iter()
            .filter(|h| h.part == Part::Not)
            .map(|h| h.span)
            .collect();
        let usable = |span: Span| !nots.iter().any(|n| n.overlaps(span));
        let tokens = &sentence.tokens;
        let mut aside: Option<SetAside> = None;
        for symptom in ours
            .iter()
            .filter(|h| h.part == Part::Group(0) && usable(h.span))
            .map(|h| h.span)
        {
            let mut chosen = vec![symptom];
            let mut reason: Option<String> = None;
            let mut complete = true;
            for g in 1..rule.groups.len() {
                let mut candidates: Vec<Span> = ours
                    .iter()
                    .filter(|h| h.part == Part::Group(g) && usable(h.span))
                    .map(|h| h.span)
                    .filter(|s| !chosen.iter().any(|c| c.overlaps(*s)))
                    .collect();
                candidates.sort_by_key(|s| s.start.abs_diff(symptom.start));
                let mut picked = None;
                for candidate in &candidates {
                    let mut covered = chosen.clone();
                    covered.push(*candidate);
                    match self.context(rule, sentence, *candidate, &covered, reading) {
                        None => {
                            picked = Some(*candidate);
                            break;
                        }
                        Some(why) => {
                            reason.get_or_insert(why);
                        }
                    }
                }
                match picked {
                    Some(span) => chosen.push(span),
                    None => {
                        complete = false;
                        break;
                    }
                }
            }
            if !complete {
                if let Some(why) = reason {
                    aside.get_or_insert_with(|| {
                        self.set_aside(rule, sentence, message, &chosen, why)
                    });
                }
                continue;
            }
            let why = self
                .context(rule, sentence, symptom, &chosen, reading)
                .or_else(|| self.explained_away(rule, ours, tokens, &chosen))
                .or_else(|| self.guide_calls_normal(tokens, &chosen, reading));
            if let Some(why) = why {
                aside.get_or_insert_with(|| self.set_aside(rule, sentence, message, &chosen, why));
                continue;
            }
            return Some(Ok(RedFlag {
                name: rule.name.clone(),
                kind: rule.kind,
                evidence: Evidence {
                    sentence: clip(sentence.text),
                    symptom: sentence.written(message, symptom.start, symptom.end),
                    details: chosen[1..]
                        .iter()
                        .map(|s| sentence.written(message, s.start, s.end))
                        .collect(),
                    who: who::who(sentence, message, symptom.start),
                    when: who::when(sentence, message),
                    rule_line: rule.line,
                    examples: Vec::new(),
                },
                crisis_too: None,
            }));
        }
        aside.map(Err)
    }

    /// Why the words at `span` do not describe a symptom the patient has now, if they do not.
    fn context(
        &self,
        rule: &Rule,
        sentence: &Sentence,
        span: Span,
        covered: &[Span],
        reading: Reading,
    ) -> Option<String> {
        let tokens = &sentence.tokens;
        let at = span.start;
        if let Some(cue) = negation::negated(tokens, at, covered) {
            return Some(format!("denied: “{cue}”"));
        }
        if !rule.lasting
            && let Some(cue) = timing::stopped(tokens, at, covered)
        {
            return Some(format!("over: “{cue}”"));
        }
        if reading == Reading::Guide {
            return None;
        }
        if let Some(cue) = hypothetical::hypothetical(tokens, at, covered) {
            // "I will end it tonight", "everyone would be better off without me": intent is
            // spoken in the future and the conditional.
            // "don't know if I'll go through with it": wavering on the brink is no less a
            // crisis.
            let intent = rule.kind == RedFlagKind::Crisis
                && (hypothetical::is_modal(cue)
                    || hypothetical::is_pictured(cue)
                    || (matches!(cue, "if" | "know if" | "whether")
                        && hypothetical::wavers(tokens)));
            if !intent {
                return Some(format!("spoken of, not had: “{cue}”"));
            }
        }
        if let Some(cue) = hypothetical::counterfactual(tokens, at) {
            return Some(format!("did not happen: “{cue}”"));
        }
        // "my boss is gonna have a heart attack when I tell him": shock foretold, an idiom.
        if rule.kind == RedFlagKind::Medical
            && let Some(cue) = hypothetical::a_reaction_foretold(tokens, span)
        {
            return Some(format!("a reaction foretold: “{cue}”"));
        }
        // "'suicidal thoughts' is listed as a side effect in the leaflet": words quoted from a
        // paper's list, not had.
        if let Some(cue) = question::listed_on_a_paper(tokens, span) {
            return Some(format!("listed on a paper: “{cue}”"));
        }
        // "how many of my tablets would it take to not wake up?": a question about the means
        // is itself a warning sign of suicide.
        let asks_means = rule.kind == RedFlagKind::Crisis && question::asks_about_means(tokens);
        if !asks_means && let Some(cue) = question::general_question(tokens, sentence.asks, at) {
            return Some(format!("a question about it: “{cue} …”"));
        }
        // "the school asked parents what to do for burns": a question in the infinitive, about
        // anyone with the symptom.
        if rule.kind == RedFlagKind::Medical
            && let Some(cue) = question::how_to_in_general(tokens, at)
        {
            return Some(format!("a question about anyone: “{cue} …”"));
        }
        // "for a choking baby, how many back blows?": a question about anyone with the
        // symptom, not about someone present.
        if rule.kind == RedFlagKind::Medical
            && let Some(cue) = question::someone_in_general(tokens, sentence.asks, at)
        {
            return Some(format!("a question about anyone: “{cue} …”"));
        }
        // "hernia's been out for years but now it's hard and won't go back": a condition long
        // there, with a sign the rule needs that is now. Long past only when every word the
        // rule needed is.
        if let Some(cue) = timing::long_ago(tokens, at)
            && covered
                .iter()
                .all(|s| timing::long_ago(tokens, s.start).is_some())
        {
            return Some(format!("in the past: “{cue}”"));
        }
        // "Son had an asthma attack in the night, the inhaler sorted it, he's fine and at
        // school now"; "Fainted at the wedding yesterday. She's right as rain now": someone
        // said to be well now, in another clause or sentence, with the symptom's own clause
        // not brought to now and no "but" between.
        if rule.kind == RedFlagKind::Medical
            && !rule.lasting
            && let Some(cue) = self.well_again(sentence, at)
        {
            return Some(format!("over: “{cue}”"));
        }
        // "My dad was blue-lighted in last night with a stroke. He's on the ward now": an event
        // told as past, with the one who had it in hospital's care now, said in the sentence
        // next to it.
        if rule.kind == RedFlagKind::Medical
            && !rule.lasting
            && let Some(cue) = sentence.in_care_elsewhere
            && told_as_past(tokens, at)
        {
            return Some(format!("in care: “{cue}”"));
        }
        // "Dad was rushed in last week with a heart attack, he's on the cardiac ward now": the
        // same, said in a later clause of the same sentence, with no "but" between.
        if rule.kind == RedFlagKind::Medical
            && !rule.lasting
            && told_as_past(tokens, at)
            && let Some(cue) = in_care_later_in_sentence(tokens, at)
        {
            return Some(format!("in care: “{cue}”"));
        }
        // "Discharged yesterday after my heart attack", "in ICU after his cardiac arrest", "in ICU
        // with sepsis": the event was treated, or is in hospital's hands.
        if let Some(cue) = timing::discharged_after(tokens, at) {
            return Some(format!("treated or in care: “{cue} …”"));
        }
        if rule.kind == RedFlagKind::Medical && !rule.lasting {
            // "He can't manage the bus since his heart attack": the event is where a period
            // that runs to now began, not what is happening.
            if let Some(cue) = timing::since_an_event(tokens, at, covered) {
                return Some(format!("the start of a period: “{cue} …”"));
            }
            // "Was in A&E Sunday with chest pain, they said reflux and sent me home": told as
            // past, then looked into and cleared.
            if let Some(cue) = timing::checked_and_cleared(tokens, at) {
                return Some(format!("checked and cleared: “{cue}”"));
            }
        }
        // "My sick note says stroke": a diagnosis named on a paper, not a symptom.
        if rule.kind == RedFlagKind::Medical
            && let Some(cue) = question::named_in_paperwork(tokens, at)
        {
            return Some(format!("named on a paper: “{cue}”"));
        }
        // An overdose taken on Sunday is still dangerous on Tuesday; and a day ahead set for a
        // crisis ("on Saturday I will take them all") is a plan, not a day gone by.
        let a_crisis_planned = rule.kind == RedFlagKind::Crisis && timing::speaks_of_future(tokens);
        if !rule.lasting
            && !a_crisis_planned
            && let Some(cue) = timing::earlier_day(tokens, covered)
        {
            return Some(format!("on an earlier day: “{cue}”"));
        }
        // "I often think about ending it": recurring thoughts of suicide are no less a crisis.
        if rule.kind == RedFlagKind::Medical
            && let Some(cue) = timing::habit(tokens, at)
        {
            return Some(format!("a habit, not an event: “{cue}”"));
        }
        if rule.kind == RedFlagKind::Medical
            && let Some(cue) = question::about_a_programme(tokens, sentence.asks)
        {
            return Some(format!("a programme, story or course: “{cue}”"));
        }
        // "my friend reckons she had a stroke from an anaesthetic, is that a thing?": a claim
        // passed on to be checked, not a symptom had.
        if rule.kind == RedFlagKind::Medical
            && let Some(cue) = question::passes_on_a_claim(tokens, at, sentence.claim_checked)
        {
            return Some(format!("a claim checked: “{cue}”"));
        }
        // "watching Casualty and the guy had a bleed on the brain": a stranger on the screen.
        if rule.kind == RedFlagKind::Medical
            && sentence.on_screen
            && let Some(cue) = question::a_stranger_has_it(tokens, at)
        {
            return Some(format!("someone in a programme: “{cue}”"));
        }
        // "our cat has seizures", "rabbit's stopped eating and breathing heavy, vets shut":
        // an animal's illness.
        if rule.kind == RedFlagKind::Medical
            && let Some(cue) = question::an_animal_has_it(tokens, at)
        {
            return Some(format!("an animal: “{cue}”"));
        }
        // "which sepsis screening tool do you use": the symptom names a topic, a tool or
        // training, not a state.
        if let Some(cue) = question::names_a_topic(tokens, span.end) {
            return Some(format!("a topic: “{cue}”"));
        }
        // "I want to end it... my gym membership I mean lol": what was meant is named, and it
        // is no life, mood or person.
        if rule.kind == RedFlagKind::Crisis {
            let in_last_clause = tokens
                .last()
                .is_some_and(|t| t.clause == tokens[span.start].clause);
            let meant = question::names_what_was_meant(tokens, span.end)
                .or(sentence.meant_next.filter(|_| in_last_clause));
            if let Some(cue) = meant {
                return Some(format!("what was meant is named: “{cue}”"));
            }
            // "ready to end it all... with my ex 😂": what is ended is a relationship.
            let ends_it = tokens[span.start..span.end].iter().any(|t| {
                matches!(
                    t.word.as_str(),
                    "end" | "ending" | "ended" | "finish" | "finishing"
                )
            });
            let partner = question::with_a_partner(tokens, span.end)
                .or(sentence.partner_next.filter(|_| in_last_clause));
            if ends_it && let Some(cue) = partner {
                return Some(format!("a relationship ended: “{cue}”"));
            }
            // "I can't go on like this with my knee, when's the soonest I can see the
            // surgeon": what cannot be borne is named, a body part or a wait.
            if let Some(cue) = question::bears_a_named_nuisance(tokens, span) {
                return Some(format!("what cannot be borne is named: “{cue}”"));
            }
        }
        // A crisis phrase as what a story is about ("reading horror stories about people not
        // waking up"), in the same clause: never a plain one of the patient's own.
        if rule.kind == RedFlagKind::Crisis
            && let Some(cue) = question::story_about(tokens, at)
        {
            return Some(format!("what a story is about: “{cue}”"));
        }
        // "in the game my character has to jump off a cliff to finish the level": what
        // happens to a character in a game or a story.
        if let Some(cue) = question::in_a_game_or_story(tokens, at) {
            return Some(format!("in a game or story: “{cue}”"));
        }
        // A laugh sets aside a medical flag, and a crisis phrase only when it compares
        // ("I'd rather die than have another cannula lol"), never a plain one.
        let compares = tokens
            .get(span.end)
            .is_some_and(|t| t.word == "than" && t.clause == tokens[span.start].clause);
        // "lol prob overreacting but my jaw has been aching for an hour": "but" turns from the
        // laugh to what is meant.
        let laugh_reaches = sentence
            .laugh_at
            .is_some_and(|laugh| !turns(&tokens[laugh.min(span.start)..laugh.max(span.start)]));
        if laugh_reaches
            && (rule.kind == RedFlagKind::Medical || compares || blames_a_nuisance(tokens, span))
        {
            return Some("a joke (“lol”, “haha”)".to_string());
        }
        // "my 15yo yelled 'I want to die' when I took her phone away 🙄": a wish to die
        // shouted at a refusal, told with a laugh or a rolled eye. Never without one.
        let dismissed = laugh_reaches || sentence.text.contains('🙄');
        if rule.kind == RedFlagKind::Crisis
            && dismissed
            && let Some(cue) = at_a_refusal(tokens, span)
        {
            return Some(format!("an outburst at a refusal: “{cue}”"));
        }
        None
    }

    /// The words saying someone is well now, in another clause of the symptom's sentence
    /// (not parted from it by "but") or in another sentence, when the symptom's own clause
    /// tells of nothing now ("still", "now", "just").
    fn well_again(&self, sentence: &Sentence, at: usize) -> Option<&'static str> {
        let tokens = &sentence.tokens;
        let clause = tokens.get(at)?.clause;
        let (from, to) = words::clause_span(tokens, at)?;
        let now_here = tokens[from..to]
            .iter()
            .any(|t| NOW_HERE.contains(&t.word.as_str()));
        if now_here {
            return None;
        }
        // "My neighbour had a heart attack at the bus stop yesterday, the ambulance came quick
        // and he's ok": an event put at a past time, then said plainly to be over, with no turn
        // between.
        if timing::told_at_a_past_time(tokens, from, to).is_some()
            && let Some((cue, well_clause)) = timing::plainly_well(tokens, to)
        {
            let well_at = (to..tokens.len())
                .find(|&k| tokens[k].clause == well_clause)
                .unwrap_or(to);
            if !(to..well_at).any(|k| TURNS.contains(&tokens[k].word.as_str())) {
                return Some(cue);
            }
        }
        if let Some((cue, other)) = timing::well_now(tokens, false)
            && other != clause
        {
            let well_at = tokens.iter().position(|t| t.clause == other)?;
            let between = if well_at < from {
                well_at..from
            } else {
                to..well_at
            };
            if !between
                .into_iter()
                .any(|k| TURNS.contains(&tokens[k].word.as_str()))
            {
                return Some(cue);
            }
        }
        sentence.well_elsewhere
    }

    /// A phrase of the rule's `unless` in the symptom's sentence, not parted from it by
    /// "but", "however", "although" ("a local anaesthetic yesterday, but today…"), nor from
    /// every other word the rule needed ("hernia's been out for years but now it's hard and
    /// won't go back": the years explain the hernia, not what it does now).
    fn explained_away(
        &self,
        rule: &Rule,
        ours: &[Hit],
        tokens: &[words::Token],
        chosen: &[Span],
    ) -> Option<String> {
        let symptom = chosen[0];
        // "…looked a bit droopy but that's just her Bell's palsy from 2015": a turn that
        // brings the explanation itself parts nothing.
        let explains = |k: usize| {
            let next = |n: usize| tokens.get(k + n).map(|t| t.word.as_str());
            matches!(next(1), Some("thats" | "its" | "that" | "it"))
                && matches!(next(2), Some("just" | "only" | "is"))
                && (next(2) != Some("is") || matches!(next(3), Some("just" | "only")))
        };
        let parted = |a: usize, b: usize| {
            (a.min(b)..a.max(b)).any(|k| {
                let word = tokens[k].word.as_str();
                (TURNS.contains(&word) && !explains(k))
                    || matches!(word, "now" | "today" | "suddenly")
            })
        };
        // A plain turn ("but", "however") between the explanation and another word the rule
        // needed.
        let turned = |a: usize, b: usize| {
            (a.min(b)..a.max(b)).any(|k| TURNS.contains(&tokens[k].word.as_str()) && !explains(k))
        };
        // "not just streaks", "more than a bit": the explanation is denied.
        let denied = |at: usize| {
            let before = |k: usize| at.checked_sub(k).map(|j| tokens[j].word.as_str());
            before(1) == Some("not")
                || (2..=4).any(|k| {
                    before(k) == Some("not")
                        && matches!(before(k - 1), Some("just" | "only" | "merely"))
                })
                || (before(2) == Some("more") && before(1) == Some("than"))
        };
        let hit = ours.iter().find(|h| {
            h.part == Part::Unless
                && !parted(h.span.start, symptom.start)
                && (chosen.len() == 1 || chosen[1..].iter().any(|s| !turned(h.span.start, s.start)))
                && !denied(h.span.start)
        })?;
        let phrase = rule
            .unless
            .iter()
            .find(|p| p.matches_at(tokens, hit.span.start) == Some(hit.span))
            .map_or("", |p| p.text.as_str());
        Some(format!("explained by “{phrase}”"))
    }

    /// The patient describes, as mild, what a sentence of the guide calls normal: the
    /// symptom and every other word the rule needed are in that sentence.
    fn guide_calls_normal(
        &self,
        tokens: &[words::Token],
        spans: &[Span],
        reading: Reading,
    ) -> Option<String> {
        if reading == Reading::Guide || self.normal.is_empty() {
            return None;
        }
        let stems_of = |span: &Span| -> Vec<&str> {
            tokens[span.start..span.end]
                .iter()
                .flat_map(|t| [Some(t.stem.as_str()), t.fixed.as_deref()])
                .flatten()
                .filter(|s| !is_stopword(s))
                .collect()
        };
        let symptom = spans.first()?;
        let mildly = guide::mild(tokens, symptom.start)?;
        let statement = stems_of(symptom)
            .into_iter()
            .filter_map(|stem| self.normal_by_stem.get(stem))
            .flatten()
            .map(|&i| &self.normal[i])
            .find(|statement| {
                spans[1..].iter().all(|span| {
                    stems_of(span)
                        .iter()
                        .any(|stem| statement.stems.iter().any(|s| s == stem))
                })
            })?;
        Some(format!(
            "described as mild (“{mildly}”), and the guide calls it normal ({}:{}): “{}”",
            statement.file.display(),
            statement.line,
            statement.text
        ))
    }

    fn set_aside(
        &self,
        rule: &Rule,
        sentence: &Sentence,
        message: &str,
        spans: &[Span],
        reason: String,
    ) -> SetAside {
        SetAside {
            flag: rule.name.clone(),
            words: spans
                .iter()
                .map(|s| sentence.written(message, s.start, s.end))
                .collect(),
            reason,
        }
    }
}

/// Causes that, blamed for a wish to die, are no joke even with a laugh: life, mood, pain,
/// people ("everything is making me want to die lol").
const GRAVE_CAUSES: &[&str] = &[
    "life",
    "everything",
    "everyone",
    "everybody",
    "depression",
    "depressed",
    "anxiety",
    "thoughts",
    "head",
    "mind",
    "loneliness",
    "lonely",
    "alone",
    "grief",
    "pain",
    "world",
    "people",
    "nobody",
    "husband",
    "wife",
    "partner",
    "boyfriend",
    "girlfriend",
    "mum",
    "dad",
    "family",
    "illness",
    "cancer",
    "diagnosis",
    "situation",
    "job",
    "work",
    "school",
    "bullying",
    "bullies",
    "debt",
    "money",
    "voices",
    "existing",
    "living",
    "being",
];

/// Whether the crisis words at `span` blame a nuisance named just before them, in
/// hyperbole: "this heatwave is making me want to die" (a thing that "makes me" want to
/// die), where the thing is named and is not life, mood, pain or people ([`GRAVE_CAUSES`];
/// "it is making me…" names nothing). Only with a laugh does it set the words aside, as
/// "I'd rather die than … lol" does.
fn blames_a_nuisance(tokens: &[words::Token], span: Span) -> bool {
    let (Some(me), Some(verb)) = (span.start.checked_sub(1), span.start.checked_sub(2)) else {
        return false;
    };
    let causing = matches!(
        tokens[verb].word.as_str(),
        "making" | "makes" | "made" | "make"
    );
    if tokens[me].word != "me" || !causing || tokens[verb].clause != tokens[span.start].clause {
        return false;
    }
    // The cause: the content words of the clause before the verb.
    let clause = tokens[verb].clause;
    let cause: Vec<&str> = tokens[..verb]
        .iter()
        .rev()
        .take_while(|t| t.clause == clause)
        .map(|t| t.word.as_str())
        .filter(|w| !is_stopword(w))
        .collect();
    !cause.is_empty() && !cause.iter().any(|w| GRAVE_CAUSES.contains(w))
}

/// Refusals a wish to die may be shouted at: "when I said no to the party", "because we
/// wouldn't let him go".
static REFUSALS: LazyLock<phrase::Cues> = LazyLock::new(|| {
    phrase::Cues::new(&[
        "said no",
        "say no",
        "told her no",
        "told him no",
        "told them no",
        "wouldnt let",
        "wont let",
        "didnt let",
        "refused",
        "grounded",
        "banned",
        "confiscated",
        "took her phone",
        "took his phone",
        "took away",
        "turned off the wifi",
        "switched off the wifi",
    ])
});

/// How many words after "when" or "because" a refusal may start.
const REFUSAL_REACH: usize = 4;

/// The refusal the crisis words at `span` were said at ("screamed 'I want to die' when I
/// said no to the sleepover"): "when", "because" or "cos" after them, then a refusal.
fn at_a_refusal(tokens: &[words::Token], span: Span) -> Option<&'static str> {
    (span.end..tokens.len()).find_map(|k| {
        if !matches!(
            tokens[k].word.as_str(),
            "when" | "because" | "cos" | "cause"
        ) {
            return None;
        }
        (k + 1..tokens.len().min(k + 1 + REFUSAL_REACH))
            .find_map(|j| REFUSALS.at(tokens, j).map(|(_, cue)| cue))
    })
}

/// A pronoun with its verb, as words are written without apostrophes ("I'm" → "im"): no
/// sign of anything by itself.
const CONTRACTED_PRONOUNS: &[&str] = &[
    "im", "ive", "id", "youre", "youve", "hes", "shes", "its", "were", "weve", "theyre", "theyve",
    "thats", "theres",
];

/// Words that turn a sentence from what came before ("lol, but my jaw aches"; "a local
/// anaesthetic yesterday, but today…").
const TURNS: &[&str] = &["but", "however", "although", "though"];

/// Whether any sentence speaks of something as past, hypothetical, habitual, in general or
/// over, is worded as a question (also in the order of a statement: "He can drink water in the
/// morning or nothing?"), asks whether it is worrying or normal ("…, normal?") or
/// asks for tips on managing it ("swallowing the tablets is agony any tips"),
/// gives a temperature under 38 °C or denies any trouble at all ("I don't have any breathing
/// problems"). Single
/// negations are left to the rules: a denied symptom they know is set aside already, and
/// "isn't answering me" may be the emergency itself.
fn speaks_of_not_now(sentences: &[Sentence]) -> bool {
    sentences.iter().any(|s| {
        let tokens = &s.tokens;
        timing::resolved(tokens).is_some()
            || question::asks_if_worrying(tokens).is_some()
            || question::asks_for_tips(tokens).is_some()
            || question::asks_if_normal(tokens, s.asks).is_some()
            || question::declarative_question(tokens, s.asks).is_some()
            || phrase::normal_temperature(tokens)
            || negation::denies_all(tokens).is_some()
            || (0..tokens.len()).any(|at| {
                hypothetical::hypothetical(tokens, at, &[]).is_some()
                    || question::general_question(tokens, s.asks, at).is_some()
                    || question::worded_as_question(tokens, at)
                    || timing::long_ago(tokens, at).is_some()
                    || timing::habit(tokens, at).is_some()
            })
    })
}

/// Whether the message asks about appointments, prescriptions or paperwork and gives a reason
/// of ordinary life ("won't be needing my appointment on the 14th, I'm moving to Leeds, please
/// cancel"; "cancel tomorrow please, car's dead"): the crises that cancel appointments are
/// the examples nearest such a message, yet it tells why, and the reason is no state at all.
fn a_request_for_an_ordinary_reason(sentences: &[Sentence]) -> bool {
    let tokens = || sentences.iter().map(|s| s.tokens.as_slice());
    tokens().any(|t| question::admin_request(t).is_some())
        && tokens().any(|t| question::ordinary_reason(t).is_some())
}

/// Words giving a symptom as a small amount ("a bit of bleeding", "a little bit of blood"),
/// or saying the patient feels well ("feel fine", "otherwise well"). Not "a bit" alone: "he
/// was under for a bit", "feel a bit odd" are no measure of a symptom.
static MILD_OR_WELL: LazyLock<phrase::Cues> = LazyLock::new(|| {
    phrase::Cues::with_fillers(
        &[
            "bit of",
            "a little bit of",
            "a tiny bit of",
            "small amount of",
            "spots of",
            "trace of",
            "touch of",
            "i feel fine",
            "feel fine",
            "feeling fine",
            "feel normal",
            "feeling normal",
            "feel well",
            "feeling well",
            "otherwise fine",
            "otherwise well",
            "otherwise ok",
            "otherwise okay",
        ],
        &[
            "completely",
            "totally",
            "perfectly",
            "absolutely",
            "really",
            "quite",
        ],
    )
});

/// Whether a sentence gives the symptom as a small amount or says the patient feels well,
/// not denied ("don't feel fine").
fn mild_or_well(sentences: &[Sentence]) -> bool {
    sentences.iter().any(|s| {
        MILD_OR_WELL
            .all(&s.tokens, 0, s.tokens.len())
            .into_iter()
            .any(|(span, _)| {
                !(span.start.saturating_sub(2)..span.start).any(|k| {
                    matches!(
                        s.tokens[k].word.as_str(),
                        "not" | "dont" | "doesnt" | "didnt" | "never" | "no" | "nt"
                    )
                })
            })
    })
}

/// Whether a sentence laughs ("lol", 😂) with no "but" turning from the laugh to what is meant.
fn laughs(sentences: &[Sentence]) -> bool {
    sentences
        .iter()
        .any(|s| s.laugh_at.is_some() && !turns(&s.tokens))
}

/// Whether a "but", "however" or "although" stands among the words.
fn turns(tokens: &[words::Token]) -> bool {
    tokens.iter().any(|t| TURNS.contains(&t.word.as_str()))
}

/// The message's statements (its sentences that do not ask) as one sentence, each keeping
/// its own clauses, when there are at least two of them.
fn statements_together<'m>(sentences: &[Sentence<'m>], message: &'m str) -> Option<Sentence<'m>> {
    let statements: Vec<&Sentence> = sentences.iter().filter(|s| !s.asks).collect();
    if statements.len() < 2 {
        return None;
    }
    let mut whole = join(&statements, &[], message, false)?;
    whole.text = message.trim();
    Some(whole)
}

/// Sentences as one, each keeping its own clauses, except that where `glued[k]` holds, the
/// last clause of part `k` and the first of part `k + 1` are one; `None` for fewer than two.
fn join<'m>(
    parts: &[&Sentence<'m>],
    glued: &[bool],
    message: &'m str,
    asks: bool,
) -> Option<Sentence<'m>> {
    if parts.len() < 2 {
        return None;
    }
    let mut tokens = Vec::new();
    let mut laugh_at = None;
    for (k, part) in parts.iter().enumerate() {
        let glue = k > 0 && glued.get(k - 1).copied().unwrap_or(false);
        let offset = tokens
            .last()
            .map_or(0, |t: &words::Token| t.clause + usize::from(!glue));
        if laugh_at.is_none() {
            laugh_at = part.laugh_at.map(|k| tokens.len() + k);
        }
        tokens.extend(part.tokens.iter().cloned().map(|mut t| {
            t.clause += offset;
            t
        }));
    }
    let text = match (tokens.first(), tokens.last()) {
        (Some(first), Some(last)) => message.get(first.start..last.end).unwrap_or(message),
        _ => message,
    };
    Some(Sentence {
        text,
        tokens,
        asks,
        laugh_at,
        on_screen: parts.iter().any(|s| s.on_screen),
        meant_next: None,
        partner_next: None,
        claim_checked: parts.iter().any(|s| s.claim_checked),
        well_elsewhere: None,
        in_care_elsewhere: None,
    })
}

/// Most words a note may have: a reading or a setting written without a sentence around it
/// ("pulse 32", "peak flow 120", "I am 29 weeks pregnant", "day 4 post op").
const NOTE_WORDS: usize = 5;

/// Whether the sentence is a note: a few words holding a number, asking nothing; or a
/// standing treatment set down as the scene ([`sets_a_treatment`]).
fn is_a_note(sentence: &Sentence) -> bool {
    !sentence.asks
        && ((sentence.tokens.len() <= NOTE_WORDS
            && sentence.tokens.iter().any(|t| t.number.is_some()))
            || sets_a_treatment(&sentence.tokens))
}

/// Most words of an opening clause that sets down a treatment someone is on.
const TREATMENT_WORDS: usize = 5;

/// Whether the sentence opens with a short clause saying what treatment someone is on ("on
/// chemo, last cycle was 8 days ago", "He's on warfarin."): a standing state, read with the
/// sentences next to it as a note is.
fn sets_a_treatment(tokens: &[words::Token]) -> bool {
    let Some(first) = tokens.first() else {
        return false;
    };
    let opening = tokens
        .iter()
        .take_while(|t| t.clause == first.clause)
        .count();
    let on = match tokens.get(..opening.min(2)) {
        Some([a, ..]) if a.word == "on" => 0,
        Some([a, b]) if b.word == "on" && ON_SOMETHING.contains(&a.word.as_str()) => 1,
        _ => return false,
    };
    opening <= TREATMENT_WORDS
        && tokens.get(on + 1).is_some_and(|t| {
            t.clause == first.clause
                && !NOT_A_TREATMENT.contains(&t.word.as_str())
                && !question::WEEKDAYS.contains(&t.word.as_str())
        })
}

/// Who may be said to be on a treatment: "he's on warfarin", "I'm on chemo".
const ON_SOMETHING: &[&str] = &[
    "im",
    "hes",
    "shes",
    "theyre",
    "were",
    "still",
    "currently",
    "now",
];

/// Words after "on" that name no treatment, besides the days of the week
/// ([`question::WEEKDAYS`]): a way, a place ("on my way").
const NOT_A_TREATMENT: &[&str] = &[
    "the", "my", "his", "her", "a", "an", "our", "your", "way", "holiday", "hold", "call", "phone",
    "time", "top", "and", "it", "that", "this",
];

/// Words that may open a sentence before the "it" that points back ("Now it's moved…").
const BEFORE_IT: &[&str] = &[
    "now", "and", "but", "then", "still", "so", "also", "plus", "today", "tonight", "since",
];

/// Whether the sentence goes on about what the one before told of: its subject is "it"
/// ("Pain started round my belly button last night. Now it's moved low down on the right").
fn points_back(sentence: &Sentence) -> bool {
    sentence
        .tokens
        .iter()
        .find(|t| !BEFORE_IT.contains(&t.word.as_str()))
        .is_some_and(|t| matches!(t.word.as_str(), "it" | "its"))
}

/// Runs of two or more sentences that a medical rule may read as one: a note ([`is_a_note`])
/// with the sentences next to it, as part of the clause next to it ("peak flow 120. normal
/// 450. cant talk much"; "I am 29 weeks pregnant. Headache…, flashing lights…"), and a
/// sentence that points back ([`points_back`]) with the one before it. A patient telling a
/// timeline or writing notes spreads one emergency over them; each sentence is still read
/// alone first.
fn read_together(sentences: &[Sentence]) -> Vec<std::ops::Range<usize>> {
    let mut runs = Vec::new();
    let mut start = 0;
    for k in 1..=sentences.len() {
        let linked = k < sentences.len()
            && (is_a_note(&sentences[k - 1])
                || is_a_note(&sentences[k])
                || points_back(&sentences[k]));
        if !linked {
            if k - start >= 2 {
                runs.push(start..k);
            }
            start = k;
        }
    }
    runs
}

/// Words that put a clause's symptom now, whoever says they are well elsewhere.
const NOW_HERE: &[&str] = &["now", "still", "currently", "today", "tonight", "again"];

/// Words that, with [`NOW_HERE`], bring a clause to now: what it tells of is happening.
const NOW_WORDS: &[&str] = &["just", "suddenly", "started", "keeps", "getting"];

/// Words before a symptom that tell it as something that happened: "had a stroke", "was
/// rushed in with".
const HAPPENED: &[&str] = &[
    "had",
    "was",
    "were",
    "suffered",
    "went",
    "collapsed",
    "fell",
    "got",
    "took",
    "taken",
];

/// Whether the clause of the symptom at `at` tells it as past (a past time, or a verb in the
/// past before it: "was blue-lighted in last night with a stroke", "had a fall") and holds
/// nothing bringing it to now ("now", "still", "just").
fn told_as_past(tokens: &[words::Token], at: usize) -> bool {
    let Some((from, to)) = words::clause_span(tokens, at) else {
        return false;
    };
    let now = tokens[from..to]
        .iter()
        .any(|t| NOW_HERE.contains(&t.word.as_str()) || NOW_WORDS.contains(&t.word.as_str()));
    let past = timing::told_at_a_past_time(tokens, from, to).is_some()
        || tokens[from..at]
            .iter()
            .any(|t| HAPPENED.contains(&t.word.as_str()));
    past && !now
}

/// Words saying, in a clause after that of the symptom at `at` and with no "but" between,
/// that the one who had it is in hospital's care now ("…with a heart attack, he's on the
/// cardiac ward now").
fn in_care_later_in_sentence(tokens: &[words::Token], at: usize) -> Option<&'static str> {
    let (_, to) = words::clause_span(tokens, at)?;
    let later = tokens.get(to..)?;
    let cue = timing::in_care_now(later, false)?;
    (!turns(later)).then_some(cue)
}

fn clip(text: &str) -> String {
    if text.chars().count() <= MAX_SENTENCE_CHARS {
        return text.to_string();
    }
    let mut out: String = text.chars().take(MAX_SENTENCE_CHARS).collect();
    out.push('…');
    out
}
