//! Between [`ResultRecord`] and a `results` row, and a [`Filter`] as SQL
//! with numbered parameters.

use crate::ServerError;
use frontline_core::needs::NeedMap;
use frontline_results::codec::{
    outcome_text, parse_grade, parse_outcome, parse_timestamp, timestamp_text,
};
use frontline_results::{Filter, ResultRecord};
use tokio_postgres::Row;
use tokio_postgres::types::ToSql;

/// Columns [`decode`] reads, in order.
pub const RECORD_COLUMNS: &str = "id, player, team, scenario_id, scenario_hash, scenario_title, \
     seed, started_at, duration_ms, outcome, \
     friendliness, empathy, fairness, options, control, information, \
     overall, grade, passed, transcript";

/// `INSERT` of one record that does nothing when its id is stored.
pub const INSERT_SQL: &str = "INSERT INTO results (id, player, team, scenario_id, scenario_hash, \
     scenario_title, seed, started_at, duration_ms, outcome, \
     friendliness, empathy, fairness, options, control, information, \
     overall, grade, passed, transcript) VALUES \
     ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20) \
     ON CONFLICT (id) DO NOTHING";

/// Parameters per row of [`INSERT_SQL`].
const INSERT_PARAMS: usize = 20;

/// [`INSERT_SQL`] for `rows` records at once (their parameters one record
/// after the other). PostgreSQL takes at most 65,535 parameters: 3,276 rows.
pub fn insert_many_sql(rows: usize) -> String {
    let (head, _) = INSERT_SQL
        .split_once("VALUES")
        .expect("INSERT_SQL has VALUES");
    let tuples: Vec<String> = (0..rows)
        .map(|row| {
            let numbers: Vec<String> = (1..=INSERT_PARAMS)
                .map(|i| format!("${}", row * INSERT_PARAMS + i))
                .collect();
            format!("({})", numbers.join(", "))
        })
        .collect();
    format!(
        "{head}VALUES {} ON CONFLICT (id) DO NOTHING",
        tuples.join(", ")
    )
}

/// One SQL parameter.
pub type Param = Box<dyn ToSql + Sync + Send>;

/// The parameters of [`INSERT_SQL`] for `r`.
pub fn insert_params(r: &ResultRecord) -> Result<Vec<Param>, ServerError> {
    let transcript = serde_json::to_string(&r.transcript).map_err(|e| ServerError::BadRow {
        id: r.id.to_string(),
        detail: e.to_string(),
    })?;
    let mut params: Vec<Param> = vec![
        Box::new(r.id),
        Box::new(r.player.clone()),
        Box::new(r.team.clone()),
        Box::new(r.scenario_id.clone()),
        Box::new(r.scenario_hash.clone()),
        Box::new(r.scenario_title.clone()),
        Box::new(r.seed.to_string()),
        Box::new(timestamp_text(r.started_at)),
        Box::new(i64::try_from(r.duration_ms).unwrap_or(i64::MAX)),
        Box::new(outcome_text(r.outcome).to_string()),
    ];
    for score in r.needs.0 {
        params.push(Box::new(score.map(i16::from)));
    }
    params.push(Box::new(i16::from(r.overall)));
    params.push(Box::new(r.grade.to_string()));
    params.push(Box::new(r.passed));
    params.push(Box::new(transcript));
    Ok(params)
}

/// Reads a row selected with [`RECORD_COLUMNS`].
pub fn decode(row: &Row) -> Result<ResultRecord, ServerError> {
    let id: uuid::Uuid = row.try_get(0)?;
    let bad = |what: &str| ServerError::BadRow {
        id: id.to_string(),
        detail: what.to_string(),
    };
    let text = |i: usize| row.try_get::<_, String>(i);
    let score = |i: usize| -> Result<Option<u8>, ServerError> {
        let v: Option<i16> = row.try_get(i)?;
        v.map(|v| u8::try_from(v).map_err(|_| bad("score out of range")))
            .transpose()
    };
    let mut needs = NeedMap::<Option<u8>>::default();
    for (i, slot) in needs.0.iter_mut().enumerate() {
        *slot = score(10 + i)?;
    }
    Ok(ResultRecord {
        id,
        player: text(1)?,
        team: text(2)?,
        scenario_id: text(3)?,
        scenario_hash: text(4)?,
        scenario_title: text(5)?,
        seed: text(6)?.parse().map_err(|_| bad("seed"))?,
        started_at: parse_timestamp(&text(7)?).ok_or_else(|| bad("started_at"))?,
        duration_ms: u64::try_from(row.try_get::<_, i64>(8)?).map_err(|_| bad("duration"))?,
        outcome: parse_outcome(&text(9)?).ok_or_else(|| bad("outcome"))?,
        needs,
        overall: score(16)?.ok_or_else(|| bad("overall"))?,
        grade: parse_grade(&text(17)?).ok_or_else(|| bad("grade"))?,
        passed: row.try_get(18)?,
        transcript: serde_json::from_str(&text(19)?)
            .map_err(|e| bad(&format!("transcript: {e}")))?,
    })
}

/// A `WHERE` clause and its parameters, numbered from `$1`; more parameters
/// can follow with [`Where::push`].
#[derive(Default)]
pub struct Where {
    /// `WHERE ...`, or empty when nothing filters.
    pub clause: String,
    /// The parameters, in order.
    pub params: Vec<Param>,
}

impl Where {
    /// The clause for `filter`.
    pub fn of(filter: &Filter) -> Where {
        let mut terms: Vec<String> = Vec::new();
        let mut out = Where::default();
        let texts = [
            ("team =", filter.team.clone()),
            ("player =", filter.player.clone()),
            ("scenario_id =", filter.scenario.clone()),
            ("started_at >=", filter.since.map(timestamp_text)),
            ("started_at <", filter.until.map(timestamp_text)),
        ];
        for (term, value) in texts {
            if let Some(value) = value {
                let n = out.push(Box::new(value));
                terms.push(format!("{term} ${n}"));
            }
        }
        if !terms.is_empty() {
            out.clause = format!("WHERE {}", terms.join(" AND "));
        }
        out
    }

    /// Adds a parameter; returns its number (for `$n`).
    pub fn push(&mut self, param: Param) -> usize {
        self.params.push(param);
        self.params.len()
    }

    /// The parameters as the driver takes them.
    pub fn refs(&self) -> Vec<&(dyn ToSql + Sync)> {
        self.params
            .iter()
            .map(|p| p.as_ref() as &(dyn ToSql + Sync))
            .collect()
    }
}
