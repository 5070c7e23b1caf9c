//! The human-readable audit report printed by `frontline audit`.

use super::{EncounterAudit, StrategySummary};
use std::fmt::Write;

fn percent(part: f64) -> String {
    format!("{:.0}%", part * 100.0)
}

fn mean(m: Option<f64>) -> String {
    m.map_or_else(|| "-".into(), |v| format!("{v:.1}"))
}

/// One encounter's block: strategies, length positions, dilemmas, patience, warnings.
pub fn encounter(a: &EncounterAudit) -> String {
    let mut o = String::new();
    let _ = writeln!(o, "{} ({:?})", a.id, a.difficulty);
    let _ = writeln!(o, "  {:<16} {:>6} {:>6}", "strategy", "passes", "mean");
    for s in &a.strategies {
        let _ = writeln!(
            o,
            "  {:<16} {:>6} {:>6}",
            s.strategy.label(),
            percent(s.pass_rate()),
            mean(s.mean_overall)
        );
    }
    let n = a.points.len();
    let shares: Vec<String> = a
        .positions
        .iter()
        .map(|(p, k)| {
            let share = if n == 0 { 0.0 } else { *k as f64 / n as f64 };
            format!("{} {k} ({})", p.label(), percent(share))
        })
        .collect();
    let _ = writeln!(
        o,
        "  best answer at {n} choice point(s): {}",
        shares.join(", ")
    );
    let _ = writeln!(o, "  dilemmas: {} of {n}", a.dilemmas);
    let _ = match a.spare_patience {
        Some(s) => writeln!(o, "  ideal path: {s} s of patience spare"),
        None => writeln!(o, "  ideal path: patience unlimited"),
    };
    for w in &a.warnings {
        let _ = writeln!(o, "  warning: {w}");
    }
    o
}

/// The whole report: every encounter, then the per-strategy summary.
pub fn human(audits: &[EncounterAudit], summary: &[StrategySummary]) -> String {
    let mut o = String::new();
    for a in audits {
        o.push_str(&encounter(a));
        o.push('\n');
    }
    let _ = writeln!(o, "All {} encounter(s)", audits.len());
    let _ = writeln!(
        o,
        "  {:<16} {:>16} {:>6}",
        "strategy", "passes >50% of", "mean"
    );
    for s in summary {
        let _ = writeln!(
            o,
            "  {:<16} {:>16} {:>6}",
            s.strategy.label(),
            format!("{} encounter(s)", s.encounters_passed),
            mean(s.mean_overall)
        );
    }
    let warnings: usize = audits.iter().map(|a| a.warnings.len()).sum();
    let _ = writeln!(o, "{warnings} warning(s)");
    o
}
