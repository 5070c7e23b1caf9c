//! `frontline play --screenshots DIR`: drives the real game through its main
//! screens with the same intents the UI sends (title, introduction, picker, an encounter
//! mid-way, debrief, leaderboard, team, progress), saves each frame as a PNG
//! with Bevy's screenshot API, checks that none is blank, and exits (code 1
//! when a shot is blank or the run stalls).

use super::catalog::Catalog;
use super::screens::{encounter, intro, picker, title};
use super::session::ActiveEncounter;
use super::settings::Preferences;
use super::{GameOptions, Screen};
use bevy::prelude::*;
use bevy::render::view::screenshot::{Screenshot, ScreenshotCaptured, save_to_disk};
use frontline_core::scenario::Place;
use std::path::PathBuf;

/// Frames to let a screen settle (egui lays out over two frames, the scene
/// animates in) before it is captured.
const SETTLE_FRAMES: u32 = 20;

/// The encounter's seed in the screenshot run.
const CAPTURE_SEED: u64 = 2026;

/// Seconds the whole run may take before it gives up.
const TIMEOUT_SECONDS: f32 = 180.0;

/// One step of the screenshot run.
#[derive(Clone, Copy, Debug)]
enum Step {
    /// Repeat `action` once a frame until it returns true.
    Until(&'static str, fn(&mut World) -> bool),
    /// Let this many frames render.
    Settle(u32),
    /// Save the window as `<name>.png` and wait until it is written.
    Shot(&'static str),
}

/// The run, in order.
const SCRIPT: &[Step] = &[
    Step::Until("dialogues loaded", dialogues_loaded),
    Step::Until("profile", fill_profile),
    Step::Settle(SETTLE_FRAMES),
    Step::Shot("title"),
    Step::Until("introduction", |w| open(w, Screen::Intro)),
    Step::Settle(SETTLE_FRAMES),
    Step::Shot("intro"),
    Step::Until("picker", open_picker),
    Step::Settle(SETTLE_FRAMES),
    Step::Shot("picker"),
    Step::Until("encounter", start_encounter),
    Step::Until("two choices made", two_choices_made),
    Step::Settle(SETTLE_FRAMES * 3),
    Step::Shot("encounter"),
    Step::Until("debrief", play_to_debrief),
    Step::Settle(SETTLE_FRAMES),
    Step::Shot("debrief"),
    Step::Until("leaderboard", |w| open(w, Screen::Leaderboard)),
    Step::Settle(SETTLE_FRAMES),
    Step::Shot("leaderboard"),
    Step::Until("team", |w| open(w, Screen::Team)),
    Step::Settle(SETTLE_FRAMES),
    Step::Shot("team"),
    Step::Until("progress", |w| open(w, Screen::Progress)),
    Step::Settle(SETTLE_FRAMES),
    Step::Shot("progress"),
    // The scene follows the story: a phone call and an office drawn as such.
    Step::Until("phone encounter", |w| start_at(w, Place::Phone)),
    Step::Until("two choices made", two_choices_made),
    Step::Settle(SETTLE_FRAMES * 3),
    Step::Shot("encounter-phone"),
    Step::Until("office encounter", |w| start_at(w, Place::Desk)),
    Step::Until("two choices made", two_choices_made),
    Step::Settle(SETTLE_FRAMES * 3),
    Step::Shot("encounter-office"),
];

/// Where the run is.
#[derive(Resource, Debug)]
struct CaptureRun {
    dir: PathBuf,
    step: usize,
    frames_left: u32,
    /// A screenshot was requested and not written yet.
    waiting_for_shot: bool,
    /// Shots found blank: name and why.
    blank: Vec<String>,
    seconds: f32,
}

/// Plugin: added by `run_game` when `--screenshots DIR` is given.
pub struct CapturePlugin {
    /// Folder the PNGs go to (created if missing).
    pub dir: PathBuf,
}

impl Plugin for CapturePlugin {
    fn build(&self, app: &mut App) {
        app.insert_resource(CaptureRun {
            dir: self.dir.clone(),
            step: 0,
            frames_left: 0,
            waiting_for_shot: false,
            blank: Vec::new(),
            seconds: 0.0,
        })
        .add_systems(Update, drive);
    }
}

/// Advances the script by at most one step per frame.
fn drive(world: &mut World) {
    let dt = world.resource::<Time>().delta_secs();
    let mut run = world.resource_mut::<CaptureRun>();
    run.seconds += dt;
    if run.seconds > TIMEOUT_SECONDS {
        let stage = match SCRIPT.get(run.step) {
            Some(Step::Until(name, _)) => format!("waiting for {name}"),
            Some(Step::Shot(name)) => format!("saving {name}.png"),
            Some(Step::Settle(_)) | None => "settling".to_string(),
        };
        error!("screenshots: stalled {stage} after {TIMEOUT_SECONDS} s");
        world.write_message(AppExit::from_code(1));
        return;
    }
    if run.waiting_for_shot {
        return;
    }
    if run.frames_left > 0 {
        run.frames_left -= 1;
        return;
    }
    let Some(step) = SCRIPT.get(run.step).copied() else {
        finish(world);
        return;
    };
    let done = match step {
        Step::Until(_, action) => action(world),
        Step::Settle(frames) => {
            world.resource_mut::<CaptureRun>().frames_left = frames;
            true
        }
        Step::Shot(name) => {
            shoot(world, name);
            true
        }
    };
    if done {
        world.resource_mut::<CaptureRun>().step += 1;
    }
}

/// Requests a screenshot; its observers save it and check it is not blank.
fn shoot(world: &mut World, name: &'static str) {
    let mut run = world.resource_mut::<CaptureRun>();
    run.waiting_for_shot = true;
    let path = run.dir.join(format!("{name}.png"));
    world
        .spawn(Screenshot::primary_window())
        .observe(save_to_disk(path))
        .observe(
            move |captured: On<ScreenshotCaptured>, mut run: ResMut<CaptureRun>| {
                run.waiting_for_shot = false;
                let verdict = captured
                    .image
                    .clone()
                    .try_into_dynamic()
                    .map_err(|e| e.to_string())
                    .and_then(|img| {
                        let rgb = img.to_rgb8();
                        blank_reason(rgb.as_raw()).map_or(Ok(()), Err)
                    });
                match verdict {
                    Ok(()) => info!("screenshots: {name}.png looks right"),
                    Err(why) => run.blank.push(format!("{name}.png: {why}")),
                }
            },
        );
}

/// Exits: success when every shot had content.
fn finish(world: &mut World) {
    let run = world.resource::<CaptureRun>();
    let exit = if run.blank.is_empty() {
        info!(
            "screenshots: {} saved to {}",
            SCRIPT.iter().filter(|s| matches!(s, Step::Shot(_))).count(),
            run.dir.display()
        );
        AppExit::Success
    } else {
        for problem in &run.blank {
            error!("screenshots: blank image {problem}");
        }
        AppExit::from_code(1)
    };
    world.write_message(exit);
}

/// Why an RGB image (3 bytes a pixel) looks blank, or `None` when it has
/// content: at least 8 distinct colours, and no single colour covering more
/// than 97% of the pixels.
pub fn blank_reason(rgb: &[u8]) -> Option<String> {
    let mut counts: std::collections::HashMap<[u8; 3], usize> = Default::default();
    let mut total = 0usize;
    for px in rgb.chunks_exact(3).step_by(3) {
        *counts.entry([px[0], px[1], px[2]]).or_default() += 1;
        total += 1;
    }
    if total == 0 {
        return Some("no pixels".into());
    }
    let top = counts.values().copied().max().unwrap_or(0);
    if counts.len() < 8 {
        return Some(format!("only {} distinct colours", counts.len()));
    }
    let share = top as f64 / total as f64;
    (share > 0.97).then(|| format!("one colour covers {:.1}% of it", share * 100.0))
}

fn dialogues_loaded(world: &mut World) -> bool {
    let catalog = world.resource::<Catalog>();
    catalog.is_loaded() && !catalog.playable_in_order().is_empty()
}

/// Gives the profile a name and team when it has none (screenshots use a
/// fresh data folder). The sample results carry the ids derived from team
/// and name, so the screenshot player takes Sam's, and the progress screen
/// shows Sam's results.
fn fill_profile(world: &mut World) -> bool {
    let profile = world.resource::<Preferences>().profile.clone();
    if profile.name.trim().is_empty() {
        world.write_message(title::Intent::EditName("Sam".into()));
        let sam = frontline_results::derived_player_id("Riverside branch", "Sam");
        world.resource_mut::<Preferences>().profile.player_id = sam;
    }
    if profile.team.trim().is_empty() {
        world.write_message(title::Intent::EditTeam("Riverside branch".into()));
    }
    true
}

/// Goes on from the title (or closes the introduction) to the picker.
fn open_picker(world: &mut World) -> bool {
    match screen(world) {
        Screen::Picker => return true,
        Screen::Intro => {
            world.write_message(intro::Intent::Close);
            return false;
        }
        _ => {}
    }
    if world
        .resource::<Preferences>()
        .profile
        .name
        .trim()
        .is_empty()
    {
        return false;
    }
    world.write_message(title::Intent::Continue);
    false
}

/// Restarts the encounter being played with [`CAPTURE_SEED`], so every run
/// shows the same customer and lines and the images can be compared.
fn restart_with_fixed_seed(world: &mut World) {
    if let Some(active) = world.get_resource::<ActiveEncounter>() {
        let fixed = ActiveEncounter::start(
            active.file.clone(),
            active.playable.clone(),
            CAPTURE_SEED,
            &active.view.player_name.clone(),
        );
        world.insert_resource(fixed);
    }
}

/// Starts `--scenario` if given, else the first scenario of the curriculum.
fn start_encounter(world: &mut World) -> bool {
    if screen(world) == Screen::Encounter {
        restart_with_fixed_seed(world);
        return true;
    }
    let wanted = world.resource::<GameOptions>().scenario.clone();
    let first = {
        let catalog = world.resource::<Catalog>();
        let order = catalog.playable_in_order();
        order.first().map(|p| p.scenario().id.clone())
    };
    if let Some(id) = wanted.or(first) {
        world.write_message(picker::Intent::Play(id));
    }
    false
}

/// Starts the first encounter (curriculum order) that happens at `place`,
/// then restarts it with the fixed seed. Done once it is being played; fails
/// the run (by stalling) when no scenario is set there.
fn start_at(world: &mut World, place: Place) -> bool {
    if screen(world) == Screen::Encounter
        && let Some(active) = world.get_resource::<ActiveEncounter>()
        && active.playable.scenario().scene.place == place
    {
        restart_with_fixed_seed(world);
        return true;
    }
    let id = world
        .resource::<Catalog>()
        .playable_in_order()
        .into_iter()
        .find(|p| p.scenario().scene.place == place)
        .map(|p| p.scenario().id.clone());
    if let Some(id) = id {
        world.write_message(picker::Intent::Play(id));
    }
    false
}

/// Makes two choices (continuing through lines without any) up to the next
/// line that offers choices, then shows it whole: an encounter mid-way.
fn two_choices_made(world: &mut World) -> bool {
    let Some(active) = world.get_resource::<ActiveEncounter>() else {
        return false;
    };
    let made = active.encounter.transcript().choices().count();
    // Stop where the customer waits for an answer, so the shot shows choices.
    if (made >= 2 && !active.view.choices.is_empty()) || active.encounter.is_over() {
        world.write_message(encounter::Intent::SkipReveal);
        return true;
    }
    if let Some(intent) = next_move(active) {
        world.write_message(intent);
    }
    false
}

fn play_to_debrief(world: &mut World) -> bool {
    if screen(world) == Screen::Debrief {
        return true;
    }
    if let Some(intent) = world.get_resource::<ActiveEncounter>().and_then(next_move) {
        world.write_message(intent);
    }
    false
}

/// The next intent of a player who takes the first open choice.
fn next_move(active: &ActiveEncounter) -> Option<encounter::Intent> {
    if active.encounter.is_over() {
        return Some(encounter::Intent::Finish);
    }
    match active.view.choices.iter().find(|c| c.locked.is_none()) {
        Some(choice) => Some(encounter::Intent::Choose(choice.index)),
        None => active
            .view
            .can_continue
            .then_some(encounter::Intent::Continue),
    }
}

/// Goes to `target` through the title menu's intent.
fn open(world: &mut World, target: Screen) -> bool {
    if screen(world) == target {
        return true;
    }
    world.write_message(title::Intent::Open(target));
    false
}

fn screen(world: &World) -> Screen {
    *world.resource::<State<Screen>>().get()
}

#[cfg(test)]
mod tests {
    use super::blank_reason;

    #[test]
    fn a_flat_image_is_blank_and_a_drawn_one_is_not() {
        let flat = [30u8, 40, 50].repeat(1280 * 720);
        assert!(blank_reason(&flat).unwrap().contains("distinct colours"));
        assert!(blank_reason(&[]).is_some());
        // A dark screen with a little text-like noise: still blank.
        let mut speck = flat.clone();
        for i in (0..speck.len()).step_by(3 * 997) {
            speck[i] = (i % 251) as u8;
        }
        assert!(blank_reason(&speck).unwrap().contains("one colour covers"));
        // A gradient: content.
        let drawn: Vec<u8> = (0..1280 * 720)
            .flat_map(|i| [(i % 256) as u8, (i / 1280 % 256) as u8, 90])
            .collect();
        assert_eq!(blank_reason(&drawn), None);
    }
}
