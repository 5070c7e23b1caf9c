//! The debrief: everything the end-of-encounter screen shows, computed once.

use super::{
    Explanation, Grade, Score, SurveyAnswer, ending_sentence, explain, pass_problem, pass_rule,
    survey,
};
use crate::analysis::{Analysis, Path, PathStep};
use crate::engine::Transcript;
use crate::needs::Need;
use crate::scenario::Node;
use crate::scenario::placeholders::{Fill, fill};
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
    /// Passed: overall >= pass mark and an ending of at least Satisfied
    /// (Neutral in a `no_win` encounter); see [`super::passes`].
    pub passed: bool,
    /// The pass rule of this encounter in one sentence.
    pub pass_rule: String,
    /// Why this play did not pass; `None` when it passed.
    pub pass_problem: Option<String>,
    /// The ending in words that fit the customer's role and the place,
    /// e.g. "Kofi Mensah hung up unhappy."
    pub ending: String,
    /// How each need's score came about, and what was possible.
    pub explanation: Explanation,
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
    let pass_problem = pass_problem(scenario, score.overall, transcript.outcome);
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
            .map(|p| best_path_result(scenario, p, analysis, transcript)),
        pass_mark: scenario.pass_mark,
        passed: pass_problem.is_none(),
        pass_rule: pass_rule(scenario),
        pass_problem,
        ending: ending_sentence(
            &transcript.customer_name,
            transcript.outcome,
            transcript.walked_out,
            scenario.customer.role,
            scenario.scene.place,
        ),
        explanation: explain(scenario, analysis, transcript),
        survey: survey(&score, transcript.outcome, transcript.walked_out),
    }
}

/// The best path's result, its choices worded for this play (name, player, pronouns).
fn best_path_result(
    scenario: &Scenario,
    path: &Path,
    analysis: &Analysis,
    transcript: &Transcript,
) -> BestPathResult {
    let with = Fill {
        name: &transcript.customer_name,
        me: &transcript.player_name,
        pronouns: transcript.pronouns,
    };
    let text_of = |node: &str, index: usize| match scenario.nodes.get(node) {
        Some(Node::Line { choices, .. }) => choices.get(index).map(|c| fill(&c.text, &with)),
        _ => None,
    };
    BestPathResult {
        score: Score::new(path.raw, analysis),
        outcome: path.outcome,
        choices: path
            .steps
            .iter()
            .filter_map(|s| match s {
                PathStep::Choose { node, index, text } => {
                    Some(text_of(node, *index).unwrap_or_else(|| text.clone()))
                }
                _ => None,
            })
            .collect(),
    }
}
