//! The encounter being played ([`ActiveEncounter`], read by the scene for
//! mood, patience and time) and the last finished one ([`LastPlay`], shown by
//! the debrief). Starting, finishing and hot-reloading encounters live here so
//! every screen that starts one (picker, debrief, `--scenario`) shares them.

use super::catalog::{Catalog, CatalogChanged, Playable};
use super::ordering::AppSystems;
use super::records::Records;
use super::settings::Preferences;
use super::toast::Toasts;
use super::{GameOptions, Screen};
use bevy::ecs::system::SystemParam;
use bevy::prelude::*;
use frontline_core::engine::{Encounter, EncounterView, Transcript};
use frontline_core::scoring::{self, Debrief};
use frontline_results::{PlayMeta, ResultRecord};

/// The encounter being played. Present only while [`Screen::Encounter`] is active.
#[derive(Resource, Debug)]
pub struct ActiveEncounter {
    /// The scenario file, relative to the folder (hot reload watches it).
    pub file: std::path::PathBuf,
    /// The compiled, analysed scenario.
    pub playable: Playable,
    /// The engine's state.
    pub encounter: Encounter,
    /// What the player sees now (refreshed after every step).
    pub view: EncounterView,
    /// Characters of `view.text` revealed by the typewriter so far.
    pub revealed: f32,
    /// The pause menu is open.
    pub paused: bool,
    /// Wall-clock seconds spent in this encounter (pauses excluded).
    pub real_seconds: f32,
    /// Wall-clock seconds since the current line appeared.
    pub line_seconds: f32,
    /// `line_seconds` when the whole line first stood on screen.
    pub shown_whole_at: Option<f32>,
    /// When the encounter started.
    pub started_at: chrono::DateTime<chrono::Utc>,
}

impl ActiveEncounter {
    /// Starts a new play of `playable` with `seed`, played by `player`
    /// (whose name fills `{me}` in the lines).
    pub fn start(
        file: std::path::PathBuf,
        playable: Playable,
        seed: u64,
        player: &str,
    ) -> ActiveEncounter {
        let encounter = Encounter::start_as(playable.compiled.clone(), seed, player);
        let view = encounter.view();
        ActiveEncounter {
            file,
            playable,
            encounter,
            view,
            revealed: 0.0,
            paused: false,
            real_seconds: 0.0,
            line_seconds: 0.0,
            shown_whole_at: None,
            started_at: chrono::Utc::now(),
        }
    }

    /// Customer mood, 0 furious .. 100 delighted.
    pub fn mood(&self) -> i32 {
        self.view.mood
    }

    /// Share of the customer's patience left, 1.0 = full; `None` = unlimited.
    pub fn patience_fraction(&self) -> Option<f32> {
        let total = self.playable.scenario().customer.patience;
        let left = self.view.patience_left?;
        (total > 0).then(|| left as f32 / total as f32)
    }

    /// Story seconds elapsed (choice and line times).
    pub fn elapsed(&self) -> u32 {
        self.view.elapsed
    }

    /// Whether the typewriter has shown the whole line.
    pub fn line_fully_shown(&self) -> bool {
        self.revealed as usize >= self.view.text.chars().count()
    }

    /// Takes the engine's new view after a step and restarts the typewriter.
    pub fn refresh(&mut self) {
        self.view = self.encounter.view();
        self.revealed = 0.0;
        self.line_seconds = 0.0;
        self.shown_whole_at = None;
    }

    /// Whether Space and Enter may act on the line: it has stood whole on
    /// screen for [`KEY_GRACE_SECONDS`]. A key pressed just as the typing ends
    /// then cannot also skip the next line unread.
    pub fn keys_ready(&self) -> bool {
        self.shown_whole_at
            .is_some_and(|at| self.line_seconds - at >= KEY_GRACE_SECONDS)
    }

    fn note_if_shown_whole(&mut self) {
        if self.shown_whole_at.is_none() && self.line_fully_shown() {
            self.shown_whole_at = Some(self.line_seconds);
        }
    }

    /// Shows the whole current line at once.
    pub fn skip_reveal(&mut self) {
        self.revealed = self.view.text.chars().count() as f32;
        self.note_if_shown_whole();
    }
}

/// Seconds a whole line stands before Space or Enter act on it.
pub const KEY_GRACE_SECONDS: f32 = 0.3;

