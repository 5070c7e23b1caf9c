//! One stored result: the plain record every backend, export and import uses,
//! and its conversion from a finished play (transcript + debrief).

use chrono::{DateTime, Utc};
use frontline_core::engine::{Decision, Transcript};
use frontline_core::needs::NeedMap;
use frontline_core::scenario::{Outcome, Scenario};
use frontline_core::scoring::Debrief;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use uuid::Uuid;

/// One finished encounter, as stored, listed and exported.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResultRecord {
    /// Unique id (UUID v4); the primary key, so importing twice changes nothing.
    pub id: Uuid,
    /// Who played: the install's stable player id (see [`derived_player_id`]
    /// for results recorded before there were ids). Boards group by it.
    /// JSON from an older game has none: it reads as the nil id, which
    /// [`ResultRecord::derive_missing_player_id`] replaces.
    #[serde(default)]
    pub player_id: Uuid,
    /// The name the player went by when they played (shown on boards; a
    /// player can rename, the id stays).
    pub player: String,
    /// The player's team.
    pub team: String,
    /// Id of the scenario played.
    pub scenario_id: String,
    /// Hex SHA-256 of the scenario's content ([`scenario_hash`]): a changed
    /// scenario is a different version.
    pub scenario_hash: String,
    /// The scenario's title when it was played.
    pub scenario_title: String,
    /// Seed of the encounter (replays it exactly with the same scenario version).
    pub seed: u64,
    /// When the encounter started (UTC).
    pub started_at: DateTime<Utc>,
    /// Wall-clock time the player took, in milliseconds.
    pub duration_ms: u64,
    /// How it ended for the customer.
    pub outcome: Outcome,
    /// Normalised 0..=100 score per need; `None` when the scenario does not assess it.
    pub needs: NeedMap<Option<u8>>,
    /// Overall 0..=100 (mean of the assessed needs; 0 when none is assessed).
    pub overall: u8,
    /// Grade letter A..E, or `-` when no need was assessed.
    pub grade: char,
    /// Passed the scenario's pass mark when it was played.
    pub passed: bool,
    /// Every step of the encounter.
    pub transcript: Vec<TranscriptStep>,
}

/// One node entered during the encounter, as stored.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TranscriptStep {
    /// Node id.
    pub node: String,
    /// What the player said here, when they picked a choice.
    #[serde(default)]
    pub choice: Option<String>,
    /// The choice's effect on each need (all 0 without a choice).
    #[serde(default)]
    pub needs: NeedMap<i32>,
    /// Customer's mood after this step.
    pub mood: i32,
    /// In-encounter seconds elapsed after this step.
    pub elapsed: u32,
}

/// Who played and when: what the engine does not know about a play.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlayMeta {
    /// The install's stable player id.
    pub player_id: Uuid,
    /// Player name.
    pub player: String,
    /// Team name.
    pub team: String,
    /// When the encounter started.
    pub started_at: DateTime<Utc>,
    /// Wall-clock milliseconds the play took.
    pub duration_ms: u64,
}

/// Why a play cannot become a stored result.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum NotStorable {
    /// The encounter has no ending (aborted or still running).
    #[error("the encounter did not finish, so there is no result to store")]
    NotFinished,
    /// The transcript and the debrief belong to different scenarios.
    #[error("transcript of `{transcript}` does not match scenario `{scenario}`")]
    WrongScenario {
        /// Scenario id in the transcript.
        transcript: String,
        /// Scenario id given.
        scenario: String,
    },
}

impl ResultRecord {
    /// Builds the record of a finished play with a fresh id. `started_at` is
    /// kept to the millisecond, the precision every export carries.
    pub fn from_play(
        scenario: &Scenario,
        transcript: &Transcript,
        debrief: &Debrief,
        meta: PlayMeta,
    ) -> Result<ResultRecord, NotStorable> {
        if transcript.scenario_id != scenario.id || debrief.scenario_id != scenario.id {
            return Err(NotStorable::WrongScenario {
                transcript: transcript.scenario_id.clone(),
                scenario: scenario.id.clone(),
            });
        }
        let outcome = debrief.outcome.ok_or(NotStorable::NotFinished)?;
        Ok(ResultRecord {
            id: Uuid::new_v4(),
            player_id: meta.player_id,
            player: meta.player,
            team: meta.team,
            scenario_id: scenario.id.clone(),
            scenario_hash: scenario_hash(scenario),
            scenario_title: scenario.title.clone(),
            seed: transcript.seed,
            started_at: truncate_to_millis(meta.started_at),
            duration_ms: meta.duration_ms,
            outcome,
            needs: debrief.score.needs,
            overall: debrief.score.overall.unwrap_or(0),
            grade: debrief.grade.map_or(NO_GRADE, |g| g.letter()),
            passed: debrief.passed,
            transcript: steps_of(transcript),
        })
    }

