//! `frontline graph`.

use std::process::ExitCode;

/// Arguments of `frontline graph`.
#[derive(clap::Args, Debug, Default)]
pub struct Args {}

/// Runs `frontline graph`.
pub fn run(_args: Args) -> ExitCode {
    super::not_built_yet("graph")
}
