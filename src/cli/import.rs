//! `frontline import FILE [--data-dir D]`: merges a CSV or xAPI export from
//! another machine into the results store. Results already present (same id)
//! are left alone, so importing the same file twice changes nothing.

use super::scores::open;
use frontline_results::{ResultStore, import};
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `frontline import`.
#[derive(clap::Args, Debug, Default)]
pub struct Args {
    /// The export file (`frontline export --format csv` or `--format xapi`).
    pub file: PathBuf,
    /// Folder with results.db (default: $FRONTLINE_DATA, else the platform data folder).
    #[arg(long)]
    pub data_dir: Option<PathBuf>,
}

/// Runs `frontline import`: exit 0 when everything was stored or already
/// present, 1 when the file has problems (nothing stored), 3 when some ids
/// are stored with different content (those kept as they were, listed).
pub fn run(args: Args) -> ExitCode {
    let file = args.file.display();
    let opened = std::fs::File::open(&args.file)
        .map_err(|e| format!("cannot read it: {e}"))
        .and_then(|f| import::Records::new(f).map_err(|e| e.to_string()));
    let mut records = match opened {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: {file}: {e}; nothing was imported");
            return ExitCode::from(2);
        }
    };
    let path = frontline_results::database_path(args.data_dir);
    let store = match open(path.clone()) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let report = match store.import_stream(&mut records) {
        Ok(report) => report,
        Err(e) => {
            eprintln!("error: {e}; nothing was imported");
            return ExitCode::from(1);
        }
    };
    if !report.problems.is_empty() {
        for p in &report.problems {
            eprintln!("error: {file}: {p}");
        }
        if report.more_problems > 0 {
            eprintln!(
                "error: {file}: ... and {} more problems",
                report.more_problems
            );
        }
        eprintln!("error: {file} has problems; nothing was imported");
        return ExitCode::from(1);
    }
    let s = &report.summary;
    println!(
        "imported {} new results into {} ({} already present, {} conflicting)",
        s.added,
        path.display(),
        s.already_present,
        s.conflicts.len()
    );
    for c in &s.conflicts {
        eprintln!(
            "conflict: result {} is already stored with a different {}; the stored one was kept",
            c.id,
            c.fields.join(", ")
        );
    }
    if s.conflicts.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(3)
    }
}
