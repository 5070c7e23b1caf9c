//! The trainer's contract: the serde types a scenario RON file deserialises into.
//!
//! Field names here are exactly what trainers write. Every optional field has a
//! default so short files stay short. Ranges (need effects -3..=3, mood 0..=100,
//! weights > 0) are *not* enforced by the types: the validator reports them with
//! positions, so one typo never hides the other problems in a file.

use super::scene::{Person, Scene};
use crate::needs::Need;
use indexmap::IndexMap;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The newest scenario format version this build understands.
pub const FORMAT_VERSION: u32 = 1;

/// Lowest and highest effect one choice may have on one need.
pub const EFFECT_RANGE: std::ops::RangeInclusive<i32> = -3..=3;

/// One customer encounter: a graph of nodes starting at `start`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    /// Format version the file was written for; defaults to 1.
    #[serde(default = "first_format")]
    pub format: u32,
    /// Unique id across all files in `dialogues/` (kebab-case by convention).
    pub id: String,
    /// Title shown on the scenario card.
    pub title: String,
    /// One or two sentences shown on the card.
    #[serde(default)]
    pub summary: String,
    /// Where and when the encounter takes place, in words for the scenario card.
    #[serde(default)]
    pub setting: String,
    /// Where and when it takes place, for drawing: place, clock, queue, ticket.
    #[serde(default)]
    pub scene: Scene,
    /// How hard the encounter is meant to be.
    #[serde(default)]
    pub difficulty: Difficulty,
    /// Free-form tags (`"banking"`, `"waiting-time"`, ...).
    #[serde(default)]
    pub tags: Vec<String>,
    /// Who the player serves.
    pub customer: Customer,
    /// Overall score (0..=100) at or above which the encounter counts as passed.
    #[serde(default = "default_pass_mark")]
    pub pass_mark: u8,
    /// The situation cannot end well: a `Neutral` ending is enough to pass
    /// (see [`crate::scoring::passes`]).
    #[serde(default)]
    pub no_win: bool,
    /// Show choices in file order instead of shuffling them per play.
    #[serde(default)]
    pub pin_choice_order: bool,
    /// Id of the first node.
    pub start: String,
    /// Every node, by id, in file order.
    pub nodes: IndexMap<String, Node>,
    /// Scripted playthroughs `frontline check` runs as regression tests.
    #[serde(default)]
    pub tests: Vec<Playthrough>,
}

fn first_format() -> u32 {
    1
}

fn default_pass_mark() -> u8 {
    60
}

/// How hard an encounter is meant to be; drives the curriculum order.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub enum Difficulty {
    /// A gentle introduction.
    Easy,
    /// The default.
    #[default]
    Medium,
    /// Tense customers, few good paths.
    Hard,
}

/// The person being served.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Customer {
    /// Name variants; one is picked at random per play and fills `{name}`.
    /// Each gets pronouns `They` and the shared `look`. Leave out when `people` is given.
    #[serde(default)]
    pub names: Vec<String>,
    /// Who may be the customer, each with a face and pronouns; one is picked
    /// at random per play. Use instead of `names` and `look`.
    #[serde(default)]
    pub people: Option<Vec<Person>>,
    /// External customer, internal (co-worker, staff) or vendor.
    #[serde(default)]
    pub role: Role,
    /// Drives the procedurally drawn portrait of every name in `names`.
    #[serde(default)]
    pub look: Look,
    /// Starting mood, 0 furious .. 100 delighted.
    #[serde(default = "default_mood")]
    pub mood: i32,
    /// Seconds the customer will wait in total; 0 means unlimited.
    #[serde(default)]
    pub patience: u32,
}

fn default_mood() -> i32 {
    50
}

/// Whose customer this is, in the material's sense.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Role {
    /// Someone from outside who buys or uses the service.
    #[default]
    External,
    /// A co-worker or staff member who depends on you.
    Internal,
    /// A supplier or partner.
    Vendor,
}

/// How the customer's portrait is drawn.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Look {
    /// Rough age group.
    #[serde(default)]
    pub age: Age,
    /// Seed for the procedural portrait (hair, colours, features).
    #[serde(default)]
    pub seed: u64,
    /// Optional image under `assets/` that replaces the drawn portrait.
    #[serde(default)]
    pub portrait: Option<String>,
}

/// Rough age group of a customer.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Age {
    /// Teens and twenties.
    Young,
    /// Thirties to fifties.
    #[default]
    Adult,
    /// Sixties and over.
    Older,
}

/// One step of the encounter.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Node {
    /// Someone speaks; the player picks a choice, or the story moves on to `next`.
    Line {
        /// Who is speaking.
        speaker: Speaker,
        /// What they say; `{name}` is replaced by the customer's name.
        text: String,
        /// What the player can answer. Empty means the line continues to `next`.
        #[serde(default)]
        choices: Vec<Choice>,
        /// Where a line without choices continues.
        #[serde(default)]
        next: Option<String>,
        /// Seconds that pass while this line plays out (e.g. a wait); default 0.
        #[serde(default)]
        time: u32,
    },
    /// Goes to the first case whose condition holds, else to `otherwise`.
    Branch {
        /// Checked in order.
        cases: Vec<Case>,
        /// Taken when no case holds.
        otherwise: String,
    },
    /// Picks one option at random, in proportion to its weight.
    Random {
        /// The possible continuations.
        options: Vec<Weighted>,
    },
    /// The encounter ends here.
    End {
        /// How it ended for the customer.
        outcome: Outcome,
        /// Closing line shown before the debrief.
        text: String,
    },
}

