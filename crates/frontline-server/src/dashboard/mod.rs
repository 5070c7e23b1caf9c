//! The browser dashboard for team leads and trainers (docs/dashboard.md):
//! server-rendered HTML pages with server-drawn SVG charts, no JavaScript.
//!
//! Every page needs a session ([`session`]) opened at `/sign-in` with a team
//! (player) or trainer token; without one the browser is sent to sign in.
//! Every POST must come from this site (`Sec-Fetch-Site` or `Origin`), so
//! another site cannot submit a form in the user's name.

mod charts;
mod data;
mod debrief;
mod downloads;
mod encounters;
mod layout;
mod leaderboard;
mod overview;
pub mod session;
mod signin;
mod trainee;

pub use session::CookiePolicy;

use crate::Database;
use crate::auth::Caller;
use axum::Router;
use axum::extract::{Request, State};
use axum::http::header::{HOST, ORIGIN};
use axum::http::{HeaderMap, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;

/// What every dashboard handler can reach.
#[derive(Clone)]
pub struct Dashboard {
    /// The results database.
    pub db: Database,
    /// How session cookies are written.
    pub cookies: CookiePolicy,
}

/// The dashboard's routes over `db`.
pub fn router(db: Database, cookies: CookiePolicy) -> Router {
    let state = Dashboard { db, cookies };
    let signed_in = Router::new()
        .route("/", get(overview::show))
        .route("/leaderboard", get(leaderboard::show))
        .route("/players", get(trainee::list))
        .route("/players/{team}/{name}", get(trainee::show))
        .route("/encounters/{id}", get(encounters::show))
        .route("/downloads/results.csv", get(downloads::csv))
        .route("/downloads/results.xapi.json", get(downloads::xapi))
        .route("/sign-out", axum::routing::post(signin::sign_out))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            require_session,
        ));
    Router::new()
        .route("/sign-in", get(signin::form).post(signin::sign_in))
        .merge(signed_in)
        .layer(middleware::from_fn(same_site_posts_only))
        .with_state(state)
}

/// Sends the browser to sign in unless its cookie names a live session;
/// otherwise attaches the [`Caller`].
async fn require_session(
    State(app): State<Dashboard>,
    mut request: Request,
    next: Next,
) -> Response {
    let id = session::session_id(request.headers()).filter(|id| session::well_formed(id));
    let caller = match id {
        Some(id) => match app.db.session_caller(&id).await {
            Ok(caller) => caller,
            Err(e) => return layout::failure(e),
        },
        None => None,
    };
    match caller {
        Some(caller) => {
            request.extensions_mut().insert(caller);
            next.run(request).await
        }
        None => Redirect::to("/sign-in").into_response(),
    }
}

/// Refuses (403) a POST that a browser says came from another site.
async fn same_site_posts_only(request: Request, next: Next) -> Response {
    if request.method() == Method::POST && !same_site(request.headers()) {
        return layout::error_page(
            StatusCode::FORBIDDEN,
            "Refused",
            "This form was sent from another site, so it was not accepted. Open the dashboard \
             and submit it from there.",
        );
    }
    next.run(request).await
}

/// Whether a POST comes from this site: `Sec-Fetch-Site` says so (modern
/// browsers), or else `Origin` names this host. A request with neither is
/// refused too: every browser sends at least one of them on a POST.
pub fn same_site(headers: &HeaderMap) -> bool {
    let text = |name| headers.get(name).and_then(|v| v.to_str().ok());
    if let Some(site) = text("sec-fetch-site") {
        return matches!(site, "same-origin" | "none");
    }
    match (text(ORIGIN.as_str()), text(HOST.as_str())) {
        (Some(origin), Some(host)) => origin
            .split_once("://")
            .is_some_and(|(_, rest)| rest == host),
        _ => false,
    }
}

/// The signed-in user, attached by [`require_session`].
type Viewer = axum::Extension<Caller>;

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, HeaderValue::from_static(v));
        }
        h
    }

    #[test]
    fn only_same_site_posts_pass() {
        assert!(same_site(&headers(&[("sec-fetch-site", "same-origin")])));
        assert!(!same_site(&headers(&[("sec-fetch-site", "cross-site")])));
        assert!(!same_site(&headers(&[("sec-fetch-site", "same-site")])));
        let ok = [
            ("origin", "http://127.0.0.1:8080"),
            ("host", "127.0.0.1:8080"),
        ];
        assert!(same_site(&headers(&ok)));
        let evil = [
            ("origin", "https://evil.example"),
            ("host", "127.0.0.1:8080"),
        ];
        assert!(!same_site(&headers(&evil)));
        assert!(!same_site(&headers(&[("host", "127.0.0.1:8080")])));
    }
}
