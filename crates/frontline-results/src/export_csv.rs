//! CSV export and its exact inverse for import.
//!
//! - UTF-8 with a byte-order mark, a header row, one row per result: opens
//!   cleanly in Excel, LibreOffice and Google Sheets.
//! - Formula injection: a cell starting with `=`, `+`, `-`, `@`, tab or
//!   carriage return gets a leading `'`, so a spreadsheet shows it as text
//!   instead of running it. A cell that itself starts with `'` gets one too,
//!   so import can always drop exactly one and get the original back.
//! - Not assessed needs are empty cells; the transcript is one JSON cell.

use super::codec::{NEED_COLUMNS, outcome_text, parse_grade, parse_outcome, parse_timestamp};
use super::import::ImportError;
use super::record::ResultRecord;
use chrono::SecondsFormat;
use frontline_core::needs::NeedMap;
use std::borrow::Cow;
use std::io::Write;

/// The header row, in column order.
pub const HEADER: [&str; 20] = [
    "id",
    "player",
    "team",
    "scenario_id",
    "scenario_title",
    "scenario_hash",
    "seed",
    "started_at",
    "duration_ms",
    "outcome",
    "friendliness",
    "empathy",
    "fairness",
    "options",
    "control",
    "information",
    "overall",
    "grade",
    "passed",
    "transcript",
];

const BOM: &str = "\u{feff}";

/// Writes `records` as CSV (with BOM and header) to `out`.
pub fn write_csv(records: &[ResultRecord], out: impl Write) -> std::io::Result<()> {
    let mut out = out;
    out.write_all(BOM.as_bytes())?;
    let mut w = csv::Writer::from_writer(out);
    w.write_record(HEADER)?;
    for r in records {
        w.write_record(row(r).iter().map(|cell| neutralise(cell).into_owned()))?;
    }
    w.flush()
}

/// The cells of one result, before neutralising.
fn row(r: &ResultRecord) -> Vec<String> {
    let needs = r
        .needs
        .0
        .map(|v| v.map_or(String::new(), |v| v.to_string()));
    let mut cells = vec![
        r.id.to_string(),
        r.player.clone(),
        r.team.clone(),
        r.scenario_id.clone(),
        r.scenario_title.clone(),
        r.scenario_hash.clone(),
        r.seed.to_string(),
        r.started_at.to_rfc3339_opts(SecondsFormat::AutoSi, true),
        r.duration_ms.to_string(),
        outcome_text(r.outcome).to_string(),
    ];
    cells.extend(needs);
    cells.extend([
        r.overall.to_string(),
        r.grade.to_string(),
        r.passed.to_string(),
        serde_json::to_string(&r.transcript).unwrap_or_default(),
    ]);
    cells
}

/// `cell` made safe for spreadsheets (see the module docs).
pub fn neutralise(cell: &str) -> Cow<'_, str> {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r' | '\'') => Cow::Owned(format!("'{cell}")),
        _ => Cow::Borrowed(cell),
    }
}

/// Inverse of [`neutralise`].
pub fn unneutralise(cell: &str) -> &str {
    cell.strip_prefix('\'').unwrap_or(cell)
}

/// Reads a CSV written by [`write_csv`] (columns may be in any order).
pub fn read_csv(text: &str) -> Result<Vec<ResultRecord>, ImportError> {
    let text = text.strip_prefix(BOM).unwrap_or(text);
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header = reader
        .headers()
        .map_err(|e| ImportError::at("header row", e))?
        .clone();
    let mut index = [0usize; HEADER.len()];
    for (slot, name) in index.iter_mut().zip(HEADER) {
        *slot = header
            .iter()
            .position(|h| h == name)
            .ok_or_else(|| ImportError::at("header row", format!("column `{name}` is missing")))?;
    }
    let mut records = Vec::new();
    for (n, row) in reader.records().enumerate() {
        let place = format!("row {}", n + 2);
        let row = row.map_err(|e| ImportError::at(&place, e))?;
        let cell = |i: usize| unneutralise(row.get(index[i]).unwrap_or(""));
        records.push(parse_row(&cell).map_err(|msg| ImportError::at(&place, msg))?);
    }
    Ok(records)
}

fn parse_row<'a>(cell: &dyn Fn(usize) -> &'a str) -> Result<ResultRecord, String> {
    let bad = |i: usize| format!("column `{}`: cannot read `{}`", HEADER[i], cell(i));
    let num = |i: usize| cell(i).parse::<u64>().map_err(|_| bad(i));
    let mut needs = NeedMap::<Option<u8>>::default();
    for (k, slot) in needs.0.iter_mut().enumerate() {
        let i = 10 + k;
        debug_assert_eq!(HEADER[i], NEED_COLUMNS[k]);
        *slot = match cell(i) {
            "" => None,
            v => Some(parse_score(v).ok_or_else(|| bad(i))?),
        };
    }
    Ok(ResultRecord {
        id: cell(0).parse().map_err(|_| bad(0))?,
        player: cell(1).to_string(),
        team: cell(2).to_string(),
        scenario_id: cell(3).to_string(),
        scenario_title: cell(4).to_string(),
        scenario_hash: cell(5).to_string(),
        seed: num(6)?,
        started_at: parse_timestamp(cell(7)).ok_or_else(|| bad(7))?,
        duration_ms: num(8)?,
        outcome: parse_outcome(cell(9)).ok_or_else(|| bad(9))?,
        needs,
        overall: parse_score(cell(16)).ok_or_else(|| bad(16))?,
        grade: parse_grade(cell(17)).ok_or_else(|| bad(17))?,
        passed: cell(18).parse().map_err(|_| bad(18))?,
        transcript: serde_json::from_str(cell(19))
            .map_err(|e| format!("column `transcript`: {e}"))?,
    })
}

/// A 0..=100 score.
pub(crate) fn parse_score(text: &str) -> Option<u8> {
    text.parse::<u8>().ok().filter(|v| *v <= 100)
}
