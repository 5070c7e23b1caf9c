//! What the pages read beyond the API's queries: the published scenarios
//! compiled and analysed (cached per library version), the weekly pass
//! rate, whole records for a trainee, the period filter, and the one place
//! that says how a trainee is identified.

use crate::rows::{RECORD_COLUMNS, Where, decode};
use crate::{Database, ServerError};
use chrono::{Duration, NaiveDate, Utc};
use frontline_core::analysis::{Analysis, analyse};
use frontline_core::engine::CompiledScenario;
use frontline_core::scenario::{Scenario, load_str};
use frontline_results::{Filter, ResultRecord, scenario_hash};
use std::path::Path;
use std::sync::{Arc, Mutex};

/// A scenario of the published library, ready to replay and debrief.
pub struct Published {
    /// The scenario.
    pub scenario: Scenario,
    /// Compiled for the engine.
    pub compiled: Arc<CompiledScenario>,
    /// Its analysis (bounds, coverage per need).
    pub analysis: Analysis,
    /// [`scenario_hash`] of it: a result with this hash was played on it.
    pub hash: String,
}

/// The playable scenarios of one library version.
type Catalogue = Arc<Vec<Published>>;

static CACHE: Mutex<Option<(String, Catalogue)>> = Mutex::new(None);

/// The published library's playable scenarios, sorted by id. Compiled and
/// analysed once per library version (every process does the same from the
/// same rows, so the cache changes no answer).
pub async fn published(db: &Database) -> Result<Catalogue, ServerError> {
    let version = db.library_version().await?;
    if let Ok(guard) = CACHE.lock()
        && let Some((v, cat)) = guard.as_ref()
        && *v == version
    {
        return Ok(cat.clone());
    }
    let library = db.library().await?;
    let catalogue = tokio::task::spawn_blocking(move || {
        let mut out: Vec<Published> = library
            .files
            .iter()
            .filter_map(|f| load_str(Path::new(&f.path), &f.text).playable().cloned())
            .filter_map(|scenario| {
                let compiled = Arc::new(CompiledScenario::new(&scenario).ok()?);
                let analysis = analyse(&compiled);
                let hash = scenario_hash(&scenario);
                Some(Published {
                    scenario,
                    compiled,
                    analysis,
                    hash,
                })
            })
            .collect();
        out.sort_by(|a, b| a.scenario.id.cmp(&b.scenario.id));
        Arc::new(out)
    })
    .await
    .map_err(|e| ServerError::Refused(format!("loading the library failed: {e}")))?;
    if let Ok(mut guard) = CACHE.lock() {
        *guard = Some((version, catalogue.clone()));
    }
    Ok(catalogue)
}

/// One trainee. Until results carry a stable player id, a trainee is a
/// name within a team.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Trainee {
    /// Their team.
    pub team: String,
    /// Their stable player id: two people with one name stay two trainees.
    pub player_id: uuid::Uuid,
}

/// The results of `trainee`: the one place that says how a trainee's
/// results are found (by team and player id, whatever names they used).
pub fn trainee_filter(trainee: &Trainee) -> Filter {
    Filter {
        team: Some(trainee.team.clone()),
        player_id: Some(trainee.player_id),
        ..Filter::default()
    }
}

/// The dashboard's period choices, the game leaderboard's: (form value, label, days back).
pub const PERIODS: [(&str, &str, Option<i64>); 4] = [
    ("all", "All time", None),
    ("30d", "Last 30 days", Some(30)),
    ("7d", "Last 7 days", Some(7)),
    ("24h", "Last 24 hours", Some(1)),
];

/// `filter` limited to the period named `period` (unknown names: all time).
pub fn with_period(filter: Filter, period: Option<&str>) -> Filter {
    let days = PERIODS
        .iter()
        .find(|(value, _, _)| Some(*value) == period)
        .and_then(|(_, _, days)| *days);
    let since = days.map(|d| Utc::now() - Duration::days(d));
    filter.period(since, None)
}

/// Plays and passes in one week.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Week {
    /// Monday of the week (UTC).
    pub monday: NaiveDate,
    /// Results started that week.
    pub plays: u64,
    /// How many of them passed.
    pub passed: u64,
}

impl Database {
    /// Plays and passes per ISO week (Monday, UTC) of the results matching
    /// `filter`, oldest first; weeks without plays are left out.
    pub async fn weekly_passes(&self, filter: &Filter) -> Result<Vec<Week>, ServerError> {
        let (sql, w) = if crate::days::answers(filter) {
            let (rows, w) = crate::days::rows_of(filter);
            let sql = format!(
                "SELECT date_trunc('week', day)::date AS monday, SUM(plays)::bigint, \
                 SUM(passed)::bigint FROM {rows} GROUP BY monday ORDER BY monday"
            );
            (sql, w)
        } else {
            let w = Where::of(filter);
            // started_at is fixed-width RFC 3339 text in UTC: its date is the first 10 characters.
            let sql = format!(
                "SELECT date_trunc('week', left(started_at, 10)::date)::date AS monday, \
                 COUNT(*), SUM(passed::int)::bigint FROM results {} GROUP BY monday ORDER BY monday",
                w.clause
            );
            (sql, w)
        };
        let rows = self.client().await?.query(&sql, &w.refs()).await?;
        rows.iter()
            .map(|r| {
                Ok(Week {
                    monday: r.try_get(0)?,
                    plays: r.try_get::<_, i64>(1)?.max(0) as u64,
                    passed: r.try_get::<_, i64>(2)?.max(0) as u64,
                })
            })
            .collect()
    }

    /// At most `limit` whole results matching `filter`, newest first.
    pub async fn recent_results(
        &self,
        filter: &Filter,
        limit: i64,
    ) -> Result<Vec<ResultRecord>, ServerError> {
        let mut w = Where::of(filter);
        let n = w.push(Box::new(limit));
        let sql = format!(
            "SELECT {RECORD_COLUMNS} FROM results {} ORDER BY started_at DESC, id LIMIT ${n}",
            w.clause
        );
        let rows = self.client().await?.query(&sql, &w.refs()).await?;
        rows.iter().map(decode).collect()
    }

    /// Trainees (players with a result) per team.
    pub async fn team_sizes(&self) -> Result<std::collections::BTreeMap<String, u64>, ServerError> {
        let rows = self
            .client()
            .await?
            .query(
                "SELECT team, COUNT(*) FROM player_totals GROUP BY team",
                &[],
            )
            .await?;
        Ok(rows
            .iter()
            .map(|r| (r.get(0), r.get::<_, i64>(1).max(0) as u64))
            .collect())
    }

    /// The teams a results page may offer: those with results and those created.
    pub async fn known_teams(&self) -> Result<Vec<String>, ServerError> {
        let rows = self
            .client()
            .await?
            .query(
                "SELECT name FROM teams UNION SELECT DISTINCT team FROM player_totals ORDER BY 1",
                &[],
            )
            .await?;
        Ok(rows.iter().map(|r| r.get(0)).collect())
    }
}
