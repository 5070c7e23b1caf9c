//! RON text -> [`Scenario`], with a positioned diagnostic for every problem.
//! One broken file never stops the others: every function here returns what it
//! could load plus the diagnostics, and never panics on bad input.

use super::diagnostic::{Diagnostic, LineIndex, Position};
use super::model::{Curriculum, FORMAT_VERSION, Scenario};
use super::ron_error::describe;
use super::source_map::{Seg, SourceMap};
use super::typos::{curly_quote, runaway_text, strip_bom};
use super::validate::validate;
use serde::Deserialize;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

/// Biggest scenario file accepted (4 MiB); bigger files are refused unread.
pub const MAX_FILE_BYTES: usize = 4 * 1024 * 1024;

/// The result of loading one file.
#[derive(Clone, Debug)]
pub struct Loaded {
    /// The file.
    pub path: PathBuf,
    /// Its text (invalid UTF-8 replaced), for rendering diagnostics.
    pub text: String,
    /// SHA-256 of the file's bytes, lowercase hex.
    pub hash: String,
    /// The parsed scenario, when the file parsed; may still have validation
    /// errors (see [`Loaded::playable`]).
    pub scenario: Option<Scenario>,
    /// Every problem found, errors and warnings, in file order.
    pub diagnostics: Vec<Diagnostic>,
}

impl Loaded {
    /// True when there is no error (warnings allowed).
    pub fn is_ok(&self) -> bool {
        !self.diagnostics.iter().any(Diagnostic::is_error)
    }

    /// The scenario, only if it has no errors: the one the game may play.
    pub fn playable(&self) -> Option<&Scenario> {
        self.scenario.as_ref().filter(|_| self.is_ok())
    }

    /// Number of errors.
    pub fn error_count(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }

    /// Number of warnings.
    pub fn warning_count(&self) -> usize {
        self.diagnostics.len() - self.error_count()
    }

    /// All diagnostics as compiler-like snippets (see [`super::render_human`]).
    pub fn render_human(&self, color: bool) -> String {
        super::diagnostic::render_human(&self.diagnostics, &self.text, color)
    }

    pub(super) fn new(path: &Path, bytes: &[u8], text: String) -> Self {
        Loaded {
            path: path.to_path_buf(),
            text,
            hash: hex_sha256(bytes),
            scenario: None,
            diagnostics: Vec::new(),
        }
    }
}

