//! `frontline export --format csv|xapi [--out FILE] [--since DATE] [--until DATE]
//! [--team T] [--data-dir D]`: stored results as CSV for spreadsheets or as
//! xAPI statements for a learning record store. Both import back losslessly.

use super::scores::{open_existing, when};
use frontline_results::{Filter, ResultStore, SqliteStore, StoreError, export_csv, xapi};
use std::io::{BufWriter, Write};
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

/// Runs `frontline export`. Results are read and written one at a time; a
/// stored result that cannot be read or fails validation is reported on
/// standard error and left out, the rest is exported, and the exit code is 3.
pub fn run(args: Args) -> ExitCode {
    let (Ok(since), Ok(until)) = (when(args.since.as_deref()), when(args.until.as_deref())) else {
        return ExitCode::from(2);
    };
    let filter = Filter {
        team: args.team,
        ..Filter::default()
    }
    .period(since, until);
    let store = match open_existing(args.data_dir) {
        Ok(Some(store)) => Some(store),
        Ok(None) => None,
        Err(code) => return code,
    };
    // With --out, write beside the file and rename at the end: an export that
    // fails half-way never leaves a truncated file under the asked name.
    let partial = args.out.as_ref().map(|p| {
        let mut name = p.as_os_str().to_owned();
        name.push(".partial");
        PathBuf::from(name)
    });
    let sink: Box<dyn Write> = match &partial {
        Some(path) => match std::fs::File::create(path) {
            Ok(f) => Box::new(BufWriter::new(f)),
            Err(e) => {
                eprintln!("error: cannot write {}: {e}", path.display());
                return ExitCode::from(1);
            }
        },
        None => Box::new(BufWriter::new(std::io::stdout().lock())),
    };
    let mut tally = Tally::default();
    let written = write_all(store.as_ref(), &filter, args.format, sink, &mut tally);
    let written = written.and_then(|()| match (&partial, &args.out) {
        (Some(from), Some(to)) => std::fs::rename(from, to).map_err(StoreError::from),
        _ => Ok(()),
    });
    if let Err(e) = written {
        if let Some(p) = &partial {
            // Best effort: the error below is what matters.
            let _ = std::fs::remove_file(p);
        }
        eprintln!("error: cannot export: {e}");
        return ExitCode::from(1);
    }
    for problem in &tally.skipped {
        eprintln!("skipped: {problem}");
    }
    if let Some(path) = &args.out {
        eprintln!("exported {} results to {}", tally.written, path.display());
    }
    if tally.skipped.is_empty() {
        ExitCode::SUCCESS
    } else {
        eprintln!(
            "warning: {} stored results could not be exported (listed above); run `frontline doctor`",
            tally.skipped.len()
        );
        ExitCode::from(3)
    }
}

/// What an export wrote and left out.
#[derive(Default)]
struct Tally {
    written: usize,
    skipped: Vec<String>,
}

/// Streams every result matching `filter` to `sink` in `format`.
fn write_all(
    store: Option<&SqliteStore>,
    filter: &Filter,
    format: Format,
    sink: Box<dyn Write>,
    tally: &mut Tally,
) -> Result<(), StoreError> {
    let mut csv = None;
    let mut statements = None;
    match format {
        Format::Csv => csv = Some(export_csv::CsvWriter::new(sink)?),
        Format::Xapi => statements = Some(xapi::StatementWriter::new(sink)?),
    }
    if let Some(store) = store {
        store.for_each(filter, &mut |found| {
            let record = match found {
                Ok(r) => r,
                Err(e) => {
                    tally.skipped.push(e.to_string());
                    return Ok(());
                }
            };
            if let Err(problems) = record.validate() {
                let list: Vec<String> = problems.iter().map(ToString::to_string).collect();
                tally
                    .skipped
                    .push(format!("stored result {}: {}", record.id, list.join("; ")));
                return Ok(());
            }
            tally.written += 1;
            match (&mut csv, &mut statements) {
                (Some(w), _) => w.write(&record),
                (_, Some(w)) => w.write(&record),
                _ => Ok(()),
            }
        })?;
    }
    match (csv, statements) {
        (Some(w), _) => w.finish()?,
        (_, Some(w)) => w.finish()?,
        _ => {}
    }
    Ok(())
}
