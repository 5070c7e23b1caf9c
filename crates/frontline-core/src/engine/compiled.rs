//! A scenario compiled once for fast play: node ids become indices, flag names
//! become bit positions, need effects become fixed arrays.
//!
//! Build one [`CompiledScenario`] per loaded scenario and share it behind an
//! [`Arc`](std::sync::Arc); every [`Encounter`](super::Encounter) played from it
//! only copies the `Arc`.

use super::EngineError;
use crate::needs::{Need, NeedMap};
use crate::scenario::{Condition, Node, Outcome, Scenario};
use std::collections::HashMap;

/// Lowest number of node entries an encounter may make before it is aborted.
pub const MIN_STEP_CAP: u32 = 10_000;

/// A condition with names resolved to indices.
#[derive(Clone, Debug, PartialEq)]
pub enum Cond {
    /// Flag with this bit index is raised.
    Flag(usize),
    /// Negation.
    Not(Box<Cond>),
    /// All hold.
    All(Vec<Cond>),
    /// At least one holds.
    Any(Vec<Cond>),
    /// Node with this index has been left at least once.
    Visited(usize),
    /// Mood >= value.
    MoodAtLeast(i32),
    /// Mood < value.
    MoodBelow(i32),
    /// Elapsed seconds >= value.
    TimeAtLeast(u32),
}

/// A choice with resolved targets and flags.
#[derive(Clone, Debug)]
pub struct CChoice {
    /// Effect per need.
    pub needs: NeedMap<i32>,
    /// Mood change.
    pub mood: i32,
    /// Seconds taken.
    pub time: u32,
    /// Flag bits raised.
    pub sets: Vec<usize>,
    /// Flag bits lowered.
    pub clears: Vec<usize>,
    /// Availability condition.
    pub requires: Option<Cond>,
    /// Whether a failing `requires` shows the choice greyed out (else hidden).
    pub shows_locked: bool,
    /// Target node index.
    pub next: usize,
}

/// A node with resolved targets.
#[derive(Clone, Debug)]
pub enum CNode {
    /// A spoken line.
    Line {
        /// Choices in file order.
        choices: Vec<CChoice>,
        /// Continuation when no choice is taken.
        next: Option<usize>,
        /// Seconds spent when the line plays.
        time: u32,
    },
    /// Conditional jump.
    Branch {
        /// `(condition, target)` in order.
        cases: Vec<(Cond, usize)>,
        /// Fallback target.
        otherwise: usize,
    },
    /// Weighted random jump; weights <= 0 count as 0, all-zero means uniform.
    Random {
        /// `(weight, target)`.
        options: Vec<(u32, usize)>,
    },
    /// Ending.
    End {
        /// How it ended.
        outcome: Outcome,
    },
}

/// A [`Scenario`] plus its compiled form. Immutable once built.
#[derive(Clone, Debug)]
pub struct CompiledScenario {
    /// The scenario as loaded (texts, ids, customer).
    pub scenario: Scenario,
    /// Compiled nodes, same order as `scenario.nodes`.
    pub nodes: Vec<CNode>,
    /// Index of the start node.
    pub start: usize,
    /// Flag names by bit index (only flags some choice raises or clears, or a condition tests).
    pub flag_names: Vec<String>,
    /// Node entries allowed before an encounter is aborted.
    pub step_cap: u32,
    /// Needs some choice changes (the others are "not assessed").
    pub touched: NeedMap<bool>,
}

