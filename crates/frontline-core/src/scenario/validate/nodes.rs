//! Checks of each node on its own: texts, targets, effects, weights, line shape.

use super::{Checker, Where, node_at, node_path};
use crate::scenario::model::{Choice, EFFECT_RANGE, Node, Speaker};
use crate::scenario::placeholders::{PLACEHOLDERS, find};
use crate::scenario::source_map::Seg;

/// Where in a node a transition is written.
#[derive(Clone, Copy, Debug)]
pub(super) enum TargetAt {
    /// `Line(next: ...)`
    LineNext,
    /// `choices: [ ..., Choice(next: ...) ]`, by index.
    Choice(usize),
    /// `cases: [ ..., (next: ...) ]`, by index.
    Case(usize),
    /// `Branch(otherwise: ...)`
    Otherwise,
    /// `options: [ ..., (next: ...) ]`, by index.
    Option(usize),
}

impl TargetAt {
    /// Path of the target string, from the node's value.
    pub(super) fn path(self) -> Vec<Seg> {
        match self {
            TargetAt::LineNext => vec![Seg::Field("next")],
            TargetAt::Choice(i) => vec![Seg::Field("choices"), Seg::Index(i), Seg::Field("next")],
            TargetAt::Case(i) => vec![Seg::Field("cases"), Seg::Index(i), Seg::Field("next")],
            TargetAt::Otherwise => vec![Seg::Field("otherwise")],
            TargetAt::Option(i) => vec![Seg::Field("options"), Seg::Index(i), Seg::Field("next")],
        }
    }

    fn describe(self) -> &'static str {
        match self {
            TargetAt::LineNext => "this line continues to",
            TargetAt::Choice(_) => "this choice leads to",
            TargetAt::Case(_) => "this case leads to",
            TargetAt::Otherwise => "`otherwise` leads to",
            TargetAt::Option(_) => "this option leads to",
        }
    }
}

/// Calls `f` for every node id `node` can lead to.
pub(super) fn for_each_target<'n>(node: &'n Node, mut f: impl FnMut(&'n str, TargetAt)) {
    match node {
        Node::Line { choices, next, .. } => {
            if let Some(next) = next {
                f(next, TargetAt::LineNext);
            }
            for (i, choice) in choices.iter().enumerate() {
                f(&choice.next, TargetAt::Choice(i));
            }
        }
        Node::Branch { cases, otherwise } => {
            for (i, case) in cases.iter().enumerate() {
                f(&case.next, TargetAt::Case(i));
            }
            f(otherwise, TargetAt::Otherwise);
        }
        Node::Random { options } => {
            for (i, option) in options.iter().enumerate() {
                f(&option.next, TargetAt::Option(i));
            }
        }
        Node::End { .. } => {}
    }
}

/// Runs every per-node check.
pub(super) fn check(c: &mut Checker) {
    let scenario = c.scenario;
    for (id, node) in &scenario.nodes {
        for_each_target(node, |target, at| {
            c.check_target(target, at.describe(), node_path(id, &at.path()))
        });
        match node {
            Node::Line {
                speaker,
                text,
                choices,
                next,
                ..
            } => {
                check_line(c, id, speaker, text, choices, next.is_some());
                for (i, choice) in choices.iter().enumerate() {
                    check_choice(c, id, i, choice);
                }
            }
            Node::Branch { cases, .. } => {
                if cases.is_empty() {
                    c.warning(
                        "empty-branch",
                        "this branch has no cases, so it always goes to `otherwise`".into(),
                        node_at(id),
                    )
                    .help = Some("use a `Line` with `next`, or add `cases`".into());
                }
            }
            Node::Random { options } => check_random(c, id, options),
            Node::End { text, .. } => {
                if text.trim().is_empty() {
                    c.warning(
                        "empty-text",
                        "this ending has no closing text".into(),
                        node_path(id, &[Seg::Field("text")]),
                    );
                }
                check_placeholders(c, text, node_path(id, &[Seg::Field("text")]));
            }
        }
    }
}

