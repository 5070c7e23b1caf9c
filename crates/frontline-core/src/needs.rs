//! The six customer needs every encounter is scored on, and a small fixed-size
//! map keyed by them.

use serde::{Deserialize, Serialize};
use std::fmt;

/// One of the six things every customer needs from a service encounter.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Need {
    /// Being greeted and treated warmly, as a person.
    Friendliness,
    /// Being listened to and understood ("understanding & empathy").
    Empathy,
    /// Being treated fairly and even-handedly, in turn, by the same rules.
    Fairness,
    /// Being offered options and alternatives when the first answer is no.
    Options,
    /// Keeping some control: the customer chooses, is not pushed.
    Control,
    /// Being told what is happening, what comes next and how long it takes.
    Information,
}

impl Need {
    /// All six needs, in the order the debrief shows them.
    pub const ALL: [Need; 6] = [
        Need::Friendliness,
        Need::Empathy,
        Need::Fairness,
        Need::Options,
        Need::Control,
        Need::Information,
    ];

    /// The identifier trainers write in RON files (`Friendliness`, `Empathy`, ...).
    pub fn key(self) -> &'static str {
        match self {
            Need::Friendliness => "Friendliness",
            Need::Empathy => "Empathy",
            Need::Fairness => "Fairness",
            Need::Options => "Options",
            Need::Control => "Control",
            Need::Information => "Information",
        }
    }

    /// The name players see ("Understanding & empathy", ...).
    pub fn label(self) -> &'static str {
        match self {
            Need::Friendliness => "Friendliness",
            Need::Empathy => "Understanding & empathy",
            Need::Fairness => "Fairness",
            Need::Options => "Options & alternatives",
            Need::Control => "Control",
            Need::Information => "Information",
        }
    }

    /// Position of this need in [`Need::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }

    /// Parses the RON identifier of a need (exact, case-sensitive).
    pub fn from_key(key: &str) -> Option<Need> {
        Need::ALL.into_iter().find(|n| n.key() == key)
    }
}

impl fmt::Display for Need {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// A value for each of the six needs, stored in a fixed array (no allocation).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct NeedMap<T>(pub [T; 6]);

impl<T> NeedMap<T> {
    /// Builds a map by calling `f` for each need.
    pub fn from_fn(mut f: impl FnMut(Need) -> T) -> Self {
        NeedMap(Need::ALL.map(&mut f))
    }

    /// Iterates over `(need, &value)` in [`Need::ALL`] order.
    pub fn iter(&self) -> impl Iterator<Item = (Need, &T)> {
        Need::ALL.into_iter().zip(self.0.iter())
    }

    /// Applies `f` to every value.
    pub fn map<U>(&self, mut f: impl FnMut(Need, &T) -> U) -> NeedMap<U> {
        NeedMap::from_fn(|n| f(n, &self.0[n.index()]))
    }
}

impl<T> std::ops::Index<Need> for NeedMap<T> {
    type Output = T;
    fn index(&self, need: Need) -> &T {
        &self.0[need.index()]
    }
}

impl<T> std::ops::IndexMut<Need> for NeedMap<T> {
    fn index_mut(&mut self, need: Need) -> &mut T {
        &mut self.0[need.index()]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_round_trip_and_index_matches_order() {
        for (i, need) in Need::ALL.into_iter().enumerate() {
            assert_eq!(Need::from_key(need.key()), Some(need));
            assert_eq!(need.index(), i);
        }
        assert_eq!(Need::from_key("friendliness"), None);
    }

    #[test]
    fn need_map_indexes_by_need() {
        let mut m = NeedMap::from_fn(|n| n.index() as i32);
        m[Need::Control] += 10;
        assert_eq!(m[Need::Control], 14);
        assert_eq!(m.iter().count(), 6);
    }
}
