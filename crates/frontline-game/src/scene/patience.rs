//! The customer's patience as a pill-shaped bar above their head, with a
//! small hourglass. It drains smoothly and shifts from the palette's "good"
//! colour through "warn" to "bad"; hidden when the customer's patience is
//! unlimited. Follows the colour-blind-safe setting.

use super::clock::SceneClock;
use super::expression::ease;
use super::paint::{Paint, blend, group, hex, rounded_rect};
use super::{SceneMood, SceneRoot, SceneSpawn, SceneUpdate, depth};
use crate::Screen;
use crate::settings::Preferences;
use crate::theme::Palette;
use bevy::prelude::*;
use bevy_egui::egui::Color32;

/// Draws and drains the patience bar.
pub struct PatiencePlugin;

impl Plugin for PatiencePlugin {
    fn build(&self, app: &mut App) {
        app.add_systems(
            OnEnter(Screen::Encounter),
            spawn_bar.in_set(SceneSpawn::Parts),
        )
        .add_systems(
            Update,
            drain_bar
                .in_set(SceneUpdate::Draw)
                .run_if(in_state(Screen::Encounter)),
        );
    }
}

/// Centre of the bar in the design box.
const BAR_AT: Vec3 = Vec3::new(-40.0, 192.0, depth::OVERLAY);
/// Inner length of the fill when full, and its thickness.
const FILL_LENGTH: f32 = 220.0;
const FILL_HEIGHT: f32 = 12.0;

/// The whole bar (hidden when patience is unlimited); `shown` eases to the
/// real share.
#[derive(Component, Debug)]
struct PatienceBar {
    shown: f32,
}

/// One piece of the fill: the two round ends and the stretchy middle.
#[derive(Component, Clone, Copy, Debug, PartialEq)]
enum FillPiece {
    Start,
    Middle,
    End,
}

fn spawn_bar(
    mut commands: Commands,
    mut paint: Paint,
    root: Single<Entity, With<SceneRoot>>,
    mood: Res<SceneMood>,
) {
    let c = &mut commands;
    let bar = group(c, *root, "Patience bar", BAR_AT);
    let shown = mood.patience_left_frac.unwrap_or(1.0).clamp(0.0, 1.0);
    c.entity(bar).insert(PatienceBar { shown });
    let track = Vec2::new(FILL_LENGTH + 14.0, FILL_HEIGHT + 14.0);
    c.spawn((
        paint.shape(
            rounded_rect(track + 6.0, track.y / 2.0 + 3.0),
            hex(0xf7f3ea),
            Vec3::ZERO,
        ),
        ChildOf(bar),
    ));
    c.spawn((
        paint.shape(
            rounded_rect(track, track.y / 2.0),
            hex(0x34444e),
            Vec3::new(0.0, 0.0, 0.1),
        ),
        ChildOf(bar),
    ));
    let r = FILL_HEIGHT / 2.0;
    for piece in [FillPiece::Start, FillPiece::Middle, FillPiece::End] {
        let mesh: Mesh = match piece {
            FillPiece::Middle => Rectangle::new(1.0, FILL_HEIGHT).into(),
            _ => Circle::new(r).into(),
        };
        c.spawn((
            paint.shape(mesh, Color::WHITE, Vec3::new(0.0, 0.0, 0.2)),
            piece,
            ChildOf(bar),
        ));
    }
    // Hourglass to the left of the bar.
    let glass = group(
        c,
        bar,
        "Hourglass",
        Vec3::new(-track.x / 2.0 - 26.0, 0.0, 0.0),
    );
    let ink = hex(0x34444e);
    c.spawn((
        paint.shape(Rectangle::new(22.0, 4.0), ink, Vec3::new(0.0, 13.0, 0.0)),
        ChildOf(glass),
    ));
    c.spawn((
        paint.shape(Rectangle::new(22.0, 4.0), ink, Vec3::new(0.0, -13.0, 0.0)),
        ChildOf(glass),
    ));
    let top = Triangle2d::new(
        Vec2::new(-8.0, 11.0),
        Vec2::new(8.0, 11.0),
        Vec2::new(0.0, 0.0),
    );
    let bottom = Triangle2d::new(
        Vec2::new(0.0, 0.0),
        Vec2::new(8.0, -11.0),
        Vec2::new(-8.0, -11.0),
    );
    c.spawn((
        paint.shape(top, hex(0xe8b94a), Vec3::new(0.0, 0.0, 0.1)),
        ChildOf(glass),
    ));
    c.spawn((
        paint.shape(bottom, hex(0xe8b94a), Vec3::new(0.0, 0.0, 0.1)),
        ChildOf(glass),
    ));
}

