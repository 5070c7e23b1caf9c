//! Who am I, the board queries, teams and players, and the library.

use super::{ApiError, Body, Problem, Who};
use crate::Database;
use crate::auth::Role;
use crate::library::{self, LibraryUpload};
use axum::Json;
use axum::extract::{Query, State};
use axum::http::header::{ETAG, IF_NONE_MATCH};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use frontline_results::{
    Filter, LeaderboardQuery, LeaderboardRow, NeedAverages, PlayerEntry, ProgressPoint, TeamView,
};
use serde::Deserialize;
use serde_json::{Value, json};

/// `GET /api/v1/whoami`: the token's role and team.
pub async fn whoami(axum::Extension(caller): Who) -> Json<Value> {
    Json(json!({
        "role": caller.role.name(),
        "team": caller.team.unwrap_or_default(),
    }))
}

/// `POST /api/v1/query/leaderboard`.
pub async fn leaderboard(
    State(db): State<Database>,
    Body(query): Body<LeaderboardQuery>,
) -> Result<Json<Vec<LeaderboardRow>>, ApiError> {
    Ok(Json(db.leaderboard(&query).await?))
}

/// `POST /api/v1/query/need-averages`.
pub async fn need_averages(
    State(db): State<Database>,
    Body(filter): Body<Filter>,
) -> Result<Json<NeedAverages>, ApiError> {
    Ok(Json(db.need_averages(&filter).await?))
}

/// `POST /api/v1/query/progress`: a player's results (the filter must name one).
pub async fn progress(
    State(db): State<Database>,
    Body(filter): Body<Filter>,
) -> Result<Json<Vec<ProgressPoint>>, ApiError> {
    if filter.player_id.is_none() && filter.player.is_none() {
        return Err(ApiError::invalid(vec![Problem {
            field: "player_id".into(),
            message: "progress is of one player: set `player_id` (or a name in `player`)".into(),
        }]));
    }
    Ok(Json(db.progress(&filter).await?))
}

/// `POST /api/v1/query/played`.
pub async fn played(
    State(db): State<Database>,
    Body(filter): Body<Filter>,
) -> Result<Json<Vec<String>>, ApiError> {
    Ok(Json(db.played_scenarios(&filter).await?))
}

/// The body of `POST /api/v1/query/team-view`.
#[derive(Deserialize)]
pub struct TeamViewQuery {
    filter: Filter,
    /// The player whose means overlay the team's.
    #[serde(default)]
    player_id: Option<uuid::Uuid>,
}

/// `POST /api/v1/query/team-view`.
pub async fn team_view(
    State(db): State<Database>,
    Body(query): Body<TeamViewQuery>,
) -> Result<Json<TeamView>, ApiError> {
    Ok(Json(db.team_view(&query.filter, query.player_id).await?))
}

/// `POST /api/v1/query/count`.
pub async fn count(
    State(db): State<Database>,
    Body(filter): Body<Filter>,
) -> Result<Json<Value>, ApiError> {
    Ok(Json(json!({ "count": db.count(&filter).await? })))
}

/// `GET /api/v1/teams`.
pub async fn teams(State(db): State<Database>) -> Result<Json<Vec<String>>, ApiError> {
    Ok(Json(db.teams().await?))
}

/// The query of `GET /api/v1/players`.
#[derive(Deserialize)]
pub struct PlayersQuery {
    team: Option<String>,
}

/// `GET /api/v1/players?team=<t>`: ids, newest names and teams.
pub async fn players(
    State(db): State<Database>,
    Query(q): Query<PlayersQuery>,
) -> Result<Json<Vec<PlayerEntry>>, ApiError> {
    Ok(Json(db.players(q.team.as_deref()).await?))
}

/// `GET /api/v1/library`: the files and their version, or 304 when the
/// client's `If-None-Match` names the current version.
pub async fn library(State(db): State<Database>, headers: HeaderMap) -> Result<Response, ApiError> {
    let version = db.library_version().await?;
    let etag = format!("\"{version}\"");
    let known = headers
        .get_all(IF_NONE_MATCH)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|tag| tag.trim() == etag || tag.trim() == "*");
    if known {
        return Ok((StatusCode::NOT_MODIFIED, [(ETAG, etag)]).into_response());
    }
    let library = db.library().await?;
    let etag = format!("\"{}\"", library.version);
    Ok(([(ETAG, etag)], Json(library)).into_response())
}

/// `PUT /api/v1/library` (trainer tokens only): replaces the library with
/// files that pass `frontline check`, else 422 with its errors.
pub async fn publish(
    State(db): State<Database>,
    axum::Extension(caller): Who,
    Body(upload): Body<LibraryUpload>,
) -> Result<Json<Value>, ApiError> {
    if caller.role != Role::Trainer {
        return Err(ApiError::forbidden(
            "only a trainer token publishes scenarios",
        ));
    }
    let files = upload.files.clone();
    let problems = tokio::task::spawn_blocking(move || library::problems(&upload))
        .await
        .map_err(|e| crate::ServerError::Refused(format!("the check failed: {e}")))?;
    if !problems.is_empty() {
        return Err(ApiError::invalid(
            problems.into_iter().map(Problem::from).collect(),
        ));
    }
    let version = db.publish(&files, Some(caller.token_id)).await?;
    Ok(Json(json!({ "version": version })))
}
