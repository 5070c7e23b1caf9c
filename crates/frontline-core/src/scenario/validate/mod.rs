//! Every semantic problem of a parsed scenario at once, errors and warnings,
//! each pointing at the field it is about. An error means the game cannot play
//! the file correctly; a warning means it plays, probably not as intended.
//!
//! Checks collect [`Problem`]s with a path into the file; paths become byte
//! spans through one [`SourceMap`] built per file, so the cost stays linear.

mod conditions;
mod graph;
mod loops;
mod nodes;
mod playthroughs;
mod scene;

pub use loops::{ScoredLoop, name_nodes, scored_loops};

use super::diagnostic::{Diagnostic, LineIndex, Severity};
use super::model::{FORMAT_VERSION, Scenario};
use super::source_map::{Seg, SourceMap};
use super::suggest::help_for;
use std::collections::HashMap;
use std::ops::Range;
use std::path::Path;

/// How many "did you mean" searches one file may trigger (keeps huge broken files fast).
const SUGGESTION_BUDGET: usize = 64;

/// Where a problem is: a path into the file, a span found directly, or a
/// piece of text inside the value at a path (its first occurrence; the whole
/// value when the piece is not written literally, e.g. behind an escape).
enum Where {
    Path(Vec<Seg>),
    Span(Range<usize>),
    Within(Vec<Seg>, String),
}

impl From<Vec<Seg>> for Where {
    fn from(path: Vec<Seg>) -> Self {
        Where::Path(path)
    }
}

impl From<Range<usize>> for Where {
    fn from(span: Range<usize>) -> Self {
        Where::Span(span)
    }
}

/// A problem before it is placed in the file.
struct Problem {
    severity: Severity,
    code: &'static str,
    message: String,
    help: Option<String>,
    at: Where,
    labels: Vec<(Where, String)>,
}

impl Problem {
    /// Adds a secondary label.
    fn label(&mut self, at: impl Into<Where>, message: impl Into<String>) -> &mut Self {
        self.labels.push((at.into(), message.into()));
        self
    }
}

/// What the checks share: the scenario, its node ids, and the problems found.
struct Checker<'s> {
    scenario: &'s Scenario,
    node_ids: HashMap<&'s str, usize>,
    problems: Vec<Problem>,
    suggestions_left: usize,
}

impl<'s> Checker<'s> {
    fn push(
        &mut self,
        severity: Severity,
        code: &'static str,
        message: String,
        at: impl Into<Where>,
    ) -> &mut Problem {
        let at = at.into();
        self.problems.push(Problem {
            severity,
            code,
            message,
            help: None,
            at,
            labels: Vec::new(),
        });
        self.problems.last_mut().expect("just pushed")
    }

    fn error(&mut self, code: &'static str, message: String, at: impl Into<Where>) -> &mut Problem {
        self.push(Severity::Error, code, message, at)
    }

    fn warning(
        &mut self,
        code: &'static str,
        message: String,
        at: impl Into<Where>,
    ) -> &mut Problem {
        self.push(Severity::Warning, code, message, at)
    }

    /// "did you mean" among `candidates`, within the per-file budget.
    fn suggest<'c>(
        &mut self,
        word: &str,
        candidates: impl IntoIterator<Item = &'c str>,
    ) -> Option<String> {
        if self.suggestions_left == 0 {
            return None;
        }
        self.suggestions_left -= 1;
        help_for(word, candidates)
    }

    /// Reports `target` if no node has that id. `what` names the reference in the message.
    fn check_target(&mut self, target: &str, what: &str, at: Vec<Seg>) {
        if self.node_ids.contains_key(target) {
            return;
        }
        let scenario = self.scenario;
        let help = self.suggest(target, scenario.nodes.keys().map(String::as_str));
        let message = format!("{what} `{target}`, but there is no node with that id");
        self.error("unknown-target", message, at).help = help;
    }
}

/// Path to a node's value (`nodes: { "id": <here> }`).
fn node_at(id: &str) -> Vec<Seg> {
    vec![Seg::Node(id.to_string()), Seg::Value]
}

/// Path to a node's value, then `rest`.
fn node_path(id: &str, rest: &[Seg]) -> Vec<Seg> {
    let mut path = node_at(id);
    path.extend_from_slice(rest);
    path
}

/// Checks one parsed scenario; `text` is the file it came from (for positions).
pub fn validate(path: &Path, text: &str, scenario: &Scenario) -> Vec<Diagnostic> {
    let map = SourceMap::new(text);
    let node_ids = scenario
        .nodes
        .keys()
        .enumerate()
        .map(|(i, k)| (k.as_str(), i))
        .collect();
    let mut checker = Checker {
        scenario,
        node_ids,
        problems: Vec::new(),
        suggestions_left: SUGGESTION_BUDGET,
    };
    check_header(&mut checker);
    scene::check(&mut checker);
    for (id, first, repeat) in map.duplicate_nodes() {
        let p = checker.error(
            "duplicate-node",
            format!("the node id `{id}` is used twice"),
            repeat.clone(),
        );
        p.help =
            Some("the later node silently replaces the earlier one; rename one of them".into());
        p.label(first.clone(), "first used here");
    }
    nodes::check(&mut checker);
    graph::check(&mut checker);
    conditions::check(&mut checker);
    playthroughs::check(&mut checker);
    playthroughs::check_needs_assessed(&mut checker);
    finish(path, text, &map, checker.problems)
}

