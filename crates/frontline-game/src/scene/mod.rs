//! The 2D service-counter scene shown above the dialogue panel while an
//! encounter is played: the back wall and counter, the customer's portrait
//! (whose face follows their mood), the queue growing behind them and the
//! patience bar.
//!
//! The scene reads two resources and nothing else from the game:
//! [`SceneMood`] (mood, patience, story time) and [`SceneCustomer`] (the
//! portrait's look). [`feed`] fills them from the active encounter, so the
//! scene also runs on its own (tests, benches, previews) by inserting them
//! directly. Every entity hangs under one [`SceneRoot`] that is spawned on
//! entering [`Screen::Encounter`] and despawned on leaving it.
//!
//! The scene is drawn in a design space of [`DESIGN_SIZE`] units centred on
//! the origin; [`layout`] scales and moves the root so that box fits the part
//! of the window the dialogue panel leaves free.

pub mod appearance;
pub mod clock;
pub mod counter;
pub mod customer;
pub mod desk;
pub mod expression;
pub mod layout;
pub mod measures;
pub mod paint;
pub mod patience;
pub mod portrait;
pub mod queue;

use super::Screen;
use super::session::ActiveEncounter;
use bevy::prelude::*;
use frontline_core::scenario::model::{Look, Role};
use frontline_core::scenario::{Place, Pronouns, TimeOfDay};

/// Width and height of the design box every scene part is laid out in.
pub const DESIGN_SIZE: Vec2 = Vec2::new(1280.0, 440.0);

/// Drawing order of the scene's layers (larger is nearer the viewer).
pub mod depth {
    /// The back wall and what hangs on it.
    pub const WALL: f32 = 0.0;
    /// People waiting in the queue.
    pub const QUEUE: f32 = 2.0;
    /// The queue's belt barrier, in front of the waiting people.
    pub const BARRIER: f32 = 3.0;
    /// The customer being served.
    pub const CUSTOMER: f32 = 4.0;
    /// The counter, in front of the customer's body.
    pub const COUNTER: f32 = 6.0;
    /// Things on the employee's side of the counter.
    pub const DESK_ITEMS: f32 = 7.0;
    /// The patience bar, over everything.
    pub const OVERLAY: f32 = 9.0;
}

/// Draws the service counter while [`Screen::Encounter`] is active.
pub struct ScenePlugin;

impl Plugin for ScenePlugin {
    fn build(&self, app: &mut App) {
        app.init_resource::<SceneMood>()
            .init_resource::<SceneCustomer>()
            .init_resource::<SceneSetting>()
            .configure_sets(
                OnEnter(Screen::Encounter),
                SceneSpawn::Parts.after(SceneSpawn::Root),
            )
            .configure_sets(Update, SceneUpdate::Feed.before(SceneUpdate::Draw))
            .add_systems(
                OnEnter(Screen::Encounter),
                (feed, spawn_root).chain().in_set(SceneSpawn::Root),
            )
            .add_systems(Update, feed.in_set(SceneUpdate::Feed))
            .add_plugins((
                layout::LayoutPlugin,
                counter::CounterPlugin,
                customer::CustomerPlugin,
                queue::QueuePlugin,
                patience::PatiencePlugin,
            ));
    }
}

/// Order of the spawning systems on entering the encounter: the root first,
/// then every part as its child.
#[derive(SystemSet, Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SceneSpawn {
    /// Spawns the [`SceneRoot`].
    Root,
    /// Spawns the counter, customer, queue and bar under the root.
    Parts,
}

/// Order of the scene's per-frame systems.
#[derive(SystemSet, Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SceneUpdate {
    /// Copies the encounter's state into [`SceneMood`] and [`SceneCustomer`].
    Feed,
    /// Moves, recolours and (re)spawns scene parts from those resources.
    Draw,
}

/// What the scene shows of the encounter's state. Fed every frame from the
/// active encounter; insert it directly to drive the scene on its own.
#[derive(Resource, Clone, Debug, PartialEq)]
pub struct SceneMood {
    /// Customer mood, 0 furious .. 100 delighted.
    pub mood: i32,
    /// Share of the customer's patience left (1.0 full); `None` = unlimited.
    pub patience_left_frac: Option<f32>,
    /// Story seconds since the encounter started (the queue grows with them).
    pub elapsed_seconds: u32,
}

impl Default for SceneMood {
    fn default() -> Self {
        SceneMood {
            mood: 50,
            patience_left_frac: None,
            elapsed_seconds: 0,
        }
    }
}

/// Who stands at the counter: drives the procedurally drawn portrait.
#[derive(Resource, Clone, Debug, Default, PartialEq)]
pub struct SceneCustomer {
    /// Age group and seed of the portrait.
    pub look: Look,
    /// External, internal (a co-worker, who wears a staff lanyard) or vendor.
    pub role: Role,
    /// The person's pronouns (the face fits them).
    pub pronouns: Pronouns,
}

/// Where and when the encounter happens, as the trainer wrote it (`scene:`):
/// the room's clock and window light, the queue, the ticket display, and
/// whether the customer is in the room at all.
#[derive(Resource, Clone, Debug, PartialEq)]
pub struct SceneSetting {
    /// Counter, phone, desk, video call or shop floor.
    pub place: Place,
    /// Time of day when the encounter starts.
    pub time: TimeOfDay,
    /// People waiting in line at the start (none on the phone or a video call).
    pub queue: u32,
    /// The ticket number on the "now serving" display, if any.
    pub ticket: Option<String>,
}

impl Default for SceneSetting {
    fn default() -> Self {
        SceneSetting {
            place: Place::Counter,
            time: TimeOfDay {
                hour: 10,
                minute: 0,
            },
            queue: 0,
            ticket: None,
        }
    }
}

/// The parent of every scene entity; [`layout`] fits it to the window.
#[derive(Component, Debug)]
pub struct SceneRoot;

fn spawn_root(mut commands: Commands) {
    commands.spawn((
        Name::new("Service counter scene"),
        SceneRoot,
        DespawnOnExit(Screen::Encounter),
        Transform::default(),
        Visibility::default(),
    ));
}

/// Copies the active encounter's mood, patience, story time and customer
/// into [`SceneMood`] and [`SceneCustomer`] (nothing when none is played).
pub fn feed(
    active: Option<Res<ActiveEncounter>>,
    mut mood: ResMut<SceneMood>,
    mut customer: ResMut<SceneCustomer>,
    mut setting: ResMut<SceneSetting>,
) {
    let Some(active) = active else { return };
    let view = &active.view;
    setting.set_if_neq(SceneSetting {
        place: view.scene.place,
        time: view.time_of_day,
        queue: if view.scene.place.is_remote() {
            0
        } else {
            view.scene.queue
        },
        ticket: view.scene.ticket.clone(),
    });
    mood.set_if_neq(SceneMood {
        mood: active.mood(),
        patience_left_frac: active.patience_fraction(),
        elapsed_seconds: active.elapsed(),
    });
    // The face belongs to the person picked for this play, so a name and its
    // face stay together on replay.
    customer.set_if_neq(SceneCustomer {
        look: view.person.look.clone(),
        role: view.role,
        pronouns: view.person.pronouns,
    });
}
