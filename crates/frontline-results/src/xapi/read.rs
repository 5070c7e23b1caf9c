//! Rebuilding results from exported statements (the `completed` ones carry
//! every field; the others are skipped).

use super::{BASE, extension, need_extension, parse_duration, validate_statement, verbs};
use crate::codec::{NEED_COLUMNS, parse_grade, parse_outcome, parse_timestamp};
use crate::export_csv::parse_score;
use crate::import::{ImportError, checked};
use crate::record::{ResultRecord, derived_player_id};
use frontline_core::needs::NeedMap;
use serde::Deserialize;
use serde_json::Value;
use std::io::BufRead;
use uuid::Uuid;

/// Reads a JSON array of statements, one statement, or an LRS reply
/// (`{"statements": [...]}`) held in memory, returning the result of each
/// Frontline `completed` statement in order; the first problem fails it.
pub fn read_statements(text: &str) -> Result<Vec<ResultRecord>, ImportError> {
    StatementRecords::new(text.trim_start_matches('\u{feff}').as_bytes())
        .map(|r| r.map_err(|mut problems| problems.remove(0)))
        .collect()
}

/// The results of an xAPI export read one statement at a time: a top-level
/// array is streamed (memory stays flat however long it is); a single object
/// (one statement, or one LRS reply page) is read whole. Every statement is
/// checked against the statement rules; each Frontline `completed` statement
/// becomes a validated record.
pub struct StatementRecords<R: BufRead> {
    input: R,
    state: State,
    index: usize,
}

enum State {
    /// Before the first byte.
    Start,
    /// Inside the top-level array, before an element or `]`.
    InArray { first: bool },
    /// Statements of a whole document, still to be read.
    Listed(std::vec::IntoIter<Value>),
    /// Finished (or stopped at a syntax error).
    Done,
}

impl<R: BufRead> StatementRecords<R> {
    /// Reads statements from `input` (positioned at the JSON document).
    pub fn new(input: R) -> StatementRecords<R> {
        StatementRecords {
            input,
            state: State::Start,
            index: 0,
        }
    }

    /// The next statement, or `None` at the end.
    fn next_statement(&mut self) -> Option<Result<Value, ImportError>> {
        loop {
            match &mut self.state {
                State::Done => return None,
                State::Listed(items) => return items.next().map(Ok),
                State::Start => match self.peek() {
                    Ok(Some(b'[')) => {
                        self.input.consume(1);
                        self.state = State::InArray { first: true };
                    }
                    Ok(_) => {
                        let whole = serde_json::from_reader::<_, Value>(&mut self.input);
                        self.state = State::Done;
                        match whole {
                            Ok(doc) => self.state = State::Listed(listed(doc).into_iter()),
                            Err(e) => return Some(Err(ImportError::at("JSON", e))),
                        }
                    }
                    Err(e) => return Some(Err(e)),
                },
                State::InArray { first } => {
                    let first = *first;
                    let peeked = match self.peek() {
                        Ok(p) => p,
                        Err(e) => return Some(Err(e)),
                    };
                    match peeked {
                        Some(b']') => {
                            self.state = State::Done;
                            return None;
                        }
                        Some(b',') if !first => self.input.consume(1),
                        _ if first => {}
                        other => {
                            self.state = State::Done;
                            let found =
                                other.map_or("the end".into(), |b| format!("`{}`", b as char));
                            let place = format!("after statement {}", self.index);
                            return Some(Err(ImportError::at(
                                &place,
                                format!("expected `,` or `]`, found {found}"),
                            )));
                        }
                    }
                    self.state = State::InArray { first: false };
                    let mut de = serde_json::Deserializer::from_reader(&mut self.input);
                    return Some(match Value::deserialize(&mut de) {
                        Ok(v) => Ok(v),
                        Err(e) => {
                            self.state = State::Done;
                            let place = format!("statement {}", self.index + 1);
                            Err(ImportError::at(&place, e))
                        }
                    });
                }
            }
        }
    }

    /// The next byte that is not white space, left unread.
    fn peek(&mut self) -> Result<Option<u8>, ImportError> {
        loop {
            let buf = self
                .input
                .fill_buf()
                .map_err(|e| ImportError::at("file", e))?;
            if buf.is_empty() {
                return Ok(None);
            }
            match buf.iter().position(|b| !b.is_ascii_whitespace()) {
                Some(i) => {
                    let b = buf[i];
                    self.input.consume(i);
                    return Ok(Some(b));
                }
                None => {
                    let n = buf.len();
                    self.input.consume(n);
                }
            }
        }
    }
}

