//! One problem found in a scenario file, and its two renderings: a compiler-like
//! snippet for people (via `ariadne`) and JSON for editors and CI.

use serde::Serialize;
use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

/// How bad a problem is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The game cannot play the file correctly.
    Error,
    /// Plays, but probably not as the trainer meant.
    Warning,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        })
    }
}

/// A 1-based position in a file (column counted in characters, like ron).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Position {
    /// Line, from 1.
    pub line: usize,
    /// Column in characters, from 1.
    pub column: usize,
}

/// A secondary place that explains the problem, in the same file or another
/// (the first file of a duplicate scenario id).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SecondaryLabel {
    /// The file this place is in.
    pub file: PathBuf,
    /// Byte range in that file.
    pub span: Range<usize>,
    /// Where `span` starts.
    #[serde(flatten)]
    pub position: Position,
    /// Where `span` ends (just after its last character).
    pub end: Position,
    /// What this place has to do with the problem.
    pub message: String,
}

/// One problem in one file, with where it is and how to fix it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// Stable short identifier (`unknown-target`, `syntax`, ...), for docs and tools.
    pub code: &'static str,
    /// What is wrong, in trainer language.
    pub message: String,
    /// File the problem is in.
    pub file: PathBuf,
    /// Byte range of the offending text.
    pub span: Range<usize>,
    /// Where `span` starts.
    #[serde(flatten)]
    pub position: Position,
    /// Where `span` ends (just after its last character; equal to the start
    /// for a point such as the end of the file).
    pub end: Position,
    /// How to fix it, e.g. "did you mean `annoyed`?".
    pub help: Option<String>,
    /// Other places that explain the problem.
    pub labels: Vec<SecondaryLabel>,
}

impl Diagnostic {
    /// A new error at the start of `file`; place it with [`Diagnostic::at`].
    pub fn error(code: &'static str, message: impl Into<String>) -> Self {
        Self::new(Severity::Error, code, message)
    }

    /// A new warning at the start of `file`; place it with [`Diagnostic::at`].
    pub fn warning(code: &'static str, message: impl Into<String>) -> Self {
        Self::new(Severity::Warning, code, message)
    }

    fn new(severity: Severity, code: &'static str, message: impl Into<String>) -> Self {
        Diagnostic {
            severity,
            code,
            message: message.into(),
            file: PathBuf::new(),
            span: 0..0,
            position: Position { line: 1, column: 1 },
            end: Position { line: 1, column: 1 },
            help: None,
            labels: Vec::new(),
        }
    }

    /// Places the diagnostic at `span` of `file`, computing line and column.
    pub fn at(mut self, file: &Path, lines: &LineIndex, span: Range<usize>) -> Self {
        self.file = file.to_path_buf();
        self.span = lines.clamp(span);
        self.position = lines.position(self.span.start);
        self.end = lines.position(self.span.end);
        for label in &mut self.labels {
            if label.file.as_os_str().is_empty() {
                label.file = file.to_path_buf();
            }
        }
        self
    }

    /// Adds a fix suggestion.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Adds a secondary label at `span` of the diagnostic's own file.
    pub fn with_label(
        self,
        lines: &LineIndex,
        span: Range<usize>,
        message: impl Into<String>,
    ) -> Self {
        let file = self.file.clone();
        self.with_label_in(&file, lines, span, message)
    }

    /// Adds a secondary label at `span` of another `file` (`lines` indexes that file).
    pub fn with_label_in(
        mut self,
        file: &Path,
        lines: &LineIndex,
        span: Range<usize>,
        message: impl Into<String>,
    ) -> Self {
        let span = lines.clamp(span);
        self.labels.push(SecondaryLabel {
            file: file.to_path_buf(),
            position: lines.position(span.start),
            end: lines.position(span.end),
            span,
            message: message.into(),
        });
        self
    }

    /// True for errors.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// `file:line:col: error[code]: message`
impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}[{}]: {}",
            self.file.display(),
            self.position.line,
            self.position.column,
            self.severity,
            self.code,
            self.message
        )?;
        if let Some(help) = &self.help {
            write!(f, " (help: {help})")?;
        }
        Ok(())
    }
}

