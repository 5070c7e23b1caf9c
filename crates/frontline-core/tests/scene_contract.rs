//! The scene and people contract: what trainers write (`scene:`, `people:`,
//! pronoun and `{me}` placeholders), what the validator says about mistakes
//! (every problem at once, at its line:column), and what the engine shows.

use frontline_core::engine::{CompiledScenario, DEFAULT_PLAYER_NAME, Encounter};
use frontline_core::scenario::{Age, Daylight, Place, Pronouns, Scenario, load_str};
use std::path::Path;
use std::sync::Arc;

/// A small valid scenario with `scene` and `customer` filled in from the arguments.
fn scenario_with(scene: &str, customer: &str) -> String {
    format!(
        r#"(
    id: "scene-test",
    title: "Scene test",
    scene: {scene},
    customer: {customer},
    pin_choice_order: true,
    start: "hello",
    nodes: {{
        "hello": Line(speaker: Customer, text: "Hi {{me}}, {{They're}} {{name}}.", choices: [
            Choice(text: "Hello {{name}}, I'm {{me}}. How can I help {{them}}?", needs: {{Friendliness: 1, Empathy: 1, Fairness: 1, Options: 1, Control: 1, Information: 1}},
                   next: "bye", why: "{{They}} felt welcome: {{their}} name was used."),
        ]),
        "bye": End(outcome: Satisfied, text: "{{name}} waves; the day is {{theirs}}."),
    }},
)"#
    )
}

const PEOPLE: &str = r#"Customer(
        people: [
            Person(name: "Priya Nair", pronouns: She, look: (age: Young, seed: 19)),
            Person(name: "Kofi Mensah", pronouns: He, look: (age: Adult, seed: 7)),
            Person(name: "Alex Kim", pronouns: They, look: (age: Older, seed: 3)),
        ],
        role: External, mood: 15, patience: 180,
    )"#;

const PHONE: &str = r#"Scene(place: Phone, time: "21:40", ticket: Some("B42"))"#;

fn load_ok(text: &str) -> Scenario {
    let loaded = load_str(Path::new("scene.ron"), text);
    assert!(
        loaded.is_ok() && loaded.warning_count() == 0,
        "{}",
        loaded.render_human(false)
    );
    loaded.scenario.expect("loaded")
}

/// (code, line, column) of every diagnostic.
fn problems(text: &str) -> Vec<(&'static str, usize, usize)> {
    let loaded = load_str(Path::new("scene.ron"), text);
    loaded
        .diagnostics
        .iter()
        .map(|d| (d.code, d.position.line, d.position.column))
        .collect()
}

#[test]
fn a_scene_and_people_load_without_warnings() {
    let s = load_ok(&scenario_with(PHONE, PEOPLE));
    assert_eq!(s.scene.place, Place::Phone);
    assert_eq!(s.scene.time_of_day().to_string(), "21:40");
    assert_eq!(s.scene.time_of_day().daylight(), Daylight::Night);
    assert_eq!(s.scene.ticket.as_deref(), Some("B42"));
    let people = s.customer.people();
    assert_eq!(people.len(), 3);
    assert_eq!(people[1].pronouns, Pronouns::He);
    assert_eq!(people[2].look.age, Age::Older);
}

#[test]
fn old_names_and_a_missing_scene_still_load_with_defaults() {
    let s = load_ok(&scenario_with(
        "Scene()",
        r#"Customer(names: ["Ms. Okafor", "Mr. Castellano"], look: (age: Older, seed: 5))"#,
    ));
    assert_eq!(s.scene.place, Place::Counter);
    assert_eq!(s.scene.time, "10:00");
    assert_eq!((s.scene.queue, s.scene.ticket.as_deref()), (0, None));
    let people = s.customer.people();
    assert!(people.iter().all(|p| p.pronouns == Pronouns::They));
    assert!(people.iter().all(|p| p.look.seed == 5));
}

#[test]
fn every_scene_and_people_mistake_is_reported_at_once_with_its_position() {
    let scene = r#"Scene(place: VideoCall, time: "9:75", queue: 5, ticket: Some("B42-LONG"))"#;
    let customer = r#"Customer(
        names: ["Sam"],
        people: [
            Person(name: "Priya", pronouns: She),
            Person(name: "Priya", look: (portrait: Some("../secret.png"))),
            Person(name: " "),
        ],
    )"#;
    let found = problems(&scenario_with(scene, customer));
    let expect = [
        ("bad-time", 4, 42),
        ("queue-when-remote", 4, 57),
        ("ticket-too-long", 4, 68),
        ("names-and-people", 6, 16),
        ("duplicate-person", 9, 26),
        ("asset-path", 9, 52),
        ("empty-text", 10, 26),
    ];
    assert_eq!(found, expect);
}

#[test]
fn an_empty_people_list_and_an_empty_ticket_are_errors() {
    let found = problems(&scenario_with(
        r#"Scene(ticket: Some(" "))"#,
        "Customer(people: [])",
    ));
    assert_eq!(found, [("empty-text", 4, 26), ("no-names", 5, 32)]);
}

