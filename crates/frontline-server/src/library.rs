//! The published scenario library: the files a trainer uploaded with
//! `frontline publish`, checked by the same loader and self-tests as
//! `frontline check`, replaced whole by each publish, and versioned by the
//! SHA-256 of their paths and texts so games fetch it only when it changed.

use crate::auth::hex;
use crate::{Database, ServerError};
use frontline_results::FieldProblem;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::path::{Component, Path};

/// Most files in one library.
pub const MAX_FILES: usize = 1_000;

/// Longest relative path of one file, in characters.
pub const MAX_PATH_CHARS: usize = 200;

/// One scenario (or `curriculum.ron`) file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LibraryFile {
    /// Relative path with `/` separators, ending in `.ron`.
    pub path: String,
    /// Its full text.
    pub text: String,
}

/// What `PUT /api/v1/library` takes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LibraryUpload {
    /// Every file of the library.
    pub files: Vec<LibraryFile>,
}

/// What `GET /api/v1/library` answers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Library {
    /// [`version_of`] the files.
    pub version: String,
    /// The files, sorted by path.
    pub files: Vec<LibraryFile>,
}

/// Hex SHA-256 over the files in path order (each path and text ends with a
/// NUL, which neither may contain), so equal libraries have equal versions.
pub fn version_of(files: &[LibraryFile]) -> String {
    let mut sorted: Vec<&LibraryFile> = files.iter().collect();
    sorted.sort_by(|a, b| a.path.cmp(&b.path));
    let mut hash = Sha256::new();
    for f in sorted {
        hash.update(f.path.as_bytes());
        hash.update([0]);
        hash.update(f.text.as_bytes());
        hash.update([0]);
    }
    hex(&hash.finalize())
}

/// Every problem of an upload: bad paths first; when the paths are fine,
/// every error `frontline check` reports for the files (warnings pass).
pub fn problems(upload: &LibraryUpload) -> Vec<FieldProblem> {
    let mut found = Vec::new();
    let mut problem = |field: String, message: String| found.push(FieldProblem { field, message });
    if upload.files.is_empty() {
        problem("files".into(), "a library needs at least one file".into());
    }
    if upload.files.len() > MAX_FILES {
        problem("files".into(), format!("more than {MAX_FILES} files"));
    }
    let mut seen = std::collections::HashSet::new();
    for (i, f) in upload.files.iter().enumerate() {
        if let Some(why) = path_problem(&f.path) {
            problem(format!("files[{i}].path"), why);
        } else if !seen.insert(f.path.as_str()) {
            problem(format!("files[{i}].path"), format!("`{}` twice", f.path));
        }
        if f.text.contains('\0') {
            problem(
                format!("files[{i}].text"),
                "contains a NUL character".into(),
            );
        }
    }
    if found.is_empty() {
        found = check_errors(&upload.files);
    }
    found
}

fn path_problem(path: &str) -> Option<String> {
    let p = Path::new(path);
    if path.chars().count() > MAX_PATH_CHARS {
        return Some(format!("longer than {MAX_PATH_CHARS} characters"));
    }
    if path.chars().any(|c| c.is_control() || c == '\\') {
        return Some("contains a control character or a backslash".into());
    }
    if !path.ends_with(".ron") {
        return Some("is not a `.ron` file".into());
    }
    let plain = p
        .components()
        .all(|c| matches!(c, Component::Normal(n) if !n.to_string_lossy().starts_with('.')));
    (!plain).then(|| "must be a relative path without `..` or hidden parts".into())
}

/// The files written to a temporary folder and loaded as `frontline check`
/// loads a folder; each error as a problem named `path:line:col`.
fn check_errors(files: &[LibraryFile]) -> Vec<FieldProblem> {
    let dir = match tempfile::tempdir() {
        Ok(dir) => dir,
        Err(e) => return vec![unwritable(e)],
    };
    for f in files {
        let path = dir.path().join(&f.path);
        let written = path
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| std::fs::write(&path, &f.text));
        if let Err(e) = written {
            return vec![unwritable(e)];
        }
    }
    let mut library = frontline_core::scenario::load_paths(&[dir.path().to_path_buf()]);
    frontline_core::selftest::check_library(&mut library);
    library
        .files
        .iter()
        .flat_map(|f| &f.diagnostics)
        .filter(|d| d.is_error())
        .map(|d| {
            let file = d.file.strip_prefix(dir.path()).unwrap_or(&d.file);
            FieldProblem {
                field: format!(
                    "{}:{}:{}",
                    file.display(),
                    d.position.line,
                    d.position.column
                ),
                message: format!("[{}] {}", d.code, d.message),
            }
        })
        .collect()
}

fn unwritable(e: std::io::Error) -> FieldProblem {
    FieldProblem {
        field: "files".into(),
        message: format!("the server cannot check the files: {e}"),
    }
}

impl Database {
    /// The published library (no files and the empty version before the first publish).
    pub async fn library(&self) -> Result<Library, ServerError> {
        let client = self.client().await?;
        let rows = client
            .query("SELECT path, text FROM library_files ORDER BY path", &[])
            .await?;
        let files: Vec<LibraryFile> = rows
            .iter()
            .map(|r| LibraryFile {
                path: r.get(0),
                text: r.get(1),
            })
            .collect();
        let version = version_of(&files);
        Ok(Library { version, files })
    }

    /// The version of the published library, read without its files.
    pub async fn library_version(&self) -> Result<String, ServerError> {
        let row = self
            .client()
            .await?
            .query_opt("SELECT version FROM library_version", &[])
            .await?;
        Ok(row.map_or_else(|| version_of(&[]), |r| r.get(0)))
    }

    /// Replaces the library with `files` (already checked) in one
    /// transaction, recording the publishing token (`None`: an admin
    /// command); returns the new version.
    pub async fn publish(
        &self,
        files: &[LibraryFile],
        token_id: Option<i64>,
    ) -> Result<String, ServerError> {
        let version = version_of(files);
        let mut client = self.client().await?;
        let tx = client.transaction().await?;
        tx.execute("DELETE FROM library_files", &[]).await?;
        let insert = tx
            .prepare("INSERT INTO library_files (path, text) VALUES ($1, $2)")
            .await?;
        for f in files {
            tx.execute(&insert, &[&f.path, &f.text]).await?;
        }
        tx.execute(
            "INSERT INTO library_version (version, published_by) VALUES ($1, $2) \
             ON CONFLICT (only_row) DO UPDATE SET version = excluded.version, \
             published_at = now(), published_by = excluded.published_by",
            &[&version, &token_id],
        )
        .await?;
        tx.commit().await?;
        Ok(version)
    }
}
