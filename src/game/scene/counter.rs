//! The room: a calm back wall with a window and a wall clock, the "now
//! serving" display, the counter across the front and a few things on the
//! employee's side of it. The clock's hands follow the encounter's story time.

use super::expression::ease;
use super::paint::{Paint, group, hex, rounded_rect};
use super::{SceneCustomer, SceneMood, SceneRoot, SceneSpawn, depth};
use crate::game::Screen;
use bevy::prelude::*;
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

/// Wall colour; other parts blend towards it to look further away.
pub const WALL: Color = hex(0xd8e2dc);
const WAINSCOT: Color = hex(0xbccdc5);
const RAIL: Color = hex(0xa6bab1);
const FRAME: Color = hex(0xf7f3ea);
const SKY: Color = hex(0xa9d6e8);
const SKY_LOW: Color = hex(0xcbe7ef);
const CLOUD: Color = hex(0xf9fcfd);
const LEAF: Color = hex(0x6fa77a);
const LEAF_DARK: Color = hex(0x4f8a62);
const INK: Color = hex(0x3b4a54);
const WOOD_TOP: Color = hex(0xc99a6e);
const WOOD_EDGE: Color = hex(0xe2b88d);
const WOOD_FRONT: Color = hex(0x9e6f4d);
const WOOD_SHADOW: Color = hex(0x85593c);

/// Top edge of the counter in design units; everything below is counter.
pub const COUNTER_TOP: f32 = -128.0;
/// Height of the floor line people in the queue stand on (hidden by the counter).
pub const FLOOR: f32 = -150.0;
/// Width of the wall and counter: far wider than the design box so wide
/// windows show more room instead of empty bands.
const ROOM_WIDTH: f32 = 8000.0;

/// One hand of the wall clock; `turns_per_hour` sets its speed.
#[derive(Component, Debug)]
struct ClockHand {
    turns_per_hour: f32,
    start: f32,
}

fn spawn_room(mut commands: Commands, mut paint: Paint, root: Single<Entity, With<SceneRoot>>) {
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
    spawn_window(c, &mut paint, root, Vec3::new(-430.0, 70.0, z + 0.3));
    spawn_clock(c, &mut paint, root, Vec3::new(150.0, 150.0, z + 0.3));
}

