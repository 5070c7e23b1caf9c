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
mod statement;
pub mod validate;

pub use duration::{IsoDuration, format_duration, parse_duration};
pub use read::{StatementRecords, read_statements};
pub use statement::{Statement, statements_of};
pub use validate::{Violation, validate_statement};

use super::record::ResultRecord;
use serde_json::Value;
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
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                out.push(char::from(b))
            }
            _ => {
                out.push('%');
                out.push(char::from(HEX[usize::from(b >> 4)]));
                out.push(char::from(HEX[usize::from(b & 15)]));
            }
        }
    }
    out
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
        for statement in statements_of(r) {
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

/// The statements of one result, as JSON values (an export writes the typed
/// [`Statement`]s of [`statements_of`] instead, without this step).
pub fn result_statements(r: &ResultRecord) -> Vec<Value> {
    statements_of(r)
        .map(|s| serde_json::to_value(s).expect("a statement is plain JSON"))
        .collect()
}
