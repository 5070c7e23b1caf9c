//! What both `frontline sync` test files share: valid results to sync, a
//! data folder holding them, and running the `frontline` binary.

use chrono::{TimeZone, Utc};
use frontline_core::needs::NeedMap;
use frontline_core::scenario::Outcome;
use frontline_results::{ResultRecord, ResultStore, SqliteStore, TranscriptStep};
use std::process::{Command, Output};
use uuid::Uuid;

pub const BIN: &str = env!("CARGO_BIN_EXE_frontline");

/// `n` distinct valid results of `player` in `team`, one minute apart.
pub fn results(n: usize, player: &str, team: &str) -> Vec<ResultRecord> {
    let start = Utc.with_ymd_and_hms(2026, 11, 3, 8, 0, 0).unwrap();
    (0..n)
        .map(|i| ResultRecord {
            id: Uuid::new_v4(),
            player_id: frontline_results::derived_player_id(team, player),
            player: player.into(),
            team: team.into(),
            scenario_id: "retail-out-of-stock".into(),
            scenario_hash: "cd".repeat(32),
            scenario_title: "Out of stock".into(),
            seed: i as u64,
            started_at: start + chrono::Duration::minutes(i as i64),
            duration_ms: 45_000,
            outcome: Outcome::Satisfied,
            needs: NeedMap([Some((i % 101) as u8), None, None, None, None, Some(80)]),
            overall: ((i % 101) as u8).div_ceil(2) + 40,
            grade: 'C',
            passed: i % 2 == 0,
            transcript: vec![TranscriptStep {
                node: "start".into(),
                choice: Some(format!("Answer {i}")),
                ..TranscriptStep::default()
            }],
        })
        .collect()
}

/// A data folder whose results.db holds `records`.
pub fn data_with(records: &[ResultRecord]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::open(&dir.path().join("results.db")).unwrap();
    store.import(records).unwrap();
    dir
}

pub fn frontline(args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .env_remove("FRONTLINE_SERVER")
        .env_remove("FRONTLINE_TOKEN")
        .env_remove("FRONTLINE_DATA")
        .output()
        .unwrap()
}

pub fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}
