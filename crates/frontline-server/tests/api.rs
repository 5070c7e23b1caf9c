//! The HTTP API against a real PostgreSQL: posting (idempotent, conflicts,
//! validation), tokens and roles, size limits, batches.

mod common;

use common::TestServer;
use common::records::record;
use frontline_results::Filter;
use serde_json::json;

#[test]
fn posting_twice_stores_once_and_a_changed_copy_is_a_conflict() {
    let Some(s) = TestServer::start() else { return };
    let r = record(1, "ana", "North", 80);
    let first = s.post("/api/v1/results", &s.north, &r);
    assert_eq!(
        (first.status, &first.json),
        (201, &json!({"status": "stored"}))
    );
    let again = s.post("/api/v1/results", &s.north, &r);
    assert_eq!(
        (again.status, &again.json),
        (200, &json!({"status": "already_present"}))
    );
    let mut changed = r.clone();
    changed.overall = 20;
    changed.grade = 'E';
    let conflict = s.post("/api/v1/results", &s.north, &changed);
    assert_eq!(conflict.status, 409, "{}", conflict.json);
    assert_eq!(conflict.json["error"], "conflict");
    assert_eq!(conflict.json["fields"], json!(["overall", "grade"]));
    // The first one is kept, exactly as posted.
    let stored = s.rt.block_on(s.db.get(r.id)).unwrap();
    assert_eq!(stored, Some(r));
    let count = s.post("/api/v1/query/count", &s.north, &Filter::all());
    assert_eq!(count.json, json!({"count": 1}));
}

#[test]
fn an_invalid_record_gets_422_naming_every_problem() {
    let Some(s) = TestServer::start() else { return };
    let mut r = record(2, "", "North", 80);
    r.overall = 101;
    r.scenario_hash = "xyz".into();
    let a = s.post("/api/v1/results", &s.trainer, &r);
    assert_eq!(a.status, 422, "{}", a.json);
    assert_eq!(a.json["error"], "invalid");
    let fields: Vec<&str> = a.json["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["player", "scenario_hash", "overall"]);
    // Broken JSON, or JSON of another shape: a JSON error too, never plain text.
    let a = s.post_bytes("/api/v1/results", &s.trainer, b"{,}");
    assert_eq!(a.status, 400);
    assert_eq!(a.json["error"], "bad_request");
    let a = s.post_bytes("/api/v1/results", &s.trainer, b"{\"id\": 3}");
    assert_eq!(a.status, 422);
    assert_eq!(a.json["error"], "invalid");
    assert_eq!(s.rt.block_on(s.db.count(&Filter::all())).unwrap(), 0);
}

#[test]
fn every_endpoint_needs_a_valid_token() {
    let Some(s) = TestServer::start() else { return };
    let r = record(3, "ana", "North", 70);
    for token in ["", "flt_0000", "not-even-a-token"] {
        let a = s.post("/api/v1/results", token, &r);
        assert_eq!(a.status, 401, "{token:?}");
        assert_eq!(a.json["error"], "unauthorized");
        for path in [
            "/api/v1/whoami",
            "/api/v1/teams",
            "/api/v1/library",
            "/nowhere",
        ] {
            assert_eq!(s.get(path, token, &[]).status, 401, "{path} {token:?}");
        }
    }
    let issued = s.rt.block_on(s.db.issue_token(Some("South"))).unwrap();
    assert_eq!(s.get("/api/v1/whoami", &issued.token, &[]).status, 200);
    s.rt.block_on(s.db.revoke_token(issued.id)).unwrap();
    let a = s.get("/api/v1/whoami", &issued.token, &[]);
    assert_eq!(a.status, 401, "a revoked token stops working at once");
    assert_eq!(s.rt.block_on(s.db.count(&Filter::all())).unwrap(), 0);
}

#[test]
fn a_player_token_posts_for_its_own_team_only_and_a_trainer_for_any() {
    let Some(s) = TestServer::start() else { return };
    let who = s.get("/api/v1/whoami", &s.north, &[]);
    assert_eq!(who.json, json!({"role": "player", "team": "North"}));
    let who = s.get("/api/v1/whoami", &s.trainer, &[]);
    assert_eq!(who.json, json!({"role": "trainer", "team": ""}));
    let south = record(4, "carl", "South", 70);
    let a = s.post("/api/v1/results", &s.north, &south);
    assert_eq!(a.status, 403, "{}", a.json);
    assert_eq!(a.json["error"], "forbidden");
    assert_eq!(s.post("/api/v1/results", &s.trainer, &south).status, 201);
    // The player still reads every team's board.
    let teams = s.get("/api/v1/teams", &s.north, &[]);
    assert_eq!(teams.json, json!(["South"]));
}

#[test]
fn a_body_over_one_mebibyte_gets_413() {
    let Some(s) = TestServer::start() else { return };
    let mut r = record(5, "ana", "North", 70);
    r.scenario_title = "x".repeat(1024 * 1024);
    let a = s.post("/api/v1/results", &s.north, &r);
    assert_eq!(a.status, 413);
    assert_eq!(a.json["error"], "too_large");
    let r = record(5, "ana", "North", 70);
    assert_eq!(s.post("/api/v1/results", &s.north, &r).status, 201);
}

#[test]
fn a_batch_judges_each_record_alone() {
    let Some(s) = TestServer::start() else { return };
    let stored = record(10, "ana", "North", 90);
    assert_eq!(s.post("/api/v1/results", &s.north, &stored).status, 201);
    let mut conflicting = stored.clone();
    conflicting.player = "Bob".into();
    let mut invalid = record(11, "ana", "North", 90);
    invalid.player = "a\nb".into();
    let batch = json!([
        record(12, "ana", "North", 40),
        stored,
        conflicting,
        invalid,
        record(13, "carl", "South", 50),
        {"id": "00000000-0000-0000-0000-00000000000e", "player": 5},
    ]);
    let a = s.post("/api/v1/results/batch", &s.north, &batch);
    assert_eq!(a.status, 200, "{}", a.json);
    let statuses: Vec<&str> = a.json["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["status"].as_str().unwrap())
        .collect();
    assert_eq!(
        statuses,
        [
            "stored",
            "already_present",
            "conflict",
            "invalid",
            "forbidden",
            "invalid"
        ]
    );
    assert_eq!(
        a.json["results"][5]["id"],
        "00000000-0000-0000-0000-00000000000e"
    );
    assert_eq!(s.rt.block_on(s.db.count(&Filter::all())).unwrap(), 2);
    let too_many: Vec<_> = (0..501)
        .map(|i| record(100 + i, "ana", "North", 1))
        .collect();
    let a = s.post("/api/v1/results/batch", &s.north, &too_many);
    assert_eq!(a.status, 422);
    assert_eq!(s.rt.block_on(s.db.count(&Filter::all())).unwrap(), 2);
}
