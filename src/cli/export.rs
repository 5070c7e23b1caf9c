//! `frontline export`.

use std::process::ExitCode;

/// Arguments of `frontline export`.
#[derive(clap::Args, Debug, Default)]
pub struct Args {}

/// Runs `frontline export`.
pub fn run(_args: Args) -> ExitCode {
    super::not_built_yet("export")
}
