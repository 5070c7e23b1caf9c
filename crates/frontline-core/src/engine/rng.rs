//! The encounter's seeded randomness: `ChaCha8Rng` is portable, so a seed
//! gives the same name, random branches and choice order on every machine.

use rand::{Rng, SeedableRng, seq::SliceRandom};
use rand_chacha::ChaCha8Rng;

/// The RNG for an encounter with `seed`.
pub fn seeded(seed: u64) -> ChaCha8Rng {
    ChaCha8Rng::seed_from_u64(seed)
}

/// Picks one of `len` people (the customer for this play); `None` when there is nobody.
/// Draws exactly as the old name pick did, so seeds keep their names.
pub fn pick(rng: &mut ChaCha8Rng, len: usize) -> Option<usize> {
    (len > 0).then(|| rng.random_range(0..len))
}

/// Shuffles the display order.
pub fn shuffle(rng: &mut ChaCha8Rng, order: &mut [usize]) {
    order.shuffle(rng);
}

/// Picks an option index in proportion to its weight; uniformly when all
/// weights are 0; `None` when there is no option. Only options
/// [`step::drawable`](super::step::drawable) lists can come out.
pub fn weighted(rng: &mut ChaCha8Rng, options: &[(u32, usize)]) -> Option<usize> {
    if options.is_empty() {
        return None;
    }
    let total: u64 = options.iter().map(|(w, _)| u64::from(*w)).sum();
    if total == 0 {
        return Some(rng.random_range(0..options.len()));
    }
    let mut roll = rng.random_range(0..total);
    for (i, &(w, _)) in options.iter().enumerate() {
        if roll < u64::from(w) {
            return Some(i);
        }
        roll -= u64::from(w);
    }
    Some(options.len() - 1)
}
