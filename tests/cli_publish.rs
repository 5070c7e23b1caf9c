//! `frontline publish` against a real `frontline serve` over the test
//! PostgreSQL: files that pass `check` are uploaded, anything else is refused.

mod common;

use common::{Served, database, frontline, issue, text};

fn publish(server: &Served, token: &str, paths: &[&str]) -> std::process::Output {
    let mut args = vec!["publish", "--server", &server.base, "--token", token];
    args.extend_from_slice(paths);
    std::process::Command::new(env!("CARGO_BIN_EXE_frontline"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(args)
        .output()
        .expect("run frontline publish")
}

fn library(server: &Served, token: &str) -> serde_json::Value {
    let (status, body) = server.call("GET", "/api/v1/library", token, "");
    assert_eq!(status, 200, "{body}");
    serde_json::from_str(&body).unwrap()
}

#[test]
fn publish_uploads_checked_files_and_refuses_errors_and_player_tokens() {
    let Some(db) = database() else { return };
    assert!(
        frontline(&["serve", "admin", "create-team", "North"], &db)
            .status
            .success()
    );
    let trainer = issue(&["serve", "admin", "issue-token", "--trainer"], &db);
    let player = issue(&["serve", "admin", "issue-token", "--team", "North"], &db);
    let server = Served::start(&db);

    let bad = publish(
        &server,
        &trainer,
        &[
            "tests/fixtures/good",
            "tests/fixtures/bad/unknown-target.ron",
        ],
    );
    assert_eq!(bad.status.code(), Some(1), "{}", text(&bad));
    assert!(
        text(&bad).contains("unknown-target.ron:12:74"),
        "{}",
        text(&bad)
    );
    assert!(text(&bad).contains("not published"), "{}", text(&bad));
    assert_eq!(library(&server, &player)["files"], serde_json::json!([]));

    let refused = publish(&server, &player, &["tests/fixtures/good"]);
    assert_eq!(refused.status.code(), Some(1), "{}", text(&refused));
    assert!(text(&refused).contains("403"), "{}", text(&refused));

    let ok = publish(&server, &trainer, &["tests/fixtures/good"]);
    assert!(ok.status.success(), "{}", text(&ok));
    let published = library(&server, &player);
    let mut expected: Vec<String> = std::fs::read_dir("tests/fixtures/good")
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".ron"))
        .collect();
    expected.sort();
    let paths: Vec<&str> = published["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths, expected);
    let version = published["version"].as_str().unwrap();
    assert!(text(&ok).contains(version), "{}", text(&ok));
}

#[test]
fn publish_never_sends_a_token_over_plain_http_to_another_machine() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_frontline"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args([
            "publish",
            "tests/fixtures/good",
            "--server",
            "http://192.0.2.1:8080",
            "--token",
            "t",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out).contains("--allow-plain-http"), "{}", text(&out));
}
