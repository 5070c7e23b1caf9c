//! Typing slips that `ron` reports far from where they are, found again so the
//! trainer is sent to the real spot: curly quotes from a word processor, and a
//! text whose closing quote is missing (ron pairs its opening quote with the
//! next quote in the file and complains lines later).

use super::diagnostic::{Diagnostic, LineIndex};
use std::ops::Range;
use std::path::Path;

/// The byte-order mark some editors (Windows Notepad) write at the start of UTF-8 files.
pub const BOM: char = '\u{feff}';

/// `text` without a leading byte-order mark. Positions are then counted from
/// the first visible character, as editors show them.
pub fn strip_bom(text: &str) -> &str {
    text.strip_prefix(BOM).unwrap_or(text)
}

/// Quote characters that look like `"` or `'` but are not RON quotes.
const CURLY_QUOTES: [char; 6] = ['“', '”', '‘', '’', '„', '‚'];

/// A curly quote at `offset` (after blanks) where ron wanted a value: the
/// diagnostic that says so, at the quote.
pub fn curly_quote(path: &Path, text: &str, offset: usize) -> Option<Diagnostic> {
    let rest = text.get(offset..)?;
    let start = offset + (rest.len() - rest.trim_start().len());
    let quote = text.get(start..)?.chars().next()?;
    if !CURLY_QUOTES.contains(&quote) {
        return None;
    }
    let lines = LineIndex::new(text);
    let message = format!(
        "this text starts with a curly quote `{quote}`; scenario files need straight double quotes `\"`"
    );
    Some(
        Diagnostic::error("curly-quotes", message)
            .at(path, &lines, start..start + quote.len_utf8())
            .with_help(
                "retype both quotes as `\"` (word processors turn them curly; paste into a plain-text editor)",
            ),
    )
}

/// A text that ran on: the string literal that ends just before `offset` on the
/// same line, spans a line break, and is followed directly by more text (so its
/// closing quote was really the opening quote of the next text). Returns the
/// diagnostic at its opening quote.
pub fn runaway_text(path: &Path, text: &str, offset: usize) -> Option<Diagnostic> {
    let literal = last_string_before(text, offset)?;
    let body = text.get(literal.clone())?;
    let after = text.get(literal.end..offset)?;
    let glued = text
        .get(literal.end..)?
        .chars()
        .next()
        .is_some_and(|c| !c.is_whitespace() && !",)]}:".contains(c));
    if !body.contains('\n') || after.contains('\n') || !glued {
        return None;
    }
    let lines = LineIndex::new(text);
    let first_line = body.lines().next().unwrap_or_default();
    let closing_line = lines.position(literal.end).line;
    let message = format!(
        "this text is never closed: without its closing `\"`, everything up to the `\"` on line {closing_line} was read as part of it"
    );
    let help = match first_line.chars().find(|c| CURLY_QUOTES.contains(c)) {
        Some(curly) => {
            format!("the text ends with a curly `{curly}`; write a straight `\"` instead")
        }
        None => "add the closing `\"` at the end of the text".to_string(),
    };
    Some(
        Diagnostic::error("unclosed-text", message)
            .at(path, &lines, literal.start..literal.start + 1)
            .with_help(help),
    )
}

/// The last `"..."` literal (quotes included) that ends at or before `limit`,
/// skipping comments, raw strings and character literals.
fn last_string_before(text: &str, limit: usize) -> Option<Range<usize>> {
    let bytes = text.as_bytes();
    let limit = limit.min(bytes.len());
    let mut found = None;
    let mut i = 0;
    while i < limit {
        match bytes[i] {
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                i = memchr(bytes, b'\n', i).unwrap_or(bytes.len());
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => i = block_comment_end(bytes, i),
            b'r' if matches!(bytes.get(i + 1), Some(b'"' | b'#')) => {
                i = raw_string_end(bytes, i + 1);
            }
            b'\'' => i = char_literal_end(bytes, i),
            b'"' => {
                let end = string_end(bytes, i)?;
                if end > limit {
                    break;
                }
                found = Some(i..end);
                i = end;
            }
            _ => i += 1,
        }
    }
    found
}

fn memchr(bytes: &[u8], byte: u8, from: usize) -> Option<usize> {
    bytes[from..]
        .iter()
        .position(|&b| b == byte)
        .map(|p| from + p)
}

/// Offset just after the closing quote of the string opening at `open`.
fn string_end(bytes: &[u8], open: usize) -> Option<usize> {
    let mut i = open + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'"' => return Some(i + 1),
            _ => i += 1,
        }
    }
    None
}

fn block_comment_end(bytes: &[u8], open: usize) -> usize {
    let mut depth = 0usize;
    let mut i = open;
    while i + 1 < bytes.len() {
        match (bytes[i], bytes[i + 1]) {
            (b'/', b'*') => {
                depth += 1;
                i += 2;
            }
            (b'*', b'/') => {
                depth -= 1;
                i += 2;
                if depth == 0 {
                    return i;
                }
            }
            _ => i += 1,
        }
    }
    bytes.len()
}

/// `r"..."` or `r#"..."#`; `at` is just after the `r`.
fn raw_string_end(bytes: &[u8], at: usize) -> usize {
    let hashes = bytes[at..].iter().take_while(|&&b| b == b'#').count();
    let open = at + hashes;
    if bytes.get(open) != Some(&b'"') {
        return open;
    }
    let mut i = open + 1;
    while i < bytes.len() {
        let end = i + 1 + hashes;
        if bytes[i] == b'"' && end <= bytes.len() && bytes[i + 1..end].iter().all(|&b| b == b'#') {
            return end;
        }
        i += 1;
    }
    bytes.len()
}

/// `'x'` or `'\x'`; anything else is stepped over one byte at a time.
fn char_literal_end(bytes: &[u8], open: usize) -> usize {
    let close = if bytes.get(open + 1) == Some(&b'\\') {
        open + 3
    } else {
        let width = bytes.get(open + 1).map_or(1, |&b| utf8_width(b).max(1));
        open + 1 + width
    };
    if bytes.get(close) == Some(&b'\'') {
        close + 1
    } else {
        open + 1
    }
}

fn utf8_width(first: u8) -> usize {
    match first {
        0x00..=0x7f => 1,
        0xc0..=0xdf => 2,
        0xe0..=0xef => 3,
        _ => 4,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_last_string_skipping_comments_raw_strings_and_chars() {
        let text = r##"( a: "one", /* "no" */ b: r#"raw "x""#, c: '"', // "no"
 d: "two" )"##;
        let found = last_string_before(text, text.len()).unwrap();
        assert_eq!(&text[found], "\"two\"");
        let found = last_string_before(text, text.find("d:").unwrap()).unwrap();
        assert_eq!(&text[found], "\"one\"");
    }

    #[test]
    fn a_closed_multi_line_text_is_not_called_unclosed() {
        let text = "( a: \"one\ntwo\" b: 1 )";
        let at = text.find("b:").unwrap();
        assert!(runaway_text(Path::new("x.ron"), text, at).is_none());
    }

    #[test]
    fn strip_bom_only_removes_a_leading_mark() {
        assert_eq!(strip_bom("\u{feff}Scenario("), "Scenario(");
        assert_eq!(strip_bom("Scenario(\u{feff}"), "Scenario(\u{feff}");
    }
}
