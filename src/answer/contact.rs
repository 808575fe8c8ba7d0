//! Questions that ask whom to contact or for a number, and the passages that give contact
//! details: such a question is answered by a passage with a number, an email or an address in
//! it, never by one that only talks about the topic ("who do I ring to move my appointment" is
//! not answered by what happens at the appointment).

use std::sync::LazyLock;

use regex::Regex;

/// Verbs of getting in touch, after "who" ("who do I ring", "who should we complain to").
const CONTACT_VERBS: &[&str] = &[
    "ring", "phone", "call", "contact", "chase", "complain", "speak", "talk", "email", "text",
    "message", "ask",
];
/// What "who" is followed by before the verb: an auxiliary and a person ("who do I", "who
/// would we even", "who am I meant to").
const BEFORE_VERB: usize = 5;
/// Words that name a way to get in touch.
const CONTACT_NOUNS: &[&str] = &["email", "address", "helpline", "postcode", "website"];
/// Words before "number" that make it a phone number ("what number", "the number", "a number")
/// rather than a count ("baby number 2").
const NUMBER_LEADS: &[&str] = &[
    "what",
    "whats",
    "which",
    "the",
    "a",
    "any",
    "phone",
    "telephone",
    "contact",
    "direct",
    "your",
];

/// A phone number (eight or more digits, spaces allowed), an email address or a UK postcode.
static CONTACT_DETAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        \+?\d[\d\ ]{6,}\d            # a phone number
        | [\w.+-]+@[\w-]+\.[\w.]+    # an email address
        | \b[A-Z]{1,2}\d[A-Z\d]?\ \d[A-Z]{2}\b  # a postcode",
    )
    .expect("the contact pattern is valid")
});

/// Whether a message (its lowercase words) asks whom to contact or for contact details.
pub fn asks_for_contact(words: &[String]) -> bool {
    let word = |i: usize| words.get(i).map(String::as_str);
    words.iter().enumerate().any(|(i, w)| match w.as_str() {
        "who" | "whom" => {
            (i + 1..=i + BEFORE_VERB).any(|j| word(j).is_some_and(|v| CONTACT_VERBS.contains(&v)))
        }
        "number" | "numbers" => {
            i > 0
                && word(i - 1).is_some_and(|lead| NUMBER_LEADS.contains(&lead))
                && !word(i + 1).is_some_and(is_count)
        }
        // "how do I contact you", "how can we reach the nurses"
        "contact" | "reach" => words[i.saturating_sub(3)..i].iter().any(|w| w == "how"),
        other => CONTACT_NOUNS.contains(&other),
    })
}

/// Whether a word after "number" makes it a count or a euphemism ("baby number 2", "a number
/// two").
fn is_count(word: &str) -> bool {
    word.chars().all(|c| c.is_ascii_digit()) || ["one", "two", "three"].contains(&word)
}

/// Whether a passage gives a way to get in touch: a phone number, an email or a postcode.
pub fn gives_contact(text: &str) -> bool {
    CONTACT_DETAIL.is_match(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The message's words as the bot reads them.
    fn words(text: &str) -> Vec<String> {
        crate::language::Analyzer::default().words(text)
    }

    #[test]
    fn questions_for_a_contact_are_recognised() {
        for question in [
            "who do i ring if i'm worried on a sunday",
            "who would we even call at 3am",
            "whats the number for the nurses",
            "is there a number i can phone",
            "I want to complain, who do I contact?",
            "who should I speak to about my results",
            "what's your email",
            "can I have the address for my satnav",
            "how do we contact the ward",
        ] {
            assert!(asks_for_contact(&words(question)), "{question}");
        }
    }

    #[test]
    fn other_questions_are_not() {
        for question in [
            "when should I ring you after the op",
            "what signs mean I should call someone",
            "we want baby number 2, how long should we wait",
            "who will do my operation",
            "how many numbers are on the scale",
            "who is the surgeon",
            "no number two for 3 days since the op",
        ] {
            assert!(!asks_for_contact(&words(question)), "{question}");
        }
    }

    #[test]
    fn passages_with_contact_details_are_found() {
        assert!(gives_contact(
            "Ring the ward on 01632 960 412, day or night."
        ));
        assert!(gives_contact("Email us at nurses@example.nhs.uk."));
        assert!(gives_contact("Hill Road, Bristol BS1 4DJ"));
        assert!(!gives_contact(
            "Ring us if your temperature is above 38 degrees."
        ));
        assert!(!gives_contact("Most people go home after 2 to 4 hours."));
    }
}
