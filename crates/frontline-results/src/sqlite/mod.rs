//! The embedded backend: one SQLite file in WAL mode.
//!
//! Safety rules:
//! - An existing file is checked before anything writes to it: it must start
//!   with the SQLite header, pass the full `PRAGMA integrity_check` (which,
//!   unlike `quick_check`, also proves every index matches its table) through
//!   a read-only connection, and not come from a newer schema. Otherwise
//!   opening fails with a clear [`StoreError`] and the file is left
//!   byte-for-byte as it was.
//! - Opening stays fast: the full check is skipped when the file is exactly
//!   as Frontline last left it, i.e. its size and modification time (and
//!   those of its `-wal` file) match what was recorded in `<file>-checked`
//!   after the last check or the last write by a Frontline process. Any other
//!   change to the file (another tool, a disk error that rewrites a block, a
//!   copy from elsewhere) means a full check first ([`verify`]).
//! - Read-only commands ([`SqliteStore::open_read_only`]) open with
//!   `SQLITE_OPEN_READ_ONLY`: they never write, never migrate, never wait for
//!   a writer (WAL readers see the last commit), and work in a read-only
//!   folder.
//! - Every write is one `BEGIN IMMEDIATE` transaction; a 5 s busy timeout plus
//!   a few retries let several games and CLI commands write at once.
//! - WAL with `synchronous = NORMAL`: a killed process never loses a committed
//!   result nor corrupts the file.

pub mod delivery;
pub mod outbox;
mod queries;
mod read_only;
mod rows;
pub mod salvage;
pub mod schema;
mod verify;

pub use verify::{needs_full_check, verify};

use super::store::StoreError;
use rusqlite::{Connection, OpenFlags, TransactionBehavior};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

/// How long one statement waits for another process's lock.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// Further attempts after a transaction still found the database busy.
const BUSY_RETRIES: u32 = 4;

/// The first 16 bytes of every SQLite database file.
pub(crate) const SQLITE_HEADER: &[u8; 16] = b"SQLite format 3\0";

/// Results in one SQLite file (or in memory).
pub struct SqliteStore {
    conn: Mutex<Connection>,
    path: Option<PathBuf>,
    /// Opened read-only: no writes, no `-checked` marker.
    read_only: bool,
}

impl Drop for SqliteStore {
    /// Closes the connection (the last one checkpoints the log into the
    /// file) and records the file as Frontline left it, so the next opening
    /// need not run the full check again.
    fn drop(&mut self) {
        if self.read_only || self.path.is_none() {
            return;
        }
        let conn = self.conn.get_mut().unwrap_or_else(|p| p.into_inner());
        if let Ok(spare) = Connection::open_in_memory() {
            // A failed close leaves the file to the next opening's full check.
            let _ = std::mem::replace(conn, spare).close();
        }
        self.remember_checked();
    }
}

impl std::fmt::Debug for SqliteStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SqliteStore")
            .field("path", &self.path)
            .finish()
    }
}

impl SqliteStore {
    /// Opens (creating it and its folder if needed) and migrates the database
    /// at `path`. A damaged or foreign file is reported and never modified.
    pub fn open(path: &Path) -> Result<SqliteStore, StoreError> {
        let unreadable = |e: &dyn std::fmt::Display| StoreError::Unreadable {
            path: path.to_path_buf(),
            detail: e.to_string(),
        };
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| unreadable(&e))?;
        }
        verify(path)?;
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags).map_err(|e| unreadable(&e))?;
        let store = SqliteStore::prepare(conn, Some(path.to_path_buf()))?;
        store.remember_checked();
        Ok(store)
    }

    /// A store that lives only as long as this value (used when no file can
    /// be opened, and in tests).
    pub fn in_memory() -> Result<SqliteStore, StoreError> {
        SqliteStore::prepare(Connection::open_in_memory()?, None)
    }

    /// The database file (`None` in memory).
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// `PRAGMA integrity_check`: `Ok(())` or SQLite's report.
    pub fn integrity_check(&self) -> Result<(), StoreError> {
        let conn = self.lock();
        let report = integrity_report(&conn, "integrity_check")?;
        if report == "ok" {
            Ok(())
        } else {
            Err(StoreError::Corrupt {
                path: self.path.clone().unwrap_or_default(),
                detail: report,
            })
        }
    }

    /// The schema version of the open database.
    pub fn schema_version(&self) -> Result<i64, StoreError> {
        Ok(schema::version(&self.lock())?)
    }

    fn prepare(mut conn: Connection, path: Option<PathBuf>) -> Result<SqliteStore, StoreError> {
        conn.busy_timeout(BUSY_TIMEOUT)?;
        retry_busy(|| {
            let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
            let _ = mode; // "memory" for in-memory databases
            conn.pragma_update(None, "synchronous", "NORMAL")
        })?;
        let found = retry_busy(|| {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let found = schema::version(&tx)?;
            if (0..schema::LATEST_VERSION).contains(&found) {
                schema::migrate(&tx, found)?;
            }
            tx.commit()?;
            Ok(found)
        })?;
        if found > schema::LATEST_VERSION {
            return Err(StoreError::TooNew {
                path: path.unwrap_or_default(),
                found,
                supported: schema::LATEST_VERSION,
            });
        }
        Ok(SqliteStore {
            conn: Mutex::new(conn),
            path,
            read_only: false,
        })
    }

    /// Records the file as this process leaves it (see [`verify`]). Only an
    /// optimisation: when it cannot be written, the next opening checks fully.
    pub(crate) fn remember_checked(&self) {
        if let (Some(path), false) = (&self.path, self.read_only) {
            let _ = verify::remember(path);
        }
    }

    fn lock(&self) -> MutexGuard<'_, Connection> {
        self.conn
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// Runs `PRAGMA <pragma>(5)` and joins its lines ("ok" when healthy).
pub(crate) fn integrity_report(conn: &Connection, pragma: &str) -> Result<String, StoreError> {
    let mut stmt = conn.prepare(&format!("PRAGMA {pragma}(5)"))?;
    let lines = stmt
        .query_map([], |r| r.get::<_, String>(0))?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(lines.join("; "))
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> StoreError {
        StoreError::Backend(Box::new(e))
    }
}

