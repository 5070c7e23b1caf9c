//! xAPI 1.0.3 statements for learning record stores (LRS) and LMSs.
//!
//! Per result, in order: one `answered` statement per choice, one `completed`
//! statement (`result.success` = passed the scenario's pass mark when played),
//! and one `passed` or `failed` statement. Every statement:
//! - has an id derived from the result id ([`statement_id`]), so exporting
//!   again gives the same ids and an LRS ignores the repeats;
//! - has the player as an Agent whose `account.name` is the player id and
//!   whose `name` is the player's name, and the team as an identified Group
//!   in `context.team`; `context.registration` is the result id. (Statements
//!   exported before players had ids carry the name as account name; reading
//!   them derives the id, see [`crate::record::derived_player_id`].)
//!
//! The `completed` statement also carries everything else a result holds in
//! `context.extensions` (scenario hash, seed, outcome, grade, exact start,
//! transcript), so [`read_statements`] rebuilds every field on import.

mod duration;
mod read;
pub mod validate;

pub use duration::{IsoDuration, format_duration, parse_duration};
pub use read::{StatementRecords, read_statements};
pub use validate::{Violation, validate_statement};

use super::codec::{NEED_COLUMNS, outcome_text};
use super::record::{ResultRecord, TranscriptStep};
use chrono::SecondsFormat;
use serde_json::{Map, Value, json};
use sha2::{Digest, Sha256};
use uuid::Uuid;

/// Root of every Frontline IRI.
pub const BASE: &str = "https://frontline.example/xapi";
/// `account.homePage` of players.
pub const PLAYER_HOME: &str = "https://frontline.example/players";
/// `account.homePage` of teams.
pub const TEAM_HOME: &str = "https://frontline.example/teams";

/// ADL verb ids.
pub mod verbs {
    /// Finished an encounter.
    pub const COMPLETED: &str = "http://adlnet.gov/expapi/verbs/completed";
    /// Picked a choice.
    pub const ANSWERED: &str = "http://adlnet.gov/expapi/verbs/answered";
    /// Reached the pass mark.
    pub const PASSED: &str = "http://adlnet.gov/expapi/verbs/passed";
    /// Stayed below the pass mark.
    pub const FAILED: &str = "http://adlnet.gov/expapi/verbs/failed";
}

/// Extension IRI `BASE/<name>`.
pub fn extension(name: &str) -> String {
    format!("{BASE}/{name}")
}

/// Extension IRI of a need's score (`.../needs/friendliness`).
pub fn need_extension(column: &str) -> String {
    format!("{BASE}/needs/{column}")
}

/// Extension IRI of a choice's effect on a need (`.../effects/friendliness`).
pub fn effect_extension(column: &str) -> String {
    format!("{BASE}/effects/{column}")
}

/// Activity id of a scenario.
pub fn scenario_activity(scenario_id: &str) -> String {
    format!("{BASE}/scenarios/{}", percent_encode(scenario_id))
}

/// `text` with everything but RFC 3986 unreserved characters percent-encoded.
pub fn percent_encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The id of statement `index` of `kind` for one result: hash-derived, so the
/// same result always exports the same ids (RFC 4122 variant, version-4 layout).
pub fn statement_id(result: Uuid, kind: &str, index: usize) -> Uuid {
    let digest = Sha256::digest(format!("frontline-xapi/{result}/{kind}/{index}"));
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&digest[..16]);
    uuid::Builder::from_random_bytes(bytes).into_uuid()
}

/// An xAPI export written one result at a time: a JSON array with one
/// statement per line (memory stays flat however many results there are).
pub struct StatementWriter<W: std::io::Write> {
    out: W,
    first: bool,
}

impl<W: std::io::Write> StatementWriter<W> {
    /// Starts the array.
    pub fn new(mut out: W) -> std::io::Result<StatementWriter<W>> {
        out.write_all(b"[")?;
        Ok(StatementWriter { out, first: true })
    }

    /// Writes the statements of one result.
    pub fn write(&mut self, r: &ResultRecord) -> std::io::Result<()> {
        for statement in result_statements(r) {
            let separator: &[u8] = if self.first { b"\n" } else { b",\n" };
            self.first = false;
            self.out.write_all(separator)?;
            serde_json::to_writer(&mut self.out, &statement)?;
        }
        Ok(())
    }

    /// Closes the array and flushes.
    pub fn finish(mut self) -> std::io::Result<()> {
        self.out.write_all(b"\n]\n")?;
        self.out.flush()
    }
}

/// All statements of `records`, in order.
pub fn statements(records: &[ResultRecord]) -> Vec<Value> {
    records.iter().flat_map(result_statements).collect()
}

