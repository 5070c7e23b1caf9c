//! My progress: each need's score over the player's encounters as a line
//! chart painted with egui's painter, and the scenarios not yet played.

use super::widgets;
use super::{CachedScreen, ViewSources, add_cached_screen};
use crate::Screen;
use crate::catalog::Catalog;
use crate::records::{DataSource, Records};
use crate::settings::Preferences;
use crate::theme;
use bevy::prelude::*;
use bevy_egui::egui::{self, Pos2, RichText, Stroke, Vec2};
use frontline_core::needs::{Need, NeedMap};
use frontline_results::{Filter, StoreError};

/// What the progress screen shows.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct View {
    /// The player's name.
    pub player: String,
    /// Encounters played.
    pub plays: usize,
    /// Per need: (encounter number, score 0..=100) for each encounter that assessed it.
    pub series: NeedMap<Vec<(usize, u8)>>,
    /// When each encounter was played (`MM-DD`), oldest first: the x axis.
    pub dates: Vec<String>,
    /// Scenarios never finished: id and title, in curriculum order.
    pub not_played: Vec<(String, String)>,
    /// Team server, this computer, or this computer because offline.
    pub source: DataSource,
}

/// Start a scenario or go back to the title.
pub type Intent = super::ScenarioIntent;

/// Progress screen plugin.
pub struct ProgressPlugin;

impl Plugin for ProgressPlugin {
    fn build(&self, app: &mut App) {
        add_cached_screen::<ProgressPlugin>(app, Screen::Progress);
    }
}

/// Builds the progress view from the player's results in the store.
pub fn build_view(
    records: &Records,
    catalog: &Catalog,
    prefs: &Preferences,
) -> Result<View, StoreError> {
    let player = prefs.profile.name.trim().to_string();
    let filter = Filter::player(&player);
    let in_order = catalog.playable_in_order();
    let ids: Vec<String> = in_order.iter().map(|p| p.scenario().id.clone()).collect();
    let ((points, unplayed), source) = records
        .read_shared(|store| Ok((store.progress(&filter)?, store.unplayed(&filter, &ids)?)))?;
    let series = NeedMap::from_fn(|need| {
        points
            .iter()
            .enumerate()
            .filter_map(|(i, p)| p.needs[need].map(|v| (i + 1, v)))
            .collect()
    });
    let not_played = in_order
        .iter()
        .map(|p| p.scenario())
        .filter(|s| unplayed.contains(&s.id))
        .map(|s| (s.id.clone(), s.title.clone()))
        .collect();
    Ok(View {
        player,
        plays: points.len(),
        dates: points
            .iter()
            .map(|p| p.started_at.format("%m-%d").to_string())
            .collect(),
        series,
        not_played,
        source,
    })
}

impl CachedScreen for ProgressPlugin {
    type View = View;
    type Intent = Intent;

    fn build_view(s: &ViewSources) -> Result<View, StoreError> {
        build_view(&s.records, &s.catalog, &s.prefs)
    }

    fn draw(ui: &mut egui::Ui, view: &View) -> Option<Intent> {
        draw(ui, view)
    }
}

/// Draws the progress screen. Number keys play the listed unplayed scenarios.
pub fn draw(ui: &mut egui::Ui, view: &View) -> Option<Intent> {
    let mut intent = None;
    let subtitle = format!("{} encounters finished by {}", view.plays, view.player);
    if widgets::header(ui, "My progress", &subtitle) {
        intent = Some(Intent::Back);
    }
    widgets::source_mark(ui, view.source);
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
    let plot = egui::Rect::from_min_max(
        rect.min + Vec2::new(36.0, 12.0),
        rect.max - Vec2::new(24.0, 28.0),
    );
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
    // x axis: the date of each encounter (thinned out when crowded).
    let every = view.dates.len().div_ceil(16).max(1);
    for (i, date) in view.dates.iter().enumerate().step_by(every) {
        painter.text(
            Pos2::new(at(i + 1, 0).x, plot.bottom() + 6.0),
            egui::Align2::CENTER_TOP,
            date,
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
