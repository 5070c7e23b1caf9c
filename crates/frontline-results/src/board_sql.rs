//! The leaderboard and player-list statements, written once in SQL that
//! SQLite and PostgreSQL read alike (explicit casts, no dialect functions),
//! so the embedded store and the team server rank by one rule.
//!
//! Rows are per team and player id, showing the player's newest name: the
//! name of their latest result, on a tie of start times the greater name.
//! Timestamps are fixed-width text (30 characters, see
//! [`crate::codec::timestamp_text`]), so `MAX(time || US || name)` picks it
//! and the name starts at character 32 (US, the unit separator, is below
//! every character a name may hold).

use crate::query::{LeaderboardQuery, Metric, RankBy};

/// The newest name of a group of rows with start times in column `time`
/// and names in column `player`.
pub fn newest_name(time: &str) -> String {
    format!("substr(MAX({time} || '\u{1f}' || player), 32)")
}

/// The newest name of a group of `totals` rows.
pub fn newest_name_in_totals() -> String {
    newest_name("last_started")
}

/// The statement listing players (`WHERE` `clause` over `totals`): player
/// id, newest name and team, sorted by name, team and id.
pub fn players_sql(clause: &str) -> String {
    players_sql_from("totals", clause)
}

/// [`players_sql`] over `table`: `totals`, or a table with the same
/// columns summed over every scenario (the team server's `player_totals`).
pub fn players_sql_from(table: &str, clause: &str) -> String {
    format!(
        "SELECT player_id, {} AS name, team FROM {table} {clause} \
         GROUP BY team, player_id ORDER BY name, team, player_id",
        newest_name_in_totals()
    )
}

/// The leaderboard's one statement: over the running totals when they
/// answer the filter ([`crate::Filter::totals_answer`]), else over the
/// results. Columns: name, team, best, average, plays, passed, last start,
/// players, player id (NULL for team rows). Ties rank by plays, then name,
/// team and id. `clause` is the filter's `WHERE` (or empty) and `limit` the
/// placeholder of the row limit (`?` or `$n`).
pub fn leaderboard_sql(query: &LeaderboardQuery, clause: &str, limit: &str) -> String {
    leaderboard_sql_from("totals", query, clause, limit)
}

/// [`leaderboard_sql`] reading running totals from `totals_table` when
/// they answer: `totals`, or (without a scenario filter) a table with the
/// same columns summed over every scenario (the team server's
/// `player_totals`, one row per player).
pub fn leaderboard_sql_from(
    totals_table: &str,
    query: &LeaderboardQuery,
    clause: &str,
    limit: &str,
) -> String {
    let totals = query.filter.totals_answer();
    let (table, best, sum, plays, passed, last) = if totals {
        let passed = "CAST(SUM(passed) AS BIGINT)";
        let plays = "CAST(SUM(plays) AS BIGINT)";
        (
            totals_table,
            "MAX(best)",
            "SUM(sum_overall)",
            plays,
            passed,
            "MAX(last_started)",
        )
    } else {
        let passed = "CAST(SUM(CAST(passed AS INTEGER)) AS BIGINT)";
        let last = "MAX(started_at)";
        (
            "results",
            "MAX(overall)",
            "SUM(overall)",
            "COUNT(*)",
            passed,
            last,
        )
    };
    let newest = newest_name(if totals { "last_started" } else { "started_at" });
    let (name, group, players, id) = match query.by {
        RankBy::Player => (newest, "team, player_id", "CAST(1 AS BIGINT)", "player_id"),
        RankBy::Team => (
            "team".to_string(),
            "team",
            "COUNT(DISTINCT player_id)",
            "CAST(NULL AS UUID)",
        ),
    };
    let average = format!("CAST({sum} AS DOUBLE PRECISION) / {plays}");
    let order = match query.metric {
        Metric::Best => best,
        Metric::Average => &average,
    };
    format!(
        "SELECT {name} AS name, team, {best}, {average}, {plays} AS n, {passed}, {last}, \
         {players}, {id} AS pid FROM {table} {clause} GROUP BY {group} \
         ORDER BY {order} DESC, n DESC, name, team, pid LIMIT {limit}"
    )
}
