//! `frontline run` with the scene contract: `{me}` becomes the player's name
//! (`--me`, "you" by default), pronouns follow the person, and the ending is
//! worded for a supplier on the phone.

use std::io::Write;
use std::process::{Command, Output, Stdio};

const FIXTURE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/scene-phone.ron"
);

fn run(args: &[&str], stdin: &str) -> (Output, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_frontline"))
        .args(["run", FIXTURE, "--seed", "1"])
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("frontline runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin.as_bytes())
        .expect("input written");
    let out = child.wait_with_output().expect("finishes");
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    (out, text)
}

#[test]
fn me_is_the_name_given_with_dash_dash_me() {
    let (o, out) = run(&["--me", "Jordan"], "1\n1\n");
    assert!(o.status.success(), "{out}");
    assert!(out.contains("Hello, is that Jordan?"), "{out}");
    assert!(out.contains("1. Hi Priya Nair, Jordan here."), "{out}");
    assert!(
        out.contains("Priya Nair came away satisfied with the arrangement."),
        "{out}"
    );
    assert!(out.contains("PASSED (pass mark 60)"), "{out}");
}

#[test]
fn me_is_you_without_a_name_and_pronouns_follow_the_person() {
    let (o, out) = run(&[], "2\n2\n");
    assert!(o.status.success(), "{out}");
    assert!(out.contains("Hello, is that you?"), "{out}");
    assert!(out.contains("Priya Nair says she'll see"), "{out}");
    assert!(
        out.contains("Priya Nair hung up unhappy with how the business was handled."),
        "{out}"
    );
    assert!(out.contains("NOT PASSED"), "{out}");
}
