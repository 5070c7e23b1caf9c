//! Leaderboard: per scenario or overall, by player or by team, best or
//! average, filtered by team and period.

use super::widgets::{self, pressed};
use super::{CachedView, ViewSources, draw_screen};
use crate::Screen;
use crate::catalog::Catalog;
use crate::records::{DataSource, Records, or_report};
use crate::settings::{Preferences, Profile};
use crate::theme;
use crate::toast::Toasts;
use bevy::prelude::*;
use bevy_egui::EguiContexts;
use bevy_egui::egui::{self, RichText};
use chrono::{DateTime, Utc};
use frontline_results::{
    Filter, LeaderboardQuery, LeaderboardRow, Metric, RankBy, ResultStore, StoreError,
};
use uuid::Uuid;

/// How far back a leaderboard looks.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Period {
    /// Everything.
    #[default]
    AllTime,
    /// The last 30 days.
    Month,
    /// The last 7 days.
    Week,
    /// The last 24 hours.
    Today,
}

impl Period {
    /// Every period, longest first.
    pub const ALL: [Period; 4] = [Period::AllTime, Period::Month, Period::Week, Period::Today];

    /// Name shown in the filter.
    pub fn label(self) -> &'static str {
        match self {
            Period::AllTime => "All time",
            Period::Month => "30 days",
            Period::Week => "7 days",
            Period::Today => "24 hours",
        }
    }

    /// The earliest start time in this period ending `now` (`None`: no limit).
    pub fn since(self, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        let days = match self {
            Period::AllTime => return None,
            Period::Month => 30,
            Period::Week => 7,
            Period::Today => 1,
        };
        Some(now - chrono::Duration::days(days))
    }
}

/// The leaderboard's filters as the player set them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Filters {
    /// One scenario, or all of them (overall).
    pub scenario: Option<String>,
    /// Player or team rows.
    pub by: RankBy,
    /// Best or average.
    pub metric: Metric,
    /// Only this team's results.
    pub team: Option<String>,
    /// Only this recent.
    pub period: Period,
}

impl Filters {
    /// The store query for these filters, with the period ending `now`.
    pub fn query(&self, now: DateTime<Utc>) -> LeaderboardQuery {
        LeaderboardQuery {
            filter: Filter {
                team: self.team.clone(),
                scenario: self.scenario.clone(),
                ..Filter::default()
            }
            .period(self.period.since(now), None),
            by: self.by,
            metric: self.metric,
            limit: Some(ROW_LIMIT),
        }
    }
}

/// At most this many rows are shown.
pub const ROW_LIMIT: u32 = 200;

/// What the leaderboard shows.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct View {
    /// The filters in effect.
    pub filters: Filters,
    /// Scenarios to choose from: id and title.
    pub scenarios: Vec<(String, String)>,
    /// Teams to filter by.
    pub teams: Vec<String>,
    /// The ranking, best first.
    pub rows: Vec<LeaderboardRow>,
    /// The player's team, highlighted when ranking teams.
    pub me: String,
    /// The player's id, whose row is highlighted when ranking players.
    pub my_id: Option<Uuid>,
    /// Team server, this computer, or this computer because offline.
    pub source: DataSource,
}

/// What the player changed on the leaderboard.
#[derive(Message, Clone, Debug, PartialEq)]
pub enum Intent {
    /// Show the ranking for these filters.
    Filter(Filters),
    /// Back to the title screen.
    Back,
}

/// The filters, kept while the game runs.
#[derive(Resource, Clone, Debug, Default)]
pub struct LeaderboardFilters(pub Filters);

/// Leaderboard screen plugin.
pub struct LeaderboardPlugin;

impl Plugin for LeaderboardPlugin {
    fn build(&self, app: &mut App) {
        app.init_resource::<LeaderboardFilters>();
        super::add_intent_screen::<Intent, _, _>(app, Screen::Leaderboard, apply, ui);
    }
}

/// Builds the leaderboard view with the store's ranking for `filters`.
pub fn build_view(
    filters: &Filters,
    records: &Records,
    catalog: &Catalog,
    prefs: &Preferences,
) -> Result<View, StoreError> {
    let query = filters.query(Utc::now());
    let key = format!("leaderboard {filters:?}");
    let ((rows, teams), source) = records.read_shared(&key, move |store: &dyn ResultStore| {
        Ok((store.leaderboard(&query)?, store.teams()?))
    })?;
    Ok(View {
        rows,
        teams,
        source,
        filters: filters.clone(),
        scenarios: catalog
            .playable_in_order()
            .iter()
            .map(|p| (p.scenario().id.clone(), p.scenario().title.clone()))
            .collect(),
        me: prefs.profile.team.trim().to_string(),
        my_id: Some(prefs.profile.player_id),
    })
}

