//! The command line as a clinic uses it: index, ask (text and JSON), eval, serve without a token.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn knowledge() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("knowledge")
}

/// The binary on the shipped guide, with its index and config file in `index`.
fn guidebot_with_config(index: &Path, config: &Path, args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_guidebot"));
    command
        .arg("--knowledge")
        .arg(knowledge())
        .arg("--index")
        .arg(index)
        .arg("--config")
        .arg(config)
        .args(args)
        .env_remove("TELOXIDE_TOKEN")
        .env_remove("RUST_LOG")
        .current_dir(index);
    command
}

/// The binary with no config file (the defaults).
fn guidebot(index: &Path, args: &[&str]) -> Command {
    guidebot_with_config(index, &index.join("absent.toml"), args)
}

fn run_with_stdin(mut command: Command, stdin: &str) -> Output {
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn stdout(output: &Output) -> String {
    assert!(
        output.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout.clone()).unwrap()
}

#[test]
fn index_builds_on_disk_and_reports_what_it_indexed() {
    let dir = tempfile::tempdir().unwrap();
    let out = stdout(&guidebot(dir.path(), &["index"]).output().unwrap());
    assert!(out.contains("1 file(s), 12 sections, 16 passages"), "{out}");
    assert!(dir.path().join("meta.json").exists());
}

#[test]
fn ask_json_quotes_the_guide() {
    let dir = tempfile::tempdir().unwrap();
    let out = stdout(
        &guidebot(
            dir.path(),
            &["ask", "--json", "How long will the injection take?"],
        )
        .output()
        .unwrap(),
    );
    let record: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
    assert_eq!(record["kind"], "answer");
    assert_eq!(record["section"], "The Injection Phase");
    assert!(
        record["quote"]
            .as_str()
            .unwrap()
            .contains("30 minutes to an hour")
    );
    assert!(record["score"].as_f64().unwrap() > 0.5);
    assert!(
        record["text"]
            .as_str()
            .unwrap()
            .contains("30 minutes to an hour")
    );
    assert_eq!(record["question"], "How long will the injection take?");
}

#[test]
fn ask_json_stdin_answers_each_line_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let output = run_with_stdin(
        guidebot(dir.path(), &["ask", "--json", "-"]),
        "hello\nWhere is bone marrow taken from?\nWhat does parking cost?\n\nI can't breathe\n",
    );
    let lines: Vec<serde_json::Value> = stdout(&output)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let kinds: Vec<&str> = lines.iter().map(|l| l["kind"].as_str().unwrap()).collect();
    assert_eq!(
        kinds,
        ["smalltalk", "answer", "no_answer", "no_answer", "emergency"]
    );
    for key in ["question", "kind", "section", "quote", "score", "text"] {
        assert!(lines.iter().all(|l| l.get(key).is_some()), "missing {key}");
    }
    assert!(lines[4]["text"].as_str().unwrap().contains("112"));
}

#[test]
fn ask_explain_shows_the_reasoning() {
    let dir = tempfile::tempdir().unwrap();
    let out = stdout(
        &guidebot(dir.path(), &["ask", "--explain", "recovry time"])
            .output()
            .unwrap(),
    );
    assert!(out.contains("typo of “recovery”"), "{out}");
    assert!(out.contains("candidates"), "{out}");
}

#[test]
fn eval_prints_rates_beside_the_baseline_and_honours_min() {
    let dir = tempfile::tempdir().unwrap();
    let set = dir.path().join("set.jsonl");
    std::fs::write(
        &set,
        "{\"q\": \"How long will the injection take?\", \"expect\": \"answer\", \"any\": [\"30 minutes\"]}\n{\"q\": \"Do you sell parking permits?\", \"expect\": \"no_answer\"}\n",
    )
    .unwrap();
    let out = stdout(
        &guidebot(dir.path(), &["eval", set.to_str().unwrap(), "--min", "0.9"])
            .output()
            .unwrap(),
    );
    assert!(out.contains("plain BM25"), "{out}");
    assert!(out.contains("total") && out.contains("2/2 100.0%"), "{out}");
    std::fs::write(
        &set,
        "{\"q\": \"hello\", \"expect\": \"answer\", \"any\": [\"x\"]}\n",
    )
    .unwrap();
    let failing = guidebot(
        dir.path(),
        &["eval", set.to_str().unwrap(), "--min", "0.9", "--misses"],
    )
    .output()
    .unwrap();
    assert!(!failing.status.success());
    assert!(String::from_utf8_lossy(&failing.stdout).contains("\"hello\" expected answer"));
}

