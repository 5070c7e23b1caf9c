//! `frontline check` as a trainer or CI uses it: exit codes, summary line, JSON.

use std::path::Path;
use std::process::{Command, Output};

fn check(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_frontline"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .arg("check")
        .args(args)
        .output()
        .expect("run frontline")
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn clean_examples_pass_with_a_summary() {
    let out = check(&["tests/fixtures/good"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(
        stdout(&out).ends_with("2 files, 0 errors, 0 warnings\n"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn errors_fail_and_are_shown_with_position_and_snippet() {
    let out = check(&[
        "tests/fixtures/bad/unknown-target.ron",
        "tests/fixtures/good",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(text.contains("unknown-target.ron:12:74"), "{text}");
    assert!(text.contains("did you mean `bye`?"), "{text}");
    assert!(text.contains("3 files, 1 error, 1 warning"), "{text}");
}

#[test]
fn warnings_pass_unless_denied() {
    let file = "tests/fixtures/bad/flag-never-read.ron";
    assert_eq!(check(&[file]).status.code(), Some(0));
    assert_eq!(check(&["--deny-warnings", file]).status.code(), Some(1));
}

#[test]
fn json_output_lists_every_diagnostic_with_line_and_column() {
    let out = check(&["--format", "json", "tests/fixtures/bad/wrong-need-name.ron"]);
    assert_eq!(out.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    assert_eq!(json["errors"], 1);
    let d = &json["diagnostics"][0];
    assert_eq!(d["code"], "unknown-need");
    assert_eq!(
        (d["line"].as_u64(), d["column"].as_u64()),
        (Some(11), Some(49))
    );
    assert!(Path::new(d["file"].as_str().unwrap()).ends_with("wrong-need-name.ron"));
}

#[test]
fn default_path_is_the_dialogues_folder() {
    let out = check(&[]);
    let text = stdout(&out);
    let files = std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("dialogues"))
        .map(|d| {
            d.flatten()
                .filter(|e| e.path().extension().is_some_and(|x| x == "ron"))
                .count()
        })
        .unwrap_or(0);
    assert!(text.contains(&format!("{files} files,")), "{text}");
    assert_eq!(
        out.status.code(),
        Some(0),
        "dialogues/ must check clean: {text}"
    );
}

#[test]
fn no_dialogues_folder_is_one_clear_error_without_an_empty_snippet() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = Command::new(env!("CARGO_BIN_EXE_frontline"))
        .current_dir(dir.path())
        .arg("check")
        .output()
        .expect("run frontline");
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(
        text.starts_with(
            "dialogues:1:1: error[not-found]: there is no file or folder called `dialogues`"
        ),
        "{text}"
    );
    assert!(!text.contains("-["), "no snippet of an empty file: {text}");
    assert!(text.ends_with("1 file, 1 error, 0 warnings\n"), "{text}");
}
