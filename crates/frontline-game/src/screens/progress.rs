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
use frontline_results::{Filter, ResultStore, StoreError};

/// What the progress screen shows.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct View {
    /// The player's name.
    pub player: String,
    /// Encounters played.
    pub plays: usize,
    /// Per need: (encounter number, score 0..=100) for each encounter that assessed it.
    pub series: NeedMap<Vec<(usize, u8)>>,
    /// Each encounter played, oldest first: the x axis.
    pub encounters: Vec<Played>,
    /// Scenarios never finished: id and title, in curriculum order.
    pub not_played: Vec<(String, String)>,
    /// Team server, this computer, or this computer because offline.
    pub source: DataSource,
}

/// One encounter on the chart's x axis.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Played {
    /// When (`MM-DD`).
    pub date: String,
    /// The scenario's title (its id when the file is gone).
    pub scenario: String,
}

impl Played {
    /// The axis label of the `n`th encounter (1-based): "#3". Unique, short
    /// enough for a crowded axis; [`Played::legend`] says what it was.
    pub fn axis_label(n: usize) -> String {
        format!("#{n}")
    }

    /// The legend line of the `n`th encounter: "#3 · 12-02 · Out of Stock".
    pub fn legend(&self, n: usize) -> String {
        format!(
            "{} · {} · {}",
            Played::axis_label(n),
            self.date,
            self.scenario
        )
    }
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
    let filter = Filter::player_id(prefs.profile.player_id);
    let in_order = catalog.playable_in_order();
    let ids: Vec<String> = in_order.iter().map(|p| p.scenario().id.clone()).collect();
    let key = format!("progress {} {ids:?}", prefs.profile.player_id);
    let ((points, unplayed), source) =
        records.read_shared(&key, move |store: &dyn ResultStore| {
            Ok((store.progress(&filter)?, store.unplayed(&filter, &ids)?))
        })?;
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
        encounters: points
            .iter()
            .map(|p| Played {
                date: p.started_at.format("%m-%d").to_string(),
                scenario: catalog
                    .find(&p.scenario_id)
                    .and_then(|f| f.playable.as_ref())
                    .map_or_else(|| p.scenario_id.clone(), |pl| pl.scenario().title.clone()),
            })
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
    let keys = widgets::scroll_keys(ui);
    egui::ScrollArea::vertical()
        .id_salt("progress")
        .auto_shrink(false)
        .show(ui, |ui| {
            if keys != 0.0 {
                ui.scroll_with_delta(egui::vec2(0.0, keys));
            }
            if view.plays == 0 {
                widgets::hint(ui, "Finish an encounter to see your needs develop here.");
            } else {
                line_chart(ui, view);
                encounter_legend(ui, view);
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
        });
    if let Some(n) = widgets::number_pressed(ui)
        && let Some((id, _)) = view.not_played.get(n)
    {
        intent = Some(Intent::Play(id.clone()));
    }
    intent
}

/// Which encounter each number on the x axis is: "#3 · 12-02 · Out of Stock".
fn encounter_legend(ui: &mut egui::Ui, view: &View) {
    let palette = theme::palette(ui);
    ui.add_space(6.0);
    ui.horizontal_wrapped(|ui| {
        ui.spacing_mut().item_spacing.x = 18.0;
        for (i, played) in view.encounters.iter().enumerate() {
            ui.label(
                RichText::new(played.legend(i + 1))
                    .size(theme::sized(ui, theme::SMALL_SIZE))
                    .color(palette.muted),
            );
        }
    });
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
            egui::FontId::proportional(theme::sized(ui, theme::SMALL_SIZE)),
            palette.muted,
        );
    }
    // x axis: each encounter's number (thinned out when crowded), real
    // labels so a screen reader reads them too; the legend below says which
    // encounter each number was.
    let label_width = theme::sized(ui, 44.0);
    let fit = ((plot.width() / label_width) as usize).max(2);
    let every = view.encounters.len().div_ceil(fit).max(1);
    for i in (0..view.encounters.len()).step_by(every) {
        let x = at(i + 1, 0).x;
        let cell = egui::Rect::from_center_size(
            Pos2::new(x, plot.bottom() + 14.0),
            Vec2::new(label_width, 20.0),
        );
        ui.put(
            cell,
            egui::Label::new(
                RichText::new(Played::axis_label(i + 1))
                    .size(theme::sized(ui, theme::SMALL_SIZE))
                    .color(palette.muted),
            )
            .extend(),
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
            ui.label(RichText::new(need.label()).size(theme::sized(ui, theme::SMALL_SIZE)));
        }
    });
}
