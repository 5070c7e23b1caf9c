//! The customer at the counter: a head-and-shoulders portrait drawn from
//! their [`Appearance`], breathing and blinking, whose mouth, eyebrows, eyes
//! and cheeks follow the mood shown by [`ShownMood`] (which eases towards the
//! encounter's mood so the face changes smoothly).

use super::appearance::{Appearance, FacialHair, HairStyle};
use super::expression::{Expression, ease};
use super::paint::{Paint, band, blend, group, hex, rounded_rect};
use super::{SceneCustomer, SceneMood, SceneRoot, SceneUpdate, depth};
use crate::game::Screen;
use bevy::prelude::*;
use std::f32::consts::PI;

/// Draws and animates the customer.
pub struct CustomerPlugin;

impl Plugin for CustomerPlugin {
    fn build(&self, app: &mut App) {
        app.init_resource::<ShownMood>().add_systems(
            Update,
            (spawn_when_needed, ease_mood, pose_face, breathe)
                .chain()
                .in_set(SceneUpdate::Draw)
                .run_if(in_state(Screen::Encounter)),
        );
    }
}

/// The mood the face shows now: follows [`SceneMood::mood`] with a short lag.
#[derive(Resource, Clone, Copy, Debug, Default, PartialEq)]
pub struct ShownMood(pub f32);

/// Seconds for the face to cover about two thirds of a mood change.
const MOOD_EASING: f32 = 0.45;
/// Where the centre of the customer's head sits in the design box.
const HEAD_AT: Vec2 = Vec2::new(-70.0, 42.0);
/// Points along each lip outline.
const MOUTH_POINTS: usize = 13;
const MOUTH_COLOR: Color = hex(0x7c2f36);
const EYE_COLOR: Color = hex(0x2a2627);
const FLUSH: Color = hex(0xe0524d);
const GLOW: Color = hex(0xf3a0a6);

/// The whole portrait (child of the scene root).
#[derive(Component, Debug)]
pub struct Portrait {
    /// The look it was drawn from; a different look redraws it.
    pub drawn_for: SceneCustomer,
}

/// The head (tilts a little while idle).
#[derive(Component, Debug)]
struct Head;

/// The mouth, whose mesh is rebuilt as the mood changes.
#[derive(Component, Debug)]
struct Mouth {
    drawn_at: f32,
}

/// One eyebrow: -1 left, 1 right, resting at `rest`.
#[derive(Component, Debug)]
struct Brow {
    side: f32,
    rest: Vec3,
}

/// One eye (blinks; squints with strong feelings).
#[derive(Component, Debug)]
struct Eye;

/// One cheek: skin coloured at rest, flushed or glowing with feelings.
#[derive(Component, Debug)]
struct Cheek {
    skin: Color,
}

fn spawn_when_needed(
    mut commands: Commands,
    mut paint: Paint,
    root: Query<Entity, With<SceneRoot>>,
    portraits: Query<(Entity, &Portrait)>,
    customer: Res<SceneCustomer>,
    mood: Res<SceneMood>,
    mut shown: ResMut<ShownMood>,
) {
    let Ok(root) = root.single() else { return };
    if let Ok((entity, portrait)) = portraits.single() {
        if portrait.drawn_for == *customer {
            return;
        }
        commands.entity(entity).despawn();
    }
    shown.0 = mood.mood as f32;
    spawn_portrait(&mut commands, &mut paint, root, &customer, shown.0);
}

/// Draws `customer` under `root`, with the face at `mood`.
fn spawn_portrait(
    c: &mut Commands,
    paint: &mut Paint,
    root: Entity,
    customer: &SceneCustomer,
    mood: f32,
) {
    let look = Appearance::new(&customer.look, customer.role);
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

fn ease_mood(time: Res<Time>, mood: Res<SceneMood>, mut shown: ResMut<ShownMood>) {
    let next = ease(shown.0, mood.mood as f32, time.delta_secs(), MOOD_EASING);
    if next != shown.0 {
        shown.0 = next;
    }
}

/// Seconds between blinks and how long the eyes stay shut.
const BLINK_EVERY: f32 = 4.3;
const BLINK_LENGTH: f32 = 0.13;

fn pose_face(
    time: Res<Time>,
    shown: Res<ShownMood>,
    mut paint: Paint,
    mut mouths: Query<(&mut Mouth, &Mesh2d)>,
    mut brows: Query<(&Brow, &mut Transform), Without<Eye>>,
    mut eyes: Query<&mut Transform, With<Eye>>,
    cheeks: Query<(&Cheek, &MeshMaterial2d<ColorMaterial>)>,
) {
    let face = Expression::at(shown.0);
    for (mut mouth, mesh) in &mut mouths {
        if (mouth.drawn_at - shown.0).abs() > 0.15 {
            let (upper, lower) = face.mouth_outline(MOUTH_POINTS);
            if let Some(mut m) = paint.meshes.get_mut(&mesh.0) {
                *m = band(&upper, &lower);
            }
            mouth.drawn_at = shown.0;
        }
    }
    for (brow, mut transform) in &mut brows {
        let wanted = Transform::from_translation(brow.rest + Vec3::Y * face.brow_lift)
            .with_rotation(Quat::from_rotation_z(brow.side * face.brow_tilt));
        transform.set_if_neq(wanted);
    }
    let blinking = time.elapsed_secs() % BLINK_EVERY < BLINK_LENGTH;
    let eye_scale = if blinking { 0.1 } else { face.eye_open };
    for mut transform in &mut eyes {
        let wanted = transform.with_scale(Vec3::new(1.0, eye_scale, 1.0));
        transform.set_if_neq(wanted);
    }
    for (cheek, material) in &cheeks {
        let color = blend(
            blend(cheek.skin, FLUSH, face.flush * 0.55),
            GLOW,
            face.glow * 0.55,
        );
        paint.recolor(material, color);
    }
}

fn breathe(
    time: Res<Time>,
    mut portraits: Query<&mut Transform, With<Portrait>>,
    mut heads: Query<&mut Transform, (With<Head>, Without<Portrait>)>,
) {
    let t = time.elapsed_secs();
    for mut transform in &mut portraits {
        let wanted = Transform::from_translation(
            (HEAD_AT + Vec2::Y * (t * 1.7).sin() * 1.5).extend(depth::CUSTOMER),
        );
        transform.set_if_neq(wanted);
    }
    for mut transform in &mut heads {
        let wanted = transform.with_rotation(Quat::from_rotation_z((t * 0.6).sin() * 0.025));
        transform.set_if_neq(wanted);
    }
}