fn spawn_window(c: &mut Commands, paint: &mut Paint, root: Entity, at: Vec3) {
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
        paint.shape(Rectangle::new(288.0, 182.0), SKY, Vec3::new(0.0, 0.0, 0.1)),
        ChildOf(w),
    ));
    c.spawn((
        paint.shape(
            Rectangle::new(288.0, 70.0),
            SKY_LOW,
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

fn spawn_clock(c: &mut Commands, paint: &mut Paint, root: Entity, at: Vec3) {
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
    // Ten past ten, the friendly clock-face time; hands turn with story time.
    for (length, width, turns_per_hour, start) in [
        (16.0, 4.0, 1.0 / 12.0, 10.0 / 12.0 + 10.0 / 720.0),
        (25.0, 3.0, 1.0, 10.0 / 60.0),
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
    customer: Res<SceneCustomer>,
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
    spawn_ticket_display(c, &mut paint, root, ticket_number(customer.look.seed));
    spawn_desk_items(c, &mut paint, root);
}

/// The ticket number shown on the "now serving" display for a customer.
pub fn ticket_number(seed: u64) -> u32 {
    (seed % 90) as u32 + 10
}

/// Lit segments (a..g, clockwise from the top, then the middle) of a digit.
fn segments(digit: u32) -> [bool; 7] {
    const TABLE: [u8; 10] = [0x3f, 0x06, 0x5b, 0x4f, 0x66, 0x6d, 0x7d, 0x07, 0x7f, 0x6f];
    let bits = TABLE[(digit % 10) as usize];
    std::array::from_fn(|i| bits & (1 << i) != 0)
}

fn spawn_ticket_display(c: &mut Commands, paint: &mut Paint, root: Entity, number: u32) {
    let board = group(
        c,
        root,
        "Now serving",
        Vec3::new(430.0, 150.0, depth::WALL + 0.3),
    );
    c.spawn((
        paint.shape(
            rounded_rect(Vec2::new(170.0, 78.0), 12.0),
            hex(0x34444e),
            Vec3::ZERO,
        ),
        ChildOf(board),
    ));
    c.spawn((
        paint.shape(
            rounded_rect(Vec2::new(150.0, 58.0), 8.0),
            hex(0x1f2a31),
            Vec3::new(0.0, 0.0, 0.1),
        ),
        ChildOf(board),
    ));
    // A small speech-bubble icon: "you're being served".
    c.spawn((
        paint.shape(
            rounded_rect(Vec2::new(30.0, 22.0), 6.0),
            hex(0x3fb8af),
            Vec3::new(-48.0, 4.0, 0.2),
        ),
        ChildOf(board),
    ));
    c.spawn((
        paint.shape(
            Triangle2d::new(
                Vec2::new(-8.0, 0.0),
                Vec2::new(2.0, 0.0),
                Vec2::new(-10.0, -9.0),
            ),
            hex(0x3fb8af),
            Vec3::new(-48.0, -7.0, 0.2),
        ),
        ChildOf(board),
    ));
    let lit = hex(0xffb547);
    let unlit = hex(0x2c3a42);
    for (slot, digit) in [number / 10 % 10, number % 10].into_iter().enumerate() {
        let centre = Vec2::new(2.0 + 36.0 * slot as f32, 0.0);
        // (offset, horizontal?) for segments a..g.
        let layout = [
            (Vec2::new(0.0, 18.0), true),
            (Vec2::new(9.0, 9.0), false),
            (Vec2::new(9.0, -9.0), false),
            (Vec2::new(0.0, -18.0), true),
            (Vec2::new(-9.0, -9.0), false),
            (Vec2::new(-9.0, 9.0), false),
            (Vec2::new(0.0, 0.0), true),
        ];
        for ((offset, horizontal), on) in layout.into_iter().zip(segments(digit)) {
            let size = if horizontal {
                Vec2::new(16.0, 4.0)
            } else {
                Vec2::new(4.0, 15.0)
            };
            let color = if on { lit } else { unlit };
            c.spawn((
                paint.shape(
                    rounded_rect(size, 2.0),
                    color,
                    (centre + offset).extend(0.3),
                ),
                ChildOf(board),
            ));
        }
    }
}

fn spawn_desk_items(c: &mut Commands, paint: &mut Paint, root: Entity) {
    let z = depth::DESK_ITEMS;
    let top = COUNTER_TOP - 6.0;
    // A stack of forms, slightly askew.
    for (i, (dx, angle)) in [(0.0, -0.05), (6.0, 0.04), (2.0, -0.015)]
        .into_iter()
        .enumerate()
    {
        let color = if i == 2 { hex(0xfbfaf6) } else { hex(0xeeebe3) };
        let placed =
            Transform::from_xyz(-250.0 + dx, top + 4.0 + 5.0 * i as f32, z + 0.1 * i as f32)
                .with_rotation(Quat::from_rotation_z(angle));
        c.spawn((
            paint.placed(Rectangle::new(120.0, 10.0), color, placed),
            ChildOf(root),
        ));
    }
    // A service bell.
    let bell = group(c, root, "Bell", Vec3::new(235.0, top, z));
    c.spawn((
        paint.shape(
            rounded_rect(Vec2::new(50.0, 8.0), 3.0),
            hex(0x4a3b33),
            Vec3::ZERO,
        ),
        ChildOf(bell),
    ));
    c.spawn((
        paint.shape(
            CircularSegment::new(20.0, FRAC_PI_2),
            hex(0xe2c26a),
            Vec3::new(0.0, 4.0, 0.1),
        ),
        ChildOf(bell),
    ));
    c.spawn((
        paint.shape(Circle::new(4.0), hex(0xc9a64f), Vec3::new(0.0, 25.0, 0.1)),
        ChildOf(bell),
    ));
    // A mug of tea.
    let mug = group(c, root, "Mug", Vec3::new(330.0, top + 19.0, z));
    c.spawn((
        paint.shape(
            Annulus::new(8.0, 13.0),
            hex(0x3fb8af),
            Vec3::new(18.0, 2.0, 0.0),
        ),
        ChildOf(mug),
    ));
    c.spawn((
        paint.shape(
            rounded_rect(Vec2::new(34.0, 40.0), 6.0),
            hex(0x3fb8af),
            Vec3::new(0.0, 0.0, 0.1),
        ),
        ChildOf(mug),
    ));
    c.spawn((
        paint.shape(
            Rectangle::new(34.0, 6.0),
            hex(0x35a39b),
            Vec3::new(0.0, 12.0, 0.2),
        ),
        ChildOf(mug),
    ));
    // A potted plant at the end of the counter.
    let plant = group(c, root, "Plant", Vec3::new(-560.0, top, z));
    for (angle, length, color) in [
        (-0.6, 70.0, LEAF_DARK),
        (0.5, 64.0, LEAF_DARK),
        (-0.2, 86.0, LEAF),
        (0.2, 80.0, LEAF),
        (0.0, 60.0, hex(0x86bd8f)),
    ] {
        let dir = Vec2::from_angle(angle + FRAC_PI_2);
        let at = (dir * length / 2.0 + Vec2::new(0.0, 40.0)).extend(0.0);
        let placed = Transform::from_translation(at).with_rotation(Quat::from_rotation_z(angle));
        c.spawn((
            paint.placed(Ellipse::new(12.0, length / 2.0), color, placed),
            ChildOf(plant),
        ));
    }
    let pot = ConvexPolygon::new_unchecked([
        Vec2::new(-26.0, 46.0),
        Vec2::new(-20.0, 0.0),
        Vec2::new(20.0, 0.0),
        Vec2::new(26.0, 46.0),
    ]);
    c.spawn((
        paint.shape(pot, hex(0xcf7d56), Vec3::new(0.0, 0.0, 0.5)),
        ChildOf(plant),
    ));
    c.spawn((
        paint.shape(
            Rectangle::new(58.0, 9.0),
            hex(0xb86a47),
            Vec3::new(0.0, 44.0, 0.6),
        ),
        ChildOf(plant),
    ));
}

fn turn_clock_hands(
    time: Res<Time>,
    mood: Res<SceneMood>,
    mut shown_seconds: Local<f32>,
    mut hands: Query<(&ClockHand, &mut Transform)>,
) {
    let target = mood.elapsed_seconds as f32;
    if *shown_seconds > target {
        *shown_seconds = 0.0; // a new encounter
    }
    *shown_seconds = ease(*shown_seconds, target, time.delta_secs(), 0.6);
    let hours = *shown_seconds / 3600.0;
    for (hand, mut transform) in &mut hands {
        let turns = hand.start + hand.turns_per_hour * hours;
        let rotation = Quat::from_rotation_z(-turns * TAU);
        if transform.rotation != rotation {
            transform.rotation = rotation;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seven_segment_digits() {
        let lit = |d| segments(d).iter().filter(|&&s| s).count();
        assert_eq!(lit(8), 7);
        assert_eq!(lit(1), 2);
        assert_eq!(lit(0), 6);
        assert!(!segments(0)[6], "zero has no middle bar");
    }

    #[test]
    fn ticket_numbers_have_two_digits() {
        for seed in [0, 1, 89, 90, u64::MAX] {
            assert!((10..100).contains(&ticket_number(seed)));
        }
    }
}
