//! [`ResultStore`] for [`SqliteStore`]: each query is one indexed SQL statement.

use super::rows::{RECORD_COLUMNS, decode, insert, need_averages_sql, where_clause};
use super::{SqliteStore, retry_busy};
use crate::board_sql::{leaderboard_sql, players_sql};
use crate::codec::{NEED_COLUMNS, parse_timestamp};
use crate::import::ImportError;
use crate::query::{
    Filter, LeaderboardQuery, LeaderboardRow, NeedAverages, PlayerEntry, ProgressPoint, next_rank,
};
use crate::record::ResultRecord;
use crate::store::{
    Conflict, ImportReport, ImportSummary, MAX_REPORTED_PROBLEMS, ResultStore, StoreError, Visit,
};
use frontline_core::needs::NeedMap;
use rusqlite::{Connection, TransactionBehavior, params_from_iter};
use uuid::Uuid;

impl SqliteStore {
    /// Runs `write` in one `BEGIN IMMEDIATE` transaction, retrying while busy.
    pub(super) fn write<T>(
        &self,
        mut write: impl FnMut(&Connection) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let mut conn = self.lock();
        let mut failure = None;
        let outcome = retry_busy(|| {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            match write(&tx) {
                Ok(v) => tx.commit().map(|()| Some(v)),
                Err(e) => match super::backend_error(e) {
                    Ok(sqlite) => Err(sqlite),
                    Err(other) => {
                        failure = Some(other);
                        Ok(None)
                    }
                },
            }
        })?;
        drop(conn);
        match (outcome, failure) {
            (Some(v), _) => {
                self.remember_checked();
                Ok(v)
            }
            (None, Some(e)) => Err(e),
            (None, None) => Err(StoreError::Busy),
        }
    }

    fn records(&self, sql: &str, values: &[String]) -> Result<Vec<ResultRecord>, StoreError> {
        let conn = self.lock();
        let mut stmt = conn.prepare_cached(sql)?;
        let rows = stmt.query_map(params_from_iter(values), decode)?;
        rows.map(|r| r?).collect()
    }
}

impl ResultStore for SqliteStore {
    fn insert(&self, record: &ResultRecord) -> Result<bool, StoreError> {
        self.write(|tx| insert(tx, record))
    }

    fn import(&self, records: &[ResultRecord]) -> Result<ImportSummary, StoreError> {
        self.write(|tx| {
            let mut summary = ImportSummary::default();
            for r in records {
                merge(tx, r, &mut summary)?;
            }
            Ok(summary)
        })
    }

    fn import_stream(
        &self,
        records: &mut dyn Iterator<Item = Result<ResultRecord, Vec<ImportError>>>,
    ) -> Result<ImportReport, StoreError> {
        let mut started = false;
        self.write(|tx| {
            // A retry after records were consumed would lose them: only the
            // first attempt may read the stream (retries happen at BEGIN).
            if std::mem::replace(&mut started, true) {
                return Err(StoreError::Busy);
            }
            let mut report = ImportReport::default();
            for item in &mut *records {
                match item {
                    Ok(r) if report.problems.is_empty() => merge(tx, &r, &mut report.summary)?,
                    Ok(_) => {}
                    Err(problems) => {
                        for p in problems {
                            if report.problems.len() < MAX_REPORTED_PROBLEMS {
                                report.problems.push(p);
                            } else {
                                report.more_problems += 1;
                            }
                        }
                    }
                }
            }
            if report.problems.is_empty() {
                Ok(report)
            } else {
                // Not an `Ok`: `write` rolls the transaction back.
                report.summary = ImportSummary::default();
                Err(StoreError::ImportRejected(Box::new(report)))
            }
        })
        .or_else(|e| match e {
            StoreError::ImportRejected(report) => Ok(*report),
            other => Err(other),
        })
    }

    fn for_each(&self, filter: &Filter, visit: &mut Visit<'_>) -> Result<(), StoreError> {
        let (clause, values) = where_clause(filter);
        let sql = format!("SELECT {RECORD_COLUMNS} FROM results {clause} ORDER BY started_at, id");
        let conn = self.lock();
        let mut stmt = conn.prepare_cached(&sql)?;
        let mut rows = stmt.query(params_from_iter(&values))?;
        while let Some(row) = rows.next()? {
            let record = match decode(row) {
                Ok(decoded) => decoded,
                Err(e) => Err(StoreError::BadRow {
                    id: row.get::<_, String>(0).unwrap_or_default(),
                    detail: e.to_string(),
                }),
            };
            visit(record)?;
        }
        Ok(())
    }

    fn get(&self, id: Uuid) -> Result<Option<ResultRecord>, StoreError> {
        let sql = format!("SELECT {RECORD_COLUMNS} FROM results WHERE id = ?");
        Ok(self.records(&sql, &[id.to_string()])?.pop())
    }

    fn list(&self, filter: &Filter) -> Result<Vec<ResultRecord>, StoreError> {
        let (clause, values) = where_clause(filter);
        let sql = format!("SELECT {RECORD_COLUMNS} FROM results {clause} ORDER BY started_at, id");
        self.records(&sql, &values)
    }

    fn count(&self, filter: &Filter) -> Result<u64, StoreError> {
        let (clause, values) = where_clause(filter);
        let conn = self.lock();
        let mut stmt = conn.prepare_cached(&format!("SELECT COUNT(*) FROM results {clause}"))?;
        Ok(stmt.query_row(params_from_iter(&values), |r| r.get(0))?)
    }

