//! The local store as the outbox of a team server: which results still have
//! to be sent, and what the server answered for the others (table
//! `sync_state`, schema version 5). Every result is committed locally first;
//! sending it never changes the `results` table.

use super::SqliteStore;
use super::rows::{RECORD_COLUMNS, decode};
use crate::codec::timestamp_text;
use crate::record::ResultRecord;
use crate::store::StoreError;
use rusqlite::params;
use uuid::Uuid;

/// What the server said about one sent result, as the outbox keeps it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SyncMark {
    /// On the server (`stored` or `already_present`): never sent again.
    Delivered {
        /// The server's status word.
        status: String,
    },
    /// Refused for good (`conflict`, `invalid`, `forbidden`, `too_large`,
    /// `unreadable`): not sent again until [`SqliteStore::retry_rejected`].
    Rejected {
        /// Short reason code.
        reason: String,
        /// The server's (or reader's) explanation, for the player.
        message: String,
    },
    /// A failure that may pass (server error, unknown answer): stays pending.
    Retrying {
        /// What went wrong.
        message: String,
    },
}

impl SyncMark {
    fn columns(&self) -> (&'static str, &str, &str) {
        match self {
            SyncMark::Delivered { status } => ("delivered", status, ""),
            SyncMark::Rejected { reason, message } => ("rejected", reason, message),
            SyncMark::Retrying { message } => ("retrying", "retry", message),
        }
    }
}

/// How many local results are in each sync state.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct OutboxCounts {
    /// Not on the server yet (never sent, or sent and failed in a way that may pass).
    pub pending: u64,
    /// On the server.
    pub delivered: u64,
    /// Refused for good by the server.
    pub rejected: u64,
}

/// A result the server refused for good, with its reason.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RejectedResult {
    /// The result id.
    pub id: Uuid,
    /// Short reason code (`conflict`, `forbidden`, ...).
    pub reason: String,
    /// The explanation.
    pub message: String,
}

/// Where a walk over the pending results stands: after this result (pending
/// results come in start-time order, then id).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutboxPosition {
    started_at: String,
    id: String,
}

impl OutboxPosition {
    /// The position just after `record`.
    pub fn after(record: &ResultRecord) -> OutboxPosition {
        OutboxPosition {
            started_at: timestamp_text(record.started_at),
            id: record.id.to_string(),
        }
    }
}

/// Pending: no `sync_state` row, or one saying `retrying`.
const PENDING: &str = "FROM results LEFT JOIN sync_state ON sync_state.result_id = results.id \
     WHERE (sync_state.state IS NULL OR sync_state.state = 'retrying')";

impl SqliteStore {
    /// Number of results waiting to be sent ("3 results waiting to sync").
    pub fn pending_count(&self) -> Result<u64, StoreError> {
        let conn = self.lock();
        let n: i64 = conn.query_row(&format!("SELECT COUNT(*) {PENDING}"), [], |r| r.get(0))?;
        Ok(n.max(0) as u64)
    }

    /// Pending, delivered and rejected counts.
    pub fn outbox_counts(&self) -> Result<OutboxCounts, StoreError> {
        let pending = self.pending_count()?;
        let conn = self.lock();
        let count = |state: &str| -> Result<u64, StoreError> {
            let n: i64 = conn.query_row(
                "SELECT COUNT(*) FROM sync_state JOIN results ON results.id = sync_state.result_id \
                 WHERE state = ?1",
                [state],
                |r| r.get(0),
            )?;
            Ok(n.max(0) as u64)
        };
        Ok(OutboxCounts {
            pending,
            delivered: count("delivered")?,
            rejected: count("rejected")?,
        })
    }

    /// Up to `limit` pending results after `after` (from the start when
    /// `None`), oldest first. A stored row that cannot be read is marked
    /// rejected (`unreadable`) and skipped, so it never blocks the others.
    pub fn pending_batch(
        &self,
        after: Option<&OutboxPosition>,
        limit: usize,
    ) -> Result<Vec<ResultRecord>, StoreError> {
        let (from_start, started, id) = match after {
            Some(p) => (false, p.started_at.as_str(), p.id.as_str()),
            None => (true, "", ""),
        };
        let rows: Vec<Result<ResultRecord, StoreError>> = {
            let conn = self.lock();
            let mut stmt = conn.prepare_cached(&format!(
                "SELECT {RECORD_COLUMNS} {PENDING} \
                 AND (?1 OR (started_at, id) > (?2, ?3)) \
                 ORDER BY started_at, id LIMIT ?4"
            ))?;
            let limit = i64::try_from(limit).unwrap_or(i64::MAX);
            stmt.query_map(params![from_start, started, id, limit], decode)?
                .collect::<rusqlite::Result<_>>()?
        };
        let mut records = Vec::with_capacity(rows.len());
        for row in rows {
            match row {
                Ok(record) => records.push(record),
                Err(StoreError::BadRow { id, detail }) => {
                    let mark = SyncMark::Rejected {
                        reason: "unreadable".into(),
                        message: detail,
                    };
                    self.mark_rows(&[(id, mark)])?;
                }
                Err(other) => return Err(other),
            }
        }
        Ok(records)
    }

