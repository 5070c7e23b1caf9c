//! Results that last: every finished encounter as a [`ResultRecord`], kept in
//! a [`ResultStore`] (the embedded [`SqliteStore`] by default), ranked and
//! averaged for the leaderboard / team / progress screens ([`query`]),
//! exported as CSV ([`export_csv`]) or xAPI ([`xapi`]) and merged back from
//! either ([`import`]). Pure Rust: no bevy, egui or clap.
//!
//! # Use (game or CLI)
//! ```no_run
//! use frontline_results::{Filter, LeaderboardQuery, ResultStore};
//! let path = frontline_results::database_path(None);
//! let (store, warning) = frontline_results::open_or_fallback(&path);
//! if let Some(w) = warning { eprintln!("{w}"); } // the game shows this to the player
//! let board = store.leaderboard(&LeaderboardQuery::default())?;
//! let me = frontline_results::derived_player_id("Branch 12", "alice");
//! let team = store.team_view(&Filter::team("Branch 12"), Some(me))?;
//! # Ok::<(), frontline_results::StoreError>(())
//! ```

pub mod analytics;
pub mod board_sql;
pub mod codec;
pub mod export_csv;
pub mod import;
pub mod query;
pub mod record;
pub mod simulate;
pub mod sqlite;
pub mod store;
pub mod validate;
pub mod xapi;

pub use query::{
    BadDate, Filter, LeaderboardQuery, LeaderboardRow, Metric, NeedAverages, PlayerEntry,
    ProgressPoint, RankBy, TeamView, next_rank, parse_date,
};
pub use record::{PlayMeta, ResultRecord, TranscriptStep, derived_player_id, scenario_hash};
pub use sqlite::{FallbackWarning, SqliteStore, open_or_fallback};
pub use store::{
    Conflict, ImportReport, ImportSummary, ResultStore, StoreError, Visit, scenarios_training,
};
pub use validate::FieldProblem;

use std::path::PathBuf;

/// Environment variable that overrides where results are kept.
pub const DATA_ENV: &str = "FRONTLINE_DATA";

/// File name of the results database inside the data folder.
pub const DATABASE_FILE: &str = "results.db";

/// The folder results live in: `override_dir` (e.g. `--data-dir`) if given,
/// else `$FRONTLINE_DATA` if set and non-empty, else the platform data folder
/// (`~/.local/share/frontline` on Linux, `%APPDATA%\frontline\data` on
/// Windows, `~/Library/Application Support/frontline` on macOS), else
/// `./frontline-data` when the platform has no home folder.
///
/// This is the one place the data folder is resolved: the CLI, the game's
/// results and its preferences ([`config_dir`]) all go through it.
pub fn data_dir(override_dir: Option<PathBuf>) -> PathBuf {
    chosen_dir(override_dir)
        .or_else(|| project_dirs().map(|d| d.data_dir().to_path_buf()))
        .unwrap_or_else(|| PathBuf::from("frontline-data"))
}

/// The folder for preferences: the chosen data folder (`--data-dir` or
/// `$FRONTLINE_DATA`) when one was chosen, so one folder holds a whole
/// profile; else the platform config folder (`~/.config/frontline` on Linux);
/// `None` when the platform has no home folder (preferences stay in memory).
pub fn config_dir(override_dir: Option<PathBuf>) -> Option<PathBuf> {
    chosen_dir(override_dir).or_else(|| project_dirs().map(|d| d.config_dir().to_path_buf()))
}

/// `--data-dir`, else a non-empty `$FRONTLINE_DATA`.
fn chosen_dir(override_dir: Option<PathBuf>) -> Option<PathBuf> {
    override_dir.or_else(|| {
        std::env::var_os(DATA_ENV)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    })
}

fn project_dirs() -> Option<directories::ProjectDirs> {
    directories::ProjectDirs::from("", "", "frontline")
}

/// The results database file inside [`data_dir`].
pub fn database_path(override_dir: Option<PathBuf>) -> PathBuf {
    data_dir(override_dir).join(DATABASE_FILE)
}
