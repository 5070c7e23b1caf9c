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

fn scenario() -> crate::scenario::Scenario {
    parse(TWO_NEEDS)
}

#[test]
fn passing_needs_the_pass_mark_and_a_satisfied_ending() {
    let s = scenario();
    assert!(passes(&s, Some(70), Some(Outcome::Satisfied)));
    assert!(passes(&s, Some(100), Some(Outcome::Delighted)));
    assert!(!passes(&s, Some(69), Some(Outcome::Delighted)));
    assert!(!passes(&s, Some(100), Some(Outcome::Neutral)));
    assert!(!passes(&s, Some(100), Some(Outcome::Dissatisfied)));
    assert!(!passes(&s, Some(100), None));
    assert!(!passes(&s, None, Some(Outcome::Delighted)));
    let why = pass_problem(&s, Some(100), Some(Outcome::Dissatisfied)).unwrap();
    assert!(
        why.contains("Dissatisfied") && why.contains("Satisfied or better"),
        "{why}"
    );
    assert!(pass_rule(&s).contains("70 or more") && pass_rule(&s).contains("Satisfied"));
}

#[test]
fn a_no_win_encounter_passes_with_a_neutral_ending() {
    let mut s = scenario();
    s.no_win = true;
    assert!(passes(&s, Some(70), Some(Outcome::Neutral)));
    assert!(!passes(&s, Some(70), Some(Outcome::Dissatisfied)));
    assert!(!passes(&s, Some(70), Some(Outcome::Lost)));
    assert!(pass_rule(&s).contains("Neutral or better"));
}

#[test]
fn the_debrief_never_shows_a_pass_beside_an_unhappy_ending() {
    let text = TWO_NEEDS.replace(
        r#""end": End(outcome: Satisfied, text: "bye"),"#,
        r#""end": End(outcome: Dissatisfied, text: "bye"),"#,
    );
    let c = Arc::new(CompiledScenario::new(&parse(&text)).unwrap());
    let mut e = Encounter::start(Arc::clone(&c), 0);
    e.choose(0).unwrap();
    e.choose(0).unwrap();
    let d = debrief(&c.scenario, &analyse(&c), e.transcript());
    assert_eq!(d.score.overall, Some(100));
    assert!(!d.passed);
    assert!(d.pass_problem.unwrap().contains("Dissatisfied"));
    assert_eq!(d.ending, "Bo left unhappy.");
}

#[test]
fn the_explanation_lists_the_moves_and_what_the_best_path_said_instead() {
    let (d, _) = play(&[1, 0]);
    assert_eq!(d.ending, "Bo left satisfied, with what was needed.");
    let x = &d.explanation;
    assert_eq!(x.scale, SCALE);
    assert_eq!((x.best_possible_overall, &x.competing), (None, &None));
    let friendly = &x.needs[Need::Friendliness.index()];
    assert_eq!(friendly.moves.len(), 1);
    assert_eq!(
        (friendly.moves[0].text.as_str(), friendly.moves[0].effect),
        ("rude", -3)
    );
    assert_eq!(
        friendly.moves[0].best,
        BestAtThisPoint::Instead {
            text: "kind".into(),
            effect: 3,
            why: "Kind words.".into()
        }
    );
    assert!(
        friendly.meaning.contains("-3 scores 0"),
        "{}",
        friendly.meaning
    );
    let info = &x.needs[Need::Information.index()];
    assert_eq!(info.moves[0].best, BestAtThisPoint::Same);
    assert_eq!(info.best_moves.len(), 2, "kind (+1) and explain (+2)");
    let empathy = &x.needs[Need::Empathy.index()];
    assert!(empathy.moves.is_empty() && empathy.meaning.contains("not scored"));
}

const COMPETING: &str = r#"(
    id: "c", title: "C", customer: (names: ["Di"]), pin_choice_order: true, start: "a",
    nodes: {
        "a": Line(speaker: Customer, text: "?", choices: [
            (text: "favour", needs: {Friendliness: 3, Fairness: -3}, next: "b", why: "Unfair."),
            (text: "rule", needs: {Friendliness: -1, Fairness: 3}, next: "b", why: "Cold."),
            (text: "balance", needs: {Friendliness: 1, Fairness: 1}, next: "b", why: "Fair and warm."),
        ]),
        "b": Line(speaker: Customer, text: "?", choices: [
            (text: "listen", needs: {Empathy: 2}, next: "end", why: "Heard."),
            (text: "carry on", next: "end", why: "Nothing."),
            (text: "interrupt", needs: {Empathy: -2}, next: "end", why: "Cut off."),
        ]),
        "end": End(outcome: Satisfied, text: "bye"),
    },
)"#;

#[test]
fn competing_needs_say_what_is_best_possible_here() {
    let c = Arc::new(CompiledScenario::new(&parse(COMPETING)).unwrap());
    let a = analyse(&c);
    let mut e = Encounter::start(Arc::clone(&c), 0);
    e.choose(0).unwrap();
    e.choose(1).unwrap();
    let x = debrief(&c.scenario, &a, e.transcript()).explanation;
    let friendly = &x.needs[Need::Friendliness.index()];
    assert_eq!(friendly.best_possible, Some(50));
    assert!(friendly.meaning.contains("Best possible here: 50"));
    assert_eq!(x.needs[Need::Fairness.index()].best_possible, Some(67));
    assert_eq!(x.needs[Need::Empathy.index()].best_possible, None);
    assert!(x.best_possible_overall.is_some_and(|o| o < 100));
    assert!(
        x.competing
            .as_deref()
            .is_some_and(|t| t.contains("compete"))
    );
    let empathy = &x.needs[Need::Empathy.index()];
    assert_eq!(empathy.score, Some(50));
    assert!(empathy.moves.is_empty());
    assert!(
        empathy.meaning.contains(&format!(
            "None of your choices touched {}, so it scores 50",
            Need::Empathy.label()
        )),
        "{}",
        empathy.meaning
    );
    assert_eq!(empathy.best_moves[0].text, "listen");
}
