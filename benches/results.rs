//! Results store benchmarks on a 100,000-result SQLite file, the size of a
//! large organisation's history. Goals: every leaderboard and team-view query
//! < 20 ms, storing one result < 5 ms. Each figure is also reported as a ratio
//! to a baseline measured in the same run: `count` of every result (one pass
//! over the smallest index).
//!
//! The results are generated from real random plays of the shipped dialogues
//! (so transcripts and need scores have their real shape), spread over 8 teams
//! of uneven size, 120 players of different skill, the scenarios with uneven
//! popularity, and one year of dates; they are stored with one `import`.

mod common;

use chrono::{DateTime, Duration as Span, TimeZone, Utc};
use criterion::{Criterion, criterion_group, criterion_main};
use frontline_core::analysis::{analyse, playtest::play_random};
use frontline_core::engine::CompiledScenario;
use frontline_core::scenario::load_file;
use frontline_core::scoring::debrief;
use frontline_results::{
    Filter, LeaderboardQuery, Metric, PlayMeta, RankBy, ResultRecord, ResultStore, SqliteStore,
};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::hint::black_box;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Results in the database.
const RESULTS: usize = 100_000;

/// Random plays kept per scenario to draw results from.
const PLAYS_PER_SCENARIO: u64 = 200;

/// Teams and their share of the players (uneven, as in a real organisation).
const TEAMS: [(&str, usize); 8] = [
    ("Branch 12", 25),
    ("Head office", 20),
    ("Night shift", 18),
    ("Call centre", 17),
    ("Branch 7", 14),
    ("Front desk", 12),
    ("Logistics", 8),
    ("Trainees", 6),
];

/// The end of the generated year, and "now" for the period filters.
fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 1, 0, 0, 0).unwrap()
}

/// Finished random plays of every shipped dialogue, grouped per scenario.
fn play_pool() -> Vec<Vec<ResultRecord>> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/dialogues");
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .expect("dialogues folder")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .collect();
    paths.sort();
    let mut picker = ChaCha8Rng::seed_from_u64(7);
    let meta = PlayMeta {
        player_id: uuid::Uuid::nil(),
        player: String::new(),
        team: String::new(),
        started_at: now(),
        duration_ms: 0,
    };
    let mut pool = Vec::new();
    for path in paths {
        let loaded = load_file(&path);
        let Some(scenario) = loaded.playable() else {
            continue; // the curriculum file
        };
        let compiled = Arc::new(CompiledScenario::new(scenario).expect("shipped dialogue"));
        let analysis = analyse(&compiled);
        let plays: Vec<ResultRecord> = (0..PLAYS_PER_SCENARIO)
            .filter_map(|seed| {
                let enc = play_random(&compiled, seed, &mut picker);
                let d = debrief(scenario, &analysis, enc.transcript());
                ResultRecord::from_play(scenario, enc.transcript(), &d, meta.clone()).ok()
            })
            .collect();
        if !plays.is_empty() {
            pool.push(plays);
        }
    }
    assert!(!pool.is_empty(), "no playable dialogue found in {dir}");
    pool
}

/// A player: name, team and skill (how many plays they pick their best from).
struct Player {
    name: String,
    team: &'static str,
    skill: usize,
}

fn players(rng: &mut ChaCha8Rng) -> Vec<Player> {
    let mut out = Vec::new();
    for (team, size) in TEAMS {
        for i in 0..size {
            out.push(Player {
                name: format!("{}-{i:02}", team.to_lowercase().replace(' ', "-")),
                team,
                skill: rng.random_range(1..=4),
            });
        }
    }
    out
}

/// `RESULTS` records: players weighted (some play a lot more), scenarios
/// weighted 1/(rank+1), dates over the year, score spread by skill.
fn generate(
    pool: &[Vec<ResultRecord>],
    players: &[Player],
    rng: &mut ChaCha8Rng,
) -> Vec<ResultRecord> {
    let player_weights: Vec<f64> = players.iter().map(|_| rng.random_range(0.2..3.0)).collect();
    let pick = |weights: &[f64], rng: &mut ChaCha8Rng| {
        let total: f64 = weights.iter().sum();
        let mut x = rng.random_range(0.0..total);
        for (i, w) in weights.iter().enumerate() {
            if x < *w {
                return i;
            }
            x -= w;
        }
        weights.len() - 1
    };
    let scenario_weights: Vec<f64> = (0..pool.len()).map(|i| 1.0 / (i + 1) as f64).collect();
    let year_start = now() - Span::days(365);
    (0..RESULTS)
        .map(|_| {
            let p = &players[pick(&player_weights, rng)];
            let plays = &pool[pick(&scenario_weights, rng)];
            let best = (0..p.skill)
                .map(|_| &plays[rng.random_range(0..plays.len())])
                .max_by_key(|r| r.overall)
                .unwrap();
            let mut r = best.clone();
            r.id = uuid::Uuid::new_v4();
            r.player = p.name.clone();
            r.team = p.team.to_string();
            r.player_id = frontline_results::derived_player_id(&r.team, &r.player);
            r.started_at = year_start + Span::milliseconds(rng.random_range(0..365 * 86_400_000));
            r.duration_ms = rng.random_range(30_000..900_000);
            r
        })
        .collect()
}

/// Median and slowest wall time of one call over `runs` calls (after one
/// warm-up call).
fn median_and_max(mut f: impl FnMut(), runs: usize) -> (Duration, Duration) {
    f();
    let times = common::sorted_times(runs, f);
    (times[times.len() / 2], times[times.len() - 1])
}

