//! Rebuilding results from exported statements (the `completed` ones carry
//! every field; the others are skipped).

use super::{BASE, extension, need_extension, parse_duration, verbs};
use crate::codec::{NEED_COLUMNS, parse_grade, parse_outcome, parse_timestamp};
use crate::export_csv::parse_score;
use crate::import::ImportError;
use crate::record::ResultRecord;
use frontline_core::needs::NeedMap;
use serde_json::Value;

/// Reads a JSON array of statements, one statement, or an LRS reply
/// (`{"statements": [...]}`), returning the result of each Frontline
/// `completed` statement in order.
pub fn read_statements(text: &str) -> Result<Vec<ResultRecord>, ImportError> {
    let text = text.trim_start_matches('\u{feff}');
    let doc: Value = serde_json::from_str(text).map_err(|e| ImportError::at("JSON", e))?;
    let list = match doc {
        Value::Array(items) => items,
        Value::Object(mut o) => match o.remove("statements") {
            Some(Value::Array(items)) => items,
            _ => vec![Value::Object(o)],
        },
        _ => return Err(ImportError::at("JSON", "expected statements (an array)")),
    };
    list.iter()
        .enumerate()
        .filter(|(_, s)| s.pointer("/verb/id").and_then(Value::as_str) == Some(verbs::COMPLETED))
        .map(|(i, s)| record(s).map_err(|m| ImportError::at(&format!("statement {}", i + 1), m)))
        .collect()
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
    Ok(ResultRecord {
        id: registration
            .parse()
            .map_err(|_| bad("registration", &registration))?,
        player: str_at("/actor/account/name")?.to_string(),
        team: str_at("/context/team/account/name")?.to_string(),
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

/// A whole-number 0..=100 score.
fn score(v: &Value) -> Option<u8> {
    v.as_u64().and_then(|n| parse_score(&n.to_string()))
}
