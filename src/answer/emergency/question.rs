//! Questions about a symptom in general: "is a bit of bleeding normal?", "how do I recognise
//! a stroke?", "can the injection cause chest pain?".
//!
//! The clause holding the symptom opens like a question ("is", "can", "will", "what", "how"
//! …, after fillers such as "ok so"). Not a general question: one asking for help ("what do I
//! do", "how do I stop it"), one asking why something is happening ("why is my chest so
//! tight"), one that says the symptom is happening ("am I having a stroke", "… right now"),
//! and a run-on plea ("can you help my husband cant breathe").
//!
//! Also questions asked of anyone: one taught or reported in the infinitive ("the school asked
//! parents what to do for burns"), and a claim passed on to be checked ("A mum at school said
//! her boy's eyes rolled back… Does that happen a lot?").

use std::sync::LazyLock;

use super::phrase::{Cues, Span};
use super::words::{Token, clause_span};
use crate::language::is_person;

/// Words that may come before the question itself.
const FILLERS: &[&str] = &[
    "ok",
    "okay",
    "so",
    "and",
    "also",
    "oh",
    "hi",
    "hey",
    "hello",
    "hiya",
    "just",
    "quick",
    "q",
    "question",
    "please",
    "sorry",
    "um",
    "umm",
    "er",
    "well",
    "then",
    "thanks",
    "thank",
    "actually",
    "btw",
    "anyway",
    "right",
    "yes",
    "yeah",
    "doctor",
    "dr",
    "nurse",
    "but",
    "basically",
    "honestly",
    "still",
    "plus",
    // "like how many pads an hour would be too many": a filler before the question.
    "like",
];
/// Words that open a question.
const OPENERS: &[&str] = &[
    "is", "are", "am", "was", "were", "can", "could", "do", "does", "did", "should", "would",
    "will", "may", "might", "shall", "has", "have", "isnt", "arent", "doesnt", "dont", "any",
    "must", "what", "whats", "how", "hows", "which", "when", "where", "who", "whom",
    // "wat does 'sudden severe headache' mean": "what" as typed in chat.
    "wat", "wot", "wht",
];

/// Who or what a question starting with "have"/"has" asks about.
const ASKED_ABOUT: &[&str] = &[
    "i", "you", "he", "she", "it", "we", "they", "anyone", "anybody", "someone", "somebody", "my",
    "the", "this", "that", "there", "people", "patients", "your", "any",
];

/// Openings that ask for help or say something is happening now.
static NOT_GENERAL: LazyLock<Cues> = LazyLock::new(|| {
    Cues::new(&[
        // Despair, not a question: "what's the point anymore".
        "whats the point",
        "what is the point",
        "whats the use",
        "what should i do",
        "what do i do",
        "what can i do",
        "what shall i do",
        "what should we do",
        "what do we do",
        "what to do",
        "what must i do",
        "how do i stop",
        "how can i stop",
        "how to stop",
        "how do we stop",
        "what is happening",
        "whats happening",
        "what is going on",
        "whats going on",
        "what is wrong",
        "whats wrong",
        "how do i help",
        "how can i help",
        "who do i call",
        "who should i call",
        "what number",
        "where do i go",
        "where should i go",
        "where is the nearest",
        "how come",
        "is this an emergency",
        "is it an emergency",
        "do i need an ambulance",
        "should i call an ambulance",
        "should i call 999",
        "should i call 911",
        "should i call 112",
        "should i go to a&e",
        "should i go to a",
        "should i go to the",
        "do i need to go to",
        "is this serious",
        "is that serious",
    ])
});

/// A patient asking whether what they describe is worrying: "… is that bad", "should I
/// worry". The rules read the symptom itself; the embedding model's vote stays out of such
/// messages, whose meaning is close to the emergency they ask about.
static ASKS_IF_WORRYING: LazyLock<Cues> = LazyLock::new(|| {
    Cues::new(&[
        "is that bad",
        "is this bad",
        "is it bad",
        "is that normal",
        "is this normal",
        "is it normal",
        "is that ok",
        "is this ok",
        "is it ok",
        "is that okay",
        "is this okay",
        "is that a problem",
        // The same about what is to come: "on hrt patches, is that going to be a problem".
        "be a problem",
        "be an issue",
        "is that an issue",
        "does that matter",
        "will that matter",
        "is that a worry",
        "should i worry",
        "should i be worried",
        "should i be concerned",
        "do i need to worry",
        "need to worry",
        "anything to worry about",
        "is that a concern",
        "is that expected",
        "is this expected",
        "thats normal",
        "that is normal",
        "thats ok",
        "thats okay",
        "just checking",
    ])
});

/// The words asking whether what the message describes is worrying, if any.
pub fn asks_if_worrying(tokens: &[Token]) -> Option<&'static str> {
    ASKS_IF_WORRYING.first(tokens)
}

/// Requests for tips on getting by, which ask how to manage what is described: "swallowing
/// the tablets is agony any tips".
static ASKS_FOR_TIPS: LazyLock<Cues> = LazyLock::new(|| {
    Cues::new(&[
        "any tips",
        "tips on",
        "tips for",
        "got tips",
        "any tricks",
        "any hacks",
        "tips and tricks",
    ])
});

/// The words asking for tips on managing what the message describes, if any.
pub fn asks_for_tips(tokens: &[Token]) -> Option<&'static str> {
    ASKS_FOR_TIPS.first(tokens)
}

/// Words passing on what someone claims, not telling what is happening: "my friend reckons",
/// "I read online that", "apparently".
static HEARSAY: LazyLock<Cues> = LazyLock::new(|| {
    Cues::new(&[
        "reckons",
        "read online",
        "read that",
        "read somewhere",
        "saw online",
        "seen online",
        "heard that",
        "heard somewhere",
        "heard you can",
        "apparently",
        "supposedly",
        "someone told me",
        "somebody told me",
        "people say",
        "people keep saying",
        "they say",
        "claims",
        "swears",
        "is convinced",
    ])
});

