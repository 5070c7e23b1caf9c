//! Load + validate a generated 10,000-node scenario, against plain
//! `ron::from_str::<ron::Value>` of the same text measured in the same run.
//! Goal: loading and validating costs at most 2x plain parsing.

mod common;

use criterion::{Criterion, black_box};
use frontline_core::needs::Need;
use frontline_core::scenario::load_str;
use std::fmt::Write;
use std::path::Path;
use std::time::Duration;

const NODES: usize = 10_000;

/// A valid scenario: a chain of lines with two choices each, a branch and a
/// random node every so often, and endings at the tail.
fn generated_scenario() -> String {
    let mut s = String::from(
        "Scenario(\n    id: \"generated\",\n    title: \"Generated\",\n    customer: Customer(names: [\"Pat\"], mood: 50),\n    start: \"n0\",\n    nodes: {\n",
    );
    let ends = 2; // both reachable from the last lines
    let lines = NODES - ends;
    for i in 0..lines {
        let next = |k: usize| {
            if i + k < lines {
                format!("n{}", i + k)
            } else {
                format!("end{}", (i + k) % ends)
            }
        };
        match i % 10 {
            7 => writeln!(
                s,
                "        \"n{i}\": Branch(cases: [(when: MoodAtLeast({}), next: \"{}\")], otherwise: \"{}\"),",
                i % 100,
                next(1),
                next(2)
            ),
            9 => writeln!(
                s,
                "        \"n{i}\": Random(options: [(weight: 2, next: \"{}\"), (weight: 1, next: \"{}\")]),",
                next(1),
                next(2)
            ),
            _ => writeln!(
                s,
                "        \"n{i}\": Line(speaker: Customer, text: \"Line {i}, {{name}}.\", choices: [\n            Choice(text: \"Answer A{i}\", needs: {{ {}: 1 }}, mood: 5, next: \"{}\", why: \"Helps.\"),\n            Choice(text: \"Answer B{i}\", needs: {{ {}: -1 }}, mood: -5, time: 3, next: \"{}\", why: \"Hurts.\"),\n        ]),",
                Need::ALL[i % 6].key(),
                next(1),
                Need::ALL[(i + 1) % 6].key(),
                next(2)
            ),
        }
        .expect("writing to a String");
    }
    for e in 0..ends {
        writeln!(
            s,
            "        \"end{e}\": End(outcome: Satisfied, text: \"Ending {e}.\"),"
        )
        .expect("write");
    }
    s.push_str("    },\n)\n");
    s
}

/// Median wall time of `runs` calls.
fn median(runs: usize, f: impl FnMut()) -> Duration {
    let times = common::sorted_times(runs, f);
    times[times.len() / 2]
}

fn main() {
    let text = generated_scenario();
    let loaded = load_str(Path::new("generated.ron"), &text);
    assert!(
        loaded.diagnostics.is_empty(),
        "generated scenario must be clean: {:?}",
        &loaded.diagnostics[..3.min(loaded.diagnostics.len())]
    );
    assert_eq!(loaded.scenario.as_ref().map(|s| s.nodes.len()), Some(NODES));

    let mut c = Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(4))
        .configure_from_args();
    let mut group = c.benchmark_group(format!("load_{NODES}_nodes_{}kB", text.len() / 1000));
    group.bench_function("baseline_ron_value", |b| {
        b.iter(|| ron::from_str::<ron::Value>(black_box(&text)).expect("valid RON"))
    });
    group.bench_function("load_and_validate", |b| {
        b.iter(|| load_str(Path::new("generated.ron"), black_box(&text)))
    });
    group.finish();

    let baseline = median(7, || drop(black_box(ron::from_str::<ron::Value>(&text))));
    let ours = median(7, || {
        drop(black_box(load_str(Path::new("generated.ron"), &text)))
    });
    println!(
        "ratio load+validate / ron::Value parse = {:.2} ({:.1} ms vs {:.1} ms, median of 7; goal <= 2.0)",
        ours.as_secs_f64() / baseline.as_secs_f64(),
        ours.as_secs_f64() * 1e3,
        baseline.as_secs_f64() * 1e3
    );
    c.final_summary();
}
