//! Team view: the team's average per need as a radar against the player's,
//! the team's weakest need, and the scenarios that train it.

use super::widgets::{self, RadarSeries};
use super::{CachedScreen, ViewSources, add_cached_screen};
use crate::Screen;
use crate::catalog::Catalog;
use crate::records::{DataSource, Records};
use crate::settings::Preferences;
use crate::theme;
use bevy::prelude::*;
use bevy_egui::egui::{self, RichText};
use frontline_core::needs::{Need, NeedMap};
use frontline_results::{Filter, NeedAverages, ResultStore, StoreError};

/// What the team view shows.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct View {
    /// The team's name ("" when the player has none).
    pub team: String,
    /// The player's name.
    pub player: String,
    /// Team average per need, 0..=1.
    pub team_needs: NeedMap<Option<f32>>,
    /// The player's average per need, 0..=1.
    pub player_needs: NeedMap<Option<f32>>,
    /// The team's weakest need.
    pub weakest: Option<Need>,
    /// Scenarios that train the weakest need most (id and title, the ones with
    /// most choices touching it first), at most [`MAX_TRAINING`].
    pub training: Vec<(String, String)>,
    /// Team server, this computer, or this computer because offline.
    pub source: DataSource,
}

/// Start a scenario or go back to the title.
pub type Intent = super::ScenarioIntent;

/// Team view plugin.
pub struct TeamPlugin;

impl Plugin for TeamPlugin {
    fn build(&self, app: &mut App) {
        add_cached_screen::<TeamPlugin>(app, Screen::Team);
    }
}

/// Builds the team view from the store's averages and the scenarios' need coverage.
pub fn build_view(
    records: &Records,
    catalog: &Catalog,
    prefs: &Preferences,
) -> Result<View, StoreError> {
    let team = prefs.profile.team.trim().to_string();
    let player = prefs.profile.name.trim().to_string();
    let player_id = prefs.profile.player_id;
    let key = format!("team {team:?} {player_id}");
    let asked_team = team.clone();
    let ((team_view, player_averages), source) =
        records.read_shared(&key, move |store: &dyn ResultStore| {
            let team_view = if asked_team.is_empty() {
                None
            } else {
                Some(store.team_view(&Filter::team(&asked_team), None)?)
            };
            Ok((
                team_view,
                store.need_averages(&Filter::player_id(player_id))?,
            ))
        })?;
    let (team_needs, weakest) = match team_view {
        None => (NeedMap::default(), None),
        Some(view) => (fractions(&view.team_averages), view.weakest.map(|(n, _)| n)),
    };
    let player_needs = fractions(&player_averages);
    let mut training: Vec<(usize, String, String)> = weakest
        .map(|need| {
            catalog
                .playable_in_order()
                .iter()
                .map(|p| (p.analysis.coverage[need].choices, p.scenario()))
                .filter(|(choices, _)| *choices > 0)
                .map(|(c, s)| (c, s.id.clone(), s.title.clone()))
                .collect()
        })
        .unwrap_or_default();
    training.sort_by_key(|(c, _, _)| std::cmp::Reverse(*c));
    Ok(View {
        team,
        player,
        team_needs,
        player_needs,
        weakest,
        training: training
            .into_iter()
            .take(MAX_TRAINING)
            .map(|(_, id, t)| (id, t))
            .collect(),
        source,
    })
}

/// At most this many scenarios are suggested for the weakest need.
pub const MAX_TRAINING: usize = 4;

/// Store means (0..=100) as the radar's fractions (0..=1).
fn fractions(averages: &NeedAverages) -> NeedMap<Option<f32>> {
    averages.needs.map(|_, v| v.map(|v| (v / 100.0) as f32))
}

impl CachedScreen for TeamPlugin {
    type View = View;
    type Intent = Intent;

    fn build_view(s: &ViewSources) -> Result<View, StoreError> {
        build_view(&s.records, &s.catalog, &s.prefs)
    }

    fn draw(ui: &mut egui::Ui, view: &View) -> Option<Intent> {
        draw(ui, view)
    }
}

/// Narrower than this (in points), the chart stands above the advice.
pub const SIDE_BY_SIDE_FROM: f32 = 900.0;

fn team_chart(ui: &mut egui::Ui, view: &View) {
    let palette = theme::palette(ui);
    widgets::radar(
        ui,
        320.0,
        &[
            RadarSeries {
                label: "Team average",
                values: &view.team_needs,
                colour: palette.muted,
                outline_only: false,
            },
            RadarSeries {
                label: "You",
                values: &view.player_needs,
                colour: palette.accent,
                outline_only: true,
            },
        ],
    );
}

/// The team's weakest need and the scenarios that train it (number keys play them).
fn weakest_need(ui: &mut egui::Ui, view: &View) -> Option<Intent> {
    let palette = theme::palette(ui);
    let Some(need) = view.weakest else {
        widgets::hint(ui, "No team results yet.");
        return None;
    };
    let mut intent = None;
    ui.label(RichText::new("The team's weakest need").strong());
    ui.label(
        RichText::new(need.label())
            .size(theme::sized(ui, 26.0))
            .color(palette.need(need)),
    );
    let percent = |v: Option<f32>| v.map_or("–".into(), |v| format!("{:.0}", v * 100.0));
    ui.label(
        RichText::new(format!(
            "Team average {} / 100, you {}",
            percent(view.team_needs[need]),
            percent(view.player_needs[need])
        ))
        .color(palette.muted),
    );
    ui.add_space(8.0);
    ui.label("Scenarios that train it most:");
    for (i, (id, title)) in view.training.iter().enumerate() {
        if ui.button(format!("{}. {title}", i + 1)).clicked() {
            intent = Some(Intent::Play(id.clone()));
        }
    }
    if let Some(n) = widgets::number_pressed(ui)
        && let Some((id, _)) = view.training.get(n)
    {
        intent = Some(Intent::Play(id.clone()));
    }
    intent
}

/// Draws the team view.
pub fn draw(ui: &mut egui::Ui, view: &View) -> Option<Intent> {
    let mut intent = None;
    let mut back = None;
    let subtitle = if view.team.is_empty() {
        "Enter a team on the title screen to compare with your colleagues.".to_string()
    } else {
        format!("Team {} against {}", view.team, view.player)
    };
    if widgets::header(ui, "Team", &subtitle) {
        back = Some(Intent::Back);
    }
    widgets::source_mark(ui, view.source);
    // Side by side where both fit, else the chart above the advice.
    let side_by_side = ui.available_width() >= SIDE_BY_SIDE_FROM;
    egui::ScrollArea::vertical()
        .id_salt("team")
        .auto_shrink(false)
        .show(ui, |ui| {
            if side_by_side {
                ui.columns(2, |cols| {
                    team_chart(&mut cols[0], view);
                    intent = weakest_need(&mut cols[1], view);
                });
            } else {
                team_chart(ui, view);
                ui.add_space(8.0);
                intent = weakest_need(ui, view);
            }
        });
    intent.or(back)
}
