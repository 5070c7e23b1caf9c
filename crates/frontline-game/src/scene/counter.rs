//! The room: a calm back wall with a window and a wall clock, and the
//! counter across the front (what stands on it is in [`super::desk`]). The
//! clock's hands follow the encounter's story time.

use super::clock::SceneClock;
use super::desk::{spawn_desk_items, spawn_ticket_display};
use super::expression::ease;
use super::measures::{COUNTER_TOP, LEAF, LEAF_DARK, WALL};
use super::paint::{Paint, group, hex, rounded_rect};
use super::{SceneMood, SceneRoot, SceneSetting, SceneSpawn, depth};
use crate::Screen;
use bevy::prelude::*;
use frontline_core::scenario::{Daylight, Place, TimeOfDay};
use std::f32::consts::{FRAC_PI_2, TAU};

/// Draws the room around the customer.
pub struct CounterPlugin;

impl Plugin for CounterPlugin {
    fn build(&self, app: &mut App) {
        app.add_systems(
            OnEnter(Screen::Encounter),
            (spawn_room, spawn_counter).in_set(SceneSpawn::Parts),
        )
        .add_systems(Update, turn_clock_hands.run_if(in_state(Screen::Encounter)));
    }
}

const WAINSCOT: Color = hex(0xbccdc5);
const RAIL: Color = hex(0xa6bab1);
const FRAME: Color = hex(0xf7f3ea);
const CLOUD: Color = hex(0xf9fcfd);
const INK: Color = hex(0x3b4a54);
const WOOD_TOP: Color = hex(0xc99a6e);
const WOOD_EDGE: Color = hex(0xe2b88d);
const WOOD_FRONT: Color = hex(0x9e6f4d);
const WOOD_SHADOW: Color = hex(0x85593c);

/// Width of the wall and counter: far wider than the design box so wide
/// windows show more room instead of empty bands.
const ROOM_WIDTH: f32 = 8000.0;

/// One hand of the wall clock; `turns_per_hour` sets its speed.
#[derive(Component, Debug)]
struct ClockHand {
    turns_per_hour: f32,
    start: f32,
}

fn spawn_room(
    mut commands: Commands,
    mut paint: Paint,
    root: Single<Entity, With<SceneRoot>>,
    setting: Res<SceneSetting>,
) {
    let root = *root;
    let c = &mut commands;
    let z = depth::WALL;
    c.spawn((
        paint.shape(
            Rectangle::new(ROOM_WIDTH, 4000.0),
            WALL,
            Vec3::new(0.0, 0.0, z),
        ),
        ChildOf(root),
    ));
    // Lower wall panel and its rail.
    c.spawn((
        paint.shape(
            Rectangle::new(ROOM_WIDTH, 600.0),
            WAINSCOT,
            Vec3::new(0.0, -345.0, z + 0.1),
        ),
        ChildOf(root),
    ));
    c.spawn((
        paint.shape(
            Rectangle::new(ROOM_WIDTH, 8.0),
            RAIL,
            Vec3::new(0.0, -45.0, z + 0.2),
        ),
        ChildOf(root),
    ));
    if setting.place.is_remote() {
        spawn_call_screen(c, &mut paint, root, setting.place);
    }
    let light = setting.time.daylight();
    spawn_window(c, &mut paint, root, Vec3::new(-430.0, 70.0, z + 0.3), light);
    // On a call the screen stands where the clock hangs; the clock moves right.
    let clock_x = if setting.place.is_remote() {
        430.0
    } else {
        150.0
    };
    spawn_clock(
        c,
        &mut paint,
        root,
        Vec3::new(clock_x, 150.0, z + 0.3),
        setting.time,
    );
}

