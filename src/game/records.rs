//! Finished encounters as the game keeps them, and the queries the
//! leaderboard, team and progress screens need. The storage sits behind
//! [`RecordStore`] so the results store (SQLite, team server) plugs in
//! without touching the screens; [`JsonLinesStore`] keeps results in a file
//! meanwhile and [`MemoryStore`] serves tests.

use super::session::ActiveEncounter;
use super::settings::Preferences;
use crate::needs::{Need, NeedMap};
use crate::scenario::Outcome;
use crate::scoring::Debrief;
use bevy::prelude::*;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::io::Write;
use std::path::PathBuf;

/// One finished encounter.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlayRecord {
    /// Who played.
    pub player: String,
    /// Their team ("" when none).
    pub team: String,
    /// Scenario id.
    pub scenario_id: String,
    /// When the encounter started.
    pub started_at: DateTime<Utc>,
    /// Wall-clock seconds played.
    pub seconds: f32,
    /// How it ended.
    pub outcome: Option<Outcome>,
    /// 0..=100 per need, `None` = not assessed.
    pub needs: NeedMap<Option<u8>>,
    /// Mean of the assessed needs.
    pub overall: Option<u8>,
    /// Whether the pass mark was reached.
    pub passed: bool,
}

impl PlayRecord {
    /// The record of the encounter that just finished.
    pub fn new(prefs: &Preferences, active: &ActiveEncounter, debrief: &Debrief) -> PlayRecord {
        PlayRecord {
            player: prefs.profile.name.trim().to_string(),
            team: prefs.profile.team.trim().to_string(),
            scenario_id: debrief.scenario_id.clone(),
            started_at: active.started_at,
            seconds: active.real_seconds,
            outcome: debrief.outcome,
            needs: debrief.score.needs,
            overall: debrief.score.overall,
            passed: debrief.passed,
        }
    }
}

/// Where finished encounters are kept.
pub trait RecordStore: Send + Sync {
    /// Keeps one record.
    fn add(&mut self, record: PlayRecord) -> Result<(), String>;
    /// Every record, oldest first.
    fn all(&self) -> Vec<PlayRecord>;
}

/// Records in memory only.
#[derive(Default)]
pub struct MemoryStore(pub Vec<PlayRecord>);

impl RecordStore for MemoryStore {
    fn add(&mut self, record: PlayRecord) -> Result<(), String> {
        self.0.push(record);
        Ok(())
    }
    fn all(&self) -> Vec<PlayRecord> {
        self.0.clone()
    }
}

/// Records as one JSON object per line in a file (appended, never rewritten).
pub struct JsonLinesStore {
    path: PathBuf,
    cache: Vec<PlayRecord>,
}

impl JsonLinesStore {
    /// Opens (or starts) the file; unreadable lines are skipped.
    pub fn open(path: PathBuf) -> JsonLinesStore {
        let cache = std::fs::read_to_string(&path)
            .unwrap_or_default()
            .lines()
            .filter_map(|l| serde_json::from_str(l).ok())
            .collect();
        JsonLinesStore { path, cache }
    }
}

impl RecordStore for JsonLinesStore {
    fn add(&mut self, record: PlayRecord) -> Result<(), String> {
        let line = serde_json::to_string(&record).map_err(|e| e.to_string())?;
        if let Some(dir) = self.path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
        }
        let mut file = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&self.path)
            .map_err(|e| format!("{}: {e}", self.path.display()))?;
        writeln!(file, "{line}").map_err(|e| e.to_string())?;
        self.cache.push(record);
        Ok(())
    }
    fn all(&self) -> Vec<PlayRecord> {
        self.cache.clone()
    }
}

/// The game's record store. Screens cache views per [`Records::revision`].
#[derive(Resource)]
pub struct Records {
    store: Box<dyn RecordStore>,
    revision: u64,
}

impl Records {
    /// Wraps a store.
    pub fn new(store: Box<dyn RecordStore>) -> Records {
        Records { store, revision: 0 }
    }

    /// Keeps one record.
    pub fn add(&mut self, record: PlayRecord) -> Result<(), String> {
        self.revision += 1;
        self.store.add(record)
    }

    /// Changes whenever a record is added.
    pub fn revision(&self) -> u64 {
        self.revision
    }
    /// Every record, oldest first.
    pub fn all(&self) -> Vec<PlayRecord> {
        self.store.all()
    }
    /// The best overall score `player` reached in each scenario.
    pub fn best_of(&self, player: &str, scenario_id: &str) -> Option<u8> {
        self.all()
            .iter()
            .filter(|r| r.player == player && r.scenario_id == scenario_id)
            .filter_map(|r| r.overall)
            .max()
    }
}

