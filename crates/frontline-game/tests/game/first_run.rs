// The first-run introduction and reduced motion in the real game logic
// (headless app over the shipped dialogues).

use super::headless_app::{headless_app, screen, send, wait_for_dialogues};
use frontline_game::Screen;
use frontline_game::screens::{intro, picker, title};
use frontline_game::session::ActiveEncounter;
use frontline_game::settings::{Preferences, TextSpeed};

/// The introduction opens by itself once, after the name is entered; the next
/// start goes straight to the scenarios, and the title's "How to play"
/// brings it back (closing it then returns to the title).
#[test]
fn the_introduction_opens_once_and_stays_reachable_from_the_title() {
    let data = tempfile::tempdir().unwrap();
    {
        let mut app = headless_app(data.path());
        wait_for_dialogues(&mut app);
        send(&mut app, title::Intent::EditName("Dee".into()));
        send(&mut app, title::Intent::Continue);
        assert_eq!(screen(&app), Screen::Intro);
        send(&mut app, intro::Intent::Close);
        assert_eq!(screen(&app), Screen::Picker, "skipping leads on to play");
        assert!(app.world().resource::<Preferences>().intro_seen);
    }
    let mut app = headless_app(data.path());
    wait_for_dialogues(&mut app);
    assert!(
        app.world().resource::<Preferences>().intro_seen,
        "remembered"
    );
    send(&mut app, title::Intent::Continue);
    assert_eq!(screen(&app), Screen::Picker, "not shown a second time");
    send(&mut app, picker::Intent::Back);
    send(&mut app, title::Intent::Open(Screen::Intro));
    assert_eq!(screen(&app), Screen::Intro);
    send(&mut app, intro::Intent::Close);
    assert_eq!(screen(&app), Screen::Title);
}

/// Revealed characters of the current line after starting the first
/// scenario and running a few frames.
fn revealed_after_start(reduced_motion: bool) -> (usize, usize) {
    let data = tempfile::tempdir().unwrap();
    let mut app = headless_app(data.path());
    wait_for_dialogues(&mut app);
    {
        let mut prefs = app.world_mut().resource_mut::<Preferences>();
        prefs.settings.text_speed = TextSpeed::Slow;
        prefs.settings.reduced_motion = reduced_motion;
    }
    send(&mut app, title::Intent::EditName("Dee".into()));
    let first = {
        let w = app.world();
        picker::build_view(
            w.resource::<frontline_game::catalog::Catalog>(),
            w.resource::<frontline_game::records::Records>(),
            w.resource::<Preferences>().profile.player_id,
        )
        .unwrap()
        .cards[0]
            .id
            .clone()
    };
    send(&mut app, picker::Intent::Play(first));
    assert_eq!(screen(&app), Screen::Encounter);
    app.update();
    let active = app.world().resource::<ActiveEncounter>();
    (active.revealed as usize, active.view.text.chars().count())
}

/// Reduced motion: the line stands whole from its first frame, whatever the
/// text speed; without it, a slow typewriter is still typing.
#[test]
fn reduced_motion_shows_each_line_whole_at_once() {
    let (revealed, total) = revealed_after_start(true);
    assert!(total > 20);
    assert_eq!(revealed, total);
    let (revealed, total) = revealed_after_start(false);
    assert!(revealed < total, "slow typing: {revealed} of {total}");
}
