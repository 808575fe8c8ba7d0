//! Waiting for the signals that stop the bot: SIGINT (Ctrl-C) and, on Unix, SIGTERM.

/// Installs the SIGINT and SIGTERM handlers now (tokio keeps them for the life of the process),
/// so that a signal arriving while every worker is busy answering is not lost to the default
/// action, which would end the process without a graceful stop.
pub fn register() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        let _ = signal(SignalKind::terminate());
        let _ = signal(SignalKind::interrupt());
    }
}

/// Resolves at the next SIGINT or SIGTERM.
pub async fn next() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        match signal(SignalKind::terminate()) {
            Ok(mut terminate) => {
                tokio::select! {
                    _ = tokio::signal::ctrl_c() => {}
                    _ = terminate.recv() => {}
                }
            }
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}