impl<R: BufRead> Iterator for StatementRecords<R> {
    type Item = Result<ResultRecord, Vec<ImportError>>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            let statement = match self.next_statement()? {
                Ok(s) => s,
                Err(e) => return Some(Err(vec![e])),
            };
            self.index += 1;
            let place = format!("statement {}", self.index);
            let violations = validate_statement(&statement);
            if !violations.is_empty() {
                return Some(Err(violations
                    .into_iter()
                    .map(|v| ImportError::in_field(&place, &v.path, v.message))
                    .collect()));
            }
            if statement.pointer("/verb/id").and_then(Value::as_str) != Some(verbs::COMPLETED) {
                continue;
            }
            return Some(match record(&statement) {
                Ok(r) => checked(r, &place),
                Err(m) => Err(vec![ImportError::at(&place, m)]),
            });
        }
    }
}

/// The statements of a whole JSON document: an array, an LRS reply page or one statement.
fn listed(doc: Value) -> Vec<Value> {
    match doc {
        Value::Array(items) => items,
        Value::Object(mut o) => match o.remove("statements") {
            Some(Value::Array(items)) => items,
            Some(other) => {
                o.insert("statements".into(), other);
                vec![Value::Object(o)]
            }
            None => vec![Value::Object(o)],
        },
        other => vec![other],
    }
}

fn record(s: &Value) -> Result<ResultRecord, String> {
    let ext = |name: &str| s.get("context")?.get("extensions")?.get(extension(name));
    let text = |name: &str| -> Result<&str, String> {
        ext(name)
            .and_then(Value::as_str)
            .ok_or_else(|| format!("not a Frontline statement: no text extension {BASE}/{name}"))
    };
    let at = |path: &str| -> Result<&Value, String> {
        s.pointer(path)
            .ok_or_else(|| format!("`{path}` is missing"))
    };
    let str_at = |path: &str| -> Result<&str, String> {
        at(path)?
            .as_str()
            .ok_or_else(|| format!("`{path}` is not text"))
    };
    let bad = |what: &str, v: &dyn std::fmt::Display| format!("cannot read {what} `{v}`");
    let mut needs = NeedMap::<Option<u8>>::default();
    if let Some(found) = s.pointer("/result/extensions").and_then(Value::as_object) {
        for (slot, col) in needs.0.iter_mut().zip(NEED_COLUMNS) {
            if let Some(v) = found.get(&need_extension(col)) {
                *slot = Some(score(v).ok_or_else(|| bad(col, v))?);
            }
        }
    }
    let registration = str_at("/context/registration")?;
    let duration = str_at("/result/duration")?;
    let raw = at("/result/score/raw")?;
    let transcript = ext("transcript")
        .ok_or_else(|| format!("not a Frontline statement: no {BASE}/transcript"))?;
    let team = str_at("/context/team/account/name")?.to_string();
    let (player_id, player) = who_played(str_at("/actor/account/name")?, s, &team);
    Ok(ResultRecord {
        id: registration
            .parse()
            .map_err(|_| bad("registration", &registration))?,
        player_id,
        player,
        team,
        scenario_id: text("scenario-id")?.to_string(),
        scenario_hash: text("scenario-hash")?.to_string(),
        scenario_title: str_at("/object/definition/name/en-US")?.to_string(),
        seed: text("seed")?
            .parse()
            .map_err(|_| bad("seed", &text("seed").unwrap_or("")))?,
        started_at: parse_timestamp(text("started-at")?)
            .ok_or_else(|| bad("started-at", &text("started-at").unwrap_or("")))?,
        duration_ms: parse_duration(duration)
            .and_then(|d| d.to_millis())
            .ok_or_else(|| bad("duration", &duration))?,
        outcome: parse_outcome(text("outcome")?).ok_or_else(|| bad("outcome", &"?"))?,
        needs,
        overall: score(raw).ok_or_else(|| bad("score.raw", raw))?,
        grade: parse_grade(text("grade")?).ok_or_else(|| bad("grade", &"?"))?,
        passed: at("/result/success")?
            .as_bool()
            .ok_or("`/result/success` is not true/false")?,
        transcript: serde_json::from_value(transcript.clone())
            .map_err(|e| format!("transcript: {e}"))?,
    })
}

/// The player id and name of a statement: the account name is the id and
/// the actor's name the player's name; a statement exported before players
/// had ids has the name as account name, and gets [`derived_player_id`].
fn who_played(account: &str, s: &Value, team: &str) -> (Uuid, String) {
    let shown = s.pointer("/actor/name").and_then(Value::as_str);
    match (account.parse::<Uuid>(), shown) {
        (Ok(id), Some(name)) => (id, name.to_string()),
        _ => (derived_player_id(team, account), account.to_string()),
    }
}

/// A whole-number 0..=100 score.
fn score(v: &Value) -> Option<u8> {
    v.as_u64().and_then(|n| parse_score(&n.to_string()))
}
