// Every screen's pure draw function under egui_kittest: the expected labels
// are present, and clicking or pressing keys produces the right intent.

use bevy_egui::egui::Key;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use frontline_core::needs::{Need, NeedMap};
use frontline_core::scenario::{Difficulty, Role};
use frontline_game::Screen;
use frontline_game::records::DataSource;
use frontline_game::screens::{
    debrief, encounter, leaderboard, picker, progress, settings, team, title,
};
use frontline_game::settings::Settings;
use frontline_results::{LeaderboardRow, RankBy};

/// A harness that draws `draw(view)` every frame and keeps the last intent.
pub fn harness<'a, V: 'a, I: 'a>(
    view: V,
    draw: fn(&mut bevy_egui::egui::Ui, &V) -> Option<I>,
) -> Harness<'a, Option<I>> {
    Harness::builder()
        .with_size([1280.0, 720.0])
        .build_ui_state(
            move |ui, out: &mut Option<I>| {
                if let Some(intent) = draw(ui, &view) {
                    *out = Some(intent);
                }
            },
            None,
        )
}

/// Asserts at least one node has exactly this label.
pub fn shown<I>(h: &Harness<'_, Option<I>>, label: &str) {
    assert!(
        h.query_all_by_label(label).next().is_some(),
        "no node labelled {label:?}"
    );
}

pub fn press<I>(h: &mut Harness<'_, Option<I>>, key: Key) {
    h.key_press(key);
    h.run();
}

#[test]
fn title_needs_a_name_then_continues_by_click_or_enter() {
    let mut h = harness(title::View::default(), title::draw);
    h.run();
    shown(&h, "Frontline");
    shown(&h, "Your name");
    shown(&h, "Enter your name to start.");
    h.get_by_label("Continue").click();
    h.run();
    assert_eq!(*h.state(), None, "Continue is disabled without a name");
    press(&mut h, Key::Enter);
    assert_eq!(*h.state(), None);

    let view = title::View {
        name: "Ana".into(),
        team: "Blue".into(),
        notice: Some("Results go to a fresh file".into()),
        sync_line: None,
    };
    let mut h = harness(view.clone(), title::draw);
    h.run();
    shown(&h, "Results go to a fresh file");
    h.get_by_label("Continue").click();
    h.run();
    assert_eq!(*h.state(), Some(title::Intent::Continue));

    let mut h = harness(view.clone(), title::draw);
    press(&mut h, Key::Enter);
    assert_eq!(*h.state(), Some(title::Intent::Continue));

    for (label, intent) in [
        ("Settings", title::Intent::Open(Screen::Settings)),
        ("Leaderboard", title::Intent::Open(Screen::Leaderboard)),
        ("Team", title::Intent::Open(Screen::Team)),
        ("My progress", title::Intent::Open(Screen::Progress)),
        ("Quit", title::Intent::Quit),
    ] {
        let mut h = harness(view.clone(), title::draw);
        h.run();
        h.get_by_label(label).click();
        h.run();
        assert_eq!(*h.state(), Some(intent), "button {label}");
    }
}

#[test]
fn title_typing_a_name_sends_the_edit() {
    let mut h = harness(title::View::default(), title::draw);
    h.run();
    let text_input = bevy_egui::egui::accesskit::Role::TextInput;
    h.get_all_by_role(text_input).next().unwrap().focus();
    h.run();
    h.get_all_by_role(text_input)
        .next()
        .unwrap()
        .type_text("Sam");
    h.run();
    assert!(matches!(h.state(), Some(title::Intent::EditName(n)) if n.ends_with('m')));
}

fn card(id: &str, title: &str, step: usize) -> picker::Card {
    picker::Card {
        id: id.into(),
        title: title.into(),
        summary: format!("Summary of {title}"),
        setting: "A bank branch, Monday morning".into(),
        difficulty: Difficulty::Hard,
        tags: vec!["waiting-time".into()],
        role: Role::Vendor,
        best: (step == 1).then_some(82),
        step: Some(step),
    }
}

