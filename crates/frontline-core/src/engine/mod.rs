//! The encounter engine: plays one scenario step by step. Pure Rust, no bevy.
//!
//! # Use
//! ```
//! # use frontline_core::engine::*;
//! # fn demo(scenario: &frontline_core::scenario::Scenario) -> Result<(), EngineError> {
//! use std::sync::Arc;
//! // Compile once per loaded scenario (ids -> indices, flags -> bits) and share it.
//! let compiled = Arc::new(CompiledScenario::new(scenario)?);
//! let mut enc = Encounter::start(Arc::clone(&compiled), 42);
//! while !enc.is_over() {
//!     let view = enc.view();            // speaker, text with {name}, choices, mood, patience...
//!     if let Some(c) = view.choices.iter().find(|c| c.locked.is_none()) {
//!         enc.choose(c.index)?;          // index in the file's `choices` list
//!     } else if view.can_continue {
//!         enc.advance()?;
//!     } else {
//!         break;                         // stuck: a content bug the analysis reports
//!     }
//! }
//! let transcript = enc.into_transcript(); // serde; replay with Encounter::replay
//! # let _ = transcript; Ok(()) }
//! ```
//!
//! # Sharing and hot reload
//! An [`Encounter`] holds an `Arc<CompiledScenario>`, so a game keeps the
//! `Arc` in a resource and starts encounters for free. After the file changes,
//! compile the new scenario and call [`Encounter::resume`] with the old
//! encounter's transcript: the decisions are replayed, and if the player's node
//! still exists they stay on it.
//!
//! # Rules
//! - Mood starts at the customer's `mood`, moves by each choice's `mood`, and
//!   is clamped to 0..=100.
//! - Time: each choice's `time` and each line's `time` (added when the line is
//!   entered) add to the elapsed seconds. When a node is entered with
//!   `elapsed >= patience` (patience > 0) the customer walks away: outcome
//!   [`Outcome::Lost`](crate::scenario::Outcome), `walked_out = true`.
//! - `Visited(node)` holds once the encounter has moved on from that node at
//!   least once (so a line can test whether it is being shown again).
//! - A line whose choices are all unavailable but that has a `next` can be
//!   continued; with no `next` the encounter is stuck ([`Encounter::is_stuck`]).
//! - Placeholders in lines, choices, lock reasons, `why` and endings are
//!   filled per play ([`crate::scenario::placeholders`]): `{name}` and the
//!   pronouns from the picked person, `{me}` from [`Encounter::start_as`].
//! - Randomness (the person from `names`/`people`, `Random` nodes, choice display order unless
//!   `pin_choice_order`) comes from one `ChaCha8Rng` seeded with the seed, so
//!   the same scenario, seed and decisions always give the same transcript.
//! - [`Encounter::start_forced`] fixes the option a `Random` node takes
//!   (scenario self-tests use it); the forced draws are kept in the transcript.
//! - The rules of one move live in [`step`], which the analysis shares.
//! - More than [`CompiledScenario::step_cap`] node entries abort the encounter
//!   with [`EngineError::StepCap`]: a looping scenario never hangs.

mod compiled;
mod conditions;
mod encounter;
mod rng;
pub mod step;
mod transcript;
mod view;

pub use crate::scenario::placeholders::DEFAULT_PLAYER_NAME;
pub use compiled::{CChoice, CNode, CompiledScenario, Cond, MIN_STEP_CAP};
pub use conditions::{CondState, FlagSet};
pub use encounter::{Encounter, ForcedDraws};
pub use transcript::{ChoiceRecord, Decision, Step, Transcript};
pub use view::{ChoiceView, EncounterView};

/// Why the engine refused or stopped.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum EngineError {
    /// A reference to a node id that does not exist.
    #[error("node `{from}` refers to `{to}`, which does not exist")]
    UnknownNode {
        /// Where the reference is.
        from: String,
        /// The missing id.
        to: String,
    },
    /// The encounter entered more nodes than the cap (a loop without end).
    #[error(
        "stopped after {cap} steps at node `{node}`: the scenario loops without reaching an ending"
    )]
    StepCap {
        /// The cap.
        cap: u32,
        /// Node being entered.
        node: String,
    },
    /// The encounter has already ended.
    #[error("the encounter has already ended")]
    Finished,
    /// The current node is not a line.
    #[error("the encounter is not at a line")]
    NotAtLine,
    /// No choice with that index at this line.
    #[error("node `{node}` has no choice {index}")]
    NoSuchChoice {
        /// Current node.
        node: String,
        /// Requested 0-based index.
        index: usize,
    },
    /// The choice's `requires` does not hold.
    #[error("choice {index} at node `{node}` is not available now")]
    ChoiceUnavailable {
        /// Current node.
        node: String,
        /// Requested 0-based index.
        index: usize,
    },
    /// A forced random draw that cannot happen.
    #[error("cannot force a draw at `{node}`: {why}")]
    ForcedDraw {
        /// The node named in the forced draw.
        node: String,
        /// Why it cannot be forced.
        why: String,
    },
    /// "Continue" at a line that has available choices or no `next`.
    #[error("node `{node}` cannot be continued")]
    CannotContinue {
        /// Current node.
        node: String,
    },
}

#[cfg(test)]
pub(crate) mod tests;
