//! Encounter screen: the dialogue panel over the service-counter scene: the
//! customer's line with a typewriter reveal, numbered choices (locked ones
//! greyed with their reason), the pause menu, and live scores when enabled.

use super::draw_overlay;
use super::widgets::{self, pressed};
use crate::Screen;
use crate::ordering::{AppSystems, UiSystems};
use crate::scene::layout::SceneArea;
use crate::session::{self, ActiveEncounter, FinishSinks};
use crate::settings::Preferences;
use crate::theme;
use bevy::prelude::*;
use bevy_egui::egui::{self, Key, RichText};
use bevy_egui::{EguiContexts, EguiPrimaryContextPass};
use frontline_core::needs::{Need, NeedMap};
use frontline_core::scenario::Speaker;

/// One choice as shown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChoiceLine {
    /// Index in the file's `choices` (what [`Intent::Choose`] carries).
    pub index: usize,
    /// What the player would say.
    pub text: String,
    /// Why it is not available, when greyed out.
    pub locked: Option<String>,
}

/// What the encounter screen shows.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct View {
    /// Scenario title.
    pub title: String,
    /// Who speaks ("" for narration).
    pub speaker: String,
    /// The whole line.
    pub text: String,
    /// How many characters of `text` the typewriter shows.
    pub revealed: usize,
    /// Space and Enter may act on the line (it has stood whole for a moment).
    pub keys_ready: bool,
    /// Choices in display order.
    pub choices: Vec<ChoiceLine>,
    /// The line continues without a choice.
    pub can_continue: bool,
    /// The encounter has ended; `text` is the closing line.
    pub ended: bool,
    /// Nothing can be done (a content bug).
    pub stuck: bool,
    /// The pause menu is open.
    pub paused: bool,
    /// Raw need sums so far, when the show-scores-live setting is on.
    pub live_scores: Option<NeedMap<i32>>,
}

impl View {
    /// Whether the typewriter has finished the line.
    pub fn fully_revealed(&self) -> bool {
        self.revealed >= self.text.chars().count()
    }
}

/// What the player did in the encounter.
#[derive(Message, Clone, Debug, PartialEq, Eq)]
pub enum Intent {
    /// Pick the choice with this file index.
    Choose(usize),
    /// Continue a line without choices.
    Continue,
    /// Show the whole line now.
    SkipReveal,
    /// Open the pause menu.
    Pause,
    /// Close the pause menu.
    Resume,
    /// Start this scenario again.
    Restart,
    /// Leave without a result.
    QuitToPicker,
    /// The encounter has ended: go to the debrief.
    Finish,
}

/// Encounter screen plugin.
pub struct EncounterPlugin;

impl Plugin for EncounterPlugin {
    fn build(&self, app: &mut App) {
        app.add_message::<Intent>()
            .init_resource::<SceneArea>()
            .add_systems(
                Update,
                apply
                    .run_if(on_message::<Intent>.and_then(resource_exists::<ActiveEncounter>))
                    .in_set(AppSystems::ApplyIntents),
            )
            .add_systems(
                EguiPrimaryContextPass,
                ui.in_set(UiSystems::Screens).run_if(
                    in_state(Screen::Encounter).and_then(resource_exists::<ActiveEncounter>),
                ),
            );
    }
}

/// Builds the encounter view from the active encounter.
pub fn build_view(active: &ActiveEncounter, show_scores: bool) -> View {
    let v = &active.view;
    View {
        title: active.playable.scenario().title.clone(),
        speaker: match &v.speaker {
            Some(Speaker::Customer) => v.customer_name.clone(),
            Some(Speaker::Other(name)) => name.clone(),
            Some(Speaker::Narrator) | None => String::new(),
        },
        text: v.text.clone(),
        revealed: active.revealed as usize,
        keys_ready: active.keys_ready(),
        choices: v
            .choices
            .iter()
            .map(|c| ChoiceLine {
                index: c.index,
                text: c.text.clone(),
                locked: c.locked.clone(),
            })
            .collect(),
        can_continue: v.can_continue,
        ended: active.encounter.is_over(),
        stuck: v.stuck,
        paused: active.paused,
        live_scores: show_scores.then(|| active.encounter.raw()),
    }
}

/// The encounter screen's egui panels. Their ids are made here and only
/// here, so the panels drawn and the scene area measured from them agree.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Panel {
    /// The title bar.
    Top,
    /// The customer's line and the choices.
    Dialogue,
    /// The running need totals (when shown).
    LiveScores,
}

impl Panel {
    /// The panel's egui id.
    pub fn id(self) -> egui::Id {
        egui::Id::new(("encounter-panel", self))
    }
}

