//! The 2D service-counter scene (counter, customer portrait, queue, patience
//! bar). Owned by the scene engineer; this empty plugin is the hook
//! [`GamePlugin`](super::GamePlugin) adds when rendering.

use bevy::prelude::*;

/// Draws the service counter while [`Screen::Encounter`](super::Screen) is active.
pub struct ScenePlugin;

impl Plugin for ScenePlugin {
    fn build(&self, _app: &mut App) {}
}
