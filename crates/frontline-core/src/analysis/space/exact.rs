//! The exact search: every distinct state the engine can be in, moved
//! between with the engine's own step rules ([`crate::engine::step`]) over a
//! compact state ([`Probe`]).

use super::{Action, Builder, Key, STATE_CAP, Space};
use crate::engine::step::{self, Arrival, StepState};
use crate::engine::{CNode, CompiledScenario, Cond, CondState};
use crate::scenario::Outcome;

/// Which flags and visits matter, and the mood/time resolution.
pub(super) struct Layout {
    flag_pos: Vec<Option<u8>>,
    visit_pos: Vec<Option<u8>>,
    track_mood: bool,
    time_cap: u32,
}

impl Layout {
    /// `None` when more than 128 bits would be needed.
    pub(super) fn new(c: &CompiledScenario) -> Option<Layout> {
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

/// A [`Key`] the step rules can read and change: it keeps only what some
/// condition or the patience check can tell apart (the [`Layout`]).
#[derive(Clone, Copy)]
struct Probe<'a> {
    key: Key,
    layout: &'a Layout,
}

impl Probe<'_> {
    fn bit(&self, pos: Option<&Option<u8>>) -> bool {
        pos.copied()
            .flatten()
            .is_some_and(|p| self.key.bits & (1 << p) != 0)
    }

    fn put_bit(&mut self, pos: Option<&Option<u8>>, on: bool) {
        if let Some(Some(p)) = pos {
            if on {
                self.key.bits |= 1 << p;
            } else {
                self.key.bits &= !(1 << p);
            }
        }
    }

    /// The state entered at `node` after leaving this one.
    fn entering(self, node: usize) -> Key {
        Key {
            node: node as u32,
            ..self.key
        }
    }
}

impl CondState for Probe<'_> {
    fn flag(&self, bit: usize) -> bool {
        self.bit(self.layout.flag_pos.get(bit))
    }
    fn visited(&self, node: usize) -> bool {
        self.bit(self.layout.visit_pos.get(node))
    }
    fn mood(&self) -> i32 {
        i32::from(self.key.mood)
    }
    fn elapsed(&self) -> u32 {
        self.key.time
    }
}

impl StepState for Probe<'_> {
    fn node(&self) -> usize {
        self.key.node as usize
    }
    fn set_node(&mut self, node: usize) {
        self.key.node = node as u32;
    }
    fn set_mood(&mut self, mood: i32) {
        if self.layout.track_mood {
            self.key.mood = mood.clamp(0, 100) as u8;
        }
    }
    fn set_elapsed(&mut self, seconds: u32) {
        self.key.time = seconds.min(self.layout.time_cap);
    }
    fn put_flag(&mut self, bit: usize, on: bool) {
        self.put_bit(self.layout.flag_pos.get(bit), on);
    }
    fn mark_left(&mut self, node: usize) {
        self.put_bit(self.layout.visit_pos.get(node), true);
    }
}

/// Explores every state reachable from the start; `None` past `state_cap`
/// states (at most [`STATE_CAP`]).
pub(super) fn explore(c: &CompiledScenario, layout: &Layout, state_cap: usize) -> Option<Space> {
    let state_cap = state_cap.min(STATE_CAP);
    let start_mood = c.scenario.customer.mood.clamp(0, 100) as u8;
    let start = Key {
        node: c.start as u32,
        mood: if layout.track_mood { start_mood } else { 0 },
        time: 0,
        bits: 0,
    };
    let mut b = Builder::new(false, start);
    while let Some(key) = b.next_state() {
        if b.space.keys.len() > state_cap {
            return None;
        }
        let mut here = Probe { key, layout };
        let terminal = match step::arrive(c, &mut here, key.node as usize) {
            Arrival::WalkOut => Some((Outcome::Lost, true)),
            Arrival::End(outcome) => Some((outcome, false)),
            Arrival::Line => {
                line_edges(c, &mut b, here);
                None
            }
            Arrival::Follow(next) => {
                step::leave(&mut here);
                b.edge(here.entering(next), Action::Branch);
                None
            }
            Arrival::Draw(options) => {
                step::leave(&mut here);
                for (option, to) in step::drawable(options) {
                    b.edge(here.entering(to), Action::Random(option as u32));
                }
                None
            }
        };
        b.close(terminal);
    }
    Some(b.space)
}

/// Edges out of a line: every available choice, or "continue".
fn line_edges(c: &CompiledScenario, b: &mut Builder, here: Probe<'_>) {
    if let CNode::Line { choices, .. } = &c.nodes[here.key.node as usize] {
        for (i, choice) in choices.iter().enumerate() {
            if step::is_available(choice, &here) {
                let mut after = here;
                let next = step::take_choice(choice, &mut after);
                b.edge(after.entering(next), Action::Choose(i as u32));
            }
        }
    }
    if let Some(next) = step::continuation(c, &here) {
        let mut after = here;
        step::leave(&mut after);
        b.edge(after.entering(next), Action::Continue);
    }
}
