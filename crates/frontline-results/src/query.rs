//! Query parameters and the plain data views the leaderboard, team and
//! progress screens draw. No storage here: every backend returns these.

use chrono::{DateTime, NaiveDate, Utc};
use frontline_core::needs::{Need, NeedMap};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Which results a query looks at. `None` fields do not filter.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Filter {
    /// Only this team.
    pub team: Option<String>,
    /// Only results played under this name (a name, not a person: two
    /// people may share it; screens filter by [`Filter::player_id`]).
    pub player: Option<String>,
    /// Only this player (by id, whatever names they used).
    #[serde(default)]
    pub player_id: Option<Uuid>,
    /// Only this scenario id.
    pub scenario: Option<String>,
    /// Only results started at or after this instant.
    pub since: Option<DateTime<Utc>>,
    /// Only results started before this instant.
    pub until: Option<DateTime<Utc>>,
}

impl Filter {
    /// Everything.
    pub fn all() -> Filter {
        Filter::default()
    }

    /// Only `team`.
    pub fn team(team: impl Into<String>) -> Filter {
        Filter {
            team: Some(team.into()),
            ..Filter::default()
        }
    }

    /// Only results played under the name `player`.
    pub fn player(player: impl Into<String>) -> Filter {
        Filter {
            player: Some(player.into()),
            ..Filter::default()
        }
    }

    /// Only the player with this id.
    pub fn player_id(player_id: Uuid) -> Filter {
        Filter {
            player_id: Some(player_id),
            ..Filter::default()
        }
    }

    /// True when the running totals (one row per team, player id and
    /// scenario) answer this filter: no time window and no name filter (a
    /// totals row keeps only the newest name).
    pub fn totals_answer(&self) -> bool {
        self.since.is_none() && self.until.is_none() && self.player.is_none()
    }

    /// This filter restricted to results started in `[since, until)`.
    pub fn period(mut self, since: Option<DateTime<Utc>>, until: Option<DateTime<Utc>>) -> Filter {
        self.since = since;
        self.until = until;
        self
    }
}

/// Who a leaderboard ranks.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum RankBy {
    /// One row per player id (and team).
    #[default]
    Player,
    /// One row per team.
    Team,
}

/// What a leaderboard ranks on.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Metric {
    /// The best overall score.
    #[default]
    Best,
    /// The mean overall score.
    Average,
}

impl Metric {
    /// The score a row ranks by: its best result or its mean.
    pub fn score(self, best: u8, average: f64) -> f64 {
        match self {
            Metric::Best => f64::from(best),
            Metric::Average => average,
        }
    }
}

/// The rank of a row scoring `score` placed after `rows` (ranked best first):
/// equal scores share a rank, the next one skips (1, 2, 2, 4).
pub fn next_rank(rows: &[LeaderboardRow], score: f64) -> u32 {
    match rows.last() {
        Some(prev) if prev.score == score => prev.rank,
        _ => rows.len() as u32 + 1,
    }
}

/// A leaderboard request: per scenario (`filter.scenario`) or overall.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LeaderboardQuery {
    /// Which results count.
    pub filter: Filter,
    /// Players or teams.
    pub by: RankBy,
    /// Best or average.
    pub metric: Metric,
    /// At most this many rows (`None`: all).
    pub limit: Option<u32>,
}

/// One row of a leaderboard, best first.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LeaderboardRow {
    /// 1-based rank; equal scores share a rank ("1, 2, 2, 4").
    pub rank: u32,
    /// The player's id (`None` when ranking teams): rows are per id, so two
    /// people with one name are two rows.
    #[serde(default)]
    pub player_id: Option<Uuid>,
    /// Player name (the newest the player used), or team name when ranking teams.
    pub name: String,
    /// The player's team (the team itself when ranking teams).
    pub team: String,
    /// The ranked value: best or mean overall, 0..=100.
    pub score: f64,
    /// Best overall score.
    pub best: u8,
    /// Mean overall score.
    pub average: f64,
    /// Number of results counted.
    pub plays: u64,
    /// How many of them passed.
    pub passed: u64,
    /// Number of distinct players (1 for a player row).
    pub players: u64,
    /// Start of the most recent play.
    pub last_played: DateTime<Utc>,
}

