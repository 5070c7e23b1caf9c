//! `frontline graph FILE --format dot|mermaid`: the scenario's branching.

use frontline_core::analysis::graph::{GraphFormat, render};
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `frontline graph`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Scenario file (.ron).
    pub file: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Dot)]
    pub format: Format,
}

/// The formats `graph` can write (the core's [`GraphFormat`], named for clap).
#[derive(clap::ValueEnum, Clone, Copy, Debug)]
pub enum Format {
    /// Graphviz dot.
    Dot,
    /// Mermaid flowchart.
    Mermaid,
}

impl From<Format> for GraphFormat {
    fn from(f: Format) -> GraphFormat {
        match f {
            Format::Dot => GraphFormat::Dot,
            Format::Mermaid => GraphFormat::Mermaid,
        }
    }
}

/// Runs `frontline graph`, printing the drawing to stdout.
pub fn run(args: Args) -> ExitCode {
    match super::analyse::load_compiled(&args.file) {
        Ok(c) => {
            // A reader that stops early (`| head`) is not an error.
            let _ = super::output::emit(&render(&c.scenario, args.format.into()));
            ExitCode::SUCCESS
        }
        Err(code) => code,
    }
}
