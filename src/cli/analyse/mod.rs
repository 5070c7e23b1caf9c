//! `frontline analyse FILE [--format human|json]`: what a scenario can score
//! (per need on the debrief's 0–100 scale and raw), weakly assessed needs,
//! loops that pump scores, how it can end, its best and worst plays one step
//! per line, self-tests to paste, and where it goes wrong.

mod text;

use super::output::{Closed, emit};
use frontline_core::analysis::report;
use frontline_core::analysis::review::review;
use frontline_core::engine::CompiledScenario;
use frontline_core::scenario::load_file;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

/// Arguments of `frontline analyse`.
#[derive(clap::Args, Debug, Default)]
pub struct Args {
    /// Scenario file (.ron).
    pub file: PathBuf,
    /// Report format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
}

/// Report format of `analyse`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Readable text.
    #[default]
    Human,
    /// JSON (the core's `Review`: the analysis and everything the text shows).
    Json,
}

/// Loads, validates and compiles one scenario file, printing its problems
/// (compiler-style) to stderr. Shared by `analyse`, `graph`, `playtest` and `run`.
pub fn load_compiled(file: &Path) -> Result<Arc<CompiledScenario>, ExitCode> {
    let loaded = load_file(file);
    let color = std::io::stderr().is_terminal();
    if !loaded.diagnostics.is_empty() {
        eprint!("{}", loaded.render_human(color));
    }
    let Some(scenario) = loaded.playable() else {
        eprintln!(
            "error: {} has errors; fix them first (`frontline check`)",
            file.display()
        );
        return Err(ExitCode::from(1));
    };
    CompiledScenario::new(scenario).map(Arc::new).map_err(|e| {
        eprintln!("error: {}: {e}", file.display());
        ExitCode::from(1)
    })
}

/// Runs `frontline analyse`; exit 1 when the scenario has dead ends, exitless
/// loops or no reachable ending.
pub fn run(args: Args) -> ExitCode {
    let compiled = match load_compiled(&args.file) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let r = review(&compiled);
    let text = match args.format {
        Format::Human => text::human(&r, &compiled.scenario),
        Format::Json => match serde_json::to_string_pretty(&r) {
            Ok(j) => j + "\n",
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::from(2);
            }
        },
    };
    let code = if report::has_problems(&r.analysis) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    };
    match emit(&text) {
        Ok(()) | Err(Closed) => code,
    }
}
