//! The reads the game's screens make, each one SQL statement with the same
//! answer as the SQLite store's for the same results (same grouping, same
//! tie order in byte order, averages as exact sums divided in `f64`).

use crate::rows::Where;
use crate::{Database, ServerError};
use frontline_core::needs::NeedMap;
use frontline_results::codec::{NEED_COLUMNS, parse_timestamp};
use frontline_results::{
    Filter, LeaderboardQuery, LeaderboardRow, Metric, NeedAverages, ProgressPoint, RankBy,
    TeamView, next_rank,
};

/// `sum / count` in `f64` like SQLite's `AVG` of integers (NULL without rows).
fn mean(column: &str) -> String {
    format!("SUM({column})::float8 / NULLIF(COUNT({column}), 0)")
}

impl Database {
    /// Number of results matching `filter`.
    pub async fn count(&self, filter: &Filter) -> Result<u64, ServerError> {
        let w = Where::of(filter);
        let sql = format!("SELECT COUNT(*) FROM results {}", w.clause);
        let n: i64 = self
            .client()
            .await?
            .query_one(&sql, &w.refs())
            .await?
            .get(0);
        Ok(n.max(0) as u64)
    }

    /// Ranked rows, best first ("1, 2, 2, 4" on ties). Without a time window
    /// they come from the running totals (one row per player and scenario).
    pub async fn leaderboard(
        &self,
        query: &LeaderboardQuery,
    ) -> Result<Vec<LeaderboardRow>, ServerError> {
        let mut w = Where::of(&query.filter);
        let (name, group, players) = match query.by {
            RankBy::Player => ("player", "team, player", "1::bigint"),
            RankBy::Team => ("team", "team", "COUNT(DISTINCT player)"),
        };
        let (table, best, sum, plays, passed, last) = if table_for(&query.filter) == "totals" {
            let plays = "SUM(plays)::bigint";
            let passed = "SUM(passed)::bigint";
            (
                "totals",
                "MAX(best)",
                "SUM(sum_overall)",
                plays,
                passed,
                "MAX(last_started)",
            )
        } else {
            let passed = "SUM(passed::int)::bigint";
            (
                "results",
                "MAX(overall)",
                "SUM(overall)",
                "COUNT(*)",
                passed,
                "MAX(started_at)",
            )
        };
        let average = format!("{sum}::float8 / {plays}");
        let order = match query.metric {
            Metric::Best => best,
            Metric::Average => &average,
        };
        let limit = w.push(Box::new(query.limit.map(i64::from)));
        let sql = format!(
            "SELECT {name}, team, {best}, {average}, {plays}, {passed}, {last}, {players} \
             FROM {table} {} GROUP BY {group} \
             ORDER BY {order} DESC, {plays} DESC, {name}, team LIMIT ${limit}",
            w.clause
        );
        let raw = self.client().await?.query(&sql, &w.refs()).await?;
        let mut rows: Vec<LeaderboardRow> = Vec::with_capacity(raw.len());
        for r in raw {
            let best = u8::try_from(r.try_get::<_, i16>(2)?).unwrap_or(0);
            let average: f64 = r.try_get(3)?;
            let score = query.metric.score(best, average);
            let rank = next_rank(&rows, score);
            let name: String = r.try_get(0)?;
            let last: String = r.try_get(6)?;
            rows.push(LeaderboardRow {
                rank,
                last_played: parse_timestamp(&last).ok_or_else(|| ServerError::BadRow {
                    id: name.clone(),
                    detail: format!("started_at `{last}`"),
                })?,
                name,
                team: r.try_get(1)?,
                score,
                best,
                average,
                plays: count(r.try_get(4)?),
                passed: count(r.try_get(5)?),
                players: count(r.try_get(7)?),
            });
        }
        Ok(rows)
    }