/// Questions checking whether a claim is true: "…, is that a thing?", "is that true?".
static CHECKS_A_CLAIM: LazyLock<Cues> = LazyLock::new(|| {
    Cues::new(&[
        "is that a thing",
        "is this a thing",
        "is it a thing",
        "is that true",
        "is this true",
        "is it true",
        "is that right",
        "is that real",
        "is that possible",
        "is that a myth",
        "is it a myth",
        "is that legit",
        "true or not",
        "true or false",
        "fact or fiction",
        "myth or",
        "can that happen",
        "can that really happen",
        "does that happen",
        "does that really happen",
        "can that be true",
    ])
});

/// The words checking a claim, if the sentence has them ("is that true?").
pub fn checks_a_claim(tokens: &[Token]) -> Option<&'static str> {
    CHECKS_A_CLAIM.first(tokens)
}

/// Words saying that a symptom passed on as a claim is happening now after all: the words of
/// [`NOW`] that name a time, and who "is having" it.
static NOW_AFTER_ALL: LazyLock<Cues> = LazyLock::new(|| {
    Cues::new(
        &[
            NOW_TIMES,
            &[
                "tonight",
                "today",
                "is having",
                "hes having",
                "shes having",
                "im having",
                "am having",
                "are having",
            ],
        ]
        .concat(),
    )
});

/// The words passing the symptom at `at` on as someone's claim, when the message checks
/// whether a claim is true (`claim_checked`): "my friend reckons she had a stroke from an
/// anaesthetic, is that a thing?", "I read online that the jab causes seizures. Is that
/// true?", "A mum at school said her boy's eyes rolled back… Does that happen a lot?". Not
/// when the sentence says it is happening now ("my wife reckons she's having a stroke right
/// now, is that right?").
pub fn passes_on_a_claim(tokens: &[Token], at: usize, claim_checked: bool) -> Option<&'static str> {
    if !claim_checked || !NOW_AFTER_ALL.all(tokens, 0, tokens.len()).is_empty() {
        return None;
    }
    (0..at)
        .find_map(|k| HEARSAY.at(tokens, k))
        .map(|(_, cue)| cue)
        .or_else(|| told_by_someone(&tokens[..at]))
}

/// Words saying what someone said or told.
const TOLD: &[&str] = &[
    "said",
    "says",
    "told",
    "tells",
    "mentioned",
    "saying",
    "telling",
];

/// Someone named with "a", "an" or "some" who said or told what follows: "A mum at school said
/// her boy's eyes rolled back…": a person not the writer's own, telling of someone else.
fn told_by_someone(tokens: &[Token]) -> Option<&'static str> {
    (0..tokens.len()).find_map(|k| {
        if !matches!(tokens[k].word.as_str(), "a" | "an" | "some") {
            return None;
        }
        tokens[k + 1..]
            .iter()
            .take(6)
            .take_while(|t| t.clause == tokens[k].clause)
            .find_map(|t| TOLD.iter().find(|&&w| w == t.word).copied())
    })
}

/// Modal verbs that, right after their subject, ask in the word order of a statement: "He can
/// drink water in the morning or nothing?".
const MODALS: &[&str] = &["can", "could", "should", "may", "must", "shall"];

/// Words after a modal that describe a state rather than ask: "he can barely breathe?".
const NOT_ASKING: &[&str] = &["not", "hardly", "barely", "only", "no", "just", "never"];

/// A question asked in the word order of a statement, with its question mark ("He can drink
/// water in morning time or nothing?", "I can eat before the scan?"): the subject then a modal,
/// opening the sentence. Not "he can barely breathe?".
pub fn declarative_question(tokens: &[Token], asks: bool) -> Option<&'static str> {
    if !asks {
        return None;
    }
    let first = tokens
        .iter()
        .position(|t| !FILLERS.contains(&t.word.as_str()))?;
    let subject = tokens[first].word.as_str();
    if !matches!(subject, "i" | "he" | "she" | "we" | "they" | "you") {
        return None;
    }
    let modal = tokens.get(first + 1)?;
    let next = tokens.get(first + 2)?;
    (modal.clause == tokens[first].clause && !NOT_ASKING.contains(&next.word.as_str()))
        .then(|| MODALS.iter().find(|&&m| m == modal.word).copied())?
}

/// Words that end a question asking whether what was just described is normal, with the
/// rest left unsaid: "still a bit of a tickly cough, normal?".
const NORMAL_ENDINGS: &[&str] = &["normal", "expected", "usual", "common"];

/// The word ending a question that asks only whether it is normal ("…, normal?"), if the
/// sentence is one.
pub fn asks_if_normal(tokens: &[Token], asks: bool) -> Option<&'static str> {
    let last = tokens.last()?;
    // "baby kicks a lot at night, ok or not?", "normal or not?".
    if asks && last.word == "not" && tokens.len() >= 3 && tokens[tokens.len() - 2].word == "or" {
        let before = tokens[tokens.len() - 3].word.as_str();
        return OR_NOT_ENDINGS.iter().find(|&&w| before == w).copied();
    }
    asks.then(|| NORMAL_ENDINGS.iter().find(|&&w| last.word == w).copied())
        .flatten()
}

/// Words asking whether something is normal when followed by "or not?" ("ok or not?").
const OR_NOT_ENDINGS: &[&str] = &[
    "normal", "expected", "usual", "common", "ok", "okay", "fine",
];

/// Requests about appointments, prescriptions and paperwork: "need to cancel my appt
/// tomorrow", "repeat of my salbutamol please".
static ADMIN: LazyLock<Cues> = LazyLock::new(|| {
    Cues::new(&[
        "cancel",
        "cancelling",
        "canceling",
        "cancelled",
        "rebook",
        "reschedule",
        "rearrange",
        "appointment",
        "appointments",
        "appt",
        "appts",
        "repeat",
        "repeats",
        "prescription",
        "prescriptions",
        "script",
        "refill",
        "referral",
        "sick note",
        "fit note",
    ])
});

