//! Analytics over real engine plays of the shipped dialogues, checked
//! against what the engine itself recorded (choice indices, walk-outs).

use super::*;
use crate::record::{PlayMeta, ResultRecord};
use chrono::{TimeZone, Utc};
use frontline_core::analysis::{analyse, playtest::play_random};
use frontline_core::engine::{CompiledScenario, Transcript};
use frontline_core::scenario::{Outcome, Scenario, load_file, load_str};
use frontline_core::scoring::debrief;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

fn shipped() -> Vec<Scenario> {
    let dir = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../dialogues"));
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .expect("dialogues folder")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .filter(|p| !p.ends_with("curriculum.ron"))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| load_file(p).playable().expect("shipped dialogue").clone())
        .collect()
}

/// `n` random plays of `scenario`: the engine's transcripts and the records.
fn plays(scenario: &Scenario, n: u64) -> Vec<(Transcript, ResultRecord)> {
    let compiled = Arc::new(CompiledScenario::new(scenario).expect("compiles"));
    let analysis = analyse(&compiled);
    let mut picker = ChaCha8Rng::seed_from_u64(11);
    (0..n)
        .filter_map(|seed| {
            let enc = play_random(&compiled, seed, &mut picker);
            let t = enc.transcript().clone();
            let d = debrief(scenario, &analysis, &t);
            let meta = PlayMeta {
                player_id: crate::derived_player_id("North", "ana"),
                player: "ana".into(),
                team: "North".into(),
                started_at: Utc.with_ymd_and_hms(2026, 5, 1, 9, 0, 0).unwrap(),
                duration_ms: 1,
            };
            let r = ResultRecord::from_play(scenario, &t, &d, meta).ok()?;
            Some((t, r))
        })
        .collect()
}

fn stats_of(scenario: &Scenario, played: &[(Transcript, ResultRecord)]) -> EncounterStats {
    let counts = EncounterCounts::of(played.iter().map(|(_, r)| r));
    EncounterStats::new(scenario, &counts)
}

#[test]
fn every_choice_made_in_the_shipped_dialogues_is_recognised_with_its_index() {
    for scenario in shipped() {
        let played = plays(&scenario, 150);
        let stats = stats_of(&scenario, &played);
        assert_eq!(stats.unmatched_moves, 0, "{}", scenario.id);
        let mut engine: BTreeMap<(&str, usize), u64> = BTreeMap::new();
        for (t, _) in &played {
            for (node, c) in t.choices() {
                *engine.entry((node, c.index)).or_default() += 1;
            }
        }
        let mut ours: BTreeMap<(&str, usize), u64> = BTreeMap::new();
        for n in &stats.nodes {
            for c in n.choices.iter().filter(|c| c.taken > 0) {
                ours.insert((n.id.as_str(), c.index), c.taken);
            }
        }
        assert_eq!(ours, engine, "{}", scenario.id);
    }
}

#[test]
fn endings_and_walk_outs_add_up_to_the_plays_and_their_outcomes() {
    for scenario in shipped() {
        let played = plays(&scenario, 150);
        let stats = stats_of(&scenario, &played);
        assert_eq!(stats.plays, played.len() as u64);
        let ended: u64 = stats.endings.iter().map(|e| e.plays).sum();
        assert_eq!(ended, stats.plays, "{}", scenario.id);
        for (outcome, n) in &stats.outcomes {
            let recorded = played.iter().filter(|(_, r)| r.outcome == *outcome).count();
            assert_eq!(*n, recorded as u64, "{} {outcome:?}", scenario.id);
        }
        let walked: u64 = stats.nodes.iter().map(|n| n.walked_out).sum();
        let engine_walked = played.iter().filter(|(t, _)| t.walked_out).count();
        assert_eq!(walked, engine_walked as u64, "{}", scenario.id);
        let start = stats.node(&scenario.start).expect("start node");
        assert_eq!(start.plays, stats.plays, "every play enters the start");
        for n in &stats.nodes {
            let shares: f64 = n.choices.iter().map(|c| c.share).sum();
            let any = n.choices.iter().any(|c| c.taken > 0);
            assert!(
                !any || (shares - 1.0).abs() < 1e-9,
                "{} {}",
                scenario.id,
                n.id
            );
        }
    }
}

