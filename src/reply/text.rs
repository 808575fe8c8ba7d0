//! Every sentence the bot says, in one place. Tests assert against these.

use crate::knowledge::{Problem, Regression};

/// Opening of the welcome message (`/start`). `{clinic}` is the clinic's name.
pub fn welcome_intro(clinic: &str) -> String {
    format!(
        "Hello! I answer questions about your treatment by quoting {clinic}'s patient guide word for word, with the section each answer comes from."
    )
}

/// Said in every welcome: what the bot is not.
pub const NOT_A_DOCTOR: &str =
    "I am not a doctor and cannot give medical advice about your own case.";

/// Said in every welcome: what to do in an emergency.
pub fn emergency_line(emergency_number: &str) -> String {
    format!("In an emergency, call {emergency_number} straight away.")
}

/// Invitation under the welcome and the topic list.
pub const ASK_OR_BROWSE: &str = "Type your question, or choose a topic:";

/// `/help`.
pub fn help(emergency_number: &str) -> String {
    format!(
        "Ask me anything about your treatment in your own words, for example “Does the harvest hurt?” or “When can I exercise again?”.\n\n/topics lists the sections of the guide.\n/start shows the welcome again.\n\n{}",
        emergency_line(emergency_number)
    )
}

/// Heading of the topic list.
pub const TOPICS_HEADING: &str = "Topics in the guide:";

/// Shown under a quote: where it came from.
pub fn quoted_from(section: &str) -> String {
    format!("From the guide, “{section}”")
}

/// Shown under an answer.
pub fn ask_your_team(phone: &str) -> String {
    format!("For questions about your own case, call the clinic: {phone}.")
}

/// The guide does not cover the question.
pub fn not_covered(phone: &str) -> String {
    format!(
        "I'm sorry, the guide does not cover that, so I can't answer it. Please call the clinic: {phone}."
    )
}

/// Offered when the question is close to several sections.
pub const DID_YOU_MEAN: &str = "Did you mean one of these topics?";

/// The message had no words at all.
pub const EMPTY_MESSAGE: &str =
    "Please type your question in words, for example “How long does the injection take?”.";

/// First line of the emergency reply.
pub const EMERGENCY_TITLE: &str = "⚠️ This may be an emergency.";

/// The emergency instruction.
pub fn emergency_call(emergency_number: &str, phone: &str) -> String {
    format!(
        "Call {emergency_number} now or go to the nearest emergency department. Then let the clinic know: {phone}."
    )
}

/// Closing of the emergency reply.
pub const EMERGENCY_NOT_A_DOCTOR: &str =
    "I am only a guide assistant and cannot assess symptoms. Do not wait for a reply here.";

/// First line of the reply to thoughts of suicide or self-harm.
pub const CRISIS_TITLE: &str = "I'm really sorry you're feeling like this. Thank you for telling me — you don't have to face it alone.";

/// Where to turn, in the crisis reply.
pub fn crisis_talk(crisis_line: &str) -> String {
    format!(
        "Please talk to someone who can help right now: {crisis_line}. They are there to listen."
    )
}

/// When to call the emergency number, in the crisis reply.
pub fn crisis_danger(emergency_number: &str) -> String {
    format!(
        "If you might act on these thoughts, or you have already hurt yourself, call {emergency_number} now."
    )
}

/// Closing of the crisis reply.
pub fn crisis_closing(phone: &str) -> String {
    format!(
        "I'm only a guide assistant and can't be the support you deserve, but the people on those lines can. If you can, let someone near you know how you feel. The clinic is here for you too: {phone}."
    )
}

/// Reply to a greeting.
pub const GREETING: &str = "Hello! How can I help? Ask a question or choose a topic:";

/// Reply to thanks or goodbye.
pub const THANKS: &str = "You're welcome! Ask again any time, or choose a topic:";

/// Reply to stickers, photos, voice notes and other non-text messages.
pub const TEXT_ONLY: &str = "I can only read text questions. Please type your question in words.";

/// Sent once to a chat that sends messages faster than the bot answers them.
pub const SLOW_DOWN: &str = "You're sending messages very quickly, so I'm skipping some. Please send one question at a time and wait for my answer.";

/// Refusal of a staff command to someone not on the staff list.
pub const STAFF_ONLY: &str = "Sorry, that command is only for the clinic's staff.";

/// Heading of a `/why` explanation.
pub fn why_heading(question: &str) -> String {
    format!("Why: “{question}”")
}

/// `/why` without a question.
pub const WHY_USAGE: &str = "Usage: /why <question>, for example /why does the harvest hurt?";

/// `/reload` succeeded.
pub fn reloaded(sections: usize, passages: usize) -> String {
    format!(
        "Reloaded the guide: {sections} sections, {passages} passages. New questions use it now."
    )
}

/// `/reload` failed; the old guide keeps answering.
pub fn reload_failed(error: &str) -> String {
    format!(
        "The guide could not be reloaded, so the previous version keeps answering.\n\nProblem: {error}"
    )
}