/// The word making the sentence a request about appointments, prescriptions or paperwork,
/// if any.
pub fn admin_request(tokens: &[Token]) -> Option<&'static str> {
    ADMIN.first(tokens)
}

/// Words of a request and its when and its courtesies, which some rules also use for a sign
/// ("won't need", "cancel my appointments", "after tomorrow", "sorry for everything") but
/// which alone tell of no state: "need to cancel my appt tomorrow, sorry".
const REQUEST_WORDS: &[&str] = &[
    "need",
    "needs",
    "needed",
    "needing",
    "want",
    "wanted",
    "like",
    "please",
    "pls",
    "plz",
    "thanks",
    "thank",
    "sorry",
    "today",
    "tomorrow",
    "tonight",
    "morning",
    "afternoon",
    "evening",
    "week",
    "weeks",
    "next",
    "day",
    "days",
    "time",
    "book",
    "booked",
    "change",
    "move",
    "get",
    "send",
    "collect",
    "order",
    "ordered",
];

/// Whether the word belongs to a request rather than to a state ([`REQUEST_WORDS`] and the
/// request words themselves: "cancel", "appointment", "repeat").
pub fn is_request_word(word: &str) -> bool {
    REQUEST_WORDS.contains(&word) || WEEKDAYS.contains(&word) || ADMIN.by_word(word)
}

/// Reasons of ordinary life given for a request ("won't be needing my appointment, I'm moving
/// to Leeds"; "cancel tomorrow please, car's dead"): a move, a job, a holiday, childcare, a
/// car or phone that will not go, care found elsewhere.
static ORDINARY_REASONS: LazyLock<Cues> = LazyLock::new(|| {
    Cues::with_fillers(
        &[
            "moving to",
            "moved to",
            "moving house",
            "moved house",
            "moving away",
            "relocating",
            "emigrating",
            "new job",
            "starting work",
            "cant get time off",
            "cant get off work",
            "going on holiday",
            "away on holiday",
            "on holiday",
            // A trip: "won't be around next month, off travelling".
            "travelling",
            "traveling",
            "going abroad",
            "away abroad",
            "working abroad",
            "on a trip",
            "work trip",
            "business trip",
            "no childcare",
            "cant get childcare",
            "registered with",
            "registering with",
            "new gp",
            "going private",
            "seen privately",
            "got a cancellation",
            "cars dead",
            "car is dead",
            "car died",
            "car broke down",
            "car has broken down",
            "cars broken down",
            "car wont start",
            "batterys dead",
            "battery is dead",
            "battery died",
            "batterys gone",
            "battery has gone",
            "battery is gone",
            "flat battery",
            "phones dead",
            "phone is dead",
            "phone died",
            "no transport",
            // Treatment no longer needed: "cancelling my sessions, I'm feeling much better".
            "feeling better",
            "feeling much better",
            "feeling a lot better",
            "feel much better",
        ],
        &["completely", "totally", "just", "absolutely", "finally"],
    )
});

/// What a move may be to that is no move at all: "moving to a better place", "moving to be
/// with him".
const NOT_A_MOVE: &[&str] = &["better", "heaven", "other", "next", "be"];

/// The days of the week: a day named makes a request ("can I book Monday") or a date ("next
/// Friday").
pub(super) const WEEKDAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// Whether a word after "next" makes it a date: "moving house next month", "next Friday".
fn is_calendar(word: &str) -> bool {
    CALENDAR.contains(&word) || WEEKDAYS.contains(&word)
}

/// Words after "next" that make it a date besides the weekdays: "moving house next month".
const CALENDAR: &[&str] = &[
    "week", "month", "year", "weekend", "spring", "summer", "autumn", "winter",
];

/// The ordinary reason the message gives, if any: not a move "to a better place".
pub fn ordinary_reason(tokens: &[Token]) -> Option<&'static str> {
    ORDINARY_REASONS
        .all(tokens, 0, tokens.len())
        .into_iter()
        .find(|&(span, _)| {
            let after = &tokens[span.end..tokens.len().min(span.end + 3)];
            // "moving house next month": "next" names a date, not "the next life".
            !after.iter().enumerate().any(|(k, t)| {
                NOT_A_MOVE.contains(&t.word.as_str())
                    && !(t.word == "next" && after.get(k + 1).is_some_and(|n| is_calendar(&n.word)))
            })
        })
        .map(|(_, cue)| cue)
}

/// Units of a dose: "warfarin 3mg", "insulin 10 units".
const DOSE_UNITS: &[&str] = &[
    "mg",
    "mcg",
    "ug",
    "g",
    "ml",
    "micrograms",
    "microgram",
    "milligrams",
    "units",
    "unit",
    "iu",
];
/// The forms a medicine comes in, which name an item of a prescription: "GTN spray".
const FORMS: &[&str] = &[
    "spray", "inhaler", "inhalers", "cream", "creams", "ointment", "drops", "patch", "patches",
    "tablets", "capsules", "pen", "pens", "gel", "liquid", "sachets",
];
/// The most words an item of a prescription list holds ("bisoprolol 2.5mg and GTN spray").
const LIST_ITEM_WORDS: usize = 5;

/// Whether the clause holding the word at `at` is an item of a prescription list: a few
/// words with a dose ("warfarin 3mg") or a medicine's form ("GTN spray"), no more.
pub fn in_a_prescription_list(tokens: &[Token], at: usize) -> bool {
    let Some((from, to)) = clause_span(tokens, at) else {
        return false;
    };
    // A number with a dose's unit, written on it ("3mg") or after it ("10 units").
    let dose = |k: usize| {
        tokens[k].number.is_some()
            && (DOSE_UNITS.contains(&tokens[k].unit.as_str())
                || tokens
                    .get(k + 1)
                    .is_some_and(|u| DOSE_UNITS.contains(&u.word.as_str())))
    };
    to - from <= LIST_ITEM_WORDS
        && (from..to).any(|k| dose(k) || FORMS.contains(&tokens[k].word.as_str()))
}

/// Papers that name a diagnosis: "my sick note says stroke", "the letter says heart attack".
static PAPERWORK_SAYS: LazyLock<Cues> =
    LazyLock::new(|| Cues::new(&[PAPERS_SAY, HEADINGS].concat()));

