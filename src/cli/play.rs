//! `frontline play`: opens the game window.

use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `frontline play`.
#[derive(clap::Args, Debug, Default)]
pub struct Args {
    /// Open straight into this scenario file (its folder is used as `--dialogues`).
    pub file: Option<PathBuf>,
    /// Open straight into the scenario with this id.
    #[arg(long)]
    pub scenario: Option<String>,
    /// Folder with the scenario files and `curriculum.ron`.
    #[arg(long, default_value = "dialogues")]
    pub dialogues: Option<PathBuf>,
    /// Where preferences and results are kept (default: the platform's dirs;
    /// `FRONTLINE_DATA` also sets it).
    #[arg(long)]
    pub data_dir: Option<PathBuf>,
    /// Play N frames of an encounter, print mean and 99th-percentile frame time, exit.
    #[arg(long, value_name = "N")]
    pub bench_frames: Option<u32>,
    /// Save screenshots of title, encounter and debrief into DIR, then exit.
    #[arg(long, value_name = "DIR")]
    pub screenshots: Option<PathBuf>,
    #[command(flatten)]
    pub server: super::sync::ServerArgs,
}

/// Runs `frontline play`.
#[cfg(feature = "game")]
pub fn run(args: Args) -> ExitCode {
    use frontline_game::{GameOptions, run_game};
    let dialogues = args.dialogues.unwrap_or_else(|| PathBuf::from("dialogues"));
    let dialogues = match &args.file {
        Some(file) => file
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .map_or_else(|| PathBuf::from("."), PathBuf::from),
        None => dialogues,
    };
    let absolute = std::env::current_dir()
        .map(|cwd| cwd.join(&dialogues))
        .unwrap_or(dialogues);
    if !absolute.is_dir() {
        eprintln!(
            "frontline play: scenario folder {} does not exist",
            absolute.display()
        );
        return ExitCode::from(2);
    }
    // A wrong server setting never stops anyone from playing: say so, play offline.
    let server = args
        .server
        .resolve(args.data_dir.clone())
        .unwrap_or_else(|e| {
            eprintln!("warning: {e}; playing without the team server");
            None
        });
    run_game(GameOptions {
        server,
        dialogues: absolute,
        scenario: args.scenario,
        file: args.file.and_then(|f| f.file_name().map(PathBuf::from)),
        data_dir: args.data_dir,
        bench_frames: args.bench_frames,
        screenshots: args.screenshots,
    })
}

/// Runs `frontline play` (this build has no game).
#[cfg(not(feature = "game"))]
pub fn run(_args: Args) -> ExitCode {
    eprintln!("frontline play: this build was made without the `game` feature");
    ExitCode::from(2)
}
