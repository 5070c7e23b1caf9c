//! Scenario picker: one card per playable scenario in curriculum order, and
//! the files that failed to load with their first error (so trainers see why).

use super::widgets::{self, pressed};
use super::{CachedView, ScreenUi, draw_screen};
use crate::Screen;
use crate::dialogue_asset::{Catalog, DialogueFile};
use crate::records::Records;
use crate::settings::Preferences;
use crate::theme::{self, Palette};
use bevy::prelude::*;
use bevy_egui::egui::{self, Key, RichText, Stroke};
use bevy_egui::{EguiContexts, EguiPrimaryContextPass};
use frontline_core::scenario::{Difficulty, Role};

/// One playable scenario's card.
#[derive(Clone, Debug, PartialEq)]
pub struct Card {
    /// Scenario id.
    pub id: String,
    /// Title.
    pub title: String,
    /// One or two sentences.
    pub summary: String,
    /// Where and when.
    pub setting: String,
    /// How hard.
    pub difficulty: Difficulty,
    /// Free-form tags.
    pub tags: Vec<String>,
    /// External, internal or vendor customer.
    pub role: Role,
    /// The player's best overall score here.
    pub best: Option<u8>,
    /// 1-based position in the suggested curriculum.
    pub step: Option<usize>,
}

/// A file that could not be loaded.
#[derive(Clone, Debug, PartialEq)]
pub struct Broken {
    /// File name.
    pub file: String,
    /// Its first error.
    pub error: String,
    /// How many errors it has.
    pub count: usize,
}

/// What the picker shows.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct View {
    /// Playable scenarios, in curriculum order.
    pub cards: Vec<Card>,
    /// Files with errors.
    pub broken: Vec<Broken>,
    /// Some files are still loading.
    pub loading: bool,
}

/// Start a scenario or go back to the title.
pub type Intent = super::ScenarioIntent;

/// Picker screen plugin.
pub struct PickerPlugin;

impl Plugin for PickerPlugin {
    fn build(&self, app: &mut App) {
        app.add_systems(
            EguiPrimaryContextPass,
            ui.in_set(ScreenUi).run_if(in_state(Screen::Picker)),
        );
    }
}

/// Builds the picker's view from the loaded files and the player's records.
pub fn build_view(
    catalog: &Catalog,
    assets: &Assets<DialogueFile>,
    records: &Records,
    player: &str,
) -> View {
    let cards = catalog
        .playable_in_order(assets)
        .into_iter()
        .map(|(_, p)| {
            let s = p.scenario();
            Card {
                id: s.id.clone(),
                title: s.title.clone(),
                summary: s.summary.clone(),
                setting: s.setting.clone(),
                difficulty: s.difficulty,
                tags: s.tags.clone(),
                role: s.customer.role,
                best: records.best_of(player, &s.id).unwrap_or_else(|e| {
                    warn!("best score of {}: {e}", s.id);
                    None
                }),
                step: catalog.curriculum_rank(&s.id).map(|r| r + 1),
            }
        })
        .collect();
    let broken = catalog
        .files
        .iter()
        .filter_map(|h| assets.get(h))
        .filter(|f| f.playable.is_none())
        .map(|f| Broken {
            file: f.path.display().to_string(),
            error: f.first_error().unwrap_or("unknown error").to_string(),
            count: f.errors.len(),
        })
        .collect();
    View {
        cards,
        broken,
        loading: !catalog.is_loaded(assets),
    }
}

/// The view, rebuilt when records, profile or filters change.
type ViewCache = CachedView<(u64, String), View>;

fn ui(
    mut contexts: EguiContexts,
    catalog: Res<Catalog>,
    assets: Res<Assets<DialogueFile>>,
    records: Res<Records>,
    prefs: Res<Preferences>,
    mut intents: MessageWriter<Intent>,
    mut cache: Local<ViewCache>,
) -> Result {
    let view = cache.get(
        (records.revision(), prefs.profile.name.clone()),
        super::content_changed(&catalog, &assets),
        || build_view(&catalog, &assets, &records, prefs.profile.name.trim()),
    );
    draw_screen(&mut contexts, &mut intents, |ui| draw(ui, view))
}

/// Short name of a difficulty and its colour.
pub fn difficulty_chip(palette: &Palette, d: Difficulty) -> (&'static str, egui::Color32) {
    match d {
        Difficulty::Easy => ("Easy", palette.good),
        Difficulty::Medium => ("Medium", palette.warn),
        Difficulty::Hard => ("Hard", palette.bad),
    }
}

/// Who the customer is, as shown on cards.
pub fn role_label(role: Role) -> &'static str {
    match role {
        Role::External => "External customer",
        Role::Internal => "Internal customer",
        Role::Vendor => "Vendor",
    }
}

