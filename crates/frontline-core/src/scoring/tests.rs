//! Scoring rules: normalisation, not-assessed needs, grades, debrief, survey.

use super::*;
use crate::analysis::analyse;
use crate::engine::tests::parse;
use crate::engine::{CompiledScenario, Encounter};
use crate::needs::Need;
use crate::scenario::Outcome;
use std::sync::Arc;

const TWO_NEEDS: &str = r#"(
    id: "t", title: "T", customer: (names: ["Bo"]), pin_choice_order: true, pass_mark: 70, start: "a",
    nodes: {
        "a": Line(speaker: Customer, text: "?", choices: [
            (text: "kind", needs: {Friendliness: 3, Information: 1}, next: "b", why: "Kind words."),
            (text: "rude", needs: {Friendliness: -3}, next: "b", why: "Rude."),
        ]),
        "b": Line(speaker: Customer, text: "?", choices: [
            (text: "explain", needs: {Information: 2}, next: "end", why: "Clear."),
            (text: "mumble", needs: {Information: -1}, next: "end", why: "Vague."),
        ]),
        "end": End(outcome: Satisfied, text: "bye"),
    },
)"#;

fn play(choices: &[usize]) -> (Debrief, crate::analysis::Analysis) {
    let c = Arc::new(CompiledScenario::new(&parse(TWO_NEEDS)).unwrap());
    let a = analyse(&c);
    let mut e = Encounter::start(Arc::clone(&c), 0);
    for &i in choices {
        e.choose(i).unwrap();
    }
    (debrief(&c.scenario, &a, e.transcript()), a)
}

#[test]
fn normalise_maps_best_to_100_and_worst_to_0() {
    let b = Bounds { best: 4, worst: -2 };
    assert_eq!(normalise(4, b), 100);
    assert_eq!(normalise(-2, b), 0);
    assert_eq!(normalise(1, b), 50);
    assert_eq!(normalise(99, b), 100);
    assert_eq!(normalise(3, Bounds { best: 3, worst: 3 }), 100);
}

#[test]
fn untouched_needs_are_not_assessed_and_left_out_of_the_overall() {
    let (d, a) = play(&[0, 0]);
    assert_eq!(
        a.bounds[Need::Friendliness],
        Some(Bounds { best: 3, worst: -3 })
    );
    assert_eq!(
        a.bounds[Need::Information],
        Some(Bounds { best: 3, worst: -1 })
    );
    assert_eq!(d.score.needs[Need::Empathy], None);
    assert_eq!(d.score.needs[Need::Friendliness], Some(100));
    assert_eq!(d.score.overall, Some(100));
    assert_eq!(d.grade, Some(Grade::A));
    assert!(d.passed);
    let (d, _) = play(&[1, 1]);
    assert_eq!(d.score.needs[Need::Information], Some(0));
    assert_eq!(d.score.overall, Some(0));
    assert!(!d.passed);
    assert_eq!(d.needs[Need::Empathy.index()].score, None);
}

#[test]
fn debrief_names_the_choices_that_helped_and_hurt_with_their_why() {
    let (d, _) = play(&[1, 0]);
    let friendly = &d.needs[Need::Friendliness.index()];
    assert_eq!(
        friendly.hurt.as_ref().map(|m| m.why.as_str()),
        Some("Rude.")
    );
    assert_eq!(friendly.helped, None);
    assert_eq!(d.helped_most[0].text, "explain");
    assert_eq!(d.hurt_most[0].effect, -3);
    let best = d.best_path.unwrap();
    assert_eq!(best.choices, vec!["kind", "explain"]);
    assert_eq!(best.score.overall, Some(100));
    assert_eq!(best.outcome, Outcome::Satisfied);
}

#[test]
fn survey_answers_follow_scores_and_outcome() {
    let (good, _) = play(&[0, 0]);
    let (bad, _) = play(&[1, 1]);
    assert!(good.survey.len() >= 3 && good.survey.len() <= 5);
    for (g, b) in good.survey.iter().zip(&bad.survey) {
        assert!((1..=5).contains(&g.answer) && (1..=5).contains(&b.answer));
        assert!(g.answer >= b.answer, "{}", g.statement);
    }
    assert_eq!(good.survey[0].answer, 5);
    assert_eq!(bad.survey[0].answer, 1);
    let walked = survey(&good.score, Some(Outcome::Lost), true);
    assert_eq!(walked.len(), 5);
    assert!(walked[3].answer < good.survey[3].answer);
}

#[test]
fn grades_cover_the_bands() {
    assert_eq!(
        [95, 80, 60, 40, 10].map(Grade::of),
        [Grade::A, Grade::B, Grade::C, Grade::D, Grade::E]
    );
    assert!(Grade::E.verdict().len() > 10);
}