fn ui(
    mut contexts: EguiContexts,
    active: Res<ActiveEncounter>,
    prefs: Res<Preferences>,
    mut intents: MessageWriter<Intent>,
    mut area: ResMut<SceneArea>,
) -> Result {
    let view = build_view(&active, prefs.settings.show_scores_live);
    draw_overlay(&mut contexts, &mut intents, |ui| draw(ui, &view))?;
    let ctx = contexts.ctx_mut()?;
    let zoom = ctx.zoom_factor();
    let screen = ctx.viewport_rect();
    let rect = |panel: Panel| egui::containers::panel::PanelState::load(ctx, panel.id());
    let free = SceneArea {
        top: rect(Panel::Top).map_or(screen.top(), |p| p.outer_rect.bottom()) * zoom,
        bottom: rect(Panel::Dialogue).map_or(screen.bottom(), |p| p.outer_rect.top()) * zoom,
        right: match view.live_scores {
            Some(_) => rect(Panel::LiveScores).map_or(screen.right(), |p| p.outer_rect.left()),
            None => screen.right(),
        } * zoom,
    };
    area.set_if_neq(free);
    Ok(())
}

fn apply(
    mut intents: MessageReader<Intent>,
    mut commands: Commands,
    mut active: ResMut<ActiveEncounter>,
    mut sinks: FinishSinks,
    mut next: ResMut<NextState<Screen>>,
) {
    for intent in intents.read() {
        let result = match intent {
            Intent::Choose(index) => active.encounter.choose(*index).map(|_| active.refresh()),
            Intent::Continue => active.encounter.advance().map(|_| active.refresh()),
            Intent::SkipReveal => {
                active.skip_reveal();
                Ok(())
            }
            Intent::Pause | Intent::Resume => {
                active.paused = *intent == Intent::Pause;
                Ok(())
            }
            Intent::Restart => {
                let fresh = ActiveEncounter::start(
                    active.file.clone(),
                    active.playable.clone(),
                    rand::random(),
                    &active.view.player_name.clone(),
                );
                *active = fresh;
                Ok(())
            }
            Intent::QuitToPicker => {
                commands.remove_resource::<ActiveEncounter>();
                next.set(Screen::Picker);
                return;
            }
            Intent::Finish if active.encounter.is_over() => {
                session::finish(&mut commands, &active, &mut sinks);
                next.set(Screen::Debrief);
                return;
            }
            Intent::Finish => Ok(()),
        };
        if let Err(e) = result {
            sinks.toasts.push_error(e.to_string());
        }
    }
}

/// Draws the dialogue panel and the pause menu. Keys: 1–9 pick a choice,
/// arrows + Enter pick the highlighted one, Space shows the whole line or
/// continues, Esc pauses.
pub fn draw(ui: &mut egui::Ui, view: &View) -> Option<Intent> {
    if view.paused {
        return draw_pause(ui);
    }
    let palette = theme::palette(ui);
    let mut intent = None;
    if pressed(ui, Key::Escape) {
        intent = Some(Intent::Pause);
    }
    egui::Panel::top(Panel::Top.id())
        .frame(
            egui::Frame::new()
                .fill(palette.background.gamma_multiply(0.85))
                .inner_margin(egui::Margin::symmetric(20, 8)),
        )
        .show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.label(RichText::new(&view.title).strong());
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    if ui.button("Pause (Esc)").clicked() {
                        intent = Some(Intent::Pause);
                    }
                });
            });
        });
    if let Some(scores) = &view.live_scores {
        egui::Panel::right(Panel::LiveScores.id())
            .frame(theme::card(&palette))
            .show(ui, |ui| {
                ui.label(RichText::new("Needs so far").strong());
                for need in Need::ALL {
                    ui.label(
                        RichText::new(format!("{}: {:+}", need.label(), scores[need]))
                            .color(palette.need(need)),
                    );
                }
            });
    }
    egui::Panel::bottom(Panel::Dialogue.id())
        .frame(
            theme::card(&palette)
                .corner_radius(0)
                .inner_margin(egui::Margin::symmetric(40, 20)),
        )
        .show(ui, |ui| {
            let panel_intent = draw_dialogue(ui, view);
            intent = intent.clone().or(panel_intent);
        });
    intent
}

