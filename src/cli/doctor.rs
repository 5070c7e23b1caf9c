//! `frontline doctor [--salvage OUT] [--data-dir D]`: checks the results
//! database fully (`PRAGMA integrity_check`, read-only, the file untouched)
//! and, with `--salvage`, copies every result that can still be read and
//! passes validation into a fresh database at OUT.

use frontline_results::sqlite::salvage;
use frontline_results::{Filter, ResultStore, SqliteStore};
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `frontline doctor`.
#[derive(clap::Args, Debug, Default)]
pub struct Args {
    /// Copy the readable results into a new database file here (must not exist).
    #[arg(long, value_name = "OUT")]
    pub salvage: Option<PathBuf>,
    /// Folder with results.db (default: $FRONTLINE_DATA, else the platform data folder).
    #[arg(long)]
    pub data_dir: Option<PathBuf>,
}

/// Runs `frontline doctor`: exit 0 when healthy (or everything was salvaged),
/// 1 when damaged (or on error), 3 when a salvage had to leave rows behind.
pub fn run(args: Args) -> ExitCode {
    let path = frontline_results::database_path(args.data_dir);
    if !path.exists() {
        eprintln!("error: there is no results database at {}", path.display());
        return ExitCode::from(1);
    }
    let healthy = match salvage::check(&path) {
        Ok(()) => {
            let count = SqliteStore::open_read_only(&path)
                .and_then(|s| s.count(&Filter::all()))
                .map_or_else(|e| format!("cannot count: {e}"), |n| format!("{n} results"));
            println!("{}: ok ({count})", path.display());
            true
        }
        Err(e) => {
            println!("{}: DAMAGED: {e}", path.display());
            false
        }
    };
    let Some(out) = args.salvage else {
        if !healthy {
            eprintln!(
                "hint: `frontline doctor --salvage NEW.db` copies the readable results into a new file"
            );
        }
        return if healthy {
            ExitCode::SUCCESS
        } else {
            ExitCode::from(1)
        };
    };
    match salvage::salvage(&path, &out) {
        Ok(report) => {
            println!("saved {} results into {}", report.saved, out.display());
            for why in report.lost.iter().take(20) {
                println!("lost: {}", super::scores::terminal_text(why));
            }
            if report.lost.len() > 20 {
                println!("lost: ... and {} more", report.lost.len() - 20);
            }
            if report.unreadable_stretches > 0 {
                println!(
                    "{} stretches of the table could not be read at all",
                    report.unreadable_stretches
                );
            }
            if report.lost.is_empty() && report.unreadable_stretches == 0 {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(3)
            }
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(1)
        }
    }
}
