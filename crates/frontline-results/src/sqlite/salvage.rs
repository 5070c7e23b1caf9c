//! `frontline doctor`: checking a store without touching it, and copying the
//! readable results of a damaged one into a fresh file.

use super::rows::{RECORD_COLUMNS, decode_at};
use super::verify::full_check;
use super::{SqliteStore, classify};
use crate::store::{ResultStore, StoreError};
use rusqlite::{Connection, OpenFlags};
use std::path::Path;

/// What [`salvage`] did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SalvageReport {
    /// Results copied into the fresh store.
    pub saved: usize,
    /// Rows that could be reached but not read or failed validation, with why.
    pub lost: Vec<String>,
    /// Stretches of the table SQLite could not read at all (each skipped).
    pub unreadable_stretches: usize,
}

/// Runs the full integrity check on the database at `path` through a
/// read-only connection: `Ok` when healthy, else why (the file is not touched).
pub fn check(path: &Path) -> Result<(), StoreError> {
    let conn = open_damaged(path)?;
    full_check(&conn, path)
}

/// Reads every result of `damaged` that can still be read, row by row
/// (stepping over stretches SQLite reports as corrupt), validates each, and
/// stores the good ones in a new database at `fresh` (which must not exist).
/// `damaged` is only read.
pub fn salvage(damaged: &Path, fresh: &Path) -> Result<SalvageReport, StoreError> {
    if fresh.exists() {
        return Err(StoreError::Unreadable {
            path: fresh.to_path_buf(),
            detail: "already exists; salvage writes a new file".into(),
        });
    }
    let source = open_damaged(damaged)?;
    let target = SqliteStore::open(fresh)?;
    let mut report = SalvageReport::default();
    let mut after: i64 = i64::MIN;
    // Each pass reads on from the last good rowid; a corrupt stretch ends the
    // pass and the next one starts just past it (by probing forward).
    let sql = format!(
        "SELECT rowid, {RECORD_COLUMNS} FROM results NOT INDEXED WHERE rowid > ? ORDER BY rowid"
    );
    let mut failures_in_a_row = 0u32;
    loop {
        let mut batch = Vec::new();
        let outcome = (|| -> rusqlite::Result<()> {
            let mut stmt = source.prepare(&sql)?;
            let mut rows = stmt.query([after])?;
            while let Some(row) = rows.next()? {
                let rowid: i64 = row.get(0)?;
                after = rowid;
                batch.push(read_one(row));
                if batch.len() == 1_000 {
                    break;
                }
            }
            Ok(())
        })();
        let read = batch.len();
        let mut good = Vec::with_capacity(read);
        for item in batch {
            match item {
                Ok(r) => good.push(r),
                Err(why) => report.lost.push(why),
            }
        }
        report.saved += target.import(&good)?.added;
        match outcome {
            Ok(()) if read == 0 => break,
            Ok(()) => failures_in_a_row = 0,
            Err(_) => {
                report.unreadable_stretches += usize::from(read == 0 || failures_in_a_row == 0);
                failures_in_a_row += 1;
                if failures_in_a_row > 64 {
                    break;
                }
                // Skip ahead past the damage, further each time.
                after = after.saturating_add(1 << failures_in_a_row.min(40));
            }
        }
    }
    Ok(report)
}

/// One row (rowid first, then [`RECORD_COLUMNS`]) as a valid record, or why it is lost.
fn read_one(row: &rusqlite::Row<'_>) -> Result<crate::record::ResultRecord, String> {
    let id = row.get::<_, String>(1).unwrap_or_else(|_| "?".into());
    let record = match decode_at(row, 1) {
        Ok(Ok(r)) => r,
        Ok(Err(e)) => return Err(format!("{id}: {e}")),
        Err(e) => return Err(format!("{id}: {e}")),
    };
    record.validate().map_err(|problems| {
        let list: Vec<String> = problems.iter().map(ToString::to_string).collect();
        format!("{id}: {}", list.join("; "))
    })?;
    Ok(record)
}

/// A read-only connection to a file that may be damaged.
fn open_damaged(path: &Path) -> Result<Connection, StoreError> {
    if !path.exists() {
        return Err(StoreError::Unreadable {
            path: path.to_path_buf(),
            detail: "no such file".into(),
        });
    }
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(path, flags).map_err(|e| classify(e, path))?;
    conn.busy_timeout(super::BUSY_TIMEOUT)?;
    Ok(conn)
}
