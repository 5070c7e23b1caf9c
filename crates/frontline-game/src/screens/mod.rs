//! One file per screen. Each has a plugin and a pure
//! `fn draw(ui: &mut egui::Ui, view: &View) -> Option<Intent>`: the plugin's
//! UI system builds the view from resources and writes the returned intent as
//! a message; its logic system applies intents (and runs without egui).

pub mod debrief;
pub mod encounter;
pub mod intro;
pub mod leaderboard;
pub mod picker;
pub mod progress;
pub mod settings;
pub mod team;
pub mod title;
pub mod widgets;

use super::Screen;
use super::catalog::Catalog;
use super::ordering::{AppSystems, UiSystems};
use super::records::{Records, or_report};
use super::session::EncounterStarter;
use super::settings::{Preferences, Profile};
use super::theme::{self, Look};
use super::toast::Toasts;
use bevy::ecs::system::{ScheduleSystem, SystemParam};
use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};
use frontline_results::StoreError;

/// Adds every screen's plugin and the system that keeps egui's style in line
/// with the settings.
pub struct ScreensPlugin;

impl Plugin for ScreensPlugin {
    fn build(&self, app: &mut App) {
        app.add_plugins((
            title::TitlePlugin,
            intro::IntroPlugin,
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
            apply_scenario_intents
                .run_if(on_message::<ScenarioIntent>)
                .in_set(AppSystems::ApplyIntents),
        )
        .add_systems(EguiPrimaryContextPass, apply_theme.in_set(UiSystems::Theme));
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
    mut starter: EncounterStarter,
) {
    for intent in intents.read() {
        match intent {
            ScenarioIntent::Play(id) => {
                starter.start(id);
            }
            ScenarioIntent::Back => starter.next.set(Screen::Title),
        }
    }
}

fn apply_theme(
    mut contexts: EguiContexts,
    prefs: Res<Preferences>,
    mut applied: Local<Option<Look>>,
) -> Result {
    let wanted = Look::of(&prefs.settings);
    if *applied != Some(wanted) {
        let ctx = contexts.ctx_mut()?;
        theme::apply(ctx, &wanted);
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

/// What a screen built from the results store and the catalog reads.
#[derive(SystemParam)]
pub struct ViewSources<'w> {
    /// The results store.
    pub records: Res<'w, Records>,
    /// The scenario folder.
    pub catalog: Res<'w, Catalog>,
    /// The player's profile and settings.
    pub prefs: Res<'w, Preferences>,
}

impl ViewSources<'_> {
    /// Changes whenever a result is saved, the folder reloads or the profile changes.
    fn key(&self) -> (u64, u64, Profile) {
        (
            self.records.revision(),
            self.catalog.revision,
            self.prefs.profile.clone(),
        )
    }
}

/// A screen whose view comes from [`ViewSources`] and is rebuilt only when
/// they change; [`cached_screen_ui`] is its one UI system.
pub trait CachedScreen: Send + Sync + 'static {
    /// What the screen shows.
    type View: Default + Send + Sync + 'static;
    /// What the screen sends back.
    type Intent: Message;
    /// Builds the view (store queries may fail; the screen then shows an empty view).
    fn build_view(sources: &ViewSources) -> Result<Self::View, StoreError>;
    /// The screen's pure draw function.
    fn draw(ui: &mut egui::Ui, view: &Self::View) -> Option<Self::Intent>;
}

/// Adds `S`'s UI system ([`cached_screen_ui`]) for the `screen` state.
pub fn add_cached_screen<S: CachedScreen>(app: &mut App, screen: Screen) {
    app.add_systems(
        EguiPrimaryContextPass,
        cached_screen_ui::<S>
            .in_set(UiSystems::Screens)
            .run_if(in_state(screen)),
    );
}

/// Registers a screen whose `ui` system draws it while `screen` is the state
/// and whose intents (message `I`) `apply` carries out in
/// [`AppSystems::ApplyIntents`], on the frames one was sent.
pub fn add_intent_screen<I: Message, A, U>(
    app: &mut App,
    screen: Screen,
    apply: impl IntoScheduleConfigs<ScheduleSystem, A>,
    ui: impl IntoScheduleConfigs<ScheduleSystem, U>,
) {
    app.add_message::<I>()
        .add_systems(
            Update,
            apply
                .run_if(on_message::<I>)
                .in_set(AppSystems::ApplyIntents),
        )
        .add_systems(
            EguiPrimaryContextPass,
            ui.in_set(UiSystems::Screens).run_if(in_state(screen)),
        );
}

/// The UI system of every [`CachedScreen`]: rebuilds its view when results,
/// the catalog or the profile changed, draws it full-window and forwards the
/// intent. A failed query shows as a toast.
pub fn cached_screen_ui<S: CachedScreen>(
    mut contexts: EguiContexts,
    sources: ViewSources,
    mut toasts: ResMut<Toasts>,
    mut intents: MessageWriter<S::Intent>,
    mut cache: Local<CachedView<(u64, u64, Profile), S::View>>,
) -> Result {
    let view = cache.get(sources.key(), false, || {
        or_report(S::build_view(&sources), &mut toasts)
    });
    draw_screen(&mut contexts, &mut intents, |ui| S::draw(ui, view))
}
