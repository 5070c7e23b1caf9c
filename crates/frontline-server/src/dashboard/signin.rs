//! `/sign-in` (a form for a team or trainer token) and `/sign-out`.

use super::layout::{bare_page, failure};
use super::{Dashboard, session};
use axum::Form;
use axum::extract::State;
use axum::http::header::{LOCATION, SET_COOKIE};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use maud::{Markup, html};
use serde::Deserialize;

/// The sign-in form's fields.
#[derive(Deserialize)]
pub struct SignIn {
    token: String,
}

/// `GET /sign-in`.
pub async fn form() -> Response {
    sign_in_page(StatusCode::OK, None)
}

/// `POST /sign-in`: opens a session for a valid token and goes to the
/// overview; a wrong or revoked token gets the form again with a 401.
pub async fn sign_in(State(app): State<Dashboard>, Form(f): Form<SignIn>) -> Response {
    match app.db.open_session(f.token.trim()).await {
        Ok(Some((id, _))) => (
            StatusCode::SEE_OTHER,
            [
                (SET_COOKIE, app.cookies.open(&id)),
                (LOCATION, "/".to_string()),
            ],
        )
            .into_response(),
        Ok(None) => sign_in_page(
            StatusCode::UNAUTHORIZED,
            Some(
                "That token is not valid: it is mistyped, or it was revoked. Ask your trainer for a new one.",
            ),
        ),
        Err(e) => failure(e),
    }
}

/// `POST /sign-out`: ends the session in the database and clears the cookie.
pub async fn sign_out(State(app): State<Dashboard>, headers: HeaderMap) -> Response {
    if let Some(id) = session::session_id(&headers)
        && let Err(e) = app.db.close_session(&id).await
    {
        return failure(e);
    }
    (
        StatusCode::SEE_OTHER,
        [
            (SET_COOKIE, app.cookies.clear()),
            (LOCATION, "/sign-in".to_string()),
        ],
    )
        .into_response()
}

fn sign_in_page(status: StatusCode, problem: Option<&str>) -> Response {
    bare_page(status, "Sign in to the Frontline dashboard", body(problem))
}

fn body(problem: Option<&str>) -> Markup {
    html! {
        p {
            "Paste the token your trainer gave you: a team token shows your team's results, a \
             trainer token shows every team. The session lasts eight hours or until you sign out."
        }
        @if let Some(problem) = problem {
            p.fail role="alert" #problem { (problem) }
        }
        form method="post" action="/sign-in" {
            p {
                label for="token" { "Token" }
                br;
                input #token name="token" type="password" autocomplete="off" required size="72"
                    aria-describedby=[problem.map(|_| "problem")];
            }
            button type="submit" { "Sign in" }
        }
    }
}
