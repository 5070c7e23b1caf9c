//! `frontline scores [--team T] [--scenario S] [--by player|team] [--metric best|average]
//! [--since DATE] [--until DATE] [--data-dir D]`: the leaderboard as a terminal table.
//! Also holds the store-opening helpers `export` and `import` share.

use chrono::{DateTime, Utc};
use frontline_results::{
    Filter, LeaderboardQuery, LeaderboardRow, Metric, RankBy, ResultStore, SqliteStore,
};
use std::borrow::Cow;
use std::path::PathBuf;
use std::process::ExitCode;
use unicode_width::UnicodeWidthStr;

/// Arguments of `frontline scores`.
#[derive(clap::Args, Debug, Default)]
pub struct Args {
    /// Only this team.
    #[arg(long)]
    pub team: Option<String>,
    /// Only this scenario (its id); without it, all scenarios together.
    #[arg(long)]
    pub scenario: Option<String>,
    /// Rank players or teams.
    #[arg(long, value_enum, default_value_t = By::Player)]
    pub by: By,
    /// Rank on each one's best or mean overall score.
    #[arg(long, value_enum, default_value_t = MetricArg::Best)]
    pub metric: MetricArg,
    /// Only results started on or after this date (YYYY-MM-DD or RFC 3339).
    #[arg(long)]
    pub since: Option<String>,
    /// Only results started before this date (YYYY-MM-DD or RFC 3339).
    #[arg(long)]
    pub until: Option<String>,
    /// Show at most this many rows.
    #[arg(long)]
    pub limit: Option<u32>,
    /// Folder with results.db (default: $FRONTLINE_DATA, else the platform data folder).
    #[arg(long)]
    pub data_dir: Option<PathBuf>,
}

/// `--by`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum By {
    /// One row per player.
    #[default]
    Player,
    /// One row per team.
    Team,
}

/// `--metric`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum MetricArg {
    /// Best overall score.
    #[default]
    Best,
    /// Mean overall score.
    Average,
}

/// Runs `frontline scores`.
pub fn run(args: Args) -> ExitCode {
    let (Ok(since), Ok(until)) = (when(args.since.as_deref()), when(args.until.as_deref())) else {
        return ExitCode::from(2);
    };
    let store = match open_existing(args.data_dir) {
        Ok(Some(store)) => store,
        Ok(None) => return ExitCode::SUCCESS,
        Err(code) => return code,
    };
    let query = LeaderboardQuery {
        filter: Filter {
            team: args.team,
            scenario: args.scenario,
            since,
            until,
            ..Filter::default()
        },
        by: match args.by {
            By::Player => RankBy::Player,
            By::Team => RankBy::Team,
        },
        metric: match args.metric {
            MetricArg::Best => Metric::Best,
            MetricArg::Average => Metric::Average,
        },
        limit: args.limit,
    };
    match store.leaderboard(&query) {
        Ok(rows) if rows.is_empty() => {
            println!("No results match.");
            ExitCode::SUCCESS
        }
        Ok(rows) => {
            print!("{}", table(&rows, &query));
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(1)
        }
    }
}

/// `text` safe to print on a terminal: control characters (escape sequences,
/// newlines, ...) and invisible direction / format marks are shown escaped
/// (`\u{1b}`, `\n`) instead of acting on the terminal.
pub fn terminal_text(text: &str) -> Cow<'_, str> {
    let unsafe_char = |c: char| {
        c.is_control()
            || matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
                | '\u{2060}'..='\u{2069}' | '\u{FEFF}')
    };
    if !text.chars().any(unsafe_char) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| {
                if unsafe_char(c) {
                    c.escape_debug().to_string()
                } else {
                    c.to_string()
                }
            })
            .collect(),
    )
}