fn resolve(map: &SourceMap, at: &Where) -> Range<usize> {
    match at {
        Where::Path(path) => map.resolve(path),
        Where::Span(span) => span.clone(),
        Where::Within(path, piece) => {
            let value = map.resolve(path);
            map.text()
                .get(value.clone())
                .and_then(|v| v.find(piece.as_str()))
                .map_or(value.clone(), |at| {
                    value.start + at..value.start + at + piece.len()
                })
        }
    }
}

/// Most diagnostics reported per file; the rest are summarised in one line.
const MAX_DIAGNOSTICS: usize = 200;

fn finish(path: &Path, text: &str, map: &SourceMap, problems: Vec<Problem>) -> Vec<Diagnostic> {
    if problems.is_empty() {
        return Vec::new();
    }
    let mut placed: Vec<(Range<usize>, Problem)> = problems
        .into_iter()
        .map(|p| (resolve(map, &p.at), p))
        .collect();
    placed.sort_by_key(|(span, p)| (span.start, p.severity));
    let hidden = placed.split_off(placed.len().min(MAX_DIAGNOSTICS));
    let lines = LineIndex::new(text);
    let mut out: Vec<Diagnostic> = placed
        .into_iter()
        .map(|(span, p)| {
            let mut d = match p.severity {
                Severity::Error => Diagnostic::error(p.code, p.message),
                Severity::Warning => Diagnostic::warning(p.code, p.message),
            }
            .at(path, &lines, span);
            d.help = p.help;
            for (at, message) in p.labels {
                d = d.with_label(&lines, resolve(map, &at), message);
            }
            d
        })
        .collect();
    if let Some(first) = hidden.first() {
        let message = format!(
            "{} more problems after this one are not shown",
            hidden.len()
        );
        let d = if hidden.iter().any(|(_, p)| p.severity == Severity::Error) {
            Diagnostic::error("too-many-problems", message)
        } else {
            Diagnostic::warning("too-many-problems", message)
        };
        out.push(
            d.at(path, &lines, first.0.clone())
                .with_help("fix the problems above and check again"),
        );
    }
    out
}

/// Scenario-level fields: format, id, title, customer, start, pass mark.
fn check_header(c: &mut Checker) {
    let s = c.scenario;
    let field = |name: &'static str| vec![Seg::Field(name)];
    if s.format == 0 {
        c.error(
            "unsupported-format",
            "there is no scenario format 0".into(),
            field("format"),
        )
        .help = Some(format!(
            "write `format: {FORMAT_VERSION}` or leave the field out"
        ));
    }
    if s.id.trim().is_empty() {
        c.error(
            "empty-text",
            "the scenario `id` is empty".into(),
            field("id"),
        )
        .help = Some("use a short unique name such as \"bank-urgent-withdrawal\"".into());
    }
    if s.title.trim().is_empty() {
        c.error(
            "empty-text",
            "the scenario `title` is empty".into(),
            field("title"),
        );
    }
    if s.pass_mark > 100 {
        c.error(
            "out-of-range",
            format!(
                "`pass_mark` is {}, but scores go from 0 to 100",
                s.pass_mark
            ),
            field("pass_mark"),
        );
    }
    check_customer(c);
    if s.nodes.is_empty() {
        c.error(
            "no-nodes",
            "the scenario has no nodes".into(),
            field("nodes"),
        )
        .help = Some("add at least a first `Line` and an `End`".into());
    } else if !c.node_ids.contains_key(s.start.as_str()) {
        let help = c.suggest(&s.start, s.nodes.keys().map(String::as_str));
        let message = format!(
            "`start` names the node `{}`, but there is no node with that id",
            s.start
        );
        c.error("unknown-start", message, field("start")).help = help;
    }
}

fn check_customer(c: &mut Checker) {
    let customer = &c.scenario.customer;
    let at = |rest: &[Seg]| [&[Seg::Field("customer")], rest].concat();
    if customer.names.is_empty() && customer.people.is_none() {
        c.error(
            "no-names",
            "the customer has no names to pick from".into(),
            at(&[Seg::Field("names")]),
        )
        .help = Some("add at least one, e.g. `names: [\"Mrs. Adebayo\"]`".into());
    }
    for (i, name) in customer.names.iter().enumerate() {
        if name.trim().is_empty() {
            c.error(
                "empty-text",
                "this customer name is empty".into(),
                at(&[Seg::Field("names"), Seg::Index(i)]),
            );
        }
    }
    if !(0..=100).contains(&customer.mood) {
        let message = format!(
            "the starting mood is {}, but mood goes from 0 (furious) to 100 (delighted)",
            customer.mood
        );
        c.error("mood-out-of-range", message, at(&[Seg::Field("mood")]));
    }
    let portrait = customer.look.portrait.as_deref();
    if let Some((portrait, reason)) = portrait.and_then(|p| Some((p, asset_path_problem(p)?))) {
        let p = c.error(
            "asset-path",
            format!("the portrait path `{portrait}` {reason}"),
            at(&[Seg::Field("look"), Seg::Field("portrait")]),
        );
        p.help = Some(
            "write a path relative to the `assets/` folder, e.g. \"portraits/adebayo.png\"".into(),
        );
    }
}

/// Why a path written in a scenario would not stay inside `assets/`, if it would not.
pub fn asset_path_problem(path: &str) -> Option<&'static str> {
    let bytes = path.as_bytes();
    if path.trim().is_empty() {
        Some("is empty")
    } else if path.starts_with('/')
        || path.starts_with('\\')
        || (bytes.len() > 1 && bytes[1] == b':')
    {
        Some("is absolute; it must stay inside the `assets/` folder")
    } else if path.split(['/', '\\']).any(|part| part == "..") {
        Some("uses `..` to leave the `assets/` folder")
    } else {
        None
    }
}
