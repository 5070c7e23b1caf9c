//! Sending Frontline results to a learning record store (LRS): the
//! endpoint and credentials ([`config`]), the xAPI HTTP calls ([`client`]),
//! the resumable batch push behind `frontline lrs push` ([`push`]) and the
//! background forwarding the game uses ([`forward`]).
//!
//! A crate of its own so that the HTTP client (ureq, blocking: one request
//! at a time is all a push needs, and it adds no async runtime) stays out of
//! `frontline-results` and `frontline-core`. The delivery state lives in the
//! results database (`frontline_results::sqlite::delivery`).

pub mod client;
pub mod config;
pub mod forward;
pub mod push;

pub use client::{Answer, Client};
pub use config::{ConfigError, LrsConfig, PartialConfig, resolve};
pub use forward::{ForwardEvent, Forwarder};
pub use push::{Push, PushError, PushOptions, PushReport, Rejection};
