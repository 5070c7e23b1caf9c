//! The versioned schema. `PRAGMA user_version` holds the number of migrations
//! applied; each migration runs once, in order, inside the opening transaction.

use rusqlite::Transaction;

/// Migration `i` (0-based) brings a database from version `i` to `i + 1`.
pub const MIGRATIONS: [&str; 6] = [
    MIGRATION_1,
    MIGRATION_2,
    MIGRATION_3,
    MIGRATION_4,
    MIGRATION_5_SYNC,
    MIGRATION_6_PLAYER_ID,
];

/// The schema version this build writes.
pub const LATEST_VERSION: i64 = MIGRATIONS.len() as i64;

/// Version 1: one row per finished encounter.
const MIGRATION_1: &str = "
CREATE TABLE results (
    id             TEXT PRIMARY KEY NOT NULL,
    player         TEXT NOT NULL,
    team           TEXT NOT NULL,
    scenario_id    TEXT NOT NULL,
    scenario_hash  TEXT NOT NULL,
    scenario_title TEXT NOT NULL,
    seed           TEXT NOT NULL,
    started_at     TEXT NOT NULL,
    duration_ms    INTEGER NOT NULL,
    outcome        TEXT NOT NULL,
    friendliness   INTEGER,
    empathy        INTEGER,
    fairness       INTEGER,
    options        INTEGER,
    control        INTEGER,
    information    INTEGER,
    overall        INTEGER NOT NULL,
    grade          TEXT NOT NULL,
    transcript     TEXT NOT NULL
);
CREATE INDEX results_started ON results(started_at);
";

/// Version 2: whether the play passed the scenario's pass mark (results from
/// version 1 are judged against the default pass mark, 60), and covering
/// indexes for the leaderboard, team and progress queries.
const MIGRATION_2: &str = "
ALTER TABLE results ADD COLUMN passed INTEGER NOT NULL DEFAULT 0;
UPDATE results SET passed = (overall >= 60 AND outcome <> 'Lost');
CREATE INDEX results_team_player ON results(
    team, player, overall, passed, started_at,
    friendliness, empathy, fairness, options, control, information);
CREATE INDEX results_scenario ON results(scenario_id, team, player, overall, passed, started_at);
CREATE INDEX results_player ON results(player, started_at);
";

/// Version 3: running totals per team, player and scenario, kept by a trigger
/// in the same transaction as each insert, so the all-time leaderboards read
/// one row per player and scenario instead of every result (100,000 results:
/// about 1,200 rows). Existing results are summed in once. Boards with a time
/// window get a covering index that starts with the start time, so they read
/// only the window's rows and never the table.
const MIGRATION_3: &str = "
CREATE TABLE totals (
    team         TEXT NOT NULL,
    player       TEXT NOT NULL,
    scenario_id  TEXT NOT NULL,
    plays        INTEGER NOT NULL,
    sum_overall  INTEGER NOT NULL,
    best         INTEGER NOT NULL,
    passed       INTEGER NOT NULL,
    last_started TEXT NOT NULL,
    PRIMARY KEY (team, player, scenario_id)
) WITHOUT ROWID;
INSERT INTO totals
    SELECT team, player, scenario_id, COUNT(*), SUM(overall), MAX(overall), SUM(passed),
           MAX(started_at)
    FROM results GROUP BY team, player, scenario_id;
CREATE TRIGGER results_totals AFTER INSERT ON results BEGIN
    INSERT INTO totals VALUES (NEW.team, NEW.player, NEW.scenario_id, 1, NEW.overall,
                               NEW.overall, NEW.passed, NEW.started_at)
    ON CONFLICT (team, player, scenario_id) DO UPDATE SET
        plays = plays + 1,
        sum_overall = sum_overall + excluded.sum_overall,
        best = MAX(best, excluded.best),
        passed = passed + excluded.passed,
        last_started = MAX(last_started, excluded.last_started);
END;
DROP INDEX results_started;
CREATE INDEX results_period ON results(started_at, team, player, scenario_id, overall, passed);
";

/// Version 4: where each result stands with each learning record store it
/// was pushed to (`frontline lrs push`). A result with no row for an
/// endpoint is still to send there; `delivered` means the store accepted
/// every statement of it (or already had them); `rejected` means it refused
/// one (the statement and the store's reason are in `detail`) or the result
/// could not be sent at all. Keyed by endpoint, so pointing Frontline at a new
/// LRS sends everything again.
const MIGRATION_4: &str = "
CREATE TABLE lrs_deliveries (
    endpoint  TEXT NOT NULL,
    result_id TEXT NOT NULL,
    state     TEXT NOT NULL CHECK (state IN ('delivered', 'rejected')),
    detail    TEXT NOT NULL DEFAULT '',
    at        TEXT NOT NULL,
    PRIMARY KEY (endpoint, result_id)
) WITHOUT ROWID;
";

