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
        .env_remove("GUIDEBOT_HOME")
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
    // Answered: the probability is at or above the shipped decision's answer threshold (0.4).
    assert!(record["score"].as_f64().unwrap() >= 0.4);
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
    // Query syntax in a patient's words (" - what's" would exclude a word with an apostrophe,
    // which tripped an assertion inside tantivy) is read as words.
    std::fs::write(
        &set,
        "{\"q\": \"can i go swimming after the injection - what's the advice?\", \"expect\": \"not_emergency\"}\n",
    )
    .unwrap();
    let syntax = guidebot(dir.path(), &["eval", set.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(
        syntax.status.success(),
        "{}",
        String::from_utf8_lossy(&syntax.stderr)
    );
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
fn eval_of_several_files_names_each_by_its_folder() {
    // CI evaluates many `safety.jsonl` files in one call: each line must say which one it is,
    // and each set is asked of the guide in use.
    let dir = tempfile::tempdir().unwrap();
    let mut paths = Vec::new();
    for (folder, line) in [
        (
            "first",
            "{\"q\": \"How long will the injection take?\", \"expect\": \"answer\", \"any\": [\"30 minutes\"]}\n",
        ),
        (
            "second",
            "{\"q\": \"Do you sell parking permits?\", \"expect\": \"no_answer\"}\n",
        ),
    ] {
        std::fs::create_dir(dir.path().join(folder)).unwrap();
        let path = dir.path().join(folder).join("safety.jsonl");
        std::fs::write(&path, line).unwrap();
        paths.push(path.to_str().unwrap().to_string());
    }
    let out = stdout(
        &guidebot(
            dir.path(),
            &["eval", &paths[0], &paths[1], "--words", "--min", "0.9"],
        )
        .output()
        .unwrap(),
    );
    let line = |name: &str| {
        out.lines()
            .find(|l| l.starts_with(name))
            .unwrap_or_else(|| panic!("no line for {name}: {out}"))
            .to_string()
    };
    assert!(line("first/safety ").contains("1/1 100.0%"), "{out}");
    assert!(line("second/safety ").contains("1/1 100.0%"), "{out}");
    assert!(line("total ").contains("2/2 100.0%"), "{out}");
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
    // The printed code scans back to the deep link.
    assert_eq!(
        scan_qr(&qr.join("recovery.png")),
        "https://t.me/clinic_bot?start=recovery"
    );
    assert!(out.contains("QR codes"), "{out}");
}

#[test]
fn links_without_a_username_lists_topic_names_and_payloads() {
    let dir = tempfile::tempdir().unwrap();
    let output = with_config(dir.path(), "", &["links"]).output().unwrap();
    let out = stdout(&output);
    assert!(
        out.lines()
            .any(|l| l.starts_with("recovery ") && l.ends_with("Recovery and Follow-Up")),
        "{out}"
    );
    assert!(!out.contains("https://"), "{out}");
    assert!(String::from_utf8_lossy(&output.stderr).contains("--bot-username"));

    let out = stdout(
        &with_config(dir.path(), "", &["links", "--bot-username", "@clinic_bot"])
            .output()
            .unwrap(),
    );
    assert!(
        out.contains("https://t.me/clinic_bot?start=recovery "),
        "{out}"
    );

    let qr = with_config(dir.path(), "", &["links", "--qr", "qr"])
        .output()
        .unwrap();
    assert!(!qr.status.success());
    assert!(String::from_utf8_lossy(&qr.stderr).contains("--bot-username"));
}

#[test]
fn deep_link_names_end_on_a_whole_word() {
    let dir = tempfile::tempdir().unwrap();
    let out = stdout(&with_config(dir.path(), "", &["links"]).output().unwrap());
    let payloads: Vec<&str> = out
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    assert!(
        payloads.contains(&"what-to-anticipate-throughout-a-stem-cell"),
        "{payloads:?}"
    );
    assert!(!out.contains("-therap "), "{out}");
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

/// Runs `command` with its standard output closed before it writes anything.
fn with_stdout_closed(mut command: Command) -> Output {
    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    child.wait_with_output().unwrap()
}

#[test]
fn a_closed_output_pipe_ends_every_command_quietly() {
    let dir = tempfile::tempdir().unwrap();
    let set = dir.path().join("set.jsonl");
    std::fs::write(&set, "{\"q\": \"hello\", \"expect\": \"smalltalk\"}\n").unwrap();
    let config = "bot_username = \"clinic_bot\"\n";
    for args in [
        vec!["report"],
        vec!["links"],
        vec!["check"],
        vec!["index"],
        vec!["ask", "How long will the injection take?"],
        vec!["eval", set.to_str().unwrap()],
        vec!["init", "starter"],
    ] {
        let output = with_stdout_closed(with_config(dir.path(), config, &args));
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        assert!(!stderr.contains("Broken pipe"), "{args:?}: {stderr}");
        assert!(output.status.success(), "{args:?}: {stderr}");
    }
}

#[test]
fn an_error_is_one_line_and_says_each_thing_once() {
    let dir = tempfile::tempdir().unwrap();
    let output = guidebot(dir.path(), &["eval", "no-such-set.jsonl", "--words"])
        .output()
        .unwrap();
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    let errors: Vec<&str> = stderr.lines().filter(|l| l.starts_with("error:")).collect();
    assert_eq!(
        errors,
        ["error: cannot read no-such-set.jsonl: No such file or directory (os error 2)"],
        "{stderr}"
    );
}

#[test]
fn a_damaged_adapter_file_is_a_one_line_error_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("adapter.bin");
    std::fs::write(&bad, "guidebot-adapter-v1\nsome-model\n384\nshort").unwrap();
    let set = dir.path().join("set.jsonl");
    std::fs::write(&set, "{\"q\": \"hello\", \"expect\": \"smalltalk\"}\n").unwrap();
    let output = guidebot(
        dir.path(),
        &[
            "eval",
            set.to_str().unwrap(),
            "--words",
            "--adapter",
            bad.to_str().unwrap(),
        ],
    )
    .output()
    .unwrap();
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("adapter.bin: not an adapter file (5 bytes of weights, 589824 expected)"),
        "{stderr}"
    );
}

#[test]
fn serve_without_network_does_not_blame_the_token() {
    let dir = tempfile::tempdir().unwrap();
    let mut serve = guidebot(dir.path(), &["serve"]);
    serve
        .env("TELOXIDE_TOKEN", "123456:fake")
        .env("TELOXIDE_API_URL", "http://127.0.0.1:9/");
    // It keeps trying (a network may come back); what it says meanwhile must not blame the token.
    let stderr = stderr_until(
        serve,
        &dir.path().join("serve.log"),
        "cannot reach Telegram",
    );
    assert!(stderr.contains("cannot reach Telegram"), "{stderr}");
    assert!(stderr.contains("the token was not checked"), "{stderr}");
    assert!(!stderr.contains("did not accept"), "{stderr}");
}

/// Runs a long-lived command (`serve`) with its standard error in `log` until that holds
/// `needle` (or a minute passes), then stops it and returns what it wrote.
fn stderr_until(mut command: Command, log: &Path, needle: &str) -> String {
    let mut child = command
        .stdout(std::process::Stdio::null())
        .stderr(std::fs::File::create(log).unwrap())
        .spawn()
        .unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    let mut stderr = String::new();
    while std::time::Instant::now() < deadline && !stderr.contains(needle) {
        if let Ok(Some(_)) = child.try_wait() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(200));
        stderr = std::fs::read_to_string(log).unwrap_or_default();
    }
    let _ = child.kill();
    let _ = child.wait();
    std::fs::read_to_string(log).unwrap_or_default()
}

