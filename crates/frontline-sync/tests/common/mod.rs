//! Records of real plays for the sync tests.

#![allow(dead_code)]

use chrono::{TimeZone, Utc};
use frontline_core::analysis::{analyse, playtest::play_random};
use frontline_core::engine::CompiledScenario;
use frontline_core::scenario::load_file;
use frontline_core::scoring::debrief;
use frontline_results::{PlayMeta, ResultRecord};
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use std::path::Path;
use std::sync::Arc;

/// `n` random plays of a shipped dialogue by `player` of `team`, one minute apart.
pub fn played_records(n: usize, player: &str, team: &str) -> Vec<ResultRecord> {
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
                player_id: frontline_results::derived_player_id(team, player),
                player: player.to_string(),
                team: team.to_string(),
                started_at: Utc.with_ymd_and_hms(2026, 11, 2, 9, 0, 0).unwrap()
                    + chrono::Duration::minutes(i as i64),
                duration_ms: 30_000 + i as u64,
            };
            ResultRecord::from_play(&scenario, &transcript, &d, meta).expect("finished play")
        })
        .collect()
}
