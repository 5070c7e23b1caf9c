//! The people waiting behind the customer (as many as the scene's `queue`
//! at the start, none on a call or at a desk): one more joins every
//! [`SECONDS_PER_ARRIVAL`] story seconds, walking in from the right to the
//! end of the line behind a belt barrier. They sway while they wait, more
//! restlessly as the customer's patience runs out.

use super::clock::SceneClock;
use super::measures::{FLOOR, WALL};
use super::paint::{Paint, blend, hex, rounded_rect};
use super::{SceneMood, SceneRoot, SceneSetting, SceneSpawn, SceneUpdate, depth};
use crate::Screen;
use bevy::prelude::*;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::f32::consts::FRAC_PI_2;

/// Spawns the barrier and keeps the queue as long as the story time says.
pub struct QueuePlugin;

impl Plugin for QueuePlugin {
    fn build(&self, app: &mut App) {
        app.add_systems(
            OnEnter(Screen::Encounter),
            spawn_barrier
                .run_if(|setting: Res<SceneSetting>| setting.queue > 0)
                .in_set(SceneSpawn::Parts),
        )
        .add_systems(
            Update,
            (sync_queue, walk_and_sway)
                .chain()
                .in_set(SceneUpdate::Draw)
                .run_if(in_state(Screen::Encounter)),
        );
    }
}

/// Story seconds between two people joining the queue.
pub const SECONDS_PER_ARRIVAL: u32 = 20;
/// Most people drawn in the queue (the line reaches the edge of the scene).
pub const MAX_QUEUE: usize = 8;
/// How many people wait behind the customer after `elapsed_seconds`, when
/// `at_start` waited when the encounter began (the scene's `queue`). A line
/// keeps growing while the customer is served; no line (a phone call, an
/// office) stays empty.
pub fn queue_len(at_start: u32, elapsed_seconds: u32) -> usize {
    if at_start == 0 {
        return 0;
    }
    let arrivals = (elapsed_seconds / SECONDS_PER_ARRIVAL) as usize;
    (at_start as usize).saturating_add(arrivals).min(MAX_QUEUE)
}

/// Where the person at `slot` (0 = next in line) stands, and how large they
/// are drawn (further back is smaller).
pub fn slot_position(slot: usize) -> (Vec2, f32) {
    let i = slot as f32;
    (
        Vec2::new(130.0 + 64.0 * i, FLOOR + 112.0 - 2.0 * i),
        0.62 - 0.02 * i,
    )
}

/// X where newcomers appear, off the right of the design box.
const ENTRY_X: f32 = 760.0;
/// Walking speed in design units per second.
const WALK_SPEED: f32 = 170.0;

/// One person in the queue.
#[derive(Component, Debug)]
pub struct QueuePerson {
    /// Place in the line, 0 = next.
    pub slot: usize,
    /// Phase of their idle sway, so people don't move in step.
    phase: f32,
}

fn spawn_barrier(mut commands: Commands, mut paint: Paint, root: Single<Entity, With<SceneRoot>>) {
    let root = *root;
    let z = depth::BARRIER;
    let post = hex(0x6d7a83);
    let posts = [95.0, 345.0, 595.0];
    for x in posts {
        commands.spawn((
            paint.shape(Rectangle::new(8.0, 70.0), post, Vec3::new(x, -100.0, z)),
            ChildOf(root),
        ));
        commands.spawn((
            paint.shape(Circle::new(7.0), post, Vec3::new(x, -64.0, z + 0.1)),
            ChildOf(root),
        ));
    }
    for pair in posts.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        commands.spawn((
            paint.shape(
                Rectangle::new(b - a, 9.0),
                hex(0x4f9a94),
                Vec3::new((a + b) / 2.0, -72.0, z + 0.05),
            ),
            ChildOf(root),
        ));
    }
}

fn sync_queue(
    mut commands: Commands,
    mut paint: Paint,
    mood: Res<SceneMood>,
    setting: Res<SceneSetting>,
    root: Query<Entity, With<SceneRoot>>,
    people: Query<(Entity, &QueuePerson)>,
) {
    let Ok(root) = root.single() else { return };
    let wanted = queue_len(setting.queue, mood.elapsed_seconds);
    let mut present = [false; MAX_QUEUE];
    for (entity, person) in &people {
        if person.slot >= wanted {
            commands.entity(entity).despawn();
        } else {
            present[person.slot] = true;
        }
    }
    let start_empty = people.is_empty();
    for slot in (0..wanted).filter(|&s| !present[s]) {
        // The first people are already in line; later ones walk in.
        let (place, _) = slot_position(slot);
        let x = if start_empty {
            place.x
        } else {
            ENTRY_X + 70.0 * slot as f32
        };
        spawn_person(&mut commands, &mut paint, root, slot, x);
    }
}

