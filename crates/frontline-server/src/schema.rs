//! The versioned schema. `schema_migrations` lists the migrations applied;
//! at start each missing one runs once, in order, in one transaction that
//! holds an advisory lock, so several `serve` processes starting together
//! over one database migrate it exactly once.

use deadpool_postgres::Object;

/// Migration `i` (0-based) brings the database from version `i` to `i + 1`.
pub const MIGRATIONS: [&str; 6] = [
    MIGRATION_1,
    MIGRATION_2,
    MIGRATION_3,
    MIGRATION_PLAYER_ID,
    MIGRATION_ENCOUNTER_COUNTERS,
    MIGRATION_SCALE,
];

/// The schema version this build writes.
pub const LATEST_VERSION: i32 = MIGRATIONS.len() as i32;

/// Key of the advisory lock held while migrating ("FRONTLIN" in ASCII).
const MIGRATION_LOCK: i64 = 0x4652_4f4e_544c_494e;

/// Version 1: results (the SQLite store's columns; text columns that are
/// sorted use the byte-order "C" collation, as SQLite does, so both stores
/// rank ties alike), running totals kept by a trigger, teams and tokens.
/// `started_at` stays fixed-width RFC 3339 text with nanoseconds, so a
/// stored result reads back exactly as posted and text order is time order.
const MIGRATION_1: &str = r#"
CREATE TABLE results (
    id             UUID PRIMARY KEY,
    player         TEXT COLLATE "C" NOT NULL,
    team           TEXT COLLATE "C" NOT NULL,
    scenario_id    TEXT COLLATE "C" NOT NULL,
    scenario_hash  TEXT NOT NULL,
    scenario_title TEXT NOT NULL,
    seed           TEXT NOT NULL,
    started_at     TEXT COLLATE "C" NOT NULL,
    duration_ms    BIGINT NOT NULL,
    outcome        TEXT NOT NULL,
    friendliness   SMALLINT,
    empathy        SMALLINT,
    fairness       SMALLINT,
    options        SMALLINT,
    control        SMALLINT,
    information    SMALLINT,
    overall        SMALLINT NOT NULL,
    grade          TEXT NOT NULL,
    passed         BOOLEAN NOT NULL,
    transcript     TEXT NOT NULL,
    received_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX results_team_player ON results(team, player, overall, passed, started_at);
CREATE INDEX results_scenario ON results(scenario_id, team, player, overall, passed, started_at);
CREATE INDEX results_player ON results(player, started_at);
CREATE INDEX results_period ON results(started_at, team, player, scenario_id, overall, passed);

CREATE TABLE totals (
    team         TEXT COLLATE "C" NOT NULL,
    player       TEXT COLLATE "C" NOT NULL,
    scenario_id  TEXT COLLATE "C" NOT NULL,
    plays        BIGINT NOT NULL,
    sum_overall  BIGINT NOT NULL,
    best         SMALLINT NOT NULL,
    passed       BIGINT NOT NULL,
    last_started TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (team, player, scenario_id)
);
CREATE FUNCTION results_add_to_totals() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO totals VALUES (NEW.team, NEW.player, NEW.scenario_id, 1, NEW.overall,
                               NEW.overall, NEW.passed::int, NEW.started_at)
    ON CONFLICT (team, player, scenario_id) DO UPDATE SET
        plays = totals.plays + 1,
        sum_overall = totals.sum_overall + excluded.sum_overall,
        best = GREATEST(totals.best, excluded.best),
        passed = totals.passed + excluded.passed,
        last_started = GREATEST(totals.last_started, excluded.last_started);
    RETURN NULL;
END $$;
CREATE TRIGGER results_totals AFTER INSERT ON results
    FOR EACH ROW EXECUTE FUNCTION results_add_to_totals();

CREATE TABLE teams (
    name       TEXT COLLATE "C" PRIMARY KEY,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE TABLE tokens (
    id         BIGSERIAL PRIMARY KEY,
    hash       TEXT NOT NULL UNIQUE,
    role       TEXT NOT NULL CHECK (role IN ('player', 'trainer')),
    team       TEXT COLLATE "C" REFERENCES teams(name),
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    revoked_at TIMESTAMPTZ,
    CHECK ((role = 'player') = (team IS NOT NULL))
);
"#;

/// Version 2: the published scenario library (one row per file) and its
/// version (SHA-256 of the files), replaced whole by each publish.
const MIGRATION_2: &str = r#"
CREATE TABLE library_files (
    path TEXT COLLATE "C" PRIMARY KEY,
    text TEXT NOT NULL
);
CREATE TABLE library_version (
    only_row     BOOLEAN PRIMARY KEY DEFAULT true CHECK (only_row),
    version      TEXT NOT NULL,
    published_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    published_by BIGINT REFERENCES tokens(id)
);
"#;

/// Version 3: the dashboard's sign-in sessions. Only the SHA-256 of a
/// session id is kept; a session dies at `expires_at`, on sign-out, or when
/// its token is revoked (the lookup joins the token).
const MIGRATION_3: &str = r#"
CREATE TABLE dashboard_sessions (
    id_hash    TEXT PRIMARY KEY,
    token_id   BIGINT NOT NULL REFERENCES tokens(id) ON DELETE CASCADE,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    expires_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX dashboard_sessions_token ON dashboard_sessions(token_id);
"#;

/// Version 5: encounter analytics counters (see `crate::analytics`): per scenario
/// version, team and day, the plays; per node the plays that entered it;
/// per move (node, the player's words or none, next node) the times made,
/// plays, passed plays and need effect sums; per ending (last node, outcome)
/// the plays. Kept by a trigger in the insert's transaction, so they never
/// disagree with `results`; existing results are counted once here.
/// Rows are upserted in key order so concurrent inserts lock alike.
const MIGRATION_ENCOUNTER_COUNTERS: &str = include_str!("analytics/counters.sql");

/// Version 6: what a million results need. The running totals gain a sum
/// and a count per need, and `player_totals` sums them over every
/// scenario (one row per player), so all-time boards and need averages
/// read few rows; `team_days` sums per team and day answer periods and
/// weekly pass rates ([`crate::days`]); every result also counts in the
/// encounter counters under the day `infinity` (all time), so an
/// unfiltered analytics page sums one row per team and move instead of one
/// per team, day and move, and the counters gain an index by scenario and
/// day. Existing rows are summed in.
const MIGRATION_SCALE: &str = include_str!("migrations/6_need_sums_and_all_time_counters.sql");

/// Version 4: results keyed by player id (as the SQLite store's version 6): the column
/// (filled in for older rows by [`backfill_player_ids`] after the migrations,
/// since PostgreSQL has no UUID v5 without an extension), running totals per
/// team, player id and scenario that keep the newest name (ties: the greater
/// name), and the indexes following the id.
const MIGRATION_PLAYER_ID: &str = r#"
ALTER TABLE results ADD COLUMN player_id UUID;
DROP TRIGGER results_totals ON results;
DROP FUNCTION results_add_to_totals();
DROP TABLE totals;
CREATE TABLE totals (
    team         TEXT COLLATE "C" NOT NULL,
    player_id    UUID NOT NULL,
    scenario_id  TEXT COLLATE "C" NOT NULL,
    player       TEXT COLLATE "C" NOT NULL,
    plays        BIGINT NOT NULL,
    sum_overall  BIGINT NOT NULL,
    best         SMALLINT NOT NULL,
    passed       BIGINT NOT NULL,
    last_started TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (team, player_id, scenario_id)
);
CREATE FUNCTION results_add_to_totals() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO totals VALUES (NEW.team, NEW.player_id, NEW.scenario_id, NEW.player, 1,
                               NEW.overall, NEW.overall, NEW.passed::int, NEW.started_at)
    ON CONFLICT (team, player_id, scenario_id) DO UPDATE SET
        player = CASE WHEN (excluded.last_started, excluded.player)
                           > (totals.last_started, totals.player)
                      THEN excluded.player ELSE totals.player END,
        plays = totals.plays + 1,
        sum_overall = totals.sum_overall + excluded.sum_overall,
        best = GREATEST(totals.best, excluded.best),
        passed = totals.passed + excluded.passed,
        last_started = GREATEST(totals.last_started, excluded.last_started);
    RETURN NULL;
END $$;
CREATE TRIGGER results_totals AFTER INSERT ON results
    FOR EACH ROW EXECUTE FUNCTION results_add_to_totals();
DROP INDEX results_team_player;
DROP INDEX results_scenario;
DROP INDEX results_player;
DROP INDEX results_period;
CREATE INDEX results_team_player ON results(team, player_id, overall, passed, started_at);
CREATE INDEX results_scenario ON results(scenario_id, team, player_id, overall, passed, started_at);
CREATE INDEX results_player ON results(player_id, started_at);
CREATE INDEX results_period ON results(started_at, team, player_id, scenario_id, overall, passed);
"#;

/// Gives every result stored before player ids the id derived from its team
/// and name ([`frontline_results::derived_player_id`]), sums the totals
/// again and makes the column required. Runs only while the column still
/// allows NULL (once, right after [`MIGRATION_PLAYER_ID`]).
async fn backfill_player_ids(
    tx: &tokio_postgres::Transaction<'_>,
) -> Result<(), tokio_postgres::Error> {
    let nullable = tx
        .query_opt(
            "SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema() \
             AND table_name = 'results' AND column_name = 'player_id' AND is_nullable = 'YES'",
            &[],
        )
        .await?;
    if nullable.is_none() {
        return Ok(());
    }
    let legacy = tx
        .query(
            "SELECT DISTINCT team, player FROM results WHERE player_id IS NULL",
            &[],
        )
        .await?;
    let update = tx
        .prepare("UPDATE results SET player_id = $1 WHERE player_id IS NULL AND team = $2 AND player = $3")
        .await?;
    for row in legacy {
        let (team, player): (String, String) = (row.get(0), row.get(1));
        let id = frontline_results::derived_player_id(&team, &player);
        tx.execute(&update, &[&id, &team, &player]).await?;
    }
    let rebuild = format!(
        "DELETE FROM totals; DELETE FROM player_totals; {} ALTER TABLE results ALTER COLUMN player_id SET NOT NULL;",
        crate::bulk::all_totals_sql("results")
    );
    tx.batch_execute(&rebuild).await
}

/// Applies the missing migrations; returns the version found before.
/// Fails when the database was written by a newer build.
pub async fn migrate(client: &mut Object) -> Result<i32, tokio_postgres::Error> {
    let tx = client.transaction().await?;
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&MIGRATION_LOCK])
        .await?;
    tx.batch_execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations (
             version    INTEGER PRIMARY KEY,
             applied_at TIMESTAMPTZ NOT NULL DEFAULT now())",
    )
    .await?;
    let found: i32 = tx
        .query_one(
            "SELECT COALESCE(MAX(version), 0) FROM schema_migrations",
            &[],
        )
        .await?
        .get(0);
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(found.max(0) as usize) {
        tx.batch_execute(sql).await?;
        let version = i as i32 + 1;
        tx.execute(
            "INSERT INTO schema_migrations (version) VALUES ($1)",
            &[&version],
        )
        .await?;
    }
    backfill_player_ids(&tx).await?;
    tx.commit().await?;
    Ok(found)
}
