//! Whole-graph checks: nodes the player can never reach, nodes from which
//! no ending can be reached (the player would be stuck), and loops that let a
//! player take the same scored choice again and again.

use super::Checker;
use super::nodes::{TargetAt, for_each_target};
use crate::needs::Need;
use crate::scenario::model::{Choice, Condition, Node};
use crate::scenario::source_map::Seg;

/// Marks every node reachable from `roots` along `edges`.
fn reach(edges: &[Vec<usize>], roots: impl IntoIterator<Item = usize>) -> Vec<bool> {
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
    check_scored_loops(c, &reachable);
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

/// Strongly connected components: `comp[n]` is the same for nodes on a common
/// cycle. Kosaraju's algorithm, iterative (no recursion on deep graphs).
fn components(forward: &[Vec<usize>], backward: &[Vec<usize>]) -> Vec<usize> {
    let count = forward.len();
    let mut order = Vec::with_capacity(count);
    let mut seen = vec![false; count];
    for root in 0..count {
        if seen[root] {
            continue;
        }
        seen[root] = true;
        let mut stack = vec![(root, 0usize)];
        while let Some((n, i)) = stack.pop() {
            if let Some(&m) = forward[n].get(i) {
                stack.push((n, i + 1));
                if !seen[m] {
                    seen[m] = true;
                    stack.push((m, 0));
                }
            } else {
                order.push(n);
            }
        }
    }
    let mut comp = vec![usize::MAX; count];
    for (id, &root) in order.iter().rev().enumerate() {
        if comp[root] != usize::MAX {
            continue;
        }
        comp[root] = id;
        let mut stack = vec![root];
        while let Some(n) = stack.pop() {
            for &m in &backward[n] {
                if comp[m] == usize::MAX {
                    comp[m] = id;
                    stack.push(m);
                }
            }
        }
    }
    comp
}

/// Most node ids named in one `scored-loop` message.
const LOOP_NAMES: usize = 6;

/// Warns once per loop (a set of reachable nodes the player can go round)
/// that holds a choice with a `needs` effect, no `requires`, and a `next`
/// back into the loop: each time round, that choice can be picked again and
/// its need pumped up or down. Conditions on branches are not followed, so a
/// loop left only through a branch may still be reported.
fn check_scored_loops(c: &mut super::Checker, reachable: &[bool]) {
    let scenario = c.scenario;
    // A choice that can be taken only once (it requires a flag not to be
    // raised and raises it, or requires a node not visited yet) cannot carry
    // the player round a loop twice: leave its edge out of the loops.
    let count = scenario.nodes.len();
    let mut loop_forward = vec![Vec::new(); count];
    let mut loop_backward = vec![Vec::new(); count];
    for (from, node) in scenario.nodes.values().enumerate() {
        for_each_target(node, |target, at| {
            let once = match (node, at) {
                (Node::Line { choices, .. }, TargetAt::Choice(k)) => {
                    choices.get(k).is_some_and(one_shot)
                }
                _ => false,
            };
            if let (false, Some(&to)) = (once, c.node_ids.get(target)) {
                loop_forward[from].push(to);
                loop_backward[to].push(from);
            }
        });
    }
    let comp = components(&loop_forward, &loop_backward);
    let mut pumped: Vec<(usize, [bool; Need::ALL.len()], String, usize)> = Vec::new();
    for (from, (id, node)) in scenario.nodes.iter().enumerate() {
        let Node::Line { choices, .. } = node else {
            continue;
        };
        for (k, choice) in choices.iter().enumerate() {
            let Some(&to) = c.node_ids.get(choice.next.as_str()) else {
                continue;
            };
            let scored = choice.needs.values().any(|&v| v != 0);
            if !reachable[from] || comp[from] != comp[to] || !scored || choice.requires.is_some() {
                continue;
            }
            let entry = match pumped.iter_mut().find(|p| p.0 == comp[from]) {
                Some(entry) => entry,
                None => {
                    pumped.push((comp[from], [false; Need::ALL.len()], id.clone(), k));
                    pumped.last_mut().expect("just pushed")
                }
            };
            for (need, &v) in &choice.needs {
                entry.1[need.index()] |= v != 0;
            }
        }
    }
    for (loop_id, needs, first_node, first_choice) in pumped {
        let members: Vec<&str> = scenario
            .nodes
            .keys()
            .enumerate()
            .filter(|&(n, _)| comp[n] == loop_id)
            .map(|(_, id)| id.as_str())
            .collect();
        let mut names: Vec<String> = members
            .iter()
            .take(LOOP_NAMES)
            .map(|id| format!("`{id}`"))
            .collect();
        if members.len() > LOOP_NAMES {
            names.push(format!("and {} more", members.len() - LOOP_NAMES));
        }
        let needs: Vec<&str> = Need::ALL
            .iter()
            .filter(|n| needs[n.index()])
            .map(|n| n.key())
            .collect();
        let message = format!(
            "players can go round the loop {} and pick scored choices again each time, pumping {}",
            names.join(", "),
            needs.join(", ")
        );
        let at = super::node_path(
            &first_node,
            &[Seg::Field("choices"), Seg::Index(first_choice)],
        );
        c.warning("scored-loop", message, at).help = Some(
            "give the scored choice a `requires` that stops a repeat (e.g. `Not(Visited(...))` or a flag it `sets`), or move the score out of the loop".into(),
        );
    }
}

/// Whether `choice` can be taken at most once per play: its `requires`
/// (alone or inside `All`) asks for a flag it raises itself not to be raised,
/// or for a node not to have been visited.
fn one_shot(choice: &Choice) -> bool {
    fn guards(cond: &Condition, choice: &Choice) -> bool {
        match cond {
            Condition::Not(inner) => match inner.as_ref() {
                Condition::Flag(f) => choice.sets.contains(f),
                Condition::Visited(_) => true,
                _ => false,
            },
            Condition::All(all) => all.iter().any(|c| guards(c, choice)),
            _ => false,
        }
    }
    choice.requires.as_ref().is_some_and(|r| guards(r, choice))
}
