//! Writes a CSV of made-up but real results (engine playthroughs of the
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
//! The plays come from `frontline_results::simulate` (which `frontline serve
//! admin demo-data` uses too): each team's players favour one need.

use chrono::{TimeZone, Utc};
use frontline_core::needs::Need;
use frontline_core::scenario::load_dir;
use frontline_results::export_csv;
use frontline_results::simulate::{SimTeam, Simulation, simulate};
use std::path::Path;

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
        .collect();
    assert!(!scenarios.is_empty(), "run from the repository root");
    let teams = TEAMS
        .iter()
        .map(|(name, favoured, players)| SimTeam {
            name: name.to_string(),
            favoured: *favoured,
            players: players.iter().map(|p| p.to_string()).collect(),
        })
        .collect();
    let sim = Simulation {
        teams,
        plays_per_player: 8,
        weeks: 8,
        end: Utc.with_ymd_and_hms(2026, 11, 20, 17, 0, 0).unwrap(),
        seed: 2026,
    };
    let records = simulate(&scenarios, &sim);
    export_csv::write_csv(&records, std::io::stdout().lock()).expect("stdout");
    eprintln!("{} results", records.len());
}
