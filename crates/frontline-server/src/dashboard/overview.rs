//! Page 1, the overview (`/`): the team's six needs against the company or
//! another team, its weakest need with the encounters that train it, and
//! its pass rate week by week.

use super::charts::{Series, line_chart, radar};
use super::data::{self, PERIODS, with_period};
use super::layout::{definitions, failure, forbidden, page, select_field, summary_table};
use super::{Dashboard, Viewer, downloads};
use crate::auth::{Caller, Role};
use crate::{Database, ServerError};
use axum::extract::{Query, State};
use axum::response::Response;
use frontline_core::needs::Need;
use frontline_results::Filter;
use maud::{Markup, html};
use serde::Deserialize;

/// Encounters listed under the weakest need (those that move it most).
pub const TRAINING_SHOWN: usize = 6;

/// The overview's query string.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct OverviewQuery {
    /// The team shown (trainers only; a team token always sees its own).
    #[serde(default)]
    pub team: Option<String>,
    /// The team compared with; empty or absent: the whole company.
    #[serde(default)]
    pub vs: Option<String>,
    /// A period from [`PERIODS`].
    #[serde(default)]
    pub period: Option<String>,
}

/// The team `viewer` may look at given the one asked for: a team token's
/// own team whatever was asked (`Err` when it asked for another); a
/// trainer's choice, or every team (`None`).
pub fn team_in_view(viewer: &Caller, asked: Option<&str>) -> Result<Option<String>, String> {
    let asked = asked.filter(|t| !t.is_empty());
    match viewer.role {
        Role::Trainer => Ok(asked.map(str::to_string)),
        Role::Player => match (asked, viewer.team.as_deref()) {
            (Some(a), Some(own)) if a != own => Err(format!(
                "Your token belongs to team {own}; it cannot show team {a}."
            )),
            _ => Ok(viewer.team.clone()),
        },
    }
}

/// `GET /`.
pub async fn show(
    State(app): State<Dashboard>,
    axum::Extension(viewer): Viewer,
    Query(q): Query<OverviewQuery>,
) -> Response {
    let team = match team_in_view(&viewer, q.team.as_deref()) {
        Ok(team) => team,
        Err(why) => return forbidden(&why),
    };
    match body(&app.db, &viewer, team, &q).await {
        Ok(body) => page(&viewer, "Team overview", body),
        Err(e) => failure(e),
    }
}

async fn body(
    db: &Database,
    viewer: &Caller,
    team: Option<String>,
    q: &OverviewQuery,
) -> Result<Markup, ServerError> {
    let period = q.period.as_deref();
    let shown = with_period(
        Filter {
            team: team.clone(),
            ..Filter::default()
        },
        period,
    );
    let vs = q.vs.clone().filter(|v| !v.is_empty());
    let other = with_period(
        Filter {
            team: vs.clone(),
            ..Filter::default()
        },
        period,
    );
    let view = db.team_view(&shown, None).await?;
    let compared = db.need_averages(&other).await?;
    let weeks = db.weekly_passes(&shown).await?;
    let passed: u64 = weeks.iter().map(|w| w.passed).sum();
    let teams = db.known_teams().await?;
    let catalogue = data::published(db).await?;
    let name = team.as_deref().unwrap_or("All teams");
    let vs_name = vs.as_deref().unwrap_or("Company");
    let averages = &view.team_averages;
    let week_labels: Vec<String> = weeks.iter().map(|w| w.monday.to_string()).collect();
    let rates: Vec<Option<f64>> = weeks
        .iter()
        .map(|w| (w.plays > 0).then(|| w.passed as f64 * 100.0 / w.plays as f64))
        .collect();
    Ok(html! {
        form.filters method="get" action="/" {
            @if viewer.role == Role::Trainer {
                (team_select("team", "Team", "All teams", &teams, team.as_deref()))
            }
            (team_select("vs", "Compare with", "Company (every team)", &teams, vs.as_deref()))
            (period_select(period))
            button type="submit" { "Show" }
        }
        section aria-labelledby="summary" {
            h2 #summary { (name) " in numbers" }
            (summary_table(averages.plays, averages.overall, passed))
        }
        section aria-labelledby="needs" {
            h2 #needs { "The six needs" }
            (radar(
                &format!("Needs of {name} against {vs_name}"),
                &format!("Mean score per need, 0 to 100, of {name} (solid line) and {vs_name} (dashed line)."),
                &[
                    Series { label: name, values: averages.needs },
                    Series { label: vs_name, values: compared.needs },
                ],
            ))
        }
        section aria-labelledby="weakest" {
            h2 #weakest { "Weakest need" }
            @match view.weakest {
                Some((need, mean)) => {
                    p { strong { (need.label()) } " averages " (format!("{mean:.1}")) " — the lowest of the six for " (name) "." }
                    (training_for(need, &catalogue))
                }
                None => p { "No results yet, so no need stands out." }
            }
        }
        section aria-labelledby="trend" {
            h2 #trend { "Pass rate by week" }
            @if weeks.is_empty() {
                p { "No plays in this period." }
            } @else {
                (line_chart(
                    &format!("Weekly pass rate of {name}"),
                    "Share of plays that passed, in percent, per week starting Monday.",
                    &week_labels,
                    &[Series { label: "Pass rate (%)", values: rates }],
                    &[
                        Series { label: "Plays", values: weeks.iter().map(|w| w.plays.to_string()).collect() },
                        Series { label: "Passed", values: weeks.iter().map(|w| w.passed.to_string()).collect() },
                    ],
                ))
            }
        }
        (downloads::links(&shown, "these results"))
        (definitions())
    })
}

/// The published encounters whose choices move `need`, strongest swing first.
fn training_for(need: Need, catalogue: &[data::Published]) -> Markup {
    let mut training: Vec<&data::Published> = catalogue
        .iter()
        .filter(|p| p.analysis.coverage[need].choices > 0)
        .collect();
    training.sort_by_key(|p| {
        let c = p.analysis.coverage[need];
        std::cmp::Reverse(c.max - c.min)
    });
    html! {
        @if training.is_empty() {
            p { "No published encounter trains this need yet." }
        } @else {
            p { "Encounters that train it (their choices move this need):" }
            ul #training {
                @for p in training.iter().take(TRAINING_SHOWN) {
                    @let c = p.analysis.coverage[need];
                    li {
                        a href={ "/encounters/" (p.scenario.id) } { (p.scenario.title) }
                        " — " (c.choices) " choices touch it (from " (c.min) " to +" (c.max) ")"
                    }
                }
            }
            @if training.len() > TRAINING_SHOWN {
                p.muted { "…and " (training.len() - TRAINING_SHOWN) " more published encounters that move it less." }
            }
        }
    }
}

/// A labelled `<select>` of teams with an "every team" first option.
pub fn team_select(
    name: &str,
    label: &str,
    everyone: &str,
    teams: &[String],
    chosen: Option<&str>,
) -> Markup {
    let options: Vec<(String, String)> = std::iter::once((String::new(), everyone.to_string()))
        .chain(teams.iter().map(|t| (t.clone(), t.clone())))
        .collect();
    select_field(name, label, &options, chosen.unwrap_or(""))
}

/// A labelled `<select>` of [`PERIODS`].
pub fn period_select(chosen: Option<&str>) -> Markup {
    let options: Vec<(String, String)> = PERIODS
        .iter()
        .map(|(value, text, _)| (value.to_string(), text.to_string()))
        .collect();
    select_field("period", "Period", &options, chosen.unwrap_or("all"))
}
