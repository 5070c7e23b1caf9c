//! The debrief explaining itself: for each need, the choices of this play that
//! moved it (with their why), what the best overall path did at the same
//! points, what the 0–100 means, and "best possible here" when the needs
//! compete. Best and worst come from [`crate::analysis`]; nothing is re-scored here.

use super::{Score, normalise};
use crate::analysis::{Analysis, Path, PathStep};
use crate::engine::Transcript;
use crate::needs::Need;
use crate::scenario::placeholders::{Fill, fill};
use crate::scenario::{Choice, Node, Scenario};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// What 0–100 means, the same for every encounter.
pub const SCALE: &str = "Each need is scored from 0 to 100 against this encounter: 0 is the \
lowest total any way through it can reach, 100 the highest. A need your choices never touched \
sits between the two, not at 0. The overall score is the mean of the scored needs.";

/// What the best overall path did at a point where the player chose.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum BestAtThisPoint {
    /// The best path makes the same choice here.
    Same,
    /// The best path says something else here.
    Instead {
        /// What it says.
        text: String,
        /// Its effect on the need being explained.
        effect: i32,
        /// The trainer's feedback for it.
        why: String,
    },
    /// The best path never comes to this point.
    NotReached,
}

/// A choice of this play that moved one need.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NeedMove {
    /// Node where it was chosen.
    pub node: String,
    /// What the player said.
    pub text: String,
    /// Its effect on the need (never 0).
    pub effect: i32,
    /// The trainer's feedback.
    pub why: String,
    /// What the best overall path did here instead.
    pub best: BestAtThisPoint,
}

/// A choice on the best overall path that moved one need.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BestMove {
    /// Node where it is chosen.
    pub node: String,
    /// What is said.
    pub text: String,
    /// Its effect on the need (never 0).
    pub effect: i32,
    /// The trainer's feedback.
    pub why: String,
}

/// One need, explained.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NeedExplanation {
    /// The need.
    pub need: Need,
    /// This play's score, `None` = not assessed.
    pub score: Option<u8>,
    /// This play's choices that moved the need, in order.
    pub moves: Vec<NeedMove>,
    /// The best overall path's choices that moved the need, in order.
    pub best_moves: Vec<BestMove>,
    /// The best overall path's score on this need, when it is below 100
    /// (another need gains more from a different choice).
    pub best_possible: Option<u8>,
    /// The score in plain words.
    pub meaning: String,
}

/// Everything the debrief says about how the scores came about.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Explanation {
    /// What 0–100 means ([`SCALE`]).
    pub scale: String,
    /// Per need, in [`Need::ALL`] order.
    pub needs: Vec<NeedExplanation>,
    /// The best overall path's overall score, when it is below 100.
    pub best_possible_overall: Option<u8>,
    /// When the needs compete, a sentence saying so; `None` when one path reaches 100 on every need.
    pub competing: Option<String>,
}

/// Explains the scores of `transcript`, comparing with the analysis' best overall path.
pub fn explain(scenario: &Scenario, analysis: &Analysis, transcript: &Transcript) -> Explanation {
    let with = Fill {
        name: &transcript.customer_name,
        me: &transcript.player_name,
        pronouns: transcript.pronouns,
    };
    let score = Score::new(transcript.raw, analysis);
    let best = analysis.best_overall.as_ref();
    let best_score = best.map(|p| Score::new(p.raw, analysis));
    let best_choices = best.map(|p| best_choices(scenario, p)).unwrap_or_default();
    let needs = Need::ALL
        .into_iter()
        .map(|need| {
            let best_possible = best_score.and_then(|s| s.needs[need]).filter(|&v| v < 100);
            NeedExplanation {
                need,
                score: score.needs[need],
                moves: moves(transcript, &best_choices, need, &with),
                best_moves: best_choices
                    .iter()
                    .filter(|(_, _, c)| c.needs.get(&need).is_some_and(|&e| e != 0))
                    .map(|(node, _, c)| BestMove {
                        node: node.to_string(),
                        text: fill(&c.text, &with),
                        effect: c.needs[&need],
                        why: fill(&c.why, &with),
                    })
                    .collect(),
                best_possible,
                meaning: meaning(need, analysis, transcript, best_possible),
            }
        })
        .collect();
    let best_possible_overall = best_score.and_then(|s| s.overall).filter(|&v| v < 100);
    let competing = best_possible_overall.map(|overall| {
        format!(
            "Here the needs compete: no way through reaches 100 on every need, so the best \
             possible overall score is {overall}. The choice that serves one need best costs another."
        )
    });
    Explanation {
        scale: SCALE.to_string(),
        needs,
        best_possible_overall,
        competing,
    }
}

