//! Unit tests for the engine rules.

use super::*;
use crate::needs::Need;
use crate::scenario::{Outcome, Scenario, Speaker};
use std::sync::Arc;

/// Parses a test scenario with the real loader; validation problems are
/// allowed (some tests feed the engine deliberately broken graphs).
pub(crate) fn parse(text: &str) -> Scenario {
    crate::scenario::load_str(std::path::Path::new("test.ron"), text)
        .scenario
        .expect("test scenario parses")
}

const SHOP: &str = r#"(
    id: "shop", title: "Shop",
    customer: (names: ["Ana"], mood: 50, patience: 100),
    pin_choice_order: true,
    start: "hello",
    nodes: {
        "hello": Line(speaker: Customer, text: "Hi, I'm {name}.", choices: [
            (text: "Hello {name}!", needs: {Friendliness: 2}, mood: 10, time: 10, sets: ["greeted"], next: "ask", why: "Warm."),
            (text: "Next.", needs: {Friendliness: -2}, mood: -60, time: 5, next: "ask", why: "Cold."),
        ]),
        "ask": Line(speaker: Customer, text: "Can you help?", choices: [
            (text: "Secret", requires: Flag("greeted"), locked: "Greet first", next: "done"),
            (text: "Hidden", requires: MoodAtLeast(90), next: "done"),
            (text: "Wait here", time: 200, next: "done"),
            (text: "Sure", needs: {Information: 1}, next: "done"),
        ]),
        "done": End(outcome: Satisfied, text: "Bye {name}."),
    },
)"#;

fn shop() -> Encounter {
    Encounter::new(&parse(SHOP), 1).unwrap()
}

#[test]
fn name_is_filled_in_lines_and_choices() {
    let v = shop().view();
    assert_eq!(v.text, "Hi, I'm Ana.");
    assert_eq!(v.speaker, Some(Speaker::Customer));
    assert_eq!(v.choices[0].text, "Hello Ana!");
    assert_eq!(v.customer_name, "Ana");
}

#[test]
fn locked_choice_shows_reason_and_hidden_choice_is_absent() {
    let mut e = shop();
    e.choose(1).unwrap();
    let v = e.view();
    let shown: Vec<_> = v
        .choices
        .iter()
        .map(|c| (c.index, c.locked.clone()))
        .collect();
    assert_eq!(
        shown,
        vec![(0, Some("Greet first".into())), (2, None), (3, None)]
    );
    assert_eq!(
        e.choose(0),
        Err(EngineError::ChoiceUnavailable {
            node: "ask".into(),
            index: 0
        })
    );
    assert!(matches!(
        e.choose(1),
        Err(EngineError::ChoiceUnavailable { .. })
    ));
    assert!(matches!(e.choose(9), Err(EngineError::NoSuchChoice { .. })));
}

#[test]
fn choosing_applies_mood_time_flags_and_needs() {
    let mut e = shop();
    e.choose(0).unwrap();
    let v = e.view();
    assert_eq!((v.mood, v.elapsed, v.patience_left), (60, 10, Some(90)));
    assert_eq!(v.flags, vec!["greeted".to_string()]);
    assert_eq!(v.visits, vec![("hello".to_string(), 1)]);
    assert!(v.choices.iter().all(|c| c.locked.is_none()));
    e.choose(0).unwrap();
    assert_eq!(e.outcome(), Some(Outcome::Satisfied));
    assert_eq!(e.raw()[Need::Friendliness], 2);
    assert_eq!(e.view().text, "Bye Ana.");
    assert_eq!(e.choose(0), Err(EngineError::Finished));
}

#[test]
fn mood_is_clamped() {
    let mut e = shop();
    e.choose(1).unwrap();
    assert_eq!(e.mood(), 0);
}

#[test]
fn patience_running_out_loses_the_customer_at_the_next_node() {
    let mut e = shop();
    e.choose(0).unwrap();
    e.choose(2).unwrap();
    assert_eq!(e.outcome(), Some(Outcome::Lost));
    let t = e.transcript();
    assert!(t.walked_out);
    assert_eq!(t.current_node(), Some("done"));
    assert_eq!(e.patience_left(), Some(0));
    assert!(e.view().walked_out);
}

