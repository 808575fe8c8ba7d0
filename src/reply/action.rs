//! What an inline button does, encoded in its callback data (at most 64 bytes, stable across
//! restarts and guide edits because it names sections by slug).

/// The action behind a button.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Show a section of the guide.
    Topic(String),
    /// 👍 or 👎 on an answer from a section.
    Feedback { helpful: bool, slug: String },
}

impl Action {
    pub fn encode(&self) -> String {
        let data = match self {
            Action::Topic(slug) => format!("t:{slug}"),
            Action::Feedback {
                helpful: true,
                slug,
            } => format!("+:{slug}"),
            Action::Feedback {
                helpful: false,
                slug,
            } => format!("-:{slug}"),
        };
        debug_assert!(data.len() <= 64);
        data
    }

    /// The action in a button's callback data; `None` for data this version does not know.
    pub fn decode(data: &str) -> Option<Action> {
        let (kind, slug) = data.split_once(':')?;
        let slug = slug.to_string();
        match kind {
            "t" => Some(Action::Topic(slug)),
            "+" => Some(Action::Feedback {
                helpful: true,
                slug,
            }),
            "-" => Some(Action::Feedback {
                helpful: false,
                slug,
            }),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actions_round_trip_through_callback_data() {
        for action in [
            Action::Topic("recovery-and-follow-up".into()),
            Action::Feedback {
                helpful: true,
                slug: "risks".into(),
            },
            Action::Feedback {
                helpful: false,
                slug: "risks".into(),
            },
        ] {
            assert_eq!(Action::decode(&action.encode()), Some(action));
        }
        assert_eq!(Action::decode("topic:3"), None);
        assert_eq!(Action::decode(""), None);
    }
}