/// The last finished encounter, for the debrief.
#[derive(Resource, Clone, Debug)]
pub struct LastPlay {
    /// Id of the scenario played.
    pub scenario_id: String,
    /// Its title.
    pub title: String,
    /// The closing line of the ending.
    pub closing: String,
    /// Scores, survey, best path.
    pub debrief: Debrief,
    /// Every step and choice.
    pub transcript: Transcript,
    /// The next scenario in the curriculum, if any.
    pub next_id: Option<String>,
    /// When the encounter started: tells one play's debrief from the next.
    pub started_at: chrono::DateTime<chrono::Utc>,
}

/// What starting an encounter needs: the catalog to find it, the player's
/// name for `{me}`, and the screen state to switch to it.
#[derive(SystemParam)]
pub struct EncounterStarter<'w, 's> {
    /// Inserts the [`ActiveEncounter`].
    pub commands: Commands<'w, 's>,
    /// Where scenarios are found.
    pub catalog: Res<'w, Catalog>,
    /// The player's profile.
    pub prefs: Res<'w, Preferences>,
    /// The next screen.
    pub next: ResMut<'w, NextState<Screen>>,
}

impl EncounterStarter<'_, '_> {
    /// Starts scenario `id` (if it is playable) and switches to the encounter.
    /// Returns false (and changes nothing) when there is no such playable scenario.
    pub fn start(&mut self, id: &str) -> bool {
        let Some(file) = self.catalog.find(id) else {
            return false;
        };
        let Some(playable) = &file.playable else {
            return false;
        };
        let player = self.prefs.profile.name.trim().to_string();
        self.commands.insert_resource(ActiveEncounter::start(
            file.name.clone(),
            playable.clone(),
            rand::random(),
            &player,
        ));
        self.next.set(Screen::Encounter);
        true
    }
}

/// Scores the finished encounter and names the next one in the curriculum.
pub fn score_play(active: &ActiveEncounter, catalog: &Catalog) -> LastPlay {
    let scenario = active.playable.scenario();
    let transcript = active.encounter.transcript().clone();
    let debrief = scoring::debrief(scenario, &active.playable.analysis, &transcript);
    let order = catalog.playable_in_order();
    let next_id = order
        .iter()
        .position(|p| p.scenario().id == scenario.id)
        .and_then(|i| order.get(i + 1))
        .map(|p| p.scenario().id.clone());
    LastPlay {
        scenario_id: scenario.id.clone(),
        title: scenario.title.clone(),
        closing: active.view.text.clone(),
        debrief,
        transcript,
        next_id,
        started_at: active.started_at,
    }
}

/// What finishing an encounter reads (the curriculum, the profile) and
/// writes (the results store, a toast when saving fails).
#[derive(SystemParam)]
pub struct FinishSinks<'w> {
    /// For the next scenario in the curriculum.
    pub catalog: Res<'w, Catalog>,
    /// The player's name and team.
    pub prefs: Res<'w, Preferences>,
    /// Where the result goes.
    pub records: ResMut<'w, Records>,
    /// Where a failure to save is shown.
    pub toasts: ResMut<'w, Toasts>,
}

/// Scores the finished encounter, stores the result in the results store (a
/// toast tells when that fails) and opens the debrief.
pub fn finish(commands: &mut Commands, active: &ActiveEncounter, sinks: &mut FinishSinks) {
    let FinishSinks {
        catalog,
        prefs,
        records,
        toasts,
    } = sinks;
    let last = score_play(active, catalog);
    let meta = PlayMeta {
        player_id: prefs.profile.player_id,
        player: prefs.profile.name.trim().to_string(),
        team: prefs.profile.team.trim().to_string(),
        started_at: active.started_at,
        duration_ms: (f64::from(active.real_seconds) * 1000.0).round() as u64,
    };
    let saved = ResultRecord::from_play(
        active.playable.scenario(),
        &last.transcript,
        &last.debrief,
        meta,
    )
    .map_err(|e| e.to_string())
    .and_then(|record| records.save(&record).map_err(|e| e.to_string()));
    if let Err(e) = saved {
        error!("result not saved: {e}");
        toasts.push_error(format!("Your result could not be saved: {e}"));
    }
    commands.insert_resource(last);
    commands.remove_resource::<ActiveEncounter>();
}

