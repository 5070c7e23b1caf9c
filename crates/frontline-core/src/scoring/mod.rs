//! Six-needs scoring: raw sums normalised against what the scenario allows,
//! grades, and the debrief the game draws. Pure Rust, no bevy.
//!
//! - Raw score per need = sum of the chosen choices' effects.
//! - Normalised score = 0..=100 where 100 is the best raw sum the scenario
//!   allows and 0 the worst ([`crate::analysis::Analysis::bounds`]); when best
//!   equals worst the touched need scores 100.
//! - A need no choice touches is *not assessed* (`None`): shown as such and
//!   left out of the overall, never counted as 0.
//! - Overall = rounded mean of the assessed needs; [`Grade`] bands A..E.
//! - Passed = overall at or above the pass mark AND an ending of at least
//!   Satisfied (Neutral when the scenario says `no_win: true`): [`passes`].
//! - [`explain`] says how each need's score came about; [`outcome_phrase`]
//!   words the ending for the customer's role and the place.

mod debrief;
mod explain;
mod pass;
mod survey;
mod wording;

pub use debrief::{BestPathResult, Debrief, Moment, NeedDebrief, debrief};
pub use explain::{
    BestAtThisPoint, BestMove, Explanation, NeedExplanation, NeedMove, SCALE, explain,
};
pub use pass::{lowest_passing_outcome, pass_problem, pass_rule, passes};
pub use survey::{SurveyAnswer, survey};
pub use wording::{ending_sentence, outcome_phrase, walked_out_phrase};

use crate::analysis::{Analysis, Bounds};
use crate::needs::NeedMap;
use serde::{Deserialize, Serialize};

/// Normalised scores of one play.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Score {
    /// Raw per-need sums.
    pub raw: NeedMap<i32>,
    /// 0..=100 per need; `None` = not assessed.
    pub needs: NeedMap<Option<u8>>,
    /// Mean of the assessed needs; `None` when none is assessed.
    pub overall: Option<u8>,
}

impl Score {
    /// Scores raw sums against the analysis' best/worst.
    pub fn new(raw: NeedMap<i32>, analysis: &Analysis) -> Score {
        let needs = NeedMap::from_fn(|n| analysis.bounds[n].map(|b| normalise(raw[n], b)));
        let assessed: Vec<u32> = needs.0.iter().flatten().map(|&v| u32::from(v)).collect();
        let overall = (!assessed.is_empty())
            .then(|| ((assessed.iter().sum::<u32>() as f64) / assessed.len() as f64).round() as u8);
        Score {
            raw,
            needs,
            overall,
        }
    }

    /// The grade of the overall score.
    pub fn grade(&self) -> Option<Grade> {
        self.overall.map(Grade::of)
    }
}

/// `raw` on the 0..=100 scale of `bounds` (clamped; 100 when best == worst).
pub fn normalise(raw: i32, bounds: Bounds) -> u8 {
    let (best, worst) = (i64::from(bounds.best), i64::from(bounds.worst));
    if best <= worst {
        return 100;
    }
    let r = (i64::from(raw) - worst) as f64 * 100.0 / (best - worst) as f64;
    r.round().clamp(0.0, 100.0) as u8
}

/// Grade bands of the overall score.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Grade {
    /// 90..=100.
    A,
    /// 75..=89.
    B,
    /// 60..=74.
    C,
    /// 40..=59.
    D,
    /// 0..=39.
    E,
}

impl Grade {
    /// The band an overall score falls in.
    pub fn of(overall: u8) -> Grade {
        match overall {
            90.. => Grade::A,
            75..=89 => Grade::B,
            60..=74 => Grade::C,
            40..=59 => Grade::D,
            _ => Grade::E,
        }
    }

    /// A one-line verdict for the debrief.
    pub fn verdict(self) -> &'static str {
        match self {
            Grade::A => "Outstanding: close to the best service this situation allows.",
            Grade::B => "Good service: the customer's main needs were met.",
            Grade::C => "Acceptable, with clear room to serve the customer better.",
            Grade::D => "Several needs went unmet; look at the choices that hurt most.",
            Grade::E => "The customer was poorly served; replay and try another approach.",
        }
    }

    /// The letter.
    pub fn letter(self) -> char {
        match self {
            Grade::A => 'A',
            Grade::B => 'B',
            Grade::C => 'C',
            Grade::D => 'D',
            Grade::E => 'E',
        }
    }
}

#[cfg(test)]
mod tests;
