//! Peak memory (VmHWM from /proc/self/status, Linux) of exporting and
//! importing a large results store, through the same library calls as
//! `frontline export` and `frontline import`. One step per run, so each
//! figure is that step's own peak:
//!
//! ```sh
//! cargo run --no-default-features --example results_memory -- make /tmp/big.db 100000
//! cargo run --no-default-features --example results_memory -- export-xapi /tmp/big.db /tmp/big.json
//! cargo run --no-default-features --example results_memory -- export-csv /tmp/big.db /tmp/big.csv
//! cargo run --no-default-features --example results_memory -- import /tmp/big.json /tmp/copy.db
//! ```
//!
//! Each step prints `<step>: <n> results, peak RSS <MB> MB, <s> s`.

#[path = "../benches/support/many_results.rs"]
mod many_results;

use frontline_results::{Filter, ResultStore, SqliteStore, export_csv, import, xapi};
use std::io::BufWriter;
use std::path::Path;
use std::time::Instant;

/// Results stored per transaction by `make`.
const CHUNK: usize = 5_000;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let started = Instant::now();
    let arg = |i: usize| -> &str {
        args.get(i).map(String::as_str).unwrap_or_else(|| {
            eprintln!("usage: results_memory make DB N | export-xapi DB OUT | export-csv DB OUT | import FILE DB");
            std::process::exit(2)
        })
    };
    let step = arg(0).to_string();
    let count = match step.as_str() {
        "make" => make(
            Path::new(arg(1)),
            arg(2).parse().expect("a number of results"),
        ),
        "export-xapi" | "export-csv" => export(Path::new(arg(1)), Path::new(arg(2)), &step),
        "import" => import_file(Path::new(arg(1)), Path::new(arg(2))),
        _ => {
            eprintln!("unknown step {step}");
            std::process::exit(2)
        }
    };
    println!(
        "{step}: {count} results, peak RSS {:.0} MB, {:.1} s",
        peak_rss_kb() as f64 / 1024.0,
        started.elapsed().as_secs_f64()
    );
}

fn make(db: &Path, n: usize) -> usize {
    let store = SqliteStore::open(db).expect("open");
    let mut results = many_results::many_results(n, 2026);
    let mut stored = 0;
    loop {
        let chunk: Vec<_> = results.by_ref().take(CHUNK).collect();
        if chunk.is_empty() {
            return stored;
        }
        stored += store.import(&chunk).expect("import").added;
    }
}

fn export(db: &Path, out: &Path, step: &str) -> usize {
    let store = SqliteStore::open_read_only(db).expect("open");
    let sink = BufWriter::new(std::fs::File::create(out).expect("create"));
    if step == "export-xapi" {
        let w = xapi::StatementWriter::new(sink).expect("write");
        write_all(
            &store,
            w,
            xapi::StatementWriter::write,
            xapi::StatementWriter::finish,
        )
    } else {
        let w = export_csv::CsvWriter::new(sink).expect("write");
        write_all(
            &store,
            w,
            export_csv::CsvWriter::write,
            export_csv::CsvWriter::finish,
        )
    }
}

/// Streams every stored result through `write` into `w`, then `finish`es it;
/// returns how many were written.
fn write_all<W>(
    store: &SqliteStore,
    mut w: W,
    write: impl Fn(&mut W, &frontline_results::ResultRecord) -> std::io::Result<()>,
    finish: impl FnOnce(W) -> std::io::Result<()>,
) -> usize {
    let mut written = 0;
    store
        .for_each(&Filter::all(), &mut |r| {
            written += 1;
            write(&mut w, &r.expect("readable"))
        })
        .expect("export");
    finish(w).expect("finish");
    written
}

fn import_file(file: &Path, db: &Path) -> usize {
    let mut records = import::Records::new(std::fs::File::open(file).expect("open")).expect("read");
    let store = SqliteStore::open(db).expect("open");
    let report = store.import_stream(&mut records).expect("import");
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    report.summary.added + report.summary.already_present
}

/// The process's peak resident set size in kB.
fn peak_rss_kb() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}
