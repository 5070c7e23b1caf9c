//! Scored loops: sets of reachable nodes the player can go round, holding a
//! choice with a `needs` effect that can be picked again each time round.
//! [`scored_loops`] is the one detection: `check` warns about each loop
//! (`scored-loop`) and `frontline analyse` lists them with their needs.

use super::nodes::{TargetAt, for_each_target};
use crate::needs::Need;
use crate::scenario::model::{Choice, Condition, Node, Scenario};
use crate::scenario::source_map::Seg;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// A loop whose scored choices can be picked again each time round.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScoredLoop {
    /// Every node of the loop, in file order.
    pub nodes: Vec<String>,
    /// Needs that a repeatable choice in the loop raises or lowers.
    pub needs: Vec<Need>,
    /// The repeatable scored choices: (node id, 0-based index in `choices`).
    pub choices: Vec<(String, usize)>,
}

/// Most node ids named in one `scored-loop` message.
const LOOP_NAMES: usize = 6;

/// Finds every loop (a set of reachable nodes the player can go round) that
/// holds a choice with a `needs` effect, no `requires`, and a `next` back
/// into the loop. A way back that can be taken only once (see [`one_shot`])
/// closes no loop. Conditions on branches are not followed, so a loop left
/// only through a branch may still be reported.
pub fn scored_loops(scenario: &Scenario) -> Vec<ScoredLoop> {
    let ids: HashMap<&str, usize> = scenario
        .nodes
        .keys()
        .enumerate()
        .map(|(i, k)| (k.as_str(), i))
        .collect();
    let Some(&start) = ids.get(scenario.start.as_str()) else {
        return Vec::new();
    };
    let count = scenario.nodes.len();
    let mut all_forward = vec![Vec::new(); count];
    let mut forward = vec![Vec::new(); count];
    let mut backward = vec![Vec::new(); count];
    for (from, node) in scenario.nodes.values().enumerate() {
        for_each_target(node, |target, at| {
            let Some(&to) = ids.get(target) else {
                return;
            };
            all_forward[from].push(to);
            let once = match (node, at) {
                (Node::Line { choices, .. }, TargetAt::Choice(k)) => {
                    choices.get(k).is_some_and(one_shot)
                }
                _ => false,
            };
            if !once {
                forward[from].push(to);
                backward[to].push(from);
            }
        });
    }
    let reachable = super::graph::reach(&all_forward, [start]);
    let comp = components(&forward, &backward);
    let mut loops: Vec<(usize, ScoredLoop)> = Vec::new();
    for (from, (id, node)) in scenario.nodes.iter().enumerate() {
        let Node::Line { choices, .. } = node else {
            continue;
        };
        for (k, choice) in choices.iter().enumerate() {
            let Some(&to) = ids.get(choice.next.as_str()) else {
                continue;
            };
            let scored = choice.needs.values().any(|&v| v != 0);
            if !reachable[from] || comp[from] != comp[to] || !scored || choice.requires.is_some() {
                continue;
            }
            let at = match loops.iter().position(|(c, _)| *c == comp[from]) {
                Some(at) => at,
                None => {
                    let nodes = (0..count)
                        .filter(|&n| comp[n] == comp[from])
                        .map(|n| scenario.nodes.get_index(n).map_or("", |e| e.0).to_string())
                        .collect();
                    let empty = ScoredLoop {
                        nodes,
                        needs: Vec::new(),
                        choices: Vec::new(),
                    };
                    loops.push((comp[from], empty));
                    loops.len() - 1
                }
            };
            let found = &mut loops[at].1;
            found.choices.push((id.clone(), k));
            for (&need, _) in choice.needs.iter().filter(|(_, v)| **v != 0) {
                if !found.needs.contains(&need) {
                    found.needs.push(need);
                }
            }
        }
    }
    loops
        .into_iter()
        .map(|(_, mut l)| {
            l.needs.sort();
            l
        })
        .collect()
}

/// Warns once per scored loop, at its first repeatable scored choice.
pub(super) fn check(c: &mut super::Checker) {
    for found in scored_loops(c.scenario) {
        let Some((first_node, first_choice)) = found.choices.first().cloned() else {
            continue;
        };
        let message = format!(
            "players can go round the loop {} and pick scored choices again each time, pumping {}",
            name_nodes(&found.nodes),
            found
                .needs
                .iter()
                .map(|n| n.key())
                .collect::<Vec<_>>()
                .join(", ")
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

/// "`a`, `b` and 3 more": the first few node ids of a loop.
pub fn name_nodes(nodes: &[String]) -> String {
    let mut names: Vec<String> = nodes
        .iter()
        .take(LOOP_NAMES)
        .map(|id| format!("`{id}`"))
        .collect();
    if nodes.len() > LOOP_NAMES {
        names.push(format!("and {} more", nodes.len() - LOOP_NAMES));
    }
    names.join(", ")
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
