//! A message as sentences, clauses and words, each word remembering where it was written.
//!
//! Words are lowercased with apostrophes dropped ("can't" → "cant", "dad's" → "dads"), except
//! that "'ll" becomes "will" ("I'll have a fit" → "i will have a fit") and Scots negatives
//! read as their English ones ("he cannae breathe" → "cant", "she's no breathing" → "not"),
//! and times in chat shorthand as words ("2nite" → "tonight").
//! A number keeps its decimal point ("38.6") and the letters written right after it
//! ("38c" → 38, "c").

use crate::language::Analyzer;

/// One word of a sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct Token {
    /// Lowercase, apostrophes dropped.
    pub word: String,
    /// Its English stem.
    pub stem: String,
    /// The stem of the rule word a misspelling stands for ("pian" → "pain").
    pub fixed: Option<String>,
    /// Byte range in the message.
    pub start: usize,
    pub end: usize,
    /// Which clause of its sentence the word is in (0, 1, …).
    pub clause: usize,
    /// The value of a number ("38.6").
    pub number: Option<f64>,
    /// Letters written right after a number ("38c" → "c").
    pub unit: String,
}

/// The token range `from..to` of the clause holding the token at `at` (`None` past the end).
pub fn clause_span(tokens: &[Token], at: usize) -> Option<(usize, usize)> {
    let clause = tokens.get(at)?.clause;
    let from = tokens.iter().position(|t| t.clause == clause)?;
    let to = tokens[from..]
        .iter()
        .position(|t| t.clause != clause)
        .map_or(tokens.len(), |n| from + n);
    Some((from, to))
}

impl Token {
    /// Whether this word is `stem`, as written or as the rule word it misspells.
    pub fn is(&self, stem: &str) -> bool {
        self.stem == stem || self.fixed.as_deref() == Some(stem)
    }
}

/// One sentence: its text and words.
#[derive(Debug, Clone)]
pub struct Sentence<'m> {
    pub text: &'m str,
    pub tokens: Vec<Token>,
    /// It ends with a question mark.
    pub asks: bool,
    /// Where it laughs ("lol", "haha", 😂), if it does: the first laughing word (an emoji counts
    /// as the last word). Its words may not be meant literally.
    pub laugh_at: Option<usize>,
    /// Another sentence of the message names a programme, film or story ("Did anyone watch
    /// Casualty last night?"): set by the caller, who sees the whole message.
    pub on_screen: bool,
    /// The next sentence names what this one meant ("I want to end it... my gym membership I
    /// mean lol"): set by the caller.
    pub meant_next: Option<&'static str>,
    /// The next sentence opens with a partner ("ready to end it all... with my ex 😂"): set by
    /// the caller.
    pub partner_next: Option<&'static str>,
    /// A sentence of the message checks whether a claim is true ("… is that a thing?"): set
    /// by the caller.
    pub claim_checked: bool,
    /// Another sentence of the message says someone is well now ("She's right as rain now"):
    /// set by the caller.
    pub well_elsewhere: Option<&'static str>,
    /// Another sentence of the message says someone is in hospital's care now ("He's on the
    /// ward now"): set by the caller.
    pub in_care_elsewhere: Option<&'static str>,
}

impl Sentence<'_> {
    /// The words `start..end` as the patient wrote them.
    pub fn written(&self, message: &str, start: usize, end: usize) -> String {
        match (
            self.tokens.get(start),
            end.checked_sub(1).and_then(|e| self.tokens.get(e)),
        ) {
            (Some(first), Some(last)) if first.start <= last.end => {
                message[first.start..last.end].to_string()
            }
            _ => String::new(),
        }
    }
}

