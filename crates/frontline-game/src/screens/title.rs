//! Title screen: the game's name, the player's profile (name and team,
//! remembered between runs) and the main menu.

use super::draw_screen;
use super::widgets::{self, pressed};
use crate::Screen;
use crate::records::StoreNotice;
use crate::settings::Preferences;
use crate::sync_link::SyncLink;
use crate::theme;
use bevy::prelude::*;
use bevy_egui::EguiContexts;
use bevy_egui::egui::{self, Key, RichText};

/// What the title screen shows.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct View {
    /// The player's name as typed so far.
    pub name: String,
    /// The player's team as typed so far.
    pub team: String,
    /// A message for the player (e.g. the results store could not be opened).
    pub notice: Option<String>,
    /// "3 results waiting to sync" while results wait for the team server.
    pub sync_line: Option<String>,
}

/// What the player asked for on the title screen.
#[derive(Message, Clone, Debug, PartialEq, Eq)]
pub enum Intent {
    /// The name field changed.
    EditName(String),
    /// The team field changed.
    EditTeam(String),
    /// Go on to the scenario picker (needs a name).
    Continue,
    /// Open another screen from the menu.
    Open(Screen),
    /// Close the game.
    Quit,
}

/// Title screen plugin.
pub struct TitlePlugin;

impl Plugin for TitlePlugin {
    fn build(&self, app: &mut App) {
        super::add_intent_screen::<Intent, _, _>(app, Screen::Title, apply, ui);
    }
}

fn ui(
    mut contexts: EguiContexts,
    prefs: Res<Preferences>,
    notice: Option<Res<StoreNotice>>,
    link: Option<Res<SyncLink>>,
    mut intents: MessageWriter<Intent>,
) -> Result {
    let view = View {
        name: prefs.profile.name.clone(),
        team: prefs.profile.team.clone(),
        notice: notice.and_then(|n| n.0.clone()),
        sync_line: link.and_then(|l| l.waiting_line()),
    };
    draw_screen(&mut contexts, &mut intents, |ui| draw(ui, &view))
}

fn apply(
    mut intents: MessageReader<Intent>,
    mut prefs: ResMut<Preferences>,
    mut next: ResMut<NextState<Screen>>,
    mut exit: MessageWriter<AppExit>,
) {
    for intent in intents.read() {
        match intent {
            Intent::EditName(name) => prefs.profile.name = name.clone(),
            Intent::EditTeam(team) => prefs.profile.team = team.clone(),
            // The first time, the introduction comes before the scenarios.
            Intent::Continue if !prefs.profile.name.trim().is_empty() => {
                next.set(if prefs.intro_seen {
                    Screen::Picker
                } else {
                    Screen::Intro
                });
            }
            Intent::Continue => {}
            Intent::Open(screen) => next.set(*screen),
            Intent::Quit => {
                exit.write(AppExit::Success);
            }
        }
    }
}

/// Draws the title screen. Enter continues once a name is given.
pub fn draw(ui: &mut egui::Ui, view: &View) -> Option<Intent> {
    let palette = theme::palette(ui);
    let mut intent = None;
    let can_continue = !view.name.trim().is_empty();
    ui.vertical_centered(|ui| {
        ui.add_space((ui.available_height() * 0.12).min(90.0));
        ui.label(
            RichText::new("Frontline")
                .size(theme::sized(ui, 64.0))
                .strong()
                .color(palette.accent),
        );
        ui.label(
            RichText::new("Service training, one customer at a time")
                .size(theme::sized(ui, 20.0))
                .color(palette.muted),
        );
        ui.add_space(28.0);
        theme::card(&palette).show(ui, |ui| {
            ui.set_width(380.0);
            egui::Grid::new("profile")
                .num_columns(2)
                .spacing([12.0, 10.0])
                .show(ui, |ui| {
                    // Each field is named by its label for screen readers.
                    let label = ui.label("Your name");
                    let mut name = view.name.clone();
                    let field = ui
                        .add(
                            egui::TextEdit::singleline(&mut name)
                                .hint_text("e.g. Sam")
                                .desired_width(240.0),
                        )
                        .labelled_by(label.id);
                    // First start: the cursor waits in the empty name field.
                    if view.name.is_empty() && ui.memory(|m| m.focused().is_none()) {
                        field.request_focus();
                    }
                    if field.changed() {
                        intent = Some(Intent::EditName(name));
                    }
                    ui.end_row();
                    let label = ui.label("Your team");
                    let mut team = view.team.clone();
                    let field = ui
                        .add(
                            egui::TextEdit::singleline(&mut team)
                                .hint_text("optional")
                                .desired_width(240.0),
                        )
                        .labelled_by(label.id);
                    if field.changed() {
                        intent = Some(Intent::EditTeam(team));
                    }
                    ui.end_row();
                });
        });
        ui.add_space(18.0);
        if widgets::primary_button(ui, "Continue", can_continue).clicked()
            || (can_continue && pressed(ui, Key::Enter))
        {
            intent = Some(Intent::Continue);
        }
        if !can_continue {
            widgets::hint(ui, "Enter your name to start.");
        }
        ui.add_space(6.0);
        if ui.button("How to play").clicked() {
            intent = Some(Intent::Open(Screen::Intro));
        }
        ui.add_space(14.0);
        ui.horizontal(|ui| {
            let width = 5.0 * 120.0 + 4.0 * ui.spacing().item_spacing.x;
            ui.add_space(((ui.available_width() - width) / 2.0).max(0.0));
            for (label, screen) in [
                ("My progress", Screen::Progress),
                ("Team", Screen::Team),
                ("Leaderboard", Screen::Leaderboard),
                ("Settings", Screen::Settings),
            ] {
                if ui
                    .add(egui::Button::new(label).min_size([120.0, 34.0].into()))
                    .clicked()
                {
                    intent = Some(Intent::Open(screen));
                }
            }
            if ui
                .add(egui::Button::new("Quit").min_size([120.0, 34.0].into()))
                .clicked()
            {
                intent = Some(Intent::Quit);
            }
        });
        if let Some(line) = &view.sync_line {
            ui.add_space(12.0);
            widgets::hint(ui, line);
        }
        if let Some(notice) = &view.notice {
            ui.add_space(16.0);
            ui.label(RichText::new(notice).color(palette.warn));
        }
    });
    intent
}
