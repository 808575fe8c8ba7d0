//! Chat shorthand and contractions patients type ("u", "pls", "b4", "appt", "op", "cant"),
//! read as the words they stand for. General English, not any guide's vocabulary.

/// Shorthand → the words it stands for.
const SHORTHAND: &[(&str, &str)] = &[
    ("u", "you"),
    ("ur", "your"),
    ("r", "are"),
    ("y", "why"),
    ("pls", "please"),
    ("plz", "please"),
    ("b4", "before"),
    ("bfore", "before"),
    ("aftr", "after"),
    ("appt", "appointment"),
    ("appts", "appointments"),
    ("apt", "appointment"),
    ("op", "operation"),
    ("ops", "operations"),
    ("preop", "before the operation"),
    ("postop", "after the operation"),
    ("dr", "doctor"),
    ("doc", "doctor"),
    ("docs", "doctors"),
    ("meds", "medicines"),
    ("med", "medicine"),
    ("hrs", "hours"),
    ("hr", "hour"),
    ("mins", "minutes"),
    ("min", "minutes"),
    ("wk", "week"),
    ("wks", "weeks"),
    ("yr", "year"),
    ("yrs", "years"),
    ("tmrw", "tomorrow"),
    ("tmr", "tomorrow"),
    ("2moro", "tomorrow"),
    ("2day", "today"),
    ("tonite", "tonight"),
    ("abt", "about"),
    ("bc", "because"),
    ("cos", "because"),
    ("coz", "because"),
    ("cuz", "because"),
    ("ppl", "people"),
    ("w", "with"),
    ("thru", "through"),
    ("tho", "though"),
    ("im", "i am"),
    ("ive", "i have"),
    ("cant", "can not"),
    ("wont", "will not"),
    ("dont", "do not"),
    ("doesnt", "does not"),
    ("didnt", "did not"),
    ("isnt", "is not"),
    ("arent", "are not"),
    ("wasnt", "was not"),
    ("shouldnt", "should not"),
    ("wouldnt", "would not"),
    ("couldnt", "could not"),
    ("havent", "have not"),
    ("hasnt", "has not"),
    ("whats", "what is"),
    ("hows", "how is"),
    ("wheres", "where is"),
    ("whens", "when is"),
    ("thats", "that is"),
    ("theres", "there is"),
    ("wanna", "want to"),
    ("gonna", "going to"),
    ("gotta", "got to"),
    ("dunno", "do not know"),
];

/// The words `word` (lowercase) stands for, if it is shorthand.
pub fn expand(word: &str) -> Option<&'static str> {
    SHORTHAND
        .iter()
        .find(|(short, _)| *short == word)
        .map(|(_, long)| *long)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shorthand_is_read_as_words() {
        assert_eq!(expand("b4"), Some("before"));
        assert_eq!(expand("appt"), Some("appointment"));
        assert_eq!(expand("cant"), Some("can not"));
        assert_eq!(expand("cell"), None);
    }
}
