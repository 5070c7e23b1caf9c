//! The results store as teams rely on it: real plays stored and ranked,
//! migrations, concurrent writers, a corrupt file left alone, and exports that
//! round-trip and pass the xAPI rules.

use chrono::{TimeZone, Utc};
use frontline_core::analysis::{analyse, playtest::play_random};
use frontline_core::engine::CompiledScenario;
use frontline_core::scenario::load_file;
use frontline_core::scoring::debrief;
use frontline_results::{
    Filter, LeaderboardQuery, PlayMeta, RankBy, ResultRecord, ResultStore, SqliteStore, export_csv,
    import, xapi,
};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};
use uuid::Uuid;

/// Plays `n` random encounters of a real dialogue and turns them into records.
fn played_records(n: usize, player: &str, team: &str) -> Vec<ResultRecord> {
    let loaded = load_file(
        &Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
            .join("dialogues/retail-out-of-stock.ron"),
    );
    let scenario = loaded.playable().expect("shipped dialogue loads").clone();
    let compiled = Arc::new(CompiledScenario::new(&scenario).expect("compiles"));
    let analysis = analyse(&compiled);
    let mut picker = ChaCha8Rng::seed_from_u64(7);
    (0..n)
        .map(|i| {
            let enc = play_random(&compiled, i as u64, &mut picker);
            let transcript = enc.transcript().clone();
            let d = debrief(&scenario, &analysis, &transcript);
            let meta = PlayMeta {
                player_id: frontline_results::derived_player_id(team, player),
                player: player.to_string(),
                team: team.to_string(),
                started_at: Utc.with_ymd_and_hms(2026, 11, 1, 9, 0, 0).unwrap()
                    + chrono::Duration::minutes(i as i64),
                duration_ms: 60_000 + i as u64,
            };
            ResultRecord::from_play(&scenario, &transcript, &d, meta).expect("finished play")
        })
        .collect()
}

fn sorted(mut v: Vec<ResultRecord>) -> Vec<ResultRecord> {
    v.sort_by_key(|r| r.id);
    v
}

#[test]
fn finished_plays_are_stored_and_ranked_by_team() {
    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::open(&dir.path().join("results.db")).unwrap();
    let mut all = played_records(5, "ana", "Branch 12");
    all.extend(played_records(5, "bo", "Head office"));
    for r in &all {
        assert!(store.insert(r).unwrap(), "a new result is inserted");
    }
    assert_eq!(store.count(&Filter::all()).unwrap(), 10);
    let board = store
        .leaderboard(&LeaderboardQuery {
            by: RankBy::Team,
            ..LeaderboardQuery::default()
        })
        .unwrap();
    assert_eq!(board.len(), 2, "one row per team: {board:?}");
    let avg = store.need_averages(&Filter::team("Branch 12")).unwrap();
    for (_, v) in avg.needs.iter() {
        if let Some(v) = v {
            assert!((0.0..=100.0).contains(v), "averages are normalised scores");
        }
    }
    assert_eq!(sorted(store.list(&Filter::all()).unwrap()), sorted(all));
}

