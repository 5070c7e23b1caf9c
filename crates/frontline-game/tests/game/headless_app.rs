// The game's logic in a headless Bevy app (MinimalPlugins + StatesPlugin +
// AssetPlugin, no window, no render, no egui): load the real `dialogues/`,
// go from the title through the picker into an encounter, pick choices
// through the same intents the UI sends, reach the debrief with the engine's
// scores, and find the stored result on the leaderboard.

use bevy::prelude::*;
use bevy::state::app::StatesPlugin;
use frontline_core::engine::Encounter;
use frontline_game::catalog::Catalog;
use frontline_game::records::Records;
use frontline_game::screens::{debrief, encounter, intro, leaderboard, picker, title};
use frontline_game::session::{ActiveEncounter, LastPlay};
use frontline_game::settings::Preferences;
use frontline_game::{GameOptions, GamePlugin, Screen};
use frontline_results::{Filter, ResultStore, SqliteStore};
use std::path::Path;

pub fn headless_app(data_dir: &Path) -> App {
    frontline_game::headless_app(GameOptions {
        data_dir: Some(data_dir.to_path_buf()),
        ..GameOptions::new(super::repo_root().join("dialogues"))
    })
}

pub fn screen(app: &App) -> Screen {
    *app.world().resource::<State<Screen>>().get()
}

