//! Random playthroughs: a seeded "player" picks uniformly among the
//! available choices; reports outcomes, per-need score spread and stuck runs.

use super::Analysis;
use crate::engine::{CompiledScenario, Encounter};
use crate::needs::NeedMap;
use crate::scenario::Outcome;
use crate::scoring::Score;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// Spread of one need's normalised score over the runs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Spread {
    /// Mean.
    pub mean: f64,
    /// Lowest.
    pub min: u8,
    /// Highest.
    pub max: u8,
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

/// Summary of a playtest.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlaytestReport {
    /// Runs played.
    pub runs: u64,
    /// Count per outcome, in [`Outcome::ALL`] order.
    pub outcomes: [u64; 5],
    /// Runs where the customer walked out.
    pub walked_out: u64,
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
    let mut sums = NeedMap::<(u64, u8, u8)>::from_fn(|_| (0, u8::MAX, 0));
    let mut overall = (0u64, u8::MAX, 0u8, 0u64);
    let mut stuck = Vec::new();
    let mut stuck_count = 0;
    let mut scored = 0u64;
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
        walked_out += u64::from(enc.transcript().walked_out);
        let score = Score::new(enc.raw(), analysis);
        scored += 1;
        for (need, s) in score.needs.iter() {
            if let Some(v) = s {
                let e = &mut sums[need];
                *e = (e.0 + u64::from(*v), e.1.min(*v), e.2.max(*v));
            }
        }
        if let Some(v) = score.overall {
            overall = (
                overall.0 + u64::from(v),
                overall.1.min(v),
                overall.2.max(v),
                overall.3 + 1,
            );
        }
    }
    let spread = |sum: u64, min: u8, max: u8, n: u64| {
        (n > 0).then(|| Spread {
            mean: sum as f64 / n as f64,
            min,
            max,
        })
    };
    PlaytestReport {
        runs,
        outcomes,
        walked_out,
        needs: NeedMap::from_fn(|n| {
            analysis.bounds[n].and_then(|_| spread(sums[n].0, sums[n].1, sums[n].2, scored))
        }),
        overall: spread(overall.0, overall.1, overall.2, overall.3),
        stuck,
        stuck_count,
    }
}