#[test]
fn serve_without_a_token_is_a_one_line_error() {
    let dir = tempfile::tempdir().unwrap();
    let output = guidebot(dir.path(), &["serve"]).output().unwrap();
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    let errors: Vec<&str> = stderr.lines().filter(|l| l.starts_with("error:")).collect();
    assert_eq!(errors.len(), 1, "{stderr}");
    assert!(errors[0].contains("TELOXIDE_TOKEN"));
    assert!(!stderr.contains("panicked"));
}

#[test]
fn no_subcommand_without_a_token_starts_the_terminal_chat() {
    let dir = tempfile::tempdir().unwrap();
    let output = run_with_stdin(
        guidebot(dir.path(), &[]),
        "Is local anesthesia used?\n/topics\n1\n/quit\n",
    );
    let out = stdout(&output);
    assert!(String::from_utf8_lossy(&output.stderr).contains("@BotFather"));
    assert!(out.contains("I am not a doctor"), "{out}");
    assert!(out.to_lowercase().contains("local anesthesia"), "{out}");
    assert!(out.contains("Topics in the guide:"), "{out}");
    assert!(
        out.contains("On the day of your therapy session")
            || out.contains("Stem cell therapy has emerged"),
        "{out}"
    );
}

#[test]
fn a_broken_guide_is_a_clear_error_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let knowledge = dir.path().join("knowledge");
    std::fs::create_dir(&knowledge).unwrap();
    std::fs::write(knowledge.join("guide.md"), b"# Bad\n\n\xff\xfe text\n").unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_guidebot"))
        .args([
            "--knowledge",
            knowledge.to_str().unwrap(),
            "--index",
            dir.path().join("index").to_str().unwrap(),
            "index",
        ])
        .output()
        .unwrap();
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("guide.md") && stderr.contains("UTF-8"),
        "{stderr}"
    );
}

/// The binary with a config file of the given text.
fn with_config(index: &Path, config: &str, args: &[&str]) -> Command {
    let path = index.join("guidebot.toml");
    std::fs::write(&path, config).unwrap();
    guidebot_with_config(index, &path, args)
}

#[test]
fn links_lists_every_topic_and_alias_and_writes_qr_codes() {
    let dir = tempfile::tempdir().unwrap();
    let qr = dir.path().join("qr");
    let out = stdout(
        &with_config(
            dir.path(),
            "bot_username = \"clinic_bot\"\n",
            &["links", "--qr", qr.to_str().unwrap()],
        )
        .output()
        .unwrap(),
    );
    for payload in [
        "preparation",
        "procedure",
        "risks",
        "recovery",
        "the-injection-phase",
    ] {
        assert!(
            out.contains(&format!("https://t.me/clinic_bot?start={payload} ")),
            "{out}"
        );
    }
    let png = std::fs::read(qr.join("recovery.png")).unwrap();
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    assert!(out.contains("QR codes"), "{out}");
}

#[test]
fn links_without_a_username_says_how_to_get_one() {
    let dir = tempfile::tempdir().unwrap();
    let output = with_config(dir.path(), "", &["links"]).output().unwrap();
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("bot_username"));
}

#[test]
fn check_passes_the_shipped_guide_and_reports_problems_with_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let out = stdout(&guidebot(dir.path(), &["check"]).output().unwrap());
    assert!(out.contains("no problems found"), "{out}");

    let knowledge = dir.path().join("knowledge");
    std::fs::create_dir(&knowledge).unwrap();
    std::fs::write(
        knowledge.join("guide.md"),
        "# A\n\nText.\n\n# A\n\nMore text.\n",
    )
    .unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_guidebot"))
        .args(["--knowledge", knowledge.to_str().unwrap(), "check"])
        .output()
        .unwrap();
    assert!(!output.status.success());
    let out = String::from_utf8_lossy(&output.stdout);
    assert!(out.contains("guide.md:5: duplicate heading"), "{out}");
}

#[test]
fn report_shows_unanswered_questions_and_disliked_sections() {
    let dir = tempfile::tempdir().unwrap();
    let database = dir.path().join("asked.sqlite3");
    let journal = guidebot::journal::Journal::open(&database, 30).unwrap();
    journal.record_unanswered("Is there parking?").unwrap();
    journal.record_unanswered("is there parking?").unwrap();
    journal
        .record_feedback("recovery-and-follow-up", false)
        .unwrap();
    drop(journal);
    let out = stdout(
        &with_config(
            dir.path(),
            &format!("database = {:?}\n", database.to_str().unwrap()),
            &["report"],
        )
        .output()
        .unwrap(),
    );
    assert!(out.contains("2×  is there parking?"), "{out}");
    assert!(out.contains("recovery-and-follow-up"), "{out}");
}