/// The view, rebuilt when results, profile or filters change.
type ViewCache = CachedView<(u64, u64, Filters, Profile), View>;

fn ui(
    mut contexts: EguiContexts,
    sources: ViewSources,
    filters: Res<LeaderboardFilters>,
    mut toasts: ResMut<Toasts>,
    mut intents: MessageWriter<Intent>,
    mut cache: Local<ViewCache>,
) -> Result {
    let ViewSources {
        records,
        catalog,
        prefs,
    } = &sources;
    let key = (
        records.revision(),
        catalog.revision,
        filters.0.clone(),
        prefs.profile.clone(),
    );
    let view = cache.get(key, false, || {
        let built = build_view(&filters.0, records, catalog, prefs);
        or_report(built, &mut toasts)
    });
    draw_screen(&mut contexts, &mut intents, |ui| draw(ui, view))
}

fn apply(
    mut intents: MessageReader<Intent>,
    mut filters: ResMut<LeaderboardFilters>,
    mut next: ResMut<NextState<Screen>>,
) {
    for intent in intents.read() {
        match intent {
            Intent::Filter(f) => filters.0 = f.clone(),
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
    widgets::source_mark(ui, view.source);
    let mut q = view.filters.clone();
    ui.horizontal_wrapped(|ui| {
        let scenario_name = q
            .scenario
            .as_ref()
            .and_then(|id| view.scenarios.iter().find(|(i, _)| i == id))
            .map_or("All scenarios (overall)".to_string(), |(_, t)| t.clone());
        egui::ComboBox::from_id_salt("scenario")
            .selected_text(scenario_name)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut q.scenario, None, "All scenarios (overall)");
                for (id, title) in &view.scenarios {
                    ui.selectable_value(&mut q.scenario, Some(id.clone()), title);
                }
            });
        ui.separator();
        ui.selectable_value(&mut q.by, RankBy::Player, "By player");
        ui.selectable_value(&mut q.by, RankBy::Team, "By team");
        ui.separator();
        ui.selectable_value(&mut q.metric, Metric::Best, "Best");
        ui.selectable_value(&mut q.metric, Metric::Average, "Average");
        ui.separator();
        egui::ComboBox::from_id_salt("team")
            .selected_text(
                q.team
                    .as_ref()
                    .map_or("All teams".into(), |t| format!("Team: {t}")),
            )
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
    if q != view.filters {
        intent = Some(Intent::Filter(q));
    }
    // Enter takes the highlighted entry of an open dropdown and closes it.
    if pressed(ui, egui::Key::Enter) && egui::Popup::is_any_open(ui.ctx()) {
        egui::Popup::close_all(ui.ctx());
    }
    ui.add_space(10.0);
    if view.rows.is_empty() {
        widgets::hint(
            ui,
            "No results for these filters yet. Finish an encounter to appear here.",
        );
        return intent;
    }
    egui::ScrollArea::vertical()
        .auto_shrink([false, true])
        .show(ui, |ui| {
            egui::Grid::new("standings")
                .striped(true)
                .num_columns(7)
                .spacing([28.0, 8.0])
                .show(ui, |ui| {
                    let by_team = view.filters.by == RankBy::Team;
                    let third = if by_team { "Players" } else { "Team" };
                    for head in [
                        "#",
                        "Name",
                        third,
                        "Score",
                        "Encounters",
                        "Passed",
                        "Last played",
                    ] {
                        ui.label(RichText::new(head).strong().color(palette.muted));
                    }
                    ui.end_row();
                    for row in &view.rows {
                        let mine = match row.player_id {
                            Some(id) => Some(id) == view.my_id,
                            None => row.name == view.me,
                        };
                        let colour = if mine { palette.accent } else { palette.text };
                        ui.label(RichText::new(row.rank.to_string()).color(colour));
                        ui.label(RichText::new(&row.name).strong().color(colour));
                        ui.label(if by_team {
                            row.players.to_string()
                        } else {
                            row.team.clone()
                        });
                        ui.label(
                            RichText::new(format!("{:.0}", row.score))
                                .strong()
                                .color(palette.score(row.score.round() as u8)),
                        );
                        ui.label(row.plays.to_string());
                        ui.label(row.passed.to_string());
                        ui.label(
                            RichText::new(row.last_played.format("%Y-%m-%d").to_string())
                                .color(palette.muted),
                        );
                        ui.end_row();
                    }
                });
        });
    intent
}
