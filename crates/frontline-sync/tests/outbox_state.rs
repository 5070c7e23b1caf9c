//! The outbox state machine over the real local SQLite store: what is marked
//! synced, refused or left pending for each kind of answer. The other side
//! here is a scripted [`BatchSender`] that keeps results in a map and answers
//! per the API's rules; the real server is exercised in `against_server.rs`.

mod common;

use common::played_records;
use frontline_results::{ResultRecord, ResultStore, SqliteStore};
use frontline_sync::ApiError;
use frontline_sync::outbox::{BatchItem, BatchSender, MAX_BATCH_BYTES, sync_outbox};
use std::cell::RefCell;
use std::collections::HashMap;
use uuid::Uuid;

/// Keeps what it was sent; `script` may replace the answer to a batch.
#[derive(Default)]
struct Scripted {
    kept: RefCell<HashMap<Uuid, ResultRecord>>,
    /// Every result id received, in order (duplicates show resends).
    received: RefCell<Vec<Uuid>>,
    /// Batch number (0-based) → what happens to it instead of a normal answer.
    script: HashMap<usize, Twist>,
    batches: RefCell<usize>,
    /// Teams this sender refuses as `forbidden`.
    forbidden_team: Option<String>,
    /// Bodies with more results than this are answered 413.
    max_count: Option<usize>,
    /// The largest body received, in bytes.
    largest_body: RefCell<usize>,
}

#[derive(Clone)]
enum Twist {
    /// No answer at all; nothing kept.
    Down,
    /// Kept, then the answer is lost on the way back.
    AnswerLost,
    /// Answers with an unknown status for every result.
    Unknown,
}

impl BatchSender for Scripted {
    fn send_batch(&self, body: &[u8], count: usize) -> Result<Vec<BatchItem>, ApiError> {
        let largest = *self.largest_body.borrow();
        *self.largest_body.borrow_mut() = largest.max(body.len());
        if self.max_count.is_some_and(|m| count > m) {
            return Err(ApiError::TooLarge);
        }
        let n = {
            let mut b = self.batches.borrow_mut();
            *b += 1;
            *b - 1
        };
        let twist = self.script.get(&n).cloned();
        if let Some(Twist::Down) = twist {
            return Err(ApiError::Unreachable {
                url: "scripted".into(),
                detail: "connection refused".into(),
            });
        }
        let records: Vec<ResultRecord> = serde_json::from_slice(body).expect("a JSON array");
        assert_eq!(records.len(), count);
        let answers = records
            .iter()
            .map(|r| self.judge(r, matches!(twist, Some(Twist::Unknown))))
            .collect();
        match twist {
            Some(Twist::AnswerLost) => Err(ApiError::Unreachable {
                url: "scripted".into(),
                detail: "timed out".into(),
            }),
            _ => Ok(answers),
        }
    }
}

impl Scripted {
    fn judge(&self, r: &ResultRecord, unknown: bool) -> BatchItem {
        self.received.borrow_mut().push(r.id);
        let item = |status: &str, message: Option<&str>| BatchItem {
            id: r.id,
            status: status.into(),
            message: message.map(String::from),
        };
        if unknown {
            return item("queued", None);
        }
        if self.forbidden_team.as_deref() == Some(r.team.as_str()) {
            return item(
                "forbidden",
                Some("this token may only post for its own team"),
            );
        }
        if r.overall > 100 {
            return item("invalid", Some("overall: must be 0..=100"));
        }
        let mut kept = self.kept.borrow_mut();
        match kept.get(&r.id) {
            Some(old) if old == r => item("already_present", None),
            Some(_) => item("conflict", Some("stored with a different overall")),
            None => {
                kept.insert(r.id, r.clone());
                item("stored", None)
            }
        }
    }

    fn times_received(&self, id: Uuid) -> usize {
        self.received.borrow().iter().filter(|&&x| x == id).count()
    }
}

fn store_with(records: &[ResultRecord]) -> SqliteStore {
    let store = SqliteStore::in_memory().unwrap();
    for r in records {
        store.insert(r).unwrap();
    }
    store
}

