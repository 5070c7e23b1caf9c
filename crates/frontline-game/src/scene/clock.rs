//! The scene's clock. Every moving part of the scene reads time through
//! [`SceneClock`], so the reduced-motion setting stills all of them in one
//! place: easing (the face turning to a new mood, the patience bar, the clock
//! hands, people walking up) lands at once, and idle motion (breathing,
//! blinking, swaying) stands still.

use crate::settings::Preferences;
use bevy::ecs::system::SystemParam;
use bevy::prelude::*;

/// The moment idle motion is frozen at under reduced motion (eyes open,
/// mid-breath).
const STILL_AT_SECONDS: f32 = 1.0;

/// Time as the scene's animations see it.
#[derive(SystemParam)]
pub struct SceneClock<'w> {
    time: Res<'w, Time>,
    prefs: Option<Res<'w, Preferences>>,
}

impl SceneClock<'_> {
    /// Whether the player asked for reduced motion.
    pub fn still(&self) -> bool {
        self.prefs
            .as_ref()
            .is_some_and(|p| p.settings.reduced_motion)
    }

    /// Seconds to ease by this frame: the frame's length, or (reduced motion)
    /// infinitely many, so every easing reaches its target at once.
    pub fn ease_seconds(&self) -> f32 {
        if self.still() {
            f32::INFINITY
        } else {
            self.time.delta_secs()
        }
    }

    /// The time idle motion is drawn at: running seconds, or (reduced
    /// motion) one fixed moment.
    pub fn idle_seconds(&self) -> f32 {
        if self.still() {
            STILL_AT_SECONDS
        } else {
            self.time.elapsed_secs()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scene::expression::ease;

    #[derive(Resource, Default)]
    struct Seen(Vec<(f32, f32)>);

    fn record(clock: SceneClock, mut seen: ResMut<Seen>) {
        let eased = ease(0.0, 1.0, clock.ease_seconds(), 0.45);
        seen.0.push((eased, clock.idle_seconds()));
    }

    fn frames(reduced_motion: bool) -> Vec<(f32, f32)> {
        let mut app = App::new();
        let mut prefs = Preferences::default();
        prefs.settings.reduced_motion = reduced_motion;
        app.add_plugins(MinimalPlugins)
            .insert_resource(prefs)
            .init_resource::<Seen>()
            .add_systems(Update, record);
        for _ in 0..3 {
            std::thread::sleep(std::time::Duration::from_millis(20));
            app.update();
        }
        std::mem::take(&mut app.world_mut().resource_mut::<Seen>().0)
    }

    /// Reduced motion: easing lands in one frame and idle motion does not move.
    #[test]
    fn reduced_motion_lands_easing_at_once_and_stills_idle_motion() {
        let still = frames(true);
        assert!(still.iter().all(|&(eased, _)| eased == 1.0), "{still:?}");
        assert!(
            still.iter().all(|&(_, t)| t == STILL_AT_SECONDS),
            "{still:?}"
        );

        let moving = frames(false);
        let (eased, _) = moving[2];
        assert!(eased < 1.0, "a 20 ms frame eases part of the way: {eased}");
        assert!(moving[2].1 > moving[1].1, "idle motion runs: {moving:?}");
    }
}
