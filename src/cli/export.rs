//! `frontline export --format csv|xapi [--out FILE] [--since DATE] [--until DATE]
//! [--team T] [--data-dir D]`: stored results as CSV for spreadsheets or as
//! xAPI statements for a learning record store. Both import back losslessly.

use super::scores::{open_existing, when};
use frontline_results::{Filter, ResultStore, export_csv, xapi};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `frontline export`.
#[derive(clap::Args, Debug, Default)]
pub struct Args {
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Csv)]
    pub format: Format,
    /// Write here instead of standard output.
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Only results started on or after this date (YYYY-MM-DD or RFC 3339).
    #[arg(long)]
    pub since: Option<String>,
    /// Only results started before this date (YYYY-MM-DD or RFC 3339).
    #[arg(long)]
    pub until: Option<String>,
    /// Only this team.
    #[arg(long)]
    pub team: Option<String>,
    /// Folder with results.db (default: $FRONTLINE_DATA, else the platform data folder).
    #[arg(long)]
    pub data_dir: Option<PathBuf>,
}

/// `--format`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Comma-separated values with a header row, safe to open in a spreadsheet.
    #[default]
    Csv,
    /// A JSON array of xAPI 1.0.3 statements.
    Xapi,
}

/// Runs `frontline export`.
pub fn run(args: Args) -> ExitCode {
    let (Ok(since), Ok(until)) = (when(args.since.as_deref()), when(args.until.as_deref())) else {
        return ExitCode::from(2);
    };
    let filter = Filter {
        team: args.team,
        ..Filter::default()
    }
    .period(since, until);
    let records = match open_existing(args.data_dir) {
        Ok(Some(store)) => store.list(&filter),
        Ok(None) => Ok(Vec::new()),
        Err(code) => return code,
    };
    let records = match records {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(1);
        }
    };
    let mut bytes = Vec::new();
    let written = match args.format {
        Format::Csv => export_csv::write_csv(&records, &mut bytes),
        Format::Xapi => serde_json::to_writer_pretty(&mut bytes, &xapi::statements(&records))
            .map_err(std::io::Error::from),
    };
    let written = written.and_then(|()| match &args.out {
        Some(path) => std::fs::write(path, &bytes),
        None => std::io::stdout().lock().write_all(&bytes),
    });
    match (written, &args.out) {
        (Err(e), _) => {
            eprintln!("error: cannot write the export: {e}");
            ExitCode::from(1)
        }
        (Ok(()), Some(path)) => {
            eprintln!("exported {} results to {}", records.len(), path.display());
            ExitCode::SUCCESS
        }
        (Ok(()), None) => ExitCode::SUCCESS,
    }
}