fn spawn_window(c: &mut Commands, paint: &mut Paint, root: Entity, at: Vec3, light: Daylight) {
    let (sky, sky_low) = sky_colours(light);
    let w = group(c, root, "Window", at);
    c.spawn((
        paint.shape(
            rounded_rect(Vec2::new(312.0, 206.0), 10.0),
            FRAME,
            Vec3::ZERO,
        ),
        ChildOf(w),
    ));
    c.spawn((
        paint.shape(Rectangle::new(288.0, 182.0), sky, Vec3::new(0.0, 0.0, 0.1)),
        ChildOf(w),
    ));
    c.spawn((
        paint.shape(
            Rectangle::new(288.0, 70.0),
            sky_low,
            Vec3::new(0.0, -56.0, 0.15),
        ),
        ChildOf(w),
    ));
    for (x, y, rx, ry) in [
        (-70.0, 45.0, 34.0, 13.0),
        (-44.0, 52.0, 22.0, 14.0),
        (72.0, 20.0, 28.0, 10.0),
    ] {
        c.spawn((
            paint.shape(Ellipse::new(rx, ry), CLOUD, Vec3::new(x, y, 0.2)),
            ChildOf(w),
        ));
    }
    // Treetops outside, cut off by the sill.
    for (x, r, color) in [
        (-105.0, 38.0, LEAF_DARK),
        (-60.0, 30.0, LEAF),
        (95.0, 44.0, LEAF),
        (130.0, 30.0, LEAF_DARK),
    ] {
        c.spawn((
            paint.shape(
                CircularSegment::new(r, FRAC_PI_2),
                color,
                Vec3::new(x, -91.0, 0.25),
            ),
            ChildOf(w),
        ));
    }
    c.spawn((
        paint.shape(Rectangle::new(8.0, 182.0), FRAME, Vec3::new(0.0, 0.0, 0.3)),
        ChildOf(w),
    ));
    c.spawn((
        paint.shape(Rectangle::new(288.0, 8.0), FRAME, Vec3::new(0.0, 10.0, 0.3)),
        ChildOf(w),
    ));
    c.spawn((
        paint.shape(
            rounded_rect(Vec2::new(340.0, 16.0), 4.0),
            hex(0xe9e3d7),
            Vec3::new(0.0, -106.0, 0.4),
        ),
        ChildOf(w),
    ));
}

fn spawn_clock(c: &mut Commands, paint: &mut Paint, root: Entity, at: Vec3, time: TimeOfDay) {
    let clock = group(c, root, "Wall clock", at);
    c.spawn((
        paint.shape(Circle::new(36.0), hex(0xfdfcf8), Vec3::ZERO),
        ChildOf(clock),
    ));
    c.spawn((
        paint.shape(Annulus::new(33.0, 38.0), INK, Vec3::new(0.0, 0.0, 0.1)),
        ChildOf(clock),
    ));
    for i in 0..12 {
        let angle = TAU * i as f32 / 12.0;
        let long = i % 3 == 0;
        let tick = Rectangle::new(if long { 3.0 } else { 2.0 }, if long { 7.0 } else { 4.0 });
        let pos = Vec2::from_angle(angle + FRAC_PI_2) * 27.0;
        let placed = Transform::from_translation(pos.extend(0.1))
            .with_rotation(Quat::from_rotation_z(angle));
        c.spawn((paint.placed(tick, INK, placed), ChildOf(clock)));
    }
    // The scene's time of day; the hands then turn with story time.
    let (hour_turns, minute_turns) = clock_turns(time);
    for (length, width, turns_per_hour, start) in [
        (16.0, 4.0, 1.0 / 12.0, hour_turns),
        (25.0, 3.0, 1.0, minute_turns),
    ] {
        let hand = c
            .spawn((
                ClockHand {
                    turns_per_hour,
                    start,
                },
                Transform::from_xyz(0.0, 0.0, 0.2),
                Visibility::default(),
                ChildOf(clock),
            ))
            .id();
        c.spawn((
            paint.shape(
                rounded_rect(Vec2::new(width, length), width / 2.0),
                INK,
                Vec3::new(0.0, length / 2.0 - 3.0, 0.0),
            ),
            ChildOf(hand),
        ));
    }
    c.spawn((
        paint.shape(Circle::new(3.5), hex(0xd9825b), Vec3::new(0.0, 0.0, 0.4)),
        ChildOf(clock),
    ));
}

fn spawn_counter(
    mut commands: Commands,
    mut paint: Paint,
    root: Single<Entity, With<SceneRoot>>,
    setting: Res<SceneSetting>,
) {
    let root = *root;
    let c = &mut commands;
    let z = depth::COUNTER;
    c.spawn((
        paint.shape(
            Rectangle::new(ROOM_WIDTH, 300.0),
            WOOD_FRONT,
            Vec3::new(0.0, COUNTER_TOP - 168.0, z),
        ),
        ChildOf(root),
    ));
    c.spawn((
        paint.shape(
            Rectangle::new(ROOM_WIDTH, 20.0),
            WOOD_TOP,
            Vec3::new(0.0, COUNTER_TOP - 10.0, z + 0.1),
        ),
        ChildOf(root),
    ));
    c.spawn((
        paint.shape(
            Rectangle::new(ROOM_WIDTH, 5.0),
            WOOD_EDGE,
            Vec3::new(0.0, COUNTER_TOP - 1.5, z + 0.2),
        ),
        ChildOf(root),
    ));
    c.spawn((
        paint.shape(
            Rectangle::new(ROOM_WIDTH, 6.0),
            WOOD_SHADOW,
            Vec3::new(0.0, COUNTER_TOP - 23.0, z + 0.2),
        ),
        ChildOf(root),
    ));
    if let Some(ticket) = &setting.ticket {
        spawn_ticket_display(c, &mut paint, root, ticket);
    }
    spawn_desk_items(c, &mut paint, root, setting.place);
}