#[test]
fn need_movement_is_the_mean_effect_of_the_choices_made_at_the_node() {
    let scenario = &shipped()[0];
    let played = plays(scenario, 120);
    let stats = stats_of(scenario, &played);
    for n in stats.nodes.iter().filter(|n| n.plays > 0) {
        let mut sums = [0i64; 6];
        for (t, _) in &played {
            for (node, c) in t.choices().filter(|(node, _)| *node == n.id) {
                let _ = node;
                for (s, v) in sums.iter_mut().zip(c.needs.0) {
                    *s += i64::from(v);
                }
            }
        }
        for (i, s) in sums.iter().enumerate() {
            let mean = *s as f64 / n.plays as f64;
            assert!(
                (n.need_movement.0[i] - mean).abs() < 1e-9,
                "{} need {i}",
                n.id
            );
        }
    }
}

const FORK: &str = r#"(id: "fork", title: "Fork", customer: (names: ["Ana", "Bo"], patience: 30),
    start: "ask", nodes: {
    "ask": Line(speaker: Customer, text: "Hello?", choices: [
        (text: "Hi {name}, how can I help?", needs: {Friendliness: 2}, next: "good"),
        (text: "Wait there, {name}.", needs: {Friendliness: -2}, time: 40, next: "bad"),
    ]),
    "good": End(outcome: Satisfied, text: "Thanks."),
    "bad": End(outcome: Dissatisfied, text: "Hmph."),
})"#;

#[test]
fn a_choice_that_decides_passing_is_the_strongest_separator_and_walk_outs_are_marked() {
    let scenario = load_str(Path::new("fork.ron"), FORK)
        .playable()
        .unwrap()
        .clone();
    let played = plays(&scenario, 60);
    let stats = stats_of(&scenario, &played);
    let top = &stats.separators[0];
    assert_eq!((top.node.as_str(), top.index), ("ask", 0));
    assert_eq!((top.pass_rate_taken, top.pass_rate_not_taken), (1.0, 0.0));
    let ask = stats.node("ask").unwrap();
    assert_eq!(ask.choices[0].plays + ask.choices[1].plays, 60);
    assert!(ask.choices[0].plays > 10 && ask.choices[1].plays > 10);
    // Waiting 40 s exhausts 30 s of patience: the customer walks out on
    // entering "bad" instead of reaching its ending.
    let bad = stats.node("bad").unwrap();
    assert_eq!(bad.walked_out, ask.choices[1].plays);
    let lost = stats.outcomes.iter().find(|(o, _)| *o == Outcome::Lost);
    assert_eq!(lost.map(|(_, n)| *n), Some(ask.choices[1].plays));
    assert!(
        stats
            .endings
            .iter()
            .any(|e| e.node == "bad" && e.walked_out)
    );
    let friendliness = ask.need_movement.0[0];
    let expect = 2.0 * ratio(ask.choices[0].taken, 60) - 2.0 * ratio(ask.choices[1].taken, 60);
    assert!((friendliness - expect).abs() < 1e-9);
}

#[test]
fn templates_match_filled_texts_only() {
    assert!(fits_template(
        "Hi {name}, how can I help?",
        "Hi Ana, how can I help?"
    ));
    assert!(fits_template(
        "{They} said {their} {name}",
        "She said her Ana"
    ));
    assert!(fits_template("Plain", "Plain"));
    assert!(fits_template("Keep {unknown}", "Keep {unknown}"));
    assert!(!fits_template(
        "Hi {name}, how can I help?",
        "Hi Ana, how can we help?"
    ));
    assert!(!fits_template("Plain", "Plain and more"));
    assert!(!fits_template("{name}!", "Ana"));
    assert!(!fits_template("ab{name}ba", "aba"));
}

#[test]
fn counts_of_plays_that_loop_count_each_play_once_per_node() {
    let step = |node: &str, choice: Option<&str>| crate::record::TranscriptStep {
        node: node.into(),
        choice: choice.map(str::to_string),
        ..Default::default()
    };
    let looped = [
        step("a", Some("again")),
        step("a", Some("again")),
        step("a", Some("go")),
        step("z", None),
    ];
    let mut counts = EncounterCounts::default();
    counts.add(&looped, Outcome::Satisfied, true);
    counts.add(&looped[..2], Outcome::Lost, false);
    let a = counts.nodes["a"];
    assert_eq!((a.plays, a.passed), (2, 1));
    let again = MoveKey {
        node: "a".into(),
        choice: Some("again".into()),
        target: "a".into(),
    };
    let m = counts.moves[&again];
    assert_eq!((m.taken, m.plays, m.passed), (3, 2, 1));
    let ended = |node: &str, outcome| {
        counts.endings[&EndKey {
            node: node.into(),
            outcome,
        }]
    };
    assert_eq!(
        (ended("z", Outcome::Satisfied), ended("a", Outcome::Lost)),
        (1, 1)
    );
}
