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
    let control = out
        .lines()
        .find(|l| l.trim_start().starts_with("Control"))
        .unwrap_or_default();
    assert_eq!(
        control.split_whitespace().collect::<Vec<_>>(),
        ["Control", "0..100", "0..2", "0", "100", "1"],
        "{out}"
    );
    assert!(
        out.contains("Fairness                   not assessed"),
        "{out}"
    );
    assert!(out.contains("Lost (walked out) at `ok`"), "{out}");
    assert!(
        out.contains("Best overall play (Delighted):\n  1. at `hello` choice 1: \"I'm sorry to hear that, Rosa. Let me look it up.\"\n  2. at `offer` choice 1:"),
        "{out}"
    );
    let json: serde_json::Value = serde_json::from_str(&text(&frontline(
        &["analyse", FIXTURE, "--format", "json"],
        "",
    )))
    .unwrap();
    assert_eq!(json["paths"], 5);
    assert_eq!(json["bounds"][1]["best"], 2);
    assert_eq!(json["needs"][4]["raw"]["best"], 2);
    assert_eq!(json["needs"][4]["untouched"], 0);
    assert_eq!(json["overall"], serde_json::json!({"worst": 0, "best": 80}));
}

const TWISTS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/analyse-twists.ron"
);

/// The `Playthrough(...)` lines `analyse` suggests.
fn suggested_tests(report: &str) -> Vec<String> {
    report
        .lines()
        .map(str::trim)
        .filter(|l| l.starts_with("Playthrough("))
        .map(str::to_string)
        .collect()
}

#[test]
fn analyse_speaks_in_debrief_scores_and_warns_about_weak_needs_and_loops() {
    let o = frontline(&["analyse", TWISTS], "");
    let out = text(&o);
    assert!(o.status.success(), "{out}");
    let fairness = out
        .lines()
        .find(|l| l.trim_start().starts_with("Fairness"))
        .unwrap_or_default();
    assert_eq!(
        fairness.split_whitespace().collect::<Vec<_>>(),
        ["Fairness", "0..100", "-1..0", "100", "-", "1"],
        "{out}"
    );
    assert!(
        out.contains("warning: Fairness is weakly assessed:\n      - only 1 choice changes it, so one or two picks decide its whole score\n      - a play whose choices never touch it scores 100"),
        "{out}"
    );
    assert!(
        out.contains("warning: players can go round `hello`, `story` and pick scored choices again\n    pumping: Friendliness, Understanding & empathy, Information"),
        "{out}"
    );
    assert!(out.contains("repeatable: `story` choice 1"), "{out}");
    for need in frontline_core::needs::Need::ALL {
        let line = format!("\nBest for {}", need.label());
        assert!(out.contains(&line), "no best line for {need}:\n{out}");
    }
    assert!(
        out.contains(
            "Best for Information: no single play to show:\n  a loop lets players raise it again"
        ),
        "{out}"
    );
    let long = out
        .lines()
        .find(|l| !l.contains("Playthrough(") && l.chars().count() > 120);
    assert_eq!(long, None, "one step or warning per line:\n{out}");
    assert!(out.contains("   `coin` draws `sold-out`"), "{out}");
    let json: serde_json::Value = serde_json::from_str(&text(&frontline(
        &["analyse", TWISTS, "--format", "json"],
        "",
    )))
    .unwrap();
    assert_eq!(
        json["loops"][0]["nodes"],
        serde_json::json!(["hello", "story"])
    );
    assert_eq!(json["needs"][2]["need"], "Fairness");
    assert!(json["needs"][2]["weak"].is_string());
    assert!(
        json["best_overall"].is_null(),
        "the loop leaves no best play"
    );
    assert_eq!(json["worst_overall"]["end"], "fine");
    assert!(
        json["suggested_tests"]
            .as_array()
            .is_some_and(|t| !t.is_empty())
    );
}

/// Pasting every suggested self-test into the file gives a file whose
/// `check` passes; a forced draw is part of at least one of them.
#[test]
fn suggested_self_tests_pass_when_pasted() {
    for fixture in [FIXTURE, TWISTS] {
        let tests = suggested_tests(&text(&frontline(&["analyse", fixture], "")));
        assert!(tests.len() >= 2, "{fixture}: {tests:?}");
        let original = std::fs::read_to_string(fixture).unwrap();
        let pasted = match original.find("    tests: [\n") {
            Some(at) => {
                let at = at + "    tests: [\n".len();
                format!(
                    "{}{}\n{}",
                    &original[..at],
                    tests.join("\n"),
                    &original[at..]
                )
            }
            None => {
                let end = original.rfind(')').unwrap();
                format!(
                    "{}    tests: [\n{}\n    ],\n)\n",
                    &original[..end],
                    tests.join("\n")
                )
            }
        };
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("pasted.ron");
        std::fs::write(&path, &pasted).unwrap();
        let o = frontline(&["check", path.to_str().unwrap()], "");
        assert!(o.status.success(), "{}\n{pasted}", text(&o));
        if fixture == TWISTS {
            assert!(
                tests
                    .iter()
                    .any(|t| t.contains("random: {\"coin\": \"sold-out\"}")),
                "{tests:?}"
            );
            // The same tests with the draw flipped fail: the forced draw is what makes them pass.
            let flipped = pasted.replace(
                "random: {\"coin\": \"sold-out\"}",
                "random: {\"coin\": \"gate\"}",
            );
            std::fs::write(&path, flipped).unwrap();
            let o = frontline(&["check", path.to_str().unwrap()], "");
            assert_eq!(o.status.code(), Some(1), "{}", text(&o));
        }
    }
}