fn turn_clock_hands(
    clock: SceneClock,
    mood: Res<SceneMood>,
    mut shown_seconds: Local<f32>,
    mut hands: Query<(&ClockHand, &mut Transform)>,
) {
    let target = mood.elapsed_seconds as f32;
    if *shown_seconds > target {
        *shown_seconds = 0.0; // a new encounter
    }
    *shown_seconds = ease(*shown_seconds, target, clock.ease_seconds(), 0.6);
    let hours = *shown_seconds / 3600.0;
    for (hand, mut transform) in &mut hands {
        let turns = hand.start + hand.turns_per_hour * hours;
        let rotation = Quat::from_rotation_z(-turns * TAU);
        if transform.rotation != rotation {
            transform.rotation = rotation;
        }
    }
}

/// On a phone or video call the customer is not in the room: they appear on
/// a screen on the employee's desk side (a green "on the line" light for a
/// call, a camera dot for video), framing the portrait drawn in front of it.
fn spawn_call_screen(c: &mut Commands, paint: &mut Paint, root: Entity, place: Place) {
    let screen = group(
        c,
        root,
        "Call screen",
        Vec3::new(0.0, 20.0, depth::WALL + 0.5),
    );
    c.spawn((
        paint.shape(rounded_rect(Vec2::new(360.0, 330.0), 18.0), INK, Vec3::ZERO),
        ChildOf(screen),
    ));
    c.spawn((
        paint.shape(
            rounded_rect(Vec2::new(336.0, 300.0), 10.0),
            hex(0x4e6472),
            Vec3::new(0.0, -4.0, 0.1),
        ),
        ChildOf(screen),
    ));
    let (dot, at) = match place {
        Place::VideoCall => (hex(0x9fb3bf), Vec3::new(0.0, 157.0, 0.2)),
        _ => (hex(0x4fd17f), Vec3::new(-150.0, 140.0, 0.2)),
    };
    c.spawn((paint.shape(Circle::new(6.0), dot, at), ChildOf(screen)));
}

/// The window's sky (upper, lower) for the light outside.
fn sky_colours(light: Daylight) -> (Color, Color) {
    match light {
        Daylight::Dawn => (hex(0xc9b6d9), hex(0xf3c9b0)),
        Daylight::Day => (hex(0xa9d6e8), hex(0xcbe7ef)),
        Daylight::Dusk => (hex(0x5d6b9c), hex(0xe8a26e)),
        Daylight::Night => (hex(0x1b2440), hex(0x2b3558)),
    }
}

/// Where the hour and minute hands start, in turns from twelve o'clock.
pub fn clock_turns(time: TimeOfDay) -> (f32, f32) {
    let minutes = f32::from(time.hour % 12) * 60.0 + f32::from(time.minute);
    (minutes / 720.0, f32::from(time.minute) / 60.0)
}

#[cfg(test)]
mod clock_tests {
    use super::*;

    /// The clock shows the scene's time: 21:40 puts the hour hand between
    /// nine and ten and the minute hand on the eight.
    #[test]
    fn the_clock_starts_at_the_scenes_time() {
        let (hour, minute) = clock_turns(TimeOfDay {
            hour: 21,
            minute: 40,
        });
        assert!((hour - (9.0 + 40.0 / 60.0) / 12.0).abs() < 1e-6);
        assert!((minute - 40.0 / 60.0).abs() < 1e-6);
        let (hour, minute) = clock_turns(TimeOfDay { hour: 0, minute: 0 });
        assert_eq!((hour, minute), (0.0, 0.0));
    }

    #[test]
    fn night_and_day_windows_differ() {
        assert_ne!(sky_colours(Daylight::Night), sky_colours(Daylight::Day));
    }
}
