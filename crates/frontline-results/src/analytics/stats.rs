//! The counts read against the scenario: what the analytics page shows.

use super::{EncounterCounts, MoveCount, match_choice};
use frontline_core::needs::NeedMap;
use frontline_core::scenario::{Node, Outcome, Scenario};
use serde::{Deserialize, Serialize};

/// Fewest plays on each side (took the choice / reached its node and did
/// not) before a choice is compared as a separator.
pub const MIN_PLAYS_TO_COMPARE: u64 = 5;

/// Separators listed, strongest first.
const SEPARATORS_SHOWN: usize = 8;

/// One scenario version's plays, node by node.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EncounterStats {
    /// Plays counted.
    pub plays: u64,
    /// Of them, plays that passed.
    pub passed: u64,
    /// Every node, in file order.
    pub nodes: Vec<NodeStats>,
    /// Where plays ended, most frequent first.
    pub endings: Vec<EndingStats>,
    /// Plays per outcome, best outcome first (all five, zeros included).
    pub outcomes: Vec<(Outcome, u64)>,
    /// Choices whose takers pass at a rate most unlike the other plays at
    /// the same node, strongest difference first.
    pub separators: Vec<Separator>,
    /// Moves the scenario does not explain (a node or choice it lacks): 0
    /// for plays of this very version.
    pub unmatched_moves: u64,
}

/// What kind of node, as the graph draws it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum NodeKind {
    /// Someone speaks; the player may choose.
    Line,
    /// Goes on by a condition.
    Branch,
    /// Goes on by a random draw.
    Random,
    /// An ending.
    End(Outcome),
}

/// One node's plays.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NodeStats {
    /// Node id.
    pub id: String,
    /// Its kind.
    pub kind: NodeKind,
    /// Plays that entered it.
    pub plays: u64,
    /// Of them, plays that passed.
    pub passed: u64,
    /// Plays that ended here: its ending, or customers who walked out here.
    pub ended: u64,
    /// Plays where the customer ran out of patience on entering this node
    /// (told by an outcome other than the node's own; a walk-out into a
    /// `Lost` ending counts as that ending).
    pub walked_out: u64,
    /// Average change per need from the choices made here, per play that
    /// entered the node (raw effect points, -3..=3 per choice).
    pub need_movement: NeedMap<f64>,
    /// The node's choices, in file order (lines only).
    pub choices: Vec<ChoiceStats>,
    /// Moves that are not choices (continue, branch, random), by target.
    pub other_moves: Vec<OtherMove>,
}

/// One choice's plays.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ChoiceStats {
    /// 0-based index in the node's `choices` as written.
    pub index: usize,
    /// Its text as written (placeholders unfilled).
    pub text: String,
    /// Node it leads to.
    pub target: String,
    /// Times taken.
    pub taken: u64,
    /// Share of all choices made at this node, 0..=1 (0 when none was made).
    pub share: f64,
    /// Plays that took it.
    pub plays: u64,
    /// Of them, plays that passed.
    pub passed: u64,
}

/// A move that is not a choice.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OtherMove {
    /// Node entered.
    pub target: String,
    /// Times made.
    pub taken: u64,
    /// Share of all moves out of the node, 0..=1.
    pub share: f64,
}

/// Plays that ended at one node.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EndingStats {
    /// The node.
    pub node: String,
    /// The outcome (`Lost` for a walk-out).
    pub outcome: Outcome,
    /// True when customers walked out here (not an `End` node).
    pub walked_out: bool,
    /// Plays that ended here.
    pub plays: u64,
    /// Share of all plays, 0..=1.
    pub share: f64,
}

/// A choice that tells passing from failing plays apart.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Separator {
    /// Node of the choice.
    pub node: String,
    /// Choice index (0-based, as written).
    pub index: usize,
    /// Its text as written.
    pub text: String,
    /// Plays that took it.
    pub plays_taken: u64,
    /// Pass rate of those plays, 0..=1.
    pub pass_rate_taken: f64,
    /// Plays that reached the node and did not take it.
    pub plays_not_taken: u64,
    /// Their pass rate, 0..=1.
    pub pass_rate_not_taken: f64,
}

impl Separator {
    /// Pass rate with the choice minus pass rate without, -1..=1.
    pub fn difference(&self) -> f64 {
        self.pass_rate_taken - self.pass_rate_not_taken
    }
}

/// `part / whole`, 0 when the whole is 0.
pub fn ratio(part: u64, whole: u64) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 / whole as f64
    }
}

impl EncounterStats {
    /// Reads `counts` (plays of `scenario`'s version) against the scenario.
    pub fn new(scenario: &Scenario, counts: &EncounterCounts) -> EncounterStats {
        let mut used = 0;
        let nodes: Vec<NodeStats> = scenario
            .nodes
            .iter()
            .map(|(id, node)| {
                let (stats, explained) = node_stats(id, node, counts);
                used += explained;
                stats
            })
            .collect();
        let total_moves = counts.moves.values().map(|m| m.taken).sum::<u64>();
        let endings = endings(&nodes, counts.plays);
        let outcomes = Outcome::ALL
            .into_iter()
            .map(|o| {
                let plays = endings.iter().filter(|e| e.outcome == o).map(|e| e.plays);
                (o, plays.sum())
            })
            .collect();
        EncounterStats {
            plays: counts.plays,
            passed: counts.passed,
            separators: separators(&nodes),
            nodes,
            endings,
            outcomes,
            unmatched_moves: total_moves - used,
        }
    }

