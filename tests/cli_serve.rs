//! `frontline serve` and `frontline serve admin` as a team lead uses them,
//! against the real PostgreSQL that scripts/services/postgres.sh starts.

use frontline_server::testing::{fresh_database, pg_url};
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Output, Stdio};

fn frontline(args: &[&str], database: &str) -> Output {
    Command::new(env!("CARGO_BIN_EXE_frontline"))
        .args(args)
        .env("FRONTLINE_DATABASE_URL", database)
        .output()
        .expect("run frontline")
}

fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// A fresh database on the test cluster, or `None` (skip) without one.
fn database() -> Option<String> {
    let cluster = pg_url()?;
    let rt = frontline_server::runtime().unwrap();
    Some(
        rt.block_on(fresh_database(&cluster))
            .expect("create a database"),
    )
}

/// The token printed by `issue-token` (its last line).
fn issue(args: &[&str], db: &str) -> String {
    let out = frontline(args, db);
    assert!(out.status.success(), "{}", text(&out));
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    stdout.lines().last().unwrap().to_string()
}

/// A `frontline serve` process on a free loopback port, killed on drop.
struct Served {
    child: Child,
    base: String,
}

impl Served {
    fn start(db: &str) -> Served {
        let mut child = Command::new(env!("CARGO_BIN_EXE_frontline"))
            .args(["serve", "--listen", "127.0.0.1:0", "--database", db])
            .stdout(Stdio::piped())
            .spawn()
            .expect("start frontline serve");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let addr = line.trim().rsplit("http://").next().unwrap().to_string();
        assert!(addr.starts_with("127.0.0.1:"), "{line}");
        Served {
            child,
            base: format!("http://{addr}"),
        }
    }

    fn call(&self, method: &str, path: &str, token: &str, body: &str) -> (u16, String) {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .build()
            .into();
        let url = format!("{}{path}", self.base);
        let auth = format!("Bearer {token}");
        let mut response = if method == "GET" {
            agent.get(&url).header("authorization", &auth).call()
        } else {
            agent
                .post(&url)
                .header("authorization", &auth)
                .header("content-type", "application/json")
                .send(body)
        }
        .expect("HTTP");
        let status = response.status().as_u16();
        (status, response.body_mut().read_to_string().unwrap())
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn admin_commands_manage_teams_and_tokens_shown_once() {
    let Some(db) = database() else { return };
    let out = frontline(&["serve", "admin", "create-team", "Branch 12"], &db);
    assert!(out.status.success(), "{}", text(&out));
    let again = frontline(&["serve", "admin", "create-team", "Branch 12"], &db);
    assert_eq!(again.status.code(), Some(1));
    assert!(text(&again).contains("already exists"), "{}", text(&again));
    let blank = frontline(&["serve", "admin", "create-team", "  "], &db);
    assert_eq!(blank.status.code(), Some(1));

    let player = issue(
        &["serve", "admin", "issue-token", "--team", "Branch 12"],
        &db,
    );
    let trainer = issue(&["serve", "admin", "issue-token", "--trainer"], &db);
    assert!(player.starts_with("flt_") && player.len() == 68, "{player}");
    let unknown = frontline(&["serve", "admin", "issue-token", "--team", "Nope"], &db);
    assert_eq!(unknown.status.code(), Some(1));

    let list = text(&frontline(&["serve", "admin", "list-tokens"], &db));
    assert!(
        list.contains("player") && list.contains("Branch 12"),
        "{list}"
    );
    assert!(list.contains("trainer"), "{list}");
    assert!(
        !list.contains(&player) && !list.contains(&trainer),
        "tokens are never shown again"
    );

    let server = Served::start(&db);
    let (status, body) = server.call("GET", "/api/v1/whoami", &player, "");
    assert_eq!(
        (status, body.as_str()),
        (200, r#"{"role":"player","team":"Branch 12"}"#)
    );
    let out = frontline(&["serve", "admin", "revoke-token", "1"], &db);
    assert!(out.status.success(), "{}", text(&out));
    assert_eq!(server.call("GET", "/api/v1/whoami", &player, "").0, 401);
    assert_eq!(server.call("GET", "/api/v1/whoami", &trainer, "").0, 200);
    let list = text(&frontline(&["serve", "admin", "list-tokens"], &db));
    let revoked = list
        .lines()
        .find(|l| l.trim_start().starts_with("1 "))
        .unwrap();
    assert!(
        !revoked.trim_end().ends_with('-'),
        "revocation is listed: {list}"
    );
}

#[test]
fn serving_beyond_loopback_without_tls_needs_an_explicit_flag() {
    let out = frontline(
        &[
            "serve",
            "--listen",
            "0.0.0.0:0",
            "--database",
            "postgres://x@127.0.0.1:1/x",
        ],
        "",
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out).contains("--allow-plain-http"), "{}", text(&out));
    let out = frontline(&["serve"], "");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out).contains("FRONTLINE_DATABASE_URL"),
        "{}",
        text(&out)
    );
}

#[test]
fn two_servers_over_one_database_give_identical_answers() {
    let Some(db) = database() else { return };
    assert!(
        frontline(&["serve", "admin", "create-team", "North"], &db)
            .status
            .success()
    );
    let token = issue(&["serve", "admin", "issue-token", "--team", "North"], &db);
    let a = Served::start(&db);
    let b = Served::start(&db);
    assert_ne!(a.base, b.base);
    let record = |id: u32, overall: u8| {
        let json = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/result.json"
        ))
        .unwrap();
        json.replace("00000001", &format!("{id:08}"))
            .replace("\"overall\": 80", &format!("\"overall\": {overall}"))
    };
    for i in 0..10 {
        let via = if i % 2 == 0 { &a } else { &b };
        let (status, body) = via.call("POST", "/api/v1/results", &token, &record(i, 50 + i as u8));
        assert_eq!(status, 201, "{body}");
    }
    // Posted through one, already there through the other.
    assert_eq!(
        a.call("POST", "/api/v1/results", &token, &record(1, 51)).0,
        200
    );
    for (path, body) in [
        (
            "/api/v1/query/leaderboard",
            r#"{"filter":{},"by":"Player","metric":"Average","limit":null}"#,
        ),
        ("/api/v1/query/need-averages", "{}"),
        ("/api/v1/query/count", "{}"),
        ("/api/v1/query/progress", r#"{"player":"ana"}"#),
    ] {
        let from_a = a.call("POST", path, &token, body);
        assert_eq!(from_a.0, 200, "{path}: {}", from_a.1);
        assert_eq!(from_a, b.call("POST", path, &token, body), "{path}");
    }
    assert_eq!(
        a.call("POST", "/api/v1/query/count", &token, "{}").1,
        r#"{"count":10}"#
    );
    // SIGTERM (systemd's stop) ends the process cleanly.
    let mut a = a;
    let killed = Command::new("kill")
        .args(["-TERM", &a.child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    assert!(
        a.child.wait().unwrap().success(),
        "exit status 0 after SIGTERM"
    );
}
