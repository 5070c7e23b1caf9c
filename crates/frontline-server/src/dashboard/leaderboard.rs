//! Page 2, the leaderboard (`/leaderboard`) with the game's filters as a
//! GET form: scenario, players or teams, best or average, period, team.

use super::data::{self, with_period};
use super::layout::{definitions, failure, one_decimal, page, percent, select_field};
use super::overview::{period_select, team_select};
use super::{Dashboard, Viewer, downloads};
use crate::auth::Caller;
use crate::{Database, ServerError};
use axum::extract::{Query, State};
use axum::response::Response;
use frontline_results::{Filter, LeaderboardQuery, LeaderboardRow, Metric, RankBy};
use maud::{Markup, html};
use serde::Deserialize;

/// Most rows shown (the CSV download has every result).
pub const ROWS_SHOWN: u32 = 200;

/// The leaderboard's query string.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct BoardQuery {
    /// Scenario id; empty: every scenario.
    #[serde(default)]
    pub scenario: Option<String>,
    /// `players` (default) or `teams`.
    #[serde(default)]
    pub by: Option<String>,
    /// `best` (default) or `average`.
    #[serde(default)]
    pub metric: Option<String>,
    /// A period from [`data::PERIODS`].
    #[serde(default)]
    pub period: Option<String>,
    /// Team; empty: every team.
    #[serde(default)]
    pub team: Option<String>,
}

impl BoardQuery {
    /// The query the store answers.
    pub fn to_query(&self) -> LeaderboardQuery {
        let nonempty = |v: &Option<String>| v.clone().filter(|v| !v.is_empty());
        let filter = Filter {
            team: nonempty(&self.team),
            scenario: nonempty(&self.scenario),
            ..Filter::default()
        };
        LeaderboardQuery {
            filter: with_period(filter, self.period.as_deref()),
            by: if self.by.as_deref() == Some("teams") {
                RankBy::Team
            } else {
                RankBy::Player
            },
            metric: if self.metric.as_deref() == Some("average") {
                Metric::Average
            } else {
                Metric::Best
            },
            limit: Some(ROWS_SHOWN),
        }
    }
}

/// `GET /leaderboard`.
pub async fn show(
    State(app): State<Dashboard>,
    axum::Extension(viewer): Viewer,
    Query(q): Query<BoardQuery>,
) -> Response {
    match body(&app.db, &viewer, &q).await {
        Ok(body) => page(&viewer, "Leaderboard", body),
        Err(e) => failure(e),
    }
}

async fn body(db: &Database, viewer: &Caller, q: &BoardQuery) -> Result<Markup, ServerError> {
    let query = q.to_query();
    let rows = db.leaderboard(&query).await?;
    let teams = db.known_teams().await?;
    let catalogue = data::published(db).await?;
    let mut scenarios: Vec<(String, String)> = vec![(String::new(), "Every encounter".into())];
    scenarios.extend(
        catalogue
            .iter()
            .map(|p| (p.scenario.id.clone(), p.scenario.title.clone())),
    );
    for id in db.played_scenarios(&Filter::default()).await? {
        if !scenarios.iter().any(|(known, _)| *known == id) {
            scenarios.push((id.clone(), id));
        }
    }
    let chosen = query.filter.scenario.as_deref();
    let by_team = query.by == RankBy::Team;
    let average = query.metric == Metric::Average;
    Ok(html! {
        form.filters method="get" action="/leaderboard" {
            (select_field("scenario", "Encounter", &scenarios, chosen.unwrap_or("")))
            (select_field("by", "Rank", &pairs(&[("players", "Players"), ("teams", "Teams")]), if by_team { "teams" } else { "players" }))
            (select_field("metric", "Score", &pairs(&[("best", "Best"), ("average", "Average")]), if average { "average" } else { "best" }))
            (period_select(q.period.as_deref()))
            (team_select("team", "Team", "Every team", &teams, query.filter.team.as_deref()))
            button type="submit" { "Show" }
        }
        @if rows.is_empty() {
            p #no-rows { "No plays match these filters." }
        } @else {
            (table(viewer, &rows, by_team, average))
        }
        (downloads::links(&query.filter, "the results ranked here"))
        (definitions())
    })
}

fn table(viewer: &Caller, rows: &[LeaderboardRow], by_team: bool, average: bool) -> Markup {
    let score = if average {
        "the average overall score"
    } else {
        "the best overall score"
    };
    html! {
        table #board {
            caption { "Ranked by " (score) "; equal scores share a rank." }
            thead {
                tr {
                    th scope="col" { "Rank" }
                    th scope="col" { @if by_team { "Team" } @else { "Player" } }
                    @if !by_team { th scope="col" { "Team" } }
                    @if by_team { th scope="col" { "Players" } }
                    th scope="col" { "Best" }
                    th scope="col" { "Average" }
                    th scope="col" { "Plays" }
                    th scope="col" { "Pass rate" }
                    th scope="col" { "Last played" }
                }
            }
            tbody {
                @for r in rows {
                    tr {
                        td.num { (r.rank) }
                        th scope="row" {
                            @if let Some(player_id) = r.player_id.filter(|_| !by_team && may_open(viewer, &r.team)) {
                                a href=(super::trainee::href(&data::Trainee { team: r.team.clone(), player_id })) { (r.name) }
                            } @else {
                                (r.name)
                            }
                        }
                        @if !by_team { td { (r.team) } }
                        @if by_team { td.num { (r.players) } }
                        td.num { (r.best) }
                        td.num { (one_decimal(Some(r.average))) }
                        td.num { (r.plays) }
                        td.num { (percent(r.passed, r.plays)) }
                        td { (r.last_played.format("%Y-%m-%d")) }
                    }
                }
            }
        }
    }
}

fn pairs(options: &[(&str, &str)]) -> Vec<(String, String)> {
    options
        .iter()
        .map(|(v, t)| (v.to_string(), t.to_string()))
        .collect()
}

/// Whether `viewer` may open the pages of `team`'s trainees.
pub fn may_open(viewer: &Caller, team: &str) -> bool {
    // The same rule as posting: a trainer may do anything, a team token its own team.
    viewer.may_post_for(team)
}
