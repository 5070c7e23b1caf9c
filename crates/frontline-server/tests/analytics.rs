//! Encounter analytics against the real PostgreSQL: real engine plays of a
//! shipped dialogue posted through the API, and the API's numbers (from the
//! counters the insert trigger keeps) equal to the pure tally of the same
//! records; filters, authorisation, other versions, the migration's
//! backfill, and the page fragment drawn from a real view.

mod common;

use chrono::{Duration, TimeZone, Utc};
use common::TestServer;
use frontline_core::scenario::{Scenario, load_file};
use frontline_results::analytics::{EncounterCounts, EncounterStats};
use frontline_results::{Filter, PlayMeta, ResultRecord};
use frontline_server::analytics::{EncounterFilter, encounter_view, render_encounter};
use frontline_server::library::LibraryFile;
use frontline_server::testing::engine_plays;
use std::path::Path;

const DIALOGUE: &str = "public-office-queue-fairness";

fn dialogue_path(id: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("../../dialogues/{id}.ron"))
}

/// `n` real plays, alternating teams North and South, four a day from
/// 2026-04-01 (so day filters split them).
fn plays(scenario: &Scenario, n: usize) -> Vec<ResultRecord> {
    let day0 = Utc.with_ymd_and_hms(2026, 4, 1, 10, 0, 0).unwrap();
    engine_plays(scenario, n as u64, 3, |i| {
        let (player, team) = (format!("p{}", i % 7), ["North", "South"][i as usize % 2]);
        PlayMeta {
            player_id: frontline_results::derived_player_id(team, &player),
            player,
            team: team.into(),
            started_at: day0 + Duration::hours(i as i64 * 6),
            duration_ms: 50_000,
        }
    })
}

/// A server with the shipped dialogues published and `n` plays posted.
fn server_with_plays(n: usize) -> Option<(TestServer, Scenario, Vec<ResultRecord>)> {
    let s = TestServer::start()?;
    let dir = dialogue_path("x").parent().unwrap().to_path_buf();
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "ron") {
            files.push(LibraryFile {
                path: path.file_name().unwrap().to_string_lossy().into_owned(),
                text: std::fs::read_to_string(&path).unwrap(),
            });
        }
    }
    s.rt.block_on(async {
        let trainer = s.db.caller(&s.trainer).await.unwrap().unwrap();
        s.db.publish(&files, Some(trainer.token_id)).await.unwrap();
    });
    let scenario = load_file(&dialogue_path(DIALOGUE))
        .playable()
        .unwrap()
        .clone();
    let records = plays(&scenario, n);
    for chunk in records.chunks(200) {
        let a = s.post("/api/v1/results/batch", &s.trainer, &chunk);
        assert_eq!(a.status, 200, "{}", a.json);
    }
    Some((s, scenario, records))
}

fn expected<'a>(
    scenario: &Scenario,
    records: impl IntoIterator<Item = &'a ResultRecord>,
) -> EncounterStats {
    EncounterStats::new(scenario, &EncounterCounts::of(records))
}

fn api_stats(s: &TestServer, token: &str, query: &str) -> (u16, serde_json::Value) {
    let a = s.get(
        &format!("/api/v1/analytics/encounter/{DIALOGUE}{query}"),
        token,
        &[],
    );
    (a.status, a.json)
}

fn stats_of(json: &serde_json::Value) -> EncounterStats {
    serde_json::from_value(json["stats"].clone()).expect("stats shape")
}

