//! The readable report of `frontline analyse`.

use frontline_core::analysis::review::{NeedReview, Review};
use frontline_core::analysis::{PATH_COUNT_CAP, Path, PathStep};
use frontline_core::needs::Need;
use frontline_core::scenario::Scenario;
use frontline_core::scenario::validate::name_nodes;
use frontline_core::scoring::{Grade, pass_rule};
use std::fmt::Write;

/// A path, one step per line, each indented by `indent`.
pub fn steps(path: &Path, indent: &str) -> String {
    let mut out = String::new();
    let mut number = 0;
    for step in &path.steps {
        let line = match step {
            PathStep::Choose { node, index, text } => {
                number += 1;
                format!("{number}. at `{node}` choice {}: \"{text}\"", index + 1)
            }
            PathStep::Random { node, to, .. } => format!("   `{node}` draws `{to}`"),
            PathStep::WalkOut { node } => format!("   the customer walks out at `{node}`"),
            PathStep::Continue { .. } => continue,
        };
        let _ = writeln!(out, "{indent}{line}");
    }
    if out.is_empty() {
        let _ = writeln!(out, "{indent}(no choices on the way)");
    }
    out
}

/// The full report.
pub fn human(r: &Review, scenario: &Scenario) -> String {
    let a = &r.analysis;
    let mut o = String::new();
    let _ = writeln!(
        o,
        "Scenario `{}`: {} states explored{}",
        a.scenario_id,
        a.states,
        if a.exact { "" } else { " (bounds inexact)" }
    );
    for n in &a.notes {
        let _ = writeln!(o, "  note: {n}");
    }
    needs(&mut o, r);
    if let Some(range) = r.overall {
        let _ = writeln!(
            o,
            "\nOverall: {} (grade {}) to {} (grade {}) reachable. {}",
            range.worst,
            Grade::of(range.worst).letter(),
            range.best,
            Grade::of(range.best).letter(),
            pass_rule(scenario)
        );
    }
    loops(&mut o, r);
    let _ = writeln!(o, "\nEndings ({}):", a.endings.len());
    for e in &a.endings {
        let how = if e.walked_out { " (walked out)" } else { "" };
        let _ = writeln!(
            o,
            "  {}{how} at `{}`, for example:",
            e.outcome.name(),
            e.node
        );
        o.push_str(&steps(&e.witness, "    "));
    }
    let paths = match a.paths {
        None => "unlimited (a loop can repeat)".to_string(),
        Some(n) if n >= PATH_COUNT_CAP => format!("at least {n}"),
        Some(n) => n.to_string(),
    };
    let _ = writeln!(o, "\nDistinct complete paths: {paths}");
    plays(&mut o, r);
    tests(&mut o, r);
    let list = |o: &mut String, title: &str, ids: &[String]| {
        let ids = if ids.is_empty() {
            "none".to_string()
        } else {
            ids.join(", ")
        };
        let _ = writeln!(o, "{title}: {ids}");
    };
    o.push('\n');
    list(&mut o, "Dead ends (stuck, no way on)", &a.dead_ends);
    list(&mut o, "Loops with no exit", &a.trapped);
    list(&mut o, "Unreachable nodes", &a.unreachable);
    o
}

fn needs(o: &mut String, r: &Review) {
    let _ = writeln!(
        o,
        "\nNeeds, as the debrief scores them (0 = worst reachable raw sum, 100 = best):"
    );
    let _ = writeln!(
        o,
        "  {:<26} {:>7}  {:>11}  {:>13}  {:>17}  {:>7}",
        "need", "0–100", "raw", "doing nothing", "best overall play", "choices"
    );
    for n in &r.needs {
        let (Some(raw), Some(worst), Some(best)) = (n.raw, n.worst, n.best) else {
            let _ = writeln!(
                o,
                "  {:<26} not assessed (no choice changes it)",
                n.need.label()
            );
            continue;
        };
        let _ = writeln!(
            o,
            "  {:<26} {:>7}  {:>11}  {:>13}  {:>17}  {:>7}",
            n.need.label(),
            format!("{worst}..{best}"),
            format!("{}..{}", raw.worst, raw.best),
            score(n.untouched),
            score(n.on_best_overall),
            n.choices
        );
    }
    for n in r.needs.iter().filter(|n| n.weak.is_some()) {
        let _ = writeln!(o, "  {}", weak_line(n));
    }
}

/// "warning: Fairness is weakly assessed:" and each reason on its own line.
fn weak_line(n: &NeedReview) -> String {
    let mut out = format!("warning: {} is weakly assessed:", n.need.label());
    for reason in n.weak.as_deref().unwrap_or_default().split("; ") {
        let _ = write!(out, "\n      - {reason}");
    }
    out
}

fn score(v: Option<u8>) -> String {
    v.map_or_else(|| "-".to_string(), |v| v.to_string())
}

fn loops(o: &mut String, r: &Review) {
    if r.loops.is_empty() {
        return;
    }
    let _ = writeln!(
        o,
        "\nLoops that let players pump scores ({}):",
        r.loops.len()
    );
    for l in &r.loops {
        let needs: Vec<&str> = l.needs.iter().map(|n| n.label()).collect();
        let _ = writeln!(
            o,
            "  warning: players can go round {} and pick scored choices again",
            name_nodes(&l.nodes)
        );
        let _ = writeln!(o, "    pumping: {}", needs.join(", "));
        for (node, index) in &l.choices {
            let _ = writeln!(o, "    repeatable: `{node}` choice {}", index + 1);
        }
    }
}

fn plays(o: &mut String, r: &Review) {
    let a = &r.analysis;
    let play = |o: &mut String, title: &str, path: &Path| {
        let _ = writeln!(o, "\n{title} ({}):", path.outcome.name());
        o.push_str(&steps(path, "  "));
    };
    match &a.best_overall {
        Some(p) => play(o, "Best overall play", p),
        None if !a.endings.is_empty() => {
            let why = no_path_reason(r, None);
            let _ = writeln!(o, "\nBest overall play: no single play to show:\n  {why}");
        }
        None => {}
    }
    if let Some(p) = &r.worst_overall {
        play(o, "Worst overall play", p);
    }
    for need in Need::ALL {
        if a.bounds[need].is_none() {
            continue;
        }
        let title = format!("Best for {}", need.label());
        match &a.best_paths[need] {
            Some(p) if a.best_overall.as_ref().is_some_and(|b| b.steps == p.steps) => {
                let _ = writeln!(o, "\n{title}: the best overall play");
            }
            Some(p) => play(o, &title, p),
            None => {
                let why = no_path_reason(r, Some(need));
                let _ = writeln!(o, "\n{title}: no single play to show:\n  {why}");
            }
        }
    }
}

/// Why the analysis has no best play to show (for `need`, or overall).
fn no_path_reason(r: &Review, need: Option<Need>) -> &'static str {
    let looped = r
        .loops
        .iter()
        .any(|l| need.is_none_or(|n| l.needs.contains(&n)));
    if looped {
        "a loop lets players raise it again each time round (see the loops above)"
    } else {
        "the search could not pin down one play (the bounds are estimates)"
    }
}

fn tests(o: &mut String, r: &Review) {
    if r.suggested_tests.is_empty() && r.unsuggested.is_empty() {
        return;
    }
    let _ = writeln!(
        o,
        "\nSuggested self-tests (paste into the scenario's `tests: [...]`; each passes now):"
    );
    for t in &r.suggested_tests {
        let _ = writeln!(o, "  {}", t.ron);
    }
    for why in &r.unsuggested {
        let _ = writeln!(o, "  not suggested: {why}");
    }
}
