//! Runs the real `guidebot serve` binary against a [`FakeTelegram`], in words mode, with its
//! index and databases in a folder the test owns.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

use super::fake_telegram::{FakeTelegram, TOKEN};

/// A running `guidebot serve`, its standard error going to a file (a pipe nobody reads
/// would fill up and stall the bot's logging).
pub struct Serving {
    pub child: Child,
    log: PathBuf,
}

/// Starts `guidebot serve` with the shipped guide, its files in `dir`, logs at the default level.
pub fn spawn_serve(fake: &FakeTelegram, dir: &Path) -> Serving {
    spawn_serve_with(fake, dir, &[], &[])
}

/// Starts `guidebot serve` with the guide in `knowledge`, its other files in `dir`.
pub fn spawn_serve_on(fake: &FakeTelegram, dir: &Path, knowledge: &Path) -> Serving {
    spawn(fake, dir, knowledge, &[], &[])
}

/// [`spawn_serve`] with more arguments for `serve` and more environment variables.
pub fn spawn_serve_with(
    fake: &FakeTelegram,
    dir: &Path,
    serve_args: &[&str],
    envs: &[(&str, &str)],
) -> Serving {
    let knowledge = Path::new(env!("CARGO_MANIFEST_DIR")).join("knowledge");
    spawn(fake, dir, &knowledge, serve_args, envs)
}

fn spawn(
    fake: &FakeTelegram,
    dir: &Path,
    knowledge: &Path,
    serve_args: &[&str],
    envs: &[(&str, &str)],
) -> Serving {
    let log = dir.join(format!("serve-{}.log", random_suffix()));
    let stderr = std::fs::File::create(&log).expect("the log file can be created");
    let child = guidebot(dir, knowledge, "serve")
        .args(serve_args)
        .env("TELOXIDE_TOKEN", TOKEN)
        .env("TELOXIDE_API_URL", fake.api_url().as_str())
        .env_remove("GUIDEBOT_REDIS_URL")
        .env_remove("GUIDEBOT_WEBHOOK_SECRET")
        .envs(envs.iter().copied())
        .stdout(Stdio::null())
        .stderr(stderr)
        .spawn()
        .expect("the guidebot binary runs");
    Serving { child, log }
}

/// The binary running `subcommand` on the guide in `knowledge`, its index, config and databases
/// in `dir`, in words mode, logging at the default level.
fn guidebot(dir: &Path, knowledge: &Path, subcommand: &str) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_guidebot"));
    command
        .arg("--knowledge")
        .arg(knowledge)
        .arg("--index")
        .arg(dir.join("index"))
        .arg("--config")
        .arg(dir.join("none.toml"))
        .arg(subcommand)
        // Words mode: a model folder that does not exist (fast start, no download).
        .env("GUIDEBOT_MODEL", dir.join("no-model"))
        .env_remove("RUST_LOG")
        .current_dir(dir);
    command
}

impl Serving {
    /// What the bot has logged so far.
    pub fn log_text(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }
}

/// How many replies a log announced are sent again (they were in flight at a kill).
pub fn repeats_announced(stderr: &str) -> usize {
    stderr
        .lines()
        .filter(|line| line.contains("may arrive twice"))
        .filter_map(|line| line.split("repeats=").nth(1))
        .filter_map(|rest| {
            rest.split(|c: char| !c.is_ascii_digit())
                .next()?
                .parse::<usize>()
                .ok()
        })
        .sum()
}

fn random_suffix() -> u64 {
    use std::hash::BuildHasher;
    std::collections::hash_map::RandomState::new().hash_one(Instant::now())
}

/// Runs `guidebot index` as `serve` would find its files (words mode); its standard output.
pub fn index(dir: &Path, knowledge: &Path) -> String {
    let output = guidebot(dir, knowledge, "index")
        .output()
        .expect("the guidebot binary runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Sends a signal (`TERM`, `KILL`, …) to the bot.
pub fn signal(serving: &Serving, name: &str) {
    let child = &serving.child;
    let status = Command::new("kill")
        .args([&format!("-{name}"), &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
}

/// Waits for the bot to end; its status, its standard error and how long it took.
pub async fn wait_exit(serving: Serving) -> (ExitStatus, String, Duration) {
    let since = Instant::now();
    let Serving { mut child, log } = serving;
    tokio::task::spawn_blocking(move || {
        let status = child.wait().unwrap();
        let took = since.elapsed();
        let stderr = std::fs::read_to_string(&log).unwrap_or_default();
        (status, stderr, took)
    })
    .await
    .unwrap()
}

/// Peak resident memory of a running process, in MiB (Linux; `None` elsewhere).
pub fn peak_memory_mib(serving: &Serving) -> Option<f64> {
    let child = &serving.child;
    let status = std::fs::read_to_string(format!("/proc/{}/status", child.id())).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}
