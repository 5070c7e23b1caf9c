//! The customer at the counter: a head-and-shoulders portrait drawn from
//! their [`Appearance`], breathing and blinking, whose mouth, eyebrows, eyes
//! and cheeks follow the mood shown by [`ShownMood`] (which eases towards the
//! encounter's mood so the face changes smoothly). The drawing itself is in
//! [`super::portrait`].

use super::clock::SceneClock;
use super::expression::{Expression, ease};
use super::paint::{Paint, band, blend, hex};
use super::portrait::{Brow, Cheek, Eye, HEAD_AT, Head, MOUTH_POINTS, Mouth, spawn_portrait};
use super::{SceneCustomer, SceneMood, SceneRoot, SceneUpdate, depth};
use crate::Screen;
use bevy::prelude::*;

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
const FLUSH: Color = hex(0xe0524d);
const GLOW: Color = hex(0xf3a0a6);

/// The whole portrait (child of the scene root).
#[derive(Component, Debug)]
pub struct Portrait {
    /// The look it was drawn from; a different look redraws it.
    pub drawn_for: SceneCustomer,
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

fn ease_mood(clock: SceneClock, mood: Res<SceneMood>, mut shown: ResMut<ShownMood>) {
    let next = ease(shown.0, mood.mood as f32, clock.ease_seconds(), MOOD_EASING);
    if next != shown.0 {
        shown.0 = next;
    }
}

/// Seconds between blinks and how long the eyes stay shut.
const BLINK_EVERY: f32 = 4.3;
const BLINK_LENGTH: f32 = 0.13;

fn pose_face(
    clock: SceneClock,
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
    let blinking = clock.idle_seconds() % BLINK_EVERY < BLINK_LENGTH;
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
    clock: SceneClock,
    mut portraits: Query<&mut Transform, With<Portrait>>,
    mut heads: Query<&mut Transform, (With<Head>, Without<Portrait>)>,
) {
    let t = clock.idle_seconds();
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
