//! When: a symptom long past ("had a seizure once as a teenager", "in 2019"), on an earlier
//! day ("last week", "three weeks ago", "in September"), a habit ("I always faint at blood
//! tests"), one that has stopped ("the bleeding stopped") or someone well again ("she's fine
//! today"), and an event treated or in hospital's hands ("in ICU after his cardiac arrest").
//!
//! A past marker covers its sentence up to a word that brings it back to now ("now",
//! "today", "again", "but"); a habit covers its clause; a stop covers the words before it in
//! its clause (or the clause before, when it points back: "…, but it went away").

use std::sync::LazyLock;

use super::phrase::{Cues, Span};
use super::words::Token;
use crate::language::is_stopword;

static LONG_AGO: LazyLock<Cues> = LazyLock::new(|| {
    Cues::new(&[
        // "my discharge letter from when I had the heart attack": an episode looked back on.
        "from when i had",
        "from when he had",
        "from when she had",
        "from when they had",
        "from when my",
        "years ago",
        "year ago",
        "yrs ago",
        "months ago",
        "month ago",
        "a while ago",
        "long ago",
        "ages ago",
        "last year",
        "years back",
        "as a kid",
        "as a child",
        "as a teenager",
        "as a teen",
        "as a baby",
        "as a toddler",
        "as a student",
        "when i was young",
        "when i was younger",
        "when i was little",
        "when i was a kid",
        "when i was a child",
        "when i was a teenager",
        "when i was a teen",
        "when i was a baby",
        "when i was small",
        "when i was #",
        "when he was #",
        "when she was #",
        "when they were #",
        "when he was a baby",
        "when she was a baby",
        "when he was little",
        "when she was little",
        "when he was younger",
        "when she was younger",
        "in my teens",
        "in my twenties",
        "in my thirties",
        "in my childhood",
        "childhood",
        "previously",
        "in the past",
        "history of",
        "used to",
        "first baby",
        "first pregnancy",
        "last pregnancy",
        "previous pregnancy",
        "last baby",
        "previous operation",
        "last operation",
        "last time",
        "at my last",
        "at his last",
        "at her last",
        "during my last",
        "for years",
        "all my life",
        "last month",
        "runs in the family",
        "runs in my family",
        "run in the family",
        "run in my family",
        "family history",
        "died",
        "passed away",
        "died of",
        "died from",
        "since childhood",
        // A question of a lifetime's history: "have you ever had a cardiac arrest?" (not
        // "the worst headache I've ever had").
        "have you ever",
        "has he ever",
        "has she ever",
        "have they ever",
        "has anyone ever",
        "have i ever",
        "ever been diagnosed",
        "since i was",
        "since he was",
        "since she was",
        "years",
    ])
});

/// Words that bring a sentence back to the present: a past marker stops there.
static BACK_TO_NOW: LazyLock<Cues> = LazyLock::new(|| {
    Cues::new(&[
        "now",
        "still",
        "today",
        "tonight",
        "this morning",
        "this afternoon",
        "this evening",
        "right now",
        "again",
        "currently",
        "at the moment",
        "since",
        "but",
        "however",
        "yesterday",
        "last night",
        "this week",
        "just",
        "suddenly",
        "started",
        "hours",
        "minutes",
        "mins",
    ])
});

/// Words saying something happens now, whatever the tense ("now I get a sharp pain").
static NOW: LazyLock<Cues> = LazyLock::new(|| {
    Cues::new(&[
        "now",
        "right now",
        "today",
        "tonight",
        "this morning",
        "this afternoon",
        "this evening",
        "suddenly",
        "started",
        "just",
        "currently",
        "at the moment",
    ])
});

static HABIT: LazyLock<Cues> = LazyLock::new(|| {
    Cues::new(&[
        "always",
        "usually",
        "often",
        "sometimes",
        "normally",
        "tend to",
        "tends to",
        "whenever",
        "every time",
        "everytime",
        "each time",
        "regularly",
        "occasionally",
        "on and off",
        "from time to time",
        "generally",
        "when he is",
        "when hes",
        "when she is",
        "when shes",
        "when i am",
        "when im",
        "when i get",
        "when he gets",
        "at night",
        // Parts of the day in the plural: "gunky in the mornings".
        "in the mornings",
        "in the evenings",
        "in the afternoons",
        // Weekends in the plural: "unrousable before noon at weekends".
        "at weekends",
        "on weekends",
        "at the weekends",
        "every night",
        "most nights",
        "some nights",
        "when she gets",
        "when i walk",
        "when i exercise",
        "when i climb",
        "when i run",
        "easily",
        "gets",
        "i get",
        "prone to",
    ])
});

/// Words saying that something is over, as both [`STOPPED`] and [`RESOLVED`] read them.
const OVER: &[&str] = &[
    // A faint that is over: "fainted and came round straight away".
    "came round",
    "came to",
    "been fine since",
    "fine ever since",
    "fine since then",
    "went away",
    "gone away",
    "all gone",
    "settled down",
    "cleared up",
    "resolved",
    "better now",
    "fine now",
    "ok now",
    "okay now",
    "normal now",
    "wore off",
    "worn off",
    "over now",
    "back to normal",
];

/// Adverbs that may stand inside a stop without changing it: "coughed it straight out",
/// "been totally fine since", "has completely stopped".
const STOP_FILLERS: &[&str] = &[
    "straight",
    "right",
    "totally",
    "completely",
    "absolutely",
    "perfectly",
    "fully",
    "really",
    "pretty",
    "quite",
];

