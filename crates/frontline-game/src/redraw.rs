//! Drawing only when something changes. The window updates reactively: on
//! input, when egui or an animation asks for a frame, when the scenario
//! folder's watcher sends a new snapshot, and once every [`IDLE_WAKE`] as a
//! safety net. An idle menu or a customer waiting for an answer then costs
//! next to no CPU.

use crate::session::ActiveEncounter;
use crate::settings::Preferences;
use crate::toast::Toasts;
use bevy::prelude::*;
use bevy::window::RequestRedraw;
use bevy::winit::{UpdateMode, WinitSettings};
use bevy_egui::{EguiInput, EguiPreUpdateSet, egui};

/// How often an idle game wakes up by itself when nothing animates and no
/// input arrives. Every wake draws a whole frame (with the software renderer
/// about 80 ms of CPU on the title, 180 ms in an encounter), so it is rare:
/// nothing waits on it, since input, animations and toasts ask for frames
/// and the scenario folder's watcher wakes the window when a file changes.
pub const IDLE_WAKE: std::time::Duration = std::time::Duration::from_secs(10);

/// Seconds after a new line during which the scene may still be easing
/// (the face turning to the new mood, the queue shuffling).
pub const SCENE_SETTLE_SECONDS: f32 = 1.5;

/// Plugin (windowed game only): reactive updates and the systems that keep
/// them honest.
pub struct RedrawPlugin {
    /// Draw every frame instead (the screenshot run drives itself by frames).
    pub continuous: bool,
}

impl Plugin for RedrawPlugin {
    fn build(&self, app: &mut App) {
        app.insert_resource(if self.continuous {
            WinitSettings::continuous()
        } else {
            WinitSettings {
                focused_mode: UpdateMode::reactive(IDLE_WAKE),
                unfocused_mode: UpdateMode::reactive_low_power(IDLE_WAKE),
            }
        })
        .add_systems(
            PreUpdate,
            drop_repeated_modifier_events
                .after(EguiPreUpdateSet::ProcessInput)
                .before(EguiPreUpdateSet::BeginPass),
        )
        .add_systems(
            Update,
            redraw_while_animating.in_set(crate::ordering::AppSystems::React),
        );
        if std::env::var_os(TRACE_WAKES_VAR).is_some() {
            app.add_systems(Last, trace_wakes);
        }
    }
}

/// Set this environment variable to log why every frame ran (window events,
/// redraw requests, egui's repaint causes): how the idle figures in
/// docs/playing.md were explained.
pub const TRACE_WAKES_VAR: &str = "FRONTLINE_TRACE_WAKES";

/// Logs one line per frame: time since the last frame and what asked for it.
fn trace_wakes(
    mut window_events: MessageReader<bevy::window::WindowEvent>,
    mut redraws: MessageReader<RequestRedraw>,
    mut contexts: bevy_egui::EguiContexts,
    mut last: Local<Option<std::time::Instant>>,
) {
    let now = std::time::Instant::now();
    let gap = last.map_or(0.0, |l| (now - l).as_secs_f64() * 1000.0);
    *last = Some(now);
    let events: Vec<String> = window_events
        .read()
        .map(|e| {
            let text = format!("{e:?}");
            text.split(['(', ' ', '{'])
                .next()
                .unwrap_or_default()
                .to_string()
        })
        .collect();
    let causes = contexts
        .ctx_mut()
        .map(|ctx| {
            ctx.repaint_causes()
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
        })
        .unwrap_or_default();
    info!(
        "wake: +{gap:.0} ms, window events {events:?}, redraw requests {}, egui repaint causes {causes:?}",
        redraws.read().count()
    );
}

/// bevy_egui 0.42 sends egui a `ModifiersChanged` event on every pass, even
/// when no modifier key changed; egui counts any event as input and asks for
/// the next frame at once, so a reactive window would never sleep. This keeps
/// the event only when the modifiers really changed.
fn drop_repeated_modifier_events(
    mut inputs: Query<&mut EguiInput>,
    mut last: Local<Option<egui::Modifiers>>,
) {
    for mut input in &mut inputs {
        input.0.events.retain(|event| match event {
            egui::Event::ModifiersChanged(now) => {
                let changed = last.as_ref() != Some(now);
                *last = Some(*now);
                changed
            }
            _ => true,
        });
    }
}

/// Asks for another frame while something moves on screen: the typewriter,
/// the short wait before keys act, the scene easing after a new line, a
/// toast. Otherwise the game sleeps until input.
pub fn redraw_while_animating(
    active: Option<Res<ActiveEncounter>>,
    toasts: Res<Toasts>,
    prefs: Res<Preferences>,
    mut redraw: MessageWriter<RequestRedraw>,
) {
    // Under reduced motion the scene lands at once: nothing eases.
    let settling = |a: &ActiveEncounter| {
        !prefs.settings.reduced_motion && a.line_seconds < SCENE_SETTLE_SECONDS
    };
    let encounter_moving = active.is_some_and(|a| !a.paused && (!a.keys_ready() || settling(&a)));
    if encounter_moving || !toasts.0.is_empty() {
        redraw.write(RequestRedraw);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn events_after_filter(app: &mut App, modifiers: egui::Modifiers) -> usize {
        let entity = app
            .world_mut()
            .spawn(EguiInput(egui::RawInput {
                events: vec![
                    egui::Event::ModifiersChanged(modifiers),
                    egui::Event::Text("a".into()),
                ],
                ..Default::default()
            }))
            .id();
        app.update();
        let left = app.world().get::<EguiInput>(entity).unwrap().0.events.len();
        app.world_mut().despawn(entity);
        left
    }

    /// Only a real change of modifier keys reaches egui; the repeats that
    /// bevy_egui sends every pass (and that kept the window awake) do not.
    #[test]
    fn repeated_modifier_events_are_dropped_real_changes_kept() {
        let mut app = App::new();
        app.add_systems(Update, drop_repeated_modifier_events);
        let none = egui::Modifiers::NONE;
        assert_eq!(events_after_filter(&mut app, none), 2, "the first is news");
        assert_eq!(
            events_after_filter(&mut app, none),
            1,
            "a repeat is dropped"
        );
        assert_eq!(events_after_filter(&mut app, egui::Modifiers::SHIFT), 2);
        assert_eq!(events_after_filter(&mut app, egui::Modifiers::SHIFT), 1);
        assert_eq!(
            events_after_filter(&mut app, none),
            2,
            "releasing Shift is news"
        );
    }
}
