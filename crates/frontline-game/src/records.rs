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
/// bumps the revision the screens' caches key on.
#[derive(Resource)]
pub struct Records {
    store: Box<dyn ResultStore>,
    revision: u64,
}

impl Records {
    /// Wraps a store.
    pub fn new(store: Box<dyn ResultStore>) -> Records {
        Records { store, revision: 0 }
    }

    /// A store that forgets everything when the game closes (tests, demos).
    pub fn in_memory() -> Result<Records, StoreError> {
        Ok(Records::new(Box::new(SqliteStore::in_memory()?)))
    }

    /// Stores one finished encounter (one transaction).
    pub fn save(&mut self, record: &ResultRecord) -> Result<(), StoreError> {
        self.store.insert(record)?;
        self.revision += 1;
        Ok(())
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
}

impl Plugin for RecordsPlugin {
    fn build(&self, app: &mut App) {
        if app.world().contains_resource::<Records>() {
            return;
        }
        let path = frontline_results::database_path(self.data_dir.clone());
        let (store, warning) = frontline_results::open_or_fallback(&path);
        info!("results: {}", store.path().unwrap_or(&path).display());
        if let Some(warning) = warning {
            warn!("results: {warning}");
            app.insert_resource(StoreNotice(Some(warning.to_string())));
        }
        app.insert_resource(Records::new(Box::new(store)));
    }
}
