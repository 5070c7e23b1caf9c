// The shared screens with a team server configured, in a headless app: a
// server that accepts connections and never answers, a port nothing listens
// on, and the real server over the real PostgreSQL. Frames never wait for
// the network; the screen shows this computer's results marked "loading"
// or "offline" until the server's answer arrives.

use super::headless_app::wait_for_dialogues;
use bevy::app::App;
use frontline_core::analysis::{analyse, playtest::play_random};
use frontline_core::engine::CompiledScenario;
use frontline_core::scenario::load_file;
use frontline_core::scoring::debrief;
use frontline_game::GameOptions;
use frontline_game::catalog::Catalog;
use frontline_game::records::{DataSource, Records};
use frontline_game::screens::leaderboard::{self, Filters};
use frontline_game::settings::Preferences;
use frontline_results::{PlayMeta, ResultRecord, ResultStore, SqliteStore};
use frontline_sync::ServerConfig;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use std::net::TcpListener;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// A frame (update plus rebuilding the leaderboard) this slow would be the
/// network's doing: the server below holds every request far longer.
const SLOW_FRAME: Duration = Duration::from_millis(500);

/// Real results of one shipped dialogue, by `player` of `team`.
fn results(player: &str, team: &str, count: u64) -> Vec<ResultRecord> {
    let path = super::repo_root().join("dialogues/retail-out-of-stock.ron");
    let loaded = load_file(&path);
    let scenario = loaded.playable().expect("shipped dialogue");
    let compiled = Arc::new(CompiledScenario::new(scenario).expect("compiles"));
    let analysis = analyse(&compiled);
    let mut rng = ChaCha8Rng::seed_from_u64(7);
    (0..count)
        .map(|seed| {
            let play = play_random(&compiled, seed, &mut rng);
            let d = debrief(scenario, &analysis, play.transcript());
            let meta = PlayMeta {
                player_id: frontline_results::derived_player_id(team, player),
                player: player.into(),
                team: team.into(),
                started_at: chrono::Utc::now(),
                duration_ms: 1000,
            };
            ResultRecord::from_play(scenario, play.transcript(), &d, meta).expect("valid")
        })
        .collect()
}

/// A game with one local result by Ana, pointed at `url`.
fn game_with_server(data: &Path, url: String, token: &str) -> App {
    let store = SqliteStore::open(&data.join("results.db")).unwrap();
    for r in results("Ana", "North", 1) {
        store.insert(&r).unwrap();
    }
    drop(store);
    let mut app = frontline_game::headless_app(GameOptions {
        data_dir: Some(data.to_path_buf()),
        server: Some(ServerConfig {
            url,
            token: token.into(),
            timeout: Duration::from_secs(10),
        }),
        ..GameOptions::new(super::repo_root().join("dialogues"))
    });
    wait_for_dialogues(&mut app);
    app
}

/// One frame and the leaderboard as the screen would build it now, and how
/// long both took.
fn frame(app: &mut App) -> (leaderboard::View, Duration) {
    let started = Instant::now();
    app.update();
    let w = app.world();
    let view = leaderboard::build_view(
        &Filters::default(),
        w.resource::<Records>(),
        w.resource::<Catalog>(),
        w.resource::<Preferences>(),
    )
    .expect("the local store answers");
    (view, started.elapsed())
}

fn players(view: &leaderboard::View) -> Vec<String> {
    view.rows.iter().map(|r| r.name.clone()).collect()
}

