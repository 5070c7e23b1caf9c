//! Between [`ResultRecord`] and a `results` row, and filters as SQL.

use crate::codec::{NEED_COLUMNS, outcome_text};
use crate::codec::{parse_grade, parse_outcome, parse_timestamp, timestamp_text};
use crate::query::Filter;
use crate::record::ResultRecord;
use crate::store::StoreError;
use frontline_core::needs::NeedMap;
use rusqlite::{Connection, Row, params};

/// Columns [`decode`] reads, in order.
pub const RECORD_COLUMNS: &str = "id, player, team, scenario_id, scenario_hash, scenario_title, \
     seed, started_at, duration_ms, outcome, \
     friendliness, empathy, fairness, options, control, information, \
     overall, grade, passed, transcript, player_id";

/// Inserts `r` unless its id is stored; true when it was new.
pub fn insert(conn: &Connection, r: &ResultRecord) -> Result<bool, StoreError> {
    let transcript = serde_json::to_string(&r.transcript).map_err(|e| StoreError::BadRow {
        id: r.id.to_string(),
        detail: e.to_string(),
    })?;
    let mut stmt = conn.prepare_cached(&format!(
        "INSERT OR IGNORE INTO results ({RECORD_COLUMNS}) VALUES \
         (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, \
         ?21)"
    ))?;
    let n = &r.needs.0;
    let added = stmt.execute(params![
        r.id.to_string(),
        r.player,
        r.team,
        r.scenario_id,
        r.scenario_hash,
        r.scenario_title,
        r.seed.to_string(),
        timestamp_text(r.started_at),
        i64::try_from(r.duration_ms).unwrap_or(i64::MAX),
        outcome_text(r.outcome),
        n[0],
        n[1],
        n[2],
        n[3],
        n[4],
        n[5],
        r.overall,
        r.grade.to_string(),
        r.passed,
        transcript,
        r.player_id.to_string(),
    ])?;
    Ok(added == 1)
}

/// Reads a row selected with [`RECORD_COLUMNS`].
pub fn decode(row: &Row<'_>) -> rusqlite::Result<Result<ResultRecord, StoreError>> {
    decode_at(row, 0)
}

/// Reads [`RECORD_COLUMNS`] starting at column `at` of `row`.
pub fn decode_at(row: &Row<'_>, at: usize) -> rusqlite::Result<Result<ResultRecord, StoreError>> {
    let id: String = row.get(at)?;
    let bad = |what: &str| StoreError::BadRow {
        id: id.clone(),
        detail: what.to_string(),
    };
    let text = |i: usize| row.get::<_, String>(at + i);
    let mut needs = NeedMap::<Option<u8>>::default();
    for (i, slot) in needs.0.iter_mut().enumerate() {
        *slot = row.get(at + 10 + i)?;
    }
    let parsed = (|| {
        Ok(ResultRecord {
            id: id.parse().map_err(|_| bad("id is not a UUID"))?,
            player_id: text(20)?
                .parse()
                .map_err(|_| bad("player_id is not a UUID"))?,
            player: text(1)?,
            team: text(2)?,
            scenario_id: text(3)?,
            scenario_hash: text(4)?,
            scenario_title: text(5)?,
            seed: text(6)?.parse().map_err(|_| bad("seed"))?,
            started_at: parse_timestamp(&text(7)?).ok_or_else(|| bad("started_at"))?,
            duration_ms: u64::try_from(row.get::<_, i64>(at + 8)?).map_err(|_| bad("duration"))?,
            outcome: parse_outcome(&text(9)?).ok_or_else(|| bad("outcome"))?,
            needs,
            overall: row.get(at + 16)?,
            grade: parse_grade(&text(17)?).ok_or_else(|| bad("grade"))?,
            passed: row.get(at + 18)?,
            transcript: serde_json::from_str(&text(19)?)
                .map_err(|e| bad(&format!("transcript: {e}")))?,
        })
    })();
    match parsed {
        Err(e) => match super::backend_error(e) {
            Ok(sqlite) => Err(sqlite),
            Err(other) => Ok(Err(other)),
        },
        ok => Ok(ok),
    }
}

/// `WHERE ...` (or "") for `filter`, with its parameters in order.
pub fn where_clause(filter: &Filter) -> (String, Vec<String>) {
    let mut terms = Vec::new();
    let mut values = Vec::new();
    let mut add = |term: &str, value: String| {
        terms.push(term.to_string());
        values.push(value);
    };
    if let Some(t) = &filter.team {
        add("team = ?", t.clone());
    }
    if let Some(p) = &filter.player {
        add("player = ?", p.clone());
    }
    if let Some(id) = filter.player_id {
        add("player_id = ?", id.to_string());
    }
    if let Some(s) = &filter.scenario {
        add("scenario_id = ?", s.clone());
    }
    if let Some(t) = filter.since {
        add("started_at >= ?", timestamp_text(t));
    }
    if let Some(t) = filter.until {
        add("started_at < ?", timestamp_text(t));
    }
    if terms.is_empty() {
        (String::new(), values)
    } else {
        (format!("WHERE {}", terms.join(" AND ")), values)
    }
}

/// `AVG(<need>)` for every need, comma-separated, in [`frontline_core::needs::Need::ALL`] order.
pub fn need_averages_sql() -> String {
    NEED_COLUMNS.map(|c| format!("AVG({c})")).join(", ")
}
