//! `frontline play`: opens the game window.

use std::process::ExitCode;

/// Arguments of `frontline play`.
#[derive(clap::Args, Debug, Default)]
pub struct Args {}

/// Runs `frontline play`.
pub fn run(_args: Args) -> ExitCode {
    super::not_built_yet("play")
}
