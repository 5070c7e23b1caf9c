//! Migrations at start: applied once even when processes start together,
//! and a database from a newer build is refused.

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
