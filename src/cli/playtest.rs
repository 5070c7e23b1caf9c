//! `frontline playtest FILE --runs N --seed S [--format human|json]`: random
//! playthroughs by players who pick any available choice with no skill at
//! all; pass rate, runs per ending, score percentiles; exit 1 if any run gets
//! stuck.

use super::output::emit;
use frontline_core::analysis::analyse;
use frontline_core::analysis::playtest::{PlaytestReport, Spread, playtest};
use frontline_core::needs::Need;
use std::fmt::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `frontline playtest`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Scenario file (.ron).
    pub file: PathBuf,
    /// Number of playthroughs.
    #[arg(long, default_value_t = 1000)]
    pub runs: u64,
    /// Seed of the first playthrough (run k uses seed + k).
    #[arg(long, default_value_t = 0)]
    pub seed: u64,
    /// Report format.
    #[arg(long, value_enum, default_value_t = super::analyse::Format::Human)]
    pub format: super::analyse::Format,
}

/// What the report says about who played.
const RANDOM_PLAYERS: &str = "These are random clickers, not skilled players: each picks any available choice with equal chance, so the figures show what the encounter gives without skill; trained staff should score well above them.";

/// Runs `frontline playtest`.
pub fn run(args: Args) -> ExitCode {
    let compiled = match super::analyse::load_compiled(&args.file) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let a = analyse(&compiled);
    let r = playtest(&compiled, &a, args.runs, args.seed);
    let text = match args.format {
        super::analyse::Format::Human => human(&r, &a.scenario_id, args.seed),
        super::analyse::Format::Json => {
            let json = serde_json::json!({
                "scenario_id": a.scenario_id,
                "seed": args.seed,
                "players": RANDOM_PLAYERS,
                "report": r,
            });
            format!("{json:#}\n")
        }
    };
    let _ = emit(&text);
    if r.stuck_count == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

fn percent(n: u64, of: u64) -> f64 {
    if of == 0 {
        0.0
    } else {
        n as f64 * 100.0 / of as f64
    }
}

fn human(r: &PlaytestReport, id: &str, seed: u64) -> String {
    let mut o = String::new();
    let _ = writeln!(o, "{} random playthroughs of `{id}` (seed {seed})", r.runs);
    let _ = writeln!(o, "{RANDOM_PLAYERS}");
    let finished = r.runs - r.stuck_count;
    let _ = writeln!(
        o,
        "\nPassed: {} of {} ({:.1}%). {}",
        r.passed,
        r.runs,
        percent(r.passed, r.runs),
        r.pass_rule
    );
    let _ = writeln!(o, "\nEndings ({finished} finished runs):");
    for e in &r.endings {
        let how = if e.walked_out {
            format!("walked out at `{}`", e.node)
        } else {
            format!("`{}`", e.node)
        };
        let _ = writeln!(
            o,
            "  {:<34} {:<13} {:>8} ({:5.1}%)",
            how,
            e.outcome.name(),
            e.runs,
            percent(e.runs, r.runs)
        );
    }
    let _ = writeln!(
        o,
        "\nScores (0–100): mean, min, p10, p50 (median), p90, max:"
    );
    let row = |o: &mut String, label: &str, s: &Spread| {
        let _ = writeln!(
            o,
            "  {label:<26} {:6.1} {:>4} {:>4} {:>4} {:>4} {:>4}",
            s.mean, s.min, s.p10, s.p50, s.p90, s.max
        );
    };
    for need in Need::ALL {
        match &r.needs[need] {
            Some(s) => row(&mut o, need.label(), s),
            None => {
                let _ = writeln!(o, "  {:<26} not assessed", need.label());
            }
        }
    }
    if let Some(s) = &r.overall {
        row(&mut o, "Overall", s);
    }
    if r.stuck_count == 0 {
        let _ = writeln!(o, "\nNo run got stuck.");
    } else {
        let _ = writeln!(o, "\n{} run(s) got stuck:", r.stuck_count);
        for s in &r.stuck {
            let _ = writeln!(o, "  seed {} at `{}`: {}", s.seed, s.node, s.reason);
        }
    }
    o
}
