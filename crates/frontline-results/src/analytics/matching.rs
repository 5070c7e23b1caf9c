//! Which of a node's choices a stored step took. Steps keep the player's
//! words with placeholders filled in (`{name}` became the customer's name),
//! so a choice is recognised by its text as a template plus where it led.

use frontline_core::scenario::Choice;
use frontline_core::scenario::placeholders::{PLACEHOLDERS, find};

/// Whether `filled` is `template` with each known placeholder replaced by
/// some text (unknown `{...}` stay literal, as the engine leaves them).
pub fn fits_template(template: &str, filled: &str) -> bool {
    let mut pieces: Vec<&str> = Vec::new();
    let mut copied = 0;
    for (open, key) in find(template) {
        if PLACEHOLDERS.contains(&key) {
            pieces.push(&template[copied..open]);
            copied = open + key.len() + 2;
        }
    }
    pieces.push(&template[copied..]);
    let (first, rest) = pieces.split_first().expect("at least one piece");
    let Some(mut tail) = filled.strip_prefix(first) else {
        return false;
    };
    let Some((last, middle)) = rest.split_last() else {
        return tail.is_empty();
    };
    for piece in middle {
        match tail.find(piece) {
            Some(at) => tail = &tail[at + piece.len()..],
            None => return false,
        }
    }
    tail.len() >= last.len() && tail.ends_with(last)
}

/// Index of the choice among `choices` whose text fits `said` and that
/// leads to `target`; the first one when several do (identical choices).
pub fn match_choice(choices: &[Choice], said: &str, target: &str) -> Option<usize> {
    choices
        .iter()
        .position(|c| c.next == target && fits_template(&c.text, said))
}