    fn leaderboard(&self, query: &LeaderboardQuery) -> Result<Vec<LeaderboardRow>, StoreError> {
        let (clause, mut values) = where_clause(&query.filter);
        // Without a time window the running totals answer the same question
        // from one row per player and scenario (see schema version 3).
        let sql = leaderboard_sql(query, &clause, "?");
        values.push(query.limit.map_or(-1, i64::from).to_string());
        let conn = self.lock();
        let mut stmt = conn.prepare_cached(&sql)?;
        let raw = stmt
            .query_map(params_from_iter(&values), |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, u8>(2)?,
                    r.get::<_, f64>(3)?,
                    r.get::<_, u64>(4)?,
                    r.get::<_, u64>(5)?,
                    r.get::<_, String>(6)?,
                    r.get::<_, u64>(7)?,
                    r.get::<_, Option<String>>(8)?,
                ))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        let mut rows: Vec<LeaderboardRow> = Vec::with_capacity(raw.len());
        for (name, team, best, average, plays, passed, last, players, id) in raw {
            let bad = |detail: String| StoreError::BadRow {
                id: name.clone(),
                detail,
            };
            let player_id = match id {
                Some(id) => Some(id.parse().map_err(|_| bad(format!("player_id `{id}`")))?),
                None => None,
            };
            let score = query.metric.score(best, average);
            let rank = next_rank(&rows, score);
            rows.push(LeaderboardRow {
                rank,
                last_played: parse_timestamp(&last)
                    .ok_or_else(|| bad(format!("started_at `{last}`")))?,
                player_id,
                name,
                team,
                score,
                best,
                average,
                plays,
                passed,
                players,
            });
        }
        Ok(rows)
    }

    fn need_averages(&self, filter: &Filter) -> Result<NeedAverages, StoreError> {
        let (clause, values) = where_clause(filter);
        let sql = format!(
            "SELECT {}, AVG(overall), COUNT(*) FROM results {clause}",
            need_averages_sql()
        );
        let conn = self.lock();
        let mut stmt = conn.prepare_cached(&sql)?;
        Ok(stmt.query_row(params_from_iter(&values), |r| {
            let mut needs = NeedMap::default();
            for (i, slot) in needs.0.iter_mut().enumerate() {
                *slot = r.get(i)?;
            }
            Ok(NeedAverages {
                needs,
                overall: r.get(6)?,
                plays: r.get(7)?,
            })
        })?)
    }

    fn progress(&self, filter: &Filter) -> Result<Vec<ProgressPoint>, StoreError> {
        let (clause, values) = where_clause(filter);
        let sql = format!(
            "SELECT started_at, scenario_id, {}, overall, passed FROM results {clause} \
             ORDER BY started_at, id",
            NEED_COLUMNS.join(", ")
        );
        let conn = self.lock();
        let mut stmt = conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(params_from_iter(&values), |r| {
            let mut needs = NeedMap::default();
            for (i, slot) in needs.0.iter_mut().enumerate() {
                *slot = r.get(2 + i)?;
            }
            Ok((
                r.get::<_, String>(0)?,
                ProgressPoint {
                    started_at: chrono::DateTime::UNIX_EPOCH,
                    scenario_id: r.get(1)?,
                    needs,
                    overall: r.get(8)?,
                    passed: r.get(9)?,
                },
            ))
        })?;
        rows.map(|row| {
            let (at, mut point) = row?;
            point.started_at = parse_timestamp(&at).ok_or_else(|| StoreError::BadRow {
                id: point.scenario_id.clone(),
                detail: format!("started_at `{at}`"),
            })?;
            Ok(point)
        })
        .collect()
    }

    fn played_scenarios(&self, filter: &Filter) -> Result<Vec<String>, StoreError> {
        let (clause, values) = where_clause(filter);
        let sql = format!("SELECT DISTINCT scenario_id FROM results {clause} ORDER BY scenario_id");
        self.strings(&sql, &values)
    }

    fn teams(&self) -> Result<Vec<String>, StoreError> {
        self.strings("SELECT DISTINCT team FROM results ORDER BY team", &[])
    }

    fn players(&self, team: Option<&str>) -> Result<Vec<PlayerEntry>, StoreError> {
        let (clause, values) = where_clause(&Filter {
            team: team.map(str::to_string),
            ..Filter::default()
        });
        let sql = players_sql(&clause);
        let conn = self.lock();
        let mut stmt = conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(params_from_iter(&values), |r| {
            Ok((r.get::<_, String>(0)?, r.get(1)?, r.get(2)?))
        })?;
        rows.map(|row| {
            let (id, name, team) = row?;
            let player_id = id.parse().map_err(|_| StoreError::BadRow {
                id: id.clone(),
                detail: "player_id is not a UUID".into(),
            })?;
            Ok(PlayerEntry {
                player_id,
                name,
                team,
            })
        })
        .collect()
    }
}

/// Stores `r`, or counts it as already present, or reports the conflict.
fn merge(
    conn: &Connection,
    r: &ResultRecord,
    summary: &mut ImportSummary,
) -> Result<(), StoreError> {
    if insert(conn, r)? {
        summary.added += 1;
        return Ok(());
    }
    let sql = format!("SELECT {RECORD_COLUMNS} FROM results WHERE id = ?");
    let mut stmt = conn.prepare_cached(&sql)?;
    let stored = stmt.query_row([r.id.to_string()], decode)?;
    let fields = match stored {
        Ok(stored) => stored.differing_fields(r),
        Err(_) => vec!["stored row unreadable"],
    };
    if fields.is_empty() {
        summary.already_present += 1;
    } else {
        summary.conflicts.push(Conflict { id: r.id, fields });
    }
    Ok(())
}

impl SqliteStore {
    fn strings(&self, sql: &str, values: &[String]) -> Result<Vec<String>, StoreError> {
        let conn = self.lock();
        let mut stmt = conn.prepare_cached(sql)?;
        let rows = stmt.query_map(params_from_iter(values), |r| r.get(0))?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    }
}
