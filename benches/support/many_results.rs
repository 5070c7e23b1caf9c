//! Many results with the real shape, made quickly: real random plays of the
//! shipped dialogues (so transcripts and scores are real), each reused with a
//! fresh id, one of 60 players in 6 teams, and a start time spread over a
//! year. Generated one at a time, so memory stays flat however many are
//! asked for. Shared by `benches/export.rs` and `examples/results_memory.rs`
//! (included with `#[path]`).

use chrono::{Duration, TimeZone, Utc};
use frontline_core::analysis::{analyse, playtest::play_random};
use frontline_core::engine::CompiledScenario;
use frontline_core::scenario::load_file;
use frontline_core::scoring::debrief;
use frontline_results::{PlayMeta, ResultRecord};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::path::Path;
use std::sync::Arc;

/// Random plays kept per dialogue.
const PLAYS_PER_DIALOGUE: u64 = 40;

/// `count` results, deterministic for a given `seed`.
pub fn many_results(count: usize, seed: u64) -> impl Iterator<Item = ResultRecord> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("dialogues");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .expect("dialogues folder")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .collect();
    paths.sort();
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let meta = PlayMeta {
        player_id: uuid::Uuid::nil(),
        player: "pool".into(),
        team: String::new(),
        started_at: Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap(),
        duration_ms: 0,
    };
    let mut pool = Vec::new();
    for path in paths {
        let loaded = load_file(&path);
        let Some(scenario) = loaded.playable() else {
            continue;
        };
        let compiled = Arc::new(CompiledScenario::new(scenario).expect("shipped dialogue"));
        let analysis = analyse(&compiled);
        for play in 0..PLAYS_PER_DIALOGUE {
            let enc = play_random(&compiled, play, &mut rng);
            let d = debrief(scenario, &analysis, enc.transcript());
            if let Ok(r) = ResultRecord::from_play(scenario, enc.transcript(), &d, meta.clone()) {
                pool.push(r);
            }
        }
    }
    assert!(
        !pool.is_empty(),
        "no playable dialogue in {}",
        dir.display()
    );
    let teams = [
        "Branch 12",
        "Head office",
        "Night shift",
        "Call centre",
        "Front desk",
        "Trainees",
    ];
    (0..count).map(move |_| {
        let mut r = pool[rng.random_range(0..pool.len())].clone();
        r.id = uuid::Builder::from_random_bytes(rng.random()).into_uuid();
        let player = rng.random_range(0..60usize);
        r.player = format!("player-{player:02}");
        r.team = teams[player % teams.len()].to_string();
        r.player_id = frontline_results::derived_player_id(&r.team, &r.player);
        r.started_at += Duration::milliseconds(rng.random_range(0..365 * 86_400_000));
        r.duration_ms = rng.random_range(30_000..900_000);
        r
    })
}
