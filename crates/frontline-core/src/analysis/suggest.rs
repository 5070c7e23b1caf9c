//! Self-tests suggested by `frontline analyse`: the best and the worst
//! overall play and one play per ending, each written as a `tests:` entry
//! (choices, forced random draws, expected outcome and overall score). Every
//! suggestion is read back from its own text and played by the self-test
//! runner before it is offered, so pasting it gives a passing test.

use super::review::SuggestedTest;
use super::{Analysis, Path, PathStep};
use crate::engine::CompiledScenario;
use crate::scenario::load::ron_options;
use crate::scenario::{Expectation, Playthrough};
use crate::scoring::Score;
use crate::selftest::check_playthrough;
use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::Arc;

/// Suggested tests that pass, and a sentence for each path that could not
/// become one.
pub(super) fn suggest_tests(
    c: &Arc<CompiledScenario>,
    analysis: &Analysis,
    worst: Option<&Path>,
) -> (Vec<SuggestedTest>, Vec<String>) {
    let mut candidates: Vec<(String, &Path)> = Vec::new();
    if let Some(best) = &analysis.best_overall {
        candidates.push(("best overall".into(), best));
    }
    if let Some(worst) = worst {
        candidates.push(("worst overall".into(), worst));
    }
    for e in &analysis.endings {
        let name = if e.walked_out {
            format!("walks out at {}", e.node)
        } else {
            format!("ends at {} ({})", e.node, e.outcome.name())
        };
        candidates.push((name, &e.witness));
    }
    let mut tests: Vec<SuggestedTest> = Vec::new();
    let mut problems = Vec::new();
    for (name, path) in candidates {
        let playthrough = match playthrough(name.clone(), path, analysis) {
            Ok(p) => p,
            Err(why) => {
                problems.push(format!("{name}: {why}"));
                continue;
            }
        };
        let same_play = |t: &SuggestedTest| {
            t.playthrough.choices == playthrough.choices
                && t.playthrough.random == playthrough.random
        };
        if tests.iter().any(same_play) {
            continue;
        }
        let ron = to_ron(&playthrough);
        let read_back = ron_options().from_str::<Playthrough>(ron.trim_end_matches(','));
        if read_back.as_ref().ok() != Some(&playthrough) {
            problems.push(format!("{name}: its RON text does not read back ({ron})"));
            continue;
        }
        let failures = check_playthrough(c, analysis, &playthrough);
        if failures.is_empty() {
            tests.push(SuggestedTest { playthrough, ron });
        } else {
            problems.push(format!("{name}: {}", failures.join("; ")));
        }
    }
    (tests, problems)
}

/// The self-test that replays `path` and expects its outcome and overall score.
fn playthrough(name: String, path: &Path, analysis: &Analysis) -> Result<Playthrough, String> {
    let mut random = BTreeMap::new();
    for step in &path.steps {
        if let PathStep::Random { node, to, .. } = step
            && let Some(earlier) = random.insert(node.clone(), to.clone())
            && earlier != *to
        {
            return Err(format!(
                "it draws `{earlier}` and later `{to}` at `{node}`, and a test can force only one draw per node"
            ));
        }
    }
    let overall = Score::new(path.raw, analysis).overall;
    Ok(Playthrough {
        name,
        seed: 0,
        choices: path.choice_numbers(),
        random,
        expect: Expectation {
            outcome: Some(path.outcome),
            overall: overall.map(|v| (v, v)),
            needs: BTreeMap::new(),
        },
    })
}

/// `Playthrough(name: "...", choices: [...], random: {...}, expect: (...)),`
/// on one line.
pub fn to_ron(p: &Playthrough) -> String {
    let choices: Vec<String> = p.choices.iter().map(usize::to_string).collect();
    let mut out = format!(
        "Playthrough(name: {}, choices: [{}]",
        quoted(&p.name),
        choices.join(", ")
    );
    if p.seed != 0 {
        let _ = write!(out, ", seed: {}", p.seed);
    }
    if !p.random.is_empty() {
        let draws: Vec<String> = p
            .random
            .iter()
            .map(|(node, to)| format!("{}: {}", quoted(node), quoted(to)))
            .collect();
        let _ = write!(out, ", random: {{{}}}", draws.join(", "));
    }
    let mut expect = Vec::new();
    if let Some(outcome) = p.expect.outcome {
        expect.push(format!("outcome: {}", outcome.name()));
    }
    if let Some((lo, hi)) = p.expect.overall {
        expect.push(format!("overall: ({lo}, {hi})"));
    }
    if !expect.is_empty() {
        let _ = write!(out, ", expect: ({})", expect.join(", "));
    }
    out.push_str("),");
    out
}

/// `text` as a RON string literal.
fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for ch in text.chars() {
        match ch {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
