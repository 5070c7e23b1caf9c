//! Page 3, trainees: `/players` lists them, `/players/{team}/{player id}` shows
//! one: each need over time, the encounters not yet played, and each recent
//! play's debrief. A team token opens only its own team's trainees.

use super::charts::{Series, line_chart};
use super::data::{self, Trainee, trainee_filter};
use super::layout::{definitions, failure, forbidden, not_found, page, summary_table};
use super::leaderboard::may_open;
use super::overview::team_select;
use super::{Dashboard, Viewer, debrief, downloads};
use crate::auth::{Caller, Role};
use crate::{Database, ServerError};
use axum::extract::{Path, Query, State};
use axum::response::Response;
use frontline_core::needs::Need;
use maud::{Markup, html};

/// Plays whose debrief the page shows (the newest; the download has all).
pub const DEBRIEFS_SHOWN: i64 = 15;

/// Plays drawn on the needs-over-time chart (the newest).
pub const POINTS_SHOWN: usize = 40;

/// The address of `trainee`'s page.
pub fn href(trainee: &Trainee) -> String {
    format!(
        "/players/{}/{}",
        percent_encode(&trainee.team),
        trainee.player_id
    )
}

/// Percent-encodes everything but unreserved characters (a path segment or query value).
pub fn percent_encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// `GET /players`'s query: the team whose trainees to list.
#[derive(Debug, Default, serde::Deserialize)]
pub struct ListQuery {
    team: Option<String>,
}

/// `GET /players`: a team token sees its own team's trainees; a trainer
/// picks a team (`?team=`) from every team with its number of trainees,
/// so the page stays small however many teams there are.
pub async fn list(
    State(app): State<Dashboard>,
    axum::Extension(viewer): Viewer,
    Query(q): Query<ListQuery>,
) -> Response {
    match list_body(&app.db, &viewer, q.team.filter(|t| !t.is_empty())).await {
        Ok(body) => page(&viewer, "Trainees", body),
        Err(e) => failure(e),
    }
}

async fn list_body(
    db: &Database,
    viewer: &Caller,
    chosen: Option<String>,
) -> Result<Markup, ServerError> {
    let team = match (viewer.role, &viewer.team) {
        (Role::Player, Some(own)) => Some(own.clone()),
        _ => chosen,
    };
    let Some(team) = team else {
        let teams = db.known_teams().await?;
        let sizes = db.team_sizes().await?;
        return Ok(html! {
            (team_picker(&teams, None))
            h2 { "Teams" }
            ul.teams {
                @for t in &teams {
                    li {
                        a href=(format!("/players?team={}", percent_encode(t))) { (t) }
                        " (" (sizes.get(t).copied().unwrap_or(0)) " trainees)"
                    }
                }
            }
        });
    };
    let players = db.players(Some(&team)).await?;
    let picker = if viewer.role == Role::Trainer {
        Some(team_picker(&db.known_teams().await?, Some(&team)))
    } else {
        None
    };
    Ok(html! {
        @if let Some(picker) = picker { (picker) }
        h2 { (team) }
        @if players.is_empty() {
            p { "No plays yet." }
        } @else {
            ul {
                @for p in &players {
                    li { a href=(href(&Trainee { team: team.clone(), player_id: p.player_id })) { (p.name) } }
                }
            }
        }
    })
}

/// The trainer's team choice on `/players`.
fn team_picker(teams: &[String], chosen: Option<&str>) -> Markup {
    html! {
        form.filters method="get" action="/players" {
            (team_select("team", "Team", "Every team", teams, chosen))
            button type="submit" { "Show" }
        }
    }
}

/// `GET /players/{team}/{player id}`.
pub async fn show(
    State(app): State<Dashboard>,
    axum::Extension(viewer): Viewer,
    Path((team, player_id)): Path<(String, String)>,
) -> Response {
    if !may_open(&viewer, &team) {
        return forbidden("A team token opens only its own team's trainees.");
    }
    let Ok(player_id) = player_id.parse() else {
        return not_found("That is not a player id.");
    };
    let trainee = Trainee { team, player_id };
    match body(&app.db, &trainee).await {
        Ok(Some((name, body))) => page(&viewer, &format!("{name} ({})", trainee.team), body),
        Ok(None) => not_found("No plays of this trainee are stored."),
        Err(e) => failure(e),
    }
}

/// The trainee's newest name and the page body, or `None` without plays.
async fn body(db: &Database, trainee: &Trainee) -> Result<Option<(String, Markup)>, ServerError> {
    let filter = trainee_filter(trainee);
    let averages = db.need_averages(&filter).await?;
    if averages.plays == 0 {
        return Ok(None);
    }
    let points = db.progress(&filter).await?;
    let recent = db.recent_results(&filter, DEBRIEFS_SHOWN).await?;
    let played = db.played_scenarios(&filter).await?;
    let catalogue = data::published(db).await?;
    let passed = points.iter().filter(|p| p.passed).count() as u64;
    let shown = &points[points.len().saturating_sub(POINTS_SHOWN)..];
    let labels: Vec<String> = shown
        .iter()
        .map(|p| p.started_at.format("%Y-%m-%d %H:%M").to_string())
        .collect();
    let per_need: Vec<(Need, Vec<Option<f64>>)> = Need::ALL
        .into_iter()
        .map(|n| (n, shown.iter().map(|p| p.needs[n].map(f64::from)).collect()))
        .collect();
    let series: Vec<Series<'_, Vec<Option<f64>>>> = per_need
        .iter()
        .map(|(n, values)| Series {
            label: n.label(),
            values: values.clone(),
        })
        .collect();
    let unplayed: Vec<&data::Published> = catalogue
        .iter()
        .filter(|p| !played.contains(&p.scenario.id))
        .collect();
    let name = recent
        .first()
        .map_or_else(String::new, |r| r.player.clone());
    let chart_title = format!("Needs of {name} per play");
    Ok(Some((
        name,
        html! {
            (summary_table(averages.plays, averages.overall, passed))
            section aria-labelledby="over-time" {
                h2 #over-time { "Each need over time" }
                (line_chart(
                    &chart_title,
                    "Score 0 to 100 of each need in each play, oldest first; a need an encounter does not assess has no point.",
                    &labels,
                    &series,
                    &[Series { label: "Encounter", values: shown.iter().map(|p| p.scenario_id.clone()).collect() }],
                ))
            }
            section aria-labelledby="unplayed" {
                h2 #unplayed { "Encounters not played yet" }
                @if unplayed.is_empty() {
                    p { "Every published encounter has been played." }
                } @else {
                    ul { @for p in &unplayed { li { a href={ "/encounters/" (p.scenario.id) } { (p.scenario.title) } } } }
                }
            }
            section aria-labelledby="plays" {
                h2 #plays { "Recent plays and their debriefs" }
                @for r in &recent {
                    details.card {
                        summary {
                            (r.started_at.format("%Y-%m-%d %H:%M")) " — " (r.scenario_title) ": "
                            (r.overall) ", grade " (r.grade) ", "
                            @if r.passed { span.pass { "passed" } } @else { span.fail { "not passed" } }
                        }
                        (debrief::render(r, &catalogue))
                    }
                }
            }
            (downloads::links(&filter, "this trainee's results"))
            (definitions())
        },
    )))
}
