//! A checker for the xAPI 1.0.3 statement rules Frontline's export relies on
//! (Data section 2.4): required parts, no unknown properties, Agent and Group
//! shapes with exactly one identifier, IRI / IRL / UUID / timestamp /
//! duration / language-map forms, and score ranges.

use super::parse_duration;
use serde_json::{Map, Value};

/// One broken rule: where (a JSON path like `result.score.scaled`) and what.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Violation {
    /// Path in the statement.
    pub path: String,
    /// The rule.
    pub message: String,
}

impl std::fmt::Display for Violation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

/// Every rule `statement` breaks (empty when valid).
pub fn validate_statement(statement: &Value) -> Vec<Violation> {
    let mut c = Checker::default();
    c.statement("", statement);
    c.found
}

const STATEMENT_KEYS: &[&str] = &[
    "id",
    "actor",
    "verb",
    "object",
    "result",
    "context",
    "timestamp",
    "stored",
    "authority",
    "version",
    "attachments",
];
const AGENT_KEYS: &[&str] = &[
    "objectType",
    "name",
    "mbox",
    "mbox_sha1sum",
    "openid",
    "account",
];
const GROUP_KEYS: &[&str] = &[
    "objectType",
    "name",
    "member",
    "mbox",
    "mbox_sha1sum",
    "openid",
    "account",
];
const IFIS: &[&str] = &["mbox", "mbox_sha1sum", "openid", "account"];
const RESULT_KEYS: &[&str] = &[
    "score",
    "success",
    "completion",
    "response",
    "duration",
    "extensions",
];
const SCORE_KEYS: &[&str] = &["scaled", "raw", "min", "max"];
const CONTEXT_KEYS: &[&str] = &[
    "registration",
    "instructor",
    "team",
    "contextActivities",
    "revision",
    "platform",
    "language",
    "statement",
    "extensions",
];
const DEFINITION_KEYS: &[&str] = &[
    "name",
    "description",
    "type",
    "moreInfo",
    "interactionType",
    "correctResponsesPattern",
    "choices",
    "scale",
    "source",
    "target",
    "steps",
    "extensions",
];
const INTERACTION_TYPES: &[&str] = &[
    "true-false",
    "choice",
    "fill-in",
    "long-fill-in",
    "matching",
    "performance",
    "sequencing",
    "likert",
    "numeric",
    "other",
];

#[derive(Default)]
struct Checker {
    found: Vec<Violation>,
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

impl Checker {
    fn fail(&mut self, path: &str, message: impl Into<String>) {
        self.found.push(Violation {
            path: path.to_string(),
            message: message.into(),
        });
    }

