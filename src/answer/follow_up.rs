//! Follow-ups: short messages that lean on the chat's last topic ("and how long does that
//! take?", "and after that?").

/// Whether a message reads as a follow-up: short, and opening with "and"/"what about" or
/// pointing back with "that", "it", "this", "then", "after" or "before".
pub fn is_follow_up(words: &[String]) -> bool {
    const OPENERS: &[&str] = &["and", "also", "so", "then"];
    const POINTERS: &[&str] = &[
        "that",
        "it",
        "this",
        "those",
        "these",
        "then",
        "after",
        "afterwards",
        "before",
        "there",
        "next",
    ];
    let opens = words.first().is_some_and(|w| OPENERS.contains(&w.as_str()))
        || words.starts_with(&["what".to_string(), "about".to_string()])
        || words.starts_with(&["how".to_string(), "about".to_string()]);
    words.len() <= 8 && (opens || words.iter().any(|w| POINTERS.contains(&w.as_str())))
}

/// Whether a follow-up asks for what comes next in the guide's order ("and after that?",
/// "what happens next?", "then what?"), rather than about the last topic itself.
pub fn asks_for_next(words: &[String], has_subject: bool) -> bool {
    const NEXT: &[&str] = &["after", "afterwards", "next", "then"];
    !has_subject && words.len() <= 6 && words.iter().any(|w| NEXT.contains(&w.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        text.split_whitespace().map(str::to_string).collect()
    }

    #[test]
    fn next_step_questions_are_recognised_only_without_a_subject() {
        assert!(asks_for_next(&words("and after that"), false));
        assert!(asks_for_next(&words("what happens next"), false));
        assert!(!asks_for_next(
            &words("what happens after the injection"),
            true
        ));
        assert!(is_follow_up(&words("and how long does that take")));
        assert!(!is_follow_up(&words("where is bone marrow taken from")));
    }
}
