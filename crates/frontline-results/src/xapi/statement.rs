//! The statements of one result as typed, borrowed `Serialize` structs: an
//! export writes them straight to its output without first building a
//! `serde_json::Value` tree per statement (a map and an owned string per key
//! and IRI), which made the xAPI export five times slower than the CSV one.
//! [`super::result_statements`] turns the same structs into values for the
//! callers that need to look inside them.

use super::{
    PLAYER_HOME, TEAM_HOME, effect_extension, extension, need_extension, percent_encode,
    scenario_activity, statement_id, verbs,
};
use crate::codec::{NEED_COLUMNS, outcome_text};
use crate::record::{ResultRecord, TranscriptStep};
use crate::xapi::format_duration;
use chrono::SecondsFormat;
use frontline_core::needs::NeedMap;
use serde::ser::{Serialize, SerializeMap, Serializer};
use std::borrow::Cow;
use std::sync::LazyLock;
use uuid::Uuid;

/// One xAPI statement of a result.
#[derive(serde::Serialize)]
pub struct Statement<'a> {
    id: Uuid,
    actor: Account<'a>,
    verb: Verb,
    object: Activity<'a>,
    result: Outcome<'a>,
    context: Context<'a>,
    timestamp: String,
}

/// The statements of `r`, in export order: one `answered` per choice, then
/// `completed`, then `passed` or `failed`.
pub fn statements_of(r: &ResultRecord) -> impl Iterator<Item = Statement<'_>> {
    let parts = Parts::of(r);
    let answered: Vec<Statement<'_>> = r
        .choices()
        .enumerate()
        .map(|(i, (step, s, text))| parts.answered(i, step, s, text))
        .collect();
    answered
        .into_iter()
        .chain([parts.completed(), parts.verdict()])
}

/// What every statement of one result shares, computed once.
struct Parts<'a> {
    r: &'a ResultRecord,
    activity: String,
    registration: Uuid,
    ended_at: String,
}

impl<'a> Parts<'a> {
    fn of(r: &'a ResultRecord) -> Parts<'a> {
        Parts {
            r,
            activity: scenario_activity(&r.scenario_id),
            registration: r.id,
            ended_at: millis(r.ended_at().unwrap_or(r.started_at)),
        }
    }

    /// The player: shown by name, identified by the stable player id.
    fn actor(&self) -> Account<'a> {
        Account {
            object_type: "Agent",
            name: &self.r.player,
            account: AccountId {
                home_page: PLAYER_HOME,
                name: Cow::Owned(self.r.player_id.to_string()),
            },
        }
    }

    fn team(&self) -> Account<'a> {
        Account {
            object_type: "Group",
            name: &self.r.team,
            account: AccountId {
                home_page: TEAM_HOME,
                name: Cow::Borrowed(&self.r.team),
            },
        }
    }

    fn scenario(&self) -> Activity<'a> {
        Activity {
            object_type: "Activity",
            id: self.activity.clone(),
            definition: Definition {
                name: LanguageMap {
                    en_us: &self.r.scenario_title,
                },
                kind: "http://adlnet.gov/expapi/activities/simulation",
                interaction_type: None,
            },
        }
    }

    fn context(&self, details: ContextDetails<'a>) -> Context<'a> {
        Context {
            registration: self.registration,
            team: self.team(),
            details,
        }
    }

    fn answered(
        &self,
        i: usize,
        step: usize,
        s: &'a TranscriptStep,
        text: &'a str,
    ) -> Statement<'a> {
        let node = format!("{}/nodes/{}", self.activity, percent_encode(&s.node));
        Statement {
            id: statement_id(self.r.id, "answered", i),
            actor: self.actor(),
            verb: Verb(verbs::ANSWERED),
            object: Activity {
                object_type: "Activity",
                id: node,
                definition: Definition {
                    name: LanguageMap { en_us: &s.node },
                    kind: "http://adlnet.gov/expapi/activities/cmi.interaction",
                    interaction_type: Some("other"),
                },
            },
            result: Outcome::Response {
                response: text,
                extensions: Extensions::Effects(&s.needs),
            },
            context: self.context(ContextDetails::Answered {
                parent: self.activity.clone(),
                step,
                mood: s.mood,
                elapsed: s.elapsed,
            }),
            timestamp: millis(self.r.started_at),
        }
    }

    fn completed(&self) -> Statement<'a> {
        Statement {
            id: statement_id(self.r.id, "completed", 0),
            actor: self.actor(),
            verb: Verb(verbs::COMPLETED),
            object: self.scenario(),
            result: self.scored(),
            context: self.context(ContextDetails::Completed(self.r)),
            timestamp: self.ended_at.clone(),
        }
    }

    fn verdict(&self) -> Statement<'a> {
        let (kind, verb) = if self.r.passed {
            ("passed", verbs::PASSED)
        } else {
            ("failed", verbs::FAILED)
        };
        Statement {
            id: statement_id(self.r.id, kind, 0),
            actor: self.actor(),
            verb: Verb(verb),
            object: self.scenario(),
            result: self.scored(),
            context: self.context(ContextDetails::Plain),
            timestamp: self.ended_at.clone(),
        }
    }

    fn scored(&self) -> Outcome<'a> {
        Outcome::Scored {
            score: Score {
                scaled: f64::from(self.r.overall) / 100.0,
                raw: self.r.overall,
                min: 0,
                max: 100,
            },
            success: self.r.passed,
            completion: true,
            duration: format_duration(self.r.duration_ms),
            extensions: Extensions::Needs(&self.r.needs),
        }
    }
}

