//! The introduction: what the six needs mean (each with an example), how
//! grades and passing work, and the keys. It opens by itself the first time a
//! player continues from the title, and again from the title's "How to play".

use super::draw_screen;
use super::widgets::{self, pressed};
use crate::Screen;
use crate::settings::Preferences;
use crate::theme;
use bevy::prelude::*;
use bevy_egui::EguiContexts;
use bevy_egui::egui::{self, Key, RichText};
use frontline_core::needs::Need;

/// What the introduction shows.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct View {
    /// The player has not seen it yet: closing it goes on to the scenarios.
    pub first_run: bool,
}

/// What the player did on the introduction.
#[derive(Message, Clone, Debug, PartialEq, Eq)]
pub enum Intent {
    /// Done reading (or skipped): on to the scenarios the first time, else
    /// back to the title.
    Close,
}

/// Introduction screen plugin.
pub struct IntroPlugin;

impl Plugin for IntroPlugin {
    fn build(&self, app: &mut App) {
        super::add_intent_screen::<Intent, _, _>(app, Screen::Intro, apply, ui);
    }
}

fn ui(
    mut contexts: EguiContexts,
    prefs: Res<Preferences>,
    mut intents: MessageWriter<Intent>,
) -> Result {
    let view = View {
        first_run: !prefs.intro_seen,
    };
    draw_screen(&mut contexts, &mut intents, |ui| draw(ui, &view))
}

/// Where closing the introduction leads: the scenarios after the first
/// reading (when a name is entered), else the title.
pub fn after_intro(prefs: &Preferences) -> Screen {
    if !prefs.intro_seen && !prefs.profile.name.trim().is_empty() {
        Screen::Picker
    } else {
        Screen::Title
    }
}

fn apply(
    mut intents: MessageReader<Intent>,
    mut prefs: ResMut<Preferences>,
    mut next: ResMut<NextState<Screen>>,
) {
    for Intent::Close in intents.read() {
        next.set(after_intro(&prefs));
        if !prefs.intro_seen {
            prefs.intro_seen = true;
        }
    }
}

/// The six needs in plain words, each with something an employee might say.
pub const NEEDS: [(Need, &str, &str); 6] = [
    (
        Need::Friendliness,
        "a warm, polite manner from the first word.",
        "“Good morning, thanks for waiting. How can I help?”",
    ),
    (
        Need::Empathy,
        "showing you see how the situation feels for them.",
        "“Two hours on hold is exhausting, I'm sorry.”",
    ),
    (
        Need::Fairness,
        "the same rules for everyone, and no one treated as less.",
        "“I can't move you ahead of the queue, but I'll be quick.”",
    ),
    (
        Need::Options,
        "other ways forward when the first answer is no.",
        "“It's sold out here; I can reserve one at our other shop.”",
    ),
    (
        Need::Control,
        "letting them decide, and keeping the promises you make.",
        "“Would you rather wait or have us call you by four?”",
    ),
    (
        Need::Information,
        "clear, honest facts: what happens next and when.",
        "“The refund reaches your card in three to five days.”",
    ),
];

/// Grade bands of the overall score (the core's `Grade::of` decides them).
pub const GRADES: [(char, &str); 5] = [
    ('A', "90–100: close to the best this situation allows"),
    ('B', "75–89: good service"),
    ('C', "60–74: acceptable, with room to do better"),
    ('D', "40–59: several needs went unmet"),
    ('E', "0–39: poorly served"),
];

/// The keys, as the player uses them.
const KEYS: [(&str, &str); 6] = [
    ("1–9", "say that choice (or ↑ ↓ and Enter)"),
    (
        "Space",
        "show the whole line at once, or go on when there is no choice",
    ),
    ("Esc", "pause an encounter; go back on other screens"),
    (
        "Tab",
        "move between buttons and fields; Enter or Space presses",
    ),
    ("↑ ↓ Page Up/Down", "scroll the debrief"),
    (
        "R / N / P",
        "after the debrief: replay, next scenario, picker",
    ),
];

/// Draws the introduction. Esc or the button closes it.
pub fn draw(ui: &mut egui::Ui, view: &View) -> Option<Intent> {
    let palette = theme::palette(ui);
    let mut intent = None;
    let close_label = if view.first_run {
        "Start playing (Enter)"
    } else {
        "Back to the title (Enter)"
    };
    widgets::title_row(ui, "How Frontline works", |ui| {
        if widgets::primary_button(ui, close_label, true).clicked() {
            intent = Some(Intent::Close);
        }
        if view.first_run && ui.button("Skip (Esc)").clicked() {
            intent = Some(Intent::Close);
        }
    });
    if pressed(ui, Key::Escape) || pressed(ui, Key::Enter) {
        intent = Some(Intent::Close);
    }
    ui.separator();
    let keys = widgets::scroll_keys(ui);
    egui::ScrollArea::vertical()
        .id_salt("intro")
        .auto_shrink(false)
        .show(ui, |ui| {
            if keys != 0.0 {
                ui.scroll_with_delta(egui::vec2(0.0, keys));
            }
            ui.label(
                "Each encounter is one customer. Read what they say and pick your answer; \
                 their mood and patience react. Customers judge you on six needs:",
            );
            ui.add_space(6.0);
            for (need, meaning, example) in NEEDS {
                ui.horizontal_wrapped(|ui| {
                    ui.label(
                        RichText::new(need.label())
                            .strong()
                            .color(palette.need(need)),
                    );
                    ui.label(format!(": {meaning}"));
                });
                ui.label(RichText::new(format!("For example: {example}")).color(palette.muted));
                ui.add_space(4.0);
            }
            section(ui, "Scores, grades and passing");
            ui.label(
                "After each encounter the debrief scores every need from 0 to 100 (the worst \
                 to the best that encounter allows) and adds them up to an overall score, \
                 which gives a grade:",
            );
            for (letter, band) in GRADES {
                ui.label(format!("{letter}  {band}"));
            }
            ui.label(
                "You pass when the overall score reaches the encounter's pass mark (60 \
                 unless its trainer set another) and the customer leaves at least satisfied. \
                 Where a good ending is impossible, a calm one is enough. The debrief says \
                 which choices moved each need and what the best path did instead.",
            );
            section(ui, "Keys");
            egui::Grid::new("intro-keys")
                .num_columns(2)
                .spacing([18.0, 6.0])
                .show(ui, |ui| {
                    for (key, does) in KEYS {
                        ui.label(RichText::new(key).strong());
                        ui.label(does);
                        ui.end_row();
                    }
                });
            widgets::hint(
                ui,
                "Text size, reduced motion and more are in Settings. This page stays \
                 available from the title screen (How to play).",
            );
        });
    intent
}

fn section(ui: &mut egui::Ui, title: &str) {
    ui.add_space(10.0);
    ui.label(RichText::new(title).strong().size(theme::sized(ui, 20.0)));
}
