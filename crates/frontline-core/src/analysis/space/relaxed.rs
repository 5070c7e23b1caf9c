//! The relaxed search, used when the exact space is too large: one state per
//! node, every condition may go either way, and (with finite patience) the
//! customer may walk out anywhere. Its best/worst are sound bounds; the
//! number of states is bounded by the node count.

use super::{Action, Builder, Edge, Key, Space};
use crate::engine::CNode;
use crate::engine::CompiledScenario;
use crate::engine::step;
use crate::scenario::Outcome;

fn at(node: usize) -> Key {
    Key {
        node: node as u32,
        mood: 0,
        time: 0,
        bits: 0,
    }
}

/// Explores the node graph from the start. With finite patience a virtual
/// walk-out ending (node `u32::MAX`) is state 1, reachable from every state.
pub(super) fn explore(c: &CompiledScenario) -> Space {
    let mut b = Builder::new(true, at(c.start));
    let walkout = (c.scenario.customer.patience > 0).then(|| {
        b.intern(
            Key {
                node: u32::MAX,
                ..at(0)
            },
            Some((0, 0)),
        )
    });
    while let Some(key) = b.next_state() {
        if Some(b.current as u32) == walkout {
            b.close(Some((Outcome::Lost, true)));
            continue;
        }
        if let Some(to) = walkout {
            b.space.edges.push(Edge {
                to,
                action: Action::WalkOut,
            });
        }
        let terminal = match &c.nodes[key.node as usize] {
            CNode::End { outcome } => Some((*outcome, false)),
            CNode::Line { choices, next, .. } => {
                for (i, choice) in choices.iter().enumerate() {
                    b.edge(at(choice.next), Action::Choose(i as u32));
                }
                if let Some(n) = next {
                    b.edge(at(*n), Action::Continue);
                }
                None
            }
            CNode::Branch { cases, otherwise } => {
                for to in cases.iter().map(|(_, n)| *n).chain([*otherwise]) {
                    b.edge(at(to), Action::Branch);
                }
                None
            }
            CNode::Random { options } => {
                for (option, to) in step::drawable(options) {
                    b.edge(at(to), Action::Random(option as u32));
                }
                None
            }
        };
        b.close(terminal);
    }
    b.space
}
