//! The encounter's state space: every distinct situation the engine can be in
//! that can change what happens next, explored breadth-first from the start.
//!
//! A state is (node, the flags conditions test, "left at least once" for the
//! nodes `Visited` tests, exact mood if any condition tests mood, elapsed
//! seconds capped at the largest threshold that matters). Mood is tracked
//! exactly rather than bucketed because clamped additions do not commute with
//! bucketing; it has only 101 values. When the space exceeds the cap, or more
//! than 128 flags/visits matter, a *relaxed* space (node only, every condition
//! may go either way, the customer may walk out anywhere) is used instead: its
//! best/worst are sound bounds.

use crate::engine::{CNode, CompiledScenario, Cond, CondState};
use crate::scenario::Outcome;
use std::collections::HashMap;

/// Most states explored exactly before falling back to the relaxed space.
pub const STATE_CAP: usize = 400_000;

/// One situation of the encounter, as entered (before the patience check).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Key {
    /// Node index.
    pub node: u32,
    /// Mood, or 0 when no condition tests mood.
    pub mood: u8,
    /// Elapsed seconds, capped at the largest threshold that matters.
    pub time: u32,
    /// Relevant flags and visited nodes.
    pub bits: u128,
}

/// What the player (or chance) does to leave a state.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// Pick the choice with this file index.
    Choose(u32),
    /// Continue a line without choices.
    Continue,
    /// A branch case (or `otherwise`) is followed.
    Branch,
    /// A random option is drawn.
    Random,
    /// (Relaxed space only) the customer walks out.
    WalkOut,
}

/// A transition.
#[derive(Clone, Copy, Debug)]
pub struct Edge {
    /// Target state.
    pub to: u32,
    /// What causes it.
    pub action: Action,
}

/// An explored state space with edges in compressed rows.
#[derive(Debug)]
pub struct Space {
    /// States in discovery (BFS) order; state 0 is the start.
    pub keys: Vec<Key>,
    /// `edges[offsets[s]..offsets[s + 1]]` leave state `s`.
    pub offsets: Vec<u32>,
    /// All edges.
    pub edges: Vec<Edge>,
    /// Endings: outcome and whether it is a walk-out.
    pub terminal: Vec<Option<(Outcome, bool)>>,
    /// Breadth-first parent (state, edge index) for witness paths.
    pub parent: Vec<Option<(u32, u32)>>,
    /// True when this is the relaxed (node-only) space.
    pub relaxed: bool,
}

impl Space {
    /// Edges leaving `s`.
    pub fn out(&self, s: usize) -> &[Edge] {
        &self.edges[self.offsets[s] as usize..self.offsets[s + 1] as usize]
    }

    /// Number of states.
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    /// True when there are no states (never: the start always exists).
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }
}

/// Which flags and visits matter, and the mood/time resolution.
struct Layout {
    flag_pos: Vec<Option<u8>>,
    visit_pos: Vec<Option<u8>>,
    track_mood: bool,
    time_cap: u32,
}

impl Layout {
    /// `None` when more than 128 bits would be needed.
    fn new(c: &CompiledScenario) -> Option<Layout> {
        let mut flag_pos = vec![None; c.flag_names.len()];
        let mut visit_pos = vec![None; c.nodes.len()];
        let mut next = 0usize;
        let mut track_mood = false;
        let mut time_cap = c.scenario.customer.patience;
        let mut overflow = false;
        let mut note = |cond: &Cond| match cond {
            Cond::Flag(b) if flag_pos[*b].is_none() => {
                flag_pos[*b] = u8::try_from(next).ok().filter(|_| next < 128);
                overflow |= flag_pos[*b].is_none();
                next += 1;
            }
            Cond::Visited(n) if visit_pos[*n].is_none() => {
                visit_pos[*n] = u8::try_from(next).ok().filter(|_| next < 128);
                overflow |= visit_pos[*n].is_none();
                next += 1;
            }
            Cond::MoodAtLeast(_) | Cond::MoodBelow(_) => track_mood = true,
            Cond::TimeAtLeast(t) => time_cap = time_cap.max(*t),
            _ => {}
        };
        for_each_cond(c, |cond| cond.walk(&mut note));
        (!overflow).then_some(Layout {
            flag_pos,
            visit_pos,
            track_mood,
            time_cap,
        })
    }
}