#[test]
fn an_empty_file_gets_the_latest_schema_and_a_version_one_file_is_migrated() {
    let dir = tempfile::tempdir().unwrap();
    let fresh = SqliteStore::open(&dir.path().join("fresh.db")).unwrap();
    let latest = fresh.schema_version().unwrap();
    assert!(latest >= 2);

    // A database written by the first release: schema version 1, one result.
    let old_path = dir.path().join("old.db");
    let record = played_records(1, "cy", "Night shift").remove(0);
    {
        let conn = rusqlite::Connection::open(&old_path).unwrap();
        conn.execute_batch(
            "CREATE TABLE results (id TEXT PRIMARY KEY NOT NULL, player TEXT NOT NULL,
             team TEXT NOT NULL, scenario_id TEXT NOT NULL, scenario_hash TEXT NOT NULL,
             scenario_title TEXT NOT NULL, seed TEXT NOT NULL, started_at TEXT NOT NULL,
             duration_ms INTEGER NOT NULL, outcome TEXT NOT NULL, friendliness INTEGER,
             empathy INTEGER, fairness INTEGER, options INTEGER, control INTEGER,
             information INTEGER, overall INTEGER NOT NULL, grade TEXT NOT NULL,
             transcript TEXT NOT NULL);
             CREATE INDEX results_started ON results(started_at);
             PRAGMA user_version = 1;",
        )
        .unwrap();
        let n = |i: usize| record.needs.0[i].map(i64::from);
        conn.execute(
            "INSERT INTO results VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18,?19)",
            rusqlite::params![
                record.id.to_string(), record.player, record.team, record.scenario_id,
                record.scenario_hash, record.scenario_title, record.seed.to_string(),
                frontline_results::codec::timestamp_text(record.started_at), record.duration_ms as i64,
                frontline_results::codec::outcome_text(record.outcome), n(0), n(1), n(2), n(3), n(4), n(5),
                record.overall as i64, record.grade.to_string(),
                serde_json::to_string(&record.transcript).unwrap(),
            ],
        )
        .unwrap();
    }
    let migrated = SqliteStore::open(&old_path).unwrap();
    assert_eq!(migrated.schema_version().unwrap(), latest);
    let back = migrated.get(record.id).unwrap().expect("old result kept");
    assert_eq!(back.player, "cy");
    assert_eq!(
        back.player_id,
        frontline_results::derived_player_id("Night shift", "cy"),
        "an old row gets the id derived from its team and name"
    );
    assert_eq!(back.overall, record.overall);
    assert_eq!(back.transcript, record.transcript);
    let board = migrated.leaderboard(&LeaderboardQuery::default()).unwrap();
    assert_eq!(
        board.len(),
        1,
        "old results count on the leaderboard: {board:?}"
    );
    assert_eq!(
        (board[0].name.as_str(), board[0].best),
        ("cy", record.overall)
    );
    migrated.integrity_check().unwrap();
}

/// The all-time leaderboards read running totals (schema version 3); with a
/// time window they read every result. Both must rank exactly alike.
#[test]
fn all_time_leaderboards_from_running_totals_match_a_count_over_every_result() {
    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::open(&dir.path().join("results.db")).unwrap();
    let teams = ["Branch 12", "Head office", "Night desk"];
    let mut batch = Vec::new();
    for (i, player) in ["ana", "bo", "cy", "dee", "eli"].iter().enumerate() {
        let mut records = played_records(12, player, teams[i % teams.len()]);
        // Half stored one by one, half through import (a batch), both as players do.
        batch.extend(records.split_off(6));
        for r in &records {
            store.insert(r).unwrap();
        }
    }
    store.import(&batch).unwrap();
    store.import(&batch).unwrap(); // already present: the totals must not move
    let window = Utc.with_ymd_and_hms(2000, 1, 1, 0, 0, 0).unwrap();
    for by in [RankBy::Player, RankBy::Team] {
        for metric in [
            frontline_results::Metric::Best,
            frontline_results::Metric::Average,
        ] {
            for filter in [
                Filter::all(),
                Filter::team("Branch 12"),
                Filter {
                    scenario: Some("retail-out-of-stock".into()),
                    ..Filter::default()
                },
            ] {
                let query = |since| LeaderboardQuery {
                    filter: Filter {
                        since,
                        ..filter.clone()
                    },
                    by,
                    metric,
                    limit: None,
                };
                let from_totals = store.leaderboard(&query(None)).unwrap();
                let from_results = store.leaderboard(&query(Some(window))).unwrap();
                assert!(!from_totals.is_empty());
                assert_eq!(from_totals, from_results, "{by:?} {metric:?} {filter:?}");
            }
        }
    }
    let plays: u64 = store
        .leaderboard(&LeaderboardQuery::default())
        .unwrap()
        .iter()
        .map(|r| r.plays)
        .sum();
    assert_eq!(plays, 60, "every result counted once");
}

#[test]
fn a_corrupt_database_is_reported_left_unchanged_and_a_fresh_file_is_used() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("results.db");
    let garbage: Vec<u8> = b"SQLite format 3\0"
        .iter()
        .copied()
        .chain((0..8000u32).map(|i| (i * 7) as u8))
        .collect();
    std::fs::write(&path, &garbage).unwrap();

    let err = SqliteStore::open(&path).expect_err("corrupt file is refused");
    assert!(
        err.to_string().contains("results.db"),
        "error names the file: {err}"
    );
    let (store, warning) = frontline_results::open_or_fallback(&path);
    let warning = warning.expect("the player is told");
    assert!(!warning.to_string().is_empty());
    assert_ne!(
        store.path(),
        Some(path.as_path()),
        "results go to a fresh file"
    );
    store
        .insert(&played_records(1, "di", "T").remove(0))
        .unwrap();
    assert_eq!(
        std::fs::read(&path).unwrap(),
        garbage,
        "corrupt file byte-for-byte unchanged"
    );
}

