-- Version 6: what a million results need (see MIGRATION_SCALE in schema.rs).

-- 1. Per-need sums and counts in the running totals, so all-time need
--    averages (team screen, dashboard radar) read totals, not results.
ALTER TABLE totals
    ADD COLUMN sum_friendliness BIGINT NOT NULL DEFAULT 0, ADD COLUMN n_friendliness BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN sum_empathy BIGINT NOT NULL DEFAULT 0,      ADD COLUMN n_empathy BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN sum_fairness BIGINT NOT NULL DEFAULT 0,     ADD COLUMN n_fairness BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN sum_options BIGINT NOT NULL DEFAULT 0,      ADD COLUMN n_options BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN sum_control BIGINT NOT NULL DEFAULT 0,      ADD COLUMN n_control BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN sum_information BIGINT NOT NULL DEFAULT 0,  ADD COLUMN n_information BIGINT NOT NULL DEFAULT 0;
UPDATE totals t SET
    sum_friendliness = s.sf, n_friendliness = s.nf, sum_empathy = s.se, n_empathy = s.ne,
    sum_fairness = s.sa, n_fairness = s.na, sum_options = s.so, n_options = s.no,
    sum_control = s.sc, n_control = s.nc, sum_information = s.si, n_information = s.ni
FROM (SELECT team, player_id, scenario_id,
             COALESCE(SUM(friendliness), 0) sf, COUNT(friendliness) nf,
             COALESCE(SUM(empathy), 0) se, COUNT(empathy) ne,
             COALESCE(SUM(fairness), 0) sa, COUNT(fairness) na,
             COALESCE(SUM(options), 0) so, COUNT(options) no,
             COALESCE(SUM(control), 0) sc, COUNT(control) nc,
             COALESCE(SUM(information), 0) si, COUNT(information) ni
      FROM results GROUP BY team, player_id, scenario_id) s
WHERE t.team = s.team AND t.player_id = s.player_id AND t.scenario_id = s.scenario_id;
CREATE INDEX totals_scenario ON totals(scenario_id);

-- The same totals summed over every scenario, one row per team and player:
-- boards, need averages and team lists without a scenario read 1 row per
-- player instead of 1 per player and scenario.
CREATE TABLE player_totals (LIKE totals INCLUDING DEFAULTS);
ALTER TABLE player_totals DROP COLUMN scenario_id, ADD PRIMARY KEY (team, player_id);
INSERT INTO player_totals
SELECT team, player_id, substr(MAX(last_started || chr(31) || player), 32), SUM(plays),
       SUM(sum_overall), MAX(best), SUM(passed), MAX(last_started),
       SUM(sum_friendliness), SUM(n_friendliness), SUM(sum_empathy), SUM(n_empathy),
       SUM(sum_fairness), SUM(n_fairness), SUM(sum_options), SUM(n_options),
       SUM(sum_control), SUM(n_control), SUM(sum_information), SUM(n_information)
FROM totals GROUP BY team, player_id;

