//! Scenario analysis for trainers: what a scenario can score, how it can end,
//! and where it can go wrong. Pure Rust, no bevy.
//!
//! [`analyse`] explores the real state space (see [`space`]) and returns an
//! [`Analysis`]: exact best/worst raw sum per need (the scale
//! [`crate::scoring`] normalises against), reachable endings with a witness
//! path each, needs coverage, the number of distinct complete paths, dead ends,
//! loops with no exit, unreachable nodes, and the best path per need and
//! overall. [`graph`] draws the scenario; [`playtest`] plays it at random;
//! [`audit`] plays it with skill-free strategies to find answer tells.

pub mod audit;
pub mod graph;
pub mod playtest;
pub mod report;
pub mod review;
pub mod solve;
pub mod space;
pub mod suggest;
#[cfg(test)]
mod tests;

use crate::engine::{CNode, CompiledScenario};
use crate::needs::{Need, NeedMap};
use crate::scenario::Outcome;
use crate::scenario::placeholders::fill_for_first_person;
use serde::{Deserialize, Serialize};
use space::{Action, Space};

/// Path counts above this are reported as "at least".
pub const PATH_COUNT_CAP: u64 = 1_000_000_000_000;

/// Lowest and highest raw sum achievable for one need.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bounds {
    /// Highest raw sum over complete paths.
    pub best: i32,
    /// Lowest raw sum over complete paths.
    pub worst: i32,
}

/// One step of a path, as a player would take it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum PathStep {
    /// Pick choice `index` (0-based, file order) at `node`.
    Choose {
        /// Node id.
        node: String,
        /// 0-based index in the file's `choices`.
        index: usize,
        /// The choice's text.
        text: String,
    },
    /// Continue the line at `node`.
    Continue {
        /// Node id.
        node: String,
    },
    /// The random node `node` draws its option `option` (0-based), leading to `to`.
    Random {
        /// Node id.
        node: String,
        /// 0-based index of the option in the file's `options`.
        option: usize,
        /// Drawn target.
        to: String,
    },
    /// The customer walks out (patience ran out) at `node`.
    WalkOut {
        /// Node id.
        node: String,
    },
}

/// A complete path through the scenario and what it scores.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Path {
    /// The steps, in order.
    pub steps: Vec<PathStep>,
    /// Raw per-need sums along the path.
    pub raw: NeedMap<i32>,
    /// The ending reached.
    pub outcome: Outcome,
    /// The ending node id.
    pub end: String,
    /// True when the ending is a walk-out.
    pub walked_out: bool,
}

impl Path {
    /// The choices as 1-based file positions, as written in a scenario's `tests:`.
    pub fn choice_numbers(&self) -> Vec<usize> {
        self.steps
            .iter()
            .filter_map(|s| match s {
                PathStep::Choose { index, .. } => Some(index + 1),
                _ => None,
            })
            .collect()
    }
}

/// A reachable ending and one way to get there.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ending {
    /// End node id (for a walk-out: the node where the customer left).
    pub node: String,
    /// Outcome.
    pub outcome: Outcome,
    /// True for a walk-out.
    pub walked_out: bool,
    /// A shortest path reaching it.
    pub witness: Path,
}

/// How a need is used by the scenario's choices.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Coverage {
    /// Choices that change this need.
    pub choices: usize,
    /// Most negative effect of one choice.
    pub min: i32,
    /// Most positive effect of one choice.
    pub max: i32,
}

/// Everything [`analyse`] finds.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Analysis {
    /// Scenario id.
    pub scenario_id: String,
    /// Best/worst raw sum per need; `None` = not assessed (no choice touches it)
    /// or no ending reachable.
    pub bounds: NeedMap<Option<Bounds>>,
    /// True when every bound is exact (not a relaxed or loop-limited estimate).
    pub exact: bool,
    /// Explanations of anything inexact or capped.
    pub notes: Vec<String>,
    /// Distinct states explored.
    pub states: usize,
    /// Every reachable ending, with a witness path.
    pub endings: Vec<Ending>,
    /// Per-need coverage by the scenario's choices.
    pub coverage: NeedMap<Coverage>,
    /// Distinct complete paths (saturating at [`PATH_COUNT_CAP`]); `None` = unlimited (loops).
    pub paths: Option<u64>,
    /// Nodes where play gets stuck (no available choice, no `next`).
    pub dead_ends: Vec<String>,
    /// Nodes reachable but from which no ending can be reached (loops with no exit).
    pub trapped: Vec<String>,
    /// Nodes no play can reach.
    pub unreachable: Vec<String>,
    /// Per need, a path achieving the best raw sum.
    pub best_paths: NeedMap<Option<Path>>,
    /// A path maximising the overall normalised score.
    pub best_overall: Option<Path>,
}

