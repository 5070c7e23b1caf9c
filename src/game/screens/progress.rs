//! My progress: each need's score over the player's encounters as a line
//! chart painted with egui's painter, and the scenarios not yet played.

use super::widgets;
use super::{CachedView, ScreenUi, draw_screen};
use crate::game::Screen;
use crate::game::dialogue_asset::{Catalog, DialogueFile};
use crate::game::records::Records;
use crate::game::settings::{Preferences, Profile};
use crate::game::theme;
use crate::needs::{Need, NeedMap};
use bevy::prelude::*;
use bevy_egui::egui::{self, Pos2, RichText, Stroke, Vec2};
use bevy_egui::{EguiContexts, EguiPrimaryContextPass};

/// What the progress screen shows.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct View {
    /// The player's name.
    pub player: String,
    /// Encounters played.
    pub plays: usize,
    /// Per need: (encounter number, score 0..=100) for each encounter that assessed it.
    pub series: NeedMap<Vec<(usize, u8)>>,
    /// Scenarios never finished: id and title, in curriculum order.
    pub not_played: Vec<(String, String)>,
}

/// Start a scenario or go back to the title.
pub type Intent = super::ScenarioIntent;

/// Progress screen plugin.
pub struct ProgressPlugin;

impl Plugin for ProgressPlugin {
    fn build(&self, app: &mut App) {
        app.add_systems(
            EguiPrimaryContextPass,
            ui.in_set(ScreenUi).run_if(in_state(Screen::Progress)),
        );
    }
}

/// Builds the progress view from the player's records.
pub fn build_view(
    records: &Records,
    catalog: &Catalog,
    assets: &Assets<DialogueFile>,
    prefs: &Preferences,
) -> View {
    let player = prefs.profile.name.trim().to_string();
    let mut mine: Vec<_> = records
        .all()
        .into_iter()
        .filter(|r| r.player == player)
        .collect();
    mine.sort_by_key(|r| r.started_at);
    let series = NeedMap::from_fn(|need| {
        mine.iter()
            .enumerate()
            .filter_map(|(i, r)| r.needs[need].map(|v| (i + 1, v)))
            .collect()
    });
    let not_played = catalog
        .playable_in_order(assets)
        .iter()
        .map(|(_, p)| p.scenario())
        .filter(|s| !mine.iter().any(|r| r.scenario_id == s.id))
        .map(|s| (s.id.clone(), s.title.clone()))
        .collect();
    View {
        player,
        plays: mine.len(),
        series,
        not_played,
    }
}

/// The view, rebuilt when records, profile or filters change.
type ViewCache = CachedView<(u64, Profile), View>;

fn ui(
    mut contexts: EguiContexts,
    records: Res<Records>,
    catalog: Res<Catalog>,
    assets: Res<Assets<DialogueFile>>,
    prefs: Res<Preferences>,
    mut intents: MessageWriter<Intent>,
    mut cache: Local<ViewCache>,
) -> Result {
    let view = cache.get(
        (records.revision(), prefs.profile.clone()),
        assets.is_changed(),
        || build_view(&records, &catalog, &assets, &prefs),
    );
    draw_screen(&mut contexts, &mut intents, |ui| draw(ui, view))
}

/// Draws the progress screen. Number keys play the listed unplayed scenarios.
pub fn draw(ui: &mut egui::Ui, view: &View) -> Option<Intent> {
    let mut intent = None;
    let subtitle = format!("{} encounters finished by {}", view.plays, view.player);
    if widgets::header(ui, "My progress", &subtitle) {
        intent = Some(Intent::Back);
    }
    if view.plays == 0 {
        widgets::hint(ui, "Finish an encounter to see your needs develop here.");
    } else {
        line_chart(ui, view);
    }
    ui.add_space(12.0);
    ui.label(RichText::new("Not played yet").strong());
    if view.not_played.is_empty() {
        widgets::hint(ui, "You have played every scenario.");
    }
    ui.horizontal_wrapped(|ui| {
        for (i, (id, title)) in view.not_played.iter().enumerate() {
            if ui.button(format!("{}. {title}", i + 1)).clicked() {
                intent = Some(Intent::Play(id.clone()));
            }
        }
    });
    if let Some(n) = widgets::number_pressed(ui)
        && let Some((id, _)) = view.not_played.get(n)
    {
        intent = Some(Intent::Play(id.clone()));
    }
    intent
}

/// One line per need: x = encounter number, y = score.
fn line_chart(ui: &mut egui::Ui, view: &View) {
    let palette = theme::palette(ui);
    let size = Vec2::new(ui.available_width().min(900.0), 280.0);
    let (rect, _) = ui.allocate_exact_size(size, egui::Sense::hover());
    let painter = ui.painter_at(rect);
    let plot = rect.shrink2(Vec2::new(36.0, 16.0));
    let last = view.plays.max(2) as f32;
    let at = |x: usize, y: u8| {
        Pos2::new(
            plot.left() + (x as f32 - 1.0) / (last - 1.0) * plot.width(),
            plot.bottom() - f32::from(y) / 100.0 * plot.height(),
        )
    };
    for y in [0u8, 25, 50, 75, 100] {
        let p = at(1, y);
        painter.line_segment(
            [Pos2::new(plot.left(), p.y), Pos2::new(plot.right(), p.y)],
            Stroke::new(1.0, palette.raised),
        );
        painter.text(
            Pos2::new(plot.left() - 6.0, p.y),
            egui::Align2::RIGHT_CENTER,
            y.to_string(),
            egui::FontId::proportional(theme::SMALL_SIZE),
            palette.muted,
        );
    }
    for need in Need::ALL {
        let points: Vec<Pos2> = view.series[need].iter().map(|&(x, y)| at(x, y)).collect();
        let colour = palette.need(need);
        if points.len() > 1 {
            painter.add(egui::Shape::line(points.clone(), Stroke::new(2.5, colour)));
        }
        for p in points {
            painter.circle_filled(p, 3.5, colour);
        }
    }
    ui.horizontal_wrapped(|ui| {
        for need in Need::ALL {
            ui.label(RichText::new("━").color(palette.need(need)));
            ui.label(RichText::new(need.label()).size(theme::SMALL_SIZE));
        }
    });
}
