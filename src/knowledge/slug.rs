//! Topic slugs: short, link-safe names for sections (`preparation-for-the-procedure`).

/// Longest slug, leaving room in Telegram's 64-byte deep-link payload and callback data.
pub const MAX_SLUG_LEN: usize = 48;

/// A section title as a slug: lowercase ASCII letters, digits and `-`, at most [`MAX_SLUG_LEN`].
pub fn slugify(title: &str) -> String {
    let mut slug = String::new();
    for c in title.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let mut slug = slug.trim_end_matches('-').to_string();
    if slug.len() > MAX_SLUG_LEN {
        // Cut after the last whole word that fits (the slug is ASCII); a single word longer
        // than the limit is cut where it must be.
        let fits = &slug[..=MAX_SLUG_LEN];
        let end = match fits.rfind('-') {
            Some(dash) if dash > 0 => dash,
            _ => MAX_SLUG_LEN,
        };
        slug.truncate(end);
    }
    if slug.is_empty() {
        slug.push_str("topic");
    }
    slug
}

/// Whether `text` is a valid deep-link payload for Telegram (`[A-Za-z0-9_-]`, 1–64 bytes).
pub fn is_payload(text: &str) -> bool {
    (1..=64).contains(&text.len())
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_become_link_safe_slugs() {
        assert_eq!(
            slugify("Preparation for the Procedure"),
            "preparation-for-the-procedure"
        );
        assert_eq!(
            slugify("Pre-Prepared Stem Cells"),
            "pre-prepared-stem-cells"
        );
        assert_eq!(
            slugify("  Risks & Considerations!  "),
            "risks-considerations"
        );
        assert_eq!(slugify("Схема"), "topic");
        assert_eq!(
            slugify("What to Anticipate Throughout a Stem Cell Therapy Session"),
            "what-to-anticipate-throughout-a-stem-cell"
        );
        assert_eq!(slugify(&"x".repeat(60)).len(), MAX_SLUG_LEN);
        let long = slugify(&"word ".repeat(40));
        assert!(long.len() <= MAX_SLUG_LEN && !long.ends_with('-'));
        assert!(is_payload(&long));
        assert!(!is_payload("has space") && !is_payload(""));
    }
}