/// What a paper is said to say, for [`PAPERWORK_SAYS`].
const PAPERS_SAY: &[&str] = &[
    "note says",
    "note said",
    "notes say",
    "notes said",
    "letter says",
    "letter said",
    "record says",
    "records say",
    "records said",
    "form says",
    "summary says",
    "certificate says",
    "report says",
    "recorded as",
    "coded as",
    "listed as",
    "put down as",
    "written down as",
];

/// The cues of [`PAPERWORK_SAYS`] that give a paper's heading: "a letter headed URGENT -
/// PATIENT COLLAPSED".
const HEADINGS: &[&str] = &["headed urgent", "marked urgent", "titled", "entitled"];

/// How many words after "… says" a diagnosis it names may come.
const PAPERWORK_REACH: usize = 3;

/// A paper to be put right: "can it be corrected", "please amend my notes".
static CORRECTION: LazyLock<Cues> = LazyLock::new(|| {
    Cues::new(&[
        "corrected",
        "correct it",
        "correct my",
        "correct the",
        "amended",
        "amend",
        "put right",
        "changed on",
        "wrong on",
        "mistake on",
        "error on",
    ])
});

/// The words by which a paper names the symptom at `at` as a diagnosis ("my sick note says
/// stroke"): a record, not a symptom. In the paper's clause, or anywhere after the paper in a
/// sentence asking for it to be put right ("… says stroke but it was a TIA, can it be
/// corrected please").
pub fn named_in_paperwork(tokens: &[Token], at: usize) -> Option<&'static str> {
    let clause = tokens.get(at)?.clause;
    let correcting = CORRECTION.first(tokens).is_some();
    (0..at).find_map(|j| {
        let (span, cue) = PAPERWORK_SAYS.at(tokens, j)?;
        let near = at - span.end.min(at) <= PAPERWORK_REACH;
        let in_its_clause = tokens[j].clause == clause && near;
        // A heading runs on past its dashes: "headed URGENT - PATIENT COLLAPSED".
        let a_heading = near && HEADINGS.contains(&cue);
        (span.end <= at && (in_its_clause || a_heading || correcting)).then_some(cue)
    })
}

/// Programmes, films and articles: what happens in them happens to someone on a screen or page.
static PROGRAMME: LazyLock<Cues> = LazyLock::new(|| {
    Cues::new(&[
        // Asked by a student or a nurse about a protocol: "nursing student revising
        // anaphylaxis, what's the dose?", "where's the protocol for a patient who faints?".
        "revising",
        "studying",
        "the protocol",
        "documentary",
        "episode",
        "tv show",
        "programme about",
        "program about",
        "on tv",
        "on the telly",
        "on the news",
        "film",
        "movie",
        "drama",
        "soap",
        "article",
        "podcast",
        "read about",
        "reading about",
        "greys",
        "casualty",
        "holby",
    ])
});

/// Words wondering rather than telling ("made me wonder what the signs are").
static WONDERS: LazyLock<Cues> =
    LazyLock::new(|| Cues::new(&["wonder", "wondering", "curious", "made me think"]));

/// Words that plainly put what follows in a story, a programme or a course: "a book about a
/// paramedic, full of overdose stories", "we practised CPR on a dummy".
static STORY: LazyLock<Cues> = LazyLock::new(|| {
    Cues::new(&[
        // A protocol is for any patient: "where's the protocol for a patient who faints".
        "protocol for",
        "book about",
        "documentary about",
        "documentary on",
        "programme on",
        "program on",
        "article on",
        "podcast on",
        "episode on",
        "film about",
        "movie about",
        "programme about",
        "program about",
        "article about",
        "podcast about",
        "episode of",
        "stories",
        "first aid course",
        "first aid training",
        "cpr course",
        "on a dummy",
        // What staff record or learn from an event already handled: a debrief, an incident
        // form, a significant event audit ("where do I log that for the significant event
        // audit?").
        "debrief",
        "handled well",
        "incident form",
        "incident report",
        "incident log",
        "log the incident",
        "significant event",
        "significant events",
        "event audit",
        "event analysis",
        "datix",
        "where do i log",
        "how do i log",
        "where do we log",
        "how do we log",
        "where should i log",
        "reflective account",
        "prevention training",
        "awareness training",
        "did training",
        "a lesson on",
        "lesson about",
        "planning a lesson",
        "teaching a class",
        "presentation on",
        "project on",
        "essay on",
        "assignment",
        "coursework",
        "dissertation",
        "revising for",
        "revision for",
        "exam question",
        "a character",
        "the character",
        "book im reading",
        "novel",
        "practised",
        "practiced",
    ])
});

/// The programme, story or course a sentence tells of, or asks or wonders about, if any:
/// "watched a documentary about sepsis, what are the warning signs?".
pub fn about_a_programme(tokens: &[Token], asks: bool) -> Option<&'static str> {
    if let Some(story) = STORY.first(tokens) {
        return Some(story);
    }
    let programme = PROGRAMME.first(tokens)?;
    (asks || WONDERS.first(tokens).is_some()).then_some(programme)
}

/// The story or programme whose subject ("… about …") the word at `at` is, in one clause:
/// "I keep reading horror stories online about people not waking up".
pub fn story_about(tokens: &[Token], at: usize) -> Option<&'static str> {
    let clause = tokens.get(at)?.clause;
    let about = (0..at)
        .rev()
        .take_while(|&j| tokens[j].clause == clause)
        .find(|&j| tokens[j].word == "about")?;
    (0..about)
        .rev()
        .take_while(|&j| tokens[j].clause == clause)
        .find_map(|j| STORY.at(tokens, j).or_else(|| PROGRAMME.at(tokens, j)))
        .map(|(_, cue)| cue)
}