fn millis(t: chrono::DateTime<chrono::Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Millis, true)
}

/// An Agent (the player) or an identified Group (the team).
#[derive(serde::Serialize)]
struct Account<'a> {
    #[serde(rename = "objectType")]
    object_type: &'static str,
    name: &'a str,
    account: AccountId<'a>,
}

#[derive(serde::Serialize)]
struct AccountId<'a> {
    #[serde(rename = "homePage")]
    home_page: &'static str,
    name: Cow<'a, str>,
}

/// A verb: its id and, as display, the id's last segment.
struct Verb(&'static str);

impl Serialize for Verb {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let word = self.0.rsplit('/').next().unwrap_or(self.0);
        let mut map = s.serialize_map(Some(2))?;
        map.serialize_entry("id", self.0)?;
        map.serialize_entry("display", &LanguageMap { en_us: word })?;
        map.end()
    }
}

#[derive(serde::Serialize)]
struct LanguageMap<'a> {
    #[serde(rename = "en-US")]
    en_us: &'a str,
}

#[derive(serde::Serialize)]
struct Activity<'a> {
    #[serde(rename = "objectType")]
    object_type: &'static str,
    id: String,
    definition: Definition<'a>,
}

#[derive(serde::Serialize)]
struct Definition<'a> {
    name: LanguageMap<'a>,
    #[serde(rename = "type")]
    kind: &'static str,
    #[serde(rename = "interactionType", skip_serializing_if = "Option::is_none")]
    interaction_type: Option<&'static str>,
}

/// `result`: the scores of a finished play, or the words of one choice.
#[derive(serde::Serialize)]
#[serde(untagged)]
enum Outcome<'a> {
    Scored {
        score: Score,
        success: bool,
        completion: bool,
        duration: String,
        extensions: Extensions<'a>,
    },
    Response {
        response: &'a str,
        extensions: Extensions<'a>,
    },
}

#[derive(serde::Serialize)]
struct Score {
    scaled: f64,
    raw: u8,
    min: u8,
    max: u8,
}

