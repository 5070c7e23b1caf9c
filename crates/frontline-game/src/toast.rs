//! Short messages over any screen (hot reload results, save errors), drawn
//! as egui toasts in the top-right corner and dismissed after a while.

use super::ordering::{AppSystems, UiSystems};
use super::theme;
use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

/// Seconds an info toast stays; errors stay twice as long.
pub const TOAST_SECONDS: f32 = 6.0;

/// One message.
#[derive(Clone, Debug, PartialEq)]
pub struct Toast {
    /// What happened.
    pub text: String,
    /// Shown in the error colour.
    pub error: bool,
    /// Seconds left on screen.
    pub remaining: f32,
}

/// The messages on screen, oldest first.
#[derive(Resource, Clone, Debug, Default)]
pub struct Toasts(pub Vec<Toast>);

impl Toasts {
    /// Adds an informational message.
    pub fn push_info(&mut self, text: impl Into<String>) {
        self.push(text.into(), false);
    }

    /// Adds an error message.
    pub fn push_error(&mut self, text: impl Into<String>) {
        self.push(text.into(), true);
    }

    fn push(&mut self, text: String, error: bool) {
        let remaining = if error {
            2.0 * TOAST_SECONDS
        } else {
            TOAST_SECONDS
        };
        self.0.push(Toast {
            text,
            error,
            remaining,
        });
    }
}

fn expire(time: Res<Time>, mut toasts: ResMut<Toasts>) {
    let dt = time.delta_secs();
    toasts.0.retain_mut(|t| {
        t.remaining -= dt;
        t.remaining > 0.0
    });
}

fn draw_toasts(mut contexts: EguiContexts, toasts: Res<Toasts>) -> Result {
    if toasts.0.is_empty() {
        return Ok(());
    }
    let ctx = contexts.ctx_mut()?;
    let palette = theme::palette_of(ctx);
    egui::Area::new(egui::Id::new("toasts"))
        .anchor(egui::Align2::RIGHT_TOP, [-16.0, 16.0])
        .order(egui::Order::Foreground)
        .show(ctx, |ui| {
            ui.set_max_width(460.0);
            for toast in &toasts.0 {
                let colour = if toast.error {
                    palette.bad
                } else {
                    palette.accent
                };
                theme::card(&palette)
                    .stroke(egui::Stroke::new(2.0, colour))
                    .show(ui, |ui| {
                        ui.label(egui::RichText::new(&toast.text).color(colour));
                    });
            }
        });
    Ok(())
}

/// Plugin: the toast list, its expiry and its drawing.
pub struct ToastPlugin;

impl Plugin for ToastPlugin {
    fn build(&self, app: &mut App) {
        app.init_resource::<Toasts>()
            .add_systems(Update, expire.in_set(AppSystems::TickTimers))
            .add_systems(
                EguiPrimaryContextPass,
                draw_toasts.in_set(UiSystems::Overlays),
            );
    }
}