/// Words saying that a symptom has stopped or is easing ("the bleeding stopped").
static STOPPED: LazyLock<Cues> = LazyLock::new(|| {
    Cues::with_fillers(
        &[
            OVER,
            &[
                "stopped",
                "has stopped",
                // A choke that cleared: "coughed it up straight away", "but it came up".
                "coughed it up",
                "it came up",
                // The glass test passed: "a rash but it faded when I pressed a glass on it".
                "it faded",
                "they faded",
                "it blanched",
                "they blanched",
                // "went tight running but it went after a rest and my inhaler".
                "it went after",
                "coughed it out",
                "brought it up",
                "have stopped",
                "has gone away",
                "gone now",
                "is gone now",
                "is gone",
                "has gone",
                "are gone",
                "have gone",
                "settled",
                "cleared",
                "eased",
                "eased off",
                "under control",
                "no longer",
                "not anymore",
                "not any more",
                "calmed down",
                "subsided",
                "died down",
                "improved",
                "improving",
                "easing",
                "slowing down",
                "slowed down",
                "slowed",
                "stopped now",
                "has passed",
                "passed now",
            ],
        ]
        .concat(),
        STOP_FILLERS,
    )
});

/// Words saying that whatever happened is over, for the whole message ("she's fine now",
/// "it healed nicely"). Narrower than [`STOPPED`]: "stopped" alone may be the emergency
/// itself ("he stopped breathing").
static RESOLVED: LazyLock<Cues> = LazyLock::new(|| {
    Cues::with_fillers(
        &[
            OVER,
            &[
                "alright now",
                "all right now",
                // Eased by the time of writing: "it ease off now", "the cramp has settled now".
                "ease off now",
                "eased off now",
                "eases off now",
                "easing off now",
                "eased now",
                "settled now",
                "calmed down now",
                "healed",
                "healed up",
                "recovered",
                // "it turned out to be heartburn": looked into, and found harmless. Not a limb
                // "turned out" (rotated outwards: "her leg is shorter and turned out").
                "turned out to be",
                "turned out to",
                "turned out fine",
                "turned out ok",
                "turned out okay",
                "turned out alright",
                "turned out all right",
                "turned out well",
                "turned out nothing",
                "turned out it was",
                "turned out its",
                "turned out that",
                // "the fire alarm went off (burnt toast), no one hurt": nobody came to harm.
                "no one hurt",
                "no one was hurt",
                "nobody hurt",
                "nobody was hurt",
                "no harm done",
                "everyone is fine",
                "everyones fine",
                "everyone is ok",
                "everyones ok",
                // A child back at play: "bruised knee, he's running round fine".
                "running round fine",
                "running around fine",
                "running about fine",
                "running round happily",
                "running around happily",
                "playing happily",
                "playing normally",
            ],
        ]
        .concat(),
        STOP_FILLERS,
    )
});

/// Words saying someone is well again, whatever the tense ("she's right as rain").
static WELL_AGAIN: LazyLock<Cues> = LazyLock::new(|| {
    Cues::new(&[
        "right as rain",
        "back to himself",
        "back to herself",
        "back to his usual self",
        "back to her usual self",
        "back to my usual self",
        "back to his normal self",
        "back to her normal self",
        "back to my normal self",
    ])
});

/// Words saying how someone is: "fine", "grand", "ok".
const WELL: &[&str] = &[
    "fine", "grand", "ok", "okay", "alright", "well", "better", "normal", "great", "good",
];

/// Words before [`WELL`] that make it a statement of how someone is ("he's fine", "I feel
/// grand", "all ok").
/// "doing well", "still fine today": how someone is getting on.
const IS_WELL: &[&str] = &[
    "is", "hes", "shes", "im", "theyre", "were", "feel", "feels", "feeling", "seems", "seem",
    "looks", "look", "all", "am", "are", "doing", "still",
];

/// A clause saying someone is well now ("he's fine and at school now", "Grand now", "she's
/// fine today", "she's right as rain now"), not denied ("not fine now") and with nothing said to have come back
/// after it in its sentence ("…it's started again", "…still pale"): the words and the
/// clause.
/// With `strict`, a turn after it ("fine now but very pale") undoes it too: for a sentence
/// that is not the symptom's own.
pub fn well_now(tokens: &[Token], strict: bool) -> Option<(&'static str, usize)> {
    // "…, can he still come to his appointment?": a "still" in a question comes back to nothing.
    let comes_back = |after: usize| {
        !AGAIN.all(tokens, after, tokens.len()).is_empty()
            || (after..tokens.len()).any(|j| {
                let t = &tokens[j];
                (t.word == "still" && !super::question::worded_as_question(tokens, j))
                    || (strict
                        && matches!(t.word.as_str(), "but" | "however" | "although" | "though"))
            })
    };
    if let Some((span, cue)) = WELL_AGAIN
        .all(tokens, 0, tokens.len())
        .into_iter()
        .find(|&(span, _)| !stop_denied(tokens, span))
        && !comes_back(span.end)
    {
        return Some((cue, tokens[span.start].clause));
    }
    (0..tokens.len()).find_map(|k| {
        let word = WELL.iter().find(|&&w| tokens[k].word == w)?;
        let clause = tokens[k].clause;
        let (from, to) = clause_bounds(tokens, clause);
        // The word before, past an adverb ("he's absolutely fine now").
        let before = (from..k)
            .rev()
            .find(|&j| !STOP_FILLERS.contains(&tokens[j].word.as_str()));
        // "I've been absolutely fine since", "fine ever since", "ok since then": well from
        // the event told of up to now ("since" ending the clause, not "fine since the op",
        // which names where a period began).
        let since = (k + 1..to)
            .find(|&j| tokens[j].word == "since")
            .is_some_and(|j| {
                tokens
                    .get(j + 1)
                    .is_none_or(|n| n.clause != clause || n.word == "then")
            });
        let stated = before.is_none_or(|j| {
            IS_WELL.contains(&tokens[j].word.as_str()) || (since && tokens[j].word == "been")
        });
        // "he's fine now", "she's fine today", "he's in rehab now doing really well".
        let now = since
            || (from..to).any(|j| j != k && matches!(tokens[j].word.as_str(), "now" | "today"));
        let denied = (from..k).any(|j| NOT_STOPPED.by_word(&tokens[j].word));
        (stated && now && !denied && !comes_back(to)).then_some((*word, clause))
    })
}

