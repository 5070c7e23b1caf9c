//! [`Encounter`]: one play of a scenario, step by step.

use super::EngineError;
use super::compiled::{CNode, CompiledScenario};
use super::conditions::{CondState, FlagSet};
use super::rng;
use super::step::{self, Arrival, StepState};
use super::transcript::{ChoiceRecord, Decision, Step, Transcript};
use crate::needs::NeedMap;
use crate::scenario::placeholders::{self, Fill};
use crate::scenario::{Outcome, Person, Pronouns, Scenario};
use rand_chacha::ChaCha8Rng;
use std::collections::BTreeMap;
use std::sync::Arc;

/// Random draws fixed in advance: random node id → 0-based option index.
/// Every time the encounter enters that node it takes that option instead of
/// drawing (scenario self-tests use it to test each branch of a `Random`).
pub type ForcedDraws = BTreeMap<String, usize>;

/// The mutable part of an encounter that conditions look at.
#[derive(Clone, Debug)]
pub(crate) struct State {
    pub(crate) node: usize,
    pub(crate) mood: i32,
    pub(crate) elapsed: u32,
    pub(crate) flags: FlagSet,
    /// Times each node has been left.
    pub(crate) visits: Vec<u32>,
    pub(crate) raw: NeedMap<i32>,
    pub(crate) steps: u32,
}

impl CondState for State {
    fn flag(&self, bit: usize) -> bool {
        self.flags.get(bit)
    }
    fn visited(&self, node: usize) -> bool {
        self.visits.get(node).is_some_and(|&v| v > 0)
    }
    fn mood(&self) -> i32 {
        self.mood
    }
    fn elapsed(&self) -> u32 {
        self.elapsed
    }
}

impl StepState for State {
    fn node(&self) -> usize {
        self.node
    }
    fn set_node(&mut self, node: usize) {
        self.node = node;
    }
    fn set_mood(&mut self, mood: i32) {
        self.mood = mood;
    }
    fn set_elapsed(&mut self, seconds: u32) {
        self.elapsed = seconds;
    }
    fn put_flag(&mut self, bit: usize, on: bool) {
        self.flags.put(bit, on);
    }
    fn mark_left(&mut self, node: usize) {
        if let Some(v) = self.visits.get_mut(node) {
            *v = v.saturating_add(1);
        }
    }
}

/// Where an encounter stands.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Status {
    /// At a line, waiting for the player.
    Waiting,
    /// Reached an ending.
    Finished(Outcome),
    /// Stopped by an error (step cap).
    Aborted(EngineError),
}

/// One play of a scenario. Cheap to create from a shared [`CompiledScenario`].
#[derive(Clone, Debug)]
pub struct Encounter {
    pub(crate) compiled: Arc<CompiledScenario>,
    rng: ChaCha8Rng,
    pub(crate) state: State,
    /// Display order of the current line's choices (file indices).
    pub(crate) order: Vec<usize>,
    pub(crate) transcript: Transcript,
    pub(crate) status: Status,
    /// The customer picked for this play: name, pronouns, look.
    pub(crate) person: Person,
    /// Forced draws as (random node index, option index).
    forced: Vec<(usize, usize)>,
}

impl Encounter {
    /// Compiles `scenario` and starts an encounter with `seed`.
    /// Prefer [`Encounter::start`] when playing the same scenario many times.
    pub fn new(scenario: &Scenario, seed: u64) -> Result<Encounter, EngineError> {
        Ok(Self::start(
            Arc::new(CompiledScenario::new(scenario)?),
            seed,
        ))
    }

    /// Starts an encounter of an already compiled scenario with `seed`;
    /// `{me}` becomes [`DEFAULT_PLAYER_NAME`](super::DEFAULT_PLAYER_NAME).
    pub fn start(compiled: Arc<CompiledScenario>, seed: u64) -> Encounter {
        Self::start_as(compiled, seed, super::DEFAULT_PLAYER_NAME)
    }

    /// Starts an encounter with `seed` played by `player_name`, which fills `{me}`.
    pub fn start_as(compiled: Arc<CompiledScenario>, seed: u64, player_name: &str) -> Encounter {
        Self::begin(compiled, seed, player_name, ForcedDraws::new(), Vec::new())
    }

    /// Starts an encounter whose random nodes in `forced` always take the
    /// given option (recorded in the transcript, so replays do the same).
    /// Fails when a node does not exist, is not a `Random` node, or the
    /// option cannot be drawn (no such option, or weight 0 beside positive ones).
    pub fn start_forced(
        compiled: Arc<CompiledScenario>,
        seed: u64,
        forced: &ForcedDraws,
    ) -> Result<Encounter, EngineError> {
        Self::start_forced_as(compiled, seed, forced, super::DEFAULT_PLAYER_NAME)
    }