#[test]
fn csv_and_xapi_exports_round_trip_every_field_and_import_twice_changes_nothing() {
    let mut records = played_records(4, "=cmd|' /C calc'!A0", "+Team");
    records[1].player = "@ana".into();
    let mut csv = Vec::new();
    export_csv::write_csv(&records, &mut csv).unwrap();
    let csv = String::from_utf8(csv).unwrap();
    let mut reader = ::csv::Reader::from_reader(csv.as_bytes());
    let header = reader.headers().unwrap().clone();
    let col = |name: &str| header.iter().position(|h| h == name).expect(name);
    for row in reader.records() {
        let row = row.unwrap();
        for name in ["player", "team"] {
            let cell = &row[col(name)];
            assert!(
                cell.starts_with('\''),
                "formula cell left live in {name}: {cell}"
            );
        }
    }
    let statements = serde_json::to_string(&xapi::statements(&records)).unwrap();
    for s in xapi::statements(&records) {
        assert_eq!(
            xapi::validate::validate_statement(&s),
            vec![],
            "statement: {s}"
        );
    }
    for text in [csv, statements] {
        let dir = tempfile::tempdir().unwrap();
        let store = SqliteStore::open(&dir.path().join("results.db")).unwrap();
        let read = import::read_export(&text).unwrap();
        assert_eq!(store.import(&read).unwrap().added, 4);
        assert_eq!(
            store.import(&read).unwrap().added,
            0,
            "second import adds nothing"
        );
        assert_eq!(
            sorted(store.list(&Filter::all()).unwrap()),
            sorted(records.clone())
        );
    }
}

/// Re-runs this test binary as a child process that runs only `test` (which,
/// seeing `var`, acts as the child and returns).
fn child_test(test: &str, var: &str, value: &str) -> Command {
    let mut cmd = Command::new(std::env::current_exe().expect("test binary path"));
    cmd.args(["--exact", test, "--nocapture", "--test-threads", "1"])
        .env(var, value);
    cmd
}

/// Splits a child's `<db path>,<number>` argument.
fn child_args(value: &str) -> (PathBuf, u64) {
    let (path, n) = value.rsplit_once(',').expect("<db path>,<number>");
    (PathBuf::from(path), n.parse().expect("a number"))
}

/// The id of writer `process`'s `i`-th result in the concurrent-writers test.
fn writer_id(process: u64, i: u64) -> Uuid {
    Uuid::from_u128((0xf00d_u128 << 112) | (u128::from(process) << 32) | u128::from(i))
}

const WRITER_ENV: &str = "FRONTLINE_TEST_WRITER";
const WRITERS: u64 = 4;
const RESULTS_PER_WRITER: u64 = 500;

