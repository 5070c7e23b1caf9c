//! Export of a 100,000-result store: xAPI statements against CSV of the same
//! store, measured in the same run (goal: xAPI within 3x the CSV time).
//! Both stream one result at a time into `io::sink()` through the same calls
//! as `frontline export`, so the figures are the formats' own cost, not the
//! disk's. Peak memory is measured separately (examples/results_memory.rs).

mod common;
#[path = "support/many_results.rs"]
mod many_results;

use criterion::Criterion;
use frontline_results::{Filter, ResultStore, SqliteStore, export_csv, xapi};
use std::time::Duration;

/// Results in the store.
const RESULTS: usize = 100_000;

fn export_xapi(store: &SqliteStore) {
    let mut w = xapi::StatementWriter::new(std::io::sink()).expect("sink");
    store
        .for_each(&Filter::all(), &mut |r| w.write(&r.expect("readable")))
        .expect("export");
    w.finish().expect("finish");
}

fn export_csv(store: &SqliteStore) {
    let mut w = export_csv::CsvWriter::new(std::io::sink()).expect("sink");
    store
        .for_each(&Filter::all(), &mut |r| w.write(&r.expect("readable")))
        .expect("export");
    w.finish().expect("finish");
}

fn main() {
    let dir = tempfile::tempdir().expect("temp folder");
    let store = SqliteStore::open(&dir.path().join("results.db")).expect("fresh database");
    let records: Vec<_> = many_results::many_results(RESULTS, 2026).collect();
    assert_eq!(store.import(&records).expect("import").added, RESULTS);
    drop(records);

    let mut c = Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(20))
        .configure_from_args();
    let mut group = c.benchmark_group(format!("export_{RESULTS}_results"));
    group.bench_function("baseline_csv", |b| b.iter(|| export_csv(&store)));
    group.bench_function("xapi", |b| b.iter(|| export_xapi(&store)));
    group.finish();

    let csv = common::sorted_times(3, || export_csv(&store));
    let statements = common::sorted_times(3, || export_xapi(&store));
    let (csv, statements) = (csv[1], statements[1]);
    println!(
        "ratio xAPI export / CSV export = {:.2} ({:.1} s vs {:.1} s, median of 3; goal <= 3.0)",
        statements.as_secs_f64() / csv.as_secs_f64(),
        statements.as_secs_f64(),
        csv.as_secs_f64()
    );
    c.final_summary();
}