    /// Names of the fields in which `other` differs from this record (empty
    /// when they are the same result): what an import conflict reports.
    pub fn differing_fields(&self, other: &ResultRecord) -> Vec<&'static str> {
        let mut out = Vec::new();
        let mut check = |name: &'static str, same: bool| {
            if !same {
                out.push(name);
            }
        };
        check("id", self.id == other.id);
        check("player_id", self.player_id == other.player_id);
        check("player", self.player == other.player);
        check("team", self.team == other.team);
        check("scenario_id", self.scenario_id == other.scenario_id);
        check("scenario_hash", self.scenario_hash == other.scenario_hash);
        check(
            "scenario_title",
            self.scenario_title == other.scenario_title,
        );
        check("seed", self.seed == other.seed);
        check("started_at", self.started_at == other.started_at);
        check("duration_ms", self.duration_ms == other.duration_ms);
        check("outcome", self.outcome == other.outcome);
        check("needs", self.needs == other.needs);
        check("overall", self.overall == other.overall);
        check("grade", self.grade == other.grade);
        check("passed", self.passed == other.passed);
        check("transcript", self.transcript == other.transcript);
        out
    }

    /// Gives a record read without a player id (the nil id: JSON posted by
    /// a game from before player ids) the id derived from its team and name.
    pub fn derive_missing_player_id(&mut self) {
        if self.player_id.is_nil() {
            self.player_id = derived_player_id(&self.team, &self.player);
        }
    }

    /// The choices made, in order: `(step index, node id, choice text)`.
    pub fn choices(&self) -> impl Iterator<Item = (usize, &TranscriptStep, &str)> {
        self.transcript
            .iter()
            .enumerate()
            .filter_map(|(i, s)| s.choice.as_deref().map(|c| (i, s, c)))
    }
}

/// Namespace of [`derived_player_id`] (a fixed random UUID; changing it
/// would split every legacy player in two).
pub const LEGACY_PLAYER_NAMESPACE: Uuid =
    Uuid::from_u128(0x6c1f_2b0e_8d4a_4f3c_9a57_1e0d_b2c4_7f91);

/// The player id of a result recorded without one (an old CSV or xAPI file,
/// a row of an older SQLite store or server database): UUID v5 of
/// `team`, a line feed and `player` under [`LEGACY_PLAYER_NAMESPACE`]. Names
/// never contain control characters, so distinct (team, name) pairs never
/// collide, and the same legacy person gets the same id on every machine.
pub fn derived_player_id(team: &str, player: &str) -> Uuid {
    Uuid::new_v5(
        &LEGACY_PLAYER_NAMESPACE,
        format!("{team}\n{player}").as_bytes(),
    )
}

/// The grade stored when no need was assessed.
pub const NO_GRADE: char = '-';

/// The engine's transcript as stored steps.
pub fn steps_of(transcript: &Transcript) -> Vec<TranscriptStep> {
    transcript
        .steps
        .iter()
        .map(|s| {
            let chose = match &s.decision {
                Some(Decision::Chose(c)) => Some(c),
                _ => None,
            };
            TranscriptStep {
                node: s.node.clone(),
                choice: chose.map(|c| c.text.clone()),
                needs: chose.map_or_else(NeedMap::default, |c| c.needs),
                mood: s.mood,
                elapsed: s.elapsed,
            }
        })
        .collect()
}

/// Hex SHA-256 of a scenario's content (its model, so comments and layout do
/// not count; any change to texts, effects or structure does).
pub fn scenario_hash(scenario: &Scenario) -> String {
    // Serialising plain serde types to JSON cannot fail; fall back to Debug anyway.
    let bytes = serde_json::to_vec(scenario).unwrap_or_else(|_| format!("{scenario:?}").into());
    hex(&Sha256::digest(bytes))
}

/// Lower-case hex of bytes.
pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// `t` without its sub-millisecond part.
pub fn truncate_to_millis(t: DateTime<Utc>) -> DateTime<Utc> {
    DateTime::from_timestamp_millis(t.timestamp_millis()).unwrap_or(t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn derived_ids_are_fixed_per_team_and_name() {
        let sam = derived_player_id("North", "Sam");
        // Fixed forever: every machine and both stores derive this same id.
        assert_eq!(
            sam.to_string(),
            derived_player_id("North", "Sam").to_string()
        );
        assert_eq!(sam.get_version_num(), 5);
        assert_ne!(sam, derived_player_id("South", "Sam"));
        assert_ne!(sam, derived_player_id("North", "sam"));
        assert_ne!(derived_player_id("a", "b c"), derived_player_id("a b", "c"));
    }
}
