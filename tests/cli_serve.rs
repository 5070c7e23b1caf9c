//! `frontline serve` and `frontline serve admin` as a team lead uses them,
//! against the real PostgreSQL that scripts/services/postgres.sh starts.

mod common;

use common::{Served, database, frontline, issue, text};
use std::process::Command;

#[test]
fn admin_commands_manage_teams_and_tokens_shown_once() {
    let Some(db) = database() else { return };
    let out = frontline(&["serve", "admin", "create-team", "Branch 12"], &db);
    assert!(out.status.success(), "{}", text(&out));
    let again = frontline(&["serve", "admin", "create-team", "Branch 12"], &db);
    assert_eq!(again.status.code(), Some(1));
    assert!(text(&again).contains("already exists"), "{}", text(&again));
    let blank = frontline(&["serve", "admin", "create-team", "  "], &db);
    assert_eq!(blank.status.code(), Some(1));

    let player = issue(
        &["serve", "admin", "issue-token", "--team", "Branch 12"],
        &db,
    );
    let trainer = issue(&["serve", "admin", "issue-token", "--trainer"], &db);
    assert!(player.starts_with("flt_") && player.len() == 68, "{player}");
    let unknown = frontline(&["serve", "admin", "issue-token", "--team", "Nope"], &db);
    assert_eq!(unknown.status.code(), Some(1));

    let list = text(&frontline(&["serve", "admin", "list-tokens"], &db));
    assert!(
        list.contains("player") && list.contains("Branch 12"),
        "{list}"
    );
    assert!(list.contains("trainer"), "{list}");
    assert!(
        !list.contains(&player) && !list.contains(&trainer),
        "tokens are never shown again"
    );

    let server = Served::start(&db);
    let (status, body) = server.call("GET", "/api/v1/whoami", &player, "");
    assert_eq!(
        (status, body.as_str()),
        (200, r#"{"role":"player","team":"Branch 12"}"#)
    );
    let out = frontline(&["serve", "admin", "revoke-token", "1"], &db);
    assert!(out.status.success(), "{}", text(&out));
    assert_eq!(server.call("GET", "/api/v1/whoami", &player, "").0, 401);
    assert_eq!(server.call("GET", "/api/v1/whoami", &trainer, "").0, 200);
    let list = text(&frontline(&["serve", "admin", "list-tokens"], &db));
    let revoked = list
        .lines()
        .find(|l| l.trim_start().starts_with("1 "))
        .unwrap();
    assert!(
        !revoked.trim_end().ends_with('-'),
        "revocation is listed: {list}"
    );
}

#[test]
fn serving_beyond_loopback_without_tls_needs_an_explicit_flag() {
    let out = frontline(
        &[
            "serve",
            "--listen",
            "0.0.0.0:0",
            "--database",
            "postgres://x@127.0.0.1:1/x",
        ],
        "",
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out).contains("--allow-plain-http"), "{}", text(&out));
    let out = frontline(&["serve"], "");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out).contains("FRONTLINE_DATABASE_URL"),
        "{}",
        text(&out)
    );
}

