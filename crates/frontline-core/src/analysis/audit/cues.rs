//! The surface cues a player who does not read for meaning still notices: the
//! one list the audit's cue-word player uses (documented in
//! docs/writing-scenarios.md, "Auditing an encounter for tells").
//!
//! A choice's cue score is the sum of the weights of the phrases it contains
//! (case-insensitive, typographic apostrophes read as `'`; each phrase counts
//! once). The cue-word player takes the available choice with the highest
//! score, the first shown on a tie.

/// What kind of surface signal a cue phrase is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum CueKind {
    /// Saying sorry or admitting a mistake.
    Apology,
    /// Handing the decision to the customer ("which would you prefer").
    Offer,
    /// A first-person promise to act ("I'll", "let me").
    Promise,
    /// Warm, understanding phrasing ("I understand", "thank you").
    Warmth,
    /// Quoting rules or refusing: players learn these are usually wrong.
    Policy,
}

/// One phrase the cue-word player reacts to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cue {
    /// Lower-case phrase, matched anywhere in the choice text.
    pub phrase: &'static str,
    /// Kind of signal.
    pub kind: CueKind,
    /// How much it attracts (positive) or repels (negative) the player.
    pub weight: i32,
}

const fn cue(phrase: &'static str, kind: CueKind, weight: i32) -> Cue {
    Cue {
        phrase,
        kind,
        weight,
    }
}

/// Every cue phrase, in one place.
pub const CUES: &[Cue] = &[
    cue("sorry", CueKind::Apology, 2),
    cue("apologi", CueKind::Apology, 2),
    cue("my mistake", CueKind::Apology, 2),
    cue("my fault", CueKind::Apology, 2),
    cue("you're right", CueKind::Apology, 2),
    cue("you are right", CueKind::Apology, 2),
    cue("which would you prefer", CueKind::Offer, 2),
    cue("would you prefer", CueKind::Offer, 1),
    cue("which suits", CueKind::Offer, 2),
    cue("which works", CueKind::Offer, 2),
    cue("would you like", CueKind::Offer, 1),
    cue("up to you", CueKind::Offer, 2),
    cue("your call", CueKind::Offer, 2),
    cue("i'll", CueKind::Promise, 1),
    cue("i will", CueKind::Promise, 1),
    cue("let me", CueKind::Promise, 1),
    cue("i'm going to", CueKind::Promise, 1),
    cue("personally", CueKind::Promise, 1),
    cue("i understand", CueKind::Warmth, 1),
    cue("i hear you", CueKind::Warmth, 1),
    cue("that sounds", CueKind::Warmth, 1),
    cue("thank you", CueKind::Warmth, 1),
    cue("thanks for", CueKind::Warmth, 1),
    cue("policy", CueKind::Policy, -2),
    cue("the rules", CueKind::Policy, -2),
    cue("not allowed", CueKind::Policy, -2),
    cue("unfortunately", CueKind::Policy, -1),
    cue("nothing i can do", CueKind::Policy, -2),
    cue("can't", CueKind::Policy, -1),
    cue("cannot", CueKind::Policy, -1),
];

/// The cue score of a choice text as the player sees it.
pub fn cue_score(text: &str) -> i32 {
    let text = text.to_lowercase().replace(['\u{2019}', '\u{2018}'], "'");
    CUES.iter()
        .filter(|c| text.contains(c.phrase))
        .map(|c| c.weight)
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn apologies_and_offers_attract_and_policy_repels() {
        assert_eq!(cue_score("Sorry, that was my mistake."), 4);
        assert_eq!(cue_score("Which suits you better?"), 2);
        assert_eq!(cue_score("I\u{2019}ll check."), 1);
        assert_eq!(cue_score("Our policy says no, unfortunately."), -3);
        assert_eq!(cue_score("Here is the form."), 0);
    }

    #[test]
    fn every_phrase_is_lower_case_and_matches_itself() {
        for c in CUES {
            assert_eq!(c.phrase, c.phrase.to_lowercase());
            assert_ne!(cue_score(c.phrase), 0, "{}", c.phrase);
        }
    }
}
