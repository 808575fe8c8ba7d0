//! Builds the reply a patient reads, as Telegram HTML and as plain text, with its buttons.

use super::{Action, TELEGRAM_MAX_CHARS, escape, text};
use crate::answer::{Answer, AnswerKind, Note, RedFlagKind, Topic};
use crate::config::Config;

/// Room kept free under Telegram's limit for the lines around a quote.
const FRAME_CHARS: usize = 600;
/// Longest button label, in UTF-16 units: the Bot API sets no limit on a button's text, but
/// phone apps end a longer label with "…" anyway.
const MAX_LABEL_CHARS: usize = 72;

/// An inline button: what it says and the callback data it sends back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Button {
    pub label: String,
    pub data: String,
}

/// A rendered reply: the same message as Telegram HTML and plain text, and its button rows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Reply {
    pub html: String,
    pub plain: String,
    pub buttons: Vec<Vec<Button>>,
}

impl Reply {
    fn line(mut self, text: &str) -> Self {
        self.separate();
        self.html.push_str(&escape(text));
        self.plain.push_str(text);
        self
    }

    fn bold(mut self, text: &str) -> Self {
        self.separate();
        self.html.push_str(&format!("<b>{}</b>", escape(text)));
        self.plain.push_str(text);
        self
    }

    fn italic(mut self, text: &str) -> Self {
        self.separate();
        self.html.push_str(&format!("<i>{}</i>", escape(text)));
        self.plain.push_str(text);
        self
    }

    fn quote(mut self, text: &str) -> Self {
        let text = fit(
            text,
            TELEGRAM_MAX_CHARS - FRAME_CHARS - utf16_len(&self.plain).min(FRAME_CHARS),
        );
        if self.html.is_empty() {
            self.html
                .push_str(&format!("<blockquote>{}</blockquote>", escape(&text)));
        } else {
            // Telegram draws a blockquote as its own block: no blank line needed before it.
            self.html
                .push_str(&format!("\n<blockquote>{}</blockquote>", escape(&text)));
            self.plain.push_str("\n\n");
        }
        self.plain.push_str(&format!("“{text}”"));
        self
    }

    /// "More from this section", and 👍 / 👎 for the answer.
    fn answer_buttons(mut self, section: &Topic) -> Self {
        self.buttons.push(vec![Button {
            label: fit_words(&text::more_from(&section.heading), MAX_LABEL_CHARS),
            data: Action::Topic(section.slug.clone()).encode(),
        }]);
        self
    }

    fn feedback_buttons(mut self, section: &Topic) -> Self {
        let button = |helpful: bool, label: &str| Button {
            label: label.to_string(),
            data: Action::Feedback {
                helpful,
                slug: section.slug.clone(),
            }
            .encode(),
        };
        self.buttons.push(vec![
            button(true, text::HELPFUL),
            button(false, text::NOT_HELPFUL),
        ]);
        self
    }

    fn topic_buttons(mut self, topics: &[Topic]) -> Self {
        self.buttons
            .extend(topics.iter().map(|topic| vec![topic_button(topic)]));
        self
    }

    fn separate(&mut self) {
        if !self.html.is_empty() {
            if !self.html.ends_with("</blockquote>") {
                self.html.push('\n');
            }
            self.html.push('\n');
            self.plain.push_str("\n\n");
        }
    }
}

/// The reply to an answer.
pub fn render(answer: &Answer, config: &Config, topics: &[Topic]) -> Reply {
    match answer.kind {
        AnswerKind::Answer => {
            let Some(section) = answer.section.as_ref() else {
                return Reply::default().line(&text::not_covered(&config.clinic_phone));
            };
            Reply::default()
                .bold(&section.title)
                .quote(answer.quote.as_deref().unwrap_or_default())
                .italic(&text::quoted_from(&section.title))
                .line(&text::ask_your_team(&config.clinic_phone))
                .answer_buttons(section)
                .topic_buttons(&answer.suggestions)
                .feedback_buttons(section)
        }
        AnswerKind::NoAnswer if answer.note == Some(Note::EmptyMessage) => {
            Reply::default().line(text::EMPTY_MESSAGE)
        }
        AnswerKind::NoAnswer if !answer.suggestions.is_empty() => Reply::default()
            .line(&text::not_covered(&config.clinic_phone))
            .line(text::DID_YOU_MEAN)
            .topic_buttons(&answer.suggestions),
        AnswerKind::NoAnswer => Reply::default().line(&text::not_covered(&config.clinic_phone)),
        // Thoughts of suicide or self-harm with a medical emergency ("I took all my pills"):
        // the emergency number first, then the same kind words and the crisis line.
        AnswerKind::Emergency
            if answer.note == Some(Note::Crisis)
                && answer
                    .why
                    .red_flag
                    .as_ref()
                    .is_some_and(|f| f.kind == RedFlagKind::Medical) =>
        {
            Reply::default()
                .bold(&text::emergency_call(
                    &config.emergency_number,
                    &config.clinic_phone,
                ))
                .line(text::CRISIS_TITLE)
                .bold(&text::crisis_talk(&config.crisis_line))
                .line(&text::crisis_closing(&config.clinic_phone))
        }
        AnswerKind::Emergency if answer.note == Some(Note::Crisis) => Reply::default()
            .line(text::CRISIS_TITLE)
            .bold(&text::crisis_talk(&config.crisis_line))
            .bold(&text::crisis_danger(&config.emergency_number))
            .line(&text::crisis_closing(&config.clinic_phone)),
        AnswerKind::Emergency => Reply::default()
            .bold(text::EMERGENCY_TITLE)
            .bold(&text::emergency_call(
                &config.emergency_number,
                &config.clinic_phone,
            ))
            .line(text::EMERGENCY_NOT_A_DOCTOR),
        AnswerKind::Smalltalk => {
            let greeting = if answer.note == Some(Note::Thanks) {
                text::THANKS
            } else {
                text::GREETING
            };
            Reply::default().line(greeting).topic_buttons(topics)
        }
    }
}

