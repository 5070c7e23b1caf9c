//! The dashboard's sessions, cookies and authorization against a real
//! PostgreSQL and a real server on loopback (the browser tests in
//! tools/dashboard-e2e drive the pages themselves).

mod common;

use common::TestServer;
use common::records::record;
use frontline_server::auth::token_hash;

/// One HTTP answer, redirects not followed.
struct Page {
    status: u16,
    location: Option<String>,
    cookie: Option<String>,
    /// `Content-Security-Policy`, `Cache-Control` and `X-Frame-Options`.
    guards: [Option<String>; 3],
    body: String,
}

fn client() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(0)
        .build()
        .into()
}

fn page(mut response: ureq::http::Response<ureq::Body>) -> Page {
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    };
    let (location, cookie) = (header("location"), header("set-cookie"));
    let guards = [
        header("content-security-policy"),
        header("cache-control"),
        header("x-frame-options"),
    ];
    Page {
        status: response.status().as_u16(),
        location,
        cookie,
        guards,
        body: response.body_mut().read_to_string().unwrap_or_default(),
    }
}

impl TestServer {
    fn origin(&self) -> String {
        self.base.clone()
    }

    /// `POST path` as a form from this site (or from `origin`).
    fn form(&self, path: &str, body: &str, origin: &str, session: Option<&str>) -> Page {
        let mut r = client()
            .post(format!("{}{path}", self.base))
            .header("content-type", "application/x-www-form-urlencoded")
            .header("origin", origin);
        if let Some(id) = session {
            r = r.header("cookie", format!("frontline_session={id}"));
        }
        page(r.send(body).expect("HTTP"))
    }

    /// `GET path` with the session cookie `session`.
    fn open(&self, path: &str, session: Option<&str>) -> Page {
        let mut r = client().get(format!("{}{path}", self.base));
        if let Some(id) = session {
            r = r.header("cookie", format!("frontline_session={id}"));
        }
        page(r.call().expect("HTTP"))
    }

    /// Signs in with `token`; returns the session id from the cookie.
    fn sign_in(&self, token: &str) -> String {
        let p = self.form("/sign-in", &format!("token={token}"), &self.origin(), None);
        assert_eq!(p.status, 303, "{}", p.body);
        let cookie = p.cookie.expect("a session cookie");
        let value = cookie.split(';').next().unwrap_or_default();
        value
            .strip_prefix("frontline_session=")
            .expect("cookie name")
            .to_string()
    }

    fn sql_count(&self, sql: &str, param: &str) -> i64 {
        self.rt.block_on(async {
            let client = self.db.client().await.expect("client");
            client
                .query_one(sql, &[&param])
                .await
                .expect("query")
                .get(0)
        })
    }
}

fn signed_out(p: &Page) -> bool {
    p.status == 303 && p.location.as_deref() == Some("/sign-in")
}

#[test]
fn signing_in_sets_a_strict_http_only_expiring_cookie_and_stores_only_a_hash() {
    let Some(s) = TestServer::start() else { return };
    let p = s.form("/sign-in", &format!("token={}", s.north), &s.origin(), None);
    assert_eq!((p.status, p.location.as_deref()), (303, Some("/")));
    let cookie = p.cookie.expect("cookie");
    for part in [
        "HttpOnly",
        "SameSite=Strict",
        "Path=/",
        "Max-Age=28800",
        "Secure",
    ] {
        assert!(cookie.contains(part), "{cookie} lacks {part}");
    }
    let id = s.sign_in(&s.north);
    let by_id = "SELECT COUNT(*) FROM dashboard_sessions WHERE id_hash = $1";
    assert_eq!(s.sql_count(by_id, &id), 0, "the id itself is never stored");
    assert_eq!(s.sql_count(by_id, &token_hash(&id)), 1);
    let hours = "SELECT (EXTRACT(EPOCH FROM expires_at - now()) / 3600)::bigint \
                 FROM dashboard_sessions WHERE id_hash = $1";
    assert_eq!(s.sql_count(hours, &token_hash(&id)), 8);
    let home = s.open("/", Some(&id));
    assert_eq!(home.status, 200);
    assert!(home.body.contains("Team overview") && home.body.contains("Team North"));
    let [csp, cache, frames] = home.guards;
    assert!(csp.expect("CSP").contains("default-src 'none'"));
    assert_eq!(cache.as_deref(), Some("no-store"));
    assert_eq!(frames.as_deref(), Some("DENY"));
}

#[test]
fn no_page_answers_without_a_live_session_and_a_wrong_token_gets_none() {
    let Some(s) = TestServer::start() else { return };
    for path in [
        "/",
        "/leaderboard",
        "/players",
        "/players/North/00000000-0000-4000-8000-000000000000",
        "/downloads/results.csv",
    ] {
        assert!(signed_out(&s.open(path, None)), "{path}");
        assert!(signed_out(&s.open(path, Some("flt_nonsense"))), "{path}");
    }
    let wrong = s.form("/sign-in", "token=flt_0000", &s.origin(), None);
    assert_eq!(wrong.status, 401);
    assert!(wrong.cookie.is_none());
    assert!(wrong.body.contains("not valid"));
}

