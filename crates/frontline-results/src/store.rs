//! The storage interface. [`super::SqliteStore`] is the embedded default; a
//! shared team-server backend implements the same trait.

use super::import::ImportError;
use super::query::{
    Filter, LeaderboardQuery, LeaderboardRow, NeedAverages, PlayerEntry, ProgressPoint, TeamView,
};
use super::record::ResultRecord;
use frontline_core::needs::Need;
use frontline_core::scenario::Scenario;
use std::path::PathBuf;
use uuid::Uuid;

/// Why the store failed. Every variant's message is meant for the player or
/// trainer, naming the file and what to do.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The file exists but is not a SQLite database at all.
    #[error(
        "{path} is not a results database (it does not start with the SQLite header); it was left untouched"
    )]
    NotADatabase {
        /// The file.
        path: PathBuf,
    },
    /// The file is a SQLite database that fails its integrity check.
    #[error("the results database {path} is damaged ({detail}); it was left untouched")]
    Corrupt {
        /// The file.
        path: PathBuf,
        /// What SQLite reported.
        detail: String,
    },
    /// The file or its folder cannot be read or created.
    #[error("cannot open the results database {path}: {detail}")]
    Unreadable {
        /// The file.
        path: PathBuf,
        /// The operating system's or SQLite's reason.
        detail: String,
    },
    /// The database was written by a newer Frontline.
    #[error(
        "the results database {path} has schema version {found}, newer than this build understands ({supported}); update Frontline"
    )]
    TooNew {
        /// The file.
        path: PathBuf,
        /// Its `user_version`.
        found: i64,
        /// The newest version this build knows.
        supported: i64,
    },
    /// Another process held the database locked for longer than the retries allow.
    #[error("the results database stayed busy (another Frontline is writing); try again")]
    Busy,
    /// A stored row could not be read back as a result.
    #[error("stored result {id} is unreadable: {detail}")]
    BadRow {
        /// The row's id.
        id: String,
        /// What is wrong.
        detail: String,
    },
    /// An import had problems, so its transaction was rolled back.
    #[error("the import has problems; nothing of it was stored")]
    ImportRejected(Box<ImportReport>),
    /// Writing an export failed.
    #[error("cannot write: {0}")]
    Write(#[from] std::io::Error),
    /// Any other error of the storage backend (SQLite, a server, ...). The
    /// trait names no backend's types, so a new backend needs no change here;
    /// each backend converts its own errors (see `sqlite::backend_error`).
    #[error("results database error: {0}")]
    Backend(Box<dyn std::error::Error + Send + Sync>),
}

/// What [`ResultStore::import`] did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportSummary {
    /// Results that were new and are now stored.
    pub added: usize,
    /// Results already present with the same content (same id), left as they were.
    pub already_present: usize,
    /// Results whose id is stored with different content: the stored one is
    /// kept and the difference reported here, never silently dropped.
    pub conflicts: Vec<Conflict>,
}

/// An imported result whose id is already stored with different content.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Conflict {
    /// The result id.
    pub id: Uuid,
    /// The fields that differ (`["overall", "grade"]`), or
    /// `["stored row unreadable"]` when the stored one cannot be read.
    pub fields: Vec<&'static str>,
}

/// What [`ResultStore::import_stream`] did: committed only when `problems`
/// is empty (and `more_problems` is 0); otherwise nothing was stored.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportReport {
    /// What was stored (all zero when there were problems).
    pub summary: ImportSummary,
    /// The first [`MAX_REPORTED_PROBLEMS`] problems of the file.
    pub problems: Vec<ImportError>,
    /// How many further problems were found but not listed.
    pub more_problems: usize,
}

/// How many problems of one import are listed one by one.
pub const MAX_REPORTED_PROBLEMS: usize = 50;

/// What the export loop does after one stored result: go on or stop.
pub type Visit<'a> = dyn FnMut(Result<ResultRecord, StoreError>) -> std::io::Result<()> + 'a;

/// Where results are kept. Methods take `&self` so one store can be shared
/// (e.g. as a Bevy resource); implementations are `Send + Sync`.
pub trait ResultStore: Send + Sync {
    /// Stores one result in one transaction. Returns false (and changes
    /// nothing) when a result with this id is already stored.
    fn insert(&self, record: &ResultRecord) -> Result<bool, StoreError>;

