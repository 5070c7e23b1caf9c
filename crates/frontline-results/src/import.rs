//! Reading an export from another machine (CSV or xAPI JSON, told apart by
//! content) back into records, ready for [`super::ResultStore::import`].

use super::record::ResultRecord;
use super::{export_csv, xapi};

/// Why an export could not be read. Nothing is imported when this happens.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{place}: {message}")]
pub struct ImportError {
    /// Where in the file ("row 7", "statement 3", "header row").
    pub place: String,
    /// What is wrong there.
    pub message: String,
}

impl ImportError {
    /// An error at `place`.
    pub fn at(place: &str, message: impl std::fmt::Display) -> ImportError {
        ImportError {
            place: place.to_string(),
            message: message.to_string(),
        }
    }
}

/// The two export formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportFormat {
    /// `frontline export --format csv`.
    Csv,
    /// `frontline export --format xapi`.
    Xapi,
}

/// Which format `text` is in: JSON (xAPI) starts with `[` or `{`, anything else is CSV.
pub fn detect(text: &str) -> ExportFormat {
    match text
        .trim_start_matches('\u{feff}')
        .trim_start()
        .chars()
        .next()
    {
        Some('[' | '{') => ExportFormat::Xapi,
        _ => ExportFormat::Csv,
    }
}

/// Every result in an export, in file order; all-or-nothing.
pub fn read_export(text: &str) -> Result<Vec<ResultRecord>, ImportError> {
    match detect(text) {
        ExportFormat::Csv => export_csv::read_csv(text),
        ExportFormat::Xapi => xapi::read_statements(text),
    }
}