    /// Mean per need, mean overall and number of results matching `filter`.
    /// Without a time window from the running totals' sums and counts.
    pub async fn need_averages(&self, filter: &Filter) -> Result<NeedAverages, ServerError> {
        let w = Where::of(filter);
        let sql = if table_for(filter) == "totals" {
            let needs = NEED_COLUMNS
                .map(|n| format!("SUM({n}_sum)::float8 / NULLIF(SUM({n}_count), 0)::float8"))
                .join(", ");
            format!(
                "SELECT {needs}, SUM(sum_overall)::float8 / NULLIF(SUM(plays), 0)::float8, \
                 COALESCE(SUM(plays), 0)::bigint FROM totals {}",
                w.clause
            )
        } else {
            let needs = NEED_COLUMNS.map(mean).join(", ");
            format!(
                "SELECT {needs}, {}, COUNT(*) FROM results {}",
                mean("overall"),
                w.clause
            )
        };
        let r = self.client().await?.query_one(&sql, &w.refs()).await?;
        let mut needs = NeedMap::default();
        for (i, slot) in needs.0.iter_mut().enumerate() {
            *slot = r.try_get(i)?;
        }
        Ok(NeedAverages {
            needs,
            overall: r.try_get(6)?,
            plays: count(r.try_get(7)?),
        })
    }

    /// The team screen: the team's means, `player`'s over the same results
    /// filter, and the team's weakest need (as [`frontline_results::ResultStore::team_view`]).
    pub async fn team_view(
        &self,
        filter: &Filter,
        player: Option<&str>,
    ) -> Result<TeamView, ServerError> {
        let team_averages = self.need_averages(filter).await?;
        let player_averages = match player {
            Some(p) => Some(
                self.need_averages(&Filter {
                    player: Some(p.to_string()),
                    ..filter.clone()
                })
                .await?,
            ),
            None => None,
        };
        Ok(TeamView::new(filter, team_averages, player_averages))
    }

    /// The results matching `filter` as progress points, oldest first.
    pub async fn progress(&self, filter: &Filter) -> Result<Vec<ProgressPoint>, ServerError> {
        let w = Where::of(filter);
        let sql = format!(
            "SELECT started_at, scenario_id, {}, overall, passed FROM results {} \
             ORDER BY started_at, id",
            NEED_COLUMNS.join(", "),
            w.clause
        );
        let rows = self.client().await?.query(&sql, &w.refs()).await?;
        rows.iter()
            .map(|r| {
                let at: String = r.try_get(0)?;
                let scenario_id: String = r.try_get(1)?;
                let mut needs = NeedMap::default();
                for (i, slot) in needs.0.iter_mut().enumerate() {
                    *slot = r.try_get::<_, Option<i16>>(2 + i)?.map(clamp_score);
                }
                Ok(ProgressPoint {
                    started_at: parse_timestamp(&at).ok_or_else(|| ServerError::BadRow {
                        id: scenario_id.clone(),
                        detail: format!("started_at `{at}`"),
                    })?,
                    scenario_id,
                    needs,
                    overall: clamp_score(r.try_get(8)?),
                    passed: r.try_get(9)?,
                })
            })
            .collect()
    }

    /// Distinct scenario ids with a result matching `filter`, sorted.
    /// Without a time window from the running totals (one row per team,
    /// player and scenario), not from every result.
    pub async fn played_scenarios(&self, filter: &Filter) -> Result<Vec<String>, ServerError> {
        let w = Where::of(filter);
        let sql = format!(
            "SELECT DISTINCT scenario_id FROM {} {} ORDER BY scenario_id",
            table_for(filter),
            w.clause
        );
        self.strings(&sql, &w).await
    }

    /// Every team with a result, sorted (from the running totals).
    pub async fn teams(&self) -> Result<Vec<String>, ServerError> {
        let sql = "SELECT DISTINCT team FROM totals ORDER BY team";
        self.strings(sql, &Where::default()).await
    }

    /// Every player with a result (in `team` when given), sorted.
    pub async fn players(&self, team: Option<&str>) -> Result<Vec<String>, ServerError> {
        let w = Where::of(&Filter {
            team: team.map(str::to_string),
            ..Filter::default()
        });
        let sql = format!(
            "SELECT DISTINCT player FROM totals {} ORDER BY player",
            w.clause
        );
        self.strings(&sql, &w).await
    }

    async fn strings(&self, sql: &str, w: &Where) -> Result<Vec<String>, ServerError> {
        let rows = self.client().await?.query(sql, &w.refs()).await?;
        Ok(rows.iter().map(|r| r.get(0)).collect())
    }
}

/// `totals` when `filter` has no time window (its other conditions are
/// columns of both tables), else `results`.
fn table_for(filter: &Filter) -> &'static str {
    if filter.since.is_none() && filter.until.is_none() {
        "totals"
    } else {
        "results"
    }
}

fn count(n: i64) -> u64 {
    n.max(0) as u64
}

fn clamp_score(v: i16) -> u8 {
    v.clamp(0, 100) as u8
}
