//! Optimisation over a [`Space`]: best (or worst) total of a per-edge score
//! over complete paths, by strongly connected components in reverse
//! topological order (memoised: each state is solved once). Loops are solved
//! by bounded relaxation; a loop that could raise the score forever makes the
//! result inexact (reported), never a hang.

use super::space::{Action, Space};
use crate::engine::{CNode, CompiledScenario};
use crate::needs::NeedMap;

/// Rounds of relaxation allowed inside one loop before giving up on exactness.
const LOOP_ROUNDS: usize = 64;

/// Strongly connected components, sinks first (Tarjan, iterative).
pub fn components(space: &Space) -> Vec<Vec<u32>> {
    let n = space.len();
    let mut index = vec![u32::MAX; n];
    let mut low = vec![0u32; n];
    let mut on_stack = vec![false; n];
    let mut stack = Vec::new();
    let mut out = Vec::new();
    let mut next = 0u32;
    let mut call: Vec<(u32, usize)> = Vec::new();
    for root in 0..n as u32 {
        if index[root as usize] != u32::MAX {
            continue;
        }
        call.push((root, 0));
        while let Some(&mut (v, ref mut ei)) = call.last_mut() {
            let vu = v as usize;
            if *ei == 0 && index[vu] == u32::MAX {
                index[vu] = next;
                low[vu] = next;
                next += 1;
                stack.push(v);
                on_stack[vu] = true;
            }
            let edges = space.out(vu);
            if *ei < edges.len() {
                let w = edges[*ei].to;
                *ei += 1;
                let wu = w as usize;
                if index[wu] == u32::MAX {
                    call.push((w, 0));
                } else if on_stack[wu] {
                    low[vu] = low[vu].min(index[wu]);
                }
                continue;
            }
            call.pop();
            if let Some(&(p, _)) = call.last() {
                low[p as usize] = low[p as usize].min(low[vu]);
            }
            if low[vu] == index[vu] {
                let mut comp = Vec::new();
                while let Some(w) = stack.pop() {
                    on_stack[w as usize] = false;
                    comp.push(w);
                    if w == v {
                        break;
                    }
                }
                out.push(comp);
            }
        }
    }
    out
}

/// Per-need effect of taking `edge` out of `state`'s node.
pub fn edge_needs(
    c: &CompiledScenario,
    space: &Space,
    state: usize,
    action: Action,
) -> NeedMap<i32> {
    match (action, c.nodes.get(space.keys[state].node as usize)) {
        (Action::Choose(i), Some(CNode::Line { choices, .. })) => choices
            .get(i as usize)
            .map_or_else(NeedMap::default, |ch| ch.needs),
        _ => NeedMap::default(),
    }
}

/// Result of one optimisation.
pub struct Solution {
    /// Best total from each state to an ending (`-inf` when none is reachable).
    pub value: Vec<f64>,
    /// False when a loop kept improving the total (the value is then a lower
    /// estimate of an unbounded best).
    pub exact: bool,
}

/// Maximises the sum of `score(needs)` over complete paths from every state.
/// Minimise by negating the score.
pub fn maximise(
    c: &CompiledScenario,
    space: &Space,
    comps: &[Vec<u32>],
    score: impl Fn(&NeedMap<i32>) -> f64,
) -> Solution {
    let weights: Vec<f64> = (0..space.len())
        .flat_map(|s| space.out(s).iter().map(move |e| (s, e.action)))
        .map(|(s, a)| score(&edge_needs(c, space, s, a)))
        .collect();
    let mut value = vec![f64::NEG_INFINITY; space.len()];
    let mut exact = true;
    let relax = |s: usize, value: &[f64]| -> f64 {
        if space.terminal[s].is_some() {
            return 0.0;
        }
        let base = space.offsets[s] as usize;
        space
            .out(s)
            .iter()
            .enumerate()
            .map(|(i, e)| weights[base + i] + value[e.to as usize])
            .fold(f64::NEG_INFINITY, f64::max)
    };
    for comp in comps {
        if comp.len() == 1 && !space.out(comp[0] as usize).iter().any(|e| e.to == comp[0]) {
            value[comp[0] as usize] = relax(comp[0] as usize, &value);
            continue;
        }
        let mut converged = false;
        for _ in 0..comp.len().min(LOOP_ROUNDS) + 1 {
            let mut changed = false;
            for &s in comp {
                let v = relax(s as usize, &value);
                if v > value[s as usize] + 1e-9 {
                    value[s as usize] = v;
                    changed = true;
                }
            }
            if !changed {
                converged = true;
                break;
            }
        }
        exact &= converged;
    }
    Solution { value, exact }
}

/// A shortest path from the start to an ending using only edges that keep the
/// optimum (`value[s] == w + value[to]`), as (state, edge index) pairs.
pub fn optimal_path(
    c: &CompiledScenario,
    space: &Space,
    sol: &Solution,
    score: impl Fn(&NeedMap<i32>) -> f64,
) -> Option<Vec<(u32, u32)>> {
    if sol.value[0] == f64::NEG_INFINITY {
        return None;
    }
    let n = space.len();
    let mut parent: Vec<Option<(u32, u32)>> = vec![None; n];
    let mut seen = vec![false; n];
    let mut queue = std::collections::VecDeque::from([0u32]);
    seen[0] = true;
    while let Some(s) = queue.pop_front() {
        let su = s as usize;
        if space.terminal[su].is_some() {
            let mut path = Vec::new();
            let mut at = s;
            while let Some((p, e)) = parent[at as usize] {
                path.push((p, e));
                at = p;
            }
            path.reverse();
            return Some(path);
        }
        for (i, e) in space.out(su).iter().enumerate() {
            let w = score(&edge_needs(c, space, su, e.action));
            let to = e.to as usize;
            if !seen[to] && (w + sol.value[to] - sol.value[su]).abs() < 1e-6 {
                seen[to] = true;
                parent[to] = Some((s, i as u32));
                queue.push_back(e.to);
            }
        }
    }
    None
}

/// Number of distinct complete paths from the start, saturating at `cap`;
/// `None` when a loop on the way to an ending makes it unlimited.
pub fn count_paths(space: &Space, comps: &[Vec<u32>], can_end: &[bool], cap: u64) -> Option<u64> {
    let mut count = vec![0u64; space.len()];
    for comp in comps {
        let looped = comp.len() > 1 || space.out(comp[0] as usize).iter().any(|e| e.to == comp[0]);
        if looped && comp.iter().any(|&s| can_end[s as usize]) {
            // Every explored state is reachable from the start.
            return None;
        }
        for &s in comp {
            let su = s as usize;
            count[su] = if space.terminal[su].is_some() {
                1
            } else {
                space
                    .out(su)
                    .iter()
                    .fold(0u64, |acc, e| acc.saturating_add(count[e.to as usize]))
                    .min(cap)
            };
        }
    }
    Some(count[0])
}

/// Which states an ending can be reached from.
pub fn can_end(space: &Space, comps: &[Vec<u32>]) -> Vec<bool> {
    let mut ok = vec![false; space.len()];
    for comp in comps {
        // Within a component, iterate until stable (any member reaching out reaches for all).
        let mut any = false;
        for &s in comp {
            let su = s as usize;
            if space.terminal[su].is_some() || space.out(su).iter().any(|e| ok[e.to as usize]) {
                any = true;
            }
        }
        if any {
            for &s in comp {
                ok[s as usize] = true;
            }
        }
    }
    ok
}

/// Whether action `a` belongs in a player-facing path listing.
pub fn is_decision(a: Action) -> bool {
    !matches!(a, Action::Branch)
}