fn draw_dialogue(ui: &mut egui::Ui, view: &View) -> Option<Intent> {
    let palette = theme::palette(ui);
    let mut intent = None;
    if !view.speaker.is_empty() {
        ui.label(RichText::new(&view.speaker).strong().color(palette.accent));
    }
    let line = ui.label(typewriter(ui, view));
    // A screen reader announces each new line by itself (the whole line at
    // once: the part still typing is laid out too, only transparent).
    ui.ctx().accesskit_node_builder(line.id, |node| {
        node.set_live(egui::accesskit::Live::Polite);
    });
    ui.add_space(10.0);
    if !view.fully_revealed() {
        widgets::hint(ui, "Space: show the whole line");
        if pressed(ui, Key::Space) || pressed(ui, Key::Enter) {
            intent = Some(Intent::SkipReveal);
        }
        return intent;
    }
    // Keys act only once the whole line has stood for a moment.
    let key = |ui: &egui::Ui, k: Key| view.keys_ready && pressed(ui, k);
    if view.ended {
        if widgets::primary_button(ui, "See how you did (Enter)", true).clicked()
            || key(ui, Key::Enter)
            || key(ui, Key::Space)
        {
            intent = Some(Intent::Finish);
        }
        return intent;
    }
    let open: Vec<usize> = (0..view.choices.len())
        .filter(|&i| view.choices[i].locked.is_none())
        .collect();
    let highlighted = widgets::arrow_selection(ui, "choices", open.len());
    for (n, choice) in view.choices.iter().enumerate() {
        let label = format!("{}.  {}", n + 1, choice.text);
        let is_highlighted = open.get(highlighted) == Some(&n);
        match &choice.locked {
            None => {
                let mut button =
                    egui::Button::new(RichText::new(label).size(theme::sized(ui, 18.0)))
                        .min_size(egui::vec2(ui.available_width(), 36.0));
                if is_highlighted {
                    button = button.stroke(egui::Stroke::new(2.0, palette.accent));
                }
                if ui.add(button).clicked() {
                    intent = Some(Intent::Choose(choice.index));
                }
            }
            Some(reason) => {
                ui.add_enabled(
                    false,
                    egui::Button::new(RichText::new(label).size(theme::sized(ui, 18.0))),
                );
                ui.label(
                    RichText::new(format!("🔒 {reason}"))
                        .size(theme::sized(ui, theme::SMALL_SIZE))
                        .color(palette.muted),
                );
            }
        }
    }
    if let Some(n) = widgets::number_pressed(ui)
        && let Some(choice) = view.choices.get(n)
        && choice.locked.is_none()
    {
        intent = Some(Intent::Choose(choice.index));
    }
    if key(ui, Key::Enter)
        && let Some(&n) = open.get(highlighted)
    {
        intent = Some(Intent::Choose(view.choices[n].index));
    }
    if view.can_continue {
        if widgets::primary_button(ui, "Continue (Space)", true).clicked()
            || key(ui, Key::Space)
            || (open.is_empty() && key(ui, Key::Enter))
        {
            intent = Some(Intent::Continue);
        }
    } else if view.stuck {
        ui.label(
            RichText::new(
                "This encounter cannot go on (a problem in the scenario). Press Esc to leave.",
            )
            .color(palette.bad),
        );
    }
    intent
}

/// `text` split after its first `revealed` characters (not bytes: accented
/// letters and emoji count as one): what is typed so far, and what is to come.
pub fn typewriter_split(text: &str, revealed: usize) -> (&str, &str) {
    let at = text
        .char_indices()
        .nth(revealed)
        .map_or(text.len(), |(i, _)| i);
    text.split_at(at)
}

/// The line as the typewriter shows it. The whole line is laid out, the part
/// not typed yet in a transparent colour, so words never jump to another row
/// while the line types and no letter is ever dropped.
fn typewriter(ui: &egui::Ui, view: &View) -> egui::text::LayoutJob {
    let palette = theme::palette(ui);
    let (typed, to_come) = typewriter_split(&view.text, view.revealed);
    let format = |colour| egui::TextFormat {
        font_id: egui::FontId::proportional(theme::sized(ui, 20.0)),
        color: colour,
        italics: view.speaker.is_empty(),
        ..Default::default()
    };
    let mut job = egui::text::LayoutJob::default();
    job.append(typed, 0.0, format(palette.text));
    job.append(to_come, 0.0, format(egui::Color32::TRANSPARENT));
    job.wrap.max_width = ui.available_width();
    job
}

/// The pause menu: Resume (Esc or 1), Restart (2), Quit to picker (3).
fn draw_pause(ui: &mut egui::Ui) -> Option<Intent> {
    let palette = theme::palette(ui);
    let items = [
        ("Resume", Intent::Resume),
        ("Restart", Intent::Restart),
        ("Quit to picker", Intent::QuitToPicker),
    ];
    let mut intent = pressed(ui, Key::Escape).then_some(Intent::Resume);
    let selected = widgets::arrow_selection(ui, "pause", items.len());
    if pressed(ui, Key::Enter) {
        intent = Some(items[selected].1.clone());
    }
    if let Some(n) = widgets::number_pressed(ui)
        && let Some(item) = items.get(n)
    {
        intent = Some(item.1.clone());
    }
    egui::CentralPanel::default()
        .frame(egui::Frame::new().fill(palette.background.gamma_multiply(0.8)))
        .show(ui, |ui| {
            ui.vertical_centered(|ui| {
                ui.add_space(ui.available_height() * 0.25);
                theme::card(&palette).show(ui, |ui| {
                    ui.set_width(300.0);
                    ui.vertical_centered(|ui| {
                        ui.heading("Paused");
                        for (i, (label, item)) in items.iter().enumerate() {
                            let mut button = egui::Button::new(format!("{}. {label}", i + 1))
                                .min_size(egui::vec2(240.0, 36.0));
                            if i == selected {
                                button = button.stroke(egui::Stroke::new(2.0, palette.accent));
                            }
                            if ui.add(button).clicked() {
                                intent = Some(item.clone());
                            }
                        }
                    });
                });
            });
        });
    intent
}
