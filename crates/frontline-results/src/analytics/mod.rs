//! Encounter analytics: how the plays of one scenario version moved through
//! its graph. Pure: [`EncounterCounts`] tallies transcripts (the same sums
//! the team server keeps as counters in PostgreSQL, so either side can be
//! checked against the other), and [`EncounterStats`] reads those counts
//! against the scenario: each choice's share of the plays at its node, where
//! customers were lost, the average need movement per node, the ending
//! distribution and the choices that separate passing from failing plays.
//!
//! ```
//! # use frontline_results::analytics::EncounterCounts;
//! # fn demo(scenario: &frontline_core::scenario::Scenario, records: &[frontline_results::ResultRecord]) {
//! let counts = EncounterCounts::of(records);
//! let stats = frontline_results::analytics::EncounterStats::new(scenario, &counts);
//! for s in stats.separators.iter().take(3) {
//!     println!("{}: {:?} vs {:?}", s.text, s.pass_rate_taken, s.pass_rate_not_taken);
//! }
//! # }
//! ```

mod matching;
mod stats;
#[cfg(test)]
mod tests;

pub use matching::{fits_template, match_choice};
pub use stats::{
    ChoiceStats, EncounterStats, EndingStats, MIN_PLAYS_TO_COMPARE, NodeKind, NodeStats, OtherMove,
    Separator, ratio,
};

use crate::record::{ResultRecord, TranscriptStep};
use frontline_core::needs::NeedMap;
use frontline_core::scenario::Outcome;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// Plays of one scenario version, tallied by node and by move.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EncounterCounts {
    /// Plays counted.
    pub plays: u64,
    /// Of them, plays that passed.
    pub passed: u64,
    /// Per node id: the plays that entered it.
    pub nodes: BTreeMap<String, NodeCount>,
    /// Per move from one node to the next.
    pub moves: BTreeMap<MoveKey, MoveCount>,
    /// Per last node and recorded outcome: the plays that ended so.
    pub endings: BTreeMap<EndKey, u64>,
}

/// Where a play ended: its last node and its recorded outcome. An outcome
/// other than the node's own (or a node that is not an `End`) means the
/// customer walked out on entering it.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct EndKey {
    /// The last node entered.
    pub node: String,
    /// The play's outcome.
    pub outcome: Outcome,
}

/// The plays that entered one node (each play counted once, however often
/// it came back).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NodeCount {
    /// Plays that entered the node.
    pub plays: u64,
    /// Of them, plays that passed.
    pub passed: u64,
}

/// One move: from `node`, with the player's words `choice` (none for a
/// continue, branch or random draw), into `target`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct MoveKey {
    /// Node left.
    pub node: String,
    /// What the player said, placeholders filled in as stored.
    pub choice: Option<String>,
    /// Node entered next.
    pub target: String,
}

/// How often one move was made.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MoveCount {
    /// Times made (a play that loops may make it twice).
    pub taken: u64,
    /// Plays that made it at least once.
    pub plays: u64,
    /// Of them, plays that passed.
    pub passed: u64,
    /// Sum of the choice's need effects over every time it was made.
    pub needs: NeedMap<i64>,
}

impl EncounterCounts {
    /// The counts of `records` (all of one scenario version).
    pub fn of<'a>(records: impl IntoIterator<Item = &'a ResultRecord>) -> Self {
        let mut counts = EncounterCounts::default();
        for r in records {
            counts.add(&r.transcript, r.outcome, r.passed);
        }
        counts
    }

    /// Adds one play: its steps, outcome and whether it passed.
    pub fn add(&mut self, steps: &[TranscriptStep], outcome: Outcome, passed: bool) {
        let pass = u64::from(passed);
        self.plays += 1;
        self.passed += pass;
        let mut entered = BTreeSet::new();
        for step in steps {
            if entered.insert(step.node.as_str()) {
                let node = self.nodes.entry(step.node.clone()).or_default();
                node.plays += 1;
                node.passed += pass;
            }
        }
        if let Some(last) = steps.last() {
            let key = EndKey {
                node: last.node.clone(),
                outcome,
            };
            *self.endings.entry(key).or_default() += 1;
        }
        let mut made = BTreeSet::new();
        for pair in steps.windows(2) {
            let key = MoveKey {
                node: pair[0].node.clone(),
                choice: pair[0].choice.clone(),
                target: pair[1].node.clone(),
            };
            let first_time = made.insert(key.clone());
            let count = self.moves.entry(key).or_default();
            count.taken += 1;
            for (sum, effect) in count.needs.0.iter_mut().zip(pair[0].needs.0) {
                *sum += i64::from(effect);
            }
            if first_time {
                count.plays += 1;
                count.passed += pass;
            }
        }
    }
}
