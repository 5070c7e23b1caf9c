//! A player's data on request: exported whole, deleted whole, and the boards
//! afterwards exactly as if the player had never played.

mod common;

use common::TestServer;
use common::records::many;
use common::records::{JO, SAMS};
use frontline_results::{
    Filter, LeaderboardQuery, LeaderboardRow, Metric, RankBy, ResultStore, SqliteStore,
    derived_player_id,
};
use frontline_server::admin::PlayerRef;

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

    let north_ana = PlayerRef::Name {
        name: "ana".into(),
        team: Some("North".into()),
    };
    let id = s.rt.block_on(s.db.resolve_player(&north_ana)).unwrap();
    assert_eq!(id, derived_player_id("North", "ana"));
    let mut exported = s.rt.block_on(s.db.player_results(id)).unwrap();
    let mut expected = hers.clone();
    let key = |r: &frontline_results::ResultRecord| (r.started_at, r.id);
    exported.sort_by_key(key);
    expected.sort_by_key(key);
    assert_eq!(
        exported, expected,
        "every result of ana in North, nothing else"
    );

    let deleted = s.rt.block_on(s.db.delete_player(id)).unwrap();
    assert_eq!(deleted as usize, hers.len());
    let just_ana = PlayerRef::parse("ana", None);
    let other = s.rt.block_on(s.db.resolve_player(&just_ana)).unwrap();
    let left = s.rt.block_on(s.db.player_results(other)).unwrap();
    assert!(
        !left.is_empty() && left.iter().all(|r| r.team == "South"),
        "the other ana stays, and is now the only `ana`"
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

/// A name that several players used is refused with each one's id, so the
/// admin never exports or deletes the wrong person; a renamed player is
/// found under either name.
#[test]
fn a_name_must_name_one_player_and_the_refusal_lists_the_candidates() {
    let Some(s) = TestServer::start() else { return };
    let records = many(200, 3);
    assert_eq!(
        s.post("/api/v1/results/batch", &s.trainer, &records).status,
        200
    );
    let err =
        s.rt.block_on(s.db.resolve_player(&PlayerRef::parse("Sam", None)))
            .unwrap_err()
            .to_string();
    assert!(err.contains("`Sam` names 2 players"), "{err}");
    for sam in SAMS {
        assert!(err.contains(&sam.to_string()), "lists {sam}: {err}");
    }
    let err =
        s.rt.block_on(s.db.resolve_player(&PlayerRef::parse("ana", None)))
            .unwrap_err()
            .to_string();
    assert!(
        err.contains("team `South`") && err.contains("team `North`"),
        "{err}"
    );
    for name in ["Jo", "Joanna"] {
        let who = PlayerRef::parse(name, Some("North".into()));
        assert_eq!(s.rt.block_on(s.db.resolve_player(&who)).unwrap(), JO);
    }
    let nobody = PlayerRef::parse("nobody", None);
    assert!(s.rt.block_on(s.db.resolve_player(&nobody)).is_err());
    let by_id = PlayerRef::parse(&SAMS[0].to_string(), None);
    assert_eq!(s.rt.block_on(s.db.resolve_player(&by_id)).unwrap(), SAMS[0]);
    let hers = s.rt.block_on(s.db.player_results(SAMS[0])).unwrap();
    assert!(!hers.is_empty() && hers.iter().all(|r| r.player_id == SAMS[0]));
}
