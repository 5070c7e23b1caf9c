//! The `{...}` placeholders a scenario's texts may use, and how they are filled.
//! The validator checks texts against [`PLACEHOLDERS`]; the engine fills them
//! with [`fill`]. One list, so the two can never disagree.

use super::model::Customer;
use super::scene::Pronouns;

/// The player's name filling `{me}` when none is given (self-tests, analysis,
/// `Encounter::start`).
pub const DEFAULT_PLAYER_NAME: &str = "Sam";

/// Every placeholder, without braces: the customer's name, the player's name,
/// and the picked person's pronouns (lower case and capitalised).
pub const PLACEHOLDERS: &[&str] = &[
    "name", "me", "they", "them", "their", "theirs", "themself", "They", "Them", "Their", "Theirs",
    "Themself", "they're", "They're", "they've", "They've",
];

/// What the placeholders of one play stand for.
#[derive(Clone, Copy, Debug)]
pub struct Fill<'a> {
    /// The customer's name (`{name}`).
    pub name: &'a str,
    /// The player's name (`{me}`).
    pub me: &'a str,
    /// The customer's pronouns (`{they}` and the rest).
    pub pronouns: Pronouns,
}

impl Fill<'_> {
    /// What `{key}` becomes, or `None` when `key` is not a placeholder.
    pub fn value(&self, key: &str) -> Option<&str> {
        match key {
            "name" => Some(self.name),
            "me" => Some(self.me),
            _ => pronoun(self.pronouns, key),
        }
    }
}

/// The pronoun placeholder `key` for `pronouns`, or `None` if `key` is not one.
fn pronoun(pronouns: Pronouns, key: &str) -> Option<&'static str> {
    use Pronouns::{He, She, They};
    let forms: [&'static str; 3] = match key {
        "they" => ["she", "he", "they"],
        "them" => ["her", "him", "them"],
        "their" => ["her", "his", "their"],
        "theirs" => ["hers", "his", "theirs"],
        "themself" => ["herself", "himself", "themself"],
        "They" => ["She", "He", "They"],
        "Them" => ["Her", "Him", "Them"],
        "Their" => ["Her", "His", "Their"],
        "Theirs" => ["Hers", "His", "Theirs"],
        "Themself" => ["Herself", "Himself", "Themself"],
        "they're" => ["she's", "he's", "they're"],
        "They're" => ["She's", "He's", "They're"],
        "they've" => ["she's", "he's", "they've"],
        "They've" => ["She's", "He's", "They've"],
        _ => return None,
    };
    Some(match pronouns {
        She => forms[0],
        He => forms[1],
        They => forms[2],
    })
}

/// The `{...}` placeholders in `text`, each as (byte offset of `{`, inner text).
/// An unclosed `{` ends the search.
pub fn find(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut from = 0;
    std::iter::from_fn(move || {
        let open = from + text[from..].find('{')?;
        let close = open + 1 + text[open + 1..].find('}')?;
        from = close + 1;
        Some((open, &text[open + 1..close]))
    })
}

/// `text` with every known placeholder replaced; unknown ones stay as written.
pub fn fill(text: &str, with: &Fill) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut copied = 0;
    for (open, key) in find(text) {
        if let Some(value) = with.value(key) {
            out.push_str(&text[copied..open]);
            out.push_str(value);
            copied = open + key.len() + 2;
        }
    }
    out.push_str(&text[copied..]);
    out
}

/// `text` as the first person of `customer` would hear it, played by
/// [`DEFAULT_PLAYER_NAME`]: how analysis paths and reports word choices.
pub fn fill_for_first_person(customer: &Customer, text: &str) -> String {
    let people = customer.people();
    let (name, pronouns) = people
        .first()
        .map_or(("the customer", Pronouns::They), |p| {
            (p.name.as_str(), p.pronouns)
        });
    fill(
        text,
        &Fill {
            name,
            me: DEFAULT_PLAYER_NAME,
            pronouns,
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with(pronouns: Pronouns) -> Fill<'static> {
        Fill {
            name: "Priya",
            me: "Sam",
            pronouns,
        }
    }

    #[test]
    fn every_listed_placeholder_is_filled_for_every_pronoun_set() {
        for p in [Pronouns::She, Pronouns::He, Pronouns::They] {
            for key in PLACEHOLDERS {
                let filled = fill(&format!("<{{{key}}}>"), &with(p));
                assert!(!filled.contains('{'), "{key} not filled for {p:?}");
            }
        }
    }

    #[test]
    fn pronouns_and_names_are_filled_in_place() {
        let text = "{They're} here; {me} helps {them} with {their} card, not {theirs}. {name}!";
        assert_eq!(
            fill(text, &with(Pronouns::She)),
            "She's here; Sam helps her with her card, not hers. Priya!"
        );
        assert_eq!(
            fill(text, &with(Pronouns::He)),
            "He's here; Sam helps him with his card, not his. Priya!"
        );
        assert_eq!(
            fill("{they've} paid {themself}", &with(Pronouns::They)),
            "they've paid themself"
        );
    }

    #[test]
    fn unknown_and_unclosed_placeholders_stay_as_written() {
        assert_eq!(
            fill("{nmae} and {name} {", &with(Pronouns::They)),
            "{nmae} and Priya {"
        );
        assert_eq!(fill("{}{name}", &with(Pronouns::They)), "{}Priya");
        assert_eq!(fill("no braces", &with(Pronouns::They)), "no braces");
    }

    #[test]
    fn find_lists_each_placeholder_with_its_offset() {
        let found: Vec<_> = find("a {b} {c").collect();
        assert_eq!(found, [(2, "b")]);
    }
}