/// Who a leaderboard row stands for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Grouping {
    /// One row per player.
    #[default]
    Player,
    /// One row per team.
    Team,
}

/// Which score a leaderboard ranks by.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Metric {
    /// The best overall score.
    #[default]
    Best,
    /// The mean overall score.
    Average,
}

/// How far back a leaderboard looks.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
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

    /// Whether `at` falls in this period ending `now`.
    pub fn contains(self, at: DateTime<Utc>, now: DateTime<Utc>) -> bool {
        let days = match self {
            Period::AllTime => return true,
            Period::Month => 30,
            Period::Week => 7,
            Period::Today => 1,
        };
        now.signed_duration_since(at) <= chrono::Duration::days(days)
    }
}

/// What a leaderboard shows.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LeaderboardQuery {
    /// One scenario, or all (overall).
    pub scenario: Option<String>,
    /// Player or team rows.
    pub grouping: Grouping,
    /// Best or average.
    pub metric: Metric,
    /// Only this team's results.
    pub team: Option<String>,
    /// Only this recent.
    pub period: Period,
}

/// One leaderboard row.
#[derive(Clone, Debug, PartialEq)]
pub struct Standing {
    /// Player or team name.
    pub name: String,
    /// Best or average overall, 0..=100.
    pub score: f32,
    /// Encounters counted.
    pub plays: usize,
}

/// Ranks `records` by `query`, best first (ties by name).
pub fn leaderboard(
    records: &[PlayRecord],
    query: &LeaderboardQuery,
    now: DateTime<Utc>,
) -> Vec<Standing> {
    let mut groups: std::collections::BTreeMap<String, Vec<f32>> = Default::default();
    for r in records {
        let in_scope = query.scenario.as_ref().is_none_or(|s| *s == r.scenario_id)
            && query.team.as_ref().is_none_or(|t| *t == r.team)
            && query.period.contains(r.started_at, now);
        let key = match query.grouping {
            Grouping::Player => &r.player,
            Grouping::Team => &r.team,
        };
        if let (true, Some(overall), false) = (in_scope, r.overall, key.is_empty()) {
            groups
                .entry(key.clone())
                .or_default()
                .push(f32::from(overall));
        }
    }
    let mut rows: Vec<Standing> = groups
        .into_iter()
        .map(|(name, scores)| Standing {
            score: match query.metric {
                Metric::Best => scores.iter().copied().fold(0.0, f32::max),
                Metric::Average => scores.iter().sum::<f32>() / scores.len() as f32,
            },
            plays: scores.len(),
            name,
        })
        .collect();
    rows.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then_with(|| a.name.cmp(&b.name))
    });
    rows
}

/// Mean score per need (0..=1) over the records `keep` selects; `None` where
/// no selected record assessed the need.
pub fn mean_needs(
    records: &[PlayRecord],
    keep: impl Fn(&PlayRecord) -> bool,
) -> NeedMap<Option<f32>> {
    NeedMap::from_fn(|need| {
        let values: Vec<f32> = records
            .iter()
            .filter(|r| keep(r))
            .filter_map(|r| r.needs[need])
            .map(|v| f32::from(v) / 100.0)
            .collect();
        (!values.is_empty()).then(|| values.iter().sum::<f32>() / values.len() as f32)
    })
}

/// The need with the lowest value (ties: the first in [`Need::ALL`]).
pub fn weakest(needs: &NeedMap<Option<f32>>) -> Option<Need> {
    needs
        .iter()
        .filter_map(|(n, v)| v.map(|v| (n, v)))
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(n, _)| n)
}

/// Plugin: opens the record store (`DIR/results.jsonl` under `--data-dir` or
/// the platform data dir; in memory when neither exists).
pub struct RecordsPlugin {
    /// `--data-dir`.
    pub data_dir: Option<PathBuf>,
}

impl Plugin for RecordsPlugin {
    fn build(&self, app: &mut App) {
        if app.world().contains_resource::<Records>() {
            return;
        }
        let dir = self.data_dir.clone().or_else(|| {
            directories::ProjectDirs::from("", "", "frontline").map(|d| d.data_dir().to_path_buf())
        });
        let store: Box<dyn RecordStore> = match dir {
            Some(dir) => Box::new(JsonLinesStore::open(dir.join("results.jsonl"))),
            None => Box::new(MemoryStore::default()),
        };
        app.insert_resource(Records::new(store));
    }
}
