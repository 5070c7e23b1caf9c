//! `frontline audit [PATHS] [--runs N] [--seed S] [--format json] [--deny-warnings]`:
//! plays every encounter with skill-free strategies and reports the tells
//! (see docs/writing-scenarios.md, "Auditing an encounter for tells").

use frontline_core::analysis::audit::{self, AuditConfig, EncounterAudit, report};
use frontline_core::engine::CompiledScenario;
use frontline_core::scenario::load_paths;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

/// Report format of `audit`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Readable text.
    #[default]
    Human,
    /// JSON: `{ "runs", "seed", "encounters": [...], "summary": [...], "warnings" }`.
    Json,
}

/// Arguments of `frontline audit`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Scenario files or folders (folders are searched for `*.ron`); default `dialogues/`.
    pub paths: Vec<PathBuf>,
    /// Runs per strategy per encounter.
    #[arg(long, default_value_t = AuditConfig::default().runs)]
    pub runs: u64,
    /// First seed (run k uses seed + k); the same seed gives the same report.
    #[arg(long, default_value_t = 0)]
    pub seed: u64,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Exit 1 when any warning is reported.
    #[arg(long)]
    pub deny_warnings: bool,
}

/// Runs `frontline audit`: exit 1 when a file has errors (or, with
/// `--deny-warnings`, when the audit warns), 2 when output fails.
pub fn run(args: Args) -> ExitCode {
    let paths = super::check::scenario_paths(args.paths);
    let library = load_paths(&paths);
    let color = std::io::stderr().is_terminal();
    let mut broken = library.files.is_empty();
    if broken {
        eprintln!("error: no scenario file found");
    }
    let config = AuditConfig {
        runs: args.runs,
        seed: args.seed,
    };
    let mut audits: Vec<EncounterAudit> = Vec::new();
    for file in &library.files {
        if file.scenario.is_none() && file.error_count() == 0 {
            continue; // curriculum.ron: not an encounter
        }
        let compiled = file
            .playable()
            .ok_or_else(|| "it has errors; fix them first (`frontline check`)".to_string())
            .and_then(|s| CompiledScenario::new(s).map_err(|e| e.to_string()));
        match compiled {
            Ok(c) => audits.push(audit::audit(&Arc::new(c), config)),
            Err(why) => {
                eprint!("{}", file.render_human(color));
                eprintln!("error: {}: {why}", file.path.display());
                broken = true;
            }
        }
    }
    let summary = audit::summary(&audits);
    let warnings: usize = audits.iter().map(|a| a.warnings.len()).sum();
    match args.format {
        Format::Human => {
            let _ = super::output::emit(&report::human(&audits, &summary));
        }
        Format::Json => {
            let out = serde_json::json!({
                "runs": config.runs,
                "seed": config.seed,
                "encounters": audits,
                "summary": summary,
                "warnings": warnings,
            });
            match serde_json::to_string_pretty(&out) {
                Ok(j) => {
                    let _ = super::output::line(&j);
                }
                Err(e) => {
                    eprintln!("error: {e}");
                    return ExitCode::from(2);
                }
            }
        }
    }
    if broken || (args.deny_warnings && warnings > 0) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