    /// Merges many results in one transaction, keeping any already stored.
    fn import(&self, records: &[ResultRecord]) -> Result<ImportSummary, StoreError>;

    /// Merges a stream of read results in one transaction, reading to the
    /// end to report every problem (see [`ImportReport`]); when there is any,
    /// the transaction is rolled back and nothing of the stream is stored.
    fn import_stream(
        &self,
        records: &mut dyn Iterator<Item = Result<ResultRecord, Vec<ImportError>>>,
    ) -> Result<ImportReport, StoreError>;

    /// Calls `visit` with each result matching `filter`, oldest first, one
    /// at a time (memory stays flat): a row that cannot be read comes as
    /// `Err(StoreError::BadRow)` and the rows after it still follow. An I/O
    /// error from `visit` stops the walk and is returned.
    fn for_each(&self, filter: &Filter, visit: &mut Visit<'_>) -> Result<(), StoreError>;

    /// The result with this id.
    fn get(&self, id: Uuid) -> Result<Option<ResultRecord>, StoreError>;

    /// Results matching `filter`, oldest first, with their transcripts.
    fn list(&self, filter: &Filter) -> Result<Vec<ResultRecord>, StoreError>;

    /// Number of results matching `filter`.
    fn count(&self, filter: &Filter) -> Result<u64, StoreError>;

    /// Ranked rows, best first.
    fn leaderboard(&self, query: &LeaderboardQuery) -> Result<Vec<LeaderboardRow>, StoreError>;

    /// Mean per need over the results matching `filter`.
    fn need_averages(&self, filter: &Filter) -> Result<NeedAverages, StoreError>;

    /// A player's results, oldest first, for the progress chart
    /// (`filter.player_id` must be set; the other fields narrow further).
    fn progress(&self, filter: &Filter) -> Result<Vec<ProgressPoint>, StoreError>;

    /// Distinct scenario ids with at least one result matching `filter`, sorted.
    fn played_scenarios(&self, filter: &Filter) -> Result<Vec<String>, StoreError>;

    /// All team names, sorted.
    fn teams(&self) -> Result<Vec<String>, StoreError>;

    /// The players (of one team when given): one entry per team and player
    /// id with the newest name they played under, sorted by name, then team
    /// and id (two people called Sam are two entries).
    fn players(&self, team: Option<&str>) -> Result<Vec<PlayerEntry>, StoreError>;

    /// The team screen: `filter.team`'s means, the overlay of the player with
    /// id `player` over the same period and scenarios, and the team's weakest need.
    fn team_view(&self, filter: &Filter, player: Option<Uuid>) -> Result<TeamView, StoreError> {
        let team_averages = self.need_averages(filter)?;
        let player_averages = match player {
            Some(id) => Some(self.need_averages(&Filter {
                player_id: Some(id),
                ..filter.clone()
            })?),
            None => None,
        };
        Ok(TeamView::new(filter, team_averages, player_averages))
    }

    /// The ids in `all_ids` (kept in that order, e.g. the curriculum's) that
    /// have no result matching `filter` (usually `Filter::player_id(..)`).
    fn unplayed(&self, filter: &Filter, all_ids: &[String]) -> Result<Vec<String>, StoreError> {
        let played = self.played_scenarios(filter)?;
        Ok(all_ids
            .iter()
            .filter(|id| played.binary_search(id).is_err())
            .cloned()
            .collect())
    }
}

/// Ids of the scenarios that train `need` (some choice changes it), the ones
/// with the most such choices first; ties keep the given order.
pub fn scenarios_training<'a>(
    need: Need,
    scenarios: impl IntoIterator<Item = &'a Scenario>,
) -> Vec<String> {
    let mut found: Vec<(usize, String)> = scenarios
        .into_iter()
        .map(|s| (choices_touching(s, need), s.id.clone()))
        .filter(|(n, _)| *n > 0)
        .collect();
    found.sort_by_key(|(n, _)| std::cmp::Reverse(*n));
    found.into_iter().map(|(_, id)| id).collect()
}

fn choices_touching(scenario: &Scenario, need: Need) -> usize {
    use frontline_core::scenario::Node;
    scenario
        .nodes
        .values()
        .map(|node| match node {
            Node::Line { choices, .. } => choices
                .iter()
                .filter(|c| c.needs.get(&need).is_some_and(|&e| e != 0))
                .count(),
            _ => 0,
        })
        .sum()
}
