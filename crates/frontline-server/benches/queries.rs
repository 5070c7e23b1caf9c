//! Board queries over many results in the real test PostgreSQL (run after
//! `eval "$(scripts/services/postgres.sh start)"`; without it the bench says
//! so and measures nothing). The baseline is one `SELECT 1` round trip on the
//! same pool, so each figure reads as "N round trips".

use criterion::{Criterion, criterion_group, criterion_main};
use frontline_results::{Filter, LeaderboardQuery, Metric, RankBy};
use frontline_server::Database;
use frontline_server::testing::{PG_URL_ENV, fresh_database};
use std::hint::black_box;

/// Results loaded before measuring.
const RESULTS: i64 = 100_000;

/// Fills the database with `RESULTS` results: 20 teams, 500 players,
/// 14 scenarios, one result a minute from 2026-01-01 (the trigger keeps the
/// running totals as for posted results).
const FILL: &str = r#"
INSERT INTO results (id, player, team, scenario_id, scenario_hash, scenario_title, seed,
    started_at, duration_ms, outcome, friendliness, empathy, fairness, options, control,
    information, overall, grade, passed, transcript, player_id)
SELECT gen_random_uuid(), 'player ' || (i % 500), 'team ' || (i % 20), 'scenario ' || (i % 14),
    repeat('ab', 32), 'A title', i::text,
    to_char((timestamp '2026-01-01' + i * interval '1 minute'), 'YYYY-MM-DD"T"HH24:MI:SS".000000000Z"'),
    60000, 'Satisfied', i % 101, NULL, (i * 7) % 101, (i * 3) % 101, NULL, (i * 11) % 101,
    (i * 13) % 101, 'B', i % 3 <> 0, '[]', md5('player ' || (i % 500))::uuid
FROM generate_series(1, $1::bigint) AS i;
ANALYZE;
"#;

fn boards(c: &mut Criterion) {
    let Ok(cluster) = std::env::var(PG_URL_ENV) else {
        eprintln!(
            "queries bench: {PG_URL_ENV} is not set; start scripts/services/postgres.sh first"
        );
        return;
    };
    let rt = tokio::runtime::Runtime::new().unwrap();
    let db = rt.block_on(async {
        let url = fresh_database(&cluster).await.unwrap();
        let db = Database::connect(&url).await.unwrap();
        let client = db.client().await.unwrap();
        let (insert, analyze) = FILL.trim().rsplit_once("ANALYZE;").unwrap();
        let insert = insert.trim().trim_end_matches(';');
        client.execute(insert, &[&RESULTS]).await.unwrap();
        client
            .batch_execute(&format!("ANALYZE;{analyze}"))
            .await
            .unwrap();
        db
    });
    let week = Filter::all().period(
        frontline_results::parse_date("2026-02-01").ok(),
        frontline_results::parse_date("2026-02-08").ok(),
    );
    let board = |filter: Filter, by, metric| LeaderboardQuery {
        filter,
        by,
        metric,
        limit: Some(20),
    };
    let mut group = c.benchmark_group(format!("server_queries_{RESULTS}_results"));
    group.bench_function("baseline: SELECT 1 round trip", |b| {
        b.iter(|| {
            rt.block_on(async {
                let client = db.client().await.unwrap();
                black_box(client.query_one("SELECT 1", &[]).await.unwrap());
            })
        })
    });
    let cases = [
        (
            "all-time players, best",
            board(Filter::all(), RankBy::Player, Metric::Best),
        ),
        (
            "all-time teams, average",
            board(Filter::all(), RankBy::Team, Metric::Average),
        ),
        (
            "one team's players, best",
            board(Filter::team("team 3"), RankBy::Player, Metric::Best),
        ),
        (
            "one week, players, best",
            board(week.clone(), RankBy::Player, Metric::Best),
        ),
    ];
    for (name, query) in cases {
        group.bench_function(name, |b| {
            b.iter(|| black_box(rt.block_on(db.leaderboard(&query)).unwrap()))
        });
    }
    group.bench_function("need averages, one team", |b| {
        b.iter(|| {
            black_box(
                rt.block_on(db.need_averages(&Filter::team("team 3")))
                    .unwrap(),
            )
        })
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20).measurement_time(std::time::Duration::from_secs(3));
    targets = boards
}
criterion_main!(benches);
