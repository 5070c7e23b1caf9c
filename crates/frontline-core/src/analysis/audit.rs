//! The content audit: can an encounter be passed without service skill?
//!
//! [`audit`] plays an encounter through the engine ([`playtest::play_with`])
//! with skill-free [`Strategy`]s — always the longest answer, the shortest,
//! the second-longest, a random one, and a cue-word player ([`cues`]) — and
//! scores every run with [`crate::scoring::debrief`] (its `passed` is the one
//! definition of passing). It then looks at every choice point with the exact
//! solver ([`points`]): which length position holds the best answer, whether
//! the best answer costs something on some need (a real dilemma), and how
//! much patience the ideal path leaves. [`AuditWarning`]s flag the tells.

pub mod cues;
mod points;
pub mod report;
#[cfg(test)]
mod tests;

pub use points::ChoicePoint;

use super::playtest::{play_random, play_with};
use super::{Analysis, analyse};
use crate::engine::{CompiledScenario, Encounter};
use crate::scenario::Difficulty;
use crate::scoring::debrief;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// A strategy passing an encounter in more than this share of its runs is a tell.
pub const MAX_PASS_RATE: f64 = 0.5;
/// One length position holding the best answer in more than this share of points is a tell.
pub const MAX_POSITION_SHARE: f64 = 0.4;
/// An encounter needs at least this many dilemma points.
pub const MIN_DILEMMAS: usize = 2;
/// Most seconds of patience the ideal path may leave in a medium or hard encounter.
pub const MAX_SPARE_PATIENCE: u32 = 20;

/// How many runs and which seeds the audit uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditConfig {
    /// Runs per strategy per encounter (run k uses encounter seed `seed + k`).
    pub runs: u64,
    /// First seed; the same seed always gives the same report.
    pub seed: u64,
}

impl Default for AuditConfig {
    fn default() -> Self {
        AuditConfig { runs: 200, seed: 0 }
    }
}

/// A way of choosing that needs no service skill.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Strategy {
    /// Always the longest available answer.
    Longest,
    /// Always the shortest.
    Shortest,
    /// Always the second-longest (the shortest when there are two).
    SecondLongest,
    /// Uniformly random.
    Random,
    /// The answer with the most attractive surface cues ([`cues::cue_score`]).
    CueWords,
}

impl Strategy {
    /// Every strategy, in report order.
    pub const ALL: [Strategy; 5] = [
        Strategy::Longest,
        Strategy::Shortest,
        Strategy::SecondLongest,
        Strategy::Random,
        Strategy::CueWords,
    ];

    /// Short name for reports.
    pub fn label(self) -> &'static str {
        match self {
            Strategy::Longest => "longest",
            Strategy::Shortest => "shortest",
            Strategy::SecondLongest => "second-longest",
            Strategy::Random => "random",
            Strategy::CueWords => "cue words",
        }
    }

    /// Which of `texts` (the available choices as shown, in display order) a
    /// deterministic strategy takes; `None` for [`Strategy::Random`].
    pub fn pick(self, texts: &[String]) -> Option<usize> {
        let len = |i: &usize| texts[*i].chars().count();
        let mut by_length: Vec<usize> = (0..texts.len()).collect();
        by_length.sort_by_key(|i| std::cmp::Reverse(len(i)));
        match self {
            Strategy::Longest => by_length.first().copied(),
            Strategy::Shortest => (0..texts.len()).min_by_key(len),
            Strategy::SecondLongest => by_length.get(1).or(by_length.first()).copied(),
            Strategy::CueWords => (0..texts.len())
                .rev()
                .max_by_key(|&i| cues::cue_score(&texts[i])),
            Strategy::Random => None,
        }
    }
}

/// Where an answer sits when the available choices are ranked by length.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum LengthPosition {
    /// No available choice is longer.
    Longest,
    /// Exactly one is longer.
    SecondLongest,
    /// Exactly one is shorter (counted only with four or more choices).
    SecondShortest,
    /// No available choice is shorter.
    Shortest,
}

impl LengthPosition {
    /// Every position, in report order.
    pub const ALL: [LengthPosition; 4] = [
        LengthPosition::Longest,
        LengthPosition::SecondLongest,
        LengthPosition::SecondShortest,
        LengthPosition::Shortest,
    ];

