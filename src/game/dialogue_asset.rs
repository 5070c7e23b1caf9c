//! Dialogues as Bevy assets.
