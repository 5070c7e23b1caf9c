//! Properties of the engine, analysis and scoring on generated valid
//! scenarios and arbitrary choice sequences.

use frontline_core::analysis::review::review;
use frontline_core::analysis::{Bounds, analyse};
use frontline_core::engine::step::drawable;
use frontline_core::engine::{CNode, CompiledScenario, Encounter, EngineError, ForcedDraws};
use frontline_core::needs::{Need, NeedMap};
use frontline_core::scenario::generate::{GenConfig, generate};
use frontline_core::scoring::Score;
use frontline_core::selftest::check_playthrough;
use proptest::prelude::*;
use std::sync::Arc;

/// Plays `moves` (each: pick among available choices, or try a raw file index
/// when the high bit is set), then finishes with the first available choice.
fn play(compiled: &Arc<CompiledScenario>, seed: u64, moves: &[u8]) -> (Encounter, usize) {
    let mut enc = Encounter::start(Arc::clone(compiled), seed);
    let mut calls = 0;
    let mut moves = moves.iter().copied();
    while !enc.is_over() {
        calls += 1;
        let available: Vec<usize> = enc.available_choices().collect();
        match moves.next() {
            Some(m) if m & 0x80 != 0 => {
                // Any index, valid or not: errors are fine, panics are not.
                let _ = enc.choose(usize::from(m & 0x0f));
                let _ = enc.advance();
            }
            Some(m) if !available.is_empty() => enc
                .choose(available[usize::from(m) % available.len()])
                .unwrap(),
            _ if !available.is_empty() => enc.choose(available[0]).unwrap(),
            _ => enc.advance().unwrap(),
        }
        assert!(
            calls <= 2 * compiled.step_cap as usize,
            "did not end within the step cap"
        );
    }
    (enc, calls)
}

fn config() -> impl Strategy<Value = (u64, GenConfig)> {
    (
        any::<u64>(),
        2usize..40,
        0usize..5,
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(seed, nodes, flags, loops, conditions, patience)| {
            (
                seed,
                GenConfig {
                    nodes,
                    flags,
                    loops,
                    conditions,
                    patience,
                },
            )
        })
}

/// Every assignment of a drawable option to each random node.
fn all_forced_draws(c: &CompiledScenario) -> Vec<ForcedDraws> {
    let mut all = vec![ForcedDraws::new()];
    for (i, node) in c.nodes.iter().enumerate() {
        if let CNode::Random { options } = node {
            let picks: Vec<usize> = drawable(options).map(|(o, _)| o).collect();
            all = all
                .into_iter()
                .flat_map(|f| {
                    picks.iter().map(move |&o| {
                        let mut f = f.clone();
                        f.insert(c.node_id(i).to_string(), o);
                        f
                    })
                })
                .collect();
        }
    }
    all
}

