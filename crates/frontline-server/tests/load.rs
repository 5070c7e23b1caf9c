//! Load on loopback (ignored by default; CI runs it with `--ignored`):
//! 200 concurrent clients, each posting results and reading a board, a
//! bounded number of times. Asserts every request succeeded and every result
//! is stored exactly once; prints p50/p99 latency per kind (a report, not a
//! gate: speed figures belong to benches).

mod common;

use common::TestServer;
use common::records::many;
use frontline_results::{Filter, LeaderboardQuery};
use std::time::{Duration, Instant};

const CLIENTS: usize = 200;
const ROUNDS: usize = 5;

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 * p).ceil() as usize).clamp(1, sorted.len()) - 1;
    sorted[i]
}

#[test]
#[ignore = "load test: run with --ignored (CI does)"]
fn two_hundred_concurrent_clients_post_and_read() {
    let Some(s) = TestServer::start() else { return };
    let records = many(CLIENTS * ROUNDS, 11);
    let started = Instant::now();
    let timings: Vec<(Vec<Duration>, Vec<Duration>)> = std::thread::scope(|scope| {
        let handles: Vec<_> = records
            .chunks(ROUNDS)
            .map(|mine| {
                let s = &s;
                scope.spawn(move || {
                    let (mut posts, mut reads) = (Vec::new(), Vec::new());
                    for r in mine {
                        let t = Instant::now();
                        let a = s.post("/api/v1/results", &s.trainer, r);
                        posts.push(t.elapsed());
                        assert_eq!(a.status, 201, "{}", a.json);
                        let t = Instant::now();
                        let q = LeaderboardQuery {
                            filter: Filter::team(r.team.clone()),
                            limit: Some(10),
                            ..LeaderboardQuery::default()
                        };
                        let a = s.post("/api/v1/query/leaderboard", &s.north, &q);
                        reads.push(t.elapsed());
                        assert_eq!(a.status, 200, "{}", a.json);
                    }
                    (posts, reads)
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let wall = started.elapsed();
    let count = s.rt.block_on(s.db.count(&Filter::all())).unwrap();
    assert_eq!(count as usize, CLIENTS * ROUNDS, "every result stored once");
    let mut posts: Vec<Duration> = timings.iter().flat_map(|t| t.0.clone()).collect();
    let mut reads: Vec<Duration> = timings.iter().flat_map(|t| t.1.clone()).collect();
    posts.sort();
    reads.sort();
    let requests = posts.len() + reads.len();
    println!(
        "load: {CLIENTS} clients, {requests} requests in {wall:.2?} ({:.0} req/s)",
        requests as f64 / wall.as_secs_f64()
    );
    for (kind, sorted) in [("post result", &posts), ("leaderboard", &reads)] {
        println!(
            "load: {kind}: p50 {:.1?}, p99 {:.1?}, max {:.1?}",
            percentile(sorted, 0.50),
            percentile(sorted, 0.99),
            sorted[sorted.len() - 1]
        );
    }
}
