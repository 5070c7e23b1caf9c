//! `frontline analyse`.

use std::process::ExitCode;

/// Arguments of `frontline analyse`.
#[derive(clap::Args, Debug, Default)]
pub struct Args {}

/// Runs `frontline analyse`.
pub fn run(_args: Args) -> ExitCode {
    super::not_built_yet("analyse")
}