/// A choice on the best path: node id, index in the file's `choices`, the choice.
type BestChoice<'s> = (&'s str, usize, &'s Choice);

/// The best path's choices, in order.
fn best_choices<'s>(scenario: &'s Scenario, path: &Path) -> Vec<BestChoice<'s>> {
    path.steps
        .iter()
        .filter_map(|step| match step {
            PathStep::Choose { node, index, .. } => {
                let (id, node) = scenario.nodes.get_key_value(node.as_str())?;
                match node {
                    Node::Line { choices, .. } => Some((id.as_str(), *index, choices.get(*index)?)),
                    _ => None,
                }
            }
            _ => None,
        })
        .collect()
}

/// This play's choices that moved `need`, each compared with the best path at
/// the same point (the k-th visit of a node matches the best path's k-th visit).
fn moves(transcript: &Transcript, best: &[BestChoice], need: Need, with: &Fill) -> Vec<NeedMove> {
    let mut best_at: HashMap<&str, Vec<(usize, &Choice)>> = HashMap::new();
    for &(node, index, choice) in best {
        best_at.entry(node).or_default().push((index, choice));
    }
    let mut seen: HashMap<&str, usize> = HashMap::new();
    let mut out = Vec::new();
    for (node, record) in transcript.choices() {
        let visit = seen.entry(node).or_default();
        let nth = *visit;
        *visit += 1;
        if record.needs[need] == 0 {
            continue;
        }
        let best = match best_at.get(node).and_then(|v| v.get(nth)) {
            Some(&(index, _)) if index == record.index => BestAtThisPoint::Same,
            Some(&(_, b)) => BestAtThisPoint::Instead {
                text: fill(&b.text, with),
                effect: b.needs.get(&need).copied().unwrap_or(0),
                why: fill(&b.why, with),
            },
            None => BestAtThisPoint::NotReached,
        };
        out.push(NeedMove {
            node: node.to_string(),
            text: record.text.clone(),
            effect: record.needs[need],
            why: record.why.clone(),
            best,
        });
    }
    out
}

/// One need's score in plain words.
fn meaning(
    need: Need,
    analysis: &Analysis,
    transcript: &Transcript,
    best_possible: Option<u8>,
) -> String {
    let label = need.label();
    let Some(bounds) = analysis.bounds[need] else {
        return format!("No choice in this encounter touches {label}, so it is not scored.");
    };
    let raw = transcript.raw[need];
    let score = normalise(raw, bounds);
    let touched = transcript.choices().any(|(_, c)| c.needs[need] != 0);
    let mut text = if touched {
        format!(
            "Your choices added {raw:+} to {label}. In this encounter the totals run from {:+} \
             (scored 0) to {:+} (scored 100), so {raw:+} scores {score}.",
            bounds.worst, bounds.best
        )
    } else {
        format!(
            "None of your choices touched {label}, so it scores {score}: the point where a total \
             of 0 sits between the lowest ({:+}) and the highest ({:+}) this encounter allows.",
            bounds.worst, bounds.best
        )
    };
    if let Some(best) = best_possible {
        text.push_str(&format!(
            " Best possible here: {best}, because the best overall way through gives up some \
             {label} for other needs."
        ));
    }
    text
}