fn picker_view() -> picker::View {
    picker::View {
        cards: vec![
            card("first", "First steps", 1),
            card("second", "Second try", 2),
        ],
        broken: vec![picker::Broken {
            file: "broken.ron".into(),
            error: "broken.ron:3:5: expected `)`".into(),
            count: 2,
        }],
        loading: false,
    }
}

#[test]
fn picker_shows_cards_and_broken_files() {
    let mut h = harness(picker_view(), picker::draw);
    h.run();
    for label in [
        "First steps",
        "Second try",
        "Summary of First steps",
        "Hard",
        "Vendor",
        "waiting-time",
        "Your best: 82",
        "Not played yet",
        "Could not load",
        "broken.ron  (2 errors)",
        "broken.ron:3:5: expected `)`",
    ] {
        shown(&h, label);
    }
    let plays: Vec<_> = h.get_all_by_label("Play").collect();
    assert_eq!(plays.len(), 2);
    plays[1].click();
    h.run();
    assert_eq!(*h.state(), Some(picker::Intent::Play("second".into())));
}

#[test]
fn picker_arrows_move_through_the_card_grid_and_enter_plays() {
    let mut view = picker_view();
    view.cards = (0..7)
        .map(|i| card(&format!("c{i}"), &format!("Card {i}"), i + 1))
        .collect();
    let mut h = harness(view, picker::draw);
    h.run();
    let played = |h: &Harness<'_, Option<picker::Intent>>| match h.state() {
        Some(picker::Intent::Play(id)) => id.clone(),
        other => panic!("expected Play, got {other:?}"),
    };
    press(&mut h, Key::Enter);
    assert_eq!(played(&h), "c0");
    press(&mut h, Key::ArrowRight);
    press(&mut h, Key::Enter);
    assert_eq!(played(&h), "c1");
    // Down moves a whole row (several cards fit side by side at 1280 px)...
    press(&mut h, Key::ArrowDown);
    press(&mut h, Key::Enter);
    let below: usize = played(&h)[1..].parse().unwrap();
    assert!(below >= 3, "Down moved from c1 to c{below}, not a row");
    // ...and Up comes back to the same column.
    press(&mut h, Key::ArrowUp);
    press(&mut h, Key::Enter);
    assert_eq!(played(&h), "c1");
    press(&mut h, Key::Escape);
    assert_eq!(*h.state(), Some(picker::Intent::Back));
}

pub fn encounter_view() -> encounter::View {
    let text = "I have been waiting for forty minutes!".to_string();
    encounter::View {
        title: "The long queue".into(),
        speaker: "Mrs Okafor".into(),
        revealed: text.chars().count(),
        keys_ready: true,
        text,
        choices: vec![
            encounter::ChoiceLine {
                index: 2,
                text: "I'm sorry about the wait.".into(),
                locked: None,
            },
            encounter::ChoiceLine {
                index: 0,
                text: "Let me check your record.".into(),
                locked: Some("You have not opened the record yet".into()),
            },
            encounter::ChoiceLine {
                index: 1,
                text: "Please take a number.".into(),
                locked: None,
            },
        ],
        ..Default::default()
    }
}

#[test]
fn encounter_shows_line_and_numbered_choices() {
    let mut h = harness(encounter_view(), encounter::draw);
    h.run();
    shown(&h, "Mrs Okafor");
    shown(&h, "I have been waiting for forty minutes!");
    shown(&h, "1.  I'm sorry about the wait.");
    shown(&h, "🔒 You have not opened the record yet");
    h.get_by_label("3.  Please take a number.").click();
    h.run();
    assert_eq!(*h.state(), Some(encounter::Intent::Choose(1)));
}

