//! `frontline check [PATHS...]`: load and validate scenario files, print every
//! problem (human snippets or JSON) and a summary line; exit 1 on errors.

use frontline_core::scenario::{Diagnostic, load_paths};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

/// How diagnostics are printed.
#[derive(clap::ValueEnum, Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Format {
    /// Compiler-like snippets with carets (colour only on a terminal).
    #[default]
    Human,
    /// One JSON object: `{ "files", "errors", "warnings", "diagnostics": [...] }`.
    Json,
}

/// Arguments of `frontline check`.
#[derive(clap::Args, Debug, Default)]
pub struct Args {
    /// Scenario files or folders (folders are searched for `*.ron`); default `dialogues/`.
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Fail (exit 1) on warnings too.
    #[arg(long)]
    pub deny_warnings: bool,
}

/// The paths a trainer named, or `dialogues/` when none (check, audit).
pub fn scenario_paths(paths: Vec<PathBuf>) -> Vec<PathBuf> {
    if paths.is_empty() {
        vec![PathBuf::from("dialogues")]
    } else {
        paths
    }
}

/// Runs `frontline check`.
pub fn run(args: Args) -> ExitCode {
    let paths = scenario_paths(args.paths);
    let mut library = load_paths(&paths);
    frontline_core::selftest::check_library(&mut library);
    let (errors, warnings) = (library.error_count(), library.warning_count());
    let summary = summary_line(library.files.len(), errors, warnings);
    match args.format {
        Format::Human => {
            let color = std::io::stdout().is_terminal();
            let mut text: String = library
                .files
                .iter()
                .map(|f| f.render_human(color))
                .collect();
            text.push_str(&summary);
            // A reader that stops early (`| head`) is not an error.
            let _ = super::output::line(&text);
        }
        Format::Json => {
            let diagnostics: Vec<&Diagnostic> =
                library.files.iter().flat_map(|f| &f.diagnostics).collect();
            let out = serde_json::json!({
                "files": library.files.len(),
                "errors": errors,
                "warnings": warnings,
                "summary": summary,
                "diagnostics": diagnostics,
            });
            let _ = super::output::line(&serde_json::to_string_pretty(&out).unwrap_or_default());
        }
    }
    let failed = errors > 0 || (args.deny_warnings && warnings > 0);
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// "3 files, 2 errors, 1 warning".
pub fn summary_line(files: usize, errors: usize, warnings: usize) -> String {
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    format!(
        "{}, {}, {}",
        plural(files, "file"),
        plural(errors, "error"),
        plural(warnings, "warning")
    )
}
