// Where a finished play goes besides the screen: a result that breaks the
// result rules is not saved and the player is told why; with a learning
// record store configured (lrs.ron in the data folder), saved results reach
// it in the background. The LRS is the real Ralph started by
// scripts/services/ralph.sh (CI starts it); without it that test is skipped
// with a note, except under CI=true.

use super::headless_app::{
    headless_app, picker_view, play_to_debrief, send, stored, wait_for_dialogues,
};
use frontline_game::screens::{picker, title};
use frontline_game::toast::Toasts;
use frontline_lrs::{Client, LrsConfig};
use std::time::{Duration, Instant};

/// Title (as `name`) → first card → played to the debrief.
fn play_first_as(app: &mut bevy::prelude::App, name: &str) {
    wait_for_dialogues(app);
    send(app, title::Intent::EditName(name.into()));
    send(app, title::Intent::Continue);
    let first = picker_view(app).cards[0].id.clone();
    send(app, picker::Intent::Play(first));
    play_to_debrief(app);
}

#[test]
fn an_invalid_result_is_not_saved_and_the_player_is_told_why() {
    let data = tempfile::tempdir().unwrap();
    let mut app = headless_app(data.path());
    // The title screen takes any non-empty name; results allow 100 characters.
    play_first_as(&mut app, &"N".repeat(101));
    assert!(stored(&app).is_empty(), "an invalid result was stored");
    let toasts = app.world().resource::<Toasts>();
    let message = toasts
        .0
        .iter()
        .find(|t| t.error && t.text.contains("could not be saved"))
        .map(|t| t.text.clone())
        .expect("an error toast about the result");
    assert!(message.contains("player"), "{message}");
    assert!(message.contains("100"), "{message}");
}

fn test_lrs() -> Option<LrsConfig> {
    let var = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
    let found = (
        var("FRONTLINE_TEST_LRS_URL"),
        var("FRONTLINE_TEST_LRS_USER"),
        var("FRONTLINE_TEST_LRS_PASSWORD"),
    );
    if let (Some(endpoint), Some(user), Some(password)) = found {
        return Some(LrsConfig {
            endpoint,
            user,
            password,
        });
    }
    let how = "eval \"$(scripts/services/ralph.sh start)\" before cargo test";
    assert!(
        std::env::var("CI").map_or(true, |v| v != "true"),
        "CI=true but no test LRS: {how}"
    );
    eprintln!("skipped: no test LRS ({how})");
    None
}

#[test]
fn a_saved_result_reaches_the_configured_lrs_in_the_background() {
    let Some(lrs) = test_lrs() else { return };
    let data = tempfile::tempdir().unwrap();
    std::fs::write(
        data.path().join("lrs.ron"),
        format!(
            "(endpoint: {:?}, user: {:?}, password: {:?})",
            lrs.endpoint, lrs.user, lrs.password
        ),
    )
    .unwrap();
    let mut app = headless_app(data.path());
    play_first_as(&mut app, "Lin Forward");
    let saved = stored(&app);
    assert_eq!(saved.len(), 1);
    let registration = saved[0].id.to_string();
    let expected = frontline_results::xapi::result_statements(&saved[0]).len();
    let client = Client::new(&lrs);
    let started = Instant::now();
    let mut slowest = Duration::ZERO;
    loop {
        let frame = Instant::now();
        app.update();
        slowest = slowest.max(frame.elapsed());
        let held = client
            .statements(&[("registration", registration.as_str())])
            .unwrap();
        if held.len() == expected {
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "the LRS holds {} of {expected} statements after 60 s",
            held.len()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    // Frames kept running while the result was sent (a blocking send would
    // show up as one long frame; the limit is generous for a loaded CI box).
    assert!(slowest < Duration::from_secs(1), "a frame took {slowest:?}");
}