/// Words that open a new clause in the middle of a sentence.
const CLAUSE_OPENERS: &[&str] = &[
    "but",
    "however",
    "although",
    "though",
    "whereas",
    "except",
    "because",
    "cos",
    "which",
    "otherwise",
    "apart",
];
/// "and", "or" and the like start a new clause when one of [`NEW_SUBJECTS`] follows.
const JOINERS: &[&str] = &["and", "or", "plus", "then", "so", "also"];
/// Words that begin a new statement after "and": a person, "it", a time.
pub const NEW_SUBJECTS: &[&str] = &[
    "i", "im", "ive", "id", "my", "he", "hes", "his", "she", "shes", "her", "they", "theyre",
    "their", "it", "its", "we", "were", "our", "you", "your", "there", "theres", "this", "that",
    "the", "now", "then", "also", "suddenly", "today", "tonight", "mum", "mom", "dad",
];
/// Words and emoji that show a sentence is a joke.
const LAUGHS: &[&str] = &[
    "lol", "lolz", "lool", "haha", "hahah", "hahaha", "hehe", "lmao", "lmfao", "rofl", "jk",
];
/// 💀 is "I'm dead (laughing)".
const LAUGHING_EMOJI: &[char] = &['😂', '🤣', '😆', '😅', '😜', '😝', '🙃', '💀'];

/// The message as sentences of words. Never fails; a message without words gives none.
pub fn sentences<'m>(message: &'m str, analyzer: &Analyzer) -> Vec<Sentence<'m>> {
    let chars: Vec<(usize, char)> = message.char_indices().collect();
    let mut out = Vec::new();
    let mut tokens: Vec<Token> = Vec::new();
    // Hard breaks (punctuation) seen before each token: its index in `tokens` is when it counts.
    let mut breaks: Vec<usize> = Vec::new();
    let mut i = 0;
    let finish = |tokens: &mut Vec<Token>,
                  breaks: &mut Vec<usize>,
                  out: &mut Vec<Sentence<'m>>,
                  end: usize| {
        let asks = message[..end.min(message.len())].trim_end().ends_with('?');
        if tokens.is_empty() {
            breaks.clear();
            return;
        }
        let mut words = std::mem::take(tokens);
        no_for_not(&mut words, analyzer);
        assign_clauses(&mut words, breaks);
        plural_dem(&mut words, analyzer);
        breaks.clear();
        let start = words[0].start;
        let text = message[start..end.max(words.last().map_or(start, |t| t.end))].trim_end();
        let laugh_at = words
            .iter()
            .enumerate()
            .position(|(k, t)| {
                LAUGHS.contains(&t.word.as_str())
                    || t.word.starts_with("haha")
                    // "laughed so hard I couldn't breathe", not "laughing gas".
                    || (matches!(t.word.as_str(), "laughed" | "laughing")
                        && words.get(k + 1).is_none_or(|n| n.word != "gas"))
            })
            .or_else(|| {
                text.chars()
                    .any(|c| LAUGHING_EMOJI.contains(&c))
                    .then(|| words.len() - 1)
            });
        out.push(Sentence {
            text,
            tokens: words,
            asks,
            laugh_at,
            on_screen: false,
            meant_next: None,
            partner_next: None,
            claim_checked: false,
            well_elsewhere: None,
            in_care_elsewhere: None,
        });
    };
    while i < chars.len() {
        let (at, c) = chars[i];
        if c.is_alphanumeric() {
            let mut raw = String::new();
            let mut apostrophe: Option<usize> = None;
            let mut j = i;
            while j < chars.len() {
                let d = chars[j].1;
                let next_alnum = chars.get(j + 1).is_some_and(|&(_, e)| e.is_alphanumeric());
                if d.is_alphanumeric() {
                    raw.extend(d.to_lowercase());
                } else if is_apostrophe(d) && next_alnum {
                    apostrophe = Some(raw.len());
                } else if d == '.'
                    && next_alnum
                    && raw.ends_with(|x: char| x.is_ascii_digit())
                    && chars[j + 1].1.is_ascii_digit()
                    && raw.chars().all(|x| x.is_ascii_digit() || x == '.')
                {
                    raw.push('.');
                } else {
                    break;
                }
                j += 1;
            }
            let end = chars.get(j).map_or(message.len(), |&(b, _)| b);
            push_word(&mut tokens, analyzer, raw, apostrophe, at, end);
            i = j;
            continue;
        }
        match c {
            '.' | '!' | '?' | '\n' | '\r' => {
                // A run of punctuation ends the sentence once.
                let mut j = i + 1;
                while j < chars.len() && matches!(chars[j].1, '.' | '!' | '?' | '\n' | '\r' | ' ') {
                    j += 1;
                }
                let end = chars.get(j).map_or(message.len(), |&(b, _)| b);
                finish(&mut tokens, &mut breaks, &mut out, end.min(message.len()));
                i = j;
                continue;
            }
            c if c.is_whitespace() => {}
            '-' | '‐' => {
                // "self-harm" and "light-headed" are words; " - " parts a sentence.
                let spaced = i > 0
                    && chars[i - 1].1.is_whitespace()
                    && chars.get(i + 1).is_some_and(|&(_, e)| e.is_whitespace());
                if spaced {
                    breaks.push(tokens.len());
                }
            }
            c if is_apostrophe(c) => {}
            // "My mum (82) has…": an aside, not a new clause.
            '(' | ')' | '[' | ']' => {}
            _ => breaks.push(tokens.len()),
        }
        i += 1;
    }
    finish(&mut tokens, &mut breaks, &mut out, message.len());
    out
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | '‘' | 'ʼ' | '`' | '´')
}

