//! Every error the API answers, always as
//! `{"error": code, "message": text, "problems"?: [...], "fields"?: [...]}`,
//! and the JSON body extractor that turns bad bodies into such errors.

use crate::ServerError;
use axum::extract::{FromRequest, Request};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use frontline_results::FieldProblem;
use serde::Serialize;
use serde::de::DeserializeOwned;

/// One field's problem, as the API shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// The field (`player`, `transcript[3].choice`, `dialogues/a.ron:4:7`).
    pub field: String,
    /// What is wrong with it.
    pub message: String,
}

impl From<FieldProblem> for Problem {
    fn from(p: FieldProblem) -> Problem {
        Problem {
            field: p.field,
            message: p.message,
        }
    }
}

/// An error answer.
#[derive(Clone, Debug, Serialize)]
pub struct ApiError {
    /// Its HTTP status.
    #[serde(skip)]
    pub status: StatusCode,
    /// Stable short code (`unauthorized`, `invalid`, `conflict`, ...).
    pub error: &'static str,
    /// What went wrong, for people.
    pub message: String,
    /// Each invalid field (422).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub problems: Option<Vec<Problem>>,
    /// The fields that differ from the stored result (409).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fields: Option<Vec<&'static str>>,
}

impl ApiError {
    /// An error with a status, code and message.
    pub fn new(status: StatusCode, error: &'static str, message: impl Into<String>) -> ApiError {
        ApiError {
            status,
            error,
            message: message.into(),
            problems: None,
            fields: None,
        }
    }

    /// 401: no valid token.
    pub fn unauthorized(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::UNAUTHORIZED, "unauthorized", message)
    }

    /// 403: the token may not do this.
    pub fn forbidden(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::FORBIDDEN, "forbidden", message)
    }

    /// 422 with every problem found.
    pub fn invalid(problems: Vec<Problem>) -> ApiError {
        let message = match problems.as_slice() {
            [one] => format!("{}: {}", one.field, one.message),
            many => format!("{} problems; see `problems`", many.len()),
        };
        ApiError {
            problems: Some(problems),
            ..ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, "invalid", message)
        }
    }

    /// 409: the id is stored with other content.
    pub fn conflict(id: uuid::Uuid, fields: Vec<&'static str>) -> ApiError {
        let message = format!(
            "result {id} is already stored with a different {}; the stored one is kept",
            fields.join(", ")
        );
        ApiError {
            fields: Some(fields),
            ..ApiError::new(StatusCode::CONFLICT, "conflict", message)
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (self.status, axum::Json(&self)).into_response()
    }
}

impl From<ServerError> for ApiError {
    fn from(e: ServerError) -> ApiError {
        eprintln!("frontline serve: {e}");
        match e {
            ServerError::Unavailable(_) => ApiError::new(
                StatusCode::SERVICE_UNAVAILABLE,
                "unavailable",
                "the results database cannot be reached; try again later",
            ),
            _ => ApiError::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                "internal",
                "the server failed to answer; its log says why",
            ),
        }
    }
}

/// A JSON request body whose every failure (too large, not JSON, wrong
/// shape) is an [`ApiError`].
pub struct Body<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for Body<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, ApiError> {
        match axum::Json::<T>::from_request(req, state).await {
            Ok(axum::Json(v)) => Ok(Body(v)),
            Err(rejection) => {
                let status = rejection.status();
                let code = match status {
                    StatusCode::PAYLOAD_TOO_LARGE => "too_large",
                    StatusCode::UNSUPPORTED_MEDIA_TYPE => "unsupported_media_type",
                    StatusCode::UNPROCESSABLE_ENTITY => "invalid",
                    _ => "bad_request",
                };
                Err(ApiError::new(status, code, rejection.body_text()))
            }
        }
    }
}
