//! For tests of this crate and of the CLI: the real PostgreSQL cluster that
//! `scripts/services/postgres.sh start` runs, and a fresh database on it per
//! test so tests run in parallel.

/// Where `scripts/services/postgres.sh start` says its cluster is.
pub const PG_URL_ENV: &str = "FRONTLINE_TEST_PG_URL";

/// The test cluster's URL. Without one the caller should skip (a note is
/// printed), except under `CI=true`, where a missing database panics.
pub fn pg_url() -> Option<String> {
    match std::env::var(PG_URL_ENV) {
        Ok(url) if !url.is_empty() => Some(url),
        _ if std::env::var("CI").is_ok_and(|v| v == "true") => {
            panic!("{PG_URL_ENV} is not set under CI=true: .ci/run must start PostgreSQL")
        }
        _ => {
            eprintln!(
                "skipped: no PostgreSQL ({PG_URL_ENV} unset); run \
                 `eval \"$(scripts/services/postgres.sh start)\"` first"
            );
            None
        }
    }
}

/// Creates a new, empty database on the cluster at `cluster` (a URL whose
/// last part is a database name) and returns the URL of the new one.
pub async fn fresh_database(cluster: &str) -> Result<String, tokio_postgres::Error> {
    let name = format!("test_{}", uuid::Uuid::new_v4().simple());
    let (client, connection) = tokio_postgres::connect(cluster, tokio_postgres::NoTls).await?;
    let connection = tokio::spawn(connection);
    client
        .batch_execute(&format!("CREATE DATABASE {name}"))
        .await?;
    drop(client);
    let _ = connection.await;
    let base = cluster.rsplit_once('/').map_or(cluster, |(base, _)| base);
    Ok(format!("{base}/{name}"))
}

/// `n` random engine plays of `scenario` (encounter seeds `0..n`, choices
/// drawn from `seed`) as records; `meta(i)` says who played play `i` and when.
pub fn engine_plays(
    scenario: &frontline_core::scenario::Scenario,
    n: u64,
    seed: u64,
    meta: impl Fn(u64) -> frontline_results::PlayMeta,
) -> Vec<frontline_results::ResultRecord> {
    use frontline_core::analysis::{analyse, playtest::play_random};
    use rand::SeedableRng;
    let Ok(compiled) = frontline_core::engine::CompiledScenario::new(scenario) else {
        return Vec::new();
    };
    let compiled = std::sync::Arc::new(compiled);
    let analysis = analyse(&compiled);
    let mut picker = rand_chacha::ChaCha8Rng::seed_from_u64(seed);
    (0..n)
        .filter_map(|i| {
            let enc = play_random(&compiled, i, &mut picker);
            let d = frontline_core::scoring::debrief(scenario, &analysis, enc.transcript());
            frontline_results::ResultRecord::from_play(scenario, enc.transcript(), &d, meta(i)).ok()
        })
        .collect()
}