    /// Records the server's answers in one transaction (`attempts` counts
    /// every answer per result).
    pub fn mark_synced(&self, marks: &[(Uuid, SyncMark)]) -> Result<(), StoreError> {
        let rows: Vec<(String, SyncMark)> = marks
            .iter()
            .map(|(id, mark)| (id.to_string(), mark.clone()))
            .collect();
        self.mark_rows(&rows)
    }

    fn mark_rows(&self, marks: &[(String, SyncMark)]) -> Result<(), StoreError> {
        let now = timestamp_text(chrono::Utc::now());
        self.write(|tx| {
            let mut stmt = tx.prepare_cached(
                "INSERT INTO sync_state (result_id, state, reason, message, attempts, updated_at) \
                 VALUES (?1, ?2, ?3, ?4, 1, ?5) \
                 ON CONFLICT (result_id) DO UPDATE SET state = excluded.state, \
                 reason = excluded.reason, message = excluded.message, \
                 attempts = attempts + 1, updated_at = excluded.updated_at",
            )?;
            for (id, mark) in marks {
                let (state, reason, message) = mark.columns();
                stmt.execute(params![id, state, reason, message, now])?;
            }
            Ok(())
        })
    }

    /// The results the server refused for good, oldest answer first.
    pub fn rejected(&self) -> Result<Vec<RejectedResult>, StoreError> {
        let conn = self.lock();
        let mut stmt = conn.prepare_cached(
            "SELECT result_id, reason, message FROM sync_state WHERE state = 'rejected' \
             ORDER BY updated_at, result_id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (id, reason, message) = row?;
            let id = id.parse().map_err(|_| StoreError::BadRow {
                id: id.clone(),
                detail: "sync state of a result id that is not a UUID".into(),
            })?;
            out.push(RejectedResult {
                id,
                reason,
                message,
            });
        }
        Ok(out)
    }

    /// Makes every rejected result pending again (after the cause was fixed,
    /// e.g. a new token); returns how many.
    pub fn retry_rejected(&self) -> Result<usize, StoreError> {
        self.write(|tx| Ok(tx.execute("DELETE FROM sync_state WHERE state = 'rejected'", [])?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::ResultStore;
    use chrono::{TimeZone, Utc};
    use frontline_core::needs::NeedMap;
    use frontline_core::scenario::Outcome;

    fn record(n: u128) -> ResultRecord {
        ResultRecord {
            id: Uuid::from_u128(n),
            player_id: Uuid::from_u128(7),
            player: "ana".into(),
            team: "Branch 12".into(),
            scenario_id: "retail".into(),
            scenario_hash: "ab".repeat(32),
            scenario_title: "Out of stock".into(),
            seed: 1,
            started_at: Utc.with_ymd_and_hms(2026, 3, 1, 8, 0, 0).unwrap()
                + chrono::Duration::minutes(n as i64),
            duration_ms: 60_000,
            outcome: Outcome::Satisfied,
            needs: NeedMap([Some(50), None, None, None, None, Some(100)]),
            overall: 75,
            grade: 'B',
            passed: true,
            transcript: Vec::new(),
        }
    }

    #[test]
    fn pages_walk_pending_results_in_start_order_and_skip_answered_ones() {
        let store = SqliteStore::in_memory().unwrap();
        for n in [3, 1, 2, 4] {
            store.insert(&record(n)).unwrap();
        }
        let first = store.pending_batch(None, 2).unwrap();
        assert_eq!(first, [record(1), record(2)]);
        let after = OutboxPosition::after(&first[1]);
        assert_eq!(
            store.pending_batch(Some(&after), 5).unwrap(),
            [record(3), record(4)]
        );
        let delivered = SyncMark::Delivered {
            status: "stored".into(),
        };
        let retrying = SyncMark::Retrying {
            message: "502".into(),
        };
        store
            .mark_synced(&[(record(1).id, delivered), (record(2).id, retrying.clone())])
            .unwrap();
        store.mark_synced(&[(record(2).id, retrying)]).unwrap();
        assert_eq!(
            store.pending_batch(None, 5).unwrap(),
            [record(2), record(3), record(4)]
        );
        let counts = store.outbox_counts().unwrap();
        assert_eq!(
            (counts.pending, counts.delivered, counts.rejected),
            (3, 1, 0)
        );
        let attempts: i64 = store
            .lock()
            .query_row(
                "SELECT attempts FROM sync_state WHERE result_id = ?1",
                [record(2).id.to_string()],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(attempts, 2);
    }

    #[test]
    fn an_unreadable_row_is_set_aside_instead_of_blocking_the_outbox() {
        let store = SqliteStore::in_memory().unwrap();
        store.insert(&record(1)).unwrap();
        store.insert(&record(2)).unwrap();
        store
            .lock()
            .execute(
                "UPDATE results SET transcript = 'not json' WHERE id = ?1",
                [record(1).id.to_string()],
            )
            .unwrap();
        assert_eq!(store.pending_batch(None, 10).unwrap(), [record(2)]);
        let rejected = store.rejected().unwrap();
        assert_eq!(rejected.len(), 1);
        assert_eq!(
            (rejected[0].id, rejected[0].reason.as_str()),
            (record(1).id, "unreadable")
        );
        assert_eq!(store.pending_count().unwrap(), 1);
    }
}
