//! A player's data on request: exported whole, deleted whole, and the boards
//! afterwards exactly as if the player had never played.

mod common;

use common::TestServer;
use common::records::many;
use frontline_results::{
    Filter, LeaderboardQuery, LeaderboardRow, Metric, RankBy, ResultStore, SqliteStore,
};

#[test]
fn export_and_delete_one_player_leaves_the_boards_as_without_them() {
    let Some(s) = TestServer::start() else { return };
    let records = many(120, 3);
    assert_eq!(
        s.post("/api/v1/results/batch", &s.trainer, &records).status,
        200
    );
    let hers: Vec<_> = records
        .iter()
        .filter(|r| r.player == "ana" && r.team == "North")
        .cloned()
        .collect();
    assert!(!hers.is_empty());

    let mut exported =
        s.rt.block_on(s.db.player_results("ana", Some("North")))
            .unwrap();
    let mut expected = hers.clone();
    let key = |r: &frontline_results::ResultRecord| (r.started_at, r.id);
    exported.sort_by_key(key);
    expected.sort_by_key(key);
    assert_eq!(
        exported, expected,
        "every result of ana in North, nothing else"
    );

    let deleted =
        s.rt.block_on(s.db.delete_player("ana", Some("North")))
            .unwrap();
    assert_eq!(deleted as usize, hers.len());
    let left = s.rt.block_on(s.db.player_results("ana", None)).unwrap();
    assert!(
        left.iter().all(|r| r.team == "South"),
        "the other ana stays"
    );

    let without: Vec<_> = records
        .iter()
        .filter(|r| !hers.contains(r))
        .cloned()
        .collect();
    let local = SqliteStore::in_memory().unwrap();
    local.import(&without).unwrap();
    for by in [RankBy::Player, RankBy::Team] {
        for metric in [Metric::Best, Metric::Average] {
            let q = LeaderboardQuery {
                filter: Filter::all(),
                by,
                metric,
                limit: None,
            };
            let remote: Vec<LeaderboardRow> = s.query("/api/v1/query/leaderboard", &q);
            assert_eq!(remote, local.leaderboard(&q).unwrap(), "{q:?}");
        }
    }
}