#[test]
fn signing_out_expiry_and_revocation_each_end_a_session() {
    let Some(s) = TestServer::start() else { return };
    let id = s.sign_in(&s.north);
    let out = s.form("/sign-out", "", &s.origin(), Some(&id));
    assert!(signed_out(&out));
    assert!(out.cookie.expect("cleared cookie").contains("Max-Age=0"));
    assert!(signed_out(&s.open("/", Some(&id))));

    let expiring = s.sign_in(&s.north);
    assert_eq!(s.open("/", Some(&expiring)).status, 200);
    s.sql_count(
        "WITH e AS (UPDATE dashboard_sessions SET expires_at = now() - interval '1 second' \
         WHERE id_hash = $1 RETURNING 1) SELECT COUNT(*) FROM e",
        &token_hash(&expiring),
    );
    assert!(signed_out(&s.open("/", Some(&expiring))));
    s.sign_in(&s.north);
    let rows = "SELECT COUNT(*) FROM dashboard_sessions WHERE id_hash = $1";
    assert_eq!(
        s.sql_count(rows, &token_hash(&expiring)),
        0,
        "swept at the next sign-in"
    );

    let revoked = s.sign_in(&s.north);
    let token_id =
        s.rt.block_on(s.db.caller(&s.north))
            .expect("db")
            .expect("caller")
            .token_id;
    s.rt.block_on(s.db.revoke_token(token_id)).expect("revoke");
    assert!(signed_out(&s.open("/", Some(&revoked))));
    let by_token = "SELECT COUNT(*) FROM dashboard_sessions s JOIN tokens t ON t.id = s.token_id \
                    WHERE t.hash = $1";
    assert_eq!(
        s.sql_count(by_token, &token_hash(&s.north)),
        0,
        "revoking deleted them"
    );
}

#[test]
fn a_second_server_over_the_same_database_honours_the_session() {
    let Some(s) = TestServer::start() else { return };
    let id = s.sign_in(&s.trainer);
    let db =
        s.rt.block_on(frontline_server::Database::connect(&s.url))
            .expect("connect");
    let other = common::spawn_server(&s.rt, db);
    let answer = page(
        client()
            .get(format!("http://{other}/leaderboard"))
            .header("cookie", format!("frontline_session={id}"))
            .call()
            .expect("HTTP"),
    );
    assert_eq!(answer.status, 200);
    assert!(answer.body.contains("Signed in: Trainer"));
}

#[test]
fn posts_from_another_site_are_refused() {
    let Some(s) = TestServer::start() else { return };
    let token = format!("token={}", s.north);
    let evil = s.form("/sign-in", &token, "https://evil.example", None);
    assert_eq!(evil.status, 403);
    assert!(evil.cookie.is_none());
    let id = s.sign_in(&s.north);
    let out = s.form("/sign-out", "", "https://evil.example", Some(&id));
    assert_eq!(out.status, 403);
    assert_eq!(s.open("/", Some(&id)).status, 200, "the session survived");
    let fetch_site = page(
        client()
            .post(format!("{}/sign-out", s.base))
            .header("sec-fetch-site", "cross-site")
            .header("origin", s.origin())
            .header("cookie", format!("frontline_session={id}"))
            .send("")
            .expect("HTTP"),
    );
    assert_eq!(fetch_site.status, 403, "Sec-Fetch-Site wins over Origin");
}

#[test]
fn a_team_token_sees_only_its_own_teams_trainees_and_downloads() {
    let Some(s) = TestServer::start() else { return };
    for r in [record(1, "ana", "North", 80), record(2, "bo", "South", 40)] {
        assert_eq!(s.post("/api/v1/results", &s.trainer, &r).status, 201);
    }
    let north = s.sign_in(&s.north);
    let own = s.open(&trainee("North", "ana"), Some(&north));
    assert_eq!(own.status, 200);
    assert!(
        own.body.contains("not in the published library"),
        "stored transcript, with why"
    );
    assert_eq!(s.open(&trainee("South", "bo"), Some(&north)).status, 403);
    assert_eq!(s.open("/?team=South", Some(&north)).status, 403);
    assert_eq!(
        s.open("/downloads/results.csv?team=South", Some(&north))
            .status,
        403
    );
    let csv = s.open("/downloads/results.csv", Some(&north));
    assert_eq!(csv.status, 200);
    let rows: Vec<&str> = csv.body.lines().skip(1).collect();
    assert_eq!(rows.len(), 1);
    assert!(rows[0].contains(",ana,North,"));
    let xapi = s.open("/downloads/results.xapi.json", Some(&north));
    let statements: Vec<serde_json::Value> = serde_json::from_str(&xapi.body).expect("JSON array");
    let ana = record(1, "ana", "North", 80);
    assert_eq!(
        statements,
        frontline_results::xapi::statements(&[ana]),
        "only North's result"
    );
    let board = s.open("/leaderboard", Some(&north));
    assert!(
        board
            .body
            .contains(&format!("href=\"{}\"", trainee("North", "ana")))
    );
    assert!(board.body.contains(">bo<") && !board.body.contains("href=\"/players/South/"));

    let trainer = s.sign_in(&s.trainer);
    assert_eq!(s.open(&trainee("South", "bo"), Some(&trainer)).status, 200);
    let all = s.open("/downloads/results.csv", Some(&trainer));
    assert_eq!(all.body.lines().count(), 3);
}

