//! How the customer's portrait is built: body, hair and a face whose parts
//! (mouth, brows, eyes, cheeks) are tagged so [`super::customer`] can pose
//! them as the mood changes. Everything is drawn from an [`Appearance`].

use super::SceneCustomer;
use super::appearance::{Appearance, FacialHair, HairStyle};
use super::customer::Portrait;
use super::depth;
use super::expression::Expression;
use super::paint::{Paint, band, blend, group, hex, rounded_rect};
use bevy::prelude::*;
use std::f32::consts::PI;

/// Where the centre of the customer's head sits in the design box.
pub(super) const HEAD_AT: Vec2 = Vec2::new(-70.0, 42.0);
/// Points along each lip outline.
pub(super) const MOUTH_POINTS: usize = 13;
const MOUTH_COLOR: Color = hex(0x7c2f36);
const EYE_COLOR: Color = hex(0x2a2627);

/// The head (tilts a little while idle).
#[derive(Component, Debug)]
pub(super) struct Head;

/// The mouth, whose mesh is rebuilt as the mood changes.
#[derive(Component, Debug)]
pub(super) struct Mouth {
    pub(super) drawn_at: f32,
}

/// One eyebrow: -1 left, 1 right, resting at `rest`.
#[derive(Component, Debug)]
pub(super) struct Brow {
    pub(super) side: f32,
    pub(super) rest: Vec3,
}

/// One eye (blinks; squints with strong feelings).
#[derive(Component, Debug)]
pub(super) struct Eye;

/// One cheek: skin coloured at rest, flushed or glowing with feelings.
#[derive(Component, Debug)]
pub(super) struct Cheek {
    pub(super) skin: Color,
}

/// Draws `customer` under `root`, with the face at `mood`.
pub(super) fn spawn_portrait(
    c: &mut Commands,
    paint: &mut Paint,
    root: Entity,
    customer: &SceneCustomer,
    mood: f32,
) {
    let look = Appearance::for_person(&customer.look, customer.role, customer.pronouns);
    let portrait = c
        .spawn((
            Name::new("Customer"),
            Portrait {
                drawn_for: customer.clone(),
            },
            Transform::from_translation(HEAD_AT.extend(depth::CUSTOMER)),
            Visibility::default(),
            ChildOf(root),
        ))
        .id();
    spawn_body(c, paint, portrait, &look);
    let head = group(c, portrait, "Head", Vec3::new(0.0, 0.0, 0.2));
    c.entity(head).insert(Head);
    spawn_hair_back(c, paint, portrait, &look);
    spawn_face(c, paint, head, &look, mood);
    spawn_hair_front(c, paint, head, &look);
}

fn shade(color: Color, amount: f32) -> Color {
    blend(color, Color::BLACK, amount)
}

fn spawn_body(c: &mut Commands, paint: &mut Paint, portrait: Entity, look: &Appearance) {
    c.spawn((
        paint.shape(
            Ellipse::new(128.0, 96.0),
            look.clothing,
            Vec3::new(0.0, -172.0, 0.05),
        ),
        ChildOf(portrait),
    ));
    let collar = ConvexPolygon::new_unchecked([
        Vec2::new(-30.0, -82.0),
        Vec2::new(0.0, -126.0),
        Vec2::new(30.0, -82.0),
    ]);
    c.spawn((
        paint.shape(collar, look.collar, Vec3::new(0.0, 0.0, 0.06)),
        ChildOf(portrait),
    ));
    let skin_v = ConvexPolygon::new_unchecked([
        Vec2::new(-19.0, -80.0),
        Vec2::new(0.0, -108.0),
        Vec2::new(19.0, -80.0),
    ]);
    c.spawn((
        paint.shape(skin_v, shade(look.skin, 0.08), Vec3::new(0.0, 0.0, 0.07)),
        ChildOf(portrait),
    ));
    c.spawn((
        paint.shape(
            Rectangle::new(40.0, 36.0),
            shade(look.skin, 0.08),
            Vec3::new(0.0, -70.0, 0.08),
        ),
        ChildOf(portrait),
    ));
    if look.lanyard {
        let strap = hex(0x3fb8af);
        for side in [-1.0f32, 1.0] {
            let placed = Transform::from_xyz(side * 24.0, -118.0, 0.09)
                .with_rotation(Quat::from_rotation_z(side * 0.32));
            c.spawn((
                paint.placed(Rectangle::new(5.0, 78.0), strap, placed),
                ChildOf(portrait),
            ));
        }
        c.spawn((
            paint.shape(
                rounded_rect(Vec2::new(26.0, 32.0), 4.0),
                hex(0xfafafa),
                Vec3::new(0.0, -160.0, 0.1),
            ),
            ChildOf(portrait),
        ));
        c.spawn((
            paint.shape(
                Rectangle::new(18.0, 5.0),
                strap,
                Vec3::new(0.0, -152.0, 0.11),
            ),
            ChildOf(portrait),
        ));
    }
}

