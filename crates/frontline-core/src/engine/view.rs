//! [`EncounterView`]: a read-only snapshot of an encounter for drawing.

use super::compiled::CNode;
use super::encounter::{Encounter, Status};
use crate::scenario::{Node, Outcome, Person, Role, Scene, Speaker, TimeOfDay};

/// What the player sees now. Owned, so a UI can keep it between frames.
#[derive(Clone, Debug, PartialEq)]
pub struct EncounterView {
    /// Current node id.
    pub node: String,
    /// Who speaks; `None` at an ending.
    pub speaker: Option<Speaker>,
    /// The line (or closing text) with its placeholders filled in.
    pub text: String,
    /// The customer's name for this play.
    pub customer_name: String,
    /// The customer picked for this play: name, pronouns and the look to draw.
    pub person: Person,
    /// The player's name (what `{me}` becomes).
    pub player_name: String,
    /// Whose customer this is (external, internal, vendor).
    pub role: Role,
    /// Where and when the encounter happens: place, queue, ticket.
    pub scene: Scene,
    /// The scene's time of day, read once (drives the clock and window light).
    pub time_of_day: TimeOfDay,
    /// Choices to show, in display order (hidden ones left out).
    pub choices: Vec<ChoiceView>,
    /// True at a line the player leaves with "continue".
    pub can_continue: bool,
    /// True when nothing can be done and the encounter has not ended (a content bug).
    pub stuck: bool,
    /// Mood 0..=100.
    pub mood: i32,
    /// Seconds of patience left; `None` = unlimited.
    pub patience_left: Option<u32>,
    /// Seconds elapsed.
    pub elapsed: u32,
    /// Raised flags, by name.
    pub flags: Vec<String>,
    /// Nodes left at least once and how often, in file order.
    pub visits: Vec<(String, u32)>,
    /// The ending, once reached.
    pub outcome: Option<Outcome>,
    /// True when the customer walked away because patience ran out.
    pub walked_out: bool,
    /// Why the encounter was aborted, if it was.
    pub error: Option<String>,
}

/// One choice as shown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChoiceView {
    /// 0-based index in the node's `choices` as written in the file; pass it to
    /// [`Encounter::choose`].
    pub index: usize,
    /// What the player would say, placeholders filled in.
    pub text: String,
    /// `Some(reason)` when shown greyed out because its `requires` fails.
    pub locked: Option<String>,
}

impl Encounter {
    /// A snapshot of what the player sees now.
    pub fn view(&self) -> EncounterView {
        let compiled = &self.compiled;
        let node = self.state.node;
        let (speaker, text) = match compiled.source_node(node) {
            Some(Node::Line { speaker, text, .. }) => {
                (Some(speaker.clone()), self.fill_placeholders(text))
            }
            Some(Node::End { text, .. }) => (None, self.fill_placeholders(text)),
            _ => (None, String::new()),
        };
        let mut choices = Vec::new();
        if let (Status::Waiting, CNode::Line { choices: cs, .. }) =
            (&self.status, &compiled.nodes[node])
        {
            for &i in &self.order {
                let open = cs[i].requires.as_ref().is_none_or(|c| c.holds(&self.state));
                if !open && !cs[i].shows_locked {
                    continue;
                }
                let source = compiled.source_choice(node, i);
                choices.push(ChoiceView {
                    index: i,
                    text: self.fill_placeholders(source.map_or("", |c| &c.text)),
                    locked: if open {
                        None
                    } else {
                        source
                            .and_then(|c| c.locked.as_deref())
                            .map(|l| self.fill_placeholders(l))
                    },
                });
            }
        }
        EncounterView {
            node: self.current_node().to_string(),
            speaker,
            text,
            customer_name: self.transcript.customer_name.clone(),
            person: self.person.clone(),
            player_name: self.transcript.player_name.clone(),
            role: compiled.scenario.customer.role,
            scene: compiled.scenario.scene.clone(),
            time_of_day: compiled.scenario.scene.time_of_day(),
            choices,
            can_continue: self.can_continue(),
            stuck: self.is_stuck(),
            mood: self.state.mood,
            patience_left: self.patience_left(),
            elapsed: self.state.elapsed,
            flags: self
                .state
                .flags
                .iter()
                .filter_map(|b| compiled.flag_names.get(b).cloned())
                .collect(),
            visits: self
                .state
                .visits
                .iter()
                .enumerate()
                .filter(|(_, v)| **v > 0)
                .map(|(i, v)| (compiled.node_id(i).to_string(), *v))
                .collect(),
            outcome: self.outcome(),
            walked_out: self.transcript.walked_out,
            error: self.transcript.error.clone(),
        }
    }
}
