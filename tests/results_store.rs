//! The results store as teams rely on it: real plays stored and ranked,
//! migrations, concurrent writers, a corrupt file left alone, and exports that
//! round-trip and pass the xAPI rules.

use chrono::{TimeZone, Utc};
use frontline::analysis::{analyse, playtest::play_random};
use frontline::engine::CompiledScenario;
use frontline::results::{
    self, Filter, LeaderboardQuery, PlayMeta, RankBy, ResultRecord, ResultStore, SqliteStore,
    export_csv, import, xapi,
};
use frontline::scenario::load_file;
use frontline::scoring::debrief;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use std::path::Path;
use std::process::Command;
use std::sync::Arc;

/// Plays `n` random encounters of a real dialogue and turns them into records.
fn played_records(n: usize, player: &str, team: &str) -> Vec<ResultRecord> {
    let loaded = load_file(Path::new("dialogues/retail-out-of-stock.ron"));
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
                results::codec::timestamp_text(record.started_at), record.duration_ms as i64,
                results::codec::outcome_text(record.outcome), n(0), n(1), n(2), n(3), n(4), n(5),
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
    assert_eq!(back.overall, record.overall);
    assert_eq!(back.transcript, record.transcript);
    migrated.integrity_check().unwrap();
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
    let (store, warning) = results::open_or_fallback(&path);
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

#[test]
fn four_processes_writing_500_results_each_lose_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let base = played_records(1, "p", "T").remove(0);
    let mut files = Vec::new();
    for p in 0..4 {
        let batch: Vec<ResultRecord> = (0..500)
            .map(|i| {
                let mut r = base.clone();
                r.id = uuid::Uuid::new_v4();
                r.player = format!("player-{p}-{i}");
                r
            })
            .collect();
        let mut out = Vec::new();
        export_csv::write_csv(&batch, &mut out).unwrap();
        let file = dir.path().join(format!("batch-{p}.csv"));
        std::fs::write(&file, out).unwrap();
        files.push(file);
    }
    let data = dir.path().join("data");
    let children: Vec<_> = files
        .iter()
        .map(|f| {
            Command::new(env!("CARGO_BIN_EXE_frontline"))
                .arg("import")
                .arg(f)
                .arg("--data-dir")
                .arg(&data)
                .spawn()
                .unwrap()
        })
        .collect();
    for mut c in children {
        assert!(c.wait().unwrap().success());
    }
    let store = SqliteStore::open(&data.join("results.db")).unwrap();
    assert_eq!(store.count(&Filter::all()).unwrap(), 2000);
    store.integrity_check().unwrap();
}