#[test]
fn every_result_is_sent_once_and_then_counts_as_synced() {
    let records = played_records(7, "ana", "Branch 12");
    let store = store_with(&records);
    assert_eq!(store.pending_count().unwrap(), 7);
    let server = Scripted::default();
    let report = sync_outbox(&store, &server, 3).unwrap();
    assert_eq!(
        (report.stored, report.pending, report.stopped),
        (7, 0, None)
    );
    assert_eq!(*server.batches.borrow(), 3, "7 results in batches of 3");
    let again = sync_outbox(&store, &server, 3).unwrap();
    assert_eq!(again.delivered(), 0);
    for r in &records {
        assert_eq!(server.times_received(r.id), 1);
        assert_eq!(server.kept.borrow()[&r.id], *r);
    }
    let counts = store.outbox_counts().unwrap();
    assert_eq!(
        (counts.pending, counts.delivered, counts.rejected),
        (0, 7, 0)
    );
}

#[test]
fn refusals_are_kept_with_their_message_and_not_sent_again_until_retried() {
    let mut records = played_records(3, "ana", "Branch 12");
    records.extend(played_records(2, "bo", "Head office"));
    records[4].id = Uuid::new_v4();
    let mut bad = records[0].clone();
    bad.id = Uuid::new_v4();
    bad.overall = 101;
    records.push(bad.clone());
    let store = store_with(&records);
    let server = Scripted {
        forbidden_team: Some("Head office".into()),
        ..Scripted::default()
    };
    // The server already holds one id with other content: a conflict.
    let mut other = records[1].clone();
    other.overall = other.overall.wrapping_add(1) % 100;
    server.kept.borrow_mut().insert(other.id, other);

    let report = sync_outbox(&store, &server, 500).unwrap();
    let mut reasons: Vec<&str> = report.rejected.iter().map(|(_, r, _)| r.as_str()).collect();
    reasons.sort();
    assert_eq!(reasons, ["conflict", "forbidden", "forbidden", "invalid"]);
    assert_eq!((report.stored, report.pending), (2, 0));
    let listed = store.rejected().unwrap();
    assert_eq!(listed.len(), 4);
    let invalid = listed.iter().find(|r| r.id == bad.id).unwrap();
    assert_eq!(invalid.message, "overall: must be 0..=100");

    let again = sync_outbox(&store, &server, 500).unwrap();
    assert_eq!(
        server.received.borrow().len(),
        6,
        "refused ones are not resent"
    );
    assert_eq!(again.rejected.len(), 0);

    assert_eq!(store.retry_rejected().unwrap(), 4);
    assert_eq!(store.pending_count().unwrap(), 4);
    let retried = sync_outbox(&store, &server, 500).unwrap();
    assert_eq!(retried.rejected.len(), 4, "same answers, once more");
    assert_eq!(store.pending_count().unwrap(), 0);
}

#[test]
fn a_server_going_down_mid_sync_leaves_the_rest_pending_and_nothing_is_sent_twice() {
    let records = played_records(10, "ana", "Branch 12");
    let store = store_with(&records);
    let server = Scripted {
        script: HashMap::from([(1, Twist::Down)]),
        ..Scripted::default()
    };
    let first = sync_outbox(&store, &server, 4).unwrap();
    assert_eq!(first.stored, 4);
    assert_eq!(first.pending, 6);
    assert!(matches!(first.stopped, Some(ApiError::Unreachable { .. })));
    let second = sync_outbox(&store, &server, 4).unwrap();
    assert_eq!(
        (second.stored, second.pending, second.stopped),
        (6, 0, None)
    );
    for r in &records {
        assert_eq!(server.times_received(r.id), 1, "{}", r.id);
    }
}

#[test]
fn a_lost_answer_is_resent_and_then_counts_as_already_present() {
    let records = played_records(5, "ana", "Branch 12");
    let store = store_with(&records);
    let server = Scripted {
        script: HashMap::from([(0, Twist::AnswerLost)]),
        ..Scripted::default()
    };
    let first = sync_outbox(&store, &server, 500).unwrap();
    assert_eq!((first.delivered(), first.pending), (0, 5));
    assert_eq!(server.kept.borrow().len(), 5, "the server did store them");
    let second = sync_outbox(&store, &server, 500).unwrap();
    assert_eq!((second.already_present, second.pending), (5, 0));
    assert_eq!(server.kept.borrow().len(), 5);
}

