//! How an ending is put into words, so it fits who the customer is and where
//! the encounter happens: a colleague who gives up does not "take their
//! business elsewhere", and a supplier on the phone hangs up rather than leaves.

use crate::scenario::{Outcome, Place, Role};

/// What the customer did at the end, to follow their name:
/// "Priya Nair" + " " + `outcome_phrase(..)` (no pronouns, so it fits everyone).
pub fn outcome_phrase(outcome: Outcome, role: Role, place: Place) -> &'static str {
    use Outcome::*;
    use Role::*;
    let remote = place.is_remote();
    match (outcome, role, remote) {
        (Delighted, External, false) => "left delighted and will tell friends about you",
        (Delighted, External, true) => "ended the call delighted and will tell friends about you",
        (Delighted, Internal, _) => "went back to work delighted and will come to you again",
        (Delighted, Vendor, _) => "came away keen to keep working with you",
        (Satisfied, External, false) => "left satisfied, with what was needed",
        (Satisfied, External, true) => "ended the call satisfied, with what was needed",
        (Satisfied, Internal, _) => "went back to work with the help that was needed",
        (Satisfied, Vendor, _) => "came away satisfied with the arrangement",
        (Neutral, _, false) => "left neither pleased nor upset",
        (Neutral, _, true) => "ended the call neither pleased nor upset",
        (Dissatisfied, External, false) => "left unhappy",
        (Dissatisfied, External, true) => "hung up unhappy",
        (Dissatisfied, Internal, _) => "went back to work frustrated with you",
        (Dissatisfied, Vendor, false) => "left unhappy with how the business was handled",
        (Dissatisfied, Vendor, true) => "hung up unhappy with how the business was handled",
        (Lost, External, false) => "walked out and took the business elsewhere",
        (Lost, External, true) => "hung up and took the business elsewhere",
        (Lost, Internal, _) => "gave up on working with you",
        (Lost, Vendor, false) => "walked away from working with you",
        (Lost, Vendor, true) => "hung up and walked away from working with you",
    }
}

/// What the customer did when their patience ran out, to follow their name.
pub fn walked_out_phrase(role: Role, place: Place) -> &'static str {
    match (role, place.is_remote()) {
        (_, true) => "ran out of patience and hung up",
        (Role::Internal, false) => "ran out of patience and went to ask someone else",
        (_, false) => "ran out of patience and walked away",
    }
}

/// The closing sentence of the debrief, e.g. "Priya Nair hung up unhappy."
pub fn ending_sentence(
    name: &str,
    outcome: Option<Outcome>,
    walked_out: bool,
    role: Role,
    place: Place,
) -> String {
    match outcome {
        Some(_) if walked_out => format!("{name} {}.", walked_out_phrase(role, place)),
        Some(outcome) => format!("{name} {}.", outcome_phrase(outcome, role, place)),
        None => "The encounter stopped before it could end.".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_colleague_who_gives_up_does_not_take_business_elsewhere() {
        let phrase = outcome_phrase(Outcome::Lost, Role::Internal, Place::Desk);
        assert!(!phrase.contains("business"), "{phrase}");
        assert!(outcome_phrase(Outcome::Lost, Role::External, Place::Counter).contains("business"));
    }

    #[test]
    fn nobody_on_the_phone_walks_or_leaves() {
        for place in [Place::Phone, Place::VideoCall] {
            for role in [Role::External, Role::Internal, Role::Vendor] {
                for outcome in Outcome::ALL {
                    let phrase = outcome_phrase(outcome, role, place);
                    assert!(
                        !phrase.starts_with("walked") && !phrase.starts_with("left"),
                        "{outcome:?} {role:?} {place:?}: {phrase}"
                    );
                }
                assert!(walked_out_phrase(role, place).contains("hung up"));
            }
        }
        let vendor = outcome_phrase(Outcome::Dissatisfied, Role::Vendor, Place::Phone);
        assert!(vendor.starts_with("hung up"), "{vendor}");
    }

    #[test]
    fn phrases_use_no_pronouns_so_they_fit_every_customer() {
        let words = ["they", "their", "them", "she", "her", "he", "his", "him"];
        for place in Place::ALL {
            for role in [Role::External, Role::Internal, Role::Vendor] {
                let mut all: Vec<&str> = Outcome::ALL
                    .into_iter()
                    .map(|o| outcome_phrase(o, role, place))
                    .collect();
                all.push(walked_out_phrase(role, place));
                for phrase in all {
                    for word in phrase.split(|c: char| !c.is_alphabetic()) {
                        assert!(!words.contains(&word), "{phrase}");
                    }
                }
            }
        }
    }

    #[test]
    fn the_ending_sentence_names_the_customer_and_marks_a_walk_out() {
        let s = ending_sentence(
            "Kofi",
            Some(Outcome::Lost),
            true,
            Role::Vendor,
            Place::Phone,
        );
        assert_eq!(s, "Kofi ran out of patience and hung up.");
        let s = ending_sentence(
            "Kofi",
            Some(Outcome::Neutral),
            false,
            Role::External,
            Place::Counter,
        );
        assert_eq!(s, "Kofi left neither pleased nor upset.");
        assert!(
            ending_sentence("Kofi", None, false, Role::External, Place::Counter)
                .contains("stopped")
        );
    }
}
