//! `frontline lrs push` against a real learning record store: Ralph, started
//! on 127.0.0.1 by `scripts/services/ralph.sh` (CI does it before
//! `cargo test`), found through FRONTLINE_TEST_LRS_URL / _USER / _PASSWORD.
//! Without it these tests are skipped with a note, except under CI=true
//! where a missing LRS is a failure. What Ralph stored is read back with
//! GET /statements?registration=<result id> and compared.

mod common;

use common::{assert_held_once, held, plays, ralph, store_with};
use frontline_lrs::{Client, LrsConfig, Push, PushError, PushOptions};
use frontline_results::sqlite::delivery::Delivery;
use frontline_results::{ResultRecord, xapi};
use std::collections::BTreeSet;
use std::time::Duration;

fn options(batch: usize) -> PushOptions {
    PushOptions {
        batch_results: batch,
        first_pause: Duration::from_millis(50),
        ..PushOptions::default()
    }
}

#[test]
fn pushed_plays_are_held_by_the_lrs_exactly_as_exported() {
    let Some(lrs) = ralph() else { return };
    let records = plays(12, "Ada Readback");
    let (_dir, store) = store_with(&records);
    let client = Client::new(&lrs);
    let report = Push::new(&store, &client, &lrs.endpoint)
        .options(options(5))
        .run(&mut |_| {})
        .unwrap();
    assert_eq!((report.delivered, report.batches), (12, 3));
    assert!(report.rejected.is_empty(), "{:?}", report.rejected);
    for r in &records {
        assert_held_once(&client, r);
        assert_eq!(
            store.delivery_of(&lrs.endpoint, r.id).unwrap(),
            Some(Delivery::Delivered)
        );
    }
    let counts = store.delivery_counts(&lrs.endpoint).unwrap();
    assert_eq!((counts.delivered, counts.pending), (12, 0));
}

#[test]
fn pushing_again_sends_nothing_and_a_lost_state_makes_no_duplicates() {
    let Some(lrs) = ralph() else { return };
    let records = plays(6, "Ben Twice");
    let (_dir, store) = store_with(&records);
    let client = Client::new(&lrs);
    let push = Push::new(&store, &client, &lrs.endpoint).options(options(4));
    assert_eq!(push.run(&mut |_| {}).unwrap().delivered, 6);
    let again = push.run(&mut |_| {}).unwrap();
    assert_eq!((again.delivered, again.batches), (0, 0));
    // Another machine with the same results but no delivery state: the LRS
    // already holds every statement id and keeps one copy.
    let (_other_dir, other) = store_with(&records);
    let resent = Push::new(&other, &client, &lrs.endpoint)
        .options(options(4))
        .run(&mut |_| {})
        .unwrap();
    assert_eq!(resent.delivered, 6);
    assert!(resent.conflicts.is_empty(), "{:?}", resent.conflicts);
    for r in &records {
        assert_held_once(&client, r);
    }
}

#[test]
fn a_push_stopped_between_batches_resumes_and_every_statement_arrives_once() {
    let Some(lrs) = ralph() else { return };
    let records = plays(10, "Cleo Resume");
    let (_dir, store) = store_with(&records);
    let client = Client::new(&lrs);
    let stopped = Push::new(&store, &client, &lrs.endpoint)
        .options(PushOptions {
            max_batches: Some(2),
            ..options(3)
        })
        .run(&mut |_| {})
        .unwrap();
    assert_eq!(stopped.delivered, 6);
    assert_eq!(store.delivery_counts(&lrs.endpoint).unwrap().pending, 4);
    let sent_early = records.iter().filter(|r| !held(&client, r).is_empty());
    assert_eq!(sent_early.count(), 6, "only the first two batches went");
    let resumed = Push::new(&store, &client, &lrs.endpoint)
        .options(options(3))
        .run(&mut |_| {})
        .unwrap();
    assert_eq!(resumed.delivered, 4);
    for r in &records {
        assert_held_once(&client, r);
    }
}