/// `/reload` refused a guide that lost what the last good one had, or would answer wrongly;
/// the old guide keeps answering. Short enough for one Telegram message, whatever was lost.
pub fn reload_refused(regression: &Regression) -> String {
    format!(
        "The new guide was not loaded, so the previous version keeps answering. Compared with the last good guide:\n\n{}\n\nFix the files and send /reload again. If the change is on purpose, send /reload force (or run `guidebot index` on the server) to accept it.",
        guide_problems(regression).join("\n")
    )
}

/// `/reload force` swapped in a guide although it lost something.
pub fn reloaded_although(sections: usize, passages: usize, regression: &Regression) -> String {
    format!(
        "{}\n\nAccepted as asked, although:\n{}",
        reloaded(sections, passages),
        guide_problems(regression).join("\n")
    )
}

/// Logged at start when the knowledge folder is refused and the last good copy answers.
pub fn serving_last_good(knowledge: &str, copy: &str, reason: &str) -> String {
    format!(
        "SERVING THE LAST GOOD GUIDE from {copy}, not {knowledge}: {reason}. Fix the files and send /reload, or accept them with `guidebot index`"
    )
}

/// Logged at start when the guide has answer-breaking problems and there is no last good
/// copy to serve instead.
pub fn serving_despite(knowledge: &str, reason: &str) -> String {
    format!(
        "serving the guide in {knowledge} although it has problems ({reason}): there is no last good copy to serve instead; fix the files and send /reload"
    )
}

/// Under `/stats` while the last good copy answers because the knowledge folder was refused
/// at start.
pub fn stats_serving_last_good(why: &str) -> String {
    format!(
        "⚠️ The last good guide is answering: the guide in the knowledge folder was refused at start ({why}). Fix it and send /reload, or accept it with /reload force."
    )
}

/// Said by `guidebot index` when the guide it accepts lost something.
pub fn accepted_although(reason: &str) -> String {
    format!("accepted as the last good guide, although {reason}")
}

/// Said by `guidebot check` for what `/reload` would refuse.
pub fn would_be_refused(copy: &str, line: &str) -> String {
    format!(
        "compared with the last good guide ({copy}): {line} (/reload would refuse this; `guidebot index` or /reload force accepts it)"
    )
}

/// At most this many names of each kind are listed in a message.
const NAMES_LISTED: usize = 8;
/// A name longer than this is cut short in a message.
const NAME_CHARS: usize = 60;

/// One line per kind of problem, with its names (a few, each cut short: see [`NAMES_LISTED`]).
pub fn guide_problems(regression: &Regression) -> Vec<String> {
    regression
        .kinds()
        .into_iter()
        .filter(|(_, names)| !names.is_empty())
        .map(|(problem, names)| format!("• {}: {}", problem_label(problem), listed(names)))
        .collect()
}

/// The same on one line, for logs.
pub fn guide_problems_line(regression: &Regression) -> String {
    guide_problems(regression)
        .iter()
        .map(|line| line.trim_start_matches("• "))
        .collect::<Vec<_>>()
        .join("; ")
}

fn problem_label(problem: Problem) -> &'static str {
    match problem {
        Problem::LostSections => "lost sections",
        Problem::LostTopicNames => "lost topic names (topics.toml)",
        Problem::LostSynonyms => "lost synonyms (synonyms.toml)",
        Problem::LostRedFlags => "lost red flags (red-flags.toml)",
        Problem::TopicsToNowhere => "topic names opening no section",
        Problem::EmptySections => "headings with no text under them (cut short?)",
    }
}

fn listed(names: &[String]) -> String {
    let mut shown: Vec<String> = names
        .iter()
        .take(NAMES_LISTED)
        .map(|name| match name.char_indices().nth(NAME_CHARS) {
            Some((end, _)) => format!("“{}{CUT_SHORT}”", &name[..end]),
            None => format!("“{name}”"),
        })
        .collect();
    if names.len() > NAMES_LISTED {
        shown.push(format!("and {} more", names.len() - NAMES_LISTED));
    }
    shown.join(", ")
}

/// Label of the button for another section.
pub fn topic_button(title: &str) -> String {
    format!("📖 {title}")
}

/// Button under an answer that shows its whole section.
pub fn more_from(section: &str) -> String {
    format!("📖 More: {section}")
}

/// Feedback buttons under an answer.
pub const HELPFUL: &str = "👍 Helpful";
pub const NOT_HELPFUL: &str = "👎 Not helpful";

/// Reply to a 👍 or 👎 (shown as a small notification).
pub const THANKS_FOR_FEEDBACK: &str = "Thank you for your feedback!";

/// Added after a quote cut short to fit Telegram's limit.
pub const CUT_SHORT: &str = "…";

/// Line printed by `cargo run` with no Telegram token.
pub const NO_TOKEN_HINT: &str = "No TELOXIDE_TOKEN set, so starting a terminal chat. To connect Telegram, get a token from @BotFather and run: TELOXIDE_TOKEN=<token> guidebot serve";