/// Runs frames until the leaderboard's source is `wanted` (at most `limit`),
/// asserting no frame waited on the network. Returns the view and the frames.
fn frames_until(app: &mut App, wanted: DataSource, limit: Duration) -> (leaderboard::View, u32) {
    let started = Instant::now();
    let mut frames = 0;
    loop {
        let (view, took) = frame(app);
        frames += 1;
        assert!(took < SLOW_FRAME, "frame {frames} took {took:?}");
        if view.source == wanted {
            return (view, frames);
        }
        assert!(
            started.elapsed() < limit,
            "no {wanted:?} after {frames} frames; last source {:?}",
            view.source
        );
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// Accepts connections on a loopback port and never answers (until dropped).
struct SilentServer {
    url: String,
    stop: Arc<AtomicBool>,
}

impl SilentServer {
    fn start() -> SilentServer {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        listener.set_nonblocking(true).unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let stop = Arc::new(AtomicBool::new(false));
        let stopping = stop.clone();
        std::thread::spawn(move || {
            let mut held = Vec::new();
            while !stopping.load(Ordering::Relaxed) {
                if let Ok((conn, _)) = listener.accept() {
                    held.push(conn);
                }
                std::thread::sleep(Duration::from_millis(5));
            }
        });
        SilentServer { url, stop }
    }
}

impl Drop for SilentServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}

#[test]
fn a_server_that_never_answers_holds_up_no_frame() {
    let silent = SilentServer::start();
    let data = tempfile::tempdir().unwrap();
    let mut app = game_with_server(data.path(), silent.url.clone(), "flt_any");
    let (view, _) = frame(&mut app);
    assert_eq!(view.source, DataSource::Loading, "asked, no answer yet");
    assert_eq!(players(&view), ["Ana"], "this computer's results at once");
    assert!(DataSource::Loading.mark().unwrap().contains("Loading"));

    // The query gives up after its 2 s; frames kept running meanwhile.
    let (view, frames) = frames_until(&mut app, DataSource::Offline, Duration::from_secs(15));
    assert!(
        frames > 20,
        "only {frames} frames while the server was silent"
    );
    assert_eq!(players(&view), ["Ana"]);
    assert!(DataSource::Offline.mark().unwrap().contains("Offline"));
}

#[test]
fn an_unreachable_server_shows_local_results_marked_offline() {
    let closed = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", closed.local_addr().unwrap());
    drop(closed);
    let data = tempfile::tempdir().unwrap();
    let mut app = game_with_server(data.path(), url, "flt_any");
    let (view, _) = frames_until(&mut app, DataSource::Offline, Duration::from_secs(15));
    assert_eq!(players(&view), ["Ana"]);
}

#[test]
fn the_real_server_s_answer_replaces_the_local_one() {
    let Some(cluster) = frontline_server::testing::pg_url() else {
        return;
    };
    let rt = tokio::runtime::Runtime::new().unwrap();
    let db_url = rt
        .block_on(frontline_server::testing::fresh_database(&cluster))
        .unwrap();
    let db = rt
        .block_on(frontline_server::Database::connect(&db_url))
        .unwrap();
    let token = rt.block_on(async {
        db.create_team("North").await.unwrap();
        for r in results("Bo", "North", 3) {
            db.post(&r).await.unwrap();
        }
        db.issue_token(Some("North")).await.unwrap().token
    });
    let (tx, rx) = std::sync::mpsc::channel();
    let server_db = db.clone();
    rt.spawn(async move {
        let any_port = "127.0.0.1:0".parse().unwrap();
        let _ = frontline_server::serve(server_db, any_port, move |a| tx.send(a).unwrap()).await;
    });
    let addr = rx.recv().unwrap();

    let data = tempfile::tempdir().unwrap();
    let mut app = game_with_server(data.path(), format!("http://{addr}"), &token);
    let (view, _) = frames_until(&mut app, DataSource::Server, Duration::from_secs(30));
    let mut shown = players(&view);
    shown.sort();
    assert!(shown.contains(&"Bo".to_string()), "server rows: {shown:?}");

    // Ana's local result reaches the server through the outbox, and the
    // board shows it once the sync thread says so.
    let started = Instant::now();
    loop {
        let (view, took) = frame(&mut app);
        assert!(took < SLOW_FRAME);
        let mut shown = players(&view);
        shown.sort();
        if view.source == DataSource::Server && shown == ["Ana", "Bo"] {
            break;
        }
        assert!(started.elapsed() < Duration::from_secs(30), "{shown:?}");
        std::thread::sleep(Duration::from_millis(10));
    }
}
