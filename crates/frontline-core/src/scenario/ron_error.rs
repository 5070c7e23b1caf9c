//! Turns `ron`'s parse errors into messages a trainer can act on.

use super::suggest::did_you_mean;
use crate::needs::Need;
use ron::error::Error;

/// A parse problem described for people: code, message and optional help.
pub struct Described {
    /// Stable diagnostic code.
    pub code: &'static str,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub help: Option<String>,
}

fn described(code: &'static str, message: impl Into<String>, help: Option<String>) -> Described {
    Described {
        code,
        message: message.into(),
        help,
    }
}

/// "Friendliness, Empathy, ..." from a list of names.
fn list(names: &[&str]) -> String {
    names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Plain words for the type names serde and ron use in messages.
fn plain_type(expected: &str) -> String {
    let s = expected.trim();
    match s {
        "i8" | "i16" | "i32" | "i64" | "i128" | "isize" => {
            "a whole number (like `3` or `-2`)".into()
        }
        "u8" | "u16" | "u32" | "u64" | "u128" | "usize" => {
            "a whole number that is not negative (like `0` or `15`)".into()
        }
        "a string" | "string" => "text in double quotes (like \"hello\")".into(),
        "a boolean" | "bool" => "`true` or `false`".into(),
        _ if s.starts_with("struct ") => format!("`{}( ... )`", s.trim_start_matches("struct ")),
        _ => s.to_string(),
    }
}

/// Describes one ron error in trainer language.
pub fn describe(error: &Error) -> Described {
    let close = |c: &str| {
        described(
            "syntax",
            format!("expected `{c}` here"),
            Some("check for a missing comma or closing bracket just before this point".into()),
        )
    };
    match error {
        Error::Eof => described(
            "unexpected-end",
            "the file ends too early: something opened above is never closed",
            Some("check that every `(`, `[`, `{` and `\"` has its closing partner".into()),
        ),
        Error::ExpectedComma => described(
            "missing-comma",
            "expected a comma `,` here",
            Some("fields and list items are separated by commas".into()),
        ),
        Error::ExpectedArrayEnd => close("]"),
        Error::ExpectedMapEnd => close("}"),
        Error::ExpectedStructLikeEnd | Error::ExpectedOptionEnd => close(")"),
        Error::ExpectedArray => described(
            "wrong-type",
            "expected a list in square brackets `[ ... ]`",
            None,
        ),
        Error::ExpectedMap => described(
            "wrong-type",
            "expected a map in curly brackets `{ ... }`",
            None,
        ),
        Error::ExpectedMapColon => {
            described("syntax", "expected a colon `:` between key and value", None)
        }
        Error::ExpectedStructLike => described("wrong-type", "expected `(` here", None),
        Error::ExpectedNamedStructLike(name) => {
            described("wrong-type", format!("expected `{name}( ... )` here"), None)
        }
        Error::ExpectedDifferentStructName { expected, found } => described(
            "wrong-name",
            format!("expected `{expected}(` but found `{found}(`"),
            Some(format!("write `{expected}`")),
        ),
        Error::ExpectedInteger | Error::InvalidIntegerDigit { .. } => described(
            "wrong-type",
            format!("expected {}", plain_type("i32")),
            None,
        ),
        Error::ExpectedString => described(
            "wrong-type",
            format!("expected {}", plain_type("string")),
            None,
        ),
        Error::ExpectedBoolean => described("wrong-type", "expected `true` or `false`", None),
        Error::ExpectedStringEnd => described(
            "unclosed-text",
            "this text is never closed",
            Some("add the closing `\"`".into()),
        ),
        Error::UnclosedBlockComment => described(
            "unclosed-comment",
            "a `/*` comment is never closed",
            Some("add `*/` where the comment ends".into()),
        ),
        Error::IntegerOutOfBounds => described(
            "number-out-of-range",
            "this number is too big or too small for this field",
            None,
        ),
        Error::ExceededRecursionLimit => described(
            "too-deep",
            "the brackets are nested too deeply (more than 128 levels)",
            Some("simplify this condition or check for a run of unclosed brackets".into()),
        ),
        Error::TrailingCharacters => described(
            "trailing-text",
            "there is more text after the end of the scenario",
            Some("a file holds exactly one `Scenario( ... )`; check for an extra `)` above".into()),
        ),
        Error::UnexpectedChar(c) => {
            described("syntax", format!("unexpected character `{c}` here"), None)
        }
        Error::Utf8Error(_) => described("not-utf8", "the file is not valid UTF-8 text", None),
        Error::InvalidValueForType { expected, found } => described(
            "wrong-type",
            format!("expected {} but found {found}", plain_type(expected)),
            None,
        ),
        Error::ExpectedDifferentLength { expected, found } => described(
            "wrong-type",
            format!("expected {expected} but found {found} element(s)"),
            None,
        ),
        Error::NoSuchEnumVariant {
            expected,
            found,
            outer,
        } => unknown_variant(expected, found, outer.as_deref()),
        Error::NoSuchStructField { found, outer, .. } if found.starts_with(char::is_uppercase) => {
            let owner = outer.as_deref().unwrap_or("item");
            described(
                "missing-paren",
                format!("found `{found}` where a field of `{owner}` was expected"),
                Some(format!(
                    "the `{owner}( ... )` before it is probably missing its closing `)`"
                )),
            )
        }
        Error::MissingStructField { field: "start", .. } => described(
            "missing-start",
            "the scenario has no `start`",
            Some("add `start: \"...\"` with the id of the first node".into()),
        ),
        Error::NoSuchStructField {
            expected,
            found,
            outer,
        } => {
            let owner = outer
                .as_deref()
                .map(|o| format!(" of `{o}`"))
                .unwrap_or_default();
            described(
                "unknown-field",
                format!(
                    "`{found}` is not a field{owner}; the fields are {}",
                    list(expected)
                ),
                did_you_mean(found, expected.iter().copied())
                    .map(|s| format!("did you mean `{s}`?")),
            )
        }
        Error::MissingStructField { field, outer } => {
            let owner = outer.as_deref().unwrap_or("this item");
            described(
                "missing-field",
                format!("`{owner}` is missing the field `{field}`"),
                Some(format!("add `{field}: ...` inside `{owner}( ... )`")),
            )
        }
        Error::DuplicateStructField { field, outer } => {
            let owner = outer
                .as_deref()
                .map(|o| format!(" in `{o}`"))
                .unwrap_or_default();
            described(
                "duplicate-field",
                format!("the field `{field}` is written twice{owner}"),
                None,
            )
        }
        Error::Message(m) => described("invalid", m.clone(), None),
        other => described("syntax", other.to_string(), None),
    }
}

fn unknown_variant(expected: &[&str], found: &str, outer: Option<&str>) -> Described {
    let help =
        did_you_mean(found, expected.iter().copied()).map(|s| format!("did you mean `{s}`?"));
    let is_need =
        expected.len() == Need::ALL.len() && Need::ALL.iter().all(|n| expected.contains(&n.key()));
    if is_need {
        return described(
            "unknown-need",
            format!("`{found}` is not one of the six needs: {}", list(expected)),
            help,
        );
    }
    let what = match outer {
        Some(o) => format!("a kind of `{o}`"),
        None => "a known name here".into(),
    };
    described(
        "unknown-name",
        format!(
            "`{found}` is not {what}; expected one of {}",
            list(expected)
        ),
        help,
    )
}
