//! Text forms shared by the database, CSV and xAPI: need column names,
//! outcomes, timestamps and grades, each with its exact inverse.

use chrono::{DateTime, SecondsFormat, Utc};
use frontline_core::needs::Need;
use frontline_core::scenario::Outcome;

/// Column / field name of each need, in [`Need::ALL`] order.
pub const NEED_COLUMNS: [&str; 6] = [
    "friendliness",
    "empathy",
    "fairness",
    "options",
    "control",
    "information",
];

/// The column / field name of one need (`"friendliness"`, ...).
pub fn need_column(need: Need) -> &'static str {
    NEED_COLUMNS[need.index()]
}

/// The outcome's identifier (`"Satisfied"`), as in scenario files.
pub fn outcome_text(outcome: Outcome) -> &'static str {
    outcome.name()
}

/// Inverse of [`outcome_text`].
pub fn parse_outcome(text: &str) -> Option<Outcome> {
    Outcome::ALL.into_iter().find(|&o| outcome_text(o) == text)
}

/// Fixed-width RFC 3339 in UTC with nanoseconds, so text order is time order
/// (`2026-03-01T08:00:00.000000000Z`).
pub fn timestamp_text(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Nanos, true)
}

/// Reads any RFC 3339 timestamp as UTC.
pub fn parse_timestamp(text: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text)
        .ok()
        .map(|d| d.with_timezone(&Utc))
}

/// Reads a stored grade: exactly one of `A`..`E` or `-`.
pub fn parse_grade(text: &str) -> Option<char> {
    let mut chars = text.chars();
    match (chars.next(), chars.next()) {
        (Some(c @ ('A'..='E' | '-')), None) => Some(c),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_forms_round_trip() {
        for o in Outcome::ALL {
            assert_eq!(parse_outcome(outcome_text(o)), Some(o));
        }
        assert_eq!(parse_outcome("lost"), None);
        let t = parse_timestamp("2026-03-01T10:00:00.5+02:00").unwrap();
        assert_eq!(timestamp_text(t), "2026-03-01T08:00:00.500000000Z");
        assert_eq!(parse_timestamp(&timestamp_text(t)), Some(t));
        assert_eq!(parse_grade("B"), Some('B'));
        assert_eq!(parse_grade("-"), Some('-'));
        assert_eq!(parse_grade("F"), None);
        assert_eq!(parse_grade("AB"), None);
        for n in Need::ALL {
            assert_eq!(need_column(n), n.key().to_lowercase());
        }
    }
}