#[test]
fn encounter_number_keys_pick_by_position_and_skip_locked() {
    let mut h = harness(encounter_view(), encounter::draw);
    h.run();
    press(&mut h, Key::Num2);
    assert_eq!(*h.state(), None, "choice 2 is locked");
    press(&mut h, Key::Num1);
    assert_eq!(*h.state(), Some(encounter::Intent::Choose(2)));
    press(&mut h, Key::Num3);
    assert_eq!(*h.state(), Some(encounter::Intent::Choose(1)));
}

#[test]
fn encounter_arrows_skip_locked_and_enter_picks() {
    let mut h = harness(encounter_view(), encounter::draw);
    h.run();
    press(&mut h, Key::ArrowDown);
    press(&mut h, Key::Enter);
    assert_eq!(*h.state(), Some(encounter::Intent::Choose(1)));
}

#[test]
fn encounter_typewriter_space_skips_and_esc_pauses() {
    let view = encounter::View {
        revealed: 5,
        ..encounter_view()
    };
    let mut h = harness(view, encounter::draw);
    h.run();
    // The whole line is laid out (the rest transparent) so words never jump
    // rows while it types; a screen reader gets the whole line at once.
    shown(&h, "I have been waiting for forty minutes!");
    assert!(
        h.query_by_label("1.  I'm sorry about the wait.").is_none(),
        "choices wait for the line"
    );
    press(&mut h, Key::Space);
    assert_eq!(*h.state(), Some(encounter::Intent::SkipReveal));
    press(&mut h, Key::Escape);
    assert_eq!(*h.state(), Some(encounter::Intent::Pause));
}

#[test]
fn encounter_pause_menu_and_live_scores() {
    let paused = encounter::View {
        paused: true,
        ..encounter_view()
    };
    let mut h = harness(paused.clone(), encounter::draw);
    h.run();
    shown(&h, "Paused");
    h.get_by_label("2. Restart").click();
    h.run();
    assert_eq!(*h.state(), Some(encounter::Intent::Restart));
    let mut h = harness(paused.clone(), encounter::draw);
    press(&mut h, Key::Num3);
    assert_eq!(*h.state(), Some(encounter::Intent::QuitToPicker));
    let mut h = harness(paused, encounter::draw);
    press(&mut h, Key::Escape);
    assert_eq!(*h.state(), Some(encounter::Intent::Resume));

    let mut h = harness(encounter_view(), encounter::draw);
    h.run();
    assert!(
        h.query_by_label("Needs so far").is_none(),
        "scores hidden by default"
    );
    let mut scores = NeedMap([0; 6]);
    scores[Need::Empathy] = 3;
    let live = encounter::View {
        live_scores: Some(scores),
        ..encounter_view()
    };
    let mut h = harness(live, encounter::draw);
    h.run();
    shown(&h, "Needs so far");
    shown(&h, "Understanding & empathy: +3");
}

#[test]
fn encounter_end_goes_to_debrief() {
    let ended = encounter::View {
        ended: true,
        choices: vec![],
        ..encounter_view()
    };
    let mut h = harness(ended, encounter::draw);
    h.run();
    h.get_by_label("See how you did (Enter)").click();
    h.run();
    assert_eq!(*h.state(), Some(encounter::Intent::Finish));
}