/// One player of a team, as the player lists show them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlayerEntry {
    /// The player's id.
    pub player_id: Uuid,
    /// The newest name they played under.
    pub name: String,
    /// Their team.
    pub team: String,
}

/// Mean score per need over some results.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct NeedAverages {
    /// Mean 0..=100 per need over the results that assess it; `None` when none does.
    pub needs: NeedMap<Option<f64>>,
    /// Mean overall score (`None` without results).
    pub overall: Option<f64>,
    /// Number of results.
    pub plays: u64,
}

impl NeedAverages {
    /// The assessed need with the lowest mean (ties: the earlier need in
    /// [`Need::ALL`]); `None` when no need is assessed.
    pub fn weakest(&self) -> Option<(Need, f64)> {
        self.needs
            .iter()
            .filter_map(|(n, v)| v.map(|v| (n, v)))
            .fold(None, |low, (n, v)| match low {
                Some((_, lv)) if lv <= v => low,
                _ => Some((n, v)),
            })
    }
}

/// The team screen: the team's radar, one player's overlay and the weak spot.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct TeamView {
    /// Team name.
    pub team: String,
    /// The team's mean per need.
    pub team_averages: NeedAverages,
    /// The chosen player's mean per need (same period), for the overlay.
    pub player_averages: Option<NeedAverages>,
    /// The team's weakest assessed need and its mean.
    pub weakest: Option<(Need, f64)>,
}

impl TeamView {
    /// The team screen for `filter.team` from the team's means and, when a
    /// player was chosen, theirs over the same results.
    pub fn new(
        filter: &Filter,
        team_averages: NeedAverages,
        player_averages: Option<NeedAverages>,
    ) -> TeamView {
        TeamView {
            team: filter.team.clone().unwrap_or_default(),
            weakest: team_averages.weakest(),
            team_averages,
            player_averages,
        }
    }
}

/// One point of a player's progress chart: one result.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgressPoint {
    /// When it was played.
    pub started_at: DateTime<Utc>,
    /// Which scenario.
    pub scenario_id: String,
    /// Score per need (`None`: not assessed there).
    pub needs: NeedMap<Option<u8>>,
    /// Overall score.
    pub overall: u8,
    /// Passed or not.
    pub passed: bool,
}

/// Why a date given by a user could not be read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not a date: use YYYY-MM-DD or an RFC 3339 time such as 2026-03-01T09:30:00Z")]
pub struct BadDate(pub String);

/// Reads `YYYY-MM-DD` (midnight UTC) or an RFC 3339 timestamp.
pub fn parse_date(text: &str) -> Result<DateTime<Utc>, BadDate> {
    let t = text.trim();
    if let Ok(d) = NaiveDate::parse_from_str(t, "%Y-%m-%d") {
        return d
            .and_hms_opt(0, 0, 0)
            .map(|dt| dt.and_utc())
            .ok_or_else(|| BadDate(t.into()));
    }
    DateTime::parse_from_rfc3339(t)
        .map(|d| d.with_timezone(&Utc))
        .map_err(|_| BadDate(t.into()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weakest_skips_unassessed_and_prefers_earlier_on_ties() {
        let mut a = NeedAverages::default();
        assert_eq!(a.weakest(), None);
        a.needs[Need::Control] = Some(40.0);
        a.needs[Need::Empathy] = Some(40.0);
        a.needs[Need::Fairness] = Some(70.0);
        assert_eq!(a.weakest(), Some((Need::Empathy, 40.0)));
    }

    #[test]
    fn dates_parse_as_day_or_timestamp() {
        assert_eq!(
            parse_date("2026-03-01").unwrap().to_rfc3339(),
            "2026-03-01T00:00:00+00:00"
        );
        assert_eq!(
            parse_date("2026-03-01T10:00:00+02:00")
                .unwrap()
                .to_rfc3339(),
            "2026-03-01T08:00:00+00:00"
        );
        assert!(parse_date("yesterday").is_err());
        assert!(parse_date("2026-02-30").is_err());
    }
}
