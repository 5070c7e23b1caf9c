//! Checks of the `scene:` and of `customer: (people: [...])`: the parts of
//! the contract that say where the encounter happens and who the customer is.

use super::{Checker, asset_path_problem};
use crate::scenario::model::{Node, Outcome};
use crate::scenario::scene::{MAX_TICKET_CHARS, Place, TimeOfDay};
use crate::scenario::source_map::Seg;
use std::collections::HashMap;

/// Runs the scene and people checks.
pub(super) fn check(c: &mut Checker) {
    check_scene(c);
    check_people(c);
    check_no_win(c);
}

/// `no_win: true` lowers the pass to a Neutral ending; with a Satisfied or
/// better ending in the file, a calm refusal and a good result would look alike.
fn check_no_win(c: &mut Checker) {
    let scenario = c.scenario;
    if !scenario.no_win {
        return;
    }
    let happy = scenario.nodes.iter().find(
        |(_, node)| matches!(node, Node::End { outcome, .. } if *outcome <= Outcome::Satisfied),
    );
    if let Some((id, _)) = happy {
        c.warning(
            "no-win-with-happy-ending",
            format!(
                "`no_win` is true, but the ending `{id}` is Satisfied or better, so this encounter can be won"
            ),
            vec![Seg::Field("no_win")],
        )
        .label(super::node_at(id), "this ending")
        .help = Some("remove `no_win`, or end this path as `Neutral`".into());
    }
}

fn check_scene(c: &mut Checker) {
    let scene = &c.scenario.scene;
    let at = |field: &'static str| vec![Seg::Field("scene"), Seg::Field(field)];
    if let Err(reason) = TimeOfDay::parse(&scene.time) {
        c.error(
            "bad-time",
            format!("the time `{}` {reason}", scene.time),
            at("time"),
        )
        .help = Some("write the local time on a 24-hour clock, e.g. `time: \"21:40\"`".into());
    }
    if scene.queue > 0 && scene.place.is_remote() {
        let place = match scene.place {
            Place::Phone => "on the phone",
            _ => "on a video call",
        };
        c.error(
            "queue-when-remote",
            format!(
                "a queue of {} is set, but the encounter happens {place}, where nobody waits in line",
                scene.queue
            ),
            at("queue"),
        )
        .help = Some("remove `queue`, or set `place` to `Counter`, `Desk` or `ShopFloor`".into());
    }
    if let Some(ticket) = &scene.ticket {
        let chars = ticket.chars().count();
        if ticket.trim().is_empty() {
            c.error(
                "empty-text",
                "the ticket number is empty".into(),
                at("ticket"),
            )
            .help = Some("write `ticket: Some(\"B42\")` or leave `ticket` out".into());
        } else if chars > MAX_TICKET_CHARS {
            c.error(
                "ticket-too-long",
                format!(
                    "the ticket `{ticket}` has {chars} characters, but the display shows at most {MAX_TICKET_CHARS}"
                ),
                at("ticket"),
            );
        }
    }
}

fn check_people(c: &mut Checker) {
    let customer = &c.scenario.customer;
    let Some(people) = &customer.people else {
        return;
    };
    let at = |rest: &[Seg]| [&[Seg::Field("customer"), Seg::Field("people")], rest].concat();
    if people.is_empty() {
        c.error(
            "no-names",
            "the customer's `people` list is empty, so there is nobody to serve".into(),
            at(&[]),
        )
        .help = Some(
            "add at least one, e.g. `Person(name: \"Priya Nair\", pronouns: She, look: (age: Young, seed: 19))`"
                .into(),
        );
    }
    if !customer.names.is_empty() {
        c.error(
            "names-and-people",
            "the customer has both `names` and `people`; only one list can be used".into(),
            vec![Seg::Field("customer"), Seg::Field("names")],
        )
        .help = Some(
            "move each name into `people` as `Person(name: ..., pronouns: ..., look: ...)` and remove `names`"
                .into(),
        );
    }
    let mut first_use: HashMap<&str, usize> = HashMap::new();
    for (i, person) in people.iter().enumerate() {
        let name = person.name.trim();
        if name.is_empty() {
            c.error(
                "empty-text",
                "this person's name is empty".into(),
                at(&[Seg::Index(i), Seg::Field("name")]),
            );
            continue;
        }
        if let Some(&first) = first_use.get(name) {
            c.error(
                "duplicate-person",
                format!("`{name}` is listed twice among the people"),
                at(&[Seg::Index(i), Seg::Field("name")]),
            )
            .label(
                at(&[Seg::Index(first), Seg::Field("name")]),
                "first listed here",
            )
            .help = Some("give each person a different name, or remove one".into());
        } else {
            first_use.insert(name, i);
        }
        if let Some(portrait) = person.look.portrait.as_deref()
            && let Some(reason) = asset_path_problem(portrait)
        {
            c.error(
                "asset-path",
                format!("the portrait path `{portrait}` {reason}"),
                at(&[Seg::Index(i), Seg::Field("look"), Seg::Field("portrait")]),
            );
        }
    }
}
