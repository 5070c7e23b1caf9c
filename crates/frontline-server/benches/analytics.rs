//! Encounter analytics at scale, in the real test PostgreSQL (run after
//! `eval "$(scripts/services/postgres.sh start)"`; without it the bench says
//! so and measures nothing). `FRONTLINE_BENCH_RESULTS` results (default
//! 100,000) are inserted through the `results` table, so the insert trigger
//! keeps the counters exactly as for posted results. They are real plays of
//! every shipped dialogue (40 each, reused with new ids), by 20 teams, spread
//! over 2026. The baseline is one `SELECT 1` round trip on the same pool;
//! after criterion's figures the bench prints p50/p99 of 200 calls.

use chrono::{TimeZone, Utc};
use criterion::{Criterion, criterion_group, criterion_main};
use frontline_core::scenario::load_file;
use frontline_results::{PlayMeta, ResultRecord};
use frontline_server::analytics::{EncounterFilter, encounter_view};
use frontline_server::library::LibraryFile;
use frontline_server::testing::{PG_URL_ENV, engine_plays, fresh_database};
use frontline_server::{Database, store::post_with};
use std::hint::black_box;
use std::path::PathBuf;
use std::time::Instant;

/// The scenario measured.
const SCENARIO: &str = "public-office-queue-fairness";

/// Copies the pool (`results` rows with ids 0..pool) `$1` times with fresh
/// ids, one of 20 teams and a start time over the year; the trigger counts each.
const FILL: &str = r#"
INSERT INTO results (id, player, team, scenario_id, scenario_hash, scenario_title, seed,
    started_at, duration_ms, outcome, friendliness, empathy, fairness, options, control,
    information, overall, grade, passed, transcript, player_id)
SELECT gen_random_uuid(), 'player ' || (i % 500), 'team ' || (i % 20), p.scenario_id,
    p.scenario_hash, p.scenario_title, p.seed,
    to_char(timestamp '2026-01-01' + (i % 525600) * interval '1 minute',
            'YYYY-MM-DD"T"HH24:MI:SS".000000000Z"'),
    p.duration_ms, p.outcome, p.friendliness, p.empathy, p.fairness, p.options, p.control,
    p.information, p.overall, p.grade, p.passed, p.transcript,
    md5('team ' || (i % 20) || ' player ' || (i % 500))::uuid
FROM generate_series(1, $1::bigint) AS i
JOIN pool p ON p.k = i % $2::bigint
"#;

fn dialogues() -> Vec<PathBuf> {
    let dir = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../dialogues"));
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .collect();
    paths.sort();
    paths
}

/// 40 real plays of every shipped dialogue.
fn pool() -> Vec<ResultRecord> {
    let meta = |_| PlayMeta {
        player_id: frontline_results::derived_player_id("pool", "pool"),
        player: "pool".into(),
        team: "pool".into(),
        started_at: Utc.with_ymd_and_hms(2025, 1, 1, 0, 0, 0).unwrap(),
        duration_ms: 60_000,
    };
    dialogues()
        .iter()
        .filter_map(|p| load_file(p).playable().cloned())
        .flat_map(|s| engine_plays(&s, 40, 5, meta))
        .collect()
}

async fn filled(cluster: &str, results: i64) -> Database {
    let db = Database::connect(&fresh_database(cluster).await.unwrap())
        .await
        .unwrap();
    let files: Vec<LibraryFile> = dialogues()
        .iter()
        .map(|p| LibraryFile {
            path: p.file_name().unwrap().to_string_lossy().into_owned(),
            text: std::fs::read_to_string(p).unwrap(),
        })
        .collect();
    let trainer = db.issue_token(None).await.unwrap();
    let trainer = db.caller(&trainer.token).await.unwrap().unwrap();
    db.publish(&files, Some(trainer.token_id)).await.unwrap();
    let client = db.client().await.unwrap();
    let pool = pool();
    for r in &pool {
        post_with(&client, r).await.unwrap();
    }
    client
        .batch_execute(
            "CREATE TABLE pool AS SELECT row_number() OVER (ORDER BY id) - 1 AS k, * FROM results",
        )
        .await
        .unwrap();
    let started = Instant::now();
    let rest = results - pool.len() as i64;
    client
        .execute(FILL, &[&rest, &(pool.len() as i64)])
        .await
        .unwrap();
    client
        .batch_execute("DROP TABLE pool; ANALYZE;")
        .await
        .unwrap();
    eprintln!(
        "analytics bench: {results} results inserted through the trigger in {:.0} s",
        started.elapsed().as_secs_f64()
    );
    db
}

fn encounter(c: &mut Criterion) {
    let Ok(cluster) = std::env::var(PG_URL_ENV) else {
        eprintln!(
            "analytics bench: {PG_URL_ENV} is not set; start scripts/services/postgres.sh first"
        );
        return;
    };
    let results: i64 = std::env::var("FRONTLINE_BENCH_RESULTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let rt = tokio::runtime::Runtime::new().unwrap();
    let db = rt.block_on(filled(&cluster, results));
    let day = |m, d| chrono::NaiveDate::from_ymd_opt(2026, m, d);
    let cases = [
        ("every team, all time", EncounterFilter::default()),
        (
            "one team, all time",
            EncounterFilter {
                team: Some("team 3".into()),
                ..EncounterFilter::default()
            },
        ),
        (
            "every team, one month",
            EncounterFilter {
                from: day(3, 1),
                to: day(3, 31),
                ..EncounterFilter::default()
            },
        ),
    ];
    let mut group = c.benchmark_group(format!("encounter_view_{results}_results"));
    group.bench_function("baseline: SELECT 1 round trip", |b| {
        b.iter(|| {
            rt.block_on(async {
                let client = db.client().await.unwrap();
                black_box(client.query_one("SELECT 1", &[]).await.unwrap());
            })
        })
    });
    for (name, filter) in &cases {
        group.bench_function(*name, |b| {
            b.iter(|| black_box(rt.block_on(encounter_view(&db, SCENARIO, filter)).unwrap()))
        });
    }
    group.finish();
    for (name, filter) in &cases {
        let mut times: Vec<f64> = (0..200)
            .map(|_| {
                let t = Instant::now();
                black_box(rt.block_on(encounter_view(&db, SCENARIO, filter)).unwrap());
                t.elapsed().as_secs_f64() * 1000.0
            })
            .collect();
        times.sort_by(f64::total_cmp);
        eprintln!(
            "encounter_view {name} over {results} results: p50 {:.1} ms, p99 {:.1} ms",
            times[100], times[197]
        );
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20).measurement_time(std::time::Duration::from_secs(3));
    targets = encounter
}
criterion_main!(benches);
