//! Plays arbitrary choice sequences on arbitrary scenarios: either RON text
//! from the input, through the real loader (first byte odd; text up to a 0
//! byte, choices after it) or a generated valid scenario (first byte even;
//! seed and shape from the input). The first byte's upper bits force the
//! draws of up to seven `Random` nodes, as a self-test's `random` does.
//! The engine must never panic, must end within the step cap and replay
//! transcripts (forced draws included) exactly. Every scenario is also
//! reviewed as `frontline analyse` does (analysis, 0–100 per need, scored
//! loops, suggested self-tests): scores stay in 0..=100 and within exact
//! bounds, and every suggested self-test passes.
//!
//! Speed: the review explores at most [`STATE_CAP`] states exactly, then
//! falls back to the relaxed graph. With the analysis's own cap (400,000
//! states) one generated scenario with patience and mood conditions took
//! seconds, which held the target at 13 executions/s.
#![no_main]

use frontline_core::analysis::review::review_within;
use frontline_core::engine::{CNode, CompiledScenario, Encounter, ForcedDraws};
use frontline_core::scenario::generate::{GenConfig, generate};
use frontline_core::scenario::{Scenario, load_bytes};
use frontline_core::scoring::Score;
use frontline_core::selftest::check_playthrough;
use libfuzzer_sys::fuzz_target;
use std::sync::Arc;

/// States the review explores exactly per input.
const STATE_CAP: usize = 2_000;

/// The scenario, the bits that force random draws, and the choice bytes.
fn scenario(data: &[u8]) -> Option<(Scenario, u8, &[u8])> {
    let (&mode, rest) = data.split_first()?;
    let force = mode >> 1;
    if mode % 2 == 1 {
        let end = rest.iter().position(|&b| b == 0).unwrap_or(rest.len());
        // The real loader: parse + validate; unvalidated-but-parsed scenarios
        // are played too (the engine must cope with anything that parses).
        let loaded = load_bytes(std::path::Path::new("fuzz.ron"), &rest[..end]);
        Some((loaded.scenario?, force, rest.get(end + 1..).unwrap_or(&[])))
    } else {
        let (head, choices) = rest.split_at_checked(10)?;
        let seed = u64::from_le_bytes(head[..8].try_into().ok()?);
        let cfg = GenConfig {
            nodes: 2 + usize::from(head[8] % 60),
            flags: usize::from(head[9] % 5),
            loops: head[9] & 0x10 != 0,
            conditions: head[9] & 0x20 != 0,
            patience: head[9] & 0x40 != 0,
        };
        Some((generate(seed, cfg), force, choices))
    }
}

/// Forces the i-th `Random` node (i < 7) when bit i of `bits` is set, to an
/// option picked by `seed`; options that cannot be drawn are tried too.
fn forced_draws(compiled: &CompiledScenario, bits: u8, seed: u64) -> ForcedDraws {
    let randoms = compiled.nodes.iter().enumerate().filter_map(|(i, n)| match n {
        CNode::Random { options } if !options.is_empty() => Some((i, options.len())),
        _ => None,
    });
    randoms
        .take(7)
        .enumerate()
        .filter(|(k, _)| bits & (1 << k) != 0)
        .map(|(k, (node, options))| {
            let option = (seed as usize).wrapping_add(k) % options;
            (compiled.node_id(node).to_string(), option)
        })
        .collect()
}

fuzz_target!(|data: &[u8]| {
    let Some((scenario, force, choices)) = scenario(data) else {
        return;
    };
    let Ok(compiled) = CompiledScenario::new(&scenario) else {
        return;
    };
    let compiled = Arc::new(compiled);
    let seed = choices.first().copied().map_or(0, u64::from);
    let forced = forced_draws(&compiled, force, seed);
    let mut enc = Encounter::start_forced(Arc::clone(&compiled), seed, &forced)
        .unwrap_or_else(|_| Encounter::start(Arc::clone(&compiled), seed));
    let mut moves = choices.iter().copied().skip(1);
    let mut calls = 0u64;
    while !enc.is_over() && !enc.is_stuck() {
        calls += 1;
        assert!(
            calls <= 2 * u64::from(compiled.step_cap) + 2,
            "no end within the step cap"
        );
        match moves.next() {
            Some(m) if m & 0x80 != 0 => {
                let _ = enc.choose(usize::from(m & 0x7f));
            }
            m => {
                let available: Vec<usize> = enc.available_choices().collect();
                if available.is_empty() {
                    enc.advance()
                        .expect("continue is offered when no choice is");
                } else {
                    let k = usize::from(m.unwrap_or(0)) % available.len();
                    enc.choose(available[k])
                        .expect("available choices can be chosen");
                }
            }
        }
        let _ = enc.view();
    }
    check_review(&compiled, &enc);
    let json = serde_json::to_string(enc.transcript()).expect("transcript serialises");
    let back = serde_json::from_str(&json).expect("transcript deserialises");
    let again = Encounter::replay(Arc::clone(&compiled), &back).expect("replay succeeds");
    assert_eq!(again.transcript(), enc.transcript());
});

/// Reviews the scenario, checks the encounter's score against the analysis
/// and plays every suggested self-test.
fn check_review(compiled: &Arc<CompiledScenario>, enc: &Encounter) {
    let review = review_within(compiled, STATE_CAP);
    let analysis = &review.analysis;
    let score = Score::new(enc.raw(), analysis);
    assert!(score.needs.0.iter().flatten().all(|&v| v <= 100));
    assert!(score.overall.is_none_or(|v| v <= 100));
    if let (true, Some(_)) = (analysis.exact, enc.outcome()) {
        for (need, b) in analysis.bounds.iter() {
            if let Some(b) = b {
                let raw = enc.raw()[need];
                assert!(
                    b.worst <= raw && raw <= b.best,
                    "{need:?} {raw} outside {b:?}"
                );
            }
        }
    }
    for test in &review.suggested_tests {
        let failures = check_playthrough(compiled, analysis, &test.playthrough);
        assert!(failures.is_empty(), "suggested {}: {failures:?}", test.ron);
    }
    serde_json::to_string(&review).expect("the review serialises");
}
