//! The record of one played encounter: enough to score it, show it, store it,
//! and replay it exactly (same scenario + seed + decisions = same transcript).

use crate::needs::NeedMap;
use crate::scenario::{Outcome, Pronouns};
use serde::{Deserialize, Serialize};

/// Everything that happened in one encounter.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Transcript {
    /// Id of the scenario played.
    pub scenario_id: String,
    /// Seed of the encounter's random choices (name, random nodes, choice order).
    pub seed: u64,
    /// Random draws forced by [`Encounter::start_forced`](super::Encounter::start_forced):
    /// node id → 0-based option index.
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub forced: std::collections::BTreeMap<String, usize>,
    /// The customer's name variant picked for this play.
    pub customer_name: String,
    /// The picked person's pronouns (`They` for a `names` list).
    #[serde(default)]
    pub pronouns: Pronouns,
    /// The player's name, filling `{me}`.
    #[serde(default = "default_player_name")]
    pub player_name: String,
    /// Every node entered, in order.
    pub steps: Vec<Step>,
    /// Ending outcome, once finished.
    pub outcome: Option<Outcome>,
    /// True when the ending is the customer walking away because patience ran out.
    pub walked_out: bool,
    /// Raw per-need sums of the choices made.
    pub raw: NeedMap<i32>,
    /// Set when the encounter was aborted (step cap) — the reason.
    pub error: Option<String>,
}

fn default_player_name() -> String {
    super::DEFAULT_PLAYER_NAME.to_string()
}

/// One node entered.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Step {
    /// Node id.
    pub node: String,
    /// True when this node was entered through [`Encounter::jump_to`](super::Encounter::jump_to).
    #[serde(default)]
    pub jumped: bool,
    /// What the player did here (only on lines).
    pub decision: Option<Decision>,
    /// Mood after this step.
    pub mood: i32,
    /// Seconds elapsed after this step.
    pub elapsed: u32,
}

/// What the player did at a line.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Decision {
    /// Picked a choice.
    Chose(ChoiceRecord),
    /// Continued a line without choices.
    Continued,
}

/// The choice made at a line.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ChoiceRecord {
    /// 0-based index in the node's `choices` list as written in the file.
    pub index: usize,
    /// What the player said (placeholders filled in).
    pub text: String,
    /// Effect on each need.
    pub needs: NeedMap<i32>,
    /// Mood change as written (before clamping).
    pub mood: i32,
    /// Seconds taken.
    pub time: u32,
    /// The trainer's feedback for this choice (placeholders filled in).
    pub why: String,
}

impl Transcript {
    /// The choices made, in order, with the id of the node each was made at.
    pub fn choices(&self) -> impl Iterator<Item = (&str, &ChoiceRecord)> {
        self.steps.iter().filter_map(|s| match &s.decision {
            Some(Decision::Chose(c)) => Some((s.node.as_str(), c)),
            _ => None,
        })
    }

    /// Id of the node the encounter is at (the last one entered).
    pub fn current_node(&self) -> Option<&str> {
        self.steps.last().map(|s| s.node.as_str())
    }
}
