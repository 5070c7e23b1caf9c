//! The findings of issue 15, each as a test that failed before the fix:
//! index damage caught before a write, read-only readers, one validation on
//! import, conflicts reported, hand-written quotes kept, a damaged row not
//! failing the whole export, overflowing durations not panicking.

use chrono::{TimeZone, Utc};
use frontline_core::analysis::{analyse, playtest::play_random};
use frontline_core::engine::CompiledScenario;
use frontline_core::scenario::load_file;
use frontline_core::scoring::debrief;
use frontline_results::sqlite::{needs_full_check, salvage};
use frontline_results::{
    Filter, PlayMeta, ResultRecord, ResultStore, SqliteStore, StoreError, export_csv, import, xapi,
};
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use rusqlite::{Connection, OpenFlags};
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// `n` real random plays of a shipped dialogue by `player`.
fn played(n: usize, player: &str) -> Vec<ResultRecord> {
    let loaded = load_file(
        &Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
            .join("dialogues/retail-out-of-stock.ron"),
    );
    let scenario = loaded.playable().expect("shipped dialogue loads").clone();
    let compiled = Arc::new(CompiledScenario::new(&scenario).expect("compiles"));
    let analysis = analyse(&compiled);
    let mut picker = ChaCha8Rng::seed_from_u64(11);
    (0..n)
        .map(|i| {
            let enc = play_random(&compiled, i as u64, &mut picker);
            let transcript = enc.transcript().clone();
            let d = debrief(&scenario, &analysis, &transcript);
            let meta = PlayMeta {
                player_id: frontline_results::derived_player_id("Branch 12", player),
                player: player.to_string(),
                team: "Branch 12".to_string(),
                started_at: Utc.with_ymd_and_hms(2026, 11, 1, 9, 0, 0).unwrap()
                    + chrono::Duration::minutes(i as i64),
                duration_ms: 60_000,
            };
            ResultRecord::from_play(&scenario, &transcript, &d, meta).expect("finished")
        })
        .collect()
}

fn pragma(path: &Path, name: &str) -> String {
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    conn.query_row(&format!("PRAGMA {name}"), [], |r| r.get(0))
        .unwrap()
}

/// Changes one digit of alice's player id inside the `results_player` index
/// only, so the index no longer matches its table while every page stays
/// well-formed.
fn damage_player_index(path: &Path) {
    let (root, page_size): (i64, i64) = {
        let conn = Connection::open(path).unwrap();
        let root = conn
            .query_row(
                "SELECT rootpage FROM sqlite_master WHERE name = 'results_player'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        let size = conn
            .query_row("PRAGMA page_size", [], |r| r.get(0))
            .unwrap();
        (root, size)
    };
    let mut bytes = std::fs::read(path).unwrap();
    let start = ((root - 1) * page_size) as usize;
    let page = &mut bytes[start..start + page_size as usize];
    let alice = frontline_results::derived_player_id("Branch 12", "alice").to_string();
    let at = page
        .windows(alice.len())
        .position(|w| w == alice.as_bytes())
        .expect("the index page holds the id");
    let last = at + alice.len() - 1;
    page[last] = if page[last] == b'0' { b'1' } else { b'0' };
    std::fs::write(path, bytes).unwrap();
}

#[test]
fn index_damage_that_quick_check_misses_is_refused_before_any_write_and_salvaged() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("results.db");
    let mut records = played(3, "alice");
    records.extend(played(3, "bob"));
    {
        let store = SqliteStore::open(&path).unwrap();
        store.import(&records).unwrap();
    }
    assert!(
        !needs_full_check(&path),
        "a file as Frontline left it opens without the full check"
    );
    damage_player_index(&path);
    assert!(
        needs_full_check(&path),
        "any other change means a full check"
    );
    assert_eq!(pragma(&path, "quick_check"), "ok", "quick_check misses it");
    assert_ne!(pragma(&path, "integrity_check"), "ok");
    let before = std::fs::read(&path).unwrap();

    let err = SqliteStore::open(&path).expect_err("damaged file refused");
    assert!(matches!(err, StoreError::Corrupt { .. }), "{err}");
    assert!(
        err.to_string().contains("results.db"),
        "names the file: {err}"
    );
    assert_eq!(std::fs::read(&path).unwrap(), before, "never modified");
    assert!(salvage::check(&path).is_err(), "doctor sees it too");

    let fresh = dir.path().join("saved.db");
    let report = salvage::salvage(&path, &fresh).unwrap();
    assert_eq!((report.saved, report.lost.len()), (records.len(), 0));
    assert_eq!(std::fs::read(&path).unwrap(), before, "salvage only reads");
    salvage::check(&fresh).expect("the salvaged store is healthy");
    let saved = SqliteStore::open(&fresh).unwrap();
    let mut got = saved.list(&Filter::all()).unwrap();
    got.sort_by_key(|r| r.id);
    records.sort_by_key(|r| r.id);
    assert_eq!(got, records);
}

