//! Encounter analytics for trainers: how the plays of one published
//! scenario moved through its graph, filtered by team and period, drawn as
//! an SVG graph with every number also in tables ([`render_encounter`]).
//!
//! Nothing here reads transcripts at request time: a trigger keeps counters
//! per scenario version, team and day, and per version and team for all
//! time (the day `infinity`), in the insert's transaction
//! (`counters.sql`, migration `MIGRATION_ENCOUNTER_COUNTERS`), and
//! [`encounter_view`] sums the counters in the filter and reads them against
//! the published scenario with [`frontline_results::analytics`], the same
//! code that tallies transcripts directly.

mod layout;
mod page;
mod svg;

pub use layout::{Layout, Placed, layered_layout};
pub use page::render_encounter;

use crate::auth::{Caller, Role};
use crate::{Database, ServerError};
use chrono::NaiveDate;
use frontline_core::needs::NeedMap;
use frontline_core::scenario::{Scenario, load_str};
use frontline_results::FieldProblem;
use frontline_results::analytics::{EncounterCounts, EncounterStats, EndKey, MoveKey};
use frontline_results::codec::parse_outcome;
use frontline_results::scenario_hash;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::{Arc, Mutex};
use tokio_postgres::types::ToSql;

/// Which plays to count: a team (all teams when `None`) and a period of
/// days (UTC, both ends included).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EncounterFilter {
    /// Only this team's plays.
    pub team: Option<String>,
    /// From this day on.
    pub from: Option<NaiveDate>,
    /// Up to and including this day.
    pub to: Option<NaiveDate>,
}

/// The filter as a query string gives it: `team`, `from`, `to` (days,
/// `YYYY-MM-DD`), each optional; shared by the API and the dashboard page.
#[derive(Debug, Default, Deserialize)]
pub struct EncounterQuery {
    team: Option<String>,
    from: Option<String>,
    to: Option<String>,
}

impl EncounterQuery {
    /// The filter these values ask for ([`EncounterFilter::parse`]).
    pub fn filter(&self) -> Result<EncounterFilter, FieldProblem> {
        EncounterFilter::parse(
            self.team.as_deref(),
            self.from.as_deref(),
            self.to.as_deref(),
        )
    }
}

impl EncounterFilter {
    /// The filter from query-string values (`team`, `from`, `to` as
    /// `YYYY-MM-DD`); empty values mean "not filtered". Errors name the field.
    pub fn parse(
        team: Option<&str>,
        from: Option<&str>,
        to: Option<&str>,
    ) -> Result<EncounterFilter, FieldProblem> {
        let date = |field: &str, v: Option<&str>| {
            v.filter(|v| !v.trim().is_empty())
                .map(|v| {
                    NaiveDate::parse_from_str(v.trim(), "%Y-%m-%d").map_err(|_| FieldProblem {
                        field: field.to_string(),
                        message: format!("`{v}` is not a date like 2026-03-01"),
                    })
                })
                .transpose()
        };
        let filter = EncounterFilter {
            team: team.filter(|t| !t.is_empty()).map(str::to_string),
            from: date("from", from)?,
            to: date("to", to)?,
        };
        if let (Some(a), Some(b)) = (filter.from, filter.to)
            && a > b
        {
            return Err(FieldProblem {
                field: "to".into(),
                message: format!("the period ends ({b}) before it starts ({a})"),
            });
        }
        Ok(filter)
    }

    /// The filter `caller` may see: a trainer any; a player token only its
    /// own team's plays (its team when none is named), else why not.
    pub fn for_caller(mut self, caller: &Caller) -> Result<EncounterFilter, String> {
        if caller.role == Role::Trainer {
            return Ok(self);
        }
        let own = caller.team.clone().unwrap_or_default();
        match &self.team {
            None => self.team = Some(own),
            Some(t) if *t == own => {}
            Some(t) => return Err(format!("this token sees team `{own}` only, not `{t}`")),
        }
        Ok(self)
    }
}

