//! Scenario self-tests: runs the scripted `tests:` playthroughs of a scenario
//! (choices as 1-based positions in file order; lines without choices continue
//! by themselves) and checks the expected outcome and score ranges.
//! `frontline check` and the game's catalog call [`check_library`], so both
//! report a failing playthrough the same way.

use crate::analysis::{Analysis, analyse};
use crate::engine::{CompiledScenario, Encounter};
use crate::scenario::{Diagnostic, Library, LineIndex, Playthrough, Scenario};
use crate::scoring::Score;
use std::fmt;
use std::sync::Arc;

/// One failed expectation of one scripted playthrough.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Failure {
    /// Scenario id.
    pub scenario: String,
    /// The playthrough's `name`.
    pub test: String,
    /// What went wrong, in trainer's terms.
    pub message: String,
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: test \"{}\": {}",
            self.scenario, self.test, self.message
        )
    }
}

/// Runs each playable scenario's scripted `tests:` playthroughs and adds every
/// failure as a `self-test` error at the test's `name` in its file.
pub fn check_library(library: &mut Library) {
    for file in &mut library.files {
        let Some(scenario) = file.playable() else {
            continue;
        };
        let failures = run_playthroughs(scenario);
        let lines = LineIndex::new(&file.text);
        for f in failures {
            let quoted = format!("\"{}\"", f.test);
            let span = file
                .text
                .find(&quoted)
                .map_or(0..0, |at| at..at + quoted.len());
            let d = Diagnostic::error(
                "self-test",
                format!("scripted playthrough \"{}\" failed: {}", f.test, f.message),
            )
            .at(&file.path, &lines, span)
            .with_help(
                "fix the scenario, or update the test's `choices`/`expect` if the change was intended",
            );
            file.diagnostics.push(d);
        }
    }
}

/// Runs every playthrough in `scenario.tests`; empty when all pass.
pub fn run_playthroughs(scenario: &Scenario) -> Vec<Failure> {
    if scenario.tests.is_empty() {
        return Vec::new();
    }
    let fail = |test: &str, message: String| Failure {
        scenario: scenario.id.clone(),
        test: test.to_string(),
        message,
    };
    let compiled = match CompiledScenario::new(scenario) {
        Ok(c) => Arc::new(c),
        Err(e) => return vec![fail("(all)", format!("cannot be played: {e}"))],
    };
    let analysis = analyse(&compiled);
    scenario
        .tests
        .iter()
        .flat_map(|t| {
            check_one(&compiled, &analysis, t)
                .into_iter()
                .map(|m| fail(&t.name, m))
        })
        .collect()
}

/// Plays one playthrough; returns the problems found.
fn check_one(
    compiled: &Arc<CompiledScenario>,
    analysis: &Analysis,
    test: &Playthrough,
) -> Vec<String> {
    let mut enc = Encounter::start(Arc::clone(compiled), test.seed);
    let mut next = test.choices.iter().enumerate();
    while !enc.is_over() {
        if enc.can_continue() {
            let _ = enc.advance();
            continue;
        }
        if enc.is_stuck() {
            return vec![format!(
                "stuck at `{}`: no choice available and no `next`",
                enc.current_node()
            )];
        }
        let Some((k, &number)) = next.next() else {
            return vec![format!(
                "ran out of choices after {} at `{}`; the encounter has not ended",
                test.choices.len(),
                enc.current_node()
            )];
        };
        if let Err(e) = number
            .checked_sub(1)
            .map_or(Err(None), |i| enc.choose(i).map_err(Some))
        {
            let why = e.map_or_else(|| "positions start at 1".to_string(), |e| e.to_string());
            return vec![format!(
                "choice #{} ({number}) at `{}` failed: {why}",
                k + 1,
                enc.current_node()
            )];
        }
    }
    if let Some(e) = enc.error() {
        return vec![e.to_string()];
    }
    let mut problems = Vec::new();
    let left = next.count();
    if left > 0 {
        problems.push(format!(
            "the encounter ended with {left} choice(s) left unused"
        ));
    }
    let outcome = enc.outcome();
    if let (Some(want), Some(got)) = (test.expect.outcome, outcome)
        && want != got
    {
        problems.push(format!("expected outcome {want:?}, got {got:?}"));
    }
    let score = Score::new(enc.raw(), analysis);
    if let Some((lo, hi)) = test.expect.overall {
        match score.overall {
            Some(v) if (lo..=hi).contains(&v) => {}
            Some(v) => problems.push(format!("expected overall {lo}..={hi}, got {v}")),
            None => problems.push("expected an overall score, but no need is assessed".into()),
        }
    }
    for (need, &(lo, hi)) in &test.expect.needs {
        match score.needs[*need] {
            Some(v) if (lo..=hi).contains(&v) => {}
            Some(v) => problems.push(format!("expected {} {lo}..={hi}, got {v}", need.key())),
            None => problems.push(format!(
                "expected {} {lo}..={hi}, but it is not assessed",
                need.key()
            )),
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::tests::parse;

    const S: &str = r#"(id: "s", title: "S", customer: (names: ["A"]), start: "intro",
        tests: [
            (name: "good", choices: [1], expect: (outcome: Satisfied, overall: (100, 100), needs: {Friendliness: (90, 100)})),
            (name: "wrong", choices: [2], expect: (outcome: Satisfied, overall: (50, 100), needs: {Empathy: (0, 100)})),
            (name: "short", choices: []),
            (name: "long", choices: [1, 1]),
            (name: "zero", choices: [0]),
        ],
        nodes: {
            "intro": Line(speaker: Narrator, text: "", next: "a"),
            "a": Line(speaker: Customer, text: "", choices: [
                (text: "hi", needs: {Friendliness: 1}, next: "ok"),
                (text: "go", needs: {Friendliness: -1}, next: "bad"),
            ]),
            "ok": End(outcome: Satisfied, text: ""),
            "bad": End(outcome: Lost, text: ""),
        })"#;

    #[test]
    fn scripted_playthroughs_report_each_failed_expectation() {
        let failures: Vec<String> = run_playthroughs(&parse(S))
            .iter()
            .map(|f| f.to_string())
            .collect();
        assert_eq!(
            failures,
            vec![
                "s: test \"wrong\": expected outcome Satisfied, got Lost",
                "s: test \"wrong\": expected overall 50..=100, got 0",
                "s: test \"wrong\": expected Empathy 0..=100, but it is not assessed",
                "s: test \"short\": ran out of choices after 0 at `a`; the encounter has not ended",
                "s: test \"long\": the encounter ended with 1 choice(s) left unused",
                "s: test \"zero\": choice #1 (0) at `a` failed: positions start at 1",
            ]
        );
    }
}