/// Words putting what follows in a game, or in a story being read or written: "in the game
/// my character has to jump off a cliff", "in my novel the hero takes an overdose".
static FICTION: LazyLock<Cues> = LazyLock::new(|| {
    Cues::new(&[
        "in the game",
        "in a game",
        "in my game",
        "in this game",
        "in that game",
        "video game",
        "computer game",
        "my character",
        "the character",
        "a character",
        "his character",
        "her character",
        "their character",
        "my avatar",
        "in the book",
        "in my book",
        "in the novel",
        "in my novel",
        "in the story",
        "in my story",
        "in the film",
        "in the movie",
        "in the play",
        "in the show",
        "in the series",
    ])
});

/// Words that bring a sentence out of a game or story and back to the writer's own life.
static REAL_LIFE: LazyLock<Cues> = LazyLock::new(|| {
    Cues::new(&[
        "in real life",
        "irl",
        "for real",
        "seriously though",
        "but honestly",
        "but really",
        "not the game",
        "not in the game",
    ])
});

/// The words putting the word at `at` in a game or a story, if any: a cue earlier in its
/// clause, with the writer not named between ("in the game my character has to jump off a
/// cliff"; not "in the game I keep wanting to die", nor "I feel like a character in a film")
/// and no turn back to real life in the sentence ("…, but irl I want to die").
pub fn in_a_game_or_story(tokens: &[Token], at: usize) -> Option<&'static str> {
    let clause = tokens.get(at)?.clause;
    let (span, cue) = FICTION
        .all(tokens, 0, at)
        .into_iter()
        .rev()
        .find(|(span, _)| {
            span.end <= at
                && tokens[span.start].clause == clause
                && !span
                    .start
                    .checked_sub(1)
                    .is_some_and(|k| matches!(tokens[k].word.as_str(), "like" | "as"))
        })?;
    let turned = !REAL_LIFE.all(tokens, span.end, tokens.len()).is_empty()
        || tokens[span.end..at].iter().any(|t| {
            WRITER.contains(&t.word.as_str())
                || matches!(t.word.as_str(), "but" | "however" | "actually")
        });
    (!turned).then_some(cue)
}

/// A question about the means or amount needed: "how many … would it take".
static MEANS: LazyLock<Cues> = LazyLock::new(|| {
    Cues::new(&[
        "how many",
        "how much",
        "would it take",
        "will it take",
        "does it take",
        "enough to",
        "best way to",
        "quickest way",
        "easiest way",
        "painless way",
        "lethal dose",
        "fatal dose",
        "would be fatal",
        "would be lethal",
        "would kill",
        "fatal amount",
        "lethal amount",
    ])
});

/// Whether the sentence asks about the means or the amount ("how many would it take").
pub fn asks_about_means(tokens: &[Token]) -> bool {
    MEANS.first(tokens).is_some()
}

/// Verbs that open a question when a subject follows ("should we", "is it").
const AUXILIARIES: &[&str] = &[
    "is", "are", "am", "was", "were", "can", "could", "do", "does", "did", "should", "would",
    "will", "may", "might", "shall", "has", "have",
];
/// Words asking a question when an auxiliary follows ("what should", "how do").
const WH: &[&str] = &["what", "how", "when", "where", "which", "who", "why"];

/// Whether the clause holding the word at `at` is worded as a question, question mark or
/// not: an auxiliary before its subject ("should we mention…"), or a question word before
/// an auxiliary ("what should my wife do…").
pub fn worded_as_question(tokens: &[Token], at: usize) -> bool {
    let Some((from, to)) = clause_span(tokens, at) else {
        return false;
    };
    let Some(first) = (from..to).find(|&j| !FILLERS.contains(&tokens[j].word.as_str())) else {
        return false;
    };
    let word = |k: usize| tokens.get(k).filter(|_| k < to).map(|t| t.word.as_str());
    match (word(first), word(first + 1)) {
        (Some(a), Some(b)) if AUXILIARIES.contains(&a) => ASKED_ABOUT.contains(&b),
        // "what kind of bleeding means I should come back in": asking which of a kind.
        (Some("what" | "which"), Some("kind" | "sort" | "type" | "kinds" | "sorts" | "types")) => {
            word(first + 2) == Some("of")
        }
        (Some(w), Some(b)) if WH.contains(&w) => AUXILIARIES.contains(&b),
        _ => false,
    }
}

/// Words naming a time that is now: "right now", "for the last hour", "since lunch".
const NOW_TIMES: &[&str] = &[
    "now",
    "right now",
    "currently",
    "at the moment",
    "atm",
    "just now",
    "since",
    "for the last",
    "for the past",
    "getting worse",
];

/// Words in the clause saying the symptom is happening now.
static NOW: LazyLock<Cues> = LazyLock::new(|| {
    Cues::new(
        &[
            NOW_TIMES,
            &[
                "keeps",
                "keep",
                "started",
                "starting",
                "having",
                "is getting",
            ],
        ]
        .concat(),
    )
});

/// After "help", someone who then does something: the plea runs on ("help he's fitting").
const SUBJECTS: &[&str] = &[
    "he", "hes", "she", "shes", "i", "im", "mum", "dad", "they", "theyre",
];
/// People after "help my": "help my wife has collapsed".
const RELATIVES: &[&str] = &[
    "dad",
    "mum",
    "mom",
    "mother",
    "father",
    "husband",
    "wife",
    "partner",
    "son",
    "daughter",
    "baby",
    "child",
    "kid",
    "boy",
    "girl",
    "brother",
    "sister",
    "nan",
    "grandma",
    "grandad",
    "grandpa",
    "friend",
    "hubby",
    "wifey",
    "boyfriend",
    "girlfriend",
    "toddler",
];