/// Need scores (assessed needs only) or a choice's effects (non-zero only),
/// keyed by their extension IRIs.
enum Extensions<'a> {
    Needs(&'a NeedMap<Option<u8>>),
    Effects(&'a NeedMap<i32>),
}

/// The extension IRIs of need scores and of choice effects, in need order.
static NEED_IRIS: LazyLock<[String; 6]> = LazyLock::new(|| NEED_COLUMNS.map(need_extension));
static EFFECT_IRIS: LazyLock<[String; 6]> = LazyLock::new(|| NEED_COLUMNS.map(effect_extension));

impl Serialize for Extensions<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(None)?;
        match self {
            Extensions::Needs(needs) => {
                for (value, iri) in needs.0.iter().zip(NEED_IRIS.iter()) {
                    if let Some(value) = value {
                        map.serialize_entry(iri, value)?;
                    }
                }
            }
            Extensions::Effects(effects) => {
                for (value, iri) in effects.0.iter().zip(EFFECT_IRIS.iter()) {
                    if *value != 0 {
                        map.serialize_entry(iri, value)?;
                    }
                }
            }
        }
        map.end()
    }
}

/// `context`: the registration (the result id) and the team, plus what one
/// kind of statement adds.
struct Context<'a> {
    registration: Uuid,
    team: Account<'a>,
    details: ContextDetails<'a>,
}

enum ContextDetails<'a> {
    /// Nothing more (`passed` / `failed`).
    Plain,
    /// The scenario as parent activity and where in the play the choice fell.
    Answered {
        parent: String,
        step: usize,
        mood: i32,
        elapsed: u32,
    },
    /// Every field of the result that the rest of the statement does not
    /// carry, so an import rebuilds the record exactly.
    Completed(&'a ResultRecord),
}

/// Extension IRIs of the `completed` statement and of an `answered` one.
static CONTEXT_IRIS: LazyLock<[String; 10]> = LazyLock::new(|| {
    [
        "scenario-id",
        "scenario-hash",
        "seed",
        "outcome",
        "grade",
        "started-at",
        "transcript",
        "step",
        "mood",
        "elapsed",
    ]
    .map(extension)
});

impl Serialize for Context<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(None)?;
        map.serialize_entry("registration", &self.registration)?;
        map.serialize_entry("team", &self.team)?;
        let iri = &*CONTEXT_IRIS;
        match &self.details {
            ContextDetails::Plain => {}
            ContextDetails::Answered {
                parent,
                step,
                mood,
                elapsed,
            } => {
                map.serialize_entry("contextActivities", &ParentOnly(parent))?;
                map.serialize_entry(
                    "extensions",
                    &AnsweredExtensions(iri, *step, *mood, *elapsed),
                )?;
            }
            ContextDetails::Completed(r) => {
                map.serialize_entry("extensions", &CompletedExtensions(iri, r))?;
            }
        }
        map.end()
    }
}

/// `contextActivities` naming only the parent scenario.
struct ParentOnly<'a>(&'a str);

impl Serialize for ParentOnly<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        #[derive(serde::Serialize)]
        struct Parent<'a> {
            #[serde(rename = "objectType")]
            object_type: &'static str,
            id: &'a str,
        }
        let mut map = s.serialize_map(Some(1))?;
        map.serialize_entry(
            "parent",
            &[Parent {
                object_type: "Activity",
                id: self.0,
            }],
        )?;
        map.end()
    }
}

struct AnsweredExtensions<'a>(&'a [String; 10], usize, i32, u32);

impl Serialize for AnsweredExtensions<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(3))?;
        map.serialize_entry(&self.0[7], &self.1)?;
        map.serialize_entry(&self.0[8], &self.2)?;
        map.serialize_entry(&self.0[9], &self.3)?;
        map.end()
    }
}

struct CompletedExtensions<'a>(&'a [String; 10], &'a ResultRecord);

impl Serialize for CompletedExtensions<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let (iri, r) = (self.0, self.1);
        let mut map = s.serialize_map(Some(7))?;
        map.serialize_entry(&iri[0], &r.scenario_id)?;
        map.serialize_entry(&iri[1], &r.scenario_hash)?;
        map.serialize_entry(&iri[2], &r.seed.to_string())?;
        map.serialize_entry(&iri[3], outcome_text(r.outcome))?;
        map.serialize_entry(&iri[4], &r.grade.to_string())?;
        map.serialize_entry(
            &iri[5],
            &r.started_at.to_rfc3339_opts(SecondsFormat::AutoSi, true),
        )?;
        map.serialize_entry(&iri[6], &r.transcript)?;
        map.end()
    }
}
