//! Sums per team and day (`team_days`, migration 6): need averages,
//! weekly pass rates and team boards over a period, or over every team,
//! read one row per team and day instead of every result. A period rarely starts or ends at
//! midnight, so its whole days come from `team_days` and the hours before
//! the first whole day and after the last from `results` (through the
//! period index). The answers equal those over the results alone.

use crate::rows::{Param, Where};
use chrono::{DateTime, Days, NaiveDate, Utc};
use frontline_results::Filter;
use frontline_results::codec::{NEED_COLUMNS, timestamp_text};

/// The summed columns of `team_days` after `team` and `day`, in order.
fn sum_columns() -> Vec<String> {
    let mut out = vec!["plays".into(), "passed".into(), "sum_overall".into()];
    for c in NEED_COLUMNS {
        out.push(format!("sum_{c}"));
        out.push(format!("n_{c}"));
    }
    out
}

/// The same columns computed for each row of a results table.
fn row_values() -> Vec<String> {
    let mut out = vec![
        "1::bigint".into(),
        "passed::int::bigint".into(),
        "overall::bigint".into(),
    ];
    for c in NEED_COLUMNS {
        out.push(format!("COALESCE({c}, 0)::bigint"));
        out.push(format!("({c} IS NOT NULL)::int::bigint"));
    }
    out
}

/// Adds the results in table `source` to `team_days` (as the trigger does
/// one by one), in key order.
pub(crate) fn add_sql(source: &str) -> String {
    let columns = sum_columns();
    let sums = row_values()
        .iter()
        .map(|v| format!("SUM({v})"))
        .collect::<Vec<_>>()
        .join(", ");
    let adds = columns
        .iter()
        .map(|c| format!("{c} = team_days.{c} + excluded.{c}"))
        .collect::<Vec<_>>()
        .join(", ");
    format!(
        "INSERT INTO team_days SELECT team, left(started_at, 10)::date, {sums}, MAX(overall) \
         FROM {source} GROUP BY 1, 2 ORDER BY 1, 2 ON CONFLICT (team, day) DO UPDATE SET \
         {adds}, best = GREATEST(team_days.best, excluded.best);"
    )
}

/// Drops the days a deletion left without plays (after [`subtract_sql`]).
pub(crate) const DROP_EMPTY_SQL: &str = "DELETE FROM team_days WHERE plays = 0";

/// Before a deletion: notes the team days of the results matching `clause`
/// (over `results`), whose best score [`BEST_AGAIN_SQL`] finds again after.
pub(crate) fn note_days_sql(clause: &str) -> String {
    format!(
        "CREATE TEMP TABLE touched_days ON COMMIT DROP AS \
         SELECT DISTINCT team, left(started_at, 10)::date AS day FROM results {clause}"
    )
}

/// After a deletion: the best score of each noted team day, from the results
/// left (a maximum cannot be subtracted).
pub(crate) const BEST_AGAIN_SQL: &str = "UPDATE team_days t SET best = COALESCE((\
     SELECT MAX(overall) FROM results r WHERE r.team = t.team \
     AND r.started_at >= to_char(t.day, 'YYYY-MM-DD') \
     AND r.started_at < to_char(t.day + 1, 'YYYY-MM-DD')), 0) \
     FROM touched_days g WHERE t.team = g.team AND t.day = g.day";

/// Takes the results matching `clause` (over `results`, with its
/// parameters) out of `team_days`. Run before deleting those results, then
/// [`DROP_EMPTY_SQL`].
pub(crate) fn subtract_sql(clause: &str) -> String {
    let columns = sum_columns();
    let sums = row_values()
        .iter()
        .zip(&columns)
        .map(|(v, c)| format!("SUM({v}) AS {c}"))
        .collect::<Vec<_>>()
        .join(", ");
    let takes = columns
        .iter()
        .map(|c| format!("{c} = t.{c} - d.{c}"))
        .collect::<Vec<_>>()
        .join(", ");
    format!(
        "UPDATE team_days t SET {takes} FROM (SELECT team, left(started_at, 10)::date AS day, \
         {sums} FROM results {clause} GROUP BY 1, 2) d WHERE t.team = d.team AND t.day = d.day"
    )
}

/// Whether `team_days` can answer `filter`: it keeps teams and days only.
pub fn answers(filter: &Filter) -> bool {
    filter.scenario.is_none() && filter.player.is_none() && filter.player_id.is_none()
}

/// A subquery with one row per team and day in `filter` (which must
/// [`answers`]), and columns `team`, `day`, `best` and the sums of
/// [`sum_columns`], with its parameters (more can follow with
/// [`Where::push`]).
pub fn rows_of(filter: &Filter) -> (String, Where) {
    let mut w = Where::default();
    let sql = rows_sql(filter, &mut w);
    (sql, w)
}

fn rows_sql(filter: &Filter, w: &mut Where) -> String {
    let team = filter
        .team
        .clone()
        .map(|t| format!("team = ${}", w.push(Box::new(t))));
    let mut parts = Vec::new();
    let mut results_between =
        |w: &mut Where, from: Option<DateTime<Utc>>, to: Option<DateTime<Utc>>| {
            let mut terms: Vec<String> = team.iter().cloned().collect();
            if let Some(from) = from {
                let p: Param = Box::new(timestamp_text(from));
                terms.push(format!("started_at >= ${}", w.push(p)));
            }
            if let Some(to) = to {
                let p: Param = Box::new(timestamp_text(to));
                terms.push(format!("started_at < ${}", w.push(p)));
            }
            let values = row_values()
                .iter()
                .zip(sum_columns())
                .map(|(v, c)| format!("{v} AS {c}"))
                .collect::<Vec<_>>()
                .join(", ");
            let clause = if terms.is_empty() {
                String::new()
            } else {
                format!("WHERE {}", terms.join(" AND "))
            };
            parts.push(format!(
                "SELECT team, left(started_at, 10)::date AS day, overall AS best, {values} \
                 FROM results {clause}"
            ));
        };
    // Whole days: from the first midnight at or after `since` to the last at or before `until`.
    let first = filter.since.map(|s| {
        let day = s.date_naive();
        if midnight(day) == s {
            day
        } else {
            day + Days::new(1)
        }
    });
    let last = filter.until.map(|u| u.date_naive());
    match (first, last) {
        (Some(a), Some(b)) if a >= b => {
            // No whole day: the period lies inside one day or two halves of days.
            results_between(w, filter.since, filter.until);
        }
        _ => {
            if let (Some(since), Some(a)) = (filter.since, first)
                && midnight(a) != since
            {
                results_between(w, Some(since), Some(midnight(a)));
            }
            if let (Some(until), Some(b)) = (filter.until, last)
                && midnight(b) != until
            {
                results_between(w, Some(midnight(b)), Some(until));
            }
            let mut terms: Vec<String> = team.iter().cloned().collect();
            if let Some(a) = first {
                terms.push(format!("day >= ${}", w.push(Box::new(a))));
            }
            if let Some(b) = last {
                terms.push(format!("day < ${}", w.push(Box::new(b))));
            }
            let clause = if terms.is_empty() {
                String::new()
            } else {
                format!("WHERE {}", terms.join(" AND "))
            };
            parts.push(format!(
                "SELECT team, day, best, {} FROM team_days {clause}",
                sum_columns().join(", ")
            ));
        }
    }
    format!("({}) AS d", parts.join(" UNION ALL "))
}

fn midnight(day: NaiveDate) -> DateTime<Utc> {
    day.and_hms_opt(0, 0, 0).expect("midnight exists").and_utc()
}
