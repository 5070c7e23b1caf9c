//! `frontline sync` without a reachable team server: no server set up, plain
//! HTTP to another machine, a server that is down or never answers. Results
//! stay pending and nothing waits longer than the timeout. (The runs against
//! a real server are in `cli_sync_server.rs`.)

mod sync_common;

use frontline_results::SqliteStore;
use frontline_sync::config::DEFAULT_TIMEOUT;
use std::path::Path;
use std::time::{Duration, Instant};
use sync_common::{data_with, frontline, results, text};

fn pending(dir: &Path) -> u64 {
    SqliteStore::open(&dir.join("results.db"))
        .unwrap()
        .pending_count()
        .unwrap()
}

/// A port nothing listens on (bound, then released).
fn closed_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

#[test]
fn without_a_server_setting_sync_says_so_and_scores_still_read_local_data() {
    let dir = data_with(&results(3, "ana", "North"));
    let d = dir.path().to_str().unwrap();
    let sync = frontline(&["sync", "--data-dir", d]);
    assert_eq!(sync.status.code(), Some(3), "{}", text(&sync));
    assert!(text(&sync).contains("no team server is configured"));
    let status = frontline(&["sync", "--status", "--data-dir", d]);
    assert!(text(&status).contains("3 waiting to sync, 0 on the server, 0 refused"));
    let scores = frontline(&["scores", "--data-dir", d]);
    assert!(scores.status.success() && text(&scores).contains("ana"));
}

#[test]
fn plain_http_to_another_machine_is_refused_before_any_request() {
    let dir = data_with(&results(1, "ana", "North"));
    let d = dir.path().to_str().unwrap();
    let out = frontline(&[
        "sync",
        "--server",
        "http://192.0.2.1:8080",
        "--token",
        "t",
        "--data-dir",
        d,
    ]);
    assert_eq!(out.status.code(), Some(3), "{}", text(&out));
    assert!(text(&out).contains("plain http"), "{}", text(&out));
    assert_eq!(pending(dir.path()), 1);
}

#[test]
fn a_server_that_is_down_leaves_results_pending_within_the_timeout() {
    let dir = data_with(&results(4, "ana", "North"));
    let d = dir.path().to_str().unwrap();
    let url = format!("http://127.0.0.1:{}", closed_port());
    let started = Instant::now();
    let out = frontline(&["sync", "--server", &url, "--token", "t", "--data-dir", d]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert!(started.elapsed() < DEFAULT_TIMEOUT + Duration::from_secs(2));
    assert!(text(&out).contains("cannot be reached"), "{}", text(&out));
    assert_eq!(pending(dir.path()), 4);
}

#[test]
fn a_server_that_never_answers_is_given_up_after_the_configured_timeout() {
    // Accepts connections (the kernel does) but never reads or answers.
    let silent = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", silent.local_addr().unwrap());
    let dir = data_with(&results(2, "ana", "North"));
    std::fs::write(
        dir.path().join("server.ron"),
        format!("(url: \"{url}\", token: \"t\", timeout_secs: 1)"),
    )
    .unwrap();
    let started = Instant::now();
    let out = frontline(&["sync", "--data-dir", dir.path().to_str().unwrap()]);
    let took = started.elapsed();
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert!(took < Duration::from_secs(3), "took {took:?}");
    assert_eq!(pending(dir.path()), 2);
}
