//! The audit on small encounters built to show each tell, and one built to show none.

use super::*;
use crate::engine::tests::parse;

/// Every tell at once: the best answer is always the longest and best on
/// every need, patience is unlimited, and "longest" passes every run.
const TELLING: &str = r#"(
    id: "telling", title: "T", difficulty: Medium, customer: (names: ["Bo"]), start: "a",
    nodes: {
        "a": Line(speaker: Customer, text: "?", choices: [
            (text: "Let me explain everything you need to know.", needs: {Empathy: 2, Information: 2}, next: "b"),
            (text: "No.", needs: {Empathy: -2}, next: "b"),
        ]),
        "b": Line(speaker: Customer, text: "?", choices: [
            (text: "Here are both options, and what each one costs.", needs: {Options: 2}, next: "good"),
            (text: "Pick one.", needs: {Options: -2, Information: -1}, next: "bad"),
        ]),
        "good": End(outcome: Satisfied, text: ""),
        "bad": End(outcome: Dissatisfied, text: ""),
    },
)"#;

/// No tell: the best answer is the longest, the middle and the shortest once
/// each; two best answers cost something; the cue-word player is lured by an
/// apology; the ideal path leaves 15 s of a 60 s patience.
const FAIR: &str = r#"(
    id: "fair", title: "F", difficulty: Medium, customer: (names: ["Bo"], patience: 60),
    pass_mark: 85, start: "a",
    nodes: {
        "a": Line(speaker: Customer, text: "?", choices: [
            (text: "Tell me what happened, and take your time.", needs: {Empathy: 2, Information: 1}, time: 15, next: "b"),
            (text: "Next, please.", needs: {Fairness: 1, Empathy: -2}, time: 15, next: "b"),
            (text: "Sorry, sorry, I'll fix it.", needs: {Empathy: -1, Information: -2}, time: 15, next: "b"),
        ]),
        "b": Line(speaker: Customer, text: "?", choices: [
            (text: "A long and careful answer that gives nothing.", needs: {Options: -2}, time: 15, next: "c"),
            (text: "Two ways: today or Monday.", needs: {Options: 2, Fairness: -1}, time: 15, next: "c"),
            (text: "No.", needs: {Options: -1}, time: 15, next: "c"),
        ]),
        "c": Line(speaker: Customer, text: "?", choices: [
            (text: "Yes.", needs: {Information: 2}, time: 15, next: "good"),
            (text: "Medium sized reply.", needs: {Information: -1}, time: 15, next: "meh"),
            (text: "A very long reply that says a great deal.", needs: {Information: -2}, time: 15, next: "meh"),
        ]),
        "good": End(outcome: Satisfied, text: ""),
        "meh": End(outcome: Neutral, text: ""),
    },
)"#;

fn run(text: &str) -> EncounterAudit {
    let c = Arc::new(CompiledScenario::new(&parse(text)).unwrap());
    audit(&c, AuditConfig { runs: 100, seed: 7 })
}

fn result(a: &EncounterAudit, s: Strategy) -> StrategyResult {
    *a.strategies.iter().find(|r| r.strategy == s).unwrap()
}

#[test]
fn every_tell_fires_on_a_telling_encounter() {
    let a = run(TELLING);
    assert_eq!(result(&a, Strategy::Longest).passed, 100);
    assert_eq!(result(&a, Strategy::Shortest).passed, 0);
    assert_eq!(a.points.len(), 2);
    assert_eq!(a.dilemmas, 0);
    assert_eq!(a.spare_patience, None);
    let w = &a.warnings;
    assert!(w.contains(&AuditWarning::StrategyPasses {
        strategy: Strategy::Longest,
        rate: 1.0
    }));
    assert!(w.contains(&AuditWarning::LengthTell {
        position: LengthPosition::Longest,
        share: 1.0
    }));
    assert!(w.contains(&AuditWarning::FewDilemmas { dilemmas: 0 }));
    assert!(w.contains(&AuditWarning::SparePatience { spare: None }));
    assert!(!w.iter().any(|w| matches!(
        w,
        AuditWarning::StrategyPasses {
            strategy: Strategy::Shortest,
            ..
        }
    )));
}

