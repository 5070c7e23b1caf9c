//! What trainers see when a scenario file is broken: for every fixture in
//! `tests/fixtures/bad/`, the diagnostic code, the message and the line:column.

use frontline_core::needs::Need;
use frontline_core::scenario::{
    Diagnostic, MAX_FILE_BYTES, Severity, load_dir, load_file, load_paths, load_str, render_json,
};
use std::path::{Path, PathBuf};

fn fixture(dir: &str, name: &str) -> PathBuf {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
        .join("tests/fixtures")
        .join(dir)
        .join(name)
}

/// (file, code, part of the message, line, column).
const BAD: &[(&str, &str, &str, usize, usize)] = &[
    (
        "always-true-case.ron",
        "always-true-condition",
        "always holds",
        15,
        40,
    ),
    (
        "asset-path.ron",
        "asset-path",
        "uses `..` to leave the `assets/` folder",
        4,
        57,
    ),
    (
        "bad-range.ron",
        "bad-range",
        "runs from 80 down to 20",
        17,
        73,
    ),
    ("bad-weight.ron", "bad-weight", "the weight is 0", 15, 69),
    ("bom.ron", "unknown-start", "`helo`", 5, 12),
    (
        "choice-zero.ron",
        "choice-zero",
        "choice numbers start at 1",
        17,
        51,
    ),
    (
        "choices-and-next.ron",
        "choices-and-next",
        "both `choices` and `next`",
        14,
        19,
    ),
    (
        "contradiction.ron",
        "impossible-condition",
        "can never hold",
        12,
        91,
    ),
    (
        "curly-closing-quote.ron",
        "unclosed-text",
        "the `\"` on line 11",
        9,
        19,
    ),
    ("curly-quotes.ron", "curly-quotes", "curly quote `“`", 9, 19),
    (
        "dead-end-line.ron",
        "dead-end-line",
        "neither `choices` nor `next`",
        15,
        9,
    ),
    (
        "duplicate-node.ron",
        "duplicate-node",
        "the node id `hello` is used twice",
        15,
        9,
    ),
    (
        "duplicate-node-kept.ron",
        "unknown-target",
        "continues to `by`",
        15,
        64,
    ),
    (
        "effect-out-of-range.ron",
        "effect-out-of-range",
        "Friendliness is 5",
        11,
        63,
    ),
    (
        "empty-choice-text.ron",
        "empty-text",
        "no text for the player",
        12,
        30,
    ),
    ("empty-random.ron", "empty-random", "no options", 15, 9),
    (
        "empty-text.ron",
        "empty-text",
        "this line has no text",
        9,
        19,
    ),
    ("empty.ron", "empty-file", "the file is empty", 1, 1),
    (
        "flag-never-read.ron",
        "flag-never-read",
        "`greeted` is set here",
        11,
        88,
    ),
    (
        "flag-never-set.ron",
        "flag-never-set",
        "`greeted` is checked here",
        12,
        96,
    ),
    (
        "impossible-condition.ron",
        "impossible-condition",
        "can never hold",
        12,
        91,
    ),
    (
        "locked-without-requires.ron",
        "locked-without-requires",
        "no `requires`",
        12,
        89,
    ),
    (
        "missing-comma.ron",
        "missing-comma",
        "expected a comma",
        3,
        18,
    ),
    (
        "missing-field.ron",
        "missing-field",
        "`Choice` is missing the field `next`",
        11,
        80,
    ),
    ("missing-start.ron", "missing-start", "no `start`", 16, 1),
    (
        "mood-out-of-range.ron",
        "mood-out-of-range",
        "starting mood is 150",
        4,
        46,
    ),
    (
        "newer-format.ron",
        "unsupported-format",
        "scenario format 2",
        2,
        13,
    ),
    (
        "no-ending.ron",
        "no-ending",
        "no path leads to an `End`",
        15,
        9,
    ),
    (
        "forced-draw.ron",
        "forced-draw",
        "no option of `coin` leads to `edge`; its options lead to `heads`, `tails`",
        12,
        66,
    ),
    ("no-names.ron", "no-names", "no names", 4, 31),
    ("non-utf8.ron", "not-utf8", "not valid UTF-8", 9, 25),
    ("pass-mark.ron", "out-of-range", "`pass_mark` is 120", 4, 16),
    (
        "scored-loop.ron",
        "scored-loop",
        "the loop `hello`, `more` and pick scored choices again each time, pumping Empathy, Fairness",
        11,
        17,
    ),
    (
        "string-for-number.ron",
        "wrong-type",
        "expected a whole number",
        11,
        63,
    ),
    (
        "trailing-text.ron",
        "trailing-text",
        "more text after the end",
        17,
        2,
    ),
    ("truncated.ron", "unexpected-end", "ends too early", 12, 95),
    (
        "unclosed-paren.ron",
        "missing-paren",
        "found `Choice` where a field",
        12,
        17,
    ),
    ("unclosed-quote.ron", "unclosed-text", "never closed", 9, 19),
    (
        "unclosed-string.ron",
        "unclosed-text",
        "never closed",
        15,
        46,
    ),
    (
        "unknown-field.ron",
        "unknown-field",
        "`nxt` is not a field of `Choice`",
        11,
        68,
    ),
    (
        "unknown-placeholder.ron",
        "unknown-placeholder",
        "`{nmae}`",
        11,
        38,
    ),
    ("unknown-start.ron", "unknown-start", "`helo`", 5, 12),
    (
        "unknown-target.ron",
        "unknown-target",
        "leads to `by`",
        12,
        74,
    ),
    (
        "unknown-visited.ron",
        "unknown-target",
        "`Visited` refers to `hallo`",
        12,
        99,
    ),
    (
        "unreachable-node.ron",
        "unreachable-node",
        "`orphan`",
        15,
        9,
    ),
    (
        "wrong-need-name.ron",
        "unknown-need",
        "`Empathie` is not one of the six needs",
        11,
        49,
    ),
    (
        "wrong-node-kind.ron",
        "unknown-name",
        "`Ending` is not a kind of `Node`",
        15,
        16,
    ),
    (
        "wrong-outcome.ron",
        "unknown-name",
        "`Happy` is not a kind of `Outcome`",
        15,
        29,
    ),
    (
        "zero-format.ron",
        "unsupported-format",
        "no scenario format 0",
        2,
        13,
    ),
];

