//! Leaderboard: per scenario or overall, by player or by team, best or
//! average, filtered by team and period.

use super::widgets;
use super::{CachedView, ScreenUi, draw_screen};
use crate::game::Screen;
use crate::game::dialogue_asset::{Catalog, DialogueFile};
use crate::game::records::{
    Grouping, LeaderboardQuery, Metric, Period, Records, Standing, leaderboard,
};
use crate::game::settings::{Preferences, Profile};
use crate::game::theme;
use bevy::prelude::*;
use bevy_egui::egui::{self, RichText};
use bevy_egui::{EguiContexts, EguiPrimaryContextPass};

/// What the leaderboard shows.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct View {
    /// The filters in effect.
    pub query: LeaderboardQuery,
    /// Scenarios to choose from: id and title.
    pub scenarios: Vec<(String, String)>,
    /// Teams to filter by.
    pub teams: Vec<String>,
    /// The ranking, best first.
    pub rows: Vec<Standing>,
    /// The player's name or team (highlighted).
    pub me: String,
}

/// What the player changed on the leaderboard.
#[derive(Message, Clone, Debug, PartialEq)]
pub enum Intent {
    /// Show the ranking for these filters.
    Query(LeaderboardQuery),
    /// Back to the title screen.
    Back,
}

/// The filters, kept while the game runs.
#[derive(Resource, Clone, Debug, Default)]
pub struct LeaderboardFilters(pub LeaderboardQuery);

/// Leaderboard screen plugin.
pub struct LeaderboardPlugin;

impl Plugin for LeaderboardPlugin {
    fn build(&self, app: &mut App) {
        app.add_message::<Intent>()
            .init_resource::<LeaderboardFilters>()
            .add_systems(Update, apply.run_if(on_message::<Intent>))
            .add_systems(
                EguiPrimaryContextPass,
                ui.in_set(ScreenUi).run_if(in_state(Screen::Leaderboard)),
            );
    }
}

/// Builds the leaderboard view from the records.
pub fn build_view(
    query: &LeaderboardQuery,
    records: &Records,
    catalog: &Catalog,
    assets: &Assets<DialogueFile>,
    prefs: &Preferences,
) -> View {
    let all = records.all();
    let mut teams: Vec<String> = all
        .iter()
        .map(|r| r.team.clone())
        .filter(|t| !t.is_empty())
        .collect();
    teams.sort();
    teams.dedup();
    View {
        rows: leaderboard(&all, query, chrono::Utc::now()),
        query: query.clone(),
        scenarios: catalog
            .playable_in_order(assets)
            .iter()
            .map(|(_, p)| (p.scenario().id.clone(), p.scenario().title.clone()))
            .collect(),
        teams,
        me: match query.grouping {
            Grouping::Player => prefs.profile.name.trim().to_string(),
            Grouping::Team => prefs.profile.team.trim().to_string(),
        },
    }
}

/// The view, rebuilt when records, profile or filters change.
type ViewCache = CachedView<(u64, LeaderboardQuery, Profile), View>;

fn ui(
    mut contexts: EguiContexts,
    (filters, records): (Res<LeaderboardFilters>, Res<Records>),
    (catalog, assets, prefs): (Res<Catalog>, Res<Assets<DialogueFile>>, Res<Preferences>),
    mut intents: MessageWriter<Intent>,
    mut cache: Local<ViewCache>,
) -> Result {
    let view = cache.get(
        (records.revision(), filters.0.clone(), prefs.profile.clone()),
        assets.is_changed(),
        || build_view(&filters.0, &records, &catalog, &assets, &prefs),
    );
    draw_screen(&mut contexts, &mut intents, |ui| draw(ui, view))
}

fn apply(
    mut intents: MessageReader<Intent>,
    mut filters: ResMut<LeaderboardFilters>,
    mut next: ResMut<NextState<Screen>>,
) {
    for intent in intents.read() {
        match intent {
            Intent::Query(q) => filters.0 = q.clone(),
            Intent::Back => next.set(Screen::Title),
        }
    }
}

/// Draws the leaderboard: filters on top, ranking below.
pub fn draw(ui: &mut egui::Ui, view: &View) -> Option<Intent> {
    let palette = theme::palette(ui);
    let mut intent = None;
    if widgets::header(
        ui,
        "Leaderboard",
        "Overall or per scenario, by player or by team.",
    ) {
        intent = Some(Intent::Back);
    }
    let mut q = view.query.clone();
    ui.horizontal_wrapped(|ui| {
        let scenario_name = q
            .scenario
            .as_ref()
            .and_then(|id| view.scenarios.iter().find(|(i, _)| i == id))
            .map_or("All scenarios (overall)".to_string(), |(_, t)| t.clone());
        egui::ComboBox::from_label("Scenario")
            .selected_text(scenario_name)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut q.scenario, None, "All scenarios (overall)");
                for (id, title) in &view.scenarios {
                    ui.selectable_value(&mut q.scenario, Some(id.clone()), title);
                }
            });
        ui.separator();
        ui.selectable_value(&mut q.grouping, Grouping::Player, "By player");
        ui.selectable_value(&mut q.grouping, Grouping::Team, "By team");
        ui.separator();
        ui.selectable_value(&mut q.metric, Metric::Best, "Best");
        ui.selectable_value(&mut q.metric, Metric::Average, "Average");
        ui.separator();
        egui::ComboBox::from_label("Team")
            .selected_text(q.team.clone().unwrap_or_else(|| "All teams".into()))
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut q.team, None, "All teams");
                for team in &view.teams {
                    ui.selectable_value(&mut q.team, Some(team.clone()), team);
                }
            });
        ui.separator();
        for period in Period::ALL {
            ui.selectable_value(&mut q.period, period, period.label());
        }
    });
    if q != view.query {
        intent = Some(Intent::Query(q));
    }
    ui.add_space(10.0);
    if view.rows.is_empty() {
        widgets::hint(
            ui,
            "No results for these filters yet. Finish an encounter to appear here.",
        );
        return intent;
    }
    egui::ScrollArea::vertical().show(ui, |ui| {
        egui::Grid::new("standings")
            .striped(true)
            .num_columns(4)
            .spacing([28.0, 8.0])
            .show(ui, |ui| {
                for head in ["#", "Name", "Score", "Encounters"] {
                    ui.label(RichText::new(head).strong().color(palette.muted));
                }
                ui.end_row();
                for (rank, row) in view.rows.iter().enumerate() {
                    let colour = if row.name == view.me {
                        palette.accent
                    } else {
                        palette.text
                    };
                    ui.label(RichText::new(format!("{}", rank + 1)).color(colour));
                    ui.label(RichText::new(&row.name).strong().color(colour));
                    ui.label(
                        RichText::new(format!("{:.0}", row.score))
                            .color(palette.score(row.score.round() as u8)),
                    );
                    ui.label(format!("{}", row.plays));
                    ui.end_row();
                }
            });
    });
    intent
}