/// Who speaks a line.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Speaker {
    /// The customer being served.
    Customer,
    /// Scene-setting text, no speaker.
    Narrator,
    /// Someone else, by name or title (`Other("Branch manager")`).
    Other(String),
}

/// Something the player can say.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Choice {
    /// What the player says; `{name}` is replaced by the customer's name.
    pub text: String,
    /// Effect on each need, -3..=3. Needs not listed are unaffected.
    #[serde(default)]
    pub needs: BTreeMap<Need, i32>,
    /// Change in the customer's mood (mood stays within 0..=100).
    #[serde(default)]
    pub mood: i32,
    /// Seconds this choice takes; counts against the customer's patience.
    #[serde(default)]
    pub time: u32,
    /// Flags raised by this choice.
    #[serde(default)]
    pub sets: Vec<String>,
    /// Flags lowered by this choice.
    #[serde(default)]
    pub clears: Vec<String>,
    /// Only available when this condition holds.
    #[serde(default)]
    pub requires: Option<Condition>,
    /// When `requires` fails: shown greyed out with this reason. Without it the
    /// choice is hidden.
    #[serde(default)]
    pub locked: Option<String>,
    /// Where the encounter goes after this choice.
    pub next: String,
    /// One sentence of feedback shown in the debrief: why this choice helps or hurts.
    #[serde(default)]
    pub why: String,
}

/// A condition on the encounter's state.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Condition {
    /// The flag is raised.
    Flag(String),
    /// The inner condition does not hold.
    Not(Box<Condition>),
    /// Every inner condition holds (true when empty).
    All(Vec<Condition>),
    /// At least one inner condition holds (false when empty).
    Any(Vec<Condition>),
    /// The node has been visited before.
    Visited(String),
    /// Mood is at least this value.
    MoodAtLeast(i32),
    /// Mood is below this value.
    MoodBelow(i32),
    /// At least this many seconds have passed in the encounter.
    TimeAtLeast(u32),
}

/// Written as in a scenario file: `Not(Flag("asked"))`, `MoodAtLeast(60)`.
impl std::fmt::Display for Condition {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let list = |f: &mut std::fmt::Formatter<'_>, name: &str, all: &[Condition]| {
            write!(f, "{name}([")?;
            for (i, c) in all.iter().enumerate() {
                write!(f, "{}{c}", if i == 0 { "" } else { ", " })?;
            }
            write!(f, "])")
        };
        match self {
            Condition::Flag(flag) => write!(f, "Flag({flag:?})"),
            Condition::Not(inner) => write!(f, "Not({inner})"),
            Condition::All(all) => list(f, "All", all),
            Condition::Any(any) => list(f, "Any", any),
            Condition::Visited(node) => write!(f, "Visited({node:?})"),
            Condition::MoodAtLeast(v) => write!(f, "MoodAtLeast({v})"),
            Condition::MoodBelow(v) => write!(f, "MoodBelow({v})"),
            Condition::TimeAtLeast(v) => write!(f, "TimeAtLeast({v})"),
        }
    }
}

/// One case of a [`Node::Branch`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Case {
    /// When this holds...
    pub when: Condition,
    /// ...go here.
    pub next: String,
}

/// One option of a [`Node::Random`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Weighted {
    /// Relative chance; must be positive.
    pub weight: i32,
    /// Where this option leads.
    pub next: String,
}

/// How an encounter ended for the customer, best first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Outcome {
    /// Leaves happier than they came, and will tell others.
    Delighted,
    /// Got what they needed.
    Satisfied,
    /// Neither pleased nor upset.
    Neutral,
    /// Leaves unhappy.
    Dissatisfied,
    /// Walked away or took their business elsewhere.
    Lost,
}

impl Outcome {
    /// The outcome's name as trainers write it in scenario files
    /// (`"Satisfied"`); also how exports and sentences name it.
    pub fn name(self) -> &'static str {
        match self {
            Outcome::Delighted => "Delighted",
            Outcome::Satisfied => "Satisfied",
            Outcome::Neutral => "Neutral",
            Outcome::Dissatisfied => "Dissatisfied",
            Outcome::Lost => "Lost",
        }
    }

    /// All outcomes, best first.
    pub const ALL: [Outcome; 5] = [
        Outcome::Delighted,
        Outcome::Satisfied,
        Outcome::Neutral,
        Outcome::Dissatisfied,
        Outcome::Lost,
    ];
}

/// A scripted playthrough: a regression test for the scenario's content.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Playthrough {
    /// Shown when the test fails.
    pub name: String,
    /// Seed for name, random nodes and choice order.
    #[serde(default)]
    pub seed: u64,
    /// Choices to make, each the 1-based position of the choice in its node's
    /// `choices` list as written in the file (not the shuffled display order).
    pub choices: Vec<usize>,
    /// Forced draws: `Random` node id -> the node its drawn option leads to
    /// (`random: {"coin": "heads"}`). Random nodes not listed draw with `seed`.
    #[serde(default)]
    pub random: BTreeMap<String, String>,
    /// What must come out.
    #[serde(default)]
    pub expect: Expectation,
}

/// What a [`Playthrough`] must produce.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Expectation {
    /// The ending outcome.
    #[serde(default)]
    pub outcome: Option<Outcome>,
    /// Inclusive range for the overall score.
    #[serde(default)]
    pub overall: Option<(u8, u8)>,
    /// Inclusive range per need for the normalised score.
    #[serde(default)]
    pub needs: BTreeMap<Need, (u8, u8)>,
}

/// The suggested play order, from `dialogues/curriculum.ron`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Curriculum {
    /// Scenario ids in the order new employees should play them.
    pub order: Vec<String>,
}