fn push_word(
    tokens: &mut Vec<Token>,
    analyzer: &Analyzer,
    raw: String,
    apostrophe: Option<usize>,
    start: usize,
    end: usize,
) {
    if raw.len() > 60 {
        // Not a word anyone writes; keep it out of matching but keep its place.
        tokens.push(token(analyzer, "…".to_string(), start, end));
        return;
    }
    if let Some(at) = apostrophe
        && &raw[at..] == "ll"
        && at > 0
    {
        tokens.push(token(analyzer, raw[..at].to_string(), start, end));
        tokens.push(token(analyzer, "will".to_string(), start, end));
        return;
    }
    let raw = english_of(&raw, apostrophe).unwrap_or(raw);
    tokens.push(token(analyzer, raw, start, end));
}

/// The English of a Scots or dialect word ("cannae" → "cant"), also before a "'s" ("his
/// mooth's" → "mouths").
fn english_of(raw: &str, apostrophe: Option<usize>) -> Option<String> {
    let lookup = |word: &str| {
        SCOTS_NEGATIVES
            .iter()
            .chain(SCOTS_WORDS)
            .chain(CARIBBEAN_WORDS)
            .chain(CHAT_TIMES)
            .find(|(scots, _)| *scots == word)
            .map(|(_, english)| *english)
    };
    if let Some(english) = lookup(raw) {
        return Some(english.to_string());
    }
    let at = apostrophe?;
    (raw.get(at..) == Some("s"))
        .then(|| lookup(&raw[..at]))
        .flatten()
        .map(|english| format!("{english}s"))
}

/// Scots negatives and their English ("he cannae breathe", "she disnae wake"): a patient
/// writes as they speak, and the rules' "can't breathe" must read them.
const SCOTS_NEGATIVES: &[(&str, &str)] = &[
    ("cannae", "cant"),
    ("canna", "cant"),
    ("dinnae", "dont"),
    ("dinna", "dont"),
    ("disnae", "doesnt"),
    ("doesnae", "doesnt"),
    ("didnae", "didnt"),
    ("didna", "didnt"),
    ("isnae", "isnt"),
    ("wasnae", "wasnt"),
    ("willnae", "wont"),
    ("wullnae", "wont"),
    ("winnae", "wont"),
    ("wouldnae", "wouldnt"),
    ("widnae", "wouldnt"),
    ("couldnae", "couldnt"),
    ("couldna", "couldnt"),
    ("hasnae", "hasnt"),
    ("havnae", "havent"),
    ("havenae", "havent"),
    ("shouldnae", "shouldnt"),
    // "nae pus, nae temp": Scots "no".
    ("nae", "no"),
];