const SKINS: [u32; 6] = [0xf1cfb6, 0xe3b08e, 0xc98e66, 0xa06a46, 0x7c5036, 0x5e3b29];
const HAIRS: [u32; 6] = [0x2b1e16, 0x4a3222, 0x8a5a33, 0xc9a060, 0xb8b4ae, 0x1d1d20];
const CLOTHES: [u32; 8] = [
    0x5b7fa6, 0x8fae7e, 0xd08a6a, 0x9a84b8, 0xd8b25e, 0x6a7a90, 0xc46e7a, 0x6aa3a0,
];

fn spawn_person(c: &mut Commands, paint: &mut Paint, root: Entity, slot: usize, x: f32) {
    let mut rng = ChaCha8Rng::seed_from_u64(slot as u64 * 7919 + 13);
    let mut pick = |list: &[u32]| blend(hex(list[rng.random_range(0..list.len())]), WALL, 0.3);
    let (skin, hair, clothes) = (pick(&SKINS), pick(&HAIRS), pick(&CLOTHES));
    let tall = rng.random_range(-14.0..14.0);
    let (place, scale) = slot_position(slot);
    let person = c
        .spawn((
            Name::new("Waiting person"),
            QueuePerson {
                slot,
                phase: rng.random_range(0.0..6.0),
            },
            Transform::from_xyz(x, place.y, depth::QUEUE - 0.01 * slot as f32)
                .with_scale(Vec3::splat(scale)),
            Visibility::default(),
            ChildOf(root),
        ))
        .id();
    c.spawn((
        paint.shape(
            rounded_rect(Vec2::new(96.0, 190.0), 44.0),
            clothes,
            Vec3::new(0.0, -70.0 + tall, 0.0),
        ),
        ChildOf(person),
    ));
    c.spawn((
        paint.shape(
            Rectangle::new(26.0, 24.0),
            blend(skin, Color::BLACK, 0.08),
            Vec3::new(0.0, 30.0 + tall, 0.01),
        ),
        ChildOf(person),
    ));
    c.spawn((
        paint.shape(
            Ellipse::new(31.0, 36.0),
            skin,
            Vec3::new(0.0, 62.0 + tall, 0.02),
        ),
        ChildOf(person),
    ));
    let cap = Transform::from_xyz(0.0, 68.0 + tall, 0.03).with_scale(Vec3::new(1.0, 0.85, 1.0));
    c.spawn((
        paint.placed(CircularSegment::new(34.0, FRAC_PI_2), hair, cap),
        ChildOf(person),
    ));
    if rng.random_bool(0.4) {
        // Looking at their phone while they wait.
        c.spawn((
            paint.shape(
                rounded_rect(Vec2::new(16.0, 26.0), 3.0),
                hex(0x2d3238),
                Vec3::new(14.0, -10.0 + tall, 0.04),
            ),
            ChildOf(person),
        ));
        c.spawn((
            paint.shape(Circle::new(9.0), skin, Vec3::new(12.0, -24.0 + tall, 0.05)),
            ChildOf(person),
        ));
    }
}

fn walk_and_sway(
    clock: SceneClock,
    mood: Res<SceneMood>,
    mut people: Query<(&QueuePerson, &mut Transform)>,
) {
    let dt = clock.ease_seconds();
    let t = clock.idle_seconds();
    let restless = 1.0 + 1.5 * (1.0 - mood.patience_left_frac.unwrap_or(1.0)).clamp(0.0, 1.0);
    for (person, mut transform) in &mut people {
        let (place, _) = slot_position(person.slot);
        let mut at = transform.translation;
        let walking = at.x - place.x > 0.5;
        at.x = if walking {
            (at.x - WALK_SPEED * dt).max(place.x)
        } else {
            place.x
        };
        let sway = person.phase + t * restless;
        at.y = if walking {
            place.y + (t * 12.0).sin().abs() * 4.0
        } else {
            place.y + sway.sin() * 1.2
        };
        let rotation = Quat::from_rotation_z((sway * 0.7).sin() * 0.02 * restless);
        let wanted = transform.with_translation(at).with_rotation(rotation);
        transform.set_if_neq(wanted);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queue_grows_every_twenty_seconds_up_to_the_cap() {
        // "Five people still in line" is a queue of five at the start.
        assert_eq!(queue_len(5, 0), 5);
        assert_eq!(queue_len(1, 19), 1);
        assert_eq!(queue_len(1, 20), 2);
        assert_eq!(queue_len(1, 65), 4);
        assert_eq!(queue_len(3, u32::MAX), MAX_QUEUE);
        assert_eq!(queue_len(u32::MAX, 0), MAX_QUEUE);
        // No line (a phone call, an office) never grows one.
        assert_eq!(queue_len(0, 0), 0);
        assert_eq!(queue_len(0, 600), 0);
    }

    #[test]
    fn later_people_stand_further_back_and_smaller() {
        for slot in 1..MAX_QUEUE {
            let (near, near_scale) = slot_position(slot - 1);
            let (far, far_scale) = slot_position(slot);
            assert!(far.x > near.x && far_scale < near_scale);
        }
        let (last, scale) = slot_position(MAX_QUEUE - 1);
        assert!(
            last.x + 50.0 * scale < ENTRY_X,
            "the last place is on screen"
        );
    }
}