fn bench_results(c: &mut Criterion) {
    let mut rng = ChaCha8Rng::seed_from_u64(2026);
    let pool = play_pool();
    let players = players(&mut rng);
    let records = generate(&pool, &players, &mut rng);
    // FRONTLINE_BENCH_DB=<file> keeps the generated database there (e.g. to
    // look at query plans with `sqlite3`); it must not exist yet.
    let dir = tempfile::tempdir().expect("temp folder");
    let path = std::env::var_os("FRONTLINE_BENCH_DB")
        .map_or_else(|| dir.path().join("results.db"), std::path::PathBuf::from);
    let store = SqliteStore::open(&path).expect("fresh database");
    let start = Instant::now();
    let summary = store.import(&records).expect("import");
    assert_eq!(summary.added, RESULTS);
    let bytes = std::fs::metadata(&path).map_or(0, |m| m.len())
        + std::fs::metadata(format!("{}-wal", path.display())).map_or(0, |m| m.len());
    println!(
        "RESULTS DB: {RESULTS} results from {} scenarios, {} players in {} teams, imported in {:.1} s, {:.0} MB",
        pool.len(),
        players.len(),
        TEAMS.len(),
        start.elapsed().as_secs_f64(),
        bytes as f64 / 1e6
    );

    let team = TEAMS[0].0;
    let player = frontline_results::derived_player_id(players[0].team, &players[0].name);
    let scenario = pool[0][0].scenario_id.clone();
    let since_30_days = Some(now() - Span::days(30));
    let board = |filter: Filter, by: RankBy, metric: Metric| LeaderboardQuery {
        filter,
        by,
        metric,
        limit: Some(200), // the game's leaderboard screen shows at most 200 rows
    };
    let overall_player_best = board(Filter::all(), RankBy::Player, Metric::Best);
    let scenario_team_average = board(
        Filter {
            scenario: Some(scenario.clone()),
            ..Filter::default()
        },
        RankBy::Team,
        Metric::Average,
    );
    let month_player_best = board(
        Filter::all().period(since_30_days, None),
        RankBy::Player,
        Metric::Best,
    );
    let team_player_average = board(Filter::team(team), RankBy::Player, Metric::Average);

    // (name, goal in ms, query); the first one is the baseline.
    type Query<'a> = Box<dyn Fn() + 'a>;
    let queries: Vec<(&str, Option<f64>, Query)> = vec![
        (
            "baseline_count_all",
            None,
            Box::new(|| {
                black_box(store.count(&Filter::all()).unwrap());
            }),
        ),
        (
            "leaderboard_overall_player_best",
            Some(20.0),
            Box::new(|| {
                black_box(store.leaderboard(&overall_player_best).unwrap());
            }),
        ),
        (
            "leaderboard_scenario_team_average",
            Some(20.0),
            Box::new(|| {
                black_box(store.leaderboard(&scenario_team_average).unwrap());
            }),
        ),
        (
            "leaderboard_last_30_days_player_best",
            Some(20.0),
            Box::new(|| {
                black_box(store.leaderboard(&month_player_best).unwrap());
            }),
        ),
        (
            "leaderboard_one_team_player_average",
            Some(20.0),
            Box::new(|| {
                black_box(store.leaderboard(&team_player_average).unwrap());
            }),
        ),
        (
            "team_view_with_player_overlay",
            Some(20.0),
            Box::new(|| {
                black_box(store.team_view(&Filter::team(team), Some(player)).unwrap());
            }),
        ),
        (
            "need_averages_team",
            Some(20.0),
            Box::new(|| {
                black_box(store.need_averages(&Filter::team(team)).unwrap());
            }),
        ),
        (
            "need_averages_player",
            Some(20.0),
            Box::new(|| {
                black_box(store.need_averages(&Filter::player_id(player)).unwrap());
            }),
        ),
        (
            "progress_player",
            Some(20.0),
            Box::new(|| {
                black_box(store.progress(&Filter::player_id(player)).unwrap());
            }),
        ),
    ];

    let mut g = c.benchmark_group("results_100k");
    for (name, _, query) in &queries {
        g.bench_function(*name, |b| b.iter(query));
    }
    let template = records[0].clone();
    let insert_one = || {
        let mut r = template.clone();
        r.id = uuid::Uuid::new_v4();
        assert!(store.insert(&r).unwrap());
    };
    g.bench_function("insert_one", |b| b.iter(insert_one));
    g.finish();

    // The summary: measured again here, side by side.
    let mut rows: Vec<(&str, Option<f64>, (Duration, Duration))> = queries
        .iter()
        .map(|(name, goal, query)| (*name, *goal, median_and_max(query, 31)))
        .collect();
    // Enough inserts to include the WAL checkpoints SQLite runs every 1000 pages.
    rows.push(("insert_one", Some(5.0), median_and_max(insert_one, 2001)));
    let base = rows[0].2.0.as_secs_f64();
    println!("RESULTS SUMMARY ({RESULTS} results; median and slowest of repeated runs)");
    println!(
        "{:<40} {:>10} {:>10} {:>10} {:>8}  verdict",
        "measurement", "median ms", "max ms", "x count", "goal ms"
    );
    for (name, goal, (median, max)) in &rows {
        let ms = median.as_secs_f64() * 1e3;
        let verdict = match goal {
            None => "baseline",
            Some(g) if ms < *g => "ok",
            Some(_) => "MISSES GOAL",
        };
        println!(
            "{name:<40} {ms:>10.3} {:>10.3} {:>10.2} {:>8}  {verdict}",
            max.as_secs_f64() * 1e3,
            median.as_secs_f64() / base,
            goal.map_or("-".into(), |g| format!("{g:.0}")),
        );
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20).warm_up_time(Duration::from_millis(500)).measurement_time(Duration::from_secs(2));
    targets = bench_results
}
criterion_main!(benches);
