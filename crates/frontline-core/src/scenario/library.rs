//! Loading many files at once: folders, the curriculum, and the checks that
//! need more than one file (duplicate ids, curriculum entries).

use super::diagnostic::{Diagnostic, LineIndex};
use super::load::{Loaded, load_bytes, load_file, parse_curriculum, read_limited};
use super::model::{Curriculum, Scenario};
use super::source_map::{Seg, SourceMap};
use super::suggest::help_for;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Name of the file in a scenario folder that holds the play order.
pub const CURRICULUM_FILE: &str = "curriculum.ron";

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

/// Loads every `*.ron` under `dir` (recursively); see [`load_paths`].
pub fn load_dir(dir: &Path) -> Library {
    load_paths(&[dir.to_path_buf()])
}

/// Loads files and folders (folders recursively, `*.ron` only, skipping what
/// [`is_skipped`] names). A file named `curriculum.ron` is read as the play
/// order. Checks across files: duplicate scenario ids and curriculum entries
/// that name no scenario. A path that does not exist is one `not-found` error.
pub fn load_paths(paths: &[PathBuf]) -> Library {
    let (files, missing) = files_to_load(paths);
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

/// The files [`load_paths`] reads for `paths` (folders searched recursively
/// for `*.ron`), sorted and without repeats, plus a problem entry for each
/// folder that cannot be read. The game watches exactly these files.
pub fn files_to_load(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<Loaded>) {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    for path in paths {
        if path.is_dir() {
            collect_ron_files(path, &mut files, &mut problems);
        } else if path.exists() {
            files.push(path.clone());
        } else {
            problems.push(not_found(path));
        }
    }
    files.sort();
    files.dedup();
    (files, problems)
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
        if is_skipped(&path) {
            continue;
        }
        if path.is_dir() {
            collect_ron_files(&path, out, problems);
        } else if path.extension().is_some_and(|e| e == "ron") {
            out.push(path);
        }
    }
}

/// Names a folder search passes over: hidden files and folders (`.git`,
/// `.backup`, editor lock files `.#x.ron`), editor and merge leftovers
/// (`#x.ron#`, `x.ron~`, `x.bak.ron`, `x.orig.ron`) and folders called
/// `backup`, `backups` or `old` in any case. Files named on the command line
/// are always read.
pub fn is_skipped(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    let lower = name.to_ascii_lowercase();
    let backup_copy = [".bak.ron", ".orig.ron", ".backup.ron"]
        .iter()
        .any(|end| lower.ends_with(end));
    let backup_folder = path.is_dir() && ["backup", "backups", "old"].contains(&lower.as_str());
    name.starts_with('.')
        || name.starts_with('#')
        || name.ends_with('~')
        || backup_copy
        || backup_folder
}

fn not_found(path: &Path) -> Loaded {
    let mut loaded = Loaded::new(path, &[], String::new());
    let message = format!("there is no file or folder called `{}`", path.display());
    let d = Diagnostic::error("not-found", message)
        .at(path, &LineIndex::new(""), 0..0)
        .with_help("check the spelling, or run the command from the folder that holds it");
    loaded.diagnostics.push(d);
    loaded
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
    let Ok(text) = std::str::from_utf8(&bytes).map(super::typos::strip_bom) else {
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
                let first_file = &files[first];
                let first_path = first_file.path.clone();
                let first_text = first_file.text.clone();
                let first_span = SourceMap::new(&first_text).resolve(&[Seg::Field("id")]);
                let file = &mut files[i];
                let span = SourceMap::new(&file.text).resolve(&[Seg::Field("id")]);
                let d = Diagnostic::error(
                    "duplicate-id",
                    format!(
                        "the scenario id `{id}` is already used by {}",
                        first_path.display()
                    ),
                )
                .at(&file.path, &LineIndex::new(&file.text), span)
                .with_help("every scenario needs its own id; rename one of them")
                .with_label_in(
                    &first_path,
                    &LineIndex::new(&first_text),
                    first_span,
                    "first used here",
                );
                file.diagnostics.push(d);
            }
        }
    }
}
