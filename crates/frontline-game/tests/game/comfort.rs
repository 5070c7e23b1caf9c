// The introduction, the text size and reduced-motion settings, and the
// screens still working at the largest text size.

use super::screens::{encounter_view, harness, long_debrief, on_screen, press, shown, stateful};
use bevy_egui::egui::{Key, Rect};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use frontline_core::needs::Need;
use frontline_core::scoring::Grade;
use frontline_game::Screen;
use frontline_game::screens::{encounter, intro, settings, title};
use frontline_game::settings::{Settings, TextSize};
use frontline_game::theme::{self, Look};

/// The introduction names all six needs with an example each, the grades
/// and the pass rule, and the keys; Esc, Enter and its buttons close it.
#[test]
fn the_introduction_explains_needs_grades_passing_and_keys() {
    let first = intro::View { first_run: true };
    let mut h = harness(first.clone(), intro::draw);
    h.run();
    for need in Need::ALL {
        shown(&h, need.label());
    }
    let examples = h.query_all_by_label_contains("For example: ").count();
    assert_eq!(examples, 6, "one example per need");
    shown(&h, "Scores, grades and passing");
    assert!(h.query_by_label_contains("pass mark").is_some());
    shown(&h, "Keys");
    shown(&h, "1–9");
    shown(&h, "Esc");
    h.get_by_label("Skip (Esc)").click();
    h.run();
    assert_eq!(*h.state(), Some(intro::Intent::Close));
    for key in [Key::Escape, Key::Enter] {
        let mut h = harness(first.clone(), intro::draw);
        press(&mut h, key);
        assert_eq!(*h.state(), Some(intro::Intent::Close), "{key:?}");
    }
    // Opened again from the title, it offers the way back instead.
    let mut h = harness(intro::View { first_run: false }, intro::draw);
    h.run();
    assert!(h.query_by_label("Skip (Esc)").is_none());
    h.get_by_label("Back to the title (Enter)").click();
    h.run();
    assert_eq!(*h.state(), Some(intro::Intent::Close));
}

/// The grade bands the introduction gives are the ones the debrief uses.
#[test]
fn the_introductions_grade_bands_match_the_scoring() {
    for (letter, band) in intro::GRADES {
        let (low, high) = band.split(':').next().unwrap().split_once('–').unwrap();
        for score in [low.parse::<u8>().unwrap(), high.parse::<u8>().unwrap()] {
            assert_eq!(Grade::of(score).letter(), letter, "{score} in {band}");
        }
    }
}

/// The title's "How to play" opens the introduction again.
#[test]
fn the_title_reopens_the_introduction() {
    let view = title::View {
        name: "Ana".into(),
        ..Default::default()
    };
    let mut h = harness(view, title::draw);
    h.run();
    h.get_by_label("How to play").click();
    h.run();
    assert_eq!(*h.state(), Some(title::Intent::Open(Screen::Intro)));
}

#[test]
fn settings_change_text_size_and_reduced_motion() {
    let mut h = harness(Settings::default(), settings::draw);
    h.run();
    h.get_by_label("Largest text").click();
    h.run();
    assert!(
        matches!(h.state(), Some(settings::Intent::Change(s)) if s.text_size == TextSize::Largest)
    );
    let mut h = harness(Settings::default(), settings::draw);
    h.run();
    h.get_by_label_contains("Reduce motion").click();
    h.run();
    let expected = Settings {
        reduced_motion: true,
        ..Settings::default()
    };
    assert_eq!(
        expected.reveal_speed(),
        None,
        "reduced motion: no typewriter"
    );
    assert_eq!(*h.state(), Some(settings::Intent::Change(expected)));
}

/// The text size reaches egui's style (body text grows), and reduced
/// motion turns egui's own animations off and back on.
#[test]
fn text_size_and_reduced_motion_reach_eguis_style() {
    let ctx = bevy_egui::egui::Context::default();
    let body = |ctx: &bevy_egui::egui::Context| {
        ctx.global_style().text_styles[&bevy_egui::egui::TextStyle::Body].size
    };
    theme::apply(&ctx, &Look::default());
    let normal = body(&ctx);
    let largest = Settings {
        text_size: TextSize::Largest,
        ..Settings::default()
    };
    theme::apply(&ctx, &Look::of(&largest));
    assert!((body(&ctx) - normal * 1.4).abs() < 0.01);
    assert!(Look::of(&largest).text_scale > Look::default().text_scale);

    let still = Settings {
        reduced_motion: true,
        ..Settings::default()
    };
    theme::apply(&ctx, &Look::of(&still));
    assert_eq!(ctx.global_style().animation_time, 0.0);
    theme::apply(&ctx, &Look::default());
    assert!(ctx.global_style().animation_time > 0.0, "motion back on");
}

/// A harness drawing at the largest text size.
fn largest<'a, V: 'a, I: 'a>(
    view: V,
    draw: fn(&mut bevy_egui::egui::Ui, &V) -> Option<I>,
    window: [f32; 2],
) -> Harness<'a, (V, Option<I>)> {
    let mut h = stateful(view, draw, window);
    let look = Look::of(&Settings {
        text_size: TextSize::Largest,
        ..Settings::default()
    });
    theme::apply(&h.ctx, &look);
    h.run();
    h.run();
    h
}

fn rect_of<S>(h: &Harness<'_, S>, label: &str) -> Rect {
    h.get_by_label(label).rect()
}

/// At the largest text size in 1280×720, a long line and four long choices
/// all stand on screen, below the title bar.
#[test]
fn the_encounter_fits_1280x720_at_the_largest_text_size() {
    let window = [1280.0, 720.0];
    let long = |i: usize| {
        format!(
            "Choice {i}: I understand this has taken far too long, and I will stay with \
             it until it is sorted, starting with a call to the warehouse now."
        )
    };
    let mut view = encounter_view();
    view.text = "I have been waiting for forty minutes, nobody told me anything, \
                 the ticket machine was broken and the man before me was served twice. \
                 I want to know what is going on and I want it now."
        .into();
    view.revealed = view.text.chars().count();
    view.choices = (0..4)
        .map(|i| encounter::ChoiceLine {
            index: i,
            text: long(i + 1),
            locked: None,
        })
        .collect();
    let h = largest(view.clone(), encounter::draw, window);
    let pause = rect_of(&h, "Pause (Esc)");
    assert!(on_screen(&h, &view.text, window));
    for (n, choice) in view.choices.iter().enumerate() {
        let label = format!("{}.  {}", n + 1, choice.text);
        assert!(on_screen(&h, &label, window), "{label} off screen");
        assert!(
            rect_of(&h, &label).min.y > pause.max.y,
            "under the title bar"
        );
    }
}

/// At the largest text size in 1280×720 the debrief's buttons stay clear of
/// its title, and End still reaches the last line of the page.
#[test]
fn the_debrief_stays_usable_at_the_largest_text_size() {
    let window = [1280.0, 720.0];
    let mut view = long_debrief();
    view.title = "Phone support: the third transfer of the morning".into();
    let mut h = largest(view, frontline_game::screens::debrief::draw, window);
    let heading = rect_of(&h, "Phone support: the third transfer of the morning");
    for button in ["Next scenario (N)", "Replay (R)", "Picker (P)"] {
        let r = rect_of(&h, button);
        assert!(!r.intersects(heading), "{button} over the title");
        assert!(r.max.x <= window[0] + 0.5, "{button} off screen");
    }
    h.key_press(Key::End);
    h.run();
    h.run();
    assert!(on_screen(&h, "1. “Greet them by name.”", window));
}