pub fn debrief_view(has_next: bool) -> debrief::View {
    debrief::View {
        title: "The long queue".into(),
        headline: debrief::headline(
            Some(frontline_core::scenario::Outcome::Satisfied),
            false,
            "Mrs Okafor got what she needed.",
        ),
        outcome: Some(frontline_core::scenario::Outcome::Satisfied),
        closing: "Thank you, that helps.".into(),
        overall: Some(78),
        grade: Some('B'),
        verdict: "Good service: the customer's main needs were met.".into(),
        passed: true,
        pass_mark: 60,
        needs: NeedMap([Some(80), Some(90), None, Some(60), Some(70), Some(88)]),
        best: NeedMap([Some(100), Some(100), None, Some(90), Some(100), Some(100)]),
        survey: vec![("They listened and understood my situation.".into(), 4)],
        transcript: vec![debrief::TranscriptLine {
            said: "I'm sorry about the wait.".into(),
            why: "Acknowledging the wait shows you see the person.".into(),
            impact: vec![(Need::Empathy, 2), (Need::Information, -1)],
        }],
        best_path: vec!["Greet them by name.".into()],
        has_next,
        play_id: 1,
        pass_rule: "Passing needs 60 overall and an ending of at least Satisfied.".into(),
        pass_problem: None,
        scale: "Each need is scored from 0 to 100 against this encounter.".into(),
        competing: Some("Here the needs compete: the best path reaches 90 on fairness.".into()),
        stories: vec![debrief::NeedStory {
            need: Some(Need::Fairness),
            title: "Fairness 60 (best possible here: 90)".into(),
            meaning: "Adequate.".into(),
            lines: vec!["You: “Next, please.” (-1). Skipping the queue check was unfair.".into()],
        }],
    }
}

#[test]
fn debrief_shows_grade_survey_transcript_and_best_path() {
    let mut h = harness(debrief_view(true), debrief::draw);
    h.run();
    for label in [
        "Satisfied: Mrs Okafor got what she needed.",
        "Grade B",
        "Overall 78 / 100",
        "Passed (pass mark 60)",
        "They listened and understood my situation.",
        "1. “I'm sorry about the wait.”",
        "Acknowledging the wait shows you see the person.",
        "Empathy +2",
        "Information -1",
        "1. “Greet them by name.”",
        "not assessed here",
        "What the scores mean",
        "Each need is scored from 0 to 100 against this encounter.",
        "Passing needs 60 overall and an ending of at least Satisfied.",
        "Here the needs compete: the best path reaches 90 on fairness.",
        "Fairness 60 (best possible here: 90)",
    ] {
        shown(&h, label);
    }
    // Each need opens to the choices that moved it and what the best path did.
    h.get_by_label("Fairness 60 (best possible here: 90)")
        .click();
    h.run();
    shown(
        &h,
        "You: “Next, please.” (-1). Skipping the queue check was unfair.",
    );
    h.get_by_label("Replay (R)").click();
    h.run();
    assert_eq!(*h.state(), Some(debrief::Intent::Replay));
    press(&mut h, Key::N);
    assert_eq!(*h.state(), Some(debrief::Intent::Next));
    press(&mut h, Key::P);
    assert_eq!(*h.state(), Some(debrief::Intent::Picker));
}

#[test]
fn debrief_without_next_hides_the_button_and_enter_goes_to_picker() {
    let mut h = harness(debrief_view(false), debrief::draw);
    h.run();
    assert!(h.query_by_label("Next scenario (N)").is_none());
    press(&mut h, Key::Enter);
    assert_eq!(*h.state(), Some(debrief::Intent::Picker));
}

#[test]
fn settings_toggles_produce_changed_settings() {
    let mut h = harness(Settings::default(), settings::draw);
    h.run();
    shown(&h, "Text speed");
    h.get_by_label("Colour-blind-safe palette").click();
    h.run();
    let expected = Settings {
        colour_blind_safe: true,
        ..Settings::default()
    };
    assert_eq!(*h.state(), Some(settings::Intent::Change(expected)));

    let mut h = harness(Settings::default(), settings::draw);
    h.run();
    h.get_by_label("Large").click();
    h.run();
    assert!(matches!(h.state(), Some(settings::Intent::Change(s)) if s.ui_scale == 1.25));
    press(&mut h, Key::Escape);
    assert_eq!(*h.state(), Some(settings::Intent::Back));
}

