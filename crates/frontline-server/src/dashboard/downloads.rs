//! Downloads: the results behind a page as CSV or xAPI statements, written
//! by frontline-results' own exporters (the same files `frontline export`
//! makes). A team token downloads only its own team's results.

use super::layout::{failure, forbidden};
use super::overview::team_in_view;
use super::trainee::percent_encode;
use super::{Dashboard, Viewer};
use crate::auth::Caller;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, SecondsFormat, Utc};
use frontline_results::xapi::StatementWriter;
use frontline_results::{Filter, ResultRecord, export_csv};
use maud::{Markup, html};
use serde::Deserialize;

/// Most results in one download, newest kept.
pub const MAX_DOWNLOAD: i64 = 200_000;

/// The download's query string: the page's filter.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct DownloadQuery {
    team: Option<String>,
    player: Option<String>,
    player_id: Option<uuid::Uuid>,
    scenario: Option<String>,
    since: Option<DateTime<Utc>>,
}

impl DownloadQuery {
    fn filter(&self) -> Filter {
        let nonempty = |v: &Option<String>| v.clone().filter(|v| !v.is_empty());
        Filter {
            team: nonempty(&self.team),
            player: nonempty(&self.player),
            player_id: self.player_id,
            scenario: nonempty(&self.scenario),
            since: self.since,
            until: None,
        }
    }
}

/// Links to the CSV and xAPI downloads of the results matching `filter`.
pub fn links(filter: &Filter, what: &str) -> Markup {
    let mut query: Vec<String> = Vec::new();
    let mut add = |key: &str, value: Option<String>| {
        if let Some(v) = value {
            query.push(format!("{key}={}", percent_encode(&v)));
        }
    };
    add("team", filter.team.clone());
    add("player", filter.player.clone());
    add("player_id", filter.player_id.map(|id| id.to_string()));
    add("scenario", filter.scenario.clone());
    add(
        "since",
        filter
            .since
            .map(|t| t.to_rfc3339_opts(SecondsFormat::Secs, true)),
    );
    let query = query.join("&");
    html! {
        section aria-labelledby="downloads" {
            h2 #downloads { "Download" }
            p {
                "All of " (what) ": "
                a #download-csv href={ "/downloads/results.csv?" (query) } download { "CSV (spreadsheets)" }
                " · "
                a #download-xapi href={ "/downloads/results.xapi.json" "?" (query) } download { "xAPI statements (learning record stores)" }
            }
        }
    }
}

/// The filter `viewer` may download: a team token is held to its own team
/// (`Err` says why when it asked for another), as on the overview.
fn allowed(viewer: &Caller, q: &DownloadQuery) -> Result<Filter, String> {
    let mut filter = q.filter();
    filter.team = team_in_view(viewer, filter.team.as_deref())?;
    Ok(filter)
}

/// Writes records (oldest first) in one download format.
type Writer = fn(&[ResultRecord], &mut Vec<u8>) -> std::io::Result<()>;

/// The allowed results written by `write`, as an attachment.
async fn export(
    app: &Dashboard,
    viewer: &Caller,
    q: &DownloadQuery,
    write: Writer,
    kind: &'static str,
    disposition: &'static str,
) -> Response {
    let filter = match allowed(viewer, q) {
        Ok(filter) => filter,
        Err(why) => return forbidden(&why),
    };
    let mut records = match app.db.recent_results(&filter, MAX_DOWNLOAD).await {
        Ok(records) => records,
        Err(e) => return failure(e),
    };
    records.reverse();
    let mut out = Vec::new();
    if let Err(e) = write(&records, &mut out) {
        return failure(e.into());
    }
    (
        StatusCode::OK,
        [(CONTENT_TYPE, kind), (CONTENT_DISPOSITION, disposition)],
        out,
    )
        .into_response()
}

fn write_csv(records: &[ResultRecord], out: &mut Vec<u8>) -> std::io::Result<()> {
    export_csv::write_csv(records, out)
}

fn write_xapi(records: &[ResultRecord], out: &mut Vec<u8>) -> std::io::Result<()> {
    let mut w = StatementWriter::new(out)?;
    records.iter().try_for_each(|r| w.write(r))?;
    w.finish()
}

/// `GET /downloads/results.csv`.
pub async fn csv(
    State(app): State<Dashboard>,
    axum::Extension(viewer): Viewer,
    Query(q): Query<DownloadQuery>,
) -> Response {
    let name = "attachment; filename=\"frontline-results.csv\"";
    export(
        &app,
        &viewer,
        &q,
        write_csv,
        "text/csv; charset=utf-8",
        name,
    )
    .await
}

/// `GET /downloads/results.xapi.json`.
pub async fn xapi(
    State(app): State<Dashboard>,
    axum::Extension(viewer): Viewer,
    Query(q): Query<DownloadQuery>,
) -> Response {
    let name = "attachment; filename=\"frontline-results.xapi.json\"";
    export(&app, &viewer, &q, write_xapi, "application/json", name).await
}