/// Helps that must appear (file, code, help).
const HELPS: &[(&str, &str, &str)] = &[
    (
        "unknown-target.ron",
        "unknown-target",
        "did you mean `bye`?",
    ),
    (
        "unknown-start.ron",
        "unknown-start",
        "did you mean `hello`?",
    ),
    (
        "unknown-visited.ron",
        "unknown-target",
        "did you mean `hello`?",
    ),
    (
        "curly-closing-quote.ron",
        "unclosed-text",
        "the text ends with a curly `”`; write a straight `\"` instead",
    ),
    (
        "curly-quotes.ron",
        "curly-quotes",
        "retype both quotes as `\"` (word processors turn them curly; paste into a plain-text editor)",
    ),
    ("unknown-field.ron", "unknown-field", "did you mean `next`?"),
    (
        "wrong-need-name.ron",
        "unknown-need",
        "did you mean `Empathy`?",
    ),
    (
        "flag-never-set.ron",
        "flag-never-set",
        "did you mean `greted`?",
    ),
    (
        "unknown-placeholder.ron",
        "unknown-placeholder",
        "did you mean `name`?",
    ),
];

fn find<'a>(diagnostics: &'a [Diagnostic], code: &str) -> Option<&'a Diagnostic> {
    diagnostics.iter().find(|d| d.code == code)
}

