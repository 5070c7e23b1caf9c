//! Engine benchmarks: analysis of a generated 10,000-node scenario (goal < 1 s)
//! and random-playtest throughput on the real dialogues (goal > 100,000
//! playthroughs/s). Each is reported as a ratio to a baseline measured in the
//! same run: a plain breadth-first traversal of the node graph for the
//! analysis, and a plain random walk over the node graph (no engine state) for
//! the playthroughs.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use frontline_core::analysis::{analyse, playtest::play_random};
use frontline_core::engine::{CNode, CompiledScenario};
use frontline_core::scenario::Scenario;
use frontline_core::scenario::generate::{GenConfig, generate};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::hint::black_box;
use std::sync::Arc;
use std::time::{Duration, Instant};

fn successors(node: &CNode) -> Vec<usize> {
    match node {
        CNode::Line { choices, next, .. } => choices.iter().map(|c| c.next).chain(*next).collect(),
        CNode::Branch { cases, otherwise } => {
            cases.iter().map(|c| c.1).chain([*otherwise]).collect()
        }
        CNode::Random { options } => options.iter().map(|o| o.1).collect(),
        CNode::End { .. } => Vec::new(),
    }
}

/// Baseline: visit every node once, breadth-first.
fn traverse(c: &CompiledScenario) -> usize {
    let mut seen = vec![false; c.nodes.len()];
    let mut queue = std::collections::VecDeque::from([c.start]);
    seen[c.start] = true;
    let mut count = 0;
    while let Some(n) = queue.pop_front() {
        count += 1;
        for s in successors(&c.nodes[n]) {
            if !seen[s] {
                seen[s] = true;
                queue.push_back(s);
            }
        }
    }
    count
}

/// Baseline: a random walk over the node graph to an ending (no conditions, no state).
fn walk(c: &CompiledScenario, succ: &[Vec<usize>], rng: &mut ChaCha8Rng) -> usize {
    let mut n = c.start;
    let mut steps = 0;
    while !succ[n].is_empty() && steps < 10_000 {
        n = succ[n][rng.random_range(0..succ[n].len())];
        steps += 1;
    }
    steps
}

fn big(loops: bool, conditions: bool) -> Arc<CompiledScenario> {
    let cfg = GenConfig {
        nodes: 10_000,
        flags: 3,
        loops,
        conditions,
        patience: false,
    };
    Arc::new(CompiledScenario::new(&generate(7, cfg)).expect("generated scenario compiles"))
}

fn dialogues() -> Vec<Arc<CompiledScenario>> {
    let mut out = Vec::new();
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/dialogues");
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .collect();
    paths.sort();
    for p in paths {
        let Ok(text) = std::fs::read_to_string(&p) else {
            continue;
        };
        let parsed: Result<Scenario, _> = ron::Options::default()
            .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
            .from_str(&text);
        if let Ok(s) = parsed
            && let Ok(c) = CompiledScenario::new(&s)
        {
            out.push(Arc::new(c));
        }
    }
    if out.is_empty() {
        out = (0..8)
            .map(|s| Arc::new(CompiledScenario::new(&generate(s, GenConfig::default())).unwrap()))
            .collect();
    }
    out
}

fn time_per_iter(mut f: impl FnMut(), iters: u32) -> Duration {
    let start = Instant::now();
    for _ in 0..iters {
        f();
    }
    start.elapsed() / iters
}

fn bench_analysis(c: &mut Criterion) {
    let mut g = c.benchmark_group("analysis");
    // "plain": no conditions, so the exact space is small; "acyclic"/"loops":
    // conditions on flags, mood and time, whose exact space exceeds the cap.
    for (name, loops, conditions) in [
        ("plain", false, false),
        ("acyclic", false, true),
        ("loops", true, true),
    ] {
        let big = big(loops, conditions);
        let a = analyse(&big);
        println!(
            "10k-node {name} scenario: {} states, exact: {}, notes: {}",
            a.states,
            a.exact,
            a.notes.len()
        );
        g.bench_function(format!("baseline_traverse_10k_{name}"), |b| {
            b.iter(|| black_box(traverse(&big)))
        });
        g.bench_function(format!("analyse_10k_{name}"), |b| {
            b.iter(|| black_box(analyse(&big)))
        });
        let base = time_per_iter(
            || {
                black_box(traverse(&big));
            },
            50,
        );
        let full = time_per_iter(|| drop(black_box(analyse(&big))), 3);
        println!(
            "RATIO analyse_10k_{name} / baseline_traverse_10k_{name} = {:.0}x  (analyse {:.1} ms, traverse {:.3} ms)",
            full.as_secs_f64() / base.as_secs_f64(),
            full.as_secs_f64() * 1e3,
            base.as_secs_f64() * 1e3
        );
    }
    g.finish();
}

fn bench_playtest(c: &mut Criterion) {
    let scenarios = dialogues();
    let succ: Vec<Vec<Vec<usize>>> = scenarios
        .iter()
        .map(|s| s.nodes.iter().map(successors).collect())
        .collect();
    const RUNS: u64 = 1000;
    let mut g = c.benchmark_group("playtest");
    g.throughput(Throughput::Elements(RUNS * scenarios.len() as u64));
    let all_walks = |rng: &mut ChaCha8Rng| {
        for (s, succ) in scenarios.iter().zip(&succ) {
            for _ in 0..RUNS {
                black_box(walk(s, succ, rng));
            }
        }
    };
    let all_plays = |rng: &mut ChaCha8Rng| {
        for s in &scenarios {
            for seed in 0..RUNS {
                black_box(play_random(s, seed, rng).outcome());
            }
        }
    };
    g.bench_function("baseline_random_walk", |b| {
        let mut rng = ChaCha8Rng::seed_from_u64(1);
        b.iter(|| all_walks(&mut rng))
    });
    g.bench_function("engine_playthroughs", |b| {
        let mut rng = ChaCha8Rng::seed_from_u64(1);
        b.iter(|| all_plays(&mut rng))
    });
    g.finish();
    let mut rng = ChaCha8Rng::seed_from_u64(2);
    let base = time_per_iter(|| all_walks(&mut rng), 3);
    let play = time_per_iter(|| all_plays(&mut rng), 3);
    let n = (RUNS * scenarios.len() as u64) as f64;
    println!(
        "PLAYTEST {} scenarios: {:.0} playthroughs/s (baseline walk {:.0}/s), RATIO engine/walk time = {:.1}x",
        scenarios.len(),
        n / play.as_secs_f64(),
        n / base.as_secs_f64(),
        play.as_secs_f64() / base.as_secs_f64()
    );
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10).warm_up_time(Duration::from_millis(500)).measurement_time(Duration::from_secs(3));
    targets = bench_analysis, bench_playtest
}
criterion_main!(benches);