/// Updates until every dialogue file has loaded (or fails after ~30 s).
pub fn wait_for_dialogues(app: &mut App) {
    for _ in 0..3000 {
        app.update();
        let world = app.world();
        if world.resource::<Catalog>().is_loaded() {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    panic!("dialogues did not load");
}

pub fn send<M: Message>(app: &mut App, intent: M) {
    app.world_mut().write_message(intent);
    app.update();
    app.update();
}

pub fn picker_view(app: &App) -> picker::View {
    let w = app.world();
    let me = w.resource::<Preferences>().profile.player_id;
    picker::build_view(w.resource::<Catalog>(), w.resource::<Records>(), me).unwrap()
}

/// Plays the running encounter out (always the first open choice, else
/// continue) through the encounter's intents, up to the debrief.
pub fn play_to_debrief(app: &mut App) {
    for _ in 0..200 {
        if screen(app) != Screen::Encounter {
            break;
        }
        let active = app.world().resource::<ActiveEncounter>();
        let intent = if active.encounter.is_over() {
            encounter::Intent::Finish
        } else if let Some(c) = active.view.choices.iter().find(|c| c.locked.is_none()) {
            encounter::Intent::Choose(c.index)
        } else {
            assert!(active.view.can_continue, "stuck at {}", active.view.node);
            encounter::Intent::Continue
        };
        send(app, intent);
    }
    assert_eq!(screen(app), Screen::Debrief);
}

#[test]
fn title_to_debrief_stores_a_result_the_leaderboard_shows() {
    let data = tempfile::tempdir().unwrap();
    let mut app = headless_app(data.path());
    wait_for_dialogues(&mut app);
    assert_eq!(screen(&app), Screen::Title);

    // Continue needs a name: nothing happens without one.
    send(&mut app, title::Intent::Continue);
    assert_eq!(screen(&app), Screen::Title);
    send(&mut app, title::Intent::EditName("Ana".into()));
    send(&mut app, title::Intent::EditTeam("Blue".into()));
    // The first time, the introduction comes between the title and the picker.
    send(&mut app, title::Intent::Continue);
    assert_eq!(screen(&app), Screen::Intro);
    send(&mut app, intro::Intent::Close);
    assert_eq!(screen(&app), Screen::Picker);

    // The picker lists the real scenarios in curriculum order, none played yet.
    let view = picker_view(&app);
    assert!(
        view.cards.len() >= 5,
        "only {} playable scenarios",
        view.cards.len()
    );
    assert!(view.broken.is_empty(), "broken files: {:?}", view.broken);
    let first = view.cards[0].clone();
    assert_eq!(first.step, Some(1), "first card is curriculum step 1");
    assert!(view.cards.iter().all(|c| c.best.is_none()));

    send(&mut app, picker::Intent::Play(first.id.clone()));
    assert_eq!(screen(&app), Screen::Encounter);

    play_to_debrief(&mut app);
    assert_eq!(screen(&app), Screen::Debrief);
    assert!(!app.world().contains_resource::<ActiveEncounter>());

    // The debrief holds the engine's scores for exactly this transcript.
    let last = app.world().resource::<LastPlay>().clone();
    assert_eq!(last.scenario_id, first.id);
    let (_, playable) = {
        let w = app.world();
        let found = w.resource::<Catalog>().find(&first.id);
        ((), found.and_then(|f| f.playable.clone()).unwrap())
    };
    let replayed = Encounter::replay(playable.compiled.clone(), &last.transcript).unwrap();
    assert!(replayed.is_over());
    let expected = frontline_core::scoring::debrief(
        playable.scenario(),
        &playable.analysis,
        replayed.transcript(),
    );
    assert_eq!(last.debrief.score, expected.score);
    let view = debrief::build_view(&last);
    assert_eq!(view.overall, expected.score.overall);
    assert!(
        !view.transcript.is_empty(),
        "the transcript lists the choices made"
    );

    // The result is stored and the leaderboard shows it.
    let records = stored(&app);
    assert_eq!(records.len(), 1);
    assert_eq!(records[0].player, "Ana");
    assert_eq!(records[0].team, "Blue");
    let me = app.world().resource::<Preferences>().profile.player_id;
    assert_eq!(
        records[0].player_id, me,
        "the result carries the install's id"
    );
    assert_eq!(Some(records[0].overall), expected.score.overall);
    assert_eq!(records[0].scenario_id, first.id);
    assert_eq!(records[0].transcript.len(), last.transcript.steps.len());
    let w = app.world();
    let board = leaderboard::build_view(
        &Default::default(),
        w.resource::<Records>(),
        w.resource::<Catalog>(),
        w.resource::<Preferences>(),
    )
    .unwrap();
    assert_eq!(board.rows.len(), 1);
    assert_eq!(board.rows[0].name, "Ana");
    assert_eq!(board.rows[0].player_id, Some(me));
    assert_eq!(board.rows[0].team, "Blue");
    assert_eq!(
        board.rows[0].score,
        f64::from(expected.score.overall.unwrap())
    );
    assert_eq!(picker_view(&app).cards[0].best, expected.score.overall);

    // Replay starts the same scenario again.
    send(&mut app, debrief::Intent::Replay);
    assert_eq!(screen(&app), Screen::Encounter);
    assert_eq!(
        app.world()
            .resource::<ActiveEncounter>()
            .playable
            .scenario()
            .id,
        first.id
    );
    // Esc menu: quit to picker leaves without a result.
    send(&mut app, encounter::Intent::Pause);
    assert!(app.world().resource::<ActiveEncounter>().paused);
    send(&mut app, encounter::Intent::QuitToPicker);
    assert_eq!(screen(&app), Screen::Picker);
    assert_eq!(stored(&app).len(), 1);
    drop(app);

    // It is in the SQLite file in the data folder, readable by the CLI and exports.
    let db = SqliteStore::open(&data.path().join("results.db")).unwrap();
    assert_eq!(db.list(&Filter::player("Ana")).unwrap(), records);
    db.integrity_check().unwrap();
}

/// Every result the game's store holds.
pub fn stored(app: &App) -> Vec<frontline_results::ResultRecord> {
    let records = app.world().resource::<Records>();
    records.store().list(&Filter::all()).unwrap()
}

#[test]
fn a_corrupt_results_file_is_kept_and_the_game_saves_beside_it() {
    let data = tempfile::tempdir().unwrap();
    let db = data.path().join("results.db");
    let garbage = b"these bytes are not a database, and must survive".repeat(40);
    std::fs::write(&db, &garbage).unwrap();
    let mut app = headless_app(data.path());
    wait_for_dialogues(&mut app);

    let notice = app
        .world()
        .resource::<frontline_game::records::StoreNotice>()
        .0
        .clone();
    let notice = notice.expect("the title screen tells the player");
    assert!(notice.contains("results.db"), "{notice}");
    assert!(notice.contains("now saved to"), "{notice}");

    send(&mut app, title::Intent::EditName("Cy".into()));
    send(&mut app, title::Intent::Continue);
    let first = picker_view(&app).cards[0].id.clone();
    send(&mut app, picker::Intent::Play(first));
    play_to_debrief(&mut app);
    assert_eq!(stored(&app).len(), 1, "the result was kept");
    drop(app);

    assert_eq!(std::fs::read(&db).unwrap(), garbage, "original untouched");
    let recovered: Vec<_> = std::fs::read_dir(data.path())
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.to_string_lossy().contains("results.recovered-")
                && p.extension().is_some_and(|e| e == "db")
        })
        .collect();
    assert_eq!(recovered.len(), 1, "{recovered:?}");
    let store = SqliteStore::open(&recovered[0]).unwrap();
    assert_eq!(store.count(&Filter::player("Cy")).unwrap(), 1);
}

