//! `frontline audit` as a trainer or CI uses it: report, JSON, determinism, exit codes.

use std::process::{Command, Output};

fn audit(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_frontline"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .arg("audit")
        .args(args)
        .output()
        .expect("run frontline")
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn a_telling_encounter_warns_and_fails_only_with_deny_warnings() {
    let out = audit(&["tests/fixtures/audit/telling.ron", "--runs", "40"]);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    assert!(
        text.contains("always choosing by `longest` passes 100% of runs"),
        "{text}"
    );
    assert!(text.contains("the best answer is the longest choice at 100% of points"));
    assert!(text.contains("0 dilemma point(s)"));
    assert!(text.contains("patience is unlimited"));
    let denied = audit(&[
        "tests/fixtures/audit/telling.ron",
        "--runs",
        "40",
        "--deny-warnings",
    ]);
    assert_eq!(denied.status.code(), Some(1));
}

#[test]
fn a_fair_encounter_passes_with_deny_warnings() {
    let out = audit(&["tests/fixtures/audit/fair.ron", "--deny-warnings"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(stdout(&out).ends_with("0 warning(s)\n"), "{}", stdout(&out));
}

#[test]
fn json_is_deterministic_for_a_seed() {
    let args = [
        "tests/fixtures/audit",
        "--runs",
        "30",
        "--seed",
        "5",
        "--format",
        "json",
    ];
    let (a, b) = (audit(&args), audit(&args));
    assert_eq!(stdout(&a), stdout(&b));
    let v: serde_json::Value = serde_json::from_str(&stdout(&a)).unwrap();
    assert_eq!(v["runs"], 30);
    assert_eq!(v["encounters"].as_array().unwrap().len(), 2);
    assert_eq!(v["summary"].as_array().unwrap().len(), 5);
    let listed: usize = v["encounters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["warnings"].as_array().unwrap().len())
        .sum();
    assert!(listed >= 4, "{v}");
    assert_eq!(v["warnings"], listed);
}

#[test]
fn a_broken_file_is_reported_with_its_position_and_fails() {
    let out = audit(&["tests/fixtures/bad/unknown-target.ron"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("unknown-target.ron:12:74"), "{err}");
}