/// Draws the picker. Arrows move the highlight through the grid of cards
/// (Up/Down by a row), Enter plays it, Esc goes back.
pub fn draw(ui: &mut egui::Ui, view: &View) -> Option<Intent> {
    let palette = theme::palette(ui);
    let mut intent = None;
    if widgets::header(
        ui,
        "Choose an encounter",
        "Suggested order first. Arrows and Enter, or click Play.",
    ) {
        intent = Some(Intent::Back);
    }
    // A grid: as many cards per row as fit beside the scroll bar.
    let width = ui.available_width() - ui.spacing().scroll.allocated_width();
    let per_row = cards_per_row(width);
    let selected = widgets::grid_selection(ui, "picker", view.cards.len(), per_row);
    if let Some(card) = view.cards.get(selected)
        && pressed(ui, Key::Enter)
    {
        intent = Some(Intent::Play(card.id.clone()));
    }
    if view.loading {
        widgets::hint(ui, "Loading scenarios…");
    }
    // Cards share the row's width, and every card in a row is as tall as the
    // tallest one was last frame, with its Play button at the bottom.
    let card_width = card_inner_width(width, per_row);
    egui::ScrollArea::vertical()
        .auto_shrink(false)
        .show(ui, |ui| {
            for (r, row) in view.cards.chunks(per_row).enumerate() {
                let row_id = egui::Id::new(("picker-row-height", r, per_row));
                let target = ui.data(|d| d.get_temp::<f32>(row_id)).unwrap_or(0.0);
                let mut tallest = 0.0_f32;
                ui.horizontal_top(|ui| {
                    ui.spacing_mut().item_spacing = egui::vec2(CARD_GAP, CARD_GAP);
                    for (j, card) in row.iter().enumerate() {
                        let selected_here = r * per_row + j == selected;
                        let (play, natural) =
                            draw_card(ui, &palette, card, selected_here, card_width, target);
                        tallest = tallest.max(natural);
                        if play {
                            intent = Some(Intent::Play(card.id.clone()));
                        }
                    }
                });
                if (tallest - target).abs() > 0.5 {
                    ui.data_mut(|d| d.insert_temp(row_id, tallest));
                    ui.ctx().request_repaint();
                }
                ui.add_space(CARD_GAP);
            }
            if !view.broken.is_empty() {
                ui.add_space(20.0);
                ui.label(RichText::new("Could not load").strong().color(palette.bad));
                for b in &view.broken {
                    theme::card(&palette)
                        .stroke(Stroke::new(1.0, palette.bad))
                        .show(ui, |ui| {
                            ui.set_width(ui.available_width());
                            let more = if b.count > 1 {
                                format!("  (+{} more)", b.count - 1)
                            } else {
                                String::new()
                            };
                            ui.label(RichText::new(format!("{}{more}", b.file)).strong());
                            ui.label(RichText::new(&b.error).monospace().color(palette.muted));
                        });
                }
            }
        });
    intent
}

/// How many cards fit side by side in `width` points (at least one).
pub fn cards_per_row(width: f32) -> usize {
    ((width + CARD_GAP) / (CARD_OUTER_WIDTH + CARD_GAP))
        .floor()
        .max(1.0) as usize
}

/// Inner width of each of `per_row` cards sharing `width` points.
fn card_inner_width(width: f32, per_row: usize) -> f32 {
    let n = per_row.max(1) as f32;
    let outer = (width - CARD_GAP * (n - 1.0)) / n;
    (outer - (CARD_OUTER_WIDTH - CARD_WIDTH)).max(CARD_WIDTH)
}

/// Smallest inner width of a scenario card.
const CARD_WIDTH: f32 = 340.0;
/// Width a card takes on screen, frame margins and stroke included.
const CARD_OUTER_WIDTH: f32 = CARD_WIDTH + 40.0;
/// Space between cards.
const CARD_GAP: f32 = 16.0;

/// One card, `width` wide inside, padded to `height` (when taller than its
/// content) above the Play row. Returns whether Play was clicked and the
/// height the content needs.
fn draw_card(
    ui: &mut egui::Ui,
    palette: &Palette,
    card: &Card,
    selected: bool,
    width: f32,
    height: f32,
) -> (bool, f32) {
    let stroke = if selected {
        Stroke::new(2.5, palette.accent)
    } else {
        Stroke::new(1.0, palette.raised)
    };
    let mut play = false;
    let mut natural = 0.0;
    theme::card(palette).stroke(stroke).show(ui, |ui| {
        // A frame inherits its parent's layout; the grid of cards is horizontal,
        // the card itself reads top to bottom.
        ui.vertical(|ui| {
            ui.set_width(width);
            let top = ui.cursor().top();
            ui.horizontal(|ui| {
                if let Some(step) = card.step {
                    ui.label(
                        RichText::new(format!("{step}."))
                            .strong()
                            .color(palette.accent),
                    );
                }
                ui.label(RichText::new(&card.title).strong().size(19.0));
            });
            ui.horizontal_wrapped(|ui| {
                let (label, colour) = difficulty_chip(palette, card.difficulty);
                widgets::chip(ui, label, colour);
                widgets::chip(ui, role_label(card.role), palette.accent);
            });
            if !card.tags.is_empty() {
                ui.label(
                    RichText::new(card.tags.join(" · "))
                        .size(theme::SMALL_SIZE)
                        .color(palette.muted),
                );
            }
            ui.label(&card.summary);
            if !card.setting.is_empty() {
                ui.label(RichText::new(&card.setting).italics().color(palette.muted));
            }
            let above = ui.cursor().top() - top;
            let play_row = ui.spacing().interact_size.y + PLAY_ROW_EXTRA;
            let padding = (height - above - play_row).max(0.0);
            ui.add_space(padding);
            ui.horizontal(|ui| {
                match card.best {
                    Some(best) => ui.label(
                        RichText::new(format!("Your best: {best}")).color(palette.score(best)),
                    ),
                    None => ui.label(RichText::new("Not played yet").color(palette.muted)),
                };
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    play = widgets::primary_button(ui, "Play", true).clicked();
                });
            });
            natural = ui.cursor().top() - top - padding;
        });
    });
    (play, natural)
}

/// How much taller than a standard widget the Play row is (the big button).
const PLAY_ROW_EXTRA: f32 = 20.0;