#[test]
fn a_misspelt_pronoun_placeholder_gets_a_did_you_mean() {
    let text = scenario_with(PHONE, PEOPLE).replace("{their} name", "{thier} name");
    let loaded = load_str(Path::new("scene.ron"), &text);
    let d = &loaded.diagnostics[0];
    assert_eq!((d.code, d.position.line), ("unknown-placeholder", 18));
    assert_eq!(d.help.as_deref(), Some("did you mean `their`?"));
}

fn compiled(text: &str) -> Arc<CompiledScenario> {
    Arc::new(CompiledScenario::new(&load_ok(text)).expect("compiles"))
}

#[test]
fn the_picked_person_keeps_name_face_and_pronouns_together() {
    let c = compiled(&scenario_with(PHONE, PEOPLE));
    let mut seen = Vec::new();
    for seed in 0..40 {
        let enc = Encounter::start_as(Arc::clone(&c), seed, "Jordan");
        let v = enc.view();
        let person = c
            .scenario
            .customer
            .people()
            .iter()
            .find(|p| p.name == v.customer_name)
            .cloned()
            .expect("a listed person");
        assert_eq!(v.person, person);
        let (they_are, them) = match person.pronouns {
            Pronouns::She => ("She's", "her"),
            Pronouns::He => ("He's", "him"),
            Pronouns::They => ("They're", "them"),
        };
        assert_eq!(v.text, format!("Hi Jordan, {they_are} {}.", person.name));
        assert!(v.choices[0].text.ends_with(&format!("help {them}?")));
        seen.push(person.name);
    }
    seen.sort();
    seen.dedup();
    assert_eq!(seen.len(), 3, "every person is picked by some seed");
}

#[test]
fn the_view_carries_the_scene_for_drawing() {
    let c = compiled(&scenario_with(
        r#"Scene(place: ShopFloor, time: "07:15", queue: 4, ticket: Some("A7"))"#,
        PEOPLE,
    ));
    let v = Encounter::start(c, 1).view();
    assert_eq!(v.scene.place, Place::ShopFloor);
    assert_eq!(v.scene.queue, 4);
    assert_eq!(v.scene.ticket.as_deref(), Some("A7"));
    assert_eq!(v.time_of_day.to_string(), "07:15");
    assert_eq!(v.time_of_day.daylight(), Daylight::Day);
    assert_eq!(v.player_name, DEFAULT_PLAYER_NAME);
}

#[test]
fn me_and_pronouns_reach_the_transcript_and_survive_a_replay() {
    let c = compiled(&scenario_with(PHONE, PEOPLE));
    let mut enc = Encounter::start_as(Arc::clone(&c), 4, "Jordan");
    enc.choose(0).expect("open choice");
    let t = enc.transcript().clone();
    let (_, record) = t.choices().next().expect("one choice");
    assert!(record.text.contains("I'm Jordan."), "{}", record.text);
    assert!(!record.why.contains('{'), "{}", record.why);
    assert_eq!(t.player_name, "Jordan");
    let replayed = Encounter::replay(c, &t).expect("replays");
    assert_eq!(replayed.transcript(), &t);
}

#[test]
fn names_lists_keep_their_seeded_names() {
    // The person is drawn exactly as the name was before `people` existed, so
    // stored seeds and self-tests keep the same customer.
    let text = scenario_with("Scene()", r#"Customer(names: ["A", "B", "C", "D"])"#);
    let c = compiled(&text);
    let names: Vec<String> = (0..8)
        .map(|seed| Encounter::start(Arc::clone(&c), seed).view().customer_name)
        .collect();
    assert_eq!(names, ["C", "C", "A", "A", "D", "A", "B", "A"]);
}

#[test]
fn no_win_with_a_happy_ending_is_warned_about() {
    let text = scenario_with("Scene()", PEOPLE)
        .replace(r#"id: "scene-test","#, r#"id: "scene-test", no_win: true,"#);
    let loaded = load_str(Path::new("scene.ron"), &text);
    let codes: Vec<_> = loaded.diagnostics.iter().map(|d| d.code).collect();
    assert_eq!(codes, ["no-win-with-happy-ending"]);
    let calm = text.replace("End(outcome: Satisfied", "End(outcome: Neutral");
    assert!(problems(&calm).is_empty());
}

#[test]
fn the_guide_shows_the_outcome_wording_the_debrief_uses() {
    use frontline_core::scenario::{Outcome, Role};
    use frontline_core::scoring::{outcome_phrase, walked_out_phrase};
    let guide = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../docs/writing-scenarios.md"
    ))
    .expect("guide");
    let columns = [
        (Role::External, Place::Counter),
        (Role::External, Place::Phone),
        (Role::Internal, Place::Desk),
        (Role::Vendor, Place::Phone),
    ];
    for outcome in Outcome::ALL {
        let row: Vec<&str> = columns
            .iter()
            .map(|&(role, place)| outcome_phrase(outcome, role, place))
            .collect();
        let line = format!("| `{outcome:?}` | {} |", row.join(" | "));
        assert!(guide.contains(&line), "the guide lacks {line}");
    }
    let walked = walked_out_phrase(Role::External, Place::Counter);
    assert!(guide.contains(walked), "the guide lacks {walked}");
}
