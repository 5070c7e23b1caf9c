//! `frontline play --bench-frames N`: the CPU cost of a frame in the
//! encounter, without a window or GPU. Each frame runs the real game logic
//! (a headless app: states, dialogue assets, intents, typewriter, clocks)
//! plus the encounter screen's egui layout and tessellation, i.e. everything
//! the CPU does for a frame except the scene's sprites and the GPU upload.
//! A choice is made every [`FRAMES_PER_MOVE`] frames and the encounter
//! restarts when it ends, so the frames cover whole playthroughs.

use super::catalog::Catalog;
use super::screens::{encounter, show_fullscreen, title};
use super::session::ActiveEncounter;
use super::settings::Preferences;
use super::theme;
use super::{GameOptions, Screen, headless_app};
use bevy::prelude::*;
use bevy::state::app::StatesPlugin;
use bevy_egui::egui;
use std::process::ExitCode;
use std::time::{Duration, Instant};

/// Frames between two moves of the simulated player (~4 per second at 60 fps).
pub const FRAMES_PER_MOVE: u32 = 15;

/// The goal for a frame's CPU time without rendering.
pub const GOAL: Duration = Duration::from_millis(2);

/// Mean and spread of some frame times.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct FrameStats {
    /// Frames measured.
    pub frames: usize,
    /// Mean time.
    pub mean: Duration,
    /// Median.
    pub p50: Duration,
    /// 99th percentile.
    pub p99: Duration,
    /// Slowest frame.
    pub max: Duration,
}

impl FrameStats {
    /// Statistics of `times` (`None` when empty).
    pub fn of(times: &[Duration]) -> Option<FrameStats> {
        if times.is_empty() {
            return None;
        }
        let mut sorted = times.to_vec();
        sorted.sort();
        let at = |q: f64| sorted[((sorted.len() - 1) as f64 * q).round() as usize];
        Some(FrameStats {
            frames: times.len(),
            mean: times.iter().sum::<Duration>() / times.len() as u32,
            p50: at(0.50),
            p99: at(0.99),
            max: sorted[sorted.len() - 1],
        })
    }
}

/// Runs the frame bench and prints its figures.
pub fn run_frame_bench(options: GameOptions, frames: u32) -> ExitCode {
    let frames = frames.max(1);
    let data = options.data_dir.clone().unwrap_or_else(|| {
        std::env::temp_dir().join(format!("frontline-bench-{}", std::process::id()))
    });
    let mut app = headless_app(GameOptions {
        data_dir: Some(data),
        ..options.clone()
    });
    if let Err(problem) = enter_encounter(&mut app, options.scenario.as_deref()) {
        eprintln!("frontline play --bench-frames: {problem}");
        return ExitCode::FAILURE;
    }
    let ctx = egui::Context::default();
    theme::apply(&ctx, &theme::Look::default());
    let scenario = app
        .world()
        .resource::<ActiveEncounter>()
        .playable
        .scenario()
        .title
        .clone();
    let warm_up = frames.min(60);
    for i in 0..warm_up {
        frame(&mut app, &ctx, i);
    }
    let times: Vec<Duration> = (0..frames)
        .map(|i| {
            let start = Instant::now();
            frame(&mut app, &ctx, i);
            start.elapsed()
        })
        .collect();
    let baseline = baseline_times(frames);
    let (Some(game), Some(base)) = (FrameStats::of(&times), FrameStats::of(&baseline)) else {
        return ExitCode::FAILURE;
    };
    print_report(&scenario, &game, &base);
    // Where the tail comes from: frames where the player moved (new text to
    // lay out, the engine stepping) against the frames in between.
    let (moves, rest): (Vec<_>, Vec<_>) = times
        .iter()
        .enumerate()
        .partition(|(i, _)| (*i as u32).is_multiple_of(FRAMES_PER_MOVE));
    let stats = |v: Vec<(usize, &Duration)>| {
        FrameStats::of(&v.into_iter().map(|(_, d)| *d).collect::<Vec<_>>())
    };
    if let (Some(moves), Some(rest)) = (stats(moves), stats(rest)) {
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        println!(
            "  frames with a move: {} (p50 {:.3} ms, p99 {:.3} ms); between moves: p50 {:.3} ms, p99 {:.3} ms",
            moves.frames,
            ms(moves.p50),
            ms(moves.p99),
            ms(rest.p50),
            ms(rest.p99)
        );
    }
    ExitCode::SUCCESS
}