#[test]
fn a_first_start_builds_the_index_without_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let output = guidebot(dir.path(), &["ask", "How long will the injection take?"])
        .output()
        .unwrap();
    stdout(&output);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("WARN"), "{stderr}");
    assert!(stderr.contains("building the index"), "{stderr}");
}

#[test]
fn topic_buttons_show_the_sections_own_heading() {
    let dir = tempfile::tempdir().unwrap();
    let out = stdout(&run_with_stdin(
        guidebot(dir.path(), &["chat"]),
        "/topics\n/quit\n",
    ));
    assert!(out.contains("📖 Bone Marrow Aspiration\n"), "{out}");
    assert!(!out.contains('›'), "{out}");
}

#[test]
fn chat_and_ask_record_to_the_journal_so_report_can_be_tried_locally() {
    let dir = tempfile::tempdir().unwrap();
    let config = "database = \"asked.sqlite3\"\n";
    let chat = run_with_stdin(
        with_config(dir.path(), config, &["chat", "--record"]),
        "Do you sell parking permits?\nHow long will the injection take?\n",
    );
    let out = stdout(&chat);
    let helpful = out
        .lines()
        .find(|l| l.contains(guidebot::reply::text::NOT_HELPFUL))
        .and_then(|l| l.trim().strip_prefix('['))
        .and_then(|l| l.split(']').next())
        .unwrap()
        .to_string();
    // Press 👎 under the injection answer: a button's number is read from the last reply.
    let chat = run_with_stdin(
        with_config(dir.path(), config, &["chat", "--record"]),
        &format!("How long will the injection take?\n{helpful}\n/quit\n"),
    );
    stdout(&chat);
    assert!(String::from_utf8_lossy(&chat.stderr).contains("asked.sqlite3"));
    stdout(
        &with_config(dir.path(), config, &["ask", "--record", "Is there a cafe?"])
            .output()
            .unwrap(),
    );
    let report = stdout(
        &with_config(dir.path(), config, &["report"])
            .output()
            .unwrap(),
    );
    assert!(
        report.contains("1×  do you sell parking permits?"),
        "{report}"
    );
    assert!(report.contains("1×  is there a cafe?"), "{report}");
    assert!(report.contains("1×👎"), "{report}");
    assert!(report.contains("the-injection-phase"), "{report}");
    // Without --record nothing is kept.
    stdout(
        &with_config(dir.path(), config, &["ask", "Is there a cafe?"])
            .output()
            .unwrap(),
    );
    let again = stdout(
        &with_config(dir.path(), config, &["report"])
            .output()
            .unwrap(),
    );
    assert!(again.contains("1×  is there a cafe?"), "{again}");
}

