-- Encounter analytics counters: see MIGRATION_ENCOUNTER_COUNTERS in schema.rs.
CREATE TABLE encounter_plays (
    scenario_id   TEXT COLLATE "C" NOT NULL,
    scenario_hash TEXT NOT NULL,
    team          TEXT COLLATE "C" NOT NULL,
    day           DATE NOT NULL,
    plays         BIGINT NOT NULL,
    passed        BIGINT NOT NULL,
    PRIMARY KEY (scenario_id, scenario_hash, team, day)
) WITH (fillfactor = 70);
CREATE TABLE encounter_nodes (
    scenario_id   TEXT COLLATE "C" NOT NULL,
    scenario_hash TEXT NOT NULL,
    team          TEXT COLLATE "C" NOT NULL,
    day           DATE NOT NULL,
    node          TEXT NOT NULL,
    plays         BIGINT NOT NULL,
    passed        BIGINT NOT NULL,
    PRIMARY KEY (scenario_id, scenario_hash, team, day, node)
) WITH (fillfactor = 70);
CREATE TABLE encounter_moves (
    scenario_id   TEXT COLLATE "C" NOT NULL,
    scenario_hash TEXT NOT NULL,
    team          TEXT COLLATE "C" NOT NULL,
    day           DATE NOT NULL,
    node          TEXT NOT NULL,
    chose         BOOLEAN NOT NULL,
    choice        TEXT NOT NULL,
    target        TEXT NOT NULL,
    taken         BIGINT NOT NULL,
    plays         BIGINT NOT NULL,
    passed        BIGINT NOT NULL,
    friendliness  BIGINT NOT NULL,
    empathy       BIGINT NOT NULL,
    fairness      BIGINT NOT NULL,
    options       BIGINT NOT NULL,
    control       BIGINT NOT NULL,
    information   BIGINT NOT NULL
) WITH (fillfactor = 70);
CREATE UNIQUE INDEX encounter_moves_key ON encounter_moves
    (scenario_id, scenario_hash, team, day, node, chose, md5(choice), target);
CREATE TABLE encounter_endings (
    scenario_id   TEXT COLLATE "C" NOT NULL,
    scenario_hash TEXT NOT NULL,
    team          TEXT COLLATE "C" NOT NULL,
    day           DATE NOT NULL,
    node          TEXT NOT NULL,
    outcome       TEXT NOT NULL,
    plays         BIGINT NOT NULL,
    PRIMARY KEY (scenario_id, scenario_hash, team, day, node, outcome)
) WITH (fillfactor = 70);

CREATE FUNCTION encounter_steps(transcript JSONB)
RETURNS TABLE (ord BIGINT, node TEXT, choice TEXT, needs JSONB, target TEXT)
LANGUAGE sql IMMUTABLE AS $f$
    SELECT s.ord, s.step->>'node', s.step->>'choice', s.step->'needs',
           lead(s.step->>'node') OVER (ORDER BY s.ord)
    FROM jsonb_array_elements(transcript) WITH ORDINALITY AS s(step, ord)
$f$;

-- Adds result `r` to the counters (sign 1) or takes it away (sign -1).
CREATE FUNCTION encounter_add(r results, sign BIGINT) RETURNS void LANGUAGE plpgsql AS $f$
DECLARE
    d DATE := left(r.started_at, 10)::date;
    p BIGINT := sign * r.passed::int;
    steps JSONB := r.transcript::jsonb;
BEGIN
    INSERT INTO encounter_plays VALUES (r.scenario_id, r.scenario_hash, r.team, d, sign, p)
    ON CONFLICT (scenario_id, scenario_hash, team, day) DO UPDATE SET
        plays = encounter_plays.plays + excluded.plays,
        passed = encounter_plays.passed + excluded.passed;

    INSERT INTO encounter_nodes
    SELECT r.scenario_id, r.scenario_hash, r.team, d, s.node, sign, p
    FROM (SELECT DISTINCT node FROM encounter_steps(steps)) s ORDER BY s.node
    ON CONFLICT (scenario_id, scenario_hash, team, day, node) DO UPDATE SET
        plays = encounter_nodes.plays + excluded.plays,
        passed = encounter_nodes.passed + excluded.passed;

    INSERT INTO encounter_moves
    SELECT r.scenario_id, r.scenario_hash, r.team, d, s.node, s.choice IS NOT NULL,
           COALESCE(s.choice, ''), s.target, sign * COUNT(*), sign, p,
           sign * COALESCE(SUM((s.needs->>0)::bigint), 0), sign * COALESCE(SUM((s.needs->>1)::bigint), 0),
           sign * COALESCE(SUM((s.needs->>2)::bigint), 0), sign * COALESCE(SUM((s.needs->>3)::bigint), 0),
           sign * COALESCE(SUM((s.needs->>4)::bigint), 0), sign * COALESCE(SUM((s.needs->>5)::bigint), 0)
    FROM encounter_steps(steps) s WHERE s.target IS NOT NULL
    GROUP BY s.node, s.choice, s.target
    ORDER BY s.node, s.choice IS NOT NULL, md5(COALESCE(s.choice, '')), s.target
    ON CONFLICT (scenario_id, scenario_hash, team, day, node, chose, md5(choice), target)
    DO UPDATE SET
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
    SELECT r.scenario_id, r.scenario_hash, r.team, d, s.node, r.outcome, sign
    FROM encounter_steps(steps) s WHERE s.target IS NULL
    ON CONFLICT (scenario_id, scenario_hash, team, day, node, outcome) DO UPDATE SET
        plays = encounter_endings.plays + excluded.plays;

    -- Counters a deletion brought to zero go (a choice's words may hold a player's name).
    IF sign < 0 THEN
        DELETE FROM encounter_plays WHERE scenario_id = r.scenario_id
            AND scenario_hash = r.scenario_hash AND team = r.team AND day = d AND plays = 0;
        DELETE FROM encounter_nodes WHERE scenario_id = r.scenario_id
            AND scenario_hash = r.scenario_hash AND team = r.team AND day = d AND plays = 0;
        DELETE FROM encounter_moves WHERE scenario_id = r.scenario_id
            AND scenario_hash = r.scenario_hash AND team = r.team AND day = d AND plays = 0;
        DELETE FROM encounter_endings WHERE scenario_id = r.scenario_id
            AND scenario_hash = r.scenario_hash AND team = r.team AND day = d AND plays = 0;
    END IF;
END $f$;

-- Inserted results are counted, deleted ones (`admin delete-player`) taken away.
CREATE FUNCTION results_add_to_encounters() RETURNS trigger LANGUAGE plpgsql AS $f$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM encounter_add(NEW, 1);
    ELSE
        PERFORM encounter_add(OLD, -1);
    END IF;
    RETURN NULL;
END $f$;
CREATE TRIGGER results_encounters AFTER INSERT OR DELETE ON results
    FOR EACH ROW EXECUTE FUNCTION results_add_to_encounters();

SELECT encounter_add(r, 1) FROM results r ORDER BY r.id;
