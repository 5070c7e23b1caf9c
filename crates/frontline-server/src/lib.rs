//! Frontline's team results server: results from many machines in one
//! PostgreSQL database, answered over an HTTP API (`/api/v1`, see
//! docs/server.md) with the same record, validation and query semantics as
//! the embedded SQLite store.
//!
//! - [`Database`]: the pool, migrations ([`schema`]) and the stored results;
//!   [`queries`] answers the leaderboard, team, progress and library reads.
//! - [`api::router`]: the HTTP endpoints, every one behind a bearer token
//!   ([`auth`]); [`admin`] manages teams and tokens.
//! - [`dashboard::router`]: the browser dashboard under `/` (docs/dashboard.md).
//! - [`analytics`]: encounter analytics from counters kept at insert time.
//! - [`serve`]: listen and answer until Ctrl-C / SIGTERM.

pub mod admin;
pub mod analytics;
pub mod api;
pub mod auth;
pub mod bulk;
pub mod dashboard;
pub mod days;
pub mod demo;
pub mod library;
pub mod queries;
pub mod rows;
pub mod schema;
pub mod store;
pub mod testing;

pub use store::{Database, Posted};

use std::net::SocketAddr;

/// Environment variable naming the database when `--database` is not given.
pub const DATABASE_ENV: &str = "FRONTLINE_DATABASE_URL";

/// Why the server (or an admin command) failed.
#[derive(Debug, thiserror::Error)]
pub enum ServerError {
    /// The database URL cannot be read.
    #[error("the database URL is not valid: {0}")]
    BadUrl(String),
    /// No connection could be had from the pool (database down, wrong URL...).
    #[error("cannot reach the database: {0}")]
    Unavailable(String),
    /// A statement failed.
    #[error("database error: {0}")]
    Database(#[from] tokio_postgres::Error),
    /// The database was migrated by a newer Frontline.
    #[error(
        "the database has schema version {found}, newer than this build understands ({supported}); update Frontline"
    )]
    TooNew {
        /// Its version.
        found: i32,
        /// The newest this build knows.
        supported: i32,
    },
    /// A stored row could not be read back.
    #[error("stored row {id} is unreadable: {detail}")]
    BadRow {
        /// The row's key.
        id: String,
        /// What is wrong.
        detail: String,
    },
    /// An admin command was given something it cannot use.
    #[error("{0}")]
    Refused(String),
    /// Listening or serving failed.
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

impl From<deadpool_postgres::PoolError> for ServerError {
    fn from(e: deadpool_postgres::PoolError) -> ServerError {
        ServerError::Unavailable(e.to_string())
    }
}

/// A multi-threaded runtime for the CLI's blocking commands.
pub fn runtime() -> std::io::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
}

/// Answers the API and the dashboard on `addr` until Ctrl-C or SIGTERM;
/// `ready` is called with the bound address (port 0 picks a free one) once
/// it accepts connections. Session cookies are `Secure`.
pub async fn serve(
    db: Database,
    addr: SocketAddr,
    ready: impl FnOnce(SocketAddr),
) -> Result<(), ServerError> {
    serve_with(db, addr, dashboard::CookiePolicy::default(), ready).await
}

/// Every route: the dashboard's pages and the API under `/api/v1`.
pub fn app(db: Database, cookies: dashboard::CookiePolicy) -> axum::Router {
    dashboard::router(db.clone(), cookies).merge(api::router(db))
}

/// [`serve`] with the dashboard's cookie policy given.
pub async fn serve_with(
    db: Database,
    addr: SocketAddr,
    cookies: dashboard::CookiePolicy,
    ready: impl FnOnce(SocketAddr),
) -> Result<(), ServerError> {
    let listener = tokio::net::TcpListener::bind(addr).await?;
    ready(listener.local_addr()?);
    axum::serve(listener, app(db, cookies))
        .with_graceful_shutdown(shutdown_signal())
        .await?;
    Ok(())
}

/// Whether `addr` is reachable only from this machine.
pub fn is_loopback(addr: &SocketAddr) -> bool {
    addr.ip().is_loopback()
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
}
