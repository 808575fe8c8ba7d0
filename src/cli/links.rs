//! `guidebot links`: every topic's deep link, and optionally a printable QR code for each.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use clap::Args;
use qrcode::QrCode;

use crate::answer::Librarian;
use crate::config::Config;
use crate::reply::text;

/// Side of each QR code image, in pixels (at least).
const QR_PIXELS: u32 = 600;

#[derive(Debug, Args)]
pub struct LinksArgs {
    /// Write one PNG QR code per topic into this folder (needs the bot's username).
    #[arg(long, value_name = "DIR")]
    pub qr: Option<PathBuf>,
    /// The bot's username (without `@`), for full links; else `bot_username` in the config,
    /// else asked from Telegram when TELOXIDE_TOKEN is set, else only the payloads are listed.
    #[arg(long, value_name = "NAME")]
    pub bot_username: Option<String>,
}

/// A topic's link: the payload, the URL (when the bot's username is known) and the section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TopicLink {
    pub payload: String,
    pub url: Option<String>,
    pub title: String,
}

pub fn run_links(
    librarian: &Librarian,
    config: &Config,
    args: &LinksArgs,
) -> anyhow::Result<ExitCode> {
    let username = bot_username(config, args)?;
    if username.is_none() && args.qr.is_some() {
        anyhow::bail!(text::QR_NEEDS_USERNAME);
    }
    let links = topic_links(librarian, username.as_deref());
    let mut out = std::io::stdout().lock();
    for link in &links {
        match &link.url {
            Some(url) => writeln!(out, "{:<40} {url}  ({})", link.payload, link.title)?,
            None => writeln!(out, "{:<40} {}", link.payload, link.title)?,
        }
    }
    if username.is_none() {
        eprintln!("{}", text::LINKS_WITHOUT_USERNAME);
    }
    if let Some(dir) = &args.qr {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
        for link in &links {
            if let Some(url) = &link.url {
                write_qr(url, &dir.join(format!("{}.png", link.payload)))?;
            }
        }
        writeln!(out, "wrote {} QR codes to {}", links.len(), dir.display())?;
    }
    Ok(ExitCode::SUCCESS)
}

/// Links for every topic (by slug) and every alias, in guide order; with the bot's username,
/// each with its `https://t.me/…?start=…` address.
pub fn topic_links(librarian: &Librarian, username: Option<&str>) -> Vec<TopicLink> {
    let link = |payload: &str, title: String| TopicLink {
        payload: payload.to_string(),
        url: username.map(|name| format!("https://t.me/{name}?start={payload}")),
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
        .render::<Grey>()
        .min_dimensions(QR_PIXELS, QR_PIXELS)
        .build();
    image
        .save(path)
        .with_context(|| format!("cannot write {}", path.display()))
}

/// One pixel of a QR code: 0 black, 255 white.
#[derive(Debug, Clone, Copy)]
struct Grey(u8);

impl qrcode::render::Pixel for Grey {
    type Image = GreyImage;
    type Canvas = GreyImage;

    fn default_color(color: qrcode::Color) -> Self {
        Grey(color.select(0, 255))
    }
}

/// A QR code drawn in grey levels, row by row, ready for a PNG file.
struct GreyImage {
    width: u32,
    height: u32,
    dark: u8,
    pixels: Vec<u8>,
}

impl qrcode::render::Canvas for GreyImage {
    type Pixel = Grey;
    type Image = GreyImage;

    fn new(width: u32, height: u32, dark: Grey, light: Grey) -> Self {
        let pixels = vec![light.0; width as usize * height as usize];
        GreyImage {
            width,
            height,
            dark: dark.0,
            pixels,
        }
    }

    fn draw_dark_pixel(&mut self, x: u32, y: u32) {
        self.pixels[y as usize * self.width as usize + x as usize] = self.dark;
    }

    fn into_image(self) -> GreyImage {
        self
    }
}

impl GreyImage {
    /// Saves the image as an 8-bit greyscale PNG.
    fn save(&self, path: &Path) -> anyhow::Result<()> {
        let file = std::io::BufWriter::new(std::fs::File::create(path)?);
        let mut encoder = png::Encoder::new(file, self.width, self.height);
        encoder.set_color(png::ColorType::Grayscale);
        encoder.set_depth(png::BitDepth::Eight);
        let mut writer = encoder.write_header()?;
        writer.write_image_data(&self.pixels)?;
        writer.finish()?;
        Ok(())
    }
}

/// The bot's username: from `--bot-username`, the config, or asked from Telegram with
/// `TELOXIDE_TOKEN`; none when none of them is at hand.
fn bot_username(config: &Config, args: &LinksArgs) -> anyhow::Result<Option<String>> {
    if let Some(name) = args.bot_username.as_ref().or(config.bot_username.as_ref()) {
        return Ok(Some(name.trim_start_matches('@').to_string()));
    }
    let Some(token) = std::env::var("TELOXIDE_TOKEN")
        .ok()
        .filter(|t| !t.is_empty())
    else {
        return Ok(None);
    };
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
            .map(|name| Some(name.to_string()))
            .context("Telegram's getMe gave no username")
    })
}
