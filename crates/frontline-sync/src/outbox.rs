//! Sending the outbox: the local store's pending results go to the server in
//! batches (`POST /api/v1/results/batch`), and each answer is recorded in the
//! store ([`frontline_results::sqlite::outbox`]). A result counts as synced
//! only after the server said `stored` or `already_present`; `conflict`,
//! `invalid` and `forbidden` are kept with their message and not sent again;
//! anything else leaves it pending for the next run.

use crate::client::{ApiError, Client};
use frontline_results::sqlite::outbox::{OutboxPosition, SyncMark};
use frontline_results::{ResultRecord, SqliteStore, StoreError};
use serde::Deserialize;
use uuid::Uuid;

/// At most this many results per batch (the API's limit).
pub const MAX_BATCH_RECORDS: usize = 500;
/// At most this many bytes per batch body (the server refuses over 1 MiB).
pub const MAX_BATCH_BYTES: usize = 1_000_000;

/// The server's verdict on one result of a batch.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct BatchItem {
    /// The result id.
    pub id: Uuid,
    /// `stored`, `already_present`, `conflict`, `invalid` or `forbidden`.
    pub status: String,
    /// Why, for the refusals.
    #[serde(default)]
    pub message: Option<String>,
}

#[derive(Deserialize)]
struct BatchAnswer {
    results: Vec<BatchItem>,
}

/// Something that takes a JSON array of results and answers per result:
/// the [`Client`] (the team server), or a scripted stand-in in unit tests of
/// the state machine.
pub trait BatchSender {
    /// Posts `body` (a JSON array of `count` results).
    fn send_batch(&self, body: &[u8], count: usize) -> Result<Vec<BatchItem>, ApiError>;
}

impl BatchSender for Client {
    fn send_batch(&self, body: &[u8], _count: usize) -> Result<Vec<BatchItem>, ApiError> {
        let answer = self.post_raw("/api/v1/results/batch", body)?;
        if answer.status != 200 {
            return Err(ApiError::BadAnswer(format!(
                "status {} for a batch: {}",
                answer.status, answer.body
            )));
        }
        serde_json::from_str::<BatchAnswer>(&answer.body)
            .map(|a| a.results)
            .map_err(|e| ApiError::BadAnswer(e.to_string()))
    }
}

/// What one sync run did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SyncReport {
    /// Newly stored on the server.
    pub stored: usize,
    /// The server already had them (an earlier run's answer was lost).
    pub already_present: usize,
    /// Refused for good in this run: id, reason, message.
    pub rejected: Vec<(Uuid, String, String)>,
    /// Answered with something that may pass; still pending.
    pub retrying: usize,
    /// Results still waiting after this run.
    pub pending: u64,
    /// Why the run stopped early (server down, token refused, ...); the
    /// results not sent stay pending.
    pub stopped: Option<ApiError>,
}

impl SyncReport {
    /// Results the server has now thanks to this run.
    pub fn delivered(&self) -> usize {
        self.stored + self.already_present
    }
}

/// Sends every pending result of `store` once, oldest first, in batches of at
/// most `max_records` results and [`MAX_BATCH_BYTES`]. Stops at the first
/// batch that gets no per-result answer (unreachable, 401, 5xx after
/// retries); what was answered before stays recorded.
pub fn sync_outbox(
    store: &SqliteStore,
    sender: &dyn BatchSender,
    max_records: usize,
) -> Result<SyncReport, StoreError> {
    let mut report = SyncReport::default();
    let mut after = None;
    'pages: loop {
        let page = store.pending_batch(after.as_ref(), max_records.clamp(1, MAX_BATCH_RECORDS))?;
        let Some(last) = page.last() else { break };
        after = Some(OutboxPosition::after(last));
        for chunk in chunks(&page) {
            let marks = match send_chunk(sender, &chunk) {
                Ok(marks) => marks,
                Err(e) => {
                    report.stopped = Some(e);
                    break 'pages;
                }
            };
            tally(&mut report, &marks);
            store.mark_synced(&marks)?;
        }
    }
    report.pending = store.pending_count()?;
    Ok(report)
}

/// One result with its JSON.
struct Encoded<'a> {
    record: &'a ResultRecord,
    json: Vec<u8>,
}

