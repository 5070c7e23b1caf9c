//! The HTTP API (`/api/v1`, described in docs/server.md). Every request,
//! whatever its path, first needs `Authorization: Bearer <token>` naming a
//! token that is neither unknown nor revoked; bodies are limited in size.

mod analytics;
mod error;
mod reads;
mod results;

pub use error::{ApiError, Body, Problem};

use crate::Database;
use crate::auth::Caller;
use axum::Router;
use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::header::AUTHORIZATION;
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::routing::{get, post};

/// Largest request body, except a library upload.
pub const MAX_BODY_BYTES: usize = 1024 * 1024;

/// Largest library upload (every scenario file at once).
pub const MAX_LIBRARY_BYTES: usize = 16 * 1024 * 1024;

/// Most results in one batch.
pub const MAX_BATCH: usize = 500;

/// The API's routes over `db`.
pub fn router(db: Database) -> Router {
    let library = get(reads::library)
        .put(reads::publish)
        .layer(DefaultBodyLimit::max(MAX_LIBRARY_BYTES));
    Router::new()
        .route("/api/v1/whoami", get(reads::whoami))
        .route("/api/v1/results", post(results::post_one))
        .route("/api/v1/results/batch", post(results::post_batch))
        .route("/api/v1/query/leaderboard", post(reads::leaderboard))
        .route("/api/v1/query/need-averages", post(reads::need_averages))
        .route("/api/v1/query/progress", post(reads::progress))
        .route("/api/v1/query/played", post(reads::played))
        .route("/api/v1/query/team-view", post(reads::team_view))
        .route("/api/v1/query/count", post(reads::count))
        .route("/api/v1/teams", get(reads::teams))
        .route("/api/v1/players", get(reads::players))
        .route("/api/v1/library", library)
        .route(
            "/api/v1/analytics/encounter/{id}",
            get(analytics::encounter),
        )
        .fallback(not_found)
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(middleware::from_fn_with_state(db.clone(), require_token))
        .with_state(db)
}

/// Answers 401 unless the request carries a valid token; otherwise passes
/// it on with the [`Caller`] attached.
async fn require_token(
    State(db): State<Database>,
    mut request: Request,
    next: Next,
) -> Result<Response, ApiError> {
    let token = request
        .headers()
        .get(AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim)
        .ok_or_else(|| ApiError::unauthorized("send `Authorization: Bearer <token>`"))?;
    let caller = db
        .caller(token)
        .await?
        .ok_or_else(|| ApiError::unauthorized("the token is unknown or was revoked"))?;
    request.extensions_mut().insert(caller);
    Ok(next.run(request).await)
}

async fn not_found() -> ApiError {
    ApiError::new(
        axum::http::StatusCode::NOT_FOUND,
        "not_found",
        "no such endpoint; see docs/server.md",
    )
}

/// The caller attached by [`require_token`].
type Who = axum::Extension<Caller>;