    /// [`Encounter::start_forced`] played by `player_name`, which fills `{me}`.
    pub fn start_forced_as(
        compiled: Arc<CompiledScenario>,
        seed: u64,
        forced: &ForcedDraws,
        player_name: &str,
    ) -> Result<Encounter, EngineError> {
        let mut resolved = Vec::with_capacity(forced.len());
        for (id, &option) in forced {
            let Some(node) = compiled.node_index(id) else {
                return Err(EngineError::UnknownNode {
                    from: "forced draw".into(),
                    to: id.clone(),
                });
            };
            let CNode::Random { options } = &compiled.nodes[node] else {
                return Err(EngineError::ForcedDraw {
                    node: id.clone(),
                    why: "it is not a Random node".into(),
                });
            };
            if !step::drawable(options).any(|(i, _)| i == option) {
                return Err(EngineError::ForcedDraw {
                    node: id.clone(),
                    why: format!(
                        "it has no option {} that can be drawn (it has {}; weight 0 beside positive weights is never drawn)",
                        option + 1,
                        options.len()
                    ),
                });
            }
            resolved.push((node, option));
        }
        Ok(Self::begin(
            compiled,
            seed,
            player_name,
            forced.clone(),
            resolved,
        ))
    }

    fn begin(
        compiled: Arc<CompiledScenario>,
        seed: u64,
        player_name: &str,
        forced_ids: ForcedDraws,
        forced: Vec<(usize, usize)>,
    ) -> Encounter {
        let mut rng = rng::seeded(seed);
        let customer = &compiled.scenario.customer;
        let people = customer.people();
        let person = rng::pick(&mut rng, people.len()).map_or_else(
            || Person {
                name: "the customer".into(),
                pronouns: Pronouns::They,
                look: customer.look.clone(),
            },
            |i| people[i].clone(),
        );
        let state = State {
            node: compiled.start,
            mood: customer.mood.clamp(0, 100),
            elapsed: 0,
            flags: FlagSet::with_capacity(compiled.flag_names.len()),
            visits: vec![0; compiled.nodes.len()],
            raw: NeedMap::default(),
            steps: 0,
        };
        let transcript = Transcript {
            scenario_id: compiled.scenario.id.clone(),
            seed,
            customer_name: person.name.clone(),
            pronouns: person.pronouns,
            player_name: player_name.to_string(),
            forced: forced_ids,
            ..Transcript::default()
        };
        let start = compiled.start;
        let mut enc = Encounter {
            compiled,
            rng,
            state,
            order: Vec::new(),
            transcript,
            status: Status::Waiting,
            person,
            forced,
        };
        enc.enter(start, false);
        enc
    }

    /// Replays `transcript`'s decisions with its seed: the same scenario gives
    /// the same transcript back. Fails at the first decision that no longer fits.
    pub fn replay(
        compiled: Arc<CompiledScenario>,
        transcript: &Transcript,
    ) -> Result<Encounter, EngineError> {
        let mut enc = Encounter::start_forced_as(
            compiled,
            transcript.seed,
            &transcript.forced,
            &transcript.player_name,
        )?;
        for step in &transcript.steps {
            enc.apply_step(step)?;
        }
        Ok(enc)
    }

    /// Rebuilds an encounter on a (possibly edited, hot-reloaded) scenario:
    /// replays as many of `transcript`'s decisions as still fit, then, if the
    /// player was at a node that still exists but the replay ended elsewhere,
    /// jumps there keeping the replayed mood, time, flags and scores.
    /// Returns the encounter and whether the replay was exact.
    pub fn resume(compiled: Arc<CompiledScenario>, transcript: &Transcript) -> (Encounter, bool) {
        let (mut enc, mut exact) = match Encounter::start_forced_as(
            Arc::clone(&compiled),
            transcript.seed,
            &transcript.forced,
            &transcript.player_name,
        ) {
            Ok(enc) => (enc, true),
            // A forced node vanished in the edit: play on with real draws.
            Err(_) => (
                Encounter::start_as(compiled, transcript.seed, &transcript.player_name),
                false,
            ),
        };
        for step in &transcript.steps {
            if enc.apply_step(step).is_err() {
                exact = false;
                break;
            }
        }
        let target = transcript.current_node();
        if let Some(target) = target
            && enc.current_node() != target
        {
            exact = false;
            if enc.compiled.node_index(target).is_some() {
                let _ = enc.jump_to(target);
            }
        }
        (enc, exact)
    }