#[test]
fn transcript_records_choices_and_replays_exactly() {
    let mut e = shop();
    e.choose(0).unwrap();
    e.choose(3).unwrap();
    let t = e.transcript().clone();
    let (node, c) = t.choices().next().unwrap();
    assert_eq!(
        (node, c.index, c.text.as_str(), c.why.as_str()),
        ("hello", 0, "Hello Ana!", "Warm.")
    );
    assert_eq!(c.needs[Need::Friendliness], 2);
    assert_eq!(
        t.steps.iter().map(|s| s.node.as_str()).collect::<Vec<_>>(),
        ["hello", "ask", "done"]
    );
    assert_eq!((t.steps[0].mood, t.steps[0].elapsed), (60, 10));
    let json = serde_json::to_string(&t).unwrap();
    let back: Transcript = serde_json::from_str(&json).unwrap();
    let again = Encounter::replay(Arc::clone(e.scenario()), &back).unwrap();
    assert_eq!(again.transcript(), &t);
}

const LOOPY: &str = r#"(
    id: "loop", title: "Loop", customer: (names: ["A", "B", "C"]), start: "a",
    nodes: {
        "a": Branch(cases: [(when: Visited("b"), next: "again")], otherwise: "b"),
        "b": Line(speaker: Narrator, text: "first", next: "a"),
        "again": Random(options: [(weight: 1, next: "a"), (weight: 0, next: "end")]),
        "end": End(outcome: Neutral, text: ""),
    },
)"#;

#[test]
fn continue_lines_branch_on_visits_and_loops_hit_the_step_cap() {
    let mut e = Encounter::new(&parse(LOOPY), 3).unwrap();
    let v = e.view();
    assert!(v.can_continue && v.choices.is_empty());
    assert_eq!(v.speaker, Some(Speaker::Narrator));
    e.advance().unwrap();
    assert!(e.is_over());
    assert!(matches!(e.error(), Some(EngineError::StepCap { .. })));
    assert!(e.transcript().error.as_deref().unwrap().contains("loops"));
    assert!(e.transcript().steps.len() <= MIN_STEP_CAP as usize);
}

#[test]
fn choice_order_is_shuffled_by_seed_unless_pinned() {
    let text = SHOP.replace("pin_choice_order: true,", "");
    let orders: std::collections::HashSet<Vec<usize>> = (0..20)
        .map(|seed| {
            let e = Encounter::new(&parse(&text), seed).unwrap();
            e.view().choices.iter().map(|c| c.index).collect()
        })
        .collect();
    assert_eq!(orders.len(), 2);
    let same = |s| Encounter::new(&parse(&text), s).unwrap().view();
    assert_eq!(same(7), same(7));
}

#[test]
fn unknown_targets_are_errors_not_panics() {
    let bad = SHOP.replace(
        "next: \"done\"),\n        ]",
        "next: \"nowhere\"),\n        ]",
    );
    assert_eq!(
        Encounter::new(&parse(&bad), 0).unwrap_err(),
        EngineError::UnknownNode {
            from: "ask".into(),
            to: "nowhere".into()
        }
    );
}

#[test]
fn resume_after_edit_keeps_the_player_at_the_same_node() {
    let mut e = shop();
    e.choose(0).unwrap();
    let t = e.transcript().clone();
    // The trainer rewrites the first line's choices; "ask" still exists.
    let edited = SHOP.replace(
        "mood: 10, time: 10, sets: [\"greeted\"], next: \"ask\"",
        "next: \"done\"",
    );
    let compiled = Arc::new(CompiledScenario::new(&parse(&edited)).unwrap());
    let (resumed, exact) = Encounter::resume(Arc::clone(&compiled), &t);
    assert!(!exact);
    assert_eq!(resumed.current_node(), "ask");
    assert!(!resumed.is_over());
    let (same, exact) = Encounter::resume(Arc::clone(e.scenario()), &t);
    assert!(exact);
    assert_eq!(same.transcript(), &t);
}

#[test]
fn encounters_can_live_in_a_bevy_resource() {
    fn resource<T: Send + Sync + 'static>() {}
    resource::<Encounter>();
    resource::<Arc<CompiledScenario>>();
    resource::<Transcript>();
}
