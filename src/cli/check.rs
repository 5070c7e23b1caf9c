//! `frontline check`.

use std::process::ExitCode;

/// Arguments of `frontline check`.
#[derive(clap::Args, Debug, Default)]
pub struct Args {}

/// Runs `frontline check`.
pub fn run(_args: Args) -> ExitCode {
    super::not_built_yet("check")
}