#[test]
fn leaderboard_lists_rows_and_changes_filters() {
    let row = |rank: u32, name: &str, score: f64, plays: u64| LeaderboardRow {
        rank,
        player_id: None,
        name: name.into(),
        team: "Blue".into(),
        score,
        best: score as u8,
        average: score,
        plays,
        passed: 1,
        players: 1,
        last_played: chrono::DateTime::UNIX_EPOCH,
    };
    let view = leaderboard::View {
        rows: vec![row(1, "Ana", 91.0, 3), row(2, "Ben", 64.0, 1)],
        teams: vec!["Blue".into()],
        me: "Ben".into(),
        ..Default::default()
    };
    let mut h = harness(view, leaderboard::draw);
    h.run();
    for label in ["Ana", "Ben", "91", "64", "Blue", "By player", "Average"] {
        shown(&h, label);
    }
    h.get_by_label("By team").click();
    h.run();
    assert!(matches!(h.state(), Some(leaderboard::Intent::Filter(f)) if f.by == RankBy::Team));

    let mut h = harness(leaderboard::View::default(), leaderboard::draw);
    h.run();
    shown(
        &h,
        "No results for these filters yet. Finish an encounter to appear here.",
    );
}

#[test]
fn team_view_highlights_the_weakest_need_and_its_scenarios() {
    let view = team::View {
        team: "Blue".into(),
        player: "Ana".into(),
        team_needs: NeedMap([Some(0.8), Some(0.3), Some(0.7), Some(0.6), None, Some(0.9)]),
        player_needs: NeedMap([Some(0.9); 6]),
        weakest: Some(Need::Empathy),
        training: vec![
            ("grief".into(), "A difficult call".into()),
            ("queue".into(), "The long queue".into()),
        ],
        source: DataSource::Local,
    };
    let mut h = harness(view, team::draw);
    h.run();
    shown(&h, "Team Blue against Ana");
    shown(&h, "Understanding & empathy");
    shown(&h, "Team average 30 / 100, you 90");
    h.get_by_label("2. The long queue").click();
    h.run();
    assert_eq!(*h.state(), Some(team::Intent::Play("queue".into())));
    press(&mut h, Key::Num1);
    assert_eq!(*h.state(), Some(team::Intent::Play("grief".into())));
}

#[test]
fn progress_lists_unplayed_scenarios() {
    let mut series: NeedMap<Vec<(usize, u8)>> = NeedMap::default();
    series[Need::Control] = vec![(1, 40), (2, 75)];
    let view = progress::View {
        player: "Ana".into(),
        plays: 2,
        encounters: vec![
            progress::Played {
                date: "11-02".into(),
                scenario: "Out of Stock".into(),
            },
            progress::Played {
                date: "11-20".into(),
                scenario: "Late delivery".into(),
            },
        ],
        series,
        not_played: vec![("vendor".into(), "Late delivery".into())],
        source: DataSource::Local,
    };
    let mut h = harness(view, progress::draw);
    h.run();
    shown(&h, "2 encounters finished by Ana");
    shown(&h, "Not played yet");
    h.get_by_label("1. Late delivery").click();
    h.run();
    assert_eq!(*h.state(), Some(progress::Intent::Play("vendor".into())));
}

/// With a team server configured, the shared screens say whether they show
/// its data or, offline, this computer's; without one they say nothing.
#[test]
fn shared_screens_mark_offline_data_and_say_nothing_without_a_server() {
    let offline = DataSource::Offline.mark().unwrap();
    assert!(offline.starts_with("Offline"));
    fn found<I>(h: &Harness<'_, Option<I>>) -> [bool; 2] {
        let offline = DataSource::Offline.mark().unwrap();
        [offline, "Team server"].map(|l| h.query_by_label(l).is_some())
    }
    let marks = |source: DataSource| -> Vec<bool> {
        let mut seen = Vec::new();
        let mut h = harness(
            leaderboard::View {
                source,
                ..Default::default()
            },
            leaderboard::draw,
        );
        h.run();
        seen.extend(found(&h));
        let mut h = harness(
            team::View {
                source,
                ..Default::default()
            },
            team::draw,
        );
        h.run();
        seen.extend(found(&h));
        let mut h = harness(
            progress::View {
                source,
                ..Default::default()
            },
            progress::draw,
        );
        h.run();
        seen.extend(found(&h));
        seen
    };
    assert_eq!(marks(DataSource::Offline), [true, false].repeat(3));
    assert_eq!(marks(DataSource::Server), [false, true].repeat(3));
    assert_eq!(marks(DataSource::Local), [false, false].repeat(3));
}

