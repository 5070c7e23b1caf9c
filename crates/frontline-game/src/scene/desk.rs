//! What stands on and behind the counter: the "now serving" ticket display
//! (seven segments showing the scene's ticket, when it has one) and a few
//! things on the employee's side of the desk.

use super::depth;
use super::measures::{COUNTER_TOP, LEAF, LEAF_DARK};
use super::paint::{Paint, group, hex, rounded_rect};
use bevy::prelude::*;
use frontline_core::scenario::Place;
use std::f32::consts::FRAC_PI_2;

/// Characters the "now serving" display shows at most.
pub const TICKET_DISPLAY_CHARS: usize = 4;

/// Lit segments (a..g, clockwise from the top, then the middle) of a
/// character on a seven-segment display: digits and the letters such
/// displays can show (`B42` reads `b42`); anything else stays dark.
pub fn segments(ch: char) -> [bool; 7] {
    let bits: u8 = match ch.to_ascii_uppercase() {
        '0' | 'O' => 0x3f,
        '1' | 'I' => 0x06,
        '2' | 'Z' => 0x5b,
        '3' => 0x4f,
        '4' => 0x66,
        '5' | 'S' => 0x6d,
        '6' => 0x7d,
        '7' => 0x07,
        '8' => 0x7f,
        '9' => 0x6f,
        'A' => 0x77,
        'B' => 0x7c,
        'C' => 0x39,
        'D' => 0x5e,
        'E' => 0x79,
        'F' => 0x71,
        'G' => 0x3d,
        'H' => 0x76,
        'J' => 0x1e,
        'L' => 0x38,
        'N' => 0x54,
        'P' => 0x73,
        'R' => 0x50,
        'T' => 0x78,
        'U' => 0x3e,
        'Y' => 0x6e,
        '-' => 0x40,
        _ => 0,
    };
    std::array::from_fn(|i| bits & (1 << i) != 0)
}

/// The "now serving" display with the scene's ticket (its first
/// [`TICKET_DISPLAY_CHARS`] characters).
pub(super) fn spawn_ticket_display(
    c: &mut Commands,
    paint: &mut Paint,
    root: Entity,
    ticket: &str,
) {
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
    let shown: Vec<char> = ticket.chars().take(TICKET_DISPLAY_CHARS).collect();
    let middle = (shown.len() as f32 - 1.0) / 2.0;
    for (slot, ch) in shown.into_iter().enumerate() {
        let centre = Vec2::new(20.0 + 28.0 * (slot as f32 - middle), 0.0);
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
        for ((offset, horizontal), on) in layout.into_iter().zip(segments(ch)) {
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

/// The employee's side of the desk; on a phone call a headset lies ready.
pub(super) fn spawn_desk_items(c: &mut Commands, paint: &mut Paint, root: Entity, place: Place) {
    if place == Place::Phone {
        spawn_headset(c, paint, root);
    }
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
    if place == Place::Desk {
        spawn_monitor(c, paint, root);
    }
    // A service bell belongs on a counter only.
    if place != Place::Counter {
        return;
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

/// An office desk's computer screen, seen from behind.
fn spawn_monitor(c: &mut Commands, paint: &mut Paint, root: Entity) {
    let dark = hex(0x2f3a44);
    let set = group(
        c,
        root,
        "Monitor",
        Vec3::new(300.0, COUNTER_TOP + 70.0, depth::DESK_ITEMS),
    );
    c.spawn((
        paint.shape(rounded_rect(Vec2::new(190.0, 120.0), 8.0), dark, Vec3::ZERO),
        ChildOf(set),
    ));
    c.spawn((
        paint.shape(
            Rectangle::new(24.0, 40.0),
            dark,
            Vec3::new(0.0, -70.0, -0.1),
        ),
        ChildOf(set),
    ));
    c.spawn((
        paint.shape(
            rounded_rect(Vec2::new(90.0, 10.0), 4.0),
            dark,
            Vec3::new(0.0, -88.0, 0.0),
        ),
        ChildOf(set),
    ));
}

/// A headset on the desk: the encounter is a call.
fn spawn_headset(c: &mut Commands, paint: &mut Paint, root: Entity) {
    let dark = hex(0x2f3a44);
    let set = group(
        c,
        root,
        "Headset",
        Vec3::new(-250.0, COUNTER_TOP + 26.0, depth::DESK_ITEMS),
    );
    c.spawn((
        paint.shape(Annulus::new(30.0, 36.0), dark, Vec3::ZERO),
        ChildOf(set),
    ));
    for x in [-33.0, 33.0] {
        c.spawn((
            paint.shape(
                rounded_rect(Vec2::new(16.0, 26.0), 6.0),
                dark,
                Vec3::new(x, -6.0, 0.2),
            ),
            ChildOf(set),
        ));
    }
    // The desk hides the lower half of the band.
    c.spawn((
        paint.shape(
            Rectangle::new(80.0, 34.0),
            hex(0xc99a6e),
            Vec3::new(0.0, -26.0, 0.1),
        ),
        ChildOf(set),
    ));
    c.spawn((
        paint.shape(
            rounded_rect(Vec2::new(30.0, 5.0), 2.5),
            dark,
            Vec3::new(22.0, -14.0, 0.3),
        ),
        ChildOf(set),
    ));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seven_segment_digits() {
        let lit = |d| segments(d).iter().filter(|&&s| s).count();
        assert_eq!(lit('8'), 7);
        assert_eq!(lit('1'), 2);
        assert_eq!(lit('0'), 6);
        assert!(!segments('0')[6], "zero has no middle bar");
    }

    #[test]
    fn ticket_letters_and_digits_light_the_right_segments() {
        // `B42` reads b-4-2: b lights c d e f g; 4 lights b c f g.
        assert_eq!(segments('B'), [false, false, true, true, true, true, true]);
        assert_eq!(segments('4'), [false, true, true, false, false, true, true]);
        assert_eq!(segments('8'), [true; 7]);
        assert_eq!(segments('?'), [false; 7], "unknown characters stay dark");
    }
}
