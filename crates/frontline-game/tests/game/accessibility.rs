// What a screen reader gets: the accessibility tree egui builds (the same
// tree AccessKit hands the platform in the real window), read through
// egui_kittest's queries.

use super::screens::{debrief_view, encounter_view, harness};
use bevy_egui::egui::accesskit::{Live, Role};
use egui_kittest::kittest::{NodeT, Queryable};
use frontline_core::needs::Need;
use frontline_game::screens::{debrief, encounter, title, widgets};

/// The customer's line is one node that screen readers announce when it
/// changes (a polite live region), with the speaker's name beside it, and
/// every choice is a button named by its number and words; a locked choice
/// is a disabled button with its reason next to it.
#[test]
fn the_encounter_gives_screen_readers_the_line_and_every_choice_as_a_button() {
    let mut h = harness(encounter_view(), encounter::draw);
    h.run();
    h.get_by_label("Mrs Okafor");
    let line = h.get_by_label("I have been waiting for forty minutes!");
    assert_eq!(
        line.accesskit_node().live(),
        Live::Polite,
        "a new line is announced without moving the focus"
    );
    for (label, enabled) in [
        ("1.  I'm sorry about the wait.", true),
        ("2.  Let me check your record.", false),
        ("3.  Please take a number.", true),
    ] {
        let button = h.get_by_role_and_label(Role::Button, label);
        assert_eq!(
            !button.accesskit_node().is_disabled(),
            enabled,
            "{label} enabled"
        );
    }
    h.get_by_label("🔒 You have not opened the record yet");

    // While the line types, the reader already has the whole line (it never
    // reads half a sentence), and no choice is offered yet.
    let typing = encounter::View {
        revealed: 3,
        ..encounter_view()
    };
    let mut h = harness(typing, encounter::draw);
    h.run();
    h.get_by_label("I have been waiting for forty minutes!");
    assert!(h.query_all_by_role(Role::Button).all(|b| {
        !b.accesskit_node()
            .label()
            .is_some_and(|l| l.starts_with("1."))
    }));
}

/// Pressing a choice through the accessibility tree (what a screen reader's
/// "activate" does) says it, like a click.
#[test]
fn a_choice_can_be_pressed_through_the_accessibility_tree() {
    let mut h = harness(encounter_view(), encounter::draw);
    h.run();
    h.get_by_role_and_label(Role::Button, "3.  Please take a number.")
        .click();
    h.run();
    assert_eq!(*h.state(), Some(encounter::Intent::Choose(1)));
}

/// Each need's score is text a screen reader reads ("Fairness: 60 out of
/// 100"), a need not assessed says so, and the radar chart has a description.
#[test]
fn the_debrief_reads_each_needs_score_as_text() {
    let view = debrief_view(true);
    let mut h = harness(view.clone(), debrief::draw);
    h.run();
    for need in Need::ALL {
        match view.needs[need] {
            Some(score) => {
                let text = widgets::score_text(need, score);
                h.get_by_role_and_label(Role::ProgressIndicator, &text);
            }
            None => {
                h.get_by_label(need.label());
                h.get_by_label("not assessed here");
            }
        }
    }
    assert_eq!(
        widgets::score_text(Need::Fairness, 60),
        "Fairness: 60 out of 100"
    );
    let chart = h.get_by_role(Role::Image);
    let described = chart.accesskit_node().label().unwrap_or_default();
    assert!(
        described.contains("You: Friendliness 80, Empathy 90")
            && described.contains("Best path: Friendliness 100"),
        "{described}"
    );
    h.get_by_role_and_label(Role::Button, "Replay (R)");
    h.get_by_label("Grade B");
    h.get_by_label("Overall 78 / 100");
}

/// The name and team fields are named by the labels beside them.
#[test]
fn the_title_fields_are_named_for_screen_readers() {
    let mut h = harness(title::View::default(), title::draw);
    h.run();
    let names: Vec<String> = h
        .get_all_by_role(Role::TextInput)
        .map(|field| field.accesskit_node().label().unwrap_or_default())
        .collect();
    assert_eq!(names, ["Your name", "Your team"]);
}
