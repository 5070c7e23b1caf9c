//! The shell every page shares: document head with the inline style sheet,
//! a skip link, the navigation, the signed-in user and sign-out, and the
//! definitions box that says what the numbers mean. Also the error pages.

use crate::ServerError;
use crate::auth::{Caller, Role};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use frontline_core::scoring::Grade;
use maud::{DOCTYPE, Markup, PreEscaped, html};

/// The style sheet, inline so a page is one request. Colours meet WCAG 2.1
/// AA contrast on white (text #1a1a1a, links #0b4f9c, muted #4a4a4a) and
/// the focus ring is a thick dark outline on every focusable element.
const STYLE: &str = r#"
*{box-sizing:border-box}
body{font-family:system-ui,sans-serif;margin:0;color:#1a1a1a;background:#fff;line-height:1.45}
a{color:#0b4f9c}
a:focus-visible,button:focus-visible,select:focus-visible,input:focus-visible,summary:focus-visible{outline:3px solid #1a1a1a;outline-offset:2px}
.skip{position:absolute;left:-999px;top:0;background:#fff;padding:.5rem;z-index:9}
.skip:focus{left:.5rem}
header{background:#12355b;color:#fff;padding:.5rem 1rem;display:flex;flex-wrap:wrap;gap:1rem;align-items:center}
header a{color:#fff}
header nav ul{list-style:none;display:flex;gap:1rem;margin:0;padding:0}
header .who{margin-left:auto}
header button{font:inherit;background:#fff;color:#12355b;border:0;border-radius:3px;padding:.25rem .6rem;cursor:pointer}
main{max-width:72rem;margin:0 auto;padding:1rem}
h1{margin-top:.5rem}
table{border-collapse:collapse;margin:.5rem 0 1rem}
th,td{border:1px solid #8a8a8a;padding:.25rem .5rem;text-align:left}
th{background:#e8eef5}
td.num{text-align:right;font-variant-numeric:tabular-nums}
form.filters{display:flex;flex-wrap:wrap;gap:.75rem;align-items:flex-end;margin-bottom:1rem}
form.filters .field{display:flex;flex-direction:column;font-size:.9rem}
select,input,button{font:inherit}
.card{border:1px solid #8a8a8a;border-radius:4px;padding:.75rem 1rem;margin:1rem 0}
.muted{color:#4a4a4a}
.charts{display:flex;flex-wrap:wrap;gap:2rem;align-items:flex-start}
figure{margin:0}
details{margin:.5rem 0}
summary{cursor:pointer}
.pass{color:#1b5e20;font-weight:600}
.fail{color:#a4161a;font-weight:600}
"#;

/// A whole page for `viewer`: shell around `body`, with `title` as `<title>` and `<h1>`.
pub fn page(viewer: &Caller, title: &str, body: Markup) -> Response {
    let who = match (viewer.role, viewer.team.as_deref()) {
        (Role::Trainer, _) => "Trainer".to_string(),
        (Role::Player, Some(team)) => format!("Team {team}"),
        (Role::Player, None) => "Team member".to_string(),
    };
    let markup = html! {
        (DOCTYPE)
        html lang="en" {
            (head(title))
            body {
                a.skip href="#main" { "Skip to content" }
                header {
                    strong { "Frontline dashboard" }
                    nav aria-label="Dashboard" {
                        ul {
                            li { a href="/" { "Overview" } }
                            li { a href="/leaderboard" { "Leaderboard" } }
                            li { a href="/players" { "Trainees" } }
                        }
                    }
                    span.who { "Signed in: " (who) }
                    form method="post" action="/sign-out" {
                        button type="submit" { "Sign out" }
                    }
                }
                main #main tabindex="-1" {
                    h1 { (title) }
                    (body)
                }
            }
        }
    };
    html_response(StatusCode::OK, markup)
}

fn head(title: &str) -> Markup {
    html! {
        head {
            meta charset="utf-8";
            meta name="viewport" content="width=device-width, initial-scale=1";
            title { (title) " · Frontline" }
            style { (PreEscaped(STYLE)) }
        }
    }
}

/// A page outside the signed-in shell (sign-in, errors).
pub fn bare_page(status: StatusCode, title: &str, body: Markup) -> Response {
    let markup = html! {
        (DOCTYPE)
        html lang="en" {
            (head(title))
            body {
                main #main {
                    h1 { (title) }
                    (body)
                }
            }
        }
    };
    html_response(status, markup)
}

/// An error page with a way back.
pub fn error_page(status: StatusCode, title: &str, message: &str) -> Response {
    bare_page(
        status,
        title,
        html! {
            p { (message) }
            p { a href="/" { "Back to the overview" } }
        },
    )
}

/// The page shown when the database failed (503 when unreachable, else 500).
pub fn failure(e: ServerError) -> Response {
    eprintln!("frontline serve: dashboard: {e}");
    match e {
        ServerError::Unavailable(_) => error_page(
            StatusCode::SERVICE_UNAVAILABLE,
            "Results unavailable",
            "The results database cannot be reached right now. Try again in a minute.",
        ),
        _ => error_page(
            StatusCode::INTERNAL_SERVER_ERROR,
            "Something went wrong",
            "The server could not build this page; its log says why.",
        ),
    }
}

/// 403: this user may not see that.
pub fn forbidden(message: &str) -> Response {
    error_page(StatusCode::FORBIDDEN, "Not your team", message)
}

/// 404.
pub fn not_found(message: &str) -> Response {
    error_page(StatusCode::NOT_FOUND, "Not found", message)
}

fn html_response(status: StatusCode, markup: Markup) -> Response {
    (
        status,
        [
            ("content-type", "text/html; charset=utf-8"),
            ("cache-control", "no-store"),
            ("x-frame-options", "DENY"),
            (
                "content-security-policy",
                "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'",
            ),
        ],
        markup.into_string(),
    )
        .into_response()
}

/// What the numbers on the dashboard mean, shown beside them.
pub fn definitions() -> Markup {
    let bands = [Grade::A, Grade::B, Grade::C, Grade::D, Grade::E];
    html! {
        details.card {
            summary { "What the numbers mean" }
            dl {
                dt { "Need score (0–100)" }
                dd {
                    "How well one play met one customer need, scaled between the worst (0) and the best (100) \
                     result the encounter allows for that need. An average is taken over the plays whose \
                     encounter assesses that need."
                }
                dt { "Overall score" }
                dd { "The mean of the needs an encounter assesses, 0–100." }
                dt { "Passed" }
                dd {
                    "A play passes when its overall score reaches the encounter's pass mark (60 unless the \
                     encounter sets another) and the customer leaves at least Satisfied (Neutral in an \
                     encounter marked as one that cannot end well). Pass rate = passed plays ÷ plays."
                }
                dt { "Grades" }
                dd {
                    ul {
                        @for g in bands {
                            li { strong { (g.letter()) } " " (band(g)) ": " (g.verdict()) }
                        }
                    }
                }
            }
        }
    }
}

fn band(g: Grade) -> &'static str {
    match g {
        Grade::A => "90–100",
        Grade::B => "75–89",
        Grade::C => "60–74",
        Grade::D => "40–59",
        Grade::E => "0–39",
    }
}

/// A `<select>` named `name` with its own `<label>`, offering `(value,
/// text)` options with `chosen` selected (the first when none matches).
pub fn select_field(name: &str, label: &str, options: &[(String, String)], chosen: &str) -> Markup {
    let id = format!("f-{name}");
    html! {
        span.field {
            label for=(id) { (label) }
            select #(id) name=(name) {
                @for (value, text) in options {
                    option value=(value) selected[value == chosen] { (text) }
                }
            }
        }
    }
}

/// A number with one decimal, or "–" when absent.
pub fn one_decimal(v: Option<f64>) -> String {
    v.map_or_else(|| "–".to_string(), |v| format!("{v:.1}"))
}

/// A share as a whole percentage, or "–" without plays.
pub fn percent(part: u64, whole: u64) -> String {
    if whole == 0 {
        "–".into()
    } else {
        format!("{:.0} %", part as f64 * 100.0 / whole as f64)
    }
}

/// The one-row table of plays, mean overall score and pass rate that heads
/// the overview and a trainee's page.
pub fn summary_table(plays: u64, overall: Option<f64>, passed: u64) -> Markup {
    html! {
        table {
            thead { tr { th scope="col" { "Plays" } th scope="col" { "Mean overall score" } th scope="col" { "Pass rate" } } }
            tbody { tr {
                td.num { (plays) }
                td.num { (one_decimal(overall)) }
                td.num { (percent(passed, plays)) }
            } }
        }
    }
}