#[test]
fn every_bad_fixture_reports_its_problem_with_message_and_position() {
    let mut failures = Vec::new();
    for &(file, code, message, line, column) in BAD {
        let loaded = load_file(&fixture("bad", file));
        let Some(d) = find(&loaded.diagnostics, code) else {
            failures.push(format!("{file}: no `{code}` in {:#?}", loaded.diagnostics));
            continue;
        };
        let got = (d.position.line, d.position.column);
        if !d.message.contains(message) || got != (line, column) {
            failures.push(format!(
                "{file}: expected {line}:{column} `{message}`, got {d}"
            ));
        }
        if d.file != fixture("bad", file) {
            failures.push(format!("{file}: diagnostic names {}", d.file.display()));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn suggestions_name_the_closest_valid_name() {
    for &(file, code, help) in HELPS {
        let loaded = load_file(&fixture("bad", file));
        let d = find(&loaded.diagnostics, code).unwrap_or_else(|| panic!("{file}: no {code}"));
        assert_eq!(d.help.as_deref(), Some(help), "{file}");
    }
}

#[test]
fn every_bad_fixture_is_asserted_and_fails_or_warns() {
    let dir = fixture("bad", "");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert!(names.len() >= 25, "only {} bad fixtures", names.len());
    for name in names {
        assert!(
            BAD.iter().any(|b| b.0 == name),
            "{name} has no expectation in BAD"
        );
        let loaded = load_file(&dir.join(&name));
        assert!(!loaded.diagnostics.is_empty(), "{name} loads cleanly");
    }
}

#[test]
fn unknown_need_lists_all_six_needs() {
    let loaded = load_file(&fixture("bad", "wrong-need-name.ron"));
    let d = find(&loaded.diagnostics, "unknown-need").unwrap();
    for need in Need::ALL.map(Need::key) {
        assert!(
            d.message.contains(need),
            "{need} missing from: {}",
            d.message
        );
    }
}

#[test]
fn warnings_do_not_make_a_file_fail_but_errors_do() {
    let warned = load_file(&fixture("bad", "flag-never-read.ron"));
    assert!(warned.is_ok() && warned.playable().is_some());
    assert!(
        warned
            .diagnostics
            .iter()
            .all(|d| d.severity == Severity::Warning)
    );
    let broken = load_file(&fixture("bad", "unknown-target.ron"));
    assert!(!broken.is_ok());
    assert!(broken.scenario.is_some() && broken.playable().is_none());
}

#[test]
fn validator_reports_every_problem_at_once() {
    let text = std::fs::read_to_string(fixture("bad", "unknown-target.ron")).unwrap();
    let text = text
        .replace("{ Friendliness: 1 }", "{ Friendliness: 9 }")
        .replace("text: \"Bye.\"", "text: \"\"")
        .replace("names: [\"Sam\"]", "names: [\"Sam\"], mood: -5");
    let loaded = load_str(Path::new("many.ron"), &text);
    let codes: Vec<&str> = loaded.diagnostics.iter().map(|d| d.code).collect();
    for code in [
        "unknown-target",
        "effect-out-of-range",
        "empty-text",
        "mood-out-of-range",
    ] {
        assert!(codes.contains(&code), "{code} missing from {codes:?}");
    }
    let lines: Vec<usize> = loaded.diagnostics.iter().map(|d| d.position.line).collect();
    assert!(
        lines.windows(2).all(|w| w[0] <= w[1]),
        "not in file order: {lines:?}"
    );
}

#[test]
fn good_fixtures_load_without_any_problem() {
    for name in ["bank-urgent-withdrawal.ron", "helpdesk-locked-out.ron"] {
        let loaded = load_file(&fixture("good", name));
        assert!(
            loaded.diagnostics.is_empty(),
            "{name}: {:#?}",
            loaded.diagnostics
        );
        assert_eq!(loaded.hash.len(), 64);
    }
}

#[test]
fn five_megabyte_file_is_refused_cleanly() {
    let mut text = String::from("Scenario(id: \"big\", title: \"");
    text.push_str(&"x".repeat(5 * 1024 * 1024));
    text.push_str("\")");
    assert!(text.len() > MAX_FILE_BYTES);
    let loaded = load_str(Path::new("big.ron"), &text);
    let d = find(&loaded.diagnostics, "file-too-large").unwrap();
    assert!(d.message.contains("5.2 MB"), "{}", d.message);
    assert_eq!((d.position.line, d.position.column), (1, 1));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.ron");
    std::fs::write(&path, &text).unwrap();
    assert_eq!(load_file(&path).diagnostics[0].code, "file-too-large");
}

#[test]
fn ten_thousand_deep_nesting_is_an_error_not_a_stack_overflow() {
    let good = std::fs::read_to_string(fixture("good", "helpdesk-locked-out.ron")).unwrap();
    let deep = format!(
        "{}Flag(\"unlocked\"){}",
        "Not(".repeat(10_000),
        ")".repeat(10_000)
    );
    let text = good.replace("requires: Flag(\"unlocked\")", &format!("requires: {deep}"));
    let loaded = load_str(Path::new("deep.ron"), &text);
    let d = find(&loaded.diagnostics, "too-deep").unwrap();
    assert!(d.message.contains("nested too deeply"), "{}", d.message);
    assert_eq!(d.position.line, 66, "{d}");
    let brackets = "[".repeat(10_000);
    let loaded = load_str(Path::new("brackets.ron"), &brackets);
    assert!(!loaded.is_ok());
}

#[test]
fn folder_loading_survives_broken_files_and_checks_across_files() {
    let library = load_dir(&fixture("library", ""));
    assert_eq!(library.files.len(), 5);
    let ids: Vec<&str> = library
        .scenarios()
        .map(|f| f.scenario.as_ref().unwrap().id.as_str())
        .collect();
    assert_eq!(ids, ["helpdesk-locked-out", "bank-urgent-withdrawal"]);
    assert!(library.get("bank-urgent-withdrawal").is_some());
    let by_name = |name: &str| {
        library
            .files
            .iter()
            .find(|f| f.path.ends_with(name))
            .unwrap()
    };
    let dup = find(&by_name("second-same-id.ron").diagnostics, "duplicate-id").unwrap();
    assert!(dup.message.contains("first.ron"), "{dup}");
    assert_eq!((dup.position.line, dup.position.column), (3, 9));
    assert_eq!(by_name("broken.ron").diagnostics[0].code, "unclosed-text");
    let curriculum = by_name("curriculum.ron");
    let unknown = find(&curriculum.diagnostics, "unknown-scenario").unwrap();
    assert_eq!(
        unknown.help.as_deref(),
        Some("did you mean `bank-urgent-withdrawal`?")
    );
    assert_eq!((unknown.position.line, unknown.position.column), (5, 9));
    assert!(find(&curriculum.diagnostics, "duplicate-entry").is_some());
    assert_eq!(library.curriculum.as_ref().unwrap().order.len(), 3);
    assert_eq!((library.error_count(), library.warning_count()), (3, 1));
}

#[test]
fn missing_folder_is_reported_not_fatal() {
    let library = load_dir(Path::new("/definitely/not/here"));
    assert_eq!(library.files.len(), 1);
    assert_eq!(library.files[0].diagnostics[0].code, "not-found");
    assert!(library.files[0].render_human(false).starts_with("/definitely/not/here:1:1: error[not-found]: there is no file or folder called `/definitely/not/here`"));
}

#[test]
fn placeholder_caret_covers_only_the_placeholder() {
    let loaded = load_file(&fixture("bad", "unknown-placeholder.ron"));
    let d = find(&loaded.diagnostics, "unknown-placeholder").unwrap();
    assert_eq!(&loaded.text[d.span.clone()], "{nmae}");
    assert_eq!((d.end.line, d.end.column), (11, 44));
}

#[test]
fn a_byte_order_mark_is_ignored_and_positions_count_from_after_it() {
    for name in ["bank-urgent-withdrawal.ron", "helpdesk-locked-out.ron"] {
        let text = std::fs::read_to_string(fixture("good", name)).unwrap();
        let loaded = load_str(Path::new(name), &format!("\u{feff}{text}"));
        assert!(
            loaded.diagnostics.is_empty(),
            "{name}: {:#?}",
            loaded.diagnostics
        );
    }
    let text = "\u{feff}Scenario(id: \"b\", title: \"B\", customer: Customer(names: [\"A\"]), start: \"x\", nodes: { \"a\": End(outcome: Lost, text: \"Bye.\") })";
    let loaded = load_str(Path::new("bom.ron"), text);
    let d = find(&loaded.diagnostics, "unknown-start").unwrap();
    assert_eq!((d.position.line, d.position.column), (1, 72), "{d}");
    let dir = tempfile::tempdir().unwrap();
    let curriculum = "\u{feff}Curriculum(order: [])";
    std::fs::write(dir.path().join("curriculum.ron"), curriculum).unwrap();
    let library = load_dir(dir.path());
    assert!(library.is_ok(), "{:#?}", library.files[0].diagnostics);
    assert!(library.curriculum.is_some());
}

#[test]
fn folder_search_skips_hidden_folders_backups_and_editor_copies() {
    let good = std::fs::read_to_string(fixture("good", "helpdesk-locked-out.ron")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let skipped = [
        ".git/a.ron",
        ".backup/a.ron",
        "backup/a.ron",
        "sub/Backups/a.ron",
        "old/a.ron",
        "sub/.#a.ron",
        "#a.ron#",
        "a.bak.ron",
        "sub/a.orig.ron",
        "a.ron~",
    ];
    for name in skipped.iter().chain(&["sub/deeper/real.ron"]) {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &good).unwrap();
    }
    let library = load_dir(dir.path());
    let names: Vec<_> = library
        .files
        .iter()
        .map(|f| f.path.strip_prefix(dir.path()).unwrap().to_owned())
        .collect();
    assert_eq!(names, [Path::new("sub/deeper/real.ron")]);
    assert!(library.is_ok());
    let named = load_paths(&[dir.path().join("a.bak.ron")]);
    assert_eq!(
        named.files.len(),
        1,
        "a file named explicitly is always read"
    );
}

#[test]
fn duplicate_id_labels_name_the_first_file_with_its_position() {
    let library = load_dir(&fixture("library", ""));
    let dup = library
        .files
        .iter()
        .flat_map(|f| &f.diagnostics)
        .find(|d| d.code == "duplicate-id")
        .unwrap();
    let label = &dup.labels[0];
    assert!(label.file.ends_with("first.ron"), "{label:?}");
    assert_eq!((label.position.line, label.position.column), (3, 9));
    let json: serde_json::Value =
        serde_json::from_str(&render_json(std::slice::from_ref(dup))).unwrap();
    assert!(
        json[0]["labels"][0]["file"]
            .as_str()
            .unwrap()
            .ends_with("first.ron")
    );
    assert!(json[0]["end"]["column"].as_u64().unwrap() > json[0]["column"].as_u64().unwrap());
}

#[test]
fn human_rendering_shows_snippet_caret_and_help_and_json_has_positions() {
    let loaded = load_file(&fixture("bad", "unknown-target.ron"));
    let human = loaded.render_human(false);
    assert!(human.contains("[unknown-target] Error"), "{human}");
    assert!(human.contains("unknown-target.ron:12:74"), "{human}");
    assert!(human.contains("next: \"by\""), "{human}");
    assert!(human.contains("^^^^"), "{human}");
    assert!(human.contains("did you mean `bye`?"), "{human}");
    assert!(!human.contains('\u{1b}'), "colour codes without a terminal");
    let json: serde_json::Value = serde_json::from_str(&render_json(&loaded.diagnostics)).unwrap();
    let first = json
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "unknown-target")
        .unwrap();
    assert_eq!(
        (first["line"].as_u64(), first["column"].as_u64()),
        (Some(12), Some(74))
    );
    assert_eq!(first["help"], "did you mean `bye`?");
}

#[test]
fn a_flood_of_problems_is_capped_with_a_closing_summary() {
    let good = std::fs::read_to_string(fixture("good", "helpdesk-locked-out.ron")).unwrap();
    let orphans: String = (0..300)
        .map(|i| format!("        \"orphan-{i}\": End(outcome: Lost, text: \"Never seen.\"),\n"))
        .collect();
    let text = good.replace("    nodes: {\n", &format!("    nodes: {{\n{orphans}"));
    let loaded = load_str(Path::new("flood.ron"), &text);
    assert_eq!(loaded.diagnostics.len(), 201);
    assert!(loaded.is_ok(), "only warnings were hidden");
    let last = loaded.diagnostics.last().unwrap();
    assert_eq!(last.code, "too-many-problems");
    assert_eq!(
        last.message,
        "100 more problems after this one are not shown"
    );
}

/// A loop the player can only go round once (its way back is a choice that
/// requires a flag it raises itself) is not a scored loop: the shipped phone
/// encounter's single transfer back must not be reported, a repeatable one must.
#[test]
fn a_loop_closed_by_a_once_only_choice_is_not_a_scored_loop() {
    let text = std::fs::read_to_string(fixture("bad", "scored-loop.ron")).unwrap();
    let once = text.replace(
        r#"Choice(text: "Go on.", needs: { Fairness: 1 }, next: "hello", why: "Patient."),"#,
        r#"Choice(text: "Go on.", requires: Not(Flag("heard")), sets: ["heard"], needs: { Fairness: 1 }, next: "hello", why: "Patient."),"#,
    )
    .replace(r#"next: "hello", why: "Curt.""#, r#"next: "bye", why: "Curt.""#);
    assert_ne!(
        once, text,
        "the fixture still has the choice this test edits"
    );
    let repeatable = load_str(Path::new("repeatable.ron"), &text);
    assert!(find(&repeatable.diagnostics, "scored-loop").is_some());
    let closed = load_str(Path::new("once.ron"), &once);
    assert!(
        find(&closed.diagnostics, "scored-loop").is_none(),
        "{:?}",
        closed.diagnostics
    );
}
