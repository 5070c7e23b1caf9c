//! The team server at a company's scale: every query the game's screens
//! make, every dashboard page, posting one result, and 200 clients at once,
//! against a database already holding a million results. Fill one with
//!
//! ```text
//! frontline serve admin demo-data --database URL --teams 200 --players 25 --plays 200 --weeks 52
//! ```
//!
//! and run `FRONTLINE_SCALE_DB_URL=URL cargo bench -p frontline-server --bench scale`
//! (without the variable the bench says so and measures nothing). Its
//! posts (about 6,000 results by 201 bench players) are deleted at the end.
//!
//! Figures are p50 and p99 of each case, and p99 as a ratio to a baseline
//! measured in the same run: one `SELECT 1` round trip for the queries, one
//! static page (`/sign-in`) over HTTP for the pages and posts. The pages are
//! served by a child process (this bench re-run with `FRONTLINE_SCALE_SERVE`),
//! so its peak RSS is the server's alone.

mod http;
mod timing;

use frontline_core::scenario::load_str;
use frontline_results::{
    Filter, LeaderboardQuery, Metric, PlayMeta, RankBy, ResultRecord, derived_player_id,
};
use frontline_server::Database;
use frontline_server::analytics::{EncounterFilter, encounter_view};
use frontline_server::testing::engine_plays;
use http::{DB_ENV, Http, SERVE_ENV, Server, serve};
use std::future::Future;
use std::path::Path;
use std::time::{Duration, Instant};
use timing::{SAMPLES, measure, report};

/// Clients of the concurrent phase, how long it lasts, and the pause each
/// client makes between rounds (a game posts after a play, then reads a board).
const CLIENTS: usize = 200;
const CONCURRENT_FOR: Duration = Duration::from_secs(30);
const THINK: Duration = Duration::from_millis(1000);

fn main() {
    let Ok(url) = std::env::var(DB_ENV) else {
        eprintln!("scale bench: {DB_ENV} is not set; see the top of benches/scale/main.rs");
        return;
    };
    if std::env::var(SERVE_ENV).is_ok() {
        return serve(&url);
    }
    let rt = tokio::runtime::Runtime::new().unwrap();
    let db = rt.block_on(Database::connect(&url)).unwrap();
    let results = rt.block_on(db.count(&Filter::all())).unwrap();
    println!("scale: {results} results in the database");
    let world = rt.block_on(World::of(&db));
    queries(&rt, &db, &world);
    let mut server = Server::start(&url);
    let http = Http::new(
        &server.base,
        &rt.block_on(world.session(&db)),
        &world.trainer,
    );
    pages(&http, &world);
    posting(&http, &world);
    concurrent(&http, &world);
    println!("scale: server peak RSS {} MB", server.peak_rss_mb());
    server.stop();
    // Leave the database as found: the bench clients' results go again.
    rt.block_on(async {
        for client in 0..=CLIENTS {
            db.delete_player(world.client_id(client)).await.unwrap();
        }
    });
}

/// What the cases ask about: a team, one of its players, a scenario.
struct World {
    team: String,
    player: uuid::Uuid,
    scenario: frontline_core::scenario::Scenario,
    trainer: String,
}

impl World {
    async fn of(db: &Database) -> World {
        let board = db
            .leaderboard(&LeaderboardQuery {
                limit: Some(1),
                ..LeaderboardQuery::default()
            })
            .await
            .unwrap();
        let top = board.first().expect("a filled database");
        let library = db.library().await.unwrap();
        let scenario = library
            .files
            .iter()
            .find_map(|f| load_str(Path::new(&f.path), &f.text).playable().cloned())
            .expect("a published scenario");
        World {
            team: top.team.clone(),
            player: top.player_id.expect("a player row"),
            scenario,
            trainer: db.issue_token(None).await.unwrap().token,
        }
    }

    async fn session(&self, db: &Database) -> String {
        db.open_session(&self.trainer).await.unwrap().unwrap().0
    }

    /// The player id of bench client `client`.
    fn client_id(&self, client: usize) -> uuid::Uuid {
        derived_player_id(&self.team, &format!("Bench client {client}"))
    }

