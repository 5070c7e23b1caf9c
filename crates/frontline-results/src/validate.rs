//! The one validation of a [`ResultRecord`]: what every record must satisfy
//! before it is stored, whoever made it (the game saving a play, `import` of
//! CSV or xAPI, a team server receiving one). Every problem is collected, each
//! naming its field, so a trainer can fix a file in one go.
//!
//! Rules:
//! - `player_id`: not the nil UUID (a record always names who played; old
//!   files without ids get [`crate::record::derived_player_id`] when read);
//! - `player` and `team`: not empty after trimming, at most
//!   [`MAX_NAME_CHARS`] characters, no control characters;
//! - `scenario_id`, `scenario_title` and transcript node ids: not empty, at
//!   most [`MAX_TEXT_CHARS`] characters, no control characters;
//!   `scenario_hash`: 64 lower-case hex digits;
//! - `started_at`: year [`MIN_YEAR`]..=[`MAX_YEAR`]; `duration_ms` at most
//!   [`MAX_DURATION_MS`] (a week), so start + duration is always a valid time;
//! - need scores and `overall`: 0..=100; `grade` one of `A`..`E` or `-`;
//! - transcript: 1..=[`MAX_STEPS`] steps, elapsed seconds never going back,
//!   choices not empty and at most [`MAX_CHOICE_CHARS`] characters, effects
//!   within ±[`MAX_EFFECT`].

use crate::record::ResultRecord;
use chrono::{DateTime, Datelike, TimeDelta, Utc};

/// Longest player or team name, in characters.
pub const MAX_NAME_CHARS: usize = 100;
/// Longest scenario id, title or node id, in characters.
pub const MAX_TEXT_CHARS: usize = 200;
/// Longest choice text, in characters.
pub const MAX_CHOICE_CHARS: usize = 2_000;
/// Most steps in one transcript.
pub const MAX_STEPS: usize = 10_000;
/// Largest effect of one choice on one need (either sign).
pub const MAX_EFFECT: i32 = 1_000;
/// Earliest start year accepted.
pub const MIN_YEAR: i32 = 1970;
/// Latest start year accepted (so every derived time stays a 4-digit year).
pub const MAX_YEAR: i32 = 9998;
/// Longest play accepted: one week, in milliseconds.
pub const MAX_DURATION_MS: u64 = 7 * 24 * 3_600_000;

/// One thing wrong with a record: which field, and what.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("field `{field}`: {message}")]
pub struct FieldProblem {
    /// The field (`player`, `transcript[3].choice`, ...).
    pub field: String,
    /// What is wrong with it.
    pub message: String,
}

impl ResultRecord {
    /// Every problem of this record (empty when it may be stored).
    pub fn problems(&self) -> Vec<FieldProblem> {
        let mut found = Problems::default();
        if self.player_id.is_nil() {
            found.add("player_id", "must not be the nil UUID");
        }
        found.name("player", &self.player);
        // A team is optional (the title screen says so): empty is fine,
        // but a team that is given follows the name rules.
        if !self.team.is_empty() {
            found.name("team", &self.team);
        }
        found.text("scenario_id", &self.scenario_id, MAX_TEXT_CHARS);
        found.text("scenario_title", &self.scenario_title, MAX_TEXT_CHARS);
        let hex = |c: char| c.is_ascii_digit() || ('a'..='f').contains(&c);
        if self.scenario_hash.len() != 64 || !self.scenario_hash.chars().all(hex) {
            found.add("scenario_hash", "must be 64 lower-case hex digits");
        }
        let year = self.started_at.year();
        if !(MIN_YEAR..=MAX_YEAR).contains(&year) {
            found.add(
                "started_at",
                format!("year {year} is outside {MIN_YEAR}..={MAX_YEAR}"),
            );
        }
        if self.duration_ms > MAX_DURATION_MS {
            found.add(
                "duration_ms",
                format!(
                    "{} ms is longer than a week ({MAX_DURATION_MS} ms)",
                    self.duration_ms
                ),
            );
        }
        for (i, score) in self.needs.0.iter().enumerate() {
            if let Some(v) = score.filter(|v| *v > 100) {
                let field = crate::codec::NEED_COLUMNS[i];
                found.add(field, format!("score {v} is outside 0..=100"));
            }
        }
        if self.overall > 100 {
            found.add("overall", format!("{} is outside 0..=100", self.overall));
        }
        if crate::codec::parse_grade(&self.grade.to_string()).is_none() {
            found.add("grade", format!("`{}` is not one of A..E or -", self.grade));
        }
        found.transcript(self);
        found.0
    }