/// The page split into batches that fit [`MAX_BATCH_BYTES`].
fn chunks(page: &[ResultRecord]) -> Vec<Vec<Encoded<'_>>> {
    let mut out: Vec<Vec<Encoded<'_>>> = vec![Vec::new()];
    let mut size = 2;
    for record in page {
        // Plain serde data always serialises; an empty body would be refused.
        let json = serde_json::to_vec(record).unwrap_or_default();
        let grow = json.len() + 1;
        if size + grow > MAX_BATCH_BYTES && out.last().is_some_and(|c| !c.is_empty()) {
            out.push(Vec::new());
            size = 2;
        }
        size += grow;
        if let Some(current) = out.last_mut() {
            current.push(Encoded { record, json });
        }
    }
    out.retain(|c| !c.is_empty());
    out
}

/// Sends one batch; a batch the server finds too large is halved, and a
/// single result too large for it is rejected.
fn send_chunk(
    sender: &dyn BatchSender,
    chunk: &[Encoded<'_>],
) -> Result<Vec<(Uuid, SyncMark)>, ApiError> {
    let mut body = Vec::with_capacity(chunk.iter().map(|e| e.json.len() + 1).sum::<usize>() + 2);
    body.push(b'[');
    for (i, e) in chunk.iter().enumerate() {
        if i > 0 {
            body.push(b',');
        }
        body.extend_from_slice(&e.json);
    }
    body.push(b']');
    let too_large = |e: &Encoded<'_>| {
        let message = format!(
            "the result is {} bytes, more than the team server accepts",
            e.json.len()
        );
        (e.record.id, rejected("too_large", message))
    };
    if chunk.len() == 1 && body.len() > MAX_BATCH_BYTES {
        return Ok(vec![too_large(&chunk[0])]);
    }
    match sender.send_batch(&body, chunk.len()) {
        Ok(items) => Ok(marks_of(chunk, items)),
        Err(ApiError::TooLarge) if chunk.len() > 1 => {
            let (a, b) = chunk.split_at(chunk.len() / 2);
            let mut marks = send_chunk(sender, a)?;
            marks.extend(send_chunk(sender, b)?);
            Ok(marks)
        }
        Err(ApiError::TooLarge) => Ok(vec![too_large(&chunk[0])]),
        Err(e) => Err(e),
    }
}

fn rejected(reason: &str, message: String) -> SyncMark {
    SyncMark::Rejected {
        reason: reason.to_string(),
        message,
    }
}

/// The mark of each sent result; one the server did not answer for stays
/// pending (`retrying`).
fn marks_of(chunk: &[Encoded<'_>], items: Vec<BatchItem>) -> Vec<(Uuid, SyncMark)> {
    chunk
        .iter()
        .map(|e| {
            let id = e.record.id;
            let mark = match items.iter().find(|i| i.id == id) {
                Some(item) => mark_of(item),
                None => SyncMark::Retrying {
                    message: "the server's answer did not mention this result".into(),
                },
            };
            (id, mark)
        })
        .collect()
}

fn mark_of(item: &BatchItem) -> SyncMark {
    let message = item.message.clone().unwrap_or_default();
    match item.status.as_str() {
        "stored" | "already_present" => SyncMark::Delivered {
            status: item.status.clone(),
        },
        "conflict" | "invalid" | "forbidden" => {
            let message = if message.is_empty() {
                format!("the server answered {}", item.status)
            } else {
                message
            };
            rejected(&item.status, message)
        }
        other => SyncMark::Retrying {
            message: format!("unexpected status `{other}` {message}")
                .trim_end()
                .to_string(),
        },
    }
}

fn tally(report: &mut SyncReport, marks: &[(Uuid, SyncMark)]) {
    for (id, mark) in marks {
        match mark {
            SyncMark::Delivered { status } if status == "stored" => report.stored += 1,
            SyncMark::Delivered { .. } => report.already_present += 1,
            SyncMark::Rejected { reason, message } => {
                report.rejected.push((*id, reason.clone(), message.clone()))
            }
            SyncMark::Retrying { .. } => report.retrying += 1,
        }
    }
}