/// Best/worst raw sum per need over every finished play, found by playing
/// every available choice (and continue) at every line through `Encounter`.
fn exhaustive_bounds(compiled: &Arc<CompiledScenario>) -> NeedMap<Option<Bounds>> {
    let mut bounds: NeedMap<Option<Bounds>> = NeedMap::default();
    for forced in all_forced_draws(compiled) {
        let start = Encounter::start_forced(Arc::clone(compiled), 0, &forced).unwrap();
        let mut stack = vec![start];
        while let Some(enc) = stack.pop() {
            if enc.outcome().is_some() {
                for need in Need::ALL {
                    let v = enc.raw()[need];
                    let b = bounds[need].get_or_insert(Bounds { best: v, worst: v });
                    b.best = b.best.max(v);
                    b.worst = b.worst.min(v);
                }
                continue;
            }
            if enc.is_over() {
                continue;
            }
            let choices: Vec<usize> = enc.available_choices().collect();
            for i in choices {
                let mut next = enc.clone();
                next.choose(i).unwrap();
                stack.push(next);
            }
            if enc.can_continue() {
                let mut next = enc.clone();
                next.advance().unwrap();
                stack.push(next);
            }
        }
    }
    bounds
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    /// The analysis explores with the engine's own step rules, so its best and
    /// worst per need are exactly what playing every path through `Encounter` gives.
    #[test]
    fn analysis_bounds_equal_exhaustive_play_through_the_engine(
        (gen_seed, mut cfg) in config(),
        nodes in 2usize..11,
    ) {
        cfg.loops = false;
        cfg.nodes = nodes;
        let scenario = generate(gen_seed, cfg);
        let compiled = Arc::new(CompiledScenario::new(&scenario).unwrap());
        let analysis = analyse(&compiled);
        prop_assert!(analysis.exact, "{:?}", analysis.notes);
        let played = exhaustive_bounds(&compiled);
        for need in Need::ALL {
            let want = played[need].filter(|_| compiled.touched[need]);
            prop_assert_eq!(analysis.bounds[need], want, "{:?}", need);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 100, ..ProptestConfig::default() })]

    /// On loop-free scenarios every ending and the best and worst play become
    /// a suggested self-test that passes (none is dropped as failing), and
    /// each ending is reached by one of them.
    #[test]
    fn every_suggested_self_test_of_a_loop_free_scenario_passes(
        (gen_seed, mut cfg) in config(),
        nodes in 2usize..14,
    ) {
        cfg.loops = false;
        cfg.nodes = nodes;
        let scenario = generate(gen_seed, cfg);
        let compiled = Arc::new(CompiledScenario::new(&scenario).unwrap());
        let review = review(&compiled);
        prop_assert!(review.unsuggested.is_empty(), "{:?}", review.unsuggested);
        for test in &review.suggested_tests {
            let failures = check_playthrough(&compiled, &review.analysis, &test.playthrough);
            prop_assert!(failures.is_empty(), "{}: {:?}", test.ron, failures);
        }
        let outcomes: Vec<_> = review
            .suggested_tests
            .iter()
            .filter_map(|t| t.playthrough.expect.outcome)
            .collect();
        for ending in &review.analysis.endings {
            prop_assert!(outcomes.contains(&ending.outcome), "{:?}", ending.node);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 160, ..ProptestConfig::default() })]

    #[test]
    fn any_choices_on_any_generated_scenario_end_score_and_replay(
        (gen_seed, cfg) in config(),
        seed in any::<u64>(),
        moves in proptest::collection::vec(any::<u8>(), 0..60),
    ) {
        let scenario = generate(gen_seed, cfg);
        let compiled = Arc::new(CompiledScenario::new(&scenario).unwrap());
        let analysis = analyse(&compiled);
        let (enc, _) = play(&compiled, seed, &moves);

        // Ends: an outcome, or the step cap's clear error; never stuck.
        let capped = matches!(enc.error(), Some(EngineError::StepCap { .. }));
        prop_assert!(enc.outcome().is_some() || capped);
        prop_assert!(!enc.is_stuck());

        // Scores stay in range; exact analysis bounds contain every finished play.
        let score = Score::new(enc.raw(), &analysis);
        for (need, s) in score.needs.iter() {
            prop_assert!(s.is_none_or(|v| v <= 100));
            prop_assert_eq!(s.is_some(), analysis.bounds[need].is_some());
            if let (Some(b), true, Some(_)) = (analysis.bounds[need], analysis.exact, enc.outcome()) {
                let raw = enc.raw()[need];
                prop_assert!(b.worst <= raw && raw <= b.best, "{:?}: {} not in {:?}", need, raw, b);
            }
        }
        prop_assert!(score.overall.is_none_or(|v| v <= 100));

        // The transcript survives JSON and replays to the same result.
        let json = serde_json::to_string(enc.transcript()).unwrap();
        let back = serde_json::from_str(&json).unwrap();
        let again = Encounter::replay(Arc::clone(&compiled), &back).unwrap();
        prop_assert_eq!(again.transcript(), enc.transcript());
        prop_assert_eq!(again.outcome(), enc.outcome());
    }

    #[test]
    fn analysis_best_overall_path_replays_to_its_reported_sums(
        (gen_seed, mut cfg) in config(),
    ) {
        // Without random nodes in the way the path is fully player-driven only
        // when the generator emits none; replay the decisions and compare where it does.
        cfg.loops = false;
        let scenario = generate(gen_seed, cfg);
        let compiled = Arc::new(CompiledScenario::new(&scenario).unwrap());
        let analysis = analyse(&compiled);
        let Some(path) = analysis.best_overall.clone() else { return Ok(()) };
        let has_random = path.steps.iter().any(|s| matches!(s, frontline_core::analysis::PathStep::Random { .. }));
        if has_random { return Ok(()) }
        let mut enc = Encounter::start(Arc::clone(&compiled), 0);
        for step in &path.steps {
            match step {
                frontline_core::analysis::PathStep::Choose { index, .. } => enc.choose(*index).unwrap(),
                frontline_core::analysis::PathStep::Continue { .. } => enc.advance().unwrap(),
                _ => {}
            }
        }
        prop_assert_eq!(enc.outcome(), Some(path.outcome));
        prop_assert_eq!(enc.raw(), path.raw);
    }
}