/// Words saying someone has got over it, whatever the tense: "he's recovered", "doing well".
static RECOVERED: LazyLock<Cues> = LazyLock::new(|| {
    Cues::with_fillers(
        &[
            "recovered",
            "recovering",
            "recovering well",
            "doing well",
            "made a full recovery",
            "on the mend",
            "pulled through",
        ],
        STOP_FILLERS,
    )
});

/// A clause saying plainly how someone is, without "now" ("he's ok", "she's fine", "he's
/// recovered", "doing well"), not denied and with nothing after it in its sentence bringing
/// anything back or turning from it ("…, but", "still"): the words and the clause. Read only
/// for an event the sentence puts at a past time ([`told_at_a_past_time`]): "had a heart
/// attack at the bus stop yesterday, … and he's ok" tells of something over.
pub fn plainly_well(tokens: &[Token], after: usize) -> Option<(&'static str, usize)> {
    let comes_back = |to: usize| {
        !AGAIN.all(tokens, to, tokens.len()).is_empty()
            || tokens[to..].iter().enumerate().any(|(i, t)| {
                (t.word == "still" && !super::question::worded_as_question(tokens, to + i))
                    || matches!(t.word.as_str(), "but" | "however" | "although" | "though")
            })
    };
    if let Some((span, cue)) = RECOVERED
        .all(tokens, after, tokens.len())
        .into_iter()
        .find(|&(span, _)| !stop_denied(tokens, span))
    {
        let (_, to) = clause_bounds(tokens, tokens[span.start].clause);
        if !comes_back(to) {
            return Some((cue, tokens[span.start].clause));
        }
    }
    (after..tokens.len()).find_map(|k| {
        let word = WELL.iter().find(|&&w| tokens[k].word == w)?;
        let clause = tokens[k].clause;
        let (from, to) = clause_bounds(tokens, clause);
        let before = (from..k)
            .rev()
            .find(|&j| !STOP_FILLERS.contains(&tokens[j].word.as_str()))?;
        let stated = IS_WELL.contains(&tokens[before].word.as_str());
        let denied = (from..k).any(|j| NOT_STOPPED.by_word(&tokens[j].word));
        // "is he ok?": a question about how someone is says nothing of it.
        let asked = super::question::worded_as_question(tokens, k);
        (stated && !denied && !asked && !comes_back(to)).then_some((*word, clause))
    })
}

/// A past time the words `from..to` put an event at: "yesterday", "last night", an earlier
/// day ("on Sunday", "three days ago") or a month ("in March").
pub fn told_at_a_past_time(tokens: &[Token], from: usize, to: usize) -> Option<&'static str> {
    let to = to.min(tokens.len());
    if (from..to).any(|k| tokens[k].word == "yesterday") {
        return Some("yesterday");
    }
    if (from..to.saturating_sub(1))
        .any(|k| tokens[k].word == "last" && tokens[k + 1].word == "night")
    {
        return Some("last night");
    }
    EARLIER_DAY
        .all(tokens, from, to)
        .into_iter()
        .chain(
            months_named(tokens)
                .into_iter()
                .filter(|(span, _)| span.start >= from && span.end <= to),
        )
        .map(|(_, cue)| cue)
        .next()
}

/// Words saying someone is in hospital's care now, in a sentence of their own ("He's on the
/// ward now and they're looking after him well", "she's been admitted"), not asked about nor
/// supposed ("if he's kept in", "will she be admitted?"): what another sentence tells of
/// that person is in hand.
pub fn in_care_now(tokens: &[Token], asks: bool) -> Option<&'static str> {
    if asks {
        return None;
    }
    let (span, cue) = IN_CARE.all(tokens, 0, tokens.len()).into_iter().next()?;
    let supposed = tokens[..span.start].iter().any(|t| {
        matches!(
            t.word.as_str(),
            "if" | "will" | "would" | "could" | "might" | "may" | "should" | "when" | "until"
        )
    });
    let denied = (span.start.saturating_sub(3)..span.start)
        .any(|k| NOT_STOPPED.by_word(&tokens[k].word) || tokens[k].word == "wouldnt");
    (!supposed && !denied).then_some(cue)
}

/// The words saying that what the message tells of is over, if any ("she's fine now"), not
/// denied just before ("not healed").
pub fn resolved(tokens: &[Token]) -> Option<&'static str> {
    RESOLVED
        .all(tokens, 0, tokens.len())
        .into_iter()
        .find(|&(span, _)| !stop_denied(tokens, span))
        .map(|(_, cue)| cue)
}

/// Whether a word just before the stop at `span`, in its clause, denies it ("hasn't
/// stopped", "not healed").
fn stop_denied(tokens: &[Token], span: Span) -> bool {
    (span.start.saturating_sub(2)..span.start)
        .any(|k| tokens[k].clause == tokens[span.start].clause && NOT_STOPPED.starts_at(tokens, k))
}

/// Words saying a stopped symptom came back.
static AGAIN: LazyLock<Cues> = LazyLock::new(|| {
    Cues::new(&[
        "again",
        "restarted",
        "started again",
        "come back",
        "came back",
        "returned",
        "back again",
    ])
});

/// Words that, just before a stop, deny it ("hasn't stopped", "won't settle").
static NOT_STOPPED: LazyLock<Cues> = LazyLock::new(|| {
    Cues::new(&[
        "not", "no", "never", "hasnt", "havent", "hadnt", "isnt", "wont", "cant", "didnt",
        "doesnt", "wasnt", "arent", "nt", "without",
    ])
});