fn hex_sha256(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// How scenario files are parsed: RON with `Some(...)` optional around optional values.
pub(crate) fn ron_options() -> ron::Options {
    ron::Options::default().with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
}

/// Parses and validates one scenario held in memory. `path` is only used in messages.
/// A leading byte-order mark is dropped (positions count from the text after it).
pub fn load_str(path: &Path, text: &str) -> Loaded {
    let text = strip_bom(text);
    let mut loaded = Loaded::new(path, text.as_bytes(), text.to_string());
    let (scenario, diagnostics) = parse_and_validate(path, text);
    loaded.scenario = scenario;
    loaded.diagnostics = diagnostics;
    loaded
}

/// Like [`load_str`] for raw bytes: reports non-UTF-8 files with a position.
pub fn load_bytes(path: &Path, bytes: &[u8]) -> Loaded {
    match std::str::from_utf8(bytes) {
        Ok(text) => load_str(path, text),
        Err(e) => {
            let valid = std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or_default();
            let mut loaded = Loaded::new(path, bytes, String::from_utf8_lossy(bytes).into_owned());
            let lines = LineIndex::new(valid);
            let offset = valid.len();
            let d = Diagnostic::error(
                "not-utf8",
                "the file is not valid UTF-8 text: it contains a byte that is not a character",
            )
            .at(path, &lines, offset..offset)
            .with_help("save the file as UTF-8 in your editor");
            loaded.diagnostics.push(d);
            loaded
        }
    }
}

/// Reads, parses and validates one scenario file.
pub fn load_file(path: &Path) -> Loaded {
    match read_limited(path) {
        Ok(bytes) => load_bytes(path, &bytes),
        Err(d) => {
            let mut loaded = Loaded::new(path, &[], String::new());
            loaded.diagnostics.push(*d);
            loaded
        }
    }
}

pub(super) fn read_limited(path: &Path) -> Result<Vec<u8>, Box<Diagnostic>> {
    let lines = LineIndex::new("");
    let fail = |message: String| {
        Box::new(Diagnostic::error("cannot-read", message).at(path, &lines, 0..0))
    };
    let size = std::fs::metadata(path)
        .map_err(|e| fail(format!("cannot read the file: {e}")))?
        .len();
    if size > MAX_FILE_BYTES as u64 {
        return Err(Box::new(too_large(path, size as usize)));
    }
    std::fs::read(path).map_err(|e| fail(format!("cannot read the file: {e}")))
}

fn too_large(path: &Path, size: usize) -> Diagnostic {
    Diagnostic::error(
        "file-too-large",
        format!(
            "the file is {:.1} MB; scenario files may be at most {} MB",
            size as f64 / 1e6,
            MAX_FILE_BYTES / (1024 * 1024)
        ),
    )
    .at(path, &LineIndex::new(""), 0..0)
    .with_help("split it into several encounters")
}

/// Checks the size and emptiness guards shared by scenarios and curricula.
fn guard(path: &Path, text: &str, what: &str) -> Option<Diagnostic> {
    if text.len() > MAX_FILE_BYTES {
        return Some(too_large(path, text.len()));
    }
    if text.trim().is_empty() {
        return Some(
            Diagnostic::error("empty-file", "the file is empty")
                .at(path, &LineIndex::new(text), 0..0)
                .with_help(format!("a {what} file starts with `{what}(`")),
        );
    }
    None
}

/// A ron error as a positioned diagnostic: a slip found again where it is
/// (curly quotes, a text never closed), else ron's error in plain words.
fn parse_error(path: &Path, text: &str, error: &ron::error::SpannedError) -> Diagnostic {
    let lines = LineIndex::new(text);
    let start = lines.offset(Position {
        line: error.span.start.line,
        column: error.span.start.col,
    });
    if let Some(d) = curly_quote(path, text, start).or_else(|| runaway_text(path, text, start)) {
        return d;
    }
    let end = lines.offset(Position {
        line: error.span.end.line,
        column: error.span.end.col,
    });
    let at_end = text.get(start..).is_some_and(|rest| rest.trim().is_empty());
    let described = describe(if at_end {
        &ron::error::Error::Eof
    } else {
        &error.code
    });
    let (start, end) = if at_end {
        let last = text.trim_end().len();
        (last, last)
    } else if expects_punctuation(&error.code) {
        // "expected `,`" is about the end of the previous token, not the next line.
        let before = text.get(..start).unwrap_or_default().trim_end().len();
        (before, before)
    } else {
        // ron's spans may start on the blank before the offending value.
        let rest = text.get(start..).unwrap_or_default();
        let start = start + (rest.len() - rest.trim_start().len());
        (start, end.max(start))
    };
    let mut d = Diagnostic::error(described.code, described.message).at(path, &lines, start..end);
    d.help = described.help;
    d
}

fn expects_punctuation(error: &ron::error::Error) -> bool {
    use ron::error::Error;
    matches!(
        error,
        Error::ExpectedComma
            | Error::ExpectedArrayEnd
            | Error::ExpectedMapEnd
            | Error::ExpectedStructLikeEnd
            | Error::ExpectedOptionEnd
            | Error::ExpectedMapColon
    )
}

fn parse_and_validate(path: &Path, text: &str) -> (Option<Scenario>, Vec<Diagnostic>) {
    if let Some(d) = guard(path, text, "Scenario") {
        return (None, vec![d]);
    }
    match ron_options().from_str::<Scenario>(text) {
        Ok(scenario) => {
            if scenario.format > FORMAT_VERSION {
                return (None, vec![newer_format(path, text, scenario.format)]);
            }
            let diagnostics = validate(path, text, &scenario);
            (Some(scenario), diagnostics)
        }
        Err(e) => {
            let newer = declared_format(text).filter(|&f| f > FORMAT_VERSION);
            let d = match newer {
                Some(format) => newer_format(path, text, format),
                None => parse_error(path, text, &e),
            };
            (None, vec![d])
        }
    }
}

/// Just the `format` field of a file that did not parse as a whole.
fn declared_format(text: &str) -> Option<u32> {
    #[derive(Deserialize)]
    #[serde(rename = "Scenario")]
    struct FormatOnly {
        #[serde(default)]
        format: u32,
    }
    ron_options()
        .from_str::<FormatOnly>(text)
        .ok()
        .map(|f| f.format)
}

fn newer_format(path: &Path, text: &str, format: u32) -> Diagnostic {
    let span = SourceMap::new(text).resolve(&[Seg::Field("format")]);
    Diagnostic::error(
        "unsupported-format",
        format!("this file is written in scenario format {format}, but this version of Frontline only reads up to format {FORMAT_VERSION}"),
    )
    .at(path, &LineIndex::new(text), span)
    .with_help("update Frontline, or ask whoever wrote the file for a format-1 version")
}

/// Parses `curriculum.ron`. Ids are checked against the scenarios by [`load_dir`].
pub fn parse_curriculum(path: &Path, text: &str) -> (Option<Curriculum>, Vec<Diagnostic>) {
    if let Some(d) = guard(path, text, "Curriculum") {
        return (None, vec![d]);
    }
    match ron_options().from_str::<Curriculum>(text) {
        Ok(c) => (Some(c), Vec::new()),
        Err(e) => (None, vec![parse_error(path, text, &e)]),
    }
}
