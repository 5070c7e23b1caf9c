//! The check before any write or migration, and its cache.
//!
//! `PRAGMA integrity_check` reads every page and proves each index matches
//! its table (`quick_check` skips that part, so a damaged index got through).
//! It costs a read of the whole file, so its success is remembered in a small
//! file beside the database, `<file>-checked`, holding the size and
//! modification time (nanoseconds) of the database and of its `-wal` file.
//! Every Frontline writer updates it after each commit and when it closes
//! the file; anything else that changes the file makes the fingerprint
//! differ, and the next writer runs the full check again.

use super::{SQLITE_HEADER, classify, integrity_report, schema};
use crate::store::StoreError;
use rusqlite::{Connection, OpenFlags};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

/// Where the fingerprint of the last check is kept.
fn marker_path(db: &Path) -> PathBuf {
    sibling(db, "-checked")
}

/// `db` with `suffix` appended to its file name (`results.db-wal`).
pub(crate) fn sibling(db: &Path, suffix: &str) -> PathBuf {
    let mut name = db.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// Size and modification time of the database and its `-wal` file.
fn fingerprint(db: &Path) -> std::io::Result<String> {
    let stamp = |p: &Path| -> std::io::Result<(u64, u128)> {
        match std::fs::metadata(p) {
            Ok(m) => {
                let modified = m.modified()?.duration_since(UNIX_EPOCH).unwrap_or_default();
                Ok((m.len(), modified.as_nanos()))
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok((0, 0)),
            Err(e) => Err(e),
        }
    };
    let (size, modified) = stamp(db)?;
    // An empty log holds nothing: a reader that created one changed nothing.
    let (wal_size, wal_modified) = match stamp(&sibling(db, "-wal"))? {
        (0, _) => (0, 0),
        found => found,
    };
    Ok(format!(
        "frontline-checked 1 {size} {modified} {wal_size} {wal_modified}\n"
    ))
}

/// Records `db` as checked, as it is now.
pub(crate) fn remember(db: &Path) -> std::io::Result<()> {
    std::fs::write(marker_path(db), fingerprint(db)?)
}

/// True when `db` changed since a Frontline process last checked or wrote
/// it, so the next writer will run the full `integrity_check` first.
pub fn needs_full_check(db: &Path) -> bool {
    match (std::fs::read_to_string(marker_path(db)), fingerprint(db)) {
        (Ok(recorded), Ok(now)) => recorded != now,
        _ => true,
    }
}

/// Refuses, without writing anything, a file that is not a healthy SQLite
/// database of a schema this build understands. A missing or empty file
/// passes. Runs the full `integrity_check` unless [`needs_full_check`] says
/// the file is as Frontline left it.
pub fn verify(path: &Path) -> Result<(), StoreError> {
    let unreadable = |e: &dyn std::fmt::Display| StoreError::Unreadable {
        path: path.to_path_buf(),
        detail: e.to_string(),
    };
    let mut file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(unreadable(&e)),
    };
    let mut header = Vec::with_capacity(16);
    file.by_ref()
        .take(16)
        .read_to_end(&mut header)
        .map_err(|e| unreadable(&e))?;
    if header.is_empty() {
        return Ok(());
    }
    if header != SQLITE_HEADER {
        return Err(StoreError::NotADatabase {
            path: path.to_path_buf(),
        });
    }
    let full = needs_full_check(path);
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(path, flags).map_err(|e| classify(e, path))?;
    conn.busy_timeout(super::BUSY_TIMEOUT)?;
    if full {
        full_check(&conn, path)?;
    }
    let found = schema::version(&conn).map_err(|e| classify(e, path))?;
    if found > schema::LATEST_VERSION {
        return Err(StoreError::TooNew {
            path: path.to_path_buf(),
            found,
            supported: schema::LATEST_VERSION,
        });
    }
    Ok(())
}

/// `PRAGMA integrity_check` on `conn`: `Ok` or [`StoreError::Corrupt`] naming `path`.
pub(crate) fn full_check(conn: &Connection, path: &Path) -> Result<(), StoreError> {
    let report =
        integrity_report(conn, "integrity_check").map_err(|e| match super::backend_error(e) {
            Ok(sqlite) => classify(sqlite, path),
            Err(other) => other,
        })?;
    if report == "ok" {
        Ok(())
    } else {
        Err(StoreError::Corrupt {
            path: path.to_path_buf(),
            detail: report,
        })
    }
}
