//! The player's profile (stable id, name, team) and settings, remembered
//! between runs in one RON file in the platform config dir (or `--data-dir`).

use bevy::prelude::*;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use uuid::Uuid;

/// Who is playing; stored with every result.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Profile {
    /// This install's player id: created once (the first start, see
    /// [`Preferences::load`]) and kept; every result carries it, so boards
    /// keep a player together through renames and apart from namesakes.
    pub player_id: Uuid,
    /// The player's name (shown on boards; changing it keeps the id).
    pub name: String,
    /// The player's team (may be empty).
    pub team: String,
}

/// How fast the customer's line is revealed (reduced motion shows it whole).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum TextSpeed {
    /// 25 characters a second.
    Slow,
    /// 50 characters a second.
    #[default]
    Normal,
    /// 110 characters a second.
    Fast,
    /// The whole line at once.
    Instant,
}

impl TextSpeed {
    /// Every speed, slowest first.
    pub const ALL: [TextSpeed; 4] = [
        TextSpeed::Slow,
        TextSpeed::Normal,
        TextSpeed::Fast,
        TextSpeed::Instant,
    ];

    /// Characters revealed per second (`None`: everything at once).
    pub fn chars_per_second(self) -> Option<f32> {
        match self {
            TextSpeed::Slow => Some(25.0),
            TextSpeed::Normal => Some(50.0),
            TextSpeed::Fast => Some(110.0),
            TextSpeed::Instant => None,
        }
    }

    /// Name shown in the settings screen.
    pub fn label(self) -> &'static str {
        match self {
            TextSpeed::Slow => "Slow",
            TextSpeed::Normal => "Normal",
            TextSpeed::Fast => "Fast",
            TextSpeed::Instant => "Instant",
        }
    }
}

/// How large the interface's text is, on top of the interface size.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum TextSize {
    /// The designed size.
    #[default]
    Normal,
    /// A fifth larger.
    Large,
    /// Two fifths larger: the debrief and the encounter still fit 1280×720.
    Largest,
}

impl TextSize {
    /// Every size, smallest first.
    pub const ALL: [TextSize; 3] = [TextSize::Normal, TextSize::Large, TextSize::Largest];

    /// What every font size is multiplied by.
    pub fn factor(self) -> f32 {
        match self {
            TextSize::Normal => 1.0,
            TextSize::Large => 1.2,
            TextSize::Largest => 1.4,
        }
    }

    /// Name shown in the settings screen.
    pub fn label(self) -> &'static str {
        match self {
            TextSize::Normal => "Normal text",
            TextSize::Large => "Large text",
            TextSize::Largest => "Largest text",
        }
    }
}

/// What the player can change on the settings screen.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// Zoom of the whole interface, 0.75..=2.0.
    pub ui_scale: f32,
    /// Typewriter speed of customer lines.
    pub text_speed: TextSpeed,
    /// Show need scores while playing (hidden by default: customers do not tell you).
    pub show_scores_live: bool,
    /// Use the colour-blind-safe palette.
    pub colour_blind_safe: bool,
    /// Borderless fullscreen window.
    pub fullscreen: bool,
    /// Size of all text.
    pub text_size: TextSize,
    /// No movement: lines appear whole, the scene and the interface stand still.
    pub reduced_motion: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            ui_scale: 1.0,
            text_speed: TextSpeed::Normal,
            show_scores_live: false,
            colour_blind_safe: false,
            fullscreen: false,
            text_size: TextSize::Normal,
            reduced_motion: false,
        }
    }
}

impl Settings {
    /// Characters of a line revealed per second; `None` shows lines whole
    /// (the Instant speed, or reduced motion whatever the speed).
    pub fn reveal_speed(&self) -> Option<f32> {
        if self.reduced_motion {
            None
        } else {
            self.text_speed.chars_per_second()
        }
    }
}

/// Smallest and largest UI scale the settings allow.
pub const UI_SCALE_RANGE: std::ops::RangeInclusive<f32> = 0.75..=2.0;

/// Profile and settings as saved on disk.
#[derive(Resource, Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Preferences {
    /// Who is playing.
    pub profile: Profile,
    /// How the game looks and plays.
    pub settings: Settings,
    /// The introduction has been shown (it opens by itself only once).
    pub intro_seen: bool,
}

/// Where [`Preferences`] are saved; `None` keeps them in memory only.
#[derive(Resource, Clone, Debug, Default)]
pub struct PreferencesPath(pub Option<PathBuf>);

impl PreferencesPath {
    /// `preferences.ron` in [`frontline_results::config_dir`]: the data folder
    /// when one was chosen, else the platform config folder.
    pub fn resolve(data_dir: Option<&Path>) -> PreferencesPath {
        let dir = frontline_results::config_dir(data_dir.map(Path::to_path_buf));
        PreferencesPath(dir.map(|d| d.join("preferences.ron")))
    }
}

