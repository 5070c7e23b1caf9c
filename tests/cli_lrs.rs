//! `frontline lrs push|status` as a trainer runs them, against the real
//! Ralph LRS (scripts/services/ralph.sh; CI starts it). Skipped with a note
//! when no test LRS runs, except under CI=true.

#[path = "../crates/frontline-lrs/tests/common/mod.rs"]
mod common;

use common::{assert_held_once, plays, ralph, store_with};
use frontline_lrs::{Client, LrsConfig};
use frontline_results::SqliteStore;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};

/// `frontline lrs ARGS --data-dir DATA`, configured through the environment.
fn lrs_command(lrs: &LrsConfig, data: &Path, args: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_frontline"));
    cmd.arg("lrs")
        .args(args)
        .arg("--data-dir")
        .arg(data)
        .env("FRONTLINE_LRS_URL", &lrs.endpoint)
        .env("FRONTLINE_LRS_USER", &lrs.user)
        .env("FRONTLINE_LRS_PASSWORD", &lrs.password);
    cmd
}

#[test]
fn a_push_killed_mid_run_resumes_and_every_statement_is_held_exactly_once() {
    let Some(lrs) = ralph() else { return };
    let records = plays(40, "Kim Killed");
    let (dir, store) = store_with(&records);
    drop(store);
    let mut child = lrs_command(&lrs, dir.path(), &["push", "--batch", "1", "--progress"])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let progress = BufReader::new(child.stderr.take().unwrap());
    for line in progress.lines() {
        if line.unwrap().starts_with("batch 5:") {
            break;
        }
    }
    child.kill().unwrap(); // SIGKILL: no chance to tidy up
    child.wait().unwrap();
    let db = dir.path().join("results.db");
    let part = SqliteStore::open(&db)
        .unwrap()
        .delivery_counts(&lrs.endpoint)
        .unwrap();
    assert!(
        (5..40).contains(&part.delivered),
        "killed after {} results",
        part.delivered
    );

    let out = lrs_command(&lrs, dir.path(), &["push"]).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.starts_with(&format!("sent {} results", 40 - part.delivered)),
        "{stdout}"
    );
    let client = Client::new(&lrs);
    for r in &records {
        assert_held_once(&client, r);
    }
    let out = lrs_command(&lrs, dir.path(), &["status"]).output().unwrap();
    let status = String::from_utf8_lossy(&out.stdout);
    assert!(status.contains("delivered: 40"), "{status}");
    assert!(status.contains("to send:   0"), "{status}");
}

#[test]
fn without_an_lrs_configured_push_says_how_to_configure_one() {
    let data = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_frontline"))
        .args(["lrs", "push", "--data-dir"])
        .arg(data.path())
        .env_remove("FRONTLINE_LRS_URL")
        .env_remove("FRONTLINE_LRS_USER")
        .env_remove("FRONTLINE_LRS_PASSWORD")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("--lrs URL"), "{stderr}");
    assert!(stderr.contains("FRONTLINE_LRS_URL"), "{stderr}");
    assert!(stderr.contains("lrs.ron"), "{stderr}");
}
