//! How a face looks at a given mood, and how the shown mood eases towards the
//! real one so the face changes smoothly instead of jumping after a choice.

use bevy::prelude::Vec2;

/// The features of a face at one mood. Lengths are in portrait units (the
/// head is about 130 units tall).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Expression {
    /// -1 deep frown .. 0 flat .. 1 broad smile.
    pub smile: f32,
    /// How far the mouth is open (0 closed .. 1 wide open laugh).
    pub open: f32,
    /// Half the mouth's width.
    pub mouth_half_width: f32,
    /// Eyebrow rotation: positive lowers the inner ends (anger).
    pub brow_tilt: f32,
    /// Eyebrows raised (+) or lowered (-) from rest.
    pub brow_lift: f32,
    /// Vertical scale of the eyes (1 open, smaller when squinting).
    pub eye_open: f32,
    /// Red flush of the cheeks (0 none .. 1 furious).
    pub flush: f32,
    /// Pink glow of the cheeks when pleased (0 none .. 1 delighted).
    pub glow: f32,
}

/// Mood at which the face is neutral.
const NEUTRAL: f32 = 50.0;

impl Expression {
    /// The face at `mood` (0 furious .. 100 delighted; clamped).
    pub fn at(mood: f32) -> Expression {
        let m = mood.clamp(0.0, 100.0);
        // -1 at furious, 0 at neutral, 1 at delighted.
        let v = (m - NEUTRAL) / NEUTRAL;
        let anger = (-v).max(0.0);
        let joy = v.max(0.0);
        Expression {
            smile: v * 0.9,
            open: ((m - 75.0) / 25.0).clamp(0.0, 1.0),
            mouth_half_width: 17.0 + 5.0 * joy - 3.0 * anger,
            brow_tilt: 0.42 * anger.powf(0.8) - 0.08 * joy,
            brow_lift: 5.0 * joy - 6.0 * anger,
            eye_open: 1.0 - 0.2 * anger - 0.15 * joy,
            flush: ((0.45 - m / 100.0) / 0.45).clamp(0.0, 1.0),
            glow: ((m / 100.0 - 0.6) / 0.4).clamp(0.0, 1.0),
        }
    }

    /// The mouth as two outlines (upper lip line, lower lip line), `points`
    /// each, relative to the mouth's centre. When closed the band is a line a
    /// few units thick; opening drops the lower outline.
    pub fn mouth_outline(&self, points: usize) -> (Vec<Vec2>, Vec<Vec2>) {
        const DEPTH: f32 = 11.0;
        const THICKNESS: f32 = 4.0;
        const OPEN_DEPTH: f32 = 14.0;
        let n = points.max(2);
        let mut upper = Vec::with_capacity(n);
        let mut lower = Vec::with_capacity(n);
        for i in 0..n {
            let t = -1.0 + 2.0 * i as f32 / (n - 1) as f32;
            let bow = 1.0 - t * t;
            let x = t * self.mouth_half_width;
            // A smile lowers the middle relative to the corners.
            let centre = -self.smile * DEPTH * bow + self.smile * DEPTH * 0.5;
            let half = THICKNESS * 0.5 * (0.35 + 0.65 * bow.sqrt());
            upper.push(Vec2::new(x, centre + half - self.open * 2.0 * bow));
            lower.push(Vec2::new(x, centre - half - self.open * OPEN_DEPTH * bow));
        }
        (upper, lower)
    }
}

/// Moves `shown` towards `target` over `dt` seconds, covering about 63% of
/// the gap every `time_constant` seconds; never overshoots.
pub fn ease(shown: f32, target: f32, dt: f32, time_constant: f32) -> f32 {
    if time_constant <= 0.0 || !dt.is_finite() {
        return target;
    }
    let step = 1.0 - (-dt.max(0.0) / time_constant).exp();
    shown + (target - shown) * step
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn furious_frowns_delighted_smiles() {
        let furious = Expression::at(0.0);
        let neutral = Expression::at(50.0);
        let delighted = Expression::at(100.0);
        assert!(furious.smile < -0.5 && delighted.smile > 0.5);
        assert!(neutral.smile.abs() < 1e-6);
        assert!(furious.brow_tilt > 0.3, "angry brows slope inwards");
        assert!(delighted.brow_lift > 0.0 && furious.brow_lift < 0.0);
        assert!(furious.flush > 0.9 && neutral.flush < 0.01);
        assert!(delighted.glow > 0.9 && neutral.glow < 0.01);
        assert!(delighted.open > 0.9 && neutral.open == 0.0);
    }

    #[test]
    fn smile_rises_steadily_with_mood_and_clamps() {
        let mut last = f32::NEG_INFINITY;
        for mood in 0..=100 {
            let s = Expression::at(mood as f32).smile;
            assert!(s > last, "smile must grow with mood at {mood}");
            last = s;
        }
        assert_eq!(Expression::at(-40.0), Expression::at(0.0));
        assert_eq!(Expression::at(250.0), Expression::at(100.0));
    }

    #[test]
    fn mouth_corners_turn_with_the_mood() {
        // Corner height minus middle height: positive for a smile.
        let corner_lift = |mood: f32| {
            let (upper, _) = Expression::at(mood).mouth_outline(9);
            upper[0].y - upper[4].y
        };
        assert!(corner_lift(100.0) > 5.0);
        assert!(corner_lift(0.0) < -5.0);
        assert!(corner_lift(50.0).abs() < 2.0);
    }

    #[test]
    fn lower_lip_stays_below_upper() {
        for mood in (0..=100).step_by(5) {
            let (upper, lower) = Expression::at(mood as f32).mouth_outline(11);
            for (u, l) in upper.iter().zip(&lower) {
                assert!(u.y > l.y, "mood {mood}: lips cross at x={}", u.x);
            }
        }
    }

    #[test]
    fn easing_approaches_without_overshoot() {
        let mut shown = 10.0;
        for _ in 0..600 {
            let next = ease(shown, 90.0, 1.0 / 60.0, 0.4);
            assert!(next >= shown && next <= 90.0);
            shown = next;
        }
        assert!((shown - 90.0).abs() < 0.01, "reached {shown}");
        assert_eq!(ease(10.0, 90.0, 0.1, 0.0), 90.0);
        assert_eq!(ease(10.0, 90.0, f32::NAN, 0.4), 90.0);
    }
}