/// The leaderboard as an aligned table (numbers right-aligned; widths are
/// terminal columns, so CJK and emoji names line up; names escaped with
/// [`terminal_text`]).
pub fn table(rows: &[LeaderboardRow], query: &LeaderboardQuery) -> String {
    let score_title = match query.metric {
        Metric::Best => "Best",
        Metric::Average => "Average",
    };
    let mut header = vec!["#", "Player", "Team"];
    if query.by == RankBy::Team {
        header = vec!["#", "Team", "Players"];
    }
    header.extend([score_title, "Plays", "Passed", "Last played"]);
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            let second = match query.by {
                RankBy::Player => r.team.clone(),
                RankBy::Team => r.players.to_string(),
            };
            vec![
                r.rank.to_string(),
                terminal_text(&r.name).into_owned(),
                terminal_text(&second).into_owned(),
                format!("{:.1}", r.score),
                r.plays.to_string(),
                r.passed.to_string(),
                r.last_played.format("%Y-%m-%d %H:%M").to_string(),
            ]
        })
        .collect();
    let right =
        |col: usize| col == 0 || (3..=5).contains(&col) || (col == 2 && query.by == RankBy::Team);
    let width = |col: usize| {
        cells
            .iter()
            .map(|r| r[col].width())
            .chain([header[col].width()])
            .max()
            .unwrap_or(0)
    };
    let widths: Vec<usize> = (0..header.len()).map(width).collect();
    let line = |row: &[&str]| {
        let padded: Vec<String> = row
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let pad = " ".repeat(widths[i].saturating_sub(c.width()));
                if right(i) {
                    format!("{pad}{c}")
                } else {
                    format!("{c}{pad}")
                }
            })
            .collect();
        format!("{}\n", padded.join("  ").trim_end())
    };
    let mut out = line(&header);
    out += &line(
        &widths
            .iter()
            .map(|w| "-".repeat(*w))
            .collect::<Vec<_>>()
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>(),
    );
    for r in &cells {
        out += &line(&r.iter().map(String::as_str).collect::<Vec<_>>());
    }
    out
}

/// Parses an optional `--since` / `--until`, printing the problem.
pub(crate) fn when(text: Option<&str>) -> Result<Option<DateTime<Utc>>, ()> {
    text.map(frontline_results::parse_date)
        .transpose()
        .map_err(|e| eprintln!("error: {e}"))
}

/// Opens the results database for reading only (never blocked by a writer,
/// works in a read-only folder): `Ok(None)` (after saying so on standard
/// error) when there are no results yet; a damaged file is reported.
pub(crate) fn open_existing(data_dir: Option<PathBuf>) -> Result<Option<SqliteStore>, ExitCode> {
    let path = frontline_results::database_path(data_dir);
    if !path.exists() {
        eprintln!("No results yet (looked for {}).", path.display());
        return Ok(None);
    }
    SqliteStore::open_read_only(&path).map(Some).map_err(|e| {
        eprintln!("error: {e}");
        ExitCode::from(1)
    })
}

/// Opens (creating if needed) the results database at `path`, printing any problem.
pub(crate) fn open(path: PathBuf) -> Result<SqliteStore, ExitCode> {
    SqliteStore::open(&path).map_err(|e| {
        eprintln!("error: {e}");
        ExitCode::from(1)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_width::UnicodeWidthStr;

    fn row(name: &str, team: &str, rank: u32) -> LeaderboardRow {
        LeaderboardRow {
            rank,
            player_id: None,
            name: name.into(),
            team: team.into(),
            score: 90.0,
            best: 90,
            average: 90.0,
            plays: 3,
            passed: 2,
            last_played: chrono::DateTime::UNIX_EPOCH,
            players: 1,
        }
    }

    #[test]
    fn control_characters_in_names_are_escaped_not_printed() {
        let rows = [
            row("\u{1b}[31mred\u{1b}]0;title\u{7}", "a\nb", 1),
            row("right\u{202e}to-left", "T", 2),
        ];
        let out = table(&rows, &LeaderboardQuery::default());
        assert!(!out.contains('\u{1b}') && !out.contains('\u{7}') && !out.contains('\u{202e}'));
        assert!(out.contains("\\u{1b}[31mred"), "{out}");
        assert!(out.contains("a\\nb"), "{out}");
        assert_eq!(out.lines().count(), 4, "one line per row: {out}");
        assert_eq!(terminal_text("Zoë 李"), "Zoë 李", "ordinary text untouched");
    }

    #[test]
    fn columns_line_up_by_display_width_for_cjk_and_emoji() {
        let rows = [
            row("李小龙", "東京", 1),
            row("ana", "Branch 12", 2),
            row("😀 Emoji", "🚀", 3),
        ];
        let out = table(&rows, &LeaderboardQuery::default());
        // "Best" is right-aligned: it ends at the same screen column on every line.
        let ends: Vec<usize> = out
            .lines()
            .filter(|l| !l.starts_with('-'))
            .map(|l| {
                let (at, len) = l
                    .find("90.0")
                    .map_or_else(|| (l.find("Best").expect(l), 4), |i| (i, 4));
                l[..at + len].width()
            })
            .collect();
        assert_eq!(ends.len(), 4);
        assert!(ends.windows(2).all(|w| w[0] == w[1]), "{ends:?}\n{out}");
    }
}