#[test]
fn a_reader_is_never_blocked_by_a_writer_holding_a_write_transaction() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("results.db");
    let records = played(4, "ana");
    let store = SqliteStore::open(&path).unwrap();
    store.import(&records[..3]).unwrap();
    let writer = Connection::open(&path).unwrap();
    writer
        .execute_batch("BEGIN IMMEDIATE; UPDATE results SET overall = overall WHERE 0;")
        .unwrap();
    let started = Instant::now();
    let reader = SqliteStore::open_read_only(&path).unwrap();
    assert!(reader.is_read_only());
    assert_eq!(reader.list(&Filter::all()).unwrap().len(), 3);
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "read at once, not after the busy timeout: {:?}",
        started.elapsed()
    );
    let refused = reader.insert(&records[3]);
    assert!(refused.is_err(), "a read-only store cannot write");
    writer.execute_batch("ROLLBACK").unwrap();
}

const READ_ONLY_CHILD: &str = "FRONTLINE_TEST_READ_ONLY_DB";

/// Run as an unprivileged child by the test below: reads the store.
#[test]
fn read_only_child() {
    let Ok(path) = std::env::var(READ_ONLY_CHILD) else {
        return;
    };
    let store = SqliteStore::open_read_only(Path::new(&path)).expect("opens read-only");
    assert_eq!(store.count(&Filter::all()).unwrap(), 2);
    assert_eq!(store.list(&Filter::all()).unwrap().len(), 2);
    println!("READ-OK");
}

#[test]
fn readers_work_in_a_folder_they_cannot_write() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("shared");
    std::fs::create_dir(&folder).unwrap();
    let path = folder.join("results.db");
    SqliteStore::open(&path)
        .unwrap()
        .import(&played(2, "ana"))
        .unwrap();
    let listing = |dir: &Path| {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    };
    let before = listing(&folder);
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o555)).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
    let root = std::process::Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false);
    if root {
        // Root ignores file permissions: run the reader as `nobody`, for
        // whom the folder really is read-only.
        let out = std::process::Command::new("setpriv")
            .args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"])
            .arg(std::env::current_exe().unwrap())
            .args(["--exact", "read_only_child", "--nocapture"])
            .env(READ_ONLY_CHILD, &path)
            .output()
            .expect("setpriv runs (util-linux)");
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success() && text.contains("READ-OK"),
            "reader as nobody: {text}{}",
            String::from_utf8_lossy(&out.stderr)
        );
    } else {
        let store = SqliteStore::open_read_only(&path).unwrap();
        assert_eq!(store.count(&Filter::all()).unwrap(), 2);
    }
    assert_eq!(listing(&folder), before, "nothing created beside it");
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o755)).unwrap();
}

#[test]
fn the_same_id_with_different_content_is_reported_as_a_conflict() {
    let store = SqliteStore::in_memory().unwrap();
    let records = played(2, "ana");
    store.import(&records).unwrap();
    let mut changed = records[0].clone();
    changed.overall = changed.overall.wrapping_add(1) % 101;
    changed.player = "someone else".into();
    let summary = store.import(&[changed, records[1].clone()]).unwrap();
    assert_eq!(summary.added, 0);
    assert_eq!(summary.already_present, 1);
    assert_eq!(summary.conflicts.len(), 1, "reported, not dropped");
    assert_eq!(summary.conflicts[0].id, records[0].id);
    assert_eq!(summary.conflicts[0].fields, ["player", "overall"]);
    assert_eq!(
        store.get(records[0].id).unwrap().as_ref(),
        Some(&records[0])
    );
}

