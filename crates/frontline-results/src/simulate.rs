//! Real results without an afternoon of play: engine playthroughs of real
//! scenarios by simulated teams whose players lean toward one need (they
//! pick the choice that helps it most half of the time, a random open
//! choice otherwise), spread over the weeks before a given instant. Every
//! record is an actual play, scored and debriefed as the game does it.

use crate::{PlayMeta, ResultRecord};
use chrono::{DateTime, Duration, Utc};
use frontline_core::analysis::{Analysis, analyse};
use frontline_core::engine::{CompiledScenario, Encounter};
use frontline_core::needs::Need;
use frontline_core::scenario::{Node, Scenario};
use frontline_core::scoring::debrief;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::sync::Arc;

/// First names the simulated players get (in order, per team).
pub const PLAYER_NAMES: [&str; 12] = [
    "Sam", "Noor", "Jonas", "Mei", "Ana", "Ben", "Priya", "Olu", "Karin", "Tomás", "Lea", "Yusuf",
];

/// One simulated team.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SimTeam {
    /// Its name.
    pub name: String,
    /// The need its players favour.
    pub favoured: Need,
    /// Its players' names.
    pub players: Vec<String>,
}

/// What to simulate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Simulation {
    /// The teams.
    pub teams: Vec<SimTeam>,
    /// Plays per player.
    pub plays_per_player: usize,
    /// Plays start within `weeks` weeks before `end`.
    pub weeks: u32,
    /// The latest start.
    pub end: DateTime<Utc>,
    /// Seed of every random draw (same seed, same scenarios: same plays, ids aside).
    pub seed: u64,
}

impl Simulation {
    /// `names` as teams of `players` players each, favouring the needs in turn.
    pub fn teams_named(names: &[String], players: usize) -> Vec<SimTeam> {
        names
            .iter()
            .enumerate()
            .map(|(t, name)| SimTeam {
                name: name.clone(),
                favoured: Need::ALL[t % Need::ALL.len()],
                players: (0..players)
                    .map(|p| player_name(t * players + p, p))
                    .collect(),
            })
            .collect()
    }
}

/// The name of the `n`th simulated player, who is number `in_team` in
/// their team: a first name, with a number after it from the team's 13th
/// player on, so names stay unique within a team (a player's id derives
/// from team and name).
fn player_name(n: usize, in_team: usize) -> String {
    let first = PLAYER_NAMES[n % PLAYER_NAMES.len()];
    match in_team / PLAYER_NAMES.len() {
        0 => first.to_string(),
        round => format!("{first} {}", round + 1),
    }
}

/// Plays `sim` over `scenarios` (those that do not compile are skipped);
/// returns the finished plays' records, oldest first. Empty without a
/// playable scenario.
pub fn simulate(scenarios: &[Scenario], sim: &Simulation) -> Vec<ResultRecord> {
    let ready: Vec<(Arc<CompiledScenario>, &Scenario, Analysis)> = scenarios
        .iter()
        .filter_map(|s| {
            let compiled = Arc::new(CompiledScenario::new(s).ok()?);
            let analysis = analyse(&compiled);
            Some((compiled, s, analysis))
        })
        .collect();
    let mut records = Vec::new();
    if ready.is_empty() {
        return records;
    }
    let mut rng = ChaCha8Rng::seed_from_u64(sim.seed);
    let span_minutes = i64::from(sim.weeks.max(1)) * 7 * 24 * 60;
    for team in &sim.teams {
        for player in &team.players {
            for _ in 0..sim.plays_per_player {
                let (compiled, scenario, analysis) = &ready[rng.random_range(0..ready.len())];
                let mut enc = Encounter::start_as(compiled.clone(), rng.random(), player);
                play(&mut enc, team.favoured, &mut rng);
                let transcript = enc.into_transcript();
                let d = debrief(scenario, analysis, &transcript);
                let meta = PlayMeta {
                    player_id: crate::record::derived_player_id(&team.name, player),
                    player: player.clone(),
                    team: team.name.clone(),
                    started_at: sim.end - Duration::minutes(rng.random_range(0..span_minutes)),
                    duration_ms: rng.random_range(90_000..600_000),
                };
                if let Ok(r) = ResultRecord::from_play(scenario, &transcript, &d, meta) {
                    records.push(r);
                }
            }
        }
    }
    records.sort_by_key(|r| r.started_at);
    records
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

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use frontline_core::scenario::load_dir;
    use std::path::Path;

    fn shipped() -> Vec<Scenario> {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../dialogues");
        load_dir(&dir)
            .scenarios()
            .filter_map(|l| l.playable().cloned())
            .collect()
    }

    #[test]
    fn every_simulated_play_is_a_finished_play_of_a_real_scenario() {
        let scenarios = shipped();
        assert!(!scenarios.is_empty());
        let end = Utc.with_ymd_and_hms(2026, 11, 20, 17, 0, 0).unwrap();
        let names = vec!["North".to_string(), "South".to_string()];
        let sim = Simulation {
            teams: Simulation::teams_named(&names, 2),
            plays_per_player: 5,
            weeks: 4,
            end,
            seed: 7,
        };
        let records = simulate(&scenarios, &sim);
        assert_eq!(records.len(), 20, "every play reaches an ending");
        for r in &records {
            assert!(scenarios.iter().any(|s| s.id == r.scenario_id));
            assert!(r.started_at <= end && r.started_at > end - Duration::weeks(4));
            assert!(r.choices().count() > 0);
        }
        let north: Vec<_> = records.iter().filter(|r| r.team == "North").collect();
        assert_eq!(north.len(), 10);
        assert_ne!(sim.teams[0].players, sim.teams[1].players);
        let again = simulate(&scenarios, &sim);
        let shape =
            |rs: &[ResultRecord]| rs.iter().map(|r| (r.seed, r.overall)).collect::<Vec<_>>();
        assert_eq!(shape(&records), shape(&again), "the seed fixes the plays");
    }

    #[test]
    fn large_teams_are_distinct_people() {
        let names = vec!["North".to_string(), "South".to_string()];
        for team in Simulation::teams_named(&names, 30) {
            let unique: std::collections::BTreeSet<_> = team.players.iter().collect();
            assert_eq!(unique.len(), 30, "{:?}", team.players);
        }
    }
}
