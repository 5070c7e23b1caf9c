//! The training-content quality bar (issue 5), enforced over every encounter in
//! `dialogues/`, so future content keeps it too:
//! - each encounter has 20..=60 nodes, at least three distinct outcomes, and
//!   every `End` node reachable; no dead ends, traps or unreachable nodes;
//! - all six needs are assessed, each by a choice that helps and one that hurts,
//!   and each has real spread: some path scores 100, another falls below 40;
//! - every choice that moves a need says `why`;
//! - every scripted playthrough in `tests:` ends as expected;
//! - across the folder: `Branch` and `Random` nodes, patience limits in at least
//!   half the encounters, and external, internal and vendor customers;
//! - `curriculum.ron` lists known encounters once each: 3 easy, 4 medium, 3 hard, never getting easier.

use frontline_core::analysis::analyse;
use frontline_core::engine::CompiledScenario;
use frontline_core::needs::Need;
use frontline_core::scenario::{Curriculum, Difficulty, Node, Outcome, Role, Scenario};
use frontline_core::scoring::normalise;
use frontline_core::selftest::run_playthroughs;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

fn dialogues_dir() -> PathBuf {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../..")).join("dialogues")
}

fn parse<T: serde::de::DeserializeOwned>(path: &Path) -> T {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    ron::Options::default()
        .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
        .from_str(&text)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Every encounter file (all `.ron` files but the curriculum), sorted by name.
fn encounters() -> Vec<(PathBuf, Scenario)> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dialogues_dir())
        .expect("dialogues/ exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "ron"))
        .filter(|p| p.file_name().is_some_and(|n| n != "curriculum.ron"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let s = parse(&p);
            (p, s)
        })
        .collect()
}

#[test]
fn there_are_at_least_ten_encounters_with_unique_ids() {
    let all = encounters();
    assert!(all.len() >= 10, "only {} encounters", all.len());
    let ids: BTreeSet<&str> = all.iter().map(|(_, s)| s.id.as_str()).collect();
    assert_eq!(ids.len(), all.len(), "duplicate scenario ids");
    for (path, s) in &all {
        let stem = path
            .file_stem()
            .and_then(|x| x.to_str())
            .unwrap_or_default();
        assert_eq!(stem, s.id, "{}: file name should be the id", path.display());
    }
}

#[test]
fn every_encounter_meets_the_structure_bar() {
    for (path, s) in encounters() {
        let file = path.display();
        assert!(
            (20..=60).contains(&s.nodes.len()),
            "{file}: {} nodes, want 20..=60",
            s.nodes.len()
        );
        assert!(
            s.customer.people().len() >= 2,
            "{file}: give at least two name variants (`names` or `people`)"
        );
        let compiled =
            Arc::new(CompiledScenario::new(&s).unwrap_or_else(|e| panic!("{file}: {e}")));
        let a = analyse(&compiled);
        assert!(a.exact, "{file}: bounds are estimates: {:?}", a.notes);
        assert!(
            a.dead_ends.is_empty(),
            "{file}: dead ends {:?}",
            a.dead_ends
        );
        assert!(
            a.trapped.is_empty(),
            "{file}: loops with no exit {:?}",
            a.trapped
        );
        assert!(
            a.unreachable.is_empty(),
            "{file}: unreachable {:?}",
            a.unreachable
        );
        let reached: BTreeSet<&str> = a
            .endings
            .iter()
            .filter(|e| !e.walked_out)
            .map(|e| e.node.as_str())
            .collect();
        for (id, node) in &s.nodes {
            if matches!(node, Node::End { .. }) {
                assert!(
                    reached.contains(id.as_str()),
                    "{file}: ending `{id}` can't be reached"
                );
            }
        }
        let outcomes: BTreeSet<Outcome> = a
            .endings
            .iter()
            .filter(|e| !e.walked_out)
            .map(|e| e.outcome)
            .collect();
        assert!(
            outcomes.len() >= 3,
            "{file}: only {} distinct outcomes",
            outcomes.len()
        );
    }
}