#[test]
fn the_title_says_how_many_results_wait_to_sync() {
    let status = frontline_sync::SyncStatus {
        pending: 3,
        ..Default::default()
    };
    let view = title::View {
        name: "Ana".into(),
        sync_line: status.waiting_line(),
        ..Default::default()
    };
    let mut h = harness(view, title::draw);
    h.run();
    shown(&h, "3 results waiting to sync");
    let synced = frontline_sync::SyncStatus::default();
    assert_eq!(
        synced.waiting_line(),
        None,
        "nothing shown when all are sent"
    );
}

/// The typewriter never drops or splits a letter, whatever the alphabet.
#[test]
fn the_typewriter_splits_by_letters_not_bytes() {
    let text = "Señora Ngũgĩ waited — 45 min 😤 at desk B42";
    for n in 0..=text.chars().count() + 2 {
        let (typed, to_come) = encounter::typewriter_split(text, n);
        assert_eq!(format!("{typed}{to_come}"), text);
        assert_eq!(typed.chars().count(), n.min(text.chars().count()));
    }
}

/// Space pressed as a line finishes typing must not also skip the next line:
/// keys act only once the whole line has stood for a moment.
#[test]
fn keys_wait_until_the_finished_line_has_stood_for_a_moment() {
    let just_finished = encounter::View {
        choices: vec![],
        can_continue: true,
        keys_ready: false,
        ..encounter_view()
    };
    let mut h = harness(just_finished.clone(), encounter::draw);
    h.run();
    press(&mut h, Key::Space);
    assert_eq!(*h.state(), None, "Space too early is ignored");
    h.get_by_label("Continue (Space)").click();
    h.run();
    assert_eq!(
        *h.state(),
        Some(encounter::Intent::Continue),
        "a click always works"
    );

    let settled = encounter::View {
        keys_ready: true,
        ..just_finished
    };
    let mut h = harness(settled, encounter::draw);
    h.run();
    press(&mut h, Key::Space);
    assert_eq!(*h.state(), Some(encounter::Intent::Continue));
}

/// A harness over a view that the test can change between frames.
pub fn stateful<'a, V: 'a, I: 'a>(
    view: V,
    draw: fn(&mut bevy_egui::egui::Ui, &V) -> Option<I>,
    size: [f32; 2],
) -> Harness<'a, (V, Option<I>)> {
    Harness::builder().with_size(size).build_ui_state(
        move |ui, state: &mut (V, Option<I>)| {
            if let Some(intent) = draw(ui, &state.0) {
                state.1 = Some(intent);
            }
        },
        (view, None),
    )
}

/// Whether the node labelled `label` lies inside the window.
pub fn on_screen<S>(h: &Harness<'_, S>, label: &str, window: [f32; 2]) -> bool {
    let r = h.get_by_label(label).rect();
    r.min.y >= -0.5 && r.max.y <= window[1] + 0.5 && r.max.x <= window[0] + 0.5
}

pub fn long_debrief() -> debrief::View {
    let mut view = debrief_view(true);
    view.transcript = (0..12)
        .map(|i| debrief::TranscriptLine {
            said: format!("Answer number {i}, said with care."),
            why: "A reason the trainer wrote.".into(),
            impact: vec![(Need::Fairness, 1)],
        })
        .collect();
    view
}

