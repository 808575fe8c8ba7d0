//! Runs the real `guidebot serve` binary against a [`FakeTelegram`], in words mode, with its
//! index and databases in a folder the test owns.

use std::path::Path;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

use super::fake_telegram::{FakeTelegram, TOKEN};

/// Starts `guidebot serve` with the shipped guide, its files in `dir`, logs at the default level.
pub fn spawn_serve(fake: &FakeTelegram, dir: &Path) -> Child {
    let knowledge = Path::new(env!("CARGO_MANIFEST_DIR")).join("knowledge");
    Command::new(env!("CARGO_BIN_EXE_guidebot"))
        .arg("--knowledge")
        .arg(knowledge)
        .arg("--index")
        .arg(dir.join("index"))
        .arg("--config")
        .arg(dir.join("none.toml"))
        .arg("serve")
        .env("TELOXIDE_TOKEN", TOKEN)
        .env("TELOXIDE_API_URL", fake.api_url().as_str())
        // Words mode: a model folder that does not exist (fast start, no download).
        .env("GUIDEBOT_MODEL", dir.join("no-model"))
        .env_remove("RUST_LOG")
        .current_dir(dir)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the guidebot binary starts")
}

/// Sends a signal (`TERM`, `KILL`, …) to the child.
pub fn signal(child: &Child, name: &str) {
    let status = Command::new("kill")
        .args([&format!("-{name}"), &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
}

/// Waits for the child to end; its status, its standard error and how long it took.
pub async fn wait_exit(child: Child) -> (ExitStatus, String, Duration) {
    let since = Instant::now();
    tokio::task::spawn_blocking(move || {
        let output = child.wait_with_output().unwrap();
        (
            output.status,
            String::from_utf8_lossy(&output.stderr).into_owned(),
            since.elapsed(),
        )
    })
    .await
    .unwrap()
}

/// Peak resident memory of a running process, in MiB (Linux; `None` elsewhere).
pub fn peak_memory_mib(child: &Child) -> Option<f64> {
    let status = std::fs::read_to_string(format!("/proc/{}/status", child.id())).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}