/// The SQLite error inside `e`, when it is one (to retry a busy database or
/// classify damage); any other error comes back unchanged.
pub(crate) fn backend_error(e: StoreError) -> Result<rusqlite::Error, StoreError> {
    match e {
        StoreError::Backend(inner) => match inner.downcast::<rusqlite::Error>() {
            Ok(sqlite) => Ok(*sqlite),
            Err(other) => Err(StoreError::Backend(other)),
        },
        other => Err(other),
    }
}

/// Maps SQLite's "not a database" / "corrupt" codes to [`StoreError::Corrupt`].
pub(crate) fn classify(e: rusqlite::Error, path: &Path) -> StoreError {
    use rusqlite::ErrorCode::{DatabaseCorrupt, NotADatabase};
    match e.sqlite_error_code() {
        Some(DatabaseCorrupt | NotADatabase) => StoreError::Corrupt {
            path: path.to_path_buf(),
            detail: e.to_string(),
        },
        _ => StoreError::Unreadable {
            path: path.to_path_buf(),
            detail: e.to_string(),
        },
    }
}

/// Runs `attempt` again (with a growing pause) while SQLite reports the
/// database busy or locked beyond its busy timeout.
fn retry_busy<T>(mut attempt: impl FnMut() -> rusqlite::Result<T>) -> Result<T, StoreError> {
    use rusqlite::ErrorCode::{DatabaseBusy, DatabaseLocked};
    let mut tries = 0;
    loop {
        match attempt() {
            Ok(v) => return Ok(v),
            Err(e) if matches!(e.sqlite_error_code(), Some(DatabaseBusy | DatabaseLocked)) => {
                if tries == BUSY_RETRIES {
                    return Err(StoreError::Busy);
                }
                tries += 1;
                std::thread::sleep(Duration::from_millis(25 * u64::from(tries)));
            }
            Err(e) => return Err(e.into()),
        }
    }
}

/// The warning shown to the player when results go somewhere other than asked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FallbackWarning {
    /// What went wrong with the usual file.
    pub problem: String,
    /// Where results go now (`None`: only in memory, lost on exit).
    pub now_saving_to: Option<PathBuf>,
}

impl std::fmt::Display for FallbackWarning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.now_saving_to {
            Some(p) => write!(
                f,
                "{}. Your results are now saved to {} instead.",
                self.problem,
                p.display()
            ),
            None => write!(
                f,
                "{}. No other file could be created either: results of this session will not be kept.",
                self.problem
            ),
        }
    }
}

/// Opens `path`; when it cannot be used, keeps it untouched and opens a
/// recovery file beside it (`<stem>.recovered-<UTC time>.db`, reusing the
/// newest one that still opens), or memory as a last resort. The game always
/// gets a store; the warning says what happened and must be shown to the player.
pub fn open_or_fallback(path: &Path) -> (SqliteStore, Option<FallbackWarning>) {
    let problem = match SqliteStore::open(path) {
        Ok(store) => return (store, None),
        Err(e) => e.to_string(),
    };
    let dir = path.parent().unwrap_or(Path::new("."));
    let stem = path
        .file_stem()
        .map_or("results".into(), |s| s.to_string_lossy().into_owned());
    let prefix = format!("{stem}.recovered-");
    let mut earlier: Vec<PathBuf> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(&prefix) && n.ends_with(".db"))
        })
        .collect();
    earlier.sort();
    let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%S%.3fZ");
    let fresh = dir.join(format!("{prefix}{stamp}.db"));
    for candidate in earlier.into_iter().rev().chain([fresh]) {
        if let Ok(store) = SqliteStore::open(&candidate) {
            let warning = FallbackWarning {
                problem,
                now_saving_to: Some(candidate),
            };
            return (store, Some(warning));
        }
    }
    let warning = FallbackWarning {
        problem,
        now_saving_to: None,
    };
    match SqliteStore::in_memory() {
        Ok(store) => (store, Some(warning)),
        // An in-memory database only fails when memory is exhausted.
        Err(e) => panic!("cannot create even an in-memory results store: {e}"),
    }
}

#[cfg(test)]
mod backend_error_tests {
    use super::*;

    /// The trait's error names no backend type, yet the SQLite store still
    /// gets its own errors back (to retry a busy file, to classify damage).
    #[test]
    fn sqlite_errors_pass_through_the_neutral_error_and_others_do_not() {
        let sqlite = rusqlite::Error::QueryReturnedNoRows;
        let neutral: StoreError = sqlite.into();
        assert!(neutral.to_string().starts_with("results database error"));
        assert!(matches!(
            backend_error(neutral),
            Ok(rusqlite::Error::QueryReturnedNoRows)
        ));
        let other = StoreError::Backend("the team server said no".into());
        assert!(matches!(backend_error(other), Err(StoreError::Backend(_))));
        assert!(matches!(
            backend_error(StoreError::Busy),
            Err(StoreError::Busy)
        ));
    }
}