    /// The positions of an answer among `choices` with `longer` strictly
    /// longer and `shorter` strictly shorter alternatives.
    pub fn of(choices: usize, longer: usize, shorter: usize) -> Vec<LengthPosition> {
        let mut out = Vec::new();
        if longer == 0 {
            out.push(LengthPosition::Longest);
        }
        if longer == 1 {
            out.push(LengthPosition::SecondLongest);
        }
        if shorter == 1 && choices >= 4 {
            out.push(LengthPosition::SecondShortest);
        }
        if shorter == 0 {
            out.push(LengthPosition::Shortest);
        }
        out
    }

    /// Short name for reports.
    pub fn label(self) -> &'static str {
        match self {
            LengthPosition::Longest => "longest",
            LengthPosition::SecondLongest => "2nd longest",
            LengthPosition::SecondShortest => "2nd shortest",
            LengthPosition::Shortest => "shortest",
        }
    }
}

/// How one strategy fared on one encounter.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct StrategyResult {
    /// The strategy.
    pub strategy: Strategy,
    /// Runs played.
    pub runs: u64,
    /// Runs the debrief counts as passed.
    pub passed: u64,
    /// Mean overall score of the runs that have one.
    pub mean_overall: Option<f64>,
}

impl StrategyResult {
    /// Share of runs passed, 0..=1.
    pub fn pass_rate(&self) -> f64 {
        if self.runs == 0 {
            0.0
        } else {
            self.passed as f64 / self.runs as f64
        }
    }
}

/// A content tell the audit found.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub enum AuditWarning {
    /// A skill-free strategy passes in more than [`MAX_PASS_RATE`] of its runs.
    StrategyPasses {
        /// The strategy.
        strategy: Strategy,
        /// Its pass rate.
        rate: f64,
    },
    /// One length position holds the best answer in more than [`MAX_POSITION_SHARE`] of points.
    LengthTell {
        /// The position.
        position: LengthPosition,
        /// Its share of the points.
        share: f64,
    },
    /// Fewer than [`MIN_DILEMMAS`] dilemma points.
    FewDilemmas {
        /// How many there are.
        dilemmas: usize,
    },
    /// A medium or hard encounter whose ideal path leaves more than
    /// [`MAX_SPARE_PATIENCE`] seconds (`None`: patience is unlimited).
    SparePatience {
        /// Seconds left at the end of the ideal path.
        spare: Option<u32>,
    },
}

impl std::fmt::Display for AuditWarning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            AuditWarning::StrategyPasses { strategy, rate } => write!(
                f,
                "always choosing by `{}` passes {:.0}% of runs (at most {:.0}%)",
                strategy.label(),
                rate * 100.0,
                MAX_PASS_RATE * 100.0
            ),
            AuditWarning::LengthTell { position, share } => write!(
                f,
                "the best answer is the {} choice at {:.0}% of points (at most {:.0}%)",
                position.label(),
                share * 100.0,
                MAX_POSITION_SHARE * 100.0
            ),
            AuditWarning::FewDilemmas { dilemmas } => write!(
                f,
                "{dilemmas} dilemma point(s): at least {MIN_DILEMMAS} need a best answer that costs something"
            ),
            AuditWarning::SparePatience { spare: Some(s) } => write!(
                f,
                "the ideal path leaves {s} s of patience (at most {MAX_SPARE_PATIENCE} s in medium and hard encounters)"
            ),
            AuditWarning::SparePatience { spare: None } => write!(
                f,
                "patience is unlimited: medium and hard encounters need a time limit the ideal path nearly uses"
            ),
        }
    }
}

/// The audit of one encounter.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EncounterAudit {
    /// Scenario id.
    pub id: String,
    /// Its declared difficulty.
    pub difficulty: Difficulty,
    /// Per strategy, in [`Strategy::ALL`] order.
    pub strategies: Vec<StrategyResult>,
    /// Every choice point.
    pub points: Vec<ChoicePoint>,
    /// Per length position, the number of points whose best answer holds it.
    pub positions: Vec<(LengthPosition, usize)>,
    /// Points whose best answer some alternative beats on a need.
    pub dilemmas: usize,
    /// Seconds of patience the best-overall path leaves; `None` = unlimited.
    pub spare_patience: Option<u32>,
    /// The tells found.
    pub warnings: Vec<AuditWarning>,
}