    fn apply_step(&mut self, step: &Step) -> Result<(), EngineError> {
        if step.jumped {
            self.jump_to(&step.node)?;
        }
        match &step.decision {
            Some(Decision::Chose(c)) => self.choose(c.index),
            Some(Decision::Continued) => self.advance(),
            None => Ok(()),
        }
    }

    /// The compiled scenario being played.
    pub fn scenario(&self) -> &Arc<CompiledScenario> {
        &self.compiled
    }

    /// Id of the current node.
    pub fn current_node(&self) -> &str {
        self.compiled.node_id(self.state.node)
    }

    /// Current mood, 0..=100.
    pub fn mood(&self) -> i32 {
        self.state.mood
    }

    /// Seconds elapsed.
    pub fn elapsed(&self) -> u32 {
        self.state.elapsed
    }

    /// Seconds of patience left; `None` when the customer's patience is unlimited.
    pub fn patience_left(&self) -> Option<u32> {
        match self.compiled.scenario.customer.patience {
            0 => None,
            p => Some(p.saturating_sub(self.state.elapsed)),
        }
    }

    /// Raw per-need sums so far.
    pub fn raw(&self) -> NeedMap<i32> {
        self.state.raw
    }

    /// The outcome once the encounter has ended.
    pub fn outcome(&self) -> Option<Outcome> {
        match self.status {
            Status::Finished(o) => Some(o),
            _ => None,
        }
    }

    /// True once ended (finished or aborted).
    pub fn is_over(&self) -> bool {
        self.status != Status::Waiting
    }

    /// The error that aborted the encounter, if any.
    pub fn error(&self) -> Option<&EngineError> {
        match &self.status {
            Status::Aborted(e) => Some(e),
            _ => None,
        }
    }

    /// The record so far.
    pub fn transcript(&self) -> &Transcript {
        &self.transcript
    }

    /// Consumes the encounter, returning its record.
    pub fn into_transcript(self) -> Transcript {
        self.transcript
    }