#[test]
fn a_fair_encounter_raises_no_warning() {
    let a = run(FAIR);
    assert_eq!(a.warnings, vec![], "{a:#?}");
    assert_eq!(a.points.len(), 3);
    assert_eq!(a.dilemmas, 2);
    let count = |p| a.positions.iter().find(|(q, _)| *q == p).unwrap().1;
    assert_eq!(count(LengthPosition::Longest), 1);
    assert_eq!(count(LengthPosition::SecondLongest), 1);
    assert_eq!(count(LengthPosition::Shortest), 1);
    assert_eq!(a.spare_patience, Some(15));
    for s in [
        Strategy::Longest,
        Strategy::Shortest,
        Strategy::SecondLongest,
    ] {
        assert_eq!(result(&a, s).passed, 0, "{s:?}");
    }
    // The apology lures the cue-word player at the first point.
    assert_eq!(result(&a, Strategy::CueWords).passed, 0);
    // Random play passes about 1 run in 27.
    assert!(result(&a, Strategy::Random).passed < 20);
}

#[test]
fn spare_patience_counts_only_in_medium_and_hard_encounters() {
    let easy = TELLING.replace("Medium", "Easy");
    assert!(
        !run(&easy)
            .warnings
            .iter()
            .any(|w| matches!(w, AuditWarning::SparePatience { .. }))
    );
    let loose = FAIR.replace("patience: 60", "patience: 90");
    let a = run(&loose);
    assert_eq!(a.spare_patience, Some(45));
    assert_eq!(
        a.warnings,
        vec![AuditWarning::SparePatience { spare: Some(45) }]
    );
}

#[test]
fn lengths_are_measured_after_the_name_is_filled_in() {
    let named = TELLING
        .replace(
            r#"names: ["Bo"]"#,
            r#"names: ["Maximiliana Featherstonehaugh"]"#,
        )
        .replace("Let me explain everything you need to know.", "Hi {name}.")
        .replace("No.", "Not now, sorry.");
    let a = run(&named);
    let first = a.points.iter().find(|p| p.node == "a").unwrap();
    assert_eq!(first.positions, vec![LengthPosition::Longest]);
    let raw = TELLING.replace("Let me explain everything you need to know.", "Hi {name}.");
    let a = run(&raw.replace("No.", "Not now, sorry."));
    let first = a.points.iter().find(|p| p.node == "a").unwrap();
    assert_eq!(
        first.positions,
        vec![LengthPosition::SecondLongest, LengthPosition::Shortest]
    );
}

#[test]
fn the_same_seed_gives_the_same_report() {
    let c = Arc::new(CompiledScenario::new(&parse(FAIR)).unwrap());
    let config = AuditConfig { runs: 50, seed: 3 };
    assert_eq!(audit(&c, config), audit(&c, config));
}

#[test]
fn strategies_pick_by_length_and_cues_as_shown() {
    let texts: Vec<String> = ["bb", "a", "cccc", "dddd"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    assert_eq!(Strategy::Longest.pick(&texts), Some(2));
    assert_eq!(Strategy::SecondLongest.pick(&texts), Some(3));
    assert_eq!(Strategy::Shortest.pick(&texts), Some(1));
    assert_eq!(Strategy::Random.pick(&texts), None);
    let two = vec!["long answer".to_string(), "short".to_string()];
    assert_eq!(Strategy::SecondLongest.pick(&two), Some(1));
    let cues = vec![
        "Our policy is clear.".to_string(),
        "Which suits you?".to_string(),
        "Sorry, which suits you?".to_string(),
    ];
    assert_eq!(Strategy::CueWords.pick(&cues), Some(2));
    assert_eq!(Strategy::CueWords.pick(&cues[..1]), Some(0));
}

#[test]
fn positions_name_every_rank_an_answer_holds() {
    use LengthPosition::*;
    assert_eq!(LengthPosition::of(2, 0, 1), vec![Longest]);
    assert_eq!(LengthPosition::of(2, 1, 0), vec![SecondLongest, Shortest]);
    assert_eq!(LengthPosition::of(3, 1, 1), vec![SecondLongest]);
    assert_eq!(LengthPosition::of(4, 2, 1), vec![SecondShortest]);
    assert_eq!(LengthPosition::of(3, 0, 0), vec![Longest, Shortest]);
}

#[test]
fn summary_counts_encounters_a_strategy_passes() {
    let audits = vec![run(TELLING), run(FAIR)];
    let s = summary(&audits);
    let longest = s.iter().find(|s| s.strategy == Strategy::Longest).unwrap();
    assert_eq!(longest.encounters_passed, 1);
    let shortest = s.iter().find(|s| s.strategy == Strategy::Shortest).unwrap();
    assert_eq!(shortest.encounters_passed, 0);
    assert!(report::human(&audits, &s).contains("4 warning(s)"));
}
