//! A blocking client of the team server's HTTP API v1 (docs/server.md).
//!
//! Every request carries the bearer token and ends within the configured
//! timeout. Requests that may pass when repeated (no connection, timeout,
//! 5xx, 429) are retried up to four times with a doubling pause while the
//! timeout budget lasts; the caller never waits longer than
//! [`ServerConfig::timeout`].

use crate::config::ServerConfig;
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::time::{Duration, Instant};

/// The largest answer read from the server.
const MAX_ANSWER_BYTES: u64 = 64 * 1024 * 1024;
/// The first pause before a retry; each further one doubles.
const FIRST_RETRY_PAUSE: Duration = Duration::from_millis(200);
/// At most this many retries of one request (0.2 + 0.4 + 0.8 + 1.6 s of pauses).
const MAX_RETRIES: u32 = 4;

/// Why a request to the server failed.
#[derive(Debug, thiserror::Error, Clone, PartialEq, Eq)]
pub enum ApiError {
    /// No answer: connection refused, name not found, timeout, TLS failure.
    #[error("the team server at {url} cannot be reached: {detail}")]
    Unreachable {
        /// The server's base URL.
        url: String,
        /// What failed.
        detail: String,
    },
    /// 401: the token is missing, unknown or revoked.
    #[error("the team server refused the token ({0}); ask your trainer for a new one")]
    Unauthorized(String),
    /// 413: the request body is over the server's limit.
    #[error("the request is larger than the team server accepts")]
    TooLarge,
    /// Any other error answer.
    #[error("the team server answered {status} {code}: {message}")]
    Refused {
        /// HTTP status.
        status: u16,
        /// The error code of the JSON body (`conflict`, `invalid`, ...).
        code: String,
        /// Its message.
        message: String,
    },
    /// An answer that is not what the API promises.
    #[error("the team server sent an answer this version cannot read: {0}")]
    BadAnswer(String),
}

impl ApiError {
    /// Whether repeating the request later may succeed (the data stays pending).
    pub fn is_transient(&self) -> bool {
        match self {
            ApiError::Unreachable { .. } => true,
            ApiError::Refused { status, .. } => *status >= 500 || *status == 429,
            _ => false,
        }
    }
}

/// The JSON error body every endpoint uses.
#[derive(serde::Deserialize, Default)]
struct ErrorBody {
    #[serde(default)]
    error: String,
    #[serde(default)]
    message: String,
}

/// A connection setting for one server; cheap to clone (shares the pool).
#[derive(Clone, Debug)]
pub struct Client {
    agent: ureq::Agent,
    config: ServerConfig,
}

/// An answer: its status and body text.
pub(crate) struct Answer {
    pub status: u16,
    pub body: String,
}