fn print_report(scenario: &str, game: &FrameStats, base: &FrameStats) {
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let ratio = |d: Duration| d.as_secs_f64() / base.mean.as_secs_f64().max(1e-9);
    println!(
        "frame bench: {} frames of \"{scenario}\" (logic + egui layout + tessellation, no GPU)",
        game.frames
    );
    println!(
        "  frame CPU time: mean {:.3} ms, p50 {:.3} ms, p99 {:.3} ms, max {:.3} ms",
        ms(game.mean),
        ms(game.p50),
        ms(game.p99),
        ms(game.max)
    );
    println!(
        "  baseline (empty MinimalPlugins frame, same process): mean {:.4} ms; game mean = {:.0}x, p99 = {:.0}x",
        ms(base.mean),
        ratio(game.mean),
        ratio(game.p99)
    );
    let verdict = if game.p99 < GOAL { "met" } else { "MISSED" };
    println!("  goal: p99 under {} ms: {verdict}", GOAL.as_millis());
}

/// Loads the dialogues and starts `scenario` (default: the first of the
/// curriculum) through the title and picker intents.
fn enter_encounter(app: &mut App, scenario: Option<&str>) -> Result<(), String> {
    let deadline = Instant::now() + Duration::from_secs(60);
    let loaded = |app: &App| {
        let catalog = app.world().resource::<Catalog>();
        catalog.is_loaded() && !catalog.playable_in_order().is_empty()
    };
    while !loaded(app) {
        if Instant::now() > deadline {
            return Err("the dialogues did not load within 60 s".into());
        }
        app.update();
        std::thread::sleep(Duration::from_millis(2));
    }
    let id = match scenario {
        Some(id) => id.to_string(),
        None => {
            let w = app.world();
            let order = w.resource::<Catalog>().playable_in_order();
            let first = order.first().ok_or("no playable scenario")?;
            first.scenario().id.clone()
        }
    };
    if app
        .world()
        .resource::<Preferences>()
        .profile
        .name
        .is_empty()
    {
        app.world_mut()
            .write_message(title::Intent::EditName("Bench".into()));
    }
    app.world_mut()
        .write_message(super::screens::ScenarioIntent::Play(id.clone()));
    for _ in 0..10 {
        app.update();
    }
    match *app.world().resource::<State<Screen>>().get() {
        Screen::Encounter => Ok(()),
        other => Err(format!("could not start `{id}` (on {other:?})")),
    }
}

/// One frame: the app's update, then the encounter screen laid out and
/// tessellated as the real frame does. Every [`FRAMES_PER_MOVE`] frames the
/// player makes a move.
fn frame(app: &mut App, ctx: &egui::Context, i: u32) {
    if i.is_multiple_of(FRAMES_PER_MOVE)
        && let Some(active) = app.world().get_resource::<ActiveEncounter>()
    {
        let intent = if active.encounter.is_over() {
            encounter::Intent::Restart
        } else if !active.line_fully_shown() {
            encounter::Intent::SkipReveal
        } else {
            let open: Vec<usize> = active
                .view
                .choices
                .iter()
                .filter(|c| c.locked.is_none())
                .map(|c| c.index)
                .collect();
            match open.get(i as usize / FRAMES_PER_MOVE as usize % open.len().max(1)) {
                Some(&index) => encounter::Intent::Choose(index),
                None => encounter::Intent::Continue,
            }
        };
        app.world_mut().write_message(intent);
    }
    app.update();
    let Some(active) = app.world().get_resource::<ActiveEncounter>() else {
        return;
    };
    let view = encounter::build_view(active, false);
    let input = egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(1280.0, 720.0),
        )),
        ..Default::default()
    };
    // As bevy_egui runs a pass: begin, draw the screen, end.
    ctx.begin_pass(input);
    let frame = theme::screen(&theme::palette_of(ctx));
    let _ = show_fullscreen(ctx, frame, |ui| encounter::draw(ui, &view));
    let mut output = ctx.end_pass();
    // The renderer would upload new font atlas pages here; there is none.
    output.textures_delta.clear();
    std::hint::black_box(ctx.tessellate(output.shapes, output.pixels_per_point));
}

/// Frame times of an app with nothing but `MinimalPlugins` and states.
fn baseline_times(frames: u32) -> Vec<Duration> {
    let mut app = App::new();
    app.add_plugins((MinimalPlugins, StatesPlugin));
    for _ in 0..frames.min(60) {
        app.update();
    }
    (0..frames)
        .map(|_| {
            let start = Instant::now();
            app.update();
            start.elapsed()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stats_give_mean_median_and_tail() {
        let times: Vec<Duration> = (1..=100).map(Duration::from_micros).collect();
        let s = FrameStats::of(&times).unwrap();
        assert_eq!(s.frames, 100);
        assert_eq!(s.mean, Duration::from_nanos(50_500));
        assert_eq!(s.p50, Duration::from_micros(51));
        assert_eq!(s.p99, Duration::from_micros(99));
        assert_eq!(s.max, Duration::from_micros(100));
        assert_eq!(FrameStats::of(&[]), None);
    }
}
