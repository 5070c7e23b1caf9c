//! The versioned schema. `schema_migrations` lists the migrations applied;
//! at start each missing one runs once, in order, in one transaction that
//! holds an advisory lock, so several `serve` processes starting together
//! over one database migrate it exactly once.

use deadpool_postgres::Object;

/// Migration `i` (0-based) brings the database from version `i` to `i + 1`.
pub const MIGRATIONS: [&str; 3] = [MIGRATION_1, MIGRATION_2, MIGRATION_3];

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

/// Version 3: per need, the sum and number of assessed scores in the running
/// totals, so all-time need averages read one row per player and scenario
/// instead of every result; existing totals are filled from the results.
const MIGRATION_3: &str = r#"
ALTER TABLE totals
    ADD COLUMN friendliness_sum BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN friendliness_count BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN empathy_sum BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN empathy_count BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN fairness_sum BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN fairness_count BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN options_sum BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN options_count BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN control_sum BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN control_count BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN information_sum BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN information_count BIGINT NOT NULL DEFAULT 0;
CREATE OR REPLACE FUNCTION results_add_to_totals() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO totals (team, player, scenario_id, plays, sum_overall, best, passed,
                        last_started, friendliness_sum, friendliness_count, empathy_sum, empathy_count, fairness_sum, fairness_count, options_sum, options_count, control_sum, control_count, information_sum, information_count)
    VALUES (NEW.team, NEW.player, NEW.scenario_id, 1, NEW.overall, NEW.overall,
            NEW.passed::int, NEW.started_at,
            COALESCE(NEW.friendliness, 0), (NEW.friendliness IS NOT NULL)::int,
            COALESCE(NEW.empathy, 0), (NEW.empathy IS NOT NULL)::int,
            COALESCE(NEW.fairness, 0), (NEW.fairness IS NOT NULL)::int,
            COALESCE(NEW.options, 0), (NEW.options IS NOT NULL)::int,
            COALESCE(NEW.control, 0), (NEW.control IS NOT NULL)::int,
            COALESCE(NEW.information, 0), (NEW.information IS NOT NULL)::int)
    ON CONFLICT (team, player, scenario_id) DO UPDATE SET
        plays = totals.plays + 1,
        sum_overall = totals.sum_overall + excluded.sum_overall,
        best = GREATEST(totals.best, excluded.best),
        passed = totals.passed + excluded.passed,
        last_started = GREATEST(totals.last_started, excluded.last_started),
        friendliness_sum = totals.friendliness_sum + excluded.friendliness_sum,
        friendliness_count = totals.friendliness_count + excluded.friendliness_count,
        empathy_sum = totals.empathy_sum + excluded.empathy_sum,
        empathy_count = totals.empathy_count + excluded.empathy_count,
        fairness_sum = totals.fairness_sum + excluded.fairness_sum,
        fairness_count = totals.fairness_count + excluded.fairness_count,
        options_sum = totals.options_sum + excluded.options_sum,
        options_count = totals.options_count + excluded.options_count,
        control_sum = totals.control_sum + excluded.control_sum,
        control_count = totals.control_count + excluded.control_count,
        information_sum = totals.information_sum + excluded.information_sum,
        information_count = totals.information_count + excluded.information_count;
    RETURN NULL;
END $$;
UPDATE totals SET
    friendliness_sum = s.friendliness_sum, friendliness_count = s.friendliness_count,
    empathy_sum = s.empathy_sum, empathy_count = s.empathy_count,
    fairness_sum = s.fairness_sum, fairness_count = s.fairness_count,
    options_sum = s.options_sum, options_count = s.options_count,
    control_sum = s.control_sum, control_count = s.control_count,
    information_sum = s.information_sum, information_count = s.information_count
FROM (SELECT team, player, scenario_id,
           COALESCE(SUM(friendliness), 0) AS friendliness_sum, COUNT(friendliness) AS friendliness_count,
           COALESCE(SUM(empathy), 0) AS empathy_sum, COUNT(empathy) AS empathy_count,
           COALESCE(SUM(fairness), 0) AS fairness_sum, COUNT(fairness) AS fairness_count,
           COALESCE(SUM(options), 0) AS options_sum, COUNT(options) AS options_count,
           COALESCE(SUM(control), 0) AS control_sum, COUNT(control) AS control_count,
           COALESCE(SUM(information), 0) AS information_sum, COUNT(information) AS information_count
      FROM results GROUP BY team, player, scenario_id) AS s
WHERE totals.team = s.team AND totals.player = s.player
  AND totals.scenario_id = s.scenario_id;
"#;

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
    tx.commit().await?;
    Ok(found)
}