impl Client {
    /// A client for `config` (no request is made yet).
    pub fn new(config: ServerConfig) -> Client {
        let agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(config.timeout))
            .max_redirects(0)
            .user_agent(concat!("frontline/", env!("CARGO_PKG_VERSION")))
            .build()
            .into();
        Client { agent, config }
    }

    /// The server setting in use.
    pub fn config(&self) -> &ServerConfig {
        &self.config
    }

    /// `GET path`, the answer read as `T`.
    pub fn get<T: DeserializeOwned>(
        &self,
        path: &str,
        query: &[(&str, &str)],
    ) -> Result<T, ApiError> {
        let answer = self.exchange(
            |agent, url, budget| {
                let mut req = agent.get(url).header("Authorization", self.bearer());
                for (k, v) in query {
                    req = req.query(*k, *v);
                }
                req.config().timeout_global(Some(budget)).build().call()
            },
            path,
        )?;
        parse(answer)
    }

    /// `POST path` with `body` as JSON, the answer read as `T`.
    pub fn post<B: Serialize + ?Sized, T: DeserializeOwned>(
        &self,
        path: &str,
        body: &B,
    ) -> Result<T, ApiError> {
        let bytes = serde_json::to_vec(body).map_err(|e| ApiError::BadAnswer(e.to_string()))?;
        parse(self.post_raw(path, &bytes)?)
    }

    /// `POST path` with a JSON body already serialised; the raw answer
    /// (any status) after retries.
    pub(crate) fn post_raw(&self, path: &str, json: &[u8]) -> Result<Answer, ApiError> {
        self.exchange(
            |agent, url, budget| {
                agent
                    .post(url)
                    .header("Authorization", self.bearer())
                    .header("Content-Type", "application/json")
                    .config()
                    .timeout_global(Some(budget))
                    .build()
                    .send(json)
            },
            path,
        )
    }

    fn bearer(&self) -> String {
        format!("Bearer {}", self.config.token)
    }

    /// Runs `send` until it gets an answer that is not worth repeating or
    /// the timeout budget is spent; 401 and 413 become their errors.
    fn exchange(
        &self,
        send: impl Fn(
            &ureq::Agent,
            &str,
            Duration,
        ) -> Result<ureq::http::Response<ureq::Body>, ureq::Error>,
        path: &str,
    ) -> Result<Answer, ApiError> {
        let url = format!("{}{}", self.config.url, path);
        let deadline = Instant::now() + self.config.timeout;
        let mut pause = FIRST_RETRY_PAUSE;
        let mut retries = 0;
        loop {
            let budget = deadline.saturating_duration_since(Instant::now());
            let result = send(&self.agent, &url, budget.max(Duration::from_millis(1)))
                .map_err(|e| self.unreachable(e))
                .and_then(read_answer)
                .and_then(classify);
            match result {
                Err(e)
                    if e.is_transient()
                        && retries < MAX_RETRIES
                        && Instant::now() + pause < deadline =>
                {
                    std::thread::sleep(pause);
                    pause *= 2;
                    retries += 1;
                }
                other => return other,
            }
        }
    }

    fn unreachable(&self, e: ureq::Error) -> ApiError {
        ApiError::Unreachable {
            url: self.config.url.clone(),
            detail: e.to_string(),
        }
    }
}

fn read_answer(mut response: ureq::http::Response<ureq::Body>) -> Result<Answer, ApiError> {
    let status = response.status().as_u16();
    let body = response
        .body_mut()
        .with_config()
        .limit(MAX_ANSWER_BYTES)
        .read_to_string()
        .map_err(|e| ApiError::BadAnswer(format!("reading the answer: {e}")))?;
    Ok(Answer { status, body })
}

/// 2xx and the per-record statuses pass; other statuses become [`ApiError`]s.
fn classify(answer: Answer) -> Result<Answer, ApiError> {
    match answer.status {
        200..=299 => Ok(answer),
        401 => Err(ApiError::Unauthorized(error_body(&answer).message)),
        413 => Err(ApiError::TooLarge),
        // Single-record answers the caller reads itself.
        403 | 409 | 422 => Ok(answer),
        status => {
            let body = error_body(&answer);
            Err(ApiError::Refused {
                status,
                code: body.error,
                message: body.message,
            })
        }
    }
}

fn error_body(answer: &Answer) -> ErrorBody {
    serde_json::from_str(&answer.body).unwrap_or_else(|_| ErrorBody {
        error: String::new(),
        message: answer.body.chars().take(200).collect(),
    })
}

/// A 2xx answer read as `T`; 403/409/422 as their error.
fn parse<T: DeserializeOwned>(answer: Answer) -> Result<T, ApiError> {
    if !(200..=299).contains(&answer.status) {
        let body = error_body(&answer);
        return Err(ApiError::Refused {
            status: answer.status,
            code: body.error,
            message: body.message,
        });
    }
    serde_json::from_str(&answer.body).map_err(|e| ApiError::BadAnswer(e.to_string()))
}

/// `GET /api/v1/whoami`.
#[derive(Clone, Debug, PartialEq, Eq, serde::Deserialize)]
pub struct WhoAmI {
    /// `player` or `trainer`.
    pub role: String,
    /// The token's team (empty for a trainer).
    #[serde(default)]
    pub team: String,
}

impl Client {
    /// Who the token belongs to (also proves the server is up and the token valid).
    pub fn whoami(&self) -> Result<WhoAmI, ApiError> {
        self.get("/api/v1/whoami", &[])
    }
}
