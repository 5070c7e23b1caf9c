//! The trainer's contract: scenario model, loading, validation and diagnostics.
//! Plain Rust: never imports bevy or egui.

pub mod generate;
pub mod model;

pub use model::*;