    /// `Ok` when [`ResultRecord::problems`] finds nothing.
    pub fn validate(&self) -> Result<(), Vec<FieldProblem>> {
        let problems = self.problems();
        if problems.is_empty() {
            Ok(())
        } else {
            Err(problems)
        }
    }

    /// When the play ended (start + duration), or `None` when that is not a
    /// representable time (only for records that fail validation).
    pub fn ended_at(&self) -> Option<DateTime<Utc>> {
        let ms = i64::try_from(self.duration_ms).ok()?;
        self.started_at
            .checked_add_signed(TimeDelta::try_milliseconds(ms)?)
    }
}

/// The problems of one player or team name under the record's name rules
/// (not blank, at most [`MAX_NAME_CHARS`] characters, no control
/// characters), for tools that create names outside a record (team servers).
pub fn name_problems(field: &str, value: &str) -> Vec<FieldProblem> {
    let mut found = Problems::default();
    found.name(field, value);
    found.0
}

#[derive(Default)]
struct Problems(Vec<FieldProblem>);

impl Problems {
    fn add(&mut self, field: &str, message: impl Into<String>) {
        self.0.push(FieldProblem {
            field: field.to_string(),
            message: message.into(),
        });
    }

    fn name(&mut self, field: &str, value: &str) {
        if !value.is_empty() && value.trim().is_empty() {
            self.add(field, "is blank");
        }
        self.text(field, value, MAX_NAME_CHARS);
    }

    fn text(&mut self, field: &str, value: &str, max: usize) {
        if value.is_empty() {
            self.add(field, "is empty");
        }
        let chars = value.chars().count();
        if chars > max {
            self.add(field, format!("{chars} characters, more than {max}"));
        }
        if value.chars().any(char::is_control) {
            self.add(field, "contains control characters");
        }
    }