fn spawn_hair_back(c: &mut Commands, paint: &mut Paint, portrait: Entity, look: &Appearance) {
    let w = look.face_width;
    let hair = look.hair;
    match look.hair_style {
        HairStyle::Bob => {
            c.spawn((
                paint.shape(
                    rounded_rect(Vec2::new(146.0 * w, 128.0), 40.0),
                    hair,
                    Vec3::new(0.0, 6.0, 0.0),
                ),
                ChildOf(portrait),
            ));
        }
        HairStyle::Long => {
            c.spawn((
                paint.shape(
                    rounded_rect(Vec2::new(150.0 * w, 210.0), 60.0),
                    hair,
                    Vec3::new(0.0, -36.0, 0.0),
                ),
                ChildOf(portrait),
            ));
        }
        HairStyle::Curly => {
            for (x, y, r) in [
                (-52.0, -10.0, 24.0),
                (52.0, -10.0, 24.0),
                (-56.0, 16.0, 24.0),
                (56.0, 16.0, 24.0),
            ] {
                c.spawn((
                    paint.shape(Circle::new(r), hair, Vec3::new(x * w, y, 0.0)),
                    ChildOf(portrait),
                ));
            }
        }
        HairStyle::Short | HairStyle::Bun | HairStyle::Receding => {}
    }
}

fn spawn_face(c: &mut Commands, paint: &mut Paint, head: Entity, look: &Appearance, mood: f32) {
    let w = look.face_width;
    let skin = look.skin;
    let eye_x = 22.0 * w;
    for side in [-1.0f32, 1.0] {
        c.spawn((
            paint.shape(
                Ellipse::new(10.0, 15.0),
                skin,
                Vec3::new(side * 55.0 * w, -2.0, -0.05),
            ),
            ChildOf(head),
        ));
        c.spawn((
            paint.shape(
                Ellipse::new(5.0, 8.0),
                shade(skin, 0.1),
                Vec3::new(side * 56.0 * w, -2.0, -0.04),
            ),
            ChildOf(head),
        ));
        if look.earrings {
            c.spawn((
                paint.shape(
                    Circle::new(3.8),
                    hex(0xe8c25a),
                    Vec3::new(side * 56.0 * w, -18.0, -0.03),
                ),
                ChildOf(head),
            ));
        }
    }
    c.spawn((
        paint.shape(Ellipse::new(56.0 * w, 67.0), skin, Vec3::ZERO),
        ChildOf(head),
    ));
    let face = Expression::at(mood);
    for side in [-1.0f32, 1.0] {
        c.spawn((
            paint.shape(
                Circle::new(12.0),
                skin,
                Vec3::new(side * 33.0 * w, -22.0, 0.05),
            ),
            Cheek { skin },
            ChildOf(head),
        ));
        let eye = c
            .spawn((
                Eye,
                Transform::from_xyz(side * eye_x, 0.0, 0.15),
                Visibility::default(),
                ChildOf(head),
            ))
            .id();
        c.spawn((
            paint.shape(Ellipse::new(6.0, 7.5), EYE_COLOR, Vec3::ZERO),
            ChildOf(eye),
        ));
        c.spawn((
            paint.shape(Circle::new(1.9), Color::WHITE, Vec3::new(2.0, 2.8, 0.01)),
            ChildOf(eye),
        ));
        let rest = Vec3::new(side * eye_x, 19.0, 0.25);
        c.spawn((
            paint.shape(
                rounded_rect(Vec2::new(26.0, 6.0), 3.0),
                shade(look.hair, 0.15),
                rest,
            ),
            Brow { side, rest },
            ChildOf(head),
        ));
        if look.lines {
            for (dy, angle) in [(3.0, 0.35), (-3.0, -0.35)] {
                let placed = Transform::from_xyz(side * (eye_x + 15.0), dy, 0.12)
                    .with_rotation(Quat::from_rotation_z(side * angle));
                c.spawn((
                    paint.placed(Rectangle::new(8.0, 1.6), shade(skin, 0.22), placed),
                    ChildOf(head),
                ));
            }
        }
    }
    match look.facial_hair {
        FacialHair::Beard => {
            c.spawn((
                paint.shape(
                    Ellipse::new(54.0 * w, 36.0),
                    look.hair,
                    Vec3::new(0.0, -38.0, 0.08),
                ),
                ChildOf(head),
            ));
        }
        FacialHair::Moustache => {
            c.spawn((
                paint.shape(
                    rounded_rect(Vec2::new(34.0, 9.0), 4.5),
                    look.hair,
                    Vec3::new(0.0, -28.0, 0.2),
                ),
                ChildOf(head),
            ));
        }
        FacialHair::None => {}
    }
    c.spawn((
        paint.shape(
            Ellipse::new(6.0, 9.0),
            shade(skin, 0.12),
            Vec3::new(0.0, -12.0, 0.1),
        ),
        ChildOf(head),
    ));
    let (upper, lower) = face.mouth_outline(MOUTH_POINTS);
    c.spawn((
        paint.shape(
            band(&upper, &lower),
            MOUTH_COLOR,
            Vec3::new(0.0, -40.0, 0.15),
        ),
        Mouth { drawn_at: mood },
        ChildOf(head),
    ));
    if look.glasses {
        let frame = hex(0x3a3431);
        for side in [-1.0f32, 1.0] {
            c.spawn((
                paint.shape(
                    Annulus::new(12.5, 15.5),
                    frame,
                    Vec3::new(side * eye_x, 0.0, 0.3),
                ),
                ChildOf(head),
            ));
        }
        c.spawn((
            paint.shape(
                Rectangle::new(eye_x * 2.0 - 28.0, 3.0),
                frame,
                Vec3::new(0.0, 2.0, 0.3),
            ),
            ChildOf(head),
        ));
    }
}