#[test]
fn an_answer_that_is_not_a_verdict_keeps_results_pending_without_a_loop() {
    let records = played_records(4, "ana", "Branch 12");
    let store = store_with(&records);
    let server = Scripted {
        script: HashMap::from([(0, Twist::Unknown), (1, Twist::Unknown)]),
        ..Scripted::default()
    };
    let first = sync_outbox(&store, &server, 2).unwrap();
    assert_eq!((first.retrying, first.pending), (4, 4));
    assert_eq!(server.received.borrow().len(), 4, "each sent once per run");
    let second = sync_outbox(&store, &server, 2).unwrap();
    assert_eq!((second.stored, second.pending), (4, 0));
}

#[test]
fn a_batch_the_server_finds_too_large_is_split() {
    let records = played_records(9, "ana", "Branch 12");
    let store = store_with(&records);
    let server = Scripted {
        max_count: Some(2),
        ..Scripted::default()
    };
    let report = sync_outbox(&store, &server, 500).unwrap();
    assert_eq!((report.stored, report.pending), (9, 0));
}

/// `n` results whose transcripts make each about `bytes` long as JSON.
fn bulky(n: usize, bytes: usize) -> Vec<ResultRecord> {
    let mut records = played_records(n, "ana", "Branch 12");
    for r in &mut records {
        let step = r.transcript[0].clone();
        let one = serde_json::to_vec(&step).unwrap().len() + 1;
        r.transcript = vec![step; bytes / one];
    }
    records
}

#[test]
fn batches_stay_under_the_byte_limit_and_an_oversized_result_is_refused_unsent() {
    let mut records = bulky(5, 400_000);
    records.extend(bulky(1, 1_200_000).into_iter().map(|mut r| {
        r.id = Uuid::new_v4();
        r
    }));
    let store = store_with(&records);
    let server = Scripted::default();
    let report = sync_outbox(&store, &server, 500).unwrap();
    assert_eq!(report.stored, 5);
    assert!(*server.largest_body.borrow() <= MAX_BATCH_BYTES);
    assert!(
        *server.batches.borrow() >= 3,
        "5 x 400 kB need three batches"
    );
    assert_eq!(report.rejected.len(), 1);
    assert_eq!(report.rejected[0].1, "too_large");
    assert_eq!(server.times_received(records[5].id), 0, "never sent");
}

#[test]
fn results_saved_during_a_sync_wait_for_the_next_one() {
    let records = played_records(6, "ana", "Branch 12");
    let store = store_with(&records[..3]);
    let server = Scripted::default();
    sync_outbox(&store, &server, 500).unwrap();
    for r in &records[3..] {
        store.insert(r).unwrap();
    }
    assert_eq!(store.pending_count().unwrap(), 3);
    let report = sync_outbox(&store, &server, 500).unwrap();
    assert_eq!((report.stored, report.pending), (3, 0));
}

/// The game's thread: it reports without the game ever waiting, and a
/// server that cannot be reached leaves the results pending.
#[test]
fn the_background_thread_reports_pending_results_when_the_server_is_down() {
    use frontline_sync::config::ServerConfig;
    use frontline_sync::{BackgroundSync, Client};
    use std::time::{Duration, Instant};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("results.db");
    let store = SqliteStore::open(&path).unwrap();
    for r in played_records(3, "ana", "Branch 12") {
        store.insert(&r).unwrap();
    }
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let client = Client::new(ServerConfig {
        url: format!("http://127.0.0.1:{port}"),
        token: "t".into(),
        timeout: Duration::from_millis(500),
    });
    let mut sync = BackgroundSync::start(path, client, Duration::from_secs(60));
    let deadline = Instant::now() + Duration::from_secs(30);
    let status = loop {
        if let Some(status) = sync.poll() {
            break status;
        }
        assert!(Instant::now() < deadline, "no status from the thread");
        std::thread::sleep(Duration::from_millis(20));
    };
    assert_eq!((status.pending, status.connected), (3, false));
    assert!(status.problem.unwrap().contains("cannot be reached"));
    assert_eq!(store.pending_count().unwrap(), 3);
}