    fn transcript(&mut self, r: &ResultRecord) {
        if r.transcript.is_empty() {
            self.add("transcript", "has no steps");
        }
        if r.transcript.len() > MAX_STEPS {
            self.add(
                "transcript",
                format!("{} steps, more than {MAX_STEPS}", r.transcript.len()),
            );
            return;
        }
        let mut elapsed = 0;
        for (i, step) in r.transcript.iter().enumerate() {
            let at = |what: &str| format!("transcript[{i}].{what}");
            self.text(&at("node"), &step.node, MAX_TEXT_CHARS);
            if let Some(choice) = &step.choice {
                if choice.trim().is_empty() {
                    self.add(&at("choice"), "is empty");
                }
                let chars = choice.chars().count();
                if chars > MAX_CHOICE_CHARS {
                    self.add(
                        &at("choice"),
                        format!("{chars} characters, more than {MAX_CHOICE_CHARS}"),
                    );
                }
            }
            if step.needs.0.iter().any(|e| e.abs() > MAX_EFFECT) {
                self.add(&at("needs"), format!("an effect beyond ±{MAX_EFFECT}"));
            }
            if step.elapsed < elapsed {
                self.add(&at("elapsed"), "goes back in time");
            }
            elapsed = step.elapsed;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::TranscriptStep;
    use chrono::TimeZone;
    use frontline_core::needs::NeedMap;
    use frontline_core::scenario::Outcome;

    pub(crate) fn valid() -> ResultRecord {
        ResultRecord {
            id: uuid::Uuid::from_u128(1),
            player_id: uuid::Uuid::from_u128(7),
            player: "ana".into(),
            team: "Branch 12".into(),
            scenario_id: "retail".into(),
            scenario_hash: "ab".repeat(32),
            scenario_title: "Out of stock".into(),
            seed: 1,
            started_at: Utc.with_ymd_and_hms(2026, 3, 1, 8, 0, 0).unwrap(),
            duration_ms: 60_000,
            outcome: Outcome::Satisfied,
            needs: NeedMap([Some(50), None, None, None, None, Some(100)]),
            overall: 75,
            grade: 'B',
            passed: true,
            transcript: vec![TranscriptStep {
                node: "start".into(),
                choice: Some("Hello".into()),
                needs: NeedMap::default(),
                mood: 0,
                elapsed: 5,
            }],
        }
    }

    fn fields(r: &ResultRecord) -> Vec<String> {
        r.problems().into_iter().map(|p| p.field).collect()
    }

    #[test]
    fn a_played_record_is_valid() {
        assert_eq!(valid().validate(), Ok(()));
    }

    #[test]
    fn names_must_be_non_empty_short_and_printable() {
        for (bad, why) in [
            ("", "empty"),
            ("   ", "blank"),
            ("a\u{1b}[31m", "escape"),
            ("a\nb", "newline"),
        ] {
            let mut r = valid();
            r.player = bad.into();
            assert_eq!(fields(&r), ["player"], "{why}");
        }
        let mut r = valid();
        r.team = "x".repeat(MAX_NAME_CHARS + 1);
        assert_eq!(fields(&r), ["team"]);
        r.team = "é".repeat(MAX_NAME_CHARS);
        assert_eq!(
            r.validate(),
            Ok(()),
            "the limit counts characters, not bytes"
        );
    }

    /// Every record names who played by id; the nil id is nobody.
    #[test]
    fn the_player_id_must_not_be_nil() {
        let mut r = valid();
        r.player_id = uuid::Uuid::nil();
        assert_eq!(fields(&r), ["player_id"]);
    }

    /// A team is optional in the game, so a result without one must import
    /// back; a team that is given still follows the name rules.
    #[test]
    fn the_team_may_be_left_empty_but_not_blank() {
        let mut r = valid();
        r.team = String::new();
        assert_eq!(r.validate(), Ok(()));
        r.team = "   ".into();
        assert_eq!(fields(&r), ["team"]);
    }

    /// A team server creating a team judges the name as a record's.
    #[test]
    fn a_name_alone_is_judged_as_in_a_record() {
        let long = "x".repeat(MAX_NAME_CHARS + 1);
        for name in ["", "  ", "a\tb", long.as_str(), "North"] {
            let mut r = valid();
            r.player = name.to_string();
            assert_eq!(name_problems("player", name), r.problems(), "{name:?}");
        }
        assert!(name_problems("team", "North").is_empty());
    }

    #[test]
    fn dates_durations_and_scores_stay_in_range() {
        let mut r = valid();
        r.started_at = Utc.with_ymd_and_hms(9999, 12, 31, 23, 0, 0).unwrap();
        r.duration_ms = 9_000_000_000_000_000;
        r.overall = 101;
        r.needs.0[1] = Some(200);
        r.grade = 'F';
        assert_eq!(
            fields(&r),
            ["started_at", "duration_ms", "empathy", "overall", "grade"]
        );
        r.started_at = Utc.with_ymd_and_hms(1969, 12, 31, 0, 0, 0).unwrap();
        assert!(fields(&r).contains(&"started_at".to_string()));
        assert_eq!(r.ended_at(), None, "checked, never a panic");
        let ok = valid();
        assert_eq!(
            ok.ended_at(),
            Some(ok.started_at + TimeDelta::milliseconds(60_000))
        );
    }

    #[test]
    fn the_transcript_has_steps_in_time_order() {
        let mut r = valid();
        r.transcript.clear();
        assert_eq!(fields(&r), ["transcript"]);
        let mut r = valid();
        let mut second = r.transcript[0].clone();
        second.elapsed = 1;
        second.choice = Some(" ".into());
        second.needs.0[0] = 5000;
        r.transcript.push(second);
        assert_eq!(
            fields(&r),
            [
                "transcript[1].choice",
                "transcript[1].needs",
                "transcript[1].elapsed"
            ]
        );
    }
}