#[test]
fn playtest_counts_each_ending_and_the_pass_rate_and_says_players_are_random() {
    let o = frontline(&["playtest", TWISTS, "--runs", "400", "--seed", "3"], "");
    let out = text(&o);
    assert!(o.status.success(), "{out}");
    assert!(
        out.contains("random clickers, not skilled players"),
        "{out}"
    );
    assert!(
        out.contains("To pass: an overall score of 60 or more"),
        "{out}"
    );
    for end in ["`thanks`", "`fine`"] {
        assert!(
            out.lines()
                .any(|l| l.trim_start().starts_with(end) && l.contains("Satisfied")),
            "{end}: {out}"
        );
    }
    assert!(out.contains("p10, p50 (median), p90"), "{out}");
    let json = |file: &str| -> serde_json::Value {
        let args = [
            "playtest", file, "--runs", "400", "--seed", "3", "--format", "json",
        ];
        serde_json::from_str(&text(&frontline(&args, ""))).unwrap()
    };
    let twists = json(TWISTS);
    let endings = twists["report"]["endings"].as_array().unwrap();
    assert_eq!(endings.len(), 3, "{twists}");
    let total: u64 = endings.iter().map(|e| e["runs"].as_u64().unwrap()).sum();
    assert_eq!(total, 400);
    let counter = json(FIXTURE);
    let report = &counter["report"];
    let walked: Vec<&serde_json::Value> = report["endings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["walked_out"] == true)
        .collect();
    assert_eq!(walked.len(), 1, "{report}");
    assert_eq!(
        (&walked[0]["node"], &walked[0]["outcome"]),
        (&"ok".into(), &"Lost".into())
    );
    let passed = report["passed"].as_u64().unwrap();
    assert!(passed > 0 && passed < 400, "{report}");
    let o = frontline(&["playtest", FIXTURE, "--runs", "400", "--seed", "3"], "");
    assert!(
        text(&o).contains(&format!("Passed: {passed} of 400")),
        "{}",
        text(&o)
    );
    let f = &report["needs"][0];
    assert!(
        f["p10"].as_u64() <= f["p50"].as_u64() && f["p50"].as_u64() <= f["p90"].as_u64(),
        "{f}"
    );
    assert!(f["p10"].as_u64() < f["p90"].as_u64(), "{f}");
}

#[test]
fn graph_shows_branch_conditions_and_tells_hidden_from_locked() {
    let dot = text(&frontline(&["graph", TWISTS], ""));
    assert!(dot.contains("label=\"when Flag(\\\"warm\\\")\""), "{dot}");
    assert!(dot.contains("[locked unless Flag(\\\"warm\\\")]"), "{dot}");
    assert!(dot.contains("[hidden unless MoodBelow(50)]"), "{dot}");
    assert!(!dot.contains("case 1") && !dot.contains("locked?"), "{dot}");
}

/// `| head -1`: the reader goes away before the command has written; each
/// command (the trainer's four, and `check` and `audit`) must end without a
/// panic (before: exit 101 and a "panicked" message).
#[test]
fn commands_end_quietly_when_stdout_is_closed_early() {
    let runs = [
        vec!["analyse", TWISTS],
        vec!["analyse", TWISTS, "--format", "json"],
        vec!["graph", TWISTS],
        vec!["playtest", TWISTS, "--runs", "50"],
        vec!["run", FIXTURE, "--seed", "1"],
        vec!["check", TWISTS],
        vec!["audit", FIXTURE, "--runs", "20"],
    ];
    for args in runs {
        let mut child = Command::new(env!("CARGO_BIN_EXE_frontline"))
            .args(&args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        let _ = child.stdin.take().unwrap().write_all(b"1\n1\n");
        let o = child.wait_with_output().unwrap();
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(
            o.status.code() != Some(101) && !err.contains("panicked"),
            "{args:?}: {:?} {err}",
            o.status
        );
    }
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
    let analysed = frontline(&["analyse", path.to_str().unwrap()], "");
    assert_eq!(analysed.status.code(), Some(1), "{}", text(&analysed));
    assert!(
        text(&analysed).contains("Loops with no exit: lookup, gate"),
        "{}",
        text(&analysed)
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