/// Version 5: the outbox. One row per result the team server has answered
/// for: `delivered` (stored or already present there) or `rejected`
/// (conflict, invalid, forbidden, too large: never sent again unless reset),
/// or `retrying` after a failure that may pass (the result stays pending).
/// A result without a row has not been sent yet. Its own table, so the
/// results table and its triggers stay as they were.
pub const MIGRATION_5_SYNC: &str = "
CREATE TABLE sync_state (
    result_id  TEXT PRIMARY KEY NOT NULL,
    state      TEXT NOT NULL CHECK (state IN ('delivered', 'rejected', 'retrying')),
    reason     TEXT NOT NULL,
    message    TEXT NOT NULL,
    attempts   INTEGER NOT NULL,
    updated_at TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX sync_state_state ON sync_state(state, result_id);
";

/// Version 6: results keyed by player id. Rows stored before get the id
/// derived from their team and name ([`crate::record::derived_player_id`],
/// filled in by [`migrate`] right after this SQL, since SQLite has no UUID
/// v5). The running totals are kept per team, player id and scenario and
/// remember the newest name (ties: the greater name) so a renamed player is
/// one row showing the name they use now; the indexes follow the id.
pub const MIGRATION_6_PLAYER_ID: &str = "
ALTER TABLE results ADD COLUMN player_id TEXT;
DROP TRIGGER results_totals;
DROP TABLE totals;
CREATE TABLE totals (
    team         TEXT NOT NULL,
    player_id    TEXT NOT NULL,
    scenario_id  TEXT NOT NULL,
    player       TEXT NOT NULL,
    plays        INTEGER NOT NULL,
    sum_overall  INTEGER NOT NULL,
    best         INTEGER NOT NULL,
    passed       INTEGER NOT NULL,
    last_started TEXT NOT NULL,
    PRIMARY KEY (team, player_id, scenario_id)
) WITHOUT ROWID;
CREATE TRIGGER results_totals AFTER INSERT ON results BEGIN
    INSERT INTO totals VALUES (NEW.team, NEW.player_id, NEW.scenario_id, NEW.player, 1,
                               NEW.overall, NEW.overall, NEW.passed, NEW.started_at)
    ON CONFLICT (team, player_id, scenario_id) DO UPDATE SET
        player = CASE WHEN (excluded.last_started, excluded.player) > (last_started, player)
                      THEN excluded.player ELSE player END,
        plays = plays + 1,
        sum_overall = sum_overall + excluded.sum_overall,
        best = MAX(best, excluded.best),
        passed = passed + excluded.passed,
        last_started = MAX(last_started, excluded.last_started);
END;
DROP INDEX results_team_player;
DROP INDEX results_scenario;
DROP INDEX results_player;
DROP INDEX results_period;
CREATE INDEX results_team_player ON results(
    team, player_id, overall, passed, started_at,
    friendliness, empathy, fairness, options, control, information);
CREATE INDEX results_scenario ON results(scenario_id, team, player_id, overall, passed, started_at);
CREATE INDEX results_player ON results(player_id, started_at);
CREATE INDEX results_period ON results(started_at, team, player_id, scenario_id, overall, passed);
";

/// Sums every result into `totals` (after [`MIGRATION_6_PLAYER_ID`] and the
/// id backfill); the name kept is the newest, as the trigger keeps it.
fn rebuild_totals() -> String {
    format!(
        "INSERT INTO totals
             SELECT team, player_id, scenario_id, {}, COUNT(*), SUM(overall), MAX(overall),
                    SUM(passed), MAX(started_at)
             FROM results GROUP BY team, player_id, scenario_id;",
        crate::board_sql::newest_name("started_at")
    )
}

/// Gives every row without a player id the id derived from its team and name.
fn backfill_player_ids(tx: &Transaction<'_>) -> rusqlite::Result<()> {
    let legacy: Vec<(String, String)> = tx
        .prepare("SELECT DISTINCT team, player FROM results WHERE player_id IS NULL")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut update = tx.prepare(
        "UPDATE results SET player_id = ?1 WHERE player_id IS NULL AND team = ?2 AND player = ?3",
    )?;
    for (team, player) in legacy {
        let id = crate::record::derived_player_id(&team, &player);
        update.execute(rusqlite::params![id.to_string(), team, player])?;
    }
    Ok(())
}

/// The `user_version` of the open database.
pub fn version(conn: &rusqlite::Connection) -> rusqlite::Result<i64> {
    conn.query_row("PRAGMA user_version", [], |r| r.get(0))
}

/// Applies the migrations after `from` and records the new version. The
/// caller's transaction makes the whole upgrade all-or-nothing.
pub fn migrate(tx: &Transaction<'_>, from: i64) -> rusqlite::Result<()> {
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(from.max(0) as usize) {
        tx.execute_batch(sql)?;
        if *sql == MIGRATION_6_PLAYER_ID {
            debug_assert_eq!(i + 1, 6);
            backfill_player_ids(tx)?;
            tx.execute_batch(&rebuild_totals())?;
        }
    }
    tx.pragma_update(None, "user_version", LATEST_VERSION)
}