    /// `n` new plays by `client`'s own player in this team.
    fn plays(&self, client: usize, n: u64, seed: u64) -> Vec<ResultRecord> {
        let name = format!("Bench client {client}");
        let id = self.client_id(client);
        engine_plays(&self.scenario, n, seed, |_| PlayMeta {
            player_id: id,
            player: name.clone(),
            team: self.team.clone(),
            started_at: chrono::Utc::now(),
            duration_ms: 120_000,
        })
    }
}

fn block<T>(rt: &tokio::runtime::Runtime, f: impl Future<Output = T>) -> T {
    rt.block_on(f)
}

/// The game screens' reads, timed at the server (the calls its handlers make).
fn queries(rt: &tokio::runtime::Runtime, db: &Database, w: &World) {
    let base = measure("baseline: SELECT 1 round trip", None, || {
        block(rt, async {
            let c = db.client().await.unwrap();
            c.query_one("SELECT 1", &[]).await.unwrap();
        });
        0
    });
    let b = Some(base);
    let since = |days: i64| Some(chrono::Utc::now() - chrono::Duration::days(days));
    let board = |filter: Filter, by, metric| LeaderboardQuery {
        filter,
        by,
        metric,
        limit: Some(50),
    };
    let team = Filter::team(w.team.clone());
    let scenario = Filter {
        scenario: Some(w.scenario.id.clone()),
        ..Filter::default()
    };
    let boards = [
        (
            "players, all time, best",
            board(Filter::all(), RankBy::Player, Metric::Best),
        ),
        (
            "teams, all time, average",
            board(Filter::all(), RankBy::Team, Metric::Average),
        ),
        (
            "one team's players, all time",
            board(team.clone(), RankBy::Player, Metric::Best),
        ),
        (
            "one scenario's players, all time",
            board(scenario.clone(), RankBy::Player, Metric::Best),
        ),
        (
            "players, last 24 hours",
            board(
                Filter::all().period(since(1), None),
                RankBy::Player,
                Metric::Best,
            ),
        ),
        (
            "players, last 7 days",
            board(
                Filter::all().period(since(7), None),
                RankBy::Player,
                Metric::Best,
            ),
        ),
        (
            "teams, last 30 days",
            board(
                Filter::all().period(since(30), None),
                RankBy::Team,
                Metric::Average,
            ),
        ),
        (
            "one team's players, last 30 days",
            board(
                team.clone().period(since(30), None),
                RankBy::Player,
                Metric::Average,
            ),
        ),
    ];
    for (name, q) in boards {
        measure(&format!("leaderboard: {name}"), b, || {
            block(rt, db.leaderboard(&q)).unwrap().len()
        });
    }
    let month = team.clone().period(since(30), None);
    let player = Filter {
        player_id: Some(w.player),
        ..team.clone()
    };
    measure("team view: all time", b, || {
        block(rt, db.team_view(&team, Some(w.player))).unwrap();
        0
    });
    measure("team view: last 30 days", b, || {
        block(rt, db.team_view(&month, Some(w.player))).unwrap();
        0
    });
    measure("need averages: company, all time", b, || {
        block(rt, db.need_averages(&Filter::all())).unwrap();
        0
    });
    measure("need averages: company, last 30 days", b, || {
        block(rt, db.need_averages(&Filter::all().period(since(30), None))).unwrap();
        0
    });
    measure("progress: one player", b, || {
        block(rt, db.progress(&player)).unwrap().len()
    });
    measure("played scenarios: one player", b, || {
        block(rt, db.played_scenarios(&player)).unwrap().len()
    });
    measure("teams", b, || block(rt, db.teams()).unwrap().len());
    measure("players of one team", b, || {
        block(rt, db.players(Some(&w.team))).unwrap().len()
    });
    let analytics = [
        ("every team, all time", EncounterFilter::default()),
        (
            "one team, all time",
            EncounterFilter {
                team: Some(w.team.clone()),
                ..Default::default()
            },
        ),
        (
            "every team, last 30 days",
            EncounterFilter {
                from: days_ago(30),
                ..Default::default()
            },
        ),
        (
            "one team, last 30 days",
            EncounterFilter {
                team: Some(w.team.clone()),
                from: days_ago(30),
                to: None,
            },
        ),
    ];
    for (name, f) in analytics {
        measure(&format!("encounter analytics: {name}"), b, || {
            block(rt, encounter_view(db, &w.scenario.id, &f)).unwrap();
            0
        });
    }
}