#[test]
fn two_servers_over_one_database_give_identical_answers() {
    let Some(db) = database() else { return };
    assert!(
        frontline(&["serve", "admin", "create-team", "North"], &db)
            .status
            .success()
    );
    let token = issue(&["serve", "admin", "issue-token", "--team", "North"], &db);
    let a = Served::start(&db);
    let b = Served::start(&db);
    assert_ne!(a.base, b.base);
    let record = |id: u32, overall: u8| {
        let json = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/result.json"
        ))
        .unwrap();
        json.replace("00000001", &format!("{id:08}"))
            .replace("\"overall\": 80", &format!("\"overall\": {overall}"))
    };
    for i in 0..10 {
        let via = if i % 2 == 0 { &a } else { &b };
        let (status, body) = via.call("POST", "/api/v1/results", &token, &record(i, 50 + i as u8));
        assert_eq!(status, 201, "{body}");
    }
    // Posted through one, already there through the other.
    assert_eq!(
        a.call("POST", "/api/v1/results", &token, &record(1, 51)).0,
        200
    );
    for (path, body) in [
        (
            "/api/v1/query/leaderboard",
            r#"{"filter":{},"by":"Player","metric":"Average","limit":null}"#,
        ),
        ("/api/v1/query/need-averages", "{}"),
        ("/api/v1/query/count", "{}"),
        ("/api/v1/query/progress", r#"{"player":"ana"}"#),
    ] {
        let from_a = a.call("POST", path, &token, body);
        assert_eq!(from_a.0, 200, "{path}: {}", from_a.1);
        assert_eq!(from_a, b.call("POST", path, &token, body), "{path}");
    }
    assert_eq!(
        a.call("POST", "/api/v1/query/count", &token, "{}").1,
        r#"{"count":10}"#
    );
    // The fixture is a post from a game older than player ids: the server
    // gave each result the id derived from team and name.
    let ana = frontline_results::derived_player_id("North", "ana").to_string();
    let (_, players) = a.call("GET", "/api/v1/players", &token, "");
    assert!(
        players.contains(&ana) && players.contains("\"name\":\"ana\""),
        "{players}"
    );
    // A privacy request: everything about ana, then nothing.
    let out = frontline(&["serve", "admin", "export-player", "ana"], &db);
    let exported: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(exported.as_array().map(Vec::len), Some(10));
    let out = frontline(&["serve", "admin", "delete-player", &ana], &db);
    assert!(text(&out).contains("deleted 10 results"), "{}", text(&out));
    assert_eq!(
        b.call("POST", "/api/v1/query/count", &token, "{}").1,
        r#"{"count":0}"#
    );
    // SIGTERM (systemd's stop) ends the process cleanly.
    let mut a = a;
    let killed = Command::new("kill")
        .args(["-TERM", &a.child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    assert!(
        a.child.wait().unwrap().success(),
        "exit status 0 after SIGTERM"
    );
}

#[test]
fn demo_data_publishes_the_dialogues_and_stores_real_plays_of_existing_teams_first() {
    let Some(db) = database() else { return };
    assert!(
        frontline(&["serve", "admin", "create-team", "North"], &db)
            .status
            .success()
    );
    let dialogues = concat!(env!("CARGO_MANIFEST_DIR"), "/dialogues");
    let args = [
        "serve",
        "admin",
        "demo-data",
        "--teams",
        "2",
        "--plays",
        "4",
        "--seed",
        "5",
    ];
    let out = frontline(&[&args[..], &["--dialogues", dialogues]].concat(), &db);
    assert!(out.status.success(), "{}", text(&out));
    let said = text(&out);
    assert!(said.contains("published"), "{said}");
    // 2 teams x 3 players x 4 plays, every one an engine play that reached an ending.
    assert!(
        said.contains("stored 24 plays of teams North, Demo team 1"),
        "{said}"
    );
    let trainer = issue(&["serve", "admin", "issue-token", "--trainer"], &db);
    let server = Served::start(&db);
    let (status, count) = server.call(
        "POST",
        "/api/v1/query/count",
        &trainer,
        r#"{"team":"North"}"#,
    );
    assert_eq!((status, count.as_str()), (200, r#"{"count":12}"#));
    let again = text(&frontline(
        &[&args[..], &["--dialogues", dialogues]].concat(),
        &db,
    ));
    assert!(
        !again.contains("published"),
        "an existing library is kept: {again}"
    );
    let board = |server: &Served| {
        server.call(
            "POST",
            "/api/v1/query/leaderboard",
            &trainer,
            r#"{"filter":{},"by":"Team","metric":"Average"}"#,
        )
    };
    let before = board(&server);
    assert_eq!(before.0, 200, "{}", before.1);
    let out = frontline(&["serve", "admin", "rebuild-aggregates"], &db);
    assert!(out.status.success(), "{}", text(&out));
    assert_eq!(board(&server), before, "a rebuild changes no answer");
}
