//! Migrations at start: applied once even when processes start together,
//! a database from a newer build is refused, and one from before player ids
//! is upgraded.

use frontline_results::{LeaderboardQuery, RankBy, ResultStore, SqliteStore, derived_player_id};
use frontline_server::testing::{fresh_database, pg_url};
use frontline_server::{Database, ServerError, schema};

#[test]
fn processes_starting_together_migrate_once_and_a_newer_schema_is_refused() {
    let Some(cluster) = pg_url() else { return };
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let url = fresh_database(&cluster).await.unwrap();
        let (a, b, c) = tokio::join!(
            Database::connect(&url),
            Database::connect(&url),
            Database::connect(&url)
        );
        let db = a.and(b).and(c).expect("every start succeeds");
        let client = db.client().await.unwrap();
        let versions: Vec<i32> = client
            .query(
                "SELECT version FROM schema_migrations ORDER BY version",
                &[],
            )
            .await
            .unwrap()
            .iter()
            .map(|r| r.get(0))
            .collect();
        assert_eq!(versions, (1..=schema::LATEST_VERSION).collect::<Vec<_>>());
        client
            .execute("INSERT INTO schema_migrations (version) VALUES (99)", &[])
            .await
            .unwrap();
        match Database::connect(&url).await {
            Err(ServerError::TooNew { found: 99, .. }) => {}
            Err(e) => panic!("wrong error: {e}"),
            Ok(_) => panic!("a newer schema must be refused"),
        }
    });
}

/// A database from before player ids (its results name players only) is
/// upgraded at start: every result gets the id derived from its team and
/// name, and the boards answer as the SQLite store does for the same rows.
#[test]
fn results_stored_before_player_ids_get_derived_ids_and_the_same_boards() {
    let Some(cluster) = pg_url() else { return };
    let rt = tokio::runtime::Runtime::new().unwrap();
    let legacy = common_records();
    rt.block_on(async {
        let url = fresh_database(&cluster).await.unwrap();
        let (client, connection) = tokio_postgres::connect(&url, tokio_postgres::NoTls)
            .await
            .unwrap();
        tokio::spawn(connection);
        client
            .batch_execute(
                "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY,
                 applied_at TIMESTAMPTZ NOT NULL DEFAULT now());
                 INSERT INTO schema_migrations (version) VALUES (1), (2);",
            )
            .await
            .unwrap();
        for sql in &schema::MIGRATIONS[..2] {
            client.batch_execute(sql).await.unwrap();
        }
        for r in &legacy {
            client
                .execute(
                    "INSERT INTO results (id, player, team, scenario_id, scenario_hash, \
                     scenario_title, seed, started_at, duration_ms, outcome, overall, grade, \
                     passed, transcript) VALUES ($1, $2, $3, $4, $5, $6, '1', $7, 1000, \
                     'Satisfied', $8, 'B', $9, '[]')",
                    &[
                        &r.id,
                        &r.player,
                        &r.team,
                        &r.scenario_id,
                        &r.scenario_hash,
                        &r.scenario_title,
                        &frontline_results::codec::timestamp_text(r.started_at),
                        &i16::from(r.overall),
                        &r.passed,
                    ],
                )
                .await
                .unwrap();
        }
        let db = Database::connect(&url).await.expect("upgrades");
        let stored = db.get(legacy[0].id).await.unwrap().unwrap();
        assert_eq!(
            stored.player_id,
            derived_player_id(&legacy[0].team, &legacy[0].player)
        );
        let local = SqliteStore::in_memory().unwrap();
        local.import(&legacy).unwrap();
        for by in [RankBy::Player, RankBy::Team] {
            let q = LeaderboardQuery {
                by,
                ..LeaderboardQuery::default()
            };
            assert_eq!(
                db.leaderboard(&q).await.unwrap(),
                local.leaderboard(&q).unwrap()
            );
        }
        assert_eq!(
            db.players(None).await.unwrap(),
            local.players(None).unwrap()
        );
    });
}

/// Legacy results: players known by team and name only (ids derived).
fn common_records() -> Vec<frontline_results::ResultRecord> {
    let mut records = Vec::new();
    for (i, (team, player)) in [("North", "ana"), ("North", "bo"), ("South", "ana")]
        .iter()
        .cycle()
        .take(9)
        .enumerate()
    {
        let mut r = frontline_results::ResultRecord {
            id: uuid::Uuid::from_u128(0x1000 + i as u128),
            player_id: derived_player_id(team, player),
            player: player.to_string(),
            team: team.to_string(),
            scenario_id: ["bank", "hotel"][i % 2].into(),
            scenario_hash: "ab".repeat(32),
            scenario_title: "A scenario".into(),
            seed: 1,
            started_at: chrono::DateTime::UNIX_EPOCH + chrono::TimeDelta::days(20_000 + i as i64),
            duration_ms: 1000,
            outcome: frontline_core::scenario::Outcome::Satisfied,
            needs: Default::default(),
            overall: (30 + 7 * i) as u8,
            grade: 'B',
            passed: i % 3 == 0,
            transcript: Vec::new(),
        };
        r.passed = r.overall >= 60;
        records.push(r);
    }
    records
}
