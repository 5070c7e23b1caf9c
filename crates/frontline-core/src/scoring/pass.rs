//! What "passed" means, in one place: the overall score reaches the pass mark
//! AND the ending is at least Satisfied (at least Neutral when the scenario is
//! marked `no_win: true`). So a pass never sits beside an unhappy customer.

use crate::scenario::{Outcome, Scenario};

/// The worst ending that can still pass: `Satisfied`, or `Neutral` in a no-win encounter.
pub fn lowest_passing_outcome(no_win: bool) -> Outcome {
    if no_win {
        Outcome::Neutral
    } else {
        Outcome::Satisfied
    }
}

/// Whether a play with this overall score and ending passes `scenario`.
/// An unfinished play (`outcome` `None`) or one with no assessed need never passes.
pub fn passes(scenario: &Scenario, overall: Option<u8>, outcome: Option<Outcome>) -> bool {
    pass_problem(scenario, overall, outcome).is_none()
}

/// Why a play does not pass, in a sentence for the debrief; `None` when it passes.
pub fn pass_problem(
    scenario: &Scenario,
    overall: Option<u8>,
    outcome: Option<Outcome>,
) -> Option<String> {
    let lowest = lowest_passing_outcome(scenario.no_win);
    let Some(outcome) = outcome else {
        return Some("The encounter did not reach an ending, so it cannot pass.".into());
    };
    let Some(overall) = overall else {
        return Some("No need was assessed, so there is no score to pass with.".into());
    };
    let short = overall < scenario.pass_mark;
    let unhappy = outcome > lowest;
    match (short, unhappy) {
        (false, false) => None,
        (true, false) => Some(format!(
            "The overall score {overall} is below the pass mark of {}.",
            scenario.pass_mark
        )),
        (false, true) => Some(format!(
            "The score reached the pass mark, but the ending was {}: a pass also needs {} or better.",
            outcome_word(outcome),
            outcome_word(lowest)
        )),
        (true, true) => Some(format!(
            "The overall score {overall} is below the pass mark of {}, and the ending was {} ({} or better is needed).",
            scenario.pass_mark,
            outcome_word(outcome),
            outcome_word(lowest)
        )),
    }
}

/// The pass rule of `scenario` in one sentence, for the debrief and the guide.
pub fn pass_rule(scenario: &Scenario) -> String {
    let lowest = lowest_passing_outcome(scenario.no_win);
    let why = if scenario.no_win {
        " (this situation cannot end well, so a calm ending counts)"
    } else {
        ""
    };
    format!(
        "To pass: an overall score of {} or more and an ending of {} or better{why}.",
        scenario.pass_mark,
        outcome_word(lowest)
    )
}

/// The outcome as a word in a sentence.
fn outcome_word(outcome: Outcome) -> &'static str {
    outcome.name()
}
