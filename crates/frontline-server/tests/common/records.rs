//! Valid results for tests, made from a seed: several teams and players
//! (names whose byte order differs from dictionary order), scenarios with
//! needs left unassessed, start times that sometimes coincide, two people
//! called Sam in North and one player who renames from Jo to Joanna.

use chrono::{DateTime, TimeZone, Utc};
use frontline_core::needs::NeedMap;
use frontline_core::scenario::Outcome;
use frontline_results::{ResultRecord, TranscriptStep};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use uuid::Uuid;

/// Teams and their players (by name; see [`SAMS`] and [`JO`]).
pub const ROSTER: [(&str, &[&str]); 3] = [
    ("North", &["ana", "Bob", "Émile", "bob", "Sam", "Jo"]),
    ("South", &["Zoë", "ana", "carl"]),
    ("", &["walk-in"]),
];

/// The two people called Sam in North (a result of "Sam" is one of theirs).
pub const SAMS: [Uuid; 2] = [
    Uuid::from_u128(0x5a11_0000_0000_4000_8000_0000_0000_0001),
    Uuid::from_u128(0x5a11_0000_0000_4000_8000_0000_0000_0002),
];

/// The player in North who played as "Jo" and, in the second half, as "Joanna".
pub const JO: Uuid = Uuid::from_u128(0x0c0_0000_0000_4000_8000_0000_0000_0003);

/// Scenario ids.
pub const SCENARIOS: [&str; 4] = ["bank", "hotel", "phone", "Retail"];

/// One valid record of `player` in `team` with the given scores.
pub fn record(id: u128, player: &str, team: &str, overall: u8) -> ResultRecord {
    ResultRecord {
        id: uuid::Uuid::from_u128(id),
        player_id: frontline_results::derived_player_id(team, player),
        player: player.into(),
        team: team.into(),
        scenario_id: "bank".into(),
        scenario_hash: "ab".repeat(32),
        scenario_title: "Urgent withdrawal".into(),
        seed: u64::MAX - 7,
        started_at: Utc.with_ymd_and_hms(2026, 3, 1, 9, 30, 0).unwrap(),
        duration_ms: 95_000,
        outcome: Outcome::Satisfied,
        needs: NeedMap([Some(overall), None, Some(50), Some(100), None, Some(0)]),
        overall,
        grade: 'B',
        passed: overall >= 60,
        transcript: vec![
            TranscriptStep {
                node: "start".into(),
                choice: Some("Good morning — how can I help?".into()),
                needs: NeedMap([1, 0, 0, 0, 0, -2]),
                mood: 3,
                elapsed: 4,
            },
            TranscriptStep {
                node: "end".into(),
                choice: None,
                needs: NeedMap::default(),
                mood: 4,
                elapsed: 9,
            },
        ],
    }
}

/// `n` varied valid records from `seed`.
pub fn many(n: usize, seed: u64) -> Vec<ResultRecord> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let start = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
    (0..n)
        .map(|i| {
            let (team, players) = ROSTER[rng.random_range(0..ROSTER.len())];
            let player = players[rng.random_range(0..players.len())];
            let mut r = record(rng.random(), player, team, rng.random_range(0..=100));
            match player {
                "Sam" => r.player_id = SAMS[rng.random_range(0..2)],
                "Jo" => {
                    r.player_id = JO;
                    if i >= n / 2 {
                        r.player = "Joanna".into();
                    }
                }
                _ => {}
            }
            r.scenario_id = SCENARIOS[rng.random_range(0..SCENARIOS.len())].into();
            // Every fifth result starts at the same moment as the one before.
            let minutes = if i % 5 == 4 { i - 1 } else { i } as i64;
            r.started_at = at(start, minutes * 500 + rng.random_range(0..3));
            r.duration_ms = rng.random_range(1_000..600_000);
            for slot in &mut r.needs.0 {
                *slot = rng.random_bool(0.8).then(|| rng.random_range(0..=100));
            }
            r.passed = rng.random_bool(0.6);
            r.outcome = Outcome::ALL[rng.random_range(0..Outcome::ALL.len())];
            r.grade = ['A', 'B', 'C', 'D', 'E', '-'][rng.random_range(0..6)];
            r
        })
        .collect()
}

fn at(start: DateTime<Utc>, minutes: i64) -> DateTime<Utc> {
    start + chrono::TimeDelta::minutes(minutes)
}