/// The welcome message (`/start`), with topic buttons.
pub fn welcome(config: &Config, topics: &[Topic]) -> Reply {
    Reply::default()
        .line(&text::welcome_intro(&config.clinic_name))
        .line(text::NOT_A_DOCTOR)
        .bold(&text::emergency_line(&config.emergency_number))
        .line(text::ASK_OR_BROWSE)
        .topic_buttons(topics)
}

/// For staff (`/why`): how the question was understood, the candidates and the decision.
pub fn render_explanation(question: &str, answer: &Answer) -> Reply {
    let why = &answer.why;
    let mut lines = vec![format!(
        "Decision: {} (confidence {:.0}%). {}",
        answer.kind.as_str(),
        answer.score * 100.0,
        why.decision
    )];
    match (&why.red_flag, &answer.red_flag) {
        (Some(flag), _) => lines.push(format!("Red flag: {}", flag.describe())),
        (None, Some(name)) => lines.push(format!("Red flag: {name}")),
        (None, None) => {}
    }
    if let Some(flag) = &why.red_flag {
        lines.push(format!("In: “{}”", flag.evidence.sentence));
    }
    for aside in &why.red_flags_set_aside {
        lines.push(format!(
            "Red flag set aside: {} ({}): {}",
            aside.flag,
            aside.words.join(" + "),
            aside.reason
        ));
    }
    if !why.words.is_empty() {
        lines.push("Words:".to_string());
        lines.extend(why.words.iter().map(|w| {
            format!(
                "• {} — {} (weight {:.2}){}",
                w.written,
                w.how,
                w.weight,
                if w.searched_as.is_empty() {
                    String::new()
                } else {
                    format!(", searched as: {}", w.searched_as.join(" / "))
                }
            )
        }));
    }
    if !why.candidates.is_empty() {
        lines.push("Candidates:".to_string());
        lines.extend(why.candidates.iter().take(5).map(|c| {
            format!(
                "• {} — covers {:.0}%, BM25 {:.2}, matched: {}",
                c.section,
                c.coverage * 100.0,
                c.bm25,
                c.matched.join(", ")
            )
        }));
    }
    Reply::default()
        .bold(&text::why_heading(question))
        .line(&fit(&lines.join("\n"), TELEGRAM_MAX_CHARS - FRAME_CHARS))
}

/// A reply of one plain line (help, "text only" and the like).
pub fn plain_message(text: &str) -> Reply {
    Reply::default().line(text)
}

/// The list of topics (`/topics`).
pub fn render_topics(topics: &[Topic]) -> Reply {
    Reply::default()
        .line(text::TOPICS_HEADING)
        .topic_buttons(topics)
}

/// A whole section, for a topic button: its title and its passages, as many as fit.
pub fn render_topic(topic: &Topic, passages: &[&str], related: &[Topic]) -> Reply {
    let mut reply = Reply::default().bold(&topic.title);
    let budget = TELEGRAM_MAX_CHARS - FRAME_CHARS;
    for (i, passage) in passages.iter().enumerate() {
        let longer = reply.clone().quote(passage);
        if i > 0 && utf16_len(&longer.plain) > budget {
            break;
        }
        reply = longer;
    }
    reply
        .italic(&text::quoted_from(&topic.title))
        .topic_buttons(related)
}

fn topic_button(topic: &Topic) -> Button {
    Button {
        label: fit_words(&text::topic_button(&topic.heading), MAX_LABEL_CHARS),
        data: Action::Topic(topic.slug.clone()).encode(),
    }
}

/// Length as Telegram counts it: UTF-16 code units.
fn utf16_len(text: &str) -> usize {
    text.encode_utf16().count()
}

/// `text` cut to at most `max` UTF-16 units, ending in "…" when cut.
fn fit(text: &str, max: usize) -> String {
    if utf16_len(text) <= max {
        return text.to_string();
    }
    let mut cut = String::new();
    let mut used = 0;
    for c in text.chars() {
        used += c.len_utf16();
        if used >= max {
            break;
        }
        cut.push(c);
    }
    cut.push_str(text::CUT_SHORT);
    cut
}

/// `text` cut after its last whole word within `max` UTF-16 units, ending in "…" when cut.
fn fit_words(text: &str, max: usize) -> String {
    let cut = fit(text, max);
    if cut == text {
        return cut;
    }
    let kept = cut.trim_end_matches(text::CUT_SHORT);
    match kept.rfind(char::is_whitespace) {
        Some(space) if space > 0 => format!("{}{}", kept[..space].trim_end(), text::CUT_SHORT),
        _ => cut,
    }
}

#[cfg(test)]
mod tests;
