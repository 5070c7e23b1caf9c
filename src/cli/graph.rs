//! `frontline graph FILE --format dot|mermaid`: the scenario's branching.

use frontline::analysis::graph::{GraphFormat, render};
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `frontline graph`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Scenario file (.ron).
    pub file: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = GraphFormat::Dot)]
    pub format: GraphFormat,
}

/// Runs `frontline graph`, printing the drawing to stdout.
pub fn run(args: Args) -> ExitCode {
    match super::analyse::load_compiled(&args.file) {
        Ok(c) => {
            print!("{}", render(&c.scenario, args.format));
            ExitCode::SUCCESS
        }
        Err(code) => code,
    }
}
