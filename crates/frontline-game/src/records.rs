//! The game's side of the results store: the core [`ResultStore`] (SQLite by
//! default, see [`frontline_results`]) held as a Bevy resource. Screens query it
//! through [`Records::store`] and cache their views per [`Records::revision`],
//! so the store is read only when a result was added or a filter changed.

use super::toast::Toasts;
use bevy::prelude::*;
use frontline_results::{
    Filter, LeaderboardQuery, Metric, RankBy, ResultRecord, ResultStore, SqliteStore, StoreError,
};
use std::path::PathBuf;

/// The game's results store. Writing goes through [`Records::save`], which
/// bumps the revision the screens' caches key on. With a team server, the
/// leaderboard, team and progress screens read it ([`Records::shared`]) while
/// it is reachable; results are always written here first (the outbox).
#[derive(Resource)]
pub struct Records {
    store: Box<dyn ResultStore>,
    revision: u64,
    server: Option<Box<dyn ResultStore>>,
    connected: bool,
    saves: u64,
}

/// Where the shared screens' data came from.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum DataSource {
    /// This machine's results, and no team server is configured.
    #[default]
    Local,
    /// The team server.
    Server,
    /// This machine's results because the configured server cannot be reached.
    Offline,
}

impl DataSource {
    /// The line a screen shows about its data (`None` without a server).
    pub fn mark(self) -> Option<&'static str> {
        match self {
            DataSource::Local => None,
            DataSource::Server => Some("Team server"),
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
            server: None,
            connected: false,
            saves: 0,
        }
    }

    /// Adds the team server the shared screens read while it is reachable
    /// (offline until [`Records::set_connected`] says otherwise).
    pub fn with_server(mut self, server: Box<dyn ResultStore>) -> Records {
        self.server = Some(server);
        self
    }

    /// Records whether the last exchange with the server worked, or that the
    /// server's data changed (`changed`); either rebuilds the screens.
    pub fn set_connected(&mut self, connected: bool, changed: bool) {
        if self.server.is_some() && (connected != self.connected || changed) {
            self.connected = connected;
            self.revision += 1;
        }
    }

    /// The store the leaderboard, team and progress screens read, and where
    /// its data comes from.
    pub fn shared(&self) -> (&dyn ResultStore, DataSource) {
        match (&self.server, self.connected) {
            (Some(server), true) => (server.as_ref(), DataSource::Server),
            (Some(_), false) => (self.store.as_ref(), DataSource::Offline),
            (None, _) => (self.store.as_ref(), DataSource::Local),
        }
    }

    /// Reads `query` from [`Records::shared`]; when the server fails, from
    /// this machine's results, marked offline.
    pub fn read_shared<V>(
        &self,
        query: impl Fn(&dyn ResultStore) -> Result<V, StoreError>,
    ) -> Result<(V, DataSource), StoreError> {
        let (store, source) = self.shared();
        match query(store) {
            Err(e) if source == DataSource::Server => {
                warn!("team server query failed, showing local results: {e}");
                Ok((query(self.store.as_ref())?, DataSource::Offline))
            }
            answer => answer.map(|v| (v, source)),
        }
    }

    /// A store that forgets everything when the game closes (tests, demos).
    pub fn in_memory() -> Result<Records, StoreError> {
        Ok(Records::new(Box::new(SqliteStore::in_memory()?)))
    }

    /// Stores one finished encounter (one transaction).
    pub fn save(&mut self, record: &ResultRecord) -> Result<(), StoreError> {
        self.store.insert(record)?;
        self.revision += 1;
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

    /// The best overall score `player` reached in `scenario_id`, in any team.
    pub fn best_of(&self, player: &str, scenario_id: &str) -> Result<Option<u8>, StoreError> {
        let rows = self.store.leaderboard(&LeaderboardQuery {
            filter: Filter {
                player: Some(player.to_string()),
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
        let records_file = store.path().map(PathBuf::from);
        if let Some(warning) = warning {
            warn!("results: {warning}");
            app.insert_resource(StoreNotice(Some(warning.to_string())));
        }
        let mut records = Records::new(Box::new(store));
        if let Some(config) = self.server.clone() {
            match records_file {
                Some(file) => records = crate::sync_link::connect(app, records, file, config),
                None => {
                    warn!("results are kept in memory only, so nothing is sent to the team server")
                }
            }
        }
        app.insert_resource(records);
    }
}
