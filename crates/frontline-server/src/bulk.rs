//! Many results at once: a binary `COPY` into a staging table, then one
//! set-based pass that adds the new rows to the running totals, the team
//! days and the encounter counters. The per-row triggers do the same work one result at
//! a time; this path loads a million results in minutes,
//! for `serve admin demo-data` and the benchmarks, and
//! [`Database::rebuild_aggregates`] recomputes every aggregate from the
//! results (after a restore that skipped triggers, say).
//!
//! The bulk path holds a lock that makes concurrent posts wait until it
//! commits (disabling a trigger locks the table against writes), so the
//! totals can never count a result twice or miss one.

use crate::rows::{RECORD_COLUMNS, insert_params};
use crate::{Database, ServerError};
use frontline_results::ResultRecord;
use frontline_results::board_sql::newest_name;
use frontline_results::codec::NEED_COLUMNS;
use tokio_postgres::binary_copy::BinaryCopyInWriter;
use tokio_postgres::types::{ToSql, Type};

/// Types of [`RECORD_COLUMNS`] (the columns of an insert), in order (the binary `COPY` format needs them).
const COLUMN_TYPES: [Type; 21] = [
    Type::UUID,
    Type::TEXT,
    Type::TEXT,
    Type::TEXT,
    Type::TEXT,
    Type::TEXT,
    Type::TEXT,
    Type::TEXT,
    Type::INT8,
    Type::TEXT,
    Type::INT2,
    Type::INT2,
    Type::INT2,
    Type::INT2,
    Type::INT2,
    Type::INT2,
    Type::INT2,
    Type::TEXT,
    Type::BOOL,
    Type::TEXT,
    Type::UUID,
];

/// The triggers the bulk path stands in for while it runs.
const TRIGGERS: [&str; 2] = ["results_totals", "results_encounters"];

impl Database {
    /// Stores the records whose ids are not stored yet (one transaction);
    /// returns how many were new. Same ids twice in `records`: the first
    /// is kept. Totals and encounter counters end exactly as if each new
    /// record had been posted.
    pub async fn bulk_insert(&self, records: &[ResultRecord]) -> Result<u64, ServerError> {
        let mut client = self.client().await?;
        let tx = client.transaction().await?;
        tx.batch_execute(
            "CREATE TEMP TABLE staged (LIKE results INCLUDING DEFAULTS) ON COMMIT DROP",
        )
        .await?;
        let sink = tx
            .copy_in(&format!(
                "COPY staged ({RECORD_COLUMNS}) FROM STDIN (FORMAT binary)"
            ))
            .await?;
        let mut writer = std::pin::pin!(BinaryCopyInWriter::new(sink, &COLUMN_TYPES));
        for record in records {
            let params = insert_params(record)?;
            let refs: Vec<&(dyn ToSql + Sync)> = params
                .iter()
                .map(|p| p.as_ref() as &(dyn ToSql + Sync))
                .collect();
            writer.as_mut().write(&refs).await?;
        }
        writer.as_mut().finish().await?;
        let mut sql: Vec<String> = TRIGGERS
            .iter()
            .map(|t| format!("ALTER TABLE results DISABLE TRIGGER {t}"))
            .collect();
        // Keep the first of each id, and only ids not stored yet.
        sql.push(
            "DELETE FROM staged s USING staged t WHERE s.id = t.id AND s.ctid > t.ctid".into(),
        );
        sql.push("DELETE FROM staged s USING results r WHERE r.id = s.id".into());
        sql.push("INSERT INTO results SELECT * FROM staged".into());
        sql.extend(
            TRIGGERS
                .iter()
                .map(|t| format!("ALTER TABLE results ENABLE TRIGGER {t}")),
        );
        tx.batch_execute(&sql.join(";\n")).await?;
        let added: i64 = tx
            .query_one("SELECT COUNT(*) FROM staged", &[])
            .await?
            .get(0);
        tx.batch_execute(&aggregate_sql("staged")).await?;
        tx.commit().await?;
        Ok(added.max(0) as u64)
    }

    /// Recomputes the running totals and the encounter counters from the
    /// stored results, in one transaction.
    pub async fn rebuild_aggregates(&self) -> Result<(), ServerError> {
        let mut client = self.client().await?;
        let tx = client.transaction().await?;
        tx.batch_execute(
            "LOCK TABLE results IN SHARE MODE;
             DELETE FROM totals; DELETE FROM player_totals; DELETE FROM team_days; DELETE FROM encounter_plays; DELETE FROM encounter_nodes;
             DELETE FROM encounter_moves; DELETE FROM encounter_endings;",
        )
        .await?;
        tx.batch_execute(&aggregate_sql("results")).await?;
        tx.commit().await?;
        Ok(())
    }
}

/// Adds the results in table `source` to the totals, the team days and
/// the encounter counters (each under its day and under all time), as the triggers would
/// one by one. Rows are upserted in key order, as the triggers do, so
/// concurrent writers lock alike.
fn aggregate_sql(source: &str) -> String {
    [
        all_totals_sql(source),
        crate::days::add_sql(source),
        counters_sql(source, "left(r.started_at, 10)::date"),
        counters_sql(source, "'infinity'::date"),
    ]
    .join("\n")
}

/// Adds the results in table `source` to the running totals (the rules of
/// `results_add_to_totals`: newest name, sums, best, last start).
fn totals_sql(source: &str) -> String {
    running_totals_sql(source, "totals", "team, player_id, scenario_id")
}

/// Adds the results in table `source` to both running totals.
pub(crate) fn all_totals_sql(source: &str) -> String {
    totals_sql(source) + &player_totals_sql(source)
}

