//! Reading an export from another machine (CSV or xAPI JSON, told apart by
//! content) back into records, one at a time, ready for
//! [`super::ResultStore::import_stream`]. Every record is validated
//! ([`ResultRecord::problems`]); xAPI statements also go through the
//! statement rules ([`crate::xapi::validate_statement`]).

use super::record::ResultRecord;
use super::{export_csv, xapi};
use std::io::{BufRead, BufReader, Read};

/// One problem in an export. Nothing of a file with problems is imported.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportError {
    /// Where in the file ("row 7", "statement 3", "header row").
    pub place: String,
    /// The field or column, when the problem belongs to one.
    pub field: Option<String>,
    /// What is wrong there.
    pub message: String,
}

impl std::fmt::Display for ImportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.field {
            Some(field) => write!(f, "{}: field `{field}`: {}", self.place, self.message),
            None => write!(f, "{}: {}", self.place, self.message),
        }
    }
}

impl std::error::Error for ImportError {}

impl ImportError {
    /// An error at `place`.
    pub fn at(place: &str, message: impl std::fmt::Display) -> ImportError {
        ImportError {
            place: place.to_string(),
            field: None,
            message: message.to_string(),
        }
    }

    /// An error in one field at `place`.
    pub fn in_field(place: &str, field: &str, message: impl std::fmt::Display) -> ImportError {
        ImportError {
            place: place.to_string(),
            field: Some(field.to_string()),
            message: message.to_string(),
        }
    }
}

/// `record` when it passes the one validation, else its problems at `place`.
pub fn checked(record: ResultRecord, place: &str) -> Result<ResultRecord, Vec<ImportError>> {
    match record.validate() {
        Ok(()) => Ok(record),
        Err(problems) => Err(problems
            .into_iter()
            .map(|p| ImportError::in_field(place, &p.field, p.message))
            .collect()),
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

/// The results of an export, read one at a time from any reader: each item is
/// a valid record or every problem of one row / statement.
pub enum Records<R: Read> {
    /// Rows of a CSV export (boxed: the CSV reader's state is large).
    Csv(Box<export_csv::CsvRecords<BufReader<R>>>),
    /// Statements of an xAPI export.
    Xapi(xapi::StatementRecords<BufReader<R>>),
}

impl<R: Read> Records<R> {
    /// Detects the format from the first bytes (after a byte-order mark and
    /// white space) and reads the CSV header if it is CSV.
    pub fn new(input: R) -> Result<Records<R>, ImportError> {
        let mut input = BufReader::with_capacity(1 << 16, input);
        let io = |e: std::io::Error| ImportError::at("file", e);
        if input.fill_buf().map_err(io)?.starts_with(b"\xEF\xBB\xBF") {
            input.consume(3);
        }
        let json = loop {
            let buf = input.fill_buf().map_err(io)?;
            match buf.iter().position(|b| !b.is_ascii_whitespace()) {
                Some(i) => break matches!(buf[i], b'[' | b'{'),
                None if buf.is_empty() => break false,
                None => {
                    let n = buf.len();
                    input.consume(n);
                }
            }
        };
        Ok(if json {
            Records::Xapi(xapi::StatementRecords::new(input))
        } else {
            Records::Csv(Box::new(export_csv::CsvRecords::new(input)?))
        })
    }
}

impl<R: Read> Iterator for Records<R> {
    type Item = Result<ResultRecord, Vec<ImportError>>;

    fn next(&mut self) -> Option<Self::Item> {
        match self {
            Records::Csv(rows) => rows.next(),
            Records::Xapi(statements) => statements.next(),
        }
    }
}

/// Every result in an export held in memory, in file order; the first
/// problem fails it (the CLI streams with [`Records`] instead).
pub fn read_export(text: &str) -> Result<Vec<ResultRecord>, ImportError> {
    Records::new(text.as_bytes())?
        .map(|r| r.map_err(|mut problems| problems.remove(0)))
        .collect()
}