/// Advances the typewriter and the clocks.
fn tick(time: Res<Time>, prefs: Res<Preferences>, active: Option<ResMut<ActiveEncounter>>) {
    let Some(mut active) = active else { return };
    if active.paused {
        return;
    }
    let dt = time.delta_secs();
    active.real_seconds += dt;
    active.line_seconds += dt;
    match prefs.settings.reveal_speed() {
        Some(speed) => active.revealed += dt * speed,
        None => active.skip_reveal(),
    }
    active.note_if_shown_whole();
}

/// Hot reload: when the file being played changes, revalidate it; keep
/// playing the old version if it is broken, else resume on the new one at the
/// same node when it still exists. A toast tells the player what happened.
fn reload_active(
    mut changes: MessageReader<CatalogChanged>,
    catalog: Res<Catalog>,
    active: Option<ResMut<ActiveEncounter>>,
    mut toasts: ResMut<Toasts>,
) {
    let Some(mut active) = active else {
        changes.clear();
        return;
    };
    let edited = changes.read().any(|c| c.edited.contains(&active.file));
    if !edited {
        return;
    }
    let Some(file) = catalog.file(&active.file) else {
        return;
    };
    let Some(playable) = &file.playable else {
        toasts.push_error(format!(
            "{} has errors; still playing the previous version:\n{}",
            file.name.display(),
            file.render_errors()
        ));
        return;
    };
    let node = active.view.node.clone();
    let (encounter, _) =
        Encounter::resume(playable.compiled.clone(), active.encounter.transcript());
    let kept = encounter.current_node() == node;
    active.playable = playable.clone();
    active.encounter = encounter;
    active.refresh();
    active.skip_reveal();
    toasts.push_info(if kept {
        format!("Reloaded {}: still at `{node}`.", file.name.display())
    } else {
        format!(
            "Reloaded {}: `{node}` is gone, continuing at `{}`.",
            file.name.display(),
            active.view.node
        )
    });
}

/// `frontline play FILE` / `--scenario ID`: once every file has loaded,
/// opens that scenario (or tells why it cannot) and stops looking.
fn open_requested(
    mut starter: EncounterStarter,
    options: Res<GameOptions>,
    mut toasts: ResMut<Toasts>,
    mut done: Local<bool>,
) {
    let catalog = &starter.catalog;
    if *done || !catalog.is_loaded() {
        return;
    }
    *done = true;
    let by_file = options.file.as_ref().and_then(|file| catalog.file(file));
    let id = match (by_file, &options.scenario) {
        (Some(f), _) => match &f.playable {
            Some(p) => p.scenario().id.clone(),
            None => {
                toasts.push_error(format!(
                    "{} has errors:\n{}",
                    f.name.display(),
                    f.render_errors()
                ));
                return;
            }
        },
        (None, Some(id)) => id.clone(),
        (None, None) => return,
    };
    if !starter.start(&id) {
        toasts.push_error(format!("No playable scenario `{id}`."));
    }
}

/// When the game was launched (`run_game` sets it before Bevy's plugins are
/// added; otherwise it is when the app was built). The first interactive
/// frame is logged against it.
#[derive(Resource, Clone, Copy, Debug)]
pub struct StartupClock(pub std::time::Instant);

/// Logs (once) how long start-up took: launch to the first frame with
/// every scenario loaded, i.e. the first frame the player can act on.
fn log_first_interactive_frame(
    clock: Res<StartupClock>,
    catalog: Res<Catalog>,
    mut logged: Local<bool>,
) {
    if !*logged && catalog.is_loaded() {
        *logged = true;
        info!(
            "startup: first interactive frame after {:.0} ms ({} scenario files)",
            clock.0.elapsed().as_secs_f64() * 1000.0,
            catalog.files().len()
        );
    }
}

/// Plugin: clocks, typewriter and hot reload of the active encounter, and
/// opening the scenario asked for on the command line.
pub struct SessionPlugin;

impl Plugin for SessionPlugin {
    fn build(&self, app: &mut App) {
        app.insert_resource(StartupClock(std::time::Instant::now()))
            .add_systems(
                Update,
                (
                    tick.run_if(in_state(Screen::Encounter))
                        .in_set(AppSystems::TickTimers),
                    (reload_active, open_requested, log_first_interactive_frame)
                        .in_set(AppSystems::React),
                ),
            );
    }
}