/// Words after "once" that make it "as soon as" or "once a day", not "one time, long ago".
/// A subject after "once" makes it "as soon as": "once everyone has gone to bed", "once his
/// shift ends".
const NOT_ONCE_AGO: &[&str] = &[
    "a",
    "an",
    "every",
    "i",
    "im",
    "ive",
    "the",
    "it",
    "its",
    "you",
    "he",
    "she",
    "we",
    "they",
    "my",
    "this",
    "that",
    "more",
    "again",
    "daily",
    "weekly",
    "per",
    "or",
    "twice",
    "in",
    "your",
    "his",
    "her",
    "their",
    "our",
    "hes",
    "shes",
    "theyre",
    "were",
    "everyone",
    "everybody",
    "everything",
    "someone",
    "somebody",
    "nobody",
    "all",
    "mum",
    "dad",
    "mom",
];

static EARLIER_DAY: LazyLock<Cues> = LazyLock::new(|| {
    Cues::new(&[
        "on monday",
        "on tuesday",
        "on wednesday",
        "on thursday",
        "on friday",
        "on saturday",
        "on sunday",
        "last monday",
        "last tuesday",
        "last wednesday",
        "last thursday",
        "last friday",
        "last saturday",
        "last sunday",
        "last week",
        "last weekend",
        "the week before last",
        // Days or weeks counted back, in figures or words: "three weeks ago", "2 days ago",
        // "a fortnight ago", "the other day".
        "days ago",
        "day ago",
        "weeks ago",
        "week ago",
        "wks ago",
        "fortnight ago",
        "the other day",
        "the day before yesterday",
    ])
});

/// The months, for a day named by its month: "collapsed at parkrun in September".
const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "sept",
    "oct",
    "nov",
    "dec",
];

/// Words before a month that make it the time something happened: "in September", "last
/// March", "early June".
const IN_A_MONTH: &[&str] = &["in", "last", "early", "late", "mid", "during", "over"];

/// The spans of a month named as a time ("in September", "back in March", "last June"), not
/// "since September" (which goes on).
fn months_named(tokens: &[Token]) -> Vec<(Span, &'static str)> {
    (1..tokens.len())
        .filter(|&k| {
            MONTHS.contains(&tokens[k].word.as_str())
                && IN_A_MONTH.contains(&tokens[k - 1].word.as_str())
        })
        .map(|k| {
            (
                Span {
                    start: k - 1,
                    end: k + 1,
                },
                "in (a month)",
            )
        })
        .collect()
}

/// Words that join a new predicate to a clause ("had my c-section on Tuesday and bleeding
/// heavily"): what follows them has no day of its own.
const NEW_PREDICATE: &[&str] = &["and", "then", "so", "now", "plus"];

/// An earlier day the sentence tells of, with nothing in it brought to now: "went to A&E on
/// Sunday with chest pain, all normal", "choked on a sweet last week", "fainted three weeks
/// ago", "collapsed at parkrun in September". Not "since the op on
/// Tuesday" (the day it began), "choked last week and has been wheezing ever since" (it goes
/// on) nor "quit drinking on Monday and now he's shaking". The day
/// must be that of every word of the rule (`covered`): each is in the day's clause, before
/// it or after it with no new predicate between ("had my c-section on Tuesday and bleeding
/// heavily", "…on Tuesday, bleeding heavily" tell of now), or the day opens the sentence on
/// its own ("Last week, he choked…").
pub fn earlier_day(tokens: &[Token], covered: &[Span]) -> Option<&'static str> {
    // "… and has been wheezing ever since" goes on; "nothing since", "not since" is
    // over.
    let goes_on = |k: usize| match tokens[k].word.as_str() {
        "still" => true,
        "since" => !k
            .checked_sub(1)
            .is_some_and(|j| NOTHING_SINCE.contains(&tokens[j].word.as_str())),
        _ => false,
    };
    if !NOW.all(tokens, 0, tokens.len()).is_empty() || (0..tokens.len()).any(goes_on) {
        return None;
    }
    EARLIER_DAY
        .all(tokens, 0, tokens.len())
        .into_iter()
        .chain(months_named(tokens))
        .find(|&(span, _)| {
            covered
                .iter()
                .all(|&words| of_that_day(tokens, span, words))
        })
        .map(|(_, cue)| cue)
}

/// Words before "since" that say nothing came after: "nothing since", "none since", "not
/// since", "fine since" (not "had it since", which goes on).
const NOTHING_SINCE: &[&str] = &[
    "nothing", "none", "not", "never", "fine", "ok", "okay", "well", "normal",
];

/// Whether the day at `day` is the day of the words at `words` (see [`earlier_day`]).
fn of_that_day(tokens: &[Token], day: Span, words: Span) -> bool {
    let clause = tokens[day.start].clause;
    let (from, to) = clause_bounds(tokens, clause);
    if tokens[words.start].clause == clause {
        return words.end <= day.start
            || !tokens[day.end..words.start]
                .iter()
                .any(|t| NEW_PREDICATE.contains(&t.word.as_str()));
    }
    // "Last week, my son choked…": a clause of nothing but the day frames what follows.
    words.start >= day.end && (from..to).all(|k| day.contains(k) || is_stopword(&tokens[k].word))
}

