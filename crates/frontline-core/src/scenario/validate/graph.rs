//! Whole-graph checks: nodes the player can never reach, nodes from which
//! no ending can be reached (the player would be stuck), and loops that let a
//! player take the same scored choice again and again ([`super::loops`]).

use super::Checker;
use super::nodes::for_each_target;
use crate::scenario::model::Node;
use crate::scenario::source_map::Seg;

/// Marks every node reachable from `roots` along `edges`.
pub(super) fn reach(edges: &[Vec<usize>], roots: impl IntoIterator<Item = usize>) -> Vec<bool> {
    let mut seen = vec![false; edges.len()];
    let mut stack: Vec<usize> = roots.into_iter().collect();
    for &r in &stack {
        seen[r] = true;
    }
    while let Some(n) = stack.pop() {
        for &m in &edges[n] {
            if !seen[m] {
                seen[m] = true;
                stack.push(m);
            }
        }
    }
    seen
}

/// Reports unreachable nodes (warning) and reachable nodes with no way to an `End` (error).
pub(super) fn check(c: &mut Checker) {
    let scenario = c.scenario;
    let Some(&start) = c.node_ids.get(scenario.start.as_str()) else {
        return;
    };
    let count = scenario.nodes.len();
    let mut forward = vec![Vec::new(); count];
    let mut backward = vec![Vec::new(); count];
    for (from, node) in scenario.nodes.values().enumerate() {
        for_each_target(node, |target, _| {
            if let Some(&to) = c.node_ids.get(target) {
                forward[from].push(to);
                backward[to].push(from);
            }
        });
    }
    let reachable = reach(&forward, [start]);
    let ends = scenario
        .nodes
        .values()
        .enumerate()
        .filter(|(_, n)| matches!(n, Node::End { .. }))
        .map(|(i, _)| i);
    let can_end = reach(&backward, ends);
    super::loops::check(c);
    for (i, id) in scenario.nodes.keys().enumerate() {
        let at = vec![Seg::Node(id.clone())];
        if !reachable[i] {
            let message =
                format!("no path from `start` leads to the node `{id}`, so players never see it");
            c.warning("unreachable-node", message, at);
        } else if !can_end[i] && !forward[i].is_empty() {
            // Nodes with no valid way out already have their own error.
            let message = format!(
                "from the node `{id}` no path leads to an `End`, so the player would be stuck"
            );
            c.error("no-ending", message, at).help =
                Some("make sure every path eventually reaches an `End(...)` node".into());
        }
    }
}
