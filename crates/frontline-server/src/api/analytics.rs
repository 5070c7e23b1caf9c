//! `GET /api/v1/analytics/encounter/{id}`: the encounter analytics as JSON.

use super::{ApiError, Problem, Who};
use crate::Database;
use crate::analytics::{AnalyticsError, EncounterQuery, EncounterView, encounter_view};
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;

/// The view of published scenario `id` over the filtered plays: 422 for a
/// bad date, 403 when a player token names another team, 404 when no
/// published scenario has this id.
pub async fn encounter(
    State(db): State<Database>,
    axum::Extension(caller): Who,
    Path(id): Path<String>,
    Query(q): Query<EncounterQuery>,
) -> Result<Json<EncounterView>, ApiError> {
    let filter = q
        .filter()
        .map_err(|p| ApiError::invalid(vec![Problem::from(p)]))?
        .for_caller(&caller)
        .map_err(ApiError::forbidden)?;
    match encounter_view(&db, &id, &filter).await {
        Ok(view) => Ok(Json(view)),
        Err(AnalyticsError::NotPublished(id)) => Err(ApiError::new(
            StatusCode::NOT_FOUND,
            "not_found",
            format!("no published scenario has the id `{id}`; publish it with `frontline publish`"),
        )),
        Err(AnalyticsError::Server(e)) => Err(e.into()),
    }
}
