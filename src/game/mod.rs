//! Everything Bevy: the only place that imports bevy / bevy_egui.
