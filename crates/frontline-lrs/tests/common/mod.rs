//! Shared by the integration tests: real plays, a store holding them, and
//! the services the tests need (a real LRS, Node with Learning Locker's
//! validator), skipped with a note when absent except under CI=true.
#![allow(dead_code)] // each test file uses its own part

use chrono::{TimeZone, Utc};
use frontline_core::analysis::{analyse, playtest::play_random};
use frontline_core::engine::CompiledScenario;
use frontline_core::scenario::load_file;
use frontline_core::scoring::debrief;
use frontline_lrs::{Client, LrsConfig};
use frontline_results::{PlayMeta, ResultRecord, ResultStore, SqliteStore, xapi};
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::Path;
use std::sync::Arc;

/// Whether this run is CI, where a missing service is a failure.
pub fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true")
}

/// `None` after printing why `what` is skipped; panics under CI.
pub fn missing<T>(what: &str, how: &str) -> Option<T> {
    assert!(!in_ci(), "CI=true but {what} is missing: {how}");
    eprintln!("skipped: {what} is missing ({how})");
    None
}

/// The test LRS, or `None` (with a note) when none runs outside CI.
pub fn ralph() -> Option<LrsConfig> {
    let var = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
    match (
        var("FRONTLINE_TEST_LRS_URL"),
        var("FRONTLINE_TEST_LRS_USER"),
        var("FRONTLINE_TEST_LRS_PASSWORD"),
    ) {
        (Some(endpoint), Some(user), Some(password)) => Some(LrsConfig {
            endpoint,
            user,
            password,
        }),
        _ => missing(
            "the test LRS",
            "eval \"$(scripts/services/ralph.sh start)\" before cargo test; .ci/run does",
        ),
    }
}

/// `n` real random plays of the shipped dialogues, each with a fresh id.
pub fn plays(n: usize, player: &str) -> Vec<ResultRecord> {
    // This file serves the tests of the frontline-lrs crate and the CLI's.
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .map(|dir| dir.join("dialogues"))
        .find(|dir| dir.is_dir())
        .expect("the repository's dialogues folder");
    let root = root.as_path();
    let scenarios: Vec<_> = ["retail-out-of-stock.ron", "hotel-front-desk-complaint.ron"]
        .iter()
        .filter_map(|f| load_file(&root.join(f)).playable().cloned())
        .collect();
    assert!(!scenarios.is_empty(), "shipped dialogues load");
    let mut picker = ChaCha8Rng::seed_from_u64(5);
    (0..n)
        .map(|i| {
            let scenario = &scenarios[i % scenarios.len()];
            let compiled = Arc::new(CompiledScenario::new(scenario).expect("compiles"));
            let enc = play_random(&compiled, i as u64, &mut picker);
            let d = debrief(scenario, &analyse(&compiled), enc.transcript());
            let meta = PlayMeta {
                player_id: frontline_results::derived_player_id("Riverside", player),
                player: player.to_string(),
                team: "Riverside".to_string(),
                started_at: Utc.with_ymd_and_hms(2026, 10, 5, 8, 0, 0).unwrap()
                    + chrono::Duration::minutes(7 * i as i64),
                duration_ms: 95_000 + i as u64,
            };
            ResultRecord::from_play(scenario, enc.transcript(), &d, meta).expect("finished")
        })
        .collect()
}

/// A store in a fresh folder holding `records`.
pub fn store_with(records: &[ResultRecord]) -> (tempfile::TempDir, SqliteStore) {
    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::open(&dir.path().join("results.db")).unwrap();
    store.import(records).unwrap();
    (dir, store)
}

/// What Ralph holds for one result, by statement id.
pub fn held(client: &Client, r: &ResultRecord) -> Vec<Value> {
    let id = r.id.to_string();
    client
        .statements(&[("registration", id.as_str()), ("limit", "100")])
        .expect("GET statements")
}

/// Every statement of `r` is held exactly once, with every field we sent.
pub fn assert_held_once(client: &Client, r: &ResultRecord) {
    let got = held(client, r);
    let ids: Vec<&str> = got.iter().filter_map(|s| s["id"].as_str()).collect();
    let unique: BTreeSet<&str> = ids.iter().copied().collect();
    assert_eq!(ids.len(), unique.len(), "a statement of {} twice", r.id);
    let sent = xapi::result_statements(r);
    assert_eq!(unique.len(), sent.len(), "statements of {} held", r.id);
    for statement in sent {
        let stored = got
            .iter()
            .find(|s| s["id"] == statement["id"])
            .unwrap_or_else(|| panic!("{} not held", statement["id"]));
        for (key, value) in statement.as_object().unwrap() {
            assert_eq!(&stored[key], value, "{key} of {}", statement["id"]);
        }
    }
}
