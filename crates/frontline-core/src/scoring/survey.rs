//! The customer's satisfaction survey: what the customer would answer, 1..=5,
//! derived from the scores and the ending — customers rate service without
//! ever naming the six needs.

use super::Score;
use crate::needs::Need;
use crate::scenario::Outcome;
use serde::{Deserialize, Serialize};

/// One survey statement and the customer's answer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SurveyAnswer {
    /// The statement, in the customer's words.
    pub statement: String,
    /// 1 = strongly disagree .. 5 = strongly agree.
    pub answer: u8,
}

/// Four answers from the scores and outcome.
pub fn survey(score: &Score, outcome: Option<Outcome>, walked_out: bool) -> Vec<SurveyAnswer> {
    let overall = score.overall.unwrap_or(50);
    // A need that was not assessed is answered from the overall impression.
    let need = |n: Need| score.needs[n].unwrap_or(overall);
    let mean = |a: u8, b: u8| ((u16::from(a) + u16::from(b)) / 2) as u8;
    let ending = match outcome {
        Some(Outcome::Delighted) => 100,
        Some(Outcome::Satisfied) => 80,
        Some(Outcome::Neutral) => 50,
        Some(Outcome::Dissatisfied) => 20,
        Some(Outcome::Lost) | None => 0,
    };
    let mut answers = vec![
        (
            "I was welcomed and treated as a person.",
            need(Need::Friendliness),
        ),
        (
            "They listened and understood my situation.",
            mean(need(Need::Empathy), need(Need::Fairness)),
        ),
        (
            "I knew what was happening and what I could choose.",
            mean(
                need(Need::Information),
                mean(need(Need::Options), need(Need::Control)),
            ),
        ),
        ("I would come back here.", mean(overall, ending)),
    ];
    if walked_out {
        answers.push(("I was kept waiting too long.", 100));
    }
    answers
        .into_iter()
        .map(|(statement, pct)| SurveyAnswer {
            statement: statement.to_string(),
            answer: likert(pct),
        })
        .collect()
}

/// 0..=100 to 1..=5.
fn likert(pct: u8) -> u8 {
    1 + (u16::from(pct.min(100)) * 4 / 100) as u8
}
