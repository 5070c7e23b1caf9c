//! Frontline's pure core: the six needs, the trainer's scenario contract
//! (model, loading with positions, validation, the library of files), the
//! engine that plays one encounter, scoring, analysis and scripted self-tests.
//!
//! Plain Rust: this crate cannot import bevy, egui, clap, a database driver
//! or an HTTP crate (its manifest names none, and CI checks `cargo tree`).
//! The game (`frontline-game`), the CLI and the results store build on it.

pub mod analysis;
pub mod engine;
pub mod needs;
pub mod scenario;
pub mod scoring;
pub mod selftest;
