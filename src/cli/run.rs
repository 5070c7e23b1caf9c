//! `frontline run`.

use std::process::ExitCode;

/// Arguments of `frontline run`.
#[derive(clap::Args, Debug, Default)]
pub struct Args {}

/// Runs `frontline run`.
pub fn run(_args: Args) -> ExitCode {
    super::not_built_yet("run")
}
