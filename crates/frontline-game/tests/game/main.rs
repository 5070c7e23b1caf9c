//! The game's tests in one binary (each Bevy-linked test binary is large, so
//! one link instead of two): the real game logic in a headless app, and every
//! screen's pure draw function under egui_kittest.

mod accessibility;
mod charts;
mod comfort;
mod first_run;
mod headless_app;
mod results_out;
mod screens;
mod server_screens;

use std::path::{Path, PathBuf};

/// The repository's top folder, where `dialogues/` and `assets/` live.
pub fn repo_root() -> PathBuf {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
        .canonicalize()
        .expect("the repository root exists")
}