#[test]
fn the_api_counts_what_the_pure_tally_of_the_same_plays_counts_in_every_filter() {
    let Some((s, scenario, records)) = server_with_plays(240) else {
        return;
    };
    let (status, json) = api_stats(&s, &s.trainer, "");
    assert_eq!(status, 200, "{json}");
    let all = stats_of(&json);
    assert_eq!(all, expected(&scenario, &records));
    assert_eq!(all.plays, records.len() as u64);
    assert_eq!(all.unmatched_moves, 0);
    assert!(!all.separators.is_empty(), "240 plays compare choices");

    let north = stats_of(&api_stats(&s, &s.trainer, "?team=North").1);
    assert_eq!(
        north,
        expected(&scenario, records.iter().filter(|r| r.team == "North"))
    );
    assert!(north.plays > 0 && north.plays < all.plays);

    let (from, to) = ("2026-04-10", "2026-04-20");
    let (_, json) = api_stats(&s, &s.trainer, &format!("?team=South&from={from}&to={to}"));
    let in_period = |r: &&ResultRecord| {
        let day = r.started_at.date_naive().to_string();
        r.team == "South" && day.as_str() >= from && day.as_str() <= to
    };
    let south = stats_of(&json);
    assert_eq!(south, expected(&scenario, records.iter().filter(in_period)));
    assert!(south.plays > 0);
    assert_eq!(json["filter"]["from"], from);
}

#[test]
fn a_player_token_sees_its_own_team_only_and_bad_requests_are_refused() {
    let Some((s, scenario, records)) = server_with_plays(40) else {
        return;
    };
    let (status, own) = api_stats(&s, &s.north, "");
    assert_eq!(status, 200);
    assert_eq!(own["filter"]["team"], "North");
    assert_eq!(
        stats_of(&own),
        expected(&scenario, records.iter().filter(|r| r.team == "North"))
    );
    assert_eq!(api_stats(&s, &s.north, "?team=North").0, 200);
    let (status, json) = api_stats(&s, &s.north, "?team=South");
    assert_eq!((status, json["error"].as_str()), (403, Some("forbidden")));
    assert_eq!(api_stats(&s, &s.trainer, "?team=South").0, 200);
    assert_eq!(api_stats(&s, "", "").0, 401);
    let (status, json) = api_stats(&s, &s.trainer, "?from=April");
    assert_eq!(status, 422);
    assert_eq!(json["problems"][0]["field"], "from");
    assert_eq!(
        api_stats(&s, &s.trainer, "?from=2026-05-02&to=2026-05-01").0,
        422
    );
    let missing = s.get(
        "/api/v1/analytics/encounter/no-such-scenario",
        &s.trainer,
        &[],
    );
    assert_eq!(missing.status, 404);
}

#[test]
fn plays_of_other_versions_are_reported_not_counted() {
    let Some((s, scenario, records)) = server_with_plays(30) else {
        return;
    };
    let mut old: Vec<ResultRecord> = plays(&scenario, 12);
    for r in &mut old {
        r.id = uuid::Uuid::new_v4();
        r.scenario_hash = "0f".repeat(32);
    }
    assert_eq!(
        s.post("/api/v1/results/batch", &s.trainer, &old).status,
        200
    );
    let (_, json) = api_stats(&s, &s.trainer, "");
    assert_eq!(json["other_version_plays"], old.len());
    assert_eq!(stats_of(&json), expected(&scenario, &records));
    let (_, north) = api_stats(&s, &s.trainer, "?team=North");
    let old_north = old.iter().filter(|r| r.team == "North").count();
    assert_eq!(north["other_version_plays"], old_north);
}

