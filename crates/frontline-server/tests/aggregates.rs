//! The aggregates kept beside the results, against the real PostgreSQL:
//! the same simulated plays posted one by one (the triggers keep the
//! aggregates) and stored with `bulk_insert` (one set-based pass) leave
//! identical totals (per scenario and over all), team days and encounter
//! counters, duplicates included;
//! `rebuild_aggregates` recomputes the same rows; deleting a player leaves
//! what loading the others alone leaves; and weekly pass rates read from
//! the team days equal a tally of the records for periods that start and
//! end inside days.

mod common;

use chrono::{Datelike, TimeZone, Utc};
use common::TestServer;
use frontline_core::scenario::load_dir;
use frontline_results::ResultRecord;
use frontline_results::simulate::{Simulation, simulate};
use frontline_server::{Database, Posted};
use std::path::Path;

/// Every aggregate row, as text, sorted: what the two paths must agree on.
const AGGREGATES: [&str; 7] = [
    "totals",
    "player_totals",
    "team_days",
    "encounter_plays",
    "encounter_nodes",
    "encounter_moves",
    "encounter_endings",
];

/// Asserts two databases hold the same aggregate rows, naming only the rows that differ.
fn assert_same(a: &[(String, Vec<String>)], b: &[(String, Vec<String>)]) {
    for ((table, left), (_, right)) in a.iter().zip(b) {
        let only_left: Vec<_> = left.iter().filter(|r| !right.contains(r)).collect();
        let only_right: Vec<_> = right.iter().filter(|r| !left.contains(r)).collect();
        assert!(
            only_left.is_empty() && only_right.is_empty() && left.len() == right.len(),
            "{table}: only in the first {only_left:?}, only in the second {only_right:?}"
        );
    }
}

fn aggregates(s: &TestServer, db: &Database) -> Vec<(String, Vec<String>)> {
    s.rt.block_on(async {
        let client = db.client().await.unwrap();
        let mut out = Vec::new();
        for table in AGGREGATES {
            let rows = client
                .query(&format!("SELECT t::text FROM {table} t ORDER BY 1"), &[])
                .await
                .unwrap();
            out.push((table.to_string(), rows.iter().map(|r| r.get(0)).collect()));
        }
        out
    })
}

/// Real plays of every shipped dialogue by two teams, one player of which
/// renames herself halfway (her newest name must win in both paths).
fn plays() -> Vec<ResultRecord> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../dialogues");
    let scenarios: Vec<_> = load_dir(&dir)
        .scenarios()
        .filter_map(|l| l.playable().cloned())
        .collect();
    let names = vec!["North".to_string(), "South".to_string()];
    let sim = Simulation {
        teams: Simulation::teams_named(&names, 3),
        plays_per_player: 12,
        weeks: 3,
        end: Utc.with_ymd_and_hms(2026, 11, 20, 17, 0, 0).unwrap(),
        seed: 11,
    };
    let mut records = simulate(&scenarios, &sim);
    let first = records[0].player_id;
    let mine: Vec<usize> = (0..records.len())
        .filter(|&i| records[i].player_id == first)
        .collect();
    for &i in &mine[mine.len() / 2..] {
        records[i].player = "Renamed".into();
    }
    records
}

