//! Timing helpers shared by the benches (each bench is its own crate and
//! includes this file with `mod common;`).

use std::time::{Duration, Instant};

/// Wall times of `runs` calls of `f`, fastest first.
pub fn sorted_times(runs: usize, mut f: impl FnMut()) -> Vec<Duration> {
    let mut times: Vec<Duration> = (0..runs.max(1))
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .collect();
    times.sort();
    times
}
