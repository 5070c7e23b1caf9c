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
//!
//! The exact search ([`exact`]) moves between states with the engine's own
//! step rules ([`crate::engine::step`]); the relaxed search ([`relaxed`])
//! follows every edge of the node graph.

mod exact;
mod relaxed;

pub use exact::for_each_cond;

use crate::engine::CompiledScenario;
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
    /// The random option with this index is drawn.
    Random(u32),
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

/// Explores the exact space, or the relaxed one (with a reason) when it has
/// more than `state_cap` states.
pub fn explore(c: &CompiledScenario, state_cap: usize) -> (Space, Option<String>) {
    let Some(layout) = exact::Layout::new(c) else {
        return (
            relaxed::explore(c),
            Some("more than 128 flags and visited-tests matter: bounds are from the relaxed graph (sound, maybe not tight)".into()),
        );
    };
    match exact::explore(c, &layout, state_cap) {
        Some(space) => (space, None),
        None => (
            relaxed::explore(c),
            Some(format!(
                "more than {state_cap} distinct states: bounds are from the relaxed graph (sound, maybe not tight)"
            )),
        ),
    }
}

/// Builds a [`Space`] breadth-first: interns states, records each state's
/// edges and whether it is an ending. Shared by both searches.
struct Builder {
    space: Space,
    ids: HashMap<Key, u32>,
    /// The state whose edges are being recorded.
    current: usize,
}

impl Builder {
    fn new(relaxed: bool, start: Key) -> Builder {
        let mut b = Builder {
            space: Space {
                keys: Vec::new(),
                offsets: vec![0],
                edges: Vec::new(),
                terminal: Vec::new(),
                parent: Vec::new(),
                relaxed,
            },
            ids: HashMap::new(),
            current: 0,
        };
        b.intern(start, None);
        b
    }

    /// The id of `key`, adding it (with its breadth-first parent) when new.
    fn intern(&mut self, key: Key, parent: Option<(u32, u32)>) -> u32 {
        let space = &mut self.space;
        *self.ids.entry(key).or_insert_with(|| {
            space.keys.push(key);
            space.parent.push(parent);
            (space.keys.len() - 1) as u32
        })
    }

    /// The next state to expand, if any is left.
    fn next_state(&self) -> Option<Key> {
        self.space.keys.get(self.current).copied()
    }

    /// Records an edge from the current state to the state `to`.
    fn edge(&mut self, to: Key, action: Action) {
        let s = self.current;
        let parent = Some((
            s as u32,
            self.space.edges.len() as u32 - self.space.offsets[s],
        ));
        let to = self.intern(to, parent);
        self.space.edges.push(Edge { to, action });
    }

    /// Finishes the current state: an ending keeps no edges.
    fn close(&mut self, terminal: Option<(Outcome, bool)>) {
        if terminal.is_some() {
            self.space
                .edges
                .truncate(self.space.offsets[self.current] as usize);
        }
        self.space.terminal.push(terminal);
        self.space.offsets.push(self.space.edges.len() as u32);
        self.current += 1;
    }
}
