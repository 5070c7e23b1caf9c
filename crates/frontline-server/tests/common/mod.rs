//! What the server tests share: a fresh database on the real PostgreSQL that
//! `scripts/services/postgres.sh` started (one per test, so tests run in
//! parallel), a server on a free loopback port, and an HTTP client.
#![allow(dead_code)] // each test file uses part of it

pub mod records;

use frontline_server::Database;
use frontline_server::testing::{fresh_database, pg_url};
use serde::Serialize;
use serde_json::Value;
use std::net::SocketAddr;
use tokio::runtime::Runtime;

/// A server on a free loopback port over its own fresh database, with a
/// trainer token and a player token of team `North` (team `South` exists too).
pub struct TestServer {
    /// Runs the server; dropping it stops the server.
    pub rt: Runtime,
    /// The database URL.
    pub url: String,
    /// The server's database handle (for admin actions in tests).
    pub db: Database,
    /// `http://127.0.0.1:port`.
    pub base: String,
    /// A trainer token.
    pub trainer: String,
    /// A player token of team North.
    pub north: String,
}

impl TestServer {
    /// Starts one, or `None` when there is no test PostgreSQL (see [`pg_url`]).
    pub fn start() -> Option<TestServer> {
        let cluster = pg_url()?;
        let rt = Runtime::new().expect("runtime");
        let url = rt
            .block_on(fresh_database(&cluster))
            .expect("create a test database");
        Some(TestServer::over(rt, url))
    }

    /// A server over an existing database `url` (tokens are new ones).
    pub fn over(rt: Runtime, url: String) -> TestServer {
        let db = rt.block_on(Database::connect(&url)).expect("connect");
        let (trainer, north) = rt.block_on(async {
            for team in ["North", "South"] {
                let _ = db.create_team(team).await;
            }
            let trainer = db.issue_token(None).await.expect("trainer token");
            let north = db.issue_token(Some("North")).await.expect("player token");
            (trainer.token, north.token)
        });
        let addr = spawn_server(&rt, db.clone());
        TestServer {
            rt,
            url,
            db,
            base: format!("http://{addr}"),
            trainer,
            north,
        }
    }
}

/// Starts serving `db` on a free loopback port of `rt`; returns the address.
pub fn spawn_server(rt: &Runtime, db: Database) -> SocketAddr {
    let (tx, rx) = std::sync::mpsc::channel();
    let any_port: SocketAddr = "127.0.0.1:0".parse().expect("address");
    rt.spawn(async move {
        let served = frontline_server::serve(db, any_port, move |addr| {
            let _ = tx.send(addr);
        });
        if let Err(e) = served.await {
            eprintln!("test server stopped: {e}");
        }
    });
    rx.recv().expect("server address")
}

/// An answer: status, body as JSON (Null when empty) and the ETag header.
#[derive(Debug)]
pub struct Answer {
    /// HTTP status.
    pub status: u16,
    /// The body.
    pub json: Value,
    /// `ETag`, when sent.
    pub etag: Option<String>,
}

/// A blocking HTTP client that hands back every status as an [`Answer`].
pub fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into()
}

fn answer(mut response: ureq::http::Response<ureq::Body>) -> Answer {
    let status = response.status().as_u16();
    let etag = response
        .headers()
        .get("etag")
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let text = response.body_mut().read_to_string().unwrap_or_default();
    let json = if text.is_empty() {
        Value::Null
    } else {
        serde_json::from_str(&text).unwrap_or_else(|_| panic!("not JSON ({status}): {text}"))
    };
    Answer { status, json, etag }
}

impl TestServer {
    /// `POST path` with `body` as JSON and `token` (none when empty).
    pub fn post(&self, path: &str, token: &str, body: &impl Serialize) -> Answer {
        let bytes = serde_json::to_vec(body).expect("serialise");
        self.post_bytes(path, token, &bytes)
    }

    /// `POST path` with raw bytes labelled as JSON.
    pub fn post_bytes(&self, path: &str, token: &str, bytes: &[u8]) -> Answer {
        let mut request = agent()
            .post(format!("{}{path}", self.base))
            .header("content-type", "application/json");
        if !token.is_empty() {
            request = request.header("authorization", format!("Bearer {token}"));
        }
        answer(request.send(bytes).expect("HTTP request"))
    }

    /// `PUT path` with `body` as JSON.
    pub fn put(&self, path: &str, token: &str, body: &impl Serialize) -> Answer {
        let bytes = serde_json::to_vec(body).expect("serialise");
        let request = agent()
            .put(format!("{}{path}", self.base))
            .header("content-type", "application/json")
            .header("authorization", format!("Bearer {token}"));
        answer(request.send(&bytes[..]).expect("HTTP request"))
    }

    /// `GET path` with `token` and extra headers.
    pub fn get(&self, path: &str, token: &str, headers: &[(&str, &str)]) -> Answer {
        let mut request = agent().get(format!("{}{path}", self.base));
        if !token.is_empty() {
            request = request.header("authorization", format!("Bearer {token}"));
        }
        for (k, v) in headers {
            request = request.header(*k, *v);
        }
        answer(request.call().expect("HTTP request"))
    }

    /// A query answer deserialised, asserting 200.
    pub fn query<T: serde::de::DeserializeOwned>(&self, path: &str, body: &impl Serialize) -> T {
        let a = self.post(path, &self.north, body);
        assert_eq!(a.status, 200, "{path}: {}", a.json);
        serde_json::from_value(a.json).expect("answer shape")
    }
}
