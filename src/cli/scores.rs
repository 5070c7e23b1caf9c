//! `frontline scores`.

use std::process::ExitCode;

/// Arguments of `frontline scores`.
#[derive(clap::Args, Debug, Default)]
pub struct Args {}

/// Runs `frontline scores`.
pub fn run(_args: Args) -> ExitCode {
    super::not_built_yet("scores")
}
