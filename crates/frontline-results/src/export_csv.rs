//! CSV export and its exact inverse for import.
//!
//! - UTF-8 with a byte-order mark, a header row, one row per result: opens
//!   cleanly in Excel, LibreOffice and Google Sheets.
//! - Formula injection: a cell starting with `=`, `+`, `-`, `@`, tab or
//!   carriage return gets a leading `'`, so a spreadsheet shows it as text
//!   instead of running it. A cell that itself starts with `'` gets one too.
//!   Import drops a leading `'` only when what follows it is one of those
//!   characters (so exactly where the export added one): a hand-written
//!   `'Neil` keeps its quote, and every export reads back unchanged.
//! - Not assessed needs are empty cells; the transcript is one JSON cell.
//! - `player_id` may be missing (exports made before players had ids) or
//!   empty: such rows get [`derived_player_id`] of their team and name.

use super::codec::{NEED_COLUMNS, outcome_text, parse_grade, parse_outcome, parse_timestamp};
use super::import::ImportError;
use super::record::{ResultRecord, derived_player_id};
use chrono::SecondsFormat;
use frontline_core::needs::NeedMap;
use std::borrow::Cow;
use std::io::Write;

/// The header row, in column order.
pub const HEADER: [&str; 21] = [
    "id",
    "player_id",
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

/// The one column an import may lack: `player_id` (derived when missing).
const OPTIONAL_COLUMN: &str = "player_id";

const BOM: &str = "\u{feff}";

/// Writes `records` as CSV (with BOM and header) to `out`.
pub fn write_csv(records: &[ResultRecord], out: impl Write) -> std::io::Result<()> {
    let mut w = CsvWriter::new(out)?;
    for r in records {
        w.write(r)?;
    }
    w.finish()
}

/// A CSV export written one result at a time (memory stays flat however
/// many results there are).
pub struct CsvWriter<W: Write> {
    out: csv::Writer<W>,
}

impl<W: Write> CsvWriter<W> {
    /// Starts the export: writes the byte-order mark and the header row.
    pub fn new(mut out: W) -> std::io::Result<CsvWriter<W>> {
        out.write_all(BOM.as_bytes())?;
        let mut out = csv::Writer::from_writer(out);
        out.write_record(HEADER)?;
        Ok(CsvWriter { out })
    }

    /// Writes one result's row.
    pub fn write(&mut self, r: &ResultRecord) -> std::io::Result<()> {
        self.out
            .write_record(row(r).iter().map(|cell| neutralise(cell).into_owned()))?;
        Ok(())
    }

    /// Flushes everything written.
    pub fn finish(mut self) -> std::io::Result<()> {
        self.out.flush()
    }
}

/// The cells of one result, before neutralising.
fn row(r: &ResultRecord) -> Vec<String> {
    let needs = r
        .needs
        .0
        .map(|v| v.map_or(String::new(), |v| v.to_string()));
    let mut cells = vec![
        r.id.to_string(),
        r.player_id.to_string(),
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

/// Inverse of [`neutralise`]: drops a leading `'` only where the export
/// added one, i.e. when the text after it starts with a guarded character
/// (`=`, `+`, `-`, `@`, tab, carriage return or another `'`). A hand-written
/// `'Neil` keeps its quote.
pub fn unneutralise(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest)
            if matches!(
                rest.chars().next(),
                Some('=' | '+' | '-' | '@' | '\t' | '\r' | '\'')
            ) =>
        {
            rest
        }
        _ => cell,
    }
}

/// Reads a whole CSV written by [`write_csv`] (columns may be in any order);
/// the first problem fails it. [`crate::import`] streams instead.
pub fn read_csv(text: &str) -> Result<Vec<ResultRecord>, ImportError> {
    let text = text.strip_prefix(BOM).unwrap_or(text);
    CsvRecords::new(text.as_bytes())?
        .map(|r| r.map_err(|mut problems| problems.remove(0)))
        .collect()
}

/// The results of a CSV export, read one row at a time and validated
/// ([`ResultRecord::problems`]); a bad row yields every problem it has.
pub struct CsvRecords<R: std::io::Read> {
    rows: csv::StringRecordsIntoIter<R>,
    index: [Option<usize>; HEADER.len()],
    line: usize,
}

impl<R: std::io::Read> CsvRecords<R> {
    /// Reads the header row (the byte-order mark already skipped).
    pub fn new(input: R) -> Result<CsvRecords<R>, ImportError> {
        let mut reader = csv::Reader::from_reader(input);
        let header = reader
            .headers()
            .map_err(|e| ImportError::at("header row", e))?
            .clone();
        let mut index = [None; HEADER.len()];
        for (slot, name) in index.iter_mut().zip(HEADER) {
            *slot = header.iter().position(|h| h == name);
            if slot.is_none() && name != OPTIONAL_COLUMN {
                let message = format!("column `{name}` is missing");
                return Err(ImportError::at("header row", message));
            }
        }
        Ok(CsvRecords {
            rows: reader.into_records(),
            index,
            line: 1,
        })
    }
}

impl<R: std::io::Read> Iterator for CsvRecords<R> {
    type Item = Result<ResultRecord, Vec<ImportError>>;

    fn next(&mut self) -> Option<Self::Item> {
        let row = self.rows.next()?;
        self.line += 1;
        let place = format!("row {}", self.line);
        let row = match row {
            Ok(row) => row,
            Err(e) => return Some(Err(vec![ImportError::at(&place, e)])),
        };
        let cell = |i: usize| unneutralise(self.index[i].and_then(|at| row.get(at)).unwrap_or(""));
        Some(match parse_row(&cell) {
            Ok(record) => crate::import::checked(record, &place),
            Err((column, message)) => Err(vec![ImportError::in_field(&place, column, message)]),
        })
    }
}

fn parse_row<'a>(cell: &dyn Fn(usize) -> &'a str) -> Result<ResultRecord, (&'static str, String)> {
    let bad = |i: usize| (HEADER[i], format!("cannot read `{}`", cell(i)));
    let num = |i: usize| cell(i).parse::<u64>().map_err(|_| bad(i));
    let mut needs = NeedMap::<Option<u8>>::default();
    for (k, slot) in needs.0.iter_mut().enumerate() {
        let i = 11 + k;
        debug_assert_eq!(HEADER[i], NEED_COLUMNS[k]);
        *slot = match cell(i) {
            "" => None,
            v => Some(parse_score(v).ok_or_else(|| bad(i))?),
        };
    }
    Ok(ResultRecord {
        id: cell(0).parse().map_err(|_| bad(0))?,
        player_id: match cell(1) {
            "" => derived_player_id(cell(3), cell(2)),
            id => id.parse().map_err(|_| bad(1))?,
        },
        player: cell(2).to_string(),
        team: cell(3).to_string(),
        scenario_id: cell(4).to_string(),
        scenario_title: cell(5).to_string(),
        scenario_hash: cell(6).to_string(),
        seed: num(7)?,
        started_at: parse_timestamp(cell(8)).ok_or_else(|| bad(8))?,
        duration_ms: num(9)?,
        outcome: parse_outcome(cell(10)).ok_or_else(|| bad(10))?,
        needs,
        overall: parse_score(cell(17)).ok_or_else(|| bad(17))?,
        grade: parse_grade(cell(18)).ok_or_else(|| bad(18))?,
        passed: cell(19).parse().map_err(|_| bad(19))?,
        transcript: serde_json::from_str(cell(20)).map_err(|e| ("transcript", e.to_string()))?,
    })
}

/// A 0..=100 score.
pub(crate) fn parse_score(text: &str) -> Option<u8> {
    text.parse::<u8>().ok().filter(|v| *v <= 100)
}
