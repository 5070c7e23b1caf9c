//! Fits the scene's design box into the part of the window above the
//! dialogue panel, whatever the window's size: the root is scaled so the
//! whole box shows and moved to the centre of the free area. The wall and
//! counter are drawn much wider than the box, so wide windows show more room,
//! never empty bands.

use super::{DESIGN_SIZE, SceneRoot};
use bevy::prelude::*;
use bevy::window::PrimaryWindow;

/// The part of the window the encounter screen's panels leave free for the
/// 2D scene, in logical window pixels from the top. The encounter screen
/// measures it every frame while playing; the scene only reads it.
#[derive(Resource, Clone, Copy, Debug, Default, PartialEq)]
pub struct SceneArea {
    /// Bottom edge of the title bar.
    pub top: f32,
    /// Top edge of the dialogue panel.
    pub bottom: f32,
    /// Left edge of the live-scores panel (the window width without it).
    pub right: f32,
}

/// Keeps the scene fitted to the window.
pub struct LayoutPlugin;

impl Plugin for LayoutPlugin {
    fn build(&self, app: &mut App) {
        app.add_systems(
            PostUpdate,
            fit_to_window.before(TransformSystems::Propagate),
        );
    }
}

/// Window size assumed when there is no window (headless runs).
const FALLBACK_WINDOW: Vec2 = Vec2::new(1280.0, 720.0);

/// Where the scene root goes for a window of `window` logical pixels whose
/// free area (left by the dialogue panels) is `area` (a 2D camera at the
/// origin, one world unit per pixel). An empty `area` means the whole window.
pub fn fit(window: Vec2, area: SceneArea) -> Transform {
    let window = window.max(Vec2::ONE);
    let (top, bottom, right) = if area.bottom > area.top && area.right > 0.0 {
        (
            area.top.clamp(0.0, window.y),
            area.bottom.clamp(0.0, window.y),
            area.right.clamp(1.0, window.x),
        )
    } else {
        (0.0, window.y, window.x)
    };
    let free = Vec2::new(right, (bottom - top).max(1.0));
    let scale = (free / DESIGN_SIZE).min_element();
    let centre = Vec2::new(
        right / 2.0 - window.x / 2.0,
        window.y / 2.0 - (top + bottom) / 2.0,
    );
    Transform::from_xyz(centre.x, centre.y, 0.0).with_scale(Vec3::new(scale, scale, 1.0))
}

fn fit_to_window(
    window: Query<&Window, With<PrimaryWindow>>,
    area: Option<Res<SceneArea>>,
    mut roots: Query<&mut Transform, With<SceneRoot>>,
) {
    let size = window.single().map_or(FALLBACK_WINDOW, Window::size);
    let wanted = fit(size, area.map_or_else(SceneArea::default, |a| *a));
    for mut transform in &mut roots {
        // Compare first so an unchanged layout does not mark the hierarchy dirty.
        if *transform != wanted {
            *transform = wanted;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn design_box_on_screen(window: Vec2, reserved: f32) -> (Vec2, Vec2) {
        let t = fit(
            window,
            SceneArea {
                top: 0.0,
                bottom: window.y * (1.0 - reserved),
                right: window.x,
            },
        );
        let half = DESIGN_SIZE / 2.0 * t.scale.truncate();
        let centre = t.translation.truncate();
        (centre - half, centre + half)
    }

    #[test]
    fn design_box_fits_above_the_panel() {
        for window in [
            Vec2::new(1280.0, 720.0),
            Vec2::new(1920.0, 1080.0),
            Vec2::new(800.0, 1000.0),
            Vec2::new(2560.0, 600.0),
        ] {
            let (min, max) = design_box_on_screen(window, 0.4);
            let panel_top = -window.y / 2.0 + window.y * 0.4;
            assert!(
                min.y >= panel_top - 0.01,
                "{window}: box dips under the panel"
            );
            assert!(
                max.y <= window.y / 2.0 + 0.01,
                "{window}: box leaves the top"
            );
            assert!(min.x >= -window.x / 2.0 - 0.01 && max.x <= window.x / 2.0 + 0.01);
            // It fills the free area in at least one direction.
            let free = Vec2::new(window.x, window.y * 0.6);
            let used = max - min;
            assert!((used.x - free.x).abs() < 0.5 || (used.y - free.y).abs() < 0.5);
        }
    }

    #[test]
    fn degenerate_windows_do_not_break_the_layout() {
        let t = fit(
            Vec2::ZERO,
            SceneArea {
                top: 5.0,
                bottom: -3.0,
                right: -1.0,
            },
        );
        assert!(t.scale.is_finite() && t.translation.is_finite() && t.scale.x > 0.0);
    }
}
