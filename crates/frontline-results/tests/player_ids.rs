//! Players are people, not names: boards and lists are keyed by the player
//! id and show the newest name; results without an id (old files, old
//! stores) get the id derived from team and name, the same everywhere.

use chrono::{DateTime, Duration, TimeZone, Utc};
use frontline_core::needs::NeedMap;
use frontline_core::scenario::Outcome;
use frontline_results::sqlite::schema::MIGRATIONS;
use frontline_results::{
    Filter, LeaderboardQuery, Metric, RankBy, ResultRecord, ResultStore, SqliteStore,
    TranscriptStep, derived_player_id, export_csv, import, xapi,
};
use uuid::Uuid;

const SAM_A: Uuid = v4(0xa);
const SAM_B: Uuid = v4(0xb);
const JO: Uuid = v4(0xc);

/// A fixed UUID with the version 4 / RFC 4122 bits, as xAPI wants.
const fn v4(n: u128) -> Uuid {
    Uuid::from_u128(0x0000_0000_0000_4000_8000_0000_0000_0000 | n)
}

fn at(minute: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 5, 4, 9, 0, 0).unwrap() + Duration::minutes(minute)
}

/// A valid result of `player` (`player_id`) in `team`, `minute` minutes
/// after a fixed start, scoring `overall`.
fn result(n: u128, player_id: Uuid, player: &str, minute: i64, overall: u8) -> ResultRecord {
    ResultRecord {
        id: v4(1000 + n),
        player_id,
        player: player.into(),
        team: "North".into(),
        scenario_id: if n.is_multiple_of(2) {
            "retail"
        } else {
            "hotel"
        }
        .into(),
        scenario_hash: "ab".repeat(32),
        scenario_title: "A scenario".into(),
        seed: n as u64,
        started_at: at(minute),
        duration_ms: 60_000,
        outcome: Outcome::Satisfied,
        needs: NeedMap([Some(overall), None, None, None, None, None]),
        overall,
        grade: 'B',
        passed: overall >= 60,
        transcript: vec![TranscriptStep {
            node: "start".into(),
            choice: Some("Hello".into()),
            needs: NeedMap::default(),
            mood: 0,
            elapsed: 5,
        }],
    }
}

/// Two people called Sam in North, and Jo who later calls themself Joanna.
pub fn two_sams_and_a_rename() -> Vec<ResultRecord> {
    vec![
        result(1, SAM_A, "Sam", 0, 90),
        result(2, SAM_A, "Sam", 5, 70),
        result(3, SAM_B, "Sam", 1, 40),
        result(4, JO, "Jo", 2, 80),
        result(5, JO, "Joanna", 9, 60),
    ]
}

fn board_rows(store: &SqliteStore, filter: Filter) -> Vec<(Option<Uuid>, String, u8, u64)> {
    store
        .leaderboard(&LeaderboardQuery {
            filter,
            ..LeaderboardQuery::default()
        })
        .unwrap()
        .into_iter()
        .map(|r| (r.player_id, r.name, r.best, r.plays))
        .collect()
}

#[test]
fn two_sams_are_two_rows_and_a_renamed_player_is_one_row_with_the_new_name() {
    let store = SqliteStore::in_memory().unwrap();
    store.import(&two_sams_and_a_rename()).unwrap();
    let expected = vec![
        (Some(SAM_A), "Sam".to_string(), 90, 2),
        (Some(JO), "Joanna".to_string(), 80, 2),
        (Some(SAM_B), "Sam".to_string(), 40, 1),
    ];
    // All time (running totals) and with a time window (results) agree.
    assert_eq!(board_rows(&store, Filter::all()), expected);
    let window = Filter::all().period(Some(at(-60)), Some(at(60)));
    assert_eq!(board_rows(&store, window), expected);

    let team = store
        .leaderboard(&LeaderboardQuery {
            by: RankBy::Team,
            metric: Metric::Average,
            ..LeaderboardQuery::default()
        })
        .unwrap();
    assert_eq!((team[0].players, team[0].plays), (3, 5));
    assert_eq!(team[0].player_id, None, "a team row names no player");

    let players: Vec<(Uuid, String)> = store
        .players(Some("North"))
        .unwrap()
        .into_iter()
        .map(|p| (p.player_id, p.name))
        .collect();
    assert_eq!(
        players,
        [
            (JO, "Joanna".to_string()),
            (SAM_A, "Sam".to_string()),
            (SAM_B, "Sam".to_string())
        ]
    );
}

/// Two results of one player starting at the same moment under two names:
/// the greater name shows, whichever was stored first, on both paths.
#[test]
fn a_tie_of_start_times_shows_the_greater_name_whatever_the_order() {
    let a = result(1, JO, "Jo", 3, 50);
    let mut b = result(2, JO, "Joanna", 3, 60);
    b.scenario_id = a.scenario_id.clone();
    for order in [[a.clone(), b.clone()], [b, a]] {
        let store = SqliteStore::in_memory().unwrap();
        for r in &order {
            store.insert(r).unwrap();
        }
        let window = Filter::all().period(Some(at(-60)), Some(at(60)));
        for filter in [Filter::all(), window] {
            assert_eq!(board_rows(&store, filter)[0].1, "Joanna");
        }
    }
}

