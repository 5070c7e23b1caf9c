//! Plays arbitrary choice sequences on arbitrary scenarios: either RON text
//! from the input, through the real loader (first byte odd; text up to a 0
//! byte, choices after it) or a
//! generated valid scenario (first byte even; seed and shape from the input).
//! The engine must never panic, must end within the step cap and replay
//! transcripts exactly. Small scenarios (at most [`ANALYSED_NODES`] nodes and
//! [`ANALYSED_FLAGS`] flags) are also analysed and scored: scores stay in
//! 0..=100 and within the analysed bounds. A full state-space analysis of a big
//! scenario takes up to a second, so analysing every input held the target
//! at 13 executions/s; the analysis has its own tests and benches.
#![no_main]

use frontline_core::analysis::analyse;
use frontline_core::engine::{CompiledScenario, Encounter};
use frontline_core::scenario::generate::{GenConfig, generate};
use frontline_core::scenario::{Scenario, load_bytes};
use frontline_core::scoring::Score;
use libfuzzer_sys::fuzz_target;
use std::sync::Arc;

/// Largest scenario (in nodes) that is analysed and scored per input.
const ANALYSED_NODES: usize = 12;
/// Most flags in a scenario that is analysed and scored per input.
const ANALYSED_FLAGS: usize = 3;

fn scenario(data: &[u8]) -> Option<(Scenario, &[u8])> {
    let (&mode, rest) = data.split_first()?;
    if mode % 2 == 1 {
        let end = rest.iter().position(|&b| b == 0).unwrap_or(rest.len());
        // The real loader: parse + validate; unvalidated-but-parsed scenarios
        // are played too (the engine must cope with anything that parses).
        let loaded = load_bytes(std::path::Path::new("fuzz.ron"), &rest[..end]);
        Some((loaded.scenario?, rest.get(end + 1..).unwrap_or(&[])))
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
        Some((generate(seed, cfg), choices))
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((scenario, choices)) = scenario(data) else {
        return;
    };
    let Ok(compiled) = CompiledScenario::new(&scenario) else {
        return;
    };
    let compiled = Arc::new(compiled);
    let seed = choices.first().copied().map_or(0, u64::from);
    let mut enc = Encounter::start(Arc::clone(&compiled), seed);
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
    if compiled.nodes.len() <= ANALYSED_NODES && compiled.flag_names.len() <= ANALYSED_FLAGS {
        check_score(&compiled, &enc);
    }
    let json = serde_json::to_string(enc.transcript()).expect("transcript serialises");
    let back = serde_json::from_str(&json).expect("transcript deserialises");
    let again = Encounter::replay(Arc::clone(&compiled), &back).expect("replay succeeds");
    assert_eq!(again.transcript(), enc.transcript());
});

/// Analyses the scenario and checks the encounter's score against it.
fn check_score(compiled: &CompiledScenario, enc: &Encounter) {
    let analysis = analyse(compiled);
    let score = Score::new(enc.raw(), &analysis);
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
}