fn days_ago(days: i64) -> Option<chrono::NaiveDate> {
    Some((chrono::Utc::now() - chrono::Duration::days(days)).date_naive())
}

/// The dashboard pages over HTTP, signed in as a trainer (sees everything).
fn pages(http: &Http, w: &World) {
    let base = measure("page baseline: /sign-in (no database)", None, || {
        http.get("/sign-in")
    });
    let b = Some(base);
    let team = encode(&w.team);
    let id = &w.scenario.id;
    let pages = [
        "/".to_string(),
        format!("/?team={team}"),
        format!("/?team={team}&period=30d"),
        "/leaderboard".to_string(),
        "/leaderboard?period=7d".to_string(),
        format!("/leaderboard?by=players&team={team}&period=30d"),
        format!("/players?team={team}"),
        format!("/players/{team}/{}", w.player),
        format!("/encounters/{id}"),
        format!("/encounters/{id}?team={team}"),
        format!("/encounters/{id}?from={}", days_ago(30).unwrap()),
    ];
    for path in pages {
        measure(&format!("page {path}"), b, || http.get(&path));
    }
}

/// One client posting new results one after another.
fn posting(http: &Http, w: &World) {
    let base = measure("post baseline: /sign-in", None, || http.get("/sign-in"));
    let records = w.plays(0, SAMPLES as u64 + 3, 1);
    let mut next = records.iter();
    measure("post one result", Some(base), || {
        http.post("/api/v1/results", next.next().unwrap(), 201)
    });
}

/// [`CLIENTS`] games at once, each posting a result, reading its team's
/// board, then pausing [`THINK`] (jittered), for [`CONCURRENT_FOR`].
fn concurrent(http: &Http, w: &World) {
    let deadline = Instant::now() + CONCURRENT_FOR;
    let rounds = (CONCURRENT_FOR.as_millis() / THINK.as_millis()) as u64 + 2;
    let timings: Vec<(Vec<Duration>, Vec<Duration>)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..CLIENTS)
            .map(|client| {
                let records = w.plays(client + 1, rounds, client as u64);
                let http = http.clone();
                scope.spawn(move || {
                    // Spread the first requests over one pause.
                    std::thread::sleep(THINK * client as u32 / CLIENTS as u32);
                    let (mut posts, mut reads) = (Vec::new(), Vec::new());
                    let board = LeaderboardQuery {
                        filter: Filter::team(w.team.clone()),
                        limit: Some(10),
                        ..LeaderboardQuery::default()
                    };
                    for r in &records {
                        if Instant::now() >= deadline {
                            break;
                        }
                        let t = Instant::now();
                        http.post("/api/v1/results", r, 201);
                        posts.push(t.elapsed());
                        let t = Instant::now();
                        http.post("/api/v1/query/leaderboard", &board, 200);
                        reads.push(t.elapsed());
                        let jitter = THINK / 2 + THINK * (client as u32 % 11) / 10;
                        std::thread::sleep(jitter.saturating_sub(t.elapsed()));
                    }
                    (posts, reads)
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let mut posts: Vec<Duration> = timings.iter().flat_map(|t| t.0.clone()).collect();
    let mut reads: Vec<Duration> = timings.iter().flat_map(|t| t.1.clone()).collect();
    let requests = posts.len() + reads.len();
    println!(
        "scale: {CLIENTS} clients for {CONCURRENT_FOR:?}: {requests} requests ({:.0}/s)",
        requests as f64 / CONCURRENT_FOR.as_secs_f64()
    );
    report(
        &format!("{CLIENTS} clients: post one result"),
        &mut posts,
        None,
        0,
    );
    report(
        &format!("{CLIENTS} clients: team leaderboard"),
        &mut reads,
        None,
        0,
    );
}

fn encode(s: &str) -> String {
    s.replace(' ', "%20")
}