/// Scots spellings, and "-in" for "-ing" in words the rules use ("his mooth's droopin", "banged
/// his heid").
const SCOTS_WORDS: &[(&str, &str)] = &[
    ("mooth", "mouth"),
    ("heid", "head"),
    ("oot", "out"),
    ("aboot", "about"),
    ("breathin", "breathing"),
    ("droopin", "drooping"),
    ("droopit", "drooped"),
    ("doon", "down"),
    ("makin", "making"),
    ("talkin", "talking"),
    ("bleedin", "bleeding"),
    ("respondin", "responding"),
    ("wakin", "waking"),
    ("movin", "moving"),
    ("answerin", "answering"),
    ("pickin", "picking"),
    ("replyin", "replying"),
    ("fae", "from"),
    ("frae", "from"),
];

/// Caribbean English spellings of common words ("she done wid life", "di tablet dem lay out
/// pon di table"): a patient writes as they speak, and the rules' words must read them. The
/// plural "dem" after a noun is dropped by [`plural_dem`].
const CARIBBEAN_WORDS: &[(&str, &str)] = &[
    ("wid", "with"),
    ("pon", "on"),
    ("seh", "say"),
    ("mi", "my"),
    ("di", "the"),
    ("dis", "this"),
    ("dat", "that"),
    ("yuh", "you"),
    ("tings", "things"),
    ("ting", "thing"),
    ("cyaan", "cant"),
    ("cyan", "cant"),
    ("nuttin", "nothing"),
    ("pickney", "child"),
];

/// Times in chat shorthand ("2nite's the nite", "2moro"): read as words, not as numbers.
const CHAT_TIMES: &[(&str, &str)] = &[
    ("2nite", "tonight"),
    ("2nyt", "tonight"),
    ("2night", "tonight"),
    ("tonite", "tonight"),
    ("nite", "night"),
    ("2day", "today"),
    ("2moro", "tomorrow"),
    ("2morrow", "tomorrow"),
    ("2mrw", "tomorrow"),
    ("tmrw", "tomorrow"),
    ("tmr", "tomorrow"),
];

/// The persons before which Caribbean English says "nah" for "not" ("mi" is read as "my").
const PERSONS: &[&str] = &[
    "she", "he", "him", "her", "mi", "my", "me", "i", "dem", "they", "it",
];

/// Words that open a noun phrase: after one, "noun dem" is a plural ("the tablet dem").
const DETERMINERS: &[&str] = &[
    "the", "my", "his", "her", "all", "some", "our", "your", "dem", "those", "these",
];

/// Caribbean English marks a plural with "dem" after the noun ("the tablet dem" = "the
/// tablets"): the marker is dropped so that the noun's phrase reads as in English; "dem"
/// elsewhere is "them" or "they".
fn plural_dem(tokens: &mut Vec<Token>, analyzer: &Analyzer) {
    let mut k = 0;
    while k < tokens.len() {
        if tokens[k].word == "dem" {
            let plural = k >= 2 && DETERMINERS.contains(&tokens[k - 2].word.as_str());
            if plural {
                tokens.remove(k);
                continue;
            }
            tokens[k].word = "them".to_string();
            tokens[k].stem = analyzer.stem("them");
        }
        k += 1;
    }
}

/// Forms of "be" after which Scots and Irish English say "no" for "not" ("he's no
/// responding", "I'm no able to breathe").
const BE_FORMS: &[&str] = &[
    "is", "hes", "shes", "its", "am", "im", "are", "were", "was", "theyre", "youre", "still",
];

/// "no" read as "not" between a form of "be" and a verb's "-ing" or "able": "he's no
/// responding" is "he's not responding"; so is "nah" after a person ("she nah wake up"). "There's no bleeding" keeps its "no" ("theres" is
/// not a form of "be" here), and either way it denies.
fn no_for_not(tokens: &mut [Token], analyzer: &Analyzer) {
    for k in 1..tokens.len().saturating_sub(1) {
        let next = tokens[k + 1].word.as_str();
        let scots = tokens[k].word == "no"
            && BE_FORMS.contains(&tokens[k - 1].word.as_str())
            && ((next.len() > 4 && next.ends_with("ing")) || next == "able");
        // Caribbean English "nah" / "nuh" after a person: "she nah wake up".
        let caribbean = matches!(tokens[k].word.as_str(), "nah" | "nuh")
            && PERSONS.contains(&tokens[k - 1].word.as_str());
        if scots || caribbean {
            tokens[k].word = "not".to_string();
            tokens[k].stem = analyzer.stem("not");
        }
    }
}