/// Audits one compiled encounter.
pub fn audit(c: &Arc<CompiledScenario>, config: AuditConfig) -> EncounterAudit {
    let analysis = analyse(c);
    let strategies = Strategy::ALL
        .iter()
        .map(|&s| run_strategy(c, &analysis, s, config))
        .collect();
    let found = points::choice_points(c, &analysis, config.seed);
    let positions = LengthPosition::ALL
        .iter()
        .map(|&p| {
            let n = found.points.iter().filter(|q| q.positions.contains(&p));
            (p, n.count())
        })
        .collect();
    let mut audit = EncounterAudit {
        id: c.scenario.id.clone(),
        difficulty: c.scenario.difficulty,
        strategies,
        dilemmas: found.points.iter().filter(|p| p.dilemma).count(),
        points: found.points,
        positions,
        spare_patience: found.spare_patience,
        warnings: Vec::new(),
    };
    audit.warnings = warnings(&audit);
    audit
}

fn run_strategy(
    c: &Arc<CompiledScenario>,
    analysis: &Analysis,
    strategy: Strategy,
    config: AuditConfig,
) -> StrategyResult {
    let mut player = ChaCha8Rng::seed_from_u64(config.seed ^ 0x5eed_a0d1_7000_0001);
    let (mut passed, mut total, mut scored) = (0u64, 0u64, 0u64);
    for run in 0..config.runs {
        let seed = config.seed.wrapping_add(run);
        let enc = match strategy {
            Strategy::Random => play_random(c, seed, &mut player),
            _ => play_with(c, seed, |enc, _| pick_shown(enc, strategy)),
        };
        let d = debrief(&c.scenario, analysis, enc.transcript());
        passed += u64::from(d.passed);
        if let Some(o) = d.score.overall {
            total += u64::from(o);
            scored += 1;
        }
    }
    StrategyResult {
        strategy,
        runs: config.runs,
        passed,
        mean_overall: (scored > 0).then(|| total as f64 / scored as f64),
    }
}

/// The strategy's pick among the available choices as the player sees them.
fn pick_shown(enc: &Encounter, strategy: Strategy) -> usize {
    let texts: Vec<String> = enc
        .view()
        .choices
        .into_iter()
        .filter(|c| c.locked.is_none())
        .map(|c| c.text)
        .collect();
    strategy.pick(&texts).unwrap_or(0)
}

fn warnings(a: &EncounterAudit) -> Vec<AuditWarning> {
    let mut out: Vec<AuditWarning> = a
        .strategies
        .iter()
        .filter(|s| s.pass_rate() > MAX_PASS_RATE)
        .map(|s| AuditWarning::StrategyPasses {
            strategy: s.strategy,
            rate: s.pass_rate(),
        })
        .collect();
    if !a.points.is_empty() {
        let total = a.points.len() as f64;
        out.extend(
            a.positions
                .iter()
                .map(|&(position, n)| (position, n as f64 / total))
                .filter(|&(_, share)| share > MAX_POSITION_SHARE)
                .map(|(position, share)| AuditWarning::LengthTell { position, share }),
        );
    }
    if a.dilemmas < MIN_DILEMMAS {
        out.push(AuditWarning::FewDilemmas {
            dilemmas: a.dilemmas,
        });
    }
    let timed = a.difficulty >= Difficulty::Medium;
    if timed && a.spare_patience.is_none_or(|s| s > MAX_SPARE_PATIENCE) {
        out.push(AuditWarning::SparePatience {
            spare: a.spare_patience,
        });
    }
    out
}

/// Per strategy, across every audited encounter.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct StrategySummary {
    /// The strategy.
    pub strategy: Strategy,
    /// Encounters it passes in more than [`MAX_PASS_RATE`] of its runs.
    pub encounters_passed: usize,
    /// Mean of its per-encounter mean overall scores.
    pub mean_overall: Option<f64>,
}

/// Summarises the strategies over `audits`, in [`Strategy::ALL`] order.
pub fn summary(audits: &[EncounterAudit]) -> Vec<StrategySummary> {
    Strategy::ALL
        .iter()
        .map(|&strategy| {
            let results: Vec<&StrategyResult> = audits
                .iter()
                .flat_map(|a| a.strategies.iter().filter(|r| r.strategy == strategy))
                .collect();
            let means: Vec<f64> = results.iter().filter_map(|r| r.mean_overall).collect();
            StrategySummary {
                strategy,
                encounters_passed: results
                    .iter()
                    .filter(|r| r.pass_rate() > MAX_PASS_RATE)
                    .count(),
                mean_overall: (!means.is_empty())
                    .then(|| means.iter().sum::<f64>() / means.len() as f64),
            }
        })
        .collect()
}
