//! The reads the game's screens make, each one SQL statement with the same
//! answer as the SQLite store's for the same results (same grouping, same
//! tie order in byte order, averages as exact sums divided in `f64`).

use crate::days;
use crate::rows::Where;
use crate::{Database, ServerError};
use frontline_core::needs::NeedMap;
use frontline_results::board_sql::{leaderboard_sql_from, players_sql_from};
use frontline_results::codec::{NEED_COLUMNS, parse_timestamp, timestamp_text};
use frontline_results::{
    Filter, LeaderboardQuery, LeaderboardRow, Metric, NeedAverages, PlayerEntry, ProgressPoint,
    RankBy, TeamView, next_rank,
};
use uuid::Uuid;

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
        let (sql, w) = match team_board_since(query) {
            Some(answer) => answer,
            None => {
                let mut w = Where::of(&query.filter);
                let limit = w.push(Box::new(query.limit.map(i64::from)));
                let totals = totals_table(&query.filter);
                let sql = leaderboard_sql_from(totals, query, &w.clause, &format!("${limit}"));
                (sql, w)
            }
        };
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
                player_id: r.try_get(8)?,
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
    /// Without a period or a typed name the running totals' sums answer it,
    /// with a period but no scenario or player the team days' sums
    /// ([`crate::days`]); the same sums the results give, so the same means.
    pub async fn need_averages(&self, filter: &Filter) -> Result<NeedAverages, ServerError> {
        let sums = |source: &str| {
            let needs = NEED_COLUMNS
                .map(|c| format!("SUM(sum_{c})::float8 / NULLIF(SUM(n_{c}), 0)"))
                .join(", ");
            format!(
                "SELECT {needs}, SUM(sum_overall)::float8 / NULLIF(SUM(plays), 0), \
                 COALESCE(SUM(plays), 0)::bigint FROM {source}"
            )
        };
        let (sql, w) = if filter.totals_answer() {
            let w = Where::of(filter);
            (sums(&format!("{} {}", totals_table(filter), w.clause)), w)
        } else if days::answers(filter) {
            let (rows, w) = days::rows_of(filter);
            (sums(&rows), w)
        } else {
            let w = Where::of(filter);
            let needs = NEED_COLUMNS.map(mean).join(", ");
            let sql = format!(
                "SELECT {needs}, {}, COUNT(*) FROM results {}",
                mean("overall"),
                w.clause
            );
            (sql, w)
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

    /// The team screen: the team's means, those of the player with id
    /// `player` over the same results filter, and the team's weakest need
    /// (as [`frontline_results::ResultStore::team_view`]).
    pub async fn team_view(
        &self,
        filter: &Filter,
        player: Option<Uuid>,
    ) -> Result<TeamView, ServerError> {
        let team_averages = self.need_averages(filter).await?;
        let player_averages = match player {
            Some(id) => Some(
                self.need_averages(&Filter {
                    player_id: Some(id),
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

    /// Distinct scenario ids with a result matching `filter`, sorted (from
    /// the running totals when they answer the filter).
    pub async fn played_scenarios(&self, filter: &Filter) -> Result<Vec<String>, ServerError> {
        let w = Where::of(filter);
        let table = if filter.totals_answer() {
            "totals"
        } else {
            "results"
        };
        let sql = format!(
            "SELECT DISTINCT scenario_id FROM {table} {} ORDER BY scenario_id",
            w.clause
        );
        self.strings(&sql, &w).await
    }

    /// Every team with a result, sorted (the running totals hold a row for
    /// each team and player with a result).
    pub async fn teams(&self) -> Result<Vec<String>, ServerError> {
        let sql = "SELECT DISTINCT team FROM player_totals ORDER BY team";
        self.strings(sql, &Where::default()).await
    }

    /// Every player with a result (in `team` when given): one entry per
    /// team and player id with the newest name, sorted by name, team and id.
    pub async fn players(&self, team: Option<&str>) -> Result<Vec<PlayerEntry>, ServerError> {
        let w = Where::of(&Filter {
            team: team.map(str::to_string),
            ..Filter::default()
        });
        let sql = players_sql_from("player_totals", &w.clause);
        let rows = self.client().await?.query(&sql, &w.refs()).await?;
        rows.iter()
            .map(|r| {
                Ok(PlayerEntry {
                    player_id: r.try_get(0)?,
                    name: r.try_get(1)?,
                    team: r.try_get(2)?,
                })
            })
            .collect()
    }

    async fn strings(&self, sql: &str, w: &Where) -> Result<Vec<String>, ServerError> {
        let rows = self.client().await?.query(sql, &w.refs()).await?;
        Ok(rows.iter().map(|r| r.get(0)).collect())
    }
}

/// A board of teams over a period that runs up to now, without a scenario
/// or player (the dashboard's and the game's "last 30 days" of teams): the
/// period's plays, passes, sums and best scores come from the team days
/// ([`days::rows_of`]), and each team's players and last start from
/// `player_totals` (a player played since `since` exactly when their last
/// start is at or after it). The same columns, order and ties as
/// [`leaderboard_sql_from`] over the results; `None` for any other board.
fn team_board_since(query: &LeaderboardQuery) -> Option<(String, Where)> {
    let f = &query.filter;
    let since = f.since?;
    if query.by != RankBy::Team || f.until.is_some() || !days::answers(f) {
        return None;
    }
    let (rows, mut w) = days::rows_of(f);
    let mut players = format!(
        "last_started >= ${}",
        w.push(Box::new(timestamp_text(since)))
    );
    if let Some(team) = &f.team {
        players += &format!(" AND team = ${}", w.push(Box::new(team.clone())));
    }
    let limit = w.push(Box::new(query.limit.map(i64::from)));
    let average = "d.sum::float8 / d.plays";
    let order = match query.metric {
        Metric::Best => "d.best",
        Metric::Average => average,
    };
    let sql = format!(
        "SELECT d.team AS name, d.team AS team, d.best, {average}, d.plays AS n, d.passed, p.last, \
         p.players, NULL::uuid AS pid \
         FROM (SELECT team, MAX(best) AS best, SUM(sum_overall)::bigint AS sum, \
               SUM(plays)::bigint AS plays, SUM(passed)::bigint AS passed FROM {rows} \
               GROUP BY team) d \
         JOIN (SELECT team, COUNT(*) AS players, MAX(last_started) AS last FROM player_totals \
               WHERE {players} GROUP BY team) p ON p.team = d.team \
         ORDER BY {order} DESC, n DESC, name, team, pid LIMIT ${limit}"
    );
    Some((sql, w))
}

/// The running totals that answer `filter` (when any do): per scenario,
/// or summed over every scenario when no scenario is asked for.
fn totals_table(filter: &Filter) -> &'static str {
    if filter.scenario.is_some() {
        "totals"
    } else {
        "player_totals"
    }
}

fn count(n: i64) -> u64 {
    n.max(0) as u64
}

fn clamp_score(v: i16) -> u8 {
    v.clamp(0, 100) as u8
}