/// The word opening the general question that holds the word at `at`, if it is in one.
pub fn general_question(tokens: &[Token], asks: bool, at: usize) -> Option<&'static str> {
    let clause = tokens.get(at)?.clause;
    let (from, to) = clause_span(tokens, at)?;
    let first = (from..to).find(|&j| !FILLERS.contains(&tokens[j].word.as_str()))?;
    if first > at {
        return None;
    }
    let opener = OPENERS.iter().find(|&&o| o == tokens[first].word)?;
    // "have terrible chest pain", "had a fit": a statement without its "I", unless a subject
    // follows ("have you…", "has anyone…").
    // "was watching a film when he collapsed": the same for "was" and "were".
    if matches!(*opener, "have" | "has" | "was" | "were")
        && !tokens
            .get(first + 1)
            .is_some_and(|t| ASKED_ABOUT.contains(&t.word.as_str()))
    {
        return None;
    }
    // A question later in the sentence ("thanks, is that normal?") needs its question mark.
    let opens_sentence = tokens[..first]
        .iter()
        .all(|t| FILLERS.contains(&t.word.as_str()));
    if !opens_sentence && !asks {
        return None;
    }
    if NOT_GENERAL.starts_at(tokens, first) || !NOW.all(tokens, from, to).is_empty() {
        return None;
    }
    // "can you help my wife has collapsed": after "help", a person who is the subject of
    // what follows.
    let run_on = (from..to).any(|j| {
        tokens[j].word == "help" && {
            let next = |k: usize| tokens.get(j + k).filter(|t| t.clause == clause);
            match next(1).map(|t| t.word.as_str()) {
                Some("my" | "his" | "her" | "our") => {
                    next(2).is_some_and(|t| RELATIVES.contains(&t.word.as_str()))
                }
                Some(w) => SUBJECTS.contains(&w),
                None => false,
            }
        }
    });
    (!run_on).then_some(opener)
}

/// Words telling that an animal is the patient: "know a good vet near you?".
static ANIMAL_CARE: LazyLock<Cues> =
    LazyLock::new(|| Cues::new(&["vet", "vets", "veterinary", "veterinarian"]));

/// The word showing that the message is about an animal's health, if any.
pub fn about_an_animal(tokens: &[Token]) -> Option<&'static str> {
    ANIMAL_CARE.first(tokens)
}

/// The programme, film or story a sentence names, if any ("Did anyone watch Casualty last
/// night?"); "casualty" as a place ("went to casualty") is none.
pub fn names_a_programme(tokens: &[Token]) -> Option<&'static str> {
    if let Some(story) = STORY.first(tokens) {
        return Some(story);
    }
    // "In EastEnders someone had a heart attack, is that realistic?": asking whether a scene
    // is true to life names a programme without its name.
    if let Some(portrayal) = PORTRAYAL.first(tokens) {
        return Some(portrayal);
    }
    (0..tokens.len()).find_map(|j| {
        let (_, cue) = PROGRAMME.at(tokens, j)?;
        let a_place = cue == "casualty"
            && j.checked_sub(1)
                .is_some_and(|k| matches!(tokens[k].word.as_str(), "to" | "in" | "at" | "from"));
        (!a_place).then_some(cue)
    })
}

/// Words asking whether a scene is true to life: only a story or a programme is.
static PORTRAYAL: LazyLock<Cues> = LazyLock::new(|| {
    Cues::new(&[
        "is that realistic",
        "is it realistic",
        "was that realistic",
        "how realistic",
        "unrealistic",
        "realistic portrayal",
        "accurate portrayal",
        "is that what really happens",
        "does that really happen",
        "in real life",
    ])
});

/// People in a programme or a story, named as strangers ("the guy", "a woman").
const STRANGERS: &[&str] = &[
    "guy",
    "bloke",
    "fella",
    "man",
    "woman",
    "lady",
    "lad",
    "girl",
    "character",
    "actor",
    "actress",
    "patient",
    "contestant",
    "someone",
    "somebody",
];
/// The writer naming themself: the one who has a symptom when nobody else is named.
const WRITER: &[&str] = &["i", "im", "ive", "id", "me", "my", "myself"];

/// Words naming someone as a stranger: "the guy", "this woman".
const STRANGER_OPENERS: &[&str] = &["the", "a", "this", "that", "some", "one"];

/// Whether the nearest person named before the word at `at` is a stranger ("the guy had a
/// bleed on the brain"), not the patient or someone of theirs: the stranger's words, when
/// it is.
pub fn a_stranger_has_it(tokens: &[Token], at: usize) -> Option<&'static str> {
    for j in (0..at.min(tokens.len())).rev() {
        let word = tokens[j].word.as_str();
        if let Some(stranger) = STRANGERS.iter().find(|&&s| s == word) {
            let named = matches!(*stranger, "someone" | "somebody")
                || j.checked_sub(1)
                    .is_some_and(|k| STRANGER_OPENERS.contains(&tokens[k].word.as_str()));
            return named.then_some(*stranger);
        }
        if matches!(word, "he" | "she" | "hes" | "shes" | "him" | "her" | "they") {
            // "the guy … he collapsed": the pronoun points back; look on.
            continue;
        }
        if WRITER.contains(&word)
            || matches!(word, "we" | "our" | "us")
            || is_person(word)
            || is_person(word.trim_end_matches('s'))
        {
            return None;
        }
    }
    None
}

/// Animals people keep, singular and plural.
const ANIMALS: &[&str] = &[
    "cat", "cats", "kitten", "kittens", "dog", "dogs", "puppy", "puppies", "pup", "rabbit",
    "rabbits", "bunny", "hamster", "hamsters", "guinea", "horse", "horses", "pony", "budgie",
    "parrot", "bird", "tortoise", "ferret", "pet", "pets",
];
/// Words after an animal that make it the one who has the symptom: "our cat has seizures",
/// "rabbit's stopped eating".
const ANIMAL_VERBS: &[&str] = &[
    "has", "had", "is", "was", "keeps", "kept", "having", "been", "seems", "started", "stopped",
    "cant", "wont", "isnt", "wasnt", "hasnt", "just", "now", "suddenly",
];

