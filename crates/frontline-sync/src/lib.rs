//! The game's and CLI's side of the team results server (docs/server.md).
//!
//! - [`config`]: where the server is (`--server`, `FRONTLINE_SERVER`,
//!   `server.ron`) and the token; plain HTTP only to this machine unless allowed.
//! - [`client`]: a blocking HTTP client (ureq) with timeouts and retries.
//!   Blocking on purpose: the game has no async runtime, and its syncing
//!   runs on a background thread ([`background`]) that never holds up a frame.
//! - [`outbox`]: the local SQLite store is the outbox; every result is
//!   committed there first and sent in batches, marked synced only once the
//!   server has it.
//! - [`remote`]: [`RemoteStore`], the store's queries answered by the server.
//! - [`reads`]: those queries on a background thread, so the game's screens
//!   never wait for the server.
//!
//! Plain Rust: no bevy, egui or clap.

pub mod background;
pub mod client;
pub mod config;
pub mod outbox;
pub mod reads;
pub mod remote;

pub use background::{BackgroundSync, SyncStatus};
pub use client::{ApiError, Client};
pub use config::{ConfigError, Overrides, ServerConfig};
pub use outbox::{SyncReport, sync_outbox};
pub use reads::{BackgroundReads, PendingRead, ReadState};
pub use remote::RemoteStore;
