//! The rules of one move, as pure functions over any [`StepState`].
//!
//! This is the only definition of how an encounter moves. [`Encounter`]
//! applies it to its full state (visit counts, every flag, exact time), and
//! the analysis applies it to a compact, hashable state (only the flags and
//! visits some condition tests, time capped where no rule can tell the
//! difference), so play and analysis cannot drift apart.
//!
//! A move is: [`arrive`] at a node (patience check, the line's time, a
//! branch resolved, a random node's options offered, an ending), then leave
//! it with [`take_choice`] or [`leave`] and [`arrive`] at the next node.
//!
//! [`Encounter`]: super::Encounter

use super::compiled::{CChoice, CNode, CompiledScenario};
use super::conditions::CondState;
use crate::scenario::Outcome;

/// What the step rules read and change. Conditions read it through
/// [`CondState`]; the setters store what the rules computed (a compact state
/// may drop what no rule looks at).
pub trait StepState: CondState {
    /// Index of the node the encounter is at.
    fn node(&self) -> usize;
    /// Moves to `node` (no rule applied).
    fn set_node(&mut self, node: usize);
    /// Stores the mood (already clamped to 0..=100 by the rules).
    fn set_mood(&mut self, mood: i32);
    /// Stores the seconds elapsed.
    fn set_elapsed(&mut self, seconds: u32);
    /// Raises (`true`) or lowers flag `bit`.
    fn put_flag(&mut self, bit: usize, on: bool);
    /// Records that `node` has been left once more (what `Visited` tests).
    fn mark_left(&mut self, node: usize);
}

/// What entering a node leads to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Arrival<'c> {
    /// A line: the player decides (the line's `time` has been added).
    Line,
    /// Patience ran out on entering: the customer walks out (outcome `Lost`).
    WalkOut,
    /// An `End` node.
    End(Outcome),
    /// A branch: the first case whose condition holds (or `otherwise`) leads here.
    Follow(usize),
    /// A random node: one of these `(weight, target)` options is drawn
    /// (see [`drawable`] for which ones can be).
    Draw(&'c [(u32, usize)]),
}

/// Enters `node`: sets it as current, ends the encounter if patience has run
/// out, adds a line's time, resolves a branch, or offers a random node's options.
pub fn arrive<'c>(c: &'c CompiledScenario, s: &mut impl StepState, node: usize) -> Arrival<'c> {
    s.set_node(node);
    let patience = c.scenario.customer.patience;
    if patience > 0 && s.elapsed() >= patience {
        return Arrival::WalkOut;
    }
    match &c.nodes[node] {
        CNode::Line { time, .. } => {
            s.set_elapsed(s.elapsed().saturating_add(*time));
            Arrival::Line
        }
        CNode::Branch { cases, otherwise } => Arrival::Follow(
            cases
                .iter()
                .find(|(cond, _)| cond.holds(s))
                .map_or(*otherwise, |(_, to)| *to),
        ),
        CNode::Random { options } => Arrival::Draw(options),
        CNode::End { outcome } => Arrival::End(*outcome),
    }
}

/// Whether the player may pick `choice` now (its `requires` holds).
pub fn is_available(choice: &CChoice, s: &impl CondState) -> bool {
    choice.requires.as_ref().is_none_or(|r| r.holds(s))
}

/// Applies `choice` (mood clamped to 0..=100, time, flags raised then
/// lowered), leaves the current node and returns the node to [`arrive`] at
/// next. Need effects are not state: the caller adds `choice.needs`.
pub fn take_choice(choice: &CChoice, s: &mut impl StepState) -> usize {
    s.set_mood(s.mood().saturating_add(choice.mood).clamp(0, 100));
    s.set_elapsed(s.elapsed().saturating_add(choice.time));
    choice.sets.iter().for_each(|&b| s.put_flag(b, true));
    choice.clears.iter().for_each(|&b| s.put_flag(b, false));
    leave(s);
    choice.next
}

/// Leaves the current node without a choice (continue, branch, random draw).
pub fn leave(s: &mut impl StepState) {
    s.mark_left(s.node());
}

/// The line's `next` when the player may continue: no choice is available.
pub fn continuation(c: &CompiledScenario, s: &impl StepState) -> Option<usize> {
    match &c.nodes[s.node()] {
        CNode::Line { choices, next, .. } if !choices.iter().any(|ch| is_available(ch, s)) => *next,
        _ => None,
    }
}

/// The options of a random node that can be drawn, as `(option index, target)`:
/// those with a positive weight, or all of them when no weight is positive.
pub fn drawable(options: &[(u32, usize)]) -> impl Iterator<Item = (usize, usize)> + '_ {
    let any_positive = options.iter().any(|(w, _)| *w > 0);
    options
        .iter()
        .enumerate()
        .filter(move |(_, (w, _))| !any_positive || *w > 0)
        .map(|(i, (_, to))| (i, *to))
}