/// Whether an animal has the symptom at `at`: the nearest one named before it in its clause
/// is an animal that has or does something ("our cat has seizures", "rabbit's stopped eating
/// and breathing heavy"; not "the dog is sleepy, the carbon monoxide alarm keeps beeping"),
/// or, with no person named before it, the sentence speaks of a vet.
pub fn an_animal_has_it(tokens: &[Token], at: usize) -> Option<&'static str> {
    let clause = tokens.get(at)?.clause;
    for j in (0..at.min(tokens.len())).rev() {
        if tokens[j].clause != clause {
            break;
        }
        let word = tokens[j].word.as_str();
        if let Some(animal) = ANIMALS.iter().find(|&&a| a == word) {
            let does = tokens.get(j + 1).is_some_and(|t| {
                ANIMAL_VERBS.contains(&t.word.as_str())
                    || (t.word.len() > 4 && t.word.ends_with("ed"))
            });
            if does {
                return Some(animal);
            }
            continue;
        }
        if WRITER.contains(&word)
            || matches!(word, "he" | "she" | "hes" | "shes")
            || is_person(word)
            || is_person(word.trim_end_matches('s'))
        {
            return None;
        }
    }
    let a_person_before = tokens[..at].iter().any(|t| {
        let word = t.word.as_str();
        matches!(
            word,
            "i" | "im" | "ive" | "me" | "my" | "he" | "she" | "hes" | "shes"
        ) || is_person(word)
    });
    if a_person_before {
        return None;
    }
    about_an_animal(tokens)
}

/// Nouns that make a symptom the name of a topic, a tool or training: "sepsis screening
/// tool", "stroke awareness poster".
const TOPICS: &[&str] = &[
    "screening",
    "screen",
    "tool",
    "tools",
    "training",
    "protocol",
    "protocols",
    "policy",
    "policies",
    "poster",
    "posters",
    "guideline",
    "guidelines",
    "guidance",
    "leaflet",
    "leaflets",
    "checklist",
    "kit",
    "course",
    "awareness",
    "campaign",
    "charity",
    "module",
    "lecture",
    "research",
    "pathway",
    "audit",
    "drill",
    "refresher",
    "quiz",
    "questionnaire",
    "elearning",
    "bundle",
    "scoring",
    "score",
    // "reading on spotting suicide risk", "a stroke risk calculator": a risk is weighed, not
    // a state had ("at risk of" is spoken of already).
    "risk",
];

/// The topic noun right after a symptom's words ending at `end`, if any.
pub fn names_a_topic(tokens: &[Token], end: usize) -> Option<&'static str> {
    let next = tokens.get(end)?;
    if next.clause != tokens[end.saturating_sub(1)].clause {
        return None;
    }
    TOPICS.iter().find(|&&t| t == next.word).copied()
}

/// Words opening the thing named as what was meant ("my gym membership I mean").
const MEANT_OPENERS: &[&str] = &["my", "the", "this", "that", "our", "his", "her", "these"];

/// Whether the words from `from` name what was meant: "my gym membership I mean", a thing
/// of at most four words that is no life, mood or person ([`super::GRAVE_CAUSES`]), then "I
/// mean" (not "I mean it").
pub fn names_what_was_meant(tokens: &[Token], from: usize) -> Option<&'static str> {
    let first = tokens.get(from)?;
    if !MEANT_OPENERS.contains(&first.word.as_str()) {
        return None;
    }
    let mean = (from + 2..tokens.len().min(from + 6)).find(|&k| {
        tokens[k - 1].word == "i" && matches!(tokens[k].word.as_str(), "mean" | "meant")
    })?;
    let thing = &tokens[from + 1..mean - 1];
    let grave = thing.iter().any(|t| {
        super::GRAVE_CAUSES.contains(&t.word.as_str())
            || matches!(t.word.as_str(), "it" | "myself" | "self" | "me" | "all")
    });
    let insists = tokens
        .get(mean + 1)
        .is_some_and(|t| matches!(t.word.as_str(), "it" | "that" | "every"));
    (!thing.is_empty() && !grave && !insists).then_some("I mean")
}

/// Partners one "ends it" with: to end it with one of them is to end the relationship.
const PARTNERS: &[&str] = &[
    "ex",
    "boyfriend",
    "girlfriend",
    "bf",
    "gf",
    "partner",
    "husband",
    "hubby",
    "wife",
    "fiance",
    "fiancee",
    "fiancé",
    "fiancée",
    "missus",
    "fella",
    "bloke",
    "date",
];

/// Whether the words from `from` name a partner that something is ended with ("… with my
/// ex", "with the boyfriend"): "ready to end it all with my ex" ends a relationship, not a
/// life. A pronoun is not enough ("end it all with them" may mean the tablets).
pub fn with_a_partner(tokens: &[Token], from: usize) -> Option<&'static str> {
    if tokens.get(from)?.word != "with" {
        return None;
    }
    let mut k = from + 1;
    if tokens
        .get(k)
        .is_some_and(|t| MEANT_OPENERS.contains(&t.word.as_str()))
    {
        k += 1;
    }
    let partner = tokens.get(k)?;
    PARTNERS
        .contains(&partner.word.as_str())
        .then_some("with a partner")
}

/// What, named after "can't go on like this with my…", is a state of mind or a life, not a
/// nuisance ("with my mental health", "with my marriage").
const NOT_A_NUISANCE: &[&str] = &[
    "it",
    "everything",
    "mental",
    "mood",
    "moods",
    "feelings",
    "emotions",
    "marriage",
    "relationship",
    "kids",
    "children",
    "son",
    "daughter",
    "self",
    "myself",
    "brain",
];

/// Whether crisis words of not bearing it ("can't go on like this", "can't cope") at `span`
/// name what cannot be borne, right after them in their clause: "with my knee", "with this
/// wait", a thing that is no life, mood, pain or person ([`super::GRAVE_CAUSES`]).
pub fn bears_a_named_nuisance(tokens: &[Token], span: Span) -> Option<&'static str> {
    let bearing = tokens[span.start..span.end]
        .iter()
        .any(|t| matches!(t.word.as_str(), "go" | "carry" | "cope" | "coping"));
    if !bearing {
        return None;
    }
    let clause = tokens[span.start].clause;
    let word = |k: usize| {
        tokens
            .get(k)
            .filter(|t| t.clause == clause)
            .map(|t| t.word.as_str())
    };
    if word(span.end) != Some("with")
        || !matches!(word(span.end + 1), Some("my" | "this" | "the" | "these"))
    {
        return None;
    }
    let thing: Vec<&str> = (span.end + 2..span.end + 5).map_while(word).collect();
    let grave = thing.is_empty()
        || thing
            .iter()
            .any(|w| super::GRAVE_CAUSES.contains(w) || NOT_A_NUISANCE.contains(w));
    (!grave).then_some("with")
}

