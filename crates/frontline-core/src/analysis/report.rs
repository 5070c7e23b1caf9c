//! The human-readable analysis report printed by `frontline analyse`.

use super::{Analysis, Path, PathStep};
use crate::needs::Need;
use std::fmt::Write;

/// One line per step: `2. "Let me check" (ask)`.
pub fn describe_path(path: &Path) -> String {
    let steps: Vec<String> = path
        .steps
        .iter()
        .filter_map(|s| match s {
            PathStep::Choose { node, index, text } => {
                Some(format!("{}@{node} \"{text}\"", index + 1))
            }
            PathStep::Random { node, to, .. } => Some(format!("{node}~>{to}")),
            PathStep::WalkOut { node } => Some(format!("walks out at {node}")),
            PathStep::Continue { .. } => None,
        })
        .collect();
    if steps.is_empty() {
        "(no choices)".into()
    } else {
        steps.join(" -> ")
    }
}

/// The full report.
pub fn human(a: &Analysis) -> String {
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
    let _ = writeln!(o, "\nNeeds (raw sum: worst .. best; choices touching it):");
    for need in Need::ALL {
        let c = a.coverage[need];
        match a.bounds[need] {
            Some(b) => {
                let _ = writeln!(
                    o,
                    "  {:<26} {:>4} .. {:<4} ({} choices, effects {:+}..{:+})",
                    need.label(),
                    b.worst,
                    b.best,
                    c.choices,
                    c.min,
                    c.max
                );
            }
            None => {
                let _ = writeln!(o, "  {:<26} not assessed", need.label());
            }
        }
    }
    let _ = writeln!(o, "\nEndings ({}):", a.endings.len());
    for e in &a.endings {
        let how = if e.walked_out { " (walked out)" } else { "" };
        let _ = writeln!(
            o,
            "  {:?}{how} at `{}` via {}",
            e.outcome,
            e.node,
            describe_path(&e.witness)
        );
    }
    let paths = match a.paths {
        None => "unlimited (a loop can repeat)".to_string(),
        Some(n) if n >= super::PATH_COUNT_CAP => format!("at least {n}"),
        Some(n) => n.to_string(),
    };
    let _ = writeln!(o, "\nDistinct complete paths: {paths}");
    if let Some(p) = &a.best_overall {
        let _ = writeln!(
            o,
            "Best overall path ({:?}): {}",
            p.outcome,
            describe_path(p)
        );
        let _ = writeln!(o, "  as a test: choices: {:?}", p.choice_numbers());
    }
    for need in Need::ALL {
        if let Some(p) = &a.best_paths[need] {
            let _ = writeln!(o, "Best for {}: {}", need.label(), describe_path(p));
        }
    }
    let list = |o: &mut String, title: &str, ids: &[String]| {
        if ids.is_empty() {
            let _ = writeln!(o, "{title}: none");
        } else {
            let _ = writeln!(o, "{title}: {}", ids.join(", "));
        }
    };
    o.push('\n');
    list(&mut o, "Dead ends (stuck, no way on)", &a.dead_ends);
    list(&mut o, "Loops with no exit", &a.trapped);
    list(&mut o, "Unreachable nodes", &a.unreachable);
    o
}

/// True when the analysis found a problem a trainer must fix.
pub fn has_problems(a: &Analysis) -> bool {
    !a.dead_ends.is_empty() || !a.trapped.is_empty() || a.endings.is_empty()
}
