//! Scenario self-tests: runs the scripted `tests:` playthroughs of a scenario
//! (choices as 1-based positions in file order; lines without choices continue
//! by themselves; `random` forces what a `Random` node draws) and checks the
//! expected outcome and score ranges.
//! `frontline check` and the game's catalog call [`check_library`], so both
//! report a failing playthrough the same way.

use crate::analysis::{Analysis, analyse};
use crate::engine::{CNode, CompiledScenario, Encounter, ForcedDraws, step};
use crate::scenario::{Diagnostic, Library, LineIndex, Playthrough, Scenario};
use crate::scoring::Score;
use std::collections::BTreeMap;
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
            check_playthrough(&compiled, &analysis, t)
                .into_iter()
                .map(|m| fail(&t.name, m))
        })
        .collect()
}

/// The engine's forced draws for a playthrough's `random` map (node id ->
/// the node the drawn option leads to): each becomes the first drawable
/// option with that `next`. Fails with a sentence when one cannot be drawn.
pub fn forced_draws(
    compiled: &CompiledScenario,
    random: &BTreeMap<String, String>,
) -> Result<ForcedDraws, String> {
    let mut forced = ForcedDraws::new();
    for (node, target) in random {
        let options = match compiled.node_index(node).map(|i| &compiled.nodes[i]) {
            Some(CNode::Random { options }) => options,
            Some(_) => return Err(format!("`{node}` is not a Random node")),
            None => return Err(format!("there is no node `{node}`")),
        };
        let option = step::drawable(options)
            .find(|&(_, to)| compiled.node_id(to) == target)
            .map(|(i, _)| i)
            .ok_or_else(|| {
                format!("no option of `{node}` that can be drawn leads to `{target}`")
            })?;
        forced.insert(node.clone(), option);
    }
    Ok(forced)
}

/// Plays one playthrough (its forced draws included) and returns the
/// problems found; empty when it passes. `analysis` scores the play.
pub fn check_playthrough(
    compiled: &Arc<CompiledScenario>,
    analysis: &Analysis,
    test: &Playthrough,
) -> Vec<String> {
    let started = forced_draws(compiled, &test.random).and_then(|forced| {
        Encounter::start_forced(Arc::clone(compiled), test.seed, &forced).map_err(|e| e.to_string())
    });
    let mut enc = match started {
        Ok(enc) => enc,
        Err(why) => return vec![format!("cannot force the random draws: {why}")],
    };
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

    /// Both draws pass with the same seed only because `random` forces them.
    #[test]
    fn a_playthrough_can_force_what_a_random_node_draws() {
        let coin = r#"(id: "c", title: "C", customer: (names: ["A"]), start: "coin",
            tests: [
                (name: "heads", choices: [], random: {"coin": "heads"}, expect: (outcome: Satisfied)),
                (name: "tails", choices: [], random: {"coin": "tails"}, expect: (outcome: Neutral)),
                (name: "edge", choices: [], random: {"coin": "edge"}),
            ],
            nodes: {
                "coin": Random(options: [(weight: 1, next: "heads"), (weight: 1, next: "tails")]),
                "heads": End(outcome: Satisfied, text: ""),
                "tails": End(outcome: Neutral, text: ""),
            })"#;
        let failures: Vec<String> = run_playthroughs(&parse(coin))
            .iter()
            .map(|f| f.to_string())
            .collect();
        assert_eq!(
            failures,
            vec![
                "c: test \"edge\": cannot force the random draws: no option of `coin` that can be drawn leads to `edge`"
            ]
        );
    }

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