/// The statements of one result.
pub fn result_statements(r: &ResultRecord) -> Vec<Value> {
    let mut out: Vec<Value> = r
        .choices()
        .enumerate()
        .map(|(i, (step_index, step, text))| answered(r, i, step_index, step, text))
        .collect();
    out.push(completed(r));
    out.push(verdict(r));
    out
}

fn millis(t: chrono::DateTime<chrono::Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Millis, true)
}

fn actor(r: &ResultRecord) -> Value {
    json!({"objectType": "Agent", "name": r.player,
           "account": {"homePage": PLAYER_HOME, "name": r.player_id.to_string()}})
}

fn team(r: &ResultRecord) -> Value {
    json!({"objectType": "Group", "name": r.team,
           "account": {"homePage": TEAM_HOME, "name": r.team}})
}

fn verb(id: &str) -> Value {
    let word = id.rsplit('/').next().unwrap_or(id);
    json!({"id": id, "display": {"en-US": word}})
}

fn scenario_object(r: &ResultRecord) -> Value {
    json!({"objectType": "Activity", "id": scenario_activity(&r.scenario_id),
           "definition": {"name": {"en-US": r.scenario_title},
                          "type": "http://adlnet.gov/expapi/activities/simulation"}})
}

/// `result` of the completed / passed / failed statements.
fn scored(r: &ResultRecord) -> Value {
    let needs: Map<String, Value> = r
        .needs
        .0
        .iter()
        .zip(NEED_COLUMNS)
        .filter_map(|(v, col)| v.map(|v| (need_extension(col), json!(v))))
        .collect();
    json!({"score": {"scaled": f64::from(r.overall) / 100.0, "raw": r.overall, "min": 0, "max": 100},
           "success": r.passed, "completion": true,
           "duration": format_duration(r.duration_ms), "extensions": needs})
}

/// The statement time: when the play ended. Checked arithmetic: a record
/// whose end is not a time (it fails validation, so exports skip it) falls
/// back to its start rather than panicking.
fn ended_at(r: &ResultRecord) -> String {
    millis(r.ended_at().unwrap_or(r.started_at))
}

fn completed(r: &ResultRecord) -> Value {
    let transcript = serde_json::to_value(&r.transcript).unwrap_or_default();
    json!({
        "id": statement_id(r.id, "completed", 0).to_string(),
        "actor": actor(r), "verb": verb(verbs::COMPLETED), "object": scenario_object(r),
        "result": scored(r),
        "context": {"registration": r.id.to_string(), "team": team(r), "extensions": {
            extension("scenario-id"): r.scenario_id,
            extension("scenario-hash"): r.scenario_hash,
            extension("seed"): r.seed.to_string(),
            extension("outcome"): outcome_text(r.outcome),
            extension("grade"): r.grade.to_string(),
            extension("started-at"): r.started_at.to_rfc3339_opts(SecondsFormat::AutoSi, true),
            extension("transcript"): transcript,
        }},
        "timestamp": ended_at(r),
    })
}

fn verdict(r: &ResultRecord) -> Value {
    let (kind, id) = if r.passed {
        ("passed", verbs::PASSED)
    } else {
        ("failed", verbs::FAILED)
    };
    json!({
        "id": statement_id(r.id, kind, 0).to_string(),
        "actor": actor(r), "verb": verb(id), "object": scenario_object(r),
        "result": scored(r),
        "context": {"registration": r.id.to_string(), "team": team(r)},
        "timestamp": ended_at(r),
    })
}

fn answered(r: &ResultRecord, i: usize, step: usize, s: &TranscriptStep, text: &str) -> Value {
    let effects: Map<String, Value> = s
        .needs
        .0
        .iter()
        .zip(NEED_COLUMNS)
        .filter(|(v, _)| **v != 0)
        .map(|(v, col)| (effect_extension(col), json!(v)))
        .collect();
    let node = format!(
        "{}/nodes/{}",
        scenario_activity(&r.scenario_id),
        percent_encode(&s.node)
    );
    json!({
        "id": statement_id(r.id, "answered", i).to_string(),
        "actor": actor(r), "verb": verb(verbs::ANSWERED),
        "object": {"objectType": "Activity", "id": node, "definition": {
            "name": {"en-US": s.node},
            "type": "http://adlnet.gov/expapi/activities/cmi.interaction",
            "interactionType": "other"}},
        "result": {"response": text, "extensions": effects},
        "context": {"registration": r.id.to_string(), "team": team(r),
            "contextActivities": {"parent": [{"objectType": "Activity",
                                              "id": scenario_activity(&r.scenario_id)}]},
            "extensions": {extension("step"): step, extension("mood"): s.mood,
                           extension("elapsed"): s.elapsed}},
        "timestamp": millis(r.started_at),
    })
}