#[test]
fn the_leaderboard_form_filters_by_period_team_and_ranks_teams() {
    let Some(s) = TestServer::start() else { return };
    let mut recent = record(3, "cy", "South", 90);
    recent.started_at = chrono::Utc::now() - chrono::Duration::hours(2);
    for r in [
        record(1, "ana", "North", 80),
        record(2, "bo", "South", 40),
        recent,
    ] {
        assert_eq!(s.post("/api/v1/results", &s.trainer, &r).status, 201);
    }
    let id = s.sign_in(&s.trainer);
    let rows = |query: &str| {
        let p = s.open(&format!("/leaderboard?{query}"), Some(&id));
        assert_eq!(p.status, 200);
        p.body.matches("<tr><td class=\"num\">").count()
    };
    assert_eq!(rows(""), 3);
    assert_eq!(rows("period=24h"), 1, "only the play of two hours ago");
    assert_eq!(rows("period=all&team=South"), 2);
    assert_eq!(rows("by=teams&metric=average"), 2);
    let teams = s
        .open("/leaderboard?by=teams&metric=average", Some(&id))
        .body;
    let north = teams.find(">North<").expect("North ranked");
    let south = teams.find(">South<").expect("South ranked");
    assert!(north < south, "North (80) ranks above South (mean 65)");
}

/// The shipped dialogues as library files.
fn shipped_dialogues() -> Vec<frontline_server::library::LibraryFile> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../dialogues");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("dialogues")
        .filter_map(|e| {
            let path = e.ok()?.path();
            let text = std::fs::read_to_string(&path).ok()?;
            let name = path.file_name()?.to_string_lossy().into_owned();
            Some(frontline_server::library::LibraryFile { path: name, text })
        })
        .collect();
    files.sort_by(|a, b| a.path.cmp(&b.path));
    files
}

#[test]
fn a_play_on_the_published_version_gets_its_debrief_rebuilt_and_an_edited_one_says_so() {
    let Some(s) = TestServer::start() else { return };
    let report =
        s.rt.block_on(s.db.fill_demo(
            &shipped_dialogues(),
            frontline_server::demo::DemoShape {
                teams: 1,
                plays: 2,
                seed: 4,
                ..Default::default()
            },
        ))
        .expect("demo data");
    assert!(report.published);
    assert_eq!(report.stored, 6, "3 players x 2 plays of team North");
    let id = s.sign_in(&s.north);
    let players = s.open("/players", Some(&id)).body;
    let href = players
        .split("href=\"")
        .filter_map(|part| part.split('"').next())
        .find(|h| h.starts_with("/players/North/"))
        .expect("a North trainee")
        .to_string();
    let page = s.open(&href, Some(&id)).body;
    assert_eq!(
        page.matches("Rebuilt from encounter version").count(),
        2,
        "{href}"
    );
    assert!(
        page.contains("Score per need") && page.contains("<em>"),
        "feedback shown"
    );

    let player_id = href.rsplit('/').next().expect("player id");
    s.sql_count(
        "WITH e AS (UPDATE results SET scenario_hash = repeat('0', 64) \
         WHERE player_id::text = $1 RETURNING 1) SELECT COUNT(*) FROM e",
        player_id,
    );
    let edited = s.open(&href, Some(&id)).body;
    assert_eq!(edited.matches("Rebuilt from encounter version").count(), 0);
    assert_eq!(edited.matches("edited after this play").count(), 2);
}

/// The dashboard address of the player `name` of `team` (the id a record
/// without its own gets).
fn trainee(team: &str, name: &str) -> String {
    format!(
        "/players/{team}/{}",
        frontline_results::derived_player_id(team, name)
    )
}

#[test]
fn a_trainer_picks_a_team_before_its_trainees_are_listed() {
    let Some(s) = TestServer::start() else { return };
    s.rt.block_on(s.db.fill_demo(
        &shipped_dialogues(),
        frontline_server::demo::DemoShape {
            teams: 2,
            plays: 1,
            ..Default::default()
        },
    ))
    .expect("demo data");
    let id = s.sign_in(&s.trainer);
    let teams = s.open("/players", Some(&id)).body;
    for team in ["North", "South"] {
        assert!(
            teams.contains(&format!(
                "href=\"/players?team={team}\">{team}</a> (3 trainees)"
            )),
            "{teams}"
        );
    }
    assert!(
        !teams.contains("href=\"/players/"),
        "no trainee before a team is picked"
    );
    let north = s.open("/players?team=North", Some(&id)).body;
    assert_eq!(
        north.matches("href=\"/players/North/").count(),
        3,
        "{north}"
    );
    assert!(!north.contains("href=\"/players/South/"));
}
