//! The debrief: everything the end-of-encounter screen shows, computed once.

use super::{Grade, Score, SurveyAnswer, survey};
use crate::analysis::{Analysis, Path};
use crate::engine::Transcript;
use crate::needs::Need;
use crate::scenario::{Outcome, Scenario};
use serde::{Deserialize, Serialize};

/// One choice singled out in the debrief.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Moment {
    /// Node where it was chosen.
    pub node: String,
    /// What the player said.
    pub text: String,
    /// Its effect (on the need, or summed over needs for the overall lists).
    pub effect: i32,
    /// The trainer's feedback.
    pub why: String,
}

/// Per-need part of the debrief.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NeedDebrief {
    /// The need.
    pub need: Need,
    /// 0..=100, `None` = not assessed.
    pub score: Option<u8>,
    /// Raw sum reached.
    pub raw: i32,
    /// Best and worst achievable raw sums, when assessed.
    pub best: Option<i32>,
    /// Worst achievable raw sum, when assessed.
    pub worst: Option<i32>,
    /// The choice that raised this need most.
    pub helped: Option<Moment>,
    /// The choice that lowered this need most.
    pub hurt: Option<Moment>,
}

/// The result of the best path, for comparison.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BestPathResult {
    /// Its scores.
    pub score: Score,
    /// Its ending.
    pub outcome: Outcome,
    /// What the player says along it, in order.
    pub choices: Vec<String>,
}

/// Everything the debrief screen shows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Debrief {
    /// Scenario id.
    pub scenario_id: String,
    /// Customer's name in this play.
    pub customer_name: String,
    /// Ending (`None` when the play was aborted).
    pub outcome: Option<Outcome>,
    /// True when the customer walked out.
    pub walked_out: bool,
    /// The scores.
    pub score: Score,
    /// Grade of the overall score.
    pub grade: Option<Grade>,
    /// The grade's one-line verdict.
    pub verdict: String,
    /// Per need, in [`Need::ALL`] order.
    pub needs: Vec<NeedDebrief>,
    /// Up to three choices that helped most overall.
    pub helped_most: Vec<Moment>,
    /// Up to three choices that hurt most overall.
    pub hurt_most: Vec<Moment>,
    /// The best achievable path's result.
    pub best_path: Option<BestPathResult>,
    /// Overall score needed to pass.
    pub pass_mark: u8,
    /// Passed: overall >= pass mark and the customer was not lost.
    pub passed: bool,
    /// The customer's satisfaction survey.
    pub survey: Vec<SurveyAnswer>,
}

/// Builds the debrief of a finished (or aborted) play.
pub fn debrief(scenario: &Scenario, analysis: &Analysis, transcript: &Transcript) -> Debrief {
    let score = Score::new(transcript.raw, analysis);
    let moments = |need: Option<Need>| -> Vec<Moment> {
        transcript
            .choices()
            .map(|(node, c)| Moment {
                node: node.to_string(),
                text: c.text.clone(),
                effect: need.map_or_else(|| c.needs.0.iter().sum(), |n| c.needs[n]),
                why: c.why.clone(),
            })
            .collect()
    };
    let needs = Need::ALL
        .into_iter()
        .map(|need| {
            let all = moments(Some(need));
            NeedDebrief {
                need,
                score: score.needs[need],
                raw: transcript.raw[need],
                best: analysis.bounds[need].map(|b| b.best),
                worst: analysis.bounds[need].map(|b| b.worst),
                helped: all
                    .iter()
                    .filter(|m| m.effect > 0)
                    .max_by_key(|m| m.effect)
                    .cloned(),
                hurt: all
                    .iter()
                    .filter(|m| m.effect < 0)
                    .min_by_key(|m| m.effect)
                    .cloned(),
            }
        })
        .collect();
    let mut total = moments(None);
    total.sort_by_key(|m| std::cmp::Reverse(m.effect));
    let helped_most = total
        .iter()
        .filter(|m| m.effect > 0)
        .take(3)
        .cloned()
        .collect();
    let hurt_most = total
        .iter()
        .rev()
        .filter(|m| m.effect < 0)
        .take(3)
        .cloned()
        .collect();
    let grade = score.grade();
    let lost = transcript.outcome.is_none_or(|o| o == Outcome::Lost);
    let passed = !lost && score.overall.is_some_and(|o| o >= scenario.pass_mark);
    Debrief {
        scenario_id: scenario.id.clone(),
        customer_name: transcript.customer_name.clone(),
        outcome: transcript.outcome,
        walked_out: transcript.walked_out,
        score,
        grade,
        verdict: grade
            .map_or("No need was assessed in this encounter.", Grade::verdict)
            .to_string(),
        needs,
        helped_most,
        hurt_most,
        best_path: analysis
            .best_overall
            .as_ref()
            .map(|p| best_path_result(p, analysis)),
        pass_mark: scenario.pass_mark,
        passed,
        survey: survey(&score, transcript.outcome, transcript.walked_out),
    }
}

fn best_path_result(path: &Path, analysis: &Analysis) -> BestPathResult {
    BestPathResult {
        score: Score::new(path.raw, analysis),
        outcome: path.outcome,
        choices: path
            .steps
            .iter()
            .filter_map(|s| match s {
                crate::analysis::PathStep::Choose { text, .. } => Some(text.clone()),
                _ => None,
            })
            .collect(),
    }
}
