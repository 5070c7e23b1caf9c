//! The scripted self-tests (`tests: [...]`) and which needs the scenario assesses.
//! Running the playthroughs is the engine's job; this only checks how they are written.

use super::Checker;
use crate::needs::Need;
use crate::scenario::model::Node;
use crate::scenario::source_map::Seg;

/// Checks every playthrough's choice numbers and expected ranges.
pub(super) fn check(c: &mut Checker) {
    let scenario = c.scenario;
    for (t, test) in scenario.tests.iter().enumerate() {
        let at = |rest: &[Seg]| [&[Seg::Field("tests"), Seg::Index(t)], rest].concat();
        if test.name.trim().is_empty() {
            c.warning(
                "empty-text",
                "this self-test has no name".into(),
                at(&[Seg::Field("name")]),
            );
        }
        for (k, &choice) in test.choices.iter().enumerate() {
            if choice == 0 {
                let message = "choice numbers start at 1 (the first choice as written in the file), so 0 picks nothing";
                c.error(
                    "choice-zero",
                    message.into(),
                    at(&[Seg::Field("choices"), Seg::Index(k)]),
                );
            }
        }
        let expect = |rest: &[Seg]| at(&[&[Seg::Field("expect")], rest].concat());
        if let Some(range) = test.expect.overall {
            check_range(
                c,
                range,
                "the overall score",
                expect(&[Seg::Field("overall")]),
            );
        }
        for (need, &range) in &test.expect.needs {
            let path = expect(&[Seg::Field("needs"), Seg::Key(need.key().into()), Seg::Value]);
            check_range(c, range, &format!("the {} score", need.key()), path);
        }
    }
}

fn check_range(c: &mut Checker, (low, high): (u8, u8), what: &str, at: Vec<Seg>) {
    if low > high {
        let message = format!(
            "the expected range for {what} runs from {low} down to {high}; write the smaller number first"
        );
        c.error("bad-range", message, at);
    } else if high > 100 {
        c.error(
            "bad-range",
            format!("the expected range for {what} goes above 100, the highest score"),
            at,
        );
    }
}

/// Warns once about needs that no choice ever affects (the debrief has nothing to score).
pub(super) fn check_needs_assessed(c: &mut Checker) {
    let mut assessed = [false; Need::ALL.len()];
    for node in c.scenario.nodes.values() {
        if let Node::Line { choices, .. } = node {
            for choice in choices {
                choice.needs.keys().for_each(|n| assessed[n.index()] = true);
            }
        }
    }
    let missing: Vec<&str> = Need::ALL
        .iter()
        .filter(|n| !assessed[n.index()])
        .map(|n| n.key())
        .collect();
    if !missing.is_empty()
        && c.scenario
            .nodes
            .values()
            .any(|n| matches!(n, Node::Line { choices, .. } if !choices.is_empty()))
    {
        let message = format!(
            "no choice in this scenario affects {}, so the debrief cannot score it",
            missing.join(", ")
        );
        c.warning("need-not-assessed", message, vec![Seg::Field("id")])
            .help = Some(
            "fine for a short encounter; otherwise give some choices a `needs` effect on it".into(),
        );
    }
}
