//! Subcommand list and dispatch. One file per subcommand.

use clap::{Parser, Subcommand};
use std::process::ExitCode;

pub mod analyse;
pub mod audit;
pub mod check;
pub mod doctor;
pub mod export;
pub mod graph;
pub mod import;
pub mod lrs;
pub mod output;
pub mod play;
pub mod playtest;
pub mod publish;
pub mod run;
pub mod scores;
pub mod serve;
pub mod sync;

/// Frontline: a service-culture training simulator, and the tools trainers and teams use with it.
#[derive(Parser, Debug)]
#[command(name = "frontline", version, about)]
pub struct Cli {
    /// What to do; without a subcommand the game starts.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Every subcommand.
#[derive(Subcommand, Debug)]
pub enum Command {
    /// Start the game (the default), optionally straight into one encounter.
    Play(play::Args),
    /// Load and validate scenario files; report every problem at once.
    Check(check::Args),
    /// Report what a scenario can score, its endings, paths and problems.
    #[command(alias = "analyze")]
    Analyse(analyse::Args),
    /// Play every encounter with skill-free strategies and report answer tells.
    Audit(audit::Args),
    /// Draw a scenario's branching as Graphviz dot or Mermaid.
    Graph(graph::Args),
    /// Play many random playthroughs and report outcomes and scores.
    Playtest(playtest::Args),
    /// Play an encounter in the terminal.
    Run(run::Args),
    /// Show stored results as a table.
    Scores(scores::Args),
    /// Export stored results as CSV or xAPI statements.
    Export(export::Args),
    /// Merge an export from another machine into the results store.
    Import(import::Args),
    /// Check the results database fully; optionally salvage a damaged one.
    Doctor(doctor::Args),
    /// Run the team results server over PostgreSQL, or manage its teams and tokens.
    Serve(serve::Args),
    /// Check scenario files and upload them as the team server's library (trainer token).
    Publish(publish::Args),
    /// Send results to a learning record store (xAPI), or show how far that got.
    Lrs(lrs::Args),
    /// Send the results waiting on this machine to the team server.
    Sync(sync::Args),
}

/// Runs the chosen subcommand (the game when none was given).
pub fn dispatch(cli: Cli) -> ExitCode {
    match cli.command {
        None => play::run(play::Args::default()),
        Some(Command::Play(a)) => play::run(a),
        Some(Command::Check(a)) => check::run(a),
        Some(Command::Analyse(a)) => analyse::run(a),
        Some(Command::Audit(a)) => audit::run(a),
        Some(Command::Graph(a)) => graph::run(a),
        Some(Command::Playtest(a)) => playtest::run(a),
        Some(Command::Run(a)) => run::run(a),
        Some(Command::Scores(a)) => scores::run(a),
        Some(Command::Export(a)) => export::run(a),
        Some(Command::Import(a)) => import::run(a),
        Some(Command::Doctor(a)) => doctor::run(a),
        Some(Command::Serve(a)) => serve::run(a),
        Some(Command::Publish(a)) => publish::run(a),
        Some(Command::Lrs(a)) => lrs::run(a),
        Some(Command::Sync(a)) => sync::run(a),
    }
}
