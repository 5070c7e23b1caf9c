//! `frontline import`.

use std::process::ExitCode;

/// Arguments of `frontline import`.
#[derive(clap::Args, Debug, Default)]
pub struct Args {}

/// Runs `frontline import`.
pub fn run(_args: Args) -> ExitCode {
    super::not_built_yet("import")
}
