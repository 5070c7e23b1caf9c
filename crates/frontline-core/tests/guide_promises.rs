//! Promises docs/writing-scenarios.md makes about `frontline check` and about
//! scoring, held to the code: every diagnostic code the loader, the validator
//! and `check` can emit is explained in Part 3 (and nothing else is), and the
//! worked scoring example's numbers are what the engine and analysis give,
//! the forced-draw example passes because of its draws, and the weak-need
//! rule is the one `analyse` applies.

use frontline_core::analysis::analyse;
use frontline_core::analysis::review::{WEAK_CHOICES, WEAK_UNTOUCHED, weakness};
use frontline_core::engine::{CompiledScenario, Encounter};
use frontline_core::needs::Need;
use frontline_core::scenario::load_str;
use frontline_core::scoring::{Grade, Score};
use frontline_core::selftest::run_playthroughs;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

fn repo() -> PathBuf {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../..")).to_path_buf()
}

fn guide() -> String {
    std::fs::read_to_string(repo().join("docs/writing-scenarios.md")).expect("the guide exists")
}

/// Every `.rs` file under `dir`.
fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Kebab-case string literals passed first to `error(`, `warning(` or
/// `described(`: the diagnostic codes the code can emit.
fn emitted_codes(text: &str) -> BTreeSet<String> {
    let mut codes = BTreeSet::new();
    for call in ["error(", "warning(", "described("] {
        for (at, _) in text.match_indices(call) {
            let rest = text[at + call.len()..].trim_start();
            let Some(rest) = rest.strip_prefix('"') else {
                continue;
            };
            let code = &rest[..rest.find('"').unwrap_or(0)];
            let kebab = !code.is_empty()
                && code
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
            if kebab {
                codes.insert(code.to_string());
            }
        }
    }
    codes
}

/// Codes in the first column of the tables in Part 3 of the guide.
fn documented_codes(guide: &str) -> BTreeSet<String> {
    let part3 = &guide[guide.find("## Part 3").expect("Part 3 exists")..];
    let part3 = part3[3..]
        .find("\n## ")
        .map_or(part3, |end| &part3[..end + 3]);
    let mut codes = BTreeSet::new();
    for row in part3.lines().filter(|l| l.starts_with("| `")) {
        let first = row.split('|').nth(1).unwrap_or_default();
        for (i, piece) in first.split('`').enumerate() {
            if i % 2 == 1 {
                codes.insert(piece.to_string());
            }
        }
    }
    codes
}

#[test]
fn every_code_check_can_emit_is_explained_in_part_3_and_no_other() {
    let mut files = Vec::new();
    sources(
        &repo().join("crates/frontline-core/src/scenario"),
        &mut files,
    );
    files.push(repo().join("src/cli/check.rs"));
    files.push(repo().join("crates/frontline-core/src/selftest.rs"));
    let mut emitted = BTreeSet::new();
    for file in &files {
        emitted.extend(emitted_codes(&std::fs::read_to_string(file).unwrap()));
    }
    assert!(emitted.contains("self-test") && emitted.contains("unclosed-text"));
    let documented = documented_codes(&guide());
    let undocumented: Vec<_> = emitted.difference(&documented).collect();
    let stale: Vec<_> = documented.difference(&emitted).collect();
    assert!(
        undocumented.is_empty(),
        "codes missing from Part 3: {undocumented:?}"
    );
    assert!(
        stale.is_empty(),
        "Part 3 explains codes nothing emits: {stale:?}"
    );
}

/// The first ```ron block after `heading`.
fn example_after(guide: &str, heading: &str) -> String {
    let from = guide.find(heading).expect("heading exists");
    let start = from + guide[from..].find("```ron\n").expect("an example") + 7;
    let end = start + guide[start..].find("```").unwrap();
    guide[start..end].to_string()
}

/// Plays choice numbers (1-based, as written) and returns the score.
fn play(compiled: &Arc<CompiledScenario>, choices: &[usize]) -> (Score, bool) {
    let analysis = analyse(compiled);
    let mut enc = Encounter::start(Arc::clone(compiled), 1);
    for &choice in choices {
        enc.choose(choice - 1).expect("the choice is offered");
    }
    assert!(enc.is_over());
    let passed = Score::new(enc.raw(), &analysis)
        .overall
        .is_some_and(|o| o >= compiled.scenario.pass_mark);
    (Score::new(enc.raw(), &analysis), passed)
}

#[test]
fn the_worked_scoring_example_gives_the_numbers_the_guide_states() {
    let text = example_after(&guide(), "### How scoring works");
    let loaded = load_str(Path::new("scoring-example.ron"), &text);
    assert!(loaded.is_ok(), "{}", loaded.render_human(false));
    let compiled = Arc::new(CompiledScenario::new(loaded.playable().unwrap()).unwrap());
    let bounds = analyse(&compiled).bounds;
    let range = |n: Need| bounds[n].map(|b| (b.worst, b.best));
    assert_eq!(range(Need::Friendliness), Some((-1, 3)));
    assert_eq!(range(Need::Empathy), Some((-2, 3)));
    let (score, passed) = play(&compiled, &[1, 1]);
    assert_eq!(score.needs[Need::Friendliness], Some(75));
    assert_eq!(score.needs[Need::Empathy], Some(100));
    assert_eq!(
        (score.overall, score.grade(), passed),
        (Some(88), Some(Grade::B), true)
    );
    let (score, passed) = play(&compiled, &[1, 2]);
    assert_eq!(score.needs[Need::Friendliness], Some(100));
    assert_eq!(score.needs[Need::Empathy], Some(20));
    assert_eq!(
        (score.overall, score.grade(), passed),
        (Some(60), Some(Grade::C), true)
    );
    let best = [[1, 1], [1, 2], [2, 1], [2, 2]]
        .iter()
        .filter_map(|path| play(&compiled, path).0.overall)
        .max();
    assert_eq!(best, Some(88), "no play reaches 100 overall");
}

/// The self-test example forces its `Random` draw: both tests pass with the
/// same seed, and swapping the forced draws makes both fail.
#[test]
fn the_forced_draw_example_passes_and_depends_on_its_draws() {
    let text = example_after(&guide(), "**Random nodes in self-tests.**");
    let parse = |t: &str| {
        load_str(Path::new("forced.ron"), t)
            .playable()
            .cloned()
            .unwrap()
    };
    assert_eq!(run_playthroughs(&parse(&text)), vec![]);
    let swapped = text
        .replace(r#"{"shelf": "ready"}"#, "SWAP")
        .replace(r#"{"shelf": "missing"}"#, r#"{"shelf": "ready"}"#)
        .replace("SWAP", r#"{"shelf": "missing"}"#);
    assert_eq!(run_playthroughs(&parse(&swapped)).len(), 2);
}

/// The weak-need rule the guide states is the one `analyse` applies.
#[test]
fn the_weak_need_rule_in_the_guide_is_the_code_s() {
    let guide = guide().split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(guide.contains(&format!(
        "when at most {WEAK_CHOICES} choices in the file change it"
    )));
    assert!(guide.contains(&format!(
        "doing nothing scores {WEAK_UNTOUCHED} or more on it"
    )));
    assert!(weakness(WEAK_CHOICES + 1, Some(WEAK_UNTOUCHED - 1)).is_none());
    assert!(weakness(WEAK_CHOICES, Some(0)).is_some());
    assert!(weakness(10, Some(WEAK_UNTOUCHED)).is_some());
}