#[test]
fn a_statement_the_lrs_refuses_is_isolated_and_every_other_one_delivered() {
    let Some(lrs) = ralph() else { return };
    let records = plays(8, "Dev Refused");
    let (_dir, store) = store_with(&records);
    let bad_result = records[3].id;
    let bad_statement = xapi::statement_id(bad_result, "completed", 0).to_string();
    // An actor with an empty name: Ralph answers 422 for the whole batch.
    let render = |r: &ResultRecord| {
        let mut statements = xapi::result_statements(r);
        for s in &mut statements {
            if s["id"] == bad_statement.as_str() {
                s["actor"]["name"] = "".into();
                s["actor"]["account"]["name"] = "".into();
            }
        }
        statements
    };
    let client = Client::new(&lrs);
    let report = Push::new(&store, &client, &lrs.endpoint)
        .options(options(8))
        .render(render)
        .run(&mut |_| {})
        .unwrap();
    assert_eq!(report.delivered, 7);
    assert_eq!(report.rejected.len(), 1);
    let refused = &report.rejected[0];
    assert_eq!(refused.result_id, bad_result.to_string());
    assert!(
        refused.reason.contains(&bad_statement),
        "{}",
        refused.reason
    );
    assert!(refused.reason.contains("HTTP 4"), "{}", refused.reason);
    for r in records.iter().filter(|r| r.id != bad_result) {
        assert_held_once(&client, r);
    }
    let bad = &records[3];
    let held_ids: BTreeSet<String> = held(&client, bad)
        .iter()
        .filter_map(|s| s["id"].as_str().map(String::from))
        .collect();
    let expected: BTreeSet<String> = xapi::result_statements(bad)
        .iter()
        .filter_map(|s| s["id"].as_str().map(String::from))
        .filter(|id| *id != bad_statement)
        .collect();
    assert_eq!(held_ids, expected, "the refused result's other statements");
    assert!(matches!(
        store.delivery_of(&lrs.endpoint, bad_result).unwrap(),
        Some(Delivery::Rejected(why)) if why.contains(&bad_statement)
    ));
    let counts = store.delivery_counts(&lrs.endpoint).unwrap();
    assert_eq!(
        (counts.delivered, counts.rejected, counts.pending),
        (7, 1, 0)
    );
    // A refused result is not sent again by a plain push, only when asked
    // (here with the statement fixed): then all of it is held.
    let push = Push::new(&store, &client, &lrs.endpoint);
    assert_eq!(push.run(&mut |_| {}).unwrap().batches, 0);
    let resent = push
        .options(PushOptions {
            resend_rejected: true,
            ..options(8)
        })
        .run(&mut |_| {})
        .unwrap();
    assert_eq!((resent.delivered, resent.rejected.len()), (1, 0));
    assert_held_once(&client, bad);
}

#[test]
fn refused_credentials_stop_the_push_and_nothing_is_marked() {
    let Some(mut lrs) = ralph() else { return };
    lrs.password.push_str("-wrong");
    let (_dir, store) = store_with(&plays(2, "Eve Locked"));
    let client = Client::new(&lrs);
    let err = Push::new(&store, &client, &lrs.endpoint)
        .options(options(2))
        .run(&mut |_| {})
        .unwrap_err();
    assert!(matches!(err, PushError::Unauthorised(401, _)), "{err}");
    assert_eq!(store.delivery_counts(&lrs.endpoint).unwrap().pending, 2);
}

#[test]
fn an_lrs_that_does_not_answer_is_tried_again_then_the_push_stops_resumable() {
    // A loopback port nothing listens on: every try is refused at once.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .unwrap()
        .port();
    let lrs = LrsConfig {
        endpoint: format!("http://127.0.0.1:{port}/xAPI"),
        user: "u".into(),
        password: "p".into(),
    };
    let (_dir, store) = store_with(&plays(3, "Finn Offline"));
    let client = Client::new(&lrs);
    let started = std::time::Instant::now();
    let err = Push::new(&store, &client, &lrs.endpoint)
        .options(PushOptions {
            attempts: 4,
            first_pause: Duration::from_millis(40),
            ..options(3)
        })
        .run(&mut |_| {})
        .unwrap_err();
    assert!(
        matches!(err, PushError::Unavailable { attempts: 4, .. }),
        "{err}"
    );
    // Pauses of 40 + 80 + 160 ms between the four tries.
    assert!(started.elapsed() >= Duration::from_millis(280));
    assert_eq!(store.delivery_counts(&lrs.endpoint).unwrap().pending, 3);
}
