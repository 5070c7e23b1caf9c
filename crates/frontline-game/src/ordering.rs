//! The order the game's systems run in, declared once (as in bevy_new_2d's
//! `AppSystems`): every plugin puts its systems in one of these sets instead
//! of ordering itself against another plugin's systems.

use bevy::prelude::*;
use bevy_egui::EguiPrimaryContextPass;

/// Steps of a frame in `Update`, run in this order.
#[derive(SystemSet, Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum AppSystems {
    /// News from outside the frame arrives (scenario folder snapshots).
    Receive,
    /// Clocks advance: typewriter, patience, toasts.
    TickTimers,
    /// The intents the screens sent are applied to the core.
    ApplyIntents,
    /// Reactions to what changed: hot reload, file toasts, opening the
    /// scenario asked for on the command line.
    React,
}

/// Steps of the egui pass, run in this order.
#[derive(SystemSet, Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum UiSystems {
    /// egui's style follows the settings.
    Theme,
    /// The current screen draws itself.
    Screens,
    /// Things drawn over every screen (toasts).
    Overlays,
}

/// Plugin: declares the order of both set enums.
pub struct OrderingPlugin;

impl Plugin for OrderingPlugin {
    fn build(&self, app: &mut App) {
        app.configure_sets(
            Update,
            (
                AppSystems::Receive,
                AppSystems::TickTimers,
                AppSystems::ApplyIntents,
                AppSystems::React,
            )
                .chain(),
        )
        .configure_sets(
            EguiPrimaryContextPass,
            (UiSystems::Theme, UiSystems::Screens, UiSystems::Overlays).chain(),
        );
    }
}
