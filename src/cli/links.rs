//! `guidebot links`: every topic's deep link, and optionally a printable QR code for each.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use clap::Args;
use qrcode::QrCode;

use crate::answer::Librarian;
use crate::config::Config;

/// Side of each QR code image, in pixels (at least).
const QR_PIXELS: u32 = 600;

#[derive(Debug, Args)]
pub struct LinksArgs {
    /// Write one PNG QR code per topic into this folder.
    #[arg(long, value_name = "DIR")]
    pub qr: Option<PathBuf>,
}

/// A topic's link: the payload, the URL and the section it opens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TopicLink {
    pub payload: String,
    pub url: String,
    pub title: String,
}

pub fn run_links(
    librarian: &Librarian,
    config: &Config,
    args: &LinksArgs,
) -> anyhow::Result<ExitCode> {
    let username = bot_username(config)?;
    let links = topic_links(librarian, &username);
    for link in &links {
        println!("{:<40} {}  ({})", link.payload, link.url, link.title);
    }
    if let Some(dir) = &args.qr {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
        for link in &links {
            write_qr(&link.url, &dir.join(format!("{}.png", link.payload)))?;
        }
        println!("wrote {} QR codes to {}", links.len(), dir.display());
    }
    Ok(ExitCode::SUCCESS)
}

/// Links for every topic (by slug) and every alias, in guide order.
pub fn topic_links(librarian: &Librarian, username: &str) -> Vec<TopicLink> {
    let link = |payload: &str, title: String| TopicLink {
        payload: payload.to_string(),
        url: format!("https://t.me/{username}?start={payload}"),
        title,
    };
    let mut links: Vec<TopicLink> = librarian
        .topics()
        .iter()
        .map(|topic| link(&topic.slug, topic.title.clone()))
        .collect();
    for (alias, slug) in &librarian.guide().lexicon.aliases {
        if let Some(id) = librarian.section_by_slug(slug) {
            links.push(link(alias, librarian.topic(id).title));
        }
    }
    links
}

/// Writes `url` as a black-on-white PNG QR code.
pub fn write_qr(url: &str, path: &Path) -> anyhow::Result<()> {
    let code = QrCode::new(url.as_bytes()).context("the link is too long for a QR code")?;
    let image = code
        .render::<image::Luma<u8>>()
        .min_dimensions(QR_PIXELS, QR_PIXELS)
        .build();
    image
        .save(path)
        .with_context(|| format!("cannot write {}", path.display()))
}

/// The bot's username: from the config, or asked from Telegram with `TELOXIDE_TOKEN`.
fn bot_username(config: &Config) -> anyhow::Result<String> {
    if let Some(name) = &config.bot_username {
        return Ok(name.trim_start_matches('@').to_string());
    }
    let token = std::env::var("TELOXIDE_TOKEN").ok().filter(|t| !t.is_empty()).context(
        "the bot's username is unknown: set bot_username in guidebot.toml, or TELOXIDE_TOKEN to ask Telegram",
    )?;
    let api_url = std::env::var("TELOXIDE_API_URL").ok();
    let runtime = tokio::runtime::Runtime::new()?;
    runtime.block_on(async {
        let api = crate::bot::BotApi::new(&token, api_url.as_deref())?;
        let me = api
            .call("getMe", &serde_json::json!({}))
            .await
            .context("cannot ask Telegram for the bot's username")?;
        me.get("username")
            .and_then(serde_json::Value::as_str)
            .map(str::to_string)
            .context("Telegram's getMe gave no username")
    })
}
