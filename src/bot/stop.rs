//! The stop signal every part of the running bot listens to.

use tokio::sync::watch;

/// Set once, when the bot is asked to stop; every clone sees it.
#[derive(Debug, Clone)]
pub struct Stop(watch::Receiver<bool>);

/// Sets the [`Stop`] it was made with.
#[derive(Debug)]
pub struct StopSwitch(watch::Sender<bool>);

/// A new, unset stop signal and its switch.
pub fn stop_signal() -> (StopSwitch, Stop) {
    let (switch, stop) = watch::channel(false);
    (StopSwitch(switch), Stop(stop))
}

impl StopSwitch {
    pub fn set(&self) {
        self.0.send_replace(true);
    }
}

impl Stop {
    pub fn is_set(&self) -> bool {
        *self.0.borrow()
    }

    /// Returns once the stop is set (at once if it already is, or if its switch is gone).
    pub async fn wait(&self) {
        let mut stop = self.0.clone();
        let _ = stop.wait_for(|set| *set).await;
    }

    /// Sleeps for `duration` unless the stop comes first; true when the sleep was complete.
    pub async fn sleep(&self, duration: std::time::Duration) -> bool {
        tokio::select! {
            _ = tokio::time::sleep(duration) => true,
            _ = self.wait() => false,
        }
    }
}
