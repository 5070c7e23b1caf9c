//! PostgreSQL stopped (`pg_ctl stop -m fast`) and started again under a
//! running server while games keep committing results locally and syncing.
//! Uses a cluster of its own (`scripts/services/postgres.sh start`, halted
//! and resumed with `halt` / `resume`), so tests sharing the main test
//! cluster are not disturbed. Afterwards every locally committed result is
//! on the server exactly once, and the same server process answers again
//! without a restart (its pool replaces the broken connections).

mod common;

use common::TestServer;
use common::records::many;
use frontline_results::{Filter, ResultStore, SqliteStore};
use frontline_server::testing::{fresh_database, pg_url};
use frontline_sync::{Client, ServerConfig, sync_outbox};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// Games committing and syncing at the same time.
const GAMES: usize = 4;
/// Results each game commits.
const PER_GAME: usize = 60;

/// A cluster of this test's own; stopped and deleted when dropped.
struct OwnCluster {
    dir: String,
    url: String,
}

fn script() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scripts/services/postgres.sh")
}

impl OwnCluster {
    fn start() -> OwnCluster {
        let out = Command::new(script())
            .arg("start")
            .output()
            .expect("run postgres.sh");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let text = String::from_utf8_lossy(&out.stdout);
        let value = |name: &str| {
            text.lines()
                .find_map(|l| l.strip_prefix(&format!("export {name}=")))
                .unwrap_or_else(|| panic!("no {name} in {text}"))
                .to_string()
        };
        OwnCluster {
            dir: value("FRONTLINE_PG_DIR"),
            url: value("FRONTLINE_TEST_PG_URL"),
        }
    }

    fn run(&self, command: &str) {
        let out = Command::new(script())
            .args([command, &self.dir])
            .output()
            .expect("run postgres.sh");
        assert!(
            out.status.success(),
            "{command}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

impl Drop for OwnCluster {
    fn drop(&mut self) {
        let _ = Command::new(script()).args(["stop", &self.dir]).output();
    }
}

#[test]
fn games_sync_through_a_postgres_restart_and_every_result_arrives_once() {
    // The main cluster's variable says PostgreSQL is installed (under CI=true
    // its absence fails here); this test then runs its own cluster.
    if pg_url().is_none() {
        return;
    }
    let cluster = OwnCluster::start();
    let rt = tokio::runtime::Runtime::new().unwrap();
    let url = rt.block_on(fresh_database(&cluster.url)).unwrap();
    let server = TestServer::over(rt, url);
    let client = Client::new(ServerConfig {
        url: server.base.clone(),
        token: server.trainer.clone(),
        timeout: Duration::from_secs(2),
    });
    let folders: Vec<tempfile::TempDir> =
        (0..GAMES).map(|_| tempfile::tempdir().unwrap()).collect();
    let records = many(GAMES * PER_GAME, 29);
    let committed = AtomicUsize::new(0);
    let failed_syncs = AtomicUsize::new(0);
    let stop_postgres_at = GAMES * PER_GAME / 4;
    let database_down = AtomicBool::new(false);

    std::thread::scope(|s| {
        for (folder, mine) in folders.iter().zip(records.chunks(PER_GAME)) {
            let (client, committed, failed_syncs, down) =
                (&client, &committed, &failed_syncs, &database_down);
            s.spawn(move || {
                let store = SqliteStore::open(&folder.path().join("results.db")).unwrap();
                for r in mine {
                    store
                        .insert(r)
                        .expect("committing locally never depends on the server");
                    committed.fetch_add(1, Ordering::SeqCst);
                    let report = sync_outbox(&store, client, 500).expect("local store works");
                    if report.stopped.is_some() && down.load(Ordering::SeqCst) {
                        failed_syncs.fetch_add(1, Ordering::SeqCst);
                    }
                    std::thread::sleep(Duration::from_millis(20));
                }
            });
        }
        let deadline = Instant::now() + Duration::from_secs(60);
        while committed.load(Ordering::SeqCst) < stop_postgres_at {
            assert!(Instant::now() < deadline, "games did not start committing");
            std::thread::sleep(Duration::from_millis(5));
        }
        database_down.store(true, Ordering::SeqCst);
        cluster.run("halt");
        let halted_at = committed.load(Ordering::SeqCst);
        std::thread::sleep(Duration::from_millis(1500));
        let during = committed.load(Ordering::SeqCst) - halted_at;
        assert!(
            during > 0,
            "games kept committing while PostgreSQL was down"
        );
        cluster.run("resume");
        database_down.store(false, Ordering::SeqCst);
    });
    assert!(
        failed_syncs.load(Ordering::SeqCst) > 0,
        "some syncs ran into the stopped database"
    );

    // The same server process: a few bounded rounds until every game's
    // outbox is empty (the pool reconnects on the first requests).
    let deadline = Instant::now() + Duration::from_secs(60);
    for folder in &folders {
        let store = SqliteStore::open(&folder.path().join("results.db")).unwrap();
        loop {
            let report = sync_outbox(&store, &client, 500).unwrap();
            assert!(report.rejected.is_empty(), "{report:?}");
            if report.pending == 0 && report.stopped.is_none() {
                break;
            }
            assert!(Instant::now() < deadline, "still pending: {report:?}");
            std::thread::sleep(Duration::from_millis(100));
        }
        assert_eq!(store.outbox_counts().unwrap().delivered as usize, PER_GAME);
    }
    let on_server = server.rt.block_on(server.db.count(&Filter::all())).unwrap();
    assert_eq!(on_server as usize, GAMES * PER_GAME, "each result once");
    for r in &records {
        let stored = server.rt.block_on(server.db.get(r.id)).unwrap();
        assert_eq!(stored.as_ref(), Some(r), "{} arrived as committed", r.id);
    }
    let board = server.post("/api/v1/query/count", &server.north, &Filter::all());
    assert_eq!(
        board.status, 200,
        "the server answers reads again: {}",
        board.json
    );
}
