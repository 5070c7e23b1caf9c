//! Conditions and flags: `Visited` targets, conditions that can never (or always)
//! hold, flags read but never set, flags set but never read.

use super::{Checker, node_path};
use crate::scenario::model::{Condition, Node};
use crate::scenario::source_map::Seg;
use std::collections::BTreeMap;

/// Most truth assignments tried when deciding whether a condition can hold.
const MAX_ASSIGNMENTS: usize = 4096;

/// Where a condition is used, which decides how "always true" is worded.
#[derive(Clone, Copy)]
enum Use {
    Requires,
    Case,
}

/// Runs the condition and flag checks.
pub(super) fn check(c: &mut Checker) {
    let scenario = c.scenario;
    let mut reads: BTreeMap<&str, Vec<Seg>> = BTreeMap::new();
    let mut sets: BTreeMap<&str, Vec<Seg>> = BTreeMap::new();
    for (id, node) in &scenario.nodes {
        match node {
            Node::Line { choices, .. } => {
                for (i, choice) in choices.iter().enumerate() {
                    let choice_at = [Seg::Field("choices"), Seg::Index(i)];
                    for (k, flag) in choice.sets.iter().enumerate() {
                        let at = || {
                            node_path(
                                id,
                                &[&choice_at[..], &[Seg::Field("sets"), Seg::Index(k)]].concat(),
                            )
                        };
                        sets.entry(flag).or_insert_with(at);
                    }
                    if let Some(condition) = &choice.requires {
                        let at =
                            node_path(id, &[&choice_at[..], &[Seg::Field("requires")]].concat());
                        check_condition(c, condition, at, Use::Requires, &mut reads);
                    }
                }
            }
            Node::Branch { cases, .. } => {
                for (i, case) in cases.iter().enumerate() {
                    let at = node_path(
                        id,
                        &[Seg::Field("cases"), Seg::Index(i), Seg::Field("when")],
                    );
                    check_condition(c, &case.when, at, Use::Case, &mut reads);
                }
            }
            _ => {}
        }
    }
    for (flag, at) in &reads {
        if !sets.contains_key(flag) {
            let help = c.suggest(flag, sets.keys().copied());
            let message = format!("the flag `{flag}` is checked here, but no choice ever sets it");
            let p = c.error("flag-never-set", message, at.clone());
            p.help = help.or_else(|| {
                Some(format!(
                    "add `sets: [\"{flag}\"]` to the choice that should raise it"
                ))
            });
        }
    }
    for (flag, at) in &sets {
        if !reads.contains_key(flag) {
            let message = format!("the flag `{flag}` is set here, but no condition ever checks it");
            c.warning("flag-never-read", message, at.clone());
        }
    }
}

fn check_condition<'s>(
    c: &mut Checker<'s>,
    condition: &'s Condition,
    at: Vec<Seg>,
    usage: Use,
    reads: &mut BTreeMap<&'s str, Vec<Seg>>,
) {
    walk(c, condition, &at, reads);
    let mut atoms = Atoms::default();
    collect(condition, &mut atoms);
    match decide(condition, &atoms) {
        Some(Verdict::Never) => {
            c.error(
                "impossible-condition",
                "this condition can never hold".into(),
                at,
            )
            .help = Some(match usage {
                Use::Requires => {
                    "the choice would never be offered; check the numbers and `Not`s".into()
                }
                Use::Case => "this case would never be taken; check the numbers and `Not`s".into(),
            });
        }
        Some(Verdict::Always) => {
            let message = match usage {
                Use::Requires => "this condition always holds, so `requires` has no effect",
                Use::Case => {
                    "this condition always holds, so later cases and `otherwise` are never taken"
                }
            };
            c.warning("always-true-condition", message.into(), at);
        }
        _ => {}
    }
}

/// The distinct things a condition looks at.
#[derive(Default)]
struct Atoms<'s> {
    /// Flags and visited nodes (true/false each), `(is_visited, name)`.
    switches: Vec<(bool, &'s str)>,
    /// Interesting mood values (0..=100).
    moods: Vec<i32>,
    /// Interesting elapsed times.
    times: Vec<u32>,
    /// Size of the condition tree.
    size: usize,
}

/// Records flag reads and checks `Visited` targets, with their positions.
fn walk<'s>(
    c: &mut Checker<'s>,
    condition: &'s Condition,
    at: &[Seg],
    reads: &mut BTreeMap<&'s str, Vec<Seg>>,
) {
    let inner = |k: usize| [at, &[Seg::Index(k)]].concat();
    match condition {
        Condition::Flag(flag) => {
            reads.entry(flag).or_insert_with(|| inner(0));
        }
        Condition::Visited(node) => c.check_target(node, "`Visited` refers to", inner(0)),
        Condition::Not(inner_condition) => walk(c, inner_condition, &inner(0), reads),
        Condition::All(list) | Condition::Any(list) => {
            for (k, item) in list.iter().enumerate() {
                walk(
                    c,
                    item,
                    &[at, &[Seg::Index(0), Seg::Index(k)]].concat(),
                    reads,
                );
            }
        }
        _ => {}
    }
}