/// The marker that puts the word at `at` long in the past, if any.
pub fn long_ago(tokens: &[Token], at: usize) -> Option<&'static str> {
    // The stretch of the sentence around `at` not broken by a "back to now" word.
    let mut from = 0;
    let mut to = tokens.len();
    for (span, cue) in BACK_TO_NOW.all(tokens, 0, tokens.len()) {
        // "since 2015", "since birth": long-standing, not back to now.
        if cue == "since"
            && tokens[span.end..tokens.len().min(span.end + 5)]
                .iter()
                .any(|t| is_year(t) || matches!(t.word.as_str(), "birth" | "childhood" | "forever"))
        {
            continue;
        }
        if span.end <= at {
            from = from.max(span.end);
        } else if span.start > at {
            to = to.min(span.start);
            break;
        }
    }
    for (span, cue) in LONG_AGO.all(tokens, from, to) {
        if !span.contains(at) && !is_an_age(tokens, span) && !starts_a_period(tokens, span) {
            return Some(cue);
        }
    }
    for j in from..to {
        let token = &tokens[j];
        // "once", not at the start of a clause and not "once a day", "once I got home" or
        // "all at once".
        if token.word == "once"
            && j > 0
            && tokens[j - 1].clause == token.clause
            && tokens[j - 1].word != "at"
            && !tokens.get(j + 1).is_some_and(|t| {
                NOT_ONCE_AGO.contains(&t.word.as_str()) && t.clause == token.clause
            })
        {
            return Some("once");
        }
        // "back in 2015", "back in the day", "back in my twenties", not "won't go back in".
        if token.word == "back"
            && tokens.get(j + 1).is_some_and(|t| t.word == "in")
            && tokens.get(j + 2).is_some_and(|t| {
                is_year(t)
                    || matches!(
                        t.word.as_str(),
                        "the" | "my" | "his" | "her" | "our" | "those" | "school"
                    )
                    || MONTHS.contains(&t.word.as_str())
            })
        {
            return Some("back in");
        }
        // "my dad had a heart attack at 50": an age the event happened at, long ago.
        if token.word == "at"
            && tokens.get(j + 1).is_some_and(is_age)
            && !tokens.get(j + 2).is_some_and(|t| {
                t.clause == tokens[j + 1].clause && TIME_OF_DAY.contains(&t.word.as_str())
            })
            && tokens[from..j]
                .iter()
                .any(|t| PAST_EVENT.contains(&t.word.as_str()))
        {
            return Some("at (an age)");
        }
        // "dad and grandad both had heart attacks in their 50s": a decade of life the event
        // happened in, long ago (not "she's in her 60s and has chest pain", with no past
        // event).
        if token.word == "in"
            && tokens
                .get(j + 1)
                .is_some_and(|t| matches!(t.word.as_str(), "my" | "his" | "her" | "their" | "our"))
            && tokens.get(j + 2).is_some_and(|t| {
                t.unit == "s" && t.number.is_some_and(|n| (10.0..=100.0).contains(&n))
            })
            && tokens[from..j]
                .iter()
                .any(|t| PAST_EVENT.contains(&t.word.as_str()))
        {
            return Some("in (a decade of life)");
        }
        // "in 2019", "since 2015", "since birth".
        if matches!(token.word.as_str(), "in" | "since") && tokens.get(j + 1).is_some_and(is_year) {
            return Some("in (a year)");
        }
        if token.word == "since"
            && tokens
                .get(j + 1)
                .is_some_and(|t| matches!(t.word.as_str(), "birth" | "childhood" | "forever"))
        {
            return Some("since birth");
        }
    }
    None
}

/// Whether the past marker at `span` names when something still going on began: "since Mum
/// died he keeps saying…", "ever since his wife passed away" (the event after "since" is the
/// start of a period that runs to now, not the time of the rest of the sentence).
fn starts_a_period(tokens: &[Token], span: Span) -> bool {
    (span.start.saturating_sub(4)..span.start)
        .any(|k| tokens[k].word == "since" && tokens[k].clause == tokens[span.start].clause)
}

/// Whether "years" at `span` gives someone's age, not a time past: "my son of 2 years",
/// "aged 2 years", "2 years old".
fn is_an_age(tokens: &[Token], span: Span) -> bool {
    let word = |k: usize| tokens.get(k).map(|t| t.word.as_str());
    if !matches!(word(span.start), Some("years" | "year" | "yrs")) || span.end - span.start != 1 {
        return false;
    }
    let counted = span.start >= 1 && tokens[span.start - 1].number.is_some();
    let of = span.start >= 2 && matches!(word(span.start - 2), Some("of" | "aged" | "age"));
    // "my father 84 years slipped on ice": a person named with an age, "old" left out.
    let person = span.start >= 2
        && PERSONS.contains(&tokens[span.start - 2].word.as_str())
        && tokens[span.start - 1]
            .number
            .is_some_and(|n| (1.0..=110.0).contains(&n))
        && word(span.end) != Some("ago");
    counted && (of || person || word(span.end) == Some("old"))
}

/// People a message names with their age: "my father 84 years".
const PERSONS: &[&str] = &[
    "father",
    "mother",
    "dad",
    "mum",
    "mom",
    "husband",
    "wife",
    "son",
    "daughter",
    "grandad",
    "grandpa",
    "grandma",
    "granny",
    "nan",
    "nana",
    "uncle",
    "aunt",
    "auntie",
    "brother",
    "sister",
    "neighbour",
    "patient",
    "man",
    "woman",
    "boy",
    "girl",
    "baby",
    "child",
];

/// Whether the sentence speaks of what will be: "on Saturday I will take them all".
pub fn speaks_of_future(tokens: &[Token]) -> bool {
    tokens.iter().enumerate().any(|(k, t)| {
        matches!(t.word.as_str(), "will" | "gonna" | "shall")
            || (t.word == "going" && tokens.get(k + 1).is_some_and(|n| n.word == "to"))
    })
}

/// Words saying that the patient left hospital, the event being treated, or is in hospital's
/// care for it ("Dad's in ICU after his cardiac arrest on Sunday").
static DISCHARGED: LazyLock<Cues> = LazyLock::new(|| {
    Cues::new(
        &[
            &[
                "discharged",
                "sent home",
                "home from hospital",
                "out of hospital",
                "let out of hospital",
                "released from hospital",
            ],
            HOSPITAL_CARE,
        ]
        .concat(),
    )
});