/// Calls `f` on every top-level condition of the scenario.
pub fn for_each_cond(c: &CompiledScenario, mut f: impl FnMut(&Cond)) {
    for node in &c.nodes {
        match node {
            CNode::Line { choices, .. } => choices
                .iter()
                .filter_map(|ch| ch.requires.as_ref())
                .for_each(&mut f),
            CNode::Branch { cases, .. } => cases.iter().for_each(|(cond, _)| f(cond)),
            _ => {}
        }
    }
}

struct At<'a> {
    key: Key,
    layout: &'a Layout,
}

impl CondState for At<'_> {
    fn flag(&self, bit: usize) -> bool {
        self.layout
            .flag_pos
            .get(bit)
            .copied()
            .flatten()
            .is_some_and(|p| self.key.bits & (1 << p) != 0)
    }
    fn visited(&self, node: usize) -> bool {
        self.layout
            .visit_pos
            .get(node)
            .copied()
            .flatten()
            .is_some_and(|p| self.key.bits & (1 << p) != 0)
    }
    fn mood(&self) -> i32 {
        i32::from(self.key.mood)
    }
    fn elapsed(&self) -> u32 {
        self.key.time
    }
}

/// Explores the exact space, or the relaxed one (with a reason) when too large.
pub fn explore(c: &CompiledScenario) -> (Space, Option<String>) {
    match Layout::new(c) {
        None => (
            explore_with(c, None).expect("relaxed space is bounded by the node count"),
            Some("more than 128 flags and visited-tests matter: bounds are from the relaxed graph (sound, maybe not tight)".into()),
        ),
        Some(layout) => match explore_with(c, Some(&layout)) {
            Some(space) => (space, None),
            None => (
                explore_with(c, None).expect("relaxed space is bounded by the node count"),
                Some(format!(
                    "more than {STATE_CAP} distinct states: bounds are from the relaxed graph (sound, maybe not tight)"
                )),
            ),
        },
    }
}

