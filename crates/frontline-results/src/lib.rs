//! Results that last: every finished encounter as a [`ResultRecord`], kept in
//! a [`ResultStore`] (the embedded [`SqliteStore`] by default), ranked and
//! averaged for the leaderboard / team / progress screens ([`query`]),
//! exported as CSV ([`export_csv`]) or xAPI ([`xapi`]) and merged back from
//! either ([`import`]). Pure Rust, no bevy.
//!
//! # Use (game or CLI)
//! ```no_run
//! use frontline_results::{self as results, Filter, LeaderboardQuery, ResultStore};
//! let (store, warning) = results::open_or_fallback(&results::database_path(None));
//! if let Some(w) = warning { eprintln!("{w}"); } // the game shows this to the player
//! let board = store.leaderboard(&LeaderboardQuery::default())?;
//! let team = store.team_view(&Filter::team("Branch 12"), Some("alice"))?;
//! # Ok::<(), results::StoreError>(())
//! ```

pub mod codec;
pub mod export_csv;
pub mod import;
pub mod query;
pub mod record;
pub mod sqlite;
pub mod store;
pub mod validate;
pub mod xapi;

pub use query::{
    BadDate, Filter, LeaderboardQuery, LeaderboardRow, Metric, NeedAverages, ProgressPoint, RankBy,
    TeamView, parse_date,
};
pub use record::{PlayMeta, ResultRecord, TranscriptStep, scenario_hash};
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
pub fn data_dir(override_dir: Option<PathBuf>) -> PathBuf {
    override_dir
        .or_else(|| {
            std::env::var_os(DATA_ENV)
                .filter(|v| !v.is_empty())
                .map(PathBuf::from)
        })
        .or_else(|| {
            directories::ProjectDirs::from("", "", "frontline").map(|d| d.data_dir().to_path_buf())
        })
        .unwrap_or_else(|| PathBuf::from("frontline-data"))
}

/// The results database file inside [`data_dir`].
pub fn database_path(override_dir: Option<PathBuf>) -> PathBuf {
    data_dir(override_dir).join(DATABASE_FILE)
}
