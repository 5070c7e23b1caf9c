//! Page 4, encounter analytics (`/encounters/{id}?team=&from=&to=`): the
//! [`crate::analytics`] view of one published encounter, for the teams the
//! signed-in token may see.

use super::layout::{error_page, failure, forbidden, not_found, page};
use super::{Dashboard, Viewer};
use crate::analytics::{AnalyticsError, EncounterQuery, encounter_view, render_encounter};
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;

/// `GET /encounters/{id}`.
pub async fn show(
    State(app): State<Dashboard>,
    axum::Extension(viewer): Viewer,
    Path(id): Path<String>,
    Query(q): Query<EncounterQuery>,
) -> Response {
    let filter = match q.filter() {
        Ok(f) => f,
        Err(p) => {
            return error_page(
                StatusCode::UNPROCESSABLE_ENTITY,
                "Check the filter",
                &format!("{}: {}", p.field, p.message),
            );
        }
    };
    let filter = match filter.for_caller(&viewer) {
        Ok(f) => f,
        Err(why) => return forbidden(&why),
    };
    match encounter_view(&app.db, &id, &filter).await {
        Ok(view) => page(
            &viewer,
            &format!("Encounter analytics: {}", view.title),
            render_encounter(&view),
        ),
        Err(AnalyticsError::NotPublished(_)) => not_found("No published encounter has this id."),
        Err(AnalyticsError::Server(e)) => failure(e),
    }
}
