//! Random *valid* scenarios for property tests, benchmarks and fuzzing:
//! every id resolves, effects stay in -3..=3, every line's first choice is
//! always available (so play never gets stuck), and every node has a forward
//! way on, so an ending is always reachable.
//! Loops (back edges) are optional; the engine's step cap bounds them.

use super::model::*;
use super::scene::Scene;
use crate::needs::Need;
use indexmap::IndexMap;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::collections::BTreeMap;

/// Shape of the generated scenario.
#[derive(Clone, Copy, Debug)]
pub struct GenConfig {
    /// Number of nodes (at least 2).
    pub nodes: usize,
    /// Size of the flag pool choices set, clear and test.
    pub flags: usize,
    /// Allow edges back to earlier nodes.
    pub loops: bool,
    /// Use `requires`, branches on conditions, mood and time tests.
    pub conditions: bool,
    /// Give the customer a finite patience.
    pub patience: bool,
}

impl Default for GenConfig {
    fn default() -> Self {
        GenConfig {
            nodes: 20,
            flags: 3,
            loops: true,
            conditions: true,
            patience: true,
        }
    }
}

/// A scenario generated from `seed` with shape `cfg`.
pub fn generate(seed: u64, cfg: GenConfig) -> Scenario {
    let mut g = Gen {
        rng: ChaCha8Rng::seed_from_u64(seed),
        cfg,
        n: cfg.nodes.max(2),
    };
    let ends = (g.n / 8).clamp(1, 8);
    let mut nodes = IndexMap::with_capacity(g.n);
    for i in 0..g.n {
        let node = if i >= g.n - ends {
            g.end()
        } else {
            g.inner(i, g.n - ends)
        };
        nodes.insert(id(i), node);
    }
    Scenario {
        format: FORMAT_VERSION,
        id: format!("generated-{seed}"),
        title: "Generated".into(),
        summary: String::new(),
        setting: String::new(),
        scene: Scene::default(),
        difficulty: Difficulty::Medium,
        tags: Vec::new(),
        customer: Customer {
            names: vec!["Sam".into(), "Alex".into()],
            people: None,
            role: Role::External,
            look: Look::default(),
            mood: g.rng.random_range(0..=100),
            patience: if cfg.patience {
                g.rng.random_range(30..=600)
            } else {
                0
            },
        },
        pass_mark: 60,
        no_win: false,
        pin_choice_order: g.rng.random_bool(0.3),
        start: id(0),
        nodes,
        tests: Vec::new(),
    }
}

fn id(i: usize) -> String {
    format!("n{i}")
}

struct Gen {
    rng: ChaCha8Rng,
    cfg: GenConfig,
    n: usize,
}

impl Gen {
    /// A target after `i` (or, with loops and unless `forward`, sometimes
    /// before it). Every node has one forward way on, so an ending is always
    /// reachable.
    fn target(&mut self, i: usize, inner: usize, forward: bool) -> String {
        if !forward && self.cfg.loops && i > 0 && self.rng.random_bool(0.15) {
            return id(self.rng.random_range(0..i));
        }
        let t = i + 1 + self.rng.random_range(0..4usize);
        id(if t < inner {
            t
        } else {
            self.rng.random_range(inner..self.n)
        })
    }

    fn flag(&mut self) -> String {
        format!("f{}", self.rng.random_range(0..self.cfg.flags.max(1)))
    }

    fn condition(&mut self, depth: u32) -> Condition {
        match self.rng.random_range(0..if depth > 1 { 5 } else { 8 }) {
            0 | 1 => Condition::Flag(self.flag()),
            2 => Condition::MoodAtLeast(self.rng.random_range(0..=100)),
            3 => Condition::MoodBelow(self.rng.random_range(0..=100)),
            4 => Condition::TimeAtLeast(self.rng.random_range(0..=300)),
            5 => Condition::Not(Box::new(self.condition(depth + 1))),
            6 => Condition::All(
                (0..self.rng.random_range(0..3))
                    .map(|_| self.condition(depth + 1))
                    .collect(),
            ),
            _ => Condition::Any(
                (0..self.rng.random_range(0..3))
                    .map(|_| self.condition(depth + 1))
                    .collect(),
            ),
        }
    }

    fn choice(&mut self, i: usize, inner: usize, first: bool) -> Choice {
        let mut needs = BTreeMap::new();
        for need in Need::ALL {
            if self.rng.random_bool(0.3) {
                needs.insert(need, self.rng.random_range(-3..=3));
            }
        }
        let gated = !first && self.cfg.conditions && self.rng.random_bool(0.3);
        Choice {
            text: format!("say {} to {{name}}", self.rng.random_range(0..1000)),
            needs,
            mood: self.rng.random_range(-30..=30),
            time: self.rng.random_range(0..=40),
            sets: if self.rng.random_bool(0.3) {
                vec![self.flag()]
            } else {
                vec![]
            },
            clears: if self.rng.random_bool(0.1) {
                vec![self.flag()]
            } else {
                vec![]
            },
            requires: gated.then(|| self.condition(0)),
            locked: (gated && self.rng.random_bool(0.5)).then(|| "not yet".to_string()),
            next: self.target(i, inner, first),
            why: "because".into(),
        }
    }

    fn inner(&mut self, i: usize, inner: usize) -> Node {
        let roll = self.rng.random_range(0..10);
        if roll < 6 {
            let count = self.rng.random_range(1..=4);
            Node::Line {
                speaker: Speaker::Customer,
                text: "line for {name}".into(),
                choices: (0..count).map(|k| self.choice(i, inner, k == 0)).collect(),
                next: None,
                time: self.rng.random_range(0..=10),
            }
        } else if roll < 7 {
            Node::Line {
                speaker: Speaker::Narrator,
                text: "meanwhile".into(),
                choices: Vec::new(),
                next: Some(self.target(i, inner, true)),
                time: self.rng.random_range(0..=30),
            }
        } else if roll < 9 && self.cfg.conditions {
            Node::Branch {
                cases: (0..self.rng.random_range(1..=2))
                    .map(|_| Case {
                        when: self.condition(0),
                        next: self.target(i, inner, true),
                    })
                    .collect(),
                otherwise: self.target(i, inner, true),
            }
        } else {
            Node::Random {
                options: (0..self.rng.random_range(1..=3))
                    .map(|k| Weighted {
                        weight: self.rng.random_range(1..=5),
                        next: self.target(i, inner, k == 0),
                    })
                    .collect(),
            }
        }
    }

    fn end(&mut self) -> Node {
        Node::End {
            outcome: Outcome::ALL[self.rng.random_range(0..5)],
            text: "bye {name}".into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::CompiledScenario;

    #[test]
    fn generated_scenarios_compile_and_are_reproducible() {
        for seed in 0..20 {
            let s = generate(seed, GenConfig::default());
            assert!(CompiledScenario::new(&s).is_ok());
            assert_eq!(s, generate(seed, GenConfig::default()));
            let a = crate::analysis::analyse(&CompiledScenario::new(&s).unwrap());
            assert!(
                !a.endings.is_empty() && a.dead_ends.is_empty() && a.trapped.is_empty(),
                "{seed}: {a:?}"
            );
        }
    }
}