fn token(analyzer: &Analyzer, word: String, start: usize, end: usize) -> Token {
    let (number, unit) = number_of(&word);
    let stem = if number.is_some() {
        word.clone()
    } else {
        analyzer.stem(&word)
    };
    Token {
        word,
        stem,
        fixed: None,
        start,
        end,
        clause: 0,
        number,
        unit,
    }
}

/// "38.6" → 38.6; "38c" → (38, "c"); "10am" → (10, "am").
fn number_of(word: &str) -> (Option<f64>, String) {
    let digits = word
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(word.len());
    if digits == 0 {
        return (None, String::new());
    }
    match word[..digits].trim_end_matches('.').parse::<f64>() {
        Ok(n) => (Some(n), word[digits..].to_string()),
        Err(_) => (None, String::new()),
    }
}

/// Clause numbers: a new clause after punctuation, at "but"/"although"…, and at "and"/"or"
/// followed by a new subject ("… and my leg feels heavy").
fn assign_clauses(tokens: &mut [Token], breaks: &[usize]) {
    let mut clause = 0;
    for k in 0..tokens.len() {
        if k > 0 {
            let word = tokens[k].word.as_str();
            let next_is_subject = tokens
                .get(k + 1)
                .is_some_and(|t| NEW_SUBJECTS.contains(&t.word.as_str()));
            let punctuation = breaks.contains(&k);
            // "apart from that…" opens a clause; "3 mins apart" ends one.
            let opener = CLAUSE_OPENERS.contains(&word)
                && (word != "apart" || tokens.get(k + 1).is_some_and(|t| t.word == "from"));
            let joined = JOINERS.contains(&word) && next_is_subject;
            if punctuation || opener || joined {
                clause += 1;
            }
        }
        tokens[k].clause = clause;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<Vec<String>> {
        sentences(text, &Analyzer::default())
            .into_iter()
            .map(|s| s.tokens.into_iter().map(|t| t.word).collect())
            .collect()
    }

    #[test]
    fn splits_sentences_and_normalises_apostrophes() {
        assert_eq!(
            words("I can’t breathe. I'll call! Dad's ok?"),
            [
                vec!["i", "cant", "breathe"],
                vec!["i", "will", "call"],
                vec!["dads", "ok"]
            ]
        );
        assert_eq!(
            words("temp 38.6, 101F now"),
            [vec!["temp", "38.6", "101f", "now"]]
        );
        let s = &sentences("temp is 38.6", &Analyzer::default())[0];
        assert_eq!(s.tokens[2].number, Some(38.6));
        let s = &sentences("38c", &Analyzer::default())[0];
        assert_eq!(
            (s.tokens[0].number, s.tokens[0].unit.as_str()),
            (Some(38.0), "c")
        );
    }

    #[test]
    fn clauses_break_at_punctuation_but_and_new_subjects() {
        let s = &sentences(
            "no headache but my face is numb, and my arm is weak and heavy",
            &Analyzer::default(),
        )[0];
        let clauses: Vec<usize> = s.tokens.iter().map(|t| t.clause).collect();
        assert_eq!(clauses, [0, 0, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2]);
    }

    #[test]
    fn any_text_is_safe() {
        for text in [
            "",
            "?!",
            "😂😂",
            "\u{0}\u{7}",
            "مرحبا",
            "-",
            "'''",
            "3.",
            ".5",
            "1.2.3",
        ] {
            let _ = sentences(text, &Analyzer::default());
        }
        let long = "bleeding ".repeat(3000);
        assert_eq!(sentences(&long, &Analyzer::default())[0].tokens.len(), 3000);
        let s = &sentences("lol my heart", &Analyzer::default())[0];
        assert!(s.laugh_at.is_some());
    }
}