-- 2. Sums per team and day (and the day's best score), so need averages,
--    weekly pass rates and team boards over a period (or over every team)
--    read one row per team and day; the part of a period that starts or
--    ends inside a day is read from results.
CREATE TABLE team_days (
    team             TEXT COLLATE "C" NOT NULL,
    day              DATE NOT NULL,
    plays            BIGINT NOT NULL,
    passed           BIGINT NOT NULL,
    sum_overall      BIGINT NOT NULL,
    sum_friendliness BIGINT NOT NULL, n_friendliness BIGINT NOT NULL,
    sum_empathy      BIGINT NOT NULL, n_empathy      BIGINT NOT NULL,
    sum_fairness     BIGINT NOT NULL, n_fairness     BIGINT NOT NULL,
    sum_options      BIGINT NOT NULL, n_options      BIGINT NOT NULL,
    sum_control      BIGINT NOT NULL, n_control      BIGINT NOT NULL,
    sum_information  BIGINT NOT NULL, n_information  BIGINT NOT NULL,
    best             SMALLINT NOT NULL,
    PRIMARY KEY (team, day)
) WITH (fillfactor = 70);
CREATE INDEX team_days_day ON team_days(day);
INSERT INTO team_days
SELECT team, left(started_at, 10)::date, COUNT(*), SUM(passed::int), SUM(overall),
       COALESCE(SUM(friendliness), 0), COUNT(friendliness), COALESCE(SUM(empathy), 0), COUNT(empathy),
       COALESCE(SUM(fairness), 0), COUNT(fairness), COALESCE(SUM(options), 0), COUNT(options),
       COALESCE(SUM(control), 0), COUNT(control), COALESCE(SUM(information), 0), COUNT(information),
       MAX(overall)
FROM results GROUP BY 1, 2;

CREATE OR REPLACE FUNCTION results_add_to_totals() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO team_days VALUES (NEW.team, left(NEW.started_at, 10)::date, 1, NEW.passed::int,
        NEW.overall,
        COALESCE(NEW.friendliness, 0), (NEW.friendliness IS NOT NULL)::int,
        COALESCE(NEW.empathy, 0), (NEW.empathy IS NOT NULL)::int,
        COALESCE(NEW.fairness, 0), (NEW.fairness IS NOT NULL)::int,
        COALESCE(NEW.options, 0), (NEW.options IS NOT NULL)::int,
        COALESCE(NEW.control, 0), (NEW.control IS NOT NULL)::int,
        COALESCE(NEW.information, 0), (NEW.information IS NOT NULL)::int, NEW.overall)
    ON CONFLICT (team, day) DO UPDATE SET
        best = GREATEST(team_days.best, excluded.best),
        plays = team_days.plays + 1,
        passed = team_days.passed + excluded.passed,
        sum_overall = team_days.sum_overall + excluded.sum_overall,
        sum_friendliness = team_days.sum_friendliness + excluded.sum_friendliness,
        n_friendliness = team_days.n_friendliness + excluded.n_friendliness,
        sum_empathy = team_days.sum_empathy + excluded.sum_empathy,
        n_empathy = team_days.n_empathy + excluded.n_empathy,
        sum_fairness = team_days.sum_fairness + excluded.sum_fairness,
        n_fairness = team_days.n_fairness + excluded.n_fairness,
        sum_options = team_days.sum_options + excluded.sum_options,
        n_options = team_days.n_options + excluded.n_options,
        sum_control = team_days.sum_control + excluded.sum_control,
        n_control = team_days.n_control + excluded.n_control,
        sum_information = team_days.sum_information + excluded.sum_information,
        n_information = team_days.n_information + excluded.n_information;
    INSERT INTO totals VALUES (NEW.team, NEW.player_id, NEW.scenario_id, NEW.player, 1,
        NEW.overall, NEW.overall, NEW.passed::int, NEW.started_at,
        COALESCE(NEW.friendliness, 0), (NEW.friendliness IS NOT NULL)::int,
        COALESCE(NEW.empathy, 0), (NEW.empathy IS NOT NULL)::int,
        COALESCE(NEW.fairness, 0), (NEW.fairness IS NOT NULL)::int,
        COALESCE(NEW.options, 0), (NEW.options IS NOT NULL)::int,
        COALESCE(NEW.control, 0), (NEW.control IS NOT NULL)::int,
        COALESCE(NEW.information, 0), (NEW.information IS NOT NULL)::int)
    ON CONFLICT (team, player_id, scenario_id) DO UPDATE SET
        player = CASE WHEN (excluded.last_started, excluded.player)
                           > (totals.last_started, totals.player)
                      THEN excluded.player ELSE totals.player END,
        plays = totals.plays + 1,
        sum_overall = totals.sum_overall + excluded.sum_overall,
        best = GREATEST(totals.best, excluded.best),
        passed = totals.passed + excluded.passed,
        last_started = GREATEST(totals.last_started, excluded.last_started),
        sum_friendliness = totals.sum_friendliness + excluded.sum_friendliness,
        n_friendliness = totals.n_friendliness + excluded.n_friendliness,
        sum_empathy = totals.sum_empathy + excluded.sum_empathy,
        n_empathy = totals.n_empathy + excluded.n_empathy,
        sum_fairness = totals.sum_fairness + excluded.sum_fairness,
        n_fairness = totals.n_fairness + excluded.n_fairness,
        sum_options = totals.sum_options + excluded.sum_options,
        n_options = totals.n_options + excluded.n_options,
        sum_control = totals.sum_control + excluded.sum_control,
        n_control = totals.n_control + excluded.n_control,
        sum_information = totals.sum_information + excluded.sum_information,
        n_information = totals.n_information + excluded.n_information;
    INSERT INTO player_totals VALUES (NEW.team, NEW.player_id, NEW.player, 1,
        NEW.overall, NEW.overall, NEW.passed::int, NEW.started_at,
        COALESCE(NEW.friendliness, 0), (NEW.friendliness IS NOT NULL)::int,
        COALESCE(NEW.empathy, 0), (NEW.empathy IS NOT NULL)::int,
        COALESCE(NEW.fairness, 0), (NEW.fairness IS NOT NULL)::int,
        COALESCE(NEW.options, 0), (NEW.options IS NOT NULL)::int,
        COALESCE(NEW.control, 0), (NEW.control IS NOT NULL)::int,
        COALESCE(NEW.information, 0), (NEW.information IS NOT NULL)::int)
    ON CONFLICT (team, player_id) DO UPDATE SET
        player = CASE WHEN (excluded.last_started, excluded.player)
                           > (player_totals.last_started, player_totals.player)
                      THEN excluded.player ELSE player_totals.player END,
        plays = player_totals.plays + 1,
        sum_overall = player_totals.sum_overall + excluded.sum_overall,
        best = GREATEST(player_totals.best, excluded.best),
        passed = player_totals.passed + excluded.passed,
        last_started = GREATEST(player_totals.last_started, excluded.last_started),
        sum_friendliness = player_totals.sum_friendliness + excluded.sum_friendliness,
        n_friendliness = player_totals.n_friendliness + excluded.n_friendliness,
        sum_empathy = player_totals.sum_empathy + excluded.sum_empathy,
        n_empathy = player_totals.n_empathy + excluded.n_empathy,
        sum_fairness = player_totals.sum_fairness + excluded.sum_fairness,
        n_fairness = player_totals.n_fairness + excluded.n_fairness,
        sum_options = player_totals.sum_options + excluded.sum_options,
        n_options = player_totals.n_options + excluded.n_options,
        sum_control = player_totals.sum_control + excluded.sum_control,
        n_control = player_totals.n_control + excluded.n_control,
        sum_information = player_totals.sum_information + excluded.sum_information,
        n_information = player_totals.n_information + excluded.n_information;
    RETURN NULL;
END $$;

-- 3. All-time encounter counters: each result also counts under the day
--    'infinity', so an unfiltered analytics page sums one row per team and
--    move instead of one per team, day and move. Periods never include it.
INSERT INTO encounter_plays
SELECT scenario_id, scenario_hash, team, 'infinity', SUM(plays), SUM(passed)
FROM encounter_plays GROUP BY 1, 2, 3 ORDER BY 1, 2, 3;
INSERT INTO encounter_nodes
SELECT scenario_id, scenario_hash, team, 'infinity', node, SUM(plays), SUM(passed)
FROM encounter_nodes GROUP BY 1, 2, 3, 5 ORDER BY 1, 2, 3, 5;
INSERT INTO encounter_moves
SELECT scenario_id, scenario_hash, team, 'infinity', node, chose, choice, target,
       SUM(taken), SUM(plays), SUM(passed), SUM(friendliness), SUM(empathy), SUM(fairness),
       SUM(options), SUM(control), SUM(information)
FROM encounter_moves GROUP BY 1, 2, 3, 5, 6, 7, 8 ORDER BY 1, 2, 3, 5, 6, 7, 8;
INSERT INTO encounter_endings
SELECT scenario_id, scenario_hash, team, 'infinity', node, outcome, SUM(plays)
FROM encounter_endings GROUP BY 1, 2, 3, 5, 6 ORDER BY 1, 2, 3, 5, 6;

CREATE OR REPLACE FUNCTION encounter_add(r results, sign BIGINT) RETURNS void LANGUAGE plpgsql AS $f$
DECLARE
    d DATE;
    p BIGINT := sign * r.passed::int;
    steps JSONB := r.transcript::jsonb;
BEGIN
    -- The play's day, then all time ('infinity' sorts last, so locks follow key order).
    FOREACH d IN ARRAY ARRAY[left(r.started_at, 10)::date, 'infinity'::date] LOOP
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
    END LOOP;
END $f$;

-- 4. Counter reads filter on scenario (and version) and day, often without
--    a team; the keys, which put the team before the day, would read every
--    team's every day of the scenario.
CREATE INDEX encounter_plays_day ON encounter_plays(scenario_id, day);
CREATE INDEX encounter_nodes_day ON encounter_nodes(scenario_id, scenario_hash, day);
CREATE INDEX encounter_moves_day ON encounter_moves(scenario_id, scenario_hash, day);
CREATE INDEX encounter_endings_day ON encounter_endings(scenario_id, scenario_hash, day);
