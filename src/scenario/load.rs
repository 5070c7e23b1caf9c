//! RON text -> [`Scenario`], with a positioned diagnostic for every problem.
//! One broken file never stops the others: every function here returns what it
//! could load plus the diagnostics, and never panics on bad input.

use super::diagnostic::{Diagnostic, LineIndex, Position};
use super::model::{Curriculum, FORMAT_VERSION, Scenario};
use super::ron_error::describe;
use super::source_map::{Seg, SourceMap};
use super::suggest::help_for;
use super::validate::validate;
use serde::Deserialize;
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Biggest scenario file accepted (4 MiB); bigger files are refused unread.
pub const MAX_FILE_BYTES: usize = 4 * 1024 * 1024;

/// Name of the file in a scenario folder that holds the play order.
pub const CURRICULUM_FILE: &str = "curriculum.ron";

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

    fn new(path: &Path, bytes: &[u8], text: String) -> Self {
        Loaded {
            path: path.to_path_buf(),
            text,
            hash: hex_sha256(bytes),
            scenario: None,
            diagnostics: Vec::new(),
        }
    }
}

/// Everything loaded from one or more folders or files.
#[derive(Clone, Debug, Default)]
pub struct Library {
    /// Every file looked at (scenarios and the curriculum), sorted by path,
    /// each with its diagnostics.
    pub files: Vec<Loaded>,
    /// The play order, when a `curriculum.ron` was found and parsed.
    pub curriculum: Option<Curriculum>,
}

impl Library {
    /// The scenarios without errors, in path order.
    pub fn scenarios(&self) -> impl Iterator<Item = &Loaded> {
        self.files.iter().filter(|f| f.playable().is_some())
    }

    /// The playable scenario with this id.
    pub fn get(&self, id: &str) -> Option<&Scenario> {
        self.files
            .iter()
            .filter_map(Loaded::playable)
            .find(|s| s.id == id)
    }

    /// Total errors over all files.
    pub fn error_count(&self) -> usize {
        self.files.iter().map(Loaded::error_count).sum()
    }

    /// Total warnings over all files.
    pub fn warning_count(&self) -> usize {
        self.files.iter().map(Loaded::warning_count).sum()
    }

    /// True when no file has an error.
    pub fn is_ok(&self) -> bool {
        self.error_count() == 0
    }
}

