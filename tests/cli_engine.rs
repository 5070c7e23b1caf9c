//! The engine's CLI subcommands on a small fixture: what a trainer sees.

use std::io::Write;
use std::process::{Command, Output, Stdio};

const FIXTURE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/engine-counter.ron"
);

fn frontline(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_frontline"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn text(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn analyse_reports_bounds_endings_and_best_path() {
    let o = frontline(&["analyse", FIXTURE], "");
    let out = text(&o);
    assert!(o.status.success(), "{out}");
    assert!(
        out.contains("Control                       0 .. 2"),
        "{out}"
    );
    assert!(
        out.contains("Fairness                   not assessed"),
        "{out}"
    );
    assert!(out.contains("Lost (walked out) at `ok`"), "{out}");
    assert!(out.contains("as a test: choices: [1, 1]"), "{out}");
    let json: serde_json::Value = serde_json::from_str(&text(&frontline(
        &["analyse", FIXTURE, "--format", "json"],
        "",
    )))
    .unwrap();
    assert_eq!(json["paths"], 5);
    assert_eq!(json["bounds"][1]["best"], 2);
}

#[test]
fn graph_draws_dot_and_mermaid() {
    let dot = text(&frontline(&["graph", FIXTURE, "--format", "dot"], ""));
    assert!(dot.contains("digraph") && dot.contains("Emp+2"));
    let mermaid = text(&frontline(&["graph", FIXTURE, "--format", "mermaid"], ""));
    assert!(mermaid.starts_with("flowchart TD") && mermaid.contains("class n3 Delighted"));
}

#[test]
fn playtest_summarises_and_passes_when_nothing_is_stuck() {
    let o = frontline(&["playtest", FIXTURE, "--runs", "500", "--seed", "9"], "");
    let out = text(&o);
    assert!(o.status.success(), "{out}");
    assert!(out.contains("500 random playthroughs"));
    assert!(out.contains("No run got stuck."));
}

#[test]
fn playtest_fails_when_a_run_gets_stuck() {
    let dir = tempfile::tempdir().unwrap();
    // Without the caring opening the story loops back forever (no time passes).
    let stuck = std::fs::read_to_string(FIXTURE).unwrap().replace(
        "next: \"offer\", time: 20),",
        "next: \"gate\"),\n\"gate\": Branch(cases: [(when: Flag(\"cared\"), next: \"offer\")], otherwise: \"lookup\"),",
    );
    let path = dir.path().join("stuck.ron");
    std::fs::write(&path, stuck).unwrap();
    let o = frontline(&["playtest", path.to_str().unwrap(), "--runs", "20"], "");
    let (out, err) = (text(&o), String::from_utf8_lossy(&o.stderr).into_owned());
    assert_eq!(o.status.code(), Some(1), "{out}{err}");
    assert!(out.contains("run(s) got stuck"), "{out}{err}");
    assert!(
        out.contains("the scenario loops without reaching an ending"),
        "{out}"
    );
}

#[test]
fn run_plays_from_piped_stdin_and_prints_the_debrief() {
    let o = frontline(&["run", FIXTURE, "--seed", "1"], "1\n1\n");
    let out = text(&o);
    assert!(o.status.success(), "{out}");
    assert!(out.contains("Rosa: Hello, I'm Rosa."));
    assert!(out.contains("Outcome: Delighted"));
    assert!(out.contains("Overall: 80/100, grade B"), "{out}");
    assert!(out.contains("PASSED"));
    let locked = frontline(&["run", FIXTURE, "--seed", "1"], "2\n1\n2\n");
    let out = text(&locked);
    assert!(out.contains("locked: Show you care first."), "{out}");
    assert!(out.contains("That option is locked"), "{out}");
    let cut = frontline(&["run", FIXTURE, "--seed", "1"], "1\n");
    assert_eq!(cut.status.code(), Some(1));
}

#[test]
fn fixture_self_tests_pass_and_a_wrong_expectation_is_reported() {
    let text = std::fs::read_to_string(FIXTURE).unwrap();
    let parse = |t: &str| {
        frontline_core::scenario::load_str(std::path::Path::new(FIXTURE), t)
            .playable()
            .cloned()
            .unwrap()
    };
    assert_eq!(
        frontline_core::selftest::run_playthroughs(&parse(&text)),
        vec![]
    );
    let wrong = text.replace("outcome: Delighted, overall", "outcome: Satisfied, overall");
    let failures = frontline_core::selftest::run_playthroughs(&parse(&wrong));
    assert_eq!(failures.len(), 1);
    assert!(
        failures[0]
            .to_string()
            .contains("expected outcome Satisfied, got Delighted")
    );
}

#[test]
fn check_runs_the_scripted_playthroughs() {
    let ok = frontline(&["check", FIXTURE], "");
    assert!(
        ok.status.success(),
        "{}{}",
        text(&ok),
        String::from_utf8_lossy(&ok.stderr)
    );
    let dir = tempfile::tempdir().unwrap();
    let wrong = std::fs::read_to_string(FIXTURE)
        .unwrap()
        .replace("outcome: Delighted, overall", "outcome: Neutral, overall");
    let path = dir.path().join("wrong.ron");
    std::fs::write(&path, wrong).unwrap();
    let o = frontline(&["check", path.to_str().unwrap()], "");
    let out = text(&o);
    assert_eq!(o.status.code(), Some(1), "{out}");
    assert!(
        out.contains(
            "scripted playthrough \"caring path\" failed: expected outcome Neutral, got Delighted"
        ),
        "{out}"
    );
}
