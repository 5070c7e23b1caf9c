//! One file per screen. Each has a plugin and a pure
//! `fn draw(ui: &mut egui::Ui, view: &View) -> Option<Intent>`: the plugin's
//! UI system builds the view from resources and writes the returned intent as
//! a message; its logic system applies intents (and runs without egui).

pub mod debrief;
pub mod encounter;
pub mod leaderboard;
pub mod picker;
pub mod progress;
pub mod settings;
pub mod team;
pub mod title;
pub mod widgets;

use super::Screen;
use super::dialogue_asset::{Catalog, DialogueFile};
use super::session::start_scenario;
use super::settings::Preferences;
use super::theme::{self, Palette};
use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

/// Adds every screen's plugin and the system that keeps egui's style in line
/// with the settings.
pub struct ScreensPlugin;

impl Plugin for ScreensPlugin {
    fn build(&self, app: &mut App) {
        app.add_plugins((
            title::TitlePlugin,
            picker::PickerPlugin,
            encounter::EncounterPlugin,
            debrief::DebriefPlugin,
            settings::SettingsPlugin,
            leaderboard::LeaderboardPlugin,
            team::TeamPlugin,
            progress::ProgressPlugin,
        ))
        .add_message::<ScenarioIntent>()
        .add_systems(
            Update,
            apply_scenario_intents.run_if(on_message::<ScenarioIntent>),
        )
        .add_systems(EguiPrimaryContextPass, apply_theme.before(ScreenUi));
    }
}

/// What the picker, team and progress screens send: start a scenario, or
/// go back to the title.
#[derive(Message, Clone, Debug, PartialEq, Eq)]
pub enum ScenarioIntent {
    /// Play the scenario with this id.
    Play(String),
    /// Back to the title screen.
    Back,
}

fn apply_scenario_intents(
    mut intents: MessageReader<ScenarioIntent>,
    mut commands: Commands,
    catalog: Res<Catalog>,
    assets: Res<Assets<DialogueFile>>,
    mut next: ResMut<NextState<Screen>>,
) {
    for intent in intents.read() {
        match intent {
            ScenarioIntent::Play(id) => {
                start_scenario(&mut commands, &catalog, &assets, &mut next, id);
            }
            ScenarioIntent::Back => next.set(Screen::Title),
        }
    }
}

/// System set of every screen's egui drawing system (after the theme is applied).
#[derive(SystemSet, Clone, Debug, PartialEq, Eq, Hash)]
pub struct ScreenUi;

fn apply_theme(
    mut contexts: EguiContexts,
    prefs: Res<Preferences>,
    mut applied: Local<Option<(bool, f32)>>,
) -> Result {
    let wanted = (prefs.settings.colour_blind_safe, prefs.settings.ui_scale);
    if *applied != Some(wanted) {
        let ctx = contexts.ctx_mut()?;
        theme::apply(ctx, Palette::for_setting(wanted.0), wanted.1);
        *applied = Some(wanted);
    }
    Ok(())
}

/// Runs `draw` in a full-window panel with `frame` and returns its intent.
pub fn show_fullscreen<R>(
    ctx: &egui::Context,
    frame: egui::Frame,
    draw: impl FnOnce(&mut egui::Ui) -> Option<R>,
) -> Option<R> {
    let mut root = egui::Ui::new(
        ctx.clone(),
        egui::Id::new("frontline-root"),
        egui::UiBuilder::new()
            .layer_id(egui::LayerId::background())
            .max_rect(ctx.viewport_rect()),
    );
    egui::CentralPanel::default()
        .frame(frame)
        .show(&mut root, draw)
        .inner
}

/// Draws a full-window screen from the primary egui context and forwards its intent.
pub fn draw_screen<I: Message>(
    contexts: &mut EguiContexts,
    intents: &mut MessageWriter<I>,
    draw: impl FnOnce(&mut egui::Ui) -> Option<I>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    let frame = theme::screen(&theme::palette_of(ctx));
    if let Some(intent) = show_fullscreen(ctx, frame, draw) {
        intents.write(intent);
    }
    Ok(())
}

/// Like [`draw_screen`] without a background, so the 2D scene shows through.
pub fn draw_overlay<I: Message>(
    contexts: &mut EguiContexts,
    intents: &mut MessageWriter<I>,
    draw: impl FnOnce(&mut egui::Ui) -> Option<I>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    if let Some(intent) = show_fullscreen(ctx, egui::Frame::NONE, draw) {
        intents.write(intent);
    }
    Ok(())
}

/// A view rebuilt only when its inputs change (records, loaded files,
/// filters), so screens stay cheap with many stored results.
pub struct CachedView<K, V> {
    key: Option<K>,
    view: V,
}

impl<K: PartialEq, V: Default> Default for CachedView<K, V> {
    fn default() -> Self {
        CachedView {
            key: None,
            view: V::default(),
        }
    }
}

impl<K: PartialEq, V> CachedView<K, V> {
    /// The view for `key`, rebuilt with `build` when the key changed or `force`.
    pub fn get(&mut self, key: K, force: bool, build: impl FnOnce() -> V) -> &V {
        if force || self.key.as_ref() != Some(&key) {
            self.view = build();
            self.key = Some(key);
        }
        &self.view
    }
}

/// Whether the scenario content a view shows changed this frame: a file
/// (re)loaded or removed, or the folder's list or curriculum order changed.
pub fn content_changed(catalog: &Res<Catalog>, assets: &Res<Assets<DialogueFile>>) -> bool {
    catalog.is_changed() || assets.is_changed()
}