    /// File indices of the choices the player may pick now, in display order.
    pub fn available_choices(&self) -> impl Iterator<Item = usize> + '_ {
        let choices = match (&self.status, &self.compiled.nodes[self.state.node]) {
            (Status::Waiting, CNode::Line { choices, .. }) => choices.as_slice(),
            _ => &[],
        };
        self.order
            .iter()
            .copied()
            .filter(move |&i| step::is_available(&choices[i], &self.state))
    }

    /// True at a line the player moves on from with "continue": it has a
    /// `next` and no choice is available.
    pub fn can_continue(&self) -> bool {
        matches!(
            (&self.status, &self.compiled.nodes[self.state.node]),
            (Status::Waiting, CNode::Line { next: Some(_), .. })
        ) && self.available_choices().next().is_none()
    }

    /// True when the encounter cannot move: not over, no available choice, no `next`.
    pub fn is_stuck(&self) -> bool {
        self.status == Status::Waiting
            && !self.can_continue()
            && self.available_choices().next().is_none()
    }

    /// Picks the choice at 0-based `file_index` of the current line's `choices`
    /// (file order, not display order).
    pub fn choose(&mut self, file_index: usize) -> Result<(), EngineError> {
        self.check_waiting()?;
        let compiled = Arc::clone(&self.compiled);
        let node = self.state.node;
        let CNode::Line { choices, .. } = &compiled.nodes[node] else {
            return Err(EngineError::NotAtLine);
        };
        let Some(choice) = choices.get(file_index) else {
            return Err(EngineError::NoSuchChoice {
                node: self.current_node().to_string(),
                index: file_index,
            });
        };
        if !step::is_available(choice, &self.state) {
            return Err(EngineError::ChoiceUnavailable {
                node: self.current_node().to_string(),
                index: file_index,
            });
        }
        let s = &mut self.state;
        for (need, v) in choice.needs.iter() {
            s.raw[need] = s.raw[need].saturating_add(*v);
        }
        let next = step::take_choice(choice, s);
        self.transcript.raw = s.raw;
        let source = compiled.source_choice(node, file_index);
        let record = ChoiceRecord {
            index: file_index,
            text: self.fill_placeholders(source.map_or("", |c| &c.text)),
            needs: choice.needs,
            mood: choice.mood,
            time: choice.time,
            why: self.fill_placeholders(source.map_or("", |c| &c.why)),
        };
        self.record_decision(Decision::Chose(record));
        self.enter(next, false);
        Ok(())
    }

    /// Moves on from a line without (available) choices.
    pub fn advance(&mut self) -> Result<(), EngineError> {
        self.check_waiting()?;
        if !self.can_continue() {
            return Err(EngineError::CannotContinue {
                node: self.current_node().to_string(),
            });
        }
        let Some(next) = step::continuation(&self.compiled, &self.state) else {
            return Err(EngineError::NotAtLine);
        };
        self.record_decision(Decision::Continued);
        step::leave(&mut self.state);
        self.enter(next, false);
        Ok(())
    }

    /// Moves to node `id` keeping mood, time, flags and scores (the current
    /// node counts as left). Used to keep the player in place after a hot reload.
    pub fn jump_to(&mut self, id: &str) -> Result<(), EngineError> {
        let Some(target) = self.compiled.node_index(id) else {
            return Err(EngineError::UnknownNode {
                from: "jump".into(),
                to: id.to_string(),
            });
        };
        if let Status::Aborted(e) = &self.status {
            return Err(e.clone());
        }
        self.status = Status::Waiting;
        self.transcript.outcome = None;
        self.transcript.walked_out = false;
        step::leave(&mut self.state);
        self.enter(target, true);
        Ok(())
    }

    fn check_waiting(&self) -> Result<(), EngineError> {
        match &self.status {
            Status::Waiting => Ok(()),
            Status::Finished(_) => Err(EngineError::Finished),
            Status::Aborted(e) => Err(e.clone()),
        }
    }

    fn record_decision(&mut self, decision: Decision) {
        if let Some(step) = self.transcript.steps.last_mut() {
            step.decision = Some(decision);
            step.mood = self.state.mood;
            step.elapsed = self.state.elapsed;
        }
    }

    /// `text` with this play's name, player name and pronouns filled in.
    pub(crate) fn fill_placeholders(&self, text: &str) -> String {
        placeholders::fill(text, &self.placeholder_values())
    }

    /// What the placeholders stand for in this play.
    pub fn placeholder_values(&self) -> Fill<'_> {
        Fill {
            name: &self.transcript.customer_name,
            me: &self.transcript.player_name,
            pronouns: self.person.pronouns,
        }
    }

    /// The customer picked for this play: name, pronouns and look.
    pub fn person(&self) -> &Person {
        &self.person
    }

    /// Enters `node` and follows the step rules through branches and random
    /// nodes until a line, an ending, a walk-out or the step cap.
    fn enter(&mut self, mut node: usize, mut jumped: bool) {
        let compiled = Arc::clone(&self.compiled);
        loop {
            self.state.steps += 1;
            if self.state.steps > compiled.step_cap {
                let err = EngineError::StepCap {
                    cap: compiled.step_cap,
                    node: compiled.node_id(node).to_string(),
                };
                self.transcript.error = Some(err.to_string());
                self.status = Status::Aborted(err);
                return;
            }
            self.transcript.steps.push(Step {
                node: compiled.node_id(node).to_string(),
                jumped,
                decision: None,
                mood: self.state.mood,
                elapsed: self.state.elapsed,
            });
            jumped = false;
            node = match step::arrive(&compiled, &mut self.state, node) {
                Arrival::WalkOut => return self.finish(Outcome::Lost, true),
                Arrival::End(outcome) => return self.finish(outcome, false),
                Arrival::Line => {
                    if let Some(step) = self.transcript.steps.last_mut() {
                        step.elapsed = self.state.elapsed;
                    }
                    let CNode::Line { choices, .. } = &compiled.nodes[node] else {
                        return;
                    };
                    self.order.clear();
                    self.order.extend(0..choices.len());
                    if !compiled.scenario.pin_choice_order {
                        rng::shuffle(&mut self.rng, &mut self.order);
                    }
                    return;
                }
                Arrival::Follow(next) => next,
                Arrival::Draw(options) => {
                    let forced = self.forced.iter().find(|(n, _)| *n == node);
                    match forced
                        .map(|f| f.1)
                        .or_else(|| rng::weighted(&mut self.rng, options))
                    {
                        Some(option) => options[option].1,
                        None => {
                            // No option to take: stay here, stuck (the analysis reports it).
                            self.order.clear();
                            return;
                        }
                    }
                }
            };
            step::leave(&mut self.state);
        }
    }

    fn finish(&mut self, outcome: Outcome, walked_out: bool) {
        self.order.clear();
        self.status = Status::Finished(outcome);
        self.transcript.outcome = Some(outcome);
        self.transcript.walked_out = walked_out;
    }
}