/// Fill colour for a share of patience left: good when full, warn around
/// half, bad when nearly gone.
pub fn fill_color(share: f32, palette: &Palette) -> Color {
    let [good, warn, bad] = [palette.good, palette.warn, palette.bad].map(to_bevy);
    let s = share.clamp(0.0, 1.0);
    if s >= 0.5 {
        blend(warn, good, (s - 0.5) * 2.0)
    } else {
        blend(bad, warn, s * 2.0)
    }
}

fn to_bevy(c: Color32) -> Color {
    Color::srgba_u8(c.r(), c.g(), c.b(), c.a())
}

/// Left end x and length of the fill's middle for a share of patience.
fn fill_span(share: f32) -> (f32, f32) {
    let left = -FILL_LENGTH / 2.0 + FILL_HEIGHT / 2.0;
    let length = (FILL_LENGTH - FILL_HEIGHT) * share.clamp(0.0, 1.0);
    (left, length)
}

fn drain_bar(
    clock: SceneClock,
    mood: Res<SceneMood>,
    prefs: Option<Res<Preferences>>,
    mut paint: Paint,
    mut bars: Query<(&mut PatienceBar, &mut Visibility)>,
    mut pieces: Query<(&FillPiece, &mut Transform, &MeshMaterial2d<ColorMaterial>)>,
) {
    let Ok((mut bar, mut visibility)) = bars.single_mut() else {
        return;
    };
    let wanted_visibility = if mood.patience_left_frac.is_some() {
        Visibility::Inherited
    } else {
        Visibility::Hidden
    };
    visibility.set_if_neq(wanted_visibility);
    let target = mood.patience_left_frac.unwrap_or(1.0).clamp(0.0, 1.0);
    let shown = ease(bar.shown, target, clock.ease_seconds(), 0.35);
    if shown != bar.shown {
        bar.shown = shown;
    }
    let palette = Palette::for_setting(prefs.is_some_and(|p| p.settings.colour_blind_safe));
    let color = fill_color(shown, &palette);
    let (left, length) = fill_span(shown);
    let empty = shown < 0.01;
    for (piece, mut transform, material) in &mut pieces {
        let wanted = match piece {
            FillPiece::Start => Transform::from_xyz(left, 0.0, 0.2),
            FillPiece::Middle => Transform::from_xyz(left + length / 2.0, 0.0, 0.2)
                .with_scale(Vec3::new(length.max(0.001), 1.0, 1.0)),
            FillPiece::End => Transform::from_xyz(left + length, 0.0, 0.2),
        };
        let wanted = if empty {
            wanted.with_scale(Vec3::ZERO)
        } else {
            wanted
        };
        transform.set_if_neq(wanted);
        paint.recolor(material, color);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colour_runs_good_to_warn_to_bad() {
        let p = Palette::CALM;
        assert_eq!(fill_color(1.0, &p), to_bevy(p.good));
        assert_eq!(fill_color(0.5, &p), to_bevy(p.warn));
        assert_eq!(fill_color(0.0, &p), to_bevy(p.bad));
        assert_eq!(fill_color(-3.0, &p), fill_color(0.0, &p));
    }

    #[test]
    fn colour_blind_palette_avoids_red() {
        let bad = fill_color(0.0, &Palette::COLOUR_BLIND_SAFE).to_srgba();
        let calm_bad = fill_color(0.0, &Palette::CALM).to_srgba();
        assert_ne!(bad, calm_bad);
        assert!(bad.green > 0.5, "orange, not red: {bad:?}");
    }

    #[test]
    fn fill_shrinks_from_the_right() {
        let (left_full, full) = fill_span(1.0);
        let (left_half, half) = fill_span(0.5);
        assert_eq!(left_full, left_half);
        assert!((half * 2.0 - full).abs() < 1e-4);
        assert_eq!(fill_span(7.0), fill_span(1.0));
        assert_eq!(fill_span(-1.0).1, 0.0);
    }
}
