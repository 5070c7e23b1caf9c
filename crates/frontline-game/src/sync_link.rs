//! The game's link to the team server (when one is configured): a
//! background thread sends the outbox at start, after each saved result and
//! every [`RETRY_EVERY`] while results wait ([`frontline_sync::BackgroundSync`]);
//! a system picks its status up without waiting, so no frame ever waits for
//! the network. The status feeds the title screen's "N results waiting to
//! sync" line and tells [`Records`] whether the shared screens read the server.
//! Those screens' queries run on a second thread
//! ([`crate::server_reads::ServerReads`]), whose answers the same system
//! collects.

use crate::ordering::AppSystems;
use crate::records::Records;
use bevy::prelude::*;
use frontline_sync::{BackgroundSync, Client, RemoteStore, ServerConfig, SyncStatus};
use std::path::PathBuf;
use std::time::Duration;

/// How often the background thread tries again while results wait.
pub const RETRY_EVERY: Duration = Duration::from_secs(30);

/// Timeout of the shared screens' queries to the server (on their thread):
/// how long a screen may show "loading" before it falls back to this
/// machine's results marked offline.
pub const QUERY_TIMEOUT: Duration = Duration::from_secs(2);

/// The sync thread and its latest status (no thread without a server).
#[derive(Resource, Default)]
pub struct SyncLink {
    thread: Option<BackgroundSync>,
    /// The last status the thread reported.
    pub status: Option<SyncStatus>,
    saves_seen: u64,
    /// Saves the thread had been told about when it last reported.
    saves_reported: u64,
}

impl SyncLink {
    /// "3 results waiting to sync", when any wait.
    pub fn waiting_line(&self) -> Option<String> {
        self.status.as_ref().and_then(SyncStatus::waiting_line)
    }
}

/// Connects `records` to the server of `config` and starts syncing the
/// database at `db_path`. Returns the records to insert.
pub fn connect(app: &mut App, records: Records, db_path: PathBuf, config: ServerConfig) -> Records {
    info!("team server: {}", config.url);
    let queries = Client::new(ServerConfig {
        timeout: QUERY_TIMEOUT.min(config.timeout),
        ..config.clone()
    });
    let thread = BackgroundSync::start(db_path, Client::new(config), RETRY_EVERY);
    app.insert_resource(SyncLink {
        thread: Some(thread),
        ..SyncLink::default()
    })
    .add_systems(
        Update,
        (poll, sync_after_save).in_set(AppSystems::ApplyIntents),
    );
    records.with_server(RemoteStore::new(queries))
}

/// Takes the server's answers for the screens and the sync thread's newest
/// status, if any, without waiting. A status after a save, or with a
/// different number of waiting results, means the server's data changed.
fn poll(mut link: ResMut<SyncLink>, mut records: ResMut<Records>) {
    records.collect_server_answers();
    let Some(status) = link.thread.as_mut().and_then(BackgroundSync::poll) else {
        return;
    };
    let data_changed = link.saves_reported != link.saves_seen
        || link
            .status
            .as_ref()
            .is_none_or(|old| old.pending != status.pending);
    records.set_connected(status.connected, data_changed);
    link.saves_reported = link.saves_seen;
    link.status = Some(status);
}

/// Wakes the thread when a result was saved.
fn sync_after_save(mut link: ResMut<SyncLink>, records: Res<Records>) {
    if records.saves() != link.saves_seen {
        link.saves_seen = records.saves();
        if let Some(thread) = &link.thread {
            thread.sync_now();
        }
    }
}