/// What the encounter analytics page shows, and what
/// `GET /api/v1/analytics/encounter/{id}` answers.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct EncounterView {
    /// Scenario id.
    pub scenario_id: String,
    /// Its published title.
    pub title: String,
    /// Hash of the published version: the plays counted are of it.
    pub version: String,
    /// Overall score (0..=100) a play needs to pass.
    pub pass_mark: u8,
    /// The filter applied.
    pub filter: EncounterFilter,
    /// Plays in the filter of other versions of the scenario (not counted).
    pub other_version_plays: u64,
    /// The published version's plays, node by node.
    pub stats: EncounterStats,
    /// The published scenario (drawing the graph needs its edges).
    #[serde(skip)]
    pub scenario: Arc<Scenario>,
}

/// Why there is no view.
#[derive(Debug, thiserror::Error)]
pub enum AnalyticsError {
    /// No published scenario has this id.
    #[error("no published scenario has the id `{0}`")]
    NotPublished(String),
    /// The database failed.
    #[error(transparent)]
    Server(#[from] ServerError),
}

impl From<tokio_postgres::Error> for AnalyticsError {
    fn from(e: tokio_postgres::Error) -> AnalyticsError {
        AnalyticsError::Server(e.into())
    }
}

/// The analytics of published scenario `scenario_id` over the plays in `filter`.
pub async fn encounter_view(
    db: &Database,
    scenario_id: &str,
    filter: &EncounterFilter,
) -> Result<EncounterView, AnalyticsError> {
    let scenario = published(db, scenario_id)
        .await?
        .ok_or_else(|| AnalyticsError::NotPublished(scenario_id.to_string()))?;
    let version = scenario_hash(&scenario);
    let sql = Counters::new(scenario_id, &version, filter);
    let params = sql.params();
    let texts = [sql.versions(), sql.nodes(), sql.moves(), sql.endings()];
    // Four connections, so PostgreSQL sums the four tables at once.
    let query = |i: usize| {
        let (text, params) = (&texts[i], &params);
        async move {
            let client = db.client().await?;
            Ok::<_, AnalyticsError>(client.query(text, params).await?)
        }
    };
    let (versions, nodes, moves, endings) =
        tokio::try_join!(query(0), query(1), query(2), query(3))?;
    let mut counts = EncounterCounts::default();
    let mut other_version_plays = 0;
    for r in &versions {
        let (current, plays, passed): (bool, i64, i64) =
            (r.try_get(0)?, r.try_get(1)?, r.try_get(2)?);
        if current {
            counts.plays = count(plays);
            counts.passed = count(passed);
        } else {
            other_version_plays += count(plays);
        }
    }
    for r in &nodes {
        let node = counts.nodes.entry(r.try_get(0)?).or_default();
        node.plays = count(r.try_get(1)?);
        node.passed = count(r.try_get(2)?);
    }
    for r in &moves {
        let chose: bool = r.try_get(1)?;
        let key = MoveKey {
            node: r.try_get(0)?,
            choice: chose.then(|| r.try_get(2)).transpose()?,
            target: r.try_get(3)?,
        };
        let m = counts.moves.entry(key).or_default();
        m.taken = count(r.try_get(4)?);
        m.plays = count(r.try_get(5)?);
        m.passed = count(r.try_get(6)?);
        let mut needs = NeedMap::<i64>::default();
        for (i, slot) in needs.0.iter_mut().enumerate() {
            *slot = r.try_get(7 + i)?;
        }
        m.needs = needs;
    }
    for r in &endings {
        let outcome: String = r.try_get(1)?;
        let outcome = parse_outcome(&outcome).ok_or_else(|| ServerError::BadRow {
            id: scenario_id.to_string(),
            detail: format!("ending outcome `{outcome}`"),
        })?;
        let key = EndKey {
            node: r.try_get(0)?,
            outcome,
        };
        counts.endings.insert(key, count(r.try_get(2)?));
    }
    Ok(EncounterView {
        scenario_id: scenario.id.clone(),
        title: scenario.title.clone(),
        version,
        pass_mark: scenario.pass_mark,
        filter: filter.clone(),
        other_version_plays,
        stats: EncounterStats::new(&scenario, &counts),
        scenario,
    })
}

/// The counter queries of one view: scenario, version and filter as
/// numbered parameters.
struct Counters {
    clause: String,
    params: Vec<Box<dyn ToSql + Sync + Send>>,
}

impl Counters {
    fn new(scenario_id: &str, version: &str, filter: &EncounterFilter) -> Counters {
        let mut params: Vec<Box<dyn ToSql + Sync + Send>> = vec![
            Box::new(scenario_id.to_string()),
            Box::new(version.to_string()),
        ];
        let mut clause = String::from("scenario_id = $1");
        if let Some(team) = &filter.team {
            params.push(Box::new(team.clone()));
            clause += &format!(" AND team = ${}", params.len());
        }
        if filter.from.is_none() && filter.to.is_none() {
            // All time is counted under the day `infinity` (migration 6).
            clause += " AND day = 'infinity'";
        } else {
            clause += " AND day < 'infinity'";
        }
        if let Some(from) = filter.from {
            params.push(Box::new(from));
            clause += &format!(" AND day >= ${}", params.len());
        }
        if let Some(to) = filter.to {
            params.push(Box::new(to));
            clause += &format!(" AND day <= ${}", params.len());
        }
        Counters { clause, params }
    }

