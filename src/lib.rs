//! Frontline: a service-culture training simulator.
//!
//! The core (`needs`, `scenario`, ...) is plain Rust and never imports bevy or
//! egui; the `game` module (behind the `game` feature) is the Bevy shell.

pub mod analysis;
pub mod engine;
pub mod needs;
pub mod results;
pub mod scenario;
pub mod scoring;
pub mod selftest;

#[cfg(feature = "game")]
pub mod game;
