//! Writes a CSV of made-up but real results (random playthroughs of the
//! shipped dialogues by a few teams over the last eight weeks) to stdout, to
//! try the leaderboard, team and progress screens or a learning system's
//! import without playing for an afternoon:
//!
//! ```sh
//! cargo run --no-default-features --example sample_results > sample.csv
//! frontline import sample.csv --data-dir /tmp/frontline-demo
//! frontline play --data-dir /tmp/frontline-demo
//! ```
//!
//! Players in a team lean the same way: each team's players pick the choice
//! that helps one need most a little more often, so team averages differ.

use chrono::{Duration, TimeZone, Utc};
use frontline_core::analysis::analyse;
use frontline_core::engine::{CompiledScenario, Encounter};
use frontline_core::needs::Need;
use frontline_core::scenario::{Node, load_dir};
use frontline_core::scoring::debrief;
use frontline_results::{PlayMeta, ResultRecord, export_csv};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::path::Path;
use std::sync::Arc;

/// Team name, the need its players favour, and its players.
const TEAMS: &[(&str, Need, &[&str])] = &[
    (
        "Riverside branch",
        Need::Empathy,
        &["Sam", "Noor", "Jonas", "Mei"],
    ),
    ("Call centre", Need::Information, &["Ana", "Ben", "Priya"]),
    ("Head office", Need::Fairness, &["Olu", "Karin", "Tomás"]),
    ("Night desk", Need::Control, &["Lea", "Yusuf"]),
];

fn main() {
    let library = load_dir(Path::new("dialogues"));
    let scenarios: Vec<_> = library
        .scenarios()
        .filter_map(|l| l.playable().cloned())
        .filter_map(|s| Some((Arc::new(CompiledScenario::new(&s).ok()?), s)))
        .map(|(c, s)| {
            let analysis = analyse(&c);
            (c, s, analysis)
        })
        .collect();
    assert!(!scenarios.is_empty(), "run from the repository root");
    let mut rng = ChaCha8Rng::seed_from_u64(2026);
    let end = Utc.with_ymd_and_hms(2026, 11, 20, 17, 0, 0).unwrap();
    let mut records = Vec::new();
    for (team, favoured, players) in TEAMS {
        for player in *players {
            let plays = rng.random_range(4..12);
            for _ in 0..plays {
                let (compiled, scenario, analysis) =
                    &scenarios[rng.random_range(0..scenarios.len())];
                let mut enc = Encounter::start(compiled.clone(), rng.random());
                play(&mut enc, *favoured, &mut rng);
                let transcript = enc.into_transcript();
                let d = debrief(scenario, analysis, &transcript);
                let started_at = end - Duration::minutes(rng.random_range(0..60 * 24 * 56));
                let meta = PlayMeta {
                    player_id: frontline_results::derived_player_id(team, player),
                    player: player.to_string(),
                    team: team.to_string(),
                    started_at,
                    duration_ms: rng.random_range(90_000..600_000),
                };
                if let Ok(r) = ResultRecord::from_play(scenario, &transcript, &d, meta) {
                    records.push(r);
                }
            }
        }
    }
    records.sort_by_key(|r| r.started_at);
    export_csv::write_csv(&records, std::io::stdout().lock()).expect("stdout");
    eprintln!("{} results", records.len());
}

/// Plays to an ending: half the time the choice best for `favoured`, else a random one.
fn play(enc: &mut Encounter, favoured: Need, rng: &mut ChaCha8Rng) {
    for _ in 0..500 {
        if enc.is_over() {
            return;
        }
        let open: Vec<usize> = enc.available_choices().collect();
        if open.is_empty() {
            if enc.advance().is_err() {
                return;
            }
            continue;
        }
        let choices = match enc.scenario().scenario.nodes.get(enc.current_node()) {
            Some(Node::Line { choices, .. }) => choices.clone(),
            _ => Vec::new(),
        };
        let effect = |i: usize| {
            choices
                .get(i)
                .and_then(|c| c.needs.get(&favoured).copied())
                .unwrap_or(0)
        };
        let pick = if rng.random_bool(0.5) {
            *open.iter().max_by_key(|&&i| effect(i)).unwrap_or(&open[0])
        } else {
            open[rng.random_range(0..open.len())]
        };
        if enc.choose(pick).is_err() {
            return;
        }
    }
}
