//! The `frontline` command line: plays the game by default; trainer and team
//! tools as subcommands. Each subcommand lives in its own file under `cli/`,
//! parses its arguments, calls the core and prints.

mod cli;

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args = cli::Cli::parse();
    cli::dispatch(args)
}