/// Where someone is in hospital's care: "in ICU", "on the ward", "admitted".
const HOSPITAL_CARE: &[&str] = &[
    "in icu",
    "in itu",
    "in hdu",
    "in ccu",
    "in intensive care",
    "in high dependency",
    "in hospital",
    "in the hospital",
    "on the ward",
    "on a ward",
    "in the cardiac unit",
    "in the stroke unit",
    // A ward named by what it is for: "he's on the cardiac ward now".
    "on the cardiac ward",
    "on the heart ward",
    "on the stroke ward",
    "on the coronary care unit",
    "in coronary care",
    "on the surgical ward",
    "on the medical ward",
    "on the respiratory ward",
    "in rehab",
    "admitted",
    "kept in",
];

/// Words that may stand between "after" and the event: "after my heart attack".
const EVENT_DETERMINERS: &[&str] = &[
    "my", "his", "her", "their", "a", "an", "the", "mums", "dads",
];

/// The event at `at` is what the patient was treated for and discharged after ("Discharged
/// yesterday after my heart attack and stents", "sent home following her stroke"), or is in
/// hospital's care after ("in ICU after his cardiac arrest"): over or in hand, in the same
/// clause. "Discharged yesterday and now chest pain" is not: the symptom must be
/// what "after" or "following" names.
pub fn discharged_after(tokens: &[Token], at: usize) -> Option<&'static str> {
    let clause = tokens.get(at)?.clause;
    let mut k = at;
    while k > 0 && EVENT_DETERMINERS.contains(&tokens[k - 1].word.as_str()) {
        k -= 1;
    }
    let after = k.checked_sub(1)?;
    if tokens[after].clause != clause {
        return None;
    }
    let earlier = (0..after).rev().take_while(|&j| tokens[j].clause == clause);
    match tokens[after].word.as_str() {
        "after" | "following" => earlier
            .into_iter()
            .find_map(|j| DISCHARGED.at(tokens, j))
            .map(|(_, cue)| cue),
        // "My sister is in ICU at the moment with sepsis", "the ambulance crew have taken my
        // wife in with chest pain": the one who has it is in hospital's care with it.
        "with" => earlier.into_iter().find_map(|j| {
            IN_CARE
                .at(tokens, j)
                .map(|(_, cue)| cue)
                .or_else(|| taken_in(tokens, j, after))
        }),
        _ => None,
    }
}

/// Where someone is in hospital's care ("in ICU with sepsis"); not "discharged" or "sent
/// home", which say nothing of the symptom they went home with.
static IN_CARE: LazyLock<Cues> =
    LazyLock::new(|| Cues::new(&[HOSPITAL_CARE, &["in resus"]].concat()));

/// Words taking someone into hospital: "taken my wife in", "rushed him to hospital".
const TAKEN: &[&str] = &["taken", "took", "rushed"];
/// How many words may stand between "taken" and "in" ("have taken my wife in").
const TAKEN_REACH: usize = 4;

/// "taken … in" or "taken … to hospital" starting at `j`, before `end`: someone was taken
/// into hospital's care.
fn taken_in(tokens: &[Token], j: usize, end: usize) -> Option<&'static str> {
    let taken = TAKEN.iter().find(|&&t| t == tokens[j].word)?;
    let to = end.min(j + 1 + TAKEN_REACH);
    (j + 1..to)
        .any(|k| match tokens[k].word.as_str() {
            "in" => k + 1 == end,
            "to" => tokens
                .get(k + 1)
                .is_some_and(|t| matches!(t.word.as_str(), "hospital" | "resus" | "ae")),
            _ => false,
        })
        .then_some(*taken)
}

/// The habit marker in the clause of `at`, if any.
pub fn habit(tokens: &[Token], at: usize) -> Option<&'static str> {
    let clause = tokens.get(at)?.clause;
    let (from, to) = clause_bounds(tokens, clause);
    // "now I get a sharp pain": happening now, whatever the tense.
    if !NOW.all(tokens, from, to).is_empty() {
        return None;
    }
    HABIT
        .all(tokens, from, to)
        .into_iter()
        // "spurting every time my heart beats", "dizzy every time I stand": the body's own
        // rhythm, or what the patient keeps doing now, not an occasion that recurs.
        .find(|&(span, cue)| {
            let recurs_now = matches!(cue, "every time" | "everytime" | "each time" | "whenever")
                && tokens[span.end..tokens.len().min(span.end + 4)]
                    .iter()
                    .any(|t| {
                        BODY_RHYTHM.contains(&t.word.as_str())
                            || RELEASING.contains(&t.word.as_str())
                    });
            // "when I get to the station", "when he gets home": one occasion ahead, not a
            // condition that recurs ("when I get stressed").
            let arriving = matches!(cue, "when i get" | "when he gets" | "when she gets")
                && tokens
                    .get(span.end)
                    .is_some_and(|t| ARRIVING.contains(&t.word.as_str()));
            // "since this morning my calf is swollen and I get breathless walking": a plain
            // present ("I get", "gets", "easily") after a recent onset in the sentence tells
            // of now, not a habit.
            let onset = matches!(cue, "gets" | "i get" | "easily" | "when i walk")
                && (!NOW.all(tokens, 0, tokens.len()).is_empty()
                    || tokens.iter().any(|t| t.word == "since"));
            !recurs_now && !arriving && !onset
        })
        .map(|(_, cue)| cue)
}

/// Words after "when I get" that make it an arrival ("when I get home"), not a condition.
const ARRIVING: &[&str] = &["to", "home", "there", "back", "in", "out", "off", "up"];

/// Letting go of pressure on a wound, or standing up: "spurting every time I let go of the
/// towel" and "dizzy every time I stand" tell of now.
const RELEASING: &[&str] = &[
    "let", "lift", "release", "remove", "loosen", "ease", "stand",
];

