//! The scripted self-tests (`tests: [...]`) and which needs the scenario assesses.
//! Running the playthroughs is the engine's job; this only checks how they are
//! written: choice numbers, forced draws of `Random` nodes, expected ranges.

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
        for (node, target) in &test.random {
            let key = at(&[Seg::Field("random"), Seg::Key(node.clone())]);
            check_forced_draw(c, node, target, key);
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

/// A forced draw must name a `Random` node and the `next` of one of its options.
fn check_forced_draw(c: &mut Checker, node: &str, target: &str, key: Vec<Seg>) {
    let scenario = c.scenario;
    let Some(found) = scenario.nodes.get(node) else {
        let help = c.suggest(node, scenario.nodes.keys().map(String::as_str));
        let message =
            format!("this self-test forces a draw at `{node}`, but there is no node with that id");
        c.error("forced-draw", message, key).help = help;
        return;
    };
    let Node::Random { options } = found else {
        let message = format!(
            "this self-test forces a draw at `{node}`, which is not a `Random` node, so it draws nothing"
        );
        c.error("forced-draw", message, key).help =
            Some("list only `Random` nodes under `random`".into());
        return;
    };
    if options.iter().any(|o| o.next == target) {
        return;
    }
    let targets: Vec<String> = options.iter().map(|o| format!("`{}`", o.next)).collect();
    let help = c.suggest(target, options.iter().map(|o| o.next.as_str()));
    let message = format!(
        "no option of `{node}` leads to `{target}`; its options lead to {}",
        targets.join(", ")
    );
    let mut value = key;
    value.push(Seg::Value);
    c.error("forced-draw", message, value).help = help;
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