fn csv_of(records: &[ResultRecord]) -> String {
    let mut out = Vec::new();
    export_csv::write_csv(records, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

#[test]
fn bad_rows_are_reported_by_row_and_field_and_nothing_of_the_file_is_imported() {
    let mut records = played(4, "ana");
    records[1].player = "  ".into();
    records[2].duration_ms = 9_000_000_000_000_000;
    records[3].started_at = Utc.with_ymd_and_hms(9999, 6, 1, 0, 0, 0).unwrap();
    let store = SqliteStore::in_memory().unwrap();
    let text = csv_of(&records);
    let mut rows = import::Records::new(text.as_bytes()).unwrap();
    let report = store.import_stream(&mut rows).unwrap();
    let found: Vec<(String, Option<String>)> = report
        .problems
        .iter()
        .map(|p| (p.place.clone(), p.field.clone()))
        .collect();
    assert_eq!(
        found,
        [
            ("row 3".to_string(), Some("player".to_string())),
            ("row 4".to_string(), Some("duration_ms".to_string())),
            ("row 5".to_string(), Some("started_at".to_string())),
        ]
    );
    assert_eq!(store.count(&Filter::all()).unwrap(), 0, "all or nothing");
}

#[test]
fn xapi_import_runs_the_statement_rules_on_every_statement() {
    let records = played(2, "ana");
    let mut statements = xapi::statements(&records);
    let completed = statements
        .iter()
        .position(|s| s["verb"]["id"] == xapi::verbs::COMPLETED)
        .unwrap();
    statements[completed]["result"]["score"]["scaled"] = serde_json::json!(5);
    statements[0]["timestamp"] = serde_json::json!("not a time");
    let text = serde_json::to_string(&statements).unwrap();
    let store = SqliteStore::in_memory().unwrap();
    let mut read = import::Records::new(text.as_bytes()).unwrap();
    let report = store.import_stream(&mut read).unwrap();
    let fields: Vec<String> = report
        .problems
        .iter()
        .map(|p| format!("{}: {}", p.place, p.field.clone().unwrap_or_default()))
        .collect();
    assert!(
        fields.contains(&format!("statement {}: result.score.scaled", completed + 1)),
        "{fields:?}"
    );
    assert!(
        fields.contains(&"statement 1: timestamp".to_string()),
        "{fields:?}"
    );
    assert_eq!(store.count(&Filter::all()).unwrap(), 0);

    // The unchanged export streams back in and round-trips.
    let good = serde_json::to_string(&xapi::statements(&records)).unwrap();
    let report = store
        .import_stream(&mut import::Records::new(good.as_bytes()).unwrap())
        .unwrap();
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    assert_eq!(report.summary.added, 2);
}

#[test]
fn a_hand_written_leading_quote_is_kept_and_guarded_cells_round_trip() {
    assert_eq!(export_csv::unneutralise("'Neil"), "'Neil");
    assert_eq!(export_csv::unneutralise("'=1+2"), "=1+2");
    let mut records = played(3, "x");
    records[0].player = "'Neil".into();
    records[1].player = "=HYPERLINK(\"x\")".into();
    records[2].team = "-minus".into();
    let back = import::read_export(&csv_of(&records)).unwrap();
    assert_eq!(back, records);
}

#[test]
fn one_damaged_row_does_not_stop_the_export_of_the_others() {
    let store = SqliteStore::in_memory().unwrap();
    let records = played(3, "ana");
    store.import(&records).unwrap();
    // Damage one stored row the way a bad disk block or a hand edit would.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("results.db");
    let file = SqliteStore::open(&path).unwrap();
    file.import(&records).unwrap();
    drop(file);
    Connection::open(&path)
        .unwrap()
        .execute(
            "UPDATE results SET outcome = 'Exploded' WHERE id = ?",
            [records[1].id.to_string()],
        )
        .unwrap();
    let store = SqliteStore::open_read_only(&path).unwrap();
    let mut good = Vec::new();
    let mut bad = Vec::new();
    store
        .for_each(&Filter::all(), &mut |r| {
            match r {
                Ok(r) => good.push(r.id),
                Err(e) => bad.push(e.to_string()),
            }
            Ok(())
        })
        .unwrap();
    assert_eq!(good, [records[0].id, records[2].id]);
    assert_eq!(bad.len(), 1);
    assert!(bad[0].contains(&records[1].id.to_string()), "{bad:?}");
}

#[test]
fn an_overflowing_duration_never_makes_the_xapi_export_panic() {
    let mut r = played(1, "ana").remove(0);
    r.duration_ms = 9_000_000_000_000_000;
    assert!(r.validate().is_err(), "import refuses it");
    let mut out = Vec::new();
    let mut w = xapi::StatementWriter::new(&mut out).unwrap();
    w.write(&r).unwrap(); // a stored one from before: no panic
    w.finish().unwrap();
    let parsed: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert!(parsed.as_array().is_some_and(|a| !a.is_empty()));
}