/// Error for `serve` without a token.
pub const TOKEN_MISSING: &str =
    "TELOXIDE_TOKEN is not set: get a bot token from @BotFather and set TELOXIDE_TOKEN";

/// Error for `serve` when Telegram answers that the token is not a bot's.
pub const TOKEN_REJECTED: &str = "Telegram did not accept the bot token: check TELOXIDE_TOKEN (the whole token from @BotFather, digits, a colon and letters)";

/// Error for `serve` when Telegram cannot be reached or fails: the token is not to blame.
pub fn telegram_unreachable(reason: &str) -> String {
    format!(
        "cannot reach Telegram ({reason}): check this machine's internet connection, proxy or firewall (or TELOXIDE_API_URL); the token was not checked"
    )
}

/// Said once at start when the embedding model cannot be had (the fix only when the reason
/// does not already give it).
pub fn words_only(reason: &str) -> String {
    if reason.contains("GUIDEBOT_MODEL") {
        return format!("Answering by word matching only (less accurate): {reason}.");
    }
    format!(
        "Answering by word matching only (less accurate): {reason}. To fix: set GUIDEBOT_MODEL to a sentence-transformers model folder (such as all-MiniLM-L6-v2), or run `guidebot index` once with internet access."
    )
}

/// Said by `chat --record` and `ask --record` at start.
pub fn recording_to(database: &str) -> String {
    format!(
        "Recording unanswered questions and 👍 / 👎 in {database}, as the Telegram bot does: see them with `guidebot report`."
    )
}

/// Said by `guidebot links` when the bot's username is unknown.
pub const LINKS_WITHOUT_USERNAME: &str = "(Topic names only: for full t.me links add --bot-username NAME, set bot_username in guidebot.toml, or set TELOXIDE_TOKEN.)";

/// Error for `guidebot links --qr` when the bot's username is unknown.
pub const QR_NEEDS_USERNAME: &str = "QR codes need the bot's username: add --bot-username NAME, set bot_username in guidebot.toml, or set TELOXIDE_TOKEN";

/// What `guidebot init DIR` says after writing the starter kit.
pub fn init_next_steps(dir: &str) -> String {
    format!(
        "Next:
  1. Fill in every <…> in {dir}/guidebot.toml (the clinic's name and phone, the emergency number).
  2. Replace {dir}/knowledge/guide.md with your guide (any number of .md files).
  3. Have a clinician review {dir}/knowledge/red-flags.toml, then delete its first line.
  4. guidebot --home {dir} check      (lists what is left to do)
     guidebot --home {dir} chat       (try it in this terminal)
     TELOXIDE_TOKEN=<token from @BotFather> guidebot --home {dir} serve"
    )
}

/// Logged by `serve` while `red-flags.toml` still says a clinician has not reviewed it.
pub const RED_FLAGS_NOT_REVIEWED: &str = "the red flags (knowledge/red-flags.toml) have not been reviewed by a clinician yet: see `guidebot check`";

/// `/stats`: the heading (from [`stats_since_start`] or [`stats_since_shared`]), then the
/// counts: messages, answered, not covered, emergencies, small talk, 👍, 👎, dropped.
pub fn stats(heading: &str, counts: &[u64]) -> String {
    let n = |i: usize| counts.get(i).copied().unwrap_or(0);
    format!(
        "{heading}:\nmessages: {}\nanswered from the guide: {}\nnot covered: {}\nemergencies: {}\nsmall talk: {}\n👍: {}   👎: {}\ndropped (flooding): {}",
        n(0),
        n(1),
        n(2),
        n(3),
        n(4),
        n(5),
        n(6),
        n(7),
    )
}

/// `/stats` heading for one bot: since it started, `seconds` ago.
pub fn stats_since_start(seconds: u64) -> String {
    format!(
        "Since start ({}h {}m ago)",
        seconds / 3600,
        seconds % 3600 / 60
    )
}

/// `/stats` heading with several replicas: every replica's counts, kept for `seconds`.
pub fn stats_since_shared(seconds: u64) -> String {
    format!(
        "All replicas, since counting began ({}h {}m ago)",
        seconds / 3600,
        seconds % 3600 / 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_refusal_fits_one_telegram_message_however_much_was_lost() {
        let many: Vec<String> = (0..500)
            .map(|i| format!("{i} {}", "long name ".repeat(30)))
            .collect();
        let regression = Regression {
            lost_sections: many.clone(),
            lost_topic_names: many.clone(),
            lost_synonyms: many.clone(),
            lost_red_flags: many.clone(),
            topics_to_nowhere: many.clone(),
            empty_sections: many,
        };
        let message = reload_refused(&regression);
        assert!(
            message.chars().count() < 4096,
            "{}",
            message.chars().count()
        );
        assert!(message.contains("and 492 more"), "{message}");
        assert!(reloaded_although(1, 1, &regression).chars().count() < 4096);
    }
}