impl Preferences {
    /// Reads preferences; a missing or unreadable file gives the defaults
    /// (a broken file is reported in the log, never fatal). The first time
    /// (no file, or one from before player ids) a new player id is created
    /// and saved at once, so it is the same at every later start. A broken
    /// file is left for the player to look at: the new id is saved with the
    /// next change.
    pub fn load(path: &PreferencesPath) -> Preferences {
        let (mut prefs, readable) = Preferences::read(path);
        if prefs.profile.player_id.is_nil() {
            prefs.profile.player_id = Uuid::new_v4();
            if readable && let Err(e) = prefs.save(path) {
                warn!("could not save the new player id: {e}");
            }
        }
        prefs
    }

    /// The stored preferences (defaults when missing or unreadable) and
    /// whether the file may be written over (missing or read fine).
    fn read(path: &PreferencesPath) -> (Preferences, bool) {
        let Some(path) = &path.0 else {
            return (Preferences::default(), false);
        };
        match std::fs::read_to_string(path) {
            Ok(text) => match ron::from_str(&text) {
                Ok(prefs) => (prefs, true),
                Err(e) => {
                    warn!("ignoring unreadable preferences {}: {e}", path.display());
                    (Preferences::default(), false)
                }
            },
            Err(_) => (Preferences::default(), true),
        }
    }

    /// Writes preferences (atomically: temp file then rename).
    pub fn save(&self, path: &PreferencesPath) -> std::io::Result<()> {
        let Some(path) = &path.0 else {
            return Ok(());
        };
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let text = ron::ser::to_string_pretty(self, ron::ser::PrettyConfig::default())
            .map_err(std::io::Error::other)?;
        let tmp = path.with_extension("ron.tmp");
        std::fs::write(&tmp, text)?;
        std::fs::rename(tmp, path)
    }
}

/// Saves preferences whenever they change (after the first frame).
pub fn save_when_changed(prefs: Res<Preferences>, path: Res<PreferencesPath>) {
    if prefs.is_changed()
        && !prefs.is_added()
        && let Err(e) = prefs.save(&path)
    {
        warn!("could not save preferences: {e}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(dir: &Path) -> PreferencesPath {
        PreferencesPath(Some(dir.join("preferences.ron")))
    }

    /// The id is made at the first start, read back at every later one, and
    /// a rename (or any other change) keeps it.
    #[test]
    fn the_player_id_is_created_once_and_survives_restarts_and_renames() {
        let dir = tempfile::tempdir().unwrap();
        let first = Preferences::load(&at(dir.path()));
        let id = first.profile.player_id;
        assert!(!id.is_nil());
        assert!(at(dir.path()).0.unwrap().exists(), "saved at once");
        assert_eq!(Preferences::load(&at(dir.path())).profile.player_id, id);

        let mut renamed = Preferences::load(&at(dir.path()));
        renamed.profile.name = "Sam".into();
        renamed.save(&at(dir.path())).unwrap();
        renamed.profile.name = "Samantha".into();
        renamed.save(&at(dir.path())).unwrap();
        let back = Preferences::load(&at(dir.path()));
        assert_eq!(
            (back.profile.player_id, back.profile.name.as_str()),
            (id, "Samantha")
        );

        let other = tempfile::tempdir().unwrap();
        assert_ne!(Preferences::load(&at(other.path())).profile.player_id, id);
    }

    /// Preferences saved before player ids get one, kept from then on; the
    /// name and settings stay as they were.
    #[test]
    fn preferences_from_before_player_ids_gain_one() {
        let dir = tempfile::tempdir().unwrap();
        let path = at(dir.path());
        std::fs::write(
            path.0.as_ref().unwrap(),
            "(profile: (name: \"Jo\", team: \"North\"), intro_seen: true)",
        )
        .unwrap();
        let prefs = Preferences::load(&path);
        assert_eq!(prefs.profile.name, "Jo");
        assert!(prefs.intro_seen);
        assert!(!prefs.profile.player_id.is_nil());
        assert_eq!(
            Preferences::load(&path).profile.player_id,
            prefs.profile.player_id
        );
    }

    /// A broken file is not written over: the player may want to repair it.
    #[test]
    fn a_broken_file_is_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let path = at(dir.path());
        std::fs::write(path.0.as_ref().unwrap(), "(profile: (name: ").unwrap();
        let prefs = Preferences::load(&path);
        assert!(!prefs.profile.player_id.is_nil());
        let text = std::fs::read_to_string(path.0.as_ref().unwrap()).unwrap();
        assert_eq!(text, "(profile: (name: ");
    }
}