/// Maps byte offsets of one text to lines and columns. Built once per file.
#[derive(Clone, Debug)]
pub struct LineIndex<'a> {
    text: &'a str,
    line_starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    /// Indexes `text` (one linear pass).
    pub fn new(text: &'a str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(
            text.bytes()
                .enumerate()
                .filter(|&(_, b)| b == b'\n')
                .map(|(i, _)| i + 1),
        );
        LineIndex { text, line_starts }
    }

    /// The indexed text.
    pub fn text(&self) -> &'a str {
        self.text
    }

    /// 1-based line and character column of a byte offset (clamped to the text).
    pub fn position(&self, offset: usize) -> Position {
        let offset = floor_char_boundary(self.text, offset.min(self.text.len()));
        let line = self.line_starts.partition_point(|&s| s <= offset) - 1;
        let start = self.line_starts[line];
        let column = self.text[start..offset].chars().count() + 1;
        Position {
            line: line + 1,
            column,
        }
    }

    /// Byte offset of a 1-based line and character column (clamped to the text).
    pub fn offset(&self, position: Position) -> usize {
        let line = position.line.clamp(1, self.line_starts.len()) - 1;
        let start = self.line_starts[line];
        let end = self
            .line_starts
            .get(line + 1)
            .copied()
            .unwrap_or(self.text.len());
        let line_text = &self.text[start..end];
        let skip = position.column.saturating_sub(1);
        start
            + line_text
                .char_indices()
                .nth(skip)
                .map_or(line_text.len(), |(i, _)| i)
    }

    /// Makes `span` lie within the text, on character boundaries, start <= end.
    pub fn clamp(&self, span: Range<usize>) -> Range<usize> {
        let start = floor_char_boundary(self.text, span.start.min(self.text.len()));
        let end = floor_char_boundary(self.text, span.end.clamp(start, self.text.len()));
        start..end
    }
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// Renders diagnostics of one file as compiler-like snippets with carets.
/// `color` adds ANSI colours (use it only when writing to a terminal). A
/// diagnostic with nothing to show (an unread file or folder) is one line;
/// labels in other files become notes naming their file:line:col.
pub fn render_human(diagnostics: &[Diagnostic], source: &str, color: bool) -> String {
    use ariadne::{CharSet, Config, IndexType, Label, Report, ReportKind, Source};
    let mut out = Vec::new();
    let lines = LineIndex::new(source);
    let shared = Source::from(source);
    let char_set = if color {
        CharSet::Unicode
    } else {
        CharSet::Ascii
    };
    for diagnostic in diagnostics {
        if source.is_empty() {
            out.extend_from_slice(format!("{diagnostic}\n").as_bytes());
            continue;
        }
        let name = diagnostic.file.display().to_string();
        let kind = match diagnostic.severity {
            Severity::Error => ReportKind::Error,
            Severity::Warning => ReportKind::Warning,
        };
        let span = lines.clamp(diagnostic.span.clone());
        let config = Config::default()
            .with_color(color)
            .with_char_set(char_set)
            .with_index_type(IndexType::Byte);
        let mut report = Report::build(kind, (name.clone(), span.clone()))
            .with_config(config)
            .with_code(diagnostic.code)
            .with_message(&diagnostic.message)
            .with_label(Label::new((name.clone(), span)).with_message(&diagnostic.message));
        for label in &diagnostic.labels {
            if label.file == diagnostic.file || label.file.as_os_str().is_empty() {
                let span = lines.clamp(label.span.clone());
                report = report
                    .with_label(Label::new((name.clone(), span)).with_message(&label.message));
            } else {
                report = report.with_note(format!(
                    "{}: {}:{}:{}",
                    label.message,
                    label.file.display(),
                    label.position.line,
                    label.position.column
                ));
            }
        }
        if let Some(help) = &diagnostic.help {
            report = report.with_help(help);
        }
        let written = report.finish().write((name, &shared), &mut out);
        if written.is_err() {
            out.extend_from_slice(format!("{diagnostic}\n").as_bytes());
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Renders diagnostics as a JSON array (one object per diagnostic).
pub fn render_json(diagnostics: &[Diagnostic]) -> String {
    serde_json::to_string_pretty(diagnostics).unwrap_or_else(|_| "[]".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_index_round_trips_positions_with_multibyte_text() {
        let text = "ab\ncé d\n\nlast";
        let lines = LineIndex::new(text);
        let offset = text.find('d').unwrap();
        let pos = lines.position(offset);
        assert_eq!(pos, Position { line: 2, column: 4 });
        assert_eq!(lines.offset(pos), offset);
        assert_eq!(lines.position(text.len()), Position { line: 4, column: 5 });
        assert_eq!(lines.clamp(100..200), text.len()..text.len());
    }

    #[test]
    fn display_is_one_line_with_code_and_position() {
        let text = "x\n  next: \"annoyd\"";
        let lines = LineIndex::new(text);
        let start = text.find('"').unwrap();
        let d = Diagnostic::error("unknown-target", "no node called `annoyd`")
            .at(Path::new("a.ron"), &lines, start..start + 8)
            .with_help("did you mean `annoyed`?");
        assert_eq!(
            d.to_string(),
            "a.ron:2:9: error[unknown-target]: no node called `annoyd` (help: did you mean `annoyed`?)"
        );
        let human = render_human(std::slice::from_ref(&d), text, false);
        assert!(human.contains("unknown-target"), "{human}");
        assert!(human.contains("did you mean `annoyed`?"), "{human}");
        assert!(human.contains("^"), "{human}");
        let json: serde_json::Value = serde_json::from_str(&render_json(&[d])).unwrap();
        assert_eq!(json[0]["line"], 2);
        assert_eq!(json[0]["column"], 9);
        assert_eq!(json[0]["severity"], "error");
        assert_eq!(json[0]["end"]["line"], 2);
        assert_eq!(json[0]["end"]["column"], 17);
    }

    #[test]
    fn labels_carry_their_file_and_other_files_render_as_notes() {
        let text = "id: \"x\"";
        let lines = LineIndex::new(text);
        let d = Diagnostic::error("duplicate-id", "the id `x` is used twice")
            .at(Path::new("b.ron"), &lines, 4..7)
            .with_label(&lines, 0..2, "same file")
            .with_label_in(Path::new("a.ron"), &lines, 4..7, "first used here");
        assert_eq!(d.labels[0].file, Path::new("b.ron"));
        assert_eq!(d.labels[1].file, Path::new("a.ron"));
        assert_eq!(d.labels[1].end, Position { line: 1, column: 8 });
        let human = render_human(std::slice::from_ref(&d), text, false);
        assert!(human.contains("first used here: a.ron:1:5"), "{human}");
        let json: serde_json::Value = serde_json::from_str(&render_json(&[d])).unwrap();
        assert_eq!(json[0]["labels"][1]["file"], "a.ron");
        assert_eq!(json[0]["labels"][1]["end"]["column"], 8);
    }

    #[test]
    fn a_diagnostic_about_an_unread_file_is_one_line_without_a_snippet() {
        let d = Diagnostic::error("not-found", "there is no file or folder called `dialogues`").at(
            Path::new("dialogues"),
            &LineIndex::new(""),
            0..0,
        );
        let human = render_human(std::slice::from_ref(&d), "", false);
        assert_eq!(human, format!("{d}\n"));
    }
}