#[test]
fn every_need_is_assessed_both_ways_with_real_spread() {
    for (path, s) in encounters() {
        let file = path.display();
        let compiled =
            Arc::new(CompiledScenario::new(&s).unwrap_or_else(|e| panic!("{file}: {e}")));
        let a = analyse(&compiled);
        for need in Need::ALL {
            let cov = a.coverage[need];
            assert!(
                cov.max > 0 && cov.min < 0,
                "{file}: {need} needs a choice that helps and one that hurts"
            );
            let b = a.bounds[need].unwrap_or_else(|| panic!("{file}: {need} not assessed"));
            // The best path for the need scores 100; the worst one must fall below 40.
            assert_eq!(normalise(b.best, b), 100, "{file}: {need}");
            assert!(
                normalise(b.worst, b) < 40,
                "{file}: {need} never falls below 40 ({b:?})"
            );
            assert!(b.best > b.worst, "{file}: {need} has no spread ({b:?})");
        }
    }
}

#[test]
fn every_choice_that_moves_a_need_explains_why_within_range() {
    for (path, s) in encounters() {
        for (id, node) in &s.nodes {
            let Node::Line { choices, .. } = node else {
                continue;
            };
            for (i, c) in choices.iter().enumerate() {
                if !c.needs.is_empty() {
                    assert!(
                        !c.why.trim().is_empty(),
                        "{}: `{id}` choice {} has no why",
                        path.display(),
                        i + 1
                    );
                }
                for (need, v) in &c.needs {
                    assert!(
                        (-3..=3).contains(v),
                        "{}: `{id}` choice {} {need} = {v}",
                        path.display(),
                        i + 1
                    );
                }
            }
        }
    }
}

#[test]
fn scripted_playthroughs_end_as_expected() {
    for (path, s) in encounters() {
        let file = path.display();
        assert!(
            s.tests.len() >= 2,
            "{file}: want a best-path and a poor-path playthrough"
        );
        assert!(
            s.tests.iter().all(|t| t.expect.outcome.is_some()),
            "{file}: every playthrough should say which outcome it expects"
        );
        let failures = run_playthroughs(&s);
        assert!(failures.is_empty(), "{file}: {failures:#?}");
    }
}

#[test]
fn the_folder_covers_twists_patience_and_every_kind_of_customer() {
    let all = encounters();
    let has = |pred: fn(&Node) -> bool| all.iter().any(|(_, s)| s.nodes.values().any(pred));
    assert!(
        has(|n| matches!(n, Node::Branch { .. })),
        "no Branch node anywhere"
    );
    assert!(
        has(|n| matches!(n, Node::Random { .. })),
        "no Random twist anywhere"
    );
    let patient = all.iter().filter(|(_, s)| s.customer.patience > 0).count();
    assert!(
        patient * 2 >= all.len(),
        "only {patient} of {} encounters have a patience limit",
        all.len()
    );
    for role in [Role::External, Role::Internal, Role::Vendor] {
        assert!(
            all.iter().any(|(_, s)| s.customer.role == role),
            "no {role:?} customer"
        );
    }
}

#[test]
fn curriculum_lists_known_encounters_once_three_four_three_never_easier() {
    let curriculum: Curriculum = parse(&dialogues_dir().join("curriculum.ron"));
    let by_id: BTreeMap<String, Difficulty> = encounters()
        .into_iter()
        .map(|(_, s)| (s.id, s.difficulty))
        .collect();
    let listed: BTreeSet<&String> = curriculum.order.iter().collect();
    assert_eq!(
        listed.len(),
        curriculum.order.len(),
        "an id is listed twice"
    );
    for id in &curriculum.order {
        assert!(
            by_id.contains_key(id),
            "curriculum lists unknown encounter `{id}`"
        );
    }
    let count = |d: Difficulty| {
        curriculum
            .order
            .iter()
            .filter(|id| by_id.get(*id) == Some(&d))
            .count()
    };
    // A course: at least three encounters in every tier, and every shipped
    // encounter has its place in the order (none only reachable by scrolling).
    for d in [Difficulty::Easy, Difficulty::Medium, Difficulty::Hard] {
        assert!(
            count(d) >= 3,
            "only {} {d:?} encounters in the course",
            count(d)
        );
    }
    for id in by_id.keys() {
        assert!(
            curriculum.order.contains(id),
            "`{id}` is in dialogues/ but not in curriculum.ron"
        );
    }
    let levels: Vec<Difficulty> = curriculum
        .order
        .iter()
        .filter_map(|id| by_id.get(id).copied())
        .collect();
    assert!(
        levels.windows(2).all(|w| w[0] <= w[1]),
        "curriculum should never get easier: {levels:?}"
    );
}
