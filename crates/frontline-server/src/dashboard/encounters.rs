//! Page 4, encounter analytics (`/encounters/{id}`). Built separately (the
//! `analytics` module); until it is wired in, this page says so and names
//! the encounter.

use super::data;
use super::layout::{failure, not_found, page};
use super::{Dashboard, Viewer};
use axum::extract::{Path, State};
use axum::response::Response;
use maud::html;

/// `GET /encounters/{id}`.
pub async fn show(
    State(app): State<Dashboard>,
    axum::Extension(viewer): Viewer,
    Path(id): Path<String>,
) -> Response {
    let catalogue = match data::published(&app.db).await {
        Ok(c) => c,
        Err(e) => return failure(e),
    };
    let Some(published) = catalogue.iter().find(|p| p.scenario.id == id) else {
        return not_found("No published encounter has this id.");
    };
    page(
        &viewer,
        &format!("Encounter: {}", published.scenario.title),
        html! {
            p #analytics-pending { "Encounter analytics not built yet." }
            p { "Encounter id: " code { (published.scenario.id) } }
        },
    )
}
