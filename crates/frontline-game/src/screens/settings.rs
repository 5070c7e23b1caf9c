//! Settings screen: interface and text size, text speed, reduced motion, live
//! scores, colour-blind-safe palette, fullscreen. Changes apply at once and
//! are saved.

use super::draw_screen;
use super::widgets;
use crate::Screen;
use crate::ordering::{AppSystems, UiSystems};
use crate::settings::{Preferences, Settings, TextSize, TextSpeed, UI_SCALE_RANGE};
use bevy::prelude::*;
use bevy::window::{MonitorSelection, PrimaryWindow, WindowMode};
use bevy_egui::egui::{self, RichText};
use bevy_egui::{EguiContexts, EguiPrimaryContextPass};

/// What the player changed on the settings screen.
#[derive(Message, Clone, Debug, PartialEq)]
pub enum Intent {
    /// Replace the settings with these.
    Change(Settings),
    /// Back to the title screen.
    Back,
}

/// Settings screen plugin.
pub struct SettingsPlugin;

impl Plugin for SettingsPlugin {
    fn build(&self, app: &mut App) {
        app.add_message::<Intent>()
            .add_systems(
                Update,
                (apply.run_if(on_message::<Intent>), apply_fullscreen)
                    .chain()
                    .in_set(AppSystems::ApplyIntents),
            )
            .add_systems(
                EguiPrimaryContextPass,
                ui.in_set(UiSystems::Screens)
                    .run_if(in_state(Screen::Settings)),
            );
    }
}

fn ui(
    mut contexts: EguiContexts,
    prefs: Res<Preferences>,
    mut intents: MessageWriter<Intent>,
) -> Result {
    let view = prefs.settings.clone();
    draw_screen(&mut contexts, &mut intents, |ui| draw(ui, &view))
}

fn apply(
    mut intents: MessageReader<Intent>,
    mut prefs: ResMut<Preferences>,
    mut next: ResMut<NextState<Screen>>,
) {
    for intent in intents.read() {
        match intent {
            Intent::Change(settings) => prefs.settings = settings.clone(),
            Intent::Back => next.set(Screen::Title),
        }
    }
}

/// Keeps the window mode in line with the fullscreen setting.
fn apply_fullscreen(prefs: Res<Preferences>, mut windows: Query<&mut Window, With<PrimaryWindow>>) {
    let wanted = if prefs.settings.fullscreen {
        WindowMode::BorderlessFullscreen(MonitorSelection::Current)
    } else {
        WindowMode::Windowed
    };
    for mut window in &mut windows {
        if window.mode != wanted {
            window.mode = wanted;
        }
    }
}

/// Draws the settings. Every control is reachable with Tab and Space/Enter.
pub fn draw(ui: &mut egui::Ui, view: &Settings) -> Option<Intent> {
    let mut intent = None;
    if widgets::header(ui, "Settings", "Changes apply at once and are remembered.") {
        intent = Some(Intent::Back);
    }
    let mut s = view.clone();
    egui::Grid::new("settings")
        .num_columns(2)
        .spacing([24.0, 14.0])
        .show(ui, |ui| {
            ui.label("Interface size");
            ui.horizontal(|ui| {
                for (label, scale) in [
                    ("Small", 0.85),
                    ("Normal", 1.0),
                    ("Large", 1.25),
                    ("Huge", 1.5),
                ] {
                    if ui
                        .selectable_label((s.ui_scale - scale).abs() < 0.01, label)
                        .clicked()
                    {
                        s.ui_scale = scale;
                    }
                }
                ui.add(egui::Slider::new(&mut s.ui_scale, UI_SCALE_RANGE).step_by(0.05));
            });
            ui.end_row();
            ui.label("Text size");
            ui.horizontal(|ui| {
                for size in TextSize::ALL {
                    if ui
                        .selectable_label(s.text_size == size, size.label())
                        .clicked()
                    {
                        s.text_size = size;
                    }
                }
            });
            ui.end_row();
            ui.label("Text speed");
            ui.horizontal(|ui| {
                for speed in TextSpeed::ALL {
                    if ui
                        .selectable_label(s.text_speed == speed, speed.label())
                        .clicked()
                    {
                        s.text_speed = speed;
                    }
                }
            });
            ui.end_row();
            ui.label("Motion");
            ui.checkbox(
                &mut s.reduced_motion,
                "Reduce motion: lines appear whole, the scene stands still",
            );
            ui.end_row();
            ui.label("Scores while playing");
            ui.checkbox(&mut s.show_scores_live, "Show need scores live");
            ui.end_row();
            ui.label("Colours");
            ui.checkbox(&mut s.colour_blind_safe, "Colour-blind-safe palette");
            ui.end_row();
            ui.label("Window");
            ui.checkbox(&mut s.fullscreen, "Fullscreen");
            ui.end_row();
        });
    ui.add_space(12.0);
    ui.label(
        RichText::new(
            "Customers score you without telling you: leave live scores off to practise like the real thing.",
        )
        .size(crate::theme::sized(ui, crate::theme::SMALL_SIZE)),
    );
    if s != *view {
        intent = Some(Intent::Change(s));
    }
    intent
}
