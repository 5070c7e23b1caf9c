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

/// Runs `frontline import`.
pub fn run(args: Args) -> ExitCode {
    let text = match std::fs::read_to_string(&args.file) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("error: cannot read {}: {e}", args.file.display());
            return ExitCode::from(2);
        }
    };
    let records = match import::read_export(&text) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: {}: {e}; nothing was imported", args.file.display());
            return ExitCode::from(1);
        }
    };
    let path = frontline_results::database_path(args.data_dir);
    let store = match open(path.clone()) {
        Ok(s) => s,
        Err(code) => return code,
    };
    match store.import(&records) {
        Ok(s) => {
            println!(
                "imported {} new results into {} ({} already present)",
                s.added,
                path.display(),
                s.already_present
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}; nothing was imported");
            ExitCode::from(1)
        }
    }
}
