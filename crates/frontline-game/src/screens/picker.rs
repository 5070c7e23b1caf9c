//! Scenario picker: one card per playable scenario in curriculum order, and
//! the files that failed to load with their first error (so trainers see why).

use super::widgets::{self, pressed};
use super::{CachedScreen, ViewSources, add_cached_screen};
use crate::Screen;
use crate::catalog::Catalog;
use crate::records::Records;
use crate::theme::{self, Palette};
use bevy::prelude::*;
use bevy_egui::egui::{self, Key, RichText, Stroke};
use frontline_core::scenario::{Difficulty, Role};
use frontline_results::StoreError;
use uuid::Uuid;

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

/// A file that could not be loaded (a scenario, or a broken curriculum).
#[derive(Clone, Debug, PartialEq)]
pub struct Broken {
    /// Path inside the scenario folder.
    pub file: String,
    /// Its errors, rendered exactly as `frontline check` prints them.
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
        add_cached_screen::<PickerPlugin>(app, Screen::Picker);
    }
}

/// Builds the picker's view from the catalog and the player's records.
pub fn build_view(
    catalog: &Catalog,
    records: &Records,
    player_id: Uuid,
) -> Result<View, StoreError> {
    let mut cards = Vec::new();
    for p in catalog.playable_in_order() {
        let s = p.scenario();
        cards.push(Card {
            id: s.id.clone(),
            title: s.title.clone(),
            summary: s.summary.clone(),
            setting: s.setting.clone(),
            difficulty: s.difficulty,
            tags: s.tags.clone(),
            role: s.customer.role,
            best: records.best_of(player_id, &s.id)?,
            step: catalog.curriculum_rank(&s.id).map(|r| r + 1),
        });
    }
    let broken = catalog
        .broken()
        .map(|f| Broken {
            file: f.name.display().to_string(),
            error: f.render_errors(),
            count: f.error_count(),
        })
        .collect();
    Ok(View {
        cards,
        broken,
        loading: !catalog.is_loaded(),
    })
}

impl CachedScreen for PickerPlugin {
    type View = View;
    type Intent = Intent;

    fn build_view(s: &ViewSources) -> Result<View, StoreError> {
        build_view(&s.catalog, &s.records, s.prefs.profile.player_id)
    }

    fn draw(ui: &mut egui::Ui, view: &View) -> Option<Intent> {
        draw(ui, view)
    }
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
    let moved = widgets::arrow_pressed(ui);
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
                        let (play, natural, rect) =
                            draw_card(ui, &palette, card, selected_here, card_width, target);
                        tallest = tallest.max(natural);
                        // The highlight never moves off screen: Enter plays
                        // the card the player can see.
                        if selected_here && moved {
                            ui.scroll_to_rect(rect, Some(egui::Align::Center));
                        }
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
                            let errors = if b.count == 1 {
                                "1 error".to_string()
                            } else {
                                format!("{} errors", b.count)
                            };
                            ui.label(RichText::new(format!("{}  ({errors})", b.file)).strong());
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
/// content) above the Play row. Returns whether Play was clicked, the
/// height the content needs and where the card is.
fn draw_card(
    ui: &mut egui::Ui,
    palette: &Palette,
    card: &Card,
    selected: bool,
    width: f32,
    height: f32,
) -> (bool, f32, egui::Rect) {
    let stroke = if selected {
        Stroke::new(2.5, palette.accent)
    } else {
        Stroke::new(1.0, palette.raised)
    };
    let mut play = false;
    let mut natural = 0.0;
    let shown = theme::card(palette).stroke(stroke).show(ui, |ui| {
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
                ui.label(
                    RichText::new(&card.title)
                        .strong()
                        .size(theme::sized(ui, 19.0)),
                );
            });
            ui.horizontal_wrapped(|ui| {
                let (label, colour) = difficulty_chip(palette, card.difficulty);
                widgets::chip(ui, label, colour);
                widgets::chip(ui, role_label(card.role), palette.accent);
            });
            if !card.tags.is_empty() {
                ui.label(
                    RichText::new(card.tags.join(" · "))
                        .size(theme::sized(ui, theme::SMALL_SIZE))
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
    (play, natural, shown.response.rect)
}

/// How much taller than a standard widget the Play row is (the big button).
const PLAY_ROW_EXTRA: f32 = 20.0;