fn spawn_hair_front(c: &mut Commands, paint: &mut Paint, head: Entity, look: &Appearance) {
    let w = look.face_width;
    let hair = look.hair;
    let z = 0.35;
    let cap = |c: &mut Commands, paint: &mut Paint, half: Vec2, y: f32| {
        let placed =
            Transform::from_xyz(0.0, y, z).with_scale(Vec3::new(1.0, half.y / half.x, 1.0));
        c.spawn((
            paint.placed(CircularSegment::new(half.x, PI * 0.5), hair, placed),
            ChildOf(head),
        ));
    };
    match look.hair_style {
        HairStyle::Short => {
            cap(c, paint, Vec2::new(59.0 * w, 46.0), 30.0);
            for side in [-1.0f32, 1.0] {
                c.spawn((
                    paint.shape(
                        Ellipse::new(9.0, 20.0),
                        hair,
                        Vec3::new(side * 51.0 * w, 26.0, z),
                    ),
                    ChildOf(head),
                ));
            }
        }
        HairStyle::Bob | HairStyle::Long => {
            cap(c, paint, Vec2::new(60.0 * w, 50.0), 28.0);
            // A fringe swept to one side.
            let placed = Transform::from_xyz(-14.0 * w, 36.0, z + 0.01)
                .with_rotation(Quat::from_rotation_z(-0.25));
            c.spawn((
                paint.placed(Ellipse::new(40.0 * w, 16.0), hair, placed),
                ChildOf(head),
            ));
        }
        HairStyle::Bun => {
            cap(c, paint, Vec2::new(58.0 * w, 44.0), 30.0);
            c.spawn((
                paint.shape(Circle::new(24.0), hair, Vec3::new(0.0, 84.0, z - 0.01)),
                ChildOf(head),
            ));
        }
        HairStyle::Curly => {
            for i in 0..9 {
                let angle = PI * (0.02 + 0.96 * i as f32 / 8.0);
                let at = Vec2::new(angle.cos() * 50.0 * w, 20.0 + angle.sin() * 50.0);
                c.spawn((
                    paint.shape(Circle::new(21.0), hair, at.extend(z)),
                    ChildOf(head),
                ));
            }
        }
        HairStyle::Receding => {
            for side in [-1.0f32, 1.0] {
                c.spawn((
                    paint.shape(
                        Ellipse::new(11.0, 24.0),
                        hair,
                        Vec3::new(side * 50.0 * w, 16.0, z),
                    ),
                    ChildOf(head),
                ));
            }
        }
    }
}