#[test]
fn the_migration_counts_results_stored_before_it() {
    let Some((s, scenario, records)) = server_with_plays(60) else {
        return;
    };
    let before = api_stats(&s, &s.trainer, "").1;
    s.rt.block_on(async {
        let client = s.db.client().await.unwrap();
        client
            .batch_execute(
                "DROP TRIGGER results_encounters ON results;
                 DROP FUNCTION results_add_to_encounters(), encounter_add(results, bigint), encounter_steps(jsonb);
                 DROP TABLE encounter_plays, encounter_nodes, encounter_moves, encounter_endings;
                 DROP INDEX totals_scenario;
                 DROP TABLE team_days, player_totals;
                 ALTER TABLE totals DROP COLUMN sum_friendliness, DROP COLUMN n_friendliness,
                     DROP COLUMN sum_empathy, DROP COLUMN n_empathy, DROP COLUMN sum_fairness,
                     DROP COLUMN n_fairness, DROP COLUMN sum_options, DROP COLUMN n_options,
                     DROP COLUMN sum_control, DROP COLUMN n_control,
                     DROP COLUMN sum_information, DROP COLUMN n_information;
                 DELETE FROM schema_migrations WHERE version >= 5;",
            )
            .await
            .unwrap();
    });
    let db =
        s.rt.block_on(frontline_server::Database::connect(&s.url))
            .unwrap();
    let view =
        s.rt.block_on(encounter_view(&db, DIALOGUE, &EncounterFilter::default()))
            .unwrap();
    assert_eq!(view.stats, expected(&scenario, &records));
    assert_eq!(serde_json::to_value(&view).unwrap(), before);
    // Migration 6 summed the needs into the totals: all-time averages read
    // them and equal the results' own means.
    let from_totals =
        s.rt.block_on(db.need_averages(&Filter::team("North")))
            .unwrap();
    let from_results =
        s.rt.block_on(db.need_averages(
            &Filter::team("North").period(Some(Utc.timestamp_opt(0, 0).unwrap()), None),
        ))
        .unwrap();
    assert_eq!(from_totals, from_results);
    assert!(from_totals.plays > 0);
}

#[test]
fn a_deleted_players_plays_leave_the_counters() {
    let Some((s, scenario, records)) = server_with_plays(60) else {
        return;
    };
    let deleted =
        s.rt.block_on(s.db.delete_player(frontline_results::derived_player_id("South", "p3")))
            .unwrap();
    let kept: Vec<&ResultRecord> = records
        .iter()
        .filter(|r| !(r.player == "p3" && r.team == "South"))
        .collect();
    assert_eq!(deleted as usize, records.len() - kept.len());
    assert!(deleted > 0);
    let (_, json) = api_stats(&s, &s.trainer, "");
    assert_eq!(stats_of(&json), expected(&scenario, kept));
    let zeros: i64 = s.rt.block_on(async {
        let client = s.db.client().await.unwrap();
        let sql = "SELECT (SELECT COUNT(*) FROM encounter_moves WHERE plays = 0) \
                   + (SELECT COUNT(*) FROM encounter_nodes WHERE plays = 0)";
        client.query_one(sql, &[]).await.unwrap().get(0)
    });
    assert_eq!(zeros, 0, "no counter rows left at zero");
}

#[test]
fn the_page_draws_the_graph_with_title_and_description_and_repeats_its_numbers_in_tables() {
    let Some((s, scenario, _)) = server_with_plays(120) else {
        return;
    };
    let view =
        s.rt.block_on(encounter_view(&s.db, DIALOGUE, &EncounterFilter::default()))
            .unwrap();
    let html = render_encounter(&view).into_string();
    assert!(
        !html.contains("<html") && !html.contains("<head"),
        "a fragment"
    );
    assert!(html.contains("<svg") && html.contains("role=\"img\""));
    assert!(html.contains("<title id=\"encounter-graph-title\">"));
    assert!(html.contains("<desc id=\"encounter-graph-desc\">"));
    for node in scenario.nodes.keys().filter(|id| id.chars().count() <= 22) {
        assert!(html.contains(&format!(">{node}<")), "node {node} drawn");
    }
    let busiest = view
        .stats
        .nodes
        .iter()
        .flat_map(|n| &n.choices)
        .max_by_key(|c| c.taken)
        .unwrap();
    let share = format!("{:.0}%", busiest.share * 100.0);
    let label = format!("c{} {share}", busiest.index + 1);
    assert!(html.contains(&label), "edge label {label}");
    assert!(
        html.matches(&share).count() >= 2,
        "the share is in a table too"
    );
    let top = &view.stats.separators[0];
    assert!(html.contains(&format!("{:+.0} points", top.difference() * 100.0)));
    assert!(html.len() < 150_000, "page under 150 KB: {}", html.len());
}
