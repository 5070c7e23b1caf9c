//! Analysis: bounds, endings, paths, problems, and the best path replayed.

use super::*;
use crate::engine::tests::parse;
use crate::engine::{CompiledScenario, Encounter};
use crate::scoring::Score;
use std::sync::Arc;

const GATED: &str = r#"(
    id: "g", title: "G", customer: (names: ["Cy"], mood: 50, patience: 60), pin_choice_order: true, start: "a",
    nodes: {
        "a": Line(speaker: Customer, text: "?", choices: [
            (text: "listen", needs: {Empathy: 2}, mood: 20, time: 10, sets: ["heard"], next: "b"),
            (text: "rush", needs: {Empathy: -2, Information: 1}, mood: -20, time: 5, next: "b"),
            (text: "stall", needs: {Information: 3}, time: 70, next: "b"),
        ]),
        "b": Branch(cases: [(when: MoodAtLeast(60), next: "c")], otherwise: "d"),
        "c": Line(speaker: Customer, text: "ok", choices: [
            (text: "offer", needs: {Options: 2}, requires: Flag("heard"), next: "good"),
            (text: "shrug", needs: {Options: -1}, next: "meh"),
        ]),
        "d": Line(speaker: Customer, text: "hm", choices: [
            (text: "again", needs: {Information: 1}, requires: Not(Visited("d")), next: "d"),
            (text: "leave", next: "meh"),
        ]),
        "good": End(outcome: Delighted, text: ""),
        "meh": End(outcome: Neutral, text: ""),
        "orphan": End(outcome: Lost, text: ""),
    },
)"#;

fn compiled(text: &str) -> Arc<CompiledScenario> {
    Arc::new(CompiledScenario::new(&parse(text)).unwrap())
}

#[test]
fn bounds_follow_the_real_state_space() {
    let a = analyse(&compiled(GATED));
    assert!(a.exact, "{:?}", a.notes);
    // Options +2 needs "heard" (listen) and mood >= 60 (listen again): reachable.
    assert_eq!(a.bounds[Need::Options], Some(Bounds { best: 2, worst: -1 }));
    // Stall (+3) loses the customer at the next node; rush then "again" gives 1 + 1.
    assert_eq!(
        a.bounds[Need::Information],
        Some(Bounds { best: 3, worst: 0 })
    );
    assert_eq!(a.bounds[Need::Friendliness], None);
    assert_eq!(a.unreachable, vec!["orphan".to_string()]);
    assert!(a.dead_ends.is_empty() && a.trapped.is_empty());
    let outcomes: Vec<_> = a
        .endings
        .iter()
        .map(|e| (e.outcome, e.walked_out))
        .collect();
    assert_eq!(
        outcomes,
        vec![
            (Outcome::Delighted, false),
            (Outcome::Neutral, false),
            (Outcome::Lost, true)
        ]
    );
    assert_eq!(a.paths, Some(5));
    assert_eq!(
        a.coverage[Need::Information],
        Coverage {
            choices: 3,
            min: 1,
            max: 3
        }
    );
}

#[test]
fn best_path_per_need_scores_100_when_replayed_through_the_engine() {
    let c = compiled(GATED);
    let a = analyse(&c);
    for need in c.assessed_needs() {
        let path = a.best_paths[need].as_ref().unwrap();
        let mut e = Encounter::start(Arc::clone(&c), 0);
        for step in &path.steps {
            match step {
                PathStep::Choose { index, .. } => e.choose(*index).unwrap(),
                PathStep::Continue { .. } => e.advance().unwrap(),
                _ => {}
            }
        }
        assert_eq!(e.outcome(), Some(path.outcome));
        let score = Score::new(e.raw(), &a);
        assert_eq!(
            score.needs[need],
            Some(100),
            "{need:?} via {:?}",
            path.choice_numbers()
        );
    }
}

#[test]
fn witness_paths_reach_their_endings() {
    let c = compiled(GATED);
    let a = analyse(&c);
    let lost = a.endings.iter().find(|e| e.walked_out).unwrap();
    assert_eq!(lost.witness.choice_numbers(), vec![3]);
    assert_eq!(lost.node, "b");
}

#[test]
fn dead_ends_and_exitless_loops_are_reported() {
    let text = r#"(
        id: "p", title: "P", customer: (names: ["X"]), start: "a",
        nodes: {
            "a": Line(speaker: Customer, text: "", choices: [
                (text: "stuck", next: "dead"),
                (text: "spin", next: "spin"),
                (text: "end", next: "e"),
            ]),
            "dead": Line(speaker: Narrator, text: "nothing here"),
            "spin": Line(speaker: Narrator, text: "", next: "spin2"),
            "spin2": Line(speaker: Narrator, text: "", next: "spin"),
            "e": End(outcome: Neutral, text: ""),
        },
    )"#;
    let a = analyse(&compiled(text));
    assert_eq!(a.dead_ends, vec!["dead".to_string()]);
    assert_eq!(a.trapped, vec!["spin".to_string(), "spin2".to_string()]);
    assert_eq!(a.paths, Some(1));
}

#[test]
fn loops_that_can_reach_an_ending_make_paths_unlimited_and_terminate() {
    let text = r#"(
        id: "l", title: "L", customer: (names: ["X"]), start: "a",
        nodes: {
            "a": Line(speaker: Customer, text: "", choices: [
                (text: "again", needs: {Information: 1}, next: "a"),
                (text: "done", next: "e"),
            ]),
            "e": End(outcome: Neutral, text: ""),
        },
    )"#;
    let a = analyse(&compiled(text));
    assert_eq!(a.paths, None);
    assert!(!a.exact);
    assert!(a.notes.iter().any(|n| n.contains("loop")));
    assert_eq!(a.bounds[Need::Information].map(|b| b.worst), Some(0));
}

#[test]
fn playtest_reports_outcomes_and_stuck_runs() {
    let c = compiled(GATED);
    let a = analyse(&c);
    let r = playtest::playtest(&c, &a, 300, 5);
    assert_eq!(r.outcomes.iter().sum::<u64>(), 300);
    assert!(r.outcomes[0] > 0 && r.outcomes[2] > 0 && r.outcomes[4] > 0);
    assert_eq!(r.walked_out, r.outcomes[4]);
    let info = r.needs[Need::Information].unwrap();
    assert!(info.min == 0 && info.max == 100);
    assert_eq!(r.stuck_count, 0);
    assert_eq!(r, playtest::playtest(&c, &a, 300, 5));
    let stuck = GATED.replace(
        "(text: \"leave\", next: \"meh\")",
        "(text: \"leave\", next: \"d\")",
    );
    let c = compiled(&stuck);
    let r = playtest::playtest(&c, &analyse(&c), 50, 1);
    assert!(r.stuck_count > 0);
    assert!(r.stuck[0].reason.contains("steps"));
}