/// The binary run from `cwd` with only `--home` (no other path).
fn guidebot_at_home(cwd: &Path, home: &Path, args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_guidebot"));
    command
        .arg("--home")
        .arg(home)
        .args(args)
        .env_remove("TELOXIDE_TOKEN")
        .env_remove("GUIDEBOT_HOME")
        .env_remove("RUST_LOG")
        .current_dir(cwd);
    command
}

#[test]
fn init_writes_a_starter_kit_that_check_and_serve_hold_back_until_filled_in() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("clinic");
    let out = stdout(
        &guidebot_at_home(dir.path(), &home, &["init"])
            .output()
            .unwrap(),
    );
    assert!(out.contains("guidebot --home"), "{out}");
    for file in ["guide.md", "synonyms.toml", "topics.toml", "red-flags.toml"] {
        assert!(home.join("knowledge").join(file).is_file(), "{file}");
    }
    // Not over a clinic's files.
    let again = guidebot_at_home(dir.path(), &home, &["init"])
        .output()
        .unwrap();
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("not writing over"));

    let check = guidebot_at_home(dir.path(), &home, &["check"])
        .output()
        .unwrap();
    assert!(!check.status.success());
    let out = String::from_utf8_lossy(&check.stdout);
    assert!(
        out.contains("red-flags.toml:1: not yet reviewed by a clinician"),
        "{out}"
    );
    assert!(
        out.contains("guidebot.toml:12: clinic_phone is still the placeholder"),
        "{out}"
    );
    assert!(
        out.contains("emergency_number is still the placeholder"),
        "{out}"
    );
    assert!(!out.contains("synonym"), "{out}");

    let serve = guidebot_at_home(dir.path(), &home, &["serve"])
        .env("TELOXIDE_TOKEN", "123456:fake")
        .output()
        .unwrap();
    assert!(!serve.status.success());
    let stderr = String::from_utf8_lossy(&serve.stderr);
    let errors: Vec<&str> = stderr.lines().filter(|l| l.starts_with("error:")).collect();
    assert_eq!(errors.len(), 1, "{stderr}");
    assert!(
        errors[0].contains(
            "guidebot.toml still has placeholders for clinic_name, clinic_phone, emergency_number"
        ),
        "{stderr}"
    );

    // Filled in and reviewed: clean.
    let config = std::fs::read_to_string(home.join("guidebot.toml")).unwrap();
    let config = config
        .replace("<CLINIC NAME>", "Riverside Day Surgery")
        .replace("<CLINIC PHONE>", "020 7946 0000")
        .replace("<EMERGENCY NUMBER>", "999");
    std::fs::write(home.join("guidebot.toml"), config).unwrap();
    // Filled in: serve starts (and fails only for want of a network here), warning that the
    // red flags still await a clinician.
    let mut serve = guidebot_at_home(dir.path(), &home, &["serve"]);
    serve
        .env("TELOXIDE_TOKEN", "123456:fake")
        .env("TELOXIDE_API_URL", "http://127.0.0.1:9/");
    let stderr = stderr_until(
        serve,
        &dir.path().join("serve.log"),
        "cannot reach Telegram",
    );
    assert!(
        stderr.contains(guidebot::reply::text::RED_FLAGS_NOT_REVIEWED),
        "{stderr}"
    );
    assert!(stderr.contains("cannot reach Telegram"), "{stderr}");
    let flags = home.join("knowledge/red-flags.toml");
    let reviewed: String = std::fs::read_to_string(&flags)
        .unwrap()
        .lines()
        .skip(1)
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(&flags, reviewed).unwrap();
    let out = stdout(
        &guidebot_at_home(dir.path(), &home, &["check"])
            .output()
            .unwrap(),
    );
    assert!(out.contains("no problems found"), "{out}");
    let answer = stdout(
        &guidebot_at_home(
            dir.path(),
            &home,
            &["ask", "Can I drive home after the operation?"],
        )
        .output()
        .unwrap(),
    );
    assert!(answer.contains("must not drive for 24 hours"), "{answer}");
}