fn hex_sha256(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn ron_options() -> ron::Options {
    ron::Options::default().with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
}

/// Parses and validates one scenario held in memory. `path` is only used in messages.
pub fn load_str(path: &Path, text: &str) -> Loaded {
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

fn read_limited(path: &Path) -> Result<Vec<u8>, Box<Diagnostic>> {
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

/// A ron error as a positioned diagnostic.
fn parse_error(path: &Path, text: &str, error: &ron::error::SpannedError) -> Diagnostic {
    let lines = LineIndex::new(text);
    let start = lines.offset(Position {
        line: error.span.start.line,
        column: error.span.start.col,
    });
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

/// Loads every `*.ron` under `dir` (recursively); see [`load_paths`].
pub fn load_dir(dir: &Path) -> Library {
    load_paths(&[dir.to_path_buf()])
}

/// Loads files and folders (folders recursively, `*.ron` only). A file named
/// `curriculum.ron` is read as the play order. Checks across files: duplicate
/// scenario ids and curriculum entries that name no scenario.
pub fn load_paths(paths: &[PathBuf]) -> Library {
    let mut files = Vec::new();
    let mut missing = Vec::new();
    for path in paths {
        if path.is_dir() {
            collect_ron_files(path, &mut files, &mut missing);
        } else {
            files.push(path.clone());
        }
    }
    files.sort();
    files.dedup();
    let mut library = Library::default();
    let mut curriculum_index = None;
    for path in &files {
        if path.file_name().is_some_and(|n| n == CURRICULUM_FILE) {
            curriculum_index = Some(library.files.len());
            library
                .files
                .push(load_curriculum_file(path, &mut library.curriculum));
        } else {
            library.files.push(load_file(path));
        }
    }
    library.files.extend(missing);
    report_duplicate_ids(&mut library.files);
    if let (Some(i), Some(curriculum)) = (curriculum_index, &library.curriculum) {
        let ids: Vec<String> = library
            .scenarios()
            .filter_map(|f| f.scenario.as_ref())
            .map(|s| s.id.clone())
            .collect();
        let extra = check_curriculum(&library.files[i], curriculum, &ids);
        library.files[i].diagnostics.extend(extra);
    }
    library
}

fn collect_ron_files(dir: &Path, out: &mut Vec<PathBuf>, problems: &mut Vec<Loaded>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            let mut loaded = Loaded::new(dir, &[], String::new());
            let d = Diagnostic::error("cannot-read", format!("cannot read the folder: {e}"));
            loaded
                .diagnostics
                .push(d.at(dir, &LineIndex::new(""), 0..0));
            problems.push(loaded);
            return;
        }
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect_ron_files(&path, out, problems);
        } else if path.extension().is_some_and(|e| e == "ron") {
            out.push(path);
        }
    }
}

fn load_curriculum_file(path: &Path, curriculum: &mut Option<Curriculum>) -> Loaded {
    let bytes = match read_limited(path) {
        Ok(bytes) => bytes,
        Err(d) => {
            let mut loaded = Loaded::new(path, &[], String::new());
            loaded.diagnostics.push(*d);
            return loaded;
        }
    };
    let Ok(text) = std::str::from_utf8(&bytes) else {
        return load_bytes(path, &bytes);
    };
    let mut loaded = Loaded::new(path, &bytes, text.to_string());
    let (parsed, diagnostics) = parse_curriculum(path, text);
    *curriculum = parsed;
    loaded.diagnostics = diagnostics;
    loaded
}

fn check_curriculum(file: &Loaded, curriculum: &Curriculum, ids: &[String]) -> Vec<Diagnostic> {
    let map = SourceMap::new(&file.text);
    let lines = LineIndex::new(&file.text);
    let mut seen = HashMap::new();
    let mut out = Vec::new();
    for (i, id) in curriculum.order.iter().enumerate() {
        let span = map.resolve(&[Seg::Field("order"), Seg::Index(i)]);
        if !ids.contains(id) {
            let help = help_for(id, ids.iter().map(String::as_str));
            let mut d = Diagnostic::error(
                "unknown-scenario",
                format!("no playable scenario has the id `{id}`"),
            )
            .at(&file.path, &lines, span.clone());
            d.help = help;
            out.push(d);
        }
        if let Some(first) = seen.insert(id.as_str(), span.clone()) {
            out.push(
                Diagnostic::warning(
                    "duplicate-entry",
                    format!("`{id}` is listed twice in the play order"),
                )
                .at(&file.path, &lines, span)
                .with_label(&lines, first, "first listed here"),
            );
        }
    }
    out
}

fn report_duplicate_ids(files: &mut [Loaded]) {
    let mut first_by_id: HashMap<String, usize> = HashMap::new();
    for i in 0..files.len() {
        let Some(id) = files[i].scenario.as_ref().map(|s| s.id.clone()) else {
            continue;
        };
        match first_by_id.get(&id) {
            None => {
                first_by_id.insert(id, i);
            }
            Some(&first) => {
                let first_path = files[first].path.display().to_string();
                let file = &mut files[i];
                let span = SourceMap::new(&file.text).resolve(&[Seg::Field("id")]);
                let d = Diagnostic::error(
                    "duplicate-id",
                    format!("the scenario id `{id}` is already used by {first_path}"),
                )
                .at(&file.path, &LineIndex::new(&file.text), span)
                .with_help("every scenario needs its own id; rename one of them");
                file.diagnostics.push(d);
            }
        }
    }
}
