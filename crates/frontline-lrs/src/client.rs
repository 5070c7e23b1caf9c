//! The HTTP side: POST a batch of statements, GET statements back (xAPI
//! 1.0.3, basic auth). Blocking, one connection pool per [`Client`].

use crate::config::LrsConfig;
use serde_json::Value;
use std::time::Duration;

/// How long one request may take before it counts as failed (and is retried).
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(120);

/// What the LRS made of one POST.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Answer {
    /// 200 (stored) or 204 (all already there): every statement is held.
    Stored,
    /// 409: a statement with one of these ids is stored with other content;
    /// an LRS may then refuse the whole batch.
    Conflict(String),
    /// 401 / 403: the credentials were refused; nothing will get through.
    Unauthorised(u16, String),
    /// Any other 4xx: something in the batch is not acceptable.
    Rejected(u16, String),
    /// No answer, a timeout, 429 or 5xx: worth trying again later.
    Unavailable(String),
}

/// A connection to one learning record store.
pub struct Client {
    agent: ureq::Agent,
    statements_url: String,
    authorization: String,
}

impl Client {
    /// A client for `config` (no request is made yet).
    pub fn new(config: &LrsConfig) -> Client {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(REQUEST_TIMEOUT))
            .build()
            .into();
        let credentials = format!("{}:{}", config.user, config.password);
        Client {
            agent,
            statements_url: format!("{}/statements", config.endpoint),
            authorization: format!("Basic {}", base64(credentials.as_bytes())),
        }
    }

    /// POSTs `statements` as one JSON array.
    pub fn post(&self, statements: &[&Value]) -> Answer {
        let body = match serde_json::to_vec(statements) {
            Ok(body) => body,
            Err(e) => return Answer::Rejected(0, format!("cannot encode the statements: {e}")),
        };
        let sent = self
            .agent
            .post(&self.statements_url)
            .header("Authorization", &self.authorization)
            .header("X-Experience-API-Version", "1.0.3")
            .header("Content-Type", "application/json")
            .send(&body[..]);
        let mut response = match sent {
            Ok(r) => r,
            Err(e) => return Answer::Unavailable(e.to_string()),
        };
        let status = response.status().as_u16();
        let text = response
            .body_mut()
            .with_config()
            .limit(64 * 1024)
            .read_to_string()
            .unwrap_or_default();
        let text = shorten(&text);
        match status {
            200..=299 => Answer::Stored,
            409 => Answer::Conflict(text),
            401 | 403 => Answer::Unauthorised(status, text),
            429 | 500..=599 => Answer::Unavailable(format!("HTTP {status}: {text}")),
            _ => Answer::Rejected(status, text),
        }
    }

    /// Every statement matching `query` (xAPI GET parameters, e.g.
    /// `[("registration", id)]`), following the LRS's `more` links.
    pub fn statements(&self, query: &[(&str, &str)]) -> Result<Vec<Value>, String> {
        let mut found = Vec::new();
        let mut request = self.agent.get(&self.statements_url);
        for (k, v) in query {
            request = request.query(*k, *v);
        }
        let mut page = self.get_page(request)?;
        loop {
            if let Some(list) = page.get_mut("statements").and_then(Value::as_array_mut) {
                found.append(list);
            }
            let more = page.get("more").and_then(Value::as_str).unwrap_or("");
            if more.is_empty() {
                return Ok(found);
            }
            let url = resolve_more(&self.statements_url, more);
            page = self.get_page(self.agent.get(&url))?;
        }
    }

    fn get_page(
        &self,
        request: ureq::RequestBuilder<ureq::typestate::WithoutBody>,
    ) -> Result<Value, String> {
        let mut response = request
            .header("Authorization", &self.authorization)
            .header("X-Experience-API-Version", "1.0.3")
            .call()
            .map_err(|e| e.to_string())?;
        let status = response.status().as_u16();
        let text = response
            .body_mut()
            .with_config()
            .limit(256 * 1024 * 1024)
            .read_to_string()
            .map_err(|e| e.to_string())?;
        if status != 200 {
            return Err(format!("HTTP {status}: {}", shorten(&text)));
        }
        serde_json::from_str(&text).map_err(|e| format!("not JSON: {e}"))
    }
}

/// The absolute URL of a `more` link (absolute, or a path on the same host).
fn resolve_more(statements_url: &str, more: &str) -> String {
    if more.starts_with("http://") || more.starts_with("https://") {
        return more.to_string();
    }
    let after_scheme = statements_url.find("://").map_or(0, |i| i + 3);
    let host_end = statements_url[after_scheme..]
        .find('/')
        .map_or(statements_url.len(), |i| after_scheme + i);
    format!("{}{more}", &statements_url[..host_end])
}

/// At most 500 characters of an answer, for messages.
fn shorten(text: &str) -> String {
    let text = text.trim();
    match text.char_indices().nth(500) {
        Some((cut, _)) => format!("{}...", &text[..cut]),
        None => text.to_string(),
    }
}

/// Standard base64 with padding (for the basic-auth header).
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn basic_auth_encoding_matches_rfc_4648_examples() {
        for (plain, encoded) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("Aladdin:open sesame", "QWxhZGRpbjpvcGVuIHNlc2FtZQ=="),
        ] {
            assert_eq!(base64(plain.as_bytes()), encoded, "{plain}");
        }
    }

    #[test]
    fn more_links_resolve_against_the_lrs_host() {
        let base = "http://127.0.0.1:8100/xAPI/statements";
        assert_eq!(
            resolve_more(base, "/xAPI/statements?pit_id=1"),
            "http://127.0.0.1:8100/xAPI/statements?pit_id=1"
        );
        assert_eq!(
            resolve_more(base, "https://other.example/s?x"),
            "https://other.example/s?x"
        );
    }
}
