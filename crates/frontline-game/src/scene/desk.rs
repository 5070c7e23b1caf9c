//! What stands on and behind the counter: the "now serving" ticket display
//! (seven-segment digits, a number derived from the customer) and a few
//! things on the employee's side of the desk.

use super::depth;
use super::measures::{COUNTER_TOP, LEAF, LEAF_DARK};
use super::paint::{Paint, group, hex, rounded_rect};
use bevy::prelude::*;
use std::f32::consts::FRAC_PI_2;

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

pub(super) fn spawn_ticket_display(c: &mut Commands, paint: &mut Paint, root: Entity, number: u32) {
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

pub(super) fn spawn_desk_items(c: &mut Commands, paint: &mut Paint, root: Entity) {
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