#[test]
fn bulk_and_one_by_one_leave_the_same_totals_and_counters() {
    let Some(posted) = TestServer::start() else {
        return;
    };
    let Some(bulk) = TestServer::start() else {
        return;
    };
    let records = plays();
    assert!(records.len() > 50);
    posted.rt.block_on(async {
        for r in &records {
            assert_eq!(posted.db.post(r).await.unwrap(), Posted::Stored);
        }
    });
    // In two overlapping loads with an id repeated inside one: each result counts once.
    let (a, b) = records.split_at(records.len() / 2);
    let mut first = a.to_vec();
    first.push(a[0].clone());
    let mut second = b.to_vec();
    second.extend_from_slice(&a[..5]);
    let added = bulk.rt.block_on(async {
        let n = bulk.db.bulk_insert(&first).await.unwrap();
        n + bulk.db.bulk_insert(&second).await.unwrap()
    });
    assert_eq!(added, records.len() as u64, "repeats are not stored twice");
    let expected = aggregates(&posted, &posted.db);
    assert!(expected.iter().all(|(_, rows)| !rows.is_empty()));
    assert_same(&aggregates(&bulk, &bulk.db), &expected);
    let totals = &expected[0].1;
    assert!(
        totals.iter().any(|row| row.contains("Renamed")),
        "the rename reached the totals: {totals:?}"
    );

    // Posting after a bulk load goes on from its aggregates.
    let extra = {
        let mut r = records[3].clone();
        r.id = uuid::Uuid::new_v4();
        r
    };
    for s in [&posted, &bulk] {
        s.rt.block_on(s.db.post(&extra)).unwrap();
    }
    assert_same(
        &aggregates(&bulk, &bulk.db),
        &aggregates(&posted, &posted.db),
    );

    // A rebuild from the results gives the rows the triggers kept.
    let before = aggregates(&posted, &posted.db);
    posted.rt.block_on(posted.db.rebuild_aggregates()).unwrap();
    assert_same(&aggregates(&posted, &posted.db), &before);
}

#[test]
fn deleting_a_player_leaves_what_loading_the_others_alone_leaves() {
    let (Some(full), Some(rest)) = (TestServer::start(), TestServer::start()) else {
        return;
    };
    let records = plays();
    let gone = records[7].player_id;
    let kept: Vec<ResultRecord> = records
        .iter()
        .filter(|r| r.player_id != gone)
        .cloned()
        .collect();
    full.rt.block_on(async {
        for r in &records {
            full.db.post(r).await.unwrap();
        }
    });
    let deleted = full.rt.block_on(full.db.delete_player(gone)).unwrap();
    assert_eq!(deleted as usize, records.len() - kept.len());
    rest.rt.block_on(rest.db.bulk_insert(&kept)).unwrap();
    assert_same(&aggregates(&full, &full.db), &aggregates(&rest, &rest.db));
}

#[test]
fn weekly_pass_rates_from_team_days_equal_a_tally_of_the_records() {
    let Some(s) = TestServer::start() else {
        return;
    };
    let records = plays();
    s.rt.block_on(s.db.bulk_insert(&records)).unwrap();
    let at = |d: u32, h: u32, m: u32| Some(Utc.with_ymd_and_hms(2026, 11, d, h, m, 0).unwrap());
    let periods = [
        (None, None),
        (at(5, 0, 0), None),
        (at(5, 7, 30), at(17, 15, 45)),
        (None, at(12, 0, 0)),
        (at(9, 3, 0), at(9, 21, 0)),
        (at(9, 13, 0), at(10, 11, 0)),
    ];
    let mut compared = 0;
    for team in [None, Some("North"), Some("nobody")] {
        for (since, until) in periods {
            let filter = frontline_results::Filter {
                team: team.map(str::to_string),
                ..Default::default()
            }
            .period(since, until);
            let inside = |r: &&ResultRecord| {
                team.is_none_or(|t| r.team == t)
                    && since.is_none_or(|s| r.started_at >= s)
                    && until.is_none_or(|u| r.started_at < u)
            };
            let mut tally: std::collections::BTreeMap<chrono::NaiveDate, (u64, u64)> =
                Default::default();
            for r in records.iter().filter(inside) {
                let day = r.started_at.date_naive();
                let monday = day - chrono::Days::new(day.weekday().num_days_from_monday() as u64);
                let week = tally.entry(monday).or_default();
                week.0 += 1;
                week.1 += u64::from(r.passed);
            }
            let weeks = s.rt.block_on(s.db.weekly_passes(&filter)).unwrap();
            let got: Vec<_> = weeks
                .iter()
                .map(|w| (w.monday, (w.plays, w.passed)))
                .collect();
            assert_eq!(got, tally.into_iter().collect::<Vec<_>>(), "{filter:?}");
            compared += got.len();
        }
    }
    assert!(compared > 10, "weeks compared: {compared}");
}
