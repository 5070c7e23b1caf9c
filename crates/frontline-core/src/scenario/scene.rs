//! Where and when an encounter happens, and who can walk up: the `scene:` and
//! `people:` parts of the trainer's contract, so the drawn scene follows the story.

use super::model::{Customer, Look};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::fmt;

/// Longest ticket number shown on the display, in characters.
pub const MAX_TICKET_CHARS: usize = 6;

/// The time of day when `time:` is left out.
pub const DEFAULT_TIME: &str = "10:00";

/// Where and when the encounter takes place.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scene {
    /// Where the player serves the customer.
    #[serde(default)]
    pub place: Place,
    /// Local time of day, `HH:MM` on a 24-hour clock; drives the clock and the window light.
    #[serde(default = "default_time")]
    pub time: String,
    /// People waiting in line when the encounter starts; 0 = no queue.
    #[serde(default)]
    pub queue: u32,
    /// Ticket number shown on the queue display, if any.
    #[serde(default)]
    pub ticket: Option<String>,
}

fn default_time() -> String {
    DEFAULT_TIME.to_string()
}

impl Default for Scene {
    fn default() -> Self {
        Scene {
            place: Place::default(),
            time: default_time(),
            queue: 0,
            ticket: None,
        }
    }
}

impl Scene {
    /// The time of day; the default time when `time` is not a valid `HH:MM`
    /// (the validator reports that as an error, so only unchecked files get here).
    pub fn time_of_day(&self) -> TimeOfDay {
        TimeOfDay::parse(&self.time).unwrap_or(TimeOfDay {
            hour: 10,
            minute: 0,
        })
    }
}

/// Where the player serves the customer.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Place {
    /// Face to face across a service counter (the default).
    #[default]
    Counter,
    /// A phone call: the player's side with a headset or handset, no queue.
    Phone,
    /// An office desk: a colleague or visitor at the player's desk.
    Desk,
    /// A video call on the player's screen, no queue.
    VideoCall,
    /// Out on the shop floor, among the shelves.
    ShopFloor,
}

impl Place {
    /// Every place, in the order the guide lists them.
    pub const ALL: [Place; 5] = [
        Place::Counter,
        Place::Phone,
        Place::Desk,
        Place::VideoCall,
        Place::ShopFloor,
    ];

    /// True when the customer is not in the room (phone or video), so nobody queues.
    pub fn is_remote(self) -> bool {
        matches!(self, Place::Phone | Place::VideoCall)
    }
}

/// A time of day on a 24-hour clock.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct TimeOfDay {
    /// 0..=23.
    pub hour: u8,
    /// 0..=59.
    pub minute: u8,
}

impl TimeOfDay {
    /// Reads `HH:MM` (two digits each, 24-hour clock); the error says what is wrong.
    pub fn parse(text: &str) -> Result<TimeOfDay, &'static str> {
        let (h, m) = text
            .split_once(':')
            .ok_or("is not written as HH:MM (for example \"21:40\")")?;
        let two_digits = |s: &str| s.len() == 2 && s.bytes().all(|b| b.is_ascii_digit());
        if !two_digits(h) || !two_digits(m) {
            return Err("is not written as HH:MM with two digits each (for example \"09:05\")");
        }
        let (hour, minute): (u8, u8) = (h.parse().unwrap_or(99), m.parse().unwrap_or(99));
        if hour > 23 {
            return Err("has an hour above 23 (the clock runs from 00:00 to 23:59)");
        }
        if minute > 59 {
            return Err("has minutes above 59");
        }
        Ok(TimeOfDay { hour, minute })
    }

    /// The light outside the window at this time.
    pub fn daylight(self) -> Daylight {
        match self.hour {
            6 => Daylight::Dawn,
            7..=17 => Daylight::Day,
            18..=19 => Daylight::Dusk,
            _ => Daylight::Night,
        }
    }
}

impl fmt::Display for TimeOfDay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}", self.hour, self.minute)
    }
}

/// The light outside the window, from [`TimeOfDay::daylight`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Daylight {
    /// 06:00–06:59.
    Dawn,
    /// 07:00–17:59.
    Day,
    /// 18:00–19:59.
    Dusk,
    /// 20:00–05:59.
    Night,
}

/// One person who may be the customer: a name with its own face and pronouns.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Person {
    /// Fills `{name}`.
    pub name: String,
    /// Fill `{they}`, `{them}`, `{their}` and the other pronoun placeholders.
    #[serde(default)]
    pub pronouns: Pronouns,
    /// This person's portrait.
    #[serde(default)]
    pub look: Look,
}

/// Which pronouns the pronoun placeholders become.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Pronouns {
    /// she, her, her, hers, herself.
    She,
    /// he, him, his, his, himself.
    He,
    /// they, them, their, theirs, themself (the default).
    #[default]
    They,
}

impl Customer {
    /// Everyone who may be the customer, in file order: `people` when given,
    /// else one person per `names` entry with pronouns `They` and the shared `look`.
    pub fn people(&self) -> Cow<'_, [Person]> {
        match &self.people {
            Some(people) => Cow::Borrowed(people),
            None => Cow::Owned(
                self.names
                    .iter()
                    .map(|name| Person {
                        name: name.clone(),
                        pronouns: Pronouns::They,
                        look: self.look.clone(),
                    })
                    .collect(),
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_parse_only_as_two_digit_24_hour_clock() {
        assert_eq!(
            TimeOfDay::parse("21:40"),
            Ok(TimeOfDay {
                hour: 21,
                minute: 40
            })
        );
        assert_eq!(
            TimeOfDay::parse("00:00").map(|t| t.to_string()),
            Ok("00:00".into())
        );
        for bad in [
            "9:40", "24:00", "12:60", "1240", "ab:cd", "", "12:5", "+1:00",
        ] {
            assert!(TimeOfDay::parse(bad).is_err(), "{bad} parsed");
        }
    }

    #[test]
    fn the_window_is_dark_at_night_and_light_by_day() {
        let at = |t: &str| TimeOfDay::parse(t).unwrap().daylight();
        assert_eq!(at("23:59"), Daylight::Night);
        assert_eq!(at("00:10"), Daylight::Night);
        assert_eq!(at("06:30"), Daylight::Dawn);
        assert_eq!(at("10:10"), Daylight::Day);
        assert_eq!(at("18:45"), Daylight::Dusk);
    }

    #[test]
    fn only_phone_and_video_are_remote() {
        let remote: Vec<_> = Place::ALL.into_iter().filter(|p| p.is_remote()).collect();
        assert_eq!(remote, [Place::Phone, Place::VideoCall]);
    }
}