    /// The node with this id.
    pub fn node(&self, id: &str) -> Option<&NodeStats> {
        self.nodes.iter().find(|n| n.id == id)
    }
}

/// One node's stats and the number of counted moves they account for.
fn node_stats(id: &str, node: &Node, counts: &EncounterCounts) -> (NodeStats, u64) {
    let entered = counts.nodes.get(id).copied().unwrap_or_default();
    let moves: Vec<_> = counts.moves.iter().filter(|(k, _)| k.node == id).collect();
    let no_choices = Vec::new();
    let (kind, written) = match node {
        Node::Line { choices, .. } => (NodeKind::Line, choices),
        Node::Branch { .. } => (NodeKind::Branch, &no_choices),
        Node::Random { .. } => (NodeKind::Random, &no_choices),
        Node::End { outcome, .. } => (NodeKind::End(*outcome), &no_choices),
    };
    let mut per_choice = vec![MoveCount::default(); written.len()];
    let mut other_moves: Vec<OtherMove> = Vec::new();
    let mut needs = NeedMap::<i64>::default();
    let mut explained = 0;
    for (key, count) in &moves {
        let slot = match &key.choice {
            Some(said) => match match_choice(written, said, &key.target) {
                Some(i) => &mut per_choice[i],
                None => continue,
            },
            None => {
                other_moves.push(OtherMove {
                    target: key.target.clone(),
                    taken: count.taken,
                    share: 0.0,
                });
                explained += count.taken;
                continue;
            }
        };
        // Several filled texts (one per customer name) add up to one choice.
        slot.taken += count.taken;
        slot.plays += count.plays;
        slot.passed += count.passed;
        explained += count.taken;
        for (sum, add) in needs.0.iter_mut().zip(count.needs.0) {
            *sum += add;
        }
    }
    let decisions: u64 = per_choice.iter().map(|c| c.taken).sum();
    let others: u64 = other_moves.iter().map(|m| m.taken).sum();
    for m in &mut other_moves {
        m.share = ratio(m.taken, others);
    }
    let choices = written
        .iter()
        .zip(per_choice)
        .enumerate()
        .map(|(index, (c, n))| ChoiceStats {
            index,
            text: c.text.clone(),
            target: c.next.clone(),
            taken: n.taken,
            share: ratio(n.taken, decisions),
            plays: n.plays,
            passed: n.passed,
        })
        .collect();
    let own_outcome = match kind {
        NodeKind::End(o) => Some(o),
        _ => None,
    };
    let ended_here = counts.endings.iter().filter(|(k, _)| k.node == id);
    let (mut ended, mut walked_out) = (0, 0);
    for (key, plays) in ended_here {
        ended += plays;
        if own_outcome != Some(key.outcome) {
            walked_out += plays;
        }
    }
    let stats = NodeStats {
        id: id.to_string(),
        kind,
        plays: entered.plays,
        passed: entered.passed,
        ended,
        walked_out,
        need_movement: NeedMap(needs.0.map(|s| {
            if entered.plays == 0 {
                0.0
            } else {
                s as f64 / entered.plays as f64
            }
        })),
        choices,
        other_moves,
    };
    (stats, explained)
}

fn endings(nodes: &[NodeStats], plays: u64) -> Vec<EndingStats> {
    let mut out: Vec<EndingStats> = Vec::new();
    for n in nodes {
        let regular = n.ended - n.walked_out;
        if let (NodeKind::End(outcome), 1..) = (n.kind, regular) {
            out.push(EndingStats {
                node: n.id.clone(),
                outcome,
                walked_out: false,
                plays: regular,
                share: ratio(regular, plays),
            });
        }
        if n.walked_out > 0 {
            out.push(EndingStats {
                node: n.id.clone(),
                outcome: Outcome::Lost,
                walked_out: true,
                plays: n.walked_out,
                share: ratio(n.walked_out, plays),
            });
        }
    }
    out.sort_by(|a, b| b.plays.cmp(&a.plays).then_with(|| a.node.cmp(&b.node)));
    out
}

fn separators(nodes: &[NodeStats]) -> Vec<Separator> {
    let mut out: Vec<Separator> = nodes
        .iter()
        .flat_map(|n| n.choices.iter().map(move |c| (n, c)))
        .filter_map(|(n, c)| {
            let not_taken = n.plays.saturating_sub(c.plays);
            let passed_not_taken = n.passed.saturating_sub(c.passed);
            (c.plays >= MIN_PLAYS_TO_COMPARE && not_taken >= MIN_PLAYS_TO_COMPARE).then(|| {
                Separator {
                    node: n.id.clone(),
                    index: c.index,
                    text: c.text.clone(),
                    plays_taken: c.plays,
                    pass_rate_taken: ratio(c.passed, c.plays),
                    plays_not_taken: not_taken,
                    pass_rate_not_taken: ratio(passed_not_taken, not_taken),
                }
            })
        })
        .collect();
    out.sort_by(|a, b| {
        b.difference()
            .abs()
            .total_cmp(&a.difference().abs())
            .then_with(|| (&a.node, a.index).cmp(&(&b.node, b.index)))
    });
    out.truncate(SEPARATORS_SHOWN);
    out
}
