//! What `frontline analyse` tells a trainer beyond the raw [`Analysis`]: each
//! need on the debrief's 0–100 scale, needs that are weakly assessed, loops
//! that let players pump scores, the worst overall play, and self-tests
//! (`tests:` entries) that are played before they are suggested, so each one
//! passes when pasted into the file.

use super::space::{STATE_CAP, Space};
use super::suggest::suggest_tests;
use super::{Analysis, Bounds, Path, analyse_space, overall_value, solve, to_path};
use crate::engine::CompiledScenario;
use crate::needs::Need;
use crate::scenario::{Playthrough, ScoredLoop, scored_loops};
use crate::scoring::{Score, normalise};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// A need touched by at most this many choices is weakly assessed: one or two
/// picks decide its whole score.
pub const WEAK_CHOICES: usize = 2;

/// A need on which a play that never touches it (raw sum 0) scores at least
/// this is weakly assessed: players score well on it without addressing it.
pub const WEAK_UNTOUCHED: u8 = 60;

/// One need, as the debrief will score it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NeedReview {
    /// The need.
    pub need: Need,
    /// Worst and best reachable raw sums; `None` when not assessed.
    pub raw: Option<Bounds>,
    /// The best reachable sum on the 0–100 scale (100, or 100 when nothing varies).
    pub best: Option<u8>,
    /// The worst reachable sum on the 0–100 scale (0, or 100 when nothing varies).
    pub worst: Option<u8>,
    /// What a play whose choices never touch this need scores (raw sum 0).
    pub untouched: Option<u8>,
    /// What the best overall play scores on this need (below 100 when needs compete).
    pub on_best_overall: Option<u8>,
    /// Choices in the file that change this need.
    pub choices: usize,
    /// Why the need is weakly assessed (see [`WEAK_CHOICES`], [`WEAK_UNTOUCHED`]).
    pub weak: Option<String>,
}

/// The lowest and highest overall score any complete play reaches.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OverallRange {
    /// Worst overall score reachable.
    pub worst: u8,
    /// Best overall score reachable.
    pub best: u8,
}

/// A self-test the analysis suggests, already played and passing.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SuggestedTest {
    /// The test as the scenario model holds it.
    pub playthrough: Playthrough,
    /// The same test as one line of RON, ready to paste into `tests: [...]`.
    pub ron: String,
}

/// Everything `frontline analyse` reports.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Review {
    /// The state-space analysis (bounds, endings, paths, problems).
    #[serde(flatten)]
    pub analysis: Analysis,
    /// Per need, on the 0–100 scale and raw, in [`Need::ALL`] order.
    pub needs: Vec<NeedReview>,
    /// Overall score range; `None` when no need is assessed.
    pub overall: Option<OverallRange>,
    /// A play reaching the worst overall score.
    pub worst_overall: Option<Path>,
    /// Loops whose scored choices can be picked again each time round.
    pub loops: Vec<ScoredLoop>,
    /// Self-tests for the best and worst play and each ending.
    pub suggested_tests: Vec<SuggestedTest>,
    /// Paths that could not become a passing self-test, and why.
    pub unsuggested: Vec<String>,
}

/// Analyses `c` and reviews it for a trainer.
pub fn review(c: &Arc<CompiledScenario>) -> Review {
    review_within(c, STATE_CAP)
}

/// [`review`] with at most `state_cap` states explored exactly (see
/// [`super::analyse_within`]).
pub fn review_within(c: &Arc<CompiledScenario>, state_cap: usize) -> Review {
    let (space, relaxed_note) = super::space::explore(c, state_cap);
    let analysis = analyse_space(c, &space, relaxed_note);
    let worst_overall = worst_overall(c, &space, &analysis);
    let score = |p: &Path| Score::new(p.raw, &analysis);
    let best_scores = analysis.best_overall.as_ref().map(score);
    let needs = Need::ALL
        .iter()
        .map(|&need| {
            let raw = analysis.bounds[need];
            let choices = analysis.coverage[need].choices;
            let untouched = raw.map(|b| normalise(0, b));
            NeedReview {
                need,
                raw,
                best: raw.map(|b| normalise(b.best, b)),
                worst: raw.map(|b| normalise(b.worst, b)),
                untouched,
                on_best_overall: best_scores.and_then(|s| s.needs[need]),
                choices,
                weak: raw.and(weakness(choices, untouched)),
            }
        })
        .collect();
    let overall = best_scores
        .and_then(|b| b.overall)
        .zip(worst_overall.as_ref().and_then(|p| score(p).overall))
        .map(|(best, worst)| OverallRange { worst, best });
    let (suggested_tests, unsuggested) = suggest_tests(c, &analysis, worst_overall.as_ref());
    Review {
        loops: scored_loops(&c.scenario),
        analysis,
        needs,
        overall,
        worst_overall,
        suggested_tests,
        unsuggested,
    }
}

/// Why a need touched by `choices` choices, scoring `untouched` for a play
/// that never touches it, is weakly assessed; `None` when it is not.
pub fn weakness(choices: usize, untouched: Option<u8>) -> Option<String> {
    let few = (choices <= WEAK_CHOICES).then(|| {
        let count = if choices == 1 {
            "only 1 choice changes it".to_string()
        } else {
            format!("only {choices} choices change it")
        };
        format!("{count}, so one or two picks decide its whole score")
    });
    let free = untouched.filter(|&u| u >= WEAK_UNTOUCHED).map(|u| {
        format!("a play whose choices never touch it scores {u}, so players score well without addressing it")
    });
    match (few, free) {
        (Some(a), Some(b)) => Some(format!("{a}; {b}")),
        (a, b) => a.or(b),
    }
}

/// A play with the lowest overall score (the best play, with the weights negated).
fn worst_overall(c: &CompiledScenario, space: &Space, analysis: &Analysis) -> Option<Path> {
    let comps = solve::components(space);
    let weights = super::overall_weights(&analysis.bounds);
    let lowest = |m: &_| -overall_value(&weights, m);
    let sol = solve::maximise(c, space, &comps, lowest);
    solve::optimal_path(c, space, &sol, lowest).map(|p| to_path(c, space, &p))
}