/// Collects the distinct things `condition` looks at.
fn collect<'s>(condition: &'s Condition, atoms: &mut Atoms<'s>) {
    atoms.size += 1;
    match condition {
        Condition::Flag(flag) => atoms.switches.push((false, flag)),
        Condition::Visited(node) => atoms.switches.push((true, node)),
        Condition::Not(inner) => collect(inner, atoms),
        Condition::All(list) | Condition::Any(list) => {
            list.iter().for_each(|item| collect(item, atoms))
        }
        Condition::MoodAtLeast(v) | Condition::MoodBelow(v) => {
            atoms
                .moods
                .extend([*v, v.saturating_sub(1)].map(|m| m.clamp(0, 100)));
        }
        Condition::TimeAtLeast(t) => atoms.times.extend([*t, t.saturating_sub(1)]),
    }
}

#[derive(Debug, PartialEq)]
enum Verdict {
    Never,
    Always,
    Sometimes,
}

/// The state a condition is evaluated against.
struct World<'a, 's> {
    switches: &'a [(bool, &'s str)],
    on: u64,
    mood: i32,
    time: u32,
}

/// Tries every combination of the atoms; `None` when there are too many.
fn decide(condition: &Condition, atoms: &Atoms) -> Option<Verdict> {
    let mut switches = atoms.switches.clone();
    switches.sort_unstable();
    switches.dedup();
    let mut moods = atoms.moods.clone();
    moods.extend([0, 100]);
    moods.sort_unstable();
    moods.dedup();
    let mut times = atoms.times.clone();
    times.push(0);
    times.sort_unstable();
    times.dedup();
    if switches.len() > 12 {
        return None;
    }
    let combos = (1usize << switches.len()) * moods.len() * times.len();
    if combos > MAX_ASSIGNMENTS || combos.saturating_mul(atoms.size) > 64 * MAX_ASSIGNMENTS {
        return None;
    }
    let (mut seen_true, mut seen_false) = (false, false);
    for on in 0..(1u64 << switches.len()) {
        for &mood in &moods {
            for &time in &times {
                let world = World {
                    switches: &switches,
                    on,
                    mood,
                    time,
                };
                if holds(condition, &world) {
                    seen_true = true;
                } else {
                    seen_false = true;
                }
            }
        }
    }
    Some(match (seen_true, seen_false) {
        (false, _) => Verdict::Never,
        (true, false) => Verdict::Always,
        _ => Verdict::Sometimes,
    })
}

fn holds(condition: &Condition, world: &World) -> bool {
    let switch = |visited: bool, name: &str| {
        let i = world.switches.binary_search(&(visited, name)).unwrap_or(0);
        world.on & (1 << i) != 0
    };
    match condition {
        Condition::Flag(f) => switch(false, f),
        Condition::Visited(n) => switch(true, n),
        Condition::Not(inner) => !holds(inner, world),
        Condition::All(list) => list.iter().all(|c| holds(c, world)),
        Condition::Any(list) => list.iter().any(|c| holds(c, world)),
        Condition::MoodAtLeast(v) => world.mood >= *v,
        Condition::MoodBelow(v) => world.mood < *v,
        Condition::TimeAtLeast(t) => world.time >= *t,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Condition::*;

    fn verdict(condition: &Condition) -> Option<Verdict> {
        let mut atoms = Atoms::default();
        collect(condition, &mut atoms);
        decide(condition, &atoms)
    }

    #[test]
    fn finds_impossible_and_always_true_conditions() {
        let flag = || Flag("a".into());
        assert_eq!(verdict(&MoodAtLeast(101)), Some(Verdict::Never));
        assert_eq!(verdict(&MoodBelow(0)), Some(Verdict::Never));
        assert_eq!(
            verdict(&All(vec![flag(), Not(Box::new(flag()))])),
            Some(Verdict::Never)
        );
        assert_eq!(
            verdict(&All(vec![MoodAtLeast(60), MoodBelow(40)])),
            Some(Verdict::Never)
        );
        assert_eq!(verdict(&Any(vec![])), Some(Verdict::Never));
        assert_eq!(
            verdict(&Any(vec![flag(), Not(Box::new(flag()))])),
            Some(Verdict::Always)
        );
        assert_eq!(verdict(&MoodAtLeast(0)), Some(Verdict::Always));
        assert_eq!(
            verdict(&All(vec![MoodAtLeast(40), MoodBelow(41)])),
            Some(Verdict::Sometimes)
        );
        assert_eq!(verdict(&TimeAtLeast(30)), Some(Verdict::Sometimes));
        assert_eq!(verdict(&flag()), Some(Verdict::Sometimes));
    }
}
