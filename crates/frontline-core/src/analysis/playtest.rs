//! Random playthroughs: a seeded "player" picks uniformly among the
//! available choices, with no skill at all; reports outcomes, runs per ending
//! node, the pass rate under the scenario's pass rule, per-need score spread
//! (mean, percentiles) and stuck runs.

use super::Analysis;
use crate::engine::{CompiledScenario, Encounter};
use crate::needs::NeedMap;
use crate::scenario::Outcome;
use crate::scoring::{Score, pass_rule, passes};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// Spread of one score over the runs: mean, extremes and percentiles
/// (nearest rank: p50 is the score half the runs reach or stay below).
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Spread {
    /// Mean.
    pub mean: f64,
    /// Lowest.
    pub min: u8,
    /// 10th percentile.
    pub p10: u8,
    /// Median.
    pub p50: u8,
    /// 90th percentile.
    pub p90: u8,
    /// Highest.
    pub max: u8,
}

impl Spread {
    /// The spread of `values`; `None` when there are none.
    pub fn of(values: &mut [u8]) -> Option<Spread> {
        values.sort_unstable();
        let n = values.len();
        let rank = |p: usize| values[(p * n).div_ceil(100).clamp(1, n) - 1];
        (n > 0).then(|| Spread {
            mean: values.iter().map(|&v| f64::from(v)).sum::<f64>() / n as f64,
            min: values[0],
            p10: rank(10),
            p50: rank(50),
            p90: rank(90),
            max: values[n - 1],
        })
    }
}

/// A run that did not finish.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StuckRun {
    /// Encounter seed of the run.
    pub seed: u64,
    /// Node it stopped at.
    pub node: String,
    /// Why (stuck, or the step-cap message).
    pub reason: String,
}

/// How many runs finished at one node (an `End`, or where the customer walked out).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EndingCount {
    /// The `End` node, or the node the customer walked out at.
    pub node: String,
    /// The outcome (`Lost` for a walk-out).
    pub outcome: Outcome,
    /// True for a walk-out.
    pub walked_out: bool,
    /// Runs that finished here.
    pub runs: u64,
}

/// Summary of a playtest.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlaytestReport {
    /// Runs played.
    pub runs: u64,
    /// Count per outcome, in [`Outcome::ALL`] order.
    pub outcomes: [u64; 5],
    /// Runs where the customer walked out.
    pub walked_out: u64,
    /// Runs that passed under the scenario's pass rule ([`crate::scoring::passes`]).
    pub passed: u64,
    /// The pass rule in one sentence.
    pub pass_rule: String,
    /// Runs per ending node, most frequent first (two `End` nodes with the
    /// same outcome are counted apart).
    pub endings: Vec<EndingCount>,
    /// Per need score spread; `None` = not assessed.
    pub needs: NeedMap<Option<Spread>>,
    /// Overall score spread.
    pub overall: Option<Spread>,
    /// Runs that got stuck or hit the step cap (first 20 kept).
    pub stuck: Vec<StuckRun>,
    /// Total number of stuck runs.
    pub stuck_count: u64,
}

/// Plays one random playthrough; returns the finished (or stuck) encounter.
pub fn play_random(
    compiled: &Arc<CompiledScenario>,
    seed: u64,
    player: &mut ChaCha8Rng,
) -> Encounter {
    play_with(compiled, seed, |_, n| player.random_range(0..n))
}

/// Plays one playthrough through the engine with encounter seed `seed`. At
/// every line with available choices, `pick(encounter, n)` names which of the
/// `n` available choices (0-based, in display order) the player takes; lines
/// without choices are continued. Returns the finished (or stuck) encounter.
pub fn play_with(
    compiled: &Arc<CompiledScenario>,
    seed: u64,
    mut pick: impl FnMut(&Encounter, usize) -> usize,
) -> Encounter {
    let mut enc = Encounter::start(Arc::clone(compiled), seed);
    while !enc.is_over() {
        let n = enc.available_choices().count();
        let moved = if n > 0 {
            let k = pick(&enc, n);
            let pick = enc.available_choices().nth(k);
            pick.is_some_and(|i| enc.choose(i).is_ok())
        } else {
            enc.advance().is_ok()
        };
        if !moved {
            break;
        }
    }
    enc
}

/// Plays `runs` random playthroughs starting from `seed`.
pub fn playtest(
    compiled: &Arc<CompiledScenario>,
    analysis: &Analysis,
    runs: u64,
    seed: u64,
) -> PlaytestReport {
    let mut player = ChaCha8Rng::seed_from_u64(seed ^ 0x9e37_79b9_7f4a_7c15);
    let mut outcomes = [0u64; 5];
    let mut walked_out = 0;
    let mut passed = 0;
    let mut endings: Vec<EndingCount> = Vec::new();
    let mut needs = NeedMap::<Vec<u8>>::default();
    let mut overall = Vec::new();
    let mut stuck = Vec::new();
    let mut stuck_count = 0;
    for run in 0..runs {
        let enc_seed = seed.wrapping_add(run);
        let enc = play_random(compiled, enc_seed, &mut player);
        let Some(outcome) = enc.outcome() else {
            stuck_count += 1;
            if stuck.len() < 20 {
                stuck.push(StuckRun {
                    seed: enc_seed,
                    node: enc.current_node().to_string(),
                    reason: enc.error().map_or_else(
                        || "no choice available and no `next`".to_string(),
                        |e| e.to_string(),
                    ),
                });
            }
            continue;
        };
        outcomes[Outcome::ALL.iter().position(|o| *o == outcome).unwrap_or(4)] += 1;
        let walked = enc.transcript().walked_out;
        walked_out += u64::from(walked);
        let node = enc.current_node();
        match endings
            .iter_mut()
            .find(|e| e.node == node && e.walked_out == walked)
        {
            Some(e) => e.runs += 1,
            None => endings.push(EndingCount {
                node: node.to_string(),
                outcome,
                walked_out: walked,
                runs: 1,
            }),
        }
        let score = Score::new(enc.raw(), analysis);
        passed += u64::from(passes(&compiled.scenario, score.overall, Some(outcome)));
        for (need, s) in score.needs.iter() {
            needs[need].extend(*s);
        }
        overall.extend(score.overall);
    }
    endings.sort_by(|a, b| b.runs.cmp(&a.runs).then_with(|| a.node.cmp(&b.node)));
    PlaytestReport {
        runs,
        outcomes,
        walked_out,
        passed,
        pass_rule: pass_rule(&compiled.scenario),
        endings,
        needs: NeedMap::from_fn(|n| analysis.bounds[n].and_then(|_| Spread::of(&mut needs[n]))),
        overall: Spread::of(&mut overall),
        stuck,
        stuck_count,
    }
}

#[cfg(test)]
mod tests {
    use super::Spread;

    #[test]
    fn percentiles_are_nearest_rank() {
        let mut values: Vec<u8> = (1..=10).rev().collect();
        let s = Spread::of(&mut values).unwrap();
        assert_eq!((s.min, s.p10, s.p50, s.p90, s.max), (1, 1, 5, 9, 10));
        assert!((s.mean - 5.5).abs() < 1e-9);
        assert_eq!(
            Spread::of(&mut [42]).map(|s| (s.p10, s.p90)),
            Some((42, 42))
        );
        assert_eq!(Spread::of(&mut []), None);
    }
}
