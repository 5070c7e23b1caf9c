//! Per-result delivery state for learning record stores (schema version 4):
//! which results `frontline lrs push` still has to send to an endpoint, and
//! what became of those it sent. The state is written in the same database as
//! the results, one transaction per batch, so a push killed at any moment
//! resumes exactly where its last committed batch ended.

use super::SqliteStore;
use super::rows::{RECORD_COLUMNS, decode_at};
use crate::record::ResultRecord;
use crate::store::StoreError;
use rusqlite::params;
use uuid::Uuid;

/// What became of one result sent to a learning record store.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Delivery {
    /// The store holds every statement of the result.
    Delivered,
    /// The store refused a statement of the result, or it could not be sent
    /// at all; the text says which statement and why.
    Rejected(String),
}

/// One stored result still to send, in the order results were stored.
#[derive(Debug)]
pub struct PendingResult {
    /// Where the walk goes on from (pass it as `after` to the next call).
    pub position: i64,
    /// The result id as stored (kept even when the row cannot be read).
    pub id: String,
    /// The result, or why its row cannot be read.
    pub record: Result<ResultRecord, StoreError>,
}

/// How the results stand with one endpoint.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DeliveryCounts {
    /// Every stored result.
    pub results: u64,
    /// Accepted by the endpoint.
    pub delivered: u64,
    /// Refused by the endpoint (or unsendable); not sent again unless asked.
    pub rejected: u64,
    /// Never sent to the endpoint yet.
    pub pending: u64,
}

/// The key an endpoint's state is kept under: the URL without trailing
/// slashes, so `https://lrs/xapi` and `https://lrs/xapi/` are one store.
pub fn endpoint_key(endpoint: &str) -> &str {
    endpoint.trim_end_matches('/')
}

impl SqliteStore {
    /// Up to `limit` results stored after `after` (0: from the start) that
    /// have no delivery state for `endpoint` (and, with `include_rejected`,
    /// those it rejected too), in storage order.
    pub fn pending_deliveries(
        &self,
        endpoint: &str,
        after: i64,
        limit: usize,
        include_rejected: bool,
    ) -> Result<Vec<PendingResult>, StoreError> {
        let conn = self.lock();
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT rowid, {RECORD_COLUMNS} FROM results r WHERE rowid > ?1 AND NOT EXISTS \
             (SELECT 1 FROM lrs_deliveries d WHERE d.endpoint = ?2 AND d.result_id = r.id \
              AND (d.state = 'delivered' OR NOT ?3)) \
             ORDER BY rowid LIMIT ?4"
        ))?;
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let rows = stmt.query_map(
            params![after, endpoint_key(endpoint), include_rejected, limit],
            |row| {
                let position: i64 = row.get(0)?;
                let id: String = row.get(1)?;
                let record = decode_at(row, 1)?;
                Ok(PendingResult {
                    position,
                    id,
                    record,
                })
            },
        )?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    }

    /// Records what became of the results of one batch, in one transaction.
    pub fn record_deliveries(
        &self,
        endpoint: &str,
        outcomes: &[(String, Delivery)],
    ) -> Result<(), StoreError> {
        let at = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
        self.write(|tx| {
            let mut stmt = tx.prepare_cached(
                "INSERT INTO lrs_deliveries (endpoint, result_id, state, detail, at) \
                 VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (endpoint, result_id) DO UPDATE SET \
                 state = excluded.state, detail = excluded.detail, at = excluded.at",
            )?;
            for (id, outcome) in outcomes {
                let (state, detail) = match outcome {
                    Delivery::Delivered => ("delivered", ""),
                    Delivery::Rejected(why) => ("rejected", why.as_str()),
                };
                stmt.execute(params![endpoint_key(endpoint), id, state, detail, at])?;
            }
            Ok(())
        })
    }

    /// How the stored results stand with `endpoint`.
    pub fn delivery_counts(&self, endpoint: &str) -> Result<DeliveryCounts, StoreError> {
        let conn = self.lock();
        let results: i64 = conn.query_row("SELECT COUNT(*) FROM results", [], |r| r.get(0))?;
        let (delivered, rejected): (i64, i64) = conn.query_row(
            "SELECT COALESCE(SUM(d.state = 'delivered'), 0), COALESCE(SUM(d.state = 'rejected'), 0) \
             FROM lrs_deliveries d JOIN results r ON r.id = d.result_id WHERE d.endpoint = ?1",
            params![endpoint_key(endpoint)],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let count = |n: i64| u64::try_from(n).unwrap_or(0);
        Ok(DeliveryCounts {
            results: count(results),
            delivered: count(delivered),
            rejected: count(rejected),
            pending: count(results - delivered - rejected),
        })
    }

    /// Up to `limit` results `endpoint` rejected, with the reason, newest first.
    pub fn rejected_deliveries(
        &self,
        endpoint: &str,
        limit: usize,
    ) -> Result<Vec<(String, String)>, StoreError> {
        let conn = self.lock();
        let mut stmt = conn.prepare_cached(
            "SELECT result_id, detail FROM lrs_deliveries WHERE endpoint = ?1 \
             AND state = 'rejected' ORDER BY at DESC, result_id LIMIT ?2",
        )?;
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let rows = stmt.query_map(params![endpoint_key(endpoint), limit], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    }

    /// The delivery state of one result with `endpoint` (`None`: not sent yet).
    pub fn delivery_of(&self, endpoint: &str, id: Uuid) -> Result<Option<Delivery>, StoreError> {
        let conn = self.lock();
        let mut stmt = conn.prepare_cached(
            "SELECT state, detail FROM lrs_deliveries WHERE endpoint = ?1 AND result_id = ?2",
        )?;
        let mut rows = stmt.query(params![endpoint_key(endpoint), id.to_string()])?;
        let Some(row) = rows.next()? else {
            return Ok(None);
        };
        let state: String = row.get(0)?;
        Ok(Some(if state == "delivered" {
            Delivery::Delivered
        } else {
            Delivery::Rejected(row.get(1)?)
        }))
    }
}
