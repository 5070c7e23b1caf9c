//! The game's side of the results store: the core [`ResultStore`] (SQLite by
//! default, see [`frontline_results`]) held as a Bevy resource. Screens query it
//! through [`Records::store`] and cache their views per [`Records::revision`],
//! so the store is read only when a result was added or a filter changed.
//!
//! When a learning record store is configured (`lrs.ron` in the config
//! folder or the `FRONTLINE_LRS_*` variables, see `frontline lrs push`), each
//! saved result is also forwarded to it by a background thread
//! ([`frontline_lrs::Forwarder`]): saving only sends a message on a channel,
//! and [`report_forwarding`] reads the thread's reports with `try_recv`, so
//! no frame ever waits for the network.

use super::toast::Toasts;
use crate::server_reads::{ServerAnswer, ServerReads};
use bevy::prelude::*;
use frontline_lrs::{ForwardEvent, Forwarder};
use frontline_results::{
    FieldProblem, Filter, LeaderboardQuery, Metric, RankBy, ResultRecord, ResultStore, SqliteStore,
    StoreError,
};
use std::path::PathBuf;
use uuid::Uuid;

/// The game's results store. Writing goes through [`Records::save`], which
/// bumps the revision the screens' caches key on. With a team server, the
/// leaderboard, team and progress screens read it ([`Records::read_shared`],
/// on a background thread) while it is reachable; results are always written
/// here first (the outbox).
#[derive(Resource)]
pub struct Records {
    store: Box<dyn ResultStore>,
    revision: u64,
    forwarder: Option<Forwarder>,
    server: Option<ServerReads>,
    /// What the sync thread last said (`None`: it has not reported yet).
    connected: Option<bool>,
    saves: u64,
}

/// Why a result was not saved.
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    /// The result breaks the rules every stored result follows (see
    /// [`ResultRecord::validate`]); nothing was written.
    #[error("it is not a valid result ({})", list(.0))]
    Invalid(Vec<FieldProblem>),
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

fn list(problems: &[FieldProblem]) -> String {
    let each: Vec<String> = problems.iter().map(ToString::to_string).collect();
    each.join("; ")
}

/// Where the shared screens' data came from.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum DataSource {
    /// This machine's results, and no team server is configured.
    #[default]
    Local,
    /// The team server.
    Server,
    /// This machine's results while the team server's answer is on its way.
    Loading,
    /// This machine's results because the configured server cannot be reached.
    Offline,
}

impl DataSource {
    /// The line a screen shows about its data (`None` without a server).
    pub fn mark(self) -> Option<&'static str> {
        match self {
            DataSource::Local => None,
            DataSource::Server => Some("Team server"),
            DataSource::Loading => {
                Some("Loading the team server's results; showing this computer's meanwhile")
            }
            DataSource::Offline => {
                Some("Offline: the team server cannot be reached, showing this computer's results")
            }
        }
    }
}

impl Records {
    /// Wraps a store.
    pub fn new(store: Box<dyn ResultStore>) -> Records {
        Records {
            store,
            revision: 0,
            forwarder: None,
            server: None,
            connected: None,
            saves: 0,
        }
    }

    /// Forwards every saved result to a learning record store from now on.
    pub fn forward_to(&mut self, forwarder: Forwarder) {
        self.forwarder = Some(forwarder);
    }

    /// Adds the team server the shared screens read while it is reachable;
    /// its queries run on a background thread ([`ServerReads`]).
    pub fn with_server(mut self, server: frontline_sync::RemoteStore) -> Records {
        self.server = Some(ServerReads::start(server));
        self
    }

    /// Records whether the last exchange with the server worked, or that the
    /// server's data changed (`changed`); either drops the server's answers
    /// and rebuilds the screens.
    pub fn set_connected(&mut self, connected: bool, changed: bool) {
        let Some(server) = &mut self.server else {
            return;
        };
        if self.connected != Some(connected) || changed {
            self.connected = Some(connected);
            server.forget();
            self.revision += 1;
        }
    }

    /// Picks up the server's answers that arrived (never waits); the screens
    /// rebuild when any did. Run every frame.
    pub fn collect_server_answers(&mut self) {
        if self.server.as_mut().is_some_and(ServerReads::collect) {
            self.revision += 1;
        }
    }

    /// The answer to `query` for the leaderboard, team and progress screens,
    /// and where it came from. Without a server: this machine's results.
    /// With one: the server's answer once it has arrived; until then (and
    /// when the server cannot answer) this machine's results, marked
    /// loading (or offline). `key` names the query and its inputs (equal keys
    /// must mean equal queries). Never waits for the network.
    pub fn read_shared<V, Q>(&self, key: &str, query: Q) -> Result<(V, DataSource), StoreError>
    where
        V: Clone + Send + Sync + 'static,
        Q: Fn(&dyn ResultStore) -> Result<V, StoreError> + Clone + Send + 'static,
    {
        let local = |source| query(self.store.as_ref()).map(|v| (v, source));
        let Some(server) = &self.server else {
            return local(DataSource::Local);
        };
        if self.connected == Some(false) {
            return local(DataSource::Offline);
        }
        match server.read(key, query.clone()) {
            ServerAnswer::Ready(value) => Ok((value, DataSource::Server)),
            ServerAnswer::Loading => local(DataSource::Loading),
            ServerAnswer::Failed => local(DataSource::Offline),
        }
    }

