//! `frontline playtest`.

use std::process::ExitCode;

/// Arguments of `frontline playtest`.
#[derive(clap::Args, Debug, Default)]
pub struct Args {}

/// Runs `frontline playtest`.
pub fn run(_args: Args) -> ExitCode {
    super::not_built_yet("playtest")
}
