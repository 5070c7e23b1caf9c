//! Dashboard sessions: signing in with a token opens a session whose random
//! id lives only in the browser's cookie; the database keeps its SHA-256,
//! the token it stands for and when it expires. Any `serve` process over the
//! same database therefore answers the same cookie alike.

use crate::auth::{Caller, caller_of, new_token, token_hash};
use crate::{Database, ServerError};
use axum::http::HeaderMap;
use axum::http::header::COOKIE;

/// The cookie's name.
pub const COOKIE_NAME: &str = "frontline_session";

/// How long a session lasts after sign-in, in seconds (8 hours: a working day).
pub const SESSION_SECONDS: i64 = 8 * 60 * 60;

/// How the session cookie is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CookiePolicy {
    /// Add `Secure` (the browser sends the cookie over HTTPS only). Off only
    /// when the operator allows plain HTTP (loopback or a trusted network).
    pub secure: bool,
}

impl Default for CookiePolicy {
    fn default() -> CookiePolicy {
        CookiePolicy { secure: true }
    }
}

impl CookiePolicy {
    /// `Set-Cookie` value carrying session `id`.
    pub fn open(&self, id: &str) -> String {
        self.cookie(id, SESSION_SECONDS)
    }

    /// `Set-Cookie` value that makes the browser forget the session.
    pub fn clear(&self) -> String {
        self.cookie("", 0)
    }

    fn cookie(&self, value: &str, max_age: i64) -> String {
        let secure = if self.secure { "; Secure" } else { "" };
        format!(
            "{COOKIE_NAME}={value}; HttpOnly; SameSite=Strict; Path=/; Max-Age={max_age}{secure}"
        )
    }
}

/// The session id in a request's `Cookie` headers, if any.
pub fn session_id(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, value)| *name == COOKIE_NAME && !value.is_empty())
        .map(|(_, value)| value.to_string())
}

impl Database {
    /// Opens a session for the holder of `token`; returns the new session id
    /// (for the cookie) and who signed in, or `None` for an unknown or
    /// revoked token. Expired sessions are swept at the same time.
    pub async fn open_session(&self, token: &str) -> Result<Option<(String, Caller)>, ServerError> {
        let Some(caller) = self.caller(token).await? else {
            return Ok(None);
        };
        // A fresh random value shaped like a token; only its hash is stored.
        let id = new_token()?;
        let client = self.client().await?;
        client
            .execute(
                "DELETE FROM dashboard_sessions WHERE expires_at <= now()",
                &[],
            )
            .await?;
        client
            .execute(
                "INSERT INTO dashboard_sessions (id_hash, token_id, expires_at) \
                 VALUES ($1, $2, now() + make_interval(secs => $3))",
                &[
                    &token_hash(&id),
                    &caller.token_id,
                    &(SESSION_SECONDS as f64),
                ],
            )
            .await?;
        Ok(Some((id, caller)))
    }

    /// Who holds session `id`: `None` when it is unknown, expired, signed
    /// out, or its token was revoked.
    pub async fn session_caller(&self, id: &str) -> Result<Option<Caller>, ServerError> {
        let row = self
            .client()
            .await?
            .query_opt(
                "SELECT t.id, t.role, t.team FROM dashboard_sessions s \
                 JOIN tokens t ON t.id = s.token_id \
                 WHERE s.id_hash = $1 AND s.expires_at > now() AND t.revoked_at IS NULL",
                &[&token_hash(id)],
            )
            .await?;
        Ok(row.as_ref().map(caller_of))
    }

    /// Ends session `id` (sign-out). Unknown ids are ignored.
    pub async fn close_session(&self, id: &str) -> Result<(), ServerError> {
        self.client()
            .await?
            .execute(
                "DELETE FROM dashboard_sessions WHERE id_hash = $1",
                &[&token_hash(id)],
            )
            .await?;
        Ok(())
    }

    /// Ends every session opened with token `token_id` (it was revoked).
    pub async fn end_sessions_of(&self, token_id: i64) -> Result<u64, ServerError> {
        Ok(self
            .client()
            .await?
            .execute(
                "DELETE FROM dashboard_sessions WHERE token_id = $1",
                &[&token_id],
            )
            .await?)
    }
}

/// Whether `id` looks like a session id this server hands out.
pub fn well_formed(id: &str) -> bool {
    id.len() == 68 && id.starts_with("flt_") && id[4..].bytes().all(|b| b.is_ascii_hexdigit())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::auth::hex;
    use axum::http::HeaderValue;

    #[test]
    fn the_cookie_is_http_only_strict_and_expires() {
        let policy = CookiePolicy::default();
        let c = policy.open("abc");
        assert!(c.starts_with("frontline_session=abc;"));
        for part in [
            "HttpOnly",
            "SameSite=Strict",
            "Path=/",
            "Max-Age=28800",
            "Secure",
        ] {
            assert!(c.contains(part), "{c} lacks {part}");
        }
        let plain = CookiePolicy { secure: false }.open("abc");
        assert!(!plain.contains("Secure"));
        assert!(policy.clear().contains("Max-Age=0"));
    }

    #[test]
    fn the_session_id_is_found_among_other_cookies() {
        let mut h = HeaderMap::new();
        h.append(
            COOKIE,
            HeaderValue::from_static("a=1; frontline_session=xyz; b=2"),
        );
        assert_eq!(session_id(&h).as_deref(), Some("xyz"));
        let mut empty = HeaderMap::new();
        empty.append(COOKIE, HeaderValue::from_static("frontline_session="));
        assert_eq!(session_id(&empty), None);
        assert!(!well_formed("xyz"));
        assert!(well_formed(&format!("flt_{}", hex(&[7u8; 32]))));
    }
}