/// Analyses a compiled scenario. Never panics; always terminates.
pub fn analyse(c: &CompiledScenario) -> Analysis {
    analyse_within(c, space::STATE_CAP)
}

/// [`analyse`], exploring at most `state_cap` states exactly before falling
/// back to the relaxed graph (sound bounds, marked inexact). A small cap keeps
/// one analysis cheap where many run (the fuzz targets).
pub fn analyse_within(c: &CompiledScenario, state_cap: usize) -> Analysis {
    let (space, relaxed_note) = space::explore(c, state_cap);
    analyse_space(c, &space, relaxed_note)
}

/// The analysis of an explored `space` (`relaxed_note` says why it is relaxed).
pub(crate) fn analyse_space(
    c: &CompiledScenario,
    space: &Space,
    relaxed_note: Option<String>,
) -> Analysis {
    let comps = solve::components(space);
    let can_end = solve::can_end(space, &comps);
    let mut notes: Vec<String> = relaxed_note.into_iter().collect();
    let mut exact = !space.relaxed;
    let mut bounds = NeedMap::default();
    let mut best_paths = NeedMap::default();
    for need in c.assessed_needs() {
        let hi = solve::maximise(c, space, &comps, |m| f64::from(m[need]));
        let lo = solve::maximise(c, space, &comps, |m| -f64::from(m[need]));
        if !(hi.exact && lo.exact) {
            exact = false;
            notes.push(format!(
                "{}: a loop can change it again and again; the bound assumes a limited number of repeats",
                need.label()
            ));
        }
        if hi.value[0].is_finite() {
            bounds[need] = Some(Bounds {
                best: hi.value[0].round() as i32,
                worst: (-lo.value[0]).round() as i32,
            });
            best_paths[need] = solve::optimal_path(c, space, &hi, |m| f64::from(m[need]))
                .map(|p| to_path(c, space, &p));
        }
    }
    let weight = overall_weights(&bounds);
    let overall = |m: &NeedMap<i32>| overall_value(&weight, m);
    let sol = solve::maximise(c, space, &comps, overall);
    let best_overall = solve::optimal_path(c, space, &sol, overall).map(|p| to_path(c, space, &p));
    let paths = solve::count_paths(space, &comps, &can_end, PATH_COUNT_CAP);
    if paths == Some(PATH_COUNT_CAP) {
        notes.push(format!("path count capped at {PATH_COUNT_CAP}"));
    }
    let (dead_ends, trapped, unreachable) = problems(c, space, &can_end);
    if !can_end[0] {
        notes.push("no ending can be reached from the start".into());
    }
    Analysis {
        scenario_id: c.scenario.id.clone(),
        bounds,
        exact,
        notes,
        states: space.len(),
        endings: endings(c, space),
        coverage: coverage(c),
        paths,
        dead_ends,
        trapped,
        unreachable,
        best_paths,
        best_overall,
    }
}

/// Per-need weights that turn raw sums into the overall score's scale: one
/// over each assessed need's best-minus-worst spread (0 for a need that is not
/// assessed or cannot vary). The solver maximises [`overall_value`] with them.
pub fn overall_weights(bounds: &NeedMap<Option<Bounds>>) -> NeedMap<f64> {
    NeedMap::from_fn(|n| match bounds[n] {
        Some(Bounds { best, worst }) if best > worst => 1.0 / f64::from(best - worst),
        _ => 0.0,
    })
}

/// The overall-score contribution of raw effects `m` under `weights`.
pub fn overall_value(weights: &NeedMap<f64>, m: &NeedMap<i32>) -> f64 {
    m.iter().map(|(n, v)| f64::from(*v) * weights[n]).sum()
}

/// Explores the state space (exact, or relaxed with a note when too large).
pub fn explore_space(c: &CompiledScenario) -> (Space, Option<String>) {
    space::explore(c, space::STATE_CAP)
}

fn node_name(c: &CompiledScenario, node: u32) -> String {
    c.node_id(node as usize).to_string()
}

