//! Forwarding in the background: the process that owns the results (the game
//! on a stand-alone machine) tells a [`Forwarder`] after each save, and a
//! thread of its own pushes whatever is pending (see [`crate::push`]), so
//! the caller never waits for the network. Notifications that arrive while a
//! push runs are folded into the next one; a failed push is tried again at
//! the next notification, or after a pause.

use crate::client::Client;
use crate::config::LrsConfig;
use crate::push::{Push, PushError, PushOptions, PushReport};
use frontline_results::SqliteStore;
use std::path::PathBuf;
use std::sync::Mutex;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender, TryRecvError};
use std::time::Duration;

/// How long the thread waits before trying again after a failed push.
pub const RETRY_AFTER: Duration = Duration::from_secs(60);

/// What the forwarding thread reports back (read with [`Forwarder::poll`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ForwardEvent {
    /// A push finished: results delivered and rejected by it.
    Pushed {
        /// Results the LRS now holds.
        delivered: usize,
        /// Results it refused.
        rejected: usize,
    },
    /// A push stopped early; it is tried again later.
    Failed(String),
}

/// The handle of the forwarding thread. Dropping it ends the thread after
/// the push in progress, if any.
pub struct Forwarder {
    wake: Sender<()>,
    /// Behind a mutex only so the handle can be shared (e.g. a Bevy resource).
    events: Mutex<Receiver<ForwardEvent>>,
}

impl Forwarder {
    /// Starts the thread for the database at `database` (it opens its own
    /// connection) and pushes once at start for anything left over.
    pub fn spawn(config: LrsConfig, database: PathBuf) -> Forwarder {
        let (wake, woken) = mpsc::channel();
        let (report, events) = mpsc::channel();
        let on_failure = report.clone();
        let started = std::thread::Builder::new()
            .name("frontline-lrs-forward".into())
            .spawn(move || forward_loop(&config, &database, &woken, &report));
        if let Err(e) = started {
            // Nothing is forwarded then; `frontline lrs push` still works.
            let why = format!("cannot start the forwarding thread: {e}");
            let _ = on_failure.send(ForwardEvent::Failed(why));
        }
        let _ = wake.send(());
        Forwarder {
            wake,
            events: Mutex::new(events),
        }
    }

    /// Says a result was saved. Never blocks.
    pub fn notify(&self) {
        let _ = self.wake.send(());
    }

    /// The next report from the thread, if one is waiting. Never blocks.
    pub fn poll(&self) -> Option<ForwardEvent> {
        self.events.lock().ok()?.try_recv().ok()
    }
}

fn forward_loop(
    config: &LrsConfig,
    database: &std::path::Path,
    woken: &Receiver<()>,
    report: &Sender<ForwardEvent>,
) {
    let client = Client::new(config);
    let options = PushOptions {
        attempts: 3,
        ..PushOptions::default()
    };
    let mut retry_at: Option<Duration> = None;
    // Opened at the first push and kept: opening may run a full integrity check.
    let mut store = None;
    loop {
        let wait = match retry_at {
            Some(pause) => woken.recv_timeout(pause),
            None => woken.recv().map_err(|_| RecvTimeoutError::Disconnected),
        };
        if let Err(RecvTimeoutError::Disconnected) = wait {
            return;
        }
        // Fold every notification that came in meanwhile into this push.
        loop {
            match woken.try_recv() {
                Ok(()) => continue,
                Err(TryRecvError::Empty) => break,
                Err(TryRecvError::Disconnected) => return,
            }
        }
        let event = match push_once(&client, config, database, &mut store, &options) {
            Ok(done) => {
                retry_at = None;
                ForwardEvent::Pushed {
                    delivered: done.delivered,
                    rejected: done.rejected.len(),
                }
            }
            Err(e) => {
                retry_at = Some(RETRY_AFTER);
                ForwardEvent::Failed(e.to_string())
            }
        };
        if report.send(event).is_err() {
            return;
        }
    }
}

fn push_once(
    client: &Client,
    config: &LrsConfig,
    database: &std::path::Path,
    store: &mut Option<SqliteStore>,
    options: &PushOptions,
) -> Result<PushReport, PushError> {
    let store = match store {
        Some(open) => open,
        None => store.insert(SqliteStore::open(database)?),
    };
    Push::new(store, client, &config.endpoint)
        .options(options.clone())
        .run(&mut |_| {})
}