/// What the body does all the time: "every time" one of these happens is now.
const BODY_RHYTHM: &[&str] = &[
    "breathe",
    "breathes",
    "breathing",
    "breath",
    "heart",
    "heartbeat",
    "beats",
    "pulse",
    "cough",
    "coughs",
    "swallow",
    "swallows",
    "blink",
    "blinks",
];

/// The words saying the symptom at `at` has stopped, if any.
pub fn stopped(tokens: &[Token], at: usize, covered: &[Span]) -> Option<&'static str> {
    let clause = tokens.get(at)?.clause;
    let (_, to) = clause_bounds(tokens, clause);
    // The clause itself, after the symptom; and the next one if it points back ("but it …").
    let mut end = to;
    if let Some(next) = tokens.get(to) {
        let points_back = tokens[to..]
            .iter()
            .take_while(|t| t.clause == next.clause)
            .take(3)
            .any(|t| {
                matches!(
                    t.word.as_str(),
                    "it" | "its"
                        | "they"
                        | "that"
                        | "this"
                        | "which"
                        | "he"
                        | "hes"
                        | "she"
                        | "shes"
                        | "im"
                        | "we"
                        | "were"
                )
            });
        if points_back {
            end = clause_bounds(tokens, next.clause).1;
        }
    }
    let is_stop = |span: Span| {
        // "has gone" stops only at the end of its clause ("the pain has gone", "it has gone
        // completely"), not in "has gone numb" or "have gone completely dead".
        let ends_in_gone = tokens[span.end - 1].word == "gone";
        let same_clause = |t: &Token| t.clause == tokens[span.start].clause;
        let clause_ends = tokens.get(span.end).is_none_or(|t| {
            !same_clause(t)
                || matches!(t.word.as_str(), "now" | "away")
                || (matches!(t.word.as_str(), "completely" | "totally")
                    && tokens.get(span.end + 1).is_none_or(|n| {
                        !same_clause(n) || matches!(n.word.as_str(), "now" | "away")
                    }))
        });
        (!ends_in_gone || clause_ends)
            && !covered.iter().any(|c| c.overlaps(span))
            && !stop_denied(tokens, span)
    };
    // "… stopped but now it's pouring again": it came back.
    let came_back = |after: usize| !AGAIN.all(tokens, after, tokens.len()).is_empty();
    for (span, cue) in STOPPED.all(tokens, at + 1, end) {
        if is_stop(span) && !came_back(span.end) {
            return Some(cue);
        }
    }
    // "choked on a fishbone, it came out and I'm fine now": a later clause of the sentence
    // says it is all over.
    if let Some((span, cue)) = RESOLVED
        .all(tokens, to, tokens.len())
        .into_iter()
        .find(|&(span, _)| is_stop(span))
        && !came_back(span.end)
    {
        return Some(cue);
    }
    // "it has stopped bleeding", "no longer bleeding": a stop just before the symptom.
    let (from, _) = clause_bounds(tokens, clause);
    for (span, cue) in STOPPED.all(tokens, from.max(at.saturating_sub(3)), at) {
        if span.end <= at && at - span.end <= 1 && is_stop(span) && !came_back(at) {
            return Some(cue);
        }
    }
    None
}

/// A whole number a person's age could be, written alone ("at 50"; not "at 5", a time of day,
/// nor "at 50mg").
fn is_age(token: &Token) -> bool {
    token.unit.is_empty()
        && token
            .number
            .is_some_and(|n| (13.0..=110.0).contains(&n) && n.fract() == 0.0)
}

/// Words after "at #" that make the number a time ("at 10 pm", "at 14 hundred").
const TIME_OF_DAY: &[&str] = &[
    "am", "pm", "oclock", "hundred", "hrs", "hours", "today", "tonight",
];

/// Verbs that tell of an event that happened ("had a stroke at 60").
const PAST_EVENT: &[&str] = &["had", "died", "suffered", "got", "was", "were"];

fn is_year(token: &Token) -> bool {
    token.unit.is_empty()
        && token
            .number
            .is_some_and(|n| (1940.0..=2035.0).contains(&n) && n.fract() == 0.0)
}

fn clause_bounds(tokens: &[Token], clause: usize) -> (usize, usize) {
    let from = tokens.iter().position(|t| t.clause == clause).unwrap_or(0);
    let to = tokens[from..]
        .iter()
        .position(|t| t.clause != clause)
        .map_or(tokens.len(), |n| from + n);
    (from, to)
}

/// Words that keep a period since an event running to a recent start: "since his stroke this
/// morning", "since her heart attack an hour ago", "since his fall just now".
const RECENT: &[&str] = &[
    "ago",
    "minutes",
    "mins",
    "min",
    "hour",
    "hours",
    "hrs",
    "yesterday",
    "night",
    "morning",
    "afternoon",
    "evening",
    "today",
    "tonight",
    "earlier",
    "just",
    "suddenly",
    "started",
    "starting",
];

/// The event at `at` is the start of a period that runs to now ("He can't manage the bus
/// since his heart attack", "ever since my stroke I walk with a stick"): an event in the past
/// that something else has followed, named after "since" and a possessive or "the", with
/// every word the rule needed (`covered`) in that phrase and nothing in the message saying
/// the event was recent.
pub fn since_an_event(tokens: &[Token], at: usize, covered: &[Span]) -> Option<&'static str> {
    let clause = tokens.get(at)?.clause;
    let mut k = at;
    while k > 0 && EVENT_DETERMINERS.contains(&tokens[k - 1].word.as_str()) {
        k -= 1;
    }
    let since = k.checked_sub(1).filter(|_| k < at)?;
    if tokens[since].word != "since" || tokens[since].clause != clause {
        return None;
    }
    let in_phrase =
        |s: &Span| s.start > since && s.end <= since + 6 && tokens[s.start].clause == clause;
    let recent = tokens.iter().any(|t| RECENT.contains(&t.word.as_str()));
    (covered.iter().all(in_phrase) && !recent).then_some("since")
}