/// At 800×600 the whole debrief can be read by keyboard alone: End brings the
/// last need bar and the survey into view, Home goes back to the top, and a
/// new play opens at the top again (not where the last debrief was left).
#[test]
fn the_debrief_scrolls_by_keyboard_and_each_play_opens_at_the_top() {
    let window = [800.0, 600.0];
    let mut h = stateful(long_debrief(), debrief::draw, window);
    h.run();
    assert!(
        !on_screen(&h, "Customer survey", window),
        "the survey starts below the fold at 800×600"
    );
    let mut pages = 0;
    while !on_screen(&h, "Customer survey", window) && pages < 10 {
        h.key_press(Key::PageDown);
        h.run();
        h.run();
        pages += 1;
    }
    assert!(
        on_screen(&h, "Customer survey", window),
        "Page Down reaches the survey"
    );
    assert!(on_screen(
        &h,
        "They listened and understood my situation.",
        window
    ));
    h.key_press(Key::End);
    h.run();
    h.run();
    assert!(
        on_screen(&h, "1. “Greet them by name.”", window),
        "End reaches the last line of the page"
    );
    h.key_press(Key::Home);
    h.run();
    h.run();
    assert!(on_screen(&h, "Grade B", window));

    h.key_press(Key::End);
    h.run();
    h.run();
    assert!(!on_screen(&h, "Grade B", window));
    h.state_mut().0.play_id = 2;
    h.run();
    h.run();
    assert!(
        on_screen(&h, "Grade B", window),
        "the next play opens at the top"
    );
}

/// A closing line or an answer that is itself a quotation gets one pair of
/// quotes, not two.
#[test]
fn quotes_are_never_doubled() {
    use frontline_game::screens::widgets::quoted;
    assert_eq!(
        quoted("\"Don't bother calling again.\""),
        "“Don't bother calling again.”"
    );
    assert_eq!(quoted("“Not now, Jamie…”"), "“Not now, Jamie…”");
    assert_eq!(quoted("Thank you."), "“Thank you.”");
    let mut view = debrief_view(false);
    view.closing = "\"Don't bother calling again.\"".into();
    let mut h = harness(view, debrief::draw);
    h.run();
    shown(&h, "“Don't bother calling again.”");
}

/// A closing line that is narration with speech inside is not wrapped in
/// quotes as a whole; its own quotes open and close the right way round.
#[test]
fn narration_with_speech_keeps_its_own_quotes() {
    let mut view = debrief_view(false);
    view.closing = "Kwame nods and says, \"Thanks. That helps,\" on his way out.".into();
    let mut h = harness(view, debrief::draw);
    h.run();
    shown(
        &h,
        "Kwame nods and says, “Thanks. That helps,” on his way out.",
    );
}

/// The picker's highlight never leaves the screen: moving it down a long list
/// scrolls the highlighted card into view, so Enter plays what the player sees.
#[test]
fn the_picker_keeps_the_highlighted_card_on_screen() {
    let window = [800.0, 600.0];
    let view = picker::View {
        cards: (1..=10)
            .map(|i| card(&format!("s{i}"), &format!("Scenario {i}"), i))
            .collect(),
        ..Default::default()
    };
    let mut h = stateful(view, picker::draw, window);
    h.run();
    h.run();
    for _ in 0..9 {
        h.key_press(Key::ArrowRight);
        h.run();
    }
    h.run();
    assert!(
        on_screen(&h, "Scenario 10", window),
        "the last card scrolled into view"
    );
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(h.state().1, Some(picker::Intent::Play("s10".into())));
}

/// At first start the name field has the keyboard focus: typing goes straight in.
#[test]
fn the_title_focuses_the_empty_name_field() {
    let mut h = harness(title::View::default(), title::draw);
    h.run();
    h.run();
    let text_input = bevy_egui::egui::accesskit::Role::TextInput;
    let name = h.get_all_by_role(text_input).next().unwrap();
    assert!(
        name.is_focused(),
        "the name field has the focus without a click"
    );
    name.type_text("Sam");
    h.run();
    assert_eq!(*h.state(), Some(title::Intent::EditName("Sam".into())));
}
