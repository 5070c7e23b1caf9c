//! Helpers of the team server's CLI tests: `frontline` runs, a fresh database
//! on the test PostgreSQL, and `frontline serve` processes.
#![allow(dead_code)] // each test file uses part of it

use frontline_server::testing::{fresh_database, pg_url};
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Output, Stdio};

/// Runs `frontline ARGS` with `FRONTLINE_DATABASE_URL` set.
pub fn frontline(args: &[&str], database: &str) -> Output {
    Command::new(env!("CARGO_BIN_EXE_frontline"))
        .args(args)
        .env("FRONTLINE_DATABASE_URL", database)
        .output()
        .expect("run frontline")
}

/// Standard output and error together.
pub fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// A fresh database on the test cluster, or `None` (skip) without one.
pub fn database() -> Option<String> {
    let cluster = pg_url()?;
    let rt = frontline_server::runtime().unwrap();
    Some(
        rt.block_on(fresh_database(&cluster))
            .expect("create a database"),
    )
}

/// The token printed by `issue-token` (its last line).
pub fn issue(args: &[&str], db: &str) -> String {
    let out = frontline(args, db);
    assert!(out.status.success(), "{}", text(&out));
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    stdout.lines().last().unwrap().to_string()
}

/// A `frontline serve` process on a free loopback port, killed on drop.
pub struct Served {
    /// The process.
    pub child: Child,
    /// `http://127.0.0.1:port`.
    pub base: String,
}

impl Served {
    /// Starts one over `db`.
    pub fn start(db: &str) -> Served {
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

    /// Sends `method path` (GET, or a POST with a JSON body); status and body text.
    pub fn call(&self, method: &str, path: &str, token: &str, body: &str) -> (u16, String) {
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