    /// The object at `path`, with only `allowed` keys; `None` (reported) otherwise.
    fn object<'a>(
        &mut self,
        path: &str,
        v: &'a Value,
        allowed: &[&str],
    ) -> Option<&'a Map<String, Value>> {
        let Some(o) = v.as_object() else {
            self.fail(path, "must be a JSON object");
            return None;
        };
        for k in o.keys().filter(|k| !allowed.contains(&k.as_str())) {
            self.fail(&join(path, k), "is not an xAPI property here");
        }
        Some(o)
    }

    fn statement(&mut self, path: &str, v: &Value) {
        let Some(s) = self.object(path, v, STATEMENT_KEYS) else {
            return;
        };
        if let Some(id) = s.get("id") {
            self.uuid(&join(path, "id"), id);
        }
        for part in ["actor", "verb", "object"] {
            if !s.contains_key(part) {
                self.fail(&join(path, part), "is required");
            }
        }
        if let Some(a) = s.get("actor") {
            self.agent_or_group(&join(path, "actor"), a);
        }
        if let Some(verb) = s.get("verb") {
            let p = join(path, "verb");
            if let Some(vb) = self.object(&p, verb, &["id", "display"]) {
                self.required_iri(&p, vb, "id");
                if let Some(d) = vb.get("display") {
                    self.language_map(&join(&p, "display"), d);
                }
            }
        }
        if let Some(o) = s.get("object") {
            self.object_part(&join(path, "object"), o);
        }
        if let Some(r) = s.get("result") {
            self.result(&join(path, "result"), r);
        }
        if let Some(c) = s.get("context") {
            let is_activity = s
                .get("object")
                .and_then(|o| o.get("objectType"))
                .is_none_or(|t| t == "Activity");
            self.context(&join(path, "context"), c, is_activity);
        }
        for t in ["timestamp", "stored"] {
            if let Some(ts) = s.get(t) {
                let ok = ts
                    .as_str()
                    .is_some_and(|x| chrono::DateTime::parse_from_rfc3339(x).is_ok());
                if !ok {
                    self.fail(
                        &join(path, t),
                        "must be an ISO 8601 timestamp with a time zone",
                    );
                }
            }
        }
    }

    fn object_part(&mut self, path: &str, v: &Value) {
        match v
            .get("objectType")
            .and_then(Value::as_str)
            .unwrap_or("Activity")
        {
            "Activity" => self.activity(path, v),
            "Agent" | "Group" => self.agent_or_group(path, v),
            "StatementRef" => {
                if let Some(o) = self.object(path, v, &["objectType", "id"]) {
                    match o.get("id") {
                        Some(id) => self.uuid(&join(path, "id"), id),
                        None => self.fail(&join(path, "id"), "is required"),
                    }
                }
            }
            other => self.fail(
                &join(path, "objectType"),
                format!("`{other}` is not checked by this validator"),
            ),
        }
    }

    fn activity(&mut self, path: &str, v: &Value) {
        let Some(a) = self.object(path, v, &["objectType", "id", "definition"]) else {
            return;
        };
        self.required_iri(path, a, "id");
        let Some(def) = a.get("definition") else {
            return;
        };
        let p = join(path, "definition");
        let Some(d) = self.object(&p, def, DEFINITION_KEYS) else {
            return;
        };
        for lm in ["name", "description"] {
            if let Some(m) = d.get(lm) {
                self.language_map(&join(&p, lm), m);
            }
        }
        if let Some(t) = d.get("type") {
            self.iri(&join(&p, "type"), t, false);
        }
        if let Some(t) = d.get("moreInfo") {
            self.iri(&join(&p, "moreInfo"), t, true);
        }
        if let Some(t) = d.get("interactionType")
            && !t.as_str().is_some_and(|t| INTERACTION_TYPES.contains(&t))
        {
            self.fail(
                &join(&p, "interactionType"),
                "must be one of the xAPI interaction types",
            );
        }
        if let Some(e) = d.get("extensions") {
            self.extensions(&join(&p, "extensions"), e);
        }
    }

    fn agent_or_group(&mut self, path: &str, v: &Value) {
        if v.get("objectType").and_then(Value::as_str) == Some("Group") {
            self.group(path, v);
        } else {
            self.agent(path, v);
        }
    }

    fn agent(&mut self, path: &str, v: &Value) {
        let Some(a) = self.object(path, v, AGENT_KEYS) else {
            return;
        };
        if let Some(t) = a.get("objectType").filter(|t| *t != "Agent") {
            self.fail(
                &join(path, "objectType"),
                format!("must be \"Agent\", not {t}"),
            );
        }
        self.name(path, a);
        let ifis = self.ifis(path, a);
        if ifis != 1 {
            self.fail(path, format!("an Agent needs exactly one identifier (mbox, mbox_sha1sum, openid or account), found {ifis}"));
        }
    }

    fn group(&mut self, path: &str, v: &Value) {
        let Some(g) = self.object(path, v, GROUP_KEYS) else {
            return;
        };
        self.name(path, g);
        let ifis = self.ifis(path, g);
        if ifis > 1 {
            self.fail(path, "a Group has at most one identifier");
        }
        match g.get("member") {
            Some(Value::Array(members)) => {
                for (i, m) in members.iter().enumerate() {
                    self.agent(&format!("{path}.member[{i}]"), m);
                }
                if ifis == 0 && members.is_empty() {
                    self.fail(&join(path, "member"), "an anonymous Group needs members");
                }
            }
            Some(_) => self.fail(&join(path, "member"), "must be an array of Agents"),
            None if ifis == 0 => self.fail(path, "a Group needs an identifier or members"),
            None => {}
        }
    }

    fn name(&mut self, path: &str, o: &Map<String, Value>) {
        if o.get("name").is_some_and(|n| !n.is_string()) {
            self.fail(&join(path, "name"), "must be text");
        }
    }

    /// Checks and counts the inverse functional identifiers present.
    fn ifis(&mut self, path: &str, o: &Map<String, Value>) -> usize {
        for key in IFIS.iter().filter(|k| o.contains_key(**k)) {
            let p = join(path, key);
            let v = &o[*key];
            match *key {
                "mbox" => {
                    if !v
                        .as_str()
                        .is_some_and(|m| m.starts_with("mailto:") && m.len() > 7)
                    {
                        self.fail(&p, "must be a mailto: IRI");
                    }
                }
                "mbox_sha1sum" => {
                    if !v
                        .as_str()
                        .is_some_and(|h| h.len() == 40 && h.bytes().all(|b| b.is_ascii_hexdigit()))
                    {
                        self.fail(&p, "must be 40 hexadecimal digits");
                    }
                }
                "openid" => self.iri(&p, v, false),
                _ => {
                    if let Some(acc) = self.object(&p, v, &["homePage", "name"]) {
                        match acc.get("homePage") {
                            Some(h) => self.iri(&join(&p, "homePage"), h, true),
                            None => self.fail(&join(&p, "homePage"), "is required"),
                        }
                        if !acc.get("name").is_some_and(Value::is_string) {
                            self.fail(&join(&p, "name"), "is required and must be text");
                        }
                    }
                }
            }
        }
        IFIS.iter().filter(|k| o.contains_key(**k)).count()
    }

    fn result(&mut self, path: &str, v: &Value) {
        let Some(r) = self.object(path, v, RESULT_KEYS) else {
            return;
        };
        for flag in ["success", "completion"] {
            if r.get(flag).is_some_and(|f| !f.is_boolean()) {
                self.fail(&join(path, flag), "must be true or false");
            }
        }
        if r.get("response").is_some_and(|f| !f.is_string()) {
            self.fail(&join(path, "response"), "must be text");
        }
        if let Some(d) = r.get("duration")
            && d.as_str().and_then(parse_duration).is_none()
        {
            self.fail(
                &join(path, "duration"),
                "must be an ISO 8601 duration such as PT1M23.5S",
            );
        }
        if let Some(e) = r.get("extensions") {
            self.extensions(&join(path, "extensions"), e);
        }
        if let Some(score) = r.get("score") {
            self.score(&join(path, "score"), score);
        }
    }

    fn score(&mut self, path: &str, v: &Value) {
        let Some(s) = self.object(path, v, SCORE_KEYS) else {
            return;
        };
        let mut num = |key: &str| -> Option<f64> {
            let x = s.get(key)?;
            let n = x.as_f64();
            if n.is_none() {
                self.fail(&join(path, key), "must be a number");
            }
            n
        };
        let (scaled, raw, min, max) = (num("scaled"), num("raw"), num("min"), num("max"));
        if scaled.is_some_and(|x| !(-1.0..=1.0).contains(&x)) {
            self.fail(&join(path, "scaled"), "must be between -1 and 1");
        }
        if let (Some(lo), Some(hi)) = (min, max)
            && lo >= hi
        {
            self.fail(&join(path, "min"), "must be less than max");
        }
        if let Some(r) = raw
            && (min.is_some_and(|lo| r < lo) || max.is_some_and(|hi| r > hi))
        {
            self.fail(&join(path, "raw"), "must be between min and max");
        }
    }

    fn context(&mut self, path: &str, v: &Value, object_is_activity: bool) {
        let Some(c) = self.object(path, v, CONTEXT_KEYS) else {
            return;
        };
        if let Some(r) = c.get("registration") {
            self.uuid(&join(path, "registration"), r);
        }
        if let Some(i) = c.get("instructor") {
            self.agent_or_group(&join(path, "instructor"), i);
        }
        if let Some(t) = c.get("team") {
            if t.get("objectType").and_then(Value::as_str) != Some("Group") {
                self.fail(
                    &join(path, "team"),
                    "must be a Group (objectType \"Group\")",
                );
            }
            self.group(&join(path, "team"), t);
        }
        for key in ["revision", "platform"] {
            if c.contains_key(key) && !object_is_activity {
                self.fail(
                    &join(path, key),
                    "is only allowed when the object is an Activity",
                );
            }
            if c.get(key).is_some_and(|x| !x.is_string()) {
                self.fail(&join(path, key), "must be text");
            }
        }
        if let Some(l) = c.get("language")
            && !l.as_str().is_some_and(language_tag)
        {
            self.fail(&join(path, "language"), "must be an RFC 5646 language tag");
        }
        if let Some(ca) = c.get("contextActivities") {
            let p = join(path, "contextActivities");
            if let Some(kinds) = self.object(&p, ca, &["parent", "grouping", "category", "other"]) {
                for (kind, acts) in kinds {
                    let list = match acts {
                        Value::Array(list) => list.iter().collect(),
                        single => vec![single],
                    };
                    for (i, a) in list.into_iter().enumerate() {
                        self.activity(&format!("{p}.{kind}[{i}]"), a);
                    }
                }
            }
        }
        if let Some(e) = c.get("extensions") {
            self.extensions(&join(path, "extensions"), e);
        }
    }

    fn extensions(&mut self, path: &str, v: &Value) {
        let Some(o) = v.as_object() else {
            self.fail(path, "must be a JSON object");
            return;
        };
        for key in o.keys().filter(|k| !is_iri(k, false)) {
            self.fail(&format!("{path}[{key}]"), "extension keys must be IRIs");
        }
    }

    fn language_map(&mut self, path: &str, v: &Value) {
        let Some(o) = v.as_object() else {
            self.fail(path, "must be a language map (object)");
            return;
        };
        for (tag, text) in o {
            if !language_tag(tag) {
                self.fail(
                    &format!("{path}[{tag}]"),
                    "keys must be RFC 5646 language tags",
                );
            }
            if !text.is_string() {
                self.fail(&format!("{path}[{tag}]"), "must be text");
            }
        }
    }

    fn required_iri(&mut self, path: &str, o: &Map<String, Value>, key: &str) {
        match o.get(key) {
            Some(v) => self.iri(&join(path, key), v, false),
            None => self.fail(&join(path, key), "is required"),
        }
    }

    fn iri(&mut self, path: &str, v: &Value, must_be_irl: bool) {
        match v.as_str() {
            Some(s) if is_iri(s, must_be_irl) => {}
            _ if must_be_irl => self.fail(path, "must be an absolute http(s) IRL"),
            _ => self.fail(path, "must be an absolute IRI (scheme:...)"),
        }
    }

    fn uuid(&mut self, path: &str, v: &Value) {
        if !v.as_str().is_some_and(is_uuid) {
            self.fail(
                path,
                "must be a UUID (8-4-4-4-12 hex digits, RFC 4122 variant)",
            );
        }
    }
}