    /// Every parameter (the version is `$2`).
    fn params(&self) -> Vec<&(dyn ToSql + Sync)> {
        self.params
            .iter()
            .map(|p| p.as_ref() as &(dyn ToSql + Sync))
            .collect()
    }

    fn versions(&self) -> String {
        format!(
            "SELECT scenario_hash = $2, SUM(plays)::bigint, SUM(passed)::bigint \
             FROM encounter_plays WHERE {} GROUP BY 1",
            self.clause
        )
    }

    fn nodes(&self) -> String {
        format!(
            "SELECT node, SUM(plays)::bigint, SUM(passed)::bigint FROM encounter_nodes \
             WHERE {} AND scenario_hash = $2 GROUP BY node",
            self.clause
        )
    }

    fn moves(&self) -> String {
        let sums = ["taken", "plays", "passed"]
            .iter()
            .chain(&frontline_results::codec::NEED_COLUMNS)
            .map(|c| format!("SUM({c})::bigint"))
            .collect::<Vec<_>>()
            .join(", ");
        format!(
            "SELECT node, chose, choice, target, {sums} FROM encounter_moves \
             WHERE {} AND scenario_hash = $2 GROUP BY node, chose, choice, target",
            self.clause
        )
    }

    fn endings(&self) -> String {
        format!(
            "SELECT node, outcome, SUM(plays)::bigint FROM encounter_endings \
             WHERE {} AND scenario_hash = $2 GROUP BY node, outcome",
            self.clause
        )
    }
}

fn count(n: i64) -> u64 {
    n.max(0) as u64
}

/// The published scenarios of one library version, parsed once.
type Parsed = (String, Arc<BTreeMap<String, Arc<Scenario>>>);

/// The last library version parsed (its version is a hash of its content,
/// so one cache serves every database).
static PUBLISHED: Mutex<Option<Parsed>> = Mutex::new(None);

/// The published scenario with this id.
async fn published(db: &Database, id: &str) -> Result<Option<Arc<Scenario>>, ServerError> {
    let version = db.library_version().await?;
    let cached = PUBLISHED.lock().ok().and_then(|c| {
        c.as_ref()
            .filter(|(v, _)| *v == version)
            .map(|(_, s)| Arc::clone(s))
    });
    let scenarios = match cached {
        Some(s) => s,
        None => {
            let library = db.library().await?;
            let parsed: BTreeMap<String, Arc<Scenario>> = library
                .files
                .iter()
                .filter_map(|f| load_str(Path::new(&f.path), &f.text).playable().cloned())
                .map(|s| (s.id.clone(), Arc::new(s)))
                .collect();
            let parsed = Arc::new(parsed);
            if let Ok(mut c) = PUBLISHED.lock() {
                *c = Some((library.version, Arc::clone(&parsed)));
            }
            parsed
        }
    };
    Ok(scenarios.get(id).cloned())
}