/// Words naming nobody in particular: "someone", "anyone", "a person".
const ANYONE: &[&str] = &[
    "someone",
    "someones",
    "somebody",
    "somebodys",
    "anyone",
    "anyones",
    "anybody",
    "anybodys",
];

/// People a symptom word in "-ing" can describe: "a choking baby", "a fitting child".
const PEOPLE: &[&str] = &[
    "baby", "child", "kid", "toddler", "person", "adult", "man", "woman", "casualty", "patient",
    "infant",
];

/// Words naming a particular person: after "someone", they make the symptom that person's
/// ("can someone come, he's fitting?").
const PARTICULAR: &[&str] = &[
    "he", "hes", "him", "his", "she", "shes", "her", "i", "im", "me", "my", "we", "our", "us",
];

/// A question in the infinitive, asked of no one in particular: "what to do for burns", "how to
/// treat a nosebleed".
static HOW_TO: LazyLock<Cues> = LazyLock::new(|| {
    Cues::new(&[
        "what to do for",
        "what to do about",
        "how to treat",
        "how to deal with",
        "how to help with",
        "how to handle",
        "how to manage",
        "how to spot",
        "how to recognise",
        "how to recognize",
        "first aid for",
    ])
});

/// Verbs that report or teach a question rather than ask it for oneself: "the school asked
/// parents what to do for burns", "we learnt how to treat a nosebleed".
const REPORTING: &[&str] = &[
    "asked",
    "asking",
    "asks",
    "learn",
    "learning",
    "learnt",
    "learned",
    "teach",
    "teaching",
    "taught",
    "teaches",
    "show",
    "showed",
    "shown",
    "showing",
    "explain",
    "explained",
    "explaining",
    "wondering",
    "wondered",
    "covered",
    "covering",
];

/// Words that may stand between an infinitive question and the symptom it asks about, naming
/// no one present, besides [`ANYONE`]: "what to do for a burn", "how to treat minor burns".
const ANY_CASE: &[&str] = &[
    "a",
    "an",
    "the",
    "any",
    "minor",
    "small",
    "bad",
    "severe",
    "serious",
    "big",
    "people",
    "peoples",
    "kids",
    "childrens",
    "child",
    "childs",
    "cases",
    "of",
];

/// The infinitive question whose object is the symptom at `at`, reported or taught, so asked
/// of anyone with it rather than of a person present: "the school asked parents what to do
/// for burns", "we learnt how to treat a nosebleed". Not "don't know what to do for him, he's
/// burnt" nor "asked what to do for my son's burns".
pub fn how_to_in_general(tokens: &[Token], at: usize) -> Option<&'static str> {
    let clause = tokens.get(at)?.clause;
    let opens = (0..at)
        .rev()
        .take_while(|&j| tokens[j].clause == clause && at - j <= 8)
        .find_map(|j| {
            let (span, cue) = HOW_TO.at(tokens, j)?;
            (span.end <= at
                && at - span.end <= 3
                && tokens[span.end..at].iter().all(|t| {
                    ANY_CASE.contains(&t.word.as_str()) || ANYONE.contains(&t.word.as_str())
                }))
            .then_some((j, cue))
        });
    let (from, cue) = opens?;
    (0..from)
        .rev()
        .take_while(|&j| tokens[j].clause == clause && from - j <= 3)
        .any(|j| REPORTING.contains(&tokens[j].word.as_str()))
        .then_some(cue)
}

/// The words showing that a question asks about anyone at all with the symptom at `at`, not
/// about a person present: "for a choking baby, how many back blows?", "should you put
/// something in someone's mouth when they're having a seizure?". Only in a question.
pub fn someone_in_general(tokens: &[Token], asks: bool, at: usize) -> Option<&'static str> {
    if !asks {
        return None;
    }
    let word = |k: usize| tokens.get(k).map(|t| t.word.as_str());
    // "a choking baby": the symptom as what any such person does.
    if at > 0
        && matches!(word(at - 1), Some("a" | "an"))
        && word(at).is_some_and(|w| w.ends_with("ing"))
        && word(at + 1).is_some_and(|w| PEOPLE.contains(&w))
    {
        return Some("a");
    }
    let k = (0..at)
        .rev()
        .find(|&k| ANYONE.contains(&tokens[k].word.as_str()))?;
    let particular = tokens[k + 1..at]
        .iter()
        .any(|t| PARTICULAR.contains(&t.word.as_str()) || RELATIVES.contains(&t.word.as_str()));
    (!particular).then(|| ANYONE.iter().find(|&&w| w == tokens[k].word).copied())?
}

/// How many words after the symptom a paper's list may be named.
const LISTED_REACH: usize = 4;

/// Words after the symptom at `span`, in its clause, saying it is listed or mentioned on a
/// paper ("'suicidal thoughts' is listed as a side effect on the leaflet", "chest pain is
/// mentioned in the consent form"): quoted words, not a state.
pub fn listed_on_a_paper(tokens: &[Token], span: Span) -> Option<&'static str> {
    let clause = tokens.get(span.start)?.clause;
    let to = tokens.len().min(span.end + LISTED_REACH);
    (span.end..to)
        .take_while(|&j| tokens[j].clause == clause)
        .find_map(|j| {
            let cue = match tokens[j].word.as_str() {
                "listed" => "listed",
                "mentioned" => "mentioned",
                "printed" => "printed",
                _ => return None,
            };
            tokens
                .get(j + 1)
                .is_some_and(|n| matches!(n.word.as_str(), "as" | "on" | "in" | "under"))
                .then_some(cue)
        })
}
