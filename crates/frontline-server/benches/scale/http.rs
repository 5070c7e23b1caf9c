//! The bench's HTTP side: a blocking client signed in as a trainer, and
//! the server under test in a child process (this bench binary re-run
//! with [`SERVE_ENV`] set), so its peak RSS is the server's alone.

use frontline_server::Database;
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

/// Names the filled database.
pub const DB_ENV: &str = "FRONTLINE_SCALE_DB_URL";
/// Set in the child process that serves.
pub const SERVE_ENV: &str = "FRONTLINE_SCALE_SERVE";

/// A blocking client with the session cookie and the trainer token.
#[derive(Clone)]
pub struct Http {
    base: String,
    cookie: String,
    token: String,
    agent: ureq::Agent,
}

impl Http {
    pub fn new(base: &str, session: &str, token: &str) -> Http {
        Http {
            base: base.to_string(),
            cookie: format!("frontline_session={session}"),
            token: token.to_string(),
            agent: ureq::Agent::config_builder()
                .http_status_as_error(false)
                .build()
                .into(),
        }
    }

    /// `GET path` as the signed-in trainer; returns the body's size.
    pub fn get(&self, path: &str) -> usize {
        let mut r = self
            .agent
            .get(format!("{}{path}", self.base))
            .header("Cookie", &self.cookie)
            .call()
            .unwrap();
        assert_eq!(r.status(), 200, "{path}");
        r.body_mut().read_to_vec().unwrap().len()
    }

    /// `POST path` with `body` as JSON and the trainer token, expecting `status`.
    pub fn post(&self, path: &str, body: &impl serde::Serialize, status: u16) -> usize {
        let mut r = self
            .agent
            .post(format!("{}{path}", self.base))
            .header("Authorization", &format!("Bearer {}", self.token))
            .send_json(body)
            .unwrap();
        assert_eq!(r.status(), status, "{path}");
        r.body_mut().read_to_vec().unwrap().len()
    }
}

/// The server in its own process.
pub struct Server {
    child: Child,
    /// `http://address` of the server.
    pub base: String,
}

impl Server {
    pub fn start(url: &str) -> Server {
        let mut child = Command::new(std::env::current_exe().unwrap())
            .env(DB_ENV, url)
            .env(SERVE_ENV, "1")
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        Server {
            child,
            base: format!("http://{}", line.trim()),
        }
    }

    pub fn peak_rss_mb(&self) -> u64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id()))
            .unwrap_or_default();
        status
            .lines()
            .find_map(|l| l.strip_prefix("VmHWM:"))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
            .map_or(0, |kb| kb / 1024)
    }

    pub fn stop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The child: serves the database and prints its address.
pub fn serve(url: &str) {
    let rt = frontline_server::runtime().unwrap();
    rt.block_on(async {
        let db = Database::connect(url).await.unwrap();
        let policy = frontline_server::dashboard::CookiePolicy { secure: false };
        let any: std::net::SocketAddr = "127.0.0.1:0".parse().unwrap();
        frontline_server::serve_with(db, any, policy, |addr| println!("{addr}"))
            .await
            .unwrap();
    });
}
