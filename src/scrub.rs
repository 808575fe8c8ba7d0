//! Removing what identifies a person from a patient's question before it is kept: phone
//! numbers, e-mail addresses, dates, long or mixed numbers (record, insurance, ID numbers) and
//! the name after "my name is", "call me", "I am", "I'm" or "this is".

use std::sync::LazyLock;

use regex::Regex;

/// Replacements, in the order they are applied (longer patterns first).
static PATTERNS: LazyLock<Vec<(Regex, &'static str)>> = LazyLock::new(|| {
    let months = "(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\\.?";
    [
        (r"[\w.%+-]+@[\w-]+(?:\.[\w-]+)+", "[email]"),
        (r"\b\d{1,4}[./-]\d{1,2}[./-]\d{1,4}\b", "[date]"),
        (
            &format!(r"(?i)\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{months}(?:,?\s+\d{{2,4}})?\b"),
            "[date]",
        ),
        (
            &format!(r"(?i)\b{months}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?\b"),
            "[date]",
        ),
        // Identifiers mixing letters and digits (AB123456).
        (r"\b[A-Za-z]{1,3}\d{4,}[A-Za-z]?\b", "[number]"),
        // Seven or more digits, possibly grouped: phone numbers and long identifiers.
        (r"\+?\(?\d[\d\s().-]{5,}\d", "[number]"),
        // Any five digits or more.
        (r"\b\d{5,}\b", "[number]"),
    ]
    .into_iter()
    .map(|(pattern, label)| {
        (
            Regex::new(pattern).expect("scrub patterns are valid"),
            label,
        )
    })
    .collect()
});

/// Phrases after which a name follows: always, or only when the next words are capitalised.
static NAME_LEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:(my name is|my name's|call me)|(i am|i'm|i’m|this is))\s+")
        .expect("name pattern is valid")
});

/// Words that end a name after "my name is" (so "my name is sam and I …" keeps "and I …").
const NOT_NAMES: &[&str] = &[
    "and", "but", "i", "i'm", "im", "my", "from", "in", "the", "a", "with", "how", "what", "can",
    "will", "do", "does", "is", "was", "have", "had", "when", "who", "where", "why", "should",
    "it", "to", "for", "on", "at", "about", "here", "please",
];

/// The question with phone numbers, e-mail addresses, dates, identifying numbers and names
/// replaced by `[phone]`, `[email]`, `[date]`, `[number]` and `[name]`.
pub fn scrub(question: &str) -> String {
    let mut text = without_names(question);
    for (pattern, label) in PATTERNS.iter() {
        text = pattern.replace_all(&text, *label).into_owned();
    }
    text
}

fn without_names(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(lead) = NAME_LEAD.captures(rest) {
        let whole = lead.get(0).expect("a match has a whole");
        let always = lead.get(1).is_some();
        out.push_str(&rest[..whole.end()]);
        rest = &rest[whole.end()..];
        let mut taken = 0;
        let mut end = 0;
        for word in rest.split_inclusive(char::is_whitespace) {
            let bare = word.trim_end_matches(|c: char| !c.is_alphanumeric() && c != '\'');
            let capitalised = bare.chars().next().is_some_and(char::is_uppercase);
            let letters = !bare.is_empty() && bare.chars().all(|c| c.is_alphabetic() || c == '\'');
            let is_name = letters
                && taken < 3
                && if always {
                    !NOT_NAMES.contains(&bare.to_lowercase().as_str())
                } else {
                    capitalised && bare != "I"
                };
            if !is_name {
                break;
            }
            taken += 1;
            end += bare.len();
            // Punctuation after a word ends the name.
            if bare.len() != word.trim_end().len() {
                break;
            }
            end += word.len() - bare.len();
        }
        if taken > 0 {
            out.push_str("[name]");
            let kept = &rest[..end];
            // Keep the whitespace that followed the name.
            out.push_str(&kept[kept.trim_end().len()..]);
            rest = &rest[end..];
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::scrub;

    #[test]
    fn identifying_details_are_replaced_and_the_question_kept() {
        let cases = [
            (
                "Hi, my name is Maria Lopez, can I drive after the injection?",
                "Hi, my name is [name], can I drive after the injection?",
            ),
            (
                "my name is sam and I want to know the cost",
                "my name is [name] and I want to know the cost",
            ),
            (
                "I am John Smith. Is parking free?",
                "I am [name]. Is parking free?",
            ),
            ("I am worried about the pain", "I am worried about the pain"),
            (
                "call me on +44 7700 900123 or mail jo.b@example.co.uk",
                "call me on [number] or mail [email]",
            ),
            (
                "born 12/03/1980, appointment on 3rd March 2026",
                "born [date], appointment on [date]",
            ),
            ("my NHS number is 485 777 3456", "my NHS number is [number]"),
            (
                "patient id AB1234567 needs a letter",
                "patient id [number] needs a letter",
            ),
            (
                "can I fly 2 weeks after? it's 500 miles",
                "can I fly 2 weeks after? it's 500 miles",
            ),
            (
                "I'm Ana, how long is the session?",
                "I'm [name], how long is the session?",
            ),
        ];
        for (question, expected) in cases {
            assert_eq!(scrub(question), expected, "{question}");
        }
    }
}