/// Adds the results in table `source` to `player_totals` (the totals over
/// every scenario).
fn player_totals_sql(source: &str) -> String {
    running_totals_sql(source, "player_totals", "team, player_id")
}

/// Adds the results in `source` to running totals `table` keyed by `key`.
fn running_totals_sql(source: &str, table: &str, key: &str) -> String {
    let newest = newest_name("started_at");
    let sums: String = NEED_COLUMNS
        .iter()
        .map(|c| format!(", COALESCE(SUM({c}), 0), COUNT({c})"))
        .collect();
    let columns: String = NEED_COLUMNS
        .iter()
        .map(|c| format!(", sum_{c}, n_{c}"))
        .collect();
    let adds: String = NEED_COLUMNS
        .iter()
        .flat_map(|c| [format!("sum_{c}"), format!("n_{c}")])
        .map(|c| format!(",\n    {c} = {table}.{c} + excluded.{c}"))
        .collect();
    format!(
        r#"
INSERT INTO {table} ({key}, player, plays, sum_overall, best, passed, last_started{columns})
SELECT {key}, {newest}, COUNT(*), SUM(overall), MAX(overall),
       SUM(passed::int), MAX(started_at){sums}
FROM {source} GROUP BY {key} ORDER BY {key}
ON CONFLICT ({key}) DO UPDATE SET
    player = CASE WHEN (excluded.last_started, excluded.player) > ({table}.last_started, {table}.player)
                  THEN excluded.player ELSE {table}.player END,
    plays = {table}.plays + excluded.plays,
    sum_overall = {table}.sum_overall + excluded.sum_overall,
    best = GREATEST({table}.best, excluded.best),
    passed = {table}.passed + excluded.passed,
    last_started = GREATEST({table}.last_started, excluded.last_started){adds};
"#
    )
}

/// Adds the results in table `source` (as `r`) to the encounter counters
/// under the day `day` (an SQL expression: the play's day, or `'infinity'`
/// for all time), counting what `encounter_add` in the migrations counts.
fn counters_sql(source: &str, day: &str) -> String {
    format!(
        r#"
INSERT INTO encounter_plays
SELECT r.scenario_id, r.scenario_hash, r.team, {day} AS day, COUNT(*), SUM(r.passed::int)
FROM {source} r GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
ON CONFLICT (scenario_id, scenario_hash, team, day) DO UPDATE SET
    plays = encounter_plays.plays + excluded.plays,
    passed = encounter_plays.passed + excluded.passed;

CREATE TEMP TABLE bulk_steps ON COMMIT DROP AS
SELECT r.id, r.scenario_id, r.scenario_hash, r.team, {day} AS day,
       r.passed, r.outcome, s.node, s.choice, s.needs, s.target
FROM {source} r, LATERAL encounter_steps(r.transcript::jsonb) s;
INSERT INTO encounter_nodes
SELECT scenario_id, scenario_hash, team, day, node, COUNT(*), SUM(passed::int)
FROM (SELECT DISTINCT id, scenario_id, scenario_hash, team, day, node, passed FROM bulk_steps) p
GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
ON CONFLICT (scenario_id, scenario_hash, team, day, node) DO UPDATE SET
    plays = encounter_nodes.plays + excluded.plays,
    passed = encounter_nodes.passed + excluded.passed;

INSERT INTO encounter_moves
SELECT scenario_id, scenario_hash, team, day, node, chose, choice, target,
       SUM(taken), COUNT(*), SUM(passed::int),
       SUM(f), SUM(e), SUM(fa), SUM(o), SUM(c), SUM(i)
FROM (SELECT id, scenario_id, scenario_hash, team, day, node, choice IS NOT NULL AS chose,
             COALESCE(choice, '') AS choice, target, passed, COUNT(*) AS taken,
             COALESCE(SUM((needs->>0)::bigint), 0) AS f, COALESCE(SUM((needs->>1)::bigint), 0) AS e,
             COALESCE(SUM((needs->>2)::bigint), 0) AS fa, COALESCE(SUM((needs->>3)::bigint), 0) AS o,
             COALESCE(SUM((needs->>4)::bigint), 0) AS c, COALESCE(SUM((needs->>5)::bigint), 0) AS i
      FROM bulk_steps WHERE target IS NOT NULL
      GROUP BY id, scenario_id, scenario_hash, team, day, node, choice, target, passed) p
GROUP BY scenario_id, scenario_hash, team, day, node, chose, choice, target
ORDER BY scenario_id, scenario_hash, team, day, node, chose, md5(choice), target
ON CONFLICT (scenario_id, scenario_hash, team, day, node, chose, md5(choice), target) DO UPDATE SET
    taken = encounter_moves.taken + excluded.taken,
    plays = encounter_moves.plays + excluded.plays,
    passed = encounter_moves.passed + excluded.passed,
    friendliness = encounter_moves.friendliness + excluded.friendliness,
    empathy = encounter_moves.empathy + excluded.empathy,
    fairness = encounter_moves.fairness + excluded.fairness,
    options = encounter_moves.options + excluded.options,
    control = encounter_moves.control + excluded.control,
    information = encounter_moves.information + excluded.information;

INSERT INTO encounter_endings
SELECT scenario_id, scenario_hash, team, day, node, outcome, COUNT(*)
FROM bulk_steps WHERE target IS NULL
GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2, 3, 4, 5, 6
ON CONFLICT (scenario_id, scenario_hash, team, day, node, outcome) DO UPDATE SET
    plays = encounter_endings.plays + excluded.plays;

DROP TABLE bulk_steps;
"#
    )
}
