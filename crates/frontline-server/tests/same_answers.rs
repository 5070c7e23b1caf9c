//! Every query of the API answers exactly what the SQLite store answers for
//! the same 200 results, loaded into both (two people called Sam in one
//! team and a renamed player among them).

mod common;

use chrono::{TimeZone, Utc};
use common::TestServer;
use common::records::{JO, ROSTER, SAMS, SCENARIOS, many};
use frontline_results::{
    Filter, LeaderboardQuery, LeaderboardRow, Metric, NeedAverages, ProgressPoint, RankBy,
    ResultStore, SqliteStore, TeamView,
};
use serde_json::json;

/// Filters over every dimension, alone and combined, with and without a window.
fn filters() -> Vec<Filter> {
    let since = Some(Utc.with_ymd_and_hms(2026, 1, 20, 0, 0, 0).unwrap());
    let until = Some(Utc.with_ymd_and_hms(2026, 2, 10, 12, 0, 0).unwrap());
    let mut out = vec![Filter::all(), Filter::all().period(since, None)];
    out.push(Filter::all().period(None, until));
    out.push(Filter::all().period(since, until));
    // Periods that start and end inside a day, and one inside a single day
    // (the team days answer the whole days, the results the rest).
    let at = |d: u32, h: u32, m: u32| Some(Utc.with_ymd_and_hms(2026, 1, d, h, m, 0).unwrap());
    out.push(Filter::all().period(at(12, 7, 30), at(27, 16, 15)));
    out.push(Filter::all().period(at(14, 3, 0), at(14, 22, 0)));
    out.push(Filter::team("North").period(at(12, 7, 30), None));
    for (team, players) in ROSTER {
        out.push(Filter::team(team));
        out.push(Filter::team(team).period(since, until));
        for p in players {
            out.push(Filter {
                player: Some(p.to_string()),
                ..Filter::team(team)
            });
        }
    }
    for s in SCENARIOS {
        let f = Filter {
            scenario: Some(s.into()),
            ..Filter::all()
        };
        out.push(f.clone().period(since, None));
        out.push(f);
    }
    out.push(Filter::player("ana"));
    out.push(Filter::player("Sam"));
    for id in [SAMS[0], SAMS[1], JO] {
        out.push(Filter::player_id(id));
        out.push(Filter::player_id(id).period(since, until));
    }
    out.push(Filter::team("nobody"));
    out
}

fn loaded() -> Option<(TestServer, SqliteStore)> {
    let s = TestServer::start()?;
    let records = many(200, 7);
    let local = SqliteStore::in_memory().unwrap();
    let summary = local.import(&records).unwrap();
    assert_eq!(summary.added, 200);
    let a = s.post("/api/v1/results/batch", &s.trainer, &records);
    assert_eq!(a.status, 200, "{}", a.json);
    let stored = a.json["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["status"] == "stored")
        .count();
    assert_eq!(stored, 200);
    Some((s, local))
}

#[test]
fn leaderboards_match_the_sqlite_store() {
    let Some((s, local)) = loaded() else { return };
    let mut compared = 0;
    for filter in filters() {
        for by in [RankBy::Player, RankBy::Team] {
            for metric in [Metric::Best, Metric::Average] {
                for limit in [None, Some(3)] {
                    let q = LeaderboardQuery {
                        filter: filter.clone(),
                        by,
                        metric,
                        limit,
                    };
                    let remote: Vec<LeaderboardRow> = s.query("/api/v1/query/leaderboard", &q);
                    let expected = local.leaderboard(&q).unwrap();
                    assert_eq!(remote, expected, "{q:?}");
                    compared += expected.len();
                }
            }
        }
    }
    assert!(compared > 500, "the boards compared have rows ({compared})");
    // The case the id exists for: one name, two rows; a rename, one row.
    let board = local.leaderboard(&LeaderboardQuery::default()).unwrap();
    let sams = board
        .iter()
        .filter(|r| r.name == "Sam" && r.team == "North");
    assert_eq!(sams.count(), 2, "{board:?}");
    let jo: Vec<_> = board.iter().filter(|r| r.player_id == Some(JO)).collect();
    assert_eq!(jo.len(), 1);
    assert_eq!(jo[0].name, "Joanna", "the newest name shows");
}

#[test]
fn averages_progress_played_team_views_and_counts_match_the_sqlite_store() {
    let Some((s, local)) = loaded() else { return };
    for filter in filters() {
        let remote: NeedAverages = s.query("/api/v1/query/need-averages", &filter);
        assert_eq!(remote, local.need_averages(&filter).unwrap(), "{filter:?}");
        let remote: Vec<String> = s.query("/api/v1/query/played", &filter);
        assert_eq!(
            remote,
            local.played_scenarios(&filter).unwrap(),
            "{filter:?}"
        );
        let remote: serde_json::Value = s.query("/api/v1/query/count", &filter);
        assert_eq!(remote, json!({"count": local.count(&filter).unwrap()}));
        let ana = frontline_results::derived_player_id("North", "ana");
        for player in [None, Some(ana), Some(SAMS[1]), Some(JO)] {
            let body = json!({"filter": filter, "player_id": player});
            let remote: TeamView = s.query("/api/v1/query/team-view", &body);
            assert_eq!(remote, local.team_view(&filter, player).unwrap(), "{body}");
        }
        if filter.player.is_some() || filter.player_id.is_some() {
            let remote: Vec<ProgressPoint> = s.query("/api/v1/query/progress", &filter);
            let expected = local.progress(&filter).unwrap();
            assert!(!expected.is_empty() || filter.since.is_some() || filter.scenario.is_some());
            assert_eq!(remote, expected, "{filter:?}");
        }
    }
    let teams = s.get("/api/v1/teams", &s.north, &[]);
    assert_eq!(teams.json, json!(local.teams().unwrap()));
    for team in ["", "North", "South", "nobody"] {
        let a = s.get(&format!("/api/v1/players?team={team}"), &s.north, &[]);
        assert_eq!(a.json, json!(local.players(Some(team)).unwrap()), "{team}");
    }
    let a = s.get("/api/v1/players", &s.north, &[]);
    assert_eq!(a.json, json!(local.players(None).unwrap()));
}