#[test]
fn four_processes_inserting_500_results_one_at_a_time_lose_nothing() {
    const TEST: &str = "four_processes_inserting_500_results_one_at_a_time_lose_nothing";
    if let Ok(value) = std::env::var(WRITER_ENV) {
        // Child: wait for the start signal, then open the shared file and
        // store 500 results, one `insert` (one transaction) each.
        let (db, process) = child_args(&value);
        let base = played_records(1, "p", "T").remove(0);
        let go = db.with_extension("go");
        let deadline = Instant::now() + Duration::from_secs(60);
        while !go.exists() {
            assert!(Instant::now() < deadline, "no start signal");
            std::thread::sleep(Duration::from_millis(1));
        }
        let store = SqliteStore::open(&db).expect("writer opens the shared database");
        for i in 0..RESULTS_PER_WRITER {
            let mut r = base.clone();
            r.id = writer_id(process, i);
            r.player = format!("player-{process}-{i}");
            r.team = format!("team-{}", i % 7);
            assert!(
                store
                    .insert(&r)
                    .expect("insert succeeds despite the other writers"),
                "result {i} of writer {process} is new"
            );
        }
        return;
    }

    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("data").join("results.db");
    let children: Vec<_> = (0..WRITERS)
        .map(|p| {
            child_test(TEST, WRITER_ENV, &format!("{},{p}", db.display()))
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .expect("writer process starts")
        })
        .collect();
    // Every writer is up and waiting: let them all go at once.
    std::fs::create_dir_all(db.parent().unwrap()).unwrap();
    std::fs::write(db.with_extension("go"), b"").unwrap();
    for (p, c) in children.into_iter().enumerate() {
        let out = c.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "writer {p} failed ({}):\n{}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let store = SqliteStore::open(&db).unwrap();
    store.integrity_check().unwrap();
    assert_eq!(
        store.count(&Filter::all()).unwrap(),
        WRITERS * RESULTS_PER_WRITER
    );
    for p in 0..WRITERS {
        for i in 0..RESULTS_PER_WRITER {
            let r = store
                .get(writer_id(p, i))
                .unwrap()
                .unwrap_or_else(|| panic!("result {i} of writer {p} is missing"));
            assert_eq!(r.player, format!("player-{p}-{i}"));
        }
    }
}

const KILLED_ENV: &str = "FRONTLINE_TEST_KILLED_WRITER";

#[test]
fn a_writer_killed_at_random_moments_never_loses_a_saved_result_nor_damages_the_file() {
    const TEST: &str =
        "a_writer_killed_at_random_moments_never_loses_a_saved_result_nor_damages_the_file";
    if let Ok(value) = std::env::var(KILLED_ENV) {
        // Child: insert results until killed, reporting each id once its
        // insert has returned.
        let (db, round) = child_args(&value);
        let base = played_records(1, "k", "Killed").remove(0);
        let store = SqliteStore::open(&db).expect("the file still opens after a kill");
        let mut out = std::io::stdout().lock();
        for i in 0..1_000_000u64 {
            let mut r = base.clone();
            r.id = Uuid::new_v4();
            r.player = format!("killed-{round}-{i}");
            assert!(store.insert(&r).expect("insert"));
            writeln!(out, "SAVED {}", r.id).unwrap();
            out.flush().unwrap();
        }
        return;
    }

    // FRONTLINE_TEST_SEED=<n> replays a failing run.
    let seed: u64 = std::env::var("FRONTLINE_TEST_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_nanos() as u64
        });
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("results.db");
    let mut reported: Vec<Uuid> = Vec::new();
    for round in 0..5 {
        let target = rng.random_range(1..=300usize);
        let delay = Duration::from_millis(rng.random_range(0..=50));
        let mut child = child_test(TEST, KILLED_ENV, &format!("{},{round}", db.display()))
            .stdout(Stdio::piped())
            .spawn()
            .expect("writer process starts");
        let mut lines = BufReader::new(child.stdout.take().unwrap());
        let mut saved_before_kill = 0;
        let mut line = String::new();
        // Saved ids from complete lines; the harness's own lines are skipped.
        let mut read_line = |lines: &mut BufReader<_>, reported: &mut Vec<Uuid>| -> bool {
            line.clear();
            if lines.read_line(&mut line).unwrap() == 0 {
                return false;
            }
            if let Some(id) = line.trim_end().strip_prefix("SAVED ") {
                match id.parse() {
                    Ok(id) => reported.push(id),
                    // Only a line cut by the kill may be incomplete.
                    Err(_) => assert!(!line.ends_with('\n'), "garbled line {line:?}"),
                }
            }
            true
        };
        while saved_before_kill < target {
            let before = reported.len();
            if !read_line(&mut lines, &mut reported) {
                break;
            }
            saved_before_kill += reported.len() - before;
        }
        std::thread::sleep(delay);
        child.kill().unwrap(); // SIGKILL on unix
        let status = child.wait().unwrap();
        // Ids the child printed before it died were saved too.
        while read_line(&mut lines, &mut reported) {}
        assert!(
            saved_before_kill == target,
            "round {round}: writer died after {saved_before_kill} results ({status}); seed {seed}"
        );
        #[cfg(unix)]
        {
            use std::os::unix::process::ExitStatusExt;
            assert_eq!(
                status.signal(),
                Some(9),
                "round {round}: the writer was still writing when SIGKILLed ({status}); seed {seed}"
            );
        }

        let store = SqliteStore::open(&db).unwrap_or_else(|e| {
            panic!("round {round}: file does not open after the kill: {e}; seed {seed}")
        });
        if let Err(e) = store.integrity_check() {
            panic!("round {round}: integrity check after the kill: {e}; seed {seed}");
        }
        for id in &reported {
            assert!(
                store.get(*id).unwrap().is_some(),
                "round {round}: reported result {id} is missing (killed after {target} + {delay:?}); seed {seed}"
            );
        }
        assert!(
            store.count(&Filter::all()).unwrap() >= reported.len() as u64,
            "seed {seed}"
        );
    }
}