impl CompiledScenario {
    /// Resolves every id; fails on a reference to a node that does not exist.
    pub fn new(scenario: &Scenario) -> Result<Self, EngineError> {
        let ids: HashMap<&str, usize> = scenario
            .nodes
            .keys()
            .enumerate()
            .map(|(i, k)| (k.as_str(), i))
            .collect();
        let mut flags = FlagTable::default();
        let resolve = |from: &str, to: &str| {
            ids.get(to)
                .copied()
                .ok_or_else(|| EngineError::UnknownNode {
                    from: from.to_string(),
                    to: to.to_string(),
                })
        };
        let start = resolve("start", &scenario.start)?;
        let mut nodes = Vec::with_capacity(scenario.nodes.len());
        let mut touched = NeedMap::default();
        for (id, node) in &scenario.nodes {
            let compiled = match node {
                Node::Line {
                    choices,
                    next,
                    time,
                    ..
                } => {
                    let mut out = Vec::with_capacity(choices.len());
                    for c in choices {
                        let mut needs = NeedMap::default();
                        for (&need, &v) in &c.needs {
                            needs[need] = v;
                            if v != 0 {
                                touched[need] = true;
                            }
                        }
                        out.push(CChoice {
                            needs,
                            mood: c.mood,
                            time: c.time,
                            sets: c.sets.iter().map(|f| flags.bit(f)).collect(),
                            clears: c.clears.iter().map(|f| flags.bit(f)).collect(),
                            requires: c
                                .requires
                                .as_ref()
                                .map(|r| compile_cond(r, &ids, &mut flags, id))
                                .transpose()?,
                            shows_locked: c.locked.is_some(),
                            next: resolve(id, &c.next)?,
                        });
                    }
                    CNode::Line {
                        choices: out,
                        next: next.as_deref().map(|n| resolve(id, n)).transpose()?,
                        time: *time,
                    }
                }
                Node::Branch { cases, otherwise } => CNode::Branch {
                    cases: cases
                        .iter()
                        .map(|c| {
                            Ok((
                                compile_cond(&c.when, &ids, &mut flags, id)?,
                                resolve(id, &c.next)?,
                            ))
                        })
                        .collect::<Result<_, EngineError>>()?,
                    otherwise: resolve(id, otherwise)?,
                },
                Node::Random { options } => CNode::Random {
                    options: options
                        .iter()
                        .map(|o| Ok((o.weight.max(0) as u32, resolve(id, &o.next)?)))
                        .collect::<Result<_, EngineError>>()?,
                },
                Node::End { outcome, .. } => CNode::End { outcome: *outcome },
            };
            nodes.push(compiled);
        }
        let step_cap = MIN_STEP_CAP.max((nodes.len() as u32).saturating_mul(4));
        Ok(CompiledScenario {
            scenario: scenario.clone(),
            nodes,
            start,
            flag_names: flags.names,
            step_cap,
            touched,
        })
    }

    /// Index of the node with this id.
    pub fn node_index(&self, id: &str) -> Option<usize> {
        self.scenario.nodes.get_index_of(id)
    }

    /// Id of the node at this index.
    pub fn node_id(&self, index: usize) -> &str {
        self.scenario
            .nodes
            .get_index(index)
            .map_or("", |(k, _)| k.as_str())
    }

    /// The source node at this index.
    pub fn source_node(&self, index: usize) -> Option<&Node> {
        self.scenario.nodes.get_index(index).map(|(_, n)| n)
    }

    /// The source choice `choice` of the line at `node`.
    pub fn source_choice(&self, node: usize, choice: usize) -> Option<&crate::scenario::Choice> {
        match self.source_node(node)? {
            Node::Line { choices, .. } => choices.get(choice),
            _ => None,
        }
    }

    /// Needs touched by at least one choice, in [`Need::ALL`] order.
    pub fn assessed_needs(&self) -> impl Iterator<Item = Need> + '_ {
        Need::ALL.into_iter().filter(|n| self.touched[*n])
    }
}

/// Flag names to bit indices, assigned in order of first mention.
#[derive(Default)]
struct FlagTable {
    names: Vec<String>,
    index: HashMap<String, usize>,
}

impl FlagTable {
    fn bit(&mut self, name: &str) -> usize {
        if let Some(&i) = self.index.get(name) {
            return i;
        }
        let i = self.names.len();
        self.names.push(name.to_string());
        self.index.insert(name.to_string(), i);
        i
    }
}

fn compile_cond(
    cond: &Condition,
    ids: &HashMap<&str, usize>,
    flags: &mut FlagTable,
    from: &str,
) -> Result<Cond, EngineError> {
    Ok(match cond {
        Condition::Flag(f) => Cond::Flag(flags.bit(f)),
        Condition::Not(c) => Cond::Not(Box::new(compile_cond(c, ids, flags, from)?)),
        Condition::All(cs) => Cond::All(
            cs.iter()
                .map(|c| compile_cond(c, ids, flags, from))
                .collect::<Result<_, _>>()?,
        ),
        Condition::Any(cs) => Cond::Any(
            cs.iter()
                .map(|c| compile_cond(c, ids, flags, from))
                .collect::<Result<_, _>>()?,
        ),
        Condition::Visited(n) => match ids.get(n.as_str()) {
            Some(&i) => Cond::Visited(i),
            None => {
                return Err(EngineError::UnknownNode {
                    from: from.to_string(),
                    to: n.clone(),
                });
            }
        },
        Condition::MoodAtLeast(m) => Cond::MoodAtLeast(*m),
        Condition::MoodBelow(m) => Cond::MoodBelow(*m),
        Condition::TimeAtLeast(t) => Cond::TimeAtLeast(*t),
    })
}