/// An absolute IRI: `scheme:rest`, no spaces, controls or `<>"{}|\^\``; an
/// IRL must also be http(s).
pub fn is_iri(s: &str, must_be_irl: bool) -> bool {
    let Some((scheme, rest)) = s.split_once(':') else {
        return false;
    };
    let scheme_ok = scheme
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c));
    let rest_ok = !rest.is_empty()
        && !rest
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || "<>\"{}|\\^`".contains(c));
    let irl_ok = !must_be_irl
        || (matches!(scheme.to_ascii_lowercase().as_str(), "http" | "https")
            && rest.len() > 2
            && rest.starts_with("//"));
    scheme_ok && rest_ok && irl_ok
}

/// Hyphenated UUID with the RFC 4122 variant and a version 1..=5.
pub fn is_uuid(s: &str) -> bool {
    let shape = s.len() == 36
        && s.char_indices().all(|(i, c)| match i {
            8 | 13 | 18 | 23 => c == '-',
            _ => c.is_ascii_hexdigit(),
        });
    shape
        && uuid::Uuid::parse_str(s).is_ok_and(|u| {
            u.get_variant() == uuid::Variant::RFC4122 && (1..=5).contains(&u.get_version_num())
        })
}

/// A plausible RFC 5646 tag: a 2..=3 (or 4..=8) letter primary subtag, then
/// 1..=8 alphanumeric subtags.
pub fn language_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let primary = parts.next().unwrap_or("");
    (2..=8).contains(&primary.len())
        && primary.chars().all(|c| c.is_ascii_alphabetic())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}
