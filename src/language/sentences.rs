//! Splitting guide text into sentences: the units a quote is made of and a vector is made for.

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

/// The byte ranges of the sentences of `text`, in order, trimmed, never empty. A line break
/// ends a sentence too, so each item of a list is a sentence of its own.
pub fn sentences(text: &str) -> Vec<Range<usize>> {
    let mut ranges: Vec<Range<usize>> = Vec::new();
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        for (offset, sentence) in line.split_sentence_bound_indices() {
            let start = line_start + offset;
            let trimmed_start = sentence.len() - sentence.trim_start().len();
            let body = sentence.trim();
            if body.is_empty() {
                continue;
            }
            let from = start + trimmed_start;
            // A list marker ("2.") is not a sentence: it opens the one after it.
            if let Some(last) = ranges.last_mut()
                && is_list_marker(&text[last.clone()])
                && text[last.end..from].trim().is_empty()
            {
                last.end = from + body.len();
                continue;
            }
            ranges.push(from..from + body.len());
        }
        line_start += line.len();
    }
    ranges
}

/// Whether a piece of text is only a list number or letter ("2.", "b)").
fn is_list_marker(text: &str) -> bool {
    let Some(head) = text.strip_suffix(['.', ')']) else {
        return false;
    };
    !head.is_empty() && head.len() <= 3 && head.chars().all(|c| c.is_ascii_alphanumeric())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_and_list_lines_are_split_and_trimmed() {
        let text = "These help: rest. Ice it!\n- Keep the gauze in place.\n2. Rinse gently";
        let parts: Vec<&str> = sentences(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(
            parts,
            [
                "These help: rest.",
                "Ice it!",
                "- Keep the gauze in place.",
                "2. Rinse gently"
            ]
        );
        assert!(sentences("  ").is_empty());
    }
}
