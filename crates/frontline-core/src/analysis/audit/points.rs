//! Choice points: where the best answer sits by length, whether it is a real
//! dilemma, and how much patience the ideal path leaves. Values come from the
//! analysis' exact solver ([`solve::maximise`] on the overall score), never
//! from a second set of rules.

use super::LengthPosition;
use crate::analysis::space::{Action, Space};
use crate::analysis::{Analysis, explore_space, overall_value, overall_weights, solve};
use crate::engine::{CNode, CompiledScenario, Encounter};
use crate::needs::{Need, NeedMap};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// One node where the player chooses, seen in the situation where it is first
/// reached (fewest steps from the start) with two or more choices available.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChoicePoint {
    /// Node id.
    pub node: String,
    /// Choices available there.
    pub choices: usize,
    /// 0-based file index of the best choice (on the best-overall path from here).
    pub best: usize,
    /// Length positions the best choice holds (characters after placeholders).
    pub positions: Vec<LengthPosition>,
    /// True when some alternative beats the best choice on at least one need.
    pub dilemma: bool,
}

/// Choice points and the ideal path's spare patience of one encounter.
pub(super) struct Points {
    pub points: Vec<ChoicePoint>,
    pub spare_patience: Option<u32>,
}

/// Finds every choice point. `seed` picks the name variant placeholders are
/// filled with before lengths are measured.
pub(super) fn choice_points(c: &Arc<CompiledScenario>, analysis: &Analysis, seed: u64) -> Points {
    let (space, _) = explore_space(c);
    let comps = solve::components(&space);
    let weights = overall_weights(&analysis.bounds);
    let score = |m: &NeedMap<i32>| overall_value(&weights, m);
    let sol = solve::maximise(c, &space, &comps, score);
    let namer = Encounter::start(Arc::clone(c), seed);
    let mut seen = vec![false; c.nodes.len()];
    let mut points = Vec::new();
    for s in 0..space.len() {
        let node = space.keys[s].node as usize;
        if space.terminal[s].is_some() || seen.get(node).is_none_or(|&v| v) {
            continue;
        }
        let CNode::Line { choices, .. } = &c.nodes[node] else {
            continue;
        };
        let values: Vec<(usize, f64)> = space
            .out(s)
            .iter()
            .filter_map(|e| match e.action {
                Action::Choose(i) => Some((
                    i as usize,
                    score(&choices[i as usize].needs) + sol.value[e.to as usize],
                )),
                _ => None,
            })
            .collect();
        if values.len() < 2 {
            continue;
        }
        seen[node] = true;
        let Some(point) = point_at(c, &namer, node, &values) else {
            continue;
        };
        points.push(point);
    }
    Points {
        points,
        spare_patience: spare_patience(c, &space, &sol, score),
    }
}

/// The choice point at `node` given each available choice's best total;
/// `None` when no ending can be reached or every choice is worth the same.
fn point_at(
    c: &CompiledScenario,
    namer: &Encounter,
    node: usize,
    values: &[(usize, f64)],
) -> Option<ChoicePoint> {
    let top = values.iter().map(|v| v.1).fold(f64::NEG_INFINITY, f64::max);
    let low = values.iter().map(|v| v.1).fold(f64::INFINITY, f64::min);
    if !top.is_finite() || top - low < 1e-9 {
        return None;
    }
    let best = values.iter().find(|v| v.1 >= top - 1e-9)?.0;
    let length = |i: usize| {
        c.source_choice(node, i)
            .map_or(0, |ch| namer.fill_placeholders(&ch.text).chars().count())
    };
    let lengths: Vec<(usize, usize)> = values.iter().map(|v| (v.0, length(v.0))).collect();
    let mine = length(best);
    let longer = lengths.iter().filter(|l| l.1 > mine).count();
    let shorter = lengths.iter().filter(|l| l.1 < mine).count();
    let CNode::Line { choices, .. } = &c.nodes[node] else {
        return None;
    };
    let dilemma = values.iter().any(|&(i, _)| {
        i != best
            && Need::ALL
                .iter()
                .any(|&n| choices[i].needs[n] > choices[best].needs[n])
    });
    Some(ChoicePoint {
        node: c.node_id(node).to_string(),
        choices: values.len(),
        best,
        positions: LengthPosition::of(values.len(), longer, shorter),
        dilemma,
    })
}

/// Seconds of patience left at the end of the best-overall path; `None` when
/// the customer's patience is unlimited or the space is relaxed (time not tracked).
fn spare_patience(
    c: &CompiledScenario,
    space: &Space,
    sol: &solve::Solution,
    score: impl Fn(&NeedMap<i32>) -> f64,
) -> Option<u32> {
    let patience = c.scenario.customer.patience;
    if patience == 0 || space.relaxed {
        return None;
    }
    let path = solve::optimal_path(c, space, sol, score)?;
    let end = path
        .last()
        .map_or(0, |&(s, e)| space.out(s as usize)[e as usize].to);
    Some(patience.saturating_sub(space.keys[end as usize].time))
}