#[test]
fn profile_and_results_are_remembered_between_runs() {
    let data = tempfile::tempdir().unwrap();
    let id = {
        let mut app = headless_app(data.path());
        app.update();
        send(&mut app, title::Intent::EditName("Ben".into()));
        send(&mut app, title::Intent::EditTeam("Green".into()));
        app.world().resource::<Preferences>().profile.player_id
    };
    let mut app = headless_app(data.path());
    let prefs = app.world().resource::<Preferences>();
    assert_eq!(prefs.profile.name, "Ben");
    assert_eq!(prefs.profile.team, "Green");
    assert_eq!(
        prefs.profile.player_id, id,
        "the same player after a restart"
    );
    // The title screen's name field renames the player: same id.
    app.update();
    send(&mut app, title::Intent::EditName("Benedict".into()));
    drop(app);
    let app = headless_app(data.path());
    let prefs = app.world().resource::<Preferences>();
    assert_eq!(
        (prefs.profile.name.as_str(), prefs.profile.player_id),
        ("Benedict", id)
    );
}

#[test]
fn saving_the_played_file_reloads_it_and_keeps_the_player_in_place() {
    let data = tempfile::tempdir().unwrap();
    let drafts = tempfile::tempdir().unwrap();
    let file = drafts.path().join("draft.ron");
    let original =
        std::fs::read_to_string(super::repo_root().join("dialogues/retail-out-of-stock.ron"))
            .unwrap();
    std::fs::write(&file, &original).unwrap();
    let mut app = App::new();
    app.add_plugins((MinimalPlugins, StatesPlugin, AssetPlugin::default()))
        .add_plugins(GamePlugin::headless(GameOptions {
            data_dir: Some(data.path().to_path_buf()),
            file: Some("draft.ron".into()),
            ..GameOptions::new(drafts.path())
        }));
    wait_for_dialogues(&mut app);
    app.update();
    app.update();
    assert_eq!(
        screen(&app),
        Screen::Encounter,
        "`play FILE` opens the encounter"
    );
    let node = app.world().resource::<ActiveEncounter>().view.node.clone();

    let toasts = |app: &App| -> Vec<String> {
        let t = app.world().resource::<frontline_game::toast::Toasts>();
        t.0.iter().map(|t| t.text.clone()).collect()
    };
    let wait_for_toast = |app: &mut App, needle: &str| {
        for _ in 0..1000 {
            app.update();
            if toasts(app).iter().any(|t| t.contains(needle)) {
                return;
            }
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        panic!("no toast containing {needle:?}; toasts: {:?}", toasts(app));
    };

    // A broken save: the player keeps playing the old version and sees the error.
    std::fs::write(&file, "(id: \"draft\", title: ").unwrap();
    wait_for_toast(&mut app, "has errors");
    assert_eq!(app.world().resource::<ActiveEncounter>().view.node, node);

    // A valid save: reloaded, still at the same node.
    std::fs::write(&file, format!("{original}\n// edited\n")).unwrap();
    wait_for_toast(&mut app, "still at");
    assert_eq!(app.world().resource::<ActiveEncounter>().view.node, node);

    // A new file appears in the picker without a restart.
    let other =
        std::fs::read_to_string(super::repo_root().join("dialogues/vendor-late-delivery.ron"))
            .unwrap();
    std::fs::write(drafts.path().join("second.ron"), other).unwrap();
    wait_for_toast(&mut app, "New scenario file: second.ron");
    wait_for_dialogues(&mut app);
    let w = app.world();
    let found = w.resource::<Catalog>().find("vendor-late-delivery");
    assert!(found.is_some(), "the new scenario is playable");
}

/// The picker shows what `frontline check` finds in the same folder, through
/// the same loader: a file in a subfolder is playable, a second file with the
/// same id is one card plus the duplicate-id error (not two cards), and the
/// curriculum's error is listed. Each error reads exactly as `check` prints it.
#[test]
fn the_picker_lists_what_check_finds_in_the_folder() {
    let data = tempfile::tempdir().unwrap();
    let folder = super::repo_root().join("tests/fixtures/library");
    let mut app = frontline_game::headless_app(GameOptions {
        data_dir: Some(data.path().to_path_buf()),
        ..GameOptions::new(&folder)
    });
    wait_for_dialogues(&mut app);
    let view = picker_view(&app);

    let ids: Vec<&str> = view.cards.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids.len(), 2, "one card per id: {ids:?}");
    assert!(ids.contains(&"helpdesk-locked-out"));
    assert!(
        ids.contains(&"bank-urgent-withdrawal"),
        "more/bank.ron is in a subfolder"
    );

    let broken: Vec<&str> = view.broken.iter().map(|b| b.file.as_str()).collect();
    assert_eq!(
        broken,
        ["broken.ron", "curriculum.ron", "second-same-id.ron"],
        "files with errors, in path order"
    );
    let error_of = |file: &str| &view.broken.iter().find(|b| b.file == file).unwrap().error;
    assert!(error_of("second-same-id.ron").contains("duplicate-id"));
    assert!(error_of("curriculum.ron").contains("bank-urgent-withdrawl"));

    // The same words `frontline check` prints (colour off), error by error.
    let library = frontline_core::scenario::load_dir(&folder);
    for file in library.files.iter().filter(|f| f.error_count() > 0) {
        let errors: Vec<_> = file
            .diagnostics
            .iter()
            .filter(|d| d.is_error())
            .cloned()
            .collect();
        let expected = frontline_core::scenario::render_human(&errors, &file.text, false);
        let name = file
            .path
            .strip_prefix(&folder)
            .unwrap()
            .display()
            .to_string();
        assert_eq!(error_of(&name), &expected, "{name}");
    }
}

/// The player's own name fills `{me}`, and the customer's face is the picked
/// person's own look, so a name and its face stay together.
#[test]
fn the_players_name_fills_me_and_the_scene_gets_the_persons_look() {
    let data = tempfile::tempdir().unwrap();
    let folder = tempfile::tempdir().unwrap();
    std::fs::copy(
        super::repo_root().join("tests/fixtures/scene-phone.ron"),
        folder.path().join("scene-phone.ron"),
    )
    .unwrap();
    let mut app = frontline_game::headless_app(GameOptions {
        data_dir: Some(data.path().to_path_buf()),
        ..GameOptions::new(folder.path())
    });
    wait_for_dialogues(&mut app);
    send(&mut app, title::Intent::EditName("Ana".into()));
    send(&mut app, picker::Intent::Play("scene-phone".into()));
    assert_eq!(screen(&app), Screen::Encounter);
    let active = app.world().resource::<ActiveEncounter>();
    assert_eq!(active.view.player_name, "Ana");
    assert!(active.view.text.contains("Ana"), "{}", active.view.text);
    assert!(!active.view.text.contains("{me}"));
    assert_eq!(active.view.person.name, "Priya Nair");
    assert_eq!(active.view.person.look.seed, 19);
}