    /// A store that forgets everything when the game closes (tests, demos).
    pub fn in_memory() -> Result<Records, StoreError> {
        Ok(Records::new(Box::new(SqliteStore::in_memory()?)))
    }

    /// Checks one finished encounter against the result rules, stores it
    /// (one transaction) and wakes the forwarder, if any. An invalid result
    /// is not stored.
    pub fn save(&mut self, record: &ResultRecord) -> Result<(), SaveError> {
        record.validate().map_err(SaveError::Invalid)?;
        self.store.insert(record)?;
        self.revision += 1;
        if let Some(forwarder) = &self.forwarder {
            forwarder.notify();
        }
        self.saves += 1;
        Ok(())
    }

    /// Results saved since the game started (wakes the sync thread).
    pub fn saves(&self) -> u64 {
        self.saves
    }

    /// The store, for the screens' queries.
    pub fn store(&self) -> &dyn ResultStore {
        self.store.as_ref()
    }

    /// Changes whenever a result is saved.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// The best overall score the player with id `player_id` reached in
    /// `scenario_id`, in any team and under any name.
    pub fn best_of(&self, player_id: Uuid, scenario_id: &str) -> Result<Option<u8>, StoreError> {
        let rows = self.store.leaderboard(&LeaderboardQuery {
            filter: Filter {
                player_id: Some(player_id),
                scenario: Some(scenario_id.to_string()),
                ..Filter::default()
            },
            by: RankBy::Player,
            metric: Metric::Best,
            limit: None,
        })?;
        Ok(rows.iter().map(|r| r.best).max())
    }
}

/// A query's answer, or `V::default()` after telling the player why the
/// results could not be read (the screen then shows its empty state).
pub fn or_report<V: Default>(answer: Result<V, StoreError>, toasts: &mut Toasts) -> V {
    answer.unwrap_or_else(|e| {
        warn!("results query failed: {e}");
        toasts.push_error(format!("Could not read the results: {e}"));
        V::default()
    })
}

/// A warning about the results store the title screen shows (e.g. the file
/// was damaged and results now go to a fresh file).
#[derive(Resource, Clone, Debug, Default, PartialEq, Eq)]
pub struct StoreNotice(pub Option<String>);

/// Plugin: opens the results database (`results.db` under `--data-dir`,
/// `$FRONTLINE_DATA` or the platform data folder). A damaged file is left
/// untouched, results go to a fresh file beside it, and the title screen
/// tells the player so.
pub struct RecordsPlugin {
    /// `--data-dir`.
    pub data_dir: Option<PathBuf>,
    /// The team server, when one is configured (see [`crate::sync_link`]).
    pub server: Option<frontline_sync::ServerConfig>,
}

impl Plugin for RecordsPlugin {
    fn build(&self, app: &mut App) {
        if app.world().contains_resource::<Records>() {
            return;
        }
        let path = frontline_results::database_path(self.data_dir.clone());
        let (store, warning) = frontline_results::open_or_fallback(&path);
        info!("results: {}", store.path().unwrap_or(&path).display());
        let database = store.path().map(PathBuf::from);
        if let Some(warning) = warning {
            warn!("results: {warning}");
            app.insert_resource(StoreNotice(Some(warning.to_string())));
        }
        let mut records = Records::new(Box::new(store));
        let config_dir = frontline_results::config_dir(self.data_dir.clone());
        match frontline_lrs::resolve(Default::default(), config_dir.as_deref()) {
            Ok(config) => match database.clone() {
                Some(db) => {
                    info!("results are forwarded to the LRS {}", config.endpoint);
                    records.forward_to(Forwarder::spawn(config, db));
                }
                None => warn!("results live only in memory: nothing is forwarded to the LRS"),
            },
            Err(frontline_lrs::ConfigError::NotConfigured(_)) => {}
            Err(e) => warn!("results are not forwarded: {e}"),
        }
        if let Some(config) = self.server.clone() {
            match database.clone() {
                Some(file) => records = crate::sync_link::connect(app, records, file, config),
                None => {
                    warn!("results are kept in memory only, so nothing is sent to the team server")
                }
            }
        }
        app.insert_resource(records)
            .add_systems(Update, report_forwarding);
    }
}

/// Logs what the forwarding thread reports (never waits for it); the
/// first failure in a row is also shown to the player.
pub fn report_forwarding(
    records: Res<Records>,
    mut toasts: Option<ResMut<Toasts>>,
    mut failing: Local<bool>,
) {
    let Some(forwarder) = &records.forwarder else {
        return;
    };
    while let Some(event) = forwarder.poll() {
        match event {
            ForwardEvent::Pushed {
                delivered,
                rejected,
            } => {
                *failing = false;
                if delivered + rejected > 0 {
                    info!("LRS: {delivered} results delivered, {rejected} refused");
                }
                if let (true, Some(toasts)) = (rejected > 0, toasts.as_mut()) {
                    toasts.push_error(format!(
                        "The learning record store refused {rejected} results; `frontline lrs status` lists them"
                    ));
                }
            }
            ForwardEvent::Failed(why) => {
                warn!("LRS: {why}");
                if let (false, Some(toasts)) = (*failing, toasts.as_mut()) {
                    toasts.push_error(format!(
                        "Results could not be sent to the learning record store yet; they are kept and sent later ({why})"
                    ));
                }
                *failing = true;
            }
        }
    }
}
