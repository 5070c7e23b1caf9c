//! Syncing on a background thread, for the game: the thread sends the
//! outbox at start, whenever [`BackgroundSync::sync_now`] is called (after
//! each saved result) and every `retry_every` while results wait. The game
//! picks up [`SyncStatus`] updates with [`BackgroundSync::poll`], which never
//! waits, so a slow or absent server never holds up a frame.

use crate::client::Client;
use crate::outbox::{MAX_BATCH_RECORDS, sync_outbox};
use frontline_results::SqliteStore;
use std::path::PathBuf;
use std::sync::Mutex;
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, channel};
use std::time::Duration;

/// What the game shows about syncing.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SyncStatus {
    /// Results waiting to be sent.
    pub pending: u64,
    /// Results the server refused for good (see `frontline sync --status`).
    pub rejected: u64,
    /// The last exchange with the server worked.
    pub connected: bool,
    /// Why the last run failed, when it did.
    pub problem: Option<String>,
}

impl SyncStatus {
    /// "3 results waiting to sync" (`None` when nothing waits).
    pub fn waiting_line(&self) -> Option<String> {
        match self.pending {
            0 => None,
            1 => Some("1 result waiting to sync".into()),
            n => Some(format!("{n} results waiting to sync")),
        }
    }
}

/// Handle of the background sync thread; dropping it ends the thread after
/// its current run.
pub struct BackgroundSync {
    wake: Sender<()>,
    /// In a mutex only so the handle is `Sync` (a game resource); polling
    /// takes `&mut self` and never locks.
    updates: Mutex<Receiver<SyncStatus>>,
}

impl BackgroundSync {
    /// Starts the thread over the database at `db_path` (its own connection;
    /// SQLite lets the game write meanwhile) and the server behind `client`.
    pub fn start(db_path: PathBuf, client: Client, retry_every: Duration) -> BackgroundSync {
        let (wake, wakes) = channel();
        let (report, updates) = channel();
        std::thread::Builder::new()
            .name("frontline-sync".into())
            .spawn(move || run(db_path, client, retry_every, wakes, report))
            .map(|_| ())
            .unwrap_or_else(|e| eprintln!("warning: cannot start syncing: {e}"));
        BackgroundSync {
            wake,
            updates: Mutex::new(updates),
        }
    }

    /// Asks for a run as soon as the current one ends (never waits).
    pub fn sync_now(&self) {
        let _ = self.wake.send(());
    }

    /// The newest status since the last poll, without waiting.
    pub fn poll(&mut self) -> Option<SyncStatus> {
        let updates = self.updates.get_mut().unwrap_or_else(|p| p.into_inner());
        let mut newest = None;
        while let Ok(status) = updates.try_recv() {
            newest = Some(status);
        }
        newest
    }
}

fn run(
    db_path: PathBuf,
    client: Client,
    retry_every: Duration,
    wakes: Receiver<()>,
    report: Sender<SyncStatus>,
) {
    loop {
        let status = once(&db_path, &client);
        if report.send(status).is_err() {
            return;
        }
        match wakes.recv_timeout(retry_every) {
            Ok(()) | Err(RecvTimeoutError::Timeout) => while wakes.try_recv().is_ok() {},
            Err(RecvTimeoutError::Disconnected) => return,
        }
    }
}

/// One run: open the store, send what waits, count what is left.
fn once(db_path: &std::path::Path, client: &Client) -> SyncStatus {
    let store = match SqliteStore::open(db_path) {
        Ok(store) => store,
        Err(e) => {
            return SyncStatus {
                problem: Some(e.to_string()),
                ..SyncStatus::default()
            };
        }
    };
    let failed = |e: &dyn std::fmt::Display| SyncStatus {
        pending: store.pending_count().unwrap_or(0),
        problem: Some(e.to_string()),
        ..SyncStatus::default()
    };
    let report = match sync_outbox(&store, client, MAX_BATCH_RECORDS) {
        Ok(report) => report,
        Err(e) => return failed(&e),
    };
    let rejected = store.outbox_counts().map_or(0, |c| c.rejected);
    SyncStatus {
        pending: report.pending,
        rejected,
        connected: report.stopped.is_none(),
        problem: report.stopped.map(|e| e.to_string()),
    }
}