#[test]
fn a_players_screens_follow_the_id_not_the_name() {
    let store = SqliteStore::in_memory().unwrap();
    store.import(&two_sams_and_a_rename()).unwrap();
    let sam_b = store.progress(&Filter::player_id(SAM_B)).unwrap();
    assert_eq!(sam_b.iter().map(|p| p.overall).collect::<Vec<_>>(), [40]);
    let jo = store.progress(&Filter::player_id(JO)).unwrap();
    assert_eq!(jo.len(), 2, "both names are one person's progress");
    let view = store
        .team_view(&Filter::team("North"), Some(SAM_A))
        .unwrap();
    assert_eq!(view.player_averages.unwrap().overall, Some(80.0));
    let unplayed = store
        .unplayed(
            &Filter::player_id(SAM_B),
            &["hotel".into(), "retail".into()],
        )
        .unwrap();
    assert_eq!(unplayed, ["retail"]);
}

/// A store written before there were player ids (schema version 5) is
/// upgraded: each row gets the id derived from its team and name, and the
/// boards are re-keyed by it.
#[test]
fn an_older_store_gets_derived_ids_and_rekeyed_totals() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v5.db");
    let legacy = two_sams_and_a_rename();
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        for sql in &MIGRATIONS[..5] {
            conn.execute_batch(sql).unwrap();
        }
        conn.pragma_update(None, "user_version", 5).unwrap();
        for r in &legacy {
            conn.execute(
                "INSERT INTO results (id, player, team, scenario_id, scenario_hash, \
                 scenario_title, seed, started_at, duration_ms, outcome, overall, grade, \
                 passed, transcript) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 60000, \
                 'Satisfied', ?9, 'B', ?10, ?11)",
                rusqlite::params![
                    r.id.to_string(),
                    r.player,
                    r.team,
                    r.scenario_id,
                    r.scenario_hash,
                    r.scenario_title,
                    r.seed.to_string(),
                    frontline_results::codec::timestamp_text(r.started_at),
                    r.overall,
                    r.passed,
                    serde_json::to_string(&r.transcript).unwrap(),
                ],
            )
            .unwrap();
        }
    }
    let store = SqliteStore::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), MIGRATIONS.len() as i64);
    let sam = derived_player_id("North", "Sam");
    let back = store.get(legacy[2].id).unwrap().unwrap();
    assert_eq!(back.player_id, sam, "the same id on every machine");
    // Without ids the two Sams were one name, so they stay one legacy
    // person; Jo and Joanna were two names, so two people.
    let rows = board_rows(&store, Filter::all());
    assert_eq!(
        rows,
        [
            (Some(sam), "Sam".to_string(), 90, 3),
            (
                Some(derived_player_id("North", "Jo")),
                "Jo".to_string(),
                80,
                1
            ),
            (
                Some(derived_player_id("North", "Joanna")),
                "Joanna".to_string(),
                60,
                1
            ),
        ]
    );
    // New results of a legacy person's derived id join the same row.
    let mut newer = result(9, sam, "Sam", 30, 95);
    newer.id = v4(99);
    store.insert(&newer).unwrap();
    assert_eq!(
        board_rows(&store, Filter::all())[0],
        (Some(sam), "Sam".into(), 95, 4)
    );
}

#[test]
fn csv_carries_the_player_id_and_derives_it_when_the_column_is_missing() {
    let records = two_sams_and_a_rename();
    let mut out = Vec::new();
    export_csv::write_csv(&records, &mut out).unwrap();
    let text = String::from_utf8(out).unwrap();
    assert_eq!(import::read_export(&text).unwrap(), records);

    // An export from before player ids: drop the column.
    let mut rows = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let header = rows.headers().unwrap().clone();
    let keep: Vec<usize> = (0..header.len())
        .filter(|&i| &header[i] != "player_id")
        .collect();
    let mut old = csv::Writer::from_writer(Vec::new());
    old.write_record(keep.iter().map(|&i| &header[i])).unwrap();
    for row in rows.records() {
        let row = row.unwrap();
        old.write_record(keep.iter().map(|&i| &row[i])).unwrap();
    }
    let old = String::from_utf8(old.into_inner().unwrap()).unwrap();
    let back = import::read_export(&old).unwrap();
    let ids: Vec<Uuid> = back.iter().map(|r| r.player_id).collect();
    let sam = derived_player_id("North", "Sam");
    assert_eq!(ids[..3], [sam, sam, sam]);
    assert_eq!(ids[3], derived_player_id("North", "Jo"));

    let broken = text.replace(&SAM_B.to_string(), "not-an-id");
    let err = import::read_export(&broken).unwrap_err();
    assert_eq!(err.field.as_deref(), Some("player_id"), "{err}");
}

#[test]
fn xapi_names_the_player_by_id_and_reads_old_statements_by_name() {
    let records = two_sams_and_a_rename();
    let statements = xapi::statements(&records);
    let completed = statements
        .iter()
        .find(|s| s["verb"]["id"].as_str().unwrap().ends_with("completed"))
        .unwrap();
    assert_eq!(completed["actor"]["account"]["name"], SAM_A.to_string());
    assert_eq!(completed["actor"]["name"], "Sam");
    let text = serde_json::to_string(&statements).unwrap();
    assert_eq!(import::read_export(&text).unwrap(), records);

    // Before player ids the account name was the player's name.
    let mut old = statements.clone();
    for s in &mut old {
        let name = s["actor"]["name"].clone();
        s["actor"]["account"]["name"] = name;
    }
    let back = import::read_export(&serde_json::to_string(&old).unwrap()).unwrap();
    assert_eq!(back[4].player_id, derived_player_id("North", "Joanna"));
    assert_eq!(back[4].player, "Joanna");
}
