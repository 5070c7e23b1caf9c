//! `frontline playtest FILE --runs N --seed S`: random playthroughs; exit 1
//! if any run gets stuck.

use frontline_core::analysis::{analyse, playtest::playtest};
use frontline_core::needs::Need;
use frontline_core::scenario::Outcome;
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
}

/// Runs `frontline playtest`.
pub fn run(args: Args) -> ExitCode {
    let compiled = match super::analyse::load_compiled(&args.file) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let a = analyse(&compiled);
    let r = playtest(&compiled, &a, args.runs, args.seed);
    println!(
        "{} random playthroughs of `{}` (seed {})",
        r.runs, a.scenario_id, args.seed
    );
    println!("Outcomes:");
    for (o, n) in Outcome::ALL.iter().zip(r.outcomes) {
        let pct = if r.runs > 0 {
            n as f64 * 100.0 / r.runs as f64
        } else {
            0.0
        };
        println!("  {:<13} {n:>8} ({pct:5.1}%)", format!("{o:?}"));
    }
    println!("  walked out    {:>8}", r.walked_out);
    println!("Scores (mean / min / max):");
    for need in Need::ALL {
        match r.needs[need] {
            Some(s) => println!(
                "  {:<26} {:6.1} / {:>3} / {:>3}",
                need.label(),
                s.mean,
                s.min,
                s.max
            ),
            None => println!("  {:<26} not assessed", need.label()),
        }
    }
    if let Some(s) = r.overall {
        println!(
            "  {:<26} {:6.1} / {:>3} / {:>3}",
            "Overall", s.mean, s.min, s.max
        );
    }
    if r.stuck_count == 0 {
        println!("No run got stuck.");
        return ExitCode::SUCCESS;
    }
    println!("{} run(s) got stuck:", r.stuck_count);
    for s in &r.stuck {
        println!("  seed {} at `{}`: {}", s.seed, s.node, s.reason);
    }
    ExitCode::from(1)
}