/// Words saying a clinician looked into what the patient had and found it harmless, or let
/// them go home: "ECG normal", "they sent me home", "all the tests were clear".
static CHECKED_AND_CLEARED: LazyLock<Cues> = LazyLock::new(|| {
    Cues::new(&[
        "sent me home",
        "sent him home",
        "sent her home",
        "sent us home",
        "sent them home",
        "sent home",
        "ecg normal",
        "ecg was normal",
        "ecg was fine",
        "ecg was clear",
        "ecg fine",
        "ecg clear",
        "ecg came back normal",
        "tests normal",
        "tests were normal",
        "tests were fine",
        "tests were clear",
        "tests came back normal",
        "tests came back clear",
        "bloods normal",
        "bloods were normal",
        "bloods were fine",
        "bloods came back normal",
        "scan was normal",
        "scan was clear",
        "all clear",
        "the all clear",
        "nothing serious",
        "nothing sinister",
        "nothing to worry about",
    ])
});

/// Words telling, before the symptom, that it is told as something that happened: "had some
/// chest tightness", "was in A&E with chest pain".
const TOLD_AS_PAST: &[&str] = &[
    "had", "was", "were", "went", "got", "ended", "felt", "rang", "called", "took", "came", "did",
    "fell", "hit", "banged", "knocked", "bumped",
];

/// Tests a clinician does: "the CT was clear", "x-ray came back fine".
const TESTS: &[&str] = &[
    "ct",
    "scan",
    "scans",
    "xray",
    "x",
    "ray",
    "mri",
    "ecg",
    "ecgs",
    "bloods",
    "tests",
    "test",
    "ultrasound",
    "echo",
    "results",
];

/// Words saying a test found nothing: "clear", "normal", "fine".
const CLEAR_RESULT: &[&str] = &[
    "clear", "normal", "fine", "ok", "okay", "negative", "nothing",
];

/// "a CT which was clear", "the x-ray came back normal", "scans all fine": a test named, then
/// (within a few words, in its clause) a result that found nothing, from `from` on.
fn test_came_back_clear(tokens: &[Token], from: usize) -> Option<(Span, &'static str)> {
    (from..tokens.len()).find_map(|k| {
        if !TESTS.contains(&tokens[k].word.as_str()) {
            return None;
        }
        let clause = tokens[k].clause;
        // "…a CT which was clear": the clause "which" opens is the test's own.
        let its_own = |j: usize| {
            tokens[j].clause == clause
                || (tokens[j].clause == clause + 1
                    && tokens[..=j]
                        .iter()
                        .find(|t| t.clause == clause + 1)
                        .is_some_and(|t| matches!(t.word.as_str(), "which" | "that")))
        };
        (k + 1..tokens.len().min(k + 5))
            .take_while(|&j| its_own(j))
            .find(|&j| {
                CLEAR_RESULT.contains(&tokens[j].word.as_str())
                    && !(k + 1..j).any(|i| NOT_STOPPED.by_word(&tokens[i].word))
            })
            .map(|j| {
                (
                    Span {
                        start: k,
                        end: j + 1,
                    },
                    "a test came back clear",
                )
            })
    })
}

/// Words telling, before a clinician's all-clear, that the symptom is happening now: "I have
/// chest pain", "it's still tight".
const TOLD_AS_NOW: &[&str] = &[
    "now",
    "still",
    "is",
    "im",
    "am",
    "are",
    "its",
    "keeps",
    "keep",
    "getting",
    "again",
    "since",
    "have",
    "has",
    "hes",
    "shes",
    "currently",
];

/// Words after a clinician's all-clear that bring the symptom back to now: "…sent me home
/// but now it's worse", "…ECG normal, it's come back".
const BACK_AGAIN: &[&str] = &[
    "but",
    "however",
    "though",
    "although",
    "now",
    "still",
    "again",
    "worse",
    "worsening",
    "returned",
    "since",
    "tonight",
    "started",
    "suddenly",
];

/// The words saying that the symptom at `at`, told as something that happened (a verb in the
/// past before it, nothing in the sentence now), was then looked into by a clinician and found harmless
/// or sent home ("Was in A&E Sunday with chest pain, they said reflux and sent me home";
/// "Had some chest tightness on Tuesday, GP saw me today, ECG normal"), with nothing after
/// that bringing it back ("…but it's come back worse").
pub fn checked_and_cleared(tokens: &[Token], at: usize) -> Option<&'static str> {
    let past = tokens[..at]
        .iter()
        .any(|t| TOLD_AS_PAST.contains(&t.word.as_str()));
    if !past {
        return None;
    }
    let (span, cue) = CHECKED_AND_CLEARED
        .all(tokens, at + 1, tokens.len())
        .into_iter()
        .next()
        .or_else(|| test_came_back_clear(tokens, at + 1))?;
    // "I'm on apixaban": a medicine taken all along, not the symptom told as now.
    let standing = |k: usize| {
        matches!(tokens[k].word.as_str(), "im" | "hes" | "shes" | "am" | "is")
            && tokens.get(k + 1).is_some_and(|t| t.word == "on")
    };
    if (0..span.start).any(|k| TOLD_AS_NOW.contains(&tokens[k].word.as_str()) && !standing(k)) {
        return None;
    }
    let brought_back = tokens[span.end..].iter().enumerate().any(|(i, t)| {
        BACK_AGAIN.contains(&t.word.as_str())
            || (t.word == "back"
                && i > 0
                && matches!(
                    tokens[span.end + i - 1].word.as_str(),
                    "come" | "came" | "coming" | "its" | "is" | "it"
                ))
    });
    (!brought_back).then_some(cue)
}
