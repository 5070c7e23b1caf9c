//! Opening for commands that only read (`scores`, `export`, `doctor`).
//!
//! The connection is `SQLITE_OPEN_READ_ONLY`: it cannot write, migrate or
//! take the write lock, and as a WAL reader it sees the last committed state
//! without ever waiting for a writer. In a folder it may not write to, SQLite
//! cannot create the shared-memory file WAL readers use; when no `-wal` file
//! exists there is nothing outside the main file to see, and the file is read
//! as immutable instead.

use super::verify::sibling;
use super::{BUSY_TIMEOUT, SQLITE_HEADER, SqliteStore, classify, schema};
use crate::store::StoreError;
use rusqlite::{Connection, OpenFlags};
use std::io::Read;
use std::path::Path;
use std::sync::Mutex;

impl SqliteStore {
    /// Opens an existing database for reading only (see the module docs). A
    /// database from an older Frontline needs upgrading first, which writes:
    /// it is opened with [`SqliteStore::open`] instead (checked, migrated).
    pub fn open_read_only(path: &Path) -> Result<SqliteStore, StoreError> {
        let mut header = Vec::with_capacity(16);
        std::fs::File::open(path)
            .and_then(|f| f.take(16).read_to_end(&mut header))
            .map_err(|e| StoreError::Unreadable {
                path: path.to_path_buf(),
                detail: e.to_string(),
            })?;
        if header.as_slice() != SQLITE_HEADER {
            return Err(StoreError::NotADatabase {
                path: path.to_path_buf(),
            });
        }
        let conn = match connect(path, false) {
            Ok(conn) => conn,
            Err(e) if !sibling(path, "-wal").exists() => match connect(path, true) {
                Ok(conn) => conn,
                Err(_) => return Err(classify(e, path)),
            },
            Err(e) => return Err(classify(e, path)),
        };
        let found = schema::version(&conn).map_err(|e| classify(e, path))?;
        if found > schema::LATEST_VERSION {
            return Err(StoreError::TooNew {
                path: path.to_path_buf(),
                found,
                supported: schema::LATEST_VERSION,
            });
        }
        if found < schema::LATEST_VERSION {
            drop(conn);
            return SqliteStore::open(path);
        }
        Ok(SqliteStore {
            conn: Mutex::new(conn),
            path: Some(path.to_path_buf()),
            read_only: true,
        })
    }

    /// True when this store was opened with [`SqliteStore::open_read_only`].
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }
}

/// A read-only connection that has read the schema version (so a missing
/// shared-memory file shows up here, not at the first query).
fn connect(path: &Path, immutable: bool) -> rusqlite::Result<Connection> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY
        | OpenFlags::SQLITE_OPEN_NO_MUTEX
        | OpenFlags::SQLITE_OPEN_URI;
    let mut uri = format!("file:{}?mode=ro", uri_path(path));
    if immutable {
        uri += "&immutable=1";
    }
    let conn = Connection::open_with_flags(uri, flags)?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    schema::version(&conn)?;
    Ok(conn)
}

/// `path` for a `file:` URI: the characters URIs give a meaning escaped.
fn uri_path(path: &Path) -> String {
    path.to_string_lossy()
        .chars()
        .map(|c| match c {
            '%' | '?' | '#' => format!("%{:02X}", c as u32),
            c => c.to_string(),
        })
        .collect()
}