fn explore_with(c: &CompiledScenario, layout: Option<&Layout>) -> Option<Space> {
    let relaxed = layout.is_none();
    let patience = c.scenario.customer.patience;
    let start_mood = c.scenario.customer.mood.clamp(0, 100) as u8;
    let mut space = Space {
        keys: Vec::new(),
        offsets: vec![0],
        edges: Vec::new(),
        terminal: Vec::new(),
        parent: Vec::new(),
        relaxed,
    };
    let mut ids: HashMap<Key, u32> = HashMap::new();
    let start = Key {
        node: c.start as u32,
        mood: layout.filter(|l| l.track_mood).map_or(0, |_| start_mood),
        time: 0,
        bits: 0,
    };
    // In the relaxed space a virtual walk-out ending is state 1.
    let intern = |key: Key, space: &mut Space, ids: &mut HashMap<Key, u32>, parent| {
        *ids.entry(key).or_insert_with(|| {
            space.keys.push(key);
            space.parent.push(parent);
            (space.keys.len() - 1) as u32
        })
    };
    intern(start, &mut space, &mut ids, None);
    let walkout = (relaxed && patience > 0).then(|| {
        intern(
            Key {
                node: u32::MAX,
                mood: 0,
                time: 0,
                bits: 0,
            },
            &mut space,
            &mut ids,
            Some((0, 0)),
        )
    });
    let mut s = 0usize;
    while s < space.keys.len() {
        if space.keys.len() > STATE_CAP {
            return None;
        }
        let key = space.keys[s];
        let mut term = None;
        if Some(s as u32) == walkout || (!relaxed && patience > 0 && key.time >= patience) {
            term = Some((Outcome::Lost, true));
        } else {
            let mut push = |to: Key, action: Action, space: &mut Space| {
                let parent = Some((s as u32, space.edges.len() as u32 - space.offsets[s]));
                let to = intern(to, space, &mut ids, parent);
                space.edges.push(Edge { to, action });
            };
            if let Some(w) = walkout {
                space.edges.push(Edge {
                    to: w,
                    action: Action::WalkOut,
                });
            }
            match (&c.nodes[key.node as usize], layout) {
                (CNode::End { outcome }, _) => term = Some((*outcome, false)),
                (
                    CNode::Line {
                        choices,
                        next,
                        time,
                    },
                    Some(l),
                ) => {
                    let at = Key {
                        time: key.time.saturating_add(*time).min(l.time_cap),
                        ..key
                    };
                    let st = At { key: at, layout: l };
                    let mut any = false;
                    for (i, ch) in choices.iter().enumerate() {
                        if ch.requires.as_ref().is_none_or(|r| r.holds(&st)) {
                            any = true;
                            let mut bits = leave_bits(at.bits, key.node as usize, l);
                            for &b in &ch.sets {
                                if let Some(Some(p)) = l.flag_pos.get(b) {
                                    bits |= 1 << p;
                                }
                            }
                            for &b in &ch.clears {
                                if let Some(Some(p)) = l.flag_pos.get(b) {
                                    bits &= !(1 << p);
                                }
                            }
                            let mood = if l.track_mood {
                                (i32::from(at.mood) + ch.mood).clamp(0, 100) as u8
                            } else {
                                0
                            };
                            let time = at.time.saturating_add(ch.time).min(l.time_cap);
                            push(
                                Key {
                                    node: ch.next as u32,
                                    mood,
                                    time,
                                    bits,
                                },
                                Action::Choose(i as u32),
                                &mut space,
                            );
                        }
                    }
                    if let (false, Some(n)) = (any, next) {
                        let bits = leave_bits(at.bits, key.node as usize, l);
                        push(
                            Key {
                                node: *n as u32,
                                bits,
                                ..at
                            },
                            Action::Continue,
                            &mut space,
                        );
                    }
                }
                (CNode::Branch { cases, otherwise }, Some(l)) => {
                    let st = At { key, layout: l };
                    let to = cases
                        .iter()
                        .find(|(cond, _)| cond.holds(&st))
                        .map_or(*otherwise, |(_, n)| *n);
                    let bits = leave_bits(key.bits, key.node as usize, l);
                    push(
                        Key {
                            node: to as u32,
                            bits,
                            ..key
                        },
                        Action::Branch,
                        &mut space,
                    );
                }
                (CNode::Random { options }, Some(l)) => {
                    let bits = leave_bits(key.bits, key.node as usize, l);
                    for to in random_targets(options) {
                        push(
                            Key {
                                node: to as u32,
                                bits,
                                ..key
                            },
                            Action::Random,
                            &mut space,
                        );
                    }
                }
                (CNode::Line { choices, next, .. }, None) => {
                    for (i, ch) in choices.iter().enumerate() {
                        push(
                            Key {
                                node: ch.next as u32,
                                ..key
                            },
                            Action::Choose(i as u32),
                            &mut space,
                        );
                    }
                    if let Some(n) = next {
                        push(
                            Key {
                                node: *n as u32,
                                ..key
                            },
                            Action::Continue,
                            &mut space,
                        );
                    }
                }
                (CNode::Branch { cases, otherwise }, None) => {
                    for to in cases.iter().map(|(_, n)| *n).chain([*otherwise]) {
                        push(
                            Key {
                                node: to as u32,
                                ..key
                            },
                            Action::Branch,
                            &mut space,
                        );
                    }
                }
                (CNode::Random { options }, None) => {
                    for to in random_targets(options) {
                        push(
                            Key {
                                node: to as u32,
                                ..key
                            },
                            Action::Random,
                            &mut space,
                        );
                    }
                }
            }
        }
        if term.is_some() {
            space.edges.truncate(space.offsets[s] as usize);
        }
        space.terminal.push(term);
        space.offsets.push(space.edges.len() as u32);
        s += 1;
    }
    Some(space)
}

/// Targets a random node can actually draw (positive weight, or all when none is).
pub fn random_targets(options: &[(u32, usize)]) -> impl Iterator<Item = usize> + '_ {
    let any_positive = options.iter().any(|(w, _)| *w > 0);
    options
        .iter()
        .filter(move |(w, _)| !any_positive || *w > 0)
        .map(|(_, n)| *n)
}

fn leave_bits(bits: u128, node: usize, l: &Layout) -> u128 {
    match l.visit_pos.get(node) {
        Some(Some(p)) => bits | (1 << p),
        _ => bits,
    }
}
