//! Everything Bevy: the only place that imports bevy / bevy_egui.
//!
//! The game is a thin shell over the core: [`GamePlugin`] adds one plugin per
//! screen (driven by the [`Screen`] state), the dialogue assets and the
//! service-counter scene. Screens draw with egui from a *view* built from
//! resources and send back an *intent* as a Bevy message; the logic systems
//! that apply intents run without egui or rendering, so a headless app
//! (`MinimalPlugins + StatesPlugin + AssetPlugin + GamePlugin::headless()`)
//! plays the real game logic in tests.

pub mod bench;
pub mod capture;
pub mod catalog;
pub mod ordering;
pub mod records;
pub mod redraw;
pub mod scene;
pub mod screens;
pub mod server_reads;
pub mod session;
pub mod settings;
pub mod sync_link;
pub mod theme;
pub mod toast;

use bevy::prelude::*;
use bevy::state::app::StatesPlugin;
use settings::{Preferences, PreferencesPath};
use std::path::PathBuf;
use std::process::ExitCode;

/// Which screen is showing. Entities and resources of a screen are scoped to it.
#[derive(States, Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Screen {
    /// Game title, profile (name, team), menu.
    #[default]
    Title,
    /// How the game works: the needs, grades and passing, the keys.
    Intro,
    /// Scenario cards in curriculum order.
    Picker,
    /// Playing one encounter.
    Encounter,
    /// Scores and feedback after an encounter.
    Debrief,
    /// UI scale, text speed, palette, fullscreen.
    Settings,
    /// Best or average scores by player or team.
    Leaderboard,
    /// The team's needs against the player's.
    Team,
    /// The player's needs over time.
    Progress,
}

/// How the game was started (`frontline play` arguments).
#[derive(Resource, Clone, Debug, Default)]
pub struct GameOptions {
    /// Folder with the scenario files and `curriculum.ron`.
    pub dialogues: PathBuf,
    /// Open straight into the scenario with this id.
    pub scenario: Option<String>,
    /// Open straight into this scenario file (a path inside `dialogues`).
    pub file: Option<PathBuf>,
    /// Where preferences and results are kept (default: platform dirs).
    pub data_dir: Option<PathBuf>,
    /// Play this many frames of an encounter, print frame-time figures and exit.
    pub bench_frames: Option<u32>,
    /// Save screenshots of the main screens into this folder and exit.
    pub screenshots: Option<PathBuf>,
    /// The team server to sync with and read shared screens from (`None`:
    /// everything stays on this computer).
    pub server: Option<frontline_sync::ServerConfig>,
}

impl GameOptions {
    /// Options for the `dialogues/` folder of the current directory.
    pub fn new(dialogues: impl Into<PathBuf>) -> GameOptions {
        GameOptions {
            dialogues: dialogues.into(),
            ..GameOptions::default()
        }
    }
}

/// The whole game. `render: false` leaves out egui and the drawn scene so the
/// logic runs under `MinimalPlugins` in tests and benches.
pub struct GamePlugin {
    /// How the game was started.
    pub options: GameOptions,
    /// Whether egui and the 2D scene are part of the app.
    pub render: bool,
}

impl GamePlugin {
    /// The logic only: states, dialogue assets, intents, results. No egui, no scene.
    pub fn headless(options: GameOptions) -> GamePlugin {
        GamePlugin {
            options,
            render: false,
        }
    }
}

impl Plugin for GamePlugin {
    fn build(&self, app: &mut App) {
        if !app.is_plugin_added::<StatesPlugin>() {
            app.add_plugins(StatesPlugin);
        }
        let prefs_path = PreferencesPath::resolve(self.options.data_dir.as_deref());
        app.insert_resource(Preferences::load(&prefs_path))
            .insert_resource(prefs_path)
            .insert_resource(self.options.clone())
            .init_state::<Screen>()
            .add_systems(Last, settings::save_when_changed)
            .add_plugins((
                ordering::OrderingPlugin,
                catalog::CatalogPlugin {
                    dir: self.options.dialogues.clone(),
                },
                records::RecordsPlugin {
                    data_dir: self.options.data_dir.clone(),
                    server: self.options.server.clone(),
                },
                session::SessionPlugin,
                toast::ToastPlugin,
                screens::ScreensPlugin,
            ));
        if self.render {
            app.add_plugins(scene::ScenePlugin);
        }
    }
}

/// The game's logic without a window (`MinimalPlugins + StatesPlugin +
/// AssetPlugin + GamePlugin::headless`): what headless tests and the frame
/// bench run.
pub fn headless_app(options: GameOptions) -> App {
    let mut app = App::new();
    app.add_plugins((MinimalPlugins, StatesPlugin, AssetPlugin::default()))
        .add_plugins(GamePlugin::headless(options));
    app
}

/// Opens the game window and runs until it is closed (or, with
/// `--bench-frames`, measures frames without a window; with `--screenshots`,
/// captures the main screens and exits).
pub fn run_game(options: GameOptions) -> ExitCode {
    use bevy::window::{Window, WindowPlugin};
    if let Some(frames) = options.bench_frames {
        return bench::run_frame_bench(options, frames);
    }
    // Start-up is timed from here, before Bevy sets up the window and renderer.
    let launched = session::StartupClock(std::time::Instant::now());
    let mut app = App::new();
    let assets = std::env::current_dir().map_or_else(|_| "assets".into(), |d| d.join("assets"));
    app.add_plugins(
        DefaultPlugins
            .set(AssetPlugin {
                file_path: assets.to_string_lossy().into_owned(),
                ..default()
            })
            .set(WindowPlugin {
                primary_window: Some(Window {
                    title: "Frontline".into(),
                    resolution: (1280, 720).into(),
                    resizable: true,
                    ..default()
                }),
                ..default()
            }),
    )
    .add_plugins(bevy_egui::EguiPlugin::default())
    .add_plugins(redraw::RedrawPlugin {
        continuous: options.screenshots.is_some(),
    })
    .insert_resource(ClearColor(Color::srgb_u8(0x16, 0x1d, 0x26)))
    .add_plugins(GamePlugin {
        options: options.clone(),
        render: true,
    })
    .insert_resource(launched)
    .add_systems(Startup, spawn_camera);
    if let Some(dir) = &options.screenshots {
        if let Err(e) = std::fs::create_dir_all(dir) {
            eprintln!(
                "frontline play --screenshots: cannot create {}: {e}",
                dir.display()
            );
            return ExitCode::from(2);
        }
        app.add_plugins(capture::CapturePlugin { dir: dir.clone() });
    }
    match app.run() {
        AppExit::Success => ExitCode::SUCCESS,
        AppExit::Error(code) => ExitCode::from(code.get()),
    }
}

fn spawn_camera(mut commands: Commands) {
    commands.spawn(Camera2d);
}
