//! [`RemoteStore`]: the [`ResultStore`] queries answered by the team server,
//! so the game's leaderboard, team and progress screens can show the whole
//! team's data. The API has no endpoint to list, walk or fetch single
//! results or to import; those methods fail with [`Unsupported`].

use crate::client::{ApiError, Client};
use frontline_results::import::ImportError;
use frontline_results::store::{ImportReport, Visit};
use frontline_results::{
    Filter, ImportSummary, LeaderboardQuery, LeaderboardRow, NeedAverages, PlayerEntry,
    ProgressPoint, ResultRecord, ResultStore, StoreError, TeamView,
};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// A store method the team server's API does not offer.
#[derive(Debug, thiserror::Error, Clone, PartialEq, Eq)]
#[error(
    "the team server does not offer {0}; it is only available from this machine's own results (frontline scores / export without --server)"
)]
pub struct Unsupported(pub &'static str);

/// The team server as a read-mostly [`ResultStore`].
#[derive(Clone, Debug)]
pub struct RemoteStore {
    client: Client,
}

#[derive(Deserialize)]
struct Count {
    count: u64,
}

#[derive(Serialize)]
struct TeamViewQuery<'a> {
    filter: &'a Filter,
    player_id: Option<Uuid>,
}

impl RemoteStore {
    /// Queries go through `client`.
    pub fn new(client: Client) -> RemoteStore {
        RemoteStore { client }
    }

    /// The client in use.
    pub fn client(&self) -> &Client {
        &self.client
    }

    fn query<B: Serialize + ?Sized, T: serde::de::DeserializeOwned>(
        &self,
        what: &str,
        body: &B,
    ) -> Result<T, StoreError> {
        self.client
            .post(&format!("/api/v1/query/{what}"), body)
            .map_err(backend)
    }
}

/// An API error as the store's neutral error.
pub fn backend(e: ApiError) -> StoreError {
    StoreError::Backend(Box::new(e))
}

fn unsupported<T>(what: &'static str) -> Result<T, StoreError> {
    Err(StoreError::Backend(Box::new(Unsupported(what))))
}

impl ResultStore for RemoteStore {
    /// `POST /api/v1/results`: true when stored, false when already there;
    /// a conflict, invalid record or other team's result is an error.
    fn insert(&self, record: &ResultRecord) -> Result<bool, StoreError> {
        let json = serde_json::to_vec(record).map_err(|e| StoreError::Backend(Box::new(e)))?;
        let answer = self
            .client
            .post_raw("/api/v1/results", &json)
            .map_err(backend)?;
        match answer.status {
            201 => Ok(true),
            200 => Ok(false),
            status => {
                let body: serde_json::Value =
                    serde_json::from_str(&answer.body).unwrap_or_default();
                let text = |k: &str| body[k].as_str().unwrap_or_default().to_string();
                Err(backend(ApiError::Refused {
                    status,
                    code: text("error"),
                    message: text("message"),
                }))
            }
        }
    }

    fn import(&self, _records: &[ResultRecord]) -> Result<ImportSummary, StoreError> {
        unsupported("importing (sync the local results instead: frontline sync)")
    }

    fn import_stream(
        &self,
        _records: &mut dyn Iterator<Item = Result<ResultRecord, Vec<ImportError>>>,
    ) -> Result<ImportReport, StoreError> {
        unsupported("importing (sync the local results instead: frontline sync)")
    }

    fn for_each(&self, _filter: &Filter, _visit: &mut Visit<'_>) -> Result<(), StoreError> {
        unsupported("walking through every result")
    }

    fn get(&self, _id: Uuid) -> Result<Option<ResultRecord>, StoreError> {
        unsupported("reading a single result")
    }

    fn list(&self, _filter: &Filter) -> Result<Vec<ResultRecord>, StoreError> {
        unsupported("listing results with their transcripts")
    }

    fn count(&self, filter: &Filter) -> Result<u64, StoreError> {
        self.query::<_, Count>("count", filter).map(|c| c.count)
    }

    fn leaderboard(&self, query: &LeaderboardQuery) -> Result<Vec<LeaderboardRow>, StoreError> {
        self.query("leaderboard", query)
    }

    fn need_averages(&self, filter: &Filter) -> Result<NeedAverages, StoreError> {
        self.query("need-averages", filter)
    }

    fn progress(&self, filter: &Filter) -> Result<Vec<ProgressPoint>, StoreError> {
        self.query("progress", filter)
    }

    fn played_scenarios(&self, filter: &Filter) -> Result<Vec<String>, StoreError> {
        self.query("played", filter)
    }

    fn teams(&self) -> Result<Vec<String>, StoreError> {
        self.client.get("/api/v1/teams", &[]).map_err(backend)
    }

    fn players(&self, team: Option<&str>) -> Result<Vec<PlayerEntry>, StoreError> {
        let query: Vec<(&str, &str)> = team.map(|t| ("team", t)).into_iter().collect();
        self.client.get("/api/v1/players", &query).map_err(backend)
    }

    fn team_view(&self, filter: &Filter, player: Option<Uuid>) -> Result<TeamView, StoreError> {
        let player_id = player;
        self.query("team-view", &TeamViewQuery { filter, player_id })
    }
}
