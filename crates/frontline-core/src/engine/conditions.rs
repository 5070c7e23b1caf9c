//! Evaluating [`Cond`]itions against any state that can answer the four
//! questions a condition may ask (used by the engine and by the analysis).

use super::compiled::Cond;

/// What a condition can look at.
pub trait CondState {
    /// Whether flag bit `bit` is raised.
    fn flag(&self, bit: usize) -> bool;
    /// Whether node `node` has been left at least once.
    fn visited(&self, node: usize) -> bool;
    /// Current mood, 0..=100.
    fn mood(&self) -> i32;
    /// Seconds elapsed.
    fn elapsed(&self) -> u32;
}

impl Cond {
    /// Whether the condition holds in `state`.
    pub fn holds(&self, state: &impl CondState) -> bool {
        match self {
            Cond::Flag(b) => state.flag(*b),
            Cond::Not(c) => !c.holds(state),
            Cond::All(cs) => cs.iter().all(|c| c.holds(state)),
            Cond::Any(cs) => cs.iter().any(|c| c.holds(state)),
            Cond::Visited(n) => state.visited(*n),
            Cond::MoodAtLeast(m) => state.mood() >= *m,
            Cond::MoodBelow(m) => state.mood() < *m,
            Cond::TimeAtLeast(t) => state.elapsed() >= *t,
        }
    }

    /// Calls `f` on this condition and every nested one.
    pub fn walk(&self, f: &mut impl FnMut(&Cond)) {
        f(self);
        match self {
            Cond::Not(c) => c.walk(f),
            Cond::All(cs) | Cond::Any(cs) => cs.iter().for_each(|c| c.walk(f)),
            _ => {}
        }
    }
}

/// A growable set of flag bits (one `u64` word per 64 flags).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct FlagSet {
    words: Vec<u64>,
}

impl FlagSet {
    /// An empty set able to hold `bits` flags without growing.
    pub fn with_capacity(bits: usize) -> Self {
        FlagSet {
            words: vec![0; bits.div_ceil(64)],
        }
    }

    /// Whether `bit` is set.
    pub fn get(&self, bit: usize) -> bool {
        self.words
            .get(bit / 64)
            .is_some_and(|w| w & (1 << (bit % 64)) != 0)
    }

    /// Sets or clears `bit`.
    pub fn put(&mut self, bit: usize, on: bool) {
        let word = bit / 64;
        if word >= self.words.len() {
            if !on {
                return;
            }
            self.words.resize(word + 1, 0);
        }
        if on {
            self.words[word] |= 1 << (bit % 64);
        } else {
            self.words[word] &= !(1 << (bit % 64));
        }
    }

    /// Clears every bit, keeping the storage.
    pub fn clear(&mut self) {
        self.words.iter_mut().for_each(|w| *w = 0);
    }

    /// Indices of the set bits, ascending.
    pub fn iter(&self) -> impl Iterator<Item = usize> + '_ {
        self.words.iter().enumerate().flat_map(|(i, &w)| {
            (0..64)
                .filter(move |b| w & (1 << b) != 0)
                .map(move |b| i * 64 + b)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct S {
        flags: FlagSet,
        visited: Vec<bool>,
        mood: i32,
        elapsed: u32,
    }
    impl CondState for S {
        fn flag(&self, bit: usize) -> bool {
            self.flags.get(bit)
        }
        fn visited(&self, node: usize) -> bool {
            self.visited.get(node).copied().unwrap_or(false)
        }
        fn mood(&self) -> i32 {
            self.mood
        }
        fn elapsed(&self) -> u32 {
            self.elapsed
        }
    }

    fn state() -> S {
        let mut flags = FlagSet::default();
        flags.put(70, true);
        S {
            flags,
            visited: vec![false, true],
            mood: 40,
            elapsed: 30,
        }
    }

    #[test]
    fn each_condition_kind_evaluates() {
        let s = state();
        assert!(Cond::Flag(70).holds(&s));
        assert!(!Cond::Flag(3).holds(&s));
        assert!(Cond::Not(Box::new(Cond::Flag(3))).holds(&s));
        assert!(Cond::Visited(1).holds(&s));
        assert!(!Cond::Visited(0).holds(&s));
        assert!(!Cond::Visited(99).holds(&s));
        assert!(Cond::MoodAtLeast(40).holds(&s));
        assert!(!Cond::MoodAtLeast(41).holds(&s));
        assert!(Cond::MoodBelow(41).holds(&s));
        assert!(!Cond::MoodBelow(40).holds(&s));
        assert!(Cond::TimeAtLeast(30).holds(&s));
        assert!(!Cond::TimeAtLeast(31).holds(&s));
        assert!(Cond::All(vec![]).holds(&s));
        assert!(!Cond::Any(vec![]).holds(&s));
        assert!(Cond::All(vec![Cond::Flag(70), Cond::Visited(1)]).holds(&s));
        assert!(!Cond::All(vec![Cond::Flag(70), Cond::Visited(0)]).holds(&s));
        assert!(Cond::Any(vec![Cond::Flag(1), Cond::Visited(1)]).holds(&s));
    }

    #[test]
    fn flag_set_grows_and_clears() {
        let mut f = FlagSet::with_capacity(2);
        f.put(130, true);
        f.put(1, true);
        assert_eq!(f.iter().collect::<Vec<_>>(), vec![1, 130]);
        f.put(130, false);
        f.put(500, false);
        assert_eq!(f.iter().collect::<Vec<_>>(), vec![1]);
        f.clear();
        assert!(!f.get(1));
    }
}