fn to_path(c: &CompiledScenario, space: &Space, edges: &[(u32, u32)]) -> Path {
    let mut raw = NeedMap::<i32>::default();
    let mut steps = Vec::new();
    let mut last = 0u32;
    for &(s, e) in edges {
        let edge = space.out(s as usize)[e as usize];
        let needs = solve::edge_needs(c, space, s as usize, edge.action);
        for (n, v) in needs.iter() {
            raw[n] = raw[n].saturating_add(*v);
        }
        let node = node_name(c, space.keys[s as usize].node);
        match edge.action {
            Action::Choose(i) => steps.push(PathStep::Choose {
                text: c
                    .source_choice(space.keys[s as usize].node as usize, i as usize)
                    .map_or_else(String::new, |ch| {
                        // Paths show the first person in place of `{name}` and the pronouns.
                        fill_for_first_person(&c.scenario.customer, &ch.text)
                    }),
                node,
                index: i as usize,
            }),
            Action::Continue => steps.push(PathStep::Continue { node }),
            Action::Random(option) => steps.push(PathStep::Random {
                node,
                option: option as usize,
                to: node_name(c, space.keys[edge.to as usize].node),
            }),
            Action::WalkOut => steps.push(PathStep::WalkOut { node }),
            Action::Branch => {}
        }
        last = edge.to;
    }
    let (outcome, walked_out) = space.terminal[last as usize].unwrap_or((Outcome::Lost, false));
    let end_node = space.keys[last as usize].node;
    let end = if end_node == u32::MAX {
        match steps.last() {
            Some(PathStep::WalkOut { node }) => node.clone(),
            _ => String::new(),
        }
    } else {
        node_name(c, end_node)
    };
    if walked_out && end_node != u32::MAX {
        steps.push(PathStep::WalkOut { node: end.clone() });
    }
    Path {
        steps,
        raw,
        outcome,
        end,
        walked_out,
    }
}

fn endings(c: &CompiledScenario, space: &Space) -> Vec<Ending> {
    let mut out: Vec<Ending> = Vec::new();
    for s in 0..space.len() {
        let Some((outcome, walked_out)) = space.terminal[s] else {
            continue;
        };
        let mut chain = Vec::new();
        let mut at = s as u32;
        while let Some((p, e)) = space.parent[at as usize] {
            chain.push((p, e));
            at = p;
        }
        chain.reverse();
        let witness = to_path(c, space, &chain);
        let node = witness.end.clone();
        if !out
            .iter()
            .any(|e| e.node == node && e.outcome == outcome && e.walked_out == walked_out)
        {
            out.push(Ending {
                node,
                outcome,
                walked_out,
                witness,
            });
        }
    }
    out.sort_by(|a, b| (a.outcome, a.walked_out, &a.node).cmp(&(b.outcome, b.walked_out, &b.node)));
    out
}

fn coverage(c: &CompiledScenario) -> NeedMap<Coverage> {
    let mut cov = NeedMap::<Coverage>::default();
    for node in &c.nodes {
        if let CNode::Line { choices, .. } = node {
            for ch in choices {
                for need in Need::ALL {
                    let v = ch.needs[need];
                    if v != 0 {
                        let e = &mut cov[need];
                        let first = e.choices == 0;
                        e.choices += 1;
                        e.min = if first { v } else { e.min.min(v) };
                        e.max = if first { v } else { e.max.max(v) };
                    }
                }
            }
        }
    }
    cov
}

fn problems(
    c: &CompiledScenario,
    space: &Space,
    can_end: &[bool],
) -> (Vec<String>, Vec<String>, Vec<String>) {
    let mut reached = vec![false; c.nodes.len()];
    let mut dead = vec![false; c.nodes.len()];
    let mut trapped = vec![false; c.nodes.len()];
    for (s, &ends) in can_end.iter().enumerate() {
        let n = space.keys[s].node as usize;
        if n >= c.nodes.len() {
            continue; // the relaxed space's virtual walk-out
        }
        reached[n] = true;
        if space.terminal[s].is_none() {
            let only_walkout = space.out(s).iter().all(|e| e.action == Action::WalkOut);
            if only_walkout {
                dead[n] = true;
            } else if !ends {
                trapped[n] = true;
            }
        }
    }
    let ids = |flags: &[bool]| {
        flags
            .iter()
            .enumerate()
            .filter(|(_, f)| **f)
            .map(|(i, _)| c.node_id(i).to_string())
            .collect()
    };
    let unreached: Vec<bool> = reached.iter().map(|r| !r).collect();
    (ids(&dead), ids(&trapped), ids(&unreached))
}
