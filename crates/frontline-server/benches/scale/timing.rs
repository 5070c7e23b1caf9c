//! Timing a case: samples, percentiles and the printed line.

use std::time::{Duration, Instant};

/// Measuring one case stops after this many samples or this much time.
pub const SAMPLES: usize = 200;
const CASE_BUDGET: Duration = Duration::from_secs(15);

/// Times `run` up to [`SAMPLES`] times (after 3 unmeasured) and prints the
/// figures; returns the p99.
pub fn measure(name: &str, baseline: Option<Duration>, mut run: impl FnMut() -> usize) -> Duration {
    for _ in 0..3 {
        run();
    }
    let mut times = Vec::with_capacity(SAMPLES);
    let mut bytes = 0;
    let started = Instant::now();
    while times.len() < SAMPLES && (started.elapsed() < CASE_BUDGET || times.len() < 20) {
        let t = Instant::now();
        bytes = run();
        times.push(t.elapsed());
    }
    report(name, &mut times, baseline, bytes)
}

pub fn report(
    name: &str,
    times: &mut [Duration],
    baseline: Option<Duration>,
    bytes: usize,
) -> Duration {
    times.sort();
    let (p50, p99) = (percentile(times, 0.5), percentile(times, 0.99));
    let ratio = baseline.map_or(String::new(), |b| {
        format!(" ({:.0}x baseline)", p99.as_secs_f64() / b.as_secs_f64())
    });
    let size = if bytes > 0 {
        format!(", {:.1} KB", bytes as f64 / 1024.0)
    } else {
        String::new()
    };
    println!(
        "scale: {name}: p50 {:.1} ms, p99 {:.1} ms{ratio}, {} samples{size}",
        ms(p50),
        ms(p99),
        times.len()
    );
    p99
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 * p).ceil() as usize).clamp(1, sorted.len()) - 1;
    sorted[i]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