fn check_line(
    c: &mut Checker,
    id: &str,
    speaker: &Speaker,
    text: &str,
    choices: &[Choice],
    has_next: bool,
) {
    if text.trim().is_empty() {
        c.error(
            "empty-text",
            "this line has no text".into(),
            node_path(id, &[Seg::Field("text")]),
        );
    }
    check_placeholders(c, text, node_path(id, &[Seg::Field("text")]));
    if matches!(speaker, Speaker::Other(name) if name.trim().is_empty()) {
        c.error(
            "empty-text",
            "the speaker's name is empty".into(),
            node_path(id, &[Seg::Field("speaker")]),
        );
    }
    match (choices.is_empty(), has_next) {
        (true, false) => {
            let message = "this line has neither `choices` nor `next`, so the encounter would stop here without an ending";
            c.error(
                "dead-end-line",
                message.into(),
                vec![Seg::Node(id.to_string())],
            )
            .help = Some("add `next: \"some-node\"`, some `choices`, or make it an `End`".into());
        }
        (false, true) => {
            let message = "this line has both `choices` and `next`; the player always picks a choice, so `next` would never be used";
            c.error(
                "choices-and-next",
                message.into(),
                node_path(id, &[Seg::Field("next")]),
            )
            .help = Some("remove `next`, or remove the choices".into());
        }
        _ => {}
    }
}

fn check_choice(c: &mut Checker, id: &str, index: usize, choice: &Choice) {
    let at = |rest: &[Seg]| {
        node_path(
            id,
            &[&[Seg::Field("choices"), Seg::Index(index)], rest].concat(),
        )
    };
    if choice.text.trim().is_empty() {
        c.error(
            "empty-text",
            "this choice has no text for the player to say".into(),
            at(&[Seg::Field("text")]),
        );
    }
    check_placeholders(c, &choice.text, at(&[Seg::Field("text")]));
    check_placeholders(c, &choice.why, at(&[Seg::Field("why")]));
    if let Some(locked) = &choice.locked {
        check_placeholders(c, locked, at(&[Seg::Field("locked")]));
    }
    for (need, &effect) in &choice.needs {
        if !EFFECT_RANGE.contains(&effect) {
            let message = format!(
                "the effect on {} is {effect}, but effects go from {} to {}",
                need.key(),
                EFFECT_RANGE.start(),
                EFFECT_RANGE.end()
            );
            c.error(
                "effect-out-of-range",
                message,
                at(&[Seg::Field("needs"), Seg::Key(need.key().into()), Seg::Value]),
            );
        }
    }
    if !(-100..=100).contains(&choice.mood) {
        let message = format!(
            "a mood change of {} is more than the whole mood scale (0 to 100)",
            choice.mood
        );
        c.error("mood-out-of-range", message, at(&[Seg::Field("mood")]));
    }
    if choice.locked.is_some() && choice.requires.is_none() {
        let message = "`locked` gives a reason shown when `requires` fails, but this choice has no `requires`";
        c.warning(
            "locked-without-requires",
            message.into(),
            at(&[Seg::Field("locked")]),
        );
    }
    if choice.why.trim().is_empty() {
        let message = "this choice has no `why`, so the debrief cannot explain it";
        c.warning("missing-why", message.into(), at(&[])).help =
            Some("add `why: \"...\"` with one sentence on why this answer helps or hurts".into());
    }
}

fn check_random(c: &mut Checker, id: &str, options: &[crate::scenario::model::Weighted]) {
    if options.is_empty() {
        c.error(
            "empty-random",
            "this random node has no options to pick from".into(),
            vec![Seg::Node(id.to_string())],
        );
    }
    for (i, option) in options.iter().enumerate() {
        if option.weight <= 0 {
            let message = format!(
                "the weight is {}, but weights must be 1 or more",
                option.weight
            );
            c.error(
                "bad-weight",
                message,
                node_path(
                    id,
                    &[Seg::Field("options"), Seg::Index(i), Seg::Field("weight")],
                ),
            );
        }
    }
}

/// Warns about `{...}` placeholders that are not in [`PLACEHOLDERS`].
pub(super) fn check_placeholders(c: &mut Checker, text: &str, at: Vec<Seg>) {
    for (_, inner) in find(text) {
        if PLACEHOLDERS.contains(&inner) {
            continue;
        }
        let help = c.suggest(inner, PLACEHOLDERS.iter().copied()).or_else(|| {
            Some(format!(
                "the placeholders are {}",
                PLACEHOLDERS
                    .iter()
                    .map(|p| format!("`{{{p}}}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ))
        });
        let message = format!("`{{{inner}}}` is not a placeholder; it would be shown as written");
        // The caret covers the placeholder itself, not the whole text.
        let within = Where::Within(at.clone(), format!("{{{inner}}}"));
        c.warning("unknown-placeholder", message, within).help = help;
    }
}