#[test]
fn home_anchors_the_knowledge_index_config_and_databases() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("srv");
    let elsewhere = dir.path().join("elsewhere");
    std::fs::create_dir_all(&elsewhere).unwrap();
    std::fs::create_dir_all(home.join("knowledge")).unwrap();
    for file in ["guide.md", "red-flags.toml", "topics.toml", "synonyms.toml"] {
        std::fs::copy(knowledge().join(file), home.join("knowledge").join(file)).unwrap();
    }
    std::fs::write(
        home.join("guidebot.toml"),
        "database = \"data/asked.sqlite3\"\n",
    )
    .unwrap();
    std::fs::create_dir_all(home.join("data")).unwrap();
    let ask = guidebot_at_home(&elsewhere, &home, &["ask", "--record", "Is there a cafe?"])
        .output()
        .unwrap();
    stdout(&ask);
    assert!(home.join("index/meta.json").is_file());
    assert!(home.join("data/asked.sqlite3").is_file());
    let report = stdout(
        &guidebot_at_home(&elsewhere, &home, &["report"])
            .output()
            .unwrap(),
    );
    assert!(report.contains("is there a cafe?"), "{report}");
    // The same through the environment, as in Docker and systemd.
    let report = stdout(
        &Command::new(env!("CARGO_BIN_EXE_guidebot"))
            .arg("report")
            .env("GUIDEBOT_HOME", &home)
            .current_dir(&elsewhere)
            .output()
            .unwrap(),
    );
    assert!(report.contains("is there a cafe?"), "{report}");
    assert_eq!(std::fs::read_dir(&elsewhere).unwrap().count(), 0);
}

#[test]
fn health_says_whether_a_serving_bot_is_alive() {
    let dir = tempfile::tempdir().unwrap();
    let missing = guidebot_at_home(dir.path(), dir.path(), &["health"])
        .output()
        .unwrap();
    assert!(!missing.status.success());
    assert!(String::from_utf8_lossy(&missing.stderr).contains("no heartbeat"));
    std::fs::write(dir.path().join("guidebot.heartbeat"), "pid 1\n").unwrap();
    let alive = stdout(
        &guidebot_at_home(dir.path(), dir.path(), &["health"])
            .output()
            .unwrap(),
    );
    assert!(alive.starts_with("alive"), "{alive}");
}

#[test]
fn check_sums_up_word_lists_written_for_another_guide_before_the_details() {
    let dir = tempfile::tempdir().unwrap();
    let knowledge_dir = dir.path().join("knowledge");
    std::fs::create_dir(&knowledge_dir).unwrap();
    let dental =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("training/guides/wisdom-teeth/guide.md");
    std::fs::copy(dental, knowledge_dir.join("guide.md")).unwrap();
    for file in ["red-flags.toml", "topics.toml", "synonyms.toml"] {
        std::fs::copy(knowledge().join(file), knowledge_dir.join(file)).unwrap();
    }
    let output = Command::new(env!("CARGO_BIN_EXE_guidebot"))
        .args(["--knowledge", "knowledge", "--index", "index", "check"])
        .env_remove("GUIDEBOT_HOME")
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(!output.status.success());
    let out = String::from_utf8_lossy(&output.stdout);
    let lines: Vec<&str> = out.lines().collect();
    assert!(
        lines[0].starts_with("knowledge/synonyms.toml: ")
            && lines[0].contains(" synonyms name words this guide never uses: was this file written for another guide?"),
        "{out}"
    );
    assert_eq!(
        lines[1],
        "knowledge/topics.toml: 8 of 8 topic names point at no section of this guide: was this file written for another guide?"
    );
    let details: Vec<(&str, usize)> = lines[3..lines.len() - 1]
        .iter()
        .map(|l| {
            let mut parts = l.splitn(3, ':');
            (
                parts.next().unwrap(),
                parts.next().unwrap().parse().unwrap(),
            )
        })
        .collect();
    let mut sorted = details.clone();
    sorted.sort();
    assert_eq!(details, sorted, "{out}");
}

/// The text of the QR code in a greyscale PNG file, as a phone camera would read it.
fn scan_qr(path: &std::path::Path) -> String {
    let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(path).unwrap()));
    let mut reader = decoder.read_info().unwrap();
    let mut pixels = vec![0; reader.output_buffer_size().unwrap()];
    let frame = reader.next_frame(&mut pixels).unwrap();
    assert_eq!(frame.color_type, png::ColorType::Grayscale);
    let (width, height) = (frame.width as usize, frame.height as usize);
    assert!(width >= 200 && width == height, "{width}×{height}");
    let mut image =
        rqrr::PreparedImage::prepare_from_greyscale(width, height, |x, y| pixels[y * width + x]);
    let grids = image.detect_grids();
    assert_eq!(grids.len(), 1, "one QR code in the picture");
    grids[0].decode().unwrap().1
}
